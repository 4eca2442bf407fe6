"""No UI text is written into a page: every label, title, caption and message comes from the
catalogs through tr(), so both languages are complete. This reads the page scripts' syntax
trees and fails on a string literal with letters passed to a Streamlit element."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = [*sorted((ROOT / "views").glob("*.py")), ROOT / "app.py"]
# Streamlit calls whose first argument (or label/help/placeholder keyword) is shown to users
SHOWN = {
    "title", "header", "subheader", "caption", "markdown", "write", "text", "info", "warning",
    "error", "success", "toast", "button", "download_button", "form_submit_button", "metric",
    "selectbox", "multiselect", "radio", "segmented_control", "pills", "text_input",
    "text_area", "number_input", "date_input", "checkbox", "toggle", "expander", "tabs",
    "page_link", "file_uploader", "slider",
}  # fmt: skip
KEYWORDS = {"label", "help", "placeholder", "caption"}
ALLOWED = {"CSV", "Excel", "#"}  # format names and the rank column are the same in both


def _literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value.strip()
        if any(c.isalpha() for c in text) and text not in ALLOWED:
            return text
    if isinstance(node, ast.List | ast.Tuple):
        for item in node.elts:
            found = _literal_text(item)
            if found:
                return found
    return None


def hardcoded(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in SHOWN:
            continue
        candidates = node.args[:1] + [k.value for k in node.keywords if k.arg in KEYWORDS]
        for arg in candidates:
            text = _literal_text(arg)
            if text:
                found.append(f"{path.name}:{node.lineno}: {text!r}")
    return found


def test_pages_take_every_text_from_the_catalogs() -> None:
    problems = [p for path in PAGES for p in hardcoded(path)]
    assert not problems, "\n".join(problems)


def test_the_check_catches_a_literal(tmp_path: Path) -> None:
    page = tmp_path / "page.py"
    page.write_text('import streamlit as st\nst.button("Simpan")\nst.caption(tr("x"))\n')
    assert hardcoded(page) == ["page.py:2: 'Simpan'"]


SOURCES = [*PAGES, *sorted((ROOT / "pora_dash").glob("*.py"))]


def english_placeholders(path: Path) -> list[str]:
    """Choices that can stand empty without a placeholder of ours: Streamlit would show its
    own English 'Choose options' / 'Choose an option' in an Indonesian page."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        keywords = {k.arg: k.value for k in node.keywords}
        can_be_empty = node.func.attr == "multiselect" or (
            node.func.attr == "selectbox"
            and isinstance(keywords.get("index"), ast.Constant)
            and keywords["index"].value is None  # type: ignore[union-attr]
        )
        if can_be_empty and "placeholder" not in keywords:
            found.append(f"{path.name}:{node.lineno}: {node.func.attr}")
    return found


def test_empty_choices_show_our_placeholder_not_streamlits() -> None:
    problems = [p for path in SOURCES for p in english_placeholders(path)]
    assert not problems, "\n".join(problems)


def test_the_placeholder_check_catches_a_missing_one(tmp_path: Path) -> None:
    page = tmp_path / "page.py"
    page.write_text(
        "import streamlit as st\n"
        'st.multiselect(tr("a"), [1])\n'
        'st.selectbox(tr("b"), [1], index=None)\n'
        'st.selectbox(tr("c"), [1])\n'
        'st.multiselect(tr("d"), [1], placeholder=tr("e"))\n'
    )
    assert english_placeholders(page) == ["page.py:2: multiselect", "page.py:3: selectbox"]
