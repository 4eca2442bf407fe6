"""The hostile-file set of issue 18, made on the fly (nothing large is committed)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

HEADER = b"Nama lengkap;Kewarganegaraan;Jenis kelamin;Tahun lahir\r\n"


def xlsx_bomb(string_mib: int = 1024) -> bytes:
    """A ~1 MB .xlsx whose only cell is an inline string of `string_mib` MiB of 'A'."""
    import xlsxwriter

    plain = io.BytesIO()
    book = xlsxwriter.Workbook(plain)
    book.add_worksheet().write_string(0, 0, "Nama lengkap")
    book.close()
    source = zipfile.ZipFile(io.BytesIO(plain.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                bomb.writestr(info, source.read(info))
                continue
            with bomb.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(
                    b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                    b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr">'
                    b"<is><t>"
                )
                block = b"A" * (1 << 20)
                for _ in range(string_mib):
                    sheet.write(block)
                sheet.write(b"</t></is></c></row></sheetData></worksheet>")
    return out.getvalue()


def files(folder: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, a phrase of its Indonesian refusal)."""
    made = {
        "bomb.xlsx": (xlsx_bomb(), "lebih dari 200 MB"),
        "besar.csv": (HEADER + b"x;AFG;L;1990\r\n" * (22 * 1024 * 1024 // 14), "batasnya 20 MB"),
        "satu-baris.csv": (HEADER + b"A" * (10 * 1024 * 1024) + b"\r\n", "32.767 karakter"),
        "biner.csv": (bytes(range(256)) * 400, "bukan CSV atau Excel"),
        "kosong.csv": (b"", "Berkas kosong"),
        "lama.xls": (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000,
            "Format Excel lama (.xls)",
        ),
    }
    out = {}
    for name, (data, phrase) in made.items():
        path = folder / name
        path.write_bytes(data)
        out[name] = (path, phrase)
    return out
