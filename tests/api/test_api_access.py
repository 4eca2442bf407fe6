"""Who gets in and what they see: tokens that no longer work (revoked, expired, the user changed
or disabled) get 401; a token acts in its user's scope, as the pages do (the scope matrix);
a protected token passes the disclosure attacker; every call is audited; errors are JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select, update

from pora_dash.access import auth, tokens
from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.i18n import t
from pora_dash.reads import followups, overview
from pora_dash.store import db
from pora_dash.store.models import ApiToken, AuditEntry, User, utcnow
from tests import attacker
from tests.api.conftest import Api


def status(api: Api, secret: str | None, path: str = "/headline", **params: str) -> int:
    with api.client(secret) as client:
        return client.get(path, params=params).status_code


def _token_id(url: str, secret: str) -> int:
    with db.session_scope(url) as s:
        found = s.scalar(
            select(ApiToken.id).where(ApiToken.token_hash == tokens.hash_secret(secret))
        )
        assert found is not None
        return found


def test_a_revoked_or_expired_token_gets_401(api: Api) -> None:
    revoked, expired = api.token("admin"), api.token("admin")
    assert status(api, revoked) == status(api, expired) == 200
    with db.session_scope(api.url) as s:
        admin = s.scalar(select(User).where(User.username == "admin"))
        assert admin is not None
        tokens.revoke(s, auth._signed_in(s, admin), _token_id(api.url, revoked))
        s.execute(
            update(ApiToken)
            .where(ApiToken.id == _token_id(api.url, expired))
            .values(expires_at=utcnow() - dt.timedelta(seconds=1))
        )
    for secret in (revoked, expired, None, "pora_" + "x" * 43, "not a token"):
        with api.client(secret) as client:
            response = client.get("/headline")
        assert response.status_code == 401, secret
        assert response.json()["error"] == "unauthorized"
        assert "Traceback" not in response.text


def _signed_in(session: Any, username: str) -> auth.SignedIn:
    user = session.scalar(select(User).where(User.username == username))
    assert user is not None, username
    return auth._signed_in(session, user)


def test_an_administrator_revokes_another_users_token_and_its_next_call_gets_401(
    api: Api,
) -> None:
    """A lost laptop: the administrator revokes the operator's token; an analyst may not."""
    secret = api.token("operator.pemalang")
    token_id = _token_id(api.url, secret)
    assert status(api, secret) == 200
    with db.session_scope(api.url) as s:
        with pytest.raises(tokens.TokenError, match="tokens.not_found"):
            tokens.revoke(s, _signed_in(s, "analis"), token_id)
    assert status(api, secret) == 200  # the refusal changed nothing
    with db.session_scope(api.url) as s:
        listed = tokens.every_token(s, _signed_in(s, "admin"))
        mine = next(r for r in listed if r.id == token_id)
        assert (mine.owner, mine.state) == ("operator.pemalang", "active")
        tokens.revoke(s, _signed_in(s, "admin"), token_id)
    assert status(api, secret) == 401
    with db.session_scope(api.url) as s:
        entry = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.event == "api_token_revoked")
            .where(AuditEntry.target == f"token:{token_id}")
        ).one()
        assert entry.username == "admin"
        assert '"owner": "operator.pemalang"' in (entry.detail or "")
        with pytest.raises(tokens.TokenError, match="tokens.not_allowed"):
            tokens.every_token(s, _signed_in(s, "operator.pemalang"))


def test_a_token_ends_when_its_user_changes_role_or_is_disabled(api: Api) -> None:
    with db.session_scope(api.url) as s:
        auth.create_user(
            s, username="analis.sementara", password=None, role="analyst", regions=["31"]
        )
    first = api.token("analis.sementara")
    assert status(api, first) == 200
    with db.session_scope(api.url) as s:
        user = s.scalar(select(User).where(User.username == "analis.sementara"))
        assert user is not None
        auth.update_user(s, user, actor="admin", regions=["33"])
    assert status(api, first) == 401  # the scope changed: a new token is needed
    second = api.token("analis.sementara")
    assert status(api, second) == 200
    with db.session_scope(api.url) as s:
        user = s.scalar(select(User).where(User.username == "analis.sementara"))
        assert user is not None
        auth.update_user(s, user, actor="admin", is_active=False)
    assert status(api, second) == 401


