"""Voortgangsbrieven: progress letters to parliament, rendered with WeasyPrint from the register.

A letter is built from a LetterView (pure data). Drafts are built from the items as they stood on the letter's
date (tracker.letters.as_of); a final letter stores its view (the `letter` row and one `letter_item` snapshot per item), so it can be
rendered again byte for byte however the items change afterwards.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from babel.dates import format_date as babel_date
from dateutil.relativedelta import relativedelta
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from sqlmodel import Session, select

from .. import authz
from ..authz import Actor
from ..db import as_date
from ..domain.workflow import label, workflow_for
from ..errors import NotFound, Problem, TrackerError, ValidationError
from ..models import (Committee, Document, DocumentPdf, ItemDocument, Letter, LetterItem, Ministry, Person, Position,
                      TrackedItem)
from ..services import items as item_service
from ..services.audit import record
from . import phrasing
from .as_of import ItemAsOf, as_it_is, items_as_of
from .pdf import CONCEPT_PAGES, write_pdf
from .phrasing import function_text, reference_for, unbroken_date

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
GROUPS = {"motie": "Moties", "toezegging": "Toezeggingen", "kamervragen": "Kamervragen",
          "commissiebrief": "Commissiebrieven"}
ADDRESSEES = {
    "TK": ("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal", "Postbus 20018", "2500 EA  DEN HAAG"),
    "EK": ("Aan de Voorzitter van de Eerste Kamer der Staten-Generaal", "Postbus 20017", "2500 EA  DEN HAAG"),
}
# The ministries' postal addresses, for the retouradres line above the addressee (a ministry not listed here
# gets no retouradres line rather than a wrong one).
POSTAL = {"AZ": "Postbus 20001 2500 EA  Den Haag", "BZ": "Postbus 20061 2500 EB  Den Haag",
          "BZK": "Postbus 20011 2500 EA  Den Haag", "VRO": "Postbus 20011 2500 EA  Den Haag",
          "DEF": "Postbus 20701 2500 ES  Den Haag", "EZ": "Postbus 20401 2500 EK  Den Haag",
          "EZK": "Postbus 20401 2500 EK  Den Haag", "KGG": "Postbus 20401 2500 EK  Den Haag",
          "LNV": "Postbus 20401 2500 EK  Den Haag", "LVVN": "Postbus 20401 2500 EK  Den Haag",
          "FIN": "Postbus 20201 2500 EE  Den Haag", "IenW": "Postbus 20901 2500 EX  Den Haag",
          "JenV": "Postbus 20301 2500 EH  Den Haag", "AenM": "Postbus 20301 2500 EH  Den Haag",
          "OCW": "Postbus 16375 2500 BJ  Den Haag", "SZW": "Postbus 90801 2509 LV  Den Haag",
          "VWS": "Postbus 20350 2500 EJ  Den Haag"}
# What a letter is about, in the words of its Betreft, introduction and annex title.
SUBJECT_WORDS = {"motie": "moties", "toezegging": "toezeggingen", "kamervragen": "Kamervragen",
                 "commissiebrief": "verzoeken van commissies"}
DEFAULT_KINDS = ("motie", "toezegging")  # a voortgangsbrief reports on these unless others are chosen
DEFAULT_CLOSING = "Ik vertrouw erop uw Kamer hiermee voldoende te hebben geïnformeerd."


@dataclass(frozen=True)
class LetterEntry:
    item_id: int
    group_label: str
    heading: str
    reference: str
    request: str | None
    stand_van_zaken: str | None
    status_text: str
    kind: str | None = None  # the annex's sections and columns
    made_on: date | None = None
    activity: str | None = None
    deadline_text: str | None = None
    open: bool = True  # open on the letter's date (a closed item without a stand gets no "geen nieuwe stand" line)


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
    subject: str = "moties en toezeggingen"  # "moties", "Kamervragen", …: the Betreft's and annex's words
    ministry_code: str | None = None  # for the retouradres

    @property
    def retouradres(self) -> str | None:
        return POSTAL.get(self.ministry_code or "")

    @property
    def postal_lines(self) -> list[str]:
        """"Postbus 16375", "2500 BJ  Den Haag": the ministry's address in the colofon."""
        match = re.match(r"^(Postbus \d+) (.+)$", self.retouradres or "")
        return [match[1], match[2]] if match else []

    @property
    def annex_sections(self) -> list[tuple[str, list[LetterEntry]]]:
        """The annex per soort (moties, toezeggingen, …) in the usual order, whatever the letter's grouping."""
        order = list(GROUPS)
        kinds = sorted({e.kind for e in self.entries if e.kind}, key=order.index)
        if not kinds:
            return [("", self.entries)]
        return [(GROUPS[kind], [e for e in self.entries if e.kind == kind]) for kind in kinds]

    def nowrap_date(self, value: date | None) -> str:
        return unbroken_date(value)

    @property
    def signature_function(self) -> str:
        """"De minister van …" however the function was written ("De minister …", "minister …")."""
        return "De " + function_text(self.signer_function)

    @property
    def annex_title(self) -> str:
        return f"Bijlage: Overzicht {self.subject}"

    @property
    def date_text(self) -> str:
        return babel_date(self.dagtekening, "d MMMM y", locale="nl_NL")

    @property
    def condensed(self) -> bool:
        """A long letter with an annex tells each item once, in the annex: the body then gives per group how
        many items are in which state, and in full only the items this letter discharges. (Five hundred
        items told twice made a 180-page letter that nobody reads, and took WeasyPrint twice as long.)"""
        return self.annex and len(self.entries) > BODY_IN_FULL_MAX

    def group_summary(self, group: str, entries: list[LetterEntry]) -> str:
        """The condensed body's line per group: "Deze brief bericht over 170 moties: 120 ingediend, …"."""
        counts: dict[str, int] = {}
        for entry in entries:
            state = ("met deze brief afgedaan" if entry.status_text in DISCHARGED.values()
                     else phrasing.count_word(entry.status_text))
            counts[state] = counts.get(state, 0) + 1
        parts = [f"{n} {state}" for state, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]
        about = (group if group == "Kamervragen" else group.lower()) if self.group_by == "soort" else \
            f"items over {group.lower()}"
        if len(entries) == 1:  # the intro says once that the annex has every stand van zaken
            return f"Deze brief bericht over één item in deze groep ({listed})."
        return f"Deze brief bericht over {len(entries)} {about}: {listed}."

    def discharged_in(self, entries: list[LetterEntry]) -> list[LetterEntry]:
        return [e for e in entries if e.status_text in DISCHARGED.values()]

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


