"""Overviews of moties and toezeggingen: the annex of a voortgangsbrief ("Moties en toezeggingen"), a
begroting's bijlage ("Door de Staten-Generaal aanvaarde moties …" with Omschrijving / Vindplaats / Stand van
zaken) and a minister's list of motions ("Motie van het lid … (Kamerstuk 29 383, nr. 168)", "Verzoekt de
regering …", then what became of it).

One item per entry: the motion's own Kamerstuk when the heading gives it (a Kamerstuk in the stand van zaken
is the letter that settled it, not the motion), the request, the debate's date as datum, the status the stand
van zaken starts with ("Afgedaan.", "In uitvoering"), the date of the settling letter as beantwoord, and the
ministry the entry names ("hoort tot de verantwoordelijkheid van de staatssecretaris van I&M").
"""
from __future__ import annotations

import re

from ...domain.dutch import TEXT_DATE_RE, DateParseError, parse_date
from .. import extract, ministries
from ..model import Document, Item
from ..moments import find_moment
from ..text import Text
from .base import Paper, SimpleReader, clip
from .motions import request_deadline

_ANNEX_START = ("Moties en toezeggingen", "Moties", "Toezeggingen")
_ANNEX_HEADING = re.compile(r"^(?:Bijlage|BIJLAGE)\b.*(?:[Mm]oties|[Tt]oezeggingen)|^(?:Moties en toezeggingen|Moties|"
                            r"Toezeggingen)$|^(?:BIJLAGE|Bijlage)\s+\d+$|"
                            # a begroting's numbered section: "8.1 Moties en Toezeggingen (per 15 juli 2009)" (2009–2010)
                            r"^\d+(?:\.\d+)*\s+Moties en [Tt]oezeggingen\b")
# The begroting tables of 2009–2010 (rijksbegroting.minfin.nl): a caption per group ("In behandeling zijnde
# moties", "In behandeling zijnde toezeggingen", "Afgedane moties") and one row per line: "Motie van Haverkamp over
# … 27-02-2008 Spoeddebat CAO-onderhandelingen politie (29 628, nr. 77) De Tweede Kamer wordt … geïnformeerd."
_GROUP = re.compile(r"^(?P<state>In behandeling zijnde|Afgedane|Afgeronde|Openstaande|Lopende)\s+(?P<kind>moties|toezeggingen)$", re.I)
_ROW_DATE = re.compile(r"\s(?P<d>\d{1,2}-\d{1,2}-(?:19|20)\d{2})\s+(?P<rest>.+)$")
_ENTRY = re.compile(r"^(?:De )?[Mm]otie(?:-| van | [A-Z])")
# A toezegging row of a begroting's table: "De minister zegt toe de Kamer … te informeren", "Toezegging om …".
_PROMISE_ROW = re.compile(r"^(?:(?:De|de) (?:minister|staatssecretaris|minister-president)\b[^.]{0,120}?\bzeg(?:t|gen)\b.{0,300}?"
                          r"\btoe\b|(?:De )?[Tt]oezegging (?:om|aan|dat|van|over|tijdens)\b)", re.I)
_REQUEST = re.compile(r"\b(?:verzoekt|verzoeken|roept|roepen|draagt|dragen)\b", re.I)
_TABLE_HEAD = re.compile(r"^(?:Omschrijving(?: van de motie)?|Vindplaats|Stand van [Zz]aken|Tabel \d+.*|Nr\.?|"
                         r"Toezegging|Motie)$")
_STATUS = re.compile(r"^(?P<s>Afgedaan|Afgerond|Uitgevoerd|Voldaan|Deels voldaan|In uitvoering|Lopend|Openstaand|"
                     r"Aangehouden|Vervallen|Ingetrokken|Niet uitgevoerd)\b", re.I)
_STATUS_WORD = {"afgerond": "afgedaan", "uitgevoerd": "afgedaan", "voldaan": "afgedaan", "lopend": "in uitvoering",
                "openstaand": "in uitvoering", "niet uitgevoerd": "in uitvoering", "deels voldaan": "in uitvoering"}
_SETTLED_ON = re.compile(rf"\b(?:op|bij brief van|per brief van|brief van) (?P<d>{TEXT_DATE_RE})")
_DEBATE_ON = re.compile(rf"\b(?:d\.d\.|van|op) (?P<d>{TEXT_DATE_RE})")
_RESPONSIBLE = re.compile(r"verantwoordelijkheid van (?:de |het )?(?P<who>(?:minister|staatssecretaris|ministerie)[^.;]{0,80})"
                          r"|overgedragen aan (?:de |het )?(?P<to>(?:minister|staatssecretaris|ministerie)[^.;]{0,80})", re.I)
