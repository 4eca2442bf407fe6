"""What the import page shows of a plan: problems by row and column, the region matches to
confirm, the first rows of the file, and the choices for agencies, sites and kecamatan."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from pora_dash.access.scope import Scope
from pora_dash.geo import reference
from pora_dash.i18n import t
from pora_dash.importing.plan import Plan
from pora_dash.importing.problems import Problem
from pora_dash.store.models import Agency, Site

MAX_PROBLEMS_SHOWN = 1000


ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
}
SEPARATOR_NAMES = {";": "semicolon", ",": "comma", "\t": "tab"}


def problems_frame(problems: list[Problem], lang: str, *, rows: bool = True) -> pd.DataFrame:
    """Problems as a table: row (unless `rows=False`, for a one-record form), column, message."""
    shown = problems[:MAX_PROBLEMS_SHOWN]
    if not rows:
        names = [t(f"import.col.{c}", lang) for c in ("column", "problem")]
        return pd.DataFrame([(p.column or "", p.message(lang)) for p in shown], columns=names)
    names = [t(f"import.col.{c}", lang) for c in ("row", "column", "problem")]
    # a problem of the whole file has no row: '–', never 'None'
    return pd.DataFrame(
        [("–" if p.row is None else str(p.row), p.column or "", p.message(lang)) for p in shown],
        columns=names,
    )


def read_as(plan: Plan, lang: str) -> str | None:
    """How the file was read, in words: the Excel sheet, or the CSV's encoding and separator.

    >>> from pora_dash.importing.reading import Table
    >>> read_as(Plan("persons", "x.csv", "", Table([], [], encoding="cp1252", separator=";")), "id")
    'Dibaca sebagai teks Windows-1252, kolom dipisah titik koma (;)'
    """
    table = plan.table
    if table.sheet:
        how = t("import.read.sheet", lang, sheet=table.sheet)
    elif table.encoding:
        how = t(
            "import.read.csv",
            lang,
            encoding=ENCODINGS.get(table.encoding, table.encoding),
            separator=t(f"import.sep.{SEPARATOR_NAMES.get(table.separator or ',', 'comma')}", lang),
        )
    else:
        return None
    return t("import.read_as", lang, how=how)


def matches_frame(plan: Plan, lang: str) -> pd.DataFrame:
    rows = [
        (
            m.written,
            m.code,
            m.label,
            t(f"import.method.{m.method}", lang),
            n,
        )
        for m, n in plan.region_matches()
    ]
    names = [t(f"import.col.{c}", lang) for c in ("written", "code", "region", "method", "rows")]
    return pd.DataFrame(rows, columns=names)


def head_frame(plan: Plan, n: int = 20) -> pd.DataFrame:
    """The first rows as the file has them (row number first)."""
    header = plan.table.header
    rows = []
    for number, cells in plan.table.rows[:n]:
        padded = [*cells, *([None] * (len(header) - len(cells)))][: len(header)]
        rows.append([number, *(None if c is None else str(c) for c in padded)])
    columns = ["#", *(h or f"({i + 1})" for i, h in enumerate(header))]
    seen: dict[str, int] = {}
    unique = []
    for c in columns:
        seen[c] = seen.get(c, 0) + 1
        unique.append(c if seen[c] == 1 else f"{c} ({seen[c]})")
    return pd.DataFrame(rows, columns=unique)


def agency_choices(session: Session) -> dict[str, str]:
    """code -> "code — name", every agency."""
    return {
        code: f"{code} — {name}"
        for code, name in session.execute(select(Agency.code, Agency.name).order_by(Agency.code))
    }


def site_choices(session: Session, scope: Scope) -> dict[str, str]:
    return {
        code: f"{code} — {name}"
        for code, name, region in session.execute(
            select(Site.code, Site.name, Site.region_code).order_by(Site.code)
        )
        if scope.allows(region)
    }


def kecamatan_choices(scope: Scope) -> list[str]:
    """Kecamatan codes the user may enter records for."""
    frame = reference.regions()
    codes = frame.loc[frame["level"] == 3, "code"].tolist()
    return [c for c in codes if scope.allows(c)]
