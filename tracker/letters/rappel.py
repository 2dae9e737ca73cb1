"""The half-yearly rappel (Eerste Kamer practice): the Kamer's letter to a minister with, on a reference date
(1 July or 1 January), the open and partly-met toezeggingen of that ministry in three groups — deadline
passed, deadline within the next six months, and no deadline that can be computed (with the reason, because
those need a person most) — each with its committee and an empty column for the ministry's prognosis. The
letter asks for corrections and prognoses by a date. As PDF and CSV.

See kst-33268-F for the shape of the letter the Eerste Kamer sends.
"""
from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from babel.dates import format_date as babel_date
from dateutil.relativedelta import relativedelta
from sqlmodel import Session, select

from .. import authz
from ..authz import Actor
from ..domain.workflow import label
from ..errors import NotFound, Problem, TrackerError, ValidationError
from ..inert import CsvWriter
from ..models import Committee, Document, DocumentPdf, Ministry, Rappel, TrackedItem
from . import phrasing
from .as_of import items_as_of
from .pdf import write_pdf
from .phrasing import long_date, unbroken_date
from .voortgangsbrief import POSTAL, TEMPLATES, template_env

COLUMNS = ("nummer", "datum_toezegging", "tekst", "deadline", "status", "commissie", "verstreken", "prognose",
           "groep", "reden_zonder_deadline")
GROUPS = {"verstreken": "Toezeggingen waarvan de termijn is verstreken",
          "binnenkort": "Toezeggingen waarvan de termijn binnen zes maanden verstrijkt",
          "zonder": "Toezeggingen zonder bekende termijn"}
CHAMBERS = {"EK": "Eerste Kamer", "TK": "Tweede Kamer"}
OPEN = ("openstaand", "deels_voldaan")
# The placeholder a concept shows where the Voorzitter's (or griffier's) name goes: visible, never a final letter.
SIGNER_PLACEHOLDER = "[naam ondertekenaar]"
NUMBER_WORDS = {1: "één", 2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht", 9: "negen",
                10: "tien", 11: "elf", 12: "twaalf"}


@dataclass(frozen=True)
class RappelRow:
    nummer: str
    made_on: date | None
    text: str
    deadline: date | None
    status: str  # the register's word (CSV): "openstaand", "deels voldaan"
    committee: str | None
    passed: bool
    reason: str | None = None  # why no deadline is known, in the Kamer's words ("termijn: vóór de …")
    status_text: str = ""  # the letter's words: "Nog niet voldaan", "Deels voldaan"

    @property
    def group(self) -> str:
        return "zonder" if self.deadline is None else "verstreken" if self.passed else "binnenkort"


