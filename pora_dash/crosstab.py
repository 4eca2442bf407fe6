"""Tables and charts of grouped counts: cross-tables with totals, their suppression, and the
charts of the "Asal & status" page.

Nothing here reads the database or Streamlit: grouped rows come in (from `origins`), tables
and Altair charts go out. A table keeps codes in its index and columns; the margins are the
row and the column named TOTAL. Suppression treats every row and every column that has a
visible total as one equation: a single hidden entry in it could be worked out from the
others, so a second one is hidden too (`privacy.complementary`), rows then columns, until
nothing changes. Tables shown together that share a count (a margin of one is a row of
another) hide it in both (`hidden_linked`).

>>> cells = pd.DataFrame({"refugee": [3, 40], "asylum_seeker": [12, 9]}, index=["PSE", "AFG"])
>>> table = with_totals(cells)
>>> suppress_table(table, Policy(suppress=True)).to_dict("index")["PSE"]
{'refugee': '<5', 'asylum_seeker': '<5', '__total__': '15'}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import altair as alt
import pandas as pd
from pandas.io.formats.style import Styler

from pora_dash.charts import OKABE_ITO, event_rules, month_axis
from pora_dash.i18n import fmt_int
from pora_dash.privacy import SUPPRESSED, Policy, complementary

TOTAL = "__total__"
GREY = "#999999"
STATUS_COLOURS = {
    "refugee": OKABE_ITO[0],
    "asylum_seeker": OKABE_ITO[1],
    "registered_pending": OKABE_ITO[2],
    "not_registered": OKABE_ITO[3],
    "rejected": OKABE_ITO[4],
}
SEX_COLOURS = {"M": OKABE_ITO[0], "F": OKABE_ITO[1]}
FLOW_COLOURS = {
    "arrivals": OKABE_ITO[2],
    "resettled": OKABE_ITO[0],
    "voluntary_return": OKABE_ITO[5],
    "moved": OKABE_ITO[1],
    "deceased": OKABE_ITO[7],
    "unknown": OKABE_ITO[4],
}
# Streamlit fits a chart into its height: title, subtitle, legend and axes take this much of it
FRAME_HEIGHT = 150
ROW_HEIGHT = 34  # per bar of a horizontal bar chart: room for a 14px label on a projector
LEGEND = alt.Legend(title=None, orient="top", labelLimit=400)
AXIS_STYLE: dict[str, Any] = {"labelFontSize": 14, "titleFontSize": 14}
TITLE_STYLE: dict[str, Any] = {"fontSize": 17, "anchor": "start"}


# --- tables ------------------------------------------------------------------------------


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


def margin(
    table: pd.DataFrame, hidden: pd.DataFrame | None, *, of: str
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The totals of a table's rows (`of="rows"`) or columns (`of="columns"`) as a one-column
    table (`count`, the grand total last), with their hidden entries: the same counts, hidden
    the same way, as in the table itself."""

    def pick(frame: pd.DataFrame) -> pd.DataFrame:
        totals = frame[[TOTAL]] if of == "rows" else frame.loc[[TOTAL]].T
        return totals.set_axis(["count"], axis=1)

    return pick(table), None if hidden is None else pick(hidden)


def hidden_cells(table: pd.DataFrame, *, also: pd.DataFrame | None = None) -> pd.DataFrame:
    """Which entries to hide: every count 1–4 (and those marked in `also`), and enough others
    that no row or column with a visible total has exactly one hidden entry (the total's own
    entry included)."""
    values = table.to_numpy(dtype="int64")
    hidden = (values > 0) & (values < 5)
    if also is not None:
        hidden |= also.reindex_like(table).fillna(False).to_numpy(dtype=bool)
    lines: list[tuple[int, int]] = []  # (axis, index): 0 = a row, 1 = a column
    if TOTAL in table.columns:
        lines += [(0, i) for i in range(values.shape[0])]
    if TOTAL in table.index:
        lines += [(1, j) for j in range(values.shape[1])]
    changed = True
    while changed:
        changed = False
        for axis, i in lines:
            line, mask = (values[i], hidden[i]) if axis == 0 else (values[:, i], hidden[:, i])
            marked = [1 if h else int(v) for v, h in zip(line, mask, strict=True)]
            more = [c and not h for c, h in zip(complementary(marked), mask, strict=True)]
            if any(more):
                changed = True
                mask |= more  # a view into `hidden`
    return pd.DataFrame(hidden, index=table.index, columns=table.columns)


