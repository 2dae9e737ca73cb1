"""Beheer (admin only): users, ministries, persons, committees and the recess calendar."""
from __future__ import annotations

from functools import wraps

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import func
from sqlmodel import select
from werkzeug.security import generate_password_hash

from .. import config, db, words
from ..authz import may
from ..errors import NotFound, ValidationError
from ..models import Committee, Ministry, Notification, Person, Position, Recess, TrackedItem, User
from ..services.schedule import load_calendar, rebuild
from ..services import queries
from ..services import people
from ..services import users as user_service
from . import app_engine, forbid
from .forms import (ActiveForm, CommitteeForm, MinistryForm, PersonForm, RecessForm, RoleForm, UserForm, UserNameForm,
                    ministry_choices)

bp = Blueprint("admin", __name__, url_prefix="/beheer")


def admin_only(view):
    @wraps(view)
    @login_required
    def wrapper(*args, **kwargs):
        if not may(current_user, "admin"):
            forbid("admin")
        return view(*args, **kwargs)
    return wrapper


def _ministry_choices(session, empty: str = "—"):
    return {0: empty, **ministry_choices(queries.ministry_rows(session))}


@bp.get("/")
@admin_only
def index():
    return redirect(url_for("admin.users"))


@bp.route("/gebruikers", methods=["GET", "POST"])
@admin_only
def users():
    form = UserForm()
    with db.transaction(app_engine()) as session:
        form.ministry_id.choices = _ministry_choices(session)
        if form.validate_on_submit():
            if session.exec(select(User).where(User.username == form.username.data.strip())).first():
                form.username.errors = ["Deze gebruikersnaam bestaat al."]
            elif form.role.data == "officer" and not form.ministry_id.data:
                form.ministry_id.errors = ["Een officer hoort bij een ministerie."]
            else:
                try:
                    email = people.checked_email(form.email.data)
                    full_name, directorate = user_service.checked_names(form.full_name.data, form.directorate.data)
                except ValidationError as error:
                    for problem in error.problems:
                        getattr(form, problem.field or "email").errors = [problem.message]
                else:
                    session.add(User(username=form.username.data.strip(), role=form.role.data,
                                     ministry_id=form.ministry_id.data or None, email=email, full_name=full_name,
                                     directorate=directorate, password_hash=generate_password_hash(form.password.data)))
                    flash(f"Gebruiker {form.username.data} aangemaakt.", "ok")
                    return redirect(url_for("admin.users"))
        rows = session.execute(select(User, Ministry.code).outerjoin(Ministry, Ministry.id == User.ministry_id)
                               .order_by(User.username)).all()
    status = 400 if request.method == "POST" else 200
    role_form = RoleForm()
    role_form.ministry_id.choices = form.ministry_id.choices
    return render_template("admin/users.html", form=form, rows=rows, toggle=ActiveForm(), role_form=role_form,
                           name_form=UserNameForm(formdata=None)), status


@bp.post("/gebruikers/<int:user_id>/naam")
@admin_only
def change_name(user_id: int):
    """A user's full name and directorate (the user can set them too, on Mijn instellingen)."""
    form = UserNameForm()
    if not form.validate_on_submit():
        abort(400, description="Een naam en een directie zijn elk hoogstens 200 tekens.")
    try:
        with db.transaction(app_engine()) as session:
            user = user_service.set_name(session, user_id, form.full_name.data, form.directorate.data)
            name = user.username
    except NotFound:
        abort(404)
    except ValidationError as error:
        abort(400, description=str(error))
    flash(f"Naam van {name} opgeslagen.", "ok")
    return redirect(url_for("admin.users"))


@bp.post("/gebruikers/<int:user_id>/actief")
@admin_only
def toggle_user(user_id: int):
    if not ActiveForm().validate_on_submit():
        abort(400, description="Formulier verlopen.")
    with db.transaction(app_engine()) as session:
        user = session.get(User, user_id) or abort(404)
        if user.id == current_user.id:
            abort(400, description="U kunt uzelf niet uitschakelen.")
        user_service.set_active(session, user.id, not user.active)  # ends the user's sessions
        flash(f"Gebruiker {user.username} {'ingeschakeld' if user.active else 'uitgeschakeld'}.", "ok")
    return redirect(url_for("admin.users"))