def subject_words(kinds) -> str:
    """"moties en toezeggingen", "Kamervragen", "moties, toezeggingen en verzoeken van commissies"."""
    words = [SUBJECT_WORDS[k] for k in GROUPS if k in set(kinds)] or [SUBJECT_WORDS[k] for k in DEFAULT_KINDS]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]


def default_betreft(kinds) -> str:
    words = subject_words(kinds)
    return f"Voortgang uitvoering {words}" if set(kinds) <= {"motie", "toezegging"} else f"Stand van zaken {words}"


def default_intro(ministry: Ministry, kinds=DEFAULT_KINDS, annex: bool = True, count: int = 0,
                  discharging: bool = False) -> str:
    words = subject_words(kinds)
    text = (f"Met deze brief informeer ik uw Kamer over de stand van zaken van de {words} waarvoor het ministerie "
            f"van {ministry.name} verantwoordelijk is.")
    if annex and count > BODY_IN_FULL_MAX:  # the condensed body (LetterView.condensed)
        return text + (f" In de bijlage vindt u per item het nummer, de vindplaats, de deadline, de status en de stand "
                       f"van zaken. Hieronder vat ik per onderdeel samen hoe de {words} ervoor staan"
                       + (", en noem ik de items die ik met deze brief afdoe." if discharging else "."))
    text += " Per item vindt u het verzoek, de stand van zaken en de status."
    return text + (f" In de bijlage vindt u een overzicht van deze {words}." if annex else "")


