"""Tracked items: create, edit, move through the workflow, record uitstelberichten and answers.

Every function works inside the caller's transaction (tracker.db.transaction), decides first whether the
acting user may make the write (tracker.authz, on the item's current ministry and the one it moves to),
writes the audit trail next to the change, and keeps the deadline history in step (schedule.rebuild).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from functools import lru_cache

from sqlalchemy import update
from sqlmodel import Session, select

from .. import authz, clock, db, text_hygiene
from ..authz import Actor
from ..domain.calendar import RecessCalendar
from ..domain.deadline_preview import DeadlinePreview, preview
from ..domain.deadlines import DeadlineError
from ..domain.dutch import format_date, parse_term
from ..domain.rules import default_rulebook
from ..domain.workflow import WorkflowError, label, path_to, reopen_status, workflow_for
from ..errors import Conflict, NotFound, Problem, ValidationError
from ..inert import is_web_link
from ..models import (ITEM_KINDS, DeadlineOverride, DelayNotice, Document, ItemDocument, ItemStand, TrackedItem,
                      User, utcnow)
from . import people, reference
from .audit import record
from .schedule import facts_for, load_calendar, rebuild

# Fields a user may edit directly; status and deadline history change only through actions.
EDITABLE = ("title", "text", "ministry_id", "bewindspersoon_id", "start_date", "term", "deadline_phrase",
            "deadline_date", "stand_van_zaken", "stand_intern", "members", "fracties", "vote_result",
            "kabinetsappreciatie", "activity", "committee_id", "nummer", "tags", "behandelaar_id", "internal_due")
DEADLINE_FIELDS = {"start_date", "term", "deadline_phrase", "deadline_date"}
ANSWER_DOCUMENT_KIND = {"kamervragen": "antwoord", "commissiebrief": "antwoord",
                        "motie": "kamerbrief", "toezegging": "kamerbrief"}


@lru_cache(maxsize=1)
def known_chambers() -> frozenset[str]:
    """The assemblies the rule book has rules for (TK, EK, ...): data, not code (read once: checked per row)."""
    return frozenset(rule.chamber for rule in default_rulebook().rules if rule.chamber != "*")


@dataclass
class ItemInput:
    """A new item as a form, import row or seed file gives it (already parsed to types)."""

    kind: str
    chamber: str
    nummer: str
    title: str
    ministry_code: str | None = None
    start_date: date | None = None
    text: str | None = None
    term: str | None = None
    deadline_date: date | None = None
    deadline_phrase: str | None = None
    stand_van_zaken: str | None = None
    stand_intern: bool = False  # the stand van zaken is a note for the ministry, never for the Kamer
    stand_on: date | None = None  # the day the stand was written (default: the day it is registered)
    members: str | None = None
    fracties: str | None = None
    vote_result: str | None = None
    kabinetsappreciatie: str | None = None
    activity: str | None = None
    committee: str | None = None
    bewindspersoon: str | None = None
    tags: str | None = None
    status: str | None = None
    source: str | None = None
    external_id: str | None = None
    behandelaar: str | None = None  # a user name; they must belong to the item's ministry


# Input field → (its column in an import, its column in the table); the limits come from the schema itself,
# so SQLite (which would store anything) and PostgreSQL (which would refuse it mid-COPY) accept the same.
_COLUMNS_OF = {"nummer": ("nummer", "nummer"), "title": ("titel", "title"), "text": ("tekst", "text"),
               "term": ("termijn", "term"), "deadline_phrase": ("deadline", "deadline_phrase"),
               "stand_van_zaken": ("stand_van_zaken", "stand_van_zaken"), "members": ("leden", "members"),
               "fracties": ("fractie", "fracties"), "vote_result": ("stemming", "vote_result"),
               "kabinetsappreciatie": ("appreciatie", "kabinetsappreciatie"), "activity": ("activiteit", "activity"),
               "tags": ("thema", "tags"), "ministry_code": ("ministerie", None), "committee": ("commissie", None),
               "bewindspersoon": ("bewindspersoon", None), "source": ("bron", "source"),
               "external_id": ("id", "external_id")}
LONG_TEXT = 100_000  # a dictum, a set of questions or a stand van zaken: long, never a book
MULTILINE = frozenset({"text", "stand_van_zaken"})  # every other text of an item is one line (tracker.text_hygiene)
_OTHER_LIMITS = {"ministry_code": 16, "committee": 200, "bewindspersoon": 200}


@lru_cache(maxsize=1)
def _limits() -> dict[str, int]:
    columns = TrackedItem.__table__.c
    return {name: (getattr(columns[column].type, "length", None) or LONG_TEXT) if column else _OTHER_LIMITS[name]
            for name, (_label, column) in _COLUMNS_OF.items()}


def check_lengths(data: ItemInput) -> list[Problem]:
    """Texts that do not fit their column, or that are no text: a control character (a NUL, ESC, …) anywhere, a
    line break in a one-line field (tracker.text_hygiene)."""
    problems = []
    for name, limit in _limits().items():
        value = getattr(data, name)
        if not isinstance(value, str):
            continue
        label = _COLUMNS_OF[name][0]
        if len(value.strip()) > limit:
            problems.append(Problem(f"te lang: {len(value.strip()):,} tekens, hoogstens {limit:,}".replace(",", "."),
                                    label))
        wrong = text_hygiene.problem(value, multiline=name in MULTILINE)
        if wrong:
            problems.append(Problem(wrong, label))
    return problems


def cleaned(data: ItemInput) -> ItemInput:
    """The input with what is no text taken out: for items read from a document someone else wrote (the open data),
    where refusing would lose the item over a stray character."""
    for name in _COLUMNS_OF:
        value = getattr(data, name)
        if isinstance(value, str):
            setattr(data, name, text_hygiene.clean(value, multiline=name in MULTILINE))
    return data


# An item's text columns under the names its problems give (the import's columns)
_LABEL_OF_COLUMN = {column: label for label, column in _COLUMNS_OF.values() if column}


def _text_problems(changes: dict) -> list[Problem]:
    """The rule of check_lengths for the text fields of an edit."""
    found = []
    for name, value in changes.items():
        if isinstance(value, str) and name in _LABEL_OF_COLUMN:
            wrong = text_hygiene.problem(value, multiline=name in MULTILINE)
            if wrong:
                found.append(Problem(wrong, _LABEL_OF_COLUMN[name]))
    return found


def check_input(data: ItemInput) -> list[Problem]:
    """What is wrong with this input on its own (no database needed)."""
    problems = check_lengths(data)
    if data.kind not in ITEM_KINDS:
        problems.append(Problem(f"onbekende soort '{data.kind}'; kies uit {', '.join(ITEM_KINDS)}", "soort"))
    if data.chamber not in known_chambers():
        problems.append(Problem(f"onbekende kamer '{data.chamber}'; kies uit {', '.join(sorted(known_chambers()))}", "kamer"))
    if not (data.nummer or "").strip():
        problems.append(Problem("nummer ontbreekt", "nummer"))
    if not (data.title or "").strip():
        problems.append(Problem("titel ontbreekt", "titel"))
    if data.term:
        try:
            parse_term(data.term)
        except ValueError as error:
            problems.append(Problem(str(error), "termijn"))
    if data.start_date and data.deadline_date and data.deadline_date < data.start_date:
        problems.append(Problem(f"deadline {format_date(data.deadline_date)} ligt vóór de datum "
                                f"{format_date(data.start_date)}", "deadline"))
    if data.kind in ITEM_KINDS and data.status:
        try:
            path_to(data.kind, data.status)
        except WorkflowError as error:
            problems.append(Problem(str(error), "status"))
    return problems


def get_item(session: Session, item_id: int) -> TrackedItem:
    item = session.get(TrackedItem, item_id)
    if item is None or item.archived_at is not None:
        raise NotFound(f"item {item_id} bestaat niet")
    return item


def find_item(session: Session, chamber: str, kind: str, nummer: str) -> TrackedItem | None:
    """The item with this natural key (kamer + soort + nummer)."""
    return session.exec(select(TrackedItem).where(TrackedItem.chamber == chamber, TrackedItem.kind == kind,
                                                  TrackedItem.nummer == nummer.strip())).first()


def items_by_key(session: Session, keys) -> dict[tuple[str, str, str], TrackedItem]:
    """Registered items by natural key (kamer, soort, nummer), for bulk imports.

    Asked per (kamer, soort) with the nummers in an IN list, so each lookup is a range of the unique index;
    only the items found are loaded whole (a fresh import finds none and loads nothing).
    """
    wanted: dict[tuple[str, str], set[str]] = {}
    for chamber, kind, nummer in keys:
        wanted.setdefault((chamber, kind), set()).add(nummer)
    ids = [row[0] for (chamber, kind), nummers in wanted.items() for row in db.execute_in(
        session.connection(), "SELECT id FROM tracked_item WHERE chamber = ? AND kind = ? AND nummer IN ({})",
        (chamber, kind), sorted(nummers))]
    return {(item.chamber, item.kind, item.nummer): item for item in _items_with_ids(session, ids)}


def items_by_external_id(session: Session, external_ids) -> dict[str, TrackedItem]:
    """Registered items by open-data Id, for bulk imports; only the items found are loaded whole."""
    ids = [row[0] for row in db.execute_in(session.connection(), "SELECT id FROM tracked_item "
                                           "WHERE external_id IN ({})", (), external_ids)]
    return {item.external_id: item for item in _items_with_ids(session, ids)}


def _items_with_ids(session: Session, ids: list[int]) -> list[TrackedItem]:
    return [item for start in range(0, len(ids), db.IN_CHUNK) for item in session.execute(
        select(TrackedItem).where(TrackedItem.id.in_(ids[start:start + db.IN_CHUNK]))).scalars()]


def authorize_item(session: Session, actor: Actor, action: str, item: TrackedItem,
                   target_ministry_id: int | None = None, moves: bool = False) -> None:
    """tracker.authz's decision on this write, with the ministries named in the refusal."""
    authz.refuse_archived(item, action)
    if not isinstance(actor, Actor) or not authz.may(actor, action, item.ministry_id) or (
            moves and not authz.may(actor, action, target_ministry_id)):
        authz.authorize_item(actor, action, item, reference.ministry_code(session, item.ministry_id),
                             target_ministry_id, reference.ministry_code(session, target_ministry_id), moves)


