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


@bp.get("/personen/<int:person_id>")
@login_required
def person(person_id: int):
    today = clock.today()
    with db.transaction(app_engine()) as session:
        page = registers.person_page(session, person_id, today) or abort(404)
        session.expunge_all()
    return render_template("registers/person.html", p=page, today=today)


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
    with db.transaction(app_engine()) as session:
        page = registers.committee_page(session, committee_id) or abort(404)
        session.expunge_all()
    open_rows = [r for r in page.rows if r.closed_on is None]
    return render_template("registers/committee.html", c=page.committee, open_rows=open_rows,
                           overdue=[r for r in open_rows if r.overdue(today)],
                           closed=[r for r in page.rows if r.closed_on is not None], today=today)
