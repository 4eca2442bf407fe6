"""The pieces of the imports page (app_pages/imports.py): the file import (template, upload,
preview with every problem by row and column, commit all or nothing) and the data-entry tab."""

from __future__ import annotations

import hashlib
from typing import Any

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from pora_dash.config import settings
from pora_dash.geo import reference
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
from pora_dash.importing.plan import Plan
from pora_dash.importing.reading import check_size, upload_limits
from pora_dash.store.models import ACCOMMODATIONS, INCIDENT_KINDS, SEXES, UNHCR_STATUSES
from pora_dash.ui.page import PageContext, in_session, write
from pora_dash.ui.session import lang, tr
from pora_dash.ui.sidebar import table_height
from pora_dash.ui.widgets import XLSX_MIME
from pora_dash.writes.imports import record_template_download


def _audit_template(name: str, username: str) -> None:
    write(record_template_download, rerun=False, username=username, name=name)


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


def _show_problems(problems: list, *, rows: bool = True) -> None:  # type: ignore[type-arg]
    frame = review.problems_frame(problems, lang(), rows=rows)
    st.dataframe(frame, hide_index=True, height=table_height(len(frame), 12), width="stretch")


def _choose_kind(key: str, kinds: tuple[str, ...]) -> str:
    chosen = st.segmented_control(
        tr("import.kind"),
        kinds,
        default="persons",
        format_func=lambda k: tr(f"import.kind.{k}"),
        key=key,
    )
    return chosen or "persons"


def _templates(kind: str, page: PageContext) -> None:
    user = page.user
    stem = templates.FILE_STEMS[kind]
    row = st.container(horizontal=True)
    row.download_button(
        tr("import.template_csv"),
        templates.template_csv(kind, templates.examples_for(user.scope)),
        file_name=f"{stem}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click=_audit_template,
        args=(f"{stem}.csv", user.username),
        key=f"tpl_csv_{kind}",
    )
    row.download_button(
        tr("import.template_xlsx"),
        templates.template_xlsx(kind, lang(), templates.examples_for(user.scope)),
        file_name=f"{stem}.xlsx",
        mime=XLSX_MIME,
        icon=":material/download:",
        on_click=_audit_template,
        args=(f"{stem}.xlsx", user.username),
        key=f"tpl_xlsx_{kind}",
    )


def _preview(plan: Plan) -> bool:
    """The plan's figures, problems and region matches; True when it may be saved."""
    st.subheader(tr("import.preview"))
    m = st.columns(5)
    m[0].metric(tr("import.rows"), fmt_int(plan.rows_total, lang()))
    m[1].metric(tr("import.will_add"), fmt_int(plan.added, lang()) if plan.ok else "–")
    m[2].metric(tr("import.will_update"), fmt_int(plan.updated, lang()) if plan.ok else "–")
    m[3].metric(tr("import.will_keep"), fmt_int(plan.unchanged, lang()) if plan.ok else "–")
    m[4].metric(tr("import.problem_rows"), fmt_int(plan.refused_rows, lang()))
    how = review.read_as(plan, lang())
    if how:
        st.caption(how)
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
        if plan.needs_confirmation and not plan.ok:
            st.caption(tr("import.fix_first"))
        elif plan.needs_confirmation:
            st.warning(tr("import.similar_warning"), icon=":material/warning:")
            confirmed = st.checkbox(tr("import.confirm"), key=f"confirm_{plan.sha256[:12]}")
    with st.expander(tr("import.first_rows")):
        head = review.head_frame(plan)
        st.dataframe(head, hide_index=True, height=table_height(len(head), 10))
    return plan.ok and confirmed and plan.rows_total > 0


