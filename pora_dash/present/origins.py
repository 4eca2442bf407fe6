"""The count tables of the "Asal & status" page, built from its reads and protected once.

Each table is protected as a whole with its margins (`tables.protect`). The tables that share
counts tie nothing new together: a margin of one is the same count, published the same way,
as an entry of another, so each is safe on its own terms. The monthly flows by reason and the
monthly active persons are one chain of sums (a month's active is the previous month's plus its
arrivals less its departures), so those two are checked together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from pora_dash.geo import labels
from pora_dash.i18n import country_name, fmt_month, t
from pora_dash.present.disclosure import Policy, text
from pora_dash.present.tables import (
    TOTAL,
    Protected,
    chart_data,
    counts_table,
    margin,
    protect,
    wide,
    with_totals,
)
from pora_dash.reads.origins import (
    AGE_BANDS,
    ASYLUM_WAIT_BANDS,
    OTHERS,
    REFUGEE_STAY_BANDS,
    WAIT_UNKNOWN,
    sex_age_of,
    stay_of,
    waiting_of,
)
from pora_dash.store.models import ACCOMMODATIONS, DEPARTURES, SEXES, UNHCR_STATUSES

BANDS = tuple(b for b, _, _ in AGE_BANDS)
WAIT_ORDER = (*(b for b, _ in ASYLUM_WAIT_BANDS), WAIT_UNKNOWN)
STAY_ORDER = tuple(b for b, _ in REFUGEE_STAY_BANDS)
TOP_NATIONALITIES = 8  # columns of the cross-table of areas by nationality


@dataclass(frozen=True)
class Reads:
    """What the page reads, raw: long counts (row, column, count) and grouped frames."""

    nat_status: pd.DataFrame
    area_status: pd.DataFrame
    area_nat: pd.DataFrame
    accommodation: pd.DataFrame  # accommodation, count
    profile: pd.DataFrame  # origins.profile
    trend_status: pd.DataFrame  # origins.monthly_active_by(dimension="status")
    trend_nationality: pd.DataFrame


def _area_by_nationality(long: pd.DataFrame) -> pd.DataFrame:
    """The parts of the region × the largest nationalities, the others summed in one column."""
    sums = long.groupby("column")["count"].sum().sort_values(ascending=False, kind="stable")
    top = list(sums.index[:TOP_NATIONALITIES])
    long = long.assign(column=[c if c in top else OTHERS for c in long["column"]])
    return with_totals(wide(long, columns=[*top, *([OTHERS] if len(sums) > len(top) else [])]))


def _monthly(trend: pd.DataFrame) -> pd.DataFrame:
    """Months × groups, each month's total (its active persons) as the last column."""
    return with_totals(trend.set_axis(trend.index.astype(str)), column_totals=False)


def nat_status_table(long: pd.DataFrame) -> pd.DataFrame:
    """Nationality × UNHCR status (origins.cross_counts), with its margins."""
    return with_totals(wide(long, columns=UNHCR_STATUSES))


def raw_tables(reads: Reads) -> dict[str, pd.DataFrame]:
    """Every count table of the page, exact, with its margins."""
    sex_age = sex_age_of(reads.profile).rename(columns={"band": "row", "sex": "column"})
    return {
        "nat_status": nat_status_table(reads.nat_status),
        "area_status": with_totals(wide(reads.area_status, columns=UNHCR_STATUSES)),
        "area_nat": _area_by_nationality(reads.area_nat),
        "accommodation": counts_table(reads.accommodation, "accommodation", ACCOMMODATIONS),
        "sex_age": with_totals(wide(sex_age, rows=BANDS, columns=SEXES, only=True)),
        "asylum_wait": counts_table(waiting_of(reads.profile), "band", WAIT_ORDER),
        "refugee_stay": counts_table(stay_of(reads.profile), "band", STAY_ORDER),
        "trend_status": _monthly(reads.trend_status),
        "trend_nationality": _monthly(reads.trend_nationality),
    }


def protect_all(tables: dict[str, pd.DataFrame], policy: Policy) -> dict[str, Protected]:
    """Each table under the disclosure rule (months are populations of their own)."""
    return {
        name: protect(table, policy, rows_are_populations=name.startswith("trend_"))
        for name, table in tables.items()
    }


def flows_table(flows: pd.DataFrame) -> pd.DataFrame:
    """Arrivals, departures by reason and their total (TOTAL) per period, indexed by period."""
    frame = flows.set_index("period")
    frame.index = frame.index.astype(str)
    departures = with_totals(frame[list(DEPARTURES)], column_totals=False)
    return pd.concat([frame[["arrivals"]], departures], axis=1)


