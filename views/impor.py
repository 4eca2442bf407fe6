"""Impor data (operators, administrators): choose the kind of list, download its template
(CSV or Excel, Indonesian headers and an example row), upload the agency's file, see a
preview with every problem by row and column and the region matches to confirm, then commit
everything in one transaction or nothing. A second tab enters single records with the same
checks."""

import hashlib

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from pora_dash import auth, db, reference
from pora_dash.i18n import fmt_int
from pora_dash.importing import (
    KINDS,
    Actor,
    ImportInputError,
    entry,
    import_file,
    prepare,
    review,
    sheet_names,
    templates,
)
from pora_dash.importing.core import Plan
from pora_dash.models import ACCOMMODATIONS, INCIDENT_KINDS, SEXES, UNHCR_STATUSES
from pora_dash.sidebar import table_height
from pora_dash.ui import lang, require_user, tr

user = require_user()
actor = Actor.of(user)
st.title(tr("nav.import"))
st.caption(tr("import.intro"))


def _audit_template(name: str) -> None:
    with db.session_scope() as session:
        auth.audit(session, "template_download", username=user.username, target=name)


def _show_outcome(outcome, key: str) -> None:  # type: ignore[no-untyped-def]
    st.success(
        tr(
            key,
            added=fmt_int(outcome.added, lang()),
            updated=fmt_int(outcome.updated, lang()),
            unchanged=fmt_int(outcome.unchanged, lang()),
            movements=fmt_int(outcome.movements, lang()),
        ),
        icon=":material/check_circle:",
    )


def _show_problems(problems: list) -> None:  # type: ignore[type-arg]
    frame = review.problems_frame(problems, lang())
    st.dataframe(frame, hide_index=True, height=table_height(len(frame), 12), width="stretch")


file_tab, entry_tab = st.tabs([tr("import.tab.file"), tr("import.tab.entry")])

