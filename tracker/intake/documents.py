"""The documents in a paper, from their heads: kind, dagtekening, chamber, sender (and its ministry code),
addressee, kenmerken, the Kamerstukken cited, the paper's own citation and the reply term a letter sets.

A Kamerstuk's head ("Tweede Kamer der Staten-Generaal · Vergaderjaar 2018–2019 · 35 165 · Nr. 9 · BRIEF VAN DE
MINISTER VAN BINNENLANDSE ZAKEN …") names the sender; a committee only mentioned in the body is not the
sender. A committee's short minutes ("Korte aantekeningen vergadering commissie … van 7 november 2023") and a
committee's list of questions and answers ("LIJST VAN VRAGEN EN ANTWOORDEN", "Vastgesteld …") are the
committee's.
"""
from __future__ import annotations

import re

from ..domain.dutch import TEXT_DATE_RE, DateParseError, parse_date
from ..domain.phrases import resolve_phrase
from . import extract, ministries
from .model import Document
from .split import Section
from .text import Text

# A ministry's internal nota in its head ("Nota", "Geadviseerd besluit", "TER BESLUITVORMING"); a letter about "de
# nota naar aanleiding van het verslag" (kst-34389-6, 2016) or a "nota van wijziging" is no nota.
_NOTA = re.compile(r"Geadviseerd besluit|TER BESLUITVORMING|\bNota\b(?!\s+(?:naar aanleiding|van wijziging))", re.I)
_MOTION_TEXT = re.compile(r"gehoord de beraadslaging", re.I)
# A motion's dictum: "verzoekt de regering …", or an uitspraak to the government ("spreekt uit dat de regering …").
# A motion to the Kamer's own Presidium or Voorzitter is a motion too ("verzoekt het Presidium een wijziging van het
# Reglement van Orde voor te bereiden", kst-31952-13, 2009).
_MOTION_ASKS = re.compile(r"verzoekt de regering|\bspreekt uit dat de regering|\b(?:roept|draagt) de regering\b|"
                          r"\bverzoekt (?:het Presidium|de Voorzitter)\b")
_QUESTIONS = re.compile(r"^Vragen van het lid", re.M)
_PROGRESS = re.compile(r"\bvoortgang|\bstand van zaken\b", re.I)
_ANSWERS_QUESTIONS = re.compile(r"\bantwoorden (?:aan )?op (?:de )?(?:schriftelijke )?vragen|\bbeantwoording van de "
                                r"(?:schriftelijke )?vragen|\bHierbij (?:bied|zend) ik u de antwoorden", re.I)
_MINUTES = re.compile(rf"^(?:Korte aantekeningen|Besluitenlijst|Verslag) (?:van de )?(?:vergadering|procedurevergadering)\s+"
                      rf"(?:van de )?(?P<who>(?:vaste )?commissies?\s+.+?)\s+(?:van|d\.d\.|op)\s+(?P<d>{TEXT_DATE_RE})", re.I)
_LIST = re.compile(r"^(?:\d+\s+)?(?:Nr\.\s*\d+\s+)?(?:LIJST VAN (?:VRAGEN EN ANTWOORDEN|VRAGEN)|VERSLAG VAN EEN "
                   r"(?:COMMISSIEDEBAT|ALGEMEEN OVERLEG|WETGEVINGSOVERLEG|NOTAOVERLEG))\b")
_DOSSIER = re.compile(r"^(?P<dossier>\d{2}\s?\d{3})(?P<sub>\s+(?:[IVXL]+|[A-K]{1,2}))?(?=\s)")
_NUMBER = re.compile(r"^(?:\d{2}\s?\d{3}(?:\s+[A-Z]{1,4})?\s+)?(?:Nr\.\s*(?P<nr>\d+)|(?P<nr2>\d{1,4}))\s+[A-Z]{3,}")
_YEAR = re.compile(r"Vergaderjaar\s+(?P<a>(?:19|20)\d{2})\s*[–/-]\s*(?:19|20)?(?P<b>\d{2})")
_OWN_MOMENT = re.compile(r"\b(?:verneemt|vernemen|ontvangt|ontvangen|zien|wacht)\b[^.]{0,80}?\bgraag\b[^.]{0,40}?"
                         r"(?P<m>(?:vóór|voor|uiterlijk|op)\s+(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag)\s+)?"
                         r"\d{1,2}\s+\w+(?:\s+(?:19|20)\d{2})?)", re.I)


