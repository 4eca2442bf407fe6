"""The brief's tables, protected once and shared by the PDF and the workbook.

Counts of people go through the brief's policy (`present.disclosure`): in a protected brief
they are rounded to 5 ("<5" for 1–4), totals are rounded on their own, shares come from the
published counts (base of at least 20), and a breakdown of fewer than 20 people, or one that
would give a small count back, is replaced by a line saying so. Cells stay numbers where
shown, so the workbook keeps numbers; the PDF formats them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from pora_dash.brief.content import Brief
from pora_dash.followthrough import ontime
from pora_dash.geo import labels
from pora_dash.i18n import country_name, fmt_date, fmt_int, fmt_month, fmt_pct, t
from pora_dash.present import trend as present_trend
from pora_dash.present.disclosure import Published, for_file
from pora_dash.present.stability import incident_people
from pora_dash.store.models import UNHCR_STATUSES

Cell = str | int | None
TOP_ROWS = 12  # areas and nationalities beyond these are summed into one "others" row
DESCRIPTION_CHARS = 180


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    widths: tuple[float, ...]  # relative column widths in the PDF
    numeric: frozenset[int] = frozenset()  # right-aligned columns
    total: list[Cell] | None = None
    emphasis: frozenset[int] = field(default_factory=frozenset)  # rows printed bold
    alert_column: int | None = None  # in emphasised rows, this cell is printed as a warning


def _with_others(labels: list[str], counts: list[int], others_label: str):  # type: ignore[no-untyped-def]
    """The first TOP_ROWS rows, and the rest summed into one row when there is a rest."""
    if len(labels) <= TOP_ROWS + 1:
        return labels, counts
    rest = counts[TOP_ROWS:]
    label = f"{others_label} ({len(rest)})"
    return [*labels[:TOP_ROWS], label], [*counts[:TOP_ROWS], sum(rest)]


def _share(cell: Published, total: int, brief: Brief) -> str:
    if cell is None:
        return "–"
    share = brief.policy.share_value(cell, total)
    return "–" if share is None else fmt_pct(share, brief.lang)


def _count_table(
    brief: Brief,
    title: str,
    label_column: str,
    labels: list[str],
    codes: list[str],
    counts: list[int],
    *,
    others: bool = True,
    emphasis: Sequence[str] = (),
) -> Table:
    lang = brief.lang
    total = sum(counts)
    if others:
        shown, shown_counts = _with_others(labels, counts, t("brief.others", lang))
        if len(shown) < len(labels):  # the last row sums the rest: it has no code
            codes = [*codes[: len(shown) - 1], ""]
    else:
        shown, shown_counts = labels, counts
    columns = [label_column, t("col.code", lang), t("col.count", lang), t("brief.col.share", lang)]
    published = brief.policy.breakdown(total, shown_counts)
    if not published.ok:
        note = t(f"disclosure.{published.withheld}", lang)
        return Table(
            title=title,
            columns=columns,
            rows=[[note, "", "", ""]],
            widths=(5, 1.5, 1.5, 1.6),
            numeric=frozenset({2, 3}),
            total=[t("brief.total", lang), "", for_file(brief.policy.number(total)), ""],
        )
    rows = [
        [label, code, for_file(cell), _share(cell, total, brief)]
        for label, code, cell in zip(shown, codes, published.values, strict=True)
    ]
    whole = brief.policy.number(total)
    return Table(
        title=title,
        columns=columns,
        rows=rows,
        widths=(5, 1.5, 1.5, 1.6),
        numeric=frozenset({2, 3}),
        total=[t("brief.total", lang), "", for_file(whole), _share(whole, total, brief)]
        if rows
        else None,
        emphasis=frozenset(i for i, code in enumerate(codes) if code and code in emphasis),
    )


def area_table(brief: Brief) -> Table:
    frame = brief.areas
    codes = [str(c) for c in frame["code"]]
    names = [labels.name(c) for c in codes]
    lang = brief.lang
    titles = {1: t("brief.areas.1", lang), 2: t("brief.areas.2", lang), 3: t("brief.areas.3", lang)}
    return _count_table(
        brief,
        titles[brief.map_view.level],
        t("col.region", brief.lang),
        names,
        codes,
        [int(n) for n in frame["count"]],
        emphasis=[brief.map_view.selected or ""],
    )


def nationality_table(brief: Brief) -> Table:
    frame = brief.nationalities
    codes = [str(c) for c in frame["nationality"]]
    return _count_table(
        brief,
        t("brief.nationalities", brief.lang),
        t("col.nationality", brief.lang),
        [country_name(c, brief.lang) for c in codes],
        codes,
        [int(n) for n in frame["count"]],
    )


def status_table(brief: Brief) -> Table:
    found = dict(zip(brief.statuses["status"], brief.statuses["count"], strict=True))
    table = _count_table(
        brief,
        t("brief.statuses", brief.lang),
        t("filter.status", brief.lang),
        [t(f"status.{s}", brief.lang) for s in UNHCR_STATUSES],
        ["" for _ in UNHCR_STATUSES],
        [int(found.get(s, 0)) for s in UNHCR_STATUSES],
        others=False,
    )
    # no codes for statuses: drop the code column
    return Table(
        title=table.title,
        columns=[table.columns[0], *table.columns[2:]],
        rows=[[r[0], *r[2:]] for r in table.rows],
        widths=(5, 1.5, 1.6),
        numeric=frozenset({1, 2}),
        total=[table.total[0], *table.total[2:]] if table.total else None,
    )


def trend_table(brief: Brief) -> Table:
    lang = brief.lang
    columns = [
        t("trend.month", lang),
        t("trend.active", lang),
        t("trend.arrivals", lang),
        t("trend.departures", lang),
    ]
    shown = present_trend.protect(brief.trend, brief.policy)
    if not shown.ok:
        note = t(f"disclosure.{shown.withheld}", lang)
        return Table(t("brief.trend", lang), columns, [[note, "", "", ""]], (2, 1.5, 1.5, 1.5))
    frame = shown.frame
    return Table(
        title=t("brief.trend", lang),
        columns=columns,
        rows=[
            [fmt_month(m, lang), *(for_file(v) for v in values)]
            for m, *values in zip(
                frame["month"], frame["active"], frame["arrivals"], frame["departures"], strict=True
            )
        ],
        widths=(2, 1.5, 1.5, 1.5),
        numeric=frozenset({1, 2, 3}),
    )


def _place(code: str | None) -> str:
    return labels.name(code)


def _short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= DESCRIPTION_CHARS else text[: DESCRIPTION_CHARS - 1] + "…"


def incident_table(brief: Brief) -> Table:
    lang, frame = brief.lang, brief.incidents
    _, people = incident_people(list(frame["people"]), brief.policy)
    rows: list[list[Cell]] = [
        [
            fmt_date(day, lang),
            t(f"incident.{kind}", lang),
            _place(kec),
            t(f"severity.{int(sev)}", lang),
            for_file(cell) if cell != 0 else "–",
            _short(text),
        ]
        for day, kind, kec, sev, cell, text in zip(
            frame["date"],
            frame["kind"],
            frame["kecamatan_code"],
            frame["severity"],
            people,
            frame["description"],
            strict=True,
        )
    ]
    return Table(
        title=t("brief.incidents", lang),
        columns=[
            t("brief.col.date", lang),
            t("brief.col.kind", lang),
            t("filter.kecamatan", lang),
            t("brief.col.severity", lang),
            t("brief.col.people", lang),
            t("brief.col.description", lang),
        ],
        rows=rows,
        widths=(1.9, 2.2, 1.8, 1.1, 1.1, 5.2),
        numeric=frozenset({4}),
    )


def action_table(brief: Brief) -> Table:
    lang, frame = brief.lang, brief.actions
    rows: list[list[Cell]] = []
    overdue_rows = set()
    for i, a in enumerate(frame.itertuples()):
        if a.overdue:
            days = (brief.as_of - a.due_date).days
            state = t("brief.overdue_days", lang, n=days)
            overdue_rows.add(i)
        else:
            state = t(f"action.status.{a.status}", lang)
        rows.append(
            [
                fmt_date(a.due_date, lang),
                _short(a.description),
                str(a.owner),
                fmt_date(a.meeting_date, lang),
                state,
            ]
        )
    return Table(
        title=t("brief.actions", lang),
        columns=[
            t("brief.col.due", lang),
            t("brief.col.action", lang),
            t("brief.col.owner", lang),
            t("brief.col.meeting", lang),
            t("brief.col.status", lang),
        ],
        rows=rows,
        widths=(1.9, 5.4, 2.8, 1.9, 2.0),
        emphasis=frozenset(overdue_rows),
        alert_column=4,
    )


def on_time_table(brief: Brief) -> Table:
    """Per agency and month of the due date: the share of actions done by their due date
    (with the number due), and all agencies together in the last row. Counts of actions,
    not of people: shown as they are."""

    lang, frame = brief.lang, brief.on_time
    months = sorted(set(frame["month"]))

    def cell(rate: float, due: int) -> str:
        return f"{fmt_pct(rate, lang, 0)} ({fmt_int(due, lang)})"

    rows: list[list[Cell]] = []
    for agency, part in frame.groupby("agency", sort=True):
        by_month = {
            m: cell(r, d) for m, r, d in zip(part["month"], part["rate"], part["due"], strict=True)
        }
        rows.append([str(agency), *(by_month.get(m, "–") for m in months)])
    total = ontime.overall(frame)
    overall = {
        m: cell(r, d) for m, r, d in zip(total["month"], total["rate"], total["due"], strict=True)
    }
    return Table(
        title=t("brief.on_time", lang),
        columns=[
            t("brief.col.owner", lang),
            *(fmt_month(dt.date.fromisoformat(m + "-01"), lang) for m in months),
        ],
        rows=rows,
        widths=(4.0, *(1.6 for _ in months)),
        numeric=frozenset(range(1, len(months) + 1)),
        total=[t("brief.on_time.all", lang), *(overall.get(m, "–") for m in months)]
        if rows
        else None,
    )


def figure_table(brief: Brief) -> Table:
    lang = brief.lang
    then = zip(brief.last_year, brief.last_year_change, strict=True)
    rows: list[list[Cell]] = [
        [
            f.label,
            f.value,
            t("brief.change", lang, change=f.delta, n=f.delta_days)
            if f.delta and f.delta_days
            else f.delta or "",
            before.value,
            change,
        ]
        for f, (before, change) in zip(brief.figures, then, strict=True)
    ]
    rows.append(
        [
            t("brief.period_arrivals", lang, period=brief.period.label(lang)),
            brief.policy.count(brief.period_arrivals),
            "",
        ]
    )
    rows.append(
        [
            t("brief.period_incidents", lang, period=brief.period.label(lang)),
            fmt_int(len(brief.incidents), lang),
            "",
        ]
    )
    for row in rows[len(brief.figures) :]:
        row += ["", ""]  # the period's own figures: nothing a year earlier here
    return Table(
        title=t("brief.figures", lang),
        columns=[
            t("brief.col.figure", lang),
            t("brief.col.value", lang),
            t("brief.col.note", lang),
            t("brief.col.last_year", lang, date=fmt_date(brief.last_year_date, lang)),
            t("compare.col.change", lang),
        ],
        rows=rows,
        widths=(5, 1.5, 2, 1.8, 1.2),
        numeric=frozenset({1, 3, 4}),
    )


def all_tables(brief: Brief) -> dict[str, Table]:
    """Every table of the brief, keyed by what it is (the workbook's sheets, in order)."""
    return {
        "figures": figure_table(brief),
        "areas": area_table(brief),
        "nationalities": nationality_table(brief),
        "statuses": status_table(brief),
        "trend": trend_table(brief),
        "incidents": incident_table(brief),
        "actions": action_table(brief),
        "on_time": on_time_table(brief),
    }
