"""The region index keeps desa/kelurahan names packed per kecamatan (reference._Names); every
name, level, parent and list of children reads back exactly as in data/regions.csv.gz."""

from __future__ import annotations

import csv
import gzip

from pora_dash.geo import reference


def test_every_region_reads_back_exactly_as_in_the_file() -> None:
    with gzip.open(reference._regions_path(), "rt", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    kids: dict[str | None, list[str]] = {}
    for row in rows:
        code = row["code"]
        assert reference.region_name(code) == row["name"], code
        assert reference.region_level(code) == int(row["level"])
        assert reference.parent_of(code) == (row["parent_code"] or None)
        kids.setdefault(row["parent_code"] or None, []).append(code)
    assert len(reference._index().name) == len(rows)
    for parent, codes in kids.items():
        assert reference.children(parent) == sorted(codes), parent


def test_unknown_desa_codes_are_unknown() -> None:
    for code in ("33.29.05.9999", "33.29.99.2001", "99.99.99.9999", "33.29.05.200"):
        assert reference.region_name(code) is None
        assert not reference.is_valid_code(code)
        assert reference.children(code) == []
