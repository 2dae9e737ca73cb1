"""The pages of a person (Kamerlid or bewindspersoon) and of a committee, and their indexes: thin over
tracker.services.registers. Every signed-in role reads them (as it reads every item)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, select

from .. import clock, db
from ..errors import NotFound, ValidationError
from ..models import ItemPerson, Person, TrackedItem
from ..services import persons, registers
from . import app_engine
from .params import page_number
from .read_cache import by_data_version, fragment

bp = Blueprint("registers", __name__)
PERSONS_SHOWN = 500


@bp.app_template_filter("personen")
def persons_of(item) -> list[tuple[int, str, int]]:
    """The persons an item names, in order: (id, name, position) — for links on the item page."""
    with db.reading(app_engine()) as connection:
        return connection.execute(select(Person.id, Person.name, ItemPerson.position)
                                  .join(ItemPerson, ItemPerson.person_id == Person.id)
                                  .where(ItemPerson.item_id == item.id).order_by(ItemPerson.position)).all()


@bp.get("/personen")
@login_required
def person_index():
    name = (request.args.get("naam") or "").strip()[:100]
    with db.transaction(app_engine()) as session:
        counted = (select(Person.id, Person.name, func.count(ItemPerson.item_id))
                   .outerjoin(ItemPerson, ItemPerson.person_id == Person.id).group_by(Person.id, Person.name))
        if name:
            counted = counted.where(func.lower(Person.name).like(f"%{name.lower()}%"))
        rows = session.execute(counted.order_by(Person.name).limit(PERSONS_SHOWN + 1)).all()
        assigned = dict(session.execute(select(TrackedItem.bewindspersoon_id, func.count()).where(
            TrackedItem.bewindspersoon_id.is_not(None), TrackedItem.archived_at.is_(None))
            .group_by(TrackedItem.bewindspersoon_id)).all())
        everyone = session.execute(select(Person.id, Person.name).order_by(Person.name).limit(5000)).all() \
            if current_user.role == "admin" else []
    return render_template("registers/persons.html", rows=rows[:PERSONS_SHOWN], more=len(rows) > PERSONS_SHOWN,
                           assigned=assigned, naam=name, everyone=everyone)


def _section(args, sections: dict) -> tuple[str | None, str | None, int]:
    """?deel=WORD&pagina=N: one list of the page, a page of it at a time (the page itself shows each list's newest
    registers.SHOWN). Returns (word, key, page number); an unknown word is a 400."""
    word = (args.get("deel") or "").strip()
    if not word:
        return None, None, 1
    if word not in sections:
        abort(400, description=f"Onbekend deel '{word[:30]}' van deze pagina.")
    return word, sections[word][0], page_number(args)


@by_data_version(maxsize=32)
def _person_page(session, person_id: int, today, section: str | None, number: int):
    limit = registers.PAGE_SIZE if section else registers.SHOWN
    return registers.person_page(session, person_id, today, limit, section, (number - 1) * limit)


@by_data_version(maxsize=32)
def _committee_register(session, committee_id: int, today, section: str | None, number: int):
    limit = registers.PAGE_SIZE if section else registers.SHOWN
    return registers.committee_register(session, committee_id, today, limit, section, (number - 1) * limit)


@bp.get("/personen/<int:person_id>")
@login_required
def person(person_id: int):
    today = clock.today()
    word, key, number = _section(request.args, registers.PERSON_SECTIONS)
    page = _person_page(person_id, today, key, number) or abort(404)
    lists = None if key else fragment(page, today, lambda: render_template(
        "registers/_person_lists.html", p=page, today=today, sections=registers.PERSON_SECTIONS))
    return render_template("registers/person.html", p=page, today=today, deel=word, section=key, number=number,
                           sections=registers.PERSON_SECTIONS, shown=registers.SHOWN, page_size=registers.PAGE_SIZE,
                           lists=lists)


@bp.post("/personen/samenvoegen")
@login_required
def merge():
    """Admin: one person is a spelling of another ("Ozutok" of "Özütok")."""
    try:
        keep, drop = int(request.form.get("houden", "")), int(request.form.get("samenvoegen", ""))
    except ValueError:
        abort(400, description="Kies de persoon die blijft en de schrijfwijze die erin opgaat.")
    try:
        with db.transaction(app_engine()) as session:
            message = persons.merge(session, keep, drop, current_user.actor)
    except (NotFound, ValidationError) as error:
        flash(str(error), "error")
        return redirect(url_for("registers.person_index"))
    flash(message + ".", "success")
    return redirect(url_for("registers.person", person_id=keep))


@bp.get("/commissies")
@login_required
def committee_index():
    with db.transaction(app_engine()) as session:
        rows = registers.committees(session, clock.today())
        session.expunge_all()
    return render_template("registers/committees.html", rows=rows)


@bp.get("/commissies/<int:committee_id>")
@login_required
def committee(committee_id: int):
    today = clock.today()
    word, key, number = _section(request.args, registers.COMMITTEE_SECTIONS)
    page = _committee_register(committee_id, today, key, number) or abort(404)
    return render_template("registers/committee.html", c=page.committee, r=page, today=today, deel=word, section=key,
                           number=number, sections=registers.COMMITTEE_SECTIONS, shown=registers.SHOWN,
                           page_size=registers.PAGE_SIZE)
