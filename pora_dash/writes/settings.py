"""Settings an administrator changes in the app (the attention table's weights), validated, audited, and followed by a data-version bump so every cached page refreshes."""

from __future__ import annotations

import json
from collections.abc import Mapping

from sqlalchemy.orm import Session

from pora_dash.access import auth
from pora_dash.reads.attention import SETTING_KEY, load_weights, validate_weights
from pora_dash.store import db
from pora_dash.store.models import (
    Setting,
)


def save_weights(session: Session, weights: Mapping[str, object], *, username: str) -> None:
    """Store new weights (validated), audit the change, refresh every cached page."""

    clean = validate_weights(weights)
    old = load_weights(session)
    row = session.get(Setting, SETTING_KEY)
    if row is None:
        session.add(Setting(key=SETTING_KEY, value=json.dumps(clean), updated_by=username))
    else:
        row.value, row.updated_by = json.dumps(clean), username
    auth.audit(session, "attention_weights", username=username, old=old, new=clean)
    db.bump_data_version(session)