def file_import(page: PageContext) -> None:
    """Template, upload, preview with every problem, then all or nothing."""
    user, actor = page.user, Actor.of(page.user)
    kind = _choose_kind("import_kind", KINDS)
    st.caption(tr(f"import.kind_help.{kind}"))
    _templates(kind, page)

    done = st.session_state.pop("import_done", None)
    if done is not None:
        _show_outcome(done, "import.committed")

    upload_key = f"upload_{st.session_state.get('upload_round', 0)}"
    # every type is let through, so an .xls or a PDF gets our Indonesian refusal, not the
    # uploader's English one; the caption says what is accepted and the limits
    upload = st.file_uploader(tr("import.upload"), key=upload_key)
    st.caption(upload_limits(lang()))
    if upload is None:
        st.info(tr("import.upload_hint"), icon=":material/upload_file:")
        return
    try:
        check_size(upload.size, settings().max_upload_mb)  # before the bytes are read
    except ImportInputError as exc:
        st.error(tr("import.file_refused"), icon=":material/block:")
        _show_problems(exc.problems)
        return

    data = upload.getvalue()
    agencies = in_session(review.agency_choices)
    try:
        sheets = sheet_names(data)
    except ImportInputError:
        sheets = []
    cols = iter(st.columns(2))
    sheet = (
        next(cols).selectbox(tr("import.sheet"), sheets, key="import_sheet")
        if len(sheets) > 1
        else None
    )
    agency = next(cols).selectbox(
        tr("import.default_agency"),
        list(agencies),
        index=None,
        placeholder=tr("import.agency_from_file"),
        format_func=agencies.__getitem__,
        help=tr("import.default_agency_help"),
        key="import_agency",
    )

    fingerprint = (hashlib.sha256(data).hexdigest(), kind, sheet, agency, user.username)
    cached = st.session_state.get("import_plan")
    if cached is not None and cached[0] == fingerprint:
        plan: Plan = cached[1]
    else:
        try:
            with st.spinner(tr("import.checking")):
                plan = in_session(
                    prepare,
                    data=data,
                    kind=kind,
                    file_name=upload.name,
                    actor=actor,
                    sheet=sheet,
                    default_agency=agency,
                )
        except ImportInputError as exc:
            st.error(tr("import.file_refused"), icon=":material/block:")
            _show_problems(exc.problems)
            return
        except MemoryError:  # the readers' limits should make this unreachable
            st.error(tr("import.file.memory"), icon=":material/block:")
            return
        except SQLAlchemyError as exc:
            st.error(tr("error.database", detail=type(exc).__name__))
            return
        st.session_state["import_plan"] = (fingerprint, plan)

    can_commit = _preview(plan)
    if (
        not st.button(
            tr("import.commit"),
            type="primary",
            disabled=not can_commit,
            icon=":material/database_upload:",
        )
        or not can_commit
    ):
        return
    try:
        with st.spinner(tr("import.writing")):
            outcome = import_file(
                data,
                kind=kind,
                file_name=upload.name,
                actor=actor,
                sheet=sheet,
                default_agency=agency,
                confirm_matches=can_commit,  # true only once similar matches were ticked
            )
    except ImportInputError as exc:
        st.session_state.pop("import_plan", None)
        st.error(tr("import.refused_now"), icon=":material/block:")
        _show_problems(exc.problems)
        return
    except SQLAlchemyError as exc:
        st.error(tr("error.database", detail=type(exc).__name__))
        return
    st.session_state["import_done"] = outcome
    st.session_state.pop("import_plan", None)
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
    st.rerun()


