"""Templates for each kind of import: Indonesian column headers and one example row that
imports as it is into the demo data; the Excel template adds a sheet of instructions.

The example row's region lies inside the scope of whoever downloads it (`examples_for`), so
an operator of Pemalang gets a kecamatan of Pemalang, not the default one in Brebes.

>>> template_csv("sites").decode("utf-8-sig").splitlines()[0].split(";")[:3]
['Kode lokasi', 'Nama lokasi', 'Jenis']
"""

from __future__ import annotations

import csv
import io

from pora_dash.access.scope import Scope
from pora_dash.geo import reference
from pora_dash.i18n import t
from pora_dash.importing.kinds import COLUMNS, KINDS, MODELS
from pora_dash.render.palette import HEADER_FILL

REGION_CELLS = ("region_code", "province", "kabkota", "kecamatan")

FILE_STEMS = {name: kind.template for name, kind in KINDS.items()}


def _required(kind: str) -> set[str]:
    return set(MODELS[kind].required_fields)


def examples_for(scope: Scope | None) -> dict[str, str]:
    """Example region cells inside `scope` (empty: the default example, Sirampog in Brebes,
    is in it). The first kecamatan of the scope's first region, with its code and names.

    >>> examples_for(Scope.of(["33.27"]))["kabkota"]
    'Kabupaten Pemalang'
    """
    default = "33.29.05"  # Sirampog, Kab. Brebes: the columns' own examples
    if scope is None or scope.allows(default) or not scope.codes:
        return {}
    code = sorted(scope.codes)[0]
    while reference.region_level(code) in (1, 2) and reference.children(code):
        code = reference.children(code)[0]
    names = [reference.region_name(c) or "" for c in reference.ancestors(code)]
    cells = dict(zip(("province", "kabkota", "kecamatan"), names, strict=False))
    return {
        "region_code": code,
        "province": cells.get("province", ""),
        "kabkota": cells.get("kabkota", ""),
        "kecamatan": cells.get("kecamatan", ""),
    }


def _example(kind: str, column_field: str, default: str, examples: dict[str, str]) -> str:
    if column_field in REGION_CELLS and examples:
        return examples.get(column_field, "")
    return default


def template_csv(kind: str, examples: dict[str, str] | None = None) -> bytes:
    """UTF-8 with BOM and `;` between fields: what Excel in Indonesian settings opens as is."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in COLUMNS[kind]])
    writer.writerow([_example(kind, c.field, c.example, examples or {}) for c in COLUMNS[kind]])
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(kind: str, lang: str = "id", examples: dict[str, str] | None = None) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    bold = book.add_format({"bold": True, "bg_color": HEADER_FILL, "border": 1})
    text = book.add_format({"num_format": "@"})
    data = book.add_worksheet(t("import.template.sheet_data", lang))
    required = _required(kind)
    for col, column in enumerate(COLUMNS[kind]):
        data.write_string(0, col, column.header, bold)
        data.write_string(
            1, col, _example(kind, column.field, column.example, examples or {}), text
        )
        data.set_column(col, col, max(14, len(column.header) + 4), text)
    data.freeze_panes(1, 0)
    guide = book.add_worksheet(t("import.template.sheet_guide", lang))
    heads = [t(f"import.template.{h}", lang) for h in ("column", "required", "meaning")]
    for col, head in enumerate(heads):
        guide.write_string(0, col, head, bold)
    for row, column in enumerate(COLUMNS[kind], start=1):
        guide.write_string(row, 0, column.header)
        guide.write_string(
            row,
            1,
            t("import.template.yes" if column.field in required else "import.template.no", lang),
        )
        guide.write_string(row, 2, t(f"import.help.{column.field}", lang))
    guide.set_column(0, 0, 22)
    guide.set_column(2, 2, 100)
    book.close()
    return buffer.getvalue()
