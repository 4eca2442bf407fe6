"""Charts drawn from a cached spec (ui/chart.py) reach the browser exactly as st.altair_chart
would send them, and the cache never gives one chart's spec for another's arguments."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from pora_dash.render import charts

EVENTS = pd.DataFrame(
    {
        "name": ["Pilkada serentak"],
        "kind": ["pilkada"],
        "starts_on": [dt.date(2024, 11, 27)],
        "ends_on": [dt.date(2024, 11, 27)],
    }
)


def _trend(active: list[int | None]) -> pd.DataFrame:
    months = [dt.date(2024, m, 1) for m in range(1, len(active) + 1)]
    return pd.DataFrame(
        {
            "month": months,
            "active": active,
            "arrivals": [10] * len(active),
            "departures": [None] + [5] * (len(active) - 1),  # a "<5" month
            "active_txt": [str(v) for v in active],
            "arrivals_txt": ["10"] * len(active),
            "departures_txt": ["<5"] + ["5"] * (len(active) - 1),
        }
    )


def _both(active: list[int | None], lang: str) -> None:
    """Draws the trend twice: through st.altair_chart, then through chart.show."""
    import streamlit as st

    from pora_dash.render import charts
    from pora_dash.ui import chart

    frame, events = st.session_state["frame"], st.session_state["events"]
    for drawn in charts.trend(frame, events, lang=lang, title="Tren · Jawa Tengah"):
        st.altair_chart(drawn, width="stretch")
    chart.show(charts.trend, frame, events, lang=lang, title="Tren · Jawa Tengah")


def _charts(active: list[int | None], lang: str = "id") -> list:  # type: ignore[type-arg]
    at = AppTest.from_function(_both, args=(active, lang))
    at.session_state["frame"] = _trend(active)
    at.session_state["events"] = EVENTS
    at.run()
    assert not at.exception
    return [c.proto for c in at.get("vega_lite_chart")]


def _sent(proto) -> tuple[str, list[tuple[str, bytes]]]:  # type: ignore[no-untyped-def]
    return proto.spec, [(d.name, d.data.data) for d in proto.datasets]


def _direct_and_cached(active: list[int | None], lang: str = "id") -> tuple[list, list]:  # type: ignore[type-arg]
    protos = _charts(active, lang)
    assert len(protos) == 4  # line and flows, twice
    return [_sent(p) for p in protos[:2]], [_sent(p) for p in protos[2:]]


MONTHS = [100, 120, 130, 125, 140, 150, 155, 160, 170, 175, 180, 190]


def test_a_cached_chart_sends_what_altair_chart_sends() -> None:
    direct, cached = _direct_and_cached(MONTHS)
    assert cached == direct
    assert all(datasets for _, datasets in cached), "the data travels as Arrow datasets"


def test_other_data_or_language_is_another_chart() -> None:
    """Each call after the first finds the cache filled: it must still draw its own data."""
    first = _direct_and_cached(MONTHS)[1]
    direct, cached = _direct_and_cached([*MONTHS[:-1], 999])
    assert cached == direct and cached != first
    direct, cached = _direct_and_cached(MONTHS, "en")
    assert cached == direct and cached != first
    assert "Agu" in first[0][0] and "Aug" in cached[0][0]  # month names in the language


def test_a_lambda_is_refused_as_an_argument() -> None:
    from pora_dash.ui import chart

    with pytest.raises(TypeError, match="module-level function"):
        chart._keyed(lambda code: code.upper())
    assert chart._keyed(charts.trend) is charts.trend  # a module's function is its name


def test_a_cached_read_is_keyed_by_its_function_name_and_refuses_a_lambda() -> None:
    """Two lambdas in one function share a qualified name: keyed by it they would share
    cached results, so the shared key refuses them (for reads and charts alike)."""
    from pora_dash.ui import cache

    assert cache.function_key(charts.trend) == f"{charts.__name__}.trend"
    with pytest.raises(TypeError, match="module-level function"):
        cache.function_key(lambda session: session)


def _nonsense_scale(frame: pd.DataFrame) -> object:
    """A chart the Vega-Lite schema refuses (no scale type "nonsense")."""
    import altair as alt

    scale = alt.Scale(type="nonsense")  # type: ignore[arg-type]
    return alt.Chart(frame).mark_bar().encode(x=alt.X("n:Q", scale=scale))


def test_a_builders_spec_is_checked_against_the_schema_until_one_passes() -> None:
    """Objects are not checked as they are made; the spec is, at a builder's first use in the
    process, and again after every failure: a mistake in a builder shows in the tests."""
    from altair.utils.schemapi import SchemaValidationError

    from pora_dash.ui import chart

    for n in (1, 2):  # a failure is not remembered as a check passed
        frame = pd.DataFrame({"n": [n]})
        with pytest.raises(SchemaValidationError, match="nonsense"):
            chart.specs(_nonsense_scale, (n,), (frame,), {})
    assert chart._name(_nonsense_scale) not in chart._checked
