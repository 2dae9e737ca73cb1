"""The public register: anonymous, read-only pages under /openbaar and JSON under /openbaar/api/v1.

Off unless TRACKER_PUBLIC_REGISTER=1 (then every path here answers 404). Only GET routes; no form, no session is
read or written. Every page and document is built from tracker.public (the one rule of what is public). Responses
are cacheable for a few minutes (Cache-Control: public, max-age=300); each address gets TRACKER_PUBLIC_RATE requests a
minute over all workers and servers (default 120; 429 with Retry-After after that; tracker.rate_limit).
"""
from __future__ import annotations

import os
from datetime import date, timedelta

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request, url_for
from icalendar import Calendar, Event
from sqlalchemy import select

from .. import clock, config, db, public
from ..rate_limit import key_for
from ..models import Committee, ItemPerson, Person, TrackedItem, utcnow
from ..public import (DERIVED, DOCUMENT_DERIVED, PUBLIC_DELAY_FIELDS, PUBLIC_DOCUMENT_FIELDS, PUBLIC_DOCUMENT_ROW,
                      PUBLIC_FIELDS, SEARCH_STATES, public_detail, public_items, public_overdue_counts,
                      public_search)
from ..domain.dutch import format_date
from ..search import terms
from ..text_hygiene import clean, one_line
from . import app_engine
from .forms import KIND_LABELS, KIND_PLURALS
from .read_cache import by_data_version

bp = Blueprint("public", __name__, url_prefix="/openbaar")
SLUGS = {"moties": "motie", "toezeggingen": "toezegging", "kamervragen": "kamervragen",
         "commissiebrieven": "commissiebrief"}
SLUG_OF = {kind: slug for slug, kind in SLUGS.items()}
CACHE_POLICY = "public, max-age=300"
PAGE_SIZE = 100


def enabled() -> bool:
    """The one setting: TRACKER_PUBLIC_REGISTER=1 (or the app's PUBLIC_REGISTER in tests)."""
    setting = current_app.config.get("PUBLIC_REGISTER")
    if setting is None:
        setting = os.environ.get("TRACKER_PUBLIC_REGISTER", "").strip().lower() in ("1", "ja", "true", "on", "yes")
    return bool(setting)


def _rate_from_environment() -> int:
    value = os.environ.get("TRACKER_PUBLIC_RATE", "120").strip()
    return int(value) if value.isdecimal() and 0 < int(value) < 1_000_000 else 120


@bp.before_request
def gate():
    if not enabled():
        abort(404)
    per_minute = current_app.config.get("PUBLIC_RATE_PER_MINUTE") or _rate_from_environment()
    # counted in the database: one limit per address over every worker of every server (tracker.rate_limit)
    wait = current_app.extensions["rate_limiter"].hit(app_engine(), key_for("adres", request.remote_addr or "?"),
                                                      per_minute)
    if wait is not None:
        response = Response(f"Te veel verzoeken van dit adres; probeer het over {wait} s opnieuw.", 429,
                            mimetype="text/plain")
        response.headers["Retry-After"] = str(wait)
        return response
    return None


@bp.after_request
def cacheable(response):
    # public data, the same for everyone: a browser or proxy may keep it five minutes (never a refusal)
    response.headers["Cache-Control"] = CACHE_POLICY if response.status_code < 400 else "no-store"
    return response


def _query() -> tuple[str | None, int]:
    q = (request.args.get("q") or "").strip()[:200] or None
    page = request.args.get("pagina", "1")
    if not page.isdecimal() or not 1 <= int(page) <= 10_000:
        abort(400, description="Pagina: een getal van 1 tot 10.000.")
    return q, int(page)


@bp.get("/")
def home():
    return render_template("public/home.html", plurals=KIND_PLURALS, slugs=SLUG_OF)


