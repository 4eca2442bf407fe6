"""Every kind of import is one registered module with everything the importer needs; a kind
forgotten in the registry, or one missing a piece, fails here."""

from __future__ import annotations

import pytest

from pora_dash import importing
from pora_dash.i18n import catalog
from pora_dash.importing import templates
from pora_dash.importing.kinds import KINDS
from pora_dash.importing.validation import header_map
from pora_dash.store.models import IMPORT_KINDS


def test_every_kind_the_database_knows_is_registered() -> None:
    assert set(KINDS) == set(IMPORT_KINDS) == set(importing.KINDS)


@pytest.mark.parametrize("name", list(KINDS))
def test_a_kind_has_every_piece(name: str) -> None:
    kind = KINDS[name]
    assert kind.name == name and kind.min_level in (1, 2, 3)
    fields = {c.field for c in kind.columns}
    assert set(kind.row.required_fields) <= fields  # a required field has its column
    assert all(callable(step) for step in (kind.resolve, kind.diff, kind.write))
    assert templates.FILE_STEMS[name] == kind.template
    for lang in ("id", "en"):
        assert f"import.kind.{name}" in catalog(lang)
        assert f"import.kind_help.{name}" in catalog(lang)


@pytest.mark.parametrize("name", list(KINDS))
def test_the_template_of_a_kind_reads_back_as_that_kind(name: str) -> None:
    """Its CSV template is a file of its own kind: every column found, none ignored."""
    header = templates.template_csv(name).decode("utf-8-sig").splitlines()[0].split(";")
    found, ignored = header_map(name, header)
    assert set(found) == {c.field for c in KINDS[name].columns} and ignored == []
