"""From a paper's text to a proposal: the documents in it (with kind, dates, parties, kenmerken, references,
reply term) and the items they create or settle, each field with the sentence it came from.

Pure: no database. Deadlines and timeliness come from the same rules as everywhere (tracker.domain).
A proposal is never saved here; tracker.services.intake matches it to the register and saves on confirmation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..domain.calendar import RecessCalendar
from ..domain.deadlines import DelayFact, ItemFacts, State, assess, schedule
from ..domain.dutch import TEXT_DATE_RE, DateParseError, format_date, parse_date
from ..domain.phrases import resolve_phrase
from . import extract
from .split import Section, is_verslag, split
from .text import Text, clean_lines

_NOTA = re.compile(r"Geadviseerd besluit|TER BESLUITVORMING|\bNota\b", re.I)
_MOTION_TEXT = re.compile(r"gehoord de beraadslaging", re.I)
_QUESTIONS = re.compile(r"^Vragen van het lid", re.M)
_PROGRESS = re.compile(r"\bvoortgang", re.I)
_SUBJECT = re.compile(r"vragen[^.]*? over (?P<s>[^.]{10,}?)\.")
_MEMBER_QUESTIONS = re.compile(
    rf"[Hh]et lid (?P<naam>[A-Z][\w' -]*?) \((?P<fractie>[^)]+)\) heeft [^.]*?\bop (?P<d>{TEXT_DATE_RE}) vragen"
    rf"(?: aan u)? gesteld(?: over (?P<over>.+?)(?=\.\s+[A-Z]|\.?$))?")
# "de vragen van het lid Kops (PVV) aan de minister van … over … (2024Z19876)", the way TK letters name a set
_QUESTION_SET = re.compile(
    r"vragen van (?:het lid|de leden) (?P<naam>[A-Z][^()]*?) \((?P<fractie>[^)]+)\)(?: aan (?:de|het) [^()]*?)?"
    r" over (?P<over>[^()]+?)\s*\((?P<nr>20\d{2}Z\d{4,5})\)")
_SUBMITTED = re.compile(rf"\bingezonden(?: op)? (?P<d>{TEXT_DATE_RE})")
_ANSWERS_QUESTIONS = re.compile(r"\bantwoorden (?:aan )?op (?:de )?(?:schriftelijke )?vragen|\bbeantwoording van de "
                                r"(?:schriftelijke )?vragen|\bHierbij (?:bied|zend) ik u de antwoorden", re.I)
_MOTION_MENTION = re.compile(r"[Mm]otie van (?:het lid|de leden) (?P<names>[A-Z][^()]*?) \((?P<fractie>[^)]+)\)(?P<fn>\d*)")
_DISCHARGE = re.compile(r"beschouw ik (?:de|deze) motie(?: van (?:het lid|de leden) (?P<names>[A-Z][^.]*?))?\s+als\s+"
                        r"(?:afgerond|afgedaan|uitgevoerd)")
_PROMISED_WORK = re.compile(r"\btoegezegd\b|\btoezegging gedaan\b")
# A letter's own commitments to parliament: the Kamer is told it will be informed or sent something.
_TO_PARLIAMENT = re.compile(r"\b(?:uw|de|beide) (?:Tweede |Eerste )?Kamers?\b|\bu (?:hierover |daarover |nader |vervolgens )*"
                            r"(?:informeren|berichten|ontvangt|toesturen|toezenden)\b", re.I)
# The recalled promise is kept by this very letter: "Met deze brief doe ik die toezegging gestand."
_KEPT_NOW = re.compile(r"\b(?:doe|kom) ik (?:die|deze|de|mijn|hiermee|daarmee)?\s*(?:toezegging )?(?:gestand|na)\b|"
                       r"\b(?:geef|voldoe) ik (?:hiermee |hierbij )?(?:uitvoering |invulling )?(?:aan )?"
                       r"(?:die|deze|de|mijn) toezegging", re.I)
_TELLS = re.compile(r"\b(?:informe(?:er|ren)|geïnformeerd|stuur|sturen|(?:toe)?zenden|(?:toe)?ge(?:stuurd|zonden)|"
                    r"ontvangt|ontvangen|bericht(?:en)?|rapporte(?:er|ren)|aanbieden|bied[^.]{0,80}? aan|"
                    r"gedeeld|delen)\b")
_INTENT = re.compile(r"\b(?:zal|zullen|ga|gaan|verwacht|verwachten|streef|streven|beoog|beogen|voornemens|"
                     r"toegezegd|toezeggen|zeg[^.]{0,60}? toe)\b", re.I)
# Not a commitment still to keep: done in this very letter, done before, or a request (a motion, a question).
_NOT_A_PROMISE = re.compile(r"\b(?:hierbij|hiermee|bijgaand|(?:met|in) deze (?:Kamer)?brief|bij deze)\b|"
                            r"\b(?:eerder|reeds|al) (?:geïnformeerd|gestuurd|toegezonden|bericht)|"
                            r"\bverzoekt\b|\bontvangen (?:alsnog )?graag\b|^De leden\b|\?$", re.I)
_MADE_ON = re.compile(rf"(?:[Tt]ijdens|[Ii]n) (?:het |de )?(?P<activity>[^.,]*?) van (?P<d>{TEXT_DATE_RE}) (?:heb|heeft|hebben)")
_PHRASES = [re.compile(p, re.I) for p in (
    r"(?:in|voor|vóór) de (?:eerste|tweede) helft van \d{4}",
    r"(?:in|voor|vóór) het (?:eerste|tweede|derde|vierde) kwartaal(?: van \d{4})?",
    r"(?:in|voor|vóór) het (?:voorjaar|najaar)(?: van \d{4})?",
    r"(?:in|voor|vóór) de (?:zomer|winter)(?: van \d{4})?",
    r"voor het (?:kerstreces|zomerreces|herfstreces|voorjaarsreces|krokusreces|meireces)(?: (?:van )?\d{4})?",
    r"(?:snel |kort )?na het (?:kerstreces|zomerreces|herfstreces|voorjaarsreces|krokusreces|meireces)(?: \d{4})?",
    rf"(?:voor|vóór|uiterlijk|op) {TEXT_DATE_RE}",
    r"(?:eind|einde|begin|medio) \d{4}",
    r"(?:voor|vóór) het einde van (?:het jaar|\d{4})",
    r"(?:eind|einde|begin|medio|halverwege) (?:van )?(?:dit|het|volgend|komend) jaar",
    r"(?:dit|komend|komende) (?:voorjaar|najaar|zomer|winter)",
)]


@dataclass
class Document:
    kind: str
    date: date | None = None
    chamber: str | None = None
    sender: str | None = None
    addressee: str | None = None
    kenmerken: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    reply_due: date | None = None
    reply_term: str | None = None
    heading: str | None = None
    answers: date | None = None  # the date of the letter this one answers
    promised: str | None = None  # an uitstelbericht's promise ("snel na het herfstreces")
    promised_date: date | None = None
    timely: bool | None = None  # an uitstelbericht: sent before the deadline; a reply: on time
    days_late: int | None = None
    sources: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {"kind": self.kind, "date": iso(self.date), "chamber": self.chamber, "sender": self.sender,
                "addressee": self.addressee, "kenmerken": self.kenmerken, "references": self.references,
                "reply_due": iso(self.reply_due), "reply_term": self.reply_term, "heading": self.heading,
                "answers": iso(self.answers), "promised": self.promised, "promised_date": iso(self.promised_date),
                "timely": self.timely, "days_late": self.days_late, "sources": self.sources}


@dataclass
class Item:
    """One proposed item in the import file's terms (soort, kamer, nummer, …), with the sentence per field."""

    soort: str
    kamer: str | None = None
    nummer: str | None = None
    titel: str | None = None
    ministerie: str | None = None  # as the text names it; tracker.services.intake turns it into a code
    datum: date | None = None
    termijn: str | None = None
    deadline: str | None = None  # ISO date or a phrase
    uitstelbericht: date | None = None
    uitstel_tot: date | None = None
    beantwoord: date | None = None
    status: str | None = None
    tekst: str | None = None
    stand_van_zaken: str | None = None
    leden: str | None = None
    fractie: str | None = None
    activiteit: str | None = None
    notes: list[str] = field(default_factory=list)  # what a person must check or fill in
    sources: dict[str, str] = field(default_factory=dict)
    opnemen: bool = True  # False: only a candidate (a letter's own sentence); saved once a person ticks it

    FIELDS = ("soort", "kamer", "nummer", "titel", "ministerie", "datum", "termijn", "deadline", "uitstelbericht",
              "uitstel_tot", "beantwoord", "status", "tekst", "stand_van_zaken", "leden", "fractie", "activiteit")

    def as_json(self) -> dict:
        data = {}
        for name in self.FIELDS:
            value = getattr(self, name)
            data[name] = value.isoformat() if isinstance(value, date) else value
        return {**data, "notes": self.notes, "sources": self.sources, "opnemen": self.opnemen}