@bp.get("/<any(moties, toezeggingen, kamervragen, commissiebrieven):slug>")
def item_list(slug: str):
    kind = SLUGS[slug]
    q, page = _query()
    all_items = request.args.get("stand") == "alle"
    with db.transaction(app_engine()) as session:
        rows = public_items(session, kind, open_only=not all_items, q=q, limit=PAGE_SIZE + 1,
                            offset=(page - 1) * PAGE_SIZE)
    return render_template("public/list.html", rows=rows[:PAGE_SIZE], more=len(rows) > PAGE_SIZE, page=page, q=q,
                           all_items=all_items, heading=KIND_PLURALS[kind], slug=slug, labels=KIND_LABELS)


BACKLOG_PARTS = ("recent", "oud", "alle")


@bp.get("/te-laat")
def overdue():
    """Te laat as the ministries' page opens it: what is at most a year late, with the old backlog one click away
    (?achterstand=oud or alle), each part with its count."""
    q, page = _query()
    backlog = request.args.get("achterstand") or "recent"
    if backlog not in BACKLOG_PARTS:
        abort(400, description=f"Achterstand: kies uit {', '.join(BACKLOG_PARTS)}.")
    today = clock.today()
    with db.transaction(app_engine()) as session:
        rows = public_items(session, overdue_on=today, q=q, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE,
                            backlog=None if backlog == "alle" else backlog)
        counts = public_overdue_counts(session, today, q)
    for row in rows:  # how late, counted as the ministries' Te laat counts it (days past the termijn)
        row["dagen_te_laat"] = (today - date.fromisoformat(row["termijn"])).days
    return render_template("public/list.html", rows=rows[:PAGE_SIZE], more=len(rows) > PAGE_SIZE, page=page, q=q,
                           heading=f"Te laat op {format_date(today)}", slug=None, labels=KIND_LABELS,
                           all_items=False, late=True, backlog=backlog,
                           backlog_counts={**counts, "alle": counts["recent"] + counts["oud"]})


SEARCH_STATE_WORDS = {"open": "open", "te_laat": "te laat", "afgesloten": "afgesloten"}
SEARCH_KINDS = (*SLUG_OF, "document")  # the public documents too (tracker.public's document rule)
SEARCH_PAGE_SIZE = 25


def _search_arguments() -> tuple[str, str | None, str | None, int]:
    """q (at most terms.MAX_QUERY characters), soort, stand, pagina; an unknown value is a 400."""
    text = (request.args.get("q") or "").strip()[:terms.MAX_QUERY]
    kind = request.args.get("soort") or None
    if kind and kind not in SEARCH_KINDS:
        abort(400, description=f"Soort: kies uit {', '.join(SEARCH_KINDS)}.")
    state = request.args.get("stand") or None
    if state and state not in SEARCH_STATES:
        abort(400, description=f"Stand: kies uit {', '.join(SEARCH_STATES)}.")
    _q, page = _query()
    return text, kind, state, page


@by_data_version(maxsize=256)
def _cached_search(session, text: str, kind: str | None, state: str | None, page: int, per_page: int, today: date):
    """public_search from this worker's cache while nothing is written (tracker.web.read_cache)."""
    return public_search(session, text, kind, state, page, per_page, today)


@bp.get("/zoek")
def search_page():
    """Full text over the public fields of the register (tracker.public.public_search)."""
    text, kind, state, page = _search_arguments()
    rows, total, pages = [], 0, 1
    if text:
        rows, total, page, pages = _cached_search(text, kind, state, page, SEARCH_PAGE_SIZE, clock.today())
    shown = {k: v for k, v in (("soort", kind), ("stand", state)) if v}
    return render_template("public/search.html", q=text, rows=rows, total=total, page=page, pages=pages, shown=shown,
                           labels=KIND_LABELS, plurals={**KIND_PLURALS, "document": "Documenten"},
                           states=SEARCH_STATE_WORDS,
                           per_page=SEARCH_PAGE_SIZE, today=clock.today().isoformat())


