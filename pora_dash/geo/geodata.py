"""Build the app's compact reference files in ``data/`` from ``../shared/geodata`` (dev/CI only).

The source (cahya dsn's *wilayah* and *wilayah_boundaries*, MIT) exists only on development and
CI machines; the app reads the derived files through :mod:`pora_dash.geo.reference`.  Needs the
``geo`` extra (geopandas, shapely >= 2.2 with GEOS >= 3.14, pyogrio); those are imported inside
the functions so that importing this module costs nothing on user machines.

Pipeline for the boundaries, per level:

1. read the GeoJSON (pyogrio), take names from ``wilayah.csv`` (the GeoJSON names differ in
   capitalisation here and there), repair every geometry with ``shapely.make_valid`` and keep
   only its polygonal parts;
2. turn the features into a clean *polygonal coverage* with ``shapely.coverage_clean``: the source
   outlines were generalised one by one, so neighbours overlap and leave gaps.  Overlaps go to the
   smaller polygon (a newer, split-off region lies inside its old parent's outline, e.g. Toili Jaya
   inside Toili), gaps narrower than ``gap_width`` go to the neighbour with the longest border;
3. provinces: dissolve the clean kab/kota coverage by the first code segment;
4. drop islets too small to see when the parent region fills the screen (the source has
   thousands of rocks of a few hundred m²; a region keeps at least 98% of its area), simplify
   the whole coverage at once with
   ``shapely.coverage_simplify`` (Visvalingam-Whyatt; shared edges stay shared, so no gaps or
   overlaps appear), make valid again;
5. snap-round the whole coverage to the output grid at once (``set_precision`` of one
   GeometryCollection: GEOS nodes the features together, so shared edges stay shared and the
   results are valid on the grid);
6. label point: the source's ``lat``/``lng`` when it lies inside the final polygon, else
   ``representative_point()`` (always for provinces).

Example::

    from pathlib import Path
    from pora_dash.geo.geodata import build
    build(Path("../shared/geodata"), Path("data"))
    # {'regions.csv.gz': ..., 'boundaries/province.geojson.gz': ..., ...}
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import textwrap
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LEVELS: tuple[str, ...] = ("province", "kabkota", "kecamatan")


@dataclass(frozen=True)
class LevelSpec:
    """How one boundary level is prepared.

    - ``gap_width``: gaps between neighbours narrower than this (degrees) are closed;
    - ``tolerance``: coverage_simplify's, roughly the square root of the area of the triangles
      removed, in degrees (0.001 deg ~ 110 m);
    - ``decimals``: coordinate decimals written (4 ~ 11 m, 3 ~ 110 m);
    - ``islet_fraction``, ``max_islet_loss``: islets smaller than
      ``(parent extent * islet_fraction)²`` are dropped, but a region never loses more than
      ``max_islet_loss`` of its area (see :func:`_drop_islets`).
    """

    name: str
    admin_level: int
    source: str | None  # GeoJSON file in the source dir (None: dissolved from kab/kota)
    gap_width: float
    tolerance: float
    decimals: int
    islet_fraction: float
    max_islet_loss: float = 0.02


SPECS: dict[str, LevelSpec] = {
    # The whole nation (~46 deg wide) in ~1000 px: 1 px ~ 0.05 deg.
    "province": LevelSpec("province", 1, None, 0.01, 0.02, 3, 1 / 1000),
    # One province (Jawa Tengah ~4 deg, Papua Barat Daya ~5 deg) in ~1000 px: 1 px ~ 0.005 deg.
    "kabkota": LevelSpec("kabkota", 2, "kabkota.geojson", 0.01, 0.002, 4, 1 / 1000),
    # One kab/kota; Jakarta Pusat is ~0.1 deg wide (1 px ~ 0.0001 deg), so keep this modest.
    "kecamatan": LevelSpec("kecamatan", 3, "kecamatan.geojson", 0.01, 0.0005, 4, 1 / 1000),
}

SOURCE_FILES = ("wilayah.csv", "penduduk.csv", "luas.csv", "kabkota.geojson", "kecamatan.geojson")
_CODE_RE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")

ATTRIBUTION = """\
# Attribution

