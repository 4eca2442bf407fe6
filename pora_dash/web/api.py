"""The API for the agencies' own systems, `/api/v1/…`, mounted beside the app by serve.py.

Every call carries a personal token (`Authorization: Bearer pora_…`, access/tokens.py) and
acts as the token's user: their scope, their role, their disclosure rule. Each call is
audited (`api_call`: token, endpoint, parameters, status), limited per token (ratelimit.py:
429 with Retry-After) and answered in JSON (or CSV with `format=csv`, optionally with an HXL
hashtag row). Errors are JSON too, never a traceback: 400 bad parameters, 401 missing, unknown,
expired or revoked token, 403 not allowed, 404 unknown path, 413 too large, 422 a refused
import, 429 too many calls. Database work runs in starlette's thread pool.

The read endpoints and their answers are in api_answers.py; the write endpoint's work in
api_imports.py; the OpenAPI document (`/api/v1/openapi.json`) is made from ENDPOINTS here.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route

from pora_dash import importing
from pora_dash.access import auth, tokens
from pora_dash.access.tokens import Caller
from pora_dash.config import settings
from pora_dash.filters import to_query_params
from pora_dash.i18n import DEFAULT_LANG, LANGS, t
from pora_dash.importing import Actor
from pora_dash.present.disclosure import Policy, exact_access
from pora_dash.store import db
from pora_dash.web import api_answers, api_imports, api_params, hxl, openapi
from pora_dash.web.api_answers import Read
from pora_dash.web.api_params import Note, Query
from pora_dash.web.ratelimit import RateLimit

PREFIX = "/api/v1"
NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
MAX_PARAM_CHARS = 200  # of each parameter value in the audit log
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Endpoint:
    """A read endpoint: its path under /api/v1, what it answers, its own parameters."""

    path: str
    summary: str
    choose: Callable[[Query], tuple[Read | None, Note | None]]
    columns: list[str]
    own: tuple[str, ...] = ()
    people: bool = True  # counts of people: under the disclosure rule
    hxl: dict[str, str] = field(default_factory=dict)  # per-endpoint hashtags


def fixed(read: Read) -> Callable[[Query], tuple[Read | None, Note | None]]:
    return lambda _query: (read, None)


def by_level(query: Query) -> tuple[Read | None, Note | None]:
    level, error = api_params.level_of(query)
    return (None, error) if level is None else (api_answers.areas(level), None)


def answering(read: Read, path: str, summary: str, columns: list[str], **more: Any) -> Endpoint:
    """An endpoint that answers `read`, whatever its own parameters."""
    return Endpoint(path, summary, fixed(read), columns, **more)


def counted_by(key: str) -> list[str]:
    return [key, "name", "count"]


HEADLINE = ["active", "refugees", "asylum_seekers", "document_share", "arrivals_30"]
HEADLINE += ["arrivals_30_change", "arrivals_90", "arrivals_90_change", "kecamatan_hosting"]
HEADLINE += ["actions_open", "actions_overdue"]
FLOWS = (
    "Moves between areas in the period (`periode` days up to `tanggal`), as the Mobilitas page "
    "counts them: provinces nationally, kab/kota inside a province, kecamatan inside a "
    "kab/kota; largest first"
)
A = api_answers

ENDPOINTS: tuple[Endpoint, ...] = (
    answering(A.headline, "/headline", "Headline figures of the overview", HEADLINE),
    Endpoint(
        "/counts/areas",
        "Active persons by area: the parts of `wilayah`, or every area of `level`",
        by_level,
        counted_by("code"),
        own=("level",),
    ),
    answering(
        A.nationalities,
        "/counts/nationalities",
        "Active persons by nationality",
        counted_by("nationality"),
    ),
    answering(
        A.statuses, "/counts/statuses", "Active persons by UNHCR status", counted_by("status")
    ),
    answering(
        A.sex_age,
        "/counts/sex-age",
        "Active persons by age band and sex (with margins)",
        ["age_band", "sex", "count"],
    ),
    answering(
        A.accommodations,
        "/counts/accommodation",
        "Active persons by accommodation",
        counted_by("accommodation"),
    ),
    answering(
        A.trend,
        "/trend",
        "Active persons at each month's end, arrivals and departures (36 months)",
        ["month", "active", "arrivals", "departures"],
    ),
    answering(A.flows, "/flows", FLOWS, A.FLOW_COLUMNS),
    answering(
        A.actions,
        "/followups/actions",
        "Follow-up actions of the meetings in the area (no named persons)",
        A.ACTION_COLUMNS,
        people=False,
        hxl={"status": "#status+action"},
    ),
    answering(
        A.meetings,
        "/followups/meetings",
        "Coordination meetings (rakor) in the area, with their action counts",
        A.MEETING_COLUMNS,
        people=False,
        hxl={"level": "#meta+meeting+level"},
    ),
    answering(
        A.incidents,
        "/incidents",
        "Incidents of the period (no description, no coordinates)",
        A.INCIDENT_COLUMNS,
    ),
    answering(
        A.regions,
        "/regions",
        "The parts of `wilayah` (provinces for the nation) within the scope",
        A.REGION_COLUMNS,
        people=False,
    ),
)
IMPORT_PARAMS = ("dry_run", "confirm_matches", "sheet", "agency", "name", "lang")


# --- replies -------------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    body: dict[str, Any] | None = None
    csv: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    file_stem: str = "pora"

    def response(self) -> Response:
        headers = {**NO_STORE, **self.headers}
        if self.csv is not None:
            headers["Content-Disposition"] = f'attachment; filename="{self.file_stem}.csv"'
            return Response(
                self.csv, self.status, headers=headers, media_type="text/csv; charset=utf-8"
            )
        return JSONResponse(self.body, self.status, headers=headers)


ERROR_NAMES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found"}
ERROR_NAMES |= {405: "method_not_allowed", 413: "too_large", 429: "too_many_requests"}
ERROR_NAMES |= {500: "server_error"}


def error(status: int, key: str, lang: str, **values: Any) -> Reply:
    extra = {k: v for k, v in values.items() if isinstance(v, list)}
    words = {k: v for k, v in values.items() if not isinstance(v, list)}
    body = {"status": status, "error": ERROR_NAMES.get(status, "error")}
    return Reply(status, {**body, "message": t(key, lang, **words), **extra})


def lang_of(params: Mapping[str, str]) -> str:
    asked = params.get("lang", DEFAULT_LANG)
    return asked if asked in LANGS else DEFAULT_LANG


def _secret(request: Request) -> str:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


# --- audit, token and limit ----------------------------------------------------------------


def _audit(
    caller: Caller | None, path: str, params: Mapping[str, str], status: int, **more: Any
) -> None:
    """One audit entry per call, in its own small transaction."""
    with db.session_scope() as session:
        auth.audit(
            session,
            "api_call" if caller else "api_refused",
            username=caller.user.username if caller else None,
            target=f"{PREFIX}{path}"[:200],
            token=caller.token_id if caller else None,
            params={k: v[:MAX_PARAM_CHARS] for k, v in params.items()},
            status=status,
            **more,
        )


def _caller(secret: str) -> Caller | None:
    with db.session_scope() as session:
        return tokens.verify(session, secret)


@lru_cache(maxsize=1)
def limiter(per_minute: int) -> RateLimit:
    return RateLimit(per_minute)


def admit(secret: str, path: str, params: Mapping[str, str]) -> tuple[Caller | None, Reply | None]:
    """The caller, or the refusal (401 no usable token, 429 over the limit), audited."""
    lang = lang_of(params)
    if not secret:
        _audit(None, path, params, 401, reason="no_token")
        return None, error(401, "api.no_token", lang)
    caller = _caller(secret)
    if caller is None:
        _audit(None, path, params, 401, reason="bad_token", prefix=secret[: tokens.SHOWN])
        return None, error(401, "api.bad_token", lang)
    wait = limiter(settings().api_rate_per_minute).take(caller.token_id)
    if wait:
        _audit(caller, path, params, 429)
        reply = error(429, "api.rate_limited", lang, seconds=wait)
        reply.headers["Retry-After"] = str(wait)
        return None, reply
    return caller, None


# --- reads ---------------------------------------------------------------------------------


def _csv(columns: list[str], rows: list[dict[str, Any]], tags: list[str] | None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    if tags is not None:
        writer.writerow(tags)
    for row in rows:
        writer.writerow(
            [
                ("true" if v else "false") if isinstance(v, bool) else ("" if v is None else v)
                for v in (row.get(c) for c in columns)
            ]
        )
    return out.getvalue()


def read_reply(endpoint: Endpoint, caller: Caller, query: Query, read: Read) -> Reply:
    """Run the read with the caller's scope and policy; JSON or CSV."""
    user = caller.user
    # a token's answers leave the team like a download: protected unless made exact
    policy = Policy(exact=exact_access(user.role) and caller.exact, lang=query.lang)
    with db.session_scope() as session:
        answer = read(session, user.scope, query.filters, policy)
    protected = endpoint.people and not policy.exact
    headers = {"X-Pora-Disclosure": "protected" if protected else "exact"}
    if query.warnings:
        headers["X-Pora-Warnings"] = str(len(query.warnings))
    if answer.withheld:
        headers["X-Pora-Withheld"] = answer.withheld
    if query.format == "csv":
        level = answer.meta.get("level") or (
            answer.rows[0].get("level") if answer.rows and "level" in answer.rows[0] else None
        )
        tags = [
            endpoint.hxl.get(c) or tag
            for c, tag in zip(answer.columns, hxl.row(answer.columns, level=level), strict=True)
        ]
        text = _csv(answer.columns, answer.rows, tags if query.hxl else None)
        stem = "pora-" + endpoint.path.strip("/").replace("/", "-")
        return Reply(200, csv=text, headers=headers, file_stem=stem)
    body: dict[str, Any] = {
        "endpoint": f"{PREFIX}{endpoint.path}",
        "filters": to_query_params(query.filters),
        "as_of": query.filters.reference_date().isoformat(),
        "disclosure": "protected" if protected else "exact",
        "warnings": [w.as_json(query.lang) for w in query.warnings],
        **answer.meta,
    }
    if endpoint.people:
        body["note"] = t("disclosure.rule" if protected else "export.internal_mark", query.lang)
    if answer.total is not None:
        body["total"] = answer.total
    body["withheld"] = (
        {"reason": answer.withheld, "message": t(f"disclosure.{answer.withheld}", query.lang)}
        if answer.withheld
        else None
    )
    body["data"] = answer.rows[0] if endpoint.path == "/headline" and answer.rows else answer.rows
    return Reply(200, body, headers=headers)


