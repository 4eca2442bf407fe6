"""Set-up from nothing (issue 18): the template's example row imports for whoever downloads
it; an empty database gets an agency and users by CLI and imports a first list."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pora_dash import auth, db
from pora_dash.importing import Actor, prepare, render
from pora_dash.importing.templates import examples_for, template_csv, template_xlsx
from pora_dash.models import User
from pora_dash.scope import Scope


def _actor(url: str, username: str) -> Actor:
    with db.session_scope(url) as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        return Actor.of(auth._signed_in(session, user))


@pytest.mark.parametrize("username", ["operator.pemalang", "kesbangpol.brebes", "admin"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_templates_example_row_imports_for_its_user(
    demo_copy: str, use_db, username: str, fmt: str
) -> None:
    use_db(demo_copy)
    actor = _actor(demo_copy, username)
    examples = examples_for(actor.scope)
    data = (
        template_csv("persons", examples)
        if fmt == "csv"
        else template_xlsx("persons", "id", examples)
    )
    with db.session_scope(demo_copy) as session:
        plan = prepare(session, data, kind="persons", file_name=f"t.{fmt}", actor=actor)
    assert [render(p, "id") for p in plan.problems] == []
    assert plan.ok and plan.rows_total == 1


def test_a_scope_without_brebes_gets_an_example_of_its_own(demo_copy: str, use_db) -> None:
    use_db(demo_copy)
    actor = Actor("operator.pemalang", Scope.of(["33.27"]))  # Pemalang only
    examples = examples_for(actor.scope)
    assert examples["region_code"].startswith("33.27.")
    assert examples["kabkota"] == "Kabupaten Pemalang"
    with db.session_scope(demo_copy) as session:
        plan = prepare(
            session,
            template_csv("persons", examples),
            kind="persons",
            file_name="t.csv",
            actor=actor,
        )
    assert [render(p, "id") for p in plan.problems] == [] and plan.added == 1
