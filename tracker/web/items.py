"""Lists per kind, the item page with its actions, create/edit forms, import. Views stay thin:
parse the form, check the role, call one service in one transaction, map errors to a page."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlmodel import select

from .. import clock, db, exporter, import_template, importer, reports
from ..authz import (MINISTRY_FIELDS, edit_action, forbidden_fields, may, may_change, may_pick, may_read_stand,
                     note_required)
from ..domain import citations
from ..domain.calendar import due_warnings
from ..domain.names import display_name as naam_of
from ..domain.dutch import DateParseError, date_or_phrase, format_date, parse_date, parse_term
from ..domain.phrases import resolve_phrase
from ..domain.rules import default_rulebook
from ..domain.workflow import ANSWER, DELAY_NOTICE, RECORDING_ACTIONS, WorkflowError, label, workflow_for
from ..errors import Conflict, ValidationError
from ..models import (AuditEvent, Committee, DeadlineOverride, DelayNotice, Document, ItemDocument, Ministry,
                      Person, TrackedItem, User, utcnow)
from ..domain.reminders import internal_deadline
from ..services import items as item_service
from ..services import people
from ..services import queries
from ..services.schedule import assess_item, load_calendar
from ..vocabulary import ITEM_KINDS
from ..words import actor_in_words, source_in_words
from . import app_engine, downloads, forbid, moment_in_words, scope
from . import selection as bulk_form
from ..domain.deadlines import SOON_WORDS
from .overview import BACKLOG_WORDS, backlog_from, data_version
from .params import behandelaar_choice, page_number, query_id
from . import kind_fields
from .forms import (KIND_LABELS, KIND_PLURALS, AnswerForm, ArchiveForm, DelayForm, FollowForm, ImportForm,
                    ItemForm, NewItemForm, OverrideForm, ReceiptForm, ReopenForm, StandForm, StatusForm,
                    ministry_choices)

bp = Blueprint("items", __name__)
KIND_SLUGS = {"moties": "motie", "toezeggingen": "toezegging", "kamervragen": "kamervragen",
              "commissiebrieven": "commissiebrief"}
SLUG_OF = {kind: slug for slug, kind in KIND_SLUGS.items()}


# ------------------------------------------------------------------------------------------ lists
# "alle-items": the list of every kind (the team view's counts link here)
@bp.get("/<any(moties, toezeggingen, kamervragen, commissiebrieven, 'alle-items'):slug>")
@login_required
def item_list(slug: str):
    kind = KIND_SLUGS.get(slug)  # None: every kind
    args = scope.with_default_ministry(request.args, current_user)  # as the page: downloads are what it shows
    fmt = args.get("formaat")
    if fmt in downloads.REPORT_FORMATS:
        f = list_filter_from(args, kind, current_user)
        who = behandelaar_choice(args, current_user)[0]
        today = clock.today()
        with db.transaction(app_engine()) as session:
            title = reports.title_line(KIND_PLURALS.get(kind, "Alle items"), _filter_words(session, f, who), today)
        return downloads.report(fmt, f"{slug}-{today.isoformat()}",
                                lambda session: reports.list_rows(session, f, today, current_user), title)
    if fmt:
        f = list_filter_from(args, kind, current_user)
        if fmt not in downloads.FORMATS:
            abort(400, description="Onbekend formaat; kies csv, xlsx, rapport-csv of rapport-xlsx.")
        today = clock.today()
        return downloads.spreadsheet(fmt, f"{slug}-{today.isoformat()}",
                                     lambda session: exporter.export_rows(session, f, today, current_user))
    return render_list(slug, args)


def render_list(slug: str, args, code: int = 200, new_feed_url: str | None = None, **selection):
    """A list page for these query arguments; selection: what the bulk form sent back (its ticks, values, error)."""
    kind = KIND_SLUGS.get(slug)  # None: every kind
    args = scope.with_default_ministry(args, current_user)
    f = list_filter_from(args, kind, current_user)
    who = behandelaar_choice(args, current_user)[0]
    engine = app_engine()
    with db.reading(engine) as connection:
        version = data_version(connection)
    result = _item_list(engine, version, f, clock.today())
    with db.transaction(engine) as session:
        ministries, _ = queries.reference_choices(session)
        officers = people.behandelaar_options(session)
        colleagues = bulk_form.behandelaar_choices(session, current_user) if kind else []
    # an officer's "all ministries" stays explicit in every link, download and feed made of this page
    everyone = scope.ALL if scope.own_ministry(current_user) else None
    filters = {k: v for k, v in (("kamer", f.chamber), ("ministerie", f.ministry_id or everyone), ("status", f.status),
                                 ("stand", args.get("stand")), ("achterstand", f.backlog), ("q", f.q),
                                 ("sorteer", args.get("sorteer")), ("behandelaar", who),
                                 ("pagina", args.get("pagina"))) if v}
    return render_template("items/list.html", kind=kind, slug=slug, label=KIND_LABELS.get(kind, "Item"),
                           plural=KIND_PLURALS.get(kind, "Alle items"),
                           page=result, f=f, who=who, filters={k: v for k, v in filters.items() if k != "pagina"},
                           back=filters, ministries=ministries, officers=officers, statuses=queries.statuses(kind),
                           today=clock.today(), colleagues=colleagues,
                           bulk_statuses=bulk_form.status_choices(kind) if kind else [],
                           selected=selection.get("selected", set()), bulk=selection,
                           # the tick boxes: only the items a bulk write may change (tracker.authz, as the service)
                           pickable={r.id for r in result.rows if may_pick(current_user, r.ministry_id)},
                           new_feed_url=new_feed_url, own=(scope.own_ministry(current_user) or (None, None)),
                           soon_words=SOON_WORDS, backlog_words=BACKLOG_WORDS), code


STATE_WORDS = {"open": "open", "te_laat": "te laat", "afgesloten": "afgesloten", "alle": "alle",
               "gearchiveerd": "gearchiveerd", "binnenkort": f"termijn {SOON_WORDS}", "afgedaan": "afgedaan"}


def _filter_words(session, f: queries.ListFilter, who: str) -> str:
    """A list's filter in words, for a report's title row: "stand open, ministerie BZK, behandelaar mijn team"."""
    ministry = session.get(Ministry, f.ministry_id) if f.ministry_id else None
    parts = [f"stand {STATE_WORDS.get(f.state, f.state)}",
             f"kamer {f.chamber}" if f.chamber else "",
             f"ministerie {ministry.code if ministry else f.ministry_id}" if f.ministry_id else "",
             f"status {label(f.status)}" if f.status else "",
             f"behandelaar {people.behandelaar_words(session, who)}" if who else "",
             BACKLOG_WORDS[f.backlog] if f.backlog else "",
             f"zoeken '{f.q}'" if f.q else ""]
    return ", ".join(p for p in parts if p)


LIST_PARAMETERS = ("q", "stand", "kamer", "ministerie", "status", "behandelaar", "sorteer", "pagina", "achterstand")


def list_filter_from(args, kind: str | None, user) -> queries.ListFilter:
    """A list page's filter from its query string (a 400 for anything it does not know); also what a saved Atom
    feed of the list reads, with the feed owner for behandelaar=ik and team (user: .id and .ministry_id)."""
    page = page_number(args)
    ministry_id = None if args.get("ministerie") == scope.ALL else query_id(args, "ministerie")
    backlog = backlog_from(args)
    if len(args.get("q") or "") > 200:
        abort(400, description="De zoektekst is te lang (hoogstens 200 tekens).")
    state = args.get("stand", "open")
    if state not in queries.STATES or args.get("sorteer", "termijn") not in queries.SORTS:
        abort(400, description="Onbekende stand of sortering.")
    if args.get("kamer") not in (None, "", "TK", "EK") or args.get("status") not in (None, "", *queries.statuses(kind)):
        abort(400, description="Onbekende kamer of status.")
    _, behandelaar_id, team = behandelaar_choice(args, user)
    return queries.ListFilter(kind=kind, chamber=args.get("kamer") or None, ministry_id=ministry_id,
                              status=args.get("status") or None, state=state, q=(args.get("q") or "").strip() or None,
                              sort=args.get("sorteer", "termijn"), page=page,
                              behandelaar_id=behandelaar_id, team_ministry_id=team, backlog=backlog)


@lru_cache(maxsize=128)
def _item_list(engine, version, f: queries.ListFilter, today) -> queries.Page:
    """A list page's rows at this data version: worked out once per worker until something is written (as Te
    laat and Overzicht); the same filtered list asked by twenty people costs one query."""
    with db.transaction(engine) as session:
        return queries.item_list(session, f, today)


# -------------------------------------------------------------------------------------- item page
def _item_context(session, item: TrackedItem) -> dict:
    today = clock.today()
    assessment, plan = assess_item(session, item, today)
    calendar = load_calendar(session)
    documents = session.exec(select(Document, ItemDocument.role).join(ItemDocument, ItemDocument.document_id == Document.id)
                             .where(ItemDocument.item_id == item.id).order_by(Document.dagtekening)).all()
    delays = session.exec(select(DelayNotice).where(DelayNotice.item_id == item.id).order_by(DelayNotice.sent_on)).all()
    overrides = session.exec(select(DeadlineOverride).where(DeadlineOverride.item_id == item.id)).all()
    trail = session.exec(select(AuditEvent).where(AuditEvent.item_id == item.id)
                         .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())).all()
    workflow = workflow_for(item.kind)
    ministry = session.get(Ministry, item.ministry_id) if item.ministry_id else None
    return dict(
        item=item, assessment=assessment, plan=plan, documents=documents, delays=delays, overrides=overrides,
        trail=trail, today=today, timeline=_timeline(documents, plan, trail, _names_for(session, trail)),
        ministry=ministry,
        person=session.get(Person, item.bewindspersoon_id) if item.bewindspersoon_id else None,
        committee=session.get(Committee, item.committee_id) if item.committee_id else None,
        due_notes=due_warnings(item.due_date, item.chamber, calendar) if item.due_date else [],
        transitions=workflow.allowed_from(item.status), workflow=workflow, kind_label=KIND_LABELS[item.kind],
        recorded_elsewhere=_recorded_elsewhere(workflow, item.status),
        slug=SLUG_OF[item.kind],
        behandelaar=session.get(User, item.behandelaar_id) if item.behandelaar_id else None,
        internal_due=internal_deadline(item.due_date, item.internal_due, ministry.internal_offset_days if ministry else None)
        if item.closed_on is None else None,
        followers=people.followers(session, item.id),
        following=people.is_following(session, current_user.id, item.id), follow_form=FollowForm(),
        stand_readable=may_read_stand(current_user, item.ministry_id, item.stand_intern),
        not_received=_not_received(documents, delays))


def _not_received(documents, delays) -> list[tuple[str, str]]:
    """The ministry's uitstelberichten and answers whose receipt the griffie has not registered: (target, words)."""
    found = [(f"u-{d.id}", f"uitstelbericht van {format_date(d.sent_on)}") for d in delays if d.received_on is None]
    found += [(f"a-{doc.id}", f"antwoord van {format_date(doc.dagtekening)}") for doc, role in documents
              if role == "antwoord" and doc.received_on is None and doc.dagtekening]
    return found