The files in this directory are derived from two datasets by **cahya dsn**:

- **wilayah** — <https://github.com/cahyadsn/wilayah>: Kemendagri region codes and names
  (Kepmendagri No 300.2.2-2138/2430 Tahun 2025), population and area;
- **wilayah_boundaries** — <https://github.com/cahyadsn/wilayah_boundaries>: kabupaten/kota and
  kecamatan boundaries.

Both are released under the MIT License, copyright (c) 2025 cahya dsn (full text below).
Keep this attribution with the files and with anything derived from them.

## What was derived, and how

Built by `pora_dash/geo/geodata.py` (`python scripts/build_geodata.py` or
`python -m pora_dash build-geodata`) from plain copies of the two datasets
(`wilayah.csv`, `penduduk.csv`, `luas.csv`, `kabkota.geojson`, `kecamatan.geojson`).

- `regions.csv.gz` — every region (province, kabupaten/kota, kecamatan, desa/kelurahan) with
  columns `code,name,level,parent_code,population,area_km2`. Codes, names, levels and parents
  are copied unchanged from `wilayah.csv`; `population` is the `total` of `penduduk.csv`, `area_km2`
  comes from `luas.csv` (provinces and kabupaten/kota only; empty where unknown).{luas_note}
- `boundaries/province.geojson.gz`, `boundaries/kabkota.geojson.gz`,
  `boundaries/kecamatan.geojson.gz` — one GeoJSON feature per region with properties
  `code, name, parent, lat, lng` (names from `wilayah.csv`). Geometries were repaired with
  `shapely.make_valid` (polygonal parts kept), made into a gap- and overlap-free coverage with
  `shapely.coverage_clean` (overlaps given to the smaller region, gaps narrower than the
  `gap_width` below given to a neighbour), simplified as a coverage with
  `shapely.coverage_simplify` (neighbours keep identical shared edges) and snap-rounded to the
  decimals below (`shapely.set_precision` on the whole coverage).
  Islets smaller than (extent of the parent region × islet fraction)², i.e. about a pixel when
  the parent fills a 1000-pixel map, and touching no neighbour, were dropped, smallest first,
  as long as a region kept all but the `max islet loss` of its area. Province outlines
  are the cleaned kabupaten/kota outlines dissolved by the first code segment.
  `lat`/`lng` is a label point inside the polygon: the source's point when it lies inside,
  otherwise `representative_point()` (always for provinces). The outlines are generalised; they
  are for display, not for measurement.

| level | gap_width (deg) | simplify tolerance (deg) | decimals | islet fraction | max islet loss |
|---|---|---|---|---|---|
{spec_rows}

## MIT License

Copyright (c) 2025 cahya dsn

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


# --------------------------------------------------------------------------------------------
# small helpers (stdlib only)


def _gzip_bytes(data: bytes) -> bytes:
    """Deterministic gzip: no file name, mtime 0."""
    return gzip.compress(data, compresslevel=9, mtime=0)


def _write(path: Path, data: bytes) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return len(data)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _norm_name(name: str) -> str:
    return " ".join(name.replace("Kab ", "Kabupaten ").split()).casefold()


def level_of(code: str) -> int:
    """1 for ``33``, 2 for ``33.29``, 3 for ``33.29.05``, 4 for ``33.29.05.2001``."""
    if not _CODE_RE.match(code):
        raise ValueError(f"not a region code: {code!r}")
    return code.count(".") + 1


def parent_of(code: str) -> str:
    """``33.29.05`` -> ``33.29``; ``""`` for a province."""
    return code.rsplit(".", 1)[0] if "." in code else ""