@dataclass
class Proposal:
    documents: list[Document]
    items: list[Item]

    def as_json(self) -> dict:
        return {"documents": [d.as_json() for d in self.documents], "items": [i.as_json() for i in self.items]}


MAX_CHARS = 10_000_000  # a verslag of a thousand pages; intake is linear, some 1 s per megabyte


def propose(text: str, calendar: RecessCalendar | None = None) -> Proposal:
    """Read a paper and propose its documents and items."""
    if len(text) > MAX_CHARS:
        raise ValueError(f"het document is te lang om in te lezen ({len(text):,} tekens, hoogstens "
                         f"{MAX_CHARS:,}); lees het in delen in".replace(",", "."))
    lines = clean_lines(text)
    if len(" ".join(lines)) < 40:
        raise ValueError("er staat (bijna) geen tekst in dit document")
    sections = split(lines)
    whole = Text(lines)
    documents = [_document(section, whole, is_verslag(section), calendar) for section in sections]
    if len(sections) > 1 and sections[0].heading is None and not is_verslag(sections[0]):
        documents = documents[1:]  # a title page before the letters is not a document of its own
    chamber = _chamber(documents, whole)
    for document in documents:
        document.chamber = document.chamber or chamber
    items = _exchange(documents, sections, calendar)
    for section, document in zip(sections[-len(documents):], documents):
        items += _items_in(section.text, document, whole, calendar)
    items += _annex_items(whole, documents[0] if documents else None, calendar)
    return Proposal(documents, items)


