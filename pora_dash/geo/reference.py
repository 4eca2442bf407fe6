"""Reference regions (Kemendagri codes) and their boundaries, read from the shipped ``data/``.

Pure stdlib + pandas; the files are produced once by :mod:`pora_dash.geo.geodata` (dev/CI only) and
loaded here lazily, once per process. Everything returned from a cache is shared: treat it as
read-only (``feature_collection`` hands out copies of the feature dicts, so adding properties to
those is fine).

Codes look like ``33`` (province), ``33.29`` (kabupaten/kota), ``33.29.05`` (kecamatan) and
``33.29.05.2001`` (desa/kelurahan)::

    >>> region_name("33.29.05")
    'Sirampog'
    >>> ancestors("33.29.05")
    ['33', '33.29', '33.29.05']

Data: cahya dsn's *wilayah* and *wilayah_boundaries* (MIT); see ``data/ATTRIBUTION.md``.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

DATA_DIR = Path(os.environ.get("PORA_DATA_DIR") or Path(__file__).resolve().parents[2] / "data")
"""The directory holding ``regions.csv.gz`` and ``boundaries/``; env ``PORA_DATA_DIR`` overrides."""

BOUNDARY_LEVELS = ("province", "kabkota", "kecamatan")
"""Boundary files, by administrative level 1, 2 and 3."""

_CODE_RE = re.compile(r"^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$")
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Type words in front of kab/kota names: searchable without them, abbreviated in labels.
_PREFIXES = (
    ("Kabupaten Administrasi ", "Kab. Adm. "),
    ("Kota Administrasi ", "Kota Adm. "),
    ("Kabupaten ", "Kab. "),
    ("Kota ", "Kota "),
)


def _regions_path() -> Path:
    return DATA_DIR / "regions.csv.gz"


@lru_cache(maxsize=1)
def regions() -> pd.DataFrame:
    """All regions, ordered by level then code (cached; do not modify, ``.copy()`` first).

    Columns: ``code`` and ``name`` (string), ``level`` (int8, 1–4), ``parent_code`` (string,
    <NA> for provinces), ``population`` (Int64, provinces and kab/kota only) and ``area_km2``
    (Float64, provinces and kab/kota only).

    >>> df = regions()
    >>> row = df.loc[df["code"] == "33.29"].iloc[0]
    >>> row["name"], int(row["population"])
    ('Kabupaten Brebes', 2066426)
    """
    frame = pd.read_csv(
        _regions_path(),
        dtype={
            "code": "string",
            "name": "string",
            "level": "int8",
            "parent_code": "string",
            "population": "Int64",
            "area_km2": "Float64",
        },
        keep_default_na=False,  # names like "NA" must stay names
        na_values={"parent_code": [""], "population": [""], "area_km2": [""]},
    )
    return frame


class _Names(Mapping[str, str]):
    """Region names by code. Provinces, kab/kota and kecamatan in a dict; the 83,762
    desa/kelurahan, which no map draws and no search lists, as one text per kecamatan
    ("\n2001\tName\n2002\tName\n"), looked up when asked: about 15 MB less per process than
    a dict entry each."""

    def __init__(self, upper: dict[str, str], desa: dict[str, str]) -> None:
        self._upper = upper
        self._desa = desa

    def __getitem__(self, code: str) -> str:
        if not isinstance(code, str):
            raise KeyError(code)
        if code.count(".") != 3:
            return self._upper[code]
        kecamatan, _, suffix = code.rpartition(".")
        text = self._desa.get(kecamatan, "")
        at = text.find(f"\n{suffix}\t")
        if at < 0:
            raise KeyError(code)
        start = at + len(suffix) + 2
        return text[start : text.index("\n", start)]

    def desa_of(self, kecamatan: str) -> list[str]:
        """The desa/kelurahan codes of a kecamatan, in file order."""
        lines = self._desa.get(kecamatan, "").split("\n")[1:-1]
        return [kecamatan + "." + line.partition("\t")[0] for line in lines]

    def __iter__(self) -> Iterator[str]:
        yield from self._upper
        for kecamatan in self._desa:
            yield from self.desa_of(kecamatan)

    def __len__(self) -> int:
        return len(self._upper) + sum(text.count("\n") - 1 for text in self._desa.values())


@dataclass(frozen=True)
class _Index:
    name: _Names  # level and parent follow from the code's shape (33.29.05)
    children: dict[str | None, list[str]]  # of the nation, provinces and kab/kota
    population: dict[str, int]  # provinces and kab/kota
    # levels 1–3 for search: (code, level, normalized name, normalized name without type word)
    searchable: list[tuple[str, int, str, str]]


def _normalize(text: str) -> str:
    """Casefold, punctuation to spaces: ``"Grong-grong"`` -> ``"grong grong"``."""
    return _NON_WORD.sub(" ", text.casefold().replace("’", "").replace("'", "")).strip()


def _strip_type(name: str) -> str:
    for long, _ in _PREFIXES:
        if name.startswith(long):
            return name[len(long) :]
    return name


def _short(name: str) -> str:
    name = name.strip()
    for long, short in _PREFIXES:
        if name.startswith(long):
            return short + name[len(long) :]
    return name


@lru_cache(maxsize=1)
def _index() -> _Index:
    """Names, children and search keys, read straight from the CSV: the pages need these
    and populations, not a DataFrame of 91,599 regions (about 30 MB less per process)."""
    names: dict[str, str] = {}
    desa: dict[str, list[str]] = {}
    children: dict[str | None, list[str]] = {}
    population: dict[str, int] = {}
    searchable: list[tuple[str, int, str, str]] = []
    with gzip.open(_regions_path(), "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code, name = row["code"], row["name"]
            level = int(row["level"])
            if level == 4:
                kecamatan, _, suffix = code.rpartition(".")
                if "\t" in name or "\n" in name:
                    raise ValueError(f"region name with a tab or line break: {code}")
                desa.setdefault(kecamatan, []).append(f"{suffix}\t{name}")
                continue
            names[code] = name
            children.setdefault(row["parent_code"] or None, []).append(code)
            if row["population"]:
                population[code] = int(row["population"])
            searchable.append((code, level, _normalize(name), _normalize(_strip_type(name))))
    for kids in children.values():
        kids.sort()
    packed = {k: "\n" + "\n".join(sorted(rows)) + "\n" for k, rows in desa.items()}
    return _Index(
        name=_Names(names, packed),
        children=children,
        searchable=searchable,
        population=population,
    )


def level_of_code(code: str) -> int:
    """The level a code's shape implies; ``ValueError`` for anything that is not a code.

    >>> [level_of_code(c) for c in ("33", "33.29", "33.29.05", "33.29.05.2001")]
    [1, 2, 3, 4]
    """
    if not isinstance(code, str) or not _CODE_RE.match(code):
        raise ValueError(f"not a region code: {code!r}")
    return code.count(".") + 1


def is_valid_code(code: str) -> bool:
    """True when ``code`` is a known region (any level).

    >>> is_valid_code("33.29.05"), is_valid_code("33.99")
    (True, False)
    """
    return isinstance(code, str) and code in _index().name


def region_name(code: str) -> str | None:
    """The official name (exactly as in the source), or None for an unknown code.

    >>> region_name("31.71")
    'Kota Administrasi Jakarta Pusat'
    """
    return _index().name.get(code)


def region_level(code: str) -> int | None:
    """1 province, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan; None if unknown.

    >>> region_level("33.29")
    2
    """
    return code.count(".") + 1 if code in _index().name else None


def parent_of(code: str) -> str | None:
    """The parent's code; None for a province or an unknown code.

    >>> parent_of("33.29.05"), parent_of("33")
    ('33.29', None)
    """
    if code not in _index().name or "." not in code:
        return None
    return code.rsplit(".", 1)[0]


def ancestors(code: str) -> list[str]:
    """Codes from the province down to ``code`` itself; ``[]`` for an unknown code.

    >>> ancestors("33.29.05")
    ['33', '33.29', '33.29.05']
    """
    idx = _index()
    if code not in idx.name:
        return []
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def children(code: str | None = None) -> list[str]:
    """Codes of the direct children, sorted (a new list); ``None`` gives the provinces.

    >>> children(None)[:3]
    ['11', '12', '13']
    >>> "33.29.05" in children("33.29")
    True
    """
    idx = _index()
    if code is not None and code.count(".") == 2:
        return idx.name.desa_of(code)
    return list(idx.children.get(code, ()))


def region_label(code: str) -> str:
    """A readable name with its parent chain, for pickers and search results.

    >>> region_label("33.29.05")
    'Sirampog — Kab. Brebes, Jawa Tengah'
    >>> region_label("33.29")
    'Kabupaten Brebes — Jawa Tengah'
    """
    idx = _index()
    name = idx.name.get(code)
    if name is None:
        return code
    chain = ancestors(code)[:-1]
    if not chain:
        return name.strip()
    return f"{name.strip()} — " + ", ".join(_short(idx.name[c]) for c in reversed(chain))


def search_regions(text: str, limit: int = 20) -> list[tuple[str, str]]:
    """Provinces, kab/kota and kecamatan whose name or code matches ``text``.

    Case- and punctuation-insensitive; "Kabupaten"/"Kota" may be left out. Ranked: exact name
    (or exact code) first, then names starting with the text (or codes starting with it), then
    names with a word starting with it, then any substring; within a rank by level, then name.

    >>> search_regions("sirampog")
    [('33.29.05', 'Sirampog — Kab. Brebes, Jawa Tengah')]
    >>> search_regions("33.29", limit=2)[0][0]
    '33.29'
    """
    query = text.strip()
    if not query or limit <= 0:
        return []
    idx = _index()
    hits: list[tuple[int, int, str, str]] = []
    if re.fullmatch(r"[\d.]+", query):
        for code, level, _, _ in idx.searchable:
            if code.startswith(query):
                hits.append((0 if code == query else 1, level, code, code))
    else:
        needle = _normalize(query)
        if not needle:
            return []
        word = " " + needle
        for code, level, full, bare in idx.searchable:
            if needle in (full, bare):
                rank = 0
            elif full.startswith(needle) or bare.startswith(needle):
                rank = 1
            elif word in " " + full:
                rank = 2
            elif needle in full:
                rank = 3
            else:
                continue
            hits.append((rank, level, bare, code))
    hits.sort()
    return [(code, region_label(code)) for _, _, _, code in hits[:limit]]


# --------------------------------------------------------------------------------------------
# boundaries


def _check_level(level: str) -> None:
    if level not in BOUNDARY_LEVELS:
        raise ValueError(f"unknown boundary level {level!r}; choose from {BOUNDARY_LEVELS}")


@dataclass(frozen=True)
class _Store:
    """One boundary level kept compact: per code its properties, its geometry as JSON text
    (parsed only when a feature is asked for) and its bounding box. Parsed whole, the
    kecamatan file takes about 60 MB of Python objects; kept like this, about 13 MB."""

    properties: dict[str, dict[str, Any]]
    geometry: dict[str, str]
    box: dict[str, tuple[float, float, float, float]]
    by_parent: dict[str, list[str]]


@lru_cache(maxsize=len(BOUNDARY_LEVELS))
def _store(level: str) -> _Store:
    _check_level(level)
    with gzip.open(DATA_DIR / "boundaries" / f"{level}.geojson.gz", "rb") as fh:
        text = fh.read().decode("utf-8")
    decoder = json.JSONDecoder()
    store = _Store({}, {}, {}, {})
    i = text.index("[", text.index('"features"')) + 1
    while True:  # one feature at a time: the whole collection is never in memory as objects
        while text[i] in " \n\r\t,":
            i += 1
        if text[i] == "]":
            break
        feature, i = decoder.raw_decode(text, i)
        props = feature["properties"]
        code = props["code"]
        store.properties[code] = props
        store.geometry[code] = json.dumps(feature["geometry"], separators=(",", ":"))
        box = [90.0, 180.0, -90.0, -180.0]
        _walk(feature["geometry"]["coordinates"], box)
        store.box[code] = (box[0], box[1], box[2], box[3])
        store.by_parent.setdefault(props["parent"], []).append(code)
    return store


@lru_cache(maxsize=1024)
def _feature(level: str, code: str) -> dict[str, Any]:
    store = _store(level)
    return {
        "type": "Feature",
        "properties": store.properties[code],
        "geometry": json.loads(store.geometry[code]),
    }


class _Features(Mapping[str, dict[str, Any]]):
    """``code -> feature`` of one level, each parsed when first asked for (bounded cache)."""

    def __init__(self, level: str) -> None:
        self._level = level
        self._codes = _store(level).properties

    def __getitem__(self, code: str) -> dict[str, Any]:
        if code not in self._codes:
            raise KeyError(code)
        return _feature(self._level, code)

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)


@lru_cache(maxsize=len(BOUNDARY_LEVELS))
def boundaries(level: str) -> Mapping[str, dict[str, Any]]:
    """``code -> GeoJSON feature`` for ``province``, ``kabkota`` or ``kecamatan`` (cached,
    shared: do not modify). Properties: ``code, name, parent, lat, lng`` (a label point).
    Features are parsed when asked for; iterating over all values parses them all.

    >>> boundaries("kecamatan")["33.29.05"]["properties"]["name"]
    'Sirampog'
    """
    return _Features(level)


def label_point(level: str, code: str) -> tuple[float, float] | None:
    """(lat, lng) where an area's label or marker goes, without parsing its geometry."""
    props = _store(level).properties.get(code)
    return (props["lat"], props["lng"]) if props else None


