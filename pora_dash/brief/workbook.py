"""The brief's tables as an Excel workbook: one sheet per table, through `exports.to_excel`
(formulas neutralised, sheet names made valid, the brief's title and filter on top)."""

from __future__ import annotations

import pandas as pd

from pora_dash.brief.content import Brief
from pora_dash.brief.tables import Table, all_tables
from pora_dash.i18n import fmt_date, t
from pora_dash.render import exports


def header_lines(brief: Brief) -> list[str]:
    lang = brief.lang
    marking = "export.internal_mark" if brief.policy.exact else "disclosure.rule"
    return [
        t(marking, lang),
        f"{t('brief.title', lang)} · {brief.office} · {brief.period.label(lang)}",
        t("filter.region_is", lang, name=brief.region_name)
        + (f" ({brief.region})" if brief.region else "")
        + f" · {t('home.as_of', lang, date=fmt_date(brief.as_of, lang))}",
        t("export.no_names", lang),
    ]


def _frame(table: Table) -> pd.DataFrame:
    rows = [*table.rows, *([table.total] if table.total else [])]
    return pd.DataFrame(rows, columns=table.columns, dtype=object)


def render_workbook(brief: Brief) -> bytes:
    """The workbook's bytes; sheets in the order of the brief's sections."""
    sheets = {table.title: _frame(table) for table in all_tables(brief).values()}
    return exports.to_excel(sheets, header_lines(brief))
