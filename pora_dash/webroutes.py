"""The two HTTP routes next to the Streamlit app (mounted by serve.py): they set and clear
the sign-in cookie, which a Streamlit script cannot do itself (see websession.py)."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pora_dash import db, websession
from pora_dash.config import settings

SESSION_PATH = "/_pora/session"
SIGNOUT_PATH = "/_pora/signout"
NO_STORE = {"Cache-Control": "no-store"}


def _exchange(code: str) -> str | None:
    with db.session_scope() as session:
        return websession.exchange(session, code)


def _end(token: str | None) -> None:
    with db.session_scope() as session:
        websession.end(session, token)


async def session_cookie(request: Request) -> Response:
    """POST ?code=…: a valid one-time code becomes the HttpOnly cookie; anything else 400."""
    token = await run_in_threadpool(_exchange, request.query_params.get("code", ""))
    if token is None:
        return Response(status_code=400, headers=NO_STORE)
    response = Response(status_code=204, headers=NO_STORE)
    response.set_cookie(
        websession.COOKIE,
        token,
        max_age=websession.MAX_HOURS * 3600,
        httponly=True,
        samesite="lax",
        secure=settings().environment == "production",
        path="/",
    )
    return response


async def sign_out(request: Request) -> Response:
    await run_in_threadpool(_end, request.cookies.get(websession.COOKIE))
    response = Response(status_code=204, headers=NO_STORE)
    response.delete_cookie(websession.COOKIE, path="/")
    return response


ROUTES = [
    Route(SESSION_PATH, session_cookie, methods=["POST"]),
    Route(SIGNOUT_PATH, sign_out, methods=["POST"]),
]