Entry = tuple[str, Any, Any]  # (table name, row, column)


def hidden_linked(
    tables: dict[str, pd.DataFrame], links: Sequence[tuple[Entry, Entry]]
) -> dict[str, pd.DataFrame]:
    """Hidden entries of tables shown together that share counts (the same number in two
    tables, e.g. a margin of one is a column of another): a shared count hidden in one is
    hidden in the other, and each table is made safe again, until nothing changes. Otherwise
    the table showing it would give back what the other hides."""
    seeds = {
        name: pd.DataFrame(False, index=t.index, columns=t.columns) for name, t in tables.items()
    }
    while True:
        hidden = {name: hidden_cells(t, also=seeds[name]) for name, t in tables.items()}
        changed = False
        for a, b in links:
            if hidden[a[0]].loc[a[1], a[2]] != hidden[b[0]].loc[b[1], b[2]]:
                for name, row, col in (a, b):
                    seeds[name].loc[row, col] = True
                changed = True
        if not changed:
            return hidden


def suppress_table(
    frame: pd.DataFrame, policy: Policy, hidden: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The table as display strings: hidden entries "<5", the others in the viewer's format.
    `hidden` (from `hidden_linked`) defaults to the table's own `hidden_cells`."""
    shown = frame.map(policy.count)
    if not policy.suppress:
        return shown
    return shown.mask(hidden_cells(frame) if hidden is None else hidden, SUPPRESSED)


def masked_table(
    frame: pd.DataFrame, policy: Policy, hidden: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The table's numbers with hidden entries left out (NaN): for charts and sortable tables,
    so a hidden count never reaches the browser."""
    numbers = frame.astype("float64")
    if not policy.suppress:
        return numbers
    return numbers.mask(hidden_cells(frame) if hidden is None else hidden)


def export_table(
    frame: pd.DataFrame, policy: Policy, hidden: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The table for a file: numbers stay numbers, hidden entries become "<5"."""
    out = frame.astype(object)
    if policy.suppress:
        out = out.mask(hidden_cells(frame) if hidden is None else hidden, SUPPRESSED)
    return out


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


def styled(frame: pd.DataFrame, lang: str) -> Styler:
    """A labelled, masked table for st.dataframe: numbers stay numbers (so a column sorts by
    value), shown in the viewer's format, hidden entries as "<5"."""
    numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
    return frame.style.format(lambda v: fmt_int(v, lang), subset=numeric, na_rep=SUPPRESSED)


def chart_data(masked: pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """A masked table (totals dropped) in long form for a chart: row, column, value (None
    where hidden: nothing is drawn) and text (the count as the table shows it)."""
    cells = masked.drop(index=TOTAL, columns=TOTAL, errors="ignore")
    long = cells.stack(future_stack=True).reset_index()
    long.columns = ["row", "column", "value"]
    long["text"] = [SUPPRESSED if v != v else policy.count(int(v)) for v in long["value"]]
    long["value"] = pd.Series([_num(v) for v in long["value"]], dtype=object)
    return long


def _num(value: Any) -> int | None:
    """A count to draw, or None for a hidden one (None or NaN)."""
    return None if value is None or value != value else int(value)


# --- charts --------------------------------------------------------------------------------


def _count_axis(title: str | None, lang: str, *, absolute: bool = False) -> alt.Axis:
    sep = "." if lang == "id" else ","
    value = "abs(datum.value)" if absolute else "datum.value"
    return alt.Axis(
        title=title,
        labelExpr=f"replace(format({value}, ',d'), regexp(',', 'g'), '{sep}')",
        tickMinStep=1,  # counts: no 0,5 ticks shown as duplicate whole numbers
        grid=True,
    )


def _finish(chart: Any, title: str | alt.TitleParams) -> Any:
    return (
        chart.properties(title=title)
        .configure_axis(**AXIS_STYLE)
        .configure_legend(labelFontSize=14, titleFontSize=14)
        .configure_title(**TITLE_STYLE)
        .configure_view(strokeWidth=0)
    )


def bars(
    labels: Sequence[str],
    values: Sequence[int | None],
    texts: Sequence[str],
    *,
    title: str | alt.TitleParams,
    axis_title: str,
    lang: str,
    colours: Sequence[str] | None = None,
) -> Any:
    """Horizontal bars with their count written at the end; a None value draws no bar, only
    its text (e.g. "<5") at the axis."""
    data = pd.DataFrame(
        {
            "label": list(labels),
            "value": pd.Series([_num(v) for v in values], dtype=object),
            "text": list(texts),
            "colour": list(colours) if colours else [OKABE_ITO[0]] * len(labels),
        }
    )
    data["at"] = [v or 0 for v in data["value"]]
    y = alt.Y("label:N", sort=list(labels), title=None, axis=alt.Axis(labelLimit=260))
    tooltip = [alt.Tooltip("label:N", title=""), alt.Tooltip("text:N", title=axis_title)]
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    top = max([v for v in data["value"] if v is not None] or [0])
    scale = alt.Scale(domain=[0, top * 1.12]) if top else alt.Scale()  # room for the labels
    bar = base.mark_bar(cornerRadiusEnd=2).encode(
        x=alt.X("value:Q", axis=_count_axis(axis_title, lang), scale=scale),
        color=alt.Color("colour:N", scale=None),
    )
    text = base.mark_text(align="left", dx=4, fontSize=14, color="#262730").encode(
        x="at:Q", text="text:N"
    )
    height = FRAME_HEIGHT + ROW_HEIGHT * max(3, len(data))
    return _finish(alt.layer(bar, text).properties(height=height), title)


def pyramid(
    frame: pd.DataFrame,
    *,
    bands: Sequence[str],
    band_labels: dict[str, str],
    sex_labels: dict[str, str],
    title: str | alt.TitleParams,
    axis_title: str,
    lang: str,
) -> Any:
    """A population pyramid: males to the left, females to the right, oldest band on top.

    `frame`: band, sex, value (None when suppressed: no bar), text (the count as shown)."""
    data = frame.copy()
    counts = [_num(v) for v in data["value"]]
    signed = [
        None if n is None else (-n if s == "M" else n)
        for n, s in zip(counts, data["sex"], strict=True)
    ]
    data["x"] = pd.Series(signed, index=data.index, dtype=object)
    data["at"] = [x or 0 for x in signed]
    data["band_label"] = data["band"].map(band_labels)
    data["sex_label"] = data["sex"].map(sex_labels)
    order = [band_labels[b] for b in reversed(bands)]
    y = alt.Y("band_label:N", sort=order, title=None, axis=alt.Axis(labelLimit=120))
    tooltip = [
        alt.Tooltip("band_label:N", title=""),
        alt.Tooltip("sex_label:N", title=""),
        alt.Tooltip("text:N", title=axis_title),
    ]
    base = alt.Chart(data).encode(y=y, tooltip=tooltip)
    colours = alt.Scale(
        domain=[sex_labels["M"], sex_labels["F"]], range=[SEX_COLOURS["M"], SEX_COLOURS["F"]]
    )
    reach = max([abs(n) for n in counts if n is not None] or [1]) * 1.15  # labels fit
    bar = base.mark_bar().encode(
        x=alt.X(
            "x:Q",
            axis=_count_axis(axis_title, lang, absolute=True),
            scale=alt.Scale(domain=[-reach, reach], nice=False),
        ),
        color=alt.Color("sex_label:N", scale=colours, legend=LEGEND),
    )
    left = (
        base.transform_filter("datum.sex == 'M'")
        .mark_text(align="right", dx=-4, fontSize=13, color="#262730")
        .encode(x="at:Q", text="text:N")
    )
    right = (
        base.transform_filter("datum.sex == 'F'")
        .mark_text(align="left", dx=4, fontSize=13, color="#262730")
        .encode(x="at:Q", text="text:N")
    )
    return _finish(
        alt.layer(bar, left, right).properties(height=FRAME_HEIGHT + ROW_HEIGHT * len(bands)), title
    )


def lines(
    frame: pd.DataFrame,
    events: pd.DataFrame,
    *,
    colours: dict[str, str],
    title: str | alt.TitleParams,
    axis_title: str,
    lang: str,
) -> Any:
    """One line per group over the months, with the calendar events.

    `frame`: month, label (the group's name), value (None where suppressed: a gap), text."""
    data = frame.copy()
    data["date"] = pd.to_datetime(data["month"])
    labels = list(dict.fromkeys(data["label"]))
    scale = alt.Scale(domain=labels, range=[colours.get(x, GREY) for x in labels])
    top = max([v for v in data["value"] if v is not None] or [0])
    # room above the lines for the events' labels
    headroom = alt.Scale(domain=[0, top * 1.3]) if top else alt.Scale()
    line = (
        alt.Chart(data)
        .mark_line(strokeWidth=3, point=alt.OverlayMarkDef(size=30))
        .encode(
            x=alt.X("date:T", axis=month_axis(lang)),
            y=alt.Y("value:Q", axis=_count_axis(axis_title, lang), scale=headroom),
            color=alt.Color("label:N", scale=scale, legend=LEGEND),
            tooltip=[
                alt.Tooltip("date:T", title="", format="%m/%Y"),
                alt.Tooltip("label:N", title=""),
                alt.Tooltip("text:N", title=axis_title),
            ],
        )
    )
    rules = event_rules(events, lang, frame["month"].min(), frame["month"].max())
    chart = line if rules is None else alt.layer(rules, line)
    return _finish(chart.properties(height=FRAME_HEIGHT + 300), title)


def flows(
    frame: pd.DataFrame,
    events: pd.DataFrame,
    *,
    yearly: bool,
    colours: dict[str, str],
    title: str | alt.TitleParams,
    axis_title: str,
    lang: str,
) -> Any:
    """Arrivals up and departures (stacked by reason) down, per month or per year.

    `frame`: period, series (code), label, value (None where suppressed), text. Years carry
    their totals as labels; months, too many to label, have tooltips."""
    data = frame.copy()
    data["date"] = pd.to_datetime(data["period"])
    counts = [_num(v) for v in data["value"]]
    data["signed"] = pd.Series(
        [
            None if n is None else (n if s == "arrivals" else -n)
            for n, s in zip(counts, data["series"], strict=True)
        ],
        index=data.index,
        dtype=object,
    )
    labels = list(dict.fromkeys(data["label"]))
    codes = list(dict.fromkeys(data["series"]))
    scale = alt.Scale(domain=labels, range=[colours.get(c, GREY) for c in codes])
    x = (
        alt.X("year(date):O", title=None, axis=alt.Axis(labelAngle=0))
        if yearly
        else alt.X("yearmonth(date):T", axis=month_axis(lang))
    )
    per_period = (
        data.assign(
            up=[v if v is not None and v > 0 else 0 for v in data["signed"]],
            down=[-v if v is not None and v < 0 else 0 for v in data["signed"]],
        )
        .groupby("date")[["up", "down"]]
        .sum()
    )
    # room above the bars for the events' labels
    domain = [-per_period["down"].max() * 1.1, max(per_period["up"].max() * 1.35, 1)]
    bar = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y(
                "sum(signed):Q",
                axis=_count_axis(axis_title, lang, absolute=True),
                scale=alt.Scale(domain=domain),
            ),
            color=alt.Color("label:N", scale=scale, sort=labels, legend=LEGEND),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("date:T", title="", format="%Y" if yearly else "%m/%Y"),
                alt.Tooltip("label:N", title=""),
                alt.Tooltip("text:N", title=axis_title),
            ],
        )
        .transform_calculate(order=f"indexof({codes!r}, datum.series)")
    )
    layers: list[Any] = [bar]
    if yearly:
        layers += _year_totals(data, x, lang)
    else:
        rules = event_rules(events, lang, frame["period"].min(), frame["period"].max())
        if rules is not None:
            layers.insert(0, rules)
    return _finish(alt.layer(*layers).properties(height=FRAME_HEIGHT + 300), title)


def _year_totals(data: pd.DataFrame, x: Any, lang: str) -> list[Any]:
    """Labels above the arrivals and below the departures of each year (visible counts only:
    a year with a hidden reason gets no departure total, which would give it back)."""
    rows = []
    for date, group in data.groupby("date"):
        arr = group[group["series"] == "arrivals"]
        dep = group[group["series"] != "arrivals"]
        if len(arr) and arr["value"].notna().all():
            n = int(arr["value"].iloc[0])
            rows.append({"date": date, "y": n, "text": fmt_int(n, lang), "up": True})
        if dep["value"].notna().all():
            n = int(dep["value"].sum())
            rows.append({"date": date, "y": -n, "text": fmt_int(n, lang), "up": False})
    if not rows:
        return []
    totals = pd.DataFrame(rows)
    return [
        alt.Chart(totals[totals["up"] == up])
        .mark_text(
            fontSize=13, color="#262730", baseline="bottom" if up else "top", dy=-3 if up else 3
        )
        .encode(x=x, y="y:Q", text="text:N")
        for up in (True, False)
        if (totals["up"] == up).any()
    ]