@dataclass
class RappelLetter:
    """The letter around the rows: who sends it to whom, when, and by when the Kamer wants an answer."""
    ministry_name: str
    chamber: str
    peildatum: date
    dagtekening: date
    reply_by: date
    signer_name: str = ""
    rows: list[RappelRow] = field(default_factory=list)
    kenmerk: str = "CONCEPT"
    concept: bool = True
    ministry_code: str | None = None
    signer_function: str = ""  # "De Voorzitter van de Eerste Kamer der Staten-Generaal"

    @property
    def chamber_name(self) -> str:
        return CHAMBERS[self.chamber]

    @property
    def address_lines(self) -> list[str]:
        """The minister's postal address under "Aan de minister van …" (none when the register does not know it)."""
        match = re.match(r"^(Postbus \d+) (.+)$", POSTAL.get(self.ministry_code or "", ""))
        return [match[1], match[2].upper()] if match else []

    @property
    def betreft(self) -> str:
        if self.chamber == "EK":
            return f"Halfjaarlijks rappel toezeggingen, peildatum {long_date(self.peildatum)}"
        return f"Openstaande toezeggingen, peildatum {long_date(self.peildatum)}"

    @property
    def function(self) -> str:
        return self.signer_function or f"De Voorzitter van de {self.chamber_name} der Staten-Generaal"

    def count(self, key: str) -> int:
        return sum(r.group == key for r in self.rows)

    @property
    def paragraphs(self) -> list[str]:
        """The body in the chamber's own wording; numbers and verbs agree with how many there are."""
        peil, nxt = long_date(self.peildatum), long_date(next_reference(self.peildatum))
        if self.chamber == "EK":
            text = [f"De Eerste Kamer maakt halfjaarlijks de stand op van de toezeggingen die bewindspersonen aan de "
                    f"Kamer hebben gedaan. Met deze brief ontvangt u het overzicht van de openstaande en deels voldane "
                    f"toezeggingen op het beleidsterrein van uw ministerie waarvan de termijn volgens de registratie "
                    f"van de Kamer op {peil} is verstreken, en ter informatie die waarvan de termijn vóór {nxt} "
                    f"verstrijkt."]
        else:
            text = [f"Namens de Tweede Kamer stuur ik u het overzicht van de toezeggingen die aan de Kamer zijn "
                    f"gedaan en die op {peil} volgens het toezeggingenregister van de Tweede Kamer nog niet of "
                    f"gedeeltelijk zijn nagekomen: de toezeggingen waarvan de termijn is verstreken, en ter informatie "
                    f"die waarvan de termijn vóór {nxt} verstrijkt."]
        if not self.count("verstreken"):  # the overview has no such group: the letter must not suggest one
            text[0] += f" Op {peil} was van geen van deze toezeggingen de termijn verstreken."
        without = self.count("zonder")
        if without:
            text[0] += " " + (f"Van {number_word(without)} toezegging is geen termijn bekend; deze staat afzonderlijk "
                              f"vermeld." if without == 1 else
                              f"Van {number_word(without)} toezeggingen is geen termijn bekend; deze staan "
                              f"afzonderlijk vermeld.")
        reply = babel_date(self.reply_by, "EEEE d MMMM y", locale="nl_NL")
        if self.chamber == "EK":
            text.append(f"De Kamer verneemt graag vóór {reply} eventuele correcties en per toezegging een prognose van "
                        f"de termijn waarop zij wordt nagekomen. Is een toezegging naar uw oordeel al voldaan, dan "
                        f"verneemt de Kamer graag op welke wijze.")
        else:
            text.append(f"Ik verzoek u de Kamer vóór {reply} te berichten wanneer de openstaande toezeggingen worden "
                        f"nagekomen, en bij een toezegging die naar uw oordeel al is nagekomen met welk stuk dat is "
                        f"gebeurd.")
        return text


def number_word(n: int) -> str:
    return NUMBER_WORDS.get(n, str(n))


def next_reference(peildatum: date) -> date:
    return peildatum + relativedelta(months=6)


def default_reply_by(dagtekening: date) -> date:
    """Six weeks after the letter, on a Friday (the Eerste Kamer asks "vóór vrijdag …")."""
    day = dagtekening + timedelta(weeks=6)
    return day + timedelta(days=(4 - day.weekday()) % 7)


def reason_for(item: TrackedItem) -> str:
    """Why no deadline is known, as the Kamer writes it: the words the toezegging was given ("termijn: vóór de
    begrotingsbehandeling"), or that none was named. Never the register's instruction to its users."""
    phrase = phrasing.deadline_words(item.deadline_phrase)
    if phrase:
        return "termijn: " + phrase
    return "geen termijn genoemd"


def rappel_rows(session: Session, ministry_id: int, chamber: str, peildatum: date) -> list[RappelRow]:
    """The toezeggingen open (or partly met) at the end of the reference date, as the register knew them then
    (tracker.letters.as_of): passed ones first, then due before the next reference date, then those without a known
    deadline; by deadline, then in natural order of their numbers."""
    items = session.exec(select(TrackedItem).where(
        TrackedItem.kind == "toezegging", TrackedItem.ministry_id == ministry_id, TrackedItem.chamber == chamber,
        TrackedItem.archived_at.is_(None),
        (TrackedItem.start_date.is_(None)) | (TrackedItem.start_date <= peildatum))).all()
    states = items_as_of(session, items, peildatum)
    committees = {c.id: c.name for c in session.exec(select(Committee)).all()}
    upto = next_reference(peildatum)
    found = []
    for item in items:
        state = states[item.id]
        if state.status not in OPEN or (state.due and state.due >= upto):
            continue
        found.append(RappelRow(item.nummer, item.start_date, item.text or item.title, state.due, label(state.status),
                               committees.get(item.committee_id), bool(state.due and state.due < peildatum),
                               None if state.due else reason_for(item), phrasing.status_words(state)))
    order = list(GROUPS)
    return sorted(found, key=lambda row: (order.index(row.group), row.deadline or date.max,
                                          phrasing.natural_key(row.nummer)))