@bp.get("/items/<int:item_id>")
def item_page(item_id: int):
    from ..domain import citations

    with db.transaction(app_engine()) as session:
        item = public_detail(session, item_id)
        if item is None:
            abort(404)
        # the feeds an item's reader may follow: its dossier, its committee, its members (each public on the page)
        # and the public pages of the same: the dossier, the committee, each member
        follow, members = [], []
        dossier = citations.dossier_of(item["nummer"])
        if dossier:
            follow.append((f"dossier {dossier}", url_for("public.dossier_atom", nummer=dossier)))
        committee_id, bewindspersoon_id = session.execute(select(TrackedItem.committee_id, TrackedItem.bewindspersoon_id)
                                                          .where(TrackedItem.id == item_id)).one()
        # the bewindspersoon's public page (it lists at least this item, so it exists)
        bewindspersoon_url = url_for("public.person_page", person_id=bewindspersoon_id) \
            if bewindspersoon_id and item["bewindspersoon"] else None
        if committee_id and item["commissie"]:
            name = item["commissie"]  # ("vaste commissie voor …" names itself)
            follow.append((name if "commissie" in name.lower() else f"commissie {name}",
                           url_for("public.committee_atom", committee_id=committee_id)))
        if item["leden"]:
            for person_id, name in session.execute(select(Person.id, Person.name).join(
                    ItemPerson, ItemPerson.person_id == Person.id).where(ItemPerson.item_id == item_id)
                    .order_by(ItemPerson.position)).all():
                follow.append((name, url_for("public.person_atom", person_id=person_id)))
                members.append((name, url_for("public.person_page", person_id=person_id)))
        if bewindspersoon_url:
            follow.append((item["bewindspersoon"], url_for("public.person_atom", person_id=bewindspersoon_id)))
    return render_template("public/item.html", item=item, labels=KIND_LABELS, slug=SLUG_OF[item["soort"]],
                           follow=follow, members=members, dossier=dossier, bewindspersoon_url=bewindspersoon_url,
                           committee_url=url_for("public.committee_page", committee_id=committee_id)
                           if committee_id and item["commissie"] else None)


@bp.app_template_filter("openbare_vindplaatsen")
def with_public_citations(text: str | None):
    """A public text with every Kamerstuk it cites made a link to that dossier's public page (each piece escaped)."""
    from markupsafe import Markup, escape

    return Markup("").join(
        Markup('<a href="{}">{}</a>').format(url_for("public.dossier_page", nummer=dossier), piece)
        if dossier else escape(piece) for piece, _url, dossier in terms.cited_pieces(text))


# ------------------------------------------------------------------------------------------------ feeds
def _absolute(endpoint: str, **values) -> str:
    return config.base_url() + url_for(endpoint, **values)


def _responsible(r: dict) -> str:
    return f" ({r['bewindspersoon']})" if r.get("bewindspersoon") else ""


def _entry(r: dict) -> dict:
    return {"id": r["id"], "title": one_line(f"{r['kamer']} {KIND_LABELS[r['soort']].lower()} {r['nummer']}: "
                                             f"{r['titel']}"),
            "summary": one_line(f"status {r['status_tekst']}; termijn {r['termijn'] or 'geen'}; "
                                f"{r['ministerie'] or '—'}{_responsible(r)}"),
            "link": _absolute("public.item_page", item_id=r["id"])}


@bp.get("/register.atom")
def atom():
    """The newest changes of open items (by deadline order the register shows; at most 200)."""
    with db.transaction(app_engine()) as session:
        rows = public_items(session, open_only=True, limit=200)
    body = render_template("public/atom.xml", entries=[_entry(r) for r in rows], updated=clock.local(utcnow()),
                           self_url=_absolute("public.atom"))
    return Response(body, mimetype="application/atom+xml")


def _subject_feed(title: str, feed_id: str, rows: list[dict], self_url: str) -> Response:
    """A subject's items (open and closed) as Atom. Only public fields, as the register's feed: no time of the last
    change either (that is the audit trail's). An entry's id names the item and a digest of what the public sees of
    it, so that a feed reader shows an item again when its status, termijn or title changed."""
    import hashlib

    entries = []
    for r in rows:
        entry = _entry(r)
        seen = "|".join(str(r[k]) for k in ("status", "termijn", "afgesloten_op", "titel", "nummer"))
        entry["version"] = hashlib.sha256(seen.encode()).hexdigest()[:12]
        entry["summary"] = one_line(f"status {r['status_tekst']}; " + (
            f"afgesloten {r['afgesloten_op']}" if r["afgesloten_op"] else f"termijn {r['termijn'] or 'geen'}") +
            f"; {r['ministerie'] or '—'}{_responsible(r)}")
        entries.append(entry)
    body = render_template("public/atom.xml", entries=entries, updated=clock.local(utcnow()), self_url=self_url,
                           title=one_line(f"Kamertracker — {title}"), feed_id=feed_id)
    return Response(body, mimetype="application/atom+xml")


