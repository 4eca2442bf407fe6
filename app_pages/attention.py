"""Wilayah perlu perhatian (areas needing attention): kab/kota or kecamatan ranked by named,
transparent components; every row shows its components and how they add up to its total.

The rules and default weights are in pora_dash/reads/attention.py (one documented place); an
administrator can change the weights here, and the change is audited. Areas are ranked,
persons never are.
"""

import pandas as pd
import streamlit as st

from pora_dash.i18n import fmt_dec, fmt_pct
from pora_dash.present import attention as present_attention
from pora_dash.present.disclosure import Policy, text
from pora_dash.reads import attention
from pora_dash.reads.attention import COMPONENTS
from pora_dash.store import db
from pora_dash.ui import (
    allowed,
    cache,
    current_user,
    data_page,
    download_buttons,
    lang,
    tr,
)
from pora_dash.ui.sidebar import (
    describe,
    set_region,
    table_height,
)

filters, scope, show, place = data_page("nav.attention")
st.caption(tr("attention.intro"))

levels = [2, 3] if filters.level() <= 1 else [3]
level = st.segmented_control(
    tr("attention.level"),
    levels,
    default=attention.table_level(filters),
    format_func=lambda lv: tr(f"attention.level.{lv}"),
    key="attention_level",
)
level = level or attention.table_level(filters)
weights = cache.attention_weights()
table = cache.read(
    attention.attention_table,
    filters=filters,
    scope=scope,
    level=level,
    weights=tuple(sorted(weights.items())),
)
if table.empty:
    st.info(tr("attention.empty"), icon=":material/search_off:")
    st.stop()
raw_table = table


def event_text(name: str | None, days: float | None) -> str:
    if not name:
        return "–"
    if not days:
        return tr("attention.event_now", name=name)
    return tr("attention.event_in", name=name, n=int(days))


def incident_text(row: pd.Series) -> str:
    parts = [
        f"{int(row[f'incidents_{s}'])} {tr(f'severity.{s}').lower()}"
        for s in (3, 2, 1)
        if row[f"incidents_{s}"]
    ]
    return ", ".join(parts) or "0"


COMPONENT_LABEL = {c: tr(f"attention.component.{c}") for c in COMPONENTS}
area_col, total_col = tr("col.region"), tr("attention.total")


