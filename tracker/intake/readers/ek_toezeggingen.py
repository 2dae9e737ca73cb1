"""Eerste Kamer toezeggingen, known by their T-number (T01970):

* a register entry — "Toezegging <titel> (T01970)", then Nummer, Status, Datum toezegging, Deadline,
  Verantwoordelijke(n), as a table ("Status | deels voldaan |") or as lines ("Status openstaand");
* a committee's decisions on the half-yearly rappel — "Toezegging T02461 als openstaand aan te blijven merken
  en de deadline te verschuiven naar 1 juli 2024", "de status van toezegging T01220 blijft ongewijzigd
  (openstaand) en de deadline wordt verplaatst naar 1 januari 2018", "besluiten de toezeggingen T03050,
  T03051 en T03053 als voldaan aan te merken", "Toezeggingen … af te voeren".

One toezegging item per T-number, with the status and new deadline the clause that names it gives. The
ministry is the bewindspersoon whose letter the decisions answer (the clause may name another minister in
passing), else the committee's.
"""
from __future__ import annotations

import re

from ...domain.dutch import TEXT_DATE_RE
from .. import ministries
from ..extract import date_in
from ..model import Item
from ..text import Text
from .base import Paper, SimpleReader, clip

_T = re.compile(r"\bT\d{5}\b")
_LABEL = re.compile(r"^(?P<label>Nummer|Status|Datum toezegging|Deadline|(?:Huidige )?Verantwoordelijke(?:\(n\))?|Kamerleden|"
                    r"Commissie|Soort activiteit)\s*(?:\|\s*|:\s*|\s+)(?P<value>.*?)\s*\|?\s*$")
_TITLE = re.compile(r"^Toezegging\s+(?P<title>.+?)\s*\((?P<t>T\d{5})\)\s*$")
_PROMISE_LINE = re.compile(r"\bzeg(?:t|gen)\b.{0,400}?\btoe\b")
_NEW_DEADLINE = re.compile(rf"(?:deadline|termijn)\s+(?:wordt\s+)?(?:te\s+)?(?:verschuiven|verschoven|verplaatst|"
                           rf"verplaatsen|gesteld|vast te stellen|bepaald)\s+(?:naar|op)\s+(?P<d>{TEXT_DATE_RE})|"
                           rf"(?:nieuwe|gewijzigde)\s+deadline\s+(?:van\s+|op\s+)?(?P<d2>{TEXT_DATE_RE.replace('?P<', '?P<x')})")
_SECTION = re.compile(r"^\d{1,2}\.\s")


def _recognise(paper: Paper) -> bool:
    return bool(_T.search(paper.whole.flat))


def _status(clause: str) -> str | None:
    lower = clause.lower()
    if "deels voldaan" in lower or "gedeeltelijk voldaan" in lower:
        return "deels voldaan"
    if re.search(r"\bniet voldaan\b", lower):
        return "openstaand"
    if re.search(r"\bvoldaan\b", lower):
        return "voldaan"
    if re.search(r"\bopenstaand\b|\bopen\b", lower):
        return "openstaand"
    if re.search(r"\baf te voeren\b|\bafgevoerd\b|\bafvoeren\b|\bvervallen\b|\bvervalt\b", lower):
        return "vervallen"
    return None


def _register_entries(paper: Paper) -> list[Item]:
    """Register entries, one per "Toezegging … (T01237)" heading (a rappel page lists many); nothing when the
    paper has no entry's labels."""
    lines = paper.whole.lines
    starts = [i for i, line in enumerate(lines) if _TITLE.match(line)] or [0]
    items = []
    for at, start in enumerate(starts):
        end = starts[at + 1] if at + 1 < len(starts) else len(lines)
        item = _register_entry(lines[start:end] if at else lines[:end])
        if item:
            items.append(item)
    return items


def _register_entry(lines: list[str]) -> Item | None:
    """One entry's fields by their labels ("Status | deels voldaan |", "Deadline 1 januari 2024")."""
    fields, title, number = {}, None, None
    for line in lines:
        heading = _TITLE.match(line)
        if heading and title is None:
            title, number = heading["title"], heading["t"]
        match = _LABEL.match(line)
        if match and match["value"]:
            label = match["label"].split("(")[0].removeprefix("Huidige ")
            if label not in fields or match["label"].startswith("Huidige"):
                fields[label] = match["value"]
    if len({"Status", "Datum toezegging", "Deadline"} & fields.keys()) < 2:
        return None
    found = _T.search(fields.get("Nummer", "")) or _T.search(number or "") or _T.search(" ".join(lines))
    if not found:
        return None
    number = found.group(0)
    when = date_in(fields.get("Datum toezegging", ""))
    item = Item(soort="toezegging", kamer="EK", nummer=number, titel=clip(title or f"Toezegging {number}"),
                datum=when, status=_status(fields.get("Status", "")))
    deadline = date_in(fields.get("Deadline", ""))
    if deadline:
        item.deadline = deadline.isoformat()
    responsible = fields.get("Verantwoordelijke")
    found_by = ministries.bewindspersoon_ministry(responsible, when) if responsible else None
    item.ministerie = found_by[0] if found_by else ministries.code_of_name(responsible, when)
    promise = next((line for line in lines if _PROMISE_LINE.search(line)), None)
    if promise:
        item.tekst = promise.strip()
        item.sources["tekst"] = item.tekst
    if fields.get("Kamerleden"):
        item.leden = clip(fields["Kamerleden"], 500)
    for name, label in (("nummer", "Nummer"), ("datum", "Datum toezegging"), ("deadline", "Deadline"),
                        ("status", "Status"), ("ministerie", "Verantwoordelijke")):
        if label in fields:
            item.sources[name] = f"{label}: {fields[label]}"
    return item


