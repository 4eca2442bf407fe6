"""Every read endpoint answers what the page shows for the same filter and user: the same reads
and the same present/ functions the pages call, computed here beside the running app, for an
exact token (administrator) and a protected one (an analyst's default token, rounded like a
download). CSV and HXL carry the same rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from pora_dash import filters as filter_state
from pora_dash.access.scope import Scope
from pora_dash.geo import reference
from pora_dash.i18n import fmt_int, fmt_pct, fmt_signed
from pora_dash.present import headline as present_headline
from pora_dash.present import mobility as present_mobility
from pora_dash.present import origins as present_origins
from pora_dash.present import overview as present_overview
from pora_dash.present import trend as present_trend
from pora_dash.present.disclosure import Policy, change, text
from pora_dash.present.stability import incident_people
from pora_dash.present.tables import TOTAL
from pora_dash.reads import followups, mobility, origins, overview, stability
from pora_dash.store import db
from tests.api.conftest import Api

FILTERS = [
    {},
    {"wilayah": "31"},
    {"wilayah": "33.29"},
    {"wilayah": "31.71", "wn": "AFG"},
    {"wilayah": "12.71", "status": "refugee"},
]
AUDIENCES = {"exact": ("admin", True), "protected": ("analis", False)}


def ids(params: dict[str, str]) -> str:
    return "&".join(f"{k}={v}" for k, v in params.items()) or "nation"


def shown(value: Any) -> str:
    """An API count as the page writes it."""
    return "<5" if value == "<5" else text(value, "id")


@pytest.fixture(scope="module", params=list(AUDIENCES))
def audience(request: pytest.FixtureRequest, api: Api) -> tuple[Any, Policy]:
    username, exact = AUDIENCES[request.param]
    client = api.client(api.token(username, exact=exact))
    yield client, Policy(exact=exact)
    client.close()


@contextmanager
def page_reads(
    api: Api, params: dict[str, str]
) -> Iterator[tuple[filter_state.Filters, Callable[..., Any]]]:
    """What a page reads for these query parameters: yields (filters, read), where
    `read(fn, **extra)` is `fn(session, filters=..., scope=national, **extra)`, as the pages
    call the reads (the tokens here see the whole country)."""
    f, _ = filter_state.from_query_params(params)
    with db.session_scope(api.url) as s:

        def read(fn: Callable[..., Any], **extra: Any) -> Any:
            return fn(s, filters=f, scope=Scope.national(), **extra)

        yield f, read


def get(client: Any, path: str, params: dict[str, str]) -> dict[str, Any]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("params", FILTERS, ids=ids)
def test_headline_is_the_overviews(api: Api, audience, params: dict[str, str]) -> None:
    client, policy = audience
    body = get(client, "/headline", params)
    with page_reads(api, params) as (_, read):
        head = read(overview.headline)
        flows = read(overview.arrivals)
        actions = read(followups.action_counts)
    page = {fig.key: fig for fig in present_headline.figures(head, flows, actions, policy)}
    data = body["data"]
    assert body["disclosure"] == ("exact" if policy.exact else "protected")
    assert shown(data["active"]) == page["home.national_total"].value
    assert shown(data["refugees"]) == page["home.refugees"].value
    assert shown(data["asylum_seekers"]) == page["home.asylum_seekers"].value
    share = data["document_share"]
    assert ("–" if share is None else fmt_pct(share, "id")) == page["home.document_share"].value
    for days in (30, 90):
        figure = page[f"home.arrivals_{days}"]
        assert shown(data[f"arrivals_{days}"]) == figure.value
        moved = data[f"arrivals_{days}_change"]
        expected = change(
            getattr(flows, f"last_{days}"), getattr(flows, f"previous_{days}"), policy
        )
        assert (fmt_signed(moved) if moved else None) == expected  # the API's number, as shown
    assert fmt_int(data["kecamatan_hosting"]) == page["home.kecamatan"].value
    assert fmt_int(data["actions_open"]) == page["home.actions"].value
    assert data["actions_overdue"] == actions.overdue


def rows_of(rows: tuple[Any, str | None]) -> tuple[list[tuple[str, Any]], str | None]:
    """A page breakdown (present.overview rows) as (code, count as the API writes it)."""
    frame, reason = rows
    codes, counts = frame.iloc[:, 1], frame.iloc[:, 2]
    return [(c, "<5" if n is None else int(n)) for c, n in zip(codes, counts, strict=True)], reason


@pytest.mark.parametrize("params", FILTERS, ids=ids)
def test_counts_by_area_and_nationality_are_the_overviews(
    api: Api, audience, params: dict[str, str]
) -> None:
    client, policy = audience
    with page_reads(api, params) as (_, read):
        areas = read(overview.by_area)
        nat = read(overview.by_nationality)
    for path, page_rows, key in (
        ("/counts/areas", present_overview.area_rows(areas, policy), "code"),
        ("/counts/nationalities", present_overview.nationality_rows(nat, policy), "nationality"),
    ):
        body = get(client, path, params)
        expected, reason = rows_of(page_rows)
        assert [(r[key], r["count"]) for r in body["data"]] == expected, path
        assert (body["withheld"] or {}).get("reason") == reason, path


@pytest.mark.parametrize("params", FILTERS[:3], ids=ids)
def test_sex_age_accommodation_and_trend_are_the_pages(
    api: Api, audience, params: dict[str, str]
) -> None:
    client, policy = audience
    with page_reads(api, params) as (_, read):
        raw = present_origins.raw_tables(
            present_origins.Reads(
                nat_status=read(origins.cross_counts, rows="nationality", columns="status"),
                area_status=read(origins.cross_counts, rows="area", columns="status"),
                area_nat=read(origins.cross_counts, rows="area", columns="nationality"),
                accommodation=read(origins.by_accommodation),
                profile=read(origins.profile),
                trend_status=read(origins.monthly_active_by, dimension="status"),
                trend_nationality=read(origins.monthly_active_by, dimension="nationality"),
            )
        )
        trend = present_trend.protect(read(overview.monthly_trend), policy)
    page = present_origins.protect_all(raw, policy)

    body = get(client, "/counts/sex-age", params)
    table = page["sex_age"]
    expected = {
        ("total" if b == TOTAL else b, "total" if x == TOTAL else x): v
        for b, row in table.values.iterrows()
        for x, v in row.items()
    }
    got = {(r["age_band"], r["sex"]): r["count"] for r in body["data"]}
    assert got == {k: "<5" if v is None else int(v) for k, v in expected.items()}

    assert (body["withheld"] or {}).get("reason") == table.withheld

    body = get(client, "/counts/accommodation", params)
    assert (body["withheld"] or {}).get("reason") == page["accommodation"].withheld
    table = page["accommodation"].values.drop(index=TOTAL, errors="ignore")
    assert [(r["accommodation"], r["count"]) for r in body["data"]] == [
        (c, "<5" if v is None else int(v)) for c, v in table["count"].items()
    ]

    body = get(client, "/trend", params)
    assert (body["withheld"] or {}).get("reason") == trend.withheld
    assert [r["active"] for r in body["data"]] == [
        "<5" if v is None else int(v) for v in trend.frame.get("active", [])
    ]


@pytest.mark.parametrize("params", FILTERS[:3], ids=ids)
def test_actions_meetings_incidents_and_regions_are_the_pages(
    api: Api, audience, params: dict[str, str]
) -> None:
    client, policy = audience
    with page_reads(api, params) as (f, read):
        actions = read(followups.actions)
        meetings = read(followups.meetings)
        incidents = read(stability.incidents, period_days=f.period_days)
    body = get(client, "/followups/actions", params)
    assert [r["id"] for r in body["data"]] == list(actions["id"])
    assert all("person_in_charge" not in r for r in body["data"])
    body = get(client, "/followups/meetings", params)
    assert [r["id"] for r in body["data"]] == list(meetings["id"])
    body = get(client, "/incidents", params)
    _, people = incident_people(list(incidents["people"]), policy)
    assert [r["id"] for r in body["data"]] == list(incidents["id"])
    assert [r["people"] for r in body["data"]] == ["<5" if v is None else v for v in people]
    assert all("description" not in r and "lat" not in r for r in body["data"])
    body = get(client, "/regions", params)
    assert [r["code"] for r in body["data"]] == reference.children(f.wilayah)


def test_csv_and_hxl_carry_the_json_rows(api: Api, audience) -> None:
    client, _ = audience
    params = {"wilayah": "33"}
    rows = get(client, "/counts/areas", params)["data"]
    response = client.get("/counts/areas", params={**params, "format": "csv", "hxl": "1"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    header, tags, *lines = list(csv.reader(io.StringIO(response.text)))
    assert header == ["code", "name", "count"]
    assert tags == ["#adm2+code", "#adm2+name", "#affected+refugees"]
    assert [(c, n) for c, _, n in lines] == [(r["code"], str(r["count"])) for r in rows]
    plain = client.get("/counts/nationalities", params={"format": "csv"}).text.splitlines()
    assert plain[0] == "nationality,name,count" and not plain[1].startswith("#")
    tags = client.get("/counts/nationalities", params={"format": "csv", "hxl": "1"}).text
    assert tags.splitlines()[1].startswith("#country+code,")


def test_level_gives_every_area_of_that_level(api: Api, audience) -> None:
    client, _ = audience
    body = get(client, "/counts/areas", {"wilayah": "33", "level": "3"})
    assert body["level"] == 3
    assert body["data"] and all(
        r["code"].startswith("33.") and r["code"].count(".") == 2 for r in body["data"]
    )
    bad = client.get("/counts/areas", params={"wilayah": "33.29", "level": "2"})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["param"] == "level"


@pytest.mark.parametrize(
    "params", [{"periode": "365"}, {"wilayah": "31", "periode": "365"}], ids=ids
)
def test_flows_are_the_mobility_pages(api: Api, audience, params: dict[str, str]) -> None:
    client, policy = audience
    with page_reads(api, params) as (_, read):
        flows = read(mobility.flows)
    corridors = present_mobility.protect_flows(flows, policy).corridors()
    assert len(corridors) > 3
    body = get(client, "/flows", params)
    assert [(r["origin"], r["destination"]) for r in body["data"]] == list(
        zip(corridors["origin"], corridors["destination"], strict=True)
    )
    assert [shown(r["count"]) for r in body["data"]] == list(corridors["text"])