def test_every_call_is_audited_with_token_endpoint_and_parameters(api: Api) -> None:
    secret = api.token("analis")
    token_id = _token_id(api.url, secret)
    assert status(api, secret, "/counts/nationalities", wilayah="31", wn="AFG") == 200
    assert status(api, secret, "/counts/nationalities", bogus="1") == 400
    with db.session_scope(api.url) as s:
        entries = list(
            s.scalars(
                select(AuditEntry)
                .where(AuditEntry.event == "api_call", AuditEntry.username == "analis")
                .order_by(AuditEntry.id.desc())
                .limit(2)
            )
        )
    assert [e.target for e in entries] == ["/api/v1/counts/nationalities"] * 2
    newest, before = (e.detail or "" for e in entries)
    assert f'"token": {token_id}' in newest and '"status": 400' in newest
    assert '"wilayah": "31"' in before and '"wn": "AFG"' in before and '"status": 200' in before


def test_errors_are_json_in_the_callers_language(api: Api) -> None:
    with api.client(api.token("admin")) as client:
        missing = client.get("/tidak-ada")
        wrong_method = client.delete("/headline")
        bad = client.get("/headline", params={"format": "pdf", "lang": "en"})
        ignored = client.get("/headline", params={"wn": "XXX", "tanggal": "9999-01-01"})
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    assert wrong_method.status_code == 405 and wrong_method.json()["error"] == "method_not_allowed"
    assert bad.status_code == 400
    assert bad.json()["errors"] == [
        {
            "param": "format",
            "value": "pdf",
            "message": "Parameter 'format' with value 'pdf' is not valid.",
        }
    ]
    # a filter value the pages ignore with a notice is ignored the same way, with its notice
    assert ignored.status_code == 200
    warnings = ignored.json()["warnings"]
    assert [(w["param"], w["value"]) for w in warnings] == [
        ("wn", "XXX"),
        ("tanggal", "9999-01-01"),
    ]
    assert warnings[0]["message"] == t("notice.bad_param", "id", param="wn", value="XXX")


# --- scope -------------------------------------------------------------------------------------

SCOPED = {"analis.brebes": ["33.29"], "analis.dua": ["31", "33"], "operator.pemalang": None}
ASKED = [None, "31", "31.71", "33", "33.29", "33.29.05", "12.71"]


def _scope_of(api: Api, username: str) -> Scope:
    with db.session_scope(api.url) as s:
        user = s.scalar(select(User).where(User.username == username))
        assert user is not None
        return auth.scope_of(s, user)


@pytest.mark.parametrize("username", list(SCOPED))
def test_a_scoped_token_never_gets_figures_outside_its_scope(api: Api, username: str) -> None:
    scope = _scope_of(api, username)
    with api.client(api.token(username)) as client:
        for asked in ASKED:
            params = {"wilayah": asked} if asked else {}
            head = client.get("/headline", params=params).json()
            shown = head["filters"].get("wilayah")
            outside = asked is not None and not scope.covers_part_of(asked)
            assert ("wilayah" in [w["param"] for w in head["warnings"]]) == outside, asked
            assert shown is None or scope.covers_part_of(shown), (asked, shown)
            with db.session_scope(api.url) as s:
                f = Filters(wilayah=shown)
                assert head["data"]["active"] == overview.headline(s, filters=f, scope=scope).active
                assert (
                    head["data"]["actions_open"]
                    == followups.action_counts(s, filters=f, scope=scope).open
                )
            for path, key in (
                ("/counts/areas", "code"),
                ("/incidents", "region_code"),
                ("/followups/meetings", "region_code"),
                ("/regions", "code"),
            ):
                rows = client.get(path, params=params).json()["data"]
                assert all(scope.covers_part_of(r[key]) for r in rows), (path, asked)


