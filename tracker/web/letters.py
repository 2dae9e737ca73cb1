"""Voortgangsbrief in the web app: select items, write the texts, preview as HTML, make the PDF."""
from __future__ import annotations

from dataclasses import dataclass

from flask import (Blueprint, Response, abort, flash, redirect, render_template, request,
                   send_from_directory, url_for)
from flask_login import current_user, login_required
from sqlmodel import select
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from .. import clock, db
from ..letters import voortgangsbrief as letters
from ..authz import may, may_read, signed_in_as
from ..errors import NotFound, TrackerError, ValidationError
from ..models import Document, Letter, Ministry, TrackedItem
from ..vocabulary import ITEM_KINDS
from . import app_engine
from .forms import KIND_PLURALS, DutchDateField, ministry_choices
from .form_base import Form

bp = Blueprint("letters", __name__, url_prefix="/voortgangsbrief")


@dataclass(frozen=True)
class Candidate:
    """An item the letter may report on, as it stood on the letter's date (not as it is now)."""
    item: TrackedItem
    status_text: str  # in the letter's words, as of that date
    open: bool  # open on that date: only an open item can be discharged by the letter


class LetterForm(Form):
    ministry_id = SelectField("Ministerie", coerce=int)
    chamber = SelectField("Kamer", choices={"TK": "Tweede Kamer", "EK": "Eerste Kamer"})
    kinds = SelectMultipleField("Soorten", choices={k: KIND_PLURALS[k] for k in ITEM_KINDS}, validators=[Optional()])
    tag = StringField("Thema", validators=[Optional(), Length(max=100)], description="Leeg: alle thema's.")
    start_from = DutchDateField("Datum item vanaf", validators=[Optional()])
    start_until = DutchDateField("Datum item tot en met", validators=[Optional()])
    group_by = SelectField("Groeperen per", choices={"soort": "soort", "thema": "thema"}, default="soort")
    betreft = StringField("Betreft", validators=[Optional(), Length(max=300)],
                          description="Leeg: volgens de inhoud, bijv. 'Voortgang uitvoering moties'.")
    dagtekening = DutchDateField("Datum", validators=[Optional()],
                                 description="De dagtekening van de brief; leeg: vandaag. De items worden gezocht "
                                             "zoals ze er op die dag voor stonden.")
    kenmerk = StringField("Kenmerk", validators=[Optional(), Length(max=100)], description="Leeg: CODE-JJJJMMDD-n.")
    uw_kenmerk = StringField("Uw kenmerk", validators=[Optional(), Length(max=100)])
    intro = TextAreaField("Inleiding", validators=[Length(max=20000)], description="Leeg: een standaardinleiding.")
    closing = TextAreaField("Slot", validators=[Length(max=20000)])
    signer_function = StringField("Functie ondertekenaar", validators=[Optional(), Length(max=200)])
    signer_name = StringField("Naam ondertekenaar", validators=[Optional(), Length(max=200)])
    annex = BooleanField("Bijlage met een overzicht van de items", default=True)
    everything = BooleanField("Ook items die lang geleden zijn afgesloten",
                              description="Standaard: open op de dagtekening, of afgesloten sinds de vorige brief "
                                          "(of in de laatste twaalf maanden).")


def _view(session, form: LetterForm, concept: bool):
    """The letter the form describes, each item as it stood on the letter's date (a stored letter comes from its
    snapshot); the same rules as the CLI (tracker.letters.voortgangsbrief.compose)."""
    ministry = session.get(Ministry, form.ministry_id.data) or abort(400, description="Onbekend ministerie.")
    picked = [int(v) for v in request.form.getlist("item") if v.isdecimal()]
    discharge = [int(v) for v in request.form.getlist("afdoen") if v.isdecimal()]
    made = letters.compose(
        session, ministry, on=form.dagtekening.data or clock.today(), chamber=form.chamber.data,
        kinds=form.kinds.data or None, item_ids=picked or [-1], tag=form.tag.data or None,
        start_from=form.start_from.data, start_until=form.start_until.data, group_by=form.group_by.data,
        betreft=form.betreft.data or None, intro=form.intro.data or None, closing=form.closing.data or None,
        kenmerk=form.kenmerk.data or None, uw_kenmerk=form.uw_kenmerk.data or None,
        signer_function=form.signer_function.data or None, signer_name=form.signer_name.data or None,
        concept=concept, annex=form.annex.data, discharge_ids=discharge, reader=current_user.role)
    for warning in made.warnings:
        flash(f"Let op: {warning}.", "warning")
    return ministry, made.items, made.view, made.discharge