def to_csv(rows: list[RappelRow]) -> str:
    buffer = io.StringIO()
    writer = CsvWriter(buffer, delimiter=";")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([r.nummer, r.made_on.isoformat() if r.made_on else "", r.text,
                         r.deadline.isoformat() if r.deadline else "", r.status, r.committee or "",
                         "ja" if r.passed else "nee", "", r.group, r.reason or ""])
    return "\ufeff" + buffer.getvalue()


def check(peildatum: date, dagtekening: date, concept: bool, signer_name: str) -> None:
    """What makes a rappel unsendable: a peildatum after its date (the letter would call a termijn "verstreken"
    that has not yet passed), and a final letter nobody signs."""
    problems = []
    if peildatum > dagtekening:
        problems.append(Problem(f"de peildatum ({long_date(peildatum)}) ligt na de dagtekening "
                                f"({long_date(dagtekening)}); kies een peildatum op of vóór de dag van de brief",
                                "peildatum"))
    if not concept and not (signer_name or "").strip():
        problems.append(Problem("een definitieve rappelbrief heeft een ondertekenaar: geef de naam van de Voorzitter "
                                "(of griffier) op; een concept toont een plaats voor de naam", "ondertekenaar"))
    if problems:
        raise ValidationError(problems)


def letter_for(rows: list[RappelRow], ministry: Ministry | str, chamber: str, peildatum: date,
               dagtekening: date | None = None, reply_by: date | None = None, signer_name: str = "",
               concept: bool = True, kenmerk: str | None = None, signer_function: str = "") -> RappelLetter:
    dagtekening = dagtekening or peildatum
    check(peildatum, dagtekening, concept, signer_name)
    if not rows:
        raise ValidationError([Problem("geen openstaande of deels voldane toezeggingen met een termijn vóór de "
                                       "volgende peildatum; er is geen overzicht gemaakt")])
    if not concept and not kenmerk:
        raise ValidationError([Problem("een definitieve rappelbrief heeft een kenmerk", "kenmerk")])
    name, code = (ministry.name, ministry.code) if isinstance(ministry, Ministry) else (ministry, None)
    return RappelLetter(name, chamber, peildatum, dagtekening, reply_by or default_reply_by(dagtekening),
                        (signer_name or "").strip() or SIGNER_PLACEHOLDER, rows,
                        kenmerk=kenmerk or "CONCEPT", concept=concept, ministry_code=code,
                        signer_function=signer_function)


def render_html(letter: RappelLetter) -> str:
    return template_env.get_template("letters/rappel.html").render(
        letter=letter, groups=[(title, [r for r in letter.rows if r.group == key]) for key, title in GROUPS.items()],
        peildatum=long_date(letter.peildatum), date_text=long_date(letter.dagtekening), fmt=unbroken_date)


def render_pdf(letter: RappelLetter) -> bytes:
    """Tagged PDF/UA-1, its page numbers as artifacts (tracker.letters.pdf)."""
    return write_pdf(render_html(letter), str(TEMPLATES))


def to_pdf(rows: list[RappelRow], ministry: Ministry | str, chamber: str, peildatum: date,
           dagtekening: date | None = None, reply_by: date | None = None, signer_name: str = "",
           concept: bool = True, kenmerk: str | None = None) -> bytes:
    """The rappel as PDF: a concept (a placeholder where the signer's name goes) unless concept=False, which needs
    a signer."""
    return render_pdf(letter_for(rows, ministry, chamber, peildatum, dagtekening, reply_by, signer_name, concept,
                                 kenmerk))


def default_kenmerk(chamber: str, ministry: Ministry, dagtekening: date, number: int = 1) -> str:
    """"EK-RAP-OCW-20250715" (a second rappel to that ministry that day: "…-2")."""
    return f"{chamber}-RAP-{ministry.code}-{dagtekening:%Y%m%d}" + (f"-{number}" if number > 1 else "")


