"""What a kind of import is: its columns, its row model, and its three steps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from pora_dash.importing.plan import Actor, Context, Plan, Progress
from pora_dash.importing.rows import Column, Row


@dataclass(frozen=True)
class Kind:
    """One kind of list an agency sends (persons, sites, incidents, meetings).

    - `columns`: the file's columns, in template order, with their Indonesian headers;
    - `row`: the pydantic model one row is validated with;
    - `resolve(ctx, number, row)`: the row's references (agency, region, site) checked and
      turned into a `Record` of the plan, or problems;
    - `diff(session, plan, actor)`: the plan's records compared with the database;
    - `write(session, plan, actor, progress)`: the plan written (inside the import's one
      transaction);
    - `min_level`: the coarsest region a row may name (3 = kecamatan);
    - `template`: the template's file name (without .csv/.xlsx).
    """

    name: str
    template: str  # the file name of its template, without .csv/.xlsx
    min_level: int
    columns: tuple[Column, ...]
    row: type[Row]
    resolve: Callable[[Context, int, Any], None]
    diff: Callable[[Session, Plan, Actor], None]
    write: Callable[[Session, Plan, Actor, Progress | None], None]