# --------------------------------------------------------------------------------------------
# regions.csv.gz


def _repair_code(code: str, name: str, names: dict[str, str]) -> str | None:
    """Map a code that lost trailing zeros (``11.1``, ``31.0``) back, if the name agrees."""
    if code in names:
        return code
    head, _, tail = code.partition(".")
    candidates = [head] if tail.strip("0") == "" else []
    if len(tail) == 1:
        candidates.append(f"{head}.{tail}0")
    for cand in candidates:
        if cand in names and _norm_name(names[cand]) == _norm_name(name):
            return cand
    return None


def build_regions(source_dir: Path, notes: list[str]) -> tuple[bytes, dict[str, tuple]]:
    """Return the ``regions.csv`` bytes and ``{code: (name, level, parent)}``."""
    wilayah = _read_csv(source_dir / "wilayah.csv")
    regions: dict[str, tuple[str, int, str]] = {}
    for row in wilayah:
        code, name, level, parent = row["kode"], row["nama"], int(row["level"]), row["induk"]
        if code in regions:
            raise ValueError(f"wilayah.csv: duplicate code {code}")
        if level_of(code) != level or parent != parent_of(code):
            raise ValueError(f"wilayah.csv: {code} has level {level}, parent {parent!r}")
        regions[code] = (name, level, parent)
    for code, (_, _, parent) in regions.items():
        if parent and parent not in regions:
            raise ValueError(f"wilayah.csv: parent {parent} of {code} is missing")
    names = {c: v[0] for c, v in regions.items()}

    population: dict[str, int] = {}
    for row in _read_csv(source_dir / "penduduk.csv"):
        if row["kode"] == "0":  # INDONESIA
            continue
        fixed = _repair_code(row["kode"], row["nama"], names)
        if fixed is None:
            notes.append(f"penduduk.csv: unknown code {row['kode']} ({row['nama']}) skipped")
            continue
        code = fixed
        if code != row["kode"]:
            notes.append(f"penduduk.csv: code {row['kode']} read as {code} ({names[code]})")
        population[code] = int(row["total"])
    area: dict[str, str] = {}
    for row in _read_csv(source_dir / "luas.csv"):
        fixed = _repair_code(row["kode"], row["nama"], names)
        if fixed is None:
            notes.append(f"luas.csv: unknown code {row['kode']} ({row['nama']}) skipped")
            continue
        code = fixed
        if code != row["kode"]:
            notes.append(f"luas.csv: code {row['kode']} read as {code} ({names[code]})")
        value = float(row["luas_km2"])
        if not value > 0:
            raise ValueError(f"luas.csv: bad area for {code}: {row['luas_km2']!r}")
        area[code] = repr(value)

    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["code", "name", "level", "parent_code", "population", "area_km2"])
    order = sorted(regions, key=lambda c: (regions[c][1], c))  # parents before children
    for code in order:
        name, level, parent = regions[code]
        pop = population.get(code)
        writer.writerow([code, name, level, parent, "" if pop is None else pop, area.get(code, "")])
    return buf.getvalue().encode("utf-8"), regions


# --------------------------------------------------------------------------------------------
# boundaries


def _polygonal(geom: Any) -> Any:
    """The Polygon/MultiPolygon part of a geometry (empty Polygon when there is none)."""
    import shapely

    if geom is None:
        return shapely.Polygon()
    kind = geom.geom_type
    if kind in ("Polygon", "MultiPolygon"):
        return geom
    polys = []
    stack = [geom]
    while stack:
        g = stack.pop()
        if g.geom_type == "Polygon":
            if not g.is_empty:
                polys.append(g)
        elif g.geom_type in ("MultiPolygon", "GeometryCollection"):
            stack.extend(g.geoms)
    if not polys:
        return shapely.Polygon()
    return shapely.union_all(polys)