# What a field is called on screen; the audit trail keeps the column name.
FIELD_WORDS = {"title": "titel", "text": "tekst", "ministry_id": "ministerie", "bewindspersoon_id": "bewindspersoon",
               "start_date": "datum", "term": "termijn", "deadline_phrase": "termijnzin", "deadline_date": "deadline",
               "stand_van_zaken": "stand van zaken", "members": "leden", "fracties": "fracties",
               "vote_result": "stemming", "kabinetsappreciatie": "kabinetsappreciatie", "activity": "activiteit",
               "committee_id": "commissie", "nummer": "nummer", "tags": "thema's", "closed_on": "afgesloten op",
               "due_date": "termijn", "status": "status", "stand_intern": "stand van zaken intern",
               "behandelaar_id": "behandelaar", "internal_due": "interne termijn"}
_ID_FIELDS = {"ministry_id": (Ministry, "code"), "bewindspersoon_id": (Person, "name"),
              "committee_id": (Committee, "name"), "behandelaar_id": (User, "display_name")}


def _names_for(session, trail) -> dict[tuple[str, str], str]:
    """The names behind the ids an audit trail recorded ("ministry_id 13" → "OCW"), looked up once per page."""
    names = {}
    for event in trail:
        if event.field in _ID_FIELDS:
            model, attribute = _ID_FIELDS[event.field]
            for value in (event.old, event.new):
                if value and value.isdigit() and (event.field, value) not in names:
                    row = session.get(model, int(value))
                    names[(event.field, value)] = getattr(row, attribute) if row else f"#{value}"
    return names