@bp.get("/dossiers/<path:nummer>.atom")
def dossier_atom(nummer: str):
    """The items of a Kamerstuk dossier: numbered in it, or citing it in a public field."""
    from ..domain import citations

    nummer = nummer.strip()[:30]
    key = terms.dossier_key(nummer)
    if not key[:5].isdigit():
        abort(404)
    with db.transaction(app_engine()) as session:
        rows = public_items(session, open_only=False, ids=public.dossier_item_ids(session, key), limit=200)
    return _subject_feed(f"dossier {citations.kamerstuk(nummer.upper()).dossier}", f"dossier/{key}", rows,
                         _absolute("public.dossier_atom", nummer=nummer))


@bp.get("/commissies/<int:committee_id>.atom")
def committee_atom(committee_id: int):
    with db.transaction(app_engine()) as session:
        committee = session.get(Committee, committee_id)
        if committee is None:
            abort(404)
        name = committee.name
        rows = public_items(session, open_only=False, ids=public.committee_item_ids(session, committee_id), limit=200)
    return _subject_feed(f"commissie {name}", f"commissie/{committee_id}", rows,
                         _absolute("public.committee_atom", committee_id=committee_id))


@bp.get("/personen/<int:person_id>.atom")
def person_atom(person_id: int):
    """The items a person is named on as indiener or vragensteller (the public "leden") or answers for as
    bewindspersoon (public too)."""
    with db.transaction(app_engine()) as session:
        person = session.get(Person, person_id)
        if person is None:
            abort(404)
        name = person.name
        ids = {*public.member_item_ids(session, person_id), *public.assigned_item_ids(session, person_id)}
        rows = public_items(session, open_only=False, ids=ids, limit=200) if ids else None
    if not rows:  # a person no public item names: nothing
        abort(404)
    return _subject_feed(name, f"persoon/{person_id}", rows, _absolute("public.person_atom", person_id=person_id))


@bp.get("/termijnen.ics")
def ics():
    """The deadlines of the open items as an all-day calendar."""
    with db.transaction(app_engine()) as session:
        rows = [r for r in public_items(session, open_only=True, limit=5000) if r["termijn"]]
    calendar = Calendar()
    calendar.add("prodid", "-//Kamertracker//openbaar register//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Kamertracker: openbaar register")
    host = config.base_url().split("//", 1)[-1]
    for r in rows:
        event = Event()
        due = date.fromisoformat(r["termijn"])
        event.add("uid", f"openbaar-{r['id']}@{host}")
        event.add("dtstamp", utcnow())
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add("summary", one_line(f"Termijn {KIND_LABELS[r['soort']].lower()} {r['nummer']} "
                                      f"({r['ministerie'] or r['kamer']}): {r['titel']}"))
        event.add("description", clean(f"Status: {r['status_tekst']}\n{_absolute('public.item_page', item_id=r['id'])}"))
        calendar.add_component(event)
    return Response(calendar.to_ical(), mimetype="text/calendar")


# --------------------------------------------------------------------------------------------------- JSON
@bp.get("/api/v1/items")
def api_items():
    kind = request.args.get("soort")
    if kind and kind not in SLUG_OF:
        return jsonify(error=f"soort: kies uit {', '.join(SLUG_OF)}"), 400
    q, page = _query()
    with db.transaction(app_engine()) as session:
        rows = public_items(session, kind, open_only=request.args.get("stand") != "alle", q=q, limit=PAGE_SIZE,
                            offset=(page - 1) * PAGE_SIZE)
    return jsonify(items=rows, pagina=page)


