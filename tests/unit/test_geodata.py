"""The shipped reference data (data/) and its runtime loader, pora_dash.geo.reference."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

from pora_dash.geo import reference

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT.parent / "shared" / "geodata"  # dev/CI only
MB = 1_000_000
LEVEL_NUMBER = {"province": 1, "kabkota": 2, "kecamatan": 3}
EXPECTED_COUNTS = {"province": 38, "kabkota": 514, "kecamatan": 7285}
PROPERTIES = {"code", "name", "parent", "lat", "lng"}


def _compact(obj: object) -> int:
    """Bytes of the compact JSON the map page ships."""
    return len(json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


@pytest.fixture(scope="module")
def region_table() -> dict[str, tuple[str, int, str | None]]:
    frame = reference.regions()
    return {
        row.code: (row.name, int(row.level), None if pd.isna(row.parent_code) else row.parent_code)
        for row in frame.itertuples(index=False)
    }


# ------------------------------------------------------------------------------------------
# boundaries


@pytest.mark.parametrize("level", reference.BOUNDARY_LEVELS)
def test_every_geometry_is_valid_and_not_empty(level: str) -> None:
    bad = []
    for code, feature in reference.boundaries(level).items():
        geom = shape(feature["geometry"])
        if geom.is_empty or not geom.is_valid or geom.geom_type not in ("Polygon", "MultiPolygon"):
            bad.append((code, shapely.is_valid_reason(geom)))
    assert not bad


@pytest.mark.parametrize("level", reference.BOUNDARY_LEVELS)
def test_one_feature_per_region_with_the_right_properties(
    level: str, region_table: dict[str, tuple[str, int, str | None]]
) -> None:
    features = reference.boundaries(level)
    assert len(features) == EXPECTED_COUNTS[level]
    expected = {c for c, (_, lvl, _) in region_table.items() if lvl == LEVEL_NUMBER[level]}
    assert set(features) == expected  # every region has an outline, every outline a region
    for code, feature in features.items():
        props = feature["properties"]
        assert set(props) == PROPERTIES
        name, _, parent = region_table[code]
        assert props["code"] == code
        assert props["name"] == name
        assert props["parent"] == (parent or "")


@pytest.mark.skipif(not SOURCE.is_dir(), reason="source geodata (../shared/geodata) not present")
@pytest.mark.parametrize("level", ["kabkota", "kecamatan"])
def test_feature_counts_match_the_source(level: str) -> None:
    source = json.loads((SOURCE / f"{level}.geojson").read_text(encoding="utf-8"))
    codes = {f["properties"]["kode"] for f in source["features"]}
    assert set(reference.boundaries(level)) == codes


@pytest.mark.parametrize("level", reference.BOUNDARY_LEVELS)
def test_label_points_lie_inside(level: str) -> None:
    outside = []
    for code, feature in reference.boundaries(level).items():
        props = feature["properties"]
        point = shapely.Point(props["lng"], props["lat"])
        if not shape(feature["geometry"]).contains(point):
            outside.append(code)
    assert not outside


def test_provinces_are_the_kabkota_dissolved() -> None:
    kabkota = reference.boundaries("kabkota")
    for code, feature in reference.boundaries("province").items():
        province = shape(feature["geometry"])
        members = shapely.union_all(
            [shape(kabkota[c]["geometry"]) for c in reference.children(code)]
        )
        # Provinces drop invisible islets (at most 2% of the area) and are simplified for the
        # national view (tolerance 0.02 deg): archipelagos like Kepulauan Riau shrink ~6%.
        assert province.area == pytest.approx(members.area, rel=0.08), code
        assert members.difference(province).area < 0.1 * members.area, code


@pytest.mark.parametrize(("level", "parent"), [("kecamatan", "31.71"), ("kabkota", "33")])
def test_neighbours_neither_overlap_nor_leave_gaps(level: str, parent: str) -> None:
    geoms = [shape(f["geometry"]) for f in reference.feature_collection(level, parent)["features"]]
    union = shapely.union_all(geoms)
    assert sum(g.area for g in geoms) == pytest.approx(union.area, rel=1e-6)  # no overlaps
    parts = list(getattr(union, "geoms", [union]))
    assert not [ring for part in parts for ring in part.interiors if ring.envelope.area > 1e-6]


# ------------------------------------------------------------------------------------------
# sizes


def test_national_provinces_payload_is_small() -> None:
    assert _compact(reference.feature_collection("province")) < MB


def _largest_parent(level: str) -> tuple[str, int]:
    sizes: dict[str, int] = {}
    for feature in reference.boundaries(level).values():
        parent = feature["properties"]["parent"]
        sizes[parent] = sizes.get(parent, 0) + _compact(feature)
    return max(sizes.items(), key=lambda kv: kv[1])


@pytest.mark.parametrize("level", ["kabkota", "kecamatan"])
def test_largest_per_parent_payload_is_small(level: str) -> None:
    parent, _ = _largest_parent(level)
    assert _compact(reference.feature_collection(level, parent)) < MB


def test_data_directory_is_small() -> None:
    # what the project ships: not the local database `make run` creates there (gitignored)
    files = [
        p
        for p in (ROOT / "data").rglob("*")
        if p.is_file() and ".db" not in p.name and "backups" not in p.parts
    ]
    assert {p.relative_to(ROOT / "data").as_posix() for p in files} >= {
        "regions.csv.gz",
        "ATTRIBUTION.md",
        "boundaries/province.geojson.gz",
        "boundaries/kabkota.geojson.gz",
        "boundaries/kecamatan.geojson.gz",
    }
    assert sum(p.stat().st_size for p in files) < 10 * MB


def test_attribution_names_sources_and_license() -> None:
    text = (ROOT / "data" / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for needle in (
        "github.com/cahyadsn/wilayah",
        "github.com/cahyadsn/wilayah_boundaries",
        "Copyright (c) 2025 cahya dsn",
        "MIT License",
        "Permission is hereby granted, free of charge",
    ):
        assert needle in text


# ------------------------------------------------------------------------------------------
# regions and lookups


def test_region_table() -> None:
    frame = reference.regions()
    counts = frame["level"].value_counts().to_dict()
    assert counts[1] == 38 and counts[2] == 514 and counts[3] == 7285
    assert counts[4] > 80_000
    assert frame["code"].is_unique
    assert str(frame["population"].dtype) == "Int64"
    assert frame.loc[frame["level"] <= 2, "population"].notna().all()
    assert frame.loc[frame["level"] >= 3, "population"].isna().all()
    assert frame.loc[frame["level"] <= 2, "area_km2"].notna().all()
    assert "0" not in set(frame["code"])  # the INDONESIA total row is not a region


def test_brebes_population_matches_the_shipped_file() -> None:
    with gzip.open(ROOT / "data" / "regions.csv.gz", "rt", encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split(",")
        row = next(line for line in fh if line.startswith("33.29,"))
    shipped = int(dict(zip(header, row.rstrip("\n").split(","), strict=True))["population"])
    frame = reference.regions()
    population = frame.loc[frame["code"] == "33.29", "population"].iloc[0]
    assert population == shipped
    assert population > 1_000_000


def test_lookups() -> None:
    assert reference.region_name("31.71") == "Kota Administrasi Jakarta Pusat"
    assert reference.region_name("33.29.05") == "Sirampog"
    assert reference.region_name("99.99") is None
    assert reference.ancestors("33.29.05") == ["33", "33.29", "33.29.05"]
    assert reference.ancestors("33") == ["33"]
    assert reference.ancestors("nope") == []
    assert reference.parent_of("33.29.05") == "33.29"
    assert reference.parent_of("33") is None
    assert reference.region_level("33.29.05.2001") == 4
    assert len(reference.children(None)) == 38
    assert "33.29.05" in reference.children("33.29")
    assert all(reference.parent_of(c) == "33.29" for c in reference.children("33.29"))
    assert reference.children("99") == []


def test_level_of_code_and_validity() -> None:
    assert [reference.level_of_code(c) for c in ("33", "33.29", "33.29.05", "33.29.05.2001")] == [
        1,
        2,
        3,
        4,
    ]
    for bad in ("", "3", "33.2", "33.29.5", "33.29.05.201", "33-29", "33.29.", " 33"):
        with pytest.raises(ValueError):
            reference.level_of_code(bad)
    assert reference.is_valid_code("33.29.05")
    assert reference.is_valid_code("33.29.05.2001")
    assert not reference.is_valid_code("33.99")
    assert not reference.is_valid_code("")


def test_search() -> None:
    hits = reference.search_regions("Sirampog")
    assert hits[0][0] == "33.29.05"
    assert "Brebes" in hits[0][1] and "Jawa Tengah" in hits[0][1]
    assert reference.search_regions("sIrAmPoG")[0][0] == "33.29.05"
    brebes = [code for code, _ in reference.search_regions("brebes")]
    assert brebes[:2] == ["33.29", "33.29.09"]  # exact name (without "Kabupaten"), by level
    assert reference.search_regions("33.29")[0][0] == "33.29"
    assert all(c.startswith("33.29") for c, _ in reference.search_regions("33.29", limit=50))
    assert len(reference.search_regions("a", limit=5)) == 5
    assert reference.search_regions("   ") == []
    assert all(reference.region_level(c) <= 3 for c, _ in reference.search_regions("sari", 100))


def test_feature_collection_by_parent() -> None:
    fc = reference.feature_collection("kecamatan", "33.29")
    assert fc["type"] == "FeatureCollection"
    names = {f["properties"]["code"]: f["properties"]["name"] for f in fc["features"]}
    assert names["33.29.05"] == "Sirampog"
    assert set(names) == set(reference.children("33.29"))
    assert len(reference.feature_collection("kabkota")["features"]) == 514
    assert len(reference.feature_collection("province", None)["features"]) == 38
    assert reference.feature_collection("kecamatan", "99.99")["features"] == []
    # Callers may decorate the features without touching the cache.
    fc["features"][0]["properties"]["count"] = 5
    assert (
        "count"
        not in reference.feature_collection("kecamatan", "33.29")["features"][0]["properties"]
    )
    with pytest.raises(ValueError):
        reference.feature_collection("desa")


# ------------------------------------------------------------------------------------------
# the build itself (needs the source and the geo extra)


@pytest.mark.skipif(not SOURCE.is_dir(), reason="source geodata (../shared/geodata) not present")
@pytest.mark.skipif(
    importlib.util.find_spec("geopandas") is None, reason="geo extra (geopandas) not installed"
)
def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    """Rebuild regions, provinces and kab/kota (~15 s; kecamatan would add ~35 s, same code)."""
    from pora_dash.geo import geodata

    sizes = geodata.build(SOURCE, tmp_path, levels=("province", "kabkota"))
    assert set(sizes) == {
        "regions.csv.gz",
        "boundaries/province.geojson.gz",
        "boundaries/kabkota.geojson.gz",
        "ATTRIBUTION.md",
    }
    for name, size in sizes.items():
        built = (tmp_path / name).read_bytes()
        assert len(built) == size
        assert built == (ROOT / "data" / name).read_bytes(), name
