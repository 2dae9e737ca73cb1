"""The public register's pages of a subject: a Kamerstuk dossier, a Kamerlid, a committee (and the indexes of
persons and committees), as HTML and JSON. Thin over tracker.public_subjects, which builds them from tracker.public
alone. Registered on the public blueprint: the same switch, cache policy and rate limit as every public page."""
from __future__ import annotations

from flask import abort, jsonify, render_template, request, url_for

from .. import clock, db, public_subjects
from . import app_engine
from .forms import KIND_LABELS
from .params import page_number
from .public import SLUG_OF, bp
from .read_cache import by_data_version


def _dossier(nummer: str):
    return _cached_dossier(nummer.strip()[:30], clock.today())


def _person(person_id: int):
    return _cached_person(person_id, clock.today())


def _committee(committee_id: int):
    return _cached_committee(committee_id, clock.today())


# the pages' read models from this worker's cache while nothing is written (tracker.web.read_cache)
_cached_dossier = by_data_version(maxsize=32)(public_subjects.dossier_page)
_cached_person = by_data_version(maxsize=32)(public_subjects.person_page)
_cached_committee = by_data_version(maxsize=32)(public_subjects.committee_page)


def _render(template: str, **values):
    return render_template(template, labels=KIND_LABELS, slugs=SLUG_OF, today=clock.today().isoformat(), **values)


@bp.get("/dossiers/<path:nummer>")
def dossier_page(nummer: str):
    page = _dossier(nummer) or abort(404)
    return _render("public/dossier.html", d=page, feed=url_for("public.dossier_atom", nummer=page.name))


def _persons():
    """?naam= (at most 100 characters), the Kamerleden and the bewindspersonen so named: (name, (rows, more), (rows,
    more)), for the index page and its JSON alike."""
    name = (request.args.get("naam") or "").strip()[:100]
    with db.transaction(app_engine()) as session:
        return name, public_subjects.persons(session, name), public_subjects.ministers(session, name)


@bp.get("/personen")
def person_index():
    name, (rows, more), (ministers, more_ministers) = _persons()
    return _render("public/persons.html", rows=rows, more=more, ministers=ministers, more_ministers=more_ministers,
                   naam=name)


SHOWN = 25  # (templates/public/_rows.html groups_of) rows of each group on a subject's page; a longer group is one click away, PAGE_SIZE rows a page
PAGE_SIZE = 100


def _one_group(parts: dict[str, public_subjects.Groups]) -> dict:
    """?deel=PART+N (b1: the first group as bewindspersoon, k2: the second as Kamerlid, c1: a committee's first) and
    ?pagina: that group alone, a page at a time. {} without ?deel; a 404 for a group the page does not have."""
    deel = (request.args.get("deel") or "").strip()
    if not deel:
        return {}
    groups = parts.get(deel[:1])
    number = deel[1:]
    if groups is None or not number.isdecimal() or not 1 <= int(number) <= len(groups.groups):
        abort(404)
    return {"group": groups.groups[int(number) - 1], "deel": deel, "number": page_number(request.args),
            "page_size": PAGE_SIZE}


@bp.get("/personen/<int:person_id>")
def person_page(person_id: int):
    page = _person(person_id) or abort(404)
    return _render("public/person.html", p=page, feed=url_for("public.person_atom", person_id=page.id),
                   shown=SHOWN, **_one_group({"b": page.assigned, "k": page.items}))


@bp.get("/commissies")
def committee_index():
    with db.transaction(app_engine()) as session:
        rows = public_subjects.committees(session, clock.today())
    return _render("public/committees.html", rows=rows)


@bp.get("/commissies/<int:committee_id>")
def committee_page(committee_id: int):
    page = _committee(committee_id) or abort(404)
    return _render("public/committee.html", c=page, feed=url_for("public.committee_atom", committee_id=page.id),
                   shown=SHOWN, **_one_group({"c": page.items}))


# ------------------------------------------------------------------------------------------------ JSON
def _groups(groups: public_subjects.Groups) -> dict:
    return {"open": groups.open_count, "te_laat": groups.overdue_count, "afgesloten": groups.closed_count,
            "groepen": [{"naam": caption, "items": rows} for caption, rows in groups.groups]}


def _not_found(what: str):
    return jsonify(error=f"{what} staat niet in het openbare register"), 404


@bp.get("/api/v1/dossiers/<path:nummer>")
def api_dossier(nummer: str):
    page = _dossier(nummer)
    if page is None:
        return _not_found(f"dossier {nummer[:30]}")
    return jsonify(dossier=page.name, **_groups(page.items), documenten=page.documents)


@bp.get("/api/v1/personen")
def api_persons():
    _, (rows, more), (ministers, more_ministers) = _persons()
    return jsonify(personen=[{"id": i, "naam": n, "items": count} for i, n, count in rows], meer=more,
                   bewindspersonen=[{"id": i, "naam": n, "items": count} for i, n, count in ministers],
                   meer_bewindspersonen=more_ministers)


@bp.get("/api/v1/personen/<int:person_id>")
def api_person(person_id: int):
    page = _person(person_id)
    if page is None:
        return _not_found(f"persoon {person_id}")
    return jsonify(id=page.id, naam=page.name, **_groups(page.items), als_bewindspersoon=_groups(page.assigned))


@bp.get("/api/v1/commissies")
def api_committees():
    with db.transaction(app_engine()) as session:
        return jsonify(commissies=public_subjects.committees(session, clock.today()))


@bp.get("/api/v1/commissies/<int:committee_id>")
def api_committee(committee_id: int):
    page = _committee(committee_id)
    if page is None:
        return _not_found(f"commissie {committee_id}")
    return jsonify(id=page.id, naam=page.name, kamer=page.chamber, **_groups(page.items))
