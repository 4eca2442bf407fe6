"""Small functions the generator's layers share: the Placed columns of a region code, short
names and slugs, Indonesian number and date formats, random days and weighted picks."""

from __future__ import annotations

import datetime as dt
import math
import random
import unicodedata
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table

from pora_dash.demo.tables import MONTHS_ID
from pora_dash.store.models import Base


def fmt_date_id(day: dt.date) -> str:
    """17 Juli 2024."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def fmt_int_id(n: int) -> str:
    """12.295."""
    return f"{n:,}".replace(",", ".")


def table_of(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def placed(code: str) -> dict[str, str | None]:
    """The Placed columns for a region code (33.29.05.2001 -> 33, 33.29, 33.29.05)."""
    parts = code.split(".")
    return {
        "region_code": code,
        "province_code": parts[0],
        "kabkota_code": ".".join(parts[:2]) if len(parts) >= 2 else None,
        "kecamatan_code": ".".join(parts[:3]) if len(parts) >= 3 else None,
    }


def short_name(name: str) -> str:
    for prefix in ("Kabupaten Administrasi ", "Kota Administrasi ", "Kabupaten ", "Kota "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


def random_days(rng: random.Random, low: int, high: int) -> dt.timedelta:
    return dt.timedelta(days=rng.randint(low, max(low, high)))


def date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + random_days(rng, 0, (end - start).days)


def time_on(
    day: dt.date, rng: random.Random, first_hour: int = 8, last_hour: int = 17
) -> dt.datetime:
    minute = rng.randint(first_hour * 60, last_hour * 60)
    return dt.datetime.combine(day, dt.time(minute // 60, minute % 60))


def pick_weighted(rng: random.Random, weights: dict[Any, float]) -> Any:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def largest_remainder(weights: Sequence[float], total: int, minimum: int = 1) -> list[int]:
    """Integers proportional to `weights`, each at least `minimum`, summing to `total`."""
    scale = sum(weights)
    raw = [total * w / scale for w in weights]
    counts = [max(minimum, math.floor(r)) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - math.floor(raw[i])), i))
    i = 0
    while sum(counts) < total:
        counts[order[i % len(order)]] += 1
        i += 1
    while sum(counts) > total:
        j = max(range(len(counts)), key=lambda k: (counts[k], -k))
        counts[j] -= 1
    return counts