_PROMISED_WORK = re.compile(r"\btoegezegd\b|\btoezegging gedaan\b")
_MADE_ON = re.compile(rf"(?:[Tt]ijdens|[Ii]n) (?:het |de )?(?P<activity>[^.,]*?) van (?P<d>{TEXT_DATE_RE}) (?:heb|heeft|hebben)")


def _recognise(paper: Paper) -> bool:
    return any(_ANNEX_HEADING.match(line) for line in paper.whole.lines)


def _annex_ministry(lines: list[str], document: Document | None, on) -> str | None:
    """The ministry the annex is of: its title or table caption ("… afgerond Koninkrijksrelaties"), else the
    sender."""
    for line in lines[:8]:
        if _ANNEX_HEADING.match(line) or line.startswith("Tabel"):
            code = ministries.code_of_name(line.split(":")[-1] if "Bijlage" in line else line, on)
            if code:
                return code
    return document.sender_code if document else None


def _read(paper: Paper) -> list[Item]:
    lines = [line for line in paper.whole.lines if not line.startswith("http")]
    document = paper.first
    on = paper.dated()
    start = next((i for i, line in enumerate(lines) if _ANNEX_HEADING.match(line)), 0)
    ministry = _annex_ministry(lines[start:], document, on) or (
        document.sender_code if document else None) or paper.whole.memo("ministry_code", _letterhead)
    items, kind, entry = [], None, None

    def finish():
        if entry and kind:
            items.append(_annex_item(kind, entry, document, ministry, on))

    group = None  # the caption of a begroting table's group of rows ("In behandeling zijnde moties")
    # PDF text can put motion entries before the annex heading (columns): motion entries count anywhere
    for index, line in enumerate(lines):
        caption = _GROUP.match(line)
        if caption:
            finish()
            group, kind, entry = caption, None, None
            continue
        row = _ROW_DATE.search(line) if group else None
        if row:
            finish()
            kind, entry = None, None
            items.append(_table_row(group, line, row, document, ministry, on))
            continue
        if line in _ANNEX_START or _ANNEX_HEADING.match(line):
            finish()
            kind, entry = ("toezegging" if line == "Toezeggingen" else None), None
            continue
        if _TABLE_HEAD.match(line):
            continue
        if _ENTRY.match(line) and any(_REQUEST.search(later) for later in lines[index:index + 15]):
            finish()
            kind, entry = "motie", [line]
            continue
        if _PROMISE_ROW.match(line) and kind != "toezegging":
            finish()
            kind, entry = "toezegging-rij", [line]
            continue
        if kind == "toezegging" and _LISTED_PROMISE.match(line):  # "– De Minister zegt toe …" in a debate's list
            finish()
            items.append(_listed_promise(line, lines, document, ministry, on))
            entry = None
            continue
        if (kind == "toezegging" and len(line) < 70 and not line.endswith((".", ",", "-"))
                and line[:1].isupper() and (entry is None or entry[-1].endswith("."))):
            finish()
            entry = [line]
        elif entry is not None:
            entry.append(line)
    finish()
    return items