def heading_for(item: TrackedItem) -> str:
    """A motion in its official form (tracker.letters.phrasing.motion_heading); a toezegging by its subject (its
    code is its vindplaats, printed once, below); the others by their title."""
    if item.kind == "motie":
        return phrasing.motion_heading(item)
    if item.kind == "toezegging":
        title = re.sub(r"^toezegging\s*:?\s*", "", item.title, flags=re.I).strip()
        title = re.sub(r"^" + re.escape(item.nummer) + r"\s*:?\s*", "", title)
        return title[:1].upper() + title[1:]
    return item.title


def reference_line(item: TrackedItem, committee: str | None = None) -> str:
    """The vindplaats, and for a toezegging where and when it was made, for a committee's letter the committee."""
    parts = [reference_for(item)]
    if item.kind == "toezegging":
        parts.append(phrasing.made_where_and_when(item))
    elif item.kind == "commissiebrief":
        parts.append(phrasing.committee_words(committee))
    return "; ".join(p for p in parts if p)


def request_for(item: TrackedItem) -> str | None:
    """What was asked: a motion's dictum, a toezegging's text; for questions and committee letters their subject
    (their text is often the deadline sentence of the letter, not the request): their heading already says it."""
    if item.kind in ("kamervragen", "commissiebrief"):
        return None  # the heading (their title) says what was asked
    return item.text


# Up to this many items, the body tells each in full (as seed 000 does); beyond it, with an annex, the annex does
BODY_IN_FULL_MAX = 40
DISCHARGED = {"motie": "Met deze brief beschouw ik deze motie als afgedaan.",
              "toezegging": "Met deze brief is aan deze toezegging voldaan.",
              "kamervragen": "Met deze brief zijn deze vragen beantwoord.",
              "commissiebrief": "Met deze brief is aan dit verzoek voldaan."}


def status_for(state: ItemAsOf, discharged: bool = False) -> str:
    """The status in a letter's words as of the letter's date (tracker.letters.phrasing.status_words)."""
    return phrasing.status_words(state, DISCHARGED[state.item.kind] if discharged else None)


def tags_of(item: TrackedItem) -> list[str]:
    return [t.strip() for t in (item.tags or "").split(",") if t.strip()]


def group_for(item: TrackedItem, group_by: str) -> str:
    """The heading an item is listed under: its kind ("Moties"), or its first theme."""
    if group_by == "thema":
        tags = tags_of(item)
        return tags[0][:1].upper() + tags[0][1:] if tags else "Overige onderwerpen"
    return GROUPS[item.kind]


def entry_for(item: TrackedItem, discharged: bool = False, group_by: str = "soort",
              state: ItemAsOf | None = None, dated_before: date | None = None,
              committee: str | None = None) -> LetterEntry:
    """One item as a letter reports it: everything from `state`, the item as it stood on the letter's date
    (tracker.letters.as_of); without one, as the item is now. A stand written before `dated_before` carries its date
    ("(stand van 8 juli 2021)"): the Kamer sees that it is not new."""
    state = state or as_it_is(item)
    stand = state.stand.text if state.stand else None  # never an intern one (as_of)
    if stand and dated_before and state.stand.written_on < dated_before:
        stand += f" (stand van {unbroken_date(state.stand.written_on)})"
    return LetterEntry(item.id, group_for(item, group_by), heading_for(item), reference_line(item, committee),
                       request_for(item),
                       stand, status_for(state, discharged), kind=item.kind, made_on=item.start_date,
                       activity=item.activity, deadline_text=deadline_text(item, state.due),
                       open=state.is_open and not discharged)


def deadline_text(item: TrackedItem, due: date | None = None) -> str | None:
    """The deadline as the annex prints it: the date in force (on the letter's date), else the words it was given in
    ("vóór de begrotingsbehandeling"), else nothing."""
    if due:
        return unbroken_date(due)
    return phrasing.deadline_words(item.deadline_phrase)


@dataclass(frozen=True)
class Signer:
    function: str  # "minister van Onderwijs, Cultuur en Wetenschap" (without "De")
    name: str


