"""Presentasi (presentation mode): the current filter as a sequence of slides for a rakor.

Headline figures, map, origins and status, trend, areas needing attention, the open
actions of the previous meeting, and a comparison (the URL's `banding` or `banding_wilayah`,
else the same date a year earlier). The sidebar and every control are hidden, type is large,
small counts are always "<5" and no slide reads a name or document number. Slides move with
the buttons and with the keyboard (arrow keys, Page Up / Page Down from a clicker; Escape
leaves). Each slide states its filter and the date of the data. The slide is in the URL
(`slide=3`), the filter too, so a link opens the same slide.
"""

import html

import streamlit as st

from pora_dash.present.disclosure import Policy
from pora_dash.ui import (
    current_scope,
    lang,
    page_filters,
    place_name,
    tr,
)
from pora_dash.ui.presentation import KEYS, PARAM, SLIDES, STYLE, slide_index
from pora_dash.ui.sidebar import describe
from pora_dash.ui.slides import DRAW

filters = page_filters()
scope = current_scope()
show = Policy(exact=False, lang=lang())  # on a projector: protected, whoever is signed in
st.html(STYLE)
st.html(KEYS, unsafe_allow_javascript=True)

index = slide_index(st.query_params.get(PARAM))
slide = SLIDES[index]
place = place_name(filters)
today = filters.reference_date()


def go(to: int) -> None:
    st.query_params[PARAM] = str(to + 1)


def leave() -> None:
    if PARAM in st.query_params:
        del st.query_params[PARAM]
    if "presentasi" in st.query_params:
        del st.query_params["presentasi"]
    st.session_state["leave_presentation"] = True


if st.session_state.pop("leave_presentation", False):
    st.switch_page("app_pages/overview.py", query_params=st.query_params.to_dict())

st.title(f"{tr(f'slide.{slide}')} · {place}")


DRAW[slide](filters, scope, show)

footer = st.columns([5, 4], vertical_alignment="center")
footer[0].html(
    '<div class="pora-slide-footer">'
    + "<br>".join(
        html.escape(line)
        for line in (
            describe(filters),
            tr("slide.footer", n=index + 1, total=len(SLIDES))
            + " · "
            + tr("slide.keys")
            + " · "
            + tr("disclosure.rule"),
        )
    )
    + "</div>"
)
with footer[1].container(
    horizontal=True, horizontal_alignment="right", vertical_alignment="center"
):
    st.button(
        tr("slide.prev"),
        key="slide_prev",
        icon=":material/chevron_left:",
        on_click=go,
        args=(index - 1,),
        disabled=index == 0,
        width="content",
    )
    st.button(
        tr("slide.next"),
        key="slide_next",
        icon=":material/chevron_right:",
        on_click=go,
        args=(index + 1,),
        disabled=index == len(SLIDES) - 1,
        type="primary",
        width="content",
    )
    st.button(
        tr("slide.exit"), key="slide_exit", icon=":material/close:", on_click=leave, width="content"
    )
