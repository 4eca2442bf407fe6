"""The charts of the "Asal & status" page: a breakdown's bars, the pyramid of sex and age, the
monthly lines by status or nationality, and the flows; each titled "<what> · <place>" with the
filter as its subtitle. The data comes in published (`present.origins`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import altair as alt
import pandas as pd

from pora_dash.present.origins import BANDS, Names
from pora_dash.present.tables import TOTAL
from pora_dash.reads.origins import OTHERS, WAIT_UNKNOWN
from pora_dash.render import crosstab as ct
from pora_dash.render.palette import GREY, OKABE_ITO

# the longest stays stand out (Okabe–Ito vermillion, then orange): a known driver of tension
LONG_COLOURS = {"5y_plus": OKABE_ITO[3], "10y_plus": OKABE_ITO[3], "5_10y": OKABE_ITO[1]}
WAIT_COLOURS = LONG_COLOURS | {"2_5y": OKABE_ITO[1], WAIT_UNKNOWN: GREY}
STATUS_COLOURS = ct.STATUS_COLOURS


# a title longer than this goes on two lines: in a half-width column at 1280 px Vega cut
# "Menurut jenis kelamin dan umur · Jawa Tengah" to "… · Jawa Ten…"
TITLE_ONE_LINE = 36


def heading(what: str, place: str, subtitle: str) -> alt.TitleParams:
    """A chart's title: what it shows and where (on a second line when long), the filter
    beneath."""
    one = f"{what} · {place}"
    text: str | list[str] = one if len(one) <= TITLE_ONE_LINE else [what, place]
    return alt.TitleParams(text, subtitle=subtitle, subtitleFontSize=13)


def bars(
    data: pd.DataFrame,
    *,
    labels: list[str],
    colours: dict[str, str] | None,
    title: alt.TitleParams,
    axis_title: str,
    lang: str,
) -> Any:
    """A breakdown's bars (`data`: row, value, text; `labels`: the rows' names), one colour
    per row (blue by default)."""
    return ct.bars(
        labels,
        list(data["value"]),
        list(data["text"]),
        title=title,
        axis_title=axis_title,
        lang=lang,
        colours=[(colours or {}).get(c, OKABE_ITO[0]) for c in data["row"]],
    )


def pyramid(
    data: pd.DataFrame,
    names: Names,
    sex_labels: dict[str, str],
    *,
    title: alt.TitleParams,
    axis_title: str,
) -> Any:
    """Males left, females right, by age band."""
    return ct.pyramid(
        data,
        bands=BANDS,
        band_labels={b: names.band(b) for b in BANDS},
        sex_labels=sex_labels,
        title=title,
        axis_title=axis_title,
        lang=names.lang,
    )


def trend_colours(
    dimension: str, columns: Sequence[str], name: Callable[[str], str]
) -> dict[str, str]:
    """The lines' colours by name: statuses in their own colours; the main nationalities,
    largest first, then the others in grey."""
    if dimension == "status":
        colours = dict(ct.STATUS_COLOURS)
    else:
        colours = dict(zip(columns, OKABE_ITO, strict=False))
        colours[OTHERS] = GREY
    return {name(c): colours.get(c, GREY) for c in columns if c != TOTAL}


def lines(
    data: pd.DataFrame,
    events: pd.DataFrame,
    colours: dict[str, str],
    *,
    title: alt.TitleParams,
    axis_title: str,
    lang: str,
) -> Any:
    """Active persons per month, one line per group, with the calendar events."""
    return ct.lines(data, events, colours=colours, title=title, axis_title=axis_title, lang=lang)


def flows(
    data: pd.DataFrame,
    events: pd.DataFrame,
    *,
    yearly: bool,
    title: alt.TitleParams,
    axis_title: str,
    lang: str,
) -> Any:
    """Arrivals up, departures by reason down, per month or per year."""
    return ct.flows(
        data,
        events,
        yearly=yearly,
        colours=ct.FLOW_COLOURS,
        title=title,
        axis_title=axis_title,
        lang=lang,
    )
