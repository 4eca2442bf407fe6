"""The layout's rules, read from the source with ast: no import circle in pora_dash/, reads by
reference, `reads/` modules that build only on the shared blocks, thin pages, streamlit only
in `ui/`, and imports inside functions only with their reason beside them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "pora_dash"
PAGES = sorted((ROOT / "app_pages").glob("*.py"))
# libraries imported where they are used, each with its reason on the import line
HEAVY = ("shapely", "numpy", "geopandas", "docx", "openpyxl", "xlsxwriter", "mapclassify")
HEAVY += ("alembic", "argon2", "matplotlib", "fpdf", "pypdf", "streamlit_folium", "folium")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}


def top_level_imports(path: Path, known: set[str]) -> set[str]:
    """The pora_dash modules `path` imports when it is imported (not inside functions or
    `if TYPE_CHECKING:`); importing a submodule imports its packages too."""
    out: set[str] = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pora_dash"):
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("pora_dash")]
        else:
            continue
        for name in names:
            parts = name.split(".")
            out.update(".".join(parts[:i]) for i in range(2, len(parts) + 1))
    return out & known


def import_graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: top_level_imports(path, set(mods)) - {name} for name, path in mods.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            # a package's __init__ importing its own submodules is how a facade works
            if nxt.startswith(node + "."):
                continue
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_circle_in_pora_dash() -> None:
    assert find_cycle(import_graph()) is None


def test_reads_build_only_on_the_shared_blocks() -> None:
    """`reads.sql` imports no other read; `reads.population` only `sql`; a domain module
    (overview, origins, ...) only those two, never a sibling domain."""
    graph = import_graph()
    blocks = {"pora_dash.reads.sql", "pora_dash.reads.population"}
    for name, deps in graph.items():
        if not name.startswith("pora_dash.reads."):
            continue
        siblings = {d for d in deps if d.startswith("pora_dash.reads.")}
        if name == "pora_dash.reads.sql":
            assert not siblings, name
        elif name == "pora_dash.reads.population":
            assert siblings <= {"pora_dash.reads.sql"}, name
        else:
            assert siblings <= blocks, f"{name} imports {siblings - blocks}"
        assert not any(d.startswith(("pora_dash.ui", "pora_dash.present")) for d in deps), name


def streamlit_importers() -> set[str]:
    out = set()
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import) and any(a.name == "streamlit" for a in node.names):
                out.add(name)
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("streamlit"):
                # reading the server's configuration is not drawing a page
                if not (node.module == "streamlit" and [a.name for a in node.names] == ["config"]):
                    out.add(name)
    return out


def test_only_ui_imports_streamlit() -> None:
    assert {m for m in streamlit_importers() if not m.startswith("pora_dash.ui")} == set()


def inner_imports(path: Path) -> list[tuple[int, str]]:
    """Imports inside functions, without a reason written beside them."""
    lines = path.read_text().splitlines()
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for sub in ast.walk(node):
            if isinstance(sub, (ast.Import, ast.ImportFrom)):
                module = sub.module if isinstance(sub, ast.ImportFrom) else sub.names[0].name
                if "#" in lines[sub.lineno - 1] or (module or "").startswith(HEAVY):
                    continue
                found.append((sub.lineno, module or ""))
    return found


@pytest.mark.parametrize("path", sorted(modules().values()), ids=module_name)
def test_no_import_inside_a_function_without_its_reason(path: Path) -> None:
    assert inner_imports(path) == []


def test_no_read_is_looked_up_by_name() -> None:
    """`cache.read(overview.headline, ...)`: a read is passed as the function itself."""
    for path in [*PAGES, *PACKAGE.rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"read", "read_scoped"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                pytest.fail(f"{path}:{node.lineno} reads {node.args[0].value!r} by name")
        assert "getattr(queries" not in path.read_text()


FORBIDDEN_IN_PAGES = {
    "opens a session": r"session_scope",
    "builds SQL": r"\bselect\(",
    "decides scope": r"scope\.allows",
    "decides who edits": r"may_edit",
    "builds a chart": r"alt\.Chart",
    "writes an audit entry": r"\baudit\(",
    "uses the database": r"\bdb\.",
}


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.stem)
def test_a_page_is_a_thin_script(path: Path) -> None:
    """A page lays out what `ui`, `present` and `render` give it: under 150 lines, and no
    session, SQL, access decision, chart building or audit entry of its own."""
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) < 150, f"{path.name}: {len(text.splitlines())} lines"
    for what, pattern in FORBIDDEN_IN_PAGES.items():
        assert not re.search(pattern, text), f"{path.name} {what}"


def test_the_page_rules_catch_a_fat_page() -> None:
    fat = "with db.session_scope() as session:\n    rows = session.execute(select(User))\n"
    assert {w for w, p in FORBIDDEN_IN_PAGES.items() if re.search(p, fat)} == {
        "opens a session",
        "builds SQL",
        "uses the database",
    }


def test_opening_a_page_loads_no_file_library() -> None:
    """matplotlib, fpdf2, xlsxwriter, openpyxl and python-docx (tens of MB in a server process)
    load when a file is made (a click on a download), not when any page's modules load."""
    import subprocess
    import sys

    ui_modules = sorted(m for m in modules() if m.startswith("pora_dash.ui"))
    script = (
        "import importlib, sys\n"
        f"for m in {ui_modules!r}: importlib.import_module(m)\n"
        "heavy = {'matplotlib', 'fpdf', 'xlsxwriter', 'openpyxl', 'docx'}\n"
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "[]", out.stdout
