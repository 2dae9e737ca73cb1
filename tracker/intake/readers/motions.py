"""Motions as the Kamer prints them, in two forms:

* a Kamerstuk — "33 750 VII Vaststelling van de begrotingsstaten …", "Nr. 31 MOTIE VAN HET LID VOORTMAN",
  "Voorgesteld 28 november 2013", "De Kamer, gehoord de beraadslaging, … verzoekt de regering …, en gaat over
  tot de orde van de dag." and the signatures;
* the Handelingen — the same dictum in a debate, then "Deze motie is voorgesteld door de leden …" and "Zij
  krijgt nr. 537 (33529)." (after an amendment "nr. 348, was nr. 347 (32317)": the new number counts).

One motie item each: number, indieners, dictum, the date when the text gives it, a deadline only where the
dictum asks to inform the Kamer by a moment, and the ministry that owns the subject (the begroting's, the
bewindspersoon the dictum or debate names, or the subject's words — then flagged for a person to check).
"""
from __future__ import annotations

import re

from ...domain.dutch import TEXT_DATE_RE, DateParseError, parse_date
from .. import ministries
from ..model import Item
from ..moments import find_moment
from .base import Paper, SimpleReader, clip

_HEADING = re.compile(r"^(?:[Nn]r\.\s*(?P<nr>\d+)|(?P<letter>[A-Z]{1,2}))\s+(?:GEWIJZIGDE\s+)?MOTIE\s+VAN\s+"
                      r"(?:HET\s+LID|DE\s+LEDEN)\s+(?P<who>.+)$")
# The 2008–2009 layout puts the number on a line of its own above the heading: "nr. 13" / "MOTIE VAN HET LID HALSEMA"
# (kst-31952-13, 2009).
_NUMBER_LINE = re.compile(r"^[Nn]r\.\s*\d+$")
_BARE_HEADING = re.compile(r"^(?:GEWIJZIGDE\s+)?MOTIE\s+VAN\s+(?:HET\s+LID|DE\s+LEDEN)\s+\S")
# "33 750 VII Vaststelling …", "21 501-20 Europese Raad" (a dossier with a sub-number: kst-21501-20-572)
_DOSSIER = re.compile(r"^(?P<dossier>\d{2}\s?\d{3}(?:-\d{1,3})?)(?P<sub>\s+(?:[IVXL]+|[A-K]{1,2})(?=\s))?\s+(?P<title>\D.+)$")
_PROPOSED = re.compile(rf"\bVoorgesteld\s+(?:tijdens\s+het\s+[\w -]{{3,60}}?\s+van\s+|op\s+)?(?P<d>{TEXT_DATE_RE})")
_BODY = re.compile(r"De Kamer,\s*gehoord de beraadslaging,(?P<body>.+?)en gaat over tot de orde van de dag\.?", re.S)
_DICTUM = re.compile(r"\b(?:verzoekt|roept|draagt|spreekt uit|verzoeken)\b.+", re.S | re.I)
_NUMBERED = re.compile(r"Zij krijgt nr\.\s*(?P<nr>\d+)(?:,\s*was nr\.\s*\d+)?\s*\(\s*(?P<dossier>\d{5}(?:[- ][IVXL]+)?)\s*\)")
_PROPOSERS = re.compile(r"Deze motie is voorgesteld door (?:het lid|de leden) (?P<who>[^.]+)\.")
_AMENDED = re.compile(r"[Dd]e motie-(?P<who>[A-Z][\w'/ -]+?) \(")
_INFORM = re.compile(r"(?:de|haar|beide) (?:Tweede |Eerste )?Kamers?\b[^;]{0,200}?\b(?:te )?(?:informeren|berichten|"
                     r"rapporteren|sturen|zenden|toe te (?:sturen|zenden)|voor te leggen|op de hoogte te (?:brengen|stellen))\b"
                     r"|\b(?:voor|vóór|uiterlijk)\b[^;]{0,80}?\b(?:aan de Kamer|naar de Kamer)\b", re.I)
_WELCOME = re.compile(r"(?:heet|welkom)[^.]{0,40}?\b(?:de )?(?P<who>(?:minister|staatssecretaris)[^.]{0,90})", re.I)


