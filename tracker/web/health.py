"""GET /gezond: for a load balancer. 200 when the database answers and its schema is the one this code expects;
503 otherwise. No login, and no details (no versions, no error text): a stranger learns only up or down."""
from __future__ import annotations

import logging

from flask import Blueprint, Response
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from .. import migrate
from . import app_engine

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)
TIMEOUT_MS = 2000  # a database that takes longer is as good as down for a health check


@bp.get("/gezond")
def health():
    healthy = False
    try:
        with app_engine().connect() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text(f"SET LOCAL statement_timeout = {TIMEOUT_MS}"))
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            healthy = revision == migrate.newest_revision()
            if not healthy:
                log.warning("gezond: schema op %s, deze code verwacht %s", revision, migrate.newest_revision())
    except SQLAlchemyError as error:
        log.warning("gezond: database antwoordt niet (%s)", type(error).__name__)
    response = Response("ok\n" if healthy else "niet gezond\n", status=200 if healthy else 503, mimetype="text/plain")
    response.headers["Cache-Control"] = "no-store"
    return response
