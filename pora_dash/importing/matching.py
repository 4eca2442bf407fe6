"""Tolerant matching of what agencies write to codes: regions and nationalities.

Regions: an exact Kemendagri code is taken as it is; names are matched level by level
(province, kab/kota, kecamatan, desa) inside the level above, ignoring case, punctuation,
type words ("Kab.", "Kabupaten", "Kota Adm.", "Kota Administrasi", "Kec.", "Desa"), spaces and
old spellings (Djakarta, Tjilatjap). A name that fits several places is a problem, never a
guess; a spelling variant found by similarity is a match the user must confirm.

>>> m = match_region(kabkota="Kab. Brebes", kecamatan="SIRAMPOG")
>>> m.code, m.method
('33.29.05', 'name')
>>> match_region(kabkota="Kota Adm. Jakarta Pusat").code
'31.71'
>>> match_region(kabkota="Tegal").problem.key
'import.region.ambiguous'
>>> match_nationality("Afganistan"), match_nationality("so"), match_nationality("Palestine")
('AFG', 'SOM', 'PSE')
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from pora_dash.geo import reference
from pora_dash.i18n import _country_translation, country_name
from pora_dash.importing.problems import Problem

FUZZY_CUTOFF = 0.84
_NON_WORD = re.compile(r"[^0-9a-z]+")
_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
# Type words in front of names, by level: (words, kab/kota type they imply)
_LEVEL2_TYPES = (
    ("kabupaten administrasi", "kab"),
    ("kab adm", "kab"),
    ("kabupaten", "kab"),
    ("kab", "kab"),
    ("kota administrasi", "kota"),
    ("kota adm", "kota"),
    ("kota", "kota"),
)
_OTHER_TYPES = {
    1: ("provinsi", "prov", "propinsi"),
    3: ("kecamatan", "kec", "distrik"),
    4: ("desa", "kelurahan", "kel", "kampung", "nagari", "gampong"),
}
# Old (pre-1972) spellings still found in lists: Djakarta, Tjilatjap, Soerabaja.
_OLD_SPELLINGS = (("dj", "j"), ("tj", "c"), ("oe", "u"), ("sj", "sy"), ("nj", "ny"), ("ch", "kh"))


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", text.casefold().replace("'", "").replace("’", "")).strip()


def _fold(words: str) -> str:
    """The comparison key: no spaces, old spellings modernised."""
    key = words.replace(" ", "")
    for old, new in _OLD_SPELLINGS:
        key = key.replace(old, new)
    return key


def split_type(name: str, level: int) -> tuple[str | None, str]:
    """(type, key) of a written name: type is 'kab' / 'kota' for level 2, else None.

    >>> split_type("Kota Adm. Jakarta Timur", 2), split_type("Kec. Sirampog", 3)
    (('kota', 'jakartatimur'), (None, 'sirampog'))
    """
    words = _plain(name)
    if level == 2:
        for prefix, kind in _LEVEL2_TYPES:
            if words.startswith(prefix + " "):
                return kind, _fold(words[len(prefix) + 1 :])
        return None, _fold(words)
    for prefix in _OTHER_TYPES.get(level, ()):
        if words.startswith(prefix + " "):
            return None, _fold(words[len(prefix) + 1 :])
    return None, _fold(words)


@dataclass(frozen=True)
class _Place:
    code: str
    kind: str | None
    key: str


@lru_cache(maxsize=1)
def _places() -> dict[tuple[int, str | None], list[_Place]]:
    """(level, parent code) -> places; (level, "*") -> every place of the level."""
    frame = reference.regions()
    out: dict[tuple[int, str | None], list[_Place]] = {}
    for code, name, level, parent in zip(
        frame["code"], frame["name"], frame["level"], frame["parent_code"], strict=True
    ):
        level = int(level)
        kind, key = split_type(str(name), level)
        place = _Place(str(code), kind, key)
        out.setdefault((level, None if level == 1 else str(parent)), []).append(place)
        out.setdefault((level, "*"), []).append(place)
    return out


def _pool(level: int, parent: str | None) -> list[_Place]:
    places = _places()
    if parent is None:
        return places.get((level, "*"), [])
    if parent.count(".") + 1 == level - 1:
        return places.get((level, parent), [])
    return [p for p in places.get((level, "*"), []) if p.code.startswith(parent + ".")]


@dataclass(frozen=True)
class RegionMatch:
    """The place a row's region columns were matched to, or the problem that stopped it.

    `method`: 'code' (an exact Kemendagri code), 'name' (the same name, up to case, type words
    and spelling), 'similar' (a spelling variant found by similarity: to be confirmed)."""

    written: str
    code: str | None = None
    method: str | None = None
    problem: Problem | None = None

    @property
    def label(self) -> str:
        return reference.region_label(self.code) if self.code else ""

    @property
    def needs_confirmation(self) -> bool:
        return self.method == "similar"


def _pick(
    text: str, level: int, parent: str | None, column: str
) -> tuple[str | None, str, Problem | None]:
    """Match one name at one level inside `parent` (None: anywhere in the country)."""
    written = text.strip()
    if _CODE.match(written):
        inside = parent is None or written.startswith(parent + ".")
        if reference.region_level(written) != level or not inside:
            return None, "", Problem(None, column, "import.region.unknown_code", {"value": text})
        return written, "code", None
    kind, key = split_type(text, level)
    pool = _pool(level, parent)
    if kind:
        pool = [p for p in pool if p.kind == kind]
    same = [p for p in pool if p.key == key]
    if len(same) == 1:
        return same[0].code, "name", None
    if len(same) > 1:
        return None, "", _ambiguous(text, column, [p.code for p in same])
    keys: dict[str, list[_Place]] = {}
    for p in pool:
        keys.setdefault(p.key, []).append(p)
    close = difflib.get_close_matches(key, list(keys), n=3, cutoff=FUZZY_CUTOFF)
    if close:
        ratios = [difflib.SequenceMatcher(None, key, c).ratio() for c in close]
        clear = len(close) == 1 or ratios[0] - ratios[1] >= 0.08
        if clear and len(keys[close[0]]) == 1:
            return keys[close[0]][0].code, "similar", None
        codes = [p.code for c in close for p in keys[c]]
        return None, "", _ambiguous(text, column, codes)
    where = reference.region_label(parent) if parent else "Indonesia"
    return None, "", Problem(None, column, "import.region.unknown", {"value": text, "where": where})


def _ambiguous(text: str, column: str, codes: list[str]) -> Problem:
    options = "; ".join(reference.region_label(c) for c in codes[:4])
    return Problem(None, column, "import.region.ambiguous", {"value": text, "options": options})


REGION_COLUMNS = ("Kode wilayah", "Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan")


@lru_cache(maxsize=20_000)
def match_region(
    *,
    code: str | None = None,
    province: str | None = None,
    kabkota: str | None = None,
    kecamatan: str | None = None,
    desa: str | None = None,
    columns: tuple[str, ...] = REGION_COLUMNS,
) -> RegionMatch:
    """The most precise region the written columns name (see the module docstring)."""
    written = " / ".join(v for v in (code, desa, kecamatan, kabkota, province) if v)
    if code:
        code = code.strip()
        if reference.is_valid_code(code):
            return RegionMatch(written, code, "code")
        return RegionMatch(
            written,
            problem=Problem(None, columns[0], "import.region.unknown_code", {"value": code}),
        )
    parent: str | None = None
    methods: set[str] = set()
    for level, text, column in (
        (1, province, columns[1]),
        (2, kabkota, columns[2]),
        (3, kecamatan, columns[3]),
        (4, desa, columns[4]),
    ):
        if not text:
            continue
        found, how, problem = _pick(text, level, parent, column)
        if problem is not None:
            return RegionMatch(written, problem=problem)
        parent, methods = found, methods | {how}
    if parent is None:
        return RegionMatch(written, problem=Problem(None, columns[2], "import.region.missing", {}))
    method = "similar" if "similar" in methods else "code" if methods == {"code"} else "name"
    return RegionMatch(written, parent, method)


# ---------------------------------------------------------------------------- nationalities

_NATIONALITY_ALIASES = {
    "palestine": "PSE",
    "palestina": "PSE",
    "state of palestine": "PSE",
    "burma": "MMR",
    "dr congo": "COD",
    "drc": "COD",
    "congo dr": "COD",
    "kongo rd": "COD",
    "tiongkok": "CHN",
    "cina": "CHN",
    "rrt": "CHN",
    "afganistan": "AFG",
    "suriah": "SYR",
    "iran": "IRN",
    "amerika serikat": "USA",
    "inggris": "GBR",
    "korea selatan": "KOR",
    "korea utara": "PRK",
    "vietnam": "VNM",
    "laos": "LAO",
    "russia": "RUS",
    "rusia": "RUS",
}


@lru_cache(maxsize=1)
def _nationality_index() -> dict[str, str]:

    seen: dict[str, set[str]] = {}

    def add(name: str | None, alpha3: str) -> None:
        if name:
            seen.setdefault(_plain(name), set()).add(alpha3)

    indonesian = _country_translation("id")
    for country in pycountry.countries:
        a3 = country.alpha_3
        for name in (
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
            indonesian.gettext(country.name),
            country_name(a3, "id"),
            country_name(a3, "en"),
        ):
            add(name, a3)
    index = {name: next(iter(codes)) for name, codes in seen.items() if len(codes) == 1}
    index.update(_NATIONALITY_ALIASES)
    return index


def match_nationality(text: str) -> str | None:
    """ISO alpha-3 for an Indonesian or English country name, or an alpha-2/alpha-3 code."""
    raw = text.strip()
    if re.fullmatch(r"[A-Za-z]{2,3}", raw):
        code = raw.upper()
        country = (
            pycountry.countries.get(alpha_3=code)
            if len(code) == 3
            else pycountry.countries.get(alpha_2=code)
        )
        if country is not None:
            return str(country.alpha_3)
    return _nationality_index().get(_plain(raw))
