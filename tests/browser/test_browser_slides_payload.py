"""What presentation mode sends to the browser, read off the websocket frames: as
`pemirsa.jakarta` (a viewer: protected figures), every slide's payload holds only published
counts of people (multiples of 5, or "<5"): chart datasets, tables, metric figures and the
map's GeoJSON tooltips. The raw count of a small area never travels, not even beside its
"<5" label (the first rule's slide 3 sent SDN 3 and IRN 2 in its Vega-Lite dataset)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pyarrow as pa
import pytest
from google.protobuf.message import Message
from sqlalchemy import text
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from pora_dash.store import db
from pora_dash.ui.presentation import SLIDES
from tests.browser.test_browser_presentation import _open
from tests.chromium import settled
from tests.conftest import DEMO_AS_OF

pytestmark = pytest.mark.browser

# Numeric columns of the slides' tables that are not counts of people: the rank of an
# area on the attention slide, the height of an event label and the month's name on the
# trend chart.
NOT_COUNTS = {"#", "label_y", "month_txt"}
PERSON_METRICS = (
    "Orang asing perhatian aktif",
    "Pengungsi",
    "Pencari suaka",
    "Kedatangan baru 30 hari",
    "Kedatangan baru 90 hari",
)
TIP = re.compile(r"(Jumlah orang aktif|Pengungsi|Pencari suaka|Kedatangan[^:<]*): <b>(.*?)</b>")


def _walk(message: Message) -> Iterator[object]:
    """Every message and scalar inside a protobuf message, depth first."""
    for field, value in message.ListFields():
        for item in value if field.is_repeated else [value]:
            yield item
            if isinstance(item, Message):
                yield from _walk(item)


def _arrow(raw: bytes) -> pa.Table | None:
    try:
        return pa.ipc.open_stream(io.BytesIO(raw)).read_all()
    except (pa.ArrowInvalid, OSError):
        return None


def _published(entry: str) -> bool:
    """A shown count: "<5", or a whole number (Indonesian thousands dots) divisible by 5."""
    entry = entry.replace("&lt;", "<").strip()
    return entry == "<5" or (
        entry.replace(".", "").isdigit() and int(entry.replace(".", "")) % 5 == 0
    )


def _counts_in(raw: bytes) -> tuple[list[tuple[str, object]], int]:
    """(where, value) of every count of people the frame carries, and how many were read."""
    msg = ForwardMsg()
    msg.ParseFromString(raw)
    bad: list[tuple[str, object]] = []
    seen = 0
    for item in _walk(msg):
        if isinstance(item, bytes) and (table := _arrow(item)) is not None:
            for name in table.column_names:
                column = table.column(name)
                values = column.to_pylist()
                if pa.types.is_integer(column.type) or pa.types.is_floating(column.type):
                    if name in NOT_COUNTS:
                        continue
                    seen += len(values)
                    bad += [(name, v) for v in values if v is not None and v == v and v % 5]
                elif (name == "text" or name.endswith("_txt")) and name not in NOT_COUNTS:
                    seen += len(values)
                    bad += [(name, v) for v in values if v is not None and not _published(v)]
        elif isinstance(item, Message) and item.DESCRIPTOR.name == "Metric":
            if item.label in PERSON_METRICS:  # type: ignore[attr-defined]
                seen += 1
                if not _published(item.body):  # type: ignore[attr-defined]
                    bad.append((item.label, item.body))  # type: ignore[attr-defined]
        elif isinstance(item, str) and "FeatureCollection" in item:
            # the tooltips are JSON inside the map's script inside the component's JSON
            plain = re.sub(r"\\+u00([0-9a-f]{2})", lambda m: chr(int(m.group(1), 16)), item)
            for label, value in TIP.findall(plain):
                seen += 1
                if not _published(value):
                    bad.append((label, value))
    return bad, seen


def _quiet(page, frames: list[bytes]) -> None:  # type: ignore[no-untyped-def]
    """Wait until no frame has arrived for 2 s (at most 20 s)."""
    for _ in range(40):
        before = len(frames)
        page.wait_for_timeout(2000)
        if len(frames) == before:
            return


def test_no_slide_sends_a_small_count_to_a_viewer(
    live_app: str, demo_db: str, browser_page
) -> None:  # type: ignore[no-untyped-def]
    with db.session_scope(demo_db) as session:
        small = session.execute(
            text(
                "SELECT kecamatan_code, count(*) FROM persons WHERE kabkota_code = '31.71' "
                "AND arrival_date <= :d AND (lifecycle = 'active' OR lifecycle_date > :d) "
                "GROUP BY kecamatan_code HAVING count(*) BETWEEN 1 AND 4"
            ),
            {"d": DEMO_AS_OF},
        ).all()
    assert small, "Jakarta Pusat has a kecamatan with 1-4 people: there is something to leak"

    frames: list[bytes] = []
    browser_page.on(
        "websocket",
        lambda ws: ws.on(
            "framereceived", lambda p: frames.append(p) if isinstance(p, bytes) else None
        ),
    )
    page = browser_page
    _open(page, live_app, "pemirsa.jakarta", "presentasi?wilayah=31.71")
    for n in range(1, len(SLIDES) + 1):
        if n > 1:
            page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "t => [...document.querySelectorAll('.pora-slide-footer')]"
            ".every(e => e.innerText.includes(t))",
            arg=f"Slide {n} dari",
        )
        settled(page)
        _quiet(page, frames)  # the map component and charts arrive after the script
        found = [_counts_in(raw) for raw in frames]
        sizes = list(frames)
        frames.clear()
        bad = [b for f, _ in found for b in f]
        assert not bad, f"slide {n} sent unpublished counts: {bad[:10]}"
        if SLIDES[n - 1] in ("headline", "map", "origins", "trend"):
            assert sum(seen for _, seen in found) > 0, (
                f"slide {n}: no counts were read from {[len(f) for f in sizes]}"
            )
