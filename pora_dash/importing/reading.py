"""Bytes of an uploaded file -> a header and rows of cells, whatever the agency's tool wrote.

CSV in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or Windows-1252, with `;`,
`,` or tab between fields (sniffed from the header line); Excel .xlsx with a choice of sheet.
Anything unreadable raises `ImportInputError` with a message key, never another exception.

>>> table = read_table("kode;nama\\r\\nA1;Rumah Cisarua\\r\\n".encode(), "x.csv")
>>> table.header, table.rows
(['kode', 'nama'], [(2, ['A1', 'Rumah Cisarua'])])
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

from pora_dash.importing.problems import ImportInputError, Problem

Cell = str | dt.date | None
XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls
SEPARATORS = (";", ",", "\t")
MAX_ROWS = 500_000


@dataclass
class Table:
    """The file's header and its non-empty rows, each with its row number as a spreadsheet
    shows it (the header is row 1 when it is the first line)."""

    header: list[str]
    rows: list[tuple[int, list[Cell]]]
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    encoding: str | None = None
    separator: str | None = None


def _refuse(key: str, **values: object) -> ImportInputError:
    return ImportInputError([Problem(None, None, key, values)])


def check_size(size: int, limit_mb: int) -> None:
    if size > limit_mb * 1024 * 1024:
        raise _refuse("import.file.too_large", size=f"{size / 1024 / 1024:.1f}", limit=limit_mb)


def read_table(
    data: bytes, file_name: str = "", *, sheet: str | None = None, limit_mb: int = 20
) -> Table:
    """Read a CSV or .xlsx file into a `Table`; refuses files over `limit_mb` megabytes."""
    check_size(len(data), limit_mb)
    if not data.strip():
        raise _refuse("import.file.empty")
    if data.startswith(OLE_MAGIC) or file_name.lower().endswith(".xls"):
        raise _refuse("import.file.xls")
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data, sheet)
    return _read_csv(data)


# --------------------------------------------------------------------------------- CSV


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise _refuse("import.file.encoding") from None
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            raise _refuse("import.file.encoding") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise _refuse("import.file.encoding") from None


def sniff_separator(first_line: str) -> str:
    """The separator that splits the header line most (quoted text is not counted).

    >>> sniff_separator('nama;"kota, kabupaten";umur'), sniff_separator("a,b,c")
    (';', ',')
    """
    outside: list[str] = []
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted:
            outside.append(char)
    text = "".join(outside)
    counts = {sep: text.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda s: counts[s])
    return best if counts[best] else ","


def _read_csv(data: bytes) -> Table:
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _refuse("import.file.binary")
    text, encoding = decode(data)
    if "\x00" in text:
        raise _refuse("import.file.binary")
    lines = text.lstrip("\r\n").splitlines()
    separator = sniff_separator(lines[0] if lines else "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header: list[str] | None = None
    rows: list[tuple[int, list[Cell]]] = []
    try:
        for number, record in enumerate(reader, start=1):
            cells: list[Cell] = [c.strip() or None for c in record]
            if not any(cells):
                continue
            if header is None:
                header = [str(c or "") for c in cells]
                continue
            rows.append((number, cells))
            if len(rows) > MAX_ROWS:
                raise _refuse("import.file.too_many_rows", limit=MAX_ROWS)
    except csv.Error as exc:
        raise _refuse("import.file.csv", detail=str(exc)[:120]) from None
    if header is None:
        raise _refuse("import.file.empty")
    return Table(header, rows, encoding=encoding, separator=separator)


# -------------------------------------------------------------------------------- Excel


def _cell(value: object) -> Cell:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = str(value).strip()
    return text or None


def sheet_names(data: bytes) -> list[str]:
    """The sheets of an .xlsx file (empty for anything else)."""
    if not data.startswith(XLSX_MAGIC):
        return []
    return _open_xlsx(data).sheetnames


def _open_xlsx(data: bytes):  # type: ignore[no-untyped-def]
    import warnings

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise _refuse("import.file.xlsx", detail=type(exc).__name__) from None
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise _refuse("import.file.xlsx", detail=type(exc).__name__) from None


def _read_xlsx(data: bytes, sheet: str | None) -> Table:
    book = _open_xlsx(data)
    try:
        names = list(book.sheetnames)
        if not names:
            raise _refuse("import.file.empty")
        if sheet is not None and sheet not in names:
            raise _refuse("import.file.no_sheet", sheet=sheet, sheets=", ".join(names))
        chosen = sheet or names[0]
        header: list[str] | None = None
        rows: list[tuple[int, list[Cell]]] = []
        try:
            for number, values in enumerate(book[chosen].iter_rows(values_only=True), start=1):
                cells = [_cell(v) for v in values]
                if not any(c is not None for c in cells):
                    continue
                if header is None:
                    header = [str(c or "") for c in cells]
                    continue
                rows.append((number, cells))
                if len(rows) > MAX_ROWS:
                    raise _refuse("import.file.too_many_rows", limit=MAX_ROWS)
        except ImportInputError:
            raise
        except Exception as exc:  # a damaged sheet: say so, never a traceback
            raise _refuse("import.file.xlsx", detail=type(exc).__name__) from None
        if header is None:
            raise _refuse("import.file.empty_sheet", sheet=chosen)
        return Table(header, rows, sheet=chosen, sheets=names)
    finally:
        book.close()
