"""The agencies tab of the users page (app_pages/users.py): the list and a form to add one."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pora_dash.access.agencies import AgencyError, add_agency, list_agencies
from pora_dash.geo import labels
from pora_dash.store import db
from pora_dash.store.models import AGENCY_KINDS
from pora_dash.ui.session import tr


def _region(code: str | None) -> str:
    return labels.coded(code)


def agencies_tab(actor: str, region_codes: list[str]) -> None:
    with db.session_scope() as session:
        rows = list_agencies(session)
    if rows:
        frame = pd.DataFrame(
            [
                {
                    tr("agency.code"): r.code,
                    tr("agency.name"): r.name,
                    tr("agency.kind"): r.kind,
                    tr("agency.region"): _region(r.region_code),
                }
                for r in rows
            ]
        )
        st.dataframe(frame, hide_index=True, width="stretch")
    else:
        st.info(tr("agency.none"), icon=":material/domain_add:")
    with st.form("new_agency", clear_on_submit=True):
        c1, c2 = st.columns(2)
        kind = c1.selectbox(tr("agency.kind"), AGENCY_KINDS, key="agency_kind")
        code = c2.text_input(tr("agency.code"), key="agency_code", help=tr("agency.code_help"))
        name = c1.text_input(tr("agency.name"), key="agency_name")
        region = c2.selectbox(
            tr("agency.region"),
            [None, *region_codes],
            format_func=_region,
            key="agency_region",
        )
        email = c1.text_input(tr("agency.email"), key="agency_email", help=tr("agency.email_help"))
        if st.form_submit_button(tr("agency.add"), type="primary"):
            try:
                with db.session_scope() as session:
                    add_agency(
                        session,
                        code=code,
                        name=name,
                        kind=kind,
                        region_code=region,
                        actor=actor,
                        contact_email=email,
                    )
            except AgencyError as exc:
                st.error(tr(exc.key, **exc.values))
            else:
                st.success(tr("agency.added", code=code.strip().upper()))