def _sections(lines: list[str]) -> list[list[str]]:
    """The numbered points of a committee's short minutes ("1. 36200 VIII, I", "2. Mededelingen …")."""
    sections = [[]]
    for line in lines:
        if _SECTION.match(line):
            sections.append([])
        sections[-1].append(line)
    return [s for s in sections if s]


def _clauses(text: str) -> list[str]:
    """Decisions as the minutes list them: bullets, then clauses ended by ";" or a full stop."""
    parts = re.split(r"(?:^|\s)[-–•]\s+|;\s*|(?<=[a-z)\]])\.\s+(?=[A-Z])", text)
    return [p.strip() for p in parts if p and _T.search(p)]


def _ministry(text: str, fallback: tuple, on) -> tuple:
    """The bewindspersoon whose letter the decisions are about, with the words naming them: "reactie van de
    minister voor PVO", "brief van de minister van BZK", "Halfjaarlijks rappel toezeggingen BZK"."""
    letter = re.search(r"(?:reactie|brief|antwoord\w*)\s+van\s+de\s+(?P<who>(?:minister|staatssecretaris)[^.;]{0,90})",
                       text, re.I)
    if letter:
        found = ministries.bewindspersoon_ministry(letter["who"], on)
        if found:
            return found[0], letter.group(0)
    rappel = re.search(r"rappel\s+toezeggingen\s+(?P<m>[A-Z][\w&]+)", text)
    if rappel and ministries.code_of_name(rappel["m"], on):
        return ministries.code_of_name(rappel["m"], on), rappel.group(0)
    found = ministries.bewindspersoon_ministry(text, on)
    return (found[0], found[1]) if found else fallback


def _decisions(paper: Paper) -> list[Item]:
    on = paper.dated()
    head = " ".join(paper.whole.lines[:3])
    committee = re.search(r"commissies?\s+(?P<c>.+?)(?:\s+van\s+\d|\s*$)", head)
    # [^()]: a bracket's content holds no bracket, so a run of "(" is read once, not once per "(" (quadratic)
    committee_code = ministries.code_of_name(re.sub(r"\([^()]*\)", "", committee["c"]), on) if committee else None
    general = _ministry(paper.whole.flat, (committee_code, head), on)
    found: dict[str, Item] = {}
    for lines in _sections(paper.whole.lines):
        text = Text(lines).flat
        if not _T.search(text):
            continue
        ministry, named = _ministry(text, general, on)
        for clause in _clauses(text):
            status = _status(clause)
            moved = _NEW_DEADLINE.search(clause)
            deadline = date_in(moved.group(0)) if moved else None
            for number in _T.findall(clause):
                item = found.get(number)
                if item is None:
                    item = found[number] = Item(soort="toezegging", kamer="EK", nummer=number, ministerie=ministry,
                                                titel=f"Toezegging {number}")
                    item.sources["ministerie"] = named
                if status:
                    item.status, item.sources["status"] = status, clause
                if deadline:
                    item.deadline, item.sources["deadline"] = deadline.isoformat(), clause
                if status == "vervallen":
                    item.notes.append("afgevoerd van de lijst: kies of de toezegging vervallen of voldaan is")
                if status == "voldaan" and not any("beantwoord" in note for note in item.notes):
                    item.notes.append("voldaan volgens de commissie: vul in kolom beantwoord de datum in van de brief "
                                      "die de toezegging nakwam")
    for item in found.values():
        if item.status is None and item.deadline is None:
            item.opnemen = False  # only named: nothing to register unless a person says so
            item.notes.append("alleen genoemd, zonder besluit over status of deadline")
    return list(found.values())


def _read(paper: Paper) -> list[Item]:
    entry = _register_entries(paper)
    items = entry or _decisions(paper)
    for item in items:
        item.notes.append("Eerste Kamer-toezegging: werkt een geregistreerde toezegging met dit nummer bij, of maakt "
                          "haar aan")
    first = paper.first
    if first is not None:
        first.chamber = "EK"
        first.kind = "toezegging" if entry else "verslag"
    return items


READER = SimpleReader("ek_toezeggingen", _recognise, _read)