# ----------------------------------------------------------------------------------------- documents
def _document(section: Section, whole: Text, verslag: bool, calendar) -> Document:
    text = section.text
    doc = Document(kind="verslag" if verslag else "kamerbrief", heading=section.heading)
    found = extract.dagtekening(text)
    if found:
        doc.date, doc.sources["date"] = found.value, found.source
    addressee = extract.addressee(text)
    if addressee:
        doc.addressee, doc.sources["addressee"] = addressee.value, addressee.source
    sender = _sender(section)
    if sender:
        doc.sender, doc.sources["sender"] = sender.value, sender.source
    doc.kenmerken = [k.value for k in extract.kenmerken(text)]
    doc.references = [r.value for r in extract.references(text)]
    if doc.kenmerken:
        doc.sources["kenmerken"] = extract.kenmerken(text)[0].source
    doc.chamber = extract.chamber_of(doc.addressee or "", " ".join(doc.references[:1]).replace(
        "Kamerstukken II", "Tweede Kamer").replace("Kamerstukken I", "Eerste Kamer"))
    term = extract.own_reply_term(text)
    if term:
        doc.reply_term, doc.sources["reply_due"] = str(term.value), term.source
        if doc.date:
            doc.reply_due = term.value.after(doc.date)
    earlier = extract.earlier_letters(text, doc.date)
    if earlier:
        doc.answers, doc.sources["answers"] = earlier[0].value, earlier[0].source
    if not verslag:
        doc.kind = _kind(section, doc)
    if doc.kind == "uitstelbericht":
        promised = extract.promise(text)
        if promised:
            doc.promised, doc.sources["promised"] = promised.value, promised.source
            resolution = resolve_phrase(promised.value, doc.date, doc.chamber or "TK", calendar)
            doc.promised_date = resolution.due
    return doc


