"""API tokens: made for a user, shown once, kept as a hash, revocable; a request with one acts as that user.

The token carries no rights of its own: the user's role and ministry decide, as they are when the request
comes (a user who is deactivated or moved to another ministry takes their tokens along).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlmodel import Session

from .. import clock
from ..authz import Actor
from ..errors import Problem, ValidationError
from ..models import ApiToken, Ministry, User, utcnow
from ..secret_links import new_token, revoke_owned, token_hash

PREFIX = "kt_"  # recognisable in a log or a secret scanner
MAX_DESCRIPTION = 200
# last_used_at is written at most this often per token: a busy client does not turn every read into a write
TOUCH_EVERY = timedelta(minutes=5)


def create_token(session: Session, user: User, description: str | None = None) -> tuple[ApiToken, str]:
    """A new token for user; returns the row and the token itself (shown once, never stored)."""
    description = (description or "").strip() or None
    if description and len(description) > MAX_DESCRIPTION:
        raise ValidationError([Problem(f"de omschrijving is langer dan {MAX_DESCRIPTION} tekens", "omschrijving")])
    if not user.active:
        raise ValidationError([Problem(f"gebruiker {user.username} is uitgeschakeld", "gebruiker")])
    token, hashed = new_token(PREFIX)
    row = ApiToken(token_hash=hashed, user_id=user.id, description=description)
    session.add(row)
    session.flush()
    return row, token


def revoke_token(session: Session, token_id: int, by: User) -> ApiToken:
    """Revoke a token: requests with it get 401 from now on. Its owner or an admin may."""
    return revoke_owned(session, ApiToken, token_id, by, "token", "dit token")


def tokens_of(session: Session, user: User) -> list[ApiToken]:
    return list(session.execute(select(ApiToken).where(ApiToken.user_id == user.id)
                                .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())).scalars())


@dataclass(frozen=True)
class TokenUser:
    """Who a request acts as: the token's user as they are now."""

    token_id: int
    user_id: int
    username: str
    role: str
    ministry_id: int | None
    ministry_code: str | None
    touch_due: bool = False  # last_used_at is older than TOUCH_EVERY (see touch)

    @property
    def actor(self) -> Actor:
        return Actor(f"{self.username} (API)", self.role, self.ministry_id, self.ministry_code)


def user_for_token(session: Session, token: str) -> TokenUser | None:
    """The live user behind a bearer token, or None (unknown, revoked, or the user is deactivated)."""
    if not token or len(token) > 200 or not token.isascii():
        return None
    row = session.execute(
        select(ApiToken.id, ApiToken.revoked_at, ApiToken.last_used_at, User.id, User.username, User.role,
               User.ministry_id, User.active, Ministry.code)
        .join(User, User.id == ApiToken.user_id).outerjoin(Ministry, Ministry.id == User.ministry_id)
        .where(ApiToken.token_hash == token_hash(token))).first()
    if row is None:
        return None
    token_id, revoked_at, last_used_at, user_id, username, role, ministry_id, active, code = row
    if revoked_at is not None or not active:
        return None
    due = last_used_at is None or clock.local(last_used_at) < utcnow() - TOUCH_EVERY
    return TokenUser(token_id, user_id, username, role, ministry_id, code, due)


def touch(engine, user: TokenUser) -> None:
    """Note when the token was last used, at most every TOUCH_EVERY, and only if that costs the request nothing.

    Its own short transaction after the request's read, never waiting for a lock: on SQLite a GET during a long
    write would otherwise wait for the write lock and then fail ("database is locked"), for a date that only
    the token list shows. Busy, read-only or full: skipped, the next request tries again."""
    if not user.touch_due:
        return
    from sqlalchemy.exc import DBAPIError

    from .. import db, faults

    try:
        with engine.connect() as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:  # on the driver's connection: through SQLAlchemy the PRAGMA would begin a transaction
                connection.connection.driver_connection.execute("PRAGMA busy_timeout=0")
            try:
                with connection.begin():
                    if not sqlite:  # a row lock held by another transaction (a revocation): don't queue behind it
                        connection.exec_driver_sql("SET LOCAL lock_timeout = '200ms'")
                    connection.execute(update(ApiToken).where(ApiToken.id == user.token_id)
                                       .values(last_used_at=utcnow()))
            finally:
                if sqlite:
                    connection.connection.driver_connection.execute(f"PRAGMA busy_timeout={db.BUSY_TIMEOUT_MS}")
    except DBAPIError as error:
        if faults.kind_of(error) is None:
            raise