# what a document is to the item, as the timeline says it
DOCUMENT_ROLES = {"verzoek": "verzoek", "uitstelbericht": "uitstelbericht", "antwoord": "antwoord",
                  "voortgang": "voortgangsbrief", "overig": "ander document"}


def _received_words(dagtekening, received_on) -> str:
    """The Kamer's day of receipt beside the dagtekening, where they differ."""
    return f"; ontvangen door de Kamer op {format_date(received_on)}" if received_on and received_on != dagtekening \
        else ""


def _timeline(documents, plan, trail, names=None) -> list[dict]:
    """Documents, uitstelberichten and recorded changes in one list, newest first, each on the day it is about.

    Within one day the registration ("Aangemaakt") comes first (lowest in the list), then documents, uitstelberichten
    and the changes in the order they were recorded. Events dated before the registration (a motion registered
    years after its vote, with the vote's date) stay below it, in date order, and its entry says so."""
    entries = [dict(on=doc.dagtekening, what="document", text=f"{doc.title}",
                    detail=DOCUMENT_ROLES.get(role, role) + _received_words(doc.dagtekening, doc.received_on),
                    who=doc.sender, url=citations.official_url(doc.dossier, doc.stuknummer, chamber=doc.chamber),
                    order=(1, 0)) for doc, role in documents if doc.dagtekening]
    for verdict in plan.delays:
        timing = "tijdig" if verdict.timely else f"{verdict.days_late} dagen te laat"
        after = format_date(verdict.due_after) if verdict.due_after else "geen termijn"
        entries.append(dict(on=verdict.sent_on, what="uitstelbericht", text=f"Uitstelbericht ({timing})",
                            detail=f"termijn daarna: {after}", who=None, order=(2, 0)))
    for number, event in enumerate(trail):
        entries.append(dict(on=event.effective_on or event.at.date(), what=event.action,
                            text=_describe(event, names or {}),
                            detail=(source_in_words(event.note) or None) if event.action == "aangemaakt" or
                            event.note and event.note.startswith("import ") else event.note,
                            who=f"{actor_in_words(event.actor)}, {moment_in_words(event.at)}",
                            order=(0, 0) if event.action == "aangemaakt" else (3, number)))
    for entry in entries:
        if entry["what"] == "aangemaakt" and any(other["on"] < entry["on"] for other in entries):
            earlier = "geregistreerd in Kamertracker; wat eronder staat, gebeurde eerder en staat op de eigen datum"
            entry["detail"] = f"{entry['detail']}; {earlier}" if entry["detail"] else earlier
    return sorted(entries, key=lambda e: (e["on"], e["order"]), reverse=True)


def _describe(event, names: dict) -> str:
    """An audit event in words: "Gewijzigd: ministerie OCW → BZK", "Status in behandeling → beantwoord"."""
    words = {"aangemaakt": "Aangemaakt", "status": "Status", "termijn": "Termijn", "uitstelbericht": "Uitstelbericht "
             "vastgelegd", "wijziging": "Gewijzigd", "stand_van_zaken": "Stand van zaken bijgewerkt",
             "gearchiveerd": "Gearchiveerd", "teruggezet": "Teruggezet uit het archief", "heropend": "Heropend:",
             "document": "Document gekoppeld", "ontvangen": "Ontvangst door de Kamer vastgelegd:"}
    text = words.get(event.action, event.action)

    def shown(value):
        if not value:
            return "—"
        if value in ("True", "False"):
            return "ja" if value == "True" else "nee"
        value = names.get((event.field, value), value)
        try:  # dates as a person reads them
            return format_date(date.fromisoformat(value)) if len(value) == 10 else value
        except ValueError:
            return value

    if event.field and event.action == "wijziging":
        text += f": {FIELD_WORDS.get(event.field, event.field)}"
    if event.action in ("status", "termijn", "wijziging", "heropend", "ontvangen") and event.field != "stand_van_zaken":
        text += f" {shown(event.old)} → {shown(event.new)}"
    return text


# The item page's forms that record the facts a status stands for (the ids of their <summary> in items/item.html)
RECORDING_FORM_IDS = {DELAY_NOTICE: "uitstelbericht-vastleggen", ANSWER: "antwoord-vastleggen"}


def _recorded_elsewhere(workflow, status: str) -> list[tuple[str, str, str]]:
    """The next statuses the status list does not offer because a form records them: (status, form, its id)."""
    return [(label(t.target), RECORDING_ACTIONS[facts], RECORDING_FORM_IDS[facts])
            for t in workflow.allowed_from(status) if (facts := workflow.recorded_by(t.target))]