# What a dictum asks: "verzoekt de regering", "roept de regering op", "draagt de regering op", and the
# uitspraak "spreekt uit dat de regering … informeert" (Kamerstuk 21 501-20, nr. 572, 2011).
_ASKS = re.compile(r"\bverzoek|\broept\b|\bdraagt\b|\bspreekt uit\b")


def _recognise(paper: Paper) -> bool:
    flat = paper.whole.flat
    return "gehoord de beraadslaging" in flat and bool(_ASKS.search(flat))


def request_deadline(dictum: str) -> str | None:
    """A moment in the dictum's request to inform the Kamer; a term in the request itself ("rapporten binnen
    twee weken naar de Kamer") is what is asked, not when."""
    for clause in _INFORM.finditer(dictum):
        moment = find_moment(clause.group(0))
        if moment:
            return moment
    return None


def _ministry(dictum: str, context: str, dossier_line: str | None, on) -> tuple[str | None, str]:
    code = ministries.chapter_ministry(dossier_line, on)
    if code:
        return code, "de begroting van het ministerie (het Kamerstuk)"
    named = re.search(r"verzoekt de (?P<who>(?:minister|staatssecretaris)[^,;]{0,90})", dictum, re.I)
    found = ministries.bewindspersoon_ministry(named["who"], on) if named else None
    if found:
        return found[0], "de bewindspersoon die de motie aanspreekt"
    welcome = _WELCOME.search(context)
    found = ministries.bewindspersoon_ministry(welcome["who"], on) if welcome else None
    if found:
        return found[0], "de bewindspersoon in het debat"
    # the dictum's words count double: what is asked weighs more than the debate around it
    code = ministries.subject_ministry(f"{dossier_line or ''} {context[:300]} {dictum} {dictum}", on)
    return code, "het onderwerp van de motie"


# A motion that asks the Kamer's own Voorzitter, Presidium or griffier is not an obligation of the government.
_OWN_HOUSE = re.compile(r"\b(?:verzoekt|draagt)\s+(?:het\s+)?(?:de\s+)?(?:Voorzitter|Presidium|griffier|Kamer(?:voorzitter)?|"
                        r"commissie|Huishoudelijke Commissie)\b(?!\s+(?:van|voor)\s+(?:de\s+)?(?:regering|minister))")


def for_government(body: str) -> bool:
    dictum = _DICTUM.search(body)
    return not (dictum and _OWN_HOUSE.match(dictum.group(0).strip())
                and not re.search(r"\b(?:verzoekt|roept|draagt)\b[^.]{0,20}\b(?:regering|minister|staatssecretaris|kabinet)",
                                  dictum.group(0)))


def _item(body: str, *, number: str | None, who: str | None, when, dossier_line: str | None, context: str,
          chamber: str, on) -> Item:
    dictum_match = _DICTUM.search(body)
    dictum = " ".join(dictum_match.group(0).split()).rstrip(" ,") if dictum_match else None
    item = Item(soort="motie", kamer=chamber, nummer=number, datum=when, leden=who, tekst=dictum, status="ingediend",
                titel=clip(f"Motie van {'de leden' if who and (',' in who or ' en ' in who) else 'het lid'} {who}"
                           + (f" ({number})" if number else "")) if who else clip(f"Motie {number or ''}".strip()))
    item.sources["tekst"] = dictum or ""
    if dictum:
        moment = request_deadline(dictum)
        if moment:
            item.deadline, item.sources["deadline"] = moment, dictum
    code, why = _ministry(dictum or body, context, dossier_line, when or on)
    item.ministerie = code
    if code:
        item.sources["ministerie"] = why
        if why == "het onderwerp van de motie":
            item.notes.append("ministerie afgeleid uit het onderwerp: controleer welk ministerie de motie uitvoert")
    else:
        item.notes.append("geen ministerie gevonden: kies het ministerie dat de motie uitvoert")
    item.notes.append("de uitslag van de stemming staat er niet bij: vul die in zodra bekend")
    return item


