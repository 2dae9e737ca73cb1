"""Zoeken (the box in the top bar) and the page of a Kamerstuk dossier. Thin: tracker.search decides what matches
and what the user may read."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, redirect, render_template, request, url_for
from markupsafe import Markup, escape
from flask_login import current_user, login_required
from sqlalchemy import select

from .. import clock, db
from ..domain import citations
from ..domain.dutch import DateParseError, parse_date
from ..models import Ministry
from ..search import KINDS, STATES, Filters, item_hits, search, terms
from . import app_engine
from .params import page_number
from .read_cache import by_data_version, fragment, reader

bp = Blueprint("search", __name__)


@bp.app_template_filter("met_vindplaatsen")
def with_citation_links(text: str | None) -> Markup:
    """A text with every Kamerstuk it cites made a link to the official publication (each piece escaped)."""
    return Markup("").join(
        Markup('<a href="{}" class="official" rel="external noopener">{}</a>').format(url, piece) if url else escape(piece)
        for piece, url, _dossier in terms.cited_pieces(text))


@bp.app_template_filter("officieel")
def official_address(item) -> str | None:
    """The official publication of an item's number (a Kamerstuk or a Zaak), or None."""
    return citations.url_of_number(item.nummer, item.chamber)


@bp.app_template_filter("dossier")
def dossier_of(item) -> str | None:
    return citations.dossier_of(item.nummer)
KIND_WORDS = {"motie": "Moties", "toezegging": "Toezeggingen", "kamervragen": "Kamervragen",
              "commissiebrief": "Commissiebrieven", "document": "Documenten"}
STATE_WORDS = {"open": "open", "te_laat": "te laat", "afgesloten": "afgesloten"}
DOSSIER_LIMIT = 500


def _date(name: str) -> date | None:
    value = (request.args.get(name) or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value) if len(value) == 10 and value[4] == "-" else parse_date(value)
    except (ValueError, DateParseError):
        abort(400, description=f"Ongeldige datum voor '{name}': '{value[:30]}' (bijv. 1-2-2024 of 2024-02-01).")


def filters_from(args, session) -> tuple[Filters, dict]:
    """The filters of a query string (the page's and the API's names); unknown values are a 400."""
    kind = args.get("soort") or None
    if kind and kind not in KINDS:
        abort(400, description=f"Onbekende soort '{kind[:30]}'.")
    chamber = args.get("kamer") or None
    if chamber and chamber not in ("TK", "EK"):
        abort(400, description=f"Onbekende kamer '{chamber[:10]}'.")
    state = args.get("stand") or None
    if state and state not in STATES:
        abort(400, description=f"Onbekende stand '{state[:20]}'.")
    code = args.get("ministerie") or None
    ministry_id = None
    if code:
        ministry_id = session.execute(select(Ministry.id).where(Ministry.code == code)).scalar()
        if ministry_id is None:
            abort(400, description=f"Onbekend ministerie '{code[:20]}'.")
    f = Filters(kind=kind, chamber=chamber, ministry_id=ministry_id, state=state, since=_date("van"), until=_date("tot"))
    shown = {k: v for k, v in (("soort", kind), ("kamer", chamber), ("ministerie", code), ("stand", state),
                               ("van", args.get("van")), ("tot", args.get("tot"))) if v}
    return f, shown


@bp.get("/zoek")
@login_required
def page():
    text = (request.args.get("q") or "").strip()[:terms.MAX_QUERY]
    number = page_number(request.args)
    with db.transaction(app_engine()) as session:
        f, shown = filters_from(request.args, session)
        ministries = session.execute(select(Ministry.code).order_by(Ministry.code)).scalars().all()
    today = clock.today()
    result = cached_search(reader(current_user), text, f, number, today) if text else None
    results = fragment(result, (text, tuple(sorted(shown.items())), today), lambda: render_template(
        "search/_results.html", q=text, result=result, shown=shown, today=today)) if result is not None else None
    return render_template("search/results.html", q=text, result=result, results=results, shown=shown,
                           ministries=ministries, kinds=KIND_WORDS, states=STATE_WORDS, today=today)


@by_data_version(maxsize=256)
def cached_search(session, who, text: str, f: Filters, number: int, today: date, per_page: int | None = None):
    """search() for a reader (read_cache.reader) from this worker's cache while nothing is written."""
    return search(session.connection(), who, text, f, page=number, today=today,
                  **({"per_page": per_page} if per_page else {}))


@by_data_version(maxsize=32)
def cached_dossier_hits(session, who, nummer: str):
    return dossier_hits(session.connection(), who, nummer)


def dossier_hits(connection, user, nummer: str):
    """Everything in the register on one Kamerstuk dossier (or one chapter of it): the items numbered in it and every
    item and document citing it, as the search index has them."""
    key = terms.dossier_key(nummer)
    if not key or not key[:5].isdigit():
        return None
    result = search(connection, user, None, Filters(keys=("ks" + key,)), per_page=DOSSIER_LIMIT)
    # and the items a document of the dossier belongs to (a toezegging fulfilled by its voortgangsbrief)
    shown = {h.id for h in result.hits if h.kind == "item"}
    linked = {item_id for h in result.hits if h.kind == "document" for item_id, _kind, _nummer in h.items} - shown
    extra = list(item_hits(connection, user, sorted(linked)).values())
    hits = sorted(result.hits + extra, key=lambda h: (h.kind != "item", h.soort, h.on or date.min, h.nummer or ""))
    result.total += len(extra)
    return result, hits


def dossier_name(nummer: str) -> str:
    """The dossier as it is written: "36600-viii" → "36600 VIII"."""
    return citations.kamerstuk(nummer.upper()).dossier


@bp.get("/dossiers/<path:nummer>")
@login_required
def dossier(nummer: str):
    nummer = nummer.strip()[:30]
    if not terms.dossier_key(nummer)[:5].isdigit():
        abort(404)
    name = dossier_name(nummer)
    found = cached_dossier_hits(reader(current_user), name)
    if found is None:
        abort(404)
    result, hits = found
    groups: dict[str, list] = {}
    for hit in hits:
        groups.setdefault("document" if hit.kind == "document" else hit.soort, []).append(hit)
    today = clock.today()
    results = fragment(result, today, lambda: render_template("search/_dossier_groups.html", groups=groups,
                                                              kinds=KIND_WORDS, today=today))
    return render_template("search/dossier.html", name=name, groups=groups, results=results, kinds=KIND_WORDS,
                           total=result.total, limit=DOSSIER_LIMIT, today=today)


@bp.get("/dossier")
@login_required
def dossier_lookup():
    """The dossier box: "36600 VIII" → its page."""
    nummer = (request.args.get("nummer") or "").strip()
    if not nummer:
        return redirect(url_for("search.page"))
    return redirect(url_for("search.dossier", nummer=nummer))
