"""The per-token rate limit (429 with Retry-After, per token) and the OpenAPI document
(validated with openapi-spec-validator, and naming every endpoint that is served)."""

from __future__ import annotations

import time

import httpx
from openapi_spec_validator import validate

from pora_dash.web.api import ENDPOINTS
from tests.api.conftest import Api
from tests.chromium import running_app
from tests.conftest import DEMO_AS_OF


def test_over_the_limit_a_token_gets_429_with_retry_after(api_db: str) -> None:
    env = {"PORA_TODAY": DEMO_AS_OF.isoformat(), "PORA_API_RATE_PER_MINUTE": "3"}
    with running_app(api_db, env=env) as base:
        limited = Api(api_db, base)
        first, second = limited.token("analis"), limited.token("analis")
        with limited.client(first) as client:
            answers = [client.get("/regions") for _ in range(4)]
        assert [a.status_code for a in answers] == [200, 200, 200, 429]
        refused = answers[-1]
        assert refused.json()["error"] == "too_many_requests"
        wait = int(refused.headers["Retry-After"])
        assert 1 <= wait <= 20  # one call comes back every 20 s at 3 a minute
        with limited.client(second) as client:  # another token has its own bucket
            assert client.get("/regions").status_code == 200
        time.sleep(wait)
        with limited.client(first) as client:
            assert client.get("/regions").status_code == 200


def test_the_openapi_document_validates_and_lists_every_endpoint(api: Api) -> None:
    response = httpx.get(f"{api.base}/api/v1/openapi.json", timeout=30)
    assert response.status_code == 200
    spec = response.json()
    validate(spec)
    assert spec["openapi"].startswith("3.1")
    assert {e.path for e in ENDPOINTS} | {"/imports/{kind}"} == set(spec["paths"])
    with api.client(api.token("admin")) as client:
        for endpoint in ENDPOINTS:
            assert client.get(endpoint.path).status_code == 200, endpoint.path
