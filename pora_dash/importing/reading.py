"""Bytes of an uploaded file -> a header and rows of cells, whatever the agency's tool wrote.

CSV in UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text") or Windows-1252, with `;`,
`,` or tab between fields (sniffed from the header line); Excel .xlsx with a choice of sheet.
Anything unreadable raises `ImportInputError` with a message key, never another exception.

Hostile files are refused in bounded memory and time, before a parser holds them: an .xlsx is
a zip, so its members are checked first (count, sheets, unpacked size, the longest run of
text in its XML, all while streaming, never trusting the sizes it declares), then every
cell of either format is at most Excel's 32,767 characters.

>>> table = read_table("kode;nama\\r\\nA1;Rumah Cisarua\\r\\n".encode(), "x.csv")
>>> table.header, table.rows
(['kode', 'nama'], [(2, ['A1', 'Rumah Cisarua'])])
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
import zipfile
from dataclasses import dataclass, field

from pora_dash.config import settings
from pora_dash.i18n import fmt_int, t
from pora_dash.importing.problems import ImportInputError, Problem

Cell = str | dt.date | None
XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls
SEPARATORS = (";", ",", "\t")
MAX_ROWS = 500_000
MAX_CELL_CHARS = 32_767  # Excel's own limit for a cell
MAX_SHEETS = 50
MAX_ZIP_MEMBERS = 1_000
MAX_UNPACKED_MB = 200  # all XML of an .xlsx, unpacked
# The longest text between two XML tags: a cell of MAX_CELL_CHARS, each character written as
# an entity or 4 UTF-8 bytes at most. A 1 GiB string in a 1 MB file stops here.
MAX_XML_TEXT_BYTES = MAX_CELL_CHARS * 8


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


def _refuse_row(row: int, key: str, **values: object) -> ImportInputError:
    return ImportInputError([Problem(row, None, key, values)])


def _check_cells(row: int, cells: list[Cell]) -> None:
    for cell in cells:
        if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
            raise _refuse_row(row, "import.file.cell_too_long", limit=MAX_CELL_CHARS)


def upload_limits(lang: str, limit_mb: int | None = None) -> str:
    """What an upload may be, in the reader's language (beside the uploader, whose own texts
    are Streamlit's English)."""

    limit = limit_mb or settings().max_upload_mb
    return t("import.upload_limits", lang, limit=limit, rows=fmt_int(MAX_ROWS, lang))


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
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            cells: list[Cell] = [c.strip() or None for c in record]
            if not any(cells):
                continue
            _check_cells(number, cells)
            if header is None:
                header = [str(c or "") for c in cells]
                continue
            rows.append((number, cells))
            if len(rows) > MAX_ROWS:
                raise _refuse("import.file.too_many_rows", limit=MAX_ROWS)
    except csv.Error as exc:
        row = number + 1  # the record being read when the reader gave up
        if "field larger than field limit" in str(exc):
            raise _refuse_row(row, "import.file.cell_too_long", limit=MAX_CELL_CHARS) from None
        raise _refuse_row(row, "import.file.csv", detail=str(exc)[:120]) from None
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


def check_xlsx(data: bytes) -> None:
    """Refuse a zip that would unpack into more than the limits, before openpyxl opens it.

    Streams every XML member through the decompressor in 1 MB steps, counting what comes out
    (a zip can declare small sizes and unpack into gigabytes) and the longest run of text
    between two tags (one huge inline or shared string). Memory stays at a few megabytes."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise _refuse("import.file.xlsx", detail=type(exc).__name__) from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise _refuse("import.file.too_many_parts", limit=MAX_ZIP_MEMBERS)
    sheets = [m for m in members if m.filename.startswith("xl/worksheets/sheet")]
    if len(sheets) > MAX_SHEETS:
        raise _refuse("import.file.too_many_sheets", count=len(sheets), limit=MAX_SHEETS)
    budget = MAX_UNPACKED_MB * 1024 * 1024
    if sum(m.file_size for m in members) > budget:
        raise _refuse("import.file.unpacked_too_large", limit=MAX_UNPACKED_MB)
    for member in members:
        if member.is_dir():
            continue
        try:
            with archive.open(member) as stream:
                run = 0  # length of the text since the last '<' (carried across chunks)
                while chunk := stream.read(1024 * 1024):
                    budget -= len(chunk)
                    if budget < 0:
                        raise _refuse("import.file.unpacked_too_large", limit=MAX_UNPACKED_MB)
                    if not member.filename.endswith((".xml", ".rels")):
                        continue
                    parts = chunk.split(b"<")
                    if len(parts) == 1:
                        run += len(chunk)
                    else:
                        run = max(run + len(parts[0]), *(len(p) for p in parts[1:-1]), 0)
                        if run > MAX_XML_TEXT_BYTES:
                            break
                        run = len(parts[-1])
                    if run > MAX_XML_TEXT_BYTES:
                        break
                if run > MAX_XML_TEXT_BYTES:
                    raise _refuse("import.file.cell_too_long_xlsx", limit=MAX_CELL_CHARS)
        except ImportInputError:
            raise
        except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError) as exc:
            raise _refuse("import.file.xlsx", detail=type(exc).__name__) from None
        except Exception as exc:  # zlib.error and the like: a damaged member
            raise _refuse("import.file.xlsx", detail=type(exc).__name__) from None


def _open_xlsx(data: bytes):  # type: ignore[no-untyped-def]

    check_xlsx(data)

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