def test_brebes_asking_for_jakarta_gets_a_warning_and_brebes_only(api: Api) -> None:
    with api.client(api.token("analis.brebes")) as client:
        body = client.get("/counts/areas", params={"wilayah": "31", "lang": "en"}).json()
    assert body["filters"]["wilayah"] == "33.29"
    assert body["warnings"] == [
        {
            "param": "wilayah",
            "value": "31",
            "message": "Region 31 is outside your access scope; the region filter was ignored.",
        }
    ]
    assert body["data"] and all(r["code"].startswith("33.29.") for r in body["data"])


# --- disclosure --------------------------------------------------------------------------------

BREAKDOWNS = ("/counts/areas", "/counts/nationalities", "/counts/statuses", "/counts/accommodation")
ATTACKED = [
    {},
    {"wilayah": "31"},
    {"wilayah": "33.29"},
    {"wilayah": "33.29.05"},
    {"wilayah": "12.71"},
]
ATTACKED += [{"wilayah": "11", "wn": "MMR"}, {"wilayah": "31.71", "jk": "F"}]


def _shown(value: Any) -> str | None:
    return None if value is None else str(value)


@pytest.mark.parametrize("params", ATTACKED, ids=lambda p: "&".join(p.values()) or "nation")
def test_a_protected_token_gives_no_small_count_back(api: Api, params: dict[str, str]) -> None:
    """The attacker reads the protected headline and every breakdown of the same population
    (each sums to the headline's total) and narrows every exact count it can."""
    protected = api.client(api.token("analis", exact=False))
    exact = api.client(api.token("analis", exact=True))
    true: dict[str, int] = {}
    shown: dict[str, str | None] = {}
    sums: list[attacker.Sum] = []
    with protected, exact:
        head = protected.get("/headline", params=params).json()
        assert head["disclosure"] == "protected"
        true["T"] = exact.get("/headline", params=params).json()["data"]["active"]
        shown["T"] = _shown(head["data"]["active"])
        for name in ("refugees", "asylum_seekers", "arrivals_30", "arrivals_90"):
            attacker.read(str(head["data"][name]))  # a published value, or Unpublished
        for path in BREAKDOWNS:
            got = protected.get(path, params=params).json()
            full = exact.get(path, params=params).json()["data"]
            key = next(iter(full[0])) if full else "code"
            parts = []
            for row in full:
                name = f"{path}:{row[key]}"
                true[name] = row["count"]
                parts.append(name)
            published = {r[key]: r["count"] for r in got["data"]}
            for row in full:
                shown[f"{path}:{row[key]}"] = _shown(published.get(row[key]))
            if got["data"]:
                sums.append((["T"], parts))
                if "total" in got:
                    attacker.read(str(got["total"]))
        for value in shown.values():
            if value is not None:
                attacker.read(value)  # every figure a multiple of 5 or "<5"
    assert attacker.leaks(true, shown, sums) == {}


def test_only_token_roles_make_tokens_and_only_importers_write(api: Api) -> None:
    with db.session_scope(api.url) as s:
        for username, write, key in (
            ("pemirsa.jakarta", False, "tokens.not_allowed"),
            ("kesbangpol.brebes", False, "tokens.not_allowed"),
            ("analis", True, "tokens.no_write"),
        ):
            user = s.scalar(select(User).where(User.username == username))
            assert user is not None
            with pytest.raises(tokens.TokenError) as refused:
                tokens.create(s, auth._signed_in(s, user), name="x", days=30, write=write)
            assert refused.value.key == key
        admin = s.scalar(select(User).where(User.username == "admin"))
        assert admin is not None
        with pytest.raises(tokens.TokenError):
            tokens.create(
                s, auth._signed_in(s, admin), name="x", days=tokens.MAX_DAYS + 1, write=False
            )
