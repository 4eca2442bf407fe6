"""The filter panel shared by every data page.

The URL is the single source of truth (`filters.from_query_params`): each widget shows the
URL's state and writes its change back into `st.query_params` in its callback, so a link
reproduces the view. The last filters are also kept in the session and put back into the URL
when another page is opened without any, so filters survive page switches.
"""

from __future__ import annotations

import datetime as dt
import html

import streamlit as st

from pora_dash import clock
from pora_dash.access.scope import Scope
from pora_dash.filters import AGE_GROUPS, DATE_MIN, FILTER_PARAMS, PERIODS, Filters, to_query_params
from pora_dash.geo import labels, reference
from pora_dash.i18n import country_name, fmt_date
from pora_dash.reads import overview
from pora_dash.render.palette import ACCENT
from pora_dash.store.models import ACCOMMODATIONS, SEXES, UNHCR_STATUSES
from pora_dash.ui import cache
from pora_dash.ui.session import SAVED_FILTERS, lang, tr


def save_filters(filters: Filters) -> None:
    st.session_state[SAVED_FILTERS] = to_query_params(filters)


def _set_param(name: str, value: str | None) -> None:
    if value:
        st.query_params[name] = value
    elif name in st.query_params:
        del st.query_params[name]


def set_region(code: str | None) -> None:
    """Callback-safe: change the region in the URL (drill-down, breadcrumb, search)."""
    _set_param("wilayah", code)


def set_nationality(code: str | None) -> None:
    _set_param("wn", code)


def pick(key: str, values, setter) -> None:  # type: ignore[no-untyped-def]
    """on_select callback of a clickable table: filter by the value of the chosen row."""
    rows = st.session_state[key].selection.rows
    if rows:
        setter(str(values.iloc[rows[0]]))


def _on_region_level(level: int) -> None:
    chosen = st.session_state.get(f"f_level{level}")
    if chosen:
        set_region(chosen)
    else:  # "all" at this level = the region one level up
        parent = st.session_state.get(f"f_level{level - 1}") if level > 1 else None
        set_region(parent)


def _on_list(key: str, param: str) -> None:
    values = st.session_state.get(key) or []
    _set_param(param, ",".join(values))


def _on_search() -> None:
    chosen = st.session_state.get("f_search_pick")
    if chosen:
        set_region(chosen)
    st.session_state["f_search"] = ""


def _visible_children(parent: str | None, scope: Scope) -> list[str]:
    return [c for c in reference.children(parent) if scope.covers_part_of(c)]


def _region_widgets(filters: Filters, scope: Scope) -> None:
    chain = reference.ancestors(filters.wilayah) if filters.wilayah else []
    level_keys = {1: "filter.province", 2: "filter.kabkota", 3: "filter.kecamatan"}
    parent: str | None = None
    for level in (1, 2, 3):
        options = _visible_children(parent, scope)
        if not options:
            break
        key = f"f_level{level}"
        current = chain[level - 1] if len(chain) >= level else None
        st.session_state[key] = current
        st.selectbox(
            tr(level_keys[level]),
            options,
            key=key,
            index=None,
            format_func=labels.name,
            placeholder=tr("filter.all"),
            on_change=_on_region_level,
            args=(level,),
        )
        if current is None:
            break
        parent = current
    query = st.text_input(tr("filter.search"), key="f_search", placeholder="Sirampog, 33.29 …")
    if query:
        hits = [
            (c, label)
            for c, label in reference.search_regions(query, limit=30)
            if scope.allows(c) or scope.covers_part_of(c)
        ][:8]
        if not hits:
            st.caption(tr("filter.search_none"))
        else:
            st.session_state["f_search_pick"] = None
            st.radio(
                tr("filter.search_results"),
                [c for c, _ in hits],
                key="f_search_pick",
                index=None,
                format_func=dict(hits).get,
                on_change=_on_search,
            )