def _repair(geoms: Iterable[Any]) -> Any:
    """make_valid, keep polygonal parts; returns a numpy object array."""
    import numpy as np
    import shapely

    arr = np.asarray(list(geoms), dtype=object)
    fixed = shapely.make_valid(arr)
    return np.array([_polygonal(g) for g in fixed], dtype=object)


def _clean(geoms: Any, gap_width: float) -> Any:
    """Overlap- and gap-free coverage (see module docstring)."""
    import numpy as np
    import shapely

    # GEOS may leave a floating-point "invalid" flag behind, which numpy reports as a
    # RuntimeWarning; the result is checked below and by _simplify's assertions.
    with np.errstate(invalid="ignore"):
        cleaned = shapely.coverage_clean(geoms, gap_width=gap_width, merge_strategy="min_area")
    cleaned = _repair(cleaned)
    lost = np.flatnonzero(shapely.is_empty(cleaned))
    # A region entirely covered by smaller ones would vanish: keep its own outline then.
    cleaned[lost] = geoms[lost]
    return cleaned


def _drop_islets(codes: list[str], geoms: Any, fraction: float, max_loss: float) -> tuple[Any, int]:
    """Remove islets too small to see at the zoom the level is shown at.

    A level is shown one parent at a time (all provinces for the nation), so the parent's extent
    sets the pixel size: a polygon part smaller than ``(parent extent * fraction)²`` that touches
    no other feature may go (``fraction`` 1/1000 ~ one pixel when the parent fills 1000 px),
    smallest first, as long as a region loses at most ``max_loss`` of its area (so archipelago
    regions keep their islands). A feature always keeps its largest part; parts touching a
    neighbour are kept, so no gap opens. Returns the new geometries and the parts dropped.
    """
    import numpy as np
    import shapely

    if fraction <= 0 or max_loss <= 0:
        return geoms, 0
    bounds = shapely.bounds(geoms)
    extent: dict[str, list[float]] = {}
    for code, (x0, y0, x1, y1) in zip(codes, bounds, strict=True):
        e = extent.setdefault(parent_of(code), [x0, y0, x1, y1])
        e[:] = [min(e[0], x0), min(e[1], y0), max(e[2], x1), max(e[3], y1)]
    threshold = np.array(
        [
            (max(e[2] - e[0], e[3] - e[1]) * fraction) ** 2
            for e in map(extent.__getitem__, map(parent_of, codes))
        ]
    )
    parts, owner = shapely.get_parts(geoms, return_index=True)
    area = shapely.area(parts)
    budget = shapely.area(geoms) * max_loss
    # Candidates: below the threshold, not a feature's largest part, touching no other feature.
    order = np.lexsort((-area, owner))  # by owner, biggest first
    largest = np.zeros(len(parts), dtype=bool)
    largest[order[np.r_[True, owner[order][1:] != owner[order][:-1]]]] = True
    candidate = np.flatnonzero(~largest & (area < threshold[owner]))
    part_idx, geom_idx = shapely.STRtree(geoms).query(parts[candidate], predicate="intersects")
    touching = set(candidate[part_idx[geom_idx != owner[candidate[part_idx]]]].tolist())
    drop = np.zeros(len(parts), dtype=bool)
    spent = np.zeros(len(geoms))
    for i in sorted((i for i in candidate.tolist() if i not in touching), key=lambda i: area[i]):
        if spent[owner[i]] + area[i] <= budget[owner[i]]:
            spent[owner[i]] += area[i]
            drop[i] = True
    out = np.array(geoms, dtype=object)
    changed = np.unique(owner[drop])
    keep = ~drop
    for i in changed.tolist():
        kept = parts[(owner == i) & keep]
        out[i] = kept[0] if len(kept) == 1 else shapely.MultiPolygon(list(kept))
    return out, int(drop.sum())


