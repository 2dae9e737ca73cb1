"""What every secret link or token shares (ICS and Atom feeds, API tokens): made once and shown once, kept only as
its sha256 (a leaked database reveals none), revoked by its owner or an admin, and all of a user's at once when
their password changes or they are deactivated (revoke_all_of)."""
from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import update
from sqlmodel import Session

from .errors import NotFound, TrackerError
from .models import User, utcnow


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(prefix: str = "") -> tuple[str, str]:
    """A fresh token and its hash: the token for the user, once; the hash for the database."""
    token = prefix + secrets.token_urlsafe(32)
    return token, token_hash(token)


def revoke_owned(session: Session, model, row_id: int, by: User, what: str, this: str):
    """Revoke one row of `model` (it has user_id and revoked_at): its owner or an admin may; for anyone else it
    does not exist (404, not 403: nothing is learned about other people's links). what: "token"; this: "dit token"."""
    row = session.get(model, row_id)
    if row is None or (row.user_id != by.id and by.role != "admin"):
        raise NotFound(f"{what} {row_id} bestaat niet")
    if row.revoked_at is not None:
        raise TrackerError(f"{this} is al ingetrokken")
    row.revoked_at = utcnow()
    session.add(row)
    return row


def revoke_all_of(session: Session, user_id: int) -> int:
    """Revoke every live token and feed link of this user (a new password, an admin's reset, deactivation): what
    someone copied before stops working, and re-enabling the user brings none of it back. Returns how many."""
    from .models import ApiToken, CalendarFeed, SavedFeed

    now, count = utcnow(), 0
    for model in (ApiToken, CalendarFeed, SavedFeed):
        result = session.execute(update(model).where(model.user_id == user_id, model.revoked_at.is_(None))
                                 .values(revoked_at=now).execution_options(synchronize_session=False))
        count += result.rowcount
    return count
