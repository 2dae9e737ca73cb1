"""Keep the stored deadline history of an item in step with its facts.

The pure rules (tracker.domain.deadlines) decide; this module feeds them the facts from
the database and writes the resulting periods back, in the caller's transaction.
"""
from __future__ import annotations

from datetime import date

from sqlmodel import Session, delete, select

from ..domain.calendar import Recess as RecessFact, RecessCalendar
from ..domain.deadlines import (Assessment, DelayFact, ItemFacts, OverrideFact, Schedule, assess,
                                schedule)
from ..domain.dutch import format_date, parse_term
from ..domain.workflow import workflow_for
from ..models import OPEN_END, DeadlineOverride, DeadlinePeriod, DelayNotice, Recess, TrackedItem
from .audit import record


def load_calendar(session: Session) -> RecessCalendar:
    """Every recess users entered (a small table, read whole)."""
    rows = session.exec(select(Recess)).all()
    return RecessCalendar(RecessFact(r.chamber, r.name, r.start, r.end) for r in rows)


def facts_for(session: Session, item: TrackedItem, delays=None, overrides=None) -> ItemFacts:
    """The facts the deadline rules need, read from the item and its notices and overrides."""
    if delays is None:
        delays = session.exec(select(DelayNotice).where(DelayNotice.item_id == item.id)).all()
    if overrides is None:
        overrides = session.exec(select(DeadlineOverride).where(DeadlineOverride.item_id == item.id)
                                 .order_by(DeadlineOverride.id)).all()
    workflow = workflow_for(item.kind)
    return ItemFacts(
        kind=item.kind, chamber=item.chamber, start=item.start_date,
        term=parse_term(item.term) if item.term else None,
        deadline=item.deadline_date, deadline_phrase=item.deadline_phrase,
        delays=tuple(DelayFact(d.sent_on, d.promised_date) for d in sorted(delays, key=lambda d: (d.sent_on, d.id or 0))),
        overrides=tuple(OverrideFact(o.effective_from, o.due, o.reason, o.created_by) for o in overrides),
        obligation=item.status not in workflow.no_obligation,
        closed_on=item.closed_on, closed_kind=item.closed_kind,
    )


def period_rows(item_id: int, plan: Schedule, closed_on: date | None) -> list[dict]:
    """The deadline_period rows of a schedule: each active until the next period or the closing date."""
    rows = []
    for period in plan.periods:
        ends = [d for d in (period.valid_until, closed_on) if d is not None]
        rows.append(dict(item_id=item_id, active_from=period.valid_from, active_until=min(ends, default=OPEN_END),
                         valid_until=period.valid_until, due=period.due, rule=period.rule,
                         explanation=period.explanation, first_delay_on=period.first_delay_on,
                         first_delay_days_late=period.first_delay_days_late))
    return rows


def rebuild(session: Session, item: TrackedItem, actor: str, calendar: RecessCalendar | None = None,
            note: str | None = None, facts: ItemFacts | None = None, effective_on: date | None = None) -> Schedule:
    """Recompute the item's deadline history, store it, and audit a change of due date."""
    facts = facts or facts_for(session, item)
    plan = schedule(facts, calendar=calendar if calendar is not None else load_calendar(session))
    if item.id is not None:
        session.exec(delete(DeadlinePeriod).where(DeadlinePeriod.item_id == item.id))
    session.flush()
    if item.archived_at is None:
        session.add_all(DeadlinePeriod(**row) for row in period_rows(item.id, plan, item.closed_on))
    current = plan.current
    old_due = item.due_date
    item.due_date = current.due if current else None
    item.due_rule = current.rule if current else None
    item.due_explanation = current.explanation if current else None
    item.due_problem = plan.problem
    if old_due != item.due_date and item.id is not None:
        record(session, item, actor, "termijn", field="due_date",
               old=format_date(old_due) if old_due else None,
               new=format_date(item.due_date) if item.due_date else None,
               note=note or (current.explanation if current else "geen termijn meer"), effective_on=effective_on)
    return plan


def assess_item(session: Session, item: TrackedItem, on: date) -> tuple[Assessment, Schedule]:
    """How one item stands on day `on`, with its whole deadline history."""
    facts = facts_for(session, item)
    plan = schedule(facts, calendar=load_calendar(session))
    return assess(facts, plan, on), plan
