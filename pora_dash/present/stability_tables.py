"""The stability page's tables in words, for an audience and its language: the incidents (and
their points on the time line), the operations with their findings, the comparison of the days
before an event with the same days a year earlier, and the calendar.

Each table of counts of people takes a `Policy`: the screen's, or a file's (protected, or the
internal variant), so the downloads are the same tables made for their audience."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pora_dash.geo import labels
from pora_dash.i18n import fmt_date, t
from pora_dash.present.disclosure import Policy, for_file, text
from pora_dash.present.stability import (
    comparison_cells,
    finding_label,
    finding_texts,
    incident_people,
    operation_label,
)
from pora_dash.reads.stability import year_before


def incident_points(incidents: pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """The incidents as the time line draws them: date, type, severity and area in words, the
    people as shown, and a circle that grows with them ("<5" and "–" get the smallest)."""
    lang = policy.lang
    _, people_each = incident_people(list(incidents["people"]), policy)
    data = incidents.copy()
    data["when"] = pd.to_datetime(data["date"])
    data["date_txt"] = [fmt_date(d, lang) for d in data["date"]]
    data["kind_txt"] = [t(f"incident.{k}", lang) for k in data["kind"]]
    data["severity_txt"] = [t(f"severity.{s}", lang) for s in data["severity"]]
    data["area"] = [labels.local(c) for c in data["region_code"]]
    data["people_txt"] = [text(v, lang) for v in people_each]
    data["size"] = [v if isinstance(v, int) else 1 for v in people_each]
    return data


def incident_table(points: pd.DataFrame, policy: Policy, *, screen: bool = False) -> pd.DataFrame:
    """The list of incidents (`points` from incident_points): the people as text on a screen,
    as numbers (or "<5") in a file."""
    lang = policy.lang
    _, people = incident_people(list(points["people"]), policy)
    return pd.DataFrame(
        {
            t("col.date", lang): points["date_txt"],
            t("stability.kind", lang): points["kind_txt"],
            t("stability.severity", lang): points["severity_txt"],
            t("col.region", lang): points["area"],
            t("stability.people_short", lang): [
                text(v, lang) if screen else for_file(v) for v in people
            ],
            t("stability.source", lang): points["source"].fillna("–"),
            t("stability.description", lang): points["description"],
        }
    )


def operation_tables(
    findings: pd.DataFrame, ops: pd.DataFrame, policy: Policy
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The findings of the period's operations (by type) and the list of operations."""
    lang = policy.lang
    totals, each = finding_texts(
        dict(zip(findings["finding"], findings["count"], strict=True)),
        list(ops["findings"]),
        policy,
    )
    summary = pd.DataFrame(
        {
            t("stability.finding", lang): [finding_label(f, lang) for f in findings["finding"]],
            t("col.count", lang): [totals[f] for f in findings["finding"]],
            t("stability.in_operations", lang): findings["operations"],
        }
    )
    listing = pd.DataFrame(
        {
            t("col.date", lang): [fmt_date(d, lang) for d in ops["date"]],
            t("stability.op_kind", lang): [operation_label(k, lang) for k in ops["kind"]],
            t("col.region", lang): [labels.local(c) for c in ops["region_code"]],
            t("stability.lead", lang): ops["lead"].fillna("–"),
            t("stability.agencies", lang): ["; ".join(a) for a in ops["agencies"]],
            t("stability.findings", lang): [
                "; ".join(f"{finding_label(k, lang)}: {v}" for k, v in found.items()) or "–"
                for found in each
            ],
            t("stability.linked_actions", lang): [
                t("stability.actions_of", lang, n=n, pending=p) if n else "–"
                for n, p in zip(ops["actions"], ops["actions_pending"], strict=True)
            ],
        }
    )
    return summary, listing


def operations_by_kind(ops: pd.DataFrame, lang: str) -> pd.DataFrame:
    """How many operations of each kind, with the kind's name (`kind`, `n`, `label`)."""
    by_kind = ops.groupby("kind").size().reset_index(name="n")
    by_kind["label"] = [operation_label(k, lang) for k in by_kind["kind"]]
    return by_kind


def comparison_table(
    comparison: pd.DataFrame, event_day: dt.date, days: int, policy: Policy
) -> pd.DataFrame:
    """The `days` before an event against the same days a year earlier, each column named by
    its dates, with the change."""
    lang = policy.lang
    end = event_day - dt.timedelta(days=1)
    begin = end - dt.timedelta(days=days)

    def span(a: dt.date, b: dt.date) -> str:
        return f"{fmt_date(a + dt.timedelta(days=1), lang)} – {fmt_date(b, lang)}"

    cells = comparison_cells(comparison, policy)
    return pd.DataFrame(
        {
            t("stability.metric", lang): [t(f"comparison.{m}", lang) for m in comparison["metric"]],
            t("stability.before_event", lang, span=span(begin, end)): cells["before"],
            t("stability.year_earlier", lang, span=span(year_before(begin), year_before(end))): (
                cells["earlier"]
            ),
            t("stability.change", lang): cells["change"],
        }
    )


def calendar_table(events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The calendar's events: name, kind, first and last day."""
    return pd.DataFrame(
        {
            t("stability.event", lang): events["name"],
            t("stability.event_kind", lang): [t(f"event.{k}", lang) for k in events["kind"]],
            t("stability.from", lang): [fmt_date(d, lang) for d in events["starts_on"]],
            t("stability.until", lang): [fmt_date(d, lang) for d in events["ends_on"]],
        }
    )