def protect_flows(
    table: pd.DataFrame, trend_status: pd.DataFrame | None, policy: Policy, *, population: int
) -> Protected:
    """The flows table under the rule, as a breakdown of the filter's `population` (active on
    the reference date); per month, together with the monthly active persons (`trend_status`,
    when its months are the same): active[m] + departures[m] = active[m-1] + arrivals[m]."""
    counts = [int(v) for v in table.to_numpy().ravel()]
    width, cols = table.shape[1], list(table.columns)
    total_at, arrivals_at = cols.index(TOTAL), cols.index("arrivals")
    equations = [
        (
            [r * width + total_at],
            [r * width + c for c in range(width) if c not in (total_at, arrivals_at)],
        )
        for r in range(len(table))
    ]
    known = [r * width + total_at for r in range(len(table))]
    chained = trend_status is not None and list(trend_status.index) == list(table.index)
    if chained and trend_status is not None:
        active = [int(v) for v in trend_status[TOTAL]]
        first = len(counts)
        counts += active
        equations += [
            (
                [first + m, m * width + total_at],
                [first + m - 1, m * width + arrivals_at],
            )
            for m in range(1, len(table))
        ]
        known += [first + len(table) - 1]
    shown = policy.check(counts, equations, population, known)
    if not shown.ok:
        return Protected(table.iloc[0:0].astype(object), shown.withheld, policy.exact)
    values = shown.values[: table.size]
    frame = pd.DataFrame(
        [values[i : i + width] for i in range(0, len(values), width)],
        index=table.index,
        columns=table.columns,
        dtype=object,
    )
    return Protected(frame, None, policy.exact)


# --- names and chart data ----------------------------------------------------------------------


@dataclass(frozen=True)
class Names:
    """How the page names the rows and columns of its tables, in one language."""

    lang: str

    def nationality(self, code: str) -> str:
        return t("origins.others", self.lang) if code == OTHERS else country_name(code, self.lang)

    def status(self, code: str) -> str:
        return t(f"status.{code}", self.lang)

    def region(self, code: str) -> str:
        return labels.name(code)

    def band(self, code: str) -> str:
        return code.replace("-", "–")

    def month(self, code: str) -> str:
        return fmt_month(pd.Timestamp(code).date(), self.lang)

    def flow(self, code: str) -> str:
        return (
            t("trend.arrivals", self.lang)
            if code == "arrivals"
            else t(f"lifecycle.{code}", self.lang)
        )


def margin_of(protected: Protected, of: str | None) -> Protected:
    """A table, or the totals of its rows or columns as a one-column table."""
    if of is None or not protected.ok:
        return protected
    return Protected(margin(protected.values, of=of), None, protected.exact)


def pyramid_data(shown: Protected, lang: str) -> pd.DataFrame:
    """band, sex, value, text: the sex-and-age table as the pyramid draws it."""
    return chart_data(shown, lang).rename(columns={"row": "band", "column": "sex"})


def trend_data(shown: Protected, name: Callable[[str], str], lang: str) -> pd.DataFrame:
    """month, label (the group's `name`), value, text: a monthly table by group."""
    data = chart_data(shown, lang)
    data["month"] = [pd.Timestamp(m).date() for m in data["row"]]
    data["label"] = [name(c) for c in data["column"]]
    return data


def flows_data(shown: Protected, names: Names) -> pd.DataFrame:
    """period, series, label, value, text: arrivals and departures by reason (TOTAL unlabelled)."""
    data = chart_data(
        Protected(shown.values.rename(columns={TOTAL: "__departures__"}), None), names.lang
    ).rename(columns={"row": "period", "column": "series"})
    data["series"] = data["series"].replace("__departures__", TOTAL)
    data["label"] = [names.flow(s) if s != TOTAL else "" for s in data["series"]]
    data["period"] = [pd.Timestamp(p).date() for p in data["period"]]
    return data


def longest_band(
    raw: pd.DataFrame, shown: Protected, longest: str, policy: Policy
) -> tuple[str, float | None]:
    """How many are in the `longest` band as shown ("–" when the table is not shown), and
    their share of the whole."""
    if not shown.ok:
        return "–", None
    part = shown.values.loc[longest, "count"]
    share = policy.share_value(int(raw["count"].loc[longest]), int(raw["count"].loc[TOTAL]))
    return text(part, policy.lang), share
