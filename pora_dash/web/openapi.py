"""The OpenAPI 3.1 document of the API (`/api/v1/openapi.json`), made from the endpoint table
in api.py, so a new endpoint is described by adding it there. tests/api checks it with
openapi-spec-validator.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pora_dash.filters import AGE_GROUPS, PERIODS
from pora_dash.store.models import ACCOMMODATIONS, SEXES, UNHCR_STATUSES

EndpointSpec = tuple[str, str, Sequence[str], Sequence[str], bool]  # path, summary, own, cols

FILTERS: list[dict[str, Any]] = [
    {
        "name": "wilayah",
        "description": "Region (Kemendagri code: province, kab/kota or kecamatan). Outside "
        "the token's scope: ignored with a warning, as on the pages.",
        "schema": {"type": "string", "pattern": r"^\d{2}(\.\d{2}){0,2}$"},
        "example": "33.29",
    },
    {
        "name": "wn",
        "description": "Nationalities, ISO 3166 alpha-3, comma-separated",
        "schema": {"type": "string"},
        "example": "AFG,SOM",
    },
    {
        "name": "status",
        "description": "UNHCR statuses, comma-separated: " + ", ".join(UNHCR_STATUSES),
        "schema": {"type": "string"},
    },
    {
        "name": "akomodasi",
        "description": "Accommodations, comma-separated: " + ", ".join(ACCOMMODATIONS),
        "schema": {"type": "string"},
    },
    {"name": "jk", "description": "Sex: " + ", ".join(SEXES), "schema": {"type": "string"}},
    {
        "name": "usia",
        "description": "Age groups: " + ", ".join(AGE_GROUPS),
        "schema": {"type": "string"},
    },
    {
        "name": "tanggal",
        "description": "Reference date (default: today, Asia/Jakarta)",
        "schema": {"type": "string", "format": "date"},
    },
    {
        "name": "periode",
        "description": "Days before the reference date for arrivals and incidents",
        "schema": {"type": "integer", "enum": list(PERIODS)},
    },
]
COMMON: list[dict[str, Any]] = [
    {"name": "format", "schema": {"type": "string", "enum": ["json", "csv"], "default": "json"}},
    {
        "name": "hxl",
        "description": "With format=csv: 1 adds the HXL hashtag row under the header",
        "schema": {"type": "string", "enum": ["0", "1"], "default": "0"},
    },
    {
        "name": "lang",
        "description": "Language of names and messages",
        "schema": {"type": "string", "enum": ["id", "en"], "default": "id"},
    },
]
OWN: dict[str, dict[str, Any]] = {
    "level": {
        "description": "1 provinces, 2 kab/kota, 3 kecamatan; below the level of `wilayah` "
        "(default: its parts)",
        "schema": {"type": "integer", "enum": [1, 2, 3]},
    },
}
COUNT = {
    "oneOf": [
        {"type": "integer", "minimum": 0},
        {"type": "string", "const": "<5"},
    ],
    "description": "A count of people: exact, or for a protected token rounded to 5 ('<5')",
}
NOTE = {
    "type": "object",
    "properties": {
        "param": {"type": "string"},
        "value": {"type": "string"},
        "message": {"type": "string"},
    },
}
ERROR = {
    "type": "object",
    "required": ["status", "error", "message"],
    "properties": {
        "status": {"type": "integer"},
        "error": {"type": "string"},
        "message": {"type": "string"},
        "errors": {"type": "array", "items": {"$ref": "#/components/schemas/Note"}},
    },
}


def _errors(*codes: int) -> dict[str, Any]:
    words = {400: "Bad parameters", 401: "Missing, unknown, expired or revoked token"}
    words |= {403: "Not allowed for this token", 404: "Unknown path or kind"}
    words |= {413: "File too large", 422: "File refused (problems by row and column)"}
    words |= {429: "Too many calls for this token (see Retry-After)"}
    out: dict[str, Any] = {}
    for code in codes:
        schema = "ImportResult" if code == 422 else "Error"
        response: dict[str, Any] = {
            "description": words[code],
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
        }
        if code == 429:
            response["headers"] = {"Retry-After": {"schema": {"type": "integer"}}}
        out[str(code)] = response
    return out


def _param(spec: dict[str, Any]) -> dict[str, Any]:
    return {"in": "query", "required": False, **spec}


def _read(path: str, summary: str, own: Sequence[str], columns: Sequence[str], people: bool):  # type: ignore[no-untyped-def]
    row = {c: (COUNT if people and c in COUNTED else {}) for c in columns}
    data: dict[str, Any] = {"type": "object", "properties": row}
    return {
        "get": {
            "summary": summary,
            "operationId": "get" + "".join(p.title() for p in path.replace("-", "/").split("/")),
            "parameters": [
                *(_param(p) for p in FILTERS),
                *(_param({"name": n, **OWN[n]}) for n in own),
                *(_param(p) for p in COMMON),
            ],
            "responses": {
                "200": {
                    "description": "The figures (JSON), or CSV with format=csv",
                    "content": {
                        "application/json": {
                            "schema": {
                                "allOf": [
                                    {"$ref": "#/components/schemas/Envelope"},
                                    {
                                        "type": "object",
                                        "properties": {
                                            "data": data
                                            if path == "/headline"
                                            else {"type": "array", "items": data}
                                        },
                                    },
                                ]
                            }
                        },
                        "text/csv": {"schema": {"type": "string"}},
                    },
                },
                **_errors(400, 401, 429),
            },
        }
    }


COUNTED = {"count", "active", "refugees", "asylum_seekers", "arrivals", "departures"}
COUNTED |= {"arrivals_30", "arrivals_90", "people"}


def _import(params: Sequence[str], kinds: Sequence[str], limit_mb: int) -> dict[str, Any]:
    words = {
        "dry_run": "1: check the whole file against the database, write nothing",
        "confirm_matches": "1: accept region names matched by a similar spelling",
        "sheet": "Excel sheet (default: the first)",
        "agency": "Source agency code for rows without one",
        "name": "File name to record in the imports table",
        "lang": "Language of the problems (id, en)",
    }
    return {
        "post": {
            "summary": "Import a list (CSV or XLSX body): all rows or none; re-sending "
            "the same file changes nothing",
            "operationId": "postImport",
            "parameters": [
                {
                    "in": "path",
                    "name": "kind",
                    "required": True,
                    "schema": {"type": "string", "enum": list(kinds)},
                },
                *(
                    _param({"name": p, "description": words[p], "schema": {"type": "string"}})
                    for p in params
                ),
            ],
            "requestBody": {
                "required": True,
                "description": f"The file, at most {limit_mb} MB",
                "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                        "schema": {"type": "string", "contentMediaType": "application/zip"}
                    },
                },
            },
            "responses": {
                "200": {
                    "description": "Imported (or, with dry_run=1, would import)",
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/ImportResult"}
                        }
                    },
                },
                **_errors(400, 401, 403, 404, 413, 422, 429),
            },
        }
    }


def document(
    endpoints: Sequence[EndpointSpec],
    import_params: Sequence[str],
    kinds: Sequence[str],
    limit_mb: int,
) -> dict[str, Any]:
    paths = {spec[0]: _read(*spec) for spec in endpoints}
    paths["/imports/{kind}"] = _import(import_params, kinds, limit_mb)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Dasbor PORA API",
            "version": "1",
            "description": "Figures of the PORA Dashboard for the agencies' own systems, and "
            "imports of their lists. Every call acts as the token's user: same scope, role "
            "and disclosure rule; every call is audited and rate-limited per token.",
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"token": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A personal API token made on the profile page (/profil)",
                }
            },
            "schemas": {
                "Note": NOTE,
                "Error": ERROR,
                "Envelope": {
                    "type": "object",
                    "required": ["endpoint", "filters", "as_of", "disclosure", "warnings"],
                    "properties": {
                        "endpoint": {"type": "string"},
                        "filters": {"type": "object"},
                        "as_of": {"type": "string", "format": "date"},
                        "disclosure": {"type": "string", "enum": ["exact", "protected"]},
                        "note": {"type": "string"},
                        "warnings": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Note"},
                        },
                        "total": COUNT,
                        "withheld": {"type": ["object", "null"]},
                    },
                },
                "ImportResult": {
                    "type": "object",
                    "properties": {
                        "kind": {"type": "string"},
                        "dry_run": {"type": "boolean"},
                        "status": {"type": "string", "enum": ["imported", "checked", "refused"]},
                        "rows": {"type": "integer"},
                        "added": {"type": "integer"},
                        "updated": {"type": "integer"},
                        "unchanged": {"type": "integer"},
                        "movements": {"type": "integer"},
                        "problems": {"type": "array", "items": {"type": "object"}},
                    },
                },
            },
        },
    }
