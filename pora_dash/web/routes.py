"""The two HTTP routes next to the Streamlit app (mounted by serve.py): they set and clear
the sign-in cookie, which a Streamlit script cannot do itself (see websession.py).

And `Guard`, the middleware in front of Streamlit's own endpoints (also in serve.py):
- `/media/…` (exported CSV, XLSX and PDF files, held in memory while their page is open) is
  served only to a request carrying a current sign-in cookie; without one it is 403, so an
  export URL copied out of a page, a proxy log or the browser history gives nothing.
- `/_stcore/metrics` (session counts, cache and memory figures) is not answered at all (404).
"""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from pora_dash.access import websession
from pora_dash.config import settings
from pora_dash.store import db

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


def _signed_in(token: str | None) -> bool:
    with db.session_scope() as session:
        return websession.is_valid(session, token, settings().session_idle_minutes)


def _cookie(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            try:
                jar = SimpleCookie(value.decode("latin-1"))
            except CookieError:
                return None
            morsel = jar.get(websession.COOKIE)
            return morsel.value if morsel else None
    return None


class Guard:
    """Pure ASGI middleware (no buffering of streams or websockets): see the module text."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    @staticmethod
    def _base() -> str:
        from streamlit import config  # the server's setting, read per request (tests change it)

        base = (config.get_option("server.baseUrlPath") or "").strip("/")
        return f"/{base}" if base else ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            base = self._base()
            path: str = scope.get("path", "")
            if path.rstrip("/") == f"{base}/_stcore/metrics":
                await Response(status_code=404, headers=NO_STORE)(scope, receive, send)
                return
            if path.startswith(f"{base}/media/"):
                if not await run_in_threadpool(_signed_in, _cookie(scope)):
                    await Response(status_code=403, headers=NO_STORE)(scope, receive, send)
                    return
        await self.app(scope, receive, send)
