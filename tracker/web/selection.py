"""The list pages' bulk form: tick items, then assign a behandelaar, follow them, or change their status.

The view only parses the form: tracker.services.selection does the work in one transaction, item by item through
the same services (and tracker.authz checks) as the item page. A refusal of any item shows the list again with the
refused items named and linked, the ticks kept, and nothing written."""
from __future__ import annotations

from urllib.parse import parse_qsl

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_login import current_user, login_required
from sqlmodel import Session, select
from werkzeug.datastructures import MultiDict

from .. import db
from ..authz import may, note_required
from ..errors import ValidationError
from ..models import Ministry, TrackedItem, User
from ..services import selection
from . import app_engine
from .form_base import Form

bp = Blueprint("selection", __name__)
LIST_SLUGS = ("moties", "toezeggingen", "kamervragen", "commissiebrieven")
DONE = {"behandelaar": "Behandelaar toegewezen", "volgen": "U volgt", "status": "Status gewijzigd"}


def behandelaar_choices(session: Session, user) -> list[tuple[int, str]]:
    """Who this user may make behandelaar from a list: an officer their ministry's colleagues, an admin anyone of a
    ministry; the griffie and readers assign nobody (tracker.authz: the behandelaar is the ministry's own field)."""
    if not may(user, "edit", getattr(user, "ministry_id", None)) and getattr(user, "role", None) != "admin":
        return []
    query = (select(User.id, User.username, Ministry.code).join(Ministry, Ministry.id == User.ministry_id)
             .where(User.active.is_(True)).order_by(Ministry.code, User.username))
    if user.role != "admin":
        query = query.where(User.ministry_id == user.ministry_id)
    return [(user_id, f"{name} ({code})") for user_id, name, code in session.execute(query).all()]


def status_choices(kind: str) -> list[tuple[str, str]]:
    return selection.status_choices(kind)


def _back(text: str) -> MultiDict:
    """The list's own query (filters, page) the form came from; only a list's parameters, never a URL."""
    from .items import LIST_PARAMETERS
    return MultiDict([(k, v) for k, v in parse_qsl((text or "")[:2000]) if k in LIST_PARAMETERS])


@bp.post("/<any(moties, toezeggingen, kamervragen, commissiebrieven):slug>/selectie")
@login_required
def apply(slug: str):
    from .items import KIND_SLUGS, render_list

    if not Form().validate_on_submit():  # the CSRF token
        abort(400, description="Formulier verlopen; laad de pagina opnieuw.")
    form = request.form
    back = _back(form.get("terug", ""))
    action = form.get("actie", "")
    picked = [int(v) for v in form.getlist("item") if v.isdecimal() and len(v) < 10]
    values = {"behandelaar": form.get("behandelaar", "")[:12], "status": form.get("status", "")[:40],
              "toelichting": (form.get("toelichting") or "").strip()[:2000]}

    def again(message: str, refused=()):
        return render_list(slug, back, 400, selected=set(picked), error=message, refused=list(refused), **values)

    if action not in selection.ACTIONS:
        abort(400, description="Onbekende actie; kies behandelaar toewijzen, volgen of status wijzigen.")
    if not picked:
        return again("Vink eerst de items aan waarop de actie moet werken.")
    behandelaar_id = None
    if action == "behandelaar":
        if values["behandelaar"] != "geen" and not (values["behandelaar"].isdecimal() and len(values["behandelaar"]) < 10):
            return again("Kies een behandelaar (of 'geen behandelaar').")
        behandelaar_id = int(values["behandelaar"]) if values["behandelaar"].isdecimal() else None
    if action == "status":
        if not values["status"]:
            return again("Kies de nieuwe status.")
        if note_required(current_user, "status") and not values["toelichting"]:
            return again("Een toelichting is verplicht voor de griffie.")
    kind = KIND_SLUGS[slug]
    try:
        with db.transaction(app_engine()) as session:
            wrong_kind = session.execute(select(TrackedItem.id).where(
                TrackedItem.id.in_(picked), TrackedItem.kind != kind)).scalars().all()
            if wrong_kind:
                abort(400, description="Een gekozen item hoort niet bij deze lijst.")
            outcome = selection.apply(session, current_user.actor, current_user.id, picked, action,
                                      behandelaar_id=behandelaar_id, target=values["status"] or None,
                                      note=values["toelichting"] or None)
    except selection.Refused as refused:
        count = len(refused.refused)
        return again(f"{'Eén gekozen item kan' if count == 1 else f'{count} gekozen items kunnen'} dit niet, dus is "
                     f"ook aan de andere niets veranderd. Haal het vinkje weg of los het eerst op:", refused.refused)
    except ValidationError as error:
        return again(f"{error}. Er is niets gewijzigd.")
    changed = len(outcome.changed)
    same = len(outcome.unchanged)
    words = f"{DONE[action]}: {changed} {'item' if changed == 1 else 'items'}"
    if same:
        words += f" ({same} {'stond' if same == 1 else 'stonden'} al zo)"
    flash(words + ".", "ok")
    return redirect(url_for("items.item_list", slug=slug, **back.to_dict()))