def _heading(lines: list[str]) -> tuple[int, re.Match] | None:
    """The motion's heading, "Nr. 31 MOTIE VAN HET LID VOORTMAN", or its number and heading on two lines."""
    for index, line in enumerate(lines):
        heading = _HEADING.match(line)
        if heading is None and index and _BARE_HEADING.match(line) and _NUMBER_LINE.match(lines[index - 1]):
            heading = _HEADING.match(f"{lines[index - 1]} {line}")
        if heading:
            return index, heading
    return None


def _kamerstuk(paper: Paper) -> list[Item]:
    lines = paper.whole.lines
    found = _heading(lines)
    if found is None:
        return []
    heading_at, heading = found
    dossier_line = next((line for line in lines[:heading_at + 1] if _DOSSIER.match(line)), None)
    dossier = _DOSSIER.match(dossier_line) if dossier_line else None
    number = None
    if dossier:
        sub = (dossier["sub"] or "").strip()
        base = dossier["dossier"].replace(" ", "") + (f" {sub}" if sub else "")
        number = f"{base}, nr. {heading['nr']}" if heading["nr"] else f"{base}, {heading['letter']}"
    flat = paper.whole.flat
    proposed = _PROPOSED.search(flat)
    when = None
    if proposed:
        try:
            when = parse_date(proposed["d"])
        except DateParseError:
            pass
    body = _BODY.search(flat)
    document = paper.first
    if document is not None:
        document.kind = "motie"
        document.chamber = "EK" if heading["letter"] else "TK"
        if proposed and when:
            document.date, document.sources["date"] = when, proposed.group(0)
    if body and not for_government(body.group("body")):
        return []  # the Kamer's own business (its Reglement, its Presidium): nothing the government owes
    signatures = _signatures(lines)
    named = re.split(r"(?<!\s)\s+TER\s+VERVANGING\b|(?<!\s)\s+OVER\s+", heading["who"])[0]  # "… TER VERVANGING VAN DIE GEDRUKT ONDER NR. 12"
    who = signatures or _names_from_capitals(named)
    chamber = "EK" if heading["letter"] else "TK"  # the Eerste Kamer letters its papers, the Tweede numbers them
    item = _item(body.group("body") if body else flat, number=number, who=who, when=when, dossier_line=dossier_line,
                 context=flat, chamber=chamber, on=when)
    item.sources.update({"nummer": lines[heading_at], "leden": lines[heading_at]})
    if proposed:
        item.sources["datum"] = proposed.group(0)
    if document is not None:
        if number:
            document.citation = f"Kamerstukken {'I' if chamber == 'EK' else 'II'}, {number}"
    return [item]


_PARTICLES = {"van", "der", "den", "de", "het", "ter", "ten", "te", "in", "'t", "op", "la", "le", "du", "d'", "vande"}


def _names_from_capitals(words: str) -> str:
    """"KRÖGER EN VAN DER LEE C.S." → "Kröger en Van der Lee c.s.": a surname standing alone keeps its capital on
    the first part ("Van der Lee"), the particles after it are lower case."""
    names = re.split(r"(?<!\s)\s+EN\s+|,\s*", words.strip())  # (?<!\s): one try per run of spaces, not per space
    tail = ""
    if names and names[-1].endswith(" C.S."):
        names[-1], tail = names[-1][:-5], " c.s."
    cased = []
    for name in names:
        parts = name.lower().split()
        cased.append(" ".join(part.title() if index == 0 or part not in _PARTICLES else part
                              for index, part in enumerate(parts)))
    return (", ".join(cased[:-1]) + " en " + cased[-1] if len(cased) > 1 else cased[0]) + tail


def _signatures(lines: list[str]) -> str | None:
    """The names under the dictum, one per line ("Pechtold", "Halsema", "Van der Staaij")."""
    end = next((i for i, line in enumerate(lines) if "gaat over tot de orde van de dag" in line), None)
    if end is None:
        return None
    names = []
    for line in lines[end + 1:end + 30]:
        # a name of up to five parts; each capitalised part taken whole (atomic), since a hyphen may be inside a
        # part or between two, and trying both ways at every hyphen was exponential in their number
        if len(line) < 40 and re.fullmatch(r"[A-Z](?>[\w'’-]*)(?:[ -](?:[a-z]{1,3}|[A-Z](?>[\w'’-]*))){0,4}", line):
            names.append(line)
        else:
            break
    return ", ".join(names) or None


