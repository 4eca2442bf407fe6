"""What can be wrong with an import, as data: (row, column, message key, values).

Problems are rendered in the reader's language through the i18n catalogs, so the page shows
Indonesian or English and the CLI prints Indonesian from the same list.

>>> render(Problem(4, "tanggal_tiba", "import.row.bad_date", {"value": "31/02/2024"}), "en")
'Row 4, column tanggal_tiba: 31/02/2024 is not a date that exists (use DD/MM/YYYY or YYYY-MM-DD).'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pora_dash.i18n import t


@dataclass(frozen=True)
class Problem:
    row: int | None  # the spreadsheet row (header = 1); None for the file as a whole
    column: str | None  # the column header as written in the file
    key: str  # i18n key of the message
    values: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str = "id") -> str:
        return t(self.key, lang, **self.values)


class ImportInputError(ValueError):
    """The file or its rows were refused; nothing was written. `problems` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message("en") for p in problems[:3]))
        self.problems = problems


def render(problem: Problem, lang: str = "id") -> str:
    """One line for a person: where (row, column) and what."""
    text = problem.message(lang)
    if problem.row is None:
        return text
    if problem.column:
        where = t("import.where.cell", lang, row=problem.row, column=problem.column)
    else:
        where = t("import.where.row", lang, row=problem.row)
    return f"{where}: {text}"