def _forms(item: TrackedItem, **submitted) -> dict:
    """The action forms of the item page; a submitted one keeps the user's input."""
    forms = {name: submitted.get(name) or cls(formdata=None, version=item.version)
             for name, cls in (("status_form", StatusForm), ("delay_form", DelayForm), ("answer_form", AnswerForm),
                               ("stand_form", StandForm), ("override_form", OverrideForm),
                               ("archive_form", ArchiveForm), ("reopen_form", ReopenForm),
                               ("receipt_form", ReceiptForm))}
    if "stand_form" not in submitted:
        forms["stand_form"].stand_van_zaken.data = item.stand_van_zaken
        forms["stand_form"].stand_intern.data = item.stand_intern
    workflow = workflow_for(item.kind)
    # A status that stands for facts (uitstel gemeld, the answer) is set by the form that records them, not this
    # list (the page points there). Nothing preselected: the first choice may be "vervallen"; one has to be made.
    forms["status_form"].target.choices = {"": "— kies een nieuwe status —", **{
        t.target: f"{label(t.target)} ({t.name})" for t in workflow.choosable_from(item.status)}}
    return forms


def render_item(item_id: int, status: int = 200, error: str | None = None, archived: bool = False, **submitted):
    """The item page; an archived item only when asked (its own page, where an admin can restore it)."""
    with db.transaction(app_engine()) as session:
        if not _exists(session, item_id, archived):
            abort(404)
        item = session.get(TrackedItem, item_id)  # already in the session: no second query
        context = _item_context(session, item)
    if status == 409:
        # the kept input now answers the version on screen: reviewed against the other's change, it can be saved
        for form in submitted.values():
            form.version.data = str(item.version)
    # a form that came back (an error, a conflict) stays unfolded with the user's input in it
    return render_template("items/item.html", error=error, opened=set(submitted), problems=_problems(submitted),
                           **context, **_forms(item, **submitted)), status


# The ids the item page gives each action form's fields (several forms share field names): see _macros.field
FORM_PREFIX = {"status_form": "status", "delay_form": "uitstel", "answer_form": "antwoord", "stand_form": "stand",
               "override_form": "termijn", "reopen_form": "heropenen", "archive_form": "archief",
               "receipt_form": "ontvangst"}


def _problems(submitted: dict) -> list[tuple[str | None, str, str]]:
    """The error summary's lines: (field id to link to, label, message); a hidden field's error has no link."""
    lines = []
    for name, form in submitted.items():
        for field in form:
            if field.name == "csrf_token":
                continue
            for message in field.errors:
                visible = field.type != "HiddenField"
                lines.append((f"{FORM_PREFIX.get(name, name)}-{field.id}" if visible else None, field.label.text, message))
    return lines


def _exists(session, item_id: int, archived: bool = False) -> bool:
    item = session.get(TrackedItem, item_id)
    return item is not None and (archived or item.archived_at is None)


@bp.get("/items/<int:item_id>")
@login_required
def item_page(item_id: int):
    return render_item(item_id, archived=True)


@bp.post("/items/<int:item_id>/terugzetten")
@login_required
def restore(item_id: int):
    """Bring an archived item back (admin), with a reason in the audit trail."""
    def work(session, item, form):
        item_service.restore_item(session, item, current_user.actor, form.reason.data,
                                  expected_version=form.expected_version())
    return _act(item_id, "archive", ArchiveForm(), "archive_form", work, "Item teruggezet: het staat weer in de lijsten.",
                archived=True)


@bp.post("/items/<int:item_id>/volgen")
@login_required
def follow(item_id: int):
    """Follow or stop following an item (anyone who may read it): news of it comes with `tracker notify`."""
    form = FollowForm()
    if not form.validate_on_submit():
        abort(400, description="Formulier verlopen; laad de pagina opnieuw.")
    with db.transaction(app_engine()) as session:
        if not _exists(session, item_id):
            abort(404)
        if form.stop.data:
            people.unfollow(session, current_user.id, item_id)
        else:
            people.follow(session, current_user.id, item_id)
    flash("U volgt dit item niet meer." if form.stop.data else "U volgt dit item: wijzigingen door anderen krijgt u "
          "per e-mail (Mijn instellingen → Meldingen).", "ok")
    return redirect(url_for("items.item_page", item_id=item_id))


INVALID = "Controleer de invoer."  # the error summary under it links each problem to its field (render_item)


def _act(item_id: int, permission: str, form, form_name: str, work, done_message: str, then: str | None = None,
         archived: bool = False):
    """Run one item action: role check, validation, one transaction, errors shown on the item page.
    archived: the action is for an archived item (restoring it); every other action is for a listed one."""
    with db.transaction(app_engine()) as session:
        if not _exists(session, item_id, archived):
            abort(404)
        ministry_id = session.get(TrackedItem, item_id).ministry_id
    if not may(current_user, permission, ministry_id):
        forbid(permission, ministry_id)
    if not form.validate_on_submit():
        return render_item(item_id, 400, INVALID, archived=archived, **{form_name: form})
    note_field = getattr(form, "note", None) or getattr(form, "reason", None)
    if note_required(current_user, permission) and not (note_field and (note_field.data or "").strip()):
        if note_field is not None:
            note_field.errors = list(note_field.errors) + ["Een toelichting is verplicht voor de griffie."]
        return render_item(item_id, 400, "Een toelichting is verplicht.", archived=archived, **{form_name: form})
    try:
        with db.transaction(app_engine()) as session:
            item = session.get(TrackedItem, item_id) if archived else item_service.get_item(session, item_id)
            work(session, item, form)
    except Conflict as error:
        return render_item(item_id, 409, f"{error} Uw invoer staat hieronder nog in het formulier; de wijziging van de "
                                         f"ander staat bovenaan de tijdlijn. Sla opnieuw op om uw invoer daarna toe "
                                         f"te passen.", archived=archived, **{form_name: form})
    except (ValidationError, WorkflowError) as error:
        return render_item(item_id, 400, str(error), archived=archived, **{form_name: form})
    flash(done_message, "ok")
    return redirect(then or url_for("items.item_page", item_id=item_id))