def in_office(session: Session, ministry: Ministry, on: date) -> list[Signer]:
    """The bewindspersonen of the ministry in office on that day: ministers before staatssecretarissen, the one who
    took office last first."""
    rows = session.exec(select(Position, Person).join(Person, Person.id == Position.person_id)
                        .where(Position.ministry_id == ministry.id, Position.role == "bewindspersoon")).all()
    current = [(p, person) for p, person in rows if (p.start is None or p.start <= on) and (p.end is None or p.end >= on)]
    current.sort(key=lambda r: (not function_text(r[0].function or "minister").startswith("minister"),
                                -(r[0].start or date.min).toordinal()))
    return [Signer(function_text(position.function or f"minister van {ministry.name}"), person.name)
            for position, person in current]


def signer_on(session: Session, ministry: Ministry, on: date) -> Signer | None:
    """The bewindspersoon who signs by default: a minister before a staatssecretaris, the one who took office last
    first; None when the register knows nobody in office then."""
    found = in_office(session, ministry, on)
    return found[0] if found else None


def default_signer(session: Session, ministry: Ministry, on: date) -> tuple[str, str]:
    """(function, name) of the bewindspersoon in office, else the minister's function and no name."""
    signer = signer_on(session, ministry, on)
    return (signer.function, signer.name) if signer else (f"minister van {ministry.name}", "")


def no_signer_message(ministry: Ministry, on: date, reader: str | None = None) -> str:
    """Why a final letter has no signer, with a way out the reader has. reader: None for the command line (whoever
    runs it holds the server), else the web user's role: only an admin has Beheer → Personen, and a web page has no
    command-line options."""
    missing = (f"op {babel_date(on, 'd MMMM y', locale='nl_NL')} is in het register niemand bewindspersoon van het "
               f"ministerie van {ministry.name}: een definitieve brief heeft een ondertekenaar. ")
    if reader is None:
        return missing + ("Voeg de bewindspersoon toe onder Beheer → Personen (met begin- en einddatum), of geef de "
                          "ondertekenaar zelf op: --ondertekenaar \"Naam\" --functie \"minister van …\"")
    own = "vul hieronder Functie ondertekenaar en Naam ondertekenaar in"
    if reader == "admin":
        return missing + (f"U kunt de ondertekenaar zelf opgeven ({own}), of de bewindspersoon met begin- en einddatum "
                          f"toevoegen onder Beheer → Personen")
    return missing + (f"U kunt de ondertekenaar zelf opgeven ({own}). Staat de bewindspersoon niet in het register, "
                      f"vraag dan een beheerder van Kamertracker hem of haar toe te voegen")


def signer_warning(ministry: Ministry, on: date, office: list[Signer], given_name: str | None) -> str | None:
    """A signer given by hand who is not a bewindspersoon of the ministry in office that day: allowed (a minister
    signs for a colleague, the register may be behind), but said, with who is in office."""
    if not given_name or not given_name.strip() or given_name.startswith("["):
        return None
    when = babel_date(on, "d MMMM y", locale="nl_NL")
    if not office:
        return (f"{given_name} ondertekent, maar op {when} is volgens het register niemand bewindspersoon van het "
                f"ministerie van {ministry.name}; controleer de ondertekenaar")
    if " ".join(given_name.split()).lower() in {" ".join(s.name.split()).lower() for s in office}:
        return None
    who = "; ".join(f"{s.name} ({s.function})" for s in office)
    return (f"{given_name} is op {when} volgens het register geen bewindspersoon van het ministerie van "
            f"{ministry.name}; in functie: {who}")


def ministry_warning(ministry: Ministry, on: date) -> str | None:
    """A ministry that did not exist on the letter's date (EZ before 2 July 2024, EZK after it)."""
    when = babel_date(on, "d MMMM y", locale="nl_NL")
    if ministry.active_from and on < ministry.active_from:
        return (f"het ministerie van {ministry.name} bestaat pas vanaf "
                f"{babel_date(ministry.active_from, 'd MMMM y', locale='nl_NL')}; de brief is gedateerd {when}")
    if ministry.active_until and on >= ministry.active_until:
        return (f"het ministerie van {ministry.name} bestond tot "
                f"{babel_date(ministry.active_until, 'd MMMM y', locale='nl_NL')}; de brief is gedateerd {when}")
    return None


