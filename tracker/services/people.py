"""People around an item: e-mail addresses and notification settings, the behandelaar, followers."""
from __future__ import annotations

import re

from sqlalchemy import delete, select
from sqlmodel import Session

from ..errors import NotFound, Problem, ValidationError
from ..domain.names import display_name
from ..models import ItemFollow, Ministry, TrackedItem, User

MAX_EMAIL = 254
# One address, no display name, no list: local@domain.tld (what a person types; the server checks the rest)
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")


def checked_email(text: str | None, field: str = "email") -> str | None:
    """The address as typed, trimmed; empty is none; anything that is not one address is refused."""
    value = (text or "").strip()
    if not value:
        return None
    if len(value) > MAX_EMAIL or not _EMAIL.match(value) or ".." in value:
        raise ValidationError([Problem(f"'{value[:60]}' is geen e-mailadres (zoals naam@minbzk.nl)", field)])
    return value


def set_notifications(session: Session, user_id: int, email: str | None, digest: bool, reminders: bool,
                      follows: bool) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"gebruiker {user_id} bestaat niet")
    user.email = checked_email(email)
    user.notify_digest, user.notify_reminders, user.notify_follows = bool(digest), bool(reminders), bool(follows)
    return user


def follow(session: Session, user_id: int, item_id: int) -> None:
    if session.get(TrackedItem, item_id) is None:
        raise NotFound(f"item {item_id} bestaat niet")
    if session.get(ItemFollow, (user_id, item_id)) is None:
        session.add(ItemFollow(user_id=user_id, item_id=item_id))


def unfollow(session: Session, user_id: int, item_id: int) -> None:
    session.execute(delete(ItemFollow).where(ItemFollow.user_id == user_id, ItemFollow.item_id == item_id))


def followers(session: Session, item_id: int) -> list[str]:
    """Who follows the item, by name (the full name, else the login name)."""
    rows = session.execute(select(User.full_name, User.username).join(ItemFollow, ItemFollow.user_id == User.id)
                           .where(ItemFollow.item_id == item_id)).all()
    return sorted((display_name(*row) for row in rows), key=str.lower)


def behandelaar_options(session: Session) -> list[tuple[str, list[tuple[int, str]]]]:
    """The active officers per ministry code, by name: the people a behandelaar filter can name."""
    rows = session.execute(select(User.id, User.full_name, User.username, Ministry.code)
                           .join(Ministry, Ministry.id == User.ministry_id)
                           .where(User.active.is_(True), User.role == "officer")).all()
    grouped: dict[str, list[tuple[int, str]]] = {}
    for user_id, full_name, username, code in rows:
        grouped.setdefault(code, []).append((user_id, display_name(full_name, username)))
    return [(code, sorted(people, key=lambda p: p[1].lower())) for code, people in sorted(grouped.items())]


def behandelaar_words(session: Session, who: str) -> str:
    """A behandelaar filter value in words (for a report's title row): "mij", "mijn team", a person's name."""
    if who.isdecimal():
        user = session.get(User, int(who))
        return user.display_name if user else f"gebruiker {who}"
    return {"ik": "mij", "team": "mijn team", "niemand": "niemand"}.get(who, who)


def is_following(session: Session, user_id: int, item_id: int) -> bool:
    return session.get(ItemFollow, (user_id, item_id)) is not None


def behandelaar_named(session: Session, name: str | None, ministry_id: int | None, field: str = "behandelaar") -> int | None:
    """The user id of a behandelaar by user name; they must be active and of the item's ministry."""
    if not name or not name.strip():
        return None
    user = session.execute(select(User).where(User.username == name.strip())).scalar_one_or_none()
    check_behandelaar(user, ministry_id, field, name.strip())
    return user.id


def check_behandelaar(user: User | None, ministry_id: int | None, field: str = "behandelaar", name: str = "") -> None:
    if user is None:
        raise ValidationError([Problem(f"gebruiker '{name}' bestaat niet", field)])
    if not user.active:
        raise ValidationError([Problem(f"gebruiker '{user.username}' is uitgeschakeld", field)])
    if ministry_id is None or user.ministry_id != ministry_id:
        raise ValidationError([Problem(f"{user.username} hoort niet bij het ministerie van dit item; een behandelaar "
                                       f"is een gebruiker van dat ministerie", field)])
