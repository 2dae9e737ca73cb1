"""Agenda: subscribable ICS feeds of deadlines (per ministry or personal), and revoking them."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlmodel import select
from wtforms import SelectField

from .. import db, feeds
from ..errors import NotFound, TrackerError
from ..models import CalendarFeed, User
from ..services import queries
from . import app_engine
from .urls import absolute_url, public_host
from .forms import ministry_choices
from .form_base import Form

bp = Blueprint("agenda", __name__, url_prefix="/agenda")


class FeedForm(Form):
    scope = SelectField("Agenda van", choices=[], validate_choice=True, default="mijn")


MINE = "mijn"


def _scope_choices(session) -> list[tuple[str, str]]:
    """Mine (the items I am behandelaar of), every ministry (""), or one ministry: each named for what it holds."""
    return [(MINE, feeds.MINE), ("", "Deadlines alle ministeries")] + [
        (str(key), f"Deadlines {text}") for key, text in ministry_choices(queries.ministry_rows(session)).items()]


@bp.route("/", methods=["GET", "POST"])
@login_required
def feeds_page():
    """The user's feeds (an admin sees everyone's), a form to make one, and the new URL shown once."""
    form = FeedForm()
    new_url = None
    with db.transaction(app_engine()) as session:
        form.scope.choices = _scope_choices(session)
        if form.validate_on_submit():
            owner = session.get(User, current_user.id)
            scope = form.scope.data
            feed, token = feeds.create_feed(session, owner, int(scope) if scope not in ("", MINE) else None,
                                            mine=scope == MINE)
            new_url = absolute_url("agenda.feed", token=token)  # TRACKER_BASE_URL, never the Host header
            flash(f"Agenda '{feed.label}' aangemaakt. Kopieer de link nu: hij wordt niet nog eens getoond.")
        query = select(CalendarFeed, User.username).join(User, User.id == CalendarFeed.user_id)
        if current_user.role != "admin":
            query = query.where(CalendarFeed.user_id == current_user.id)
        listed = session.execute(query.order_by(CalendarFeed.revoked_at.is_not(None), CalendarFeed.created_at.desc())).all()
    status = 400 if request.method == "POST" and new_url is None else 200
    return render_template("agenda/feeds.html", form=form, feeds=listed, new_url=new_url,
                           webcal=new_url.replace("https://", "webcal://").replace("http://", "webcal://")
                           if new_url else None), status


@bp.post("/<int:feed_id>/intrekken")
@login_required
def revoke(feed_id: int):
    form = Form()
    if not form.validate_on_submit():
        abort(400, description="Formulier verlopen; probeer het opnieuw.")
    try:
        with db.transaction(app_engine()) as session:
            feed = feeds.revoke_feed(session, feed_id, session.get(User, current_user.id))
            flash(f"Agenda '{feed.label}' ingetrokken: de link werkt niet meer.")
    except NotFound:
        abort(404)
    except TrackerError as error:
        flash(str(error))
    return redirect(url_for("agenda.feeds_page"))


@bp.get("/<token>.ics")
def feed(token: str):
    """The feed itself: no login (calendar programs cannot), the token is the key; a bad one reveals nothing."""
    with db.transaction(app_engine()) as session:
        found = feeds.feed_for_token(session, token)
        if found is None:
            abort(404)
        rows = feeds.deadlines(session, found)
        body = feeds.render_ics(found, rows, lambda item_id: absolute_url("items.item_page", item_id=item_id),
                                public_host())
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": 'inline; filename="kamertracker.ics"',
        "Cache-Control": "private, max-age=300", "X-Robots-Tag": "noindex"})
