"""Users and their sessions: passwords, roles, deactivation. Each change that alters what a user may do, or
proves who they are, ends every session they have (their session generation goes up); a new password and
deactivation also revoke every API token and feed link they made (tracker.secret_links.revoke_all_of)."""
from __future__ import annotations

from sqlmodel import Session
from werkzeug.security import check_password_hash, generate_password_hash

from ..errors import NotFound, Problem, ValidationError
from ..models import User
from ..passwords import password_problem
from ..secret_links import revoke_all_of
from ..vocabulary import ROLES


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"gebruiker {user_id} bestaat niet")
    return user


def end_sessions(session: Session, user_id: int) -> None:
    """Every session cookie of this user stops working (logout everywhere)."""
    _user(session, user_id).session_generation += 1


def change_password(session: Session, user_id: int, current: str, new: str) -> None:
    """A user's own new password: the current one must be right; every other session ends."""
    user = _user(session, user_id)
    if not check_password_hash(user.password_hash, current or ""):
        raise ValidationError([Problem("Het huidige wachtwoord klopt niet.", "current")])
    problem = password_problem(new or "", user.username)
    if problem:
        raise ValidationError([Problem(problem, "new")])
    if check_password_hash(user.password_hash, new):
        raise ValidationError([Problem("Het nieuwe wachtwoord is gelijk aan het huidige.", "new")])
    user.password_hash = generate_password_hash(new)
    user.session_generation += 1
    revoke_all_of(session, user.id)


def reset_password(session: Session, user_id: int, new: str) -> User:
    """An admin (the operator) sets a new password for a user who lost theirs: sessions, tokens and feed links
    made with the old one all end."""
    user = _user(session, user_id)
    problem = password_problem(new or "", user.username)
    if problem:
        raise ValidationError([Problem(problem, "new")])
    user.password_hash = generate_password_hash(new)
    user.session_generation += 1
    revoke_all_of(session, user.id)
    return user


def set_active(session: Session, user_id: int, active: bool) -> User:
    user = _user(session, user_id)
    if user.active != active:
        user.active = active
        user.session_generation += 1
        if not active:  # revoked, not only paused: re-enabling the user brings no old token or link back
            revoke_all_of(session, user.id)
    return user


def set_role(session: Session, user_id: int, role: str, ministry_id: int | None) -> User:
    """A new role (and ministry): the user logs in again to get it."""
    if role not in ROLES:
        raise ValidationError([Problem(f"onbekende rol '{role}'", "role")])
    if role == "officer" and not ministry_id:
        raise ValidationError([Problem("Een officer hoort bij een ministerie.", "ministry_id")])
    user = _user(session, user_id)
    ministry_id = ministry_id if role == "officer" else None
    if (user.role, user.ministry_id) != (role, ministry_id):
        user.role, user.ministry_id = role, ministry_id
        user.session_generation += 1
    return user


MAX_NAME = 200


def _name_text(text: str | None, field: str, what: str) -> str | None:
    """One line of at most MAX_NAME characters; empty is none."""
    value = " ".join((text or "").split())  # a name is one line: tabs, newlines and double spaces collapse
    if len(value) > MAX_NAME:
        raise ValidationError([Problem(f"{what} is te lang (hoogstens {MAX_NAME} tekens)", field)])
    if any(not c.isprintable() for c in value):
        raise ValidationError([Problem(f"{what} bevat een teken dat geen tekst is", field)])
    return value or None


def checked_names(full_name: str | None, directorate: str | None) -> tuple[str | None, str | None]:
    """A full name and a directorate as stored: each one line, bounded; empty is none."""
    return (_name_text(full_name, "full_name", "De volledige naam"),
            _name_text(directorate, "directorate", "De directie"))


def set_name(session: Session, user_id: int, full_name: str | None, directorate: str | None) -> User:
    """A user's full name (shown wherever the person is named; empty: the login name) and directorate."""
    user = _user(session, user_id)
    user.full_name, user.directorate = checked_names(full_name, directorate)
    return user
