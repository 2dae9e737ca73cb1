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
