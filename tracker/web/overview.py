"""Overzicht (home) and Te laat (the griffie's weekly overview, with CSV)."""
from __future__ import annotations

import csv
import io
from collections import Counter

from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_login import login_required

from .. import clock, db
from ..domain.dutch import DateParseError, parse_date
from ..services import queries
from ..services.overdue import known_ministry_codes, ministry_code, overdue
from ..vocabulary import ITEM_KINDS

bp = Blueprint("overview", __name__)
CSV_COLUMNS = ("soort", "kamer", "nummer", "titel", "ministerie", "due", "days_overdue", "uitstelbericht",
               "uitstelbericht_days_late", "huidige_status", "regel", "fractie", "bewindspersoon")


def _peildatum():
    """The 'as of' date from ?op=, default today; a bad date is a 400 with the reason."""
    if not request.args.get("op"):
        return clock.today()
    try:
        return parse_date(request.args["op"])
    except DateParseError as error:
        abort(400, description=str(error))


@bp.get("/")
@login_required
def home():
    """Overzicht: counts per kind and state, per ministry; the next 14 days; on-time answering."""
    on = _peildatum()
    with db.transaction(current_app.extensions["engine"]) as session:
        board = queries.dashboard(session, on)
    return render_template("overview/home.html", board=board, kinds=ITEM_KINDS)


@bp.get("/te-laat")
@login_required
def overdue_page():
    """Te laat: every overdue item on the chosen date, filterable, with counts and a CSV download."""
    on = _peildatum()
    args = request.args
    kamer = args.get("kamer") or None
    soort = args.get("soort") or None
    if kamer not in (None, "TK", "EK") or soort not in (None, *ITEM_KINDS):
        abort(400, description="Onbekende kamer of soort.")
    with db.reading(current_app.extensions["engine"]) as connection:
        code = None
        if args.get("ministerie"):
            code = ministry_code(connection, args["ministerie"])
            if code is None:
                abort(400, description=f"Onbekend ministerie '{args['ministerie']}'.")
        rows = overdue(connection, on, kamer, code, [soort] if soort else None, args.get("bewindspersoon") or None,
                       args.get("fractie") or None, shortest_first=args.get("sorteer") == "kort")
        codes = known_ministry_codes(connection)
    if args.get("formaat") == "csv":
        return _csv(rows, on)
    per_ministry = Counter(row.ministerie or "—" for row in rows)
    per_fractie = Counter(f.strip() for row in rows for f in (row.fractie or "").split(",") if f.strip())
    filters = {k: v for k, v in args.items() if v and k not in ("formaat",)}
    return render_template("overview/overdue.html", rows=rows, on=on, filters=filters, kinds=ITEM_KINDS,
                           codes=codes, per_ministry=sorted(per_ministry.items()),
                           per_fractie=sorted(per_fractie.items(), key=lambda kv: (-kv[1], kv[0])))


def _csv(rows, on):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")  # Excel in a Dutch locale opens ';' files directly
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        data = row.as_json()
        writer.writerow([data[c] if data[c] is not None else "" for c in CSV_COLUMNS])
    return Response("\ufeff" + buffer.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="te-laat-{on.isoformat()}.csv"'})