def select_items(session: Session, ministry: Ministry, chamber: str | None = None, kinds: list[str] | None = None,
                 statuses: list[str] | None = None, item_ids: list[int] | None = None, tag: str | None = None,
                 start_from: date | None = None, start_until: date | None = None,
                 group_by: str = "soort", open_on: date | None = None, closed_since: date | None = None,
                 started_by: date | None = None) -> list[TrackedItem]:
    """The items a letter reports on, in a stable order (group, then kind, then number).

    tag: only items with this theme; start_from/start_until: only items whose date (vote,
    toezegging, submission) lies in that range; open_on (with closed_since): only items open on that day, or
    closed between closed_since and that day; started_by: none that started after that day (a letter cannot
    report on what did not exist yet).
    """
    query = select(TrackedItem).where(TrackedItem.ministry_id == ministry.id, TrackedItem.archived_at.is_(None))
    if started_by:
        query = query.where((TrackedItem.start_date.is_(None)) | (TrackedItem.start_date <= started_by))
    if open_on:
        recent = closed_since or open_on
        query = query.where(
            (TrackedItem.closed_on.is_(None)) | (TrackedItem.closed_on > open_on)
            | ((TrackedItem.closed_on >= recent) & (TrackedItem.closed_on <= open_on)))
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
        return sorted(found, key=lambda i: (not tags_of(i), group_for(i, "thema").lower(), order.index(i.kind),
                                            phrasing.natural_key(i.nummer)))
    return sorted(found, key=lambda i: (order.index(i.kind), phrasing.natural_key(i.nummer)))


def repeated_stands(session: Session, ministry: Ministry, on: date, states: list[ItemAsOf]) -> str | None:
    """Before a letter repeats, unchanged, the stand van zaken an open item had in the ministry's previous letter:
    the Kamer reads it as "nothing happened"; say so, with which items."""
    previous = session.exec(select(Letter).where(Letter.ministry_id == ministry.id, Letter.dagtekening < on)
                            .order_by(Letter.dagtekening.desc(), Letter.document_id.desc())).first()
    if previous is None:
        return None
    printed = {r.item_id: r.stand_van_zaken for r in session.exec(
        select(LetterItem).where(LetterItem.document_id == previous.document_id)).all()}
    same = [s.item.nummer for s in states if s.is_open and s.stand and printed.get(s.item.id)
            and printed[s.item.id].startswith(s.stand.text)]
    if not same:
        return None
    listed = ", ".join(same[:5]) + (", …" if len(same) > 5 else "")
    return (f"bij {'één item' if len(same) == 1 else f'{len(same)} items'} is de stand van zaken dezelfde als in de "
            f"vorige brief ({previous.kenmerk} van {babel_date(previous.dagtekening, 'd MMMM y', locale='nl_NL')}): "
            f"{listed}; werk de stand bij of laat de brief zo zeggen dat er niets nieuws te melden is")


def previous_letter_date(session: Session, ministry: Ministry, on: date) -> date | None:
    """The date of the ministry's last final voortgangsbrief before `on`."""
    dates = session.exec(select(Letter.dagtekening).where(Letter.ministry_id == ministry.id,
                                                          Letter.dagtekening < on)).all()
    return max(dates) if dates else None


def default_since(session: Session, ministry: Ministry, on: date) -> date:
    """Closed items are reported once: those closed since the previous letter, or in the last twelve months."""
    return previous_letter_date(session, ministry, on) or on - relativedelta(months=12)


def free_kenmerk(session: Session, ministry: Ministry, on: date) -> str:
    """CODE-JJJJMMDD-n, n counting that ministry's letters of that day."""
    taken = set(session.exec(select(Letter.kenmerk).where(Letter.ministry_id == ministry.id)).all())
    number = 1
    while f"{ministry.code}-{on:%Y%m%d}-{number}" in taken:
        number += 1
    return f"{ministry.code}-{on:%Y%m%d}-{number}"