def _simplify(geoms: Any, spec: LevelSpec, notes: list[str]) -> Any:
    """Coverage-simplify, make valid; every result valid and non-empty."""
    import numpy as np
    import shapely

    try:
        simplified = shapely.coverage_simplify(geoms, spec.tolerance)
    except Exception as exc:  # pragma: no cover - depends on the GEOS build and the data
        notes.append(f"{spec.name}: coverage_simplify failed ({exc}); per-feature simplify used")
        simplified = shapely.simplify(geoms, spec.tolerance, preserve_topology=True)
    result = _repair(simplified)
    bad = shapely.is_empty(result) | ~shapely.is_valid(result)
    if bad.any():  # pragma: no cover - fall back per feature
        notes.append(f"{spec.name}: {int(bad.sum())} features simplified one by one")
        result[bad] = _repair(shapely.simplify(geoms[bad], spec.tolerance, preserve_topology=True))
    assert bool(np.all(shapely.is_valid(result))), f"{spec.name}: invalid geometry"
    assert not bool(np.any(shapely.is_empty(result))), f"{spec.name}: empty geometry"
    return result


def _round(geoms: Any, decimals: int) -> tuple[Any, list[int | None]]:
    """Put every coordinate on the ``decimals`` grid, keeping the coverage and validity.

    The whole coverage is snap-rounded at once (``set_precision`` of one GeometryCollection):
    GEOS nodes all features together, so shared edges stay shared and every result is valid;
    parts that collapse below the grid disappear.  Should that fail for a feature (or for the
    call), fall back per feature: plain rounding, then snap-rounding the feature alone, then one
    or two more decimals.  Returns the geometries and the decimals used per feature (``None``:
    full precision).
    """
    import numpy as np
    import shapely

    geoms = np.asarray(geoms, dtype=object)
    out = geoms.copy()
    used: list[int | None] = [None] * len(out)
    nparts = shapely.get_num_geometries(geoms)

    def accept(idx: Any, candidates: Any, nd: int, same_parts: bool) -> Any:
        candidates = shapely.transform(candidates, lambda c: np.round(c, nd))  # exact grid values
        ok = shapely.is_valid(candidates) & ~shapely.is_empty(candidates)
        if same_parts:
            ok &= shapely.get_num_geometries(candidates) == nparts[idx]
        out[idx[ok]] = candidates[ok]
        for i in idx[ok].tolist():
            used[i] = nd
        return idx[~ok]

    todo = np.arange(len(out))
    try:
        whole = shapely.set_precision(shapely.GeometryCollection(list(geoms)), 10.0**-decimals)
        parts = list(whole.geoms)
    except Exception:  # pragma: no cover - fall back per feature below
        parts = []
    if len(parts) == len(geoms):
        todo = accept(todo, _repair(parts), decimals, same_parts=False)
    for nd in (decimals, decimals + 1, decimals + 2):
        if not len(todo):
            break
        todo = accept(todo, geoms[todo], nd, same_parts=True)
        if len(todo):
            todo = accept(todo, _repair(shapely.set_precision(geoms[todo], 10.0**-nd)), nd, False)
    out = shapely.orient_polygons(out, exterior_cw=False)  # RFC 7946 winding
    assert bool(np.all(shapely.is_valid(out))) and not bool(np.any(shapely.is_empty(out)))
    return out, used


def _coords(ring: Any, decimals: int | None) -> list[list[float]]:
    if decimals is None:
        return [[x, y] for x, y in ring.coords]
    return [[round(x, decimals), round(y, decimals)] for x, y in ring.coords]


def _geometry_json(geom: Any, decimals: int | None) -> dict[str, Any]:
    def poly(p: Any) -> list[list[list[float]]]:
        return [_coords(p.exterior, decimals), *(_coords(r, decimals) for r in p.interiors)]

    if geom.geom_type == "Polygon":
        return {"type": "Polygon", "coordinates": poly(geom)}
    return {"type": "MultiPolygon", "coordinates": [poly(p) for p in geom.geoms]}