@bp.post("/items/<int:item_id>/status")
@login_required
def change_status(item_id: int):
    form = StatusForm()
    with db.transaction(app_engine()) as session:
        item = session.get(TrackedItem, item_id) or abort(404)
        form.target.choices = {t.target: t.target for t in workflow_for(item.kind).allowed_from(item.status)}

    def work(session, item, form):
        # a status that needs facts is refused by the service, naming the form that records them
        item_service.change_status(session, item, form.target.data, current_user.actor, on=form.on.data,
                                   note=form.note.data or None, expected_version=form.expected_version())
    return _act(item_id, "status", form, "status_form", work, "Status gewijzigd.")


@bp.post("/items/<int:item_id>/uitstel")
@login_required
def record_delay(item_id: int):
    def work(session, item, form):
        item_service.record_delay(session, item, form.sent_on.data, current_user.actor, reason=form.reason.data or None,
                                  promised=form.promised.data, expected_version=form.expected_version(),
                                  received_on=form.received_on.data)
    return _act(item_id, "record", DelayForm(), "delay_form", work, "Uitstelbericht vastgelegd.")


@bp.post("/items/<int:item_id>/antwoord")
@login_required
def record_answer(item_id: int):
    def work(session, item, form):
        fields = {k: v for k, v in (("kenmerk", form.kenmerk.data), ("url", form.url.data)) if v}
        item_service.record_answer(session, item, form.answered_on.data, current_user.actor,
                                   document_title=form.title.data, document_fields=fields,
                                   note=form.note.data or None, expected_version=form.expected_version(),
                                   received_on=form.received_on.data)
    return _act(item_id, "record", AnswerForm(), "answer_form", work, "Antwoord of afdoening vastgelegd.")


@bp.post("/items/<int:item_id>/ontvangen")
@login_required
def confirm_receipt(item_id: int):
    """The griffie notes the day the Kamer received an uitstelbericht ("u12") or an answer ("a34") of the ministry."""
    def work(session, item, form):
        kind, _, number = (form.target.data or "").partition("-")
        if kind not in ("u", "a") or not number.isdecimal() or len(number) > 9:
            raise ValidationError([item_service.Problem("kies een uitstelbericht of een antwoord", "ontvangen")])
        item_service.confirm_receipt(session, item, current_user.actor, form.received_on.data,
                                     notice_id=int(number) if kind == "u" else None,
                                     document_id=int(number) if kind == "a" else None,
                                     expected_version=form.expected_version())
    return _act(item_id, "receive", ReceiptForm(), "receipt_form", work, "Ontvangst door de Kamer vastgelegd.")


@bp.post("/items/<int:item_id>/stand")
@login_required
def edit_stand(item_id: int):
    def work(session, item, form):
        item_service.update_item(session, item, {"stand_van_zaken": form.stand_van_zaken.data or None,
                                                 "stand_intern": bool(form.stand_intern.data)},
                                 current_user.actor, expected_version=form.expected_version())
    return _act(item_id, "edit", StandForm(), "stand_form", work, "Stand van zaken opgeslagen.")


@bp.post("/items/<int:item_id>/termijn")
@login_required
def override_deadline(item_id: int):
    def work(session, item, form):
        item_service.override_deadline(session, item, form.due.data, form.reason.data, current_user.actor,
                                       effective_from=form.effective_from.data,
                                       expected_version=form.expected_version())
    return _act(item_id, "override", OverrideForm(), "override_form", work, "Termijn aangepast.")


@bp.post("/items/<int:item_id>/heropenen")
@login_required
def reopen(item_id: int):
    def work(session, item, form):
        item_service.reopen_item(session, item, current_user.actor, form.reason.data,
                                 expected_version=form.expected_version())
    return _act(item_id, "reopen", ReopenForm(), "reopen_form", work, "Item heropend.")


@bp.post("/items/<int:item_id>/archiveer")
@login_required
def archive(item_id: int):
    def work(session, item, form):
        item_service.archive_item(session, item, current_user.actor, form.reason.data,
                                  expected_version=form.expected_version())
    # back on the item's own (archived) page: what happened, and the way back (who may archive may restore)
    return _act(item_id, "archive", ArchiveForm(), "archive_form", work,
                "Item gearchiveerd: het staat in geen lijst meer. Ongedaan maken kan hieronder met Terugzetten (een "
                "beheerder); de lijst van gearchiveerde items vindt u via Stand: gearchiveerd.")


# ------------------------------------------------------------------------------ create and edit
def _restrict(form: ItemForm, editing: bool) -> ItemForm:
    """The item form as this user may fill it: without the ministry's own fields for the griffie (tracker.authz
    MINISTRY_FIELDS: not shown, so an intern stand is never put in its form either), with the toelichting only
    where one is required."""
    if forbidden_fields(current_user, MINISTRY_FIELDS):
        for name in ("stand_van_zaken", "behandelaar_id", "internal_due"):
            delattr(form, name)
    if not (editing and note_required(current_user, edit_action(current_user))):
        delattr(form, "note")
    return form


def _data(form, name: str):
    """A field's value, None for a field this user's form does not have (_restrict)."""
    field = getattr(form, name, None)
    return field.data if field is not None else None


def _item_form_choices(session, form: ItemForm, ministry_id: int | None = None) -> None:
    # a behandelaar is an active user of the item's ministry (the service checks it again); a new item's ministry
    # is not known yet: an officer's own, else every ministry's users, named with their ministry
    if ministry_id is None and current_user.role == "officer":
        ministry_id = current_user.ministry_id
    users = session.execute(select(User.id, User.full_name, User.username, Ministry.code)
                            .join(Ministry, Ministry.id == User.ministry_id)
                            .where(User.active.is_(True), User.ministry_id == ministry_id if ministry_id
                                   else User.ministry_id.is_not(None))).all()
    if form.behandelaar_id is not None:
        named = sorted(((u.id, naam_of(u.full_name, u.username) + ("" if ministry_id else f" ({u.code})"))
                        for u in users), key=lambda pair: pair[1].lower())
        form.behandelaar_id.choices = {0: "—", **dict(named)}
    ministries, committees = queries.reference_choices(session)
    form.ministry_id.choices = ministry_choices(
        ministries, current_user.ministry_id if current_user.role == "officer" else None)
    if "committee_id" in form:  # a soort with a committee (tracker.web.kind_fields)
        form.committee_id.choices = {0: "—", **{c.id: f"{c.chamber} {c.name}" for c in committees}}