def option_problems(kinds, statuses, start_from: date | None, start_until: date | None) -> list[Problem]:
    """What is wrong with a letter's selection before anything is looked up: a status its kinds do not have, a
    date range the wrong way round. The CLI turns these into usage errors (exit 2), the page into form errors."""
    problems = []
    allowed = {s for kind in (kinds or GROUPS) for s in workflow_for(kind).statuses}
    for status in statuses or []:
        if status.strip().lower().replace(" ", "_") not in allowed:
            problems.append(Problem(f"onbekende status '{status}'; mogelijk: {', '.join(sorted(label(s) for s in allowed))}",
                                    "status"))
    if start_from and start_until and start_from > start_until:
        problems.append(Problem(f"de begindatum ({babel_date(start_from, 'd MMMM y', locale='nl_NL')}) ligt na de "
                                f"einddatum ({babel_date(start_until, 'd MMMM y', locale='nl_NL')})", "van"))
    return problems


def select_for_letter(session: Session, ministry: Ministry, on: date, *, chamber: str, kinds, statuses=None,
                      tag: str | None = None, start_from: date | None = None, start_until: date | None = None,
                      group_by: str = "soort", item_ids=None, everything: bool = False) -> list[TrackedItem]:
    """The items a letter dated `on` reports on: open on that day or closed since the previous letter, unless
    `everything` or chosen by hand; never one started after that day. Open, closed and status as of that day."""
    return [state.item for state in select_as_of(
        session, ministry, on, chamber=chamber, kinds=kinds, statuses=statuses, tag=tag, start_from=start_from,
        start_until=start_until, group_by=group_by, item_ids=item_ids, everything=everything)]


def select_as_of(session: Session, ministry: Ministry, on: date, *, chamber: str, kinds, statuses=None,
                 tag: str | None = None, start_from: date | None = None, start_until: date | None = None,
                 group_by: str = "soort", item_ids=None, everything: bool = False) -> list[ItemAsOf]:
    """select_for_letter with each item as it stood at the end of `on` (tracker.letters.as_of)."""
    recent_only = not (everything or item_ids)
    since = default_since(session, ministry, on) if recent_only else None
    # the query keeps every item that may have been open on `on` or closed since `since` (closed_on is today's);
    # the history then decides
    found = select_items(session, ministry, chamber, list(kinds) or None, None, item_ids=item_ids, tag=tag,
                         start_from=start_from, start_until=start_until, group_by=group_by,
                         open_on=on if recent_only else None, closed_since=since,
                         started_by=on)  # chosen or not: a letter cannot report on what did not exist yet
    states = items_as_of(session, found, on)
    wanted = set(statuses or [])
    return [states[i.id] for i in found
            if (not wanted or states[i.id].status in wanted)
            and (not recent_only or states[i.id].is_open or (states[i.id].closed_on and states[i.id].closed_on >= since))]


@dataclass
class Composition:
    view: LetterView
    items: list[TrackedItem]
    discharge: set[int]
    warnings: list[str]


