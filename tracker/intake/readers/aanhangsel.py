"""Written questions and their answer as the Aanhangsel Handelingen prints them:

    Vragen van het lid Erkens (VVD) aan de Minister van … over … (ingezonden 20 december 2024).
    Antwoord van Minister Hermans (Klimaat en Groene Groei) (ontvangen 4 februari 2025).
    Mededeling van Staatssecretaris … (ontvangen …)   — the answer will come later: an uitstelbericht

One kamervragen item: indieners and fracties, the answering bewindspersoon's ministry ("mede namens" others
does not change it), datum = ingezonden, beantwoord = ontvangen, the zaak number when the text gives it.
"""
from __future__ import annotations

import re

from .. import extract, ministries
from ..model import Item
from .base import Paper, SimpleReader, clip, judge, names_and_fracties, rule_due

_QUESTIONS = re.compile(
    r"Vragen (?:van|gesteld door) (?:het (?:Kamer)?lid|de (?:Kamer)?leden) (?P<who>[^.]+?) aan (?:de|het) (?P<to>[^.]+?)"
    r"(?: over (?P<over>.+?))?\.?\s*\((?:[Ii]ngezonden|[Ii]ngediend) (?:op )?(?P<d>[^)]{6,40}?)\)")
# "Antwoord van minister … (ontvangen …)"; older volumes print only "Antwoord (Ontvangen 12 maart 2009)".
_REPLY = re.compile(r"(?P<kind>Antwoord|Mededeling)(?: van (?P<by>.{3,400}?))?\s*\((?:[Oo]ntvangen|[Ii]ngezonden) "
                    r"(?P<d>[^)]{6,40}?)\)")
_ZAAK = re.compile(r"\b(?:19|20)\d{2}Z\d{4,5}\b")
# The ministry's own layout of its answers (2018): "Antwoorden van de ministers van Justitie en Veiligheid en van
# Binnenlandse Zaken en Koninkrijksrelaties op de vragen van het lid Wilders (PVV) over het bericht dat … (Ingezonden
# 12 november 2018, nr. 2018Z20755)" — the zaak number after the ingezonden date; the first minister named answers.
_MINISTRY_LAYOUT = re.compile(
    r"Antwoorde?n? van (?:de )?(?P<by>(?:[Mm]inister|[Ss]taatssecretaris)s?\s[^.]{3,200}?) op (?:de )?vragen van "
    r"(?:het (?:Kamer)?lid|de (?:Kamer)?leden) (?P<who>[^.]{2,200}?)(?: over (?P<over>[^()]{3,400}?))?\.?\s*"
    r"\((?:[Ii]ngezonden|[Ii]ngediend) (?:op )?(?P<d>[^),]{6,40}?)(?:,\s*nr\.\s*(?P<zaak>(?:19|20)\d{2}Z\d{4,5}))?\)")


def _recognise(paper: Paper) -> bool:
    return bool(_QUESTIONS.search(paper.whole.flat[:3000]) or _MINISTRY_LAYOUT.search(paper.whole.flat[:3000]))


def _ministry_layout(paper: Paper, answers: re.Match) -> list[Item]:
    """Answers in the ministry's layout: the questions' item, answered by this (often undated) paper."""
    flat = paper.whole.flat
    asked = extract.date_in(answers["d"])
    who, fracties = names_and_fracties(answers["who"])
    # (?<!\s): tried once per run of spaces, not at every space of it
    first = re.split(r"(?<!\s)\s+en\s+van\s+|(?<!\s)\s+en\s+(?=(?:de\s+)?(?:[Mm]inister|[Ss]taatssecretaris))", answers["by"])[0]
    first = re.sub(r"^([Mm]inister|[Ss]taatssecretaris)s\b", r"\1", first)
    found = ministries.bewindspersoon_ministry(first, asked)
    source = paper.whole.sentence(answers.start(), answers.end(), flat)
    item = Item(soort="kamervragen", kamer="TK", datum=asked, leden=who, fractie=fracties, status="ontvangen",
                ministerie=found[0] if found else None, nummer=answers["zaak"],
                titel=clip(f"Vragen van {'het lid' if ',' not in (who or '') else 'de leden'} {answers['who']}"
                           + (f" over {answers['over']}" if answers["over"] else "")))
    item.sources = {name: source for name in ("datum", "leden", "fractie", "titel", "ministerie", "nummer")}
    due = rule_due("kamervragen", "TK", asked, paper.calendar)
    if due:
        item.deadline, item.sources["deadline"] = due.isoformat(), "drie weken na het indienen (de regel voor Kamervragen)"
    document = paper.first
    if document is not None:
        document.kind, document.chamber = "antwoord", document.chamber or "TK"
        if found and not document.sender:
            document.sender, document.sender_code = first, found[0]
            document.sources["sender"] = source
        if document.date:
            item.beantwoord, item.status = document.date, "beantwoord"
            item.sources["beantwoord"] = document.sources.get("date", "")
        else:
            item.notes.append("de antwoorden zijn niet gedateerd: vul de datum van beantwoorden in")
    return [item]