def _multi(
    label_key: str, options: list[str], key: str, param: str, selected: tuple[str, ...], fmt
) -> None:  # type: ignore[no-untyped-def]
    st.session_state[key] = list(selected)
    st.multiselect(
        tr(label_key),
        options,
        key=key,
        format_func=fmt,
        placeholder=tr("filter.all"),
        on_change=_on_list,
        args=(key, param),
    )


def url_multiselect(label_key: str, options: list[str], param: str, fmt) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """A page's own list filter kept in the URL like the shared ones (`?jenis=protest,tension`);
    values that are not options are dropped. Returns the chosen values."""
    raw = st.query_params.get(param) or ""
    chosen = tuple(v for v in dict.fromkeys(raw.split(",")) if v in options)
    _multi(label_key, options, f"u_{param}", param, chosen, fmt)
    return chosen


def _on_date() -> None:
    value = st.session_state.get("f_date")
    _set_param("tanggal", value.isoformat() if isinstance(value, dt.date) else None)


def _on_period() -> None:
    value = st.session_state.get("f_period")
    _set_param("periode", None if value in (None, 90) else str(value))


def filter_panel(filters: Filters, scope: Scope) -> None:
    """Draw the filters in the sidebar; changes go to the URL and rerun the page."""
    save_filters(filters)
    with st.sidebar:
        st.subheader(tr("filter.title"))
        _region_widgets(filters, scope)
        present = cache.read(overview.nationalities_present, filters=Filters(), scope=scope)
        options = list(dict.fromkeys([*present, *filters.nationalities]))
        _multi(
            "filter.nationality",
            options,
            "f_nat",
            "wn",
            filters.nationalities,
            lambda c: f"{country_name(c, lang())} ({c})",
        )
        _multi(
            "filter.status",
            list(UNHCR_STATUSES),
            "f_status",
            "status",
            filters.statuses,
            lambda s: tr(f"status.{s}"),
        )
        with st.expander(
            tr("filter.more"),
            expanded=bool(
                filters.accommodations or filters.sexes or filters.age_groups or filters.as_of
            ),
        ):
            _multi(
                "filter.accommodation",
                list(ACCOMMODATIONS),
                "f_acc",
                "akomodasi",
                filters.accommodations,
                lambda a: tr(f"accommodation.{a}"),
            )
            _multi(
                "filter.sex", list(SEXES), "f_sex", "jk", filters.sexes, lambda s: tr(f"sex.{s}")
            )
            _multi(
                "filter.age",
                list(AGE_GROUPS),
                "f_age",
                "usia",
                filters.age_groups,
                lambda a: tr(f"age.{a}"),
            )
            st.session_state["f_date"] = filters.reference_date()
            st.date_input(
                tr("filter.date"),
                key="f_date",
                on_change=_on_date,
                format="DD/MM/YYYY",
                min_value=DATE_MIN,
                max_value=max(clock.today(), filters.reference_date()),
            )
            st.session_state["f_period"] = filters.period_days
            st.selectbox(
                tr("filter.period"),
                PERIODS,
                key="f_period",
                on_change=_on_period,
                format_func=lambda d: tr("filter.days", n=d),
            )
        if any(name in st.query_params for name in FILTER_PARAMS):
            st.button(tr("filter.reset"), icon=":material/filter_alt_off:", on_click=_reset)
        copy_link()


