"""The session and CSRF key, the same on every app server.

$SECRET_KEY when it is set (recommended for several servers: the key then lives in the servers' configuration, not
in the database and its backups). Without it, the first server to start generates a random key into the database
(table app_secret) and every other server, started before or after, reads that one: sessions and CSRF tokens
made by one server are valid on all of them. A single host that kept its key in instance/secret_key (before
migration 0018) keeps it: that file seeds the database once, so an upgrade logs nobody out.
"""
from __future__ import annotations

import logging
import os
import secrets

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

from . import config, db
from .models import AppSecret, utcnow

SESSION_KEY = "session_key"
log = logging.getLogger(__name__)


def secret_key(engine: Engine) -> str:
    """$SECRET_KEY, or the key every server shares through the database (made once, by whoever comes first)."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    try:
        return shared_key(engine)
    except (OperationalError, ProgrammingError):
        # no table app_secret: a database not yet migrated (`tracker init-db` makes it). Nothing can be served
        # from it yet (/gezond says 503); keep to this server's own key until then.
        log.warning("geen tabel app_secret (database niet bijgewerkt): sleutel uit %s", config.instance_path())
        return config.secret_key()


def shared_key(engine: Engine, name: str = SESSION_KEY) -> str:
    with db.transaction(engine) as session:
        found = session.execute(select(AppSecret.value).where(AppSecret.name == name)).scalar_one_or_none()
        if found:
            return found
    legacy = config.instance_path() / "secret_key"
    value = legacy.read_text().strip() if name == SESSION_KEY and legacy.is_file() else ""
    insert = (postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert)(AppSecret)
    with db.transaction(engine) as session:
        # two servers starting at once both get here; the first insert wins and both read what it wrote
        session.execute(insert.values(name=name, value=value or secrets.token_hex(32), created_at=utcnow())
                        .on_conflict_do_nothing(index_elements=["name"]))
    with db.transaction(engine) as session:
        return session.execute(select(AppSecret.value).where(AppSecret.name == name)).scalar_one()
