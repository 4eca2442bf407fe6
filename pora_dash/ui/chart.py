"""Charts drawn from a cached Vega-Lite spec.

Building an Altair chart and turning it into Vega-Lite (deep copies of every layer, then a
validation against the schema) cost about 125 ms for the overview's trend at every page
run, more than all its cached reads together. `show(build, *args)` calls the builder
(a function of `render/`) only when its arguments are new, keeps the finished spec with its
data already in Arrow form, and draws it with `st.vega_lite_chart`: what the browser
receives is what `st.altair_chart(build(*args))` would send.

The arguments are the key (frames by content, Altair objects such as a title by their
JSON), so they must be everything the chart shows: the protected frame, the labels in the
viewer's language, the title. The builder is part of the key by its dotted name; any other
function among the arguments is refused, since a lambda's name would not tell two apart
(pass the labels it would make instead).

Altair checks every object against the Vega-Lite schema as it is made, and the whole chart
again when it becomes a spec: about a third of a chart's build, each time a filter is new.
Here a builder's spec is checked once per process, on its first use (so every builder the
tests run is checked against the schema), and not again after that; objects are not checked
as they are made (Altair's "debug mode", a help for tracebacks, off for the process).
"""

from __future__ import annotations

import functools
import json
import types
from collections.abc import Callable
from typing import Any

import altair as alt
import streamlit as st
from altair.utils import schemapi

# the conversion st.altair_chart itself runs (Streamlit 1.67, pinned): the spec with its
# datasets as Arrow IPC bytes, under the "none" theme
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

from pora_dash.ui.cache import function_key

schemapi.disable_debug_mode()

_checked: set[str] = set()  # builders whose spec was checked against the schema


def _name(build: Callable[..., Any]) -> str:
    return function_key(build) if isinstance(build, types.FunctionType) else repr(build)


def _unchecked(chart: Any) -> Any:
    """The chart, made to skip the schema check when it becomes a spec: Streamlit's
    conversion calls `chart.to_dict()`, which looks up the instance's attribute first."""
    object.__setattr__(chart, "to_dict", functools.partial(chart.to_dict, validate=False))
    return chart


def _keyed(value: Any) -> Any:
    """What an argument adds to the key: an Altair object its JSON; a function is refused."""
    if isinstance(value, alt.SchemaBase):
        return json.dumps(value.to_dict(validate=False), sort_keys=True, default=str)
    if isinstance(value, types.MethodType):  # e.g. names.status: its object says what it does
        return (_keyed(value.__self__), value.__func__.__qualname__)
    if isinstance(value, types.FunctionType):
        function_key(value)
    return value


@st.cache_data(
    ttl=3600,
    max_entries=500,
    show_spinner=False,
    hash_funcs={types.FunctionType: function_key},
)
def specs(
    build: Callable[..., Any], key: tuple, _args: tuple, _kwargs: dict[str, Any]
) -> list[dict[str, Any]]:
    """The Vega-Lite spec of each chart `build(*_args, **_kwargs)` returns (one, or a tuple);
    `key` stands for the arguments (underscored ones are not hashed by Streamlit)."""
    del key  # part of the cache key only
    made = build(*_args, **_kwargs)
    charts = made if isinstance(made, tuple) else (made,)
    name = _name(build)
    if name in _checked:
        charts = tuple(_unchecked(chart) for chart in charts)
    converted = [_convert_altair_to_vega_lite_spec(chart) for chart in charts]
    _checked.add(name)  # only once a spec of this builder has passed the check
    return converted


def show(build: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Draw what `build(*args, **kwargs)` makes, full width, one chart under the other."""
    key = (
        tuple(_keyed(a) for a in args),
        tuple((name, _keyed(value)) for name, value in sorted(kwargs.items())),
    )
    for spec in specs(build, key, args, kwargs):
        st.vega_lite_chart(spec, width="stretch")
