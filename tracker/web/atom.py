"""Atom feeds of saved filters (tracker.saved_feeds): made from a list or Te laat, read without logging in."""
from __future__ import annotations

from urllib.parse import parse_qsl

from flask import Blueprint, Response, abort, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from .. import clock, config, db, saved_feeds
from ..authz import may_read_behandelaar
from ..domain.workflow import label
from ..domain.names import display_name
from ..errors import ValidationError
from ..models import Ministry, TrackedItem, User, utcnow
from ..services import queries
from ..services.overdue import overdue
from ..text_hygiene import one_line
from . import app_engine
from .items import KIND_SLUGS, LIST_PARAMETERS, list_filter_from, render_list
from ..domain.deadlines import in_backlog_part
from .overview import OVERDUE_PARAMETERS, backlog_from, overdue_filter_from, render_overdue
from .params import behandelaar_choice
from .form_base import Form

bp = Blueprint("atom", __name__)
MAX_ENTRIES = 100


class MakeFeedForm(Form):
    pass


@bp.post("/feeds")
@login_required
def make():
    """Make a feed of the page the user is on (its filters); the settings page shows its URL once."""
    if not MakeFeedForm().validate_on_submit():
        abort(400, description="Formulier verlopen; laad de pagina opnieuw.")
    page, query = request.form.get("pagina", ""), request.form.get("filter", "")
    allowed = (OVERDUE_PARAMETERS if page == "te-laat" else (saved_feeds.SUBJECT_PAGES[page],)
               if page in saved_feeds.SUBJECT_PAGES else LIST_PARAMETERS)
    try:
        with db.transaction(app_engine()) as session:
            _, token = saved_feeds.create(session, session.get(User, current_user.id), page, query, allowed)
    except ValidationError as error:
        abort(400, description="; ".join(p.message for p in error.problems))
    url = f"{config.base_url()}/feeds/{token}.atom"
    # back on the page the feed is of, the link shown there to copy (as the agenda page does): the user stays
    # where they were; Mijn instellingen lists the feed (without its link) to revoke it
    args = MultiDict(parse_qsl(query[:2000]))
    if page in saved_feeds.SUBJECT_PAGES:  # a dossier, person or committee: the link on Mijn instellingen
        from .settings import render_settings
        return render_settings(new_feed_url=url, status=201)
    if page == "te-laat":
        return render_overdue(MultiDict([(k, v) for k, v in args.items(multi=True) if k in OVERDUE_PARAMETERS]),
                              201, new_feed_url=url)
    return render_list(page, MultiDict([(k, v) for k, v in args.items(multi=True) if k in LIST_PARAMETERS]), 201,
                       new_feed_url=url)


@bp.get("/feeds/<token>.atom")
def feed(token: str):
    """The feed: no login (a feed reader has none); the token is the key."""
    engine = app_engine()
    with db.transaction(engine) as session:
        found = saved_feeds.feed_for_token(session, token)
        if found is None:
            abort(404)
        feed, owner = found
        args = MultiDict(parse_qsl(feed.query))
        entries = _entries(session, feed.page, args, owner)
        if may_read_behandelaar(owner):  # the feed reads as its owner reads the item page
            _name_behandelaars(session, entries)
        label, feed_id = feed.label, feed.id
    base = config.base_url()
    for entry in entries:  # XML cannot carry a control character (one stored before tracker.text_hygiene's rule)
        entry["title"], entry["summary"] = one_line(entry["title"]), one_line(entry["summary"])
    body = render_template("feeds/atom.xml", entries=entries, title=one_line(f"Kamertracker — {label}"), feed_id=feed_id,
                           base=base, updated=max((e["updated"] for e in entries), default=clock.local(utcnow())),
                           self_url=f"{base}/feeds/{token}.atom")
    return Response(body, mimetype="application/atom+xml")


def _name_behandelaars(session, entries: list[dict]) -> None:
    """Each entry's summary ends with who handles the item (the full name, as the item page names them)."""
    if not entries:
        return
    names = {item_id: display_name(full_name, username) for item_id, full_name, username in session.execute(
        select(TrackedItem.id, User.full_name, User.username).join(User, User.id == TrackedItem.behandelaar_id)
        .where(TrackedItem.id.in_([e["id"] for e in entries]))).all()}
    for entry in entries:
        if entry["id"] in names:
            entry["summary"] += f"; behandelaar {names[entry['id']]}"