def read(section: Section, whole: Text, verslag: bool, calendar) -> Document:
    text = section.text
    doc = Document(kind="verslag" if verslag else "kamerbrief", heading=section.heading)
    minutes = _MINUTES.match(text.lines[0]) if text.lines else None
    found = extract.dagtekening(text)
    if found:
        doc.date, doc.sources["date"] = found.value, found.source
    elif minutes:
        try:
            doc.date, doc.sources["date"] = parse_date(minutes["d"]), text.lines[0]
        except DateParseError:
            pass
    about = extract.subject(text)
    if about:
        doc.subject, doc.sources["subject"] = about.value, about.source
    addressee = extract.addressee(text)
    if addressee:
        doc.addressee, doc.sources["addressee"] = addressee.value, addressee.source
    sender = extract.Found(minutes["who"], text.lines[0]) if minutes else _sender(section)
    # the heading of a committee's letter as a Kamerstuk, TK "Nr. 5 BRIEF AAN …" or EK lettered "F BRIEF AAN DE MINISTER
    # VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES" (EK, 2013)
    to_minister = _LETTER_TO.match(section.heading or "")
    if sender is None and ((section.heading or "").startswith("BRIEF VAN DE COMMISSIE") or to_minister):
        # a letter in a committee's verslag: the committee of the cover (looked for in the whole paper once,
        # not once per letter: that was quadratic in the number of letters)
        sender = whole.memo("committee", extract.committee)
    if doc.addressee is None and to_minister:
        doc.addressee = "Aan " + section.heading[to_minister.end():].lower()
        doc.sources["addressee"] = section.heading
    if sender:
        doc.sender, doc.sources["sender"] = sender.value, sender.source
        by = ministries.bewindspersoon_ministry(sender.value, doc.date)
        if by and "commissie" not in sender.value.lower():
            doc.sender_code = by[0]
    kenmerken = extract.kenmerken(text)
    doc.kenmerken = [k.value for k in kenmerken]
    if kenmerken:
        doc.sources["kenmerken"] = kenmerken[0].source
    doc.references = [r.value for r in extract.references(text)]
    doc.chamber = extract.chamber_of(doc.addressee or "", " ".join(doc.references[:1]).replace(
        "Kamerstukken II", "Tweede Kamer").replace("Kamerstukken I", "Eerste Kamer"),
        " ".join(text.lines[:4]) if re.search(r"Kamer der Staten-Generaal", " ".join(text.lines[:4])) else "")
    term = extract.own_reply_term(text)
    if term:
        doc.reply_term, doc.sources["reply_due"] = str(term.value), term.source
        if doc.date:
            doc.reply_due = term.value.after(doc.date)
    else:
        moment = _OWN_MOMENT.search(text.flat)
        if moment and doc.date:
            doc.reply_phrase, doc.sources["reply_due"] = moment["m"], text.sentence(moment.start(), moment.end())
            doc.reply_due = resolve_phrase(moment["m"], doc.date, doc.chamber or "TK", calendar).due
    earlier = extract.earlier_letters(text, doc.date)
    if earlier:
        doc.answers, doc.sources["answers"] = earlier[0].value, earlier[0].source
    if minutes or any(_LIST.match(line) for line in text.lines[:6]):
        doc.kind = "verslag"
        doc.heading = doc.heading or next((re.sub(r"^(?:\d+\s+)?(?:Nr\.\s*\d+\s+)?", "", line)
                                           for line in text.lines[:6] if _LIST.match(line)), None)
    elif not verslag:
        doc.kind = _kind(section, doc)
    if doc.kind == "uitstelbericht":
        promised = extract.promise(text)
        if promised:
            doc.promised, doc.sources["promised"] = promised.value, promised.source
            doc.promised_date = resolve_phrase(promised.value, doc.date, doc.chamber or "TK", calendar).due
    return doc


