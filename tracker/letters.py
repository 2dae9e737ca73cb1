"""Voortgangsbrieven: progress letters to parliament, rendered with WeasyPrint from the register.

A letter is built from a LetterView (pure data). Drafts are built from the live items; a final
letter stores its view (the `letter` row and one `letter_item` snapshot per item), so it can be
rendered again byte for byte however the items change afterwards.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from babel.dates import format_date as babel_date
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlmodel import Session, select

from . import authz
from .authz import Actor
from .domain.workflow import label, workflow_for
from .errors import NotFound, Problem, TrackerError, ValidationError
from .models import Document, ItemDocument, Letter, LetterItem, Ministry, Person, Position, TrackedItem
from .services import items as item_service
from .services.audit import record

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
GROUPS = {"motie": "Moties", "toezegging": "Toezeggingen", "kamervragen": "Kamervragen",
          "commissiebrief": "Commissiebrieven"}
ADDRESSEES = {
    "TK": ("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal", "Postbus 20018", "2500 EA  Den Haag"),
    "EK": ("Aan de Voorzitter van de Eerste Kamer der Staten-Generaal", "Postbus 20017", "2500 EA  Den Haag"),
}
KAMERSTUK = re.compile(r"^\s*(\d[\d ]*(?:-[A-Z]+)?),\s*nr\.\s*(\d+)\s*$")


@dataclass(frozen=True)
class LetterEntry:
    item_id: int
    group_label: str
    heading: str
    reference: str
    request: str | None
    stand_van_zaken: str | None
    status_text: str


@dataclass
class LetterView:
    ministry_name: str
    chamber: str
    dagtekening: date
    betreft: str
    kenmerk: str
    intro: str
    closing: str
    signer_function: str
    signer_name: str
    entries: list[LetterEntry] = field(default_factory=list)
    uw_kenmerk: str | None = None
    concept: bool = False
    annex: bool = True
    group_by: str = "soort"  # or "thema"

    @property
    def date_text(self) -> str:
        return babel_date(self.dagtekening, "d MMMM y", locale="nl_NL")

    @property
    def groups(self) -> list[tuple[str, list[LetterEntry]]]:
        grouped: dict[str, list[LetterEntry]] = {}
        for entry in self.entries:
            grouped.setdefault(entry.group_label, []).append(entry)
        return list(grouped.items())


def exports_dir() -> Path:
    """Where generated letters are kept: $TRACKER_EXPORTS or ./exports."""
    import os
    return Path(os.environ.get("TRACKER_EXPORTS") or Path.cwd() / "exports")


def default_intro(ministry: Ministry) -> str:
    return (f"Met deze brief informeer ik uw Kamer over de voortgang van de uitvoering van de moties en "
            f"toezeggingen waarvoor het ministerie van {ministry.name} verantwoordelijk is. Per motie en "
            f"toezegging vindt u het verzoek, de stand van zaken en de status.")


def reference_for(item: TrackedItem) -> str:
    """How parliament cites the item: 'Kamerstukken II, 35628, nr. 10', 'T02423', '2023Z12033'."""
    match = KAMERSTUK.match(item.nummer)
    if match:
        return f"Kamerstukken {'II' if item.chamber == 'TK' else 'I'}, {match[1]}, nr. {match[2]}"
    return item.nummer


def heading_for(item: TrackedItem) -> str:
    if item.kind == "toezegging" and not item.title.lower().startswith("toezegging"):
        return f"Toezegging {item.nummer}: {item.title}"
    return item.title


def status_for(item: TrackedItem, discharged: bool = False) -> str:
    if discharged:
        return f"{label(workflow_for(item.kind).answer_status).capitalize()} met deze brief"
    text = label(item.status).capitalize()
    if item.closed_on:
        text += f" ({babel_date(item.closed_on, 'd MMMM y', locale='nl_NL')})"
    return text


def tags_of(item: TrackedItem) -> list[str]:
    return [t.strip() for t in (item.tags or "").split(",") if t.strip()]


def group_for(item: TrackedItem, group_by: str) -> str:
    """The heading an item is listed under: its kind ("Moties"), or its first theme."""
    if group_by == "thema":
        tags = tags_of(item)
        return tags[0][:1].upper() + tags[0][1:] if tags else "Overige onderwerpen"
    return GROUPS[item.kind]


def entry_for(item: TrackedItem, discharged: bool = False, group_by: str = "soort") -> LetterEntry:
    return LetterEntry(item.id, group_for(item, group_by), heading_for(item), reference_for(item), item.text,
                       item.stand_van_zaken, status_for(item, discharged))


def default_signer(session: Session, ministry: Ministry, on: date) -> tuple[str, str]:
    """The minister of the ministry in office on that day (the newest position), else a function only."""
    rows = session.exec(select(Position, Person).join(Person, Person.id == Position.person_id)
                        .where(Position.ministry_id == ministry.id, Position.role == "bewindspersoon")).all()
    current = [(p, person) for p, person in rows if (p.start is None or p.start <= on) and (p.end is None or p.end >= on)]
    ministers = sorted(current, key=lambda r: (not (r[0].function or "").startswith("minister"), r[0].start or date.min))
    if ministers:
        position, person = ministers[0]
        return (position.function or f"minister van {ministry.name}"), person.name
    return f"De minister van {ministry.name}", ""


def select_items(session: Session, ministry: Ministry, chamber: str | None = None, kinds: list[str] | None = None,
                 statuses: list[str] | None = None, item_ids: list[int] | None = None, tag: str | None = None,
                 start_from: date | None = None, start_until: date | None = None,
                 group_by: str = "soort") -> list[TrackedItem]:
    """The items a letter reports on, in a stable order (group, then kind, then number).

    tag: only items with this theme; start_from/start_until: only items whose date (vote,
    toezegging, submission) lies in that range.
    """
    query = select(TrackedItem).where(TrackedItem.ministry_id == ministry.id, TrackedItem.archived_at.is_(None))
    if chamber:
        query = query.where(TrackedItem.chamber == chamber)
    if kinds:
        query = query.where(TrackedItem.kind.in_(kinds))
    if statuses:
        query = query.where(TrackedItem.status.in_(statuses))
    if item_ids:
        query = query.where(TrackedItem.id.in_(item_ids))
    if start_from:
        query = query.where(TrackedItem.start_date >= start_from)
    if start_until:
        query = query.where(TrackedItem.start_date <= start_until)
    found = session.exec(query).all()
    if tag:
        wanted = tag.strip().lower()
        found = [i for i in found if wanted in (t.lower() for t in tags_of(i))]
    order = list(GROUPS)
    if group_by == "thema":
        return sorted(found, key=lambda i: (not tags_of(i), group_for(i, "thema").lower(), order.index(i.kind), i.nummer))
    return sorted(found, key=lambda i: (order.index(i.kind), i.nummer))


template_env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))


def render_html(view: LetterView) -> str:
    """The letter as HTML (the preview, and the input for WeasyPrint)."""
    return template_env.get_template("letters/voortgangsbrief.html").render(letter=view, addressee=ADDRESSEES[view.chamber])


def render_pdf(view: LetterView) -> bytes:
    """The letter as A4 PDF bytes; the same view always gives the same bytes."""
    from weasyprint import HTML  # heavy: imported only when a PDF is made

    if not view.entries:
        raise ValidationError([Problem("een voortgangsbrief zonder items wordt niet gemaakt; kies ten minste één item")])
    return HTML(string=render_html(view), base_url=str(TEMPLATES)).write_pdf()


def export_path(ministry: Ministry, dagtekening: date, document_id: int, exports: Path) -> Path:
    return exports / f"voortgangsbrief-{ministry.code}-{dagtekening.isoformat()}-{document_id}.pdf"


def store_final(session: Session, view: LetterView, ministry: Ministry, items: list[TrackedItem], actor: Actor,
                exports: Path, discharge: set[int] | None = None) -> tuple[Document, bytes, Path]:
    """Render the final letter, store file, document, settings and snapshots in the caller's transaction.

    Items in `discharge` are marked afgedaan / voldaan with this letter as the fulfilling document.
    """
    if view.concept:
        raise ValidationError([Problem("een concept wordt niet opgeslagen")])
    authz.authorize(actor, "edit", ministry.id, owner=ministry.code)
    pdf = render_pdf(view)
    digest = hashlib.sha256(pdf).hexdigest()
    document = Document(kind="voortgangsbrief", dagtekening=view.dagtekening, chamber=view.chamber,
                        sender=f"De {view.signer_function}", addressee=ADDRESSEES[view.chamber][0],
                        kenmerk=view.kenmerk, title=view.betreft, sha256=digest)
    session.add(document)
    session.flush()
    path = export_path(ministry, view.dagtekening, document.id, exports)
    session.add(Letter(document_id=document.id, ministry_id=ministry.id, chamber=view.chamber, betreft=view.betreft,
                       intro=view.intro, closing=view.closing, signer_function=view.signer_function,
                       signer_name=view.signer_name, kenmerk=view.kenmerk, uw_kenmerk=view.uw_kenmerk,
                       dagtekening=view.dagtekening, group_by=view.group_by, annex=view.annex, path=str(path),
                       created_by=actor.name))
    session.flush()
    for position, entry in enumerate(view.entries):
        session.add(LetterItem(document_id=document.id, item_id=entry.item_id, position=position,
                               group_label=entry.group_label, heading=entry.heading, reference=entry.reference,
                               request=entry.request, stand_van_zaken=entry.stand_van_zaken,
                               status_text=entry.status_text))
        session.add(ItemDocument(item_id=entry.item_id, document_id=document.id, role="voortgang"))
    for item in items:
        record(session, item, actor.name, "document", field="voortgang", new=str(document.id),
               note=f"opgenomen in voortgangsbrief '{view.betreft}' van {view.date_text}")
        if discharge and item.id in discharge:
            item_service.walk_to_status(session, item, workflow_for(item.kind).answer_status, actor,
                                        on=view.dagtekening, note=f"afgedaan met voortgangsbrief {view.kenmerk}",
                                        document_id=document.id)
    exports.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf)  # last: a failure above leaves no file behind
    return document, pdf, path


def stored_view(session: Session, document_id: int) -> LetterView:
    """The view of a stored letter, rebuilt from its snapshot (never from the live items)."""
    letter = session.get(Letter, document_id)
    if letter is None:
        raise NotFound(f"voortgangsbrief {document_id} bestaat niet")
    ministry = session.get(Ministry, letter.ministry_id)
    rows = session.exec(select(LetterItem).where(LetterItem.document_id == document_id).order_by(LetterItem.position)).all()
    return LetterView(ministry_name=ministry.name, chamber=letter.chamber, dagtekening=letter.dagtekening,
                      betreft=letter.betreft, kenmerk=letter.kenmerk, intro=letter.intro, closing=letter.closing,
                      signer_function=letter.signer_function, signer_name=letter.signer_name,
                      uw_kenmerk=letter.uw_kenmerk, annex=letter.annex, group_by=letter.group_by,
                      entries=[LetterEntry(r.item_id, r.group_label, r.heading, r.reference, r.request,
                                           r.stand_van_zaken, r.status_text) for r in rows])


def stored_pdf(session: Session, document_id: int) -> bytes:
    """The letter as sent, byte for byte: the stored file, or else a re-render of its snapshot.

    Both are checked against the sha256 recorded when the letter was made. The re-render only matches while the
    template, fonts and WeasyPrint are unchanged, so the file under exports/ is the primary copy.
    """
    letter = session.get(Letter, document_id)
    if letter is None:
        raise NotFound(f"voortgangsbrief {document_id} bestaat niet")
    expected = session.get(Document, document_id).sha256
    path = Path(letter.path)
    if path.is_file():
        pdf = path.read_bytes()
        if hashlib.sha256(pdf).hexdigest() == expected:
            return pdf
    pdf = render_pdf(stored_view(session, document_id))
    if hashlib.sha256(pdf).hexdigest() != expected:
        raise TrackerError(f"het bestand {path.name} ontbreekt of is gewijzigd, en opnieuw maken uit de momentopname "
                       "geeft niet dezelfde PDF (andere lettertypen of softwareversie)")
    return pdf