def _entries(session, page: str, args, owner: User) -> list[dict]:
    today = clock.today()
    if page == "te-laat":
        kamer, code, soort, person, fractie, shortest = overdue_filter_from(args, session)
        _, behandelaar_id, team = behandelaar_choice(args, owner)
        rows = overdue(session, today, kamer, code, [soort] if soort else None, person, fractie, shortest,
                       behandelaar_id, team)
        backlog = backlog_from(args)  # a feed saved before the filter existed: everything, as it was
        rows = [r for r in rows if in_backlog_part(r.days_overdue, backlog)]
        rows = rows[:MAX_ENTRIES]
        changed = dict(session.execute(select(TrackedItem.id, TrackedItem.updated_at)
                                       .where(TrackedItem.id.in_([r.id for r in rows]))).all()) if rows else {}
        return [{"id": r.id, "title": f"{r.kamer} {r.soort} {r.nummer}: {r.titel}",
                 "summary": f"{r.days_overdue} dagen te laat (termijn {r.due}); {r.ministerie or '—'}; status "
                            f"{label(r.huidige_status)}", "updated": clock.local(changed[r.id])} for r in rows]
    if page in saved_feeds.SUBJECT_PAGES:
        return _subject_entries(session, page, args, owner, today)
    if page not in saved_feeds.LIST_PAGES:
        abort(404)
    f = list_filter_from(args, KIND_SLUGS[page], owner)
    rows = queries.item_list(session, f, today).rows[:MAX_ENTRIES]
    changed = dict(session.execute(select(TrackedItem.id, TrackedItem.updated_at)
                                   .where(TrackedItem.id.in_([r.id for r in rows]))).all()) if rows else {}
    return [{"id": r.id, "title": f"{r.chamber} {r.nummer}: {r.title}",
             "summary": f"status {label(r.status)}; termijn {r.due_date or 'geen'}; {r.code or '—'}",
             "updated": clock.local(changed[r.id])} for r in rows]



def _subject_entries(session, page: str, args, owner: User, today) -> list[dict]:
    """The items of a dossier, person or committee page as its owner reads the page, the last changed first: an
    entry's `updated` is the item's last change, so a feed reader shows what changed since it last looked. Never a
    stand van zaken (nor anything else intern): the title, status, termijn and ministry, as the list feeds."""
    from ..services import registers
    from .search import dossier_hits

    subject = args.get(saved_feeds.SUBJECT_PAGES[page]) or ""
    if page == "dossier":
        try:
            name = saved_feeds.subject_name(session, page, subject)
        except ValidationError:
            abort(404)
        found = dossier_hits(session.connection(), owner, name)
        ids = [hit.id for hit in found[1] if hit.kind == "item"] if found else []
    elif page == "persoon":
        person = registers.person_page(session, int(subject), today) if subject.isdecimal() else None
        if person is None:
            abort(404)
        ids = [r.id for rows in (person.assigned, person.first, person.co, person.questions, person.made_to,
                                 person.other) for r in rows]
    else:
        committee = registers.committee_page(session, int(subject)) if subject.isdecimal() else None
        if committee is None:
            abort(404)
        ids = [r.id for r in committee.rows]
    if not ids:
        return []
    rows = session.execute(select(TrackedItem.id, TrackedItem.chamber, TrackedItem.kind, TrackedItem.nummer,
                                  TrackedItem.title, TrackedItem.status, TrackedItem.due_date, TrackedItem.closed_on,
                                  TrackedItem.updated_at, Ministry.code)
                           .outerjoin(Ministry, Ministry.id == TrackedItem.ministry_id)
                           .where(TrackedItem.id.in_(set(ids)), TrackedItem.archived_at.is_(None))
                           .order_by(TrackedItem.updated_at.desc(), TrackedItem.id.desc()).limit(MAX_ENTRIES)).all()
    return [{"id": r.id, "title": f"{r.chamber} {r.kind} {r.nummer}: {r.title}",
             "summary": f"status {label(r.status)}; " + (f"afgesloten {r.closed_on}" if r.closed_on else
                                                          f"termijn {r.due_date or 'geen'}") + f"; {r.code or '—'}",
             "updated": clock.local(r.updated_at)} for r in rows]