def _require_note(actor: Actor, action: str, note: str | None) -> None:
    if authz.note_required(actor, action) and not (note or "").strip():
        raise ValidationError([Problem("een toelichting is verplicht voor de griffie", "toelichting")])


def _claim(session: Session, item: TrackedItem, expected_version: int | None = None) -> None:
    """Bump the version in the database only if nobody else did: the guard against lost updates."""
    expected = item.version if expected_version is None else expected_version
    result = session.execute(update(TrackedItem).where(TrackedItem.id == item.id, TrackedItem.version == expected)
                             .values(version=expected + 1, updated_at=utcnow())
                             .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise Conflict(f"item {item.nummer} is intussen door iemand anders gewijzigd; "
                       f"bekijk de nieuwe versie en probeer het opnieuw")
    item.version = expected + 1
    item.updated_at = utcnow()


def reference_ids(session: Session, data: ItemInput) -> dict:
    """The ids of the ministry, bewindspersoon and committee an input names."""
    ids = {}
    if data.ministry_code:
        try:
            ids["ministry_id"] = reference.ministry_by_code(session, data.ministry_code).id
        except NotFound as error:
            raise ValidationError([Problem(str(error), "ministerie")]) from None
    if data.bewindspersoon:
        ids["bewindspersoon_id"] = reference.person_named(session, data.bewindspersoon, create=True).id
    if data.committee:
        committee = reference.committee_named(session, data.chamber, data.committee)
        if committee is None:
            raise ValidationError([Problem(f"onbekende commissie '{data.committee}' in de {data.chamber}", "commissie")])
        ids["committee_id"] = committee.id
    return ids


def _own_columns(data: ItemInput) -> dict:
    """The columns a new item takes from its input as given (ids of ministry, person and committee apart)."""
    own = {f.name: getattr(data, f.name) for f in fields(data)
           if f.name in EDITABLE or f.name in ("kind", "chamber", "source", "external_id")}
    own["nummer"] = (data.nummer or "").strip()
    own["title"] = (data.title or "").strip()
    if data.term:
        own["term"] = str(parse_term(data.term))
    return own


def deadline_preview(session: Session, data: ItemInput, calendar: RecessCalendar | None = None) -> DeadlinePreview:
    """The deadline saving this input would store, before it is saved: the same columns as create_item, the same
    facts and the same rules (schedule.facts_for and tracker.domain.deadlines.schedule), said in words."""
    row = TrackedItem(**_own_columns(data), status=workflow_for(data.kind).initial)
    facts = facts_for(session, row, delays=(), overrides=())
    return preview(facts, calendar=calendar if calendar is not None else load_calendar(session))


def edit_preview(session: Session, item: TrackedItem, changes: dict,
                 calendar: RecessCalendar | None = None) -> DeadlinePreview:
    """The deadline an item will have once these changes are saved (its uitstelberichten and overrides count)."""
    changed = TrackedItem(**{**item.model_dump(), **{k: v for k, v in changes.items() if k in DEADLINE_FIELDS}})
    if changed.term:
        changed.term = str(parse_term(changed.term))
    facts = facts_for(session, changed)  # read by the item's id: its notices and overrides
    return preview(facts, calendar=calendar if calendar is not None else load_calendar(session))


def create_item(session: Session, data: ItemInput, actor: Actor, calendar: RecessCalendar | None = None) -> TrackedItem:
    """Register a new item; its status starts at the workflow's beginning (or walks to data.status)."""
    problems = check_input(data)
    if problems:
        raise ValidationError(problems)
    ids = reference_ids(session, data)
    authz.authorize(actor, "create", ids.get("ministry_id"), owner=data.ministry_code)
    authz.authorize_fields(actor, [name for name, value in (("stand_van_zaken", data.stand_van_zaken),
                                                           ("stand_intern", data.stand_intern),
                                                           ("behandelaar_id", data.behandelaar)) if value])
    if find_item(session, data.chamber, data.kind, data.nummer):
        raise ValidationError([Problem(f"{data.kind} {data.nummer} ({data.chamber}) bestaat al", "nummer")])
    workflow = workflow_for(data.kind)
    behandelaar_id = people.behandelaar_named(session, data.behandelaar, ids.get("ministry_id"))
    item = TrackedItem(**_own_columns(data), **ids, status=workflow.initial, behandelaar_id=behandelaar_id)
    session.add(item)
    session.flush()
    if behandelaar_id:
        people.follow(session, behandelaar_id, item.id)  # the behandelaar follows automatically
    record(session, item, actor.name, "aangemaakt", new=f"{data.kind} {item.nummer}", note=data.source)
    if item.stand_van_zaken:
        _stand_written(session, item, actor, data.stand_on)
    if data.status and data.status != workflow.initial:
        walk_to_status(session, item, data.status, actor, calendar=calendar, rebuild_after=False)
    _rebuild(session, item, actor, calendar, effective_on=item.start_date)
    return item


def _rebuild(session, item, actor: Actor, calendar, note=None, effective_on=None):
    try:
        return rebuild(session, item, actor.name, calendar, note, effective_on=effective_on)
    except DeadlineError as error:
        raise ValidationError([Problem(str(error), "termijn")]) from None


def update_item(session: Session, item: TrackedItem, changes: dict, actor: Actor,
                expected_version: int | None = None, note: str | None = None,
                calendar: RecessCalendar | None = None) -> TrackedItem:
    """Change editable fields; every changed field is audited from → to."""
    moves = "ministry_id" in changes and changes["ministry_id"] != item.ministry_id
    action = authz.edit_action(actor)  # the ministry edits; the griffie corrects (with a toelichting)
    authorize_item(session, actor, action, item, changes.get("ministry_id") if moves else None, moves)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError([Problem(f"veld '{name}' kan hier niet gewijzigd worden", name) for name in sorted(unknown)])
    not_text = _text_problems(changes)
    if not_text:
        raise ValidationError(not_text)
    if "term" in changes and changes["term"]:
        try:
            changes["term"] = str(parse_term(changes["term"]))
        except ValueError as error:
            raise ValidationError([Problem(str(error), "termijn")]) from None
    changed = {k: v for k, v in changes.items() if getattr(item, k) != v}
    if not changed:
        return item
    authz.authorize_fields(actor, changed)
    _require_note(actor, action, note)
    if changed.get("behandelaar_id") or ("ministry_id" in changed and item.behandelaar_id
                                         and "behandelaar_id" not in changed):
        # a behandelaar belongs to the item's ministry (also after a move: then they must be assigned anew)
        people.check_behandelaar(session.get(User, changes.get("behandelaar_id", item.behandelaar_id)),
                                 changes.get("ministry_id", item.ministry_id), "behandelaar")
    _claim(session, item, expected_version)
    if {"stand_van_zaken", "stand_intern"} & set(changed):
        _stand_kept(session, item)  # the stand as it was, if no history had it yet (bulk imports, older rows)
    for name, value in changed.items():
        old = getattr(item, name)
        setattr(item, name, value)
        action = "stand_van_zaken" if name == "stand_van_zaken" else "wijziging"
        record(session, item, actor.name, action, field=name, old=old, new=value, note=note)
    if {"stand_van_zaken", "stand_intern"} & set(changed):
        _stand_written(session, item, actor)
    if DEADLINE_FIELDS & set(changed):
        _rebuild(session, item, actor, calendar, note, effective_on=clock.today())
    if changed.get("behandelaar_id"):
        people.follow(session, changed["behandelaar_id"], item.id)  # the behandelaar follows automatically
    return item


def _stand_written(session: Session, item: TrackedItem, actor: Actor, on: date | None = None) -> None:
    """The item's stand van zaken as now written, with its day, in the stand history (tracker.letters.as_of)."""
    session.add(ItemStand(item_id=item.id, written_on=on or clock.today(), text=item.stand_van_zaken,
                          intern=bool(item.stand_intern), created_by=actor.name))


def _stand_kept(session: Session, item: TrackedItem) -> None:
    """Before a stand is replaced: keep the old one in the history if it is not there yet (an item inserted in bulk
    has its stand but no history row), dated the day the item was registered."""
    if not item.stand_van_zaken or session.exec(select(ItemStand.id).where(ItemStand.item_id == item.id)).first():
        return
    made = item.created_at.date() if item.created_at else clock.today()
    session.add(ItemStand(item_id=item.id, written_on=made, text=item.stand_van_zaken,
                          intern=bool(item.stand_intern), created_by="register"))


def _set_status(session, item, target, actor, on, note, workflow, vote_starts=False):
    old = item.status
    item.status = target
    if vote_starts and target == "aangenomen" and item.start_date is None:
        item.start_date = on  # a motion's obligation runs from the vote
    closed_kind = workflow.closed_kind(target)
    if closed_kind:
        if item.start_date and on < item.start_date:
            raise ValidationError([Problem(f"datum {format_date(on)} ligt vóór de start "
                                           f"({format_date(item.start_date)})", "datum")])
        item.closed_on, item.closed_kind = on, closed_kind
    else:
        item.closed_on, item.closed_kind = None, None
    record(session, item, actor.name, "status", field="status", old=label(old), new=label(target), note=note,
           effective_on=on)


def change_status(session: Session, item: TrackedItem, target: str, actor: Actor, on: date | None = None,
                  note: str | None = None, document_id: int | None = None, expected_version: int | None = None,
                  calendar: RecessCalendar | None = None) -> TrackedItem:
    """Move the item along one allowed transition (WorkflowError names the allowed ones).

    A status that stands for recorded facts (uitstel gemeld; beantwoord, afgedaan, voldaan) is refused here for
    every door (form, API, import): record_delay and record_answer are its only path."""
    authorize_item(session, actor, "status", item)
    _require_note(actor, "status", note)
    workflow = workflow_for(item.kind)
    workflow.transition(item.status, target, has_document=document_id is not None)
    on = on or clock.today()
    _claim(session, item, expected_version)
    _set_status(session, item, target, actor, on, note, workflow, vote_starts=True)
    if document_id is not None:
        _link(session, item.id, document_id, "antwoord" if workflow.closed_kind(target) == "done" else "overig")
    _rebuild(session, item, actor, calendar, effective_on=on)
    return item


def walk_to_status(session: Session, item: TrackedItem, target: str, actor: Actor, on: date | None = None,
                   note: str | None = None, document_id: int | None = None,
                   calendar: RecessCalendar | None = None, rebuild_after: bool = True,
                   expected_version: int | None = None) -> TrackedItem:
    """Bring an item to target through the allowed transitions (imports and seed data state the end only).

    As change_status: the answer status only with document_id (record_answer), 'uitstel gemeld' never (record_delay)."""
    authorize_item(session, actor, "status", item)
    _require_note(actor, "status", note)
    workflow = workflow_for(item.kind)
    if item.status == target:
        return item
    steps = path_to(item.kind, target, source=item.status)[1:]
    on = on or clock.today()
    _claim(session, item, expected_version)
    for step in steps:
        workflow.transition(item.status, step, has_document=document_id is not None)
        _set_status(session, item, step, actor, on, note, workflow)
    if document_id is not None and workflow.closed_kind(target) == "done":
        _link(session, item.id, document_id, "antwoord")
    if rebuild_after:
        _rebuild(session, item, actor, calendar, effective_on=on)
    return item


def _link(session: Session, item_id: int, document_id: int, role: str) -> None:
    if session.get(Document, document_id) is None:
        raise NotFound(f"document {document_id} bestaat niet")
    if session.get(ItemDocument, (item_id, document_id, role)) is None:
        session.add(ItemDocument(item_id=item_id, document_id=document_id, role=role))


def record_delay(session: Session, item: TrackedItem, sent_on: date, actor: Actor, reason: str | None = None,
                 promised: date | None = None, document_id: int | None = None,
                 calendar: RecessCalendar | None = None, expected_version: int | None = None,
                 received_on: date | None = None) -> DelayNotice:
    """Register an uitstelbericht; the status moves to 'uitstel gemeld' where the workflow has it.

    sent_on is the ministry's dagtekening (the deadline engine counts from it); received_on the day the Kamer
    received it (received_dates decides it)."""
    authorize_item(session, actor, "record", item)
    received_on = received_date(session, actor, item, sent_on, received_on)
    problems = []
    if item.start_date and sent_on < item.start_date:
        problems.append(Problem(f"uitstelbericht van {format_date(sent_on)} ligt vóór de start "
                                f"({format_date(item.start_date)})", "uitstelbericht"))
    if promised and promised < sent_on:
        problems.append(Problem(f"beloofde datum {format_date(promised)} ligt vóór het uitstelbericht", "uitstel_tot"))
    if item.closed_on and item.closed_on < sent_on:
        problems.append(Problem(f"het item is al afgesloten op {format_date(item.closed_on)}", "uitstelbericht"))
    if problems:
        raise ValidationError(problems)
    _claim(session, item, expected_version)
    notice = DelayNotice(item_id=item.id, sent_on=sent_on, reason=reason, promised_date=promised,
                         document_id=document_id, created_by=actor.name, received_on=received_on)
    session.add(notice)
    if document_id is not None:
        _link(session, item.id, document_id, "uitstelbericht")
    promised_text = f"; belooft {format_date(promised)}" if promised else ""
    received_text = _received_text(sent_on, received_on)
    record(session, item, actor.name, "uitstelbericht", new=format_date(sent_on),
           note=(reason or "") + promised_text + received_text, effective_on=sent_on)
    workflow = workflow_for(item.kind)
    if workflow.delay_status and any(t.target == workflow.delay_status for t in workflow.allowed_from(item.status)):
        # the one path to 'uitstel gemeld': with the uitstelbericht just recorded (tracker.domain.workflow)
        workflow.transition(item.status, workflow.delay_status, has_delay_notice=True)
        _set_status(session, item, workflow.delay_status, actor, sent_on, "uitstelbericht", workflow)
    session.flush()
    _rebuild(session, item, actor, calendar, note=f"uitstelbericht van {format_date(sent_on)}", effective_on=sent_on)
    return notice


def record_answer(session: Session, item: TrackedItem, answered_on: date, actor: Actor,
                  document_id: int | None = None, document_title: str | None = None,
                  calendar: RecessCalendar | None = None, expected_version: int | None = None,
                  document_fields: dict | None = None, note: str | None = None,
                  received_on: date | None = None) -> TrackedItem:
    """Register the answer or fulfilling letter: the item becomes beantwoord / afgedaan / voldaan.

    Without an existing document a document record is made from the date and title given,
    so the workflow's "needs the document" holds and the item page can show it. answered_on is the dagtekening
    (what the deadline engine counts); received_on the day the Kamer received it (see received_date).
    """
    authorize_item(session, actor, "record", item)
    received_on = received_date(session, actor, item, answered_on, received_on)
    url = (document_fields or {}).get("url")
    if url and not is_web_link(url):
        raise ValidationError([Problem("alleen een link die begint met http:// of https://", "url")])
    not_text = [Problem(wrong, name) for name, value in (("titel", document_title), *(document_fields or {}).items())
                if isinstance(value, str) and (wrong := text_hygiene.problem(value, multiline=False))]
    if not_text:
        raise ValidationError(not_text)
    workflow = workflow_for(item.kind)
    if item.start_date and answered_on < item.start_date:
        raise ValidationError([Problem(f"datum {format_date(answered_on)} ligt vóór de start "
                                       f"({format_date(item.start_date)})", "beantwoord")])
    if document_id is None:
        document = Document(kind=ANSWER_DOCUMENT_KIND[item.kind], dagtekening=answered_on, chamber=item.chamber,
                            title=document_title or f"{label(workflow.answer_status).capitalize()} {item.nummer}",
                            received_on=received_on, **(document_fields or {}))
        session.add(document)
        session.flush()
        document_id = document.id
    elif received_on is not None:
        existing = session.get(Document, document_id)
        if existing is not None and existing.received_on is None:
            existing.received_on = received_on
    received_text = _received_text(answered_on, received_on)
    if received_text:
        note = (note or "") + received_text
    return walk_to_status(session, item, workflow.answer_status, actor, on=answered_on, note=note,
                          document_id=document_id, calendar=calendar, expected_version=expected_version)


def received_date(session: Session, actor: Actor, item: TrackedItem, dagtekening: date,
                  received_on: date | None) -> date | None:
    """The day the Kamer received a letter of the ministry, as the write will store it.

    Given: only who may "receive" (the griffie, an admin) states it, never before the dagtekening. Not given: when
    the griffie records the letter itself, the Kamer received it on its dagtekening (our convention: the griffie
    gives the other day where they differ); when the ministry records it, the Kamer's receipt is still open (the
    griffie's week lists it as received but not yet processed)."""
    if received_on is None:
        return dagtekening if authz.may(actor, "receive", item.ministry_id) else None
    if not authz.may(actor, "receive", item.ministry_id):
        authz.authorize_item(actor, "receive", item, reference.ministry_code(session, item.ministry_id))
    if received_on < dagtekening:
        raise ValidationError([Problem(f"ontvangen op {format_date(received_on)} ligt vóór de dagtekening "
                                       f"({format_date(dagtekening)})", "ontvangen")])
    return received_on


def _received_text(dagtekening: date, received_on: date | None) -> str:
    return f"; ontvangen door de Kamer op {format_date(received_on)}" if received_on and received_on != dagtekening \
        else ""


def confirm_receipt(session: Session, item: TrackedItem, actor: Actor, received_on: date,
                    notice_id: int | None = None, document_id: int | None = None,
                    expected_version: int | None = None) -> None:
    """The griffie registers the Kamer's receipt of an uitstelbericht (notice_id) or an answer (document_id) the
    ministry recorded: the date beside the ministry's dagtekening, in the audit trail. The deadline does not
    change (it counts from the dagtekening)."""
    authorize_item(session, actor, "receive", item)
    if (notice_id is None) == (document_id is None):
        raise ValidationError([Problem("kies een uitstelbericht of een antwoord", "ontvangen")])
    if notice_id is not None:
        target = session.get(DelayNotice, notice_id)
        if target is None or target.item_id != item.id:
            raise ValidationError([Problem(f"uitstelbericht {notice_id} hoort niet bij {item.kind} {item.nummer}",
                                           "ontvangen")])
        dagtekening, what = target.sent_on, "uitstelbericht"
    else:
        target = session.get(Document, document_id)
        if target is None or session.get(ItemDocument, (item.id, document_id, "antwoord")) is None:
            raise ValidationError([Problem(f"antwoord {document_id} hoort niet bij {item.kind} {item.nummer}",
                                           "ontvangen")])
        dagtekening, what = target.dagtekening, "antwoord"
    if dagtekening and received_on < dagtekening:
        raise ValidationError([Problem(f"ontvangen op {format_date(received_on)} ligt vóór de dagtekening "
                                       f"({format_date(dagtekening)})", "ontvangen")])
    _claim(session, item, expected_version)
    old = target.received_on
    target.received_on = received_on
    record(session, item, actor.name, "ontvangen", field=f"{what}.ontvangen", old=old, new=received_on,
           note=f"{what} van {format_date(dagtekening)}" if dagtekening else what, effective_on=received_on)


def update_closed_on(session: Session, item: TrackedItem, closed_on: date, actor: Actor, note: str | None = None,
                     calendar: RecessCalendar | None = None) -> TrackedItem:
    """Correct the date an item was answered or closed (audited, deadline history rebuilt)."""
    authorize_item(session, actor, "record", item)
    if item.closed_kind is None:
        raise ValidationError([Problem("het item is nog niet afgesloten", "beantwoord")])
    if item.start_date and closed_on < item.start_date:
        raise ValidationError([Problem(f"datum {format_date(closed_on)} ligt vóór de start", "beantwoord")])
    _claim(session, item)
    record(session, item, actor.name, "wijziging", field="closed_on", old=item.closed_on, new=closed_on, note=note,
           effective_on=closed_on)
    item.closed_on = closed_on
    _rebuild(session, item, actor, calendar)
    return item


def override_deadline(session: Session, item: TrackedItem, due: date, reason: str, actor: Actor,
                      effective_from: date | None = None, calendar: RecessCalendar | None = None,
                      expected_version: int | None = None) -> DeadlineOverride:
    """Set the due date by hand, with a mandatory reason, in force from effective_from (default today)."""
    authorize_item(session, actor, "override", item)
    if not (reason or "").strip():
        raise ValidationError([Problem("een reden is verplicht bij het aanpassen van een termijn", "reden")])
    if item.start_date is None:
        raise ValidationError([Problem("het item heeft nog geen startdatum", "datum")])
    if due < item.start_date:
        raise ValidationError([Problem(f"termijn {format_date(due)} ligt vóór de start "
                                       f"({format_date(item.start_date)})", "termijn")])
    _claim(session, item, expected_version)
    override = DeadlineOverride(item_id=item.id, effective_from=effective_from or clock.today(), due=due,
                                reason=reason.strip(), created_by=actor.name)
    session.add(override)
    session.flush()
    _rebuild(session, item, actor, calendar, note=f"handmatig: {reason.strip()}", effective_on=override.effective_from)
    return override


def reopen_item(session: Session, item: TrackedItem, actor: Actor, reason: str,
                expected_version: int | None = None, calendar: RecessCalendar | None = None) -> TrackedItem:
    """Open a closed item again (griffie, admin), always with a reason: its deadline runs again."""
    authorize_item(session, actor, "reopen", item)
    if not (reason or "").strip():
        raise ValidationError([Problem("een reden is verplicht bij heropenen", "reden")])
    try:
        target = reopen_status(item.kind, item.status)
    except WorkflowError as error:
        raise ValidationError([Problem(str(error), "status")]) from None
    _claim(session, item, expected_version)
    old = item.status
    item.status, item.closed_on, item.closed_kind = target, None, None
    record(session, item, actor.name, "heropend", field="status", old=label(old), new=label(target),
           note=reason.strip(), effective_on=clock.today())
    _rebuild(session, item, actor, calendar, note=f"heropend: {reason.strip()}", effective_on=clock.today())
    return item


def restore_item(session: Session, item: TrackedItem, actor: Actor, reason: str,
                 expected_version: int | None = None) -> None:
    """Bring an archived item back into the lists (who may archive may restore; the trail says why)."""
    authorize_item(session, actor, "archive", item)
    if item.archived_at is None:
        raise ValidationError([Problem("het item is niet gearchiveerd", "reden")])
    if not (reason or "").strip():
        raise ValidationError([Problem("een reden is verplicht bij terugzetten", "reden")])
    _claim(session, item, expected_version)
    item.archived_at = None
    record(session, item, actor.name, "teruggezet", note=reason.strip())
    _rebuild(session, item, actor, None)


def archive_item(session: Session, item: TrackedItem, actor: Actor, reason: str,
                 expected_version: int | None = None) -> None:
    """Take an item out of every list (never a hard delete: the row and its trail stay)."""
    authorize_item(session, actor, "archive", item)
    if not (reason or "").strip():
        raise ValidationError([Problem("een reden is verplicht bij archiveren", "reden")])
    _claim(session, item, expected_version)
    item.archived_at = utcnow()
    record(session, item, actor.name, "gearchiveerd", note=reason.strip())
    _rebuild(session, item, actor, None)