def _deadline_input(form: ItemForm) -> tuple[date | None, str | None]:
    """The deadline field as typed: a date or a phrase (neither for a soort without the field)."""
    return date_or_phrase(_data(form, "deadline"), form.start_date.data)


def _phrase_without_effect(form: ItemForm, kind: str, chamber: str) -> bool:
    """A soort whose deadline runs by a term (a commissiebrief) takes a date in its deadline field: a phrase there
    would be stored and never count. Said at the field, and nothing is saved."""
    _, phrase = _deadline_input(form)
    if phrase and default_rulebook().rule_for(chamber, kind).basis == "term":
        form.deadline.errors = [*form.deadline.errors, "Vul hier een datum in, bijv. 15 maart 2027; een termijn in "
                                                       "weken vult u in bij ‘Termijn uit de brief’."]
        return True
    return False


# what the deadline of a new item depends on (and the form's own token): checked by "Termijn controleren"
DEADLINE_INPUTS = ("csrf_token", "kind", "chamber", "start_date", "term", "deadline")


def _chosen_kind() -> str:
    """The soort the new-item form is for: the one sent with the form, else ?soort=, else the first."""
    wanted = request.form.get("kind") if request.method == "POST" else request.args.get("soort")
    return wanted if wanted in ITEM_KINDS else ITEM_KINDS[0]


def _new_item_input(form: ItemForm) -> item_service.ItemInput:
    """What the form says, for the soort it is filled in for: a field that soort lacks is no part of it."""
    deadline_date, phrase = _deadline_input(form)
    return item_service.ItemInput(
        kind=form.kind.data, chamber=form.chamber.data, nummer=form.nummer.data, title=form.title.data,
        ministry_code=_ministry_code(form.ministry_id.data), start_date=form.start_date.data,
        text=form.text.data or None, term=_data(form, "term") or None, deadline_date=deadline_date,
        deadline_phrase=phrase, stand_van_zaken=_data(form, "stand_van_zaken") or None,
        members=_data(form, "members") or None, fracties=_data(form, "fracties") or None,
        vote_result=_data(form, "vote_result") or None, kabinetsappreciatie=_data(form, "kabinetsappreciatie") or None,
        activity=_data(form, "activity") or None, bewindspersoon=form.bewindspersoon.data or None,
        tags=form.tags.data or None, source="web", behandelaar=_username(_data(form, "behandelaar_id")))


def _other_kinds_fields(kind: str) -> dict:
    """The fields of the other soorten, empty and switched off (hidden, disabled: never sent), so the form's script
    can show them when the soort changes without a reload."""
    blank = _restrict(NewItemForm(formdata=None), editing=False)
    with db.transaction(app_engine()) as session:
        _item_form_choices(session, blank)
    wanted = kind_fields.fields_for(kind)
    others = {}
    for name in kind_fields.KIND_SPECIFIC:
        if name not in wanted:
            field = blank[name]
            field.render_kw = {**(field.render_kw or {}), "disabled": True}
            others[name] = field
    return others


@bp.route("/items/nieuw", methods=["GET", "POST"])
@login_required
def create():
    if not may(current_user, "create", current_user.ministry_id if current_user.role == "officer" else 0):
        forbid("create")
    kind = _chosen_kind()
    form = kind_fields.shape(_restrict(NewItemForm(), editing=False), kind)
    if request.method == "GET":
        form.kind.data = kind
    with db.transaction(app_engine()) as session:
        _item_form_choices(session, form)
    preview = existing = None
    valid = form.validate_on_submit()
    checking = request.method == "POST" and "controleer" in request.form
    if checking:  # "Termijn controleren" asks about the deadline only: a missing title is for when it is saved
        for field in form:
            if field.name not in DEADLINE_INPUTS:
                field.errors = []
    if valid and not may(current_user, "create", form.ministry_id.data):
        forbid("create", form.ministry_id.data)
    if valid or (checking and not any(form[name].errors for name in DEADLINE_INPUTS if name in form)):
        data = _new_item_input(form)
        with db.transaction(app_engine()) as session:
            preview = item_service.deadline_preview(session, data)
        if not _phrase_without_effect(form, data.kind, data.chamber) and valid and not checking:
            try:
                with db.transaction(app_engine()) as session:
                    item = item_service.create_item(session, data, current_user.actor)
                    if _data(form, "committee_id"):
                        item.committee_id = form.committee_id.data
                    item_id = item.id
            except ValidationError as error:
                _attach(form, error)
                existing = _existing(data) if any(p.field == "nummer" for p in error.problems) else None
            else:
                flash("Item aangemaakt.", "ok")
                return redirect(url_for("items.item_page", item_id=item_id))
    status = 400 if request.method == "POST" and (form.errors or "controleer" not in request.form) else 200
    return render_template("items/form.html", form=form, preview=preview, editing=None, existing=existing,
                           kind=kind, others=_other_kinds_fields(kind), kind_words=kind_fields.for_script()), status


def _existing(data) -> tuple[int, str, bool, bool] | None:
    """The registered item a new one's number collides with: (id, its name, archived?, may this user change it?);
    the form links to it."""
    with db.transaction(app_engine()) as session:
        item = item_service.find_item(session, data.chamber, data.kind, (data.nummer or "").strip())
        return (item.id, f"{item.chamber} {item.nummer}", item.archived_at is not None,
                may_change(current_user, item.ministry_id)) if item else None