def compose(session: Session, ministry: Ministry, *, on: date, chamber: str = "TK", kinds=None, statuses=None,
            tag: str | None = None, start_from: date | None = None, start_until: date | None = None,
            group_by: str = "soort", item_ids=None, everything: bool = False, betreft: str | None = None,
            intro: str | None = None, closing: str | None = None, kenmerk: str | None = None,
            uw_kenmerk: str | None = None, signer_function: str | None = None, signer_name: str | None = None,
            concept: bool = False, annex: bool = True, discharge_numbers=(), discharge_ids=(),
            reader: str | None = None) -> Composition:
    """The letter as the CLI and the web page make it: selection, wording, kenmerk and signature by the same rules.

    Without `everything` and without chosen items it reports the moties and toezeggingen open on its date and
    those closed since the ministry's previous letter (or in the last twelve months). A final letter needs a
    signer: the bewindspersoon in office on its date, or one given; a concept shows a visible placeholder.
    """
    kinds = list(kinds or ([] if item_ids else DEFAULT_KINDS))
    problems = option_problems(kinds, statuses, start_from, start_until)
    if kenmerk and not concept and session.exec(select(Letter).where(Letter.ministry_id == ministry.id,
                                                                    Letter.kenmerk == kenmerk)).first():
        problems.append(Problem(f"kenmerk {kenmerk} is al gebruikt voor een voortgangsbrief van dit ministerie; "
                                f"kies een ander kenmerk", "kenmerk"))
    if problems:
        raise ValidationError(problems)
    statuses = [s.strip().lower().replace(" ", "_") for s in statuses or []] or None
    states = select_as_of(session, ministry, on, chamber=chamber, kinds=kinds, statuses=statuses, tag=tag,
                          start_from=start_from, start_until=start_until, group_by=group_by, item_ids=item_ids,
                          everything=everything)
    chosen = [state.item for state in states]
    if not chosen:
        raise ValidationError([Problem("een voortgangsbrief zonder items wordt niet gemaakt; er zijn geen items voor "
                                       "deze selectie (--alles neemt ook lang geleden afgesloten items mee)", "items")])
    unknown = set(discharge_numbers) - {i.nummer for i in chosen}
    if unknown:
        raise ValidationError([Problem(f"{', '.join(sorted(unknown))} staat niet in de selectie en kan niet met deze "
                                       f"brief worden afgedaan", "afdoen")])
    discharge = {i.id for i in chosen if i.nummer in set(discharge_numbers) or i.id in set(discharge_ids)}
    present = [k for k in GROUPS if any(i.kind == k for i in chosen)] or kinds or list(DEFAULT_KINDS)
    signer = signer_on(session, ministry, on)
    function = signer_function or (signer.function if signer else None)
    name = signer_name or (signer.name if signer and not signer_function else None)
    if not (function and name):
        if not concept:
            raise ValidationError([Problem(no_signer_message(ministry, on, reader), "ondertekenaar")])
        function = function or f"minister van {ministry.name}"
        name = name or "[ondertekenaar: niemand in functie op deze datum]"
    office = in_office(session, ministry, on)
    warnings = [w for w in [ministry_warning(ministry, on), signer_warning(ministry, on, office, signer_name),
                            repeated_stands(session, ministry, on, states)] if w]
    unnamed = [i.nummer for i in chosen if i.kind == "motie" and not phrasing.indieners(i)]
    if unnamed:  # the official form "de motie van het lid …" needs them
        warnings.append(f"bij {'één motie' if len(unnamed) == 1 else f'{len(unnamed)} moties'} zijn de indieners niet "
                        f"vastgelegd ({', '.join(unnamed[:5])}{', …' if len(unnamed) > 5 else ''}); de brief noemt "
                        f"{'die motie' if len(unnamed) == 1 else 'die moties'} bij de titel zoals geregistreerd")
    committees = {c.id: c.name for c in session.exec(select(Committee)).all()}
    # a stand older than the previous letter or than six months carries its date
    stale_before = max(previous_letter_date(session, ministry, on) or date.min, on - relativedelta(months=6))
    view = LetterView(
        ministry_name=ministry.name, chamber=chamber, dagtekening=on, betreft=betreft or default_betreft(present),
        kenmerk=kenmerk or ("CONCEPT" if concept else free_kenmerk(session, ministry, on)),
        intro=intro or default_intro(ministry, present, annex, len(chosen), bool(discharge)), closing=closing or DEFAULT_CLOSING,
        signer_function=function_text(function), signer_name=name, uw_kenmerk=uw_kenmerk or None, concept=concept,
        annex=annex, group_by=group_by, subject=subject_words(present), ministry_code=ministry.code,
        entries=[entry_for(s.item, discharged=s.item.id in discharge, group_by=group_by, state=s,
                           dated_before=stale_before, committee=committees.get(s.item.committee_id))
                 for s in states])
    return Composition(view, chosen, discharge, warnings)