def serve_read(endpoint: Endpoint, secret: str, params: dict[str, str]) -> Reply:
    caller, refused = admit(secret, endpoint.path, params)
    if caller is None:
        return refused or error(401, "api.bad_token", lang_of(params))
    query = api_params.parse(params, caller.user.scope, endpoint.own)
    read, bad = endpoint.choose(query) if not query.errors else (None, None)
    errors = [*query.errors, *([bad] if bad else [])]
    if errors or read is None:
        _audit(caller, endpoint.path, params, 400)
        reply = error(400, "api.bad_request", query.lang)
        assert reply.body is not None
        reply.body["errors"] = [e.as_json(query.lang) for e in errors]
        return reply
    reply = read_reply(endpoint, caller, query, read)
    _audit(caller, endpoint.path, params, reply.status, warnings=len(query.warnings))
    return reply


def read_route(endpoint: Endpoint) -> Route:
    async def handle(request: Request) -> Response:
        params = dict(request.query_params)
        reply = await run_in_threadpool(serve_read, endpoint, _secret(request), params)
        return reply.response()

    return Route(endpoint.path, handle, methods=["GET"], name=endpoint.path)


# --- the write endpoint --------------------------------------------------------------------


async def _body(request: Request, limit: int) -> bytes | None:
    """The request body, or None as soon as it is larger than `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _import_request(
    caller: Caller, kind: str, data: bytes, params: dict[str, str]
) -> tuple[api_imports.Request | None, Reply | None]:
    lang = lang_of(params)
    unknown = [Note("api.unknown_param", k, v) for k, v in params.items() if k not in IMPORT_PARAMS]
    flags = {}
    for name in ("dry_run", "confirm_matches"):
        value = params.get(name, "0")
        flags[name] = value == "1"
        if value not in api_params.FLAGS:
            unknown.append(Note("api.bad_value", name, value))
    if "lang" in params and params["lang"] not in LANGS:
        unknown.append(Note("api.bad_value", "lang", params["lang"]))
    if unknown:
        reply = error(400, "api.bad_request", lang)
        assert reply.body is not None
        reply.body["errors"] = [e.as_json(lang) for e in unknown]
        return None, reply
    return api_imports.Request(
        kind=kind,
        data=data,
        actor=Actor(caller.user.username, caller.user.scope),
        lang=lang,
        dry_run=flags["dry_run"],
        confirm_matches=flags["confirm_matches"],
        sheet=params.get("sheet") or None,
        agency=params.get("agency") or None,
        name=params.get("name") or None,
    ), None


def serve_import(caller: Caller, kind: str, data: bytes, params: dict[str, str]) -> Reply:
    path = f"/imports/{kind}"
    request, refused = _import_request(caller, kind, data, params)
    if request is None:
        assert refused is not None
        _audit(caller, path, params, refused.status)
        return refused
    ok, body = api_imports.handle(request)
    status = 200 if ok else 422
    _audit(caller, path, params, status, dry_run=request.dry_run, outcome=body["status"])
    return Reply(status, {"kind": kind, "dry_run": request.dry_run, **body})


async def import_route(request: Request) -> Response:
    kind = request.path_params["kind"]
    params = dict(request.query_params)
    lang = lang_of(params)
    path = f"/imports/{kind}"
    caller, refused = await run_in_threadpool(admit, _secret(request), path, params)
    if caller is None:
        return (refused or error(401, "api.bad_token", lang)).response()
    if kind not in importing.KINDS:
        await run_in_threadpool(_audit, caller, path, params, 404)
        kinds = ", ".join(importing.KINDS)
        return error(404, "api.bad_kind", lang, kind=kind, kinds=kinds).response()
    if not caller.can_write:
        await run_in_threadpool(_audit, caller, path, params, 403)
        return error(403, "api.no_write", lang).response()
    limit_mb = settings().max_upload_mb
    data = await _body(request, limit_mb * 1024 * 1024)
    if data is None:
        await run_in_threadpool(_audit, caller, path, params, 413)
        return error(413, "api.too_large", lang, limit=limit_mb).response()
    reply = await run_in_threadpool(serve_import, caller, kind, data, params)
    return reply.response()


# --- the application -----------------------------------------------------------------------


async def openapi_route(request: Request) -> Response:
    """The OpenAPI document: public (it describes, it shows no data)."""
    return JSONResponse(document(), headers=NO_STORE)


@lru_cache(maxsize=1)
def document() -> dict[str, Any]:
    return openapi.document(
        [(e.path, e.summary, e.own, e.columns, e.people) for e in ENDPOINTS],
        IMPORT_PARAMS,
        importing.KINDS,
        settings().max_upload_mb,
    )


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own refusals (404 unknown path, 405 wrong method) as JSON."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    key = {404: "api.not_found", 405: "api.method"}.get(status, "api.server_error")
    return error(status, key, lang_of(dict(request.query_params))).response()


async def server_error(request: Request, exc: Exception) -> Response:
    """Anything unexpected: logged on the server, a short JSON 500 to the caller."""
    log.error("API error on %s: %r", request.url.path, exc)
    return error(500, "api.server_error", lang_of(dict(request.query_params))).response()


def application() -> Starlette:
    routes = [read_route(e) for e in ENDPOINTS]
    routes += [
        Route("/openapi.json", openapi_route, methods=["GET"]),
        Route("/imports/{kind}", import_route, methods=["POST"]),
    ]
    return Starlette(
        routes=routes,
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )


def mount() -> Mount:
    """The API as one route of serve.py's st.App."""
    return Mount(PREFIX, app=application())
