"""UI strings in Bahasa Indonesia (default) and English, and the formats of each language.

>>> fmt_int(12295, "id"), fmt_int(12295, "en")
('12.295', '12,295')
>>> fmt_date(datetime.date(2024, 7, 17), "id")
'17 Juli 2024'
"""

from __future__ import annotations

import datetime
import gettext
import json
from functools import lru_cache
from pathlib import Path

import pycountry
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LANGS = ("id", "en")
DEFAULT_LANG = "id"
_DIR = Path(__file__).resolve().parent

# Shorter or more usual names than ISO's, as Indonesian officials write them.
_COUNTRY_OVERRIDES = {
    "id": {"PSE": "Palestina", "IRN": "Iran", "SYR": "Suriah", "COD": "Kongo (RD)"},
    "en": {"PSE": "Palestine", "IRN": "Iran", "SYR": "Syria", "COD": "Congo (DR)"},
}


@lru_cache(maxsize=2)
def catalog(lang: str) -> dict[str, str]:
    """All strings of one language, read once per process."""
    return json.loads((_DIR / f"{lang}.json").read_text(encoding="utf-8"))


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The string `key` in `lang`, with `{name}` placeholders filled from `values`.

    A key missing in a language is a bug caught by the tests; at run time it falls back to
    Indonesian, then to the key itself, rather than failing a page.
    """
    text = catalog(lang).get(key) or catalog(DEFAULT_LANG).get(key) or key
    return text.format(**values) if values else text


def _locale(lang: str) -> str:
    return "id_ID" if lang == "id" else "en_US"


def fmt_int(value: int | float | None, lang: str = DEFAULT_LANG) -> str:
    if value is None:
        return "–"
    return format_decimal(round(value), locale=_locale(lang))


MINUS = "\u2212"  # the typographic minus of a difference shown to people; files keep "-"


def fmt_signed(value: float, lang: str = DEFAULT_LANG, digits: int | None = None) -> str:
    """A difference as people read it, with the typographic minus: '+15', '−1.485', '0';
    `digits`: a decimal one ('−2,5').

    >>> fmt_signed(15), fmt_signed(-1485), fmt_signed(0), fmt_signed(-2.5, "id", digits=1)
    ('+15', '−1.485', '0', '−2,5')
    """
    if value == 0:
        return "0"
    size = fmt_int(abs(value), lang) if digits is None else fmt_dec(abs(value), lang, digits)
    return ("+" if value > 0 else MINUS) + size


def fmt_dec(value: float | None, lang: str = DEFAULT_LANG, digits: int = 1) -> str:
    if value is None:
        return "–"
    return format_decimal(value, format=f"#,##0.{'0' * digits}", locale=_locale(lang))


def fmt_pct(share: float | None, lang: str = DEFAULT_LANG, digits: int = 1) -> str:
    """A share (0.035) as a percentage ('3,5%' in Indonesian)."""
    if share is None:
        return "–"
    return format_percent(share, format=f"#,##0.{'0' * digits}%", locale=_locale(lang))


def fmt_date(value: datetime.date | None, lang: str = DEFAULT_LANG) -> str:
    if value is None:
        return "–"
    return format_date(value, "d MMMM y", locale=_locale(lang))


def fmt_month(value: datetime.date, lang: str = DEFAULT_LANG) -> str:
    return format_date(value, "MMM y", locale=_locale(lang))


@lru_cache(maxsize=2)
def _country_translation(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


@lru_cache(maxsize=1024)
def country_name(alpha3: str, lang: str = DEFAULT_LANG) -> str:
    """Country name in the language; unknown codes come back as they are."""
    if alpha3 in _COUNTRY_OVERRIDES.get(lang, {}):
        return _COUNTRY_OVERRIDES[lang][alpha3]
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        return alpha3
    if lang == "en":
        return getattr(country, "common_name", None) or country.name
    return _country_translation(lang).gettext(country.name)
