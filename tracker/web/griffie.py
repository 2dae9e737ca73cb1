"""The griffie's week (/griffie/week): what came in, what it registered, what still waits for it."""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, abort, render_template, request
from flask_login import current_user, login_required

from .. import clock, db
from ..authz import may
from ..domain.dutch import DateParseError, parse_date
from ..services import griffie_week
from . import app_engine, forbid
from .forms import KIND_LABELS

bp = Blueprint("griffie", __name__)


@bp.get("/griffie/week")
@login_required
def week_page():
    if not may(current_user, "receive"):  # the griffie's own register (and an admin)
        forbid("receive")
    day = clock.today()
    if request.args.get("week"):
        try:
            day = parse_date(request.args["week"])
        except DateParseError as error:
            abort(400, description=f"Week: {error}")
    with db.transaction(app_engine()) as session:
        found = griffie_week.week(session, day)
    return render_template("griffie/week.html", week=found, labels=KIND_LABELS,
                           previous=found.start - timedelta(days=7), following=found.start + timedelta(days=7),
                           weeks=griffie_week.UNPROCESSED_WEEKS)
