"""An item as it stood at the end of a given day: the one answer every letter (voortgangsbrief, rappel) reads.

A letter dated D reports what was true on D, never what happened later: the status of D (from the status events
of the audit trail, each on its effective day), the day it closed and the paper that closed it, the deadline in
force (the deadline history), the uitstelberichten sent by then, and the last stand van zaken written on or
before D (the stand history, tracker.models.ItemStand). A letter dated today and one dated last year differ exactly
by what happened in between.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from .. import clock
from ..db import as_date
from ..domain.workflow import LABELS, REOPENED_AS, reopen_status, workflow_for
from ..models import AuditEvent, DeadlinePeriod, DelayNotice, Document, ItemDocument, ItemStand, TrackedItem

CHUNK = 500  # ids per IN list: far below either backend's parameter limit
CLOSING_ROLES = ("antwoord", "voortgang")


@dataclass(frozen=True)
class Stand:
    text: str
    written_on: date


@dataclass(frozen=True)
class ItemAsOf:
    """What the register knew of an item at the end of `on`."""

    item: TrackedItem
    on: date
    status: str
    closed_on: date | None
    closed_kind: str | None  # "done" | "dropped" | None (open on that day)
    stand: Stand | None  # the last stand for the Kamer written by then; never an intern one
    due: date | None  # the deadline in force that day (or when it closed)
    delays: tuple[DelayNotice, ...]  # uitstelberichten sent by then, oldest first
    closing_document: Document | None  # the paper that closed it, when it was closed by then

    @property
    def is_open(self) -> bool:
        return self.closed_kind is None

    @property
    def last_delay(self) -> DelayNotice | None:
        return self.delays[-1] if self.delays else None


def _day(event: AuditEvent) -> date:
    return event.effective_on or (event.at.date() if isinstance(event.at, datetime) else as_date(str(event.at)[:10]))


def _code(kind: str, text: str | None) -> str | None:
    """A status label from the trail ("in uitvoering") back to its code ("in_uitvoering")."""
    statuses = workflow_for(kind).statuses
    for code in statuses:
        if LABELS.get(code, code) == text or code == text:
            return code
    return None


def _chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _status_on(item: TrackedItem, events: list[AuditEvent], on: date) -> tuple[str, date | None]:
    """(status, the day that status began) at the end of `on`. The closing that is in force now takes the item's
    own closed_on, which a correction (update_closed_on) may have moved from the day the event was recorded."""
    dated = [(_day(e), e.at, e.id, e) for e in events]
    closing_now = item.closed_on is not None and dated and _code(item.kind, dated[-1][3].new) == item.status
    if closing_now:
        last = dated[-1]
        dated[-1] = (as_date(item.closed_on), last[1], last[2], last[3])
    dated.sort(key=lambda d: (d[0], d[1], d[2]))
    applied = [d for d in dated if d[0] <= on]
    if applied:
        return _code(item.kind, applied[-1][3].new) or item.status, applied[-1][0]
    if dated:
        return _code(item.kind, dated[0][3].old) or workflow_for(item.kind).initial, None
    # no status in the trail (an item inserted in bulk with its status): its closing day still tells whether it
    # was closed then; if not, it was in the open status its work continues in
    workflow = workflow_for(item.kind)
    if item.closed_on and workflow.closed_kind(item.status):
        if as_date(item.closed_on) <= on:
            return item.status, as_date(item.closed_on)
        return reopen_status(item.kind, item.status), None
    return item.status, None


def _closing_day(item: TrackedItem, events: list[AuditEvent], on: date, status: str) -> date | None:
    """The day a closed status began: the first of the run of closed statuses that ends at `on`."""
    workflow = workflow_for(item.kind)
    dated = sorted(((_day(e), e.at, e.id, e) for e in events), key=lambda d: (d[0], d[1], d[2]))
    if item.closed_on is not None and dated and _code(item.kind, dated[-1][3].new) == item.status:
        dated[-1] = (as_date(item.closed_on),) + dated[-1][1:]
        dated.sort(key=lambda d: (d[0], d[1], d[2]))
    day = None
    for when, _at, _id, event in dated:
        if when > on:
            break
        closed = workflow.closed_kind(_code(item.kind, event.new) or "")
        if closed and day is None:
            day = when
        elif not closed:
            day = None
    return day if day is not None else (as_date(item.closed_on) if item.closed_on and not dated else None)


def _stand_on(item: TrackedItem, rows: list[ItemStand], on: date) -> Stand | None:
    """The last stand written on or before `on`, for the Kamer: none when that one is intern, nor when its text
    was ever marked intern (marking a stand intern afterwards keeps it from every letter, earlier ones included)."""
    if not rows and item.stand_van_zaken:  # inserted in bulk: its stand is as old as the item
        made = as_date(item.created_at.date() if isinstance(item.created_at, datetime) else item.created_at)
        rows = [ItemStand(item_id=item.id, written_on=made or on, text=item.stand_van_zaken,
                          intern=bool(item.stand_intern), created_by="register")]
    secret = {r.text for r in rows if r.intern}
    written = [r for r in sorted(rows, key=lambda r: (as_date(r.written_on), r.id or 0)) if as_date(r.written_on) <= on]
    if not written:
        return None
    last = written[-1]
    if last.intern or not (last.text or "").strip() or last.text in secret:
        return None
    return Stand(last.text.strip(), as_date(last.written_on))


def _due_on(item: TrackedItem, periods: list[DeadlinePeriod], on: date) -> date | None:
    if not periods:
        return as_date(item.due_date)
    started = [p for p in periods if as_date(p.active_from) <= on]
    if not started:
        return None
    current = [p for p in started if on < as_date(p.active_until)]
    chosen = (current or sorted(started, key=lambda p: (as_date(p.active_from), p.id)))[-1]
    return as_date(chosen.due)


def items_as_of(session: Session, items: list[TrackedItem], on: date) -> dict[int, ItemAsOf]:
    """Each item as it stood at the end of `on`, in a handful of queries whatever the number of items."""
    ids = [i.id for i in items]
    events: dict[int, list[AuditEvent]] = {i: [] for i in ids}
    stands: dict[int, list[ItemStand]] = {i: [] for i in ids}
    periods: dict[int, list[DeadlinePeriod]] = {i: [] for i in ids}
    delays: dict[int, list[DelayNotice]] = {i: [] for i in ids}
    papers: dict[int, list[Document]] = {i: [] for i in ids}
    for chunk in _chunks(ids):
        for event in session.exec(select(AuditEvent).where(AuditEvent.item_id.in_(chunk), AuditEvent.field == "status")
                                  .order_by(AuditEvent.at, AuditEvent.id)):
            events[event.item_id].append(event)
        for row in session.exec(select(ItemStand).where(ItemStand.item_id.in_(chunk))):
            stands[row.item_id].append(row)
        for period in session.exec(select(DeadlinePeriod).where(DeadlinePeriod.item_id.in_(chunk))):
            periods[period.item_id].append(period)
        for notice in session.exec(select(DelayNotice).where(DelayNotice.item_id.in_(chunk))
                                   .order_by(DelayNotice.sent_on, DelayNotice.id)):
            if as_date(notice.sent_on) <= on:
                delays[notice.item_id].append(notice)
        for item_id, document in session.exec(
                select(ItemDocument.item_id, Document).join(Document, Document.id == ItemDocument.document_id)
                .where(ItemDocument.item_id.in_(chunk), ItemDocument.role.in_(CLOSING_ROLES))):
            papers[item_id].append(document)
    found = {}
    for item in items:
        status, _since = _status_on(item, events[item.id], on)
        workflow = workflow_for(item.kind)
        if not events[item.id] and status == workflow.delay_status and not delays[item.id]:
            status = REOPENED_AS.get(item.kind, workflow.initial)  # its uitstelbericht came later
        closed_kind = workflow_for(item.kind).closed_kind(status)
        closed_on = _closing_day(item, events[item.id], on, status) if closed_kind else None
        document = None
        if closed_kind == "done" and closed_on:
            dated = [d for d in papers[item.id] if as_date(d.dagtekening) and as_date(d.dagtekening) <= closed_on]
            document = max(dated, key=lambda d: (as_date(d.dagtekening), d.id)) if dated else None
        found[item.id] = ItemAsOf(item, on, status, closed_on, closed_kind, _stand_on(item, stands[item.id], on),
                                  _due_on(item, periods[item.id], on), tuple(delays[item.id]), document)
    return found


def item_as_of(session: Session, item: TrackedItem, on: date) -> ItemAsOf:
    """This item as it stood at the end of `on`."""
    return items_as_of(session, [item], on)[item.id]


def as_it_is(item: TrackedItem, on: date | None = None) -> ItemAsOf:
    """The item as its row says it is now, without its history (for a view built with no database at hand)."""
    closed_kind = workflow_for(item.kind).closed_kind(item.status)
    stand = (Stand(item.stand_van_zaken.strip(), as_date(item.updated_at.date()) if isinstance(item.updated_at, datetime)
                   else on or clock.today())
             if item.stand_van_zaken and item.stand_van_zaken.strip() and not item.stand_intern else None)
    return ItemAsOf(item, on or date.max, item.status, as_date(item.closed_on) if closed_kind else None, closed_kind,
                    stand, as_date(item.due_date), (), None)