@bp.get("/api/v1/zoek")
def api_search():
    text, kind, state, page = _search_arguments()
    if not text:
        return jsonify(error="q: geef een zoekterm"), 400
    rows, total, page, pages = _cached_search(text, kind, state, page, PAGE_SIZE, clock.today())
    rows = [dict(row) for row in rows]  # (the cached rows are shared: changed here in a copy)
    for row in rows:  # the snippet as text: the marked words between ** (the page marks them itself)
        pieces = row.pop("fragment")
        row["fragment"] = "".join(f"**{p}**" if marked else p for p, marked in pieces) if pieces else None
    return jsonify(items=rows, totaal=total, pagina=page, paginas=pages)


@bp.get("/api/v1/items/<int:item_id>")
def api_item(item_id: int):
    with db.transaction(app_engine()) as session:
        item = public_detail(session, item_id)
    if item is None:
        return jsonify(error=f"item {item_id} staat niet in het openbare register"), 404
    return jsonify(item)


def _subject_paths() -> dict:
    """The pages of a dossier, a Kamerlid and a committee, and the indexes (tracker.web.public_subjects)."""
    def get(summary: str, schema: dict, path_parameter: dict | None = None, query: list | None = None) -> dict:
        parameters = ([path_parameter] if path_parameter else []) + (query or [])
        return {"get": {"summary": summary, "parameters": parameters, "responses": {
            "200": {"description": summary, "content": {"application/json": {"schema": schema}}},
            **({"404": {"description": "niet in het register"}} if path_parameter else {})}}}

    groups = {"$ref": "#/components/schemas/Groepen"}
    number = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
    return {
        "/openbaar/api/v1/dossiers/{nummer}": get(
            "De items en stukken van een Kamerstukdossier", {"allOf": [groups, {"properties": {
                "dossier": {"type": "string"}, "documenten": {"type": "array", "items": {
                    "$ref": "#/components/schemas/PubliekDocument"}}}}]},
            {"name": "nummer", "in": "path", "required": True, "schema": {"type": "string"},
             "description": "Het dossier als 36600 VIII, 36600-VIII of 35628; een stuk in twee dossiers als "
                            "35526/25295 (de schuine streep mag ook als %2F)."}),
        "/openbaar/api/v1/personen": get(
            "De Kamerleden (personen) en de bewindspersonen (bewindspersonen) die het register noemt",
            {"type": "object", "properties": {
                "personen": {"type": "array", "items": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "naam": {"type": "string"}, "items": {"type": "integer"}}}},
                "meer": {"type": "boolean"},
                "bewindspersonen": {"type": "array", "items": {"type": "object", "properties": {
                    "id": {"type": "integer"}, "naam": {"type": "string"}, "items": {"type": "integer"}}}},
                "meer_bewindspersonen": {"type": "boolean"}}},
            query=[{"name": "naam", "in": "query", "schema": {"type": "string"}}]),
        "/openbaar/api/v1/personen/{id}": get(
            "De items die een persoon als Kamerlid noemen, en waarvoor die als bewindspersoon verantwoordelijk is",
            {"allOf": [groups, {"properties": {"id": {"type": "integer"}, "naam": {"type": "string"},
                                               "als_bewindspersoon": groups}}]}, number),
        "/openbaar/api/v1/commissies": get("De commissies met hun open items", {"type": "object", "properties": {
            "commissies": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "integer"}, "naam": {"type": "string"}, "kamer": {"type": "string"},
                "open": {"type": "integer"}, "te_laat": {"type": "integer"}}}}}}),
        "/openbaar/api/v1/commissies/{id}": get("De items van een commissie", {"allOf": [groups, {"properties": {
            "id": {"type": "integer"}, "naam": {"type": "string"}, "kamer": {"type": "string"}}}]}, number),
    }


def _schema_of(names: dict) -> dict:
    return {"type": "object", "additionalProperties": False,
            "properties": {public: {"description": f"openbaar veld ({column})"} for column, public in names.items()}}