@bp.route("/", methods=["GET", "POST"])
@login_required
def compose():
    form = LetterForm()
    with db.transaction(app_engine()) as session:
        ministries = session.exec(select(Ministry).order_by(Ministry.code)).all()
        if current_user.role == "officer":
            ministries = [m for m in ministries if m.id == current_user.ministry_id]
        form.ministry_id.choices = ministry_choices(ministries)
        candidates, notices, as_of = [], [], None
        if form.ministry_id.data in {m.id for m in ministries}:
            ministry = session.get(Ministry, form.ministry_id.data)
            on = form.dagtekening.data or clock.today()
            # each item as it stood on the letter's date: the same as-of answer as the preview and the PDF
            candidates = [Candidate(state.item, letters.status_for(state), state.is_open)
                          for state in letters.select_as_of(
                              session, ministry, on, chamber=form.chamber.data,
                              kinds=form.kinds.data or letters.DEFAULT_KINDS, tag=form.tag.data or None,
                              start_from=form.start_from.data, start_until=form.start_until.data,
                              group_by=form.group_by.data, everything=form.everything.data)]
            as_of = on
            if request.form.get("actie") == "zoeken":
                # a new search starts from the defaults: the annex, the wording of what was found, the signer in office
                form.annex.data = True
                kinds = [k for k in letters.GROUPS if any(c.item.kind == k for c in candidates)]
                form.betreft.data = letters.default_betreft(kinds or letters.DEFAULT_KINDS)
                signer = letters.signer_on(session, ministry, on)
                if signer:
                    form.signer_function.data = form.signer_function.data or signer.function
                    form.signer_name.data = form.signer_name.data or signer.name
                else:  # a notice, not an error: a concept can still be made
                    notices.append("Let op: " + letters.no_signer_message(ministry, on, current_user.role) + ".")
                warning = letters.ministry_warning(ministry, on)
                if warning:
                    notices.append(f"Let op: {warning}.")
        listed = select(Letter, Ministry.code).join(Ministry, Ministry.id == Letter.ministry_id)
        if current_user.role == "officer":
            listed = listed.where(Letter.ministry_id == current_user.ministry_id)
        stored = session.execute(listed.order_by(Letter.dagtekening.desc()).limit(50)).all()
    action = request.form.get("actie")
    if request.method == "POST" and action in ("voorbeeld", "concept", "definitief") and form.validate():
        if not may(current_user, "edit", form.ministry_id.data) and action == "definitief":
            abort(403, description=f"{signed_in_as(current_user)} Een definitieve voortgangsbrief bewaart een "
                                   f"beleidsmedewerker van het ministerie van de brief of een beheerder; een concept "
                                   f"of voorbeeld kunt u wel maken.")
        if not request.form.getlist("item"):
            form.form_errors.append("Een voortgangsbrief zonder items wordt niet gemaakt; kies ten minste één item.")
        else:
            return _act(form, action)
    status = 400 if request.method == "POST" and (form.errors or form.form_errors) else 200
    # After a (new) search every found item starts ticked; otherwise the user's ticks are kept.
    picked = ({int(v) for v in request.form.getlist("item") if v.isdecimal()}
              if request.method == "POST" and action != "zoeken" else None)
    return render_template("letters/compose.html", form=form, candidates=candidates, picked=picked,
                           stored=stored, notices=notices, as_of=as_of), status


def _act(form: LetterForm, action: str):
    try:
        with db.transaction(app_engine()) as session:
            ministry, chosen, view, discharge = _view(session, form, concept=action != "definitief")
            if action == "voorbeeld":
                return Response(letters.render_html(view), mimetype="text/html")
            if action == "concept":
                pdf = letters.render_pdf(view)
                return Response(pdf, mimetype="application/pdf", headers={
                    "Content-Disposition": f'attachment; filename="concept-voortgangsbrief-{ministry.code}.pdf"'})
            document, _, _ = letters.store_final(session, view, ministry, chosen, current_user.actor,
                                                 letters.exports_dir(), discharge)
            document_id = document.id
    except ValidationError as error:
        form.form_errors.append(str(error))
        return render_template("letters/compose.html", form=form, candidates=[], picked=None, stored=[]), 400
    flash("Voortgangsbrief gemaakt en bewaard.", "ok")
    return redirect(url_for("letters.show", document_id=document_id))


@bp.route("/rappel", methods=["GET", "POST"])
@login_required
def rappel_page():
    """The rappel moved to its own page (the griffie's menu item): tracker.web.rappel."""
    from .rappel import old_address
    return old_address()


@bp.get("/letters/letter.css")
def stylesheet():
    """The letter's own stylesheet, for the HTML preview."""
    return send_from_directory(letters.TEMPLATES / "letters", "letter.css", mimetype="text/css")


@bp.get("/<int:document_id>")
@login_required
def show(document_id: int):
    with db.transaction(app_engine()) as session:
        letter = session.get(Letter, document_id) or abort(404)
        if not may_read(current_user, letter.ministry_id):
            abort(404)  # not 403: an officer learns nothing about other ministries' letters
        document = session.get(Document, document_id)
        view = letters.stored_view(session, document_id)
    return render_template("letters/show.html", letter=letter, document=document, view=view)


@bp.get("/<int:document_id>/pdf")
@login_required
def download(document_id: int):
    """The stored letter as sent, byte for byte (the stored file, or a re-render of its snapshot; sha256 checked)."""
    with db.transaction(app_engine()) as session:
        letter = session.get(Letter, document_id)
        if letter is None or not may_read(current_user, letter.ministry_id):
            abort(404)
        try:
            pdf = letters.stored_pdf(session, document_id)
        except NotFound:
            abort(404)
        except TrackerError as error:
            abort(409, description=f"Deze brief kan niet worden teruggegeven: {error}.")
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="voortgangsbrief-{document_id}.pdf"'})
