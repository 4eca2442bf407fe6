"""The README against the code: a section for every page, a row for every URL parameter and
every setting, the roles table as the permission table says, and the architecture tree as
the folders are. A page, a parameter or a setting added without its documentation fails here.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest

from pora_dash import config
from pora_dash.access.permissions import can
from pora_dash.filters import FILTER_PARAMS, PAGE_PARAMS
from pora_dash.ui.navigation import PAGES

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
ROLES = {
    "administrator": "admin",
    "leadership": "leadership",
    "analyst": "analyst",
    "operator": "operator",
    "agency member": "agency",
    "viewer": "viewer",
}


def section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def table(text: str) -> list[list[str]]:
    """The first Markdown table in `text`, header first, without the separator row."""
    lines = [line for line in text.splitlines() if line.startswith("|")]
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
    return [row for row in rows if not set("".join(row)) <= set("-: ")]


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.url_path or "overview")
def test_every_page_has_its_section(spec) -> None:  # type: ignore[no-untyped-def]
    headings = [line for line in section("Pages").splitlines() if line.startswith("### ")]
    url = f"`/{spec.url_path}`"
    assert any(url in heading for heading in headings), f"no README section for {url}"


def url_params_in_code() -> set[str]:
    """The parameters page code reads from the URL by name (beside the shared filters):
    `query_params.get("x")`, `query_params["x"]`, `PARAM = "x"`, `url_multiselect(_, _, "x")`."""
    found: set[str] = set()
    sources = [*(ROOT / "app_pages").glob("*.py"), *(ROOT / "pora_dash" / "ui").glob("*.py")]
    for path in [*sources, ROOT / "app.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                owner = getattr(getattr(node.func, "value", None), "attr", "")
                arg = node.args[2] if name == "url_multiselect" and len(node.args) > 2 else None
                if name in {"get", "pop"} and owner == "query_params":
                    arg = node.args[0]
                if isinstance(arg, ast.Constant):
                    found.add(arg.value)
            elif (
                isinstance(node, ast.Subscript)
                and getattr(node.value, "attr", "") == "query_params"
            ):
                if isinstance(node.slice, ast.Constant):
                    found.add(node.slice.value)
            elif isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PARAM":
                if isinstance(node.value, ast.Constant):
                    found.add(node.value.value)
    return found


def test_every_url_parameter_read_by_a_page_is_listed_in_code() -> None:
    assert url_params_in_code() <= set(FILTER_PARAMS) | set(PAGE_PARAMS)


@pytest.mark.parametrize("param", [*FILTER_PARAMS, *PAGE_PARAMS])
def test_every_url_parameter_has_its_row(param: str) -> None:
    first_cells = [row[0] for row in table(section("Pages"))[1:]]
    assert any(f"`{param}`" in cell for cell in first_cells), f"no README row for {param}"


def test_every_setting_is_documented() -> None:
    """Each setting has its row in the README's configuration table, under the name the
    environment uses (PORA_ENV for `environment`)."""
    first_cells = [
        line.split("|")[1] for line in README.splitlines() if line.startswith("| `PORA_")
    ]
    names = {"environment": "PORA_ENV"}
    missing = [
        name
        for field in dataclasses.fields(config.Settings)
        if not any(
            f"`{(name := names.get(field.name, 'PORA_' + field.name.upper()))}`" in cell
            for cell in first_cells
        )
    ]
    assert not missing, f"not in README.md's configuration table: {missing}"


def _cell_says(column: str, cell: str, role: str) -> bool:
    """Whether a cell of the roles table agrees with the permission table for `role`."""
    if column == "aggregates in scope":
        return (cell == "yes") == can(role, "aggregates")
    if column == "counts on screen":
        return cell == ("exact" if can(role, "exact_counts") else "protected")
    if column == "person records":
        shown = "yes" if can(role, "records") else "no"
        return cell == ("pseudonymized" if can(role, "records_pseudonymized") else shown)
    if column == "meetings & actions":
        if can(role, "edit_actions"):
            return cell == "edit all"
        return cell == ("edit own agency's actions" if can(role, "edit_own_actions") else "view")
    if column == "users, audit":
        return (cell == "yes") == (can(role, "admin") and can(role, "audit"))
    permission = {"imports": "import", "data quality": "quality"}[column]
    return (cell == "yes") == can(role, permission)


def test_roles_table_says_what_the_permission_table_says() -> None:
    header, *rows = table(section("Roles and permissions"))
    assert [row[0] for row in rows] == list(ROLES)
    for row in rows:
        for column, cell in zip(header[1:], row[1:], strict=True):
            assert _cell_says(column, cell, ROLES[row[0]]), (row[0], column, cell)


def architecture_tree() -> str:
    return section("Architecture").split("```", 2)[1]


def test_architecture_names_every_package_and_top_module() -> None:
    tree = architecture_tree()
    package = ROOT / "pora_dash"
    packages = [p.name for p in package.iterdir() if (p / "__init__.py").exists()]
    modules = [p.name for p in package.glob("*.py") if p.name not in {"__init__.py", "__main__.py"}]
    for name in [f"{p}/" for p in packages] + modules:
        assert re.search(rf"(^|\s){re.escape(name)}(\s|$)", tree, re.M), f"{name} not in README"


def test_architecture_names_nothing_that_does_not_exist() -> None:
    """Every `name/` or `name.py` in the tree's pora_dash part is a real package or module."""
    tree = architecture_tree()
    inside = tree.split("pora_dash/", 1)[1].split("\ndata/", 1)[0]
    named = re.findall(r"^\s{2}(\w+(?:/|\.py))", inside, re.M)
    assert named, "the tree lists pora_dash's contents"
    for name in named:
        assert (ROOT / "pora_dash" / name.rstrip("/")).exists(), name


def test_every_package_says_what_belongs_in_it() -> None:
    for init in (ROOT / "pora_dash").glob("*/__init__.py"):
        text = init.read_text(encoding="utf-8").lstrip()
        assert text.startswith('"""') and len(text.split('"""')[1].strip()) > 20, init
