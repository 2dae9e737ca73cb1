"""What `tracker notify` sends on a day, to whom: the weekly digest, reminders to behandelaars, follow notices.

Only reading here; each message carries the key that makes it this message, so that delivering it is done
once (tracker.notify.deliver). Deactivated users and users without an address get nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, select
from sqlmodel import Session

from ..domain.deadlines import SOON_DAYS
from ..domain.dutch import format_date
from ..domain.names import display_name
from ..domain.reminders import internal_deadline, is_digest_day, reminders_on
from ..domain.workflow import label
from ..models import AuditEvent, ItemFollow, Ministry, Notification, TrackedItem, User
from ..services.overdue import overdue
from ..words import actor_in_words, source_in_words

FOLLOWED_ACTIONS = ("status", "termijn", "uitstelbericht", "heropend", "gearchiveerd", "teruggezet", "document")
KIND_WORDS = {"motie": "motie", "toezegging": "toezegging", "kamervragen": "Kamervragen",
              "commissiebrief": "commissiebrief"}


@dataclass
class Line:
    item_id: int
    label: str  # "TK Kamervragen 2026Z04242"
    title: str
    detail: str  # "12 dagen te laat · drie weken na indiening …"; several events: one per line


@dataclass
class Message:
    user_id: int
    username: str
    recipient: str
    kind: str  # digest | reminder | follow
    key: str
    subject: str
    intro: str
    sections: list[tuple[str, list[Line]]] = field(default_factory=list)
    audit_upto: int | None = None
    name: str | None = None  # the recipient's full name (the To header), else the user name is used


@dataclass(frozen=True)
class Settings:
    digest_day: str = "maandag"
    reminder_days: tuple[int, ...] = (7, 1)


def _recipients(session: Session, flag) -> list[User]:
    return list(session.execute(select(User).where(User.active.is_(True), User.email.is_not(None), User.email != "",
                                                   flag.is_(True)).order_by(User.id)).scalars())


def _label(kind: str, chamber: str, nummer: str) -> str:
    return f"{chamber} {KIND_WORDS.get(kind, kind)} {nummer}"


def plan(session: Session, on: date, settings: Settings = Settings()) -> list[Message]:
    messages = []
    if is_digest_day(on, settings.digest_day):
        messages += _digests(session, on)
    messages += _reminders(session, on, settings.reminder_days)
    messages += _follow_notices(session, on)
    return messages


def _digests(session: Session, on: date) -> list[Message]:
    codes = dict(session.execute(select(Ministry.id, Ministry.code)).all())
    late = overdue(session, on)
    explanations = _explanations(session, [r.id for r in late])
    names = {user_id: display_name(full, login) for user_id, full, login
             in session.execute(select(User.id, User.full_name, User.username)).all()}
    messages = []
    for user in _recipients(session, User.notify_digest):
        if user.role == "griffie":
            rows = late
            soon: list[TrackedItem] = []
        elif user.role == "officer" and user.ministry_id:
            code = codes.get(user.ministry_id)
            rows = [r for r in late if r.ministerie == code]
            soon = list(session.execute(select(TrackedItem).where(
                TrackedItem.ministry_id == user.ministry_id, TrackedItem.closed_on.is_(None),
                TrackedItem.archived_at.is_(None), TrackedItem.due_date >= on,
                TrackedItem.due_date <= on + timedelta(days=SOON_DAYS)).order_by(TrackedItem.due_date, TrackedItem.id)).scalars())
        else:
            continue  # admins and viewers get no digest
        if not rows and not soon:
            continue  # no empty mail
        sections = []
        per_ministry: dict[str, list[Line]] = {}
        for r in rows:
            per_ministry.setdefault(r.ministerie or "—", []).append(Line(
                r.id, _label(r.soort, r.kamer, r.nummer), r.titel,
                f"{r.days_overdue} {'dag' if r.days_overdue == 1 else 'dagen'} te laat · termijn {format_date(date.fromisoformat(r.due))}"
                + (f" · uitstelbericht {format_date(date.fromisoformat(r.uitstelbericht))}" if r.uitstelbericht else "")
                + "".join(f" · {part}" for part in (explanations.get(r.id), _behandelaar_words(r.behandelaar_naam))
                          if part)))
        for ministry in sorted(per_ministry, key=lambda m: (-len(per_ministry[m]), m)):
            sections.append((f"Te laat bij {ministry}: {len(per_ministry[ministry])}", per_ministry[ministry]))
        if soon:
            sections.append((f"Termijn in de komende {SOON_DAYS} dagen: {len(soon)}", [
                Line(i.id, _label(i.kind, i.chamber, i.nummer), i.title,
                     " · ".join(part for part in (f"termijn {format_date(i.due_date)}", i.due_explanation,
                                                  _behandelaar_words(names.get(i.behandelaar_id))) if part))
                for i in soon]))
        scope = "alle ministeries" if user.role == "griffie" else codes.get(user.ministry_id, "")
        soon_words = f", {len(soon)} binnen {SOON_DAYS} dagen" if soon else ""
        subject = f"Kamertracker: {len(rows)} te laat{soon_words} ({scope}), week van {format_date(on)}"
        intro = (f"Het overzicht van {format_date(on)}: wat op die dag te laat is"
                 + (f", en wat in de komende {SOON_DAYS} dagen moet" if user.role == "officer" else "") + ".")
        messages.append(Message(user.id, user.username, user.email, "digest", f"digest:{on.isoformat()}", subject,
                                intro, sections, name=user.full_name))
    return messages


def _behandelaar_words(name: str | None) -> str:
    """Who is on it, in a digest line: "behandelaar Anna de Vries" or "geen behandelaar"."""
    return f"behandelaar {name}" if name else "geen behandelaar"


def _explanations(session: Session, ids: list[int]) -> dict[int, str]:
    found = {}
    for start in range(0, len(ids), 1000):  # bounded IN lists
        chunk = ids[start:start + 1000]
        found.update(session.execute(select(TrackedItem.id, TrackedItem.due_explanation)
                                     .where(TrackedItem.id.in_(chunk))).all())
    return found


def _reminders(session: Session, on: date, days: tuple[int, ...]) -> list[Message]:
    users = {u.id: u for u in _recipients(session, User.notify_reminders)}
    if not users:
        return []
    rows = session.execute(select(TrackedItem, Ministry.internal_offset_days)
                           .outerjoin(Ministry, Ministry.id == TrackedItem.ministry_id)
                           .where(TrackedItem.behandelaar_id.in_(list(users)), TrackedItem.closed_on.is_(None),
                                  TrackedItem.archived_at.is_(None)).order_by(TrackedItem.id)).all()
    messages = []
    for item, offset in rows:
        internal = internal_deadline(item.due_date, item.internal_due, offset)
        for reminder in reminders_on(on, item.due_date, internal, days):
            user = users[item.behandelaar_id]
            label = _label(item.kind, item.chamber, item.nummer)
            subject = f"Herinnering: {label} — {reminder.words()}"
            line = Line(item.id, label, item.title, (item.due_explanation or "").strip() or "geen uitleg van de termijn")
            messages.append(Message(user.id, user.username, user.email, "reminder",
                                    f"reminder:{item.id}:{reminder.key}", subject[:300],
                                    f"U bent behandelaar van {label}: {reminder.words()}.", [("Het item", [line])],
                                    name=user.full_name))
    return messages


def _follow_notices(session: Session, on: date) -> list[Message]:
    messages = []
    for user in _recipients(session, User.notify_follows):
        since = session.execute(select(Notification.audit_upto).where(
            Notification.user_id == user.id, Notification.kind == "follow", Notification.audit_upto.is_not(None),
            Notification.status.not_in(("pending", "failed", "sending")))  # not (surely) sent: its events go again
            .order_by(Notification.audit_upto.desc()).limit(1)).scalar() or 0
        events = session.execute(
            select(AuditEvent, TrackedItem).join(TrackedItem, TrackedItem.id == AuditEvent.item_id)
            .join(ItemFollow, and_(ItemFollow.item_id == AuditEvent.item_id, ItemFollow.user_id == user.id))
            # by commit order, not id: on PostgreSQL an event with a lower id may commit after a message covered a
            # higher one (tracker.models.AuditEvent.commit_version)
            .where(AuditEvent.commit_version > since, AuditEvent.at > ItemFollow.created_at,
                   AuditEvent.action.in_(FOLLOWED_ACTIONS),
                   AuditEvent.actor != user.username, ~AuditEvent.actor.like(f"{user.username} (%"))
            .order_by(AuditEvent.item_id, AuditEvent.commit_version, AuditEvent.id)).all()
        if not events:
            continue
        per_item: dict[int, Line] = {}  # one line per item, its events below each other in order
        for event, item in events:
            line = per_item.get(item.id)
            if line is None:
                per_item[item.id] = Line(item.id, _label(item.kind, item.chamber, item.nummer), item.title,
                                         _event_words(event))
            else:
                line.detail += "\n" + _event_words(event)
        lines = list(per_item.values())
        upto = max(event.commit_version for event, _ in events)
        count = len(lines)
        subject = f"Kamertracker: nieuws over {count} {'gevolgd item' if count == 1 else 'gevolgde items'}"
        messages.append(Message(user.id, user.username, user.email, "follow", f"follow:{upto}", subject,
                                "Wat er is gebeurd met de items die u volgt, sinds het vorige bericht.",
                                [("Gevolgde items", lines)], audit_upto=upto, name=user.full_name))
    return messages


def _day(value: str | None) -> str:
    try:
        return format_date(date.fromisoformat(value)) if value else "geen"
    except ValueError:
        return value


def _event_words(event: AuditEvent) -> str:
    words = {"status": "status", "termijn": "termijn", "uitstelbericht": "uitstelbericht vastgelegd",
             "heropend": "heropend", "gearchiveerd": "gearchiveerd", "teruggezet": "teruggezet uit het archief",
             "document": "document gekoppeld", "aangemaakt": "aangemaakt", "wijziging": "gewijzigd",
             "stand_van_zaken": "stand van zaken bijgewerkt", "ontvangen": "ontvangst door de Kamer vastgelegd"}
    text = words.get(event.action, event.action.replace("_", " "))
    if event.action == "status":
        text += f": {label(event.old) if event.old else '—'} → {label(event.new) if event.new else '—'}"
    elif event.action == "termijn" and (event.old or event.new):
        text += f": {_day(event.old)} → {_day(event.new)}"
    note = source_in_words(event.note) if event.action == "aangemaakt" else event.note
    return f"{text} (door {actor_in_words(event.actor)})" + (f" — {note}" if note else "")