def _read(paper: Paper) -> list[Item]:
    flat = paper.whole.flat
    questions = _QUESTIONS.search(flat[:3000])
    if questions is None:
        return _ministry_layout(paper, _MINISTRY_LAYOUT.search(flat[:3000]))
    asked = extract.date_in(questions["d"])
    reply = _REPLY.search(flat, questions.end(), questions.end() + 3000)
    chamber = "EK" if re.search(r"\bEerste Kamer\b", flat[:3000]) else "TK"
    who, fracties = names_and_fracties(questions["who"])
    item = Item(soort="kamervragen", kamer=chamber, datum=asked, leden=who, fractie=fracties, status="ontvangen",
                titel=clip(f"Vragen van {'het lid' if ',' not in (who or '') else 'de leden'} {questions['who']}"
                           + (f" over {questions['over']}" if questions["over"] else "")))
    source = paper.whole.sentence(questions.start(), questions.end(), flat)
    item.sources = {name: source for name in ("datum", "leden", "fractie", "titel")}
    zaak = _ZAAK.search(flat[:4000])
    if zaak:
        item.nummer, item.sources["nummer"] = zaak.group(0), paper.whole.sentence(zaak.start(), zaak.end(), flat)
    else:
        item.notes.append("het zaaknummer van de Kamervragen (2024Z…) staat niet in de tekst: vul het in")
    due = rule_due("kamervragen", chamber, asked, paper.calendar)
    if due:
        item.deadline, item.sources["deadline"] = due.isoformat(), "drie weken na het indienen (de regel voor Kamervragen)"
    document = paper.first
    ministry = None
    if reply:
        item.sources["ministerie"] = reply.group(0)
        when = extract.date_in(reply["d"])
        by = reply["by"] or ""
        bracket = re.match(r"[^(]*\((?P<m>[^)]+)\)", by)
        ministry = (ministries.code_of_name(bracket["m"], when) if bracket else None) or \
            (ministries.bewindspersoon_ministry(by, when) or (None,))[0]
        if document is not None:
            document.date = document.date or when
            document.kind = "uitstelbericht" if reply["kind"] == "Mededeling" else "antwoord"
            document.sources["date"] = reply.group(0)
            if ministry and not document.sender:
                document.sender, document.sender_code = " ".join(by.split()), ministry
                document.sources["sender"] = reply.group(0)
        if when and reply["kind"] == "Mededeling":
            item.uitstelbericht, item.status = when, "uitstel gemeld"
            item.sources["uitstelbericht"] = reply.group(0)
        elif when:
            item.beantwoord, item.status = when, "beantwoord"
            item.sources["beantwoord"] = reply.group(0)
        if document is not None and when:
            judge(item, document, paper.calendar)
    if ministry is None:  # not answered yet: the bewindspersoon the questions are put to
        found = ministries.bewindspersoon_ministry(questions["to"], asked)
        ministry = found[0] if found else None
        item.sources["ministerie"] = source
    item.ministerie = ministry
    if document is not None:
        document.chamber = document.chamber or chamber
    return [item]


READER = SimpleReader("aanhangsel", _recognise, _read)