def _sender(section: Section) -> extract.Found | None:
    text = section.text
    heading = section.heading or ""
    if "COMMISSIE" in heading or section.heading is None and extract.committee(text):
        found = extract.committee(text)
        if found:
            return found
    signed = extract.signature(text)
    if signed:
        return signed
    if heading.startswith("BRIEF VAN DE MINISTER") or heading.startswith("BRIEF VAN DE STAATSSECRETARIS"):
        words = heading.removeprefix("BRIEF VAN ").lower().split()
        return extract.Found("De " + " ".join(words), heading)
    return None


def _kind(section: Section, doc: Document) -> str:
    text = section.text
    flat = text.flat
    if doc.sender and "commissie" in doc.sender.lower() and doc.reply_term:
        return "commissiebrief"
    if extract.delay_notice(Text([flat[:1500]])):
        return "uitstelbericht"
    if doc.answers or _ANSWERS_QUESTIONS.search(flat[:1500]):
        return "antwoord"
    if _NOTA.search(" ".join(text.lines[:12])):
        return "nota"
    if _MOTION_TEXT.search(flat) and "verzoekt de regering" in flat:
        return "motie"
    if _QUESTIONS.search("\n".join(text.lines[:10])):
        return "kamervragen"
    if _PROGRESS.search(flat[:1500]) and ("motie" in flat.lower() or "toezegging" in flat.lower()):
        return "voortgangsbrief"
    if doc.reply_term:
        return "commissiebrief"
    return "kamerbrief"


def _chamber(documents: list[Document], whole: Text) -> str | None:
    for document in documents:
        if document.chamber:
            return document.chamber
    refs = " ".join(r.value for r in extract.references(whole))
    if "Kamerstukken I " in refs or refs.startswith("Kamerstukken I,"):
        return "EK"
    if "Kamerstukken" in refs or "uw Kamer" in whole.flat or "Tweede Kamer" in whole.flat:
        return "TK"
    return None


