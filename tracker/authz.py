"""Who may do what: one place, decided on the server for every write (never only by hiding buttons).

- officer (beleidsmedewerker): creates and edits the items of their own ministry, records
  uitstelberichten and answers, writes the stand van zaken, moves statuses.
- griffie: sees everything and keeps the Kamer's register: registers items of every soort for any ministry
  (form, import, intake), records uitstelberichten and answers as received by the Kamer, corrects any field of an
  item (always with a toelichting) except the ministry's own working data (MINISTRY_FIELDS), corrects deadlines
  and statuses (with a note), reopens; cannot archive, restore, or store a ministry's voortgangsbrief.
- admin: everything, including reference data and users.
- viewer: reads only.

The services that write call `authorize` / `authorize_item` with the acting user on the item the write
touches (its current ministry, and the ministry it would move to), so every door — forms, list import,
intake, open data, CLI, API — passes the same check. The web views may ask `may` first to show or hide
a button or to refuse early; the service's check is the one that holds.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from .errors import Forbidden, NotFound
from .words import ROLE_WORDS, role_in_words

ITEM_ACTIONS = ("create", "edit", "correct", "record", "receive", "status", "override", "reopen", "archive", "import")

# edit: the ministry's own editing (any field; also what stores a voortgangsbrief of that ministry).
# correct: the griffie's correction of a registered item, any field but MINISTRY_FIELDS, always with a toelichting.
# receive: note the date the Kamer received an uitstelbericht or an answer (the griffie's register).
_ROLE_ACTIONS = {
    "admin": set(ITEM_ACTIONS) | {"admin"},
    "officer": {"create", "edit", "record", "status", "import"},
    "griffie": {"create", "correct", "record", "receive", "status", "override", "reopen", "import"},
    "viewer": set(),
}
# The Kamer's own letter to a ministry, the rappel, is made and sent by the griffie (and an admin); not bound to an
# item, so not an item action.
for _role in ("admin", "griffie"):
    _ROLE_ACTIONS[_role].add("rappel")
# Actions where the griffie must explain itself in a note.
NOTE_REQUIRED_FOR = {"griffie": {"status", "override", "correct"}}  # (reopening always needs a reason, whoever does it)
# An item's fields that are the ministry's own working data: who drafts the answer, the ministry's internal
# deadline and the stand van zaken (with its intern mark). Only who may "edit" writes them.
MINISTRY_FIELDS = frozenset({"stand_van_zaken", "stand_intern", "behandelaar_id", "internal_due"})
ACTION_WORDS = {"create": "items aanmaken", "edit": "items wijzigen", "correct": "items corrigeren",
                "record": "uitstelberichten en antwoorden vastleggen",
                "receive": "de ontvangst door de Kamer vastleggen", "status": "statussen wijzigen",
                "override": "termijnen aanpassen",
                "reopen": "afgesloten items heropenen",
                "archive": "items archiveren", "import": "importeren", "admin": "beheren",
                "rappel": "rappelbrieven maken"}


def roles_for(action: str) -> list[str]:
    """Who may do action, in words: ["beleidsmedewerker", "griffie", "beheerder"]."""
    return [ROLE_WORDS[role] for role in ("officer", "griffie", "admin", "viewer") if action in _ROLE_ACTIONS[role]]


def _one_of(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} of {words[-1]}"


def signed_in_as(user: Role) -> str:
    """"U bent ingelogd als beleidsmedewerker van BZK." """
    own = getattr(user, "ministry_code", None)
    return f"U bent ingelogd als {role_in_words(user.role)}{f' van {own}' if user.role == 'officer' and own else ''}."


def why_not(user: Role | None, action: str, ministry_code: str | None = None) -> str:
    """Why user may not do action (on something of ministry_code), in Dutch, for a 403 page: who they are signed in
    as and which role or ministry it needs. Names only the user's own ministry and the one of what they tried to
    change (an item anyone may read), nothing else."""
    role = getattr(user, "role", None)
    if role is None:
        return "U bent niet ingelogd."
    own = getattr(user, "ministry_code", None)
    signed_in = signed_in_as(user)
    needed = roles_for(action)
    what = ACTION_WORDS.get(action, action)
    if action not in _ROLE_ACTIONS.get(role, set()):
        if not needed:
            return f"{signed_in} Dit is voor niemand via deze weg mogelijk."
        return f"{signed_in} {what[0].upper()}{what[1:]} is voorbehouden aan: {_one_of(needed)}."
    if role == "officer":
        where = f"; dit hoort bij {ministry_code}" if ministry_code else ""
        return (f"{signed_in} U kunt {what} alleen voor uw eigen ministerie{f' ({own})' if own else ''}{where}. "
                f"Vraag een beleidsmedewerker van {ministry_code or 'dat ministerie'} of een beheerder.")
    return f"{signed_in} U heeft geen rechten voor deze actie."


class Role(Protocol):
    role: str
    ministry_id: int | None


@dataclass(frozen=True)
class Actor:
    """The user on whose behalf a service writes: the name goes into the audit trail, role and ministry
    decide what they may do."""

    name: str
    role: str
    ministry_id: int | None = None
    ministry_code: str | None = None

    def __str__(self) -> str:
        return self.name


def system(name: str) -> Actor:
    """The operator of the machine (CLI without --door, demo loader, open-data import): every right.
    Whoever runs commands on the server holds the database anyway; the audit trail names them."""
    return Actor(name=name, role="admin")


def may(user: Role | None, action: str, ministry_id: int | None = None) -> bool:
    """True when user may perform action on something of ministry_id (None: not ministry-bound)."""
    if user is None or action not in _ROLE_ACTIONS.get(user.role, set()):
        return False
    if user.role == "officer" and action in ITEM_ACTIONS:
        return ministry_id is not None and ministry_id == user.ministry_id
    return True


def may_pick(user: Role | None, ministry_id: int | None) -> bool:
    """Whether a list page's bulk form offers user the tick box of an item of ministry_id. Its writes (the
    behandelaar, the status) pass the services' `may` per item (tracker.services.selection), which refuses an item
    of another ministry to an officer: the box is offered only where the status may be changed (for an officer the
    same ministries as editing), so an officer ticks only their own ministry's items. A role that writes no item (a
    reader) ticks any item: its form only follows, which is reading. The services' refusal still holds."""
    role = getattr(user, "role", None)
    if role not in _ROLE_ACTIONS:
        return False
    if not _ROLE_ACTIONS[role] & {"edit", "correct", "status"}:
        return True
    return may(user, "status", ministry_id)