def attention_view(policy: Policy) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ranked table for an audience (scores from counts as it sees them), and its view."""
    table = present_attention.protect(raw_table, weights, policy)
    view = pd.DataFrame(
        {
            "#": range(1, len(table) + 1),
            area_col: [attention.area_label(c) for c in table["code"]],
            "bar": table["total"],
            total_col: [fmt_dec(v, lang()) for v in table["total"]],
            **{
                tr("attention.points", what=COMPONENT_LABEL[c]): [
                    fmt_dec(v, lang()) for v in table[f"points_{c}"]
                ]
                for c in COMPONENTS
            },
            tr("attention.m.active"): [text(v, lang()) for v in table["active_shown"]],
            tr("attention.m.growth"): [
                present_attention.change_text(a, b, lang())
                for a, b in zip(table["active_shown"], table["active_then_shown"], strict=True)
            ],
            tr("attention.m.arrivals"): [text(v, lang()) for v in table["arrivals_shown"]],
            tr("attention.m.usual"): [fmt_dec(u, lang()) for u in table["usual"]],
            tr("attention.m.incidents"): [incident_text(r) for _, r in table.iterrows()],
            tr("attention.m.overdue"): table["overdue"],
            tr("attention.m.event"): [
                event_text(n, d) for n, d in zip(table["event"], table["event_days"], strict=True)
            ],
        }
    )
    return table, view


table, view = attention_view(show)
config = {
    "bar": st.column_config.ProgressColumn(
        "", min_value=0, max_value=100, format=" ", width="small"
    ),
    total_col: st.column_config.TextColumn(help=tr("attention.total.help")),
    **{
        tr("attention.points", what=COMPONENT_LABEL[c]): st.column_config.TextColumn(
            help=tr(f"attention.component.{c}.help")
        )
        for c in COMPONENTS
    },
}
selection = st.dataframe(
    view,
    hide_index=True,
    height=table_height(len(view), 15),
    width="stretch",
    column_config=config,
    on_select="rerun",
    selection_mode="single-row",
    key="attention_pick",
)
st.caption(tr("attention.pick_hint"))
download_buttons(
    "wilayah_perlu_perhatian",
    lambda p: {tr("nav.attention"): attention_view(p)[1].drop(columns="bar")},
    describe(filters),
)

rows = selection.selection.rows if selection else []
if rows:
    row = table.iloc[rows[0]]
    code = str(row["code"])
    st.subheader(tr("attention.breakdown", area=attention.area_label(code)))
    total_weight = sum(weights.values())
    measures = {
        "growth": tr(
            "attention.why.growth",
            now=text(row["active_shown"], lang()),
            then=text(row["active_then_shown"], lang()),
            floor=attention.GROWTH_FLOOR,
            pct=fmt_pct(row["growth_pct"], lang())
            if isinstance(row["active_shown"], int) and isinstance(row["active_then_shown"], int)
            else "–",
        ),
        "arrivals": tr(
            "attention.why.arrivals",
            n=text(row["arrivals_shown"], lang()),
            usual=fmt_dec(row["usual"], lang()),
            ratio=fmt_dec(row["ratio"], lang()),
        ),
        "incidents": tr(
            "attention.why.incidents", what=incident_text(row), points=int(row["incident_points"])
        ),
        "overdue": tr("attention.why.overdue", n=int(row["overdue"])),
        "event": event_text(row["event"], row["event_days"]),
    }
    lines = pd.DataFrame(
        {
            tr("attention.component"): [COMPONENT_LABEL[c] for c in COMPONENTS],
            tr("attention.measure"): [measures[c] for c in COMPONENTS],
            tr("attention.score"): [fmt_dec(row[f"score_{c}"], lang()) for c in COMPONENTS],
            tr("attention.weight"): [
                f"{fmt_dec(weights[c], lang())} / {fmt_dec(total_weight, lang())}"
                for c in COMPONENTS
            ],
            tr("attention.contribution"): [fmt_dec(row[f"points_{c}"], lang()) for c in COMPONENTS],
        }
    )
    st.dataframe(lines, hide_index=True, width="stretch")
    st.markdown(
        tr(
            "attention.sum",
            parts=" + ".join(fmt_dec(row[f"points_{c}"], lang()) for c in COMPONENTS),
            total=fmt_dec(row["total"], lang()),
        )
    )
    if scope.allows(code):
        st.button(
            tr("attention.filter_to", area=attention.area_label(code)),
            on_click=set_region,
            args=(code,),
            icon=":material/filter_alt:",
        )

with st.expander(tr("attention.how"), icon=":material/calculate:"):
    st.markdown(tr("attention.rules"))
    st.dataframe(
        pd.DataFrame(
            {
                tr("attention.component"): [COMPONENT_LABEL[c] for c in COMPONENTS],
                tr("attention.weight"): [fmt_dec(weights[c], lang()) for c in COMPONENTS],
                tr("attention.default_weight"): [
                    fmt_dec(attention.DEFAULT_WEIGHTS[c], lang()) for c in COMPONENTS
                ],
            }
        ),
        hide_index=True,
    )

if allowed("admin"):
    with st.expander(tr("attention.weights_admin"), icon=":material/tune:"):
        with st.form("attention_weights"):
            cols = st.columns(len(COMPONENTS))
            new = {
                c: cols[i].number_input(
                    COMPONENT_LABEL[c],
                    min_value=0.0,
                    max_value=float(attention.MAX_WEIGHT),
                    value=float(weights[c]),
                    step=0.5,
                    key=f"weight_{c}",
                )
                for i, c in enumerate(COMPONENTS)
            }
            if st.form_submit_button(tr("attention.save_weights"), icon=":material/save:"):
                user = current_user()
                try:
                    with db.session_scope() as session:
                        attention.save_weights(
                            session, new, username=user.username if user else "?"
                        )
                except ValueError:
                    st.error(tr("attention.bad_weights"))
                else:
                    st.toast(tr("attention.saved"), icon=":material/check:")
                    st.rerun()