# ----------------------------------------------------------------------------------- the exchange
def _exchange(documents: list[Document], sections: list[Section], calendar) -> list[Item]:
    """A committee's letter with its uitstelbericht and reply: one commissiebrief item, and the timeliness of
    each step read from the deadline rules."""
    letters = [d for d in documents if d.kind == "commissiebrief"]
    items = []
    for letter in letters:
        replies = [d for d in documents if d.kind in ("uitstelbericht", "antwoord")
                   and (d.answers is None or d.answers == letter.date) and (d.date and letter.date and d.date >= letter.date)]
        delays = [d for d in replies if d.kind == "uitstelbericht"]
        answers = [d for d in replies if d.kind == "antwoord"]
        section = next(s for s, d in zip(sections[-len(documents):], documents) if d is letter)
        item = Item(soort="commissiebrief", kamer=letter.chamber, datum=letter.date,
                    termijn=letter.reply_term, deadline=letter.reply_due.isoformat() if letter.reply_due else None,
                    ministerie=extract.ministry_name(letter.addressee))
        item.sources.update({"datum": letter.sources.get("date", ""), "termijn": letter.sources.get("reply_due", ""),
                             "deadline": letter.sources.get("reply_due", ""),
                             "ministerie": letter.sources.get("addressee", "")})
        subject = _SUBJECT.search(section.text.flat)
        if subject:
            item.titel = _clip(f"Vragen over {subject['s'].strip()}", 300)
            item.sources["titel"] = subject.group(0)
        else:
            item.titel = _clip(f"Brief van de {letter.sender or 'commissie'} van {letter.date}", 300)
        # the committee's kenmerk is what the replies quote when they name its letter
        for reply in replies:
            if reply.kenmerken and not item.nummer:
                item.nummer = reply.kenmerken[0]
                item.sources["nummer"] = reply.sources.get("kenmerken", "")
        if not item.nummer:
            item.notes.append("geen kenmerk gevonden: vul het nummer in")
        facts = ItemFacts(kind="commissiebrief", chamber=letter.chamber or "TK", start=letter.date,
                          term=_term(letter.reply_term),
                          delays=tuple(DelayFact(d.date, d.promised_date) for d in delays if d.date))
        if delays:
            first = min(delays, key=lambda d: d.date)
            item.uitstelbericht, item.uitstel_tot = first.date, first.promised_date
            item.sources["uitstelbericht"] = first.sources.get("date", "")
            if first.promised:
                item.sources["uitstel_tot"] = first.sources.get("promised", "")
        if answers:
            reply = min(answers, key=lambda d: d.date)
            item.beantwoord, item.status = reply.date, "beantwoord"
            item.sources["beantwoord"] = reply.sources.get("date", "")
            facts = ItemFacts(**{**facts.__dict__, "closed_on": reply.date, "closed_kind": "done"})
        else:
            item.status = "uitstel gemeld" if delays else "ontvangen"
        if letter.date and facts.term:
            plan = schedule(facts, calendar=calendar)
            for verdict, notice in zip(plan.delays, sorted((d for d in delays if d.date), key=lambda d: d.date)):
                notice.timely, notice.days_late = verdict.timely, verdict.days_late
            if answers:
                outcome = assess(facts, plan, reply.date)
                reply.timely = outcome.state == State.DONE_ON_TIME
                reply.days_late = outcome.days_late or 0
        items.append(item)
    return items


def _term(text: str | None):
    from ..domain.dutch import parse_term
    return parse_term(text) if text else None


# --------------------------------------------------------------------- items named in the text
def _items_in(text: Text, document: Document, whole: Text, calendar) -> list[Item]:
    items = []
    flat = text.flat
    ministry = extract.ministry_name(document.sender) or whole.memo("ministry", extract.ministry_line)
    for match in _MEMBER_QUESTIONS.finditer(flat):
        try:
            asked = parse_date(match["d"], document.date, prefer="past")
        except DateParseError:
            continue
        item = Item(soort="kamervragen", kamer="TK", datum=asked, leden=match["naam"].strip(),
                    fractie=match["fractie"].strip(), ministerie=ministry, status="ontvangen",
                    titel=_clip(f"Vragen van het lid {match['naam'].strip()} ({match['fractie'].strip()})"
                                + (f" over {match['over'].strip()}" if match["over"] else ""), 300))
        source = text.sentence(match.start(), match.end(), flat)
        item.sources = {name: source for name in ("datum", "leden", "fractie", "titel")}
        item.notes.append("het nummer van de Kamervragen (2023Z…) staat niet in de tekst: vul het in")
        items.append(item)
    items += _question_sets(text, document, ministry)
    if document.kind in ("kamerbrief", "antwoord", "voortgangsbrief") and not _from_committee(document):
        items += _letter_promises(_body(text), document, ministry)
    mentions = {m["names"].strip(): m for m in _MOTION_MENTION.finditer(flat)}
    footnotes = whole.memo("footnotes", _footnotes)
    for match in _DISCHARGE.finditer(flat):
        names = (match["names"] or "").strip()
        mention = mentions.get(names) or next((m for key, m in mentions.items() if names and key.startswith(names)), None)
        if mention is None and len(mentions) == 1:
            mention = next(iter(mentions.values()))
        reference = footnotes.get(mention["fn"]) if mention and mention["fn"] else None
        who = mention["names"].strip() if mention else names
        item = Item(soort="motie", kamer=document.chamber or "TK", status="afgedaan", beantwoord=document.date,
                    titel=f"Motie van het lid {who}" + (f" ({mention['fractie']})" if mention else ""),
                    leden=who or None, fractie=mention["fractie"] if mention else None, ministerie=ministry)
        item.sources["status"] = text.sentence(match.start(), match.end(), flat)
        if reference:
            item.nummer = extract.bare_reference(reference)
            item.sources["nummer"] = reference
        else:
            item.notes.append("geen Kamerstuknummer bij de motie gevonden: vul het nummer in")
        if document.date is None:
            item.notes.append("de brief heeft geen leesbare dagtekening: vul de datum van afdoen in")
        if mention:
            item.sources["titel"] = text.sentence(mention.start(), mention.end(), flat)
        items.append(item)
    return items


