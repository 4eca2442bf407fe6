"""The period a brief covers: a month, a year or a date range, and its reference date.

The reference date is the period's last day (today when the period has not ended yet): the
figures are those of the overview on that date, arrivals and incidents those within the period.

>>> p = parse_period("2024-07", today=dt.date(2026, 11, 22))
>>> p.start, p.end, p.code
(datetime.date(2024, 7, 1), datetime.date(2024, 7, 31), '2024-07')
>>> parse_period("2024-07-01..2024-09-30", today=dt.date(2026, 11, 22)).days
92
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from babel.dates import format_date

from pora_dash.i18n import fmt_date, t

EARLIEST_YEAR = 2000
LONGEST_DAYS = 366 * 5
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})$")


class BriefError(ValueError):
    """Refused input for a brief; `key` is the i18n key of the message, `values` fill it."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def message(self, lang: str) -> str:
        return t(self.key, lang, **self.values)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    kind: str  # "month", "year" or "range"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def code(self) -> str:
        """The period as it is written on the command line (and in file names)."""
        if self.kind == "month":
            return self.start.strftime("%Y-%m")
        if self.kind == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def label(self, lang: str) -> str:
        """'Juli 2024', 'Tahun 2024', '1 Juli 2024 – 30 September 2024'."""
        if self.kind == "month":
            return format_date(self.start, "LLLL y", locale="id_ID" if lang == "id" else "en_US")
        if self.kind == "year":
            return t("brief.year", lang, year=self.start.year)
        return f"{fmt_date(self.start, lang)} – {fmt_date(self.end, lang)}"

    def reference_date(self, today: dt.date) -> dt.date:
        return min(self.end, today)

    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


def month(year: int, number: int) -> Period:
    last = calendar.monthrange(year, number)[1]
    return Period(dt.date(year, number, 1), dt.date(year, number, last), "month")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BriefError("brief.period.bad_date", value=text) from None


def _parse(text: str) -> Period:
    if m := _MONTH.match(text):
        year, number = int(m[1]), int(m[2])
        if not 1 <= number <= 12:
            raise BriefError("brief.period.bad", value=text)
        return month(year, number)
    if m := _YEAR.match(text):
        year = int(m[1])
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if m := _RANGE.match(text):
        start, end = _date(m[1]), _date(m[2])
        if end < start:
            raise BriefError("brief.period.reversed", value=text)
        return Period(start, end, "range")
    raise BriefError("brief.period.bad", value=text)


def parse_period(text: str | None, *, today: dt.date) -> Period:
    """`2024-07` (a month), `2024` (a year) or `2024-07-01..2024-09-30` (a range); a period
    that has not begun, lies before 2000 or spans more than five years is refused."""
    text = (text or "").strip()
    if not text:
        raise BriefError("brief.period.empty")
    period = _parse(text)
    if period.start.year < EARLIEST_YEAR:
        raise BriefError("brief.period.too_early", value=text, year=EARLIEST_YEAR)
    if period.start > today:
        raise BriefError("brief.period.future", value=text)
    if period.days > LONGEST_DAYS:
        raise BriefError("brief.period.too_long", value=text)
    return period


def recent_months(today: dt.date, count: int = 36) -> list[Period]:
    """The current month and the `count - 1` before it, newest first (the page's picker)."""
    year, number = today.year, today.month
    out = []
    for _ in range(count):
        out.append(month(year, number))
        year, number = (year, number - 1) if number > 1 else (year - 1, 12)
    return out
