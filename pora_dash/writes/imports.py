"""What the imports page writes beside an import itself (which `importing` records): the audit
entry of a template download."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pora_dash.access.auth import audit


def record_template_download(session: Session, *, username: str, name: str) -> None:
    audit(session, "template_download", username=username, target=name)