def _from_committee(document: Document) -> bool:
    return "commissie" in (document.sender or "").lower()


_ANNEX_START = ("Moties en toezeggingen", "Moties", "Toezeggingen")


def _body(text: Text) -> Text:
    """The letter without its annex (the annex's own moties and toezeggingen are read by _annex_items)."""
    end = next((i for i, line in enumerate(text.lines) if line in _ANNEX_START or re.match(r"Bijlage\b", line)),
               len(text.lines))
    return Text(text.lines[:end])


def _letter_promises(text: Text, document: Document, ministry: str | None) -> list[Item]:
    """The toezeggingen a minister's letter makes or recalls: "Ik zal uw Kamer voor de zomer informeren over …",
    "Ik verwacht beide Kamers begin volgend jaar hierover te kunnen informeren", "… heb ik toegezegd uw Kamer
    in het voorjaar van 2021 te informeren". A sentence counts when it tells parliament it will be informed or
    sent something, with an intention ("zal", "verwacht", "toegezegd", …) or a time to do it by; not when it is
    done in this letter, was done before, or asks something. Each is a proposal a person confirms."""
    items, seen = [], set()
    flat = text.flat
    for match in _TELLS.finditer(flat):
        sentence = text.sentence(match.start(), match.end(), flat)
        if sentence in seen:
            continue
        seen.add(sentence)
        phrase = _deadline_phrase(sentence)
        if not _TO_PARLIAMENT.search(sentence) or _NOT_A_PROMISE.search(sentence):
            continue
        if not (_INTENT.search(sentence) or phrase):
            continue
        item = Item(soort="toezegging", kamer=document.chamber or "TK", titel=_clip(sentence, 300), tekst=sentence,
                    ministerie=ministry, datum=document.date, deadline=phrase, opnemen=False)
        item.sources = {"titel": sentence, "tekst": sentence}
        made = _MADE_ON.search(sentence)
        if made:  # recalled: made in a debate, not in this letter
            try:
                item.datum, item.activiteit = parse_date(made["d"]), made["activity"].strip()
            except DateParseError:
                pass
        elif document.date:
            item.activiteit = f"brief van {format_date(document.date)}"
        if item.datum:
            item.sources["datum"] = sentence if made else document.sources.get("date", "")
        if phrase:
            item.sources["deadline"] = sentence
        else:
            item.notes.append("geen termijn in de zin: vul een deadline in als die elders staat")
        after = _next_sentence(text, flat, sentence)
        if made and document.date and _KEPT_NOW.search(after):
            item.status, item.beantwoord = "voldaan", document.date
            item.sources["status"] = after
        item.notes.append("toezegging gelezen uit de tekst van de brief: controleer of het er een is en vul het "
                          "nummer in (van de Kamer, of een eigen kenmerk)")
        items.append(item)
    return items


def _next_sentence(text: Text, flat: str, sentence: str) -> str:
    end = flat.find(sentence) + len(sentence)
    return text.sentence(end + 1, end + 2, flat) if end + 1 < len(flat) else ""


