"""Document invoeren: paste a letter or upload a PDF, see what Kamertracker read (with the source sentence of
every field), correct it, and save on confirmation — in one transaction, through the import's rules.

Reading the paper (the PDF's text layer and the analysis) runs outside any database transaction, so a slow
paper never holds SQLite's write lock, and within a time budget (INTAKE_SECONDS, $TRACKER_INTAKE_SECONDS,
default 20 s; tracker.intake.budget): past it the page says so instead of holding the worker until gunicorn
kills it. Only matching against the register and saving touch the database, each in a short transaction."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from .. import config, db
from ..authz import may
from ..errors import ValidationError
from ..importer import COLUMNS
from ..intake import budget
from ..intake.proposal import propose
from ..models import TrackedItem
from ..intake.text import document_text
from ..uploads import safe_name
from ..services import intake as intake_service
from ..services import queries
from ..services.schedule import load_calendar
from ..vocabulary import ITEM_KINDS
from . import app_engine, forbid
from .form_base import Form

bp = Blueprint("intake", __name__, url_prefix="/document-invoeren")
MAX_TEXT = 2_000_000  # characters: a very long verslag is ~100,000
LONG_FIELDS = ("titel", "tekst", "stand_van_zaken")


def _allowed() -> None:
    if not (may(current_user, "import", current_user.ministry_id) or current_user.role == "admin"):
        forbid("import", current_user.ministry_id)


def _text_from_request() -> str:
    """The pasted text, or the uploaded .pdf/.txt; a clear 400 for anything unreadable."""
    upload = request.files.get("bestand")
    if upload and upload.filename:
        try:  # a PDF or plain text, told by the content, not the name
            return document_text(upload.read(), safe_name(upload.filename))
        except ValidationError as error:
            raise ValueError(str(error.problems[0])) from None
    text = request.form.get("tekst", "")
    if len(text) > MAX_TEXT:
        raise ValueError(f"De tekst is te lang om in te lezen ({len(text):,} tekens, hoogstens {MAX_TEXT:,}); "
                         f"kies het document als PDF of lees het in delen in.".replace(",", "."))
    return text


def _page(status=200, **context):
    with db.transaction(app_engine()) as session:
        ministries = queries.ministry_rows(session)
    return render_template("intake/intake.html", form=Form(), kinds=ITEM_KINDS, columns=COLUMNS,
                           long_fields=LONG_FIELDS, ministries=ministries, **context), status


@bp.get("/")
@login_required
def start():
    _allowed()
    return _page(saved=_saved_items(request.args.get("opgeslagen", "")))


def _saved_items(ids: str) -> list[tuple[int, str]]:
    """The items an intake just saved, to link to (ids from the redirect; only existing ones, at most 50)."""
    wanted = [int(part) for part in ids.split(",")[:50] if part.isdecimal() and len(part) < 10]
    if not wanted:
        return []
    with db.transaction(app_engine()) as session:
        found = session.execute(select(TrackedItem).where(TrackedItem.id.in_(wanted))).scalars().all()
        return [(item.id, f"{item.kind} {item.nummer} ({item.chamber})") for item in found]


@bp.post("/")
@login_required
def read_or_save():
    _allowed()
    if not Form().validate_on_submit():
        abort(400, description="Het formulier is verlopen. Laad de pagina opnieuw.")
    seconds = current_app.config.get("INTAKE_SECONDS") or config.intake_seconds()
    try:
        with db.transaction(app_engine()) as session:
            calendar = load_calendar(session)
        with budget.limited(seconds):
            text = _text_from_request()
            proposal = propose(text, calendar)  # outside any transaction: no lock held while reading
    except ValueError as error:  # (budget.OutOfTime too)
        return _page(400, error=str(error), text=request.form.get("tekst", ""))
    if request.form.get("actie") != "opslaan":
        with db.transaction(app_engine()) as session:
            rows = intake_service.for_form(intake_service.resolve(session, proposal, current_user), proposal, calendar)
        return _page(proposal=proposal, rows=rows, text=text)
    rows = _confirmed_rows()
    if not rows:
        return _page(400, proposal=proposal, rows=_posted_rows(), text=text,
                     error="Vink ten minste één item aan om op te slaan.")
    try:
        with db.transaction(app_engine()) as session:
            summary = intake_service.save(session, rows, proposal, current_user.actor,
                                          request.form.get("bron") or "document", text=text)
    except ValidationError as error:
        return _page(400, proposal=proposal, rows=_posted_rows(), text=text, problems=_explained(error, rows))
    flash(f"Opgeslagen: {len(summary.created)} nieuw, {len(summary.updated)} bijgewerkt, "
          f"{len(summary.unchanged)} ongewijzigd.", "ok")
    return redirect(url_for("intake.start", opgeslagen=",".join(str(item_id) for item_id, _ in summary.saved[:50])))


def _posted_rows() -> list[dict]:
    """The item rows as the person left them on the page (to show them again with the problems)."""
    rows, n = [], 0
    while f"item-{n}-soort" in request.form:
        row = {name: request.form.get(f"item-{n}-{name}", "").strip() for name in COLUMNS}
        row["opnemen"] = bool(request.form.get(f"item-{n}-opnemen"))
        row["sources"], row["notes"] = {}, []
        rows.append(row)
        n += 1
    return rows


def _confirmed_rows() -> list[dict]:
    return [{k: v for k, v in row.items() if k in COLUMNS} for row in _posted_rows() if row["opnemen"]]


def _explained(error: ValidationError, rows: list[dict]) -> list[str]:
    """Import problems name a row ("rij 3"); here they name the item the person sees (row 2 = first item saved)."""
    lines = []
    for problem in error.problems:
        where = ""
        if problem.row is not None and 0 <= problem.row - 2 < len(rows):
            row = rows[problem.row - 2]
            where = f"{row['soort']} {row['nummer'] or (row['titel'] or '')[:50]}: "
        field = f"{problem.field}: " if problem.field else ""
        lines.append(f"{where}{field}{problem.message}")
    return lines
