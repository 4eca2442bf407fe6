"""The checks of the data-quality page (app_pages/quality.py), one tab each, and the
picker that opens a problem's records on the person records page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal

import pandas as pd
import streamlit as st

from pora_dash import clock
from pora_dash.geo import reference
from pora_dash.i18n import country_name, fmt_date, fmt_int, fmt_pct
from pora_dash.importing.entry import FORM_FILE
from pora_dash.reads import quality
from pora_dash.ui import cache
from pora_dash.ui.page import PageContext, in_session
from pora_dash.ui.session import lang, tr
from pora_dash.ui.sidebar import table_height


def _share(part: int, whole: int) -> str:
    return fmt_pct(part / whole, lang()) if whole else "–"


def _table(
    frame: pd.DataFrame,
    *,
    text: int = 1,
    rows: int = 12,
    first: Literal["small", "medium", "large"] | None = None,
    **kwargs: object,
) -> None:
    """A table whose first `text` columns are words and the rest figures (formatted as
    text, '<5' included), aligned right so that they read as numbers; `first` caps the
    width of the first column (long agency names), so that every figure stays in view."""
    config = {name: st.column_config.TextColumn(alignment="right") for name in frame.columns[text:]}
    if first:
        config[frame.columns[0]] = st.column_config.TextColumn(width=first)
    options = {"hide_index": True, "height": table_height(len(frame), rows), **kwargs}
    st.dataframe(frame, column_config=config, **options)  # type: ignore[arg-type,call-overload]


def _when(at: dt.datetime) -> str:
    """A stored UTC time as Jakarta time (WIB)."""
    local = at.replace(tzinfo=dt.UTC).astimezone(clock.TZ)
    return tr("quality.when", date=fmt_date(local.date(), lang()), time=f"{local:%H:%M}")


def _open(label: str, options: dict[str, dict[str, str]], key: str, may_open: bool) -> None:
    """A picker of problems and a button that opens their records on the records page."""
    if not may_open or not options:
        return
    c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
    choice = c1.selectbox(label, list(options), key=key)
    if c2.button(tr("quality.open"), icon=":material/open_in_new:", key=f"{key}_go"):
        st.session_state["records_page"] = 0
        st.switch_page("app_pages/records.py", query_params=options[choice])


def _groups(
    frame: pd.DataFrame,
    labels: list[str],
    columns: dict[str, list[str]],
    *,
    open_label: str,
    key: str,
    count_of: Callable[[int], str],
    may_open: bool,
) -> None:
    """A table of likely-duplicate groups (their own columns, then the agencies and the number
    of persons) and a picker that opens the records of one group."""
    _table(
        pd.DataFrame(
            {
                **columns,
                tr("quality.col.agencies"): frame["agency_codes"],
                tr("quality.col.persons"): [count_of(int(v)) for v in frame["persons"]],
            }
        ),
        text=len(columns) + 1,
        rows=10,
    )
    _open(
        open_label,
        {
            label: {"id": ",".join(map(str, ids))}
            for label, ids in zip(labels, frame["ids"], strict=True)
        },
        key,
        may_open,
    )


def quality_tabs(page: PageContext) -> None:
    """The five checks, one tab each; only the open tab's check runs (each reads every
    active person)."""
    user, scope = page.user, page.scope
    named = page.may("records")
    may_open = page.may("records_view")
    L = page.lang
    count_of = page.policy.count  # exact for these roles, '<5' in presentation mode
    tabs = st.tabs(
        [
            tr("quality.tab.completeness"),
            tr("quality.tab.verification"),
            tr("quality.tab.duplicates"),
            tr("quality.tab.boundaries"),
            tr("quality.tab.imports"),
        ],
        key="quality_tab",
        on_change="rerun",  # only the open tab's checks run (each reads every active person)
    )

    with tabs[0]:
        if tabs[0].open:
            by_agency = cache.read_scoped(quality.completeness_by_agency, scope=scope)
            total, filled = quality.totals(by_agency)
            st.write(tr("quality.active", n=fmt_int(total, L)))
            if total:
                fields = pd.DataFrame(
                    {
                        tr("quality.col.field"): [tr(f"quality.field.{f}") for f in quality.FIELDS],
                        tr("quality.col.filled"): [count_of(filled[f]) for f in quality.FIELDS],
                        tr("quality.col.share"): [_share(filled[f], total) for f in quality.FIELDS],
                    }
                )
                _table(fields, width="content")
                st.markdown(f"**{tr('quality.by_agency')}**")
                agency_table = pd.DataFrame(
                    {
                        tr("quality.col.agency"): by_agency["name"],
                        tr("quality.col.persons"): [count_of(int(v)) for v in by_agency["total"]],
                        **{
                            tr(f"quality.field.{f}"): [
                                _share(int(p), int(t))
                                for p, t in zip(by_agency[f], by_agency["total"], strict=True)
                            ]
                            for f in quality.FIELDS
                        },
                    }
                )
                _table(agency_table, first="medium")

    with tabs[1]:
        if tabs[1].open:
            stale = cache.read_scoped(quality.not_verified, scope=scope)
            count = int(stale["count"].sum()) if len(stale) else 0
            st.write(tr("quality.stale", n=fmt_int(count, L), days=quality.STALE_DAYS))
            if len(stale):
                shown = pd.DataFrame(
                    {
                        tr("quality.col.area"): [
                            reference.region_label(c) for c in stale["kabkota_code"]
                        ],
                        tr("quality.col.stale"): [count_of(int(v)) for v in stale["count"]],
                        tr("quality.col.never"): [count_of(int(v)) for v in stale["never"]],
                        tr("quality.col.oldest"): [
                            fmt_date(d, L) if isinstance(d, dt.date) else "–"
                            for d in stale["oldest"]
                        ],
                    }
                )
                _table(shown)
                _open(
                    tr("quality.open_area"),
                    {
                        f"{reference.region_label(c)} ({fmt_int(n, L)})": {
                            "wilayah": c,
                            "periksa": "verifikasi",
                        }
                        for c, n in zip(stale["kabkota_code"], stale["count"], strict=True)
                    },
                    "q_stale",
                    may_open,
                )

    with tabs[2]:
        if tabs[2].open:
            cases = cache.read_scoped(quality.duplicate_cases, scope=scope)
            twins = cache.read_scoped(quality.duplicate_profiles, scope=scope)
            st.markdown(f"**{tr('quality.dup_cases')}**")
            if cases.empty:
                st.info(tr("quality.none"), icon=":material/check:")
            else:
                labels = [
                    c if named else tr("quality.case_n", n=i + 1)
                    for i, c in enumerate(cases["case_number"])
                ]
                _groups(
                    cases,
                    labels,
                    {
                        tr("quality.col.case"): labels,
                        tr("quality.col.area"): [
                            reference.region_label(c) for c in cases["kabkota_code"]
                        ],
                    },
                    open_label=tr("quality.open_case"),
                    key="q_cases",
                    count_of=count_of,
                    may_open=may_open,
                )
            st.markdown(f"**{tr('quality.dup_profiles')}**")
            if twins.empty:
                st.info(tr("quality.none"), icon=":material/check:")
            else:
                twin_labels = [
                    tr(
                        "quality.profile",
                        nationality=country_name(n, L),
                        year=y,
                        sex=tr(f"sex.{s}"),
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
                _groups(
                    twins,
                    twin_labels,
                    {tr("quality.col.profile"): twin_labels},
                    open_label=tr("quality.open_profile"),
                    key="q_twins",
                    count_of=count_of,
                    may_open=may_open,
                )

    with tabs[3]:
        if tabs[3].open:
            unmapped = cache.read_scoped(quality.without_boundary, scope=scope)
            if unmapped.empty:
                st.info(tr("quality.all_mapped"), icon=":material/check:")
            else:
                st.write(tr("quality.unmapped", n=fmt_int(int(unmapped["count"].sum()), L)))
                _table(
                    pd.DataFrame(
                        {
                            tr("quality.col.code"): unmapped["kecamatan_code"],
                            tr("quality.col.area"): [
                                reference.region_label(c) for c in unmapped["kecamatan_code"]
                            ],
                            tr("quality.col.persons"): [
                                count_of(int(v)) for v in unmapped["count"]
                            ],
                        }
                    ),
                    text=2,
                )
                _open(
                    tr("quality.open_area"),
                    {reference.region_label(c): {"wilayah": c} for c in unmapped["kecamatan_code"]},
                    "q_unmapped",
                    may_open,
                )

    with tabs[4]:
        if tabs[4].open:
            imports = in_session(quality.recent_imports, scope=scope, username=user.username)
            if imports.empty:
                st.info(tr("quality.no_imports"), icon=":material/info:")
            else:
                _table(
                    pd.DataFrame(
                        {
                            tr("quality.col.when"): [_when(a) for a in imports["at"]],
                            tr("quality.col.who"): imports["username"],
                            tr("quality.col.kind"): [
                                tr(f"import.kind.{k}") for k in imports["kind"]
                            ],
                            tr("quality.col.file"): [
                                tr("quality.form_entry") if f == FORM_FILE else f
                                for f in imports["file_name"]
                            ],
                            tr("quality.col.status"): [
                                tr(f"quality.status.{s}") for s in imports["status"]
                            ],
                            tr("quality.col.rows"): [fmt_int(v, L) for v in imports["rows_total"]],
                            tr("quality.col.added"): [fmt_int(v, L) for v in imports["added"]],
                            tr("quality.col.updated"): [fmt_int(v, L) for v in imports["updated"]],
                            tr("quality.col.unchanged"): [
                                fmt_int(v, L) for v in imports["unchanged"]
                            ],
                            tr("quality.col.refused"): [fmt_int(v, L) for v in imports["refused"]],
                        }
                    ),
                    text=5,
                )