def data_entry(page: PageContext) -> None:
    """One record typed in, with the same checks as a file."""
    user, actor = page.user, Actor.of(page.user)
    entry_kind = _choose_kind("entry_kind", entry.ENTRY_KINDS)
    saved = st.session_state.pop("entry_done", None)
    if saved is not None:
        _show_outcome(saved, "import.entry_saved")
    agencies = in_session(review.agency_choices)
    sites = in_session(review.site_choices, scope=user.scope)
    kecamatan = review.kecamatan_choices(user.scope)

    def _optional(label: str, options: dict[str, str], key: str, where: Any = st) -> str | None:
        """A choice that may stay empty (the placeholder), never Streamlit's English one."""
        return where.selectbox(
            label,
            list(options),
            index=None,
            placeholder=tr("import.entry.choose"),
            format_func=options.__getitem__,
            key=key,
        )

    def _agency(label: str, key: str, where: Any) -> str | None:
        return _optional(label, agencies, key, where)

    def _kecamatan(key: str, where: Any) -> str | None:
        labels = {c: reference.region_label(c) for c in kecamatan}
        return _optional(tr("import.entry.kecamatan"), labels, key, where)

    values: dict[str, object] = {}
    with st.form(f"entry_{entry_kind}", clear_on_submit=False):
        if entry_kind == "persons":
            a, b = st.columns(2)
            values["source_agency"] = _agency(tr("import.entry.source_agency"), "e_p_agency", a)
            values["source_ref"] = b.text_input(tr("import.entry.source_ref"), key="e_p_ref")
            a, b = st.columns(2)
            values["full_name"] = a.text_input(tr("import.entry.full_name"), key="e_p_name")
            values["document_number"] = b.text_input(tr("import.entry.document"), key="e_p_doc")
            a, b = st.columns(2)
            values["case_number"] = a.text_input(tr("import.entry.case"), key="e_p_case")
            values["nationality"] = b.text_input(
                tr("import.entry.nationality"), help=tr("import.help.nationality"), key="e_p_nat"
            )
            a, b = st.columns(2)
            values["unhcr_status"] = a.selectbox(
                tr("import.entry.status"),
                UNHCR_STATUSES,
                format_func=lambda s: tr(f"status.{s}"),
                key="e_p_status",
            )
            values["sex"] = b.radio(
                tr("import.entry.sex"),
                SEXES,
                format_func=lambda s: tr(f"sex.{s}"),
                horizontal=True,
                key="e_p_sex",
            )
            a, b = st.columns(2)
            values["birth_year"] = a.number_input(
                tr("import.entry.birth_year"), 1900, 2100, value=None, step=1, key="e_p_year"
            )
            values["arrival_date"] = b.date_input(
                tr("import.entry.arrival"), value=None, format="DD/MM/YYYY", key="e_p_arr"
            )
            a, b = st.columns(2)
            values["registered_on"] = a.date_input(
                tr("import.entry.registered"), value=None, format="DD/MM/YYYY", key="e_p_reg"
            )
            values["last_verified_on"] = b.date_input(
                tr("import.entry.verified"), value=None, format="DD/MM/YYYY", key="e_p_ver"
            )
            a, b = st.columns(2)
            values["region_code"] = _kecamatan("e_p_kec", a)
            values["site_code"] = _optional(tr("import.entry.site"), sites, "e_p_site", b)
            a, _ = st.columns(2)
            values["accommodation"] = _optional(
                tr("import.entry.accommodation"),
                {c: tr(f"accommodation.{c}") for c in ACCOMMODATIONS},
                "e_p_acc",
                a,
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
            a, b = st.columns(2)
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
            values["description"] = st.text_area(
                tr("import.entry.description"),
                key="e_i_desc",
                placeholder=tr("text.no_names_short"),
                help=tr("text.no_names"),
            )
            a, b = st.columns(2)
            values["source_agency"] = _agency(tr("import.entry.source_agency"), "e_i_agency", a)
            values["region_code"] = _kecamatan("e_i_kec", b)
        else:
            a, b = st.columns(2)
            values["code"] = a.text_input(tr("import.entry.site_code"), key="e_s_code")
            values["name"] = b.text_input(tr("import.entry.site_name"), key="e_s_name")
            a, b = st.columns(2)
            values["kind"] = a.selectbox(
                tr("import.entry.site_kind"),
                ACCOMMODATIONS[:3],
                format_func=lambda c: tr(f"accommodation.{c}"),
                key="e_s_kind",
            )
            values["capacity"] = b.number_input(
                tr("import.entry.capacity"), 0, 100_000, value=None, step=1, key="e_s_cap"
            )
            a, b = st.columns(2)
            values["operator_agency"] = _agency(tr("import.entry.operator"), "e_s_agency", a)
            values["region_code"] = _kecamatan("e_s_kec", b)
            a, b = st.columns(2)
            values["lat"] = a.text_input(tr("import.entry.lat"), key="e_s_lat")
            values["lng"] = b.text_input(tr("import.entry.lng"), key="e_s_lng")
        submitted = st.form_submit_button(tr("import.entry.save"), type="primary")
    if submitted:
        try:
            outcome = entry.save(entry_kind, values, actor=actor)
        except ImportInputError as exc:
            st.error(tr("import.entry_refused"), icon=":material/block:")
            _show_problems(entry.in_form_terms(entry_kind, exc.problems, lang()), rows=False)
        except SQLAlchemyError as exc:
            st.error(tr("error.database", detail=type(exc).__name__))
        else:
            st.session_state["entry_done"] = outcome
            st.rerun()
    st.caption(tr("import.entry_note"))
