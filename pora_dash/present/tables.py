"""Count tables: grouped rows in, protected tables out, for screens, charts and files.

A table keeps codes in its index and columns; its margins are the row and the column named
TOTAL (`with_totals`). `protect` applies the disclosure rule once to the whole table, margins
included: for a protected audience every count is published (rounded to 5, "<5"), and a
table whose figures would still give a count of 1–4 back, or that breaks down fewer than 20
people, is withheld as a whole. The result renders as text (`display`), as numbers with "<5"
for files (`for_file`) and in long form for charts (`chart_data`): a hidden count never
reaches the browser as a number.

>>> cells = pd.DataFrame({"refugee": [3, 40], "asylum_seeker": [12, 9]}, index=["PSE", "AFG"])
>>> shown = protect(with_totals(cells), Policy(exact=False))
>>> display(shown, "id").to_dict("index")["PSE"]
{'refugee': '<5', 'asylum_seeker': '10', '__total__': '15'}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

from pora_dash.i18n import fmt_int
from pora_dash.present.disclosure import NOT_SHOWN, SMALL, Equation, Policy, text

TOTAL = "__total__"


def wide(
    long: pd.DataFrame,
    *,
    rows: Sequence[str] = (),
    columns: Sequence[str] = (),
    only: bool = False,
) -> pd.DataFrame:
    """Long counts (row, column, count) as a table of cells; absent combinations are 0.

    Rows and columns come in the given order (all of them, empty ones as zeros), then any
    others largest first (`only=True` keeps just the given ones, on an axis given any).

    >>> long = pd.DataFrame({"row": ["A", "A", "B"], "column": ["x", "y", "y"], "count": [1, 2, 5]})
    >>> wide(long, columns=["x", "y", "z"], only=True).to_dict("index")
    {'B': {'x': 0, 'y': 5, 'z': 0}, 'A': {'x': 1, 'y': 2, 'z': 0}}
    """
    if long.empty:
        return pd.DataFrame(
            0, index=list(rows) if only else [], columns=list(columns), dtype="int64"
        )
    cells = long.pivot_table(
        index="row", columns="column", values="count", aggfunc="sum", fill_value=0
    )
    return cells.reindex(
        index=_order(cells.sum(axis=1), rows, only),
        columns=_order(cells.sum(axis=0), columns, only),
        fill_value=0,
    ).astype("int64")


def _order(sums: pd.Series, first: Sequence[str], only: bool) -> list[str]:
    if only and first:
        return list(first)
    rest = sums.drop([k for k in first if k in sums.index]).reset_index()
    rest.columns = ["key", "n"]
    rest = rest.sort_values(["n", "key"], ascending=[False, True])
    return [*first, *rest["key"]]


def counts_table(frame: pd.DataFrame, key: str, order: Sequence[str] = ()) -> pd.DataFrame:
    """A one-column table (`count`) of grouped rows (`key`, count) with its total row.

    `order` fixes the rows (all of them, zeros included); without it, largest first."""
    long = pd.DataFrame({"row": frame[key], "column": "count", "count": frame["count"]})
    cells = wide(long, rows=order, columns=["count"], only=bool(order))
    return with_totals(cells, row_totals=False)


def with_totals(
    cells: pd.DataFrame, *, row_totals: bool = True, column_totals: bool = True
) -> pd.DataFrame:
    """Cells with a TOTAL column (each row's sum) and/or a TOTAL row (each column's sum)."""
    table = cells.copy()
    if row_totals:
        table[TOTAL] = table.sum(axis=1)
    if column_totals:
        table.loc[TOTAL] = table.sum(axis=0)
    return table.astype("int64")


def margin(table: pd.DataFrame, *, of: str) -> pd.DataFrame:
    """The totals of a table's rows (`of="rows"`) or columns (`of="columns"`) as a
    one-column table (`count`) whose last row is the grand total."""
    totals = table[[TOTAL]] if of == "rows" else table.loc[[TOTAL]].T
    return totals.set_axis(["count"], axis=1)


def equations(table: pd.DataFrame) -> list[Equation]:
    """The sums that hold in a table with margins, as indices into its flattened values:
    every row's cells add up to its TOTAL column, every column's to its TOTAL row."""
    n_rows, n_cols = table.shape
    index = [[r * n_cols + c for c in range(n_cols)] for r in range(n_rows)]
    found: list[Equation] = []
    if TOTAL in table.columns:
        t = table.columns.get_loc(TOTAL)
        found += [([row[t]], [i for c, i in enumerate(row) if c != t]) for row in index]
    if TOTAL in table.index:
        t = table.index.get_loc(TOTAL)
        for c in range(n_cols):
            found.append(([index[t][c]], [index[r][c] for r in range(n_rows) if r != t]))
    return found


def population(table: pd.DataFrame) -> int:
    """The population a table breaks down: its grand total (the largest margin)."""
    if TOTAL in table.index and TOTAL in table.columns:
        return int(table.loc[TOTAL, TOTAL])
    if TOTAL in table.index:
        return int(table.loc[TOTAL].max()) if len(table.columns) else 0
    if TOTAL in table.columns:
        return int(table[TOTAL].max()) if len(table) else 0
    return int(table.to_numpy().sum())


@dataclass(frozen=True)
class Protected:
    """A count table as one audience may see it: `values` holds published counts (None for
    "<5"), or `withheld` says why nothing is shown ("too_few", "would_reveal")."""

    values: pd.DataFrame
    withheld: str | None = None
    exact: bool = False

    @property
    def ok(self) -> bool:
        return self.withheld is None


def totals_of(table: pd.DataFrame) -> list[int]:
    """Positions (in the flattened table) of the totals of whole populations, which other
    outputs may pin down exactly: the grand total, or else every entry of the one margin."""
    n_cols = table.shape[1]
    rows, cols = list(table.index), list(table.columns)
    if TOTAL in rows and TOTAL in cols:
        return [rows.index(TOTAL) * n_cols + cols.index(TOTAL)]
    if TOTAL in rows:
        return [rows.index(TOTAL) * n_cols + c for c in range(n_cols)]
    if TOTAL in cols:
        return [r * n_cols + cols.index(TOTAL) for r in range(len(rows))]
    return []


def protect(
    table: pd.DataFrame,
    policy: Policy,
    *,
    base: int | None = None,
    extra: Sequence[Equation] = (),
    rows_are_populations: bool = False,
) -> Protected:
    """The table under the disclosure rule, margins and all, decided once.

    `base`: the population the table breaks down (default: its grand total); `extra`: more
    sums the audience knows to hold between its entries; `rows_are_populations`: each row
    (a month) is a population of its own, whose parts are left out ("–") when its published
    total is under 20."""
    shown = policy.check(
        [int(v) for v in table.to_numpy().ravel()],
        [*equations(table), *extra],
        population(table) if base is None else base,
        known=totals_of(table),
    )
    if not shown.ok:
        return Protected(table.iloc[0:0].astype(object), shown.withheld, policy.exact)
    width = table.shape[1]
    values = pd.DataFrame(
        [shown.values[i : i + width] for i in range(0, len(shown.values), width)]
        if width
        else [[] for _ in table.index],
        index=table.index,
        columns=table.columns,
        dtype=object,
    )
    if rows_are_populations and not policy.exact and TOTAL in table.columns:
        for code in table.index:
            if not policy.may_break_down(int(table.loc[code, TOTAL])):
                values.loc[code, [c for c in table.columns if c != TOTAL]] = NOT_SHOWN
    return Protected(values, None, policy.exact)


def display(protected: Protected, lang: str) -> pd.DataFrame:
    """Every entry as text in the viewer's format ("<5" for a small count)."""
    return protected.values.map(lambda v: text(v, lang))


