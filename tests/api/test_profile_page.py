"""The profile page (/profil) through AppTest: make a token (its secret shown once), see it
listed, revoke it; roles without tokens do not get the page. The users page's token tab: the
administrator sees every user's tokens and revokes one."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from pora_dash.access import auth, tokens
from pora_dash.store import db
from pora_dash.store.models import ApiToken, AuditEntry, User
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


def _make_token(url: str, username: str, name: str) -> int:
    with db.session_scope(url) as s:
        user = s.scalar(select(User).where(User.username == username))
        assert user is not None
        row, _ = tokens.create(s, auth._signed_in(s, user), name=name, days=30, write=False)
        return row.id


def _tokens_table(at: AppTest) -> pd.DataFrame:
    """The token tab's table (the page also lists users and agencies)."""
    return next(df.value for df in at.dataframe if "Pengguna" in df.value.columns)


def test_the_administrator_sees_every_users_tokens_and_revokes_one(demo_copy: str, use_db) -> None:
    use_db(demo_copy)
    laptop = _make_token(demo_copy, "operator.pemalang", "Laptop Kanim Pemalang")
    _make_token(demo_copy, "analis", "Dasbor Kesbangpol")
    at = app_as(demo_copy, "admin", page="app_pages/users.py")
    assert not at.exception
    assert [t.label for t in at.tabs][-1] == "Token API"
    listed = _tokens_table(at)
    assert sorted(zip(listed["Pengguna"], listed["Nama"], strict=True)) == [
        ("analis", "Dasbor Kesbangpol"),
        ("operator.pemalang", "Laptop Kanim Pemalang"),
    ]
    form = next(sb for sb in at.selectbox if sb.label == "Token yang dicabut")
    form.set_value(laptop)
    next(b for b in at.button if b.label == "Cabut token").click().run()
    assert not at.exception
    with db.session_scope(demo_copy) as s:
        assert s.get(ApiToken, laptop).revoked_at is not None  # type: ignore[union-attr]
    listed = _tokens_table(at)  # the revoked token leaves the list of active ones
    assert list(listed["Nama"]) == ["Dasbor Kesbangpol"]
    at.toggle[0].set_value(True).run()
    listed = _tokens_table(at)
    states = dict(zip(listed["Nama"], listed["Status"], strict=True))
    assert states == {"Laptop Kanim Pemalang": "dicabut", "Dasbor Kesbangpol": "aktif"}
    owner_sees = app_as(demo_copy, "operator.pemalang", page=PAGE).dataframe[0].value
    assert list(owner_sees["Status"]) == ["dicabut"]