def _label_point(geom: Any, lng: float | None, lat: float | None) -> tuple[float, float]:
    """(lng, lat) inside ``geom``: the given point if inside, else representative_point()."""
    import shapely

    if lng is not None and lat is not None:
        for nd in (5, 6):
            p = (round(lng, nd), round(lat, nd))
            if geom.contains(shapely.Point(p)):
                return p
    rp = geom.representative_point()
    for nd in (5, 6, 7):
        p = (round(rp.x, nd), round(rp.y, nd))
        if geom.contains(shapely.Point(p)):
            return p
    return rp.x, rp.y


def _features(
    codes: list[str],
    geoms: Any,
    decimals: list[int | None],
    regions: dict[str, tuple],
    points: dict[str, tuple[float, float]],
) -> tuple[list[dict[str, Any]], int]:
    feats = []
    moved = 0
    for code, geom, nd in zip(codes, geoms, decimals, strict=True):
        name, _, parent = regions[code]
        src = points.get(code)
        lng, lat = _label_point(geom, *(src or (None, None)))
        if src is not None and abs(src[0] - lng) + abs(src[1] - lat) > 1e-4:
            moved += 1
        feats.append(
            {
                "type": "Feature",
                "properties": {
                    "code": code,
                    "name": name,
                    "parent": parent,
                    "lat": lat,
                    "lng": lng,
                },
                "geometry": _geometry_json(geom, nd),
            }
        )
    return feats, moved


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _read_level(
    source_dir: Path, spec: LevelSpec, regions: dict[str, tuple], notes: list[str]
) -> tuple[list[str], Any, dict[str, tuple[float, float]]]:
    import geopandas as gpd

    assert spec.source is not None
    frame = gpd.read_file(source_dir / spec.source, engine="pyogrio")
    frame["kode"] = frame["kode"].astype(str).str.strip()
    frame = frame.sort_values("kode", kind="stable").reset_index(drop=True)
    if frame["kode"].duplicated().any():
        dups = sorted(set(frame.loc[frame["kode"].duplicated(), "kode"]))
        notes.append(f"{spec.source}: duplicate codes {dups}; first kept")
        frame = frame.drop_duplicates("kode").reset_index(drop=True)
    known = frame["kode"].map(lambda c: c in regions and regions[c][1] == spec.admin_level)
    if not known.all():
        notes.append(
            f"{spec.source}: codes not in wilayah.csv skipped: {list(frame['kode'][~known])}"
        )
        frame = frame[known].reset_index(drop=True)
    expected = {c for c, v in regions.items() if v[1] == spec.admin_level}
    missing = sorted(expected - set(frame["kode"]))
    if missing:
        notes.append(f"{spec.source}: {len(missing)} regions without a boundary: {missing}")
    renamed = [
        (c, n, regions[c][0])
        for c, n in zip(frame["kode"], frame["nama"], strict=True)
        if n != regions[c][0]
    ]
    if renamed:
        notes.append(
            f"{spec.source}: {len(renamed)} names differ from wilayah.csv (wilayah.csv kept), "
            f"e.g. {renamed[:3]}"
        )
    points = {
        c: (float(x), float(y))
        for c, x, y in zip(frame["kode"], frame["lng"], frame["lat"], strict=True)
        if x == x and y == y  # not NaN
    }
    return list(frame["kode"]), frame.geometry.to_numpy(), points


