"""Both languages are complete: every key the code asks for exists in Indonesian and English,
and the two catalogs have the same keys and the same placeholders."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest

from pora_dash.filters import AGE_GROUPS
from pora_dash.i18n import catalog, country_name, fmt_date, fmt_int, fmt_pct, fmt_signed
from pora_dash.importing.kinds import COLUMNS
from pora_dash.importing.review import SEPARATOR_NAMES
from pora_dash.present.glossary import TERMS
from pora_dash.reads import quality
from pora_dash.reads.attention import COMPONENTS
from pora_dash.reads.stability import COMPARISON_METRICS, FINDING_TYPES
from pora_dash.render.mapview import METRICS
from pora_dash.store import models

ROOT = Path(__file__).resolve().parents[2]
LITERAL_KEY = re.compile(r"""\b(?:tr|t)\(\s*["']([a-z_]+(?:\.[A-Za-z0-9_]+)+)["']""")

# keys built from values at run time, e.g. tr(f"status.{s}")
DYNAMIC = {
    "status": models.UNHCR_STATUSES,
    "accommodation": models.ACCOMMODATIONS,
    "lifecycle": models.LIFECYCLES,
    "sex": models.SEXES,
    "age": AGE_GROUPS,
    "role": models.ROLES,
    "action.status": models.ACTION_STATUSES,
    "meeting.level": models.MEETING_LEVELS,
    "incident": models.INCIDENT_KINDS,
    "severity": ("1", "2", "3"),
    "map.metric": METRICS,
    "home.top_areas": ("1", "2", "3"),
    "operation": models.OPERATION_KINDS,
    "event": models.EVENT_KINDS,
    "finding": FINDING_TYPES,
    "comparison": COMPARISON_METRICS,
    "attention.component": COMPONENTS,
    "attention.level": ("2", "3"),
    "glossary": tuple(f"{term}.{part}" for term in TERMS for part in ("term", "text")),
    "import.kind": models.IMPORT_KINDS,
    "import.kind_help": models.IMPORT_KINDS,
    "import.method": ("code", "name", "similar"),
    "import.help": tuple(c.field for cols in COLUMNS.values() for c in cols),
    "quality.field": quality.FIELDS,
    "quality.status": models.IMPORT_STATUSES,
    "import.sep": tuple(SEPARATOR_NAMES.values()),
}


def used_keys() -> set[str]:
    keys: set[str] = set()
    for path in [*ROOT.glob("pora_dash/**/*.py"), *ROOT.glob("app_pages/*.py"), ROOT / "app.py"]:
        keys |= set(LITERAL_KEY.findall(path.read_text(encoding="utf-8")))
    for prefix, values in DYNAMIC.items():
        keys |= {f"{prefix}.{v}" for v in values}
    return keys


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_used_key_exists(lang: str) -> None:
    missing = sorted(k for k in used_keys() if k not in catalog(lang))
    assert not missing, f"missing in {lang}.json: {missing}"


def test_catalogs_have_the_same_keys_and_placeholders() -> None:
    ind, eng = catalog("id"), catalog("en")
    assert set(ind) == set(eng)

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    different = [k for k in ind if fields(ind[k]) != fields(eng[k])]
    assert not different


def test_no_empty_strings() -> None:
    for lang in ("id", "en"):
        assert all(v.strip() for v in catalog(lang).values())


@pytest.mark.parametrize(
    ("lang", "number", "share", "date", "country"),
    [
        ("id", "12.295", "3,5%", "17 Juli 2024", "Afganistan"),
        ("en", "12,295", "3.5%", "17 July 2024", "Afghanistan"),
    ],
)
def test_formats(lang: str, number: str, share: str, date: str, country: str) -> None:
    assert fmt_int(12295, lang) == number
    assert fmt_pct(0.035, lang) == share
    assert fmt_date(dt.date(2024, 7, 17), lang) == date
    assert country_name("AFG", lang) == country


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [(15, "id", "+15"), (-1485, "id", "−1.485"), (-1485, "en", "−1,485"), (0, "id", "0")],
)
def test_a_difference_has_its_sign_and_the_typographic_minus(value, lang, shown) -> None:
    assert fmt_signed(value, lang) == shown
    assert "-" not in fmt_signed(value, lang)  # never the hyphen on a screen