def _handelingen(paper: Paper) -> list[Item]:
    flat, items = paper.whole.flat, []
    start = 0
    for numbered in _NUMBERED.finditer(flat):
        bodies = list(_BODY.finditer(flat, start, numbered.start()))
        if not bodies:
            continue
        body = bodies[-1]
        if not for_government(body.group("body")):
            start = numbered.end()
            continue
        between = flat[body.end():numbered.start()]
        proposers = _PROPOSERS.search(between)
        amended = list(_AMENDED.finditer(flat, start, body.start()))
        who = proposers["who"].strip() if proposers else (amended[-1]["who"].replace("/", ", ") if amended else None)
        dossier = numbered["dossier"].replace("-", " ")
        item = _item(body.group("body"), number=f"{dossier}, nr. {numbered['nr']}", who=who, when=None,
                     dossier_line=None, context=f"{flat[:300]} {flat[start:body.end()]}", chamber="TK",
                     on=paper.dated())
        item.sources.update({"nummer": numbered.group(0), "leden": (proposers or numbered).group(0)})
        item.notes.append("de datum van de vergadering staat niet in de tekst: vul de datum van indienen in")
        items.append(item)
        start = numbered.end()
    if items and paper.first is not None:
        paper.first.kind, paper.first.chamber = "motie", "TK"
    return items


# A motion without its number: pasted from a party site ("Motie Thieme over …" / "20 april 2010" / "De Kamer, …" /
# "Status Verworpen", 2010) or Handelingen cut before "Zij krijgt nr. …" ("Motie" / "De Kamer, gehoord de
# beraadslaging, … verzoekt de regering, …", 2016: the text ends inside the dictum).
_BODY_CUT = re.compile(r"De Kamer,\s*gehoord de beraadslaging,(?P<body>.{20,5000}?)(?:en gaat over tot de orde van de dag\.?|\Z)", re.S)
_SPEAKER = re.compile(r"\b(?:De heer|Mevrouw) (?P<who>[A-Z][\w'’-]*(?: (?:van|der|den|de|[A-Z][\w'’-]*)){0,3}) \([^)]{1,20}\):")
_DATE_LINE = re.compile(rf"^(?P<d>{TEXT_DATE_RE})$")
_REJECTED = re.compile(r"^(?:Status\s+)?Verworpen\.?$")


def _unnumbered(paper: Paper) -> list[Item]:
    flat, lines = paper.whole.flat, paper.whole.lines
    body = _BODY_CUT.search(flat)
    if body is None or not _DICTUM.search(body.group("body")):
        return []
    document = paper.first
    start = next((i for i, line in enumerate(lines) if line.startswith("De Kamer,")), len(lines))
    dated = next((m for m in map(_DATE_LINE.match, lines[:start]) if m), None)
    when = None
    if dated:
        try:
            when = parse_date(dated["d"])
        except DateParseError:
            pass
    if document is not None:
        document.kind, document.chamber = "motie", document.chamber or "TK"
        if when and document.date is None:
            document.date, document.sources["date"] = when, dated.group(0)
    if not for_government(body.group("body")) or any(_REJECTED.match(line) for line in lines[start:]):
        return []  # the Kamer's own business, or a motion voted down: nothing the government owes
    speakers = list(_SPEAKER.finditer(flat, 0, body.start()))
    who = _signatures(lines) or (speakers[-1]["who"] if speakers else None)
    item = _item(body.group("body"), number=None, who=who, when=when, dossier_line=None,
                 context=f"{flat[:300]} {flat[:body.start()]}", chamber="TK", on=when or paper.dated())
    item.notes.append("het Kamerstuknummer van de motie staat niet in de tekst: vul het in")
    if when:
        item.sources["datum"] = dated.group(0)
    return [item]


def _read(paper: Paper) -> list[Item]:
    return _kamerstuk(paper) or _handelingen(paper) or _unnumbered(paper)


READER = SimpleReader("motions", _recognise, _read)
