"""The audit trail: one row per change, written in the same transaction as the change."""
from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from ..models import AuditEvent, TrackedItem


def record(session: Session, item: TrackedItem | None, actor: str, action: str, *, field: str | None = None,
           old=None, new=None, note: str | None = None, effective_on: date | None = None) -> AuditEvent:
    """Add one audit event (never updated or deleted afterwards)."""
    event = AuditEvent(item_id=item.id if item is not None else None, actor=actor, action=action,
                       field=field, old=None if old is None else str(old),
                       new=None if new is None else str(new), note=note, effective_on=effective_on)
    session.add(event)
    return event


def trail(session: Session, item_id: int) -> list[AuditEvent]:
    """Every event of an item, oldest first."""
    return list(session.exec(select(AuditEvent).where(AuditEvent.item_id == item_id)
                             .order_by(AuditEvent.at, AuditEvent.id)).all())
