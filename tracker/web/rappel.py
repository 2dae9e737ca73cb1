"""The rappel page: the griffie's own letter to the ministries about their open toezeggingen.

Choose chamber, ministry (or all ministries: one letter per ministry in one ZIP) and peildatum; preview it, make a
concept, or make the final letter, kept with its kenmerk as a voortgangsbrief is kept; and see the rappels sent to
a ministry before. Who may: tracker.authz ("rappel": the griffie and admins)."""
from __future__ import annotations

import io
import zipfile

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlmodel import select
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional

from .. import clock, db
from ..words import count
from ..authz import may
from ..errors import NotFound, TrackerError, ValidationError
from ..letters import rappel
from ..letters.voortgangsbrief import exports_dir
from ..models import Ministry
from ..services import queries
from . import app_engine, forbid
from .form_base import Form
from .forms import DutchDateField, ministry_choices, required_date

bp = Blueprint("rappel", __name__, url_prefix="/rappel")
ALL = 0  # the ministry choice "alle ministeries"


class RappelForm(Form):
    ministry_id = SelectField("Ministerie", coerce=int)
    chamber = SelectField("Kamer", choices={"EK": "Eerste Kamer", "TK": "Tweede Kamer"})
    peildatum = DutchDateField("Peildatum", validators=[required_date("Vul de peildatum in (1 juli of 1 januari).")],
                               description="De stand van de toezeggingen op deze dag; op of vóór de datum van de brief.")
    dagtekening = DutchDateField("Datum van de brief", validators=[Optional()], description="Leeg: vandaag.")
    reply_by = DutchDateField("Antwoord gevraagd vóór", validators=[Optional()],
                              description="Leeg: zes weken na de brief, op een vrijdag.")
    signer_name = StringField("Naam ondertekenaar", validators=[Optional(), Length(max=200)],
                              description="De Voorzitter of de griffier; verplicht voor een definitieve brief.")


def _allowed():
    if not may(current_user, "rappel"):
        forbid("rappel")


def _letters(session, form: RappelForm, concept: bool) -> list[tuple[Ministry, list, rappel.RappelLetter | None]]:
    """Per chosen ministry its rows and letter (None: no toezeggingen to rappel)."""
    chosen = ([session.get(Ministry, form.ministry_id.data)] if form.ministry_id.data != ALL
              else session.exec(select(Ministry).order_by(Ministry.code)).all())
    if not chosen or chosen[0] is None:
        abort(400, description="Onbekend ministerie.")
    on = form.dagtekening.data or clock.today()
    made = []
    for ministry in chosen:
        rows = rappel.rappel_rows(session, ministry.id, form.chamber.data, form.peildatum.data)
        letter = None
        if rows:
            kenmerk = None if concept else rappel.free_kenmerk(session, form.chamber.data, ministry, on)
            letter = rappel.letter_for(rows, ministry, form.chamber.data, form.peildatum.data, on,
                                       form.reply_by.data, form.signer_name.data or "", concept, kenmerk)
        made.append((ministry, rows, letter))
    return made


def _inline_css(html: str) -> str:
    """The preview with its stylesheet inside (the PDF reads it from the templates folder)."""
    css = (rappel.TEMPLATES / "letters" / "rappel.css").read_text(encoding="utf-8")
    return html.replace('<link rel="stylesheet" href="letters/rappel.css">', f"<style>{css}</style>")


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _download(data: bytes, name: str, mimetype: str) -> Response:
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/", methods=["GET", "POST"])
@login_required
def page():
    _allowed()
    form = RappelForm()
    with db.transaction(app_engine()) as session:
        form.ministry_id.choices = {ALL: "Alle ministeries (één brief per ministerie, in één ZIP)",
                                    **ministry_choices(queries.ministry_rows(session))}
        if request.method == "GET":
            asked = request.args.get("ministerie", "")
            form.ministry_id.data = int(asked) if asked.isdecimal() and len(asked) < 10 else ALL
        if form.ministry_id.data not in form.ministry_id.choices:
            form.ministry_id.data = ALL if request.method == "GET" else form.ministry_id.data
        known = form.ministry_id.data in form.ministry_id.choices
        sent = rappel.history(session, form.ministry_id.data if known and form.ministry_id.data else None)
    action = request.form.get("actie")
    if request.method == "POST" and action in ("voorbeeld", "concept", "definitief", "csv") and form.validate():
        if form.reply_by.data and form.reply_by.data <= (form.dagtekening.data or clock.today()):
            form.reply_by.errors.append("Deze dag ligt niet na de datum van de brief.")
        else:
            try:
                return _act(form, action)
            except ValidationError as error:
                form.form_errors.append(str(error))
    status = 400 if request.method == "POST" and (form.errors or form.form_errors) else 200
    return render_template("letters/rappel_page.html", form=form, sent=sent), status


def _act(form: RappelForm, action: str):
    everyone = form.ministry_id.data == ALL
    stamp = form.peildatum.data.isoformat()
    with db.transaction(app_engine()) as session:
        made = _letters(session, form, concept=action != "definitief")
        found = [(m, rows, letter) for m, rows, letter in made if letter is not None]
        if action == "csv":
            files = {f"rappel-{form.chamber.data}-{m.code}-{stamp}.csv": rappel.to_csv(rows).encode("utf-8")
                     for m, rows, _ in made if rows or not everyone}
            if not everyone:
                return _download(next(iter(files.values())), next(iter(files)), "text/csv")
            return _download(_zip(files), f"rappel-{form.chamber.data}-{stamp}-csv.zip", "application/zip")
        if not found:
            raise ValidationError([rappel.Problem("op deze peildatum heeft " + ("geen enkel ministerie" if everyone
                                                  else "dit ministerie") + " openstaande toezeggingen met een termijn "
                                                  "vóór de volgende peildatum; er is geen brief gemaakt")])
        if action == "voorbeeld":
            if everyone:
                raise ValidationError([rappel.Problem("een voorbeeld toont één brief: kies één ministerie "
                                                      "(een concept van alle ministeries komt als ZIP)")])
            return Response(_inline_css(rappel.render_html(found[0][2])), mimetype="text/html")
        if action == "concept":
            files = {f"concept-rappel-{form.chamber.data}-{m.code}-{stamp}.pdf": rappel.render_pdf(letter)
                     for m, _, letter in found}
        else:
            files = {}
            for ministry, _, letter in found:
                document, pdf, path = rappel.store_final(session, letter, ministry, current_user.actor, exports_dir())
                files[path.name] = pdf
    if action == "definitief":
        flash(f"{count(len(files), 'rappelbrief', 'rappelbrieven')} gemaakt en bewaard.", "ok")
    if len(files) == 1 and not everyone:
        name, data = next(iter(files.items()))
        return _download(data, name, "application/pdf")
    return _download(_zip(files), f"{'concept-' if action == 'concept' else ''}rappel-{form.chamber.data}-{stamp}.zip",
                     "application/zip")


@bp.get("/<int:document_id>/pdf")
@login_required
def download(document_id: int):
    """A stored rappel as sent, byte for byte."""
    _allowed()
    with db.transaction(app_engine()) as session:
        try:
            pdf = rappel.stored_pdf(session, document_id)
        except NotFound:
            abort(404)
        except TrackerError as error:
            abort(409, description=f"Deze brief kan niet worden teruggegeven: {error}.")
    return _download(pdf, f"rappel-{document_id}.pdf", "application/pdf")


def old_address():
    """/voortgangsbrief/rappel, where the rappel used to live: the page moved to the griffie's own menu item."""
    return redirect(url_for("rappel.page"), code=308 if request.method == "POST" else 302)
