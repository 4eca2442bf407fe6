"""The data-quality checks in words, for a policy and its language: completeness by field and
by agency, records not verified, likely duplicates, persons without a boundary on the map and
the latest imports; and for each problem, the person-records link (URL parameters) by its label.

Counts of persons go through the policy (exact for the roles that see this page, "<5" in
presentation mode); counts of rows of an import are not persons and are shown as they are."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pora_dash import clock
from pora_dash.geo import reference
from pora_dash.i18n import country_name, fmt_date, fmt_int, fmt_pct, t
from pora_dash.importing.entry import FORM_FILE
from pora_dash.present.disclosure import Policy
from pora_dash.reads.quality import FIELDS

Links = dict[str, dict[str, str]]  # a problem's label -> the records page's URL parameters


def share(part: int, whole: int, lang: str) -> str:
    return fmt_pct(part / whole, lang) if whole else "–"


def field_table(total: int, filled: dict[str, int], policy: Policy) -> pd.DataFrame:
    """How many active persons have each field filled, and the share."""
    lang = policy.lang
    return pd.DataFrame(
        {
            t("quality.col.field", lang): [t(f"quality.field.{f}", lang) for f in FIELDS],
            t("quality.col.filled", lang): [policy.count(filled[f]) for f in FIELDS],
            t("quality.col.share", lang): [share(filled[f], total, lang) for f in FIELDS],
        }
    )


def agency_table(by_agency: pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """Each source agency's persons and the share of each field filled."""
    lang = policy.lang
    return pd.DataFrame(
        {
            t("quality.col.agency", lang): by_agency["name"],
            t("quality.col.persons", lang): [policy.count(int(v)) for v in by_agency["total"]],
            **{
                t(f"quality.field.{f}", lang): [
                    share(int(p), int(n), lang)
                    for p, n in zip(by_agency[f], by_agency["total"], strict=True)
                ]
                for f in FIELDS
            },
        }
    )


def stale_table(stale: pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """Each area's records not verified in time, never verified, and the oldest verification."""
    lang = policy.lang
    return pd.DataFrame(
        {
            t("quality.col.area", lang): [reference.region_label(c) for c in stale["kabkota_code"]],
            t("quality.col.stale", lang): [policy.count(int(v)) for v in stale["count"]],
            t("quality.col.never", lang): [policy.count(int(v)) for v in stale["never"]],
            t("quality.col.oldest", lang): [
                fmt_date(d, lang) if isinstance(d, dt.date) else "–" for d in stale["oldest"]
            ],
        }
    )


def stale_links(stale: pd.DataFrame, lang: str) -> Links:
    """An area's records not verified in time, labelled with their number."""
    return {
        f"{reference.region_label(c)} ({fmt_int(n, lang)})": {"wilayah": c, "periksa": "verifikasi"}
        for c, n in zip(stale["kabkota_code"], stale["count"], strict=True)
    }


def case_labels(cases: pd.DataFrame, named: bool, lang: str) -> list[str]:
    """A likely-duplicate case by its number, or 'case 1, 2, ...' for a role without names."""
    return [
        c if named else t("quality.case_n", lang, n=i + 1)
        for i, c in enumerate(cases["case_number"])
    ]


def case_columns(cases: pd.DataFrame, labels: list[str], lang: str) -> dict[str, list[str]]:
    return {
        t("quality.col.case", lang): labels,
        t("quality.col.area", lang): [reference.region_label(c) for c in cases["kabkota_code"]],
    }


def profile_labels(twins: pd.DataFrame, lang: str) -> list[str]:
    """A group of persons alike in nationality, birth year, sex and kecamatan, in words."""
    return [
        t(
            "quality.profile",
            lang,
            nationality=country_name(n, lang),
            year=y,
            sex=t(f"sex.{s}", lang),
            place=reference.region_label(k),
        )
        for n, y, s, k in zip(
            twins["nationality"],
            twins["birth_year"],
            twins["sex"],
            twins["kecamatan_code"],
            strict=True,
        )
    ]


def group_table(
    groups: pd.DataFrame, columns: dict[str, list[str]], policy: Policy
) -> pd.DataFrame:
    """Likely-duplicate groups: their own columns, then the agencies and the number of persons."""
    return pd.DataFrame(
        {
            **columns,
            t("quality.col.agencies", policy.lang): groups["agency_codes"],
            t("quality.col.persons", policy.lang): [
                policy.count(int(v)) for v in groups["persons"]
            ],
        }
    )


def group_links(groups: pd.DataFrame, labels: list[str]) -> Links:
    """A group's records, by their ids."""
    return {
        label: {"id": ",".join(map(str, ids))}
        for label, ids in zip(labels, groups["ids"], strict=True)
    }


def unmapped_table(unmapped: pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """Kecamatan without a boundary on the map and their persons."""
    lang = policy.lang
    return pd.DataFrame(
        {
            t("quality.col.code", lang): unmapped["kecamatan_code"],
            t("quality.col.area", lang): [
                reference.region_label(c) for c in unmapped["kecamatan_code"]
            ],
            t("quality.col.persons", lang): [policy.count(int(v)) for v in unmapped["count"]],
        }
    )


def unmapped_links(unmapped: pd.DataFrame) -> Links:
    return {reference.region_label(c): {"wilayah": c} for c in unmapped["kecamatan_code"]}


def when(at: dt.datetime, lang: str) -> str:
    """A stored UTC time as Jakarta time (WIB)."""
    local = at.replace(tzinfo=dt.UTC).astimezone(clock.TZ)
    return t("quality.when", lang, date=fmt_date(local.date(), lang), time=f"{local:%H:%M}")


def imports_table(imports: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The latest imports: when, who, what, the file (or the entry form), and their rows."""

    def rows(column: str) -> list[str]:
        return [fmt_int(v, lang) for v in imports[column]]

    return pd.DataFrame(
        {
            t("quality.col.when", lang): [when(a, lang) for a in imports["at"]],
            t("quality.col.who", lang): imports["username"],
            t("quality.col.kind", lang): [t(f"import.kind.{k}", lang) for k in imports["kind"]],
            t("quality.col.file", lang): [
                t("quality.form_entry", lang) if f == FORM_FILE else f for f in imports["file_name"]
            ],
            t("quality.col.status", lang): [
                t(f"quality.status.{s}", lang) for s in imports["status"]
            ],
            t("quality.col.rows", lang): rows("rows_total"),
            t("quality.col.added", lang): rows("added"),
            t("quality.col.updated", lang): rows("updated"),
            t("quality.col.unchanged", lang): rows("unchanged"),
            t("quality.col.refused", lang): rows("refused"),
        }
    )