# ------------------------------------------------------------------------------ file import
with file_tab:
    kind = st.segmented_control(
        tr("import.kind"),
        KINDS,
        default="persons",
        format_func=lambda k: tr(f"import.kind.{k}"),
        key="import_kind",
    )
    kind = kind or "persons"
    st.caption(tr(f"import.kind_help.{kind}"))
    stem = templates.FILE_STEMS[kind]
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(
        tr("import.template_csv"),
        templates.template_csv(kind),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click=_audit_template,
        args=(f"{stem}.csv",),
        key=f"tpl_csv_{kind}",
    )
    c2.download_button(
        tr("import.template_xlsx"),
        templates.template_xlsx(kind, lang()),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click=_audit_template,
        args=(f"{stem}.xlsx",),
        key=f"tpl_xlsx_{kind}",
    )

    done = st.session_state.pop("import_done", None)
    if done is not None:
        _show_outcome(done, "import.committed")

    upload_key = f"upload_{st.session_state.get('upload_round', 0)}"
    upload = st.file_uploader(
        tr("import.upload"), type=["csv", "txt", "xlsx", "xls"], key=upload_key
    )
    if upload is None:
        st.info(tr("import.upload_hint"), icon=":material/upload_file:")
        st.stop()

    data = upload.getvalue()
    with db.session_scope() as session:
        agencies = review.agency_choices(session)
    try:
        sheets = sheet_names(data)
    except ImportInputError:
        sheets = []
    cols = st.columns(2)
    sheet = (
        cols[0].selectbox(tr("import.sheet"), sheets, key="import_sheet")
        if len(sheets) > 1
        else None
    )
    agency = cols[1].selectbox(
        tr("import.default_agency"),
        [None, *agencies],
        format_func=lambda c: agencies[c] if c else tr("import.agency_from_file"),
        help=tr("import.default_agency_help"),
        key="import_agency",
    )

    fingerprint = (hashlib.sha256(data).hexdigest(), kind, sheet, agency, user.username)
    cached = st.session_state.get("import_plan")
    plan: Plan | None = None
    if cached is not None and cached[0] == fingerprint:
        plan = cached[1]
    else:
        try:
            with st.spinner(tr("import.checking")), db.session_scope() as session:
                plan = prepare(
                    session,
                    data,
                    kind=kind,
                    file_name=upload.name,
                    actor=actor,
                    sheet=sheet,
                    default_agency=agency,
                )
        except ImportInputError as exc:
            st.error(tr("import.file_refused"), icon=":material/block:")
            _show_problems(exc.problems)
            st.stop()
        except SQLAlchemyError as exc:
            st.error(tr("error.database", detail=type(exc).__name__))
            st.stop()
        st.session_state["import_plan"] = (fingerprint, plan)
    assert plan is not None

    st.subheader(tr("import.preview"))
    m = st.columns(5)
    m[0].metric(tr("import.rows"), fmt_int(plan.rows_total, lang()))
    m[1].metric(tr("import.will_add"), fmt_int(plan.added, lang()) if plan.ok else "–")
    m[2].metric(tr("import.will_update"), fmt_int(plan.updated, lang()) if plan.ok else "–")
    m[3].metric(tr("import.will_keep"), fmt_int(plan.unchanged, lang()) if plan.ok else "–")
    m[4].metric(tr("import.problem_rows"), fmt_int(plan.refused_rows, lang()))
    if plan.table.encoding or plan.table.sheet:
        st.caption(
            tr(
                "import.read_as",
                how=plan.table.sheet or f"{plan.table.encoding}, '{plan.table.separator}'",
            )
        )
    if plan.ignored_columns:
        st.caption(tr("import.ignored_columns", columns=", ".join(plan.ignored_columns)))

    if plan.problems:
        st.error(
            tr("import.has_problems", n=fmt_int(len(plan.problems), lang())),
            icon=":material/block:",
        )
        _show_problems(plan.problems)

    confirmed = True
    if plan.matches:
        st.markdown(f"**{tr('import.matches')}**")
        frame = review.matches_frame(plan, lang())
        st.dataframe(frame, hide_index=True, height=table_height(len(frame), 10), width="stretch")
        if plan.needs_confirmation:
            st.warning(tr("import.similar_warning"), icon=":material/warning:")
            confirmed = st.checkbox(tr("import.confirm"), key=f"confirm_{fingerprint[0][:12]}")

    with st.expander(tr("import.first_rows")):
        head = review.head_frame(plan)
        st.dataframe(head, hide_index=True, height=table_height(len(head), 10))

    can_commit = plan.ok and confirmed and plan.rows_total > 0
    if st.button(
        tr("import.commit"),
        type="primary",
        disabled=not can_commit,
        icon=":material/database_upload:",
    ):
        try:
            with st.spinner(tr("import.writing")):
                outcome = import_file(
                    data,
                    kind=kind,
                    file_name=upload.name,
                    actor=actor,
                    sheet=sheet,
                    default_agency=agency,
                    confirm_matches=confirmed,
                )
        except ImportInputError as exc:
            st.session_state.pop("import_plan", None)
            st.error(tr("import.refused_now"), icon=":material/block:")
            _show_problems(exc.problems)
            st.stop()
        except SQLAlchemyError as exc:
            st.error(tr("error.database", detail=type(exc).__name__))
            st.stop()
        st.session_state["import_done"] = outcome
        st.session_state.pop("import_plan", None)
        st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
        st.rerun()