def may_read(user: Role | None, ministry_id: int | None) -> bool:
    """Whether user may read something bound to one ministry that is not public to every role: a stored
    voortgangsbrief (an officer: only their own ministry's; the other roles read everything)."""
    if user is None:
        return False
    return user.role != "officer" or (ministry_id is not None and ministry_id == user.ministry_id)


def may_read_behandelaar(user: Role | None) -> bool:
    """Whether user may read who handles an item (the behandelaar): every signed-in role reads it on the item page;
    the public never (tracker.public has no such field), nor a reader of something made for no one (None)."""
    return user is not None and user.role in _ROLE_ACTIONS


def may_read_stand(user: Role | None, ministry_id: int | None, intern: bool) -> bool:
    """Whether user may read an item's stand van zaken. A stand marked intern is the ministry's own working note:
    the officers of the item's ministry and admins read it; the griffie, viewers and other ministries do not (not
    on the item page, not in the API, not in an export made for them), and no letter to the Kamer prints it.
    user None: nobody in particular (an export for no one): an intern stand is left out."""
    if not intern:
        return True
    if user is None:
        return False
    return user.role == "admin" or (user.role == "officer" and ministry_id is not None and ministry_id == user.ministry_id)


def edit_action(user: Role | None) -> str:
    """The action that changes a registered item's fields for this user: the ministry (and an admin) edits, the
    griffie corrects (with a toelichting, not the MINISTRY_FIELDS)."""
    role = getattr(user, "role", None)  # a bare name (no Actor) gets "correct" and is refused by require_actor
    return "edit" if "edit" in _ROLE_ACTIONS.get(role, set()) else "correct"


