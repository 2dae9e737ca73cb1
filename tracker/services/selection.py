"""Actions on a selection of items from a list (assign a behandelaar, follow, change the status).

Each item goes through the same service call as its single write on the item page, so tracker.authz decides per
item, the workflow refuses per item (a status that needs facts too) and each change is audited on its item as if
made alone. The batch is all or nothing: the caller's one transaction, and when any item is refused this raises
Refused naming every refused item, so the transaction rolls back and nothing is written."""
from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from .. import authz
from ..authz import Actor
from ..domain.workflow import WorkflowError, label, workflow_for
from ..errors import Conflict, Forbidden, NotFound, Problem, ValidationError
from ..models import TrackedItem, User
from . import items, people

ACTIONS = ("behandelaar", "volgen", "status")
MAX_SELECTED = 200  # a list page shows 50; a few pages' worth is a selection, more is an import


@dataclass(frozen=True)
class RefusedItem:
    item_id: int
    name: str  # "kamervragen 2025Z17001"
    reason: str


class Refused(ValidationError):
    """One or more items of the selection were refused; nothing of the selection was written."""

    def __init__(self, refused: list[RefusedItem]):
        self.refused = refused
        super().__init__([Problem(r.reason, r.name) for r in refused])


@dataclass
class Outcome:
    changed: list[int]  # the items that changed (an item already as asked is not counted)
    unchanged: list[int]


def apply(session: Session, actor: Actor, user_id: int, item_ids: list[int], action: str, *,
          behandelaar_id: int | None = None, target: str | None = None, note: str | None = None) -> Outcome:
    """Do action on every item in item_ids, in the caller's transaction; Refused (nothing to keep) when any item
    may not, or cannot, be changed so.

    behandelaar: behandelaar_id (None: nobody) becomes each item's behandelaar (as the edit form; they follow it).
    volgen: user_id follows each item. status: each item moves to target (as the item page's status form; a
    status that needs an uitstelbericht or an answer is refused, naming the form that records it)."""
    authz.require_actor(actor)
    if action not in ACTIONS:
        raise ValidationError([Problem(f"onbekende actie '{action}'; kies {', '.join(ACTIONS)}", "actie")])
    wanted = list(dict.fromkeys(item_ids))
    if not wanted:
        raise ValidationError([Problem("kies ten minste één item in de lijst", "item")])
    if len(wanted) > MAX_SELECTED:
        raise ValidationError([Problem(f"hoogstens {MAX_SELECTED} items tegelijk ({len(wanted)} gekozen)", "item")])
    if action == "status" and not target:
        raise ValidationError([Problem("kies een nieuwe status", "status")])
    if action == "behandelaar":  # the ministry's own field: a role that never writes it is refused as a whole
        authz.authorize_fields(actor, ["behandelaar_id"])
    behandelaar = session.get(User, behandelaar_id) if behandelaar_id else None
    if behandelaar_id and behandelaar is None:
        raise ValidationError([Problem("deze behandelaar bestaat niet", "behandelaar")])
    refused: list[RefusedItem] = []
    outcome = Outcome([], [])
    for item_id in wanted:
        item = session.get(TrackedItem, item_id)
        if item is None:
            refused.append(RefusedItem(item_id, f"item {item_id}", "bestaat niet"))
            continue
        name = f"{item.kind} {item.nummer}"
        before = (item.behandelaar_id, item.status, people.is_following(session, user_id, item_id))
        try:
            if action == "behandelaar":
                items.update_item(session, item, {"behandelaar_id": behandelaar_id}, actor)
            elif action == "status":
                if item.status == target:
                    outcome.unchanged.append(item_id)
                    continue
                items.change_status(session, item, target, actor, note=note)
            else:
                authz.refuse_archived(item, "volgen")  # following is reading: every signed-in user may
                people.follow(session, user_id, item_id)
        except (Forbidden, NotFound, ValidationError, WorkflowError, Conflict) as error:
            reason = _reason(error)  # the list names the item already: "hoort bij OCW; …", not "kamervragen X hoort …"
            refused.append(RefusedItem(item_id, name, reason[len(name) + 1:] if reason.startswith(name + " ") else reason))
            continue
        after = (item.behandelaar_id, item.status, True if action == "volgen" else before[2])
        (outcome.changed if after != before else outcome.unchanged).append(item_id)
    if refused:
        raise Refused(refused)
    return outcome


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(p.message for p in error.problems)
    return str(error)


def status_choices(kind: str) -> list[tuple[str, str]]:
    """The statuses a selection may be moved to: every status some transition of the kind reaches without facts
    to record (an uitstelbericht, an answer); whether each item may go there is decided per item."""
    workflow = workflow_for(kind)
    seen: dict[str, str] = {}
    for t in workflow.transitions:
        if workflow.recorded_by(t.target) is None and not t.needs_document:
            seen.setdefault(t.target, label(t.target))
    return list(seen.items())