@bp.post("/gebruikers/<int:user_id>/rol")
@admin_only
def change_role(user_id: int):
    form = RoleForm()
    with db.transaction(app_engine()) as session:
        form.ministry_id.choices = _ministry_choices(session)
        if not form.validate_on_submit():
            abort(400, description="Kies een bestaande rol en een ministerie.")
        if user_id == current_user.id:
            abort(400, description="U kunt uw eigen rol niet wijzigen.")
        try:
            user = user_service.set_role(session, user_id, form.role.data, form.ministry_id.data or None)
        except NotFound:
            abort(404)
        except ValidationError as error:
            abort(400, description=str(error))
        flash(f"Gebruiker {user.username} is nu {words.role_in_words(user.role)}; de gebruiker logt opnieuw in.", "ok")
    return redirect(url_for("admin.users"))


@bp.route("/ministeries", methods=["GET", "POST"])
@admin_only
def ministries():
    form = MinistryForm()
    with db.transaction(app_engine()) as session:
        if form.validate_on_submit():
            code = form.code.data.strip()
            existing = session.exec(select(Ministry).where(func.lower(Ministry.code) == code.lower())).first()
            ministry = existing or Ministry(code=code, name=form.name.data)
            ministry.name, ministry.active_from, ministry.active_until = (form.name.data.strip(), form.active_from.data,
                                                                          form.active_until.data)
            ministry.internal_offset_days = form.internal_offset_days.data or None
            session.add(ministry)
            flash(f"Ministerie {code} {'bijgewerkt' if existing else 'toegevoegd'}.", "ok")
            return redirect(url_for("admin.ministries"))
        rows = session.exec(select(Ministry).order_by(Ministry.code)).all()
    return render_template("admin/ministries.html", form=form, rows=rows), 400 if request.method == "POST" else 200


@bp.route("/personen", methods=["GET", "POST"])
@admin_only
def persons():
    form = PersonForm()
    with db.transaction(app_engine()) as session:
        form.ministry_id.choices = _ministry_choices(session)
        if form.validate_on_submit():
            person = session.exec(select(Person).where(Person.name == form.name.data.strip())).first()
            if person is None:
                person = Person(name=form.name.data.strip())
                session.add(person)
                session.flush()
            session.add(Position(person_id=person.id, role=form.role.data, chamber=form.chamber.data or None,
                                 fractie=form.fractie.data or None, ministry_id=form.ministry_id.data or None,
                                 function=form.function.data or None, start=form.start.data, end=form.end.data))
            flash(f"{person.name} vastgelegd.", "ok")
            return redirect(url_for("admin.persons"))
        rows = session.execute(select(Person.name, Position, Ministry.code).join(Position, Position.person_id == Person.id)
                               .outerjoin(Ministry, Ministry.id == Position.ministry_id).order_by(Person.name)).all()
    return render_template("admin/persons.html", form=form, rows=rows), 400 if request.method == "POST" else 200


@bp.route("/commissies", methods=["GET", "POST"])
@admin_only
def committees():
    form = CommitteeForm()
    with db.transaction(app_engine()) as session:
        if form.validate_on_submit():
            if session.exec(select(Committee).where(Committee.chamber == form.chamber.data,
                                                    Committee.name == form.name.data.strip())).first():
                form.name.errors = ["Deze commissie bestaat al."]
            else:
                session.add(Committee(chamber=form.chamber.data, name=form.name.data.strip(),
                                      abbreviation=form.abbreviation.data or None))
                flash("Commissie toegevoegd.", "ok")
                return redirect(url_for("admin.committees"))
        rows = session.exec(select(Committee).order_by(Committee.chamber, Committee.name)).all()
    return render_template("admin/committees.html", form=form, rows=rows), 400 if request.method == "POST" else 200


