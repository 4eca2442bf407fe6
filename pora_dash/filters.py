"""The filter state shared by every page: one frozen dataclass, to and from the URL.

URL parameters (documented in the README): `wilayah` (Kemendagri code), `wn` (ISO alpha-3
nationalities, comma-separated), `status`, `akomodasi`, `jk`, `usia` (comma-separated codes),
`tanggal` (reference date, YYYY-MM-DD, from `DATE_MIN` to today), `periode` (days: 30, 90, 180, 365). Invalid values are dropped with a notice, never an error.
The comparison of the overview and the origins page (`comparison_from_query_params`):
`banding` (YYYY-MM: the same filter at the end of that month) or `banding_wilayah` (another
region on the same date).

>>> f, notes = from_query_params({"wilayah": "33.29.05", "wn": "PSE,XXX"})
>>> f.wilayah, f.nationalities, notes
('33.29.05', ('PSE',), [('notice.bad_param', 'wn', 'XXX')])
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

import pycountry

from pora_dash import clock
from pora_dash.geo import reference
from pora_dash.store.models import ACCOMMODATIONS, SEXES, UNHCR_STATUSES

AGE_GROUPS = ("anak", "dewasa", "lansia")  # 0–17, 18–59, 60 and over
AGE_BOUNDS = {"anak": (0, 17), "dewasa": (18, 59), "lansia": (60, 200)}
PERIODS = (30, 90, 180, 365)  # days before the reference date
DATE_MIN = dt.date(1990, 1, 1)  # no record the data can hold is older; later than today is future
_ALPHA3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Filters:
    wilayah: str | None = None
    nationalities: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    accommodations: tuple[str, ...] = ()
    sexes: tuple[str, ...] = ()
    age_groups: tuple[str, ...] = ()
    as_of: dt.date | None = None
    period_days: int = 90

    def reference_date(self) -> dt.date:
        return self.as_of or clock.today()

    def level(self) -> int:
        """0 for the nation, else the level of the chosen region (1–3)."""
        return reference.level_of_code(self.wilayah) if self.wilayah else 0

    def with_region(self, code: str | None) -> Filters:
        return replace(self, wilayah=code)

    def key(self) -> tuple:
        """Hashable, stable identity for cache keys."""
        return tuple(getattr(self, f.name) for f in fields(self))


# URL name -> (field, allowed values or None for special parsing)
_LIST_PARAMS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "wn": ("nationalities", None),
    "status": ("statuses", UNHCR_STATUSES),
    "akomodasi": ("accommodations", ACCOMMODATIONS),
    "jk": ("sexes", SEXES),
    "usia": ("age_groups", AGE_GROUPS),
}


def _first(value: str | list[str]) -> str:
    return value[-1] if isinstance(value, list) else value


def _valid_nationality(code: str) -> bool:
    return bool(_ALPHA3.match(code)) and pycountry.countries.get(alpha_3=code) is not None


def from_query_params(
    params: Mapping[str, str | list[str]],
) -> tuple[Filters, list[tuple[str, str, str]]]:
    """Parse URL parameters; returns the filters and notices (i18n key, parameter, value)."""
    notices: list[tuple[str, str, str]] = []
    values: dict[str, object] = {}
    if "wilayah" in params:
        code = _first(params["wilayah"]).strip()
        if reference.is_valid_code(code) and reference.level_of_code(code) <= 3:
            values["wilayah"] = code
        elif code:
            notices.append(("notice.bad_param", "wilayah", code))
    for name, (field_name, allowed) in _LIST_PARAMS.items():
        if name not in params:
            continue
        kept: list[str] = []
        for item in filter(None, (p.strip() for p in _first(params[name]).split(","))):
            item = item.upper() if name == "wn" else item
            ok = _valid_nationality(item) if allowed is None else item in allowed
            if ok and item not in kept:
                kept.append(item)
            elif not ok:
                notices.append(("notice.bad_param", name, item))
        values[field_name] = tuple(kept)
    if "tanggal" in params:
        raw = _first(params["tanggal"]).strip()
        try:
            as_of = dt.date.fromisoformat(raw)
        except ValueError:
            notices.append(("notice.bad_param", "tanggal", raw))
        else:
            if DATE_MIN <= as_of <= clock.today():
                values["as_of"] = as_of
            else:  # e.g. 9999-12-31 would overflow date arithmetic and the date widget
                notices.append(("notice.date_out_of_range", "tanggal", raw))
    if "periode" in params:
        raw = _first(params["periode"]).strip()
        if raw.isdigit() and int(raw) in PERIODS:
            values["period_days"] = int(raw)
        else:
            notices.append(("notice.bad_param", "periode", raw))
    return Filters(**values), notices  # type: ignore[arg-type]


def to_query_params(filters: Filters) -> dict[str, str]:
    """The URL parameters that reproduce `filters` (empty ones left out)."""
    out: dict[str, str] = {}
    if filters.wilayah:
        out["wilayah"] = filters.wilayah
    for name, (field_name, _) in _LIST_PARAMS.items():
        items = getattr(filters, field_name)
        if items:
            out[name] = ",".join(items)
    if filters.as_of:
        out["tanggal"] = filters.as_of.isoformat()
    if filters.period_days != 90:
        out["periode"] = str(filters.period_days)
    return out


FILTER_PARAMS = ("wilayah", *_LIST_PARAMS, "tanggal", "periode")
# Parameters one page reads beside the shared filters (each has its row in the README table).
PAGE_PARAMS: tuple[str, ...] = ("jenis", "tingkat", "metrik", "presentasi", "slide")
PAGE_PARAMS += ("periode_rakor", "aksi", "periksa", "id", "kohort", "kohort_sampai")
PAGE_PARAMS += ("banding", "banding_wilayah")
COMPARE_PARAMS = ("banding", "banding_wilayah")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Comparison:
    """The other side of a comparison: the page's filter at the end of another month
    (`kind` "period") or in another region on the same date (`kind` "region")."""

    kind: str
    other: Filters
    param: str  # the URL parameter it came from, and its value
    value: str


def month_end(raw: str) -> dt.date | None:
    """The last day of the month `YYYY-MM` (today for the current month); None for anything
    else, a month before `DATE_MIN` or after today.

    >>> month_end("2024-02"), month_end("2024-13"), month_end("1989-12")
    (datetime.date(2024, 2, 29), None, None)
    """
    match = _MONTH.match(raw)
    if not match or not 1 <= int(match[2]) <= 12:
        return None
    year, month = int(match[1]), int(match[2])
    end = dt.date(year, month, calendar.monthrange(year, month)[1])
    today = clock.today()
    if end < DATE_MIN or dt.date(year, month, 1) > today:
        return None
    return min(end, today)


def comparison_from_query_params(
    params: Mapping[str, str | list[str]], filters: Filters
) -> tuple[Comparison | None, list[tuple[str, str, str]]]:
    """The comparison asked for in the URL, beside `filters` (the page's), and notices.

    Only one comparison at a time: with both parameters, `banding` wins and `banding_wilayah`
    is dropped with a notice. The region is not fitted to a scope here (the page does that).

    >>> c, notes = comparison_from_query_params({"banding_wilayah": "12.71"}, Filters("14.71"))
    >>> c.kind, c.other.wilayah, notes
    ('region', '12.71', [])
    >>> comparison_from_query_params({"banding": "2025-13"}, Filters())[1]
    [('notice.bad_param', 'banding', '2025-13')]
    """
    notices: list[tuple[str, str, str]] = []
    found: Comparison | None = None
    if "banding" in params:
        raw = _first(params["banding"]).strip()
        end = month_end(raw)
        if end is not None:
            found = Comparison("period", replace(filters, as_of=end), "banding", raw)
        elif raw:
            notices.append(("notice.bad_param", "banding", raw))
    if "banding_wilayah" in params:
        code = _first(params["banding_wilayah"]).strip()
        valid = reference.is_valid_code(code) and reference.level_of_code(code) <= 3
        if found is not None and code:
            notices.append(("notice.compare_one", "banding_wilayah", code))
        elif valid:
            found = Comparison("region", filters.with_region(code), "banding_wilayah", code)
        elif code:
            notices.append(("notice.bad_param", "banding_wilayah", code))
    return found, notices
