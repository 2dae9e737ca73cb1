"""Who may do what: one place, checked on the server for every write (never only by hiding buttons).

- officer (beleidsmedewerker): creates and edits the items of their own ministry, records
  uitstelberichten and answers, writes the stand van zaken, moves statuses.
- griffie: sees everything, corrects deadlines and statuses (always with a note), cannot archive.
- admin: everything, including reference data and users.
- viewer: reads only.
"""
from __future__ import annotations

from typing import Protocol

ITEM_ACTIONS = ("create", "edit", "record", "status", "override", "archive", "import")

_ROLE_ACTIONS = {
    "admin": set(ITEM_ACTIONS) | {"admin"},
    "officer": {"create", "edit", "record", "status", "import"},
    "griffie": {"status", "override"},
    "viewer": set(),
}
# Actions where the griffie must explain itself in a note.
NOTE_REQUIRED_FOR = {"griffie": {"status", "override"}}


class Actor(Protocol):
    role: str
    ministry_id: int | None


def may(user: Actor | None, action: str, ministry_id: int | None = None) -> bool:
    """True when user may perform action on something of ministry_id (None: not ministry-bound)."""
    if user is None or action not in _ROLE_ACTIONS.get(user.role, set()):
        return False
    if user.role == "officer" and action in ITEM_ACTIONS:
        return ministry_id is not None and ministry_id == user.ministry_id
    return True


def note_required(user: Actor, action: str) -> bool:
    return action in NOTE_REQUIRED_FOR.get(user.role, set())