def _rebuild_phrase_items(session) -> int:
    """Recesses changed: items whose deadline is a phrase may resolve to another date now."""
    calendar = load_calendar(session)
    changed = session.exec(select(TrackedItem).where(TrackedItem.deadline_phrase.is_not(None),
                                                     TrackedItem.archived_at.is_(None))).all()
    for item in changed:
        rebuild(session, item, current_user.actor.name, calendar, note="recesrooster gewijzigd")
    return len(changed)


@bp.route("/recessen", methods=["GET", "POST"])
@admin_only
def recesses():
    form = RecessForm()
    with db.transaction(app_engine()) as session:
        if form.validate_on_submit():
            session.add(Recess(chamber=form.chamber.data, name=form.name.data, start=form.start.data, end=form.end.data))
            session.flush()
            count = _rebuild_phrase_items(session)
            flash(f"Reces toegevoegd; {words.count(count, 'termijn', 'termijnen')} met een termijnzin opnieuw berekend.", "ok")
            return redirect(url_for("admin.recesses"))
        rows = session.exec(select(Recess).order_by(Recess.start.desc())).all()
    return render_template("admin/recesses.html", form=form, rows=rows, delete=ActiveForm()), \
        400 if request.method == "POST" else 200


@bp.post("/recessen/<int:recess_id>/verwijderen")
@admin_only
def delete_recess(recess_id: int):
    if not ActiveForm().validate_on_submit():
        abort(400, description="Formulier verlopen.")
    with db.transaction(app_engine()) as session:
        recess = session.get(Recess, recess_id) or abort(404)
        session.delete(recess)
        session.flush()
        count = _rebuild_phrase_items(session)
    flash(f"Reces verwijderd; {words.count(count, 'termijn', 'termijnen')} opnieuw berekend.", "ok")
    return redirect(url_for("admin.recesses"))


@bp.get("/berichten")
@admin_only
def messages():
    """Verzonden berichten: what `tracker notify` sent (or would send: without SMTP_URL they are .eml files)."""
    with db.transaction(app_engine()) as session:
        rows = session.execute(select(Notification, User.username).join(User, User.id == Notification.user_id)
                               .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(500)).all()
        for row, _ in rows:
            session.expunge(row)
    return render_template("admin/messages.html", rows=rows, outbox=not config.smtp_url())


@bp.get("/berichten/<int:notification_id>")
@admin_only
def message(notification_id: int):
    """One message from the outbox as it would arrive (its text part), to read without a mail program."""
    import email
    import email.policy

    with db.transaction(app_engine()) as session:
        row = session.get(Notification, notification_id) or abort(404)
        session.expunge(row)
    path = config.outbox_path() / (row.file or "")
    if not row.file or not path.is_file():
        abort(404, description="Dit bericht staat niet (meer) in de outbox.")
    parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    text = parsed.get_body(("plain",)).get_content()
    return render_template("admin/message.html", row=row, headers=mail_headers_in_words(parsed), text=text)


# The headers a reader of the outbox wants, by their Dutch names (the mail itself keeps the standard ones)
MAIL_HEADERS = (("From", "Van"), ("To", "Aan"), ("Subject", "Onderwerp"), ("Date", "Datum"),
                ("List-Unsubscribe", "Afmelden"))


def mail_headers_in_words(parsed) -> list[tuple[str, str]]:
    """[("Van", …), ("Aan", …), ("Onderwerp", …), ("Datum", "2 december 2026, 09:00"), …]: the date in
    Amsterdam time as the rest of the app writes it, not the mail's own UTC stamp."""
    from email.utils import parsedate_to_datetime

    from . import moment_in_words

    shown = []
    for header, name in MAIL_HEADERS:
        value = parsed[header]
        if value and header == "Date":
            try:
                value = moment_in_words(parsedate_to_datetime(str(value)))
            except (TypeError, ValueError):
                pass  # a date no parser reads is shown as the mail has it
        shown.append((name, str(value) if value else value))
    return shown
