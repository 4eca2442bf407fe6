"""What every kind's row model is built from: the column type (Indonesian header, aliases)
and the value parsers, so that lists written with other wordings or in English are read too.
The parsers read dates in Indonesian or ISO form, labels or codes, countries by name or ISO
code; each kind's model (importing/kinds/) checks what one row can tell by itself, and the
importer adds what needs the database or the whole file. The same models validate the
single-record entry forms.

>>> parse_date("17 Juli 2024"), parse_date("2024-07-17"), parse_date("17/07/2024")
(datetime.date(2024, 7, 17), datetime.date(2024, 7, 17), datetime.date(2024, 7, 17))
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from pora_dash import clock
from pora_dash.i18n import catalog
from pora_dash.importing.matching import match_nationality
from pora_dash.store.models import (
    ACCOMMODATIONS,
    ACTION_STATUSES,
    INCIDENT_KINDS,
    LIFECYCLES,
    MEETING_LEVELS,
    SEXES,
    UNHCR_STATUSES,
)


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # Indonesian, as in the templates
    example: str
    required: bool = False
    aliases: tuple[str, ...] = ()


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    return re.sub(
        r"[^0-9a-z]+", "", "".join(c for c in text if not unicodedata.combining(c)).casefold()
    )


REGION_FIELDS = (
    Column("region_code", "Kode wilayah", "", aliases=("kode kemendagri", "region code", "kode")),
    Column("province", "Provinsi", "Jawa Tengah", aliases=("propinsi", "province", "prov")),
    Column(
        "kabkota",
        "Kabupaten/Kota",
        "Kab. Brebes",
        aliases=("kabupaten", "kota", "kab/kota", "kabkota", "regency", "city", "district"),
    ),
    Column("kecamatan", "Kecamatan", "Sirampog", aliases=("kec", "subdistrict", "sub-district")),
    Column("desa", "Desa/Kelurahan", "", aliases=("desa", "kelurahan", "village")),
)


# ------------------------------------------------------------------------------ cell parsers


def _blank(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return value.strip() if isinstance(value, str) else value


def _fail(key: str, value: Any, **extra: object) -> PydanticCustomError:
    return PydanticCustomError(key, key, {"value": str(value)[:60], **extra})


_MONTHS = {
    **{
        m: i
        for i, m in enumerate(
            (
                "januari februari maret april mei juni juli agustus september oktober november desember"
            ).split(),
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            "january february march april may june july august september october november december".split(),
            start=1,
        )
    },
    **{
        m: i
        for i, m in enumerate("jan feb mar apr mei jun jul agu sep okt nov des".split(), start=1)
    },
    **{"aug": 8, "oct": 10, "dec": 12, "agt": 8, "agust": 8, "sept": 9, "may": 5},
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})[ \-]+([A-Za-z]+)\.?[ \-]+(\d{4})$")


def parse_date(value: Any) -> dt.date | None:
    """Dates as agencies write them; None when blank; an error for impossible dates.

    >>> parse_date("17 Juli 2024"), parse_date("2024-07-17"), parse_date("17/07/2024")
    (datetime.date(2024, 7, 17), datetime.date(2024, 7, 17), datetime.date(2024, 7, 17))
    """
    value = _blank(value)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    parts: tuple[int, int, int] | None = None
    if m := _ISO.match(text):
        parts = (int(m[1]), int(m[2]), int(m[3]))
    elif m := _DMY.match(text):
        parts = (int(m[3]), int(m[2]), int(m[1]))
    elif (m := _WORDS.match(text)) and m[2].casefold() in _MONTHS:
        parts = (int(m[3]), _MONTHS[m[2].casefold()], int(m[1]))
    if parts is None:
        raise _fail("import.row.bad_date", value)
    try:
        day = dt.date(*parts)
    except ValueError:
        raise _fail("import.row.bad_date", value) from None
    if day.year < 1900:
        raise _fail("import.row.bad_date", value)
    if day > clock.today():
        raise _fail("import.row.future_date", value)
    return day


def _text(limit: int) -> Callable[[Any], str | None]:
    def parse(value: Any) -> str | None:
        value = _blank(value)
        if value is None:
            return None
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        if len(text) > limit:
            raise _fail("import.row.too_long", text, n=limit)
        if any(ord(c) < 32 and c not in "\n\t" for c in text):
            raise _fail("import.row.bad_text", text)
        return text

    return parse


def _int(low: int, high: int) -> Callable[[Any], int | None]:
    def parse(value: Any) -> int | None:
        value = _blank(value)
        if value is None:
            return None
        text = str(value).replace(" ", "")
        if re.fullmatch(r"\d+(\.0+)?", text) is None:
            raise _fail("import.row.bad_number", value)
        number = int(text.split(".")[0])
        if not low <= number <= high:
            raise _fail("import.row.out_of_range", value, low=low, high=high)
        return number

    return parse


def _float(low: float, high: float) -> Callable[[Any], float | None]:
    def parse(value: Any) -> float | None:
        value = _blank(value)
        if value is None:
            return None
        try:
            number = float(str(value).replace(",", "."))
        except ValueError:
            raise _fail("import.row.bad_number", value) from None
        if not low <= number <= high:
            raise _fail("import.row.out_of_range", value, low=low, high=high)
        return number

    return parse


@lru_cache(maxsize=32)
def _choices(
    prefix: str, codes: tuple[str, ...], extra: tuple[tuple[str, str], ...]
) -> dict[str, str]:
    """Written forms -> code: the codes, their labels in both languages, and aliases."""
    table = {norm(c): c for c in codes}
    for lang in ("id", "en"):
        strings = catalog(lang)
        for code in codes:
            label = strings.get(f"{prefix}.{code}")
            if label:
                table.setdefault(norm(label), code)
                table.setdefault(norm(label.split("(")[0]), code)
    table.update({norm(k): v for k, v in extra})
    return table


def _choice(prefix: str, codes: tuple[str, ...], **aliases: str) -> Callable[[Any], str | None]:
    extra = tuple((k.replace("_", " "), v) for k, v in aliases.items())

    def parse(value: Any) -> str | None:
        value = _blank(value)
        if value is None:
            return None
        code = _choices(prefix, codes, extra).get(norm(str(value)))
        if code is None:
            allowed = ", ".join(catalog("id").get(f"{prefix}.{c}", c) for c in codes)
            raise _fail("import.row.bad_choice", value, allowed=allowed)
        return code

    return parse


def _nationality(value: Any) -> str | None:
    value = _blank(value)
    if value is None:
        return None
    code = match_nationality(str(value))
    if code is None:
        raise _fail("import.row.bad_nationality", value)
    return code


def _yes_no(value: Any) -> bool | None:
    value = _blank(value)
    if value is None:
        return None
    text = norm(str(value))
    if text in ("ya", "y", "yes", "true", "1", "buka", "aktif", "open"):
        return True
    if text in ("tidak", "t", "no", "n", "false", "0", "tutup", "closed"):
        return False
    raise _fail("import.row.bad_choice", value, allowed="ya, tidak")


Text = Annotated[str | None, BeforeValidator(_text(160))]
Text40 = Annotated[str | None, BeforeValidator(_text(40))]
Text200 = Annotated[str | None, BeforeValidator(_text(200))]
Text240 = Annotated[str | None, BeforeValidator(_text(240))]
LongText = Annotated[str | None, BeforeValidator(_text(4000))]
Date = Annotated[dt.date | None, BeforeValidator(parse_date)]
Nationality = Annotated[str | None, BeforeValidator(_nationality)]
Status = Annotated[
    str | None,
    BeforeValidator(
        _choice(
            "status",
            UNHCR_STATUSES,
            pengungsi="refugee",
            pencari_suaka="asylum_seeker",
            asylum_seeker="asylum_seeker",
            refugee="refugee",
            terdaftar="registered_pending",
            menunggu="registered_pending",
            pending="registered_pending",
            registered="registered_pending",
            ditolak="rejected",
            rejected="rejected",
            closed="rejected",
            ditutup="rejected",
            unregistered="not_registered",
            not_registered="not_registered",
            belum_terdaftar="not_registered",
            tidak_terdaftar="not_registered",
            non_registered="not_registered",
        )
    ),
]
Sex = Annotated[
    str | None,
    BeforeValidator(
        _choice(
            "sex",
            SEXES,
            l="M",
            lk="M",
            laki="M",
            laki_laki="M",
            pria="M",
            male="M",
            p="F",
            pr="F",
            wanita="F",
            female="F",
        )
    ),
]
Accommodation = Annotated[
    str | None,
    BeforeValidator(
        _choice(
            "accommodation",
            ACCOMMODATIONS,
            rumah_komunitas="community_housing",
            community_house="community_housing",
            ch="community_housing",
            iom="community_housing",
            detensi="rudenim",
            shelter="shelter",
            penampungan_sementara="shelter",
            mandiri="independent",
        )
    ),
]
SiteKind = Annotated[
    str | None,
    BeforeValidator(
        _choice(
            "accommodation",
            ACCOMMODATIONS[:3],
            rumah_komunitas="community_housing",
            community_house="community_housing",
            ch="community_housing",
        )
    ),
]
Lifecycle = Annotated[
    str | None,
    BeforeValidator(
        _choice(
            "lifecycle",
            LIFECYCLES,
            resettlement="resettled",
            pemukiman_kembali="resettled",
            repatriasi="voluntary_return",
            hilang="unknown",
        )
    ),
]
IncidentKind = Annotated[
    str | None,
    BeforeValidator(
        _choice(
            "incident",
            INCIDENT_KINDS,
            ketegangan="tension",
            konflik="tension",
            unjuk_rasa="protest",
            demo="protest",
            pelanggaran_izin="permit_violation",
            kedatangan_baru="new_arrivals",
            darurat="emergency",
        )
    ),
]
Severity = Annotated[
    int | None,
    BeforeValidator(
        lambda v: (
            None
            if _blank(v) is None
            else int(_choice("severity", ("1", "2", "3"), low="1", medium="2", high="3")(v) or 0)
        )
    ),
]
MeetingLevel = Annotated[
    str | None,
    BeforeValidator(
        _choice(
            "meeting.level", MEETING_LEVELS, kabupaten="kabkota", kota="kabkota", nasional="pusat"
        )
    ),
]
ActionStatus = Annotated[
    str | None,
    BeforeValidator(
        _choice("action.status", ACTION_STATUSES, batal="dropped", proses="in_progress")
    ),
]
Year = Annotated[int | None, BeforeValidator(_int(1900, 2100))]
Count = Annotated[int | None, BeforeValidator(_int(0, 1_000_000))]
Latitude = Annotated[float | None, BeforeValidator(_float(-11.5, 6.5))]
Longitude = Annotated[float | None, BeforeValidator(_float(94.5, 141.5))]
YesNo = Annotated[bool | None, BeforeValidator(_yes_no)]


def row_error(key: str, field: str, **values: object) -> PydanticCustomError:
    return PydanticCustomError(key, key, {"field": field, **values})


class Row(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    region_code: Text40 = None
    province: Text = None
    kabkota: Text = None
    kecamatan: Text = None
    desa: Text = None

    required_fields: ClassVar[tuple[str, ...]] = ()

    @model_validator(mode="after")
    def _present(self) -> Row:
        for name in self.required_fields:
            if getattr(self, name) is None:
                raise row_error("import.row.missing", name)
        return self


def any_date(value: Any) -> dt.date | None:
    """A due date may lie in the future."""
    try:
        return parse_date(value)
    except PydanticCustomError as exc:
        if exc.type == "import.row.future_date":
            text = str(_blank(value))
            for pattern, order in ((_ISO, (1, 2, 3)), (_DMY, (3, 2, 1))):
                if m := pattern.match(text):
                    return dt.date(*(int(m[i]) for i in order))
            if (m := _WORDS.match(text)) and m[2].casefold() in _MONTHS:
                return dt.date(int(m[3]), _MONTHS[m[2].casefold()], int(m[1]))
        raise