def _table_row(group: re.Match, line: str, row: re.Match, document: Document | None, ministry: str | None, on) -> Item:
    """One row of a begroting table of 2009–2010: omschrijving, the date and name of the debate (vindplaats) with
    the motion's Kamerstuk in brackets, then the stand van zaken; the status from the group's caption."""
    described = line[:row.start()].strip()
    rest = row["rest"]
    cited = re.search(r"\((?P<c>\d{2}\s?\d{3}[^()]*?,\s*nrs?\.\s*\d+)\)", rest)
    vindplaats = rest[:cited.end()] if cited else rest.split(". ")[0]
    stand = rest[len(vindplaats):].strip() or None
    kind = "motie" if group["kind"].lower() == "moties" else "toezegging"
    open_ = group["state"].lower() in ("in behandeling zijnde", "openstaande", "lopende")
    item = Item(soort=kind, kamer=(document.chamber if document else None) or "TK", titel=clip(described),
                tekst=described, stand_van_zaken=stand, ministerie=ministry,
                status=("in uitvoering" if kind == "motie" else "openstaand") if open_ else
                ("afgedaan" if kind == "motie" else "voldaan"))
    item.sources = {"titel": line, "tekst": line, "status": group.group(0), "stand_van_zaken": (stand or "")[:300]}
    try:
        item.datum = parse_date(row["d"])
        item.activiteit = vindplaats.split("(")[0].strip() or None
        item.sources["datum"] = vindplaats
    except DateParseError:
        pass
    if kind == "motie" and cited:  # the vindplaats column gives the motion's own Kamerstuk
        found = extract.references(Text([cited.group(0)]))
        if found:
            item.nummer, item.sources["nummer"] = extract.bare_reference(found[0].value), vindplaats
    who = re.match(r"[Mm]otie(?:-| van (?:het lid |de leden )?)(?P<who>[A-Z][^\s]+(?:\s(?:van|de|der)\s[A-Z]\S+)?)", described)
    if who:
        item.leden = who["who"]
    moment = find_moment(stand or "") if stand and open_ else None
    if moment and kind == "toezegging":
        item.deadline, item.sources["deadline"] = moment, stand
    if item.ministerie is None:
        code = ministries.subject_ministry(described, item.datum or on)
        if code:
            item.ministerie, item.sources["ministerie"] = code, "het onderwerp van de rij"
            item.notes.append("ministerie afgeleid uit het onderwerp: controleer")
    return item


def _letterhead(whole: Text):
    name = extract.ministry_line(whole)
    return ministries.code_of_name(name) if name else None


def _annex_item(kind: str, lines: list[str], document: Document | None, ministry: str | None, on) -> Item:
    if kind == "motie":
        return _motion(lines, document, ministry, on)
    if kind == "toezegging-rij":
        return _promise_row(lines, ministry, on)
    return _promise(lines, ministry)


def _stand(item: Item, stand: str, on) -> None:
    """What a row's stand van zaken and vindplaats say: the debate's date, the status it starts with, the letter
    that settled it, the ministry it was handed to."""
    debate = re.search(r"(?:debat|overleg|VAO|AO|notaoverleg|wetgevingsoverleg|commissiedebat)\b[^.()]{0,120}?\b"
                       rf"(?:d\.d\.|van|op) (?P<d>{TEXT_DATE_RE})", stand)
    if debate and item.datum is None:
        try:
            item.datum = parse_date(debate["d"])
            item.sources["datum"] = debate.group(0)
        except DateParseError:
            pass
    status_at = re.search(r"(?:^|\)\s*|\.\s+)(?P<s>Afgedaan|Afgerond|Uitgevoerd|Voldaan|Deels voldaan|In uitvoering|Lopend|"
                          r"Openstaand|Aangehouden|Vervallen|Ingetrokken|Niet uitgevoerd)\b", stand)
    if status_at:
        word = status_at["s"].lower()
        item.status = _STATUS_WORD.get(word, word) if item.soort == "motie" else (
            "voldaan" if word in ("afgedaan", "afgerond", "uitgevoerd", "voldaan") else
            "deels voldaan" if word == "deels voldaan" else "openstaand")
        item.sources["status"] = stand[status_at.start("s"):status_at.start("s") + 200]
        after = stand[status_at.start("s"):]
        settled = _SETTLED_ON.search(after)
        if settled and item.status in ("afgedaan", "voldaan"):
            try:
                item.beantwoord = parse_date(settled["d"])
                item.sources["beantwoord"] = after[:200]
            except DateParseError:
                pass
    responsible = _RESPONSIBLE.search(stand)
    if responsible:
        words = responsible["who"] or responsible["to"]
        found = ministries.bewindspersoon_ministry(words, item.datum or on) or (
            ministries.code_of_name(words, item.datum or on), None)
        if found and found[0]:
            item.ministerie = found[0]
            item.sources["ministerie"] = responsible.group(0)


# The griffie's list under "Toezeggingen" in a verslag of a commissiedebat: "– De Minister zegt toe de Kamer …".
_LISTED_PROMISE = re.compile(r"^[–•-]\s*(?P<p>.*\bzeg(?:t|gen)\b.*\btoe\b.*)$")
_DEBATE = re.compile(rf"\bheeft op (?P<d>{TEXT_DATE_RE}) overleg gevoerd met (?P<who>[^.,]+?)(?: over| inzake|,|\.)")


