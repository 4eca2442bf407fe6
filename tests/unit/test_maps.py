"""The map's HTML, tested without a browser: no outside assets, escaped text, right view."""

from __future__ import annotations

import json
import math
import re

import pandas as pd
import pytest

from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.present.disclosure import Policy
from pora_dash.render import maps, mapview

FRAME = pd.DataFrame(
    {
        "code": ["33.29.05", "33.29.06"],
        "active": [3, 40],
        "refugees": [3, 30],
        "asylum_seekers": [0, 6],
        "undocumented": [0, 4],
        "arrivals": [0, 2],
    }
)


EXACT = Policy(exact=True)


def _tips(html: str) -> list[str]:
    """The tooltip HTML of every feature, decoded from the embedded GeoJSON."""
    return [json.loads(f'"{raw}"') for raw in re.findall(r'"tip": "((?:[^"\\]|\\.)*)"', html)]


def _html(policy: Policy = EXACT, **kw) -> str:  # type: ignore[no-untyped-def]
    m, _, _ = mapview.build(
        filters=Filters(wilayah="33.29"),
        scope=Scope.national(),
        frame=FRAME,
        metric="count",
        policy=policy,
        sites=None,
        incidents=None,
        **kw,
    )
    return m.get_root().render()


def test_no_asset_comes_from_another_host() -> None:
    html = _html()
    urls = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    assert urls and all(u.startswith("/app/static/") for u in urls), urls
    assert "cdn" not in html.lower() and "tile.openstreetmap" not in html


def test_only_the_kecamatan_of_the_region_are_shipped() -> None:
    html = _html()
    assert "pora-area-33-29-05" in html
    assert "pora-area-33-28-" not in html  # the neighbouring kabupaten is context only
    assert len(html) < 1_500_000


def test_tooltip_text_is_escaped_even_inside_template_literals() -> None:
    tip = maps.tooltip_html("<img src=x onerror=alert(1)>", "`${alert(2)}`", [("a", "<b>")])
    assert "<img" not in tip and "${" not in tip and "`" not in tip
    assert "&lt;img" in tip


def test_a_protected_audience_gets_rounded_counts_in_tooltips() -> None:
    tips = _tips(_html(Policy(exact=False)))
    sirampog = next(t for t in tips if "Sirampog" in t)
    assert sirampog.endswith("Jumlah orang aktif: <b>&lt;5</b>")
    assert not any(t.endswith(": <b>3</b>") for t in tips)
    assert any(t.endswith(": <b>40</b>") for t in tips)
    exact = next(t for t in _tips(_html(EXACT)) if "Sirampog" in t)
    assert exact.endswith("Jumlah orang aktif: <b>3</b>")


def test_view_fits_the_region() -> None:
    box = (-7.4, 108.7, -6.8, 109.2)  # about Kabupaten Brebes
    (lat, lng), zoom = maps.view_of(box, width_px=1100, height_px=640)
    assert box[0] < lat < box[2] and box[1] < lng < box[3]

    # at that zoom the box's height in pixels fits the map's height
    def y(v: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(v) / 2))

    pixels = (y(box[2]) - y(box[0])) / (2 * math.pi) * 256 * 2**zoom
    assert pixels <= 640


@pytest.mark.parametrize(("values", "n"), [([3], 1), ([3, 40, 800, 5000, 20], 5)])
def test_classes_spread_the_palette(values: list[int], n: int) -> None:
    classes = maps.make_classes(values, str)
    assert len(classes.labels) == n
    assert len(set(classes.colours)) == n  # every class its own step of the ramp
    assert classes.colours[-1] == maps.RAMP[-1] or n == 1  # the largest gets the darkest


def test_zero_unknown_and_small_each_look_different() -> None:
    classes = maps.make_classes([1, 1, 10, 15, 40, 45, 300, 310, 2000], str, first_break=5)
    assert classes.labels[0] == "<5" and classes.colour(1) == maps.SMALL_FILL
    looks = {classes.colour(0), classes.colour(None), classes.colour(1), classes.colour(12)}
    assert len(looks) == 4
    assert classes.breaks[1] >= 5  # "<5" is a class of its own: 5 and more never share it


def test_natural_breaks_separate_the_groups_in_the_data() -> None:
    """Fisher-Jenks (mapclassify) on counts with three clear groups: one class per group,
    bounds rounded to two significant digits."""
    values = [12, 13, 15, 16, 240, 250, 266, 4010, 4100, 4333]
    classes = maps.make_classes(values, str)
    assert classes.colour(12) == classes.colour(16)
    assert classes.colour(240) == classes.colour(266)
    assert len({classes.colour(12), classes.colour(250), classes.colour(4100)}) == 3
    assert all(b == maps.readable(b) for b in classes.breaks[1:])


def test_the_map_png_names_areas_and_follows_the_rule() -> None:
    """The PNG download draws like the brief: names where there is room, the classes of
    the protected counts ("<5" its own class), the source lines under it."""
    from pora_dash.render import map_image

    areas = pd.DataFrame({"code": ["31.71.01", "31.71.04", "31.71.06"], "count": [12, 3, 40]})
    source = mapview.MapFile(
        mapview.view_for(Filters(wilayah="31.71")),
        "id",
        Scope.national(),
        areas,
        Policy(exact=False, lang="id"),
        "Jakarta Pusat",
    )
    image = map_image.area_map(source)
    assert {"Gambir", "Senen", "Tanah Abang"} <= set(image.names)
    assert [label for _, label, _ in image.legend][:2] == ["<5", "10 – <40"]
    png = mapview.png(source, "Jumlah orang aktif · Jakarta Pusat", ["Wilayah: Jakarta Pusat"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000


def test_a_long_chart_title_goes_on_two_lines() -> None:
    """In a half-width column at 1280 px Vega cut "Menurut jenis kelamin dan umur · Jawa
    Tengah" to "… · Jawa Ten…"; a long title now puts the place on its own line."""
    from pora_dash.render.origins_charts import heading

    long = heading("Menurut jenis kelamin dan umur", "Jawa Tengah", "Data per 22 November 2026")
    assert long.text == ["Menurut jenis kelamin dan umur", "Jawa Tengah"]
    short = heading("Menurut status", "Jawa Tengah", "")
    assert short.text == "Menurut status · Jawa Tengah"