def for_file(protected: Protected) -> pd.DataFrame:
    """Entries for a file: numbers stay numbers, a small count becomes "<5"."""
    return protected.values.map(
        lambda v: v if isinstance(v, str) else SMALL if v is None else int(v)
    )


def labelled(
    table: pd.DataFrame,
    *,
    keys: dict[str, Callable[[str], str]],
    column_name: Callable[[str], str],
    total: str,
) -> pd.DataFrame:
    """A table ready to show or save: label columns made from the index codes (`keys`: title
    -> code to text; the total row gets `total` in the first and blanks in the others), then
    the count columns renamed (`column_name`; the total column is `total`)."""
    out = table.reset_index(drop=True)
    out.columns = [total if c == TOTAL else column_name(str(c)) for c in table.columns]
    for i, (title, label) in enumerate(keys.items()):
        names = [
            (total if i == 0 else "") if code == TOTAL else label(str(code)) for code in table.index
        ]
        out.insert(i, title, names)
    return out


def chart_data(protected: Protected, lang: str) -> pd.DataFrame:
    """A protected table (margins dropped) in long form for a chart: row, column, value (the
    published count, None for "<5": drawn as a marked bar of unknown length) and text."""
    cells = protected.values.drop(index=TOTAL, columns=TOTAL, errors="ignore")
    long = cells.stack(future_stack=True).reset_index()
    long.columns = ["row", "column", "value"]
    long = long[[not isinstance(v, str) for v in long["value"]]].reset_index(drop=True)
    long["text"] = [text(_published(v), lang) for v in long["value"]]
    long["value"] = pd.Series([_published(v) for v in long["value"]], dtype=object)
    return long


def _published(value: Any) -> int | None:
    """A published count from a frame entry (None or NaN: "<5"; markers are filtered out)."""
    return None if value is None or value != value else int(value)


def breakdown(frame: pd.DataFrame, key: str, policy: Policy) -> Protected:
    """Grouped rows (`key`, count) of one population, largest first, protected as a whole;
    the result keeps the codes as its index and a TOTAL row last."""
    return protect(counts_table(frame, key), policy)


def rows_of(protected: Protected) -> pd.DataFrame:
    """A protected one-column table as rows: code, count (published) and text; no total."""
    values = protected.values.drop(index=TOTAL, errors="ignore")["count"] if protected.ok else []
    codes = list(protected.values.index.drop(TOTAL, errors="ignore")) if protected.ok else []
    return pd.DataFrame({"code": codes, "count": pd.Series(list(values), dtype=object)})


def for_file_rows(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Rows with a column of published counts, for a file: a small count becomes "<5"."""
    return frame.assign(**{column: [SMALL if v is None else int(v) for v in frame[column]]})


def for_screen(labelled_frame: pd.DataFrame, lang: str) -> Styler:
    """A labelled protected table for st.dataframe: count columns stay numbers (so a column
    sorts by value) shown in the viewer's format with "<5" for a small count; a table with
    entries left out ("–") is shown as text."""
    counts = [c for c in labelled_frame.columns if labelled_frame[c].map(_is_count).all()]
    if any(labelled_frame[c].map(lambda v: isinstance(v, str)).any() for c in counts):
        return labelled_frame.assign(
            **{c: labelled_frame[c].map(lambda v: text(v, lang)) for c in counts}
        ).style
    numeric = labelled_frame.astype({c: "float64" for c in counts})
    return numeric.style.format(lambda v: fmt_int(v, lang), subset=counts, na_rep=SMALL)


def _is_count(value: Any) -> bool:
    return value is None or isinstance(value, int) or value == NOT_SHOWN
