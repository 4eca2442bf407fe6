"""The columns of each kind of import and the pydantic models that validate one row.

Each kind has Indonesian column headers (the templates use them), with aliases so that lists
written with other wordings or in English are read too. The row models parse the cells
(dates in Indonesian or ISO form, labels or codes, countries by name or ISO code) and check
what one row can tell by itself; the importer adds what needs the database or the whole file.
The same models validate the single-record entry forms.

>>> PersonRow.model_validate({"source_ref": "R-1", "nationality": "Afganistan",
...     "unhcr_status": "Pengungsi", "sex": "P", "birth_year": "1990",
...     "arrival_date": "17/07/2019", "accommodation": "mandiri"}).nationality
'AFG'
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from pora_dash import clock
from pora_dash.i18n import catalog
from pora_dash.importing.matching import match_nationality
from pora_dash.importing.problems import Problem
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


def _norm(text: str) -> str:
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

PERSON_COLUMNS = (
    Column("source_agency", "Instansi sumber", "UNHCR", aliases=("sumber", "source agency")),
    Column(
        "source_ref",
        "No. referensi",
        "CONTOH-0001",  # never a demo number: the example row imports as a new person
        True,
        ("nomor referensi", "no registrasi", "nomor registrasi", "source ref", "reference"),
    ),
    Column("full_name", "Nama lengkap", "Ahmad Hassan", aliases=("nama", "name", "full name")),
    Column(
        "document_number",
        "No. dokumen UNHCR",
        "354-19C00123-01",
        aliases=("no dokumen", "nomor dokumen", "document number", "no kartu"),
    ),
    Column(
        "case_number",
        "No. kasus",
        "354-19C00123",
        aliases=("nomor kasus", "no kasus keluarga", "case number", "household", "no kk"),
    ),
    Column(
        "nationality",
        "Kewarganegaraan",
        "Palestina",
        True,
        ("negara asal", "asal", "nationality", "citizenship", "wn"),
    ),
    Column(
        "unhcr_status",
        "Status UNHCR",
        "Pengungsi",
        True,
        ("status", "unhcr status", "status unhcr"),
    ),
    Column("sex", "Jenis kelamin", "L", True, ("jk", "kelamin", "sex", "gender")),
    Column("birth_year", "Tahun lahir", "1990", True, ("tahun kelahiran", "birth year", "lahir")),
    Column(
        "arrival_date", "Tanggal tiba", "17/07/2019", True, ("tgl tiba", "arrival date", "tiba")
    ),
    Column(
        "registered_on",
        "Tanggal registrasi",
        "02/09/2019",
        aliases=("tgl registrasi", "registration date", "registered on"),
    ),
    *REGION_FIELDS,
    Column(
        "site_code",
        "Kode lokasi",
        "",
        aliases=("kode tempat", "kode akomodasi", "site code", "lokasi", "site"),
    ),
    Column("accommodation", "Akomodasi", "Mandiri", aliases=("tempat tinggal", "accommodation")),
    Column("lifecycle", "Keberadaan", "Aktif", aliases=("status keberadaan", "lifecycle")),
    Column(
        "lifecycle_date",
        "Tanggal keluar",
        "",
        aliases=("tgl keluar", "tanggal berangkat", "departure date", "left on"),
    ),
    Column(
        "last_verified_on",
        "Tanggal verifikasi",
        "01/11/2026",
        aliases=("tgl verifikasi", "verified on", "last verified"),
    ),
    Column("moved_on", "Tanggal pindah", "", aliases=("tgl pindah", "moved on")),
)

SITE_COLUMNS = (
    Column("code", "Kode lokasi", "CH-BREBES-01", True, ("kode", "kode tempat", "site code")),
    Column("name", "Nama lokasi", "Community House Sirampog", True, ("nama", "name")),
    Column("kind", "Jenis", "Rumah komunitas (IOM)", True, ("jenis lokasi", "kind", "type")),
    Column("capacity", "Kapasitas", "40", aliases=("capacity", "daya tampung")),
    Column(
        "operator_agency",
        "Instansi pengelola",
        "IOM",
        aliases=("pengelola", "operator", "operator agency"),
    ),
    *REGION_FIELDS,
    Column("lat", "Lintang", "-7.2301", aliases=("latitude", "lat")),
    Column("lng", "Bujur", "109.1302", aliases=("longitude", "lng", "lon")),
    Column("is_open", "Buka", "ya", aliases=("aktif", "open", "is open")),
)

INCIDENT_COLUMNS = (
    Column(
        "occurred_on", "Tanggal kejadian", "17/10/2024", True, ("tanggal", "date", "occurred on")
    ),
    Column("kind", "Jenis kejadian", "Unjuk rasa / berkumpul", True, ("jenis", "kind", "type")),
    Column("severity", "Tingkat", "Sedang", True, ("tingkat keparahan", "severity")),
    Column("people_involved", "Jumlah orang", "25", aliases=("jumlah", "people involved")),
    Column(
        "description",
        "Uraian",
        "Warga berkumpul di balai desa membahas pengungsi",
        True,
        ("deskripsi", "description"),
    ),
    Column("source_agency", "Instansi sumber", "POLRI-33.29", aliases=("sumber", "source agency")),
    *REGION_FIELDS,
    Column("lat", "Lintang", "", aliases=("latitude", "lat")),
    Column("lng", "Bujur", "", aliases=("longitude", "lng", "lon")),
)

MEETING_COLUMNS = (
    Column("held_on", "Tanggal rapat", "17/07/2024", True, ("tanggal", "meeting date", "held on")),
    Column("level", "Tingkat rapat", "Kabupaten/kota", True, ("tingkat", "level")),
    Column(
        "office_agency",
        "Kantor penyelenggara",
        "IMIGRASI-33.27",
        True,
        ("penyelenggara", "office", "kantor"),
    ),
    Column("title", "Judul rapat", "Rakor Timpora Kabupaten Brebes", True, ("judul", "title")),
    Column("venue", "Tempat", "Aula Kecamatan Sirampog", aliases=("venue", "lokasi rapat")),
    *REGION_FIELDS,
    Column("action", "Tindak lanjut", "Pendataan ulang pengungsi", aliases=("keputusan", "action")),
    Column(
        "owner_agency",
        "Instansi pelaksana",
        "KESBANGPOL-33.29",
        aliases=("pelaksana", "owner", "owner agency"),
    ),
    Column("person_in_charge", "Penanggung jawab", "Kasi Wasdakim", aliases=("pic",)),
    Column("due_date", "Tenggat", "30/09/2024", aliases=("batas waktu", "due date", "due")),
    Column("status", "Status", "Terbuka", aliases=("status tindak lanjut", "action status")),
    Column("completed_on", "Tanggal selesai", "", aliases=("completed on", "selesai")),
    Column("drop_reason", "Alasan dibatalkan", "", aliases=("alasan batal", "drop reason")),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "persons": PERSON_COLUMNS,
    "sites": SITE_COLUMNS,
    "incidents": INCIDENT_COLUMNS,
    "meetings": MEETING_COLUMNS,
}


def header_map(kind: str, header: list[str]) -> tuple[dict[str, int], list[str]]:
    """field -> index of its column in the file, and the headers that fit no field.

    >>> header_map("sites", ["KODE LOKASI", "Nama", "x"])[0]
    {'code': 0, 'name': 1}
    """
    names: dict[str, str] = {}
    for col in COLUMNS[kind]:
        for alias in (col.header, col.field, *col.aliases):
            names.setdefault(_norm(alias), col.field)
    found: dict[str, int] = {}
    unknown: list[str] = []
    for index, text in enumerate(header):
        field = names.get(_norm(text))
        if field and field not in found:
            found[field] = index
        elif text.strip():
            unknown.append(text)
    return found, unknown


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
    table = {_norm(c): c for c in codes}
    for lang in ("id", "en"):
        strings = catalog(lang)
        for code in codes:
            label = strings.get(f"{prefix}.{code}")
            if label:
                table.setdefault(_norm(label), code)
                table.setdefault(_norm(label.split("(")[0]), code)
    table.update({_norm(k): v for k, v in extra})
    return table


def _choice(prefix: str, codes: tuple[str, ...], **aliases: str) -> Callable[[Any], str | None]:
    extra = tuple((k.replace("_", " "), v) for k, v in aliases.items())

    def parse(value: Any) -> str | None:
        value = _blank(value)
        if value is None:
            return None
        code = _choices(prefix, codes, extra).get(_norm(str(value)))
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
    text = _norm(str(value))
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


def _row_error(key: str, field: str, **values: object) -> PydanticCustomError:
    return PydanticCustomError(key, key, {"field": field, **values})


class _Row(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)
    region_code: Text40 = None
    province: Text = None
    kabkota: Text = None
    kecamatan: Text = None
    desa: Text = None

    required_fields: ClassVar[tuple[str, ...]] = ()

    @model_validator(mode="after")
    def _present(self) -> _Row:
        for name in self.required_fields:
            if getattr(self, name) is None:
                raise _row_error("import.row.missing", name)
        return self


class PersonRow(_Row):
    source_agency: Text = None
    source_ref: Text40 = None
    full_name: Text = None
    document_number: Text40 = None
    case_number: Text40 = None
    nationality: Nationality = None
    unhcr_status: Status = None
    sex: Sex = None
    birth_year: Year = None
    arrival_date: Date = None
    registered_on: Date = None
    site_code: Text40 = None
    accommodation: Accommodation = None
    lifecycle: Lifecycle = None
    lifecycle_date: Date = None
    last_verified_on: Date = None
    moved_on: Date = None

    required_fields = (
        "source_ref",
        "nationality",
        "unhcr_status",
        "sex",
        "birth_year",
        "arrival_date",
    )

    @model_validator(mode="after")
    def _dates(self) -> PersonRow:
        arrival = self.arrival_date
        if arrival is None or self.birth_year is None:
            return self
        if self.birth_year > arrival.year:
            raise _row_error("import.row.born_after_arrival", "birth_year", year=self.birth_year)
        for name in ("registered_on", "lifecycle_date", "last_verified_on", "moved_on"):
            day = getattr(self, name)
            if day is not None and day < arrival:
                raise _row_error("import.row.before_arrival", name, value=day.isoformat())
        lifecycle = self.lifecycle or "active"
        if lifecycle == "active" and self.lifecycle_date is not None:
            raise _row_error("import.row.active_with_departure", "lifecycle_date")
        if lifecycle != "active" and self.lifecycle_date is None:
            raise _row_error("import.row.departure_needs_date", "lifecycle_date")
        return self


class SiteRow(_Row):
    code: Text40 = None
    name: Text = None
    kind: SiteKind = None
    capacity: Count = None
    operator_agency: Text = None
    lat: Latitude = None
    lng: Longitude = None
    is_open: YesNo = None

    required_fields = ("code", "name", "kind")


class IncidentRow(_Row):
    occurred_on: Date = None
    kind: IncidentKind = None
    severity: Severity = None
    people_involved: Count = None
    description: LongText = None
    source_agency: Text = None
    lat: Latitude = None
    lng: Longitude = None

    required_fields = ("occurred_on", "kind", "severity", "description")


class MeetingRow(_Row):
    held_on: Date = None
    level: MeetingLevel = None
    office_agency: Text = None
    title: Text240 = None
    venue: Text200 = None
    action: LongText = None
    owner_agency: Text = None
    person_in_charge: Text = None
    due_date: Annotated[dt.date | None, BeforeValidator(lambda v: _any_date(v))] = None
    status: ActionStatus = None
    completed_on: Date = None
    drop_reason: LongText = None

    required_fields = ("held_on", "level", "office_agency", "title")

    @model_validator(mode="after")
    def _action(self) -> MeetingRow:
        if self.action is None:
            for name in ("owner_agency", "due_date", "status", "completed_on", "drop_reason"):
                if getattr(self, name) is not None:
                    raise _row_error("import.row.action_needs_text", "action")
            return self
        if self.owner_agency is None:
            raise _row_error("import.row.missing", "owner_agency")
        if self.due_date is None:
            raise _row_error("import.row.missing", "due_date")
        if self.held_on is not None and self.due_date < self.held_on:
            raise _row_error("import.row.due_before_meeting", "due_date")
        status = self.status or "open"
        if (status == "done") != (self.completed_on is not None):
            raise _row_error("import.row.done_needs_date", "completed_on")
        if status == "dropped" and not self.drop_reason:
            raise _row_error("import.row.missing", "drop_reason")
        return self


def _any_date(value: Any) -> dt.date | None:
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


MODELS: dict[str, type[_Row]] = {
    "persons": PersonRow,
    "sites": SiteRow,
    "incidents": IncidentRow,
    "meetings": MeetingRow,
}


def validate_row(
    kind: str, values: dict[str, Any], row: int, headers: dict[str, str]
) -> tuple[_Row | None, list[Problem]]:
    """One row through its model: the parsed row, or the problems, each with its column.

    Every empty required value is named at once, besides the values that cannot be read (the
    model's own check stops at the first one), so a row is fixed in one go."""
    model = MODELS[kind]
    missing = [name for name in model.required_fields if _blank(values.get(name)) is None]
    problems = [
        Problem(
            row, headers.get(name, name), "import.row.missing", {"column": headers.get(name, name)}
        )
        for name in missing
    ]
    try:
        parsed = model.model_validate(values)
    except ValidationError as exc:
        for err in exc.errors(include_url=False, include_input=False):
            ctx = dict(err.get("ctx") or {})
            field = str(err["loc"][0]) if err["loc"] else str(ctx.pop("field", ""))
            ctx.pop("field", None)
            key = err["type"] if err["type"].startswith("import.") else "import.row.bad_value"
            if key == "import.row.missing" and field in missing:
                continue
            column = headers.get(field, field) or None
            problems.append(Problem(row, column, key, {"column": column or "", **ctx}))
        return None, _in_column_order(kind, problems, headers)
    if problems:
        return None, problems
    return parsed, []


def _in_column_order(kind: str, problems: list[Problem], headers: dict[str, str]) -> list[Problem]:
    order = {headers.get(c.field, c.header): i for i, c in enumerate(COLUMNS[kind])}
    return sorted(problems, key=lambda p: order.get(p.column or "", len(order)))