def _question_sets(text: Text, document: Document, ministry: str | None) -> list[Item]:
    """Kamervragen a minister's letter names by their number: an uitstelbericht ("… kunnen niet binnen de
    gebruikelijke termijn worden beantwoord") or the answers ("Hierbij bied ik u de antwoorden aan op …")."""
    flat, items, seen = text.flat, [], set()
    for match in _QUESTION_SET.finditer(flat):
        if match["nr"] in seen:
            continue
        seen.add(match["nr"])
        source = text.sentence(match.start(), match.end(), flat)
        item = Item(soort="kamervragen", kamer="TK", nummer=match["nr"], leden=match["naam"].strip(),
                    fractie=match["fractie"].strip(), ministerie=ministry, status="ontvangen",
                    titel=_clip(f"Vragen van het lid {match['naam'].strip()} ({match['fractie'].strip()}) over "
                                f"{match['over'].strip()}", 300))
        item.sources = {name: source for name in ("nummer", "leden", "fractie", "titel")}
        submitted = _SUBMITTED.search(flat, match.start(), min(len(flat), match.end() + 200))
        if submitted:
            try:
                item.datum = parse_date(submitted["d"], document.date, prefer="past")
                item.sources["datum"] = text.sentence(submitted.start(), submitted.end(), flat)
            except DateParseError:
                pass
        if item.datum is None:
            item.notes.append("de datum waarop de vragen zijn ingezonden staat er niet bij: vul die in")
        if document.kind == "uitstelbericht" and document.date:
            item.status, item.uitstelbericht = "uitstel gemeld", document.date
            item.sources["uitstelbericht"] = document.sources.get("date", "")
        elif document.kind == "antwoord" and document.date:
            item.status, item.beantwoord = "beantwoord", document.date
            item.sources["beantwoord"] = document.sources.get("date", "")
        _judge_question_letter(item, document)
        items.append(item)
    return items


def _judge_question_letter(item: Item, document: Document) -> None:
    """Was this uitstelbericht sent in time, this answer given on time? (Kamervragen rules: three weeks.)"""
    if item.datum is None or document.date is None or document.date < item.datum:
        return
    delays = (DelayFact(document.date),) if document.kind == "uitstelbericht" else ()
    facts = ItemFacts(kind="kamervragen", chamber="TK", start=item.datum, delays=delays,
                      closed_on=document.date if document.kind == "antwoord" else None,
                      closed_kind="done" if document.kind == "antwoord" else None)
    plan = schedule(facts)
    if delays and plan.delays:
        document.timely, document.days_late = plan.delays[0].timely, plan.delays[0].days_late
    elif document.kind == "antwoord":
        outcome = assess(facts, plan, document.date)
        document.timely, document.days_late = outcome.state == State.DONE_ON_TIME, outcome.days_late or 0


def _footnotes(whole: Text) -> dict[str, str]:
    """Footnote number → the Kamerstuk reference it gives ("1 Kamerstukken 35628, nr. 10.")."""
    notes = {}
    for line in whole.lines:
        match = re.match(r"^(\d{1,3})\s+(Kamerstukken.*)$", line)
        if match:
            found = extract.references(Text([match.group(2)]))
            if found:
                notes[match.group(1)] = found[0].value
    return notes


