"""A comparison as an audience may see it: two sides (two dates of one region, or two regions
on one date), their headline figures and breakdowns side by side, and the change.

Each side is shown exactly as its own page shows it: the same figures (`present.headline`),
each breakdown protected as a whole on its own (`tables.protect`), so a comparison tells
nothing that opening the two pages one after the other would not. The change is the
difference of the two counts *as shown* (`disclosure.change`): for a protected audience the
difference of two published counts, never of hidden ones; "–" where a side is "<5" or not
shown, "0" where both show the same.

>>> p = Policy(exact=False)
>>> difference(23, 12, p), difference(3, 12, p), difference(12, 11, p), difference(0, 0, p)
('+15', '–', '0', '0')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from pora_dash.filters import Comparison, Filters
from pora_dash.geo import labels
from pora_dash.i18n import MINUS, fmt_date, fmt_signed, t
from pora_dash.present import headline
from pora_dash.present.disclosure import NOT_SHOWN, Policy, change, text
from pora_dash.present.disclosure import for_file as for_file_value
from pora_dash.present.tables import TOTAL, Protected, counts_table, margin, protect
from pora_dash.reads.followups import ActionCounts
from pora_dash.reads.overview import Arrivals, Headline
from pora_dash.store.models import UNHCR_STATUSES

PEOPLE = {  # headline figures that count people -> their count in Headline or Arrivals
    "home.national_total": lambda h, a: h.active,
    "home.refugees": lambda h, a: h.refugees,
    "home.asylum_seekers": lambda h, a: h.asylum_seekers,
    "home.arrivals_30": lambda h, a: a.last_30,
    "home.arrivals_90": lambda h, a: a.last_90,
}


def difference(now: int, before: int, policy: Policy) -> str:
    """The change from `before` to `now` as the audience may see it: '+15', '−5', '0' when
    both are shown the same, '–' when it cannot be stated (a side is "<5")."""
    stated = change(now, before, policy)
    if stated is not None:
        return stated
    a, b = policy.number(now), policy.number(before)
    return "0" if a is not None and a == b else NOT_SHOWN


@dataclass(frozen=True)
class Sides:
    """What the two columns are called: the page's side first, the comparison's second."""

    first: str
    second: str

    @classmethod
    def of(cls, filters: Filters, comparison: Comparison, place: str, lang: str) -> Sides:
        """Two dates ('22 November 2026', '30 November 2025') or two regions ('Kota Medan',
        'Kota Pekanbaru'); never two equal names (the second is then marked)."""
        if comparison.kind == "period":
            first = fmt_date(filters.reference_date(), lang)
            second = fmt_date(comparison.other.reference_date(), lang)
        else:
            first, second = place, labels.name(comparison.other.wilayah)
        if first == second:
            second = t("compare.second_side", lang, name=second)
        return cls(first, second)


Parts = tuple[Headline, Arrivals, ActionCounts]  # a side's reads of the headline figures


def headline_table(first: Parts, second: Parts, sides: Sides, policy: Policy) -> pd.DataFrame:
    """The headline figures of both sides as the cards show them, and their change."""
    lang = policy.lang
    shown_first = headline.figures(*first, policy)
    shown_second = headline.figures(*second, policy)
    rows = [
        [a.label, a.value, b.value, delta]
        for a, b, delta in zip(
            shown_first, shown_second, figure_changes(first, second, policy), strict=True
        )
    ]
    columns = [t("compare.col.figure", lang), sides.first, sides.second, _change_title(lang)]
    return pd.DataFrame(rows, columns=columns)


def figure_changes(first: Parts, second: Parts, policy: Policy) -> list[str]:
    """The change of each headline figure (in `headline.figures`' order), first minus second."""
    keys = [f.key for f in headline.figures(*first, policy)]
    return [_figure_change(key, first, second, policy) for key in keys]


def _figure_change(key: str, first: Parts, second: Parts, policy: Policy) -> str:
    (head_a, flows_a, actions_a), (head_b, flows_b, actions_b) = first, second
    if key in PEOPLE:
        count = PEOPLE[key]
        return difference(count(head_a, flows_a), count(head_b, flows_b), policy)
    if key == "home.document_share":
        a = headline.document_share(head_a.active, head_a.refugees, head_a.asylum_seekers, policy)
        b = headline.document_share(head_b.active, head_b.refugees, head_b.asylum_seekers, policy)
        if a is None or b is None:
            return NOT_SHOWN
        points = round((a - b) * 100, 1)
        return (
            "0"
            if points == 0
            else t("compare.points", policy.lang, n=fmt_signed(points, policy.lang, 1))
        )
    if key == "home.kecamatan":
        return fmt_signed(head_a.kecamatan_hosting - head_b.kecamatan_hosting, policy.lang)
    return fmt_signed(actions_a.open - actions_b.open, policy.lang)  # home.actions


def _change_title(lang: str) -> str:
    return t("compare.col.change", lang)


@dataclass(frozen=True)
class Side:
    """One side's breakdown: exact (`raw`, one column `count` with a TOTAL row) and as the
    audience sees it (`shown`, protected as a whole)."""

    raw: pd.DataFrame
    shown: Protected


def breakdown_side(frame: pd.DataFrame, key: str, policy: Policy, order: tuple = ()) -> Side:
    """Grouped rows (`key`, count) of one side, protected as the overview protects them."""
    raw = counts_table(frame, key, order)
    return Side(raw, protect(raw, policy))


def margin_side(cross: pd.DataFrame, of: str, policy: Policy) -> Side:
    """The row or column totals of a cross-table with margins, protected as the origins
    page protects them (the whole cross-table at once, then its margin)."""
    whole = protect(cross, policy)
    shown = Protected(margin(whole.values, of=of), None, whole.exact) if whole.ok else whole
    return Side(margin(cross, of=of), shown)


def nationality_side(nat: pd.DataFrame, policy: Policy) -> Side:
    """overview.by_nationality as a side."""
    return breakdown_side(nat, "nationality", policy)


def status_side(status: pd.DataFrame, policy: Policy) -> Side:
    """overview.by_status as a side, every UNHCR status in its order."""
    return breakdown_side(status, "status", policy, UNHCR_STATUSES)


@dataclass(frozen=True)
class Compared:
    """A breakdown of both sides: the labelled table (text), and why a side is not shown."""

    table: pd.DataFrame
    withheld: tuple[str | None, str | None]

    @property
    def ok(self) -> bool:
        """Anything to show: at least one side is shown."""
        return None in self.withheld


def _cell(side: Side, code: str) -> object:
    """A side's shown value for a row: a published count, None ("<5"), or NOT_SHOWN."""
    if not side.shown.ok:
        return NOT_SHOWN
    values = side.shown.values["count"]
    return values.loc[code] if code in values.index else 0


def _raw(side: Side, code: str) -> int:
    counts = side.raw["count"]
    return int(counts.loc[code]) if code in counts.index else 0


def side_by_side(
    first: Side,
    second: Side,
    *,
    title: str,
    name: Callable[[str], str],
    sides: Sides,
    policy: Policy,
    ordered: bool = False,
    for_file: bool = False,
) -> Compared:
    """Both sides' rows in one table: name, first, second, change; the union of their rows,
    largest first as shown (`ordered`: in the first side's order), the total last. A side not
    shown is "–" in its column. `for_file`: counts stay numbers ("<5" and "–" as text)."""
    lang = policy.lang
    # the rows of the sides shown: a withheld side's rows would tell who is there
    shown = [s.raw.index for s in (first, second) if s.shown.ok]
    codes = [c for c in dict.fromkeys(c for index in shown for c in index) if c != TOTAL]

    def order(code: str) -> tuple:
        return tuple(-_rank(_cell(s, code)) for s in (first, second)) + (name(code),)

    rows = []
    codes = codes if ordered else sorted(codes, key=order)
    for code in [*codes, *([TOTAL] if codes else [])]:
        a, b = _cell(first, code), _cell(second, code)
        both = first.shown.ok and second.shown.ok
        delta = difference(_raw(first, code), _raw(second, code), policy) if both else NOT_SHOWN
        delta = delta.replace(MINUS, "-") if for_file else delta  # files: as they always were
        label = t("origins.total", lang) if code == TOTAL else name(code)
        rows.append([label, _value(a, lang, for_file), _value(b, lang, for_file), delta])
    columns = [title, sides.first, sides.second, _change_title(lang)]
    return Compared(
        pd.DataFrame(rows, columns=columns), (first.shown.withheld, second.shown.withheld)
    )


def _rank(value: object) -> float:
    """How a shown value sorts: a published count by itself, "<5" just above 0, "–" last."""
    if value is None:
        return 1
    if isinstance(value, str):
        return -1
    return float(value)  # type: ignore[arg-type]


def _value(value: object, lang: str, for_file: bool) -> object:
    """A shown value as text on a screen ("1.485", "<5"), as a number in a file."""
    if isinstance(value, str):
        return value
    return for_file_value(value) if for_file else text(value, lang)  # type: ignore[arg-type]


def recent_months(today: dt.date, count: int = 60) -> list[str]:
    """The months a comparison may pick ('2026-11', '2026-10', ...), newest first.

    >>> recent_months(dt.date(2026, 2, 3), 3)
    ['2026-02', '2026-01', '2025-12']
    """
    year, month, out = today.year, today.month, []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out


def year_before(day: dt.date) -> dt.date:
    """The same day a year earlier (28 February for 29 February).

    >>> year_before(dt.date(2024, 2, 29)), year_before(dt.date(2026, 11, 22))
    (datetime.date(2023, 2, 28), datetime.date(2025, 11, 22))
    """
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)
