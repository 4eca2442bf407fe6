"""The query parameters of the API: the pages' filters, parsed and fitted to the caller's scope
exactly as the pages do, and the API's own few (format, hxl, lang, level, dry_run).

A filter value the pages would ignore with a notice (`wn=XXX`, a date out of range) is ignored
the same way here and its notice comes back in `warnings`; so does a region outside the scope,
which is replaced as on the pages (the user's one region, or the nation of their scope). A
parameter the API does not know, or a bad value of the API's own parameters, is refused (400):
a system that misspells a parameter should hear about it, not get other figures.

>>> from pora_dash.access.scope import Scope
>>> q = parse({"wilayah": "31", "wn": "AFG"}, Scope.of(["33.29"]))
>>> q.filters.wilayah, q.filters.nationalities, [w.key for w in q.warnings]
('33.29', ('AFG',), ['notice.out_of_scope'])
>>> parse({"wilayah": "31", "format": "pdf"}, Scope.national()).errors[0].key
'api.bad_value'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pora_dash import filters as filter_state
from pora_dash.access.scope import Scope
from pora_dash.filters import Filters
from pora_dash.i18n import DEFAULT_LANG, LANGS, t

FORMATS = ("json", "csv")
FLAGS = ("0", "1")
OWN_PARAMS = ("format", "hxl", "lang")
LEVELS = (1, 2, 3)


@dataclass(frozen=True)
class Note:
    """A notice or an error: i18n key, the parameter and its value."""

    key: str
    param: str
    value: str

    def as_json(self, lang: str) -> dict[str, str]:
        message = t(self.key, lang, param=self.param, value=self.value)
        return {"param": self.param, "value": self.value, "message": message}


@dataclass(frozen=True)
class Query:
    filters: Filters
    lang: str = DEFAULT_LANG
    format: str = "json"
    hxl: bool = False
    extra: dict[str, str] = field(default_factory=dict)  # an endpoint's own parameters
    warnings: list[Note] = field(default_factory=list)
    errors: list[Note] = field(default_factory=list)


def fit_to_scope(filters: Filters, scope: Scope) -> tuple[Filters, list[Note]]:
    """The region fitted to the scope as the pages fit it (ui.session.page_filters): kept when
    allowed; narrowed to the one scope region inside it; kept when several lie inside; else
    dropped with a notice for the user's home region (their one region, or their scope)."""
    asked = filters.wilayah
    shown = scope.narrow(asked)
    notes: list[Note] = []
    if asked and shown is None:
        if scope.covers_part_of(asked):
            shown = asked  # several of the user's regions lie inside it
        else:
            notes.append(Note("notice.out_of_scope", "wilayah", asked))
            shown = scope.home()
    return filters.with_region(shown), notes


def _one(params: Mapping[str, str | list[str]], name: str, default: str) -> str:
    value = params.get(name, default)
    return (value[-1] if isinstance(value, list) else value).strip()


def parse(params: Mapping[str, str | list[str]], scope: Scope, own: Sequence[str] = ()) -> Query:
    """Parse and check `params` for a caller with `scope`; `own` names the endpoint's own
    parameters (returned as text in `extra`, checked by the endpoint)."""
    errors = [
        Note("api.unknown_param", name, _one(params, name, ""))
        for name in params
        if name not in (*filter_state.FILTER_PARAMS, *OWN_PARAMS, *own)
    ]
    lang = _one(params, "lang", DEFAULT_LANG)
    fmt = _one(params, "format", "json")
    hxl = _one(params, "hxl", "0")
    for name, value, allowed in (("lang", lang, LANGS), ("format", fmt, FORMATS)):
        if value not in allowed:
            errors.append(Note("api.bad_value", name, value))
    if hxl not in FLAGS:
        errors.append(Note("api.bad_value", "hxl", hxl))
    asked = {k: v for k, v in params.items() if k in filter_state.FILTER_PARAMS}
    filters, notices = filter_state.from_query_params(asked)
    fitted, scope_notes = fit_to_scope(filters, scope)
    return Query(
        filters=fitted,
        lang=lang if lang in LANGS else DEFAULT_LANG,
        format=fmt,
        hxl=hxl == "1",
        extra={name: _one(params, name, "") for name in own if name in params},
        warnings=[Note(*n) for n in notices] + scope_notes,
        errors=errors,
    )


def level_of(query: Query) -> tuple[int | None, Note | None]:
    """The `level` of the counts by area: the parts of the region by default (kecamatan at
    most); an explicit level must lie below the region's own level."""
    raw = query.extra.get("level")
    deepest = max(LEVELS)
    if raw is None or raw == "":
        return min(query.filters.level() + 1, deepest), None
    if not raw.isdigit() or int(raw) not in LEVELS or int(raw) <= query.filters.level():
        return None, Note("api.bad_level", "level", raw)
    return int(raw), None


def flag(query: Query, name: str) -> tuple[bool, Note | None]:
    """An endpoint's own 0/1 parameter (dry_run)."""
    raw = query.extra.get(name, "0")
    if raw not in FLAGS:
        return False, Note("api.bad_value", name, raw)
    return raw == "1", None