# ----------------------------------------------------------------- an annex of moties and toezeggingen
def _annex_items(whole: Text, document: Document | None, calendar) -> list[Item]:
    """The moties and toezeggingen an annex lists ("Moties en toezeggingen"): each motion entry is its heading,
    the request ("De Tweede Kamer verzoekt de regering …") and the stand van zaken; each toezegging a short
    heading and paragraphs, one of which says what was "toegezegd". PDF text can put motion entries before the
    annex heading (columns), so motion entries are looked for in the whole paper."""
    lines = [line for line in whole.lines if not line.startswith("http")]
    if "Moties en toezeggingen" not in lines and "Toezeggingen" not in lines:
        return []
    ministry = (extract.ministry_name(document.sender if document else None)
                or whole.memo("ministry", extract.ministry_line))
    items, kind, entry = [], None, None

    def finish():
        if entry and kind:
            items.append(_annex_item(kind, entry, document, ministry, calendar))

    for index, line in enumerate(lines):
        if line in _ANNEX_START:
            finish()
            kind, entry = ("toezegging" if line == "Toezeggingen" else None), None
            continue
        if re.match(r"^Motie (?:van|[A-Z])", line) and any("verzoekt" in later for later in lines[index:index + 15]):
            finish()
            kind, entry = "motie", [line]
            continue
        if (kind == "toezegging" and len(line) < 70 and not line.endswith((".", ",", "-"))
                and line[:1].isupper() and (entry is None or entry[-1].endswith("."))):
            finish()
            entry = [line]
        elif entry is not None:
            entry.append(line)
    finish()
    return items


def _annex_item(kind: str, lines: list[str], document: Document | None, ministry: str | None, calendar) -> Item:
    if kind == "motie":
        # the heading runs to the request ("De Tweede Kamer verzoekt …") or to its closing full stop
        request_at = next((i for i, line in enumerate(lines) if re.match(r"De (?:Tweede|Eerste) Kamer", line)), None)
        head_end = request_at - 1 if request_at else next(
            (i for i, line in enumerate(lines) if line.endswith(".") and not line.endswith("c.s.")), 0)
        title = Text(lines[:head_end + 1]).flat.rstrip(".")
        rest = Text(lines[head_end + 1:]).flat
        request = re.match(r"(De (?:Tweede|Eerste) Kamer verzoekt de regering.*?\.)(?:\s|$)(.*)", rest, re.S)
        text, stand = (request.group(1), request.group(2).strip()) if request else (None, rest)
        item = Item(soort="motie", kamer="TK", titel=_clip(title, 300), tekst=text, stand_van_zaken=stand or None,
                    ministerie=ministry)
        item.sources = {"titel": title, "tekst": text or "", "stand_van_zaken": (stand or "")[:300]}
        item.notes.append("de bijlage noemt geen Kamerstuknummer: vul het nummer in")
        if ministry:
            item.notes.append("ministerie overgenomen van de afzender van de brief: controleer")
        return item
    title = lines[0]
    body = Text(lines[1:])
    flat = body.flat
    promised = _PROMISED_WORK.search(flat)
    sentence = body.sentence(promised.start(), promised.end(), flat) if promised else None
    item = Item(soort="toezegging", kamer="TK", titel=_clip(title, 300), tekst=sentence, ministerie=ministry,
                stand_van_zaken=(flat.replace(sentence, "").strip() if sentence else flat) or None)
    item.sources["titel"] = title
    if not sentence:
        item.notes.append("geen zin met 'toegezegd' gevonden: controleer de tekst van de toezegging")
        return item
    item.sources["tekst"] = sentence
    made = _MADE_ON.search(sentence)
    if made:
        try:
            item.datum, item.activiteit = parse_date(made["d"]), made["activity"].strip()
            item.sources["datum"] = sentence
        except DateParseError:
            pass
    # the deadline: in the promise itself, else elsewhere in the entry (then a person should confirm it)
    phrase = _deadline_phrase(sentence)
    if phrase:
        item.deadline, item.sources["deadline"] = phrase, sentence
    else:
        phrase = _deadline_phrase(flat)
        if phrase:
            item.deadline, item.sources["deadline"] = phrase, flat
            item.notes.append(f"deadline '{phrase}' staat niet in de toezegging zelf: controleer")
    return item


def _deadline_phrase(sentence: str) -> str | None:
    for pattern in _PHRASES:
        match = pattern.search(sentence)
        if match:
            return match.group(0)
    return None


def _clip(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"
