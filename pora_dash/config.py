"""Settings from the environment or `.streamlit/secrets.toml`, validated once at start-up.

Environment variables win over `secrets.toml` (section ``[pora]``), which wins over defaults:

>>> s = load_settings({"PORA_DATABASE_URL": "sqlite:///:memory:"})
>>> s.database_url
'sqlite:///:memory:'
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_DIR / "data" / "pora.db"
ENVIRONMENTS = ("development", "production")
DEV_SECRET = "development-only-secret"  # the production check refuses it


class ConfigError(ValueError):
    """A setting is missing or malformed; raised at start-up, before anything is served."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    environment: str = "development"
    session_idle_minutes: int = 30
    tile_url: str | None = None
    tile_attribution: str | None = None
    max_upload_mb: int = 20
    secret_key: str = DEV_SECRET
    # PostgreSQL connection pool of each app process (SQLite ignores these).
    db_pool_size: int = 5
    db_max_overflow: int = 10
    db_pool_timeout: int = 30
    db_pool_recycle: int = 1800
    # API calls per minute and token, in each app process (web/ratelimit.py)
    api_rate_per_minute: int = 120

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _secrets_file() -> Mapping[str, object]:
    path = Path(os.environ.get("PORA_SECRETS_FILE", PROJECT_DIR / ".streamlit" / "secrets.toml"))
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    section = data.get("pora", {})
    return section if isinstance(section, dict) else {}


def _int(raw: object, name: str, low: int, high: int) -> int:
    try:
        value = int(str(raw))
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from exc
    if not low <= value <= high:
        raise ConfigError(f"{name} must be between {low} and {high}, got {value}")
    return value


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read and check the settings; a bad value raises ConfigError naming it."""
    env = os.environ if env is None else env
    secrets = _secrets_file() if env is os.environ else {}

    def get(key: str, default: object = None) -> object:
        return env.get(f"PORA_{key.upper()}", secrets.get(key, default))

    url = str(get("database_url", f"sqlite:///{DEFAULT_SQLITE_PATH}"))
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"PORA_DATABASE_URL is not a database URL: {url!r}") from exc
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigError("PORA_DATABASE_URL must be sqlite:/// or postgresql+psycopg://")
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    environment = str(get("env", "development"))
    if environment not in ENVIRONMENTS:
        raise ConfigError(f"PORA_ENV must be one of {ENVIRONMENTS}, got {environment!r}")
    tile_url = get("tile_url")
    return Settings(
        database_url=url,
        environment=environment,
        session_idle_minutes=_int(get("session_idle_minutes", 30), "session_idle_minutes", 1, 1440),
        tile_url=str(tile_url) if tile_url else None,
        tile_attribution=str(get("tile_attribution")) if get("tile_attribution") else None,
        max_upload_mb=_int(get("max_upload_mb", 20), "max_upload_mb", 1, 200),
        secret_key=str(get("secret_key", DEV_SECRET)),
        db_pool_size=_int(get("db_pool_size", 5), "db_pool_size", 1, 100),
        db_max_overflow=_int(get("db_max_overflow", 10), "db_max_overflow", 0, 100),
        db_pool_timeout=_int(get("db_pool_timeout", 30), "db_pool_timeout", 1, 600),
        db_pool_recycle=_int(get("db_pool_recycle", 1800), "db_pool_recycle", 60, 86400),
        api_rate_per_minute=_int(
            get("api_rate_per_minute", 120), "api_rate_per_minute", 1, 100_000
        ),
    )


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The process's settings (read once)."""
    return load_settings()
