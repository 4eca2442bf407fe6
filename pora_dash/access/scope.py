"""A user's scope: the regions whose data they may see (each with everything below it).

The query layer turns a scope into a WHERE clause, so every page, export and CLI call is
limited the same way. `Scope.national()` is the whole country.

>>> Scope.of(["33.29"]).allows("33.29.05"), Scope.of(["33.29"]).allows("31.71")
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pora_dash.geo import reference


@dataclass(frozen=True)
class Scope:
    codes: frozenset[str] | None  # None = the whole country

    @classmethod
    def national(cls) -> Scope:
        return cls(None)

    @classmethod
    def of(cls, codes: Iterable[str]) -> Scope:
        return cls(frozenset(codes))

    @property
    def is_national(self) -> bool:
        return self.codes is None

    def allows(self, code: str) -> bool:
        """True when `code` lies inside (or is) one of the scope's regions."""
        if self.codes is None:
            return True
        return any(code == c or code.startswith(c + ".") for c in self.codes)

    def covers_part_of(self, code: str) -> bool:
        """True when some of the region `code` is visible (it contains a scope region)."""
        if self.codes is None:
            return True
        return any(c == code or c.startswith(code + ".") for c in self.codes) or self.allows(code)

    def key(self) -> str:
        """A stable string for cache keys."""
        return "*" if self.codes is None else ",".join(sorted(self.codes))

    def narrow(self, code: str | None) -> str | None:
        """The region to show when `code` is asked for: itself when allowed; the one scope
        region inside it when there is exactly one (a Brebes user choosing Jawa Tengah gets
        Brebes); None when nothing of it is visible or several scope regions lie inside it.

        >>> Scope.of(["33.29"]).narrow("33"), Scope.of(["33.29"]).narrow("31")
        ('33.29', None)
        """
        if code is None:
            return self.home()
        if self.allows(code):
            return code
        inside = sorted(c for c in self.codes or () if c.startswith(code + "."))
        return inside[0] if len(inside) == 1 else None

    def home(self) -> str | None:
        """Where a user starts: their region when they have exactly one, else the nation."""
        if self.codes is not None and len(self.codes) == 1:
            return next(iter(self.codes))
        return None


def regions_to_record_in(base: str | None, scope: Scope) -> list[str]:
    """Where a user may record something (a meeting) while looking at `base`: the region and
    its parts, or the user's own regions, or every province for a national user; only those
    inside the scope."""
    if base:
        candidates = [base, *reference.children(base)]
    else:
        candidates = sorted(scope.codes) if scope.codes else reference.children(None)
    return [c for c in candidates if scope.allows(c)]
