"""Mijn items (where I am behandelaar, nearest deadline first), Volgend (the items I follow) and Team (per
behandelaar of a ministry: open, due soon, overdue)."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import select

from .. import clock, db
from ..domain.reminders import internal_deadline
from ..models import ItemFollow, Ministry, TrackedItem
from ..services import queries
from ..services.overdue import ministry_code
from . import app_engine

bp = Blueprint("people", __name__)
LIMIT = 500


def _rows(session, condition, join_follow: bool = False):
    query = (select(TrackedItem, Ministry.code, Ministry.internal_offset_days)
             .outerjoin(Ministry, Ministry.id == TrackedItem.ministry_id)
             .where(TrackedItem.archived_at.is_(None), condition))
    if join_follow:
        query = query.join(ItemFollow, ItemFollow.item_id == TrackedItem.id)
    rows = []
    for item, code, offset in session.execute(query.limit(LIMIT)).all():
        internal = internal_deadline(item.due_date, item.internal_due, offset) if item.closed_on is None else None
        nearest = min((d for d in (internal, item.due_date) if d), default=None) if item.closed_on is None else None
        rows.append({"item": item, "ministry": code, "internal": internal, "nearest": nearest})
    # open items first, the nearest of internal and real deadline first; no deadline last
    rows.sort(key=lambda r: (r["item"].closed_on is not None, r["nearest"] or date.max, r["item"].id))
    return rows


@bp.get("/mijn-items")
@login_required
def my_items():
    with db.transaction(app_engine()) as session:
        rows = _rows(session, (TrackedItem.behandelaar_id == current_user.id) & TrackedItem.closed_on.is_(None))
        for row in rows:
            session.expunge(row["item"])
    return render_template("people/list.html", rows=rows, today=clock.today(), title="Mijn items",
                           intro="De open items waarvan u behandelaar bent, de eerstvolgende termijn (intern of echt) "
                                 "eerst.", empty="U bent van geen open item behandelaar.")


@bp.get("/volgend")
@login_required
def followed():
    with db.transaction(app_engine()) as session:
        rows = _rows(session, ItemFollow.user_id == current_user.id, join_follow=True)
        for row in rows:
            session.expunge(row["item"])
    return render_template("people/list.html", rows=rows, today=clock.today(), title="Volgend",
                           intro="De items die u volgt: wat er met ze gebeurt, krijgt u per e-mail "
                                 "(Mijn instellingen → Meldingen).", empty="U volgt nog geen items. Volg een item "
                                 "met de knop Volgen op zijn pagina.")


@bp.get("/team")
@login_required
def team():
    """Per behandelaar of one ministry (an officer's own by default; ?ministerie=CODE for any) the open items,
    those due within 14 days and those overdue today, each count a link to the list it counts."""
    wanted = (request.args.get("ministerie") or "").strip()
    if len(wanted) > 16:
        abort(400, description="Onbekend ministerie.")
    today = clock.today()
    with db.transaction(app_engine()) as session:
        code = ministry_code(session, wanted) if wanted else current_user.ministry_code
        if wanted and code is None:
            abort(400, description=f"Onbekend ministerie '{wanted}'.")
        ministries = queries.ministry_rows(session)
        ministry = next((m for m in ministries if m.code == code), None)
        rows = queries.team(session, ministry.id, today) if ministry else []
    return render_template("people/team.html", rows=rows, ministry=ministry, ministries=ministries, today=today,
                           soon_days=queries.SOON_DAYS)