# ------------------------------------------------------------------------------ data entry
with entry_tab:
    entry_kind = st.segmented_control(
        tr("import.kind"),
        entry.ENTRY_KINDS,
        default="persons",
        format_func=lambda k: tr(f"import.kind.{k}"),
        key="entry_kind",
    )
    entry_kind = entry_kind or "persons"
    saved = st.session_state.pop("entry_done", None)
    if saved is not None:
        _show_outcome(saved, "import.entry_saved")
    with db.session_scope() as session:
        agencies = review.agency_choices(session)
        sites = review.site_choices(session, user.scope)
    kecamatan = review.kecamatan_choices(user.scope)

    def _agency(label: str, key: str):  # type: ignore[no-untyped-def]
        return st.selectbox(
            label,
            [None, *agencies],
            format_func=lambda c: agencies[c] if c else "–",
            key=key,
        )

    def _kecamatan(key: str):  # type: ignore[no-untyped-def]
        return st.selectbox(
            tr("import.entry.kecamatan"),
            [None, *kecamatan],
            format_func=lambda c: reference.region_label(c) if c else "–",
            key=key,
        )

    values: dict[str, object] = {}
    with st.form(f"entry_{entry_kind}", clear_on_submit=False):
        if entry_kind == "persons":
            a, b = st.columns(2)
            values["source_agency"] = _agency(tr("import.entry.source_agency"), "e_p_agency")
            values["source_ref"] = a.text_input(tr("import.entry.source_ref"), key="e_p_ref")
            values["full_name"] = b.text_input(tr("import.entry.full_name"), key="e_p_name")
            values["document_number"] = a.text_input(tr("import.entry.document"), key="e_p_doc")
            values["case_number"] = b.text_input(tr("import.entry.case"), key="e_p_case")
            values["nationality"] = a.text_input(
                tr("import.entry.nationality"), help=tr("import.help.nationality"), key="e_p_nat"
            )
            values["unhcr_status"] = b.selectbox(
                tr("import.entry.status"),
                UNHCR_STATUSES,
                format_func=lambda s: tr(f"status.{s}"),
                key="e_p_status",
            )
            values["sex"] = a.radio(
                tr("import.entry.sex"),
                SEXES,
                format_func=lambda s: tr(f"sex.{s}"),
                horizontal=True,
                key="e_p_sex",
            )
            values["birth_year"] = b.number_input(
                tr("import.entry.birth_year"), 1900, 2100, value=None, step=1, key="e_p_year"
            )
            values["arrival_date"] = a.date_input(
                tr("import.entry.arrival"), value=None, format="DD/MM/YYYY", key="e_p_arr"
            )
            values["registered_on"] = b.date_input(
                tr("import.entry.registered"), value=None, format="DD/MM/YYYY", key="e_p_reg"
            )
            values["region_code"] = _kecamatan("e_p_kec")
            values["site_code"] = a.selectbox(
                tr("import.entry.site"),
                [None, *sites],
                format_func=lambda c: sites[c] if c else "–",
                key="e_p_site",
            )
            values["accommodation"] = b.selectbox(
                tr("import.entry.accommodation"),
                [None, *ACCOMMODATIONS],
                format_func=lambda c: tr(f"accommodation.{c}") if c else "–",
                key="e_p_acc",
            )
            values["last_verified_on"] = a.date_input(
                tr("import.entry.verified"), value=None, format="DD/MM/YYYY", key="e_p_ver"
            )
        elif entry_kind == "incidents":
            a, b = st.columns(2)
            values["occurred_on"] = a.date_input(
                tr("import.entry.occurred"), value=None, format="DD/MM/YYYY", key="e_i_day"
            )
            values["kind"] = b.selectbox(
                tr("import.entry.incident_kind"),
                INCIDENT_KINDS,
                format_func=lambda k: tr(f"incident.{k}"),
                key="e_i_kind",
            )
            values["severity"] = a.radio(
                tr("import.entry.severity"),
                ("1", "2", "3"),
                format_func=lambda s: tr(f"severity.{s}"),
                horizontal=True,
                key="e_i_sev",
            )
            values["people_involved"] = b.number_input(
                tr("import.entry.people"), 0, 1_000_000, value=None, step=1, key="e_i_people"
            )
            values["description"] = st.text_area(tr("import.entry.description"), key="e_i_desc")
            values["source_agency"] = _agency(tr("import.entry.source_agency"), "e_i_agency")
            values["region_code"] = _kecamatan("e_i_kec")
        else:
            a, b = st.columns(2)
            values["code"] = a.text_input(tr("import.entry.site_code"), key="e_s_code")
            values["name"] = b.text_input(tr("import.entry.site_name"), key="e_s_name")
            values["kind"] = a.selectbox(
                tr("import.entry.site_kind"),
                ACCOMMODATIONS[:3],
                format_func=lambda c: tr(f"accommodation.{c}"),
                key="e_s_kind",
            )
            values["capacity"] = b.number_input(
                tr("import.entry.capacity"), 0, 100_000, value=None, step=1, key="e_s_cap"
            )
            values["operator_agency"] = _agency(tr("import.entry.operator"), "e_s_agency")
            values["region_code"] = _kecamatan("e_s_kec")
            values["lat"] = a.text_input(tr("import.entry.lat"), key="e_s_lat")
            values["lng"] = b.text_input(tr("import.entry.lng"), key="e_s_lng")
        submitted = st.form_submit_button(tr("import.entry.save"), type="primary")
    if submitted:
        try:
            outcome = entry.save(entry_kind, values, actor=actor)
        except ImportInputError as exc:
            st.error(tr("import.entry_refused"), icon=":material/block:")
            for problem in exc.problems:
                st.write(f"- {problem.message(lang())} ({problem.column or ''})")
        except SQLAlchemyError as exc:
            st.error(tr("error.database", detail=type(exc).__name__))
        else:
            st.session_state["entry_done"] = outcome
            st.rerun()
    st.caption(tr("import.entry_note"))
