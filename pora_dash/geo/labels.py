"""Labels of places, one definition each: a name, a name with its parent, the short names a
map has room for. Every page, slide, file and map labels places through these.

>>> name("33.29.05")
'Sirampog'
>>> name("99.99")
'99.99'
>>> with_parent("33.29.05")
'Sirampog, Kabupaten Brebes'
>>> map_label("Kota Administrasi Jakarta Pusat")
'Jakarta Pusat'
"""

from __future__ import annotations

from pora_dash.geo import reference

_LABEL_PREFIXES = (
    ("Daerah Khusus Ibukota ", "DKI "),
    ("Daerah Istimewa ", "DI "),
    ("Kabupaten Administrasi ", ""),
    ("Kota Administrasi ", ""),
    ("Kabupaten ", "Kab. "),
)


# The short names provinces go by in Indonesian writing (Jabar, Kaltim ...): used on a map
# where the full name has no room.
PROVINCE_SHORT = {
    "11": "Aceh", "12": "Sumut", "13": "Sumbar", "14": "Riau", "15": "Jambi", "16": "Sumsel",
    "17": "Bengkulu", "18": "Lampung", "19": "Babel", "21": "Kepri", "31": "DKI", "32": "Jabar",
    "33": "Jateng", "34": "DIY", "35": "Jatim", "36": "Banten", "51": "Bali", "52": "NTB",
    "53": "NTT", "61": "Kalbar", "62": "Kalteng", "63": "Kalsel", "64": "Kaltim", "65": "Kaltara",
    "71": "Sulut", "72": "Sulteng", "73": "Sulsel", "74": "Sultra", "75": "Gorontalo",
    "76": "Sulbar", "81": "Maluku", "82": "Malut", "91": "Papua", "92": "Pabar", "93": "Pasel",
    "94": "Papteng", "95": "Papeg", "96": "PBD",
}  # fmt: skip


def map_label(name: str) -> str:
    """A name short enough for the map: 'Jakarta Utara', 'Kab. Tegal', 'Kota Tegal'."""
    name = name.strip()
    for long, short in _LABEL_PREFIXES:
        if name.startswith(long):
            return short + name[len(long) :]
    return name


def name(code: str | None) -> str:
    """The region's official name, or the code itself when it is unknown; "–" for none."""
    if not code:
        return "–"
    return (reference.region_name(code) or code).strip()


def short(code: str | None) -> str:
    """The region's name as the map writes it: 'DKI Jakarta', 'Kab. Brebes'.

    >>> short("33.29")
    'Kab. Brebes'
    """
    return map_label(name(code))


def with_parent(code: str) -> str:
    """'Sirampog, Kabupaten Brebes': a kecamatan with its kab/kota, a kab/kota with its
    province, a province alone."""
    parent = reference.ancestors(code)[-2:-1]
    return f"{name(code)}, {name(parent[0])}" if parent else name(code)


def short_with_parent(code: str) -> str:
    """`with_parent` in the names a crowded table has room for.

    >>> short_with_parent("31.71")
    'Jakarta Pusat, DKI Jakarta'
    >>> short_with_parent("33.29.05")
    'Sirampog, Kab. Brebes'
    """
    parent = reference.ancestors(code)[-2:-1]
    return f"{short(code)}, {short(parent[0])}" if parent else short(code)


def local(code: str | None) -> str:
    """Where something happened, as people say it: 'Sirampog, Kabupaten Brebes' (a desa is
    placed by its kecamatan and kab/kota), a kab/kota alone, a province by its name."""
    if not code:
        return "–"
    names = [name(c) for c in reference.ancestors(code)[1:3]]
    return ", ".join(reversed(names)) if names else name(code)


def coded(code: str | None) -> str:
    """'33.29 Kabupaten Brebes': a code with its name, for administrators' pickers."""
    return f"{code} {reference.region_name(code) or ''}" if code else "—"


with_chain = reference.region_label  # 'Sirampog — Kab. Brebes, Jawa Tengah' (pickers, search)
