"""The profile page (/profil) through AppTest: make a token (its secret shown once), see it
listed, revoke it; roles without tokens do not get the page."""

from __future__ import annotations

from sqlalchemy import select

from pora_dash.access import tokens
from pora_dash.store import db
from pora_dash.store.models import ApiToken, AuditEntry
from tests.apptest import app_as

PAGE = "app_pages/profile.py"


def test_make_a_token_see_it_once_list_it_and_revoke_it(demo_copy: str, use_db) -> None:
    use_db(demo_copy)
    at = app_as(demo_copy, "operator.pemalang", page=PAGE)
    assert not at.exception
    assert at.title[0].value == "Profil"
    assert at.info[0].value == "Belum ada token."
    at.text_input[0].input("Register Rudenim")
    at.checkbox[0].check()  # read and write: operators import
    at.button[0].click().run()
    assert not at.exception
    secret = at.code[0].value
    assert tokens.looks_like_token(secret)
    with db.session_scope(demo_copy) as s:
        token = s.scalar(select(ApiToken))
        assert token is not None and token.can_write and not token.exact
        assert token.token_hash == tokens.hash_secret(secret) and secret[:12] == token.prefix
    listed = at.dataframe[0].value
    assert list(listed["Nama"]) == ["Register Rudenim"]
    assert list(listed["Status"]) == ["aktif"]

    at.run()  # the next run: the secret is gone from the page
    assert not at.code
    at.button[1].click().run()  # revoke the one active token
    assert not at.exception
    assert list(at.dataframe[0].value["Status"]) == ["dicabut"]
    with db.session_scope(demo_copy) as s:
        events = list(
            s.scalars(select(AuditEntry.event).where(AuditEntry.event.like("api_token%")))
        )
    assert events == ["api_token_created", "api_token_revoked"]


def test_roles_without_tokens_do_not_get_the_page(demo_copy: str, use_db) -> None:
    use_db(demo_copy)
    for username in ("pemirsa.jakarta", "kesbangpol.brebes", "pimpinan"):
        at = app_as(demo_copy, username, page=PAGE)
        assert not at.exception
        assert all(t.value != "Profil" for t in at.title), username
