"""Errors the ways in (CLI, web, import) turn into clear Dutch messages."""
from __future__ import annotations

from dataclasses import dataclass


class TrackerError(Exception):
    """Base for every error with a message meant for the user."""


class NotFound(TrackerError):
    pass


class Conflict(TrackerError):
    """Someone else changed the item since it was read (optimistic locking)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input: where (row, column/field) and what."""

    message: str
    field: str | None = None
    row: int | None = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.field:
            where.append(f"kolom '{self.field}'" if self.row is not None else self.field)
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ValidationError(TrackerError):
    """Input with one or more problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class Forbidden(TrackerError):
    """The acting user may not make this write (tracker.authz); nothing was written."""