def feature_collection(level: str, parent: str | None = None) -> dict[str, Any]:
    """The FeatureCollection of ``level`` features under ``parent`` (None: all of them).

    Cheap: features are grouped by parent once. Each call returns fresh feature dicts with
    fresh ``properties`` (add e.g. counts for a choropleth freely); geometries are shared.

    >>> fc = feature_collection("kecamatan", "33.29")
    >>> [f["properties"]["name"] for f in fc["features"]][:2]
    ['Salem', 'Bantarkawung']
    """
    _check_level(level)
    store = _store(level)
    codes = store.properties if parent is None else store.by_parent.get(parent, ())
    features = [_feature(level, code) for code in codes]
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": dict(f["properties"]), "geometry": f["geometry"]}
            for f in features
        ],
    }


def boundary_level(admin_level: int) -> str:
    """The boundary file for an administrative level: 1 ``province``, 2 ``kabkota``, 3 ``kecamatan``.

    >>> boundary_level(2)
    'kabkota'
    """
    if admin_level not in (1, 2, 3):
        raise ValueError(f"no boundaries for level {admin_level!r}")
    return BOUNDARY_LEVELS[admin_level - 1]


def population(code: str) -> int | None:
    """Inhabitants of a province or kabupaten/kota (None below that level or when unknown)."""
    return _index().population.get(code)


def _walk(coords: Any, out: list[float]) -> None:
    if coords and isinstance(coords[0], (int, float)):
        out[0], out[1] = min(out[0], coords[1]), min(out[1], coords[0])
        out[2], out[3] = max(out[2], coords[1]), max(out[3], coords[0])
        return
    for part in coords:
        _walk(part, out)


def _bboxes(level: str) -> dict[str, tuple[float, float, float, float]]:
    return _store(level).box


def bbox(level: str, codes: Iterable[str]) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) around the features `codes` of `level`."""
    boxes = [_bboxes(level)[c] for c in codes if c in _bboxes(level)]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def features_in_box(level: str, box: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    """Features of `level` whose bounding box meets `box` (for context outlines in view)."""
    south, west, north, east = box
    return [
        boundaries(level)[code]
        for code, (s, w, n, e) in _bboxes(level).items()
        if s <= north and n >= south and w <= east and e >= west
    ]