def _listed_promise(line: str, lines: list[str], document: Document | None, ministry: str | None, on) -> Item:
    promise = _LISTED_PROMISE.match(line)["p"].strip()
    flat = Text(lines[:12]).flat
    debate = _DEBATE.search(flat)
    made = None
    if debate:
        try:
            made = parse_date(debate["d"])
        except DateParseError:
            pass
    named = ministries.bewindspersoon_ministry(promise, made or on) or (
        ministries.bewindspersoon_ministry(debate["who"], made or on) if debate else None)
    item = Item(soort="toezegging", kamer=(document.chamber if document else None) or "TK", titel=clip(promise),
                tekst=promise, datum=made, ministerie=named[0] if named else ministry,
                activiteit="commissiedebat" if made else None, deadline=find_moment(promise))
    item.sources = {"titel": line, "tekst": line, **({"datum": debate.group(0)} if debate else {}),
                    **({"deadline": line} if item.deadline else {})}
    if not item.deadline:
        item.notes.append("geen termijn in de toezegging: vul een deadline in als die bekend is")
    return item


def _promise_row(lines: list[str], ministry: str | None, on) -> Item:
    flat = Text(lines).flat
    end = re.search(r"\.(?=\s+[A-Z])", flat)
    promise = flat[:end.end()] if end else flat
    stand = flat[len(promise):].strip()
    item = Item(soort="toezegging", kamer="TK", titel=clip(promise), tekst=promise, stand_van_zaken=stand or None,
                ministerie=ministry)
    item.sources = {"titel": promise, "tekst": promise, "stand_van_zaken": stand[:300]}
    moment = find_moment(promise)
    if moment:
        item.deadline, item.sources["deadline"] = moment, promise
    _stand(item, stand, on)
    if "ministerie" not in item.sources and item.ministerie:
        item.notes.append("ministerie overgenomen van de afzender of de titel van de bijlage: controleer")
    return item


def _motion(lines: list[str], document: Document | None, ministry: str | None, on) -> Item:
    flat = Text(lines).flat
    request = re.search(r"(?:De (?:Tweede|Eerste) Kamer )?\b(?:[Vv]erzoek(?:t|en)|[Rr]oep(?:t|en)|[Dd]raag?(?:t|en))\b.*?"
                        r"(?:[.,](?=\s+[A-Z])|\.?$)", flat, re.S)
    if request:
        head, text, stand = flat[:request.start()].strip(), request.group(0).strip(), flat[request.end():].strip()
    else:
        head, text, stand = lines[0], None, Text(lines[1:]).flat
    title = head.rstrip(". ")
    item = Item(soort="motie", kamer="TK", titel=clip(title), tekst=text, stand_van_zaken=stand or None,
                ministerie=ministry)
    item.sources = {"titel": title, "tekst": text or "", "stand_van_zaken": (stand or "")[:300]}
    own = extract.references(Text([head]))
    if own:
        item.nummer = extract.bare_reference(own[0].value)
        item.sources["nummer"] = head
    else:
        item.notes.append("de bijlage noemt geen Kamerstuknummer van de motie: vul het nummer in")
    who = re.search(r"[Mm]otie(?:-| van (?:het lid|de leden) )(?P<who>[^().]+?)(?:\s*\(|\.|$)", head)
    if who:
        item.leden = who["who"].strip().removesuffix(" c.s").strip()
    if text:
        moment = request_deadline(text)
        if moment:
            item.deadline, item.sources["deadline"] = moment, text
    # the stand van zaken: where the motion was made (Vindplaats), what became of it, by which letter
    _stand(item, stand or "", on)
    if item.ministerie and "ministerie" not in item.sources:
        item.notes.append("ministerie overgenomen van de afzender of de titel van de bijlage: controleer")
    return item


def _promise(lines: list[str], ministry: str | None) -> Item:
    title = lines[0]
    body = Text(lines[1:])
    flat = body.flat
    promised = _PROMISED_WORK.search(flat)
    sentence = body.sentence(promised.start(), promised.end(), flat) if promised else None
    item = Item(soort="toezegging", kamer="TK", titel=clip(title), tekst=sentence, ministerie=ministry,
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
    phrase = find_moment(sentence)
    if phrase:
        item.deadline, item.sources["deadline"] = phrase, sentence
    else:
        phrase = find_moment(flat)
        if phrase:
            item.deadline, item.sources["deadline"] = phrase, flat
            item.notes.append(f"deadline '{phrase}' staat niet in de toezegging zelf: controleer")
    return item


READER = SimpleReader("annex", _recognise, _read)
