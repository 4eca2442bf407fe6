"""`python -m pora_dash brief --region 33.29 --period 2024-07 [--out DIR] [--lang id|en]
[--as USERNAME]`: write the brief's PDF and workbook, audited like a download.

Refused input (unknown region, a region outside the user's scope, a bad period, an unknown or
disabled user) gets an Indonesian message and exit code 2, and writes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import select

from pora_dash import clock
from pora_dash.access import auth
from pora_dash.access.permissions import can
from pora_dash.access.scope import Scope
from pora_dash.brief import BriefError, check_region, file_stem, gather, parse_period
from pora_dash.brief.pdf import render_pdf
from pora_dash.brief.workbook import render_workbook
from pora_dash.i18n import DEFAULT_LANG, t
from pora_dash.present.disclosure import exact_access
from pora_dash.store import db
from pora_dash.store.models import User

CLI_LANG = "id"  # messages of the command line, like the other commands


def _refuse(key: str, **values: object) -> int:
    print(t(key, CLI_LANG, **values), file=sys.stderr)
    return 2


def write_brief(
    *,
    region: str,
    period: str,
    out: Path,
    lang: str | None,
    as_user: str | None,
    internal: bool = False,
) -> int:
    """Write the brief's two files; `internal` (exact counts, TERBATAS) only for a team
    member named with `as_user`."""
    today = clock.today()
    try:
        chosen_period = parse_period(period, today=today)
    except BriefError as exc:
        return _refuse(exc.key, **exc.values)
    with db.session_scope() as session:
        scope, username, role = Scope.national(), None, None
        if as_user:
            user = session.scalar(select(User).where(User.username == as_user))
            if user is None or not user.is_active or not can(user.role, "aggregates"):
                return _refuse("brief.cli.unknown_user", username=as_user)
            scope, username, role = auth.scope_of(session, user), user.username, user.role
            lang = lang or user.language
        if internal and (role is None or not exact_access(role)):
            return _refuse("brief.cli.internal_refused")
        try:
            code = check_region(region, scope)
        except BriefError as exc:
            return _refuse(exc.key, **exc.values)
        brief = gather(
            session,
            region=code,
            period=chosen_period,
            scope=scope,
            lang=lang or DEFAULT_LANG,
            today=today,
            internal=internal,
        )
        files = {".pdf": render_pdf(brief), ".xlsx": render_workbook(brief)}
        stem = file_stem(code, chosen_period)
        try:
            out.mkdir(parents=True, exist_ok=True)
            for suffix, data in files.items():
                (out / f"{stem}{suffix}").write_bytes(data)
        except OSError as exc:
            print(
                t("brief.cli.write_failed", CLI_LANG, path=out, error=exc.strerror), file=sys.stderr
            )
            return 1
        for suffix in files:
            auth.audit(
                session,
                "export",
                username=username,
                target=f"{stem}{suffix}",
                via="cli",
                region=code,
                period=chosen_period.code,
                variant="internal" if internal else "protected",
            )
    for suffix in files:
        print(t("brief.cli.written", CLI_LANG, path=out / f"{stem}{suffix}"))
    return 0