def _username(user_id: int | None) -> str | None:
    """The login name behind a behandelaar chosen on the form (the service checks their ministry)."""
    if not user_id:
        return None
    with db.transaction(app_engine()) as session:
        user = session.get(User, user_id)
        return user.username if user else None


def _ministry_code(ministry_id: int | None) -> str | None:
    if not ministry_id:
        return None
    with db.transaction(app_engine()) as session:
        ministry = session.get(Ministry, ministry_id)
        return ministry.code if ministry else None


FIELD_OF_PROBLEM = {"soort": "kind", "kamer": "chamber", "nummer": "nummer", "titel": "title", "termijn": "term",
                    "deadline": "deadline", "ministerie": "ministry_id", "datum": "start_date", "commissie": "committee_id",
                    "behandelaar": "behandelaar_id", "toelichting": "note"}


@dataclass
class ConflictReview:
    """What a user needs after a 409: who changed what since they opened the form, and where their input
    differs from what is stored now."""
    events: list  # (what, who, when) in words, oldest first
    differences: list  # (field in words, stored now, your input)


def _conflict_review(session, current: TrackedItem, changes: dict, opened_at: str | None) -> ConflictReview:
    try:
        since = datetime.fromisoformat(opened_at) if opened_at else None
    except ValueError:
        since = None
    query = select(AuditEvent).where(AuditEvent.item_id == current.id)
    if since is not None:
        query = query.where(AuditEvent.at > since)
    trail = session.exec(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(20)).all()[::-1]
    names = _names_for(session, trail)
    differences = []
    for key, yours in changes.items():
        stored = getattr(current, key)
        if (stored or None) == (yours or None):
            continue
        shown = []
        for value in (stored, yours):
            if key in _ID_FIELDS and value:
                model, attribute = _ID_FIELDS[key]
                row = session.get(model, value)
                value = getattr(row, attribute) if row else value
            shown.append(format_date(value) if isinstance(value, date) else (str(value) if value else "—"))
        differences.append((FIELD_WORDS.get(key, key), *shown))
    return ConflictReview([(_describe(e, names), e.actor, moment_in_words(e.at)) for e in trail], differences)


def _attach(form, error: ValidationError) -> None:
    """Put each problem next to its field; the rest above the form."""
    for problem in error.problems:
        field = getattr(form, FIELD_OF_PROBLEM.get(problem.field or "", ""), None)
        if field is not None:
            field.errors = list(field.errors) + [problem.message]
        else:
            form.form_errors.append(problem.message)


def _edit_changes(form: ItemForm) -> dict:
    """The columns the edit form sets: only the fields of the item's soort (a field it lacks keeps what is stored)."""
    deadline_date, phrase = _deadline_input(form)
    changes = dict(title=form.title.data.strip(), nummer=form.nummer.data.strip(), ministry_id=form.ministry_id.data,
                   start_date=form.start_date.data, text=form.text.data or None, tags=form.tags.data or None)
    if "deadline" in form:
        changes.update(deadline_date=deadline_date, deadline_phrase=phrase)
    for name in ("term", "members", "fracties", "vote_result", "kabinetsappreciatie", "activity", "committee_id"):
        if name in form:
            changes[name] = form[name].data or None
    return changes


@bp.route("/items/<int:item_id>/bewerken", methods=["GET", "POST"])
@login_required
def edit(item_id: int):
    with db.transaction(app_engine()) as session:
        if not _exists(session, item_id):
            abort(404)
        item = session.get(TrackedItem, item_id)
        person = session.get(Person, item.bewindspersoon_id) if item.bewindspersoon_id else None
    if not may_change(current_user, item.ministry_id):
        forbid(edit_action(current_user), item.ministry_id)
    form = kind_fields.shape(_restrict(ItemForm(obj=item) if request.method == "GET" else ItemForm(), editing=True),
                             item.kind)
    if request.method == "GET":
        if "deadline" in form:
            form.deadline.data = format_date(item.deadline_date) if item.deadline_date else item.deadline_phrase
        form.bewindspersoon.data = person.name if person else ""
        if "committee_id" in form:
            form.committee_id.data = item.committee_id or 0
        if form.behandelaar_id is not None:
            form.behandelaar_id.data = item.behandelaar_id or 0
            form.internal_due.data = item.internal_due
        form.version.data = item.version
    with db.transaction(app_engine()) as session:
        _item_form_choices(session, form, item.ministry_id)
    form.kind.data, form.chamber.data = item.kind, item.chamber  # kind and chamber are fixed once registered
    preview = None
    if request.method == "POST" and form.validate_on_submit():
        if not may_change(current_user, form.ministry_id.data):
            forbid(edit_action(current_user), form.ministry_id.data)
        changes = _edit_changes(form)
        with db.transaction(app_engine()) as session:
            preview = item_service.edit_preview(session, session.get(TrackedItem, item_id), changes)
        if not _phrase_without_effect(form, item.kind, item.chamber) and "controleer" not in request.form:
            if form.stand_van_zaken is not None:  # the ministry's own fields (not in the griffie's form)
                changes.update(stand_van_zaken=form.stand_van_zaken.data or None,
                               behandelaar_id=form.behandelaar_id.data or None, internal_due=form.internal_due.data)
            try:
                with db.transaction(app_engine()) as session:
                    current = item_service.get_item(session, item_id)
                    if form.bewindspersoon.data:
                        changes["bewindspersoon_id"] = item_service.reference.person_named(
                            session, form.bewindspersoon.data, create=True).id
                    item_service.update_item(session, current, changes, current_user.actor,
                                             expected_version=form.expected_version(),
                                             note=(_data(form, "note") or "").strip() or None)
            except Conflict as error:
                with db.transaction(app_engine()) as session:
                    current = session.get(TrackedItem, item_id)
                    form.version.data = str(current.version)
                    review = _conflict_review(session, current, changes, request.form.get("geopend"))
                form.form_errors.append(f"{error} Hieronder staat wat intussen is gewijzigd en waar uw invoer "
                                        f"verschilt van wat nu is opgeslagen. Uw invoer staat nog in het formulier: "
                                        f"controleer het en sla opnieuw op.")
                return render_template("items/form.html", form=form, preview=preview, editing=item, kind=item.kind,
                                       review=review, opened_at=utcnow().isoformat()), 409
            except ValidationError as error:
                _attach(form, error)
            else:
                flash("Wijzigingen opgeslagen.", "ok")
                return redirect(url_for("items.item_page", item_id=item_id))
    status = 400 if request.method == "POST" and (form.errors or form.form_errors) else 200
    # a form sent again after a validation error keeps the moment it was first opened (for a later 409's review)
    opened_at = request.form.get("geopend") or utcnow().isoformat()
    return render_template("items/form.html", form=form, preview=preview, editing=item, opened_at=opened_at,
                           kind=item.kind), status


