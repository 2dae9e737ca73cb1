"""A griffie's week, from the register alone: what came in, what the griffie registered (with the deadline the
engine computed), and what the ministries recorded that the griffie has not yet processed (no day of receipt)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import or_, select
from sqlmodel import Session

from .. import clock
from ..db import as_date
from ..models import AuditEvent, DelayNotice, Document, ItemDocument, Ministry, TrackedItem, User

UNPROCESSED_WEEKS = 12  # "received but not processed" looks this far back (older papers predate the griffie's register)


@dataclass(frozen=True)
class Line:
    item_id: int
    kind: str
    chamber: str
    nummer: str
    title: str
    ministry: str | None
    what: str  # "uitstelbericht", "antwoord", "geregistreerd"
    on: date | None  # the dagtekening (or the day it was registered)
    received_on: date | None = None
    due: date | None = None
    due_explanation: str | None = None
    by: str | None = None


@dataclass(frozen=True)
class Week:
    start: date  # a Monday
    end: date  # the Sunday after it
    came_in: list[Line]
    registered: list[Line]
    unprocessed: list[Line]


def week_of(day: date) -> tuple[date, date]:
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=6)


def _item_line(item: TrackedItem, codes: dict, what: str, on, received_on=None, by=None) -> Line:
    return Line(item.id, item.kind, item.chamber, item.nummer, item.title, codes.get(item.ministry_id), what,
                as_date(on), as_date(received_on), as_date(item.due_date), item.due_explanation, by)


def griffie_users(session: Session) -> list[str]:
    """The user names of the griffie: their audit name is "naam (griffie)" on the web, "naam (API)" with a token."""
    return list(session.execute(select(User.username).where(User.role == "griffie")).scalars())


def _like_prefix(name: str) -> str:
    return name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + " (%"


def week(session: Session, day: date | None = None) -> Week:
    start, end = week_of(day or clock.today())
    codes = dict(session.execute(select(Ministry.id, Ministry.code)).all())
    live = TrackedItem.archived_at.is_(None)
    # what came in: uitstelberichten and answers the Kamer received this week (by its day of receipt)
    came_in = [_item_line(item, codes, "uitstelbericht", n.sent_on, n.received_on) for n, item in session.execute(
        select(DelayNotice, TrackedItem).join(TrackedItem, TrackedItem.id == DelayNotice.item_id)
        .where(live, DelayNotice.received_on.between(start, end)))]
    came_in += [_item_line(item, codes, "antwoord", d.dagtekening, d.received_on) for d, item in session.execute(
        select(Document, TrackedItem).join(ItemDocument, ItemDocument.document_id == Document.id)
        .join(TrackedItem, TrackedItem.id == ItemDocument.item_id)
        .where(live, ItemDocument.role == "antwoord", Document.received_on.between(start, end)))]
    # registered by the griffie this week, with the deadline the engine gave each
    names = griffie_users(session)
    registered = []
    if names:
        moments = [datetime.combine(day_, time.min, clock.AMSTERDAM).astimezone(timezone.utc)
                   for day_ in (start, end + timedelta(days=1))]  # the week's Amsterdam days, as stored (UTC)
        rows = session.execute(select(AuditEvent, TrackedItem).join(TrackedItem, TrackedItem.id == AuditEvent.item_id)
                               .where(live, AuditEvent.action == "aangemaakt", AuditEvent.at >= moments[0],
                                      AuditEvent.at < moments[1],
                                      or_(*[AuditEvent.actor.like(_like_prefix(name), escape="\\") for name in names]))
                               .order_by(AuditEvent.at))
        registered = [_item_line(item, codes, "geregistreerd", clock.local(event.at).date(), by=event.actor)
                      for event, item in rows]
    # recorded by a ministry, not yet processed by the griffie (no day of receipt), the last weeks
    since = end - timedelta(weeks=UNPROCESSED_WEEKS)
    unprocessed = [_item_line(item, codes, "uitstelbericht", n.sent_on) for n, item in session.execute(
        select(DelayNotice, TrackedItem).join(TrackedItem, TrackedItem.id == DelayNotice.item_id)
        .where(live, DelayNotice.received_on.is_(None), DelayNotice.sent_on.between(since, end)))]
    unprocessed += [_item_line(item, codes, "antwoord", d.dagtekening) for d, item in session.execute(
        select(Document, TrackedItem).join(ItemDocument, ItemDocument.document_id == Document.id)
        .join(TrackedItem, TrackedItem.id == ItemDocument.item_id)
        .where(live, ItemDocument.role == "antwoord", Document.received_on.is_(None),
               Document.dagtekening.between(since, end)))]
    order = (lambda line: (line.on or date.min, line.nummer))
    return Week(start, end, sorted(came_in, key=order), registered, sorted(unprocessed, key=order))