def may_change(user: Role | None, ministry_id: int | None) -> bool:
    """Whether user may change fields of an item of ministry_id at all (edit or correct)."""
    return may(user, edit_action(user), ministry_id)


def forbidden_fields(user: Role, names) -> list[str]:
    """The fields among names this user may not write (the ministry's working data, for the griffie)."""
    if "edit" in _ROLE_ACTIONS.get(user.role, set()):
        return []
    return sorted(set(names) & MINISTRY_FIELDS)


FIELD_WORDS = {"stand_van_zaken": "de stand van zaken", "stand_intern": "het label intern",
               "behandelaar_id": "de behandelaar", "internal_due": "de interne termijn"}


def authorize_fields(actor: Actor, names) -> None:
    """Raise Forbidden when the write would set one of the ministry's own fields and actor may not."""
    wrong = forbidden_fields(actor, names)
    if wrong:
        raise Forbidden(f"uw rol ({role_in_words(actor.role)}) wijzigt {', '.join(FIELD_WORDS[n] for n in wrong)} niet: "
                        f"dat is het werk van het ministerie")


def note_required(user: Role, action: str) -> bool:
    return action in NOTE_REQUIRED_FOR.get(user.role, set())


def refusal(actor: Actor, action: str, what: str | None = None, owner: str | None = None) -> str:
    """Why actor may not do this, in Dutch: "toezegging T02 hoort bij OCW; u mag alleen items van BZK …"."""
    if action not in _ROLE_ACTIONS.get(actor.role, set()):
        return (f"uw rol ({role_in_words(actor.role)}) mag geen {ACTION_WORDS.get(action, action)}"
                f"{f' (dat mag: {_one_of(roles_for(action))})' if roles_for(action) else ''}")
    own = actor.ministry_code or "uw eigen ministerie"
    if what:
        return f"{what} hoort bij {owner or 'geen ministerie'}; u mag alleen items van {own} wijzigen"
    return f"u mag alleen items van {own} aanmaken of wijzigen (gekozen: {owner or 'geen ministerie'})"


def authorize(actor: Actor, action: str, ministry_id: int | None, owner: str | None = None) -> None:
    """Raise Forbidden unless actor may do action on something of ministry_id (owner: its code, for the message)."""
    require_actor(actor)
    if not may(actor, action, ministry_id):
        raise Forbidden(refusal(actor, action, owner=owner))


def refuse_archived(item, action: str) -> None:
    """An archived item is out of the register: every write to it but restoring it ("archive") is refused, for
    every role and at every door (forms and the API answer 404; import and intake name the row)."""
    if item.archived_at is not None and action != "archive":
        raise NotFound(f"{item.kind} {item.nummer} is gearchiveerd (een admin kan het terugzetten)")


def authorize_item(actor: Actor, action: str, item, owner: str | None = None,
                   target_ministry_id: int | None = None, target_owner: str | None = None,
                   moves: bool = False) -> None:
    """The decision on a write to a registered item: it is not archived (refuse_archived), actor may do action
    on it as it is now (its current ministry), and, when the write moves it (moves=True), on the ministry it
    moves to."""
    require_actor(actor)
    refuse_archived(item, action)
    if not may(actor, action, item.ministry_id):
        raise Forbidden(refusal(actor, action, f"{item.kind} {item.nummer}", owner))
    if moves and not may(actor, action, target_ministry_id):
        raise Forbidden(refusal(actor, action, owner=target_owner))


def require_actor(actor) -> None:
    # A bare name would pass no check at all: a write must say on whose behalf it is made.
    if not isinstance(actor, Actor):
        raise TypeError("a write needs the acting user (tracker.authz.Actor), not a bare name")
