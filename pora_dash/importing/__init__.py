"""Imports of agency lists (CSV, Excel): persons of concern, sites, meetings and their
follow-up actions, incidents. See `core` for the flow and README "Impor data" for the format.
"""

from pora_dash.importing.core import Actor, Outcome, Plan, import_file, prepare
from pora_dash.importing.problems import ImportInputError, Problem, render
from pora_dash.importing.reading import read_table, sheet_names

KINDS = ("persons", "sites", "meetings", "incidents")

__all__ = [
    "KINDS",
    "Actor",
    "ImportInputError",
    "Outcome",
    "Plan",
    "Problem",
    "import_file",
    "prepare",
    "read_table",
    "render",
    "sheet_names",
]