@bp.get("/api/v1/openapi.json")
def openapi():
    """Which fields are public: generated from tracker.public, so the document cannot say more than the data."""
    item = _schema_of(PUBLIC_FIELDS)
    item["properties"].update({name: {"description": words} for name, words in DERIVED.items()})
    detail = {"allOf": [{"$ref": "#/components/schemas/PubliekItem"}], "properties": {
        "documenten": {"type": "array", "items": _schema_of(PUBLIC_DOCUMENT_FIELDS)},
        "uitstelberichten": {"type": "array", "items": _schema_of(PUBLIC_DELAY_FIELDS)}}}
    document = _schema_of(PUBLIC_DOCUMENT_ROW)
    document["properties"].update({name: {"description": words} for name, words in DOCUMENT_DERIVED.items()})
    document["properties"].update({"fragment": {"type": ["string", "null"], "description": "alleen in zoeken"},
                                   "gevonden_in": {"type": ["string", "null"], "description": "alleen in zoeken"}})
    groups = {"type": "object", "properties": {
        "open": {"type": "integer"}, "te_laat": {"type": "integer"}, "afgesloten": {"type": "integer"},
        "groepen": {"type": "array", "items": {"type": "object", "properties": {
            "naam": {"type": "string"}, "items": {"type": "array", "items": {"$ref": "#/components/schemas/PubliekItem"}}}}}}}
    return jsonify({
        "openapi": "3.1.0",
        "info": {"title": "Kamertracker openbaar register", "version": "1",
                 "description": "Alleen lezen, zonder token. Alleen de velden hieronder zijn openbaar; al het andere "
                                "(behandelaar, interne termijn, een interne stand van zaken, volgers, audittrail, "
                                "gebruikersnamen) is dat niet."},
        "paths": {
            "/openbaar/api/v1/items": {"get": {"summary": "Items van het register", "parameters": [
                {"name": "soort", "in": "query", "schema": {"enum": list(SLUG_OF)}},
                {"name": "stand", "in": "query", "schema": {"enum": ["open", "alle"]}},
                {"name": "q", "in": "query", "description": "zoekt in titel en nummer", "schema": {"type": "string"}},
                {"name": "pagina", "in": "query", "schema": {"type": "integer", "minimum": 1}}],
                "responses": {"200": {"description": "items", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"items": {"type": "array", "items": {
                        "$ref": "#/components/schemas/PubliekItem"}}, "pagina": {"type": "integer"}}}}}}}}},
            "/openbaar/api/v1/zoek": {"get": {"summary": "Zoeken in de openbare velden, best passend eerst",
                "parameters": [
                    {"name": "q", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 200}},
                    {"name": "soort", "in": "query", "schema": {"enum": list(SEARCH_KINDS)}},
                    {"name": "stand", "in": "query", "schema": {"enum": list(SEARCH_STATES)}},
                    {"name": "pagina", "in": "query", "schema": {"type": "integer", "minimum": 1}}],
                "responses": {"200": {"description": "items met een fragment (gevonden woorden tussen **) en waar "
                                                     "het gevonden is", "content": {"application/json": {"schema": {
                    "type": "object", "properties": {"items": {"type": "array", "items": {"oneOf": [
                        {"allOf": [{"$ref": "#/components/schemas/PubliekItem"}, {"properties": {
                            "fragment": {"type": ["string", "null"]},
                            "gevonden_in": {"type": ["string", "null"]}}}]},
                        {"$ref": "#/components/schemas/PubliekDocument"}]}},
                        "totaal": {"type": "integer"}, "pagina": {"type": "integer"},
                        "paginas": {"type": "integer"}}}}}}}}},
            "/openbaar/api/v1/items/{id}": {"get": {"summary": "Een item met zijn documenten en uitstelberichten",
                                                    "parameters": [{"name": "id", "in": "path", "required": True,
                                                                    "schema": {"type": "integer"}}],
                                                    "responses": {"200": {"description": "het item", "content": {
                                                        "application/json": {"schema": {
                                                            "$ref": "#/components/schemas/PubliekItemDetail"}}}},
                                                        "404": {"description": "niet in het register"}}}},
            **_subject_paths(),
        },
        "components": {"schemas": {"PubliekItem": item, "PubliekItemDetail": detail, "PubliekDocument": document,
                                   "Groepen": groups}},
    })




from . import public_subjects  # noqa: E402,F401  (its routes are on this blueprint)