_LETTER_TO = re.compile(r"^(?:[A-Z]{1,2}\s+|Nr\.\s*\d+\s+)?BRIEF AAN ")


def citation(whole: Text, chamber: str | None) -> str | None:
    """The paper's own Kamerstuk from its head: "33 750 VII …" and "Nr. 31" → "Kamerstukken II, 33750-VII, nr. 31"
    (with the vergaderjaar when the head gives it)."""
    head = whole.lines[:8]
    dossier = next((m for m in map(_DOSSIER.match, head) if m), None)
    number = next((m for m in map(_NUMBER.match, head) if m), None)
    if not dossier or not number:
        return None
    year = _YEAR.search(" ".join(head))
    sub = (dossier["sub"] or "").strip()
    name = "Kamerstukken " + ("I" if chamber == "EK" else "II") + (f" {year['a']}/{year['b']}" if year else "")
    return f"{name}, {dossier['dossier'].replace(' ', '')}{'-' + sub if sub else ''}, nr. {number['nr'] or number['nr2']}"


def _sender(section: Section) -> extract.Found | None:
    text = section.text
    heading = section.heading or ""
    if "COMMISSIE" in heading or section.heading is None and extract.committee(text) and not _signed_by_minister(text) \
            and not _MINISTER_TO_KAMER.search(text.flat[:400]):
        found = extract.committee(text)
        if found:
            return found
    signed = extract.signature(text)
    if signed:
        return signed
    heading_at = heading.find("BRIEF VAN DE ")
    if heading_at >= 0 and re.search(r"MINISTER|STAATSSECRETARIS", heading):
        # "BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN …" → "De minister van Binnenlandse Zaken …"
        return extract.Found(extract.function_as_signed(heading[heading_at:].removeprefix("BRIEF VAN ")), heading)
    for line in text.lines[:8]:
        # a PDF's text layer puts the Kamerstuk's heading on the line of the letter: "BRIEF VAN DE MINISTER EN
        # STAATSSECRETARIS VAN ONDERWIJS, CULTUUR EN WETENSCHAP Aan de Voorzitter … Den Haag, 13 november 2009 Op …"
        # (OCW, 2009); the first bewindspersoon named sends it
        running = _HEADING_IN_LINE.match(line)
        if running:
            return extract.Found(extract.function_as_signed(f"{running['f']} VAN {running['m']}"), line[:running.end()])
    for line in text.lines[:3]:  # an unsigned letter under the government site's summary of it
        summary = _SUMMARY_SENDER.search(line)
        if summary:
            return extract.Found(extract.function_as_signed(summary["f"]), line)
    return None


# The government site's summary above a letter names who sends it: "Namens het kabinet biedt de minister-president
# de Tweede Kamer de Verantwoordingsbrief aan." (AZ, 2009); "De minister van Onderwijs, Cultuur en Wetenschap stuurt
# de Tweede Kamer …".
_SUMMARY_SENDER = re.compile(r"^(?:Namens het kabinet\s+(?:biedt|stuurt|zendt|informeert)\s+(?:de\s+)?|(?:De|de)\s+)"
                             r"(?P<f>minister-president|(?:minister|staatssecretaris)\s+(?:van|voor)\s+[A-Z][^.]{2,80}?)"
                             r"\s+(?:(?:biedt|stuurt|zendt|informeert)\s+)?(?:de|het|uw)\s+(?:Tweede|Eerste)\s+Kamer\b")


# A bewindspersoon writes to "uw Kamer"; a committee writes to the minister ("u"). A pasted body without head or
# signature that names a committee is the minister's when it opens so: "Hierbij bericht ik uw Kamer dat het verzoek
# van de vaste commissie voor Buitenlandse Zaken om een brief … niet binnen de gestelde termijn … kan worden voldaan."
# (JenV uitstelbericht, 2018)
_MINISTER_TO_KAMER = re.compile(r"\b(?:[Hh]ierbij|[Mm]et deze brief)\s+(?:\w+\s+)?(?:ik|wij)\s+(?:\w+\s+)?uw Kamer\b")


