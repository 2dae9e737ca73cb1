"""ICS calendar feeds: one all-day event per deadline of an open item, per ministry or per user.

A feed is reached with a secret token in its URL (calendar programs such as Outlook cannot log in). Only the
token's sha256 is stored; an unknown, revoked or orphaned token gets the same answer as a wrong one: nothing.
The feed is built on every request, so it follows the register as items change; each event carries the item's
version as SEQUENCE so that calendar programs replace an event whose deadline moved.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlmodel import Session

from .db import as_date
from .domain.workflow import label
from .errors import NotFound
from .models import CalendarFeed, Ministry, TrackedItem, User, utcnow
from .secret_links import new_token, revoke_owned, token_hash
from .text_hygiene import clean, one_line

KIND_WORDS = {"motie": "Motie", "toezegging": "Toezegging", "kamervragen": "Kamervragen",
              "commissiebrief": "Commissiebrief"}


MINE = "Mijn deadlines (behandelaar)"


def create_feed(session: Session, owner: User, ministry_id: int | None, mine: bool = False) -> tuple[CalendarFeed, str]:
    """A new feed and its token (returned once; only its hash is kept). mine: the items owner is behandelaar of;
    else one ministry's items, or every ministry's (ministry_id None)."""
    if mine:
        name, ministry_id = MINE, None
    elif ministry_id is not None:
        ministry = session.get(Ministry, ministry_id)
        if ministry is None:
            raise NotFound(f"ministerie {ministry_id} bestaat niet")
        name = f"Deadlines {ministry.code}"
    else:
        name = "Deadlines alle ministeries"
    token, hashed = new_token()
    feed = CalendarFeed(token_hash=hashed, label=name, ministry_id=ministry_id, user_id=owner.id, mine=mine)
    session.add(feed)
    session.flush()
    return feed, token


def revoke_feed(session: Session, feed_id: int, by: User) -> CalendarFeed:
    """Revoke a feed: its URL answers nothing from now on. Its owner or an admin may do this."""
    return revoke_owned(session, CalendarFeed, feed_id, by, "agenda", "deze agenda")


def feed_for_token(session: Session, token: str) -> CalendarFeed | None:
    """The live feed behind a token, or None (unknown, revoked, or its owner no longer active)."""
    if not token or len(token) > 100:
        return None
    feed = session.execute(select(CalendarFeed).where(CalendarFeed.token_hash == token_hash(token))).scalar_one_or_none()
    if feed is None or feed.revoked_at is not None:
        return None
    owner = session.get(User, feed.user_id)
    return feed if owner is not None and owner.active else None


@dataclass(frozen=True)
class Deadline:
    item_id: int
    kind: str
    chamber: str
    nummer: str
    title: str
    ministry: str | None
    status: str
    due: date
    explanation: str | None
    version: int
    updated_at: datetime


def deadlines(session: Session, feed: CalendarFeed) -> list[Deadline]:
    """The open, not archived items with a due date that this feed shows."""
    ministry_id = feed.ministry_id
    statement = (select(TrackedItem.id, TrackedItem.kind, TrackedItem.chamber, TrackedItem.nummer, TrackedItem.title,
                        Ministry.code, TrackedItem.status, TrackedItem.due_date, TrackedItem.due_explanation,
                        TrackedItem.version, TrackedItem.updated_at)
                 .outerjoin(Ministry, Ministry.id == TrackedItem.ministry_id)
                 .where(TrackedItem.closed_on.is_(None), TrackedItem.archived_at.is_(None),
                        TrackedItem.due_date.is_not(None))
                 .order_by(TrackedItem.due_date, TrackedItem.id))
    if feed.mine:
        statement = statement.where(TrackedItem.behandelaar_id == feed.user_id)
    elif ministry_id is not None:
        statement = statement.where(TrackedItem.ministry_id == ministry_id)
    return [Deadline(*row[:7], as_date(row[7]), *row[8:]) for row in session.execute(statement)]


def render_ics(feed: CalendarFeed, rows: list[Deadline], item_url, host: str) -> bytes:
    """The calendar as bytes. item_url(item_id) gives the item's page in the web app."""
    calendar = Calendar()
    calendar.add("prodid", "-//Kamertracker//deadlines//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", one_line(f"Kamertracker: {feed.label}"))
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")  # Outlook reads this one; an x-property is written as given
    stamp = utcnow()
    for row in rows:
        event = Event()
        event.add("uid", f"deadline-{row.item_id}@{host}")
        event.add("dtstamp", stamp)
        event.add("last-modified", row.updated_at)
        event.add("sequence", row.version)
        event.add("dtstart", row.due)
        if row.due < date.max:  # all-day: DTEND is exclusive (a stored 9999-12-31 has none: one day by default)
            event.add("dtend", row.due + timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        # a calendar's text holds no control character (one stored before tracker.text_hygiene's rule)
        event.add("summary", one_line(f"Deadline {KIND_WORDS.get(row.kind, row.kind).lower()} {row.nummer}"
                                      f" ({row.ministry or row.chamber}): {row.title}"))
        lines = [f"{KIND_WORDS.get(row.kind, row.kind)} {row.nummer}, {row.chamber}", row.title,
                 f"Status: {label(row.status)}"]
        if row.explanation:
            lines.append(f"Termijn: {row.explanation}")
        url = item_url(row.item_id)
        lines.append(url)
        event.add("description", clean("\n".join(lines)))
        event.add("url", url)
        event.add("categories", [KIND_WORDS.get(row.kind, row.kind)])
        calendar.add_component(event)
    return calendar.to_ical()
