"""The griffie's overview page: what is overdue on a date (until the full web app lands)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request

from .. import clock, db
from ..domain.dutch import DateParseError, parse_date
from ..models import ITEM_KINDS
from ..services.overdue import overdue

bp = Blueprint("overview", __name__)


@bp.get("/")
def index():
    """Te laat: every overdue item on the chosen date, grouped by ministry."""
    problem = None
    on = clock.today()
    if request.args.get("op"):
        try:
            on = parse_date(request.args["op"])
        except DateParseError as error:
            problem = str(error)
    kamer = request.args.get("kamer") or None
    if kamer not in (None, "TK", "EK"):
        abort(400)
    soort = request.args.get("soort") or None
    if soort not in (None, *ITEM_KINDS):
        abort(400)
    with db.transaction(current_app.extensions["engine"]) as session:
        rows = overdue(session, on, kamer, None, [soort] if soort else None)
    per_ministry: dict[str, int] = {}
    for row in rows:
        per_ministry[row.ministerie or "—"] = per_ministry.get(row.ministerie or "—", 0) + 1
    status = 400 if problem else 200
    return render_template("overview/overdue.html", rows=rows, on=on, kamer=kamer, soort=soort,
                           kinds=ITEM_KINDS, per_ministry=sorted(per_ministry.items()), problem=problem), status