def _finish(
    codes: list[str],
    cleaned: Any,
    spec: LevelSpec,
    regions: dict[str, tuple],
    points: dict[str, tuple[float, float]],
    notes: list[str],
) -> bytes:
    """Clean coverage -> islets dropped, simplified, rounded -> FeatureCollection JSON bytes."""
    import numpy as np
    import shapely

    geoms, dropped = _drop_islets(codes, cleaned, spec.islet_fraction, spec.max_islet_loss)
    geoms = _simplify(geoms, spec, notes)
    geoms, used = _round(geoms, spec.decimals)
    finer = sum(nd != spec.decimals for nd in used)
    edges = shapely.coverage_invalid_edges(geoms)
    mismatched = int((~shapely.is_empty(edges)).sum())
    feats, moved = _features(codes, geoms, used, regions, points)
    vertices = int(shapely.get_num_coordinates(geoms).sum())
    notes.append(
        f"{spec.name}: {len(codes)} features, {vertices} vertices, {dropped} islets dropped, "
        f"{finer} features written with more than {spec.decimals} decimals, "
        f"{mismatched} features whose edges do not exactly match a neighbour after rounding"
        + (f" (longest {float(np.max(shapely.length(edges))):.5f} deg)" if mismatched else "")
    )
    if moved:
        notes.append(
            f"{spec.name}: {moved} source label points lie outside the polygon; "
            "representative_point() used instead"
        )
    return _dumps({"type": "FeatureCollection", "features": feats})


def build_boundaries(
    source_dir: Path,
    regions: dict[str, tuple],
    levels: Iterable[str],
    notes: list[str],
    log: Callable[[str], None],
) -> dict[str, bytes]:
    """Return ``{level: FeatureCollection JSON bytes}`` for the requested levels."""
    import numpy as np
    import shapely

    wanted = [lvl for lvl in LEVELS if lvl in set(levels)]
    out: dict[str, bytes] = {}
    clean_kabkota: tuple[list[str], Any] | None = None
    for level in ("kabkota", "kecamatan"):
        if level not in wanted and not (level == "kabkota" and "province" in wanted):
            continue
        spec = SPECS[level]
        t0 = time.perf_counter()
        codes, raw, points = _read_level(source_dir, spec, regions, notes)
        invalid = int((~shapely.is_valid(raw)).sum())
        notes.append(f"{spec.source}: {len(codes)} features, {invalid} invalid as given (repaired)")
        cleaned = _clean(_repair(raw), spec.gap_width)
        log(f"{level}: read, repaired and cleaned in {time.perf_counter() - t0:.1f} s")
        if level == "kabkota":
            clean_kabkota = (codes, cleaned)
        if level in wanted:
            t0 = time.perf_counter()
            out[level] = _finish(codes, cleaned, spec, regions, points, notes)
            log(f"{level}: simplified and written in {time.perf_counter() - t0:.1f} s")

    if "province" in wanted:
        assert clean_kabkota is not None
        t0 = time.perf_counter()
        kab_codes, kab_geoms = clean_kabkota
        groups: dict[str, list[int]] = {}
        for i, code in enumerate(kab_codes):
            groups.setdefault(code.split(".", 1)[0], []).append(i)
        prov_codes = sorted(groups)
        missing = sorted(c for c, v in regions.items() if v[1] == 1 and c not in groups)
        if missing:
            notes.append(f"provinces without any kab/kota boundary: {missing}")
        dissolved = _repair(shapely.coverage_union_all(kab_geoms[groups[p]]) for p in prov_codes)
        out["province"] = _finish(
            prov_codes, np.asarray(dissolved, dtype=object), SPECS["province"], regions, {}, notes
        )
        log(f"province: dissolved, simplified and written in {time.perf_counter() - t0:.1f} s")
    return out


# --------------------------------------------------------------------------------------------
# entry point


def _attribution(notes: list[str]) -> bytes:
    fixes = [
        m.groups()
        for n in notes
        if (m := re.match(r"(?:luas|penduduk)\.csv: code (\S+) read as (\S+)", n))
    ]
    luas_note = ""
    if fixes:
        pairs = ", ".join(f"`{old}` as `{new}`" for old, new in fixes)
        luas_note = textwrap.fill(
            f"Codes that had lost trailing zeros in the source were read back after checking that "
            f"the names agree: {pairs}.",
            width=96,
            initial_indent="  ",
            subsequent_indent="  ",
        )
        luas_note = "\n" + luas_note
    rows = "\n".join(
        f"| {s.name} | {s.gap_width:g} | {s.tolerance:g} | {s.decimals} | 1/{round(1 / s.islet_fraction)} | {s.max_islet_loss:.0%} |"
        for s in SPECS.values()
    )
    return ATTRIBUTION.format(luas_note=luas_note, spec_rows=rows).encode("utf-8")