template_env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
template_env.filters["whole"] = phrasing.keep_whole  # dates and "nr. 365" never hyphenated or broken
template_env.globals["concept_pages"] = Markup(CONCEPT_PAGES)  # the PDF's CONCEPT mark, an artifact on every page


def render_html(view: LetterView) -> str:
    """The letter as HTML (the preview, and the input for WeasyPrint)."""
    return template_env.get_template("letters/voortgangsbrief.html").render(letter=view, addressee=ADDRESSEES[view.chamber])


def render_pdf(view: LetterView) -> bytes:
    """The letter as A4 PDF bytes; the same view always gives the same bytes."""
    if not view.entries:
        raise ValidationError([Problem("een voortgangsbrief zonder items wordt niet gemaakt; kies ten minste één item")])
    # tagged PDF (PDF/UA): screen readers and the Kamer's archive read its structure; lang="nl" is in the template
    return write_pdf(render_html(view), str(TEMPLATES))


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
    view = replace(view, ministry_code=ministry.code)  # as stored_view will rebuild it: the same letter, byte for byte
    pdf = render_pdf(view)
    digest = hashlib.sha256(pdf).hexdigest()
    document = Document(kind="voortgangsbrief", dagtekening=view.dagtekening, chamber=view.chamber,
                        sender=f"{view.signature_function}, {view.signer_name}", addressee=ADDRESSEES[view.chamber][0],
                        kenmerk=view.kenmerk, title=view.betreft, sha256=digest)
    session.add(document)
    session.flush()
    path = export_path(ministry, view.dagtekening, document.id, exports)
    session.add(Letter(document_id=document.id, ministry_id=ministry.id, chamber=view.chamber, betreft=view.betreft,
                       intro=view.intro, closing=view.closing, signer_function=view.signer_function,
                       signer_name=view.signer_name, kenmerk=view.kenmerk, uw_kenmerk=view.uw_kenmerk,
                       dagtekening=view.dagtekening, group_by=view.group_by, annex=view.annex, path=str(path),
                       subject=view.subject,
                       created_by=actor.name))
    session.add(DocumentPdf(document_id=document.id, content=pdf))  # every server hands out these bytes
    session.flush()
    for position, entry in enumerate(view.entries):
        session.add(LetterItem(document_id=document.id, item_id=entry.item_id, position=position,
                               group_label=entry.group_label, heading=entry.heading, reference=entry.reference,
                               request=entry.request, stand_van_zaken=entry.stand_van_zaken,
                               status_text=entry.status_text, kind=entry.kind, made_on=entry.made_on,
                               activity=entry.activity, deadline_text=entry.deadline_text,
                               item_open=entry.open))
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
    return LetterView(subject=letter.subject or "moties en toezeggingen", ministry_code=ministry.code,
                      ministry_name=ministry.name, chamber=letter.chamber, dagtekening=letter.dagtekening,
                      betreft=letter.betreft, kenmerk=letter.kenmerk, intro=letter.intro, closing=letter.closing,
                      signer_function=letter.signer_function, signer_name=letter.signer_name,
                      uw_kenmerk=letter.uw_kenmerk, annex=letter.annex, group_by=letter.group_by,
                      entries=[LetterEntry(r.item_id, r.group_label, r.heading, r.reference, r.request,
                                           r.stand_van_zaken, r.status_text, r.kind, as_date(r.made_on), r.activity,
                                           r.deadline_text, open=r.item_open is not False) for r in rows])


def stored_pdf(session: Session, document_id: int) -> bytes:
    """The letter as sent, byte for byte: the PDF kept in the database (document_pdf, on every server), else the file
    under exports/ (a letter made before migration 0037, on the host that made it), else a re-render of its snapshot.

    Each is checked against the sha256 recorded when the letter was made. The re-render only matches while the
    template, fonts and WeasyPrint are unchanged.
    """
    letter = session.get(Letter, document_id)
    if letter is None:
        raise NotFound(f"voortgangsbrief {document_id} bestaat niet")
    expected = session.get(Document, document_id).sha256
    kept = session.get(DocumentPdf, document_id)
    if kept is not None and hashlib.sha256(kept.content).hexdigest() == expected:
        return kept.content
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