def free_kenmerk(session: Session, chamber: str, ministry: Ministry, dagtekening: date) -> str:
    taken = set(session.exec(select(Rappel.kenmerk).where(Rappel.ministry_id == ministry.id)).all())
    number = 1
    while default_kenmerk(chamber, ministry, dagtekening, number) in taken:
        number += 1
    return default_kenmerk(chamber, ministry, dagtekening, number)


def export_path(ministry: Ministry, letter: RappelLetter, document_id: int, exports: Path) -> Path:
    return exports / f"rappel-{letter.chamber}-{ministry.code}-{letter.dagtekening.isoformat()}-{document_id}.pdf"


def store_final(session: Session, letter: RappelLetter, ministry: Ministry, actor: Actor,
                exports: Path) -> tuple[Document, bytes, Path]:
    """Render the final rappel and keep it (file, document with its kenmerk and sha256, the rappel row) in the
    caller's transaction, as a voortgangsbrief is kept. Only who may send the Kamer's letters (tracker.authz)."""
    authz.authorize(actor, "rappel", ministry.id, owner=ministry.code)
    if letter.concept:
        raise ValidationError([Problem("een concept wordt niet opgeslagen")])
    check(letter.peildatum, letter.dagtekening, False, "" if letter.signer_name == SIGNER_PLACEHOLDER
          else letter.signer_name)
    if session.exec(select(Rappel).where(Rappel.ministry_id == ministry.id, Rappel.kenmerk == letter.kenmerk)).first():
        raise ValidationError([Problem(f"kenmerk {letter.kenmerk} is al gebruikt voor een rappel aan dit ministerie",
                                       "kenmerk")])
    pdf = render_pdf(letter)
    document = Document(kind="rappel", dagtekening=letter.dagtekening, chamber=letter.chamber,
                        sender=f"{letter.function}, {letter.signer_name}",
                        addressee=f"Aan de minister van {ministry.name}", kenmerk=letter.kenmerk,
                        title=letter.betreft, sha256=hashlib.sha256(pdf).hexdigest())
    session.add(document)
    session.flush()
    path = export_path(ministry, letter, document.id, exports)
    session.add(Rappel(document_id=document.id, ministry_id=ministry.id, chamber=letter.chamber,
                       peildatum=letter.peildatum, dagtekening=letter.dagtekening, reply_by=letter.reply_by,
                       kenmerk=letter.kenmerk, signer_name=letter.signer_name, row_count=len(letter.rows),
                       path=str(path), created_by=actor.name))
    session.add(DocumentPdf(document_id=document.id, content=pdf))  # every server hands out these bytes
    session.flush()
    exports.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf)  # last: a failure above leaves no file behind
    return document, pdf, path


def stored_pdf(session: Session, document_id: int) -> bytes:
    """A stored rappel as sent: the PDF kept in the database (document_pdf, on every server), else its file (a rappel
    made before migration 0037, on the host that made it); checked against the sha256 recorded when it was made."""
    row = session.get(Rappel, document_id)
    if row is None:
        raise NotFound(f"rappel {document_id} bestaat niet")
    expected = session.get(Document, document_id).sha256
    kept = session.get(DocumentPdf, document_id)
    if kept is not None and hashlib.sha256(kept.content).hexdigest() == expected:
        return kept.content
    path = Path(row.path)
    if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != expected:
        raise TrackerError(f"het bestand {path.name} ontbreekt of is gewijzigd")
    return path.read_bytes()


def history(session: Session, ministry_id: int | None = None, limit: int = 100) -> list[tuple[Rappel, str]]:
    """The stored rappels, newest first, with their ministry's code (one ministry's, or all)."""
    query = select(Rappel, Ministry.code).join(Ministry, Ministry.id == Rappel.ministry_id)
    if ministry_id:
        query = query.where(Rappel.ministry_id == ministry_id)
    return list(session.exec(query.order_by(Rappel.dagtekening.desc(), Rappel.document_id.desc()).limit(limit)).all())