def build(
    source_dir: Path,
    out_dir: Path,
    *,
    levels: Iterable[str] = LEVELS,
    log: Callable[[str], None] | None = None,
    notes: list[str] | None = None,
) -> dict[str, int]:
    """Write ``regions.csv.gz``, ``boundaries/<level>.geojson.gz`` and ``ATTRIBUTION.md``.

    Returns the written files' sizes in bytes, keyed by path relative to ``out_dir``.
    ``levels`` limits the boundary files built (the tests rebuild only part of them);
    ``notes`` collects remarks about the source data (odd codes, repaired polygons...).
    Rebuilding from the same source gives byte-identical files.

    >>> build(Path("../shared/geodata"), Path("data"))  # doctest: +SKIP
    {'regions.csv.gz': 1017000, 'boundaries/province.geojson.gz': 150000, ...}
    """
    source_dir, out_dir = Path(source_dir), Path(out_dir)
    missing = [f for f in SOURCE_FILES if not (source_dir / f).is_file()]
    if missing:
        raise FileNotFoundError(f"{source_dir}: missing {', '.join(missing)}")
    unknown = set(levels) - set(LEVELS)
    if unknown:
        raise ValueError(f"unknown levels {sorted(unknown)}; choose from {LEVELS}")
    log = log or (lambda msg: None)
    notes = notes if notes is not None else []

    sizes: dict[str, int] = {}
    csv_bytes, regions = build_regions(source_dir, notes)
    sizes["regions.csv.gz"] = _write(out_dir / "regions.csv.gz", _gzip_bytes(csv_bytes))
    log(f"regions: {len(regions)} rows")
    for level, payload in build_boundaries(source_dir, regions, levels, notes, log).items():
        name = f"boundaries/{level}.geojson.gz"
        sizes[name] = _write(out_dir / name, _gzip_bytes(payload))
    sizes["ATTRIBUTION.md"] = _write(out_dir / "ATTRIBUTION.md", _attribution(notes))
    return sizes


def _count_vertices(coords: Any) -> int:
    if coords and isinstance(coords[0], (int, float)):
        return 1
    return sum(_count_vertices(c) for c in coords)


def payload_stats(out_dir: Path) -> dict[str, dict[str, Any]]:
    """Per boundary file: features, compressed/uncompressed bytes, largest per-parent payload.

    The per-parent payload is the compact JSON of the FeatureCollection the map ships for one
    parent (all provinces for ``province``).
    """
    stats: dict[str, dict[str, Any]] = {}
    for level in LEVELS:
        path = Path(out_dir) / "boundaries" / f"{level}.geojson.gz"
        if not path.exists():
            continue
        raw = gzip.decompress(path.read_bytes())
        feats = json.loads(raw)["features"]
        by_parent: dict[str, int] = {}
        for f in feats:
            key = f["properties"]["parent"] if level != "province" else ""
            by_parent[key] = by_parent.get(key, 0) + len(_dumps(f)) + 1
        parent, size = max(by_parent.items(), key=lambda kv: kv[1])
        stats[level] = {
            "features": len(feats),
            "gzip_bytes": path.stat().st_size,
            "json_bytes": len(raw),
            "largest_parent": parent,
            "largest_parent_bytes": size + len('{"type":"FeatureCollection","features":[]}') - 1,
            "vertices": sum(_count_vertices(f["geometry"]["coordinates"]) for f in feats),
        }
    return stats
