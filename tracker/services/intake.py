"""Intake against the register: a proposal's ministries as codes, its items matched to registered ones, and
saving what a person confirmed — in one transaction, through the import's own validation and rules."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from .. import text_hygiene
from ..authz import Actor, may_read_stand
from ..domain.dutch import DateParseError, format_date, parse_date
from ..domain.phrases import resolve_phrase
from ..domain.workflow import label
from ..errors import Problem, ValidationError
from ..importer import COLUMNS, ImportSummary, changes_of, import_table, parse_row, target_status
from ..intake.extract import bare_reference
from ..intake.proposal import Proposal
from ..models import Committee, Document, ItemDocument, Ministry, Person, TrackedItem
from .items import items_by_key
from .reference import ministries_by_name

ROLE_OF_DOCUMENT = {"commissiebrief": "verzoek", "kamervragen": "verzoek", "motie": "verzoek",
                    "uitstelbericht": "uitstelbericht", "antwoord": "antwoord", "voortgangsbrief": "voortgang"}


@dataclass
class Match:
    item_id: int
    label: str  # "commissiebrief 174728.01U (EK)"
    how: str  # "nummer", "kenmerk", "Kamerstuk"


def resolve(session: Session, proposal: Proposal, reader=None) -> list[dict]:
    """The proposal's items as import rows (JSON), with the ministry as a code and the registered item each
    one matches (by kamer + soort + nummer, else by a kenmerk or Kamerstuk reference of the documents).
    reader: who sees the changes (an intern stand van zaken of the match is shown only to whom may read it)."""
    ministries = ministries_by_name(session)
    kenmerken = [k for d in proposal.documents for k in d.kenmerken]
    references = [r for d in proposal.documents for r in d.references]
    rows = []
    for item in proposal.items:
        row = item.as_json()
        if item.ministerie:
            ministry = ministries.get(item.ministerie.lower())
            if ministry:
                row["ministerie"] = ministry.code
            else:
                row["notes"] = row["notes"] + [f"ministerie '{item.ministerie}' is niet bekend: kies een code"]
        match = find_match(session, item.soort, item.kamer, item.nummer, kenmerken, references)
        row["bestaand_item"] = match.item_id if match else None
        row["bestaand"] = f"{match.label} (via {match.how})" if match else None
        row["wijzigingen"] = would_change(session, row, match.item_id, reader) if match else []
        rows.append(row)
    return rows


_DATE_COLUMNS = ("datum", "uitstelbericht", "beantwoord")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def for_form(rows: list[dict], proposal: Proposal, calendar=None) -> list[dict]:
    """The rows as Document invoeren shows them: every date in Dutch ("14 juni 2019", which the import reads as
    well as ISO), and per deadline or promised moment in words what the rules make of it, before anyone saves:
    the date with the rule's explanation, or a warning that the rules cannot date it (the item would be saved
    without a date for it)."""
    shown = []
    for row in rows:
        row = dict(row)
        hints: dict[str, tuple[str, str]] = {}
        for name in _DATE_COLUMNS:
            if isinstance(row.get(name), str) and _ISO.fullmatch(row[name]):
                row[name] = format_date(date.fromisoformat(row[name]))
        start = _start_of(row, proposal)
        for name in ("deadline", "uitstel_tot"):
            value = row.get(name)
            if not value or not isinstance(value, str):
                continue
            if _ISO.fullmatch(value):
                row[name] = format_date(date.fromisoformat(value))
                continue
            if name == "deadline":  # counted from the day the promise was made; a recalled one may not say
                made = _date_of(row.get("datum"))
                resolved = resolve_phrase(value, made, row.get("kamer") or "TK", calendar)
                if resolved.due is None and made is None:  # "vóór het zomerreces 2010" needs no start
                    resolved = resolve_phrase(value, None, row.get("kamer") or "TK", calendar)
                if resolved.due is None and made is None and start is not None:
                    resolved = resolve_phrase(value, start, row.get("kamer") or "TK", calendar)
            else:
                resolved = resolve_phrase(value, start, row.get("kamer") or "TK", calendar)
            if resolved.due is not None:
                hints[name] = ("ok", f"Volgens de regels: {format_date(resolved.due)} — {resolved.explanation}")
            else:
                hints[name] = ("warn", f"De regels kunnen '{value}' niet dateren ({_why(resolved)}). Vul een datum "
                                       f"in als die bekend is; anders wordt het item opgeslagen zonder datum voor "
                                       f"deze termijn.")
        row["hints"] = hints
        shown.append(row)
    return shown


def _start_of(row: dict, proposal: Proposal) -> date | None:
    """The day a phrase is counted from: the item's datum, else the letter's dagtekening."""
    for value in (row.get("uitstelbericht") if row.get("uitstel_tot") else None, row.get("datum")):
        if value:
            try:
                return parse_date(value)
            except DateParseError:
                pass
    return next((d.date for d in proposal.documents if d.date), None)


def _date_of(value):
    if not value:
        return None
    try:
        return parse_date(value)
    except DateParseError:
        return None


def _why(resolution) -> str:
    text = resolution.explanation or ""
    return text.split(": ", 1)[1] if ": " in text else text


# The table's columns under the names the import (and the page) gives them.
_COLUMN_OF_FIELD = {"title": "titel", "text": "tekst", "start_date": "datum", "term": "termijn",
                    "deadline_phrase": "deadline", "deadline_date": "deadline", "stand_van_zaken": "stand_van_zaken",
                    "members": "leden", "fracties": "fractie", "vote_result": "stemming",
                    "kabinetsappreciatie": "appreciatie", "activity": "activiteit", "tags": "thema",
                    "ministry_id": "ministerie", "bewindspersoon_id": "bewindspersoon", "committee_id": "commissie"}
_NAMED = {"ministry_id": (Ministry, "code"), "bewindspersoon_id": (Person, "name"), "committee_id": (Committee, "name")}


def would_change(session: Session, row: dict, item_id: int, reader=None) -> list[tuple[str, str, str]]:
    """What saving this row would change on the registered item, field by field (column, before, after):
    shown before anyone saves, so that "bijwerken" never overwrites unseen. Exactly the import's own rule
    (an empty cell erases nothing), so what is shown is what happens."""
    item = session.get(TrackedItem, item_id)
    columns = {name: index for index, name in enumerate(COLUMNS)}
    parsed, problems = parse_row(columns, [_cell(row.get(name)) for name in COLUMNS], 2, {})
    if problems or item is None:
        return []  # the page shows the problems; saving refuses the row
    savepoint = session.begin_nested()  # working out the changes may make a person record: never kept from a preview
    try:
        changes = changes_of(session, item, parsed.item)
        named = {name: tuple(_name(session, name, value) for value in (getattr(item, name), new))
                 for name, new in changes.items() if name in _NAMED}
    except ValidationError:
        return []
    finally:
        savepoint.rollback()
    shown = []
    for name, new in changes.items():
        old, new = named.get(name, (getattr(item, name), new))
        if name == "stand_van_zaken" and not may_read_stand(reader, item.ministry_id, item.stand_intern):
            old = "(intern)"
        shown.append((_COLUMN_OF_FIELD.get(name, name), _text(old), _text(new)))
    status = target_status(parsed)
    if status and status != item.status:
        shown.append(("status", label(item.status), label(status)))
    return shown


def _name(session: Session, field: str, value):
    if not value:
        return None
    model, attribute = _NAMED[field]
    row = session.get(model, value)
    return getattr(row, attribute) if row else value


def _text(value) -> str:
    if value is None or value == "":
        return "—"
    return format_date(value) if isinstance(value, date) else str(value)


def find_match(session: Session, kind: str, chamber: str | None, nummer: str | None, kenmerken: list[str],
               references: list[str]) -> Match | None:
    def found(item, how):
        return Match(item.id, f"{item.kind} {item.nummer} ({item.chamber})", how)

    base = select(TrackedItem).where(TrackedItem.kind == kind, TrackedItem.archived_at.is_(None))
    if chamber:
        base = base.where(TrackedItem.chamber == chamber)
    if nummer:
        item = session.execute(base.where(TrackedItem.nummer == nummer)).scalars().first()
        if item:
            return found(item, "nummer")
    if kind == "commissiebrief" and kenmerken:
        item = session.execute(base.where(TrackedItem.nummer.in_(kenmerken))).scalars().first()
        if item:
            return found(item, "kenmerk")
    if kind == "motie" and references:
        bare = [bare_reference(r) for r in references]  # registered as "35628, nr. 10"
        item = session.execute(base.where(TrackedItem.nummer.in_(bare))).scalars().first()
        if item:
            return found(item, "Kamerstuk")
    return None


def save(session: Session, rows: list[dict], proposal: Proposal, actor: Actor, label: str,
         text: str | None = None) -> ImportSummary:
    """Save the confirmed rows (import columns, as the person corrected them) and the documents they came from,
    in the caller's transaction; any problem raises ValidationError and nothing is kept. A row marked
    "opnemen": false (a toezegging read from a letter's own sentences, for a person to confirm) is left out."""
    rows = [row for row in rows if row.get("opnemen", True)]
    if not rows:
        raise ValidationError([Problem("geen items om op te slaan: kies ten minste één item")])
    table = [list(COLUMNS)] + [[_cell(row.get(name)) for name in COLUMNS] for row in rows]
    summary = import_table(session, table, actor, label)
    keys = [(row.get("kamer"), row.get("soort"), (row.get("nummer") or "").strip()) for row in rows]
    registered = items_by_key(session, keys)
    items = [registered[key] for key in keys]
    summary.saved = [(item.id, f"{item.kind} {item.nummer} ({item.chamber})") for item in items]
    # the paper's text is kept with its first document (searchable: tracker.search), once, not per letter in it
    paper = text_hygiene.clean(text) if text else None
    for document in proposal.documents:
        stored = _stored_document(session, document, label)
        if paper and stored.full_text is None:
            stored.full_text, paper = paper, None
        for item in items:
            role = ROLE_OF_DOCUMENT.get(document.kind, "overig")
            if session.get(ItemDocument, (item.id, stored.id, role)) is None:
                session.add(ItemDocument(item_id=item.id, document_id=stored.id, role=role))
    return summary


def _stored_document(session: Session, document, label: str) -> Document:
    """The document record: found again by kind, date and first kenmerk, else made."""
    kenmerk = document.kenmerken[0] if document.kenmerken else None
    query = select(Document).where(Document.kind == document.kind, Document.dagtekening == document.date,
                                   Document.kenmerk == kenmerk if kenmerk else Document.kenmerk.is_(None),
                                   Document.sender == document.sender)
    existing = session.execute(query).scalars().first()
    if existing:
        return existing
    stored = Document(kind=document.kind, dagtekening=document.date, chamber=document.chamber,
                      sender=(document.sender or None) and document.sender[:300],
                      addressee=(document.addressee or None) and document.addressee[:300], kenmerk=kenmerk,
                      title=(document.heading or f"{document.kind} uit {label}")[:500])
    session.add(stored)
    session.flush()
    return stored


def _cell(value) -> str:
    return "" if value is None else str(value)