_HEADING_IN_LINE = re.compile(r"^(?:Nr\.\s*\d+\s+)?BRIEF VAN DE (?P<f>MINISTER|STAATSSECRETARIS)(?: EN (?:STAATSSECRETARIS|MINISTER))? "
                              r"VAN (?P<m>[A-Z][A-Z ,-]{2,100}?)(?= Aan\b)")


def _signed_by_minister(text: Text) -> bool:
    return bool(extract.signature(text)) or any(re.match(r"^(?:\d[\d ]*[A-Z]*\s+)?(?:Nr\.\s*\d+\s+)?BRIEF VAN DE "
                                                          r"(?:MINISTER|STAATSSECRETARIS)", line) for line in text.lines[:8])


def _kind(section: Section, doc: Document) -> str:
    text = section.text
    flat = text.flat
    if doc.sender and "commissie" in doc.sender.lower() and (doc.reply_term or doc.reply_phrase):
        return "commissiebrief"
    # a motion first: its considerations may speak of delay ("omdat het onderzoeken van de rol van de sector extra tijd
    # vergt", a motion of 2010 pasted from a party site) without being an uitstelbericht
    if _MOTION_TEXT.search(flat) and _MOTION_ASKS.search(flat):
        return "motie"
    if extract.delay_notice(Text([flat[:1500]])):
        return "uitstelbericht"
    if doc.answers or _ANSWERS_QUESTIONS.search(flat[:1500]):
        return "antwoord"
    if _NOTA.search(" ".join(text.lines[:12])):
        return "nota"
    if _MOTION_TEXT.search(flat) and _MOTION_ASKS.search(flat):
        return "motie"
    if _QUESTIONS.search("\n".join(text.lines[:10])):
        return "kamervragen"
    if _PROGRESS.search(flat[:1500]) and ("motie" in flat.lower() or "toezegging" in flat.lower()):
        return "voortgangsbrief"
    if doc.reply_term or doc.reply_phrase:
        return "commissiebrief"
    if _from_committee_to_government(doc, flat):
        return "commissiebrief"  # a committee asks without a term of its own: the usual four weeks apply
    return "kamerbrief"


def _from_committee_to_government(doc: Document, flat: str) -> bool:
    return ("commissie" in (doc.sender or "").lower() and not doc.sender_code
            and bool(re.search(r"\b(?:[Mm]inister|[Ss]taatssecretaris|[Mm]inister-[Pp]resident)\b", doc.addressee or ""))
            and bool(re.search(r"\b(?:verzoek\w*|vragen|reactie|verneemt|vernemen|ontvangt|ontvangen)\b", flat)))


def chamber(documents: list[Document], whole: Text) -> str | None:
    for document in documents:
        if document.chamber:
            return document.chamber
    head = whole.lines[:8]
    if any(re.match(r"^Nr\.\s*\d+\s+[A-Z]{3,}", line) for line in head):
        return "TK"  # the Tweede Kamer numbers its papers ("Nr. 560 VERSLAG …")
    if any(re.match(r"^(?!DE\s)[A-Z]{1,2}\s+(?:[A-Z]{3,}\s+){2,}", line) for line in head):
        return "EK"  # the Eerste Kamer letters them ("I VERSLAG VAN EEN NADER SCHRIFTELIJK OVERLEG")
    refs = " ".join(r.value for r in extract.references(whole))
    # the Eerste Kamer's lettered papers cited with the word: "de aangehouden motie van het lid Nicolaï c.s. over het
    # slavernijverleden (35300-VI, letter Y)" (EK Handelingen, 2021)
    if re.search(r"\b\d{5}(?:[- ][IVXL]+)?,\s+letter\s+[A-Z]{1,2}\b", whole.flat):
        return "EK"
    if "Kamerstukken I " in refs or refs.startswith("Kamerstukken I,") or re.search(r"\bT\d{5}\b", whole.flat):
        return "EK"
    if "Eerste Kamer" in whole.flat and "Tweede Kamer" not in whole.flat:
        return "EK"
    if "Kamerstukken" in refs or re.search(r"\b[Uu]w Kamer\b|Tweede Kamer|\bKamerlid\b|\bKamervragen\b|"
                                           r"\b(?:19|20)\d{2}[ZD]\d{4,6}\b", whole.flat):
        return "TK"
    return None