# A button copying the page's address with its filters: the Clipboard API where the page is
# served over HTTPS or from localhost, a selected text area elsewhere (plain http in an office).
# No icon: an emoji showed as a box where the machine has no emoji font (Debian's chromium,
# older office PCs), and st.html strips an inline SVG.
_COPY_LINK = """
<button class="pora-copy-link" type="button" data-done="{done}">{label}</button>
<script>
(function () {{
  const buttons = document.querySelectorAll('.pora-copy-link');
  buttons.forEach(function (b) {{
    if (b.dataset.bound) return;
    b.dataset.bound = '1';
    b.addEventListener('click', function () {{
      const url = window.location.href;
      const done = function () {{ b.textContent = '✓ ' + b.dataset.done; }};
      if (navigator.clipboard && window.isSecureContext) {{
        navigator.clipboard.writeText(url).then(done);
      }} else {{
        const area = document.createElement('textarea');
        area.value = url; document.body.appendChild(area); area.select();
        document.execCommand('copy'); area.remove(); done();
      }}
    }});
  }});
}})();
</script>
<style>
.pora-copy-link {{ border: 1px solid rgba(49,51,63,.2); background: #fff; border-radius: .5rem;
  padding: .35rem .8rem; font: inherit; cursor: pointer; }}
.pora-copy-link:hover {{ border-color: {accent}; color: {accent}; }}
</style>
"""


def copy_link() -> None:
    """ "Salin tautan": the current URL, filters included, to the clipboard."""
    st.html(
        _COPY_LINK.format(
            accent=ACCENT,
            label=html.escape(tr("filter.copy_link")),
            done=html.escape(tr("filter.copy_link.done")),
        ),
        unsafe_allow_javascript=True,
    )


def _reset() -> None:
    for name in FILTER_PARAMS:
        if name in st.query_params:
            del st.query_params[name]


def breadcrumb(filters: Filters, scope: Scope) -> None:
    """Indonesia › Jawa Tengah › Kab. Brebes › Sirampog, each step a button going back up."""
    chain = reference.ancestors(filters.wilayah) if filters.wilayah else []
    steps: list[tuple[str | None, str]] = [(None, tr("scope.national"))]
    steps += [(c, labels.name(c)) for c in chain]
    row = st.container(horizontal=True, gap="small")
    for i, (code, name) in enumerate(steps):
        is_last = i == len(steps) - 1
        usable = code is None and scope.is_national or code is not None and scope.allows(code)
        row.button(
            name,
            key=f"crumb_{i}",
            disabled=is_last or not usable,
            on_click=set_region,
            args=(code,),
            type="tertiary",
            icon=":material/chevron_right:" if i else ":material/public:",
        )


def table_height(rows: int, limit: int = 12) -> int:
    """Pixels for a table of `rows` rows: no blank band, scrolling beyond `limit` rows."""
    return 38 + 35 * max(1, min(rows, limit))


# Streamlit wraps the text of a table's cells only when its rows are taller than 4rem (64 px,
# checked on 1.67); 70 px hold three lines, and longer text is read in full where the page
# shows the chosen row (or in the downloaded file).
WRAPPED_ROW = 70


def wrapped_table_height(rows: int, limit: int = 12) -> int:
    """`table_height` for a table of rows of WRAPPED_ROW pixels (`row_height=WRAPPED_ROW`)."""
    return 38 + WRAPPED_ROW * max(1, min(rows, limit))


def period_caption(filters: Filters) -> str:
    d = filters.reference_date()
    return tr("filter.as_of_period", date=fmt_date(d, lang()), n=filters.period_days)


def describe(filters: Filters) -> str:
    """The filter in words, for file headers and slide footers."""
    parts = [
        tr("filter.region_is", name=reference.region_label(filters.wilayah))
        if filters.wilayah
        else tr("filter.region_is", name=tr("scope.national"))
    ]
    if filters.nationalities:
        names = ", ".join(country_name(c, lang()) for c in filters.nationalities)
        parts.append(f"{tr('filter.nationality')}: {names}")
    for label, values, prefix in (
        ("filter.status", filters.statuses, "status"),
        ("filter.accommodation", filters.accommodations, "accommodation"),
        ("filter.sex", filters.sexes, "sex"),
        ("filter.age", filters.age_groups, "age"),
    ):
        if values:
            parts.append(f"{tr(label)}: {', '.join(tr(f'{prefix}.{v}') for v in values)}")
    parts.append(period_caption(filters))
    return " · ".join(parts)