@bp.get("/api/termijn")
@login_required
def phrase_preview():
    """JSON for the live deadline preview of the item form (progressive enhancement). With soort (and kamer, datum,
    zin, termijn): the deadline saving a new item of that soort would store, rules included; without soort: what
    the phrase zin means. Both give tekst, uitleg and waarschuwingen as the form shows them."""
    args = request.args
    text = (args.get("zin") or "").strip()
    try:
        start = parse_date(args["datum"]) if args.get("datum") else None
    except DateParseError as error:
        return jsonify(error=str(error)), 400
    kind = args.get("soort")
    if kind:
        return _rule_preview(kind, args.get("kamer") or "TK", start, text, (args.get("termijn") or "").strip(),
                             query_id(args, "item"))
    if not text:
        return jsonify(error="geen termijn opgegeven"), 400
    try:
        found = parse_date(text, start, prefer="future")
        resolution = None
    except DateParseError:
        with db.transaction(app_engine()) as session:
            resolution = resolve_phrase(text, start, args.get("kamer", "TK"), load_calendar(session))
        found = resolution.due
    with db.transaction(app_engine()) as session:
        warnings = due_warnings(found, args.get("kamer", "TK"), load_calendar(session)) if found else []
    explanation = resolution.explanation if resolution else f"genoemde datum {format_date(found)}"
    return jsonify(due=found.isoformat() if found else None, uitleg=explanation,
                   probleem=resolution.problem if resolution else None,
                   tekst=f"Termijn: {format_date(found)}" if found else "Nog geen termijn", waarschuwingen=warnings)


def _rule_preview(kind: str, chamber: str, start: date | None, deadline: str, term: str, item_id: int | None):
    """/api/termijn for a soort: the service's preview of a new item with these deadline facts, or (item: its id) of
    that item once they are saved, its uitstelberichten and set deadlines included."""
    if kind not in ITEM_KINDS:
        return jsonify(error=f"onbekende soort; kies uit {', '.join(KIND_LABELS[k].lower() for k in ITEM_KINDS)}"), 400
    if chamber not in item_service.known_chambers():
        return jsonify(error="onbekende kamer; kies TK of EK"), 400
    wanted = kind_fields.fields_for(kind)
    try:
        deadline_date, phrase = date_or_phrase(deadline if "deadline" in wanted else None, start)
        term = str(parse_term(term)) if term and "term" in wanted else None
    except ValueError as error:  # a date outside the register's years, a term that is none
        return jsonify(error=str(error)), 400
    data = item_service.ItemInput(kind=kind, chamber=chamber, nummer="", title="", start_date=start, term=term,
                                  deadline_date=deadline_date, deadline_phrase=phrase)
    with db.transaction(app_engine()) as session:
        item = session.get(TrackedItem, item_id) if item_id else None
        if item_id and (item is None or item.archived_at is not None or item.kind != kind):
            return jsonify(error="dit item bestaat niet (of is van een andere soort)"), 404
        if item is not None:
            changes = dict(start_date=start)
            if "term" in wanted:
                changes["term"] = term
            if "deadline" in wanted:
                changes.update(deadline_date=deadline_date, deadline_phrase=phrase)
            found = item_service.edit_preview(session, item, changes)
        else:
            found = item_service.deadline_preview(session, data)
    return jsonify(soort=kind, due=found.due.isoformat() if found.due else None, tekst=found.headline,
                   uitleg=found.explanation, waarschuwingen=list(found.warnings), toelichting=found.note or None,
                   probleem=None if found.due else found.explanation)


# ----------------------------------------------------------------------------------------- import
@bp.route("/import", methods=["GET", "POST"])
@login_required
def import_page():
    from ..importer import import_upload

    if not (may(current_user, "import", current_user.ministry_id) or current_user.role == "admin"):
        forbid("import", current_user.ministry_id)
    form = ImportForm()
    summary, problems = None, None
    if form.validate_on_submit():
        upload = form.file.data
        try:  # a check-only run does everything and rolls it back: the summary says what it would do
            with (db.trial if form.dry_run.data else db.transaction)(app_engine()) as session:
                summary = import_upload(session, upload.filename, upload.read(), current_user.actor)
        except ValidationError as error:
            problems = error.problems
    status = 400 if request.method == "POST" and (form.errors or problems) else 200
    return render_template("items/import.html", form=form, summary=summary, problems=problems,
                           dry_run=form.dry_run.data, columns=import_template.COLUMN_HELP,
                           required=importer.REQUIRED), status


@bp.get("/import/sjabloon.<any(csv, xlsx):fmt>")
@login_required
def import_template_file(fmt: str):
    """The import's columns with one example row per soort (for an officer: in their own ministry)."""
    code = current_user.ministry_code if current_user.role == "officer" else "BZK"
    rows = import_template.example_rows(code or "BZK")
    return downloads.spreadsheet(fmt, "kamertracker-importsjabloon", lambda _session: iter(rows))
