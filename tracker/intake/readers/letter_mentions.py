"""The obligations a minister's letter names: written questions ("De vragen van het Kamerlid Leijten (SP) over
…, ingezonden op 22 december 2008", "Op 9 maart 2018 ontving ik Kamervragen van het lid Kröger (GroenLinks)",
"… (2024Z18765)"), a committee's request ("uw brief van 14 september 2020 inzake Verzoek commissie VWS …",
"De vaste commissie voor OCW heeft mij bij brief van 19 april 2012 verzocht …", "ingezonden op 18 april 2011
met kenmerk 32 500 C/2011D20325") and motions by their Kamerstuk ("de motie Kuiken/Elias (Kamerstuk 33 400
A, nr. 76)", "de moties Kamerstuk 32 793, nr. 176 (Dik-Faber), …", a footnote's reference).

Each is an item the letter answers (an answer letter, "Hierbij stuur ik u …"), discharges ("beschouw ik de
motie … als afgedaan") or only mentions; tracker.intake.readers.delays postpones those an uitstelbericht
is about.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...domain.dutch import TEXT_DATE_RE, DateParseError, parse_date
from ...domain.phrases import resolve_phrase
from .. import budget, extract, ministries
from ..model import Document, Item
from ..moments import find_moment
from ..text import Text
from .base import Paper, SimpleReader, clip, letter_body, names_and_fracties, rule_due
from .motions import request_deadline

_DATE = re.compile(TEXT_DATE_RE, re.I)
_JL = r"(?:\s*j\.?\s?l\.?)?"
# The member's name runs to the fractie in brackets; a member named without a fractie ends at "over": "op 16 november
# 2009 vragen van het kamerlid Meeuwis over verdringing van de luchtsport (kenmerk 2009Z21622)" (VenW uitstelbrief,
# 2009) — there the bracket holds the kenmerk, not a fractie, so "who" may not run over "over" and the
# bracket may not open with "kenmerk" or a digit.
_QUESTIONS = re.compile(
    r"(?:schriftelijke\s+)?(?:Kamer)?vragen\s+(?:van|gesteld door)\s+(?:het\s+(?:Kamer)?lid|de\s+(?:Kamer)?leden)\s+"
    r"(?:(?P<who>[A-Z](?:(?!\sover\s)[^()]){0,120}?\((?!kenmerk\b|\d)[^)]+\)(?:(?:,\s*|\s+en\s+)[A-Z][^()]{0,60}?\([^)]+\))*)|"
    r"(?P<bare>(?-i:[A-Z])[\w'’-]+(?:\s+(?:van|de|der|den|ter|(?-i:[A-Z])[\w'’-]+)){0,3})(?=\s+over\s))", re.I)
# The date right before the questions in an enumeration of what the minister received: "…, op 16 november 2009
# vragen van het kamerlid Meeuwis over … en op 26 november 2009 van de vaste commissie … het verzoek …" (VenW, 2009).
_DATED_BEFORE = re.compile(rf"\bop (?P<d>{TEXT_DATE_RE})\s+$")
# An enumeration of received obligations in one sentence, each clause opening with its date: "Op 14 oktober 2009
# ontving ik van de vaste commissie … het verzoek … (kenmerk …), op 16 november 2009 vragen van het kamerlid … en op
# 26 november 2009 van de vaste commissie … het verzoek … (kenmerk …)." (VenW uitstelbrief, 2009). Each clause is read
# as a sentence of its own.
_CLAUSE_BREAK = re.compile(rf"(?:,|(?<!\s)\s+en)\s+(?=op {TEXT_DATE_RE}\s+(?:van|vragen|het|een|de)\b)")


def clauses(sentence: str) -> list[str]:
    """A sentence enumerating dated obligations, cut at each ", op <date>" or " en op <date>"."""
    parts, start = [], 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        parts.append(sentence[start:match.start()])
        start = match.end()
    parts.append(sentence[start:])
    return [p for p in parts if p.strip()]
# "Op 12 februari 2025 zijn door het lid Van der Plas (BBB) vragen gesteld aan de minister van … over …"
_ASKED_BY = re.compile(
    r"\bdoor\s+(?:het\s+(?:Kamer)?lid|de\s+(?:Kamer)?leden)\s+(?P<who>[A-Z][^()]{0,120}?\([^)]+\)(?:(?:,\s*|\s+en\s+)"
    r"[A-Z][^()]{0,60}?\([^)]+\))*)\s+(?:schriftelijke\s+)?(?:Kamer)?vragen\s+(?:gesteld|ingediend|ingezonden)")
_MEMBER_ASKED = re.compile(
    rf"[Hh]et lid (?P<naam>[A-Z][\w' -]*?) \((?P<fractie>[^)]+)\) heeft [^.]*?\bop (?P<d>{TEXT_DATE_RE}) vragen"
    rf"(?: aan u)? gesteld(?: over (?P<over>.+?)(?=\.\s+[A-Z]|\.?$))?")
_ZAAK = re.compile(r"\b(?:19|20)\d{2}Z\d{4,5}\b")
_SUBMITTED = re.compile(rf"\b(?:ingezonden|ingediend|gesteld)(?: op)? (?P<d>{TEXT_DATE_RE}){_JL}|"
                        rf"\b[Oo]p (?P<d2>{TEXT_DATE_RE.replace('?P<', '?P<o')}){_JL} (?:ontving|ontvingen|heb ik|hebben wij|zijn|is|heeft|hebben)\b")
# Within one sentence: any character but a full stop, or the full stop of "jl." ("bij brief van 26 maart jl.
# gevraagd"); the two alternatives never match the same character, so the repetition cannot backtrack.
_IN_SENTENCE = r"(?:[^.]|(?<=\bjl)\.)"
# The date in brackets behind the questions' subject: the VWS uitstelbericht template of 2007–2012 "De vragen van
# het Kamerlid Zijlstra (VVD) over de gerechtelijke vonnissen … (4 september 2009) kunnen tot mijn spijt niet …"
_BRACKETED = re.compile(rf"\((?P<d>{TEXT_DATE_RE})\)(?=\s+(?:kunnen|zijn|worden|is)\b)(?P<d2>)")
# Also a request put to the minister in the passive, after one from the committee: "Op dezelfde dag is mij verzocht om
# een appreciatie van de verkiezing van het Europees Parlement naar de Kamer te sturen …" (BZK, 2019).
_REQUEST = re.compile(rf"\bcommissie\b{_IN_SENTENCE}{{0,200}}?\b(?:verzoek|verzocht|gevraagd|vragen)\b|\b(?:verzoek|verzocht|gevraagd"
                      rf"|vragen)\b{_IN_SENTENCE}{{0,200}}?\bcommissie\b|\buw\s+(?:\w+\s+)?(?:verzoek|brief)\s+van\b|"
                      rf"\b(?:is|werd) mij (?:\w+ )?(?:verzocht|gevraagd)\b", re.I)
# "Op dezelfde dag": the date is the last one the sentence before names ("Ik heb daarop gereageerd bij brief van 18
# april jl. … Op dezelfde dag is mij verzocht …", BZK 2019).
_SAME_DAY = re.compile(r"\b[Oo]p (?:dezelfde|diezelfde) dag\b")
# Where the request verb stands: what follows is the request's own moment, in words ("heeft mij bij brief van 26 maart
# jl. gevraagd ruim voor het zomerreces de evaluatie … aan de Kamer te doen toekomen", BZK 2019).
_ASK_VERB = re.compile(r"\b(?:verzocht|gevraagd|verzoek)\b")
# The sentence after a committee's request saying this letter fulfils it: "Met deze brief voldoe ik aan dat
# verzoek.", "Hierbij kom ik tegemoet aan uw verzoek.", "Met deze brief geef ik gehoor aan dit verzoek."
# Several requests at once, after the sentences naming them: "Met deze brief voldoe ik versneld aan de verzoeken van
# uw Kamer, …" (BZK, 2019; the plural "verzoeken" — see _fulfilled()).
_FULFILS = re.compile(r"\b(?:[Mm]et deze brief|[Hh]ierbij|[Hh]iermee|[Mm]et bijgaande brief)\s+(?:voldoe|kom|geef|reageer)\s+"
                      r"(?:ik|wij)\b[^.]{0,70}?\b(?:verzoek|vraag|gehoor|(?P<all>verzoeken))\b")
# What a committee asks about, as a clerk names it: "gevraagd uw Kamer te informeren over de stand van zaken van
# X", "verzocht om een reactie op het rapport Y", "een brief inzake Z".
_ASKED_ABOUT = re.compile(r"\b(?:(?:om )?(?:een |de )?(?P<what>reactie|kabinetsreactie|brief|informatie|stand van zaken|"
                          r"toelichting|overzicht|appreciatie)\s+(?:te (?:geven|sturen|zenden)\s+)?(?P<prep>op|over|inzake|met betrekking tot)\s+|"
                          r"\b(?:te informeren|te berichten|te reageren|in te gaan)\s+(?:over|op)\s+|\binzake\s+|\bover\s+)"
                          r"(?P<s>[^.;]{4,160}?)(?=\s*(?:[.;]|$|,\s*(?:en|maar|waarbij|zodat|dat|die|waarin|welke)\b|\s+te\s+\w+(?:en)?\b\s*[.,]))")
# The committee's kenmerk of its letter: "met kenmerk 32 500 C/2011D20325", "2011Z08532", and the TK committees'
# letter numbers of 2005–2010, "(verzoek met kenmerk 08-DEF-B-084)" (year, committee, B = brief, number).
# The 2009 VenW wording names it in brackets, zaak and document number together: "het verzoek om reactie op de brief
# van derden … (kenmerk 2009Z18920/2009D49919)".
_KENMERK = re.compile(r"(?:\bmet kenmerk|\(kenmerk) (?P<k>\d{2}\s?\d{3}(?:\s?[A-Z]{1,4})?/(?:19|20)\d{2}D\d{4,6}|"
                      r"(?:19|20)\d{2}[DZ]\d{4,6}(?:/(?:19|20)\d{2}D\d{4,6})?|"
                      r"\d{2}-[A-Z&]{2,8}-[A-Z]-\d{2,4})")
_ANSWERS_NOW = re.compile(r"\b(?:[Hh]ierbij|[Hh]iermee|[Bb]ijgaand|[Mm]et deze brief)\b[^.]{0,120}?\b(?:stuur|zend|bied|"
                          r"informeer|reageer|beantwoord|ontvangt u|geef ik)\b|\b(?:stuur|zend|bied) ik u hierbij\b")
_MOTION = re.compile(r"\bmoties?\b", re.I)
_MOTION_WHO = re.compile(r"\bmotie[- ](?:van (?:het lid|de leden) )?(?P<who>[A-Z][\w'’-]*(?:(?:/|,\s*|\s+en\s+|\s+)"
                         r"(?:van der |van |de )?[A-Z][\w'’-]*)*(?: c\.s\.)?)")
_ADOPTED = re.compile(rf"\baangenomen(?: op)? (?P<d>{TEXT_DATE_RE})|\b[Oo]p (?P<d2>{TEXT_DATE_RE.replace('?P<', '?P<a')})"
                      rf"{_JL} heeft (?:uw|de) (?:Tweede |Eerste )?Kamer\b.{{0,200}}?\baangenomen")
# A motion settled: "beschouw ik de motie … als afgedaan", "De motie Mastwijk/Neppérus (Kamerstuknummer 29 435,
# nr. 256) is als volgt afgedaan." (an answer in a lijst van vragen, 2011: "nr." inside), "Met deze brief geef ik
# uitvoering aan de motie …"
_DISCHARGE = re.compile(r"beschouw ik (?:de|deze) motie(?: van (?:het lid|de leden) (?P<names>[A-Z][^.]*?))?\s+als\s+"
                        r"(?:afgerond|afgedaan|uitgevoerd)|\b(?:[Dd]e|[Dd]eze) motie(?:[^.]|(?<=\bnr)\.){0,80}?\b(?:is|als) (?:hiermee |daarmee |als volgt )?"
                        r"(?:afgedaan|uitgevoerd|afgerond)\b|\b(?:[Mm]et deze brief|[Hh]iermee|[Hh]ierbij)\s+(?:geef|kom|voldoe)\s+"
                        r"ik\s+(?:uitvoering\s+aan|invulling\s+aan|tegemoet\s+aan|aan)\s+(?:de|deze)\s+motie|"
                        # what this letter sends carries a motion out: "Hierbij doe ik u … het kabinetsstandpunt … toekomen,
                        # mede ter uitvoering van de op 17 november jl. door uw Kamer … aanvaarde motie-Taverne" (BZK, 2015)
                        r"\b[Hh]ierbij\b[^.]{0,200}?\b(?:mede\s+)?ter\s+uitvoering\s+van\s+(?:de|deze)\b(?:[^.]|(?<=\bjl)\.){0,120}?\bmotie")
# An answer in a lijst van vragen about open motions that names the letter that carried the motion out: "De Minister van
# SZW heeft de Kamer per brief d.d. 2 mei 2011 geïnformeerd over de uitvoering van de motie Slob/de Rouwe over …"
# (kst-32500-XII-72, 2011) — settled on that letter's date, by that minister.
_INFORMED_ON = re.compile(rf"\b(?P<who>(?:[Mm]inister|[Ss]taatssecretaris)\s+(?:van|voor)\s+[^.,]{{2,60}}?)\s+heeft\s+de\s+Kamer\s+"
                          rf"(?:per|bij)\s+brief\s+(?:d\.d\.|van)\s+(?P<d>{TEXT_DATE_RE})\s+geïnformeerd\s+over\s+de\s+"
                          rf"uitvoering\s+van\s+de\s+motie\b")
_MOTION_MENTION = re.compile(r"[Mm]otie van (?:het lid|de leden) (?P<names>[A-Z][^()]*?) \((?P<fractie>(?!Kamerstuk)[^)]+)\)(?P<fn>\d*)")


def _recognise(paper: Paper) -> bool:
    return any((d.kind in LETTER_KINDS and not _from_committee(d)) or _answer_list(d) for d in paper.documents)


LETTER_KINDS = ("kamerbrief", "antwoord", "voortgangsbrief", "uitstelbericht", "nota")


def _from_committee(document: Document) -> bool:
    return "commissie" in (document.sender or "").lower() and not document.sender_code


def _when(text: str | None, context) -> object:
    if not text:
        return None
    try:
        return parse_date(text, context, prefer="past")
    except DateParseError:
        return None


@dataclass
class _Earlier:
    """What the readers before this one found, indexed once for all letters (looking through every item for
    every letter made intake quadratic in the number of letters)."""

    askers: set  # the leden of the Kamervragen found
    request_dates: set  # the dates of the commissiebrieven found

    @classmethod
    def of(cls, paper: Paper) -> "_Earlier":
        return cls({i.leden for i in paper.items if i.soort == "kamervragen"},
                   {i.datum for i in paper.items if i.soort == "commissiebrief"})


def _questions(text: Text, document: Document, ministry, paper: Paper, earlier: _Earlier) -> list[Item]:
    flat, items, seen = text.flat, [], set()
    for match in [*_QUESTIONS.finditer(flat), *_ASKED_BY.finditer(flat)]:
        sentence_start, sentence_end = text.span(match.start(), match.end(), flat)
        sentence = flat[sentence_start:sentence_end]
        who, fracties = names_and_fracties(match["who"]) if match["who"] else (match["bare"], None)
        # the zaak number after the questions, else anywhere in the sentence ("(2024Z18765)" before them)
        zaak = _ZAAK.search(flat, match.start(), sentence_end) or _ZAAK.search(sentence)
        key = zaak.group(0) if zaak else who
        if key in seen or who in earlier.askers:
            continue
        seen.add(key)
        submitted = _DATED_BEFORE.search(flat, max(sentence_start, match.start() - 40), match.start())
        if submitted is None:
            submitted = _SUBMITTED.search(flat, sentence_start, min(len(flat), match.end() + 250))
        if submitted is None:  # "De vragen van het Kamerlid Zijlstra (VVD) over … (4 september 2009) kunnen …"
            submitted = _BRACKETED.search(flat, match.end(), sentence_end)
        asked = _when((submitted["d"] or submitted.groupdict().get("d2")) if submitted else None, document.date)
        letterhead = None
        if asked is None and document.answers and "Uw brief van" in document.sources.get("answers", ""):
            asked, letterhead = document.answers, document.sources["answers"]  # the letterhead's "Uw brief van"
        # the subject ends before the main clause: "In antwoord op de Kamervragen van de leden Bosma en Fritsma (beiden
        # PVV) over de sluiting van scholen op islamitische feestdagen deel ik u mee dat …" (OCW, 2007)
        over = re.search(r"\bover (?P<s>.+?)(?:,\s*ingezonden|\s*\((?:kenmerk\s+)?(?:19|20)\d{2}Z|\s+(?:deel|meld|bericht) ik\b|\.\s|\.?$)",
                         sentence[match.end() - sentence_start:])
        plural = "," in (who or "") or " en " in (match["who"] or "")
        item = Item(soort="kamervragen", kamer="TK", datum=asked, leden=who, fractie=fracties, ministerie=ministry,
                    nummer=zaak.group(0) if zaak else None, status="ontvangen",
                    titel=clip(f"Vragen van {'de leden' if plural else 'het lid'} {(match['who'] or match['bare']).strip()}"
                               + (f" over {over['s'].strip()}" if over else "")))
        source = " ".join(sentence.split())
        item.sources = {name: source for name in ("leden", "fractie", "titel", "ministerie")}
        if zaak:
            item.sources["nummer"] = source
        else:
            item.notes.append("het zaaknummer van de Kamervragen (2024Z…) staat niet in de tekst: vul het in")
        if asked:
            item.sources["datum"] = letterhead or text.sentence(submitted.start(), submitted.end(), flat)
            due = rule_due("kamervragen", "TK", asked, paper.calendar)
            item.deadline = due.isoformat() if due else None
            item.sources["deadline"] = "drie weken na het indienen (de regel voor Kamervragen)"
        else:
            item.notes.append("de datum waarop de vragen zijn ingezonden staat er niet bij: vul die in")
        item.role = "obligation"
        items.append(item)
    for match in _MEMBER_ASKED.finditer(flat):  # "Het lid Van Baarle (DENK) heeft op 27 juni vragen gesteld over …"
        asked = _when(match["d"], document.date)
        if asked is None or match["naam"].strip() in seen:
            continue
        seen.add(match["naam"].strip())
        item = Item(soort="kamervragen", kamer="TK", datum=asked, leden=match["naam"].strip(),
                    fractie=match["fractie"].strip(), ministerie=ministry, status="ontvangen",
                    titel=clip(f"Vragen van het lid {match['naam'].strip()} ({match['fractie'].strip()})"
                               + (f" over {match['over'].strip()}" if match["over"] else "")))
        source = text.sentence(match.start(), match.end(), flat)
        item.sources = {name: source for name in ("datum", "leden", "fractie", "titel")}
        item.notes.append("het nummer van de Kamervragen (2023Z…) staat niet in de tekst: vul het in")
        item.role = "obligation"
        items.append(item)
    return items


# The government site's summary of an uitstelbrief names the questions only by subject: "Verzoek om uitstel
# beantwoording Kamervragen over apenrechten" / "Kamerbrief waarin de minister meldt dat ze de Kamervragen niet op tijd
# kan beantwoorden." (2008)
_QUESTIONS_ABOUT = re.compile(r"\b(?:Kamer|schriftelijke\s+)?vragen\s+over\s+(?P<s>[^.;:]{3,160}?)\s*(?:[.;:]|$)", re.I)
_NOT_IN_TIME = re.compile(r"\bKamervragen\b[^.]{0,80}?\bniet\s+(?:op\s+tijd|tijdig|binnen\s+de\s+(?:gestelde\s+)?termijn)\b|"
                          r"\buitstel\s+(?:van\s+(?:de\s+)?)?beantwoording\s+(?:van\s+(?:de\s+)?)?Kamervragen\b", re.I)


def _questions_unnamed(text: Text, document: Document, ministry) -> list[Item]:
    """Kamervragen an uitstelbericht postpones without naming who asked them or when: one item by subject."""
    flat = text.flat
    late = _NOT_IN_TIME.search(flat)
    if late is None:
        return []
    # the subject from a line (a title line has no full stop and would run into the next)
    about = next((m for m in map(_QUESTIONS_ABOUT.search, text.lines) if m), None)
    source = text.sentence(late.start(), late.end(), flat)
    item = Item(soort="kamervragen", kamer=document.chamber or "TK", ministerie=ministry, status="ontvangen",
                titel=clip(f"Kamervragen over {about['s'].strip()}" if about else "Kamervragen"))
    item.sources = {"titel": about.string if about else source}
    item.notes += ["wie de vragen stelde en wanneer staat er niet bij: vul de indieners, de datum en het zaaknummer in"]
    item.role = "obligation"
    return [item]


def _requests(text: Text, document: Document, ministry, paper: Paper, earlier: _Earlier) -> list[Item]:
    """A committee's request the letter answers or postpones, dated by the sentence that names it."""
    flat, items, spans = text.flat, [], []
    for match in _REQUEST.finditer(flat):
        if flat[max(0, match.start() - 3):match.start()] == "op " and match.group(0).lower().startswith("verzoek") \
                and not _SENT_ON_REQUEST.search(text.sentence(match.start(), match.end(), flat)):
            continue  # "mede op verzoek van de Vaste commissie … overlegd": why something was done, not a request
        span = text.span(match.start(), match.end(), flat)
        if any(start <= match.start() < end for start, end in spans):
            continue  # a second request word in the sentence of a request already read
        spans.append(span)
        whole_sentence = text.sentence(match.start(), match.end(), flat)
        wide = text.sentence(match.start(), match.end(), flat, reach=800)
        enumeration = bool(_CLAUSE_BREAK.search(wide))
        if enumeration:  # an enumeration: read each of its clauses, all of them
            whole_sentence = wide
        items += _requests_in(whole_sentence, text, document, ministry, paper, earlier, items,
                              context=None if enumeration else wide)
    return items


def _requests_in(whole_sentence: str, text: Text, document: Document, ministry, paper: Paper, earlier: _Earlier,
                 found: list[Item], context: str | None = None) -> list[Item]:
    """The requests of one sentence: one, or one per dated clause of an enumeration (see clauses())."""
    items = []
    for sentence in clauses(whole_sentence):
        if not _REQUEST.search(sentence):
            continue
        item = _request(sentence, whole_sentence, text, document, ministry, paper, earlier, [*found, *items],
                        context or sentence)
        if item:
            items.append(item)
    return items


# When the request was sent, said of the request itself and preferred over the other dates of its sentence:
# "Naar aanleiding van de schriftelijke vragen van de vaste commissie … over de brief van de minister … van 29 maart 2011
# …, die werden ingezonden op 18 april 2011 met kenmerk 32 500 C/2011D20325, deel ik u mee …" (BZK, 2011).
_SENT_ON = re.compile(rf"\b(?:ingezonden|verzonden|toegezonden)\s+(?:op\s+)?(?P<d>{TEXT_DATE_RE})")


def _request(sentence: str, whole_sentence: str, text: Text, document: Document, ministry, paper: Paper,
             earlier: _Earlier, items: list[Item], context: str = "") -> Item | None:
    """One request; `context` is its whole sentence, also beyond the 160 characters either side `sentence` keeps
    (a long sentence names the kenmerk and the date the questions were sent at its end)."""
    flat = text.flat
    if "?" in sentence[-2:] or re.search(r"\bvragen van (?:het|de) (?:Kamer)?(?:lid|leden)\b", sentence, re.I):
        return None  # a member's questions (read above), or a question in a list
    if re.search(r"\bOns kenmerk\b", sentence):
        return None  # the letterhead's labels ("Ons kenmerk Uw brief van …"), not a request
    dated = _DATE.search(sentence)
    asked = _when(dated.group(0), document.date) if dated else None
    sent_on = _SENT_ON.search(context or sentence)
    if sent_on and _when(sent_on["d"], document.date):
        asked = _when(sent_on["d"], document.date)
    start = flat.find(whole_sentence)
    if asked is None and _SAME_DAY.search(sentence) and start > 0:
        before = list(_DATE.finditer(flat, max(0, start - 400), start))
        asked = _when(before[-1].group(0), document.date) if before else None
    kenmerk = _KENMERK.search(sentence) or _KENMERK.search(context or sentence)
    if document.date and asked and asked > document.date:
        return None
    sent_now = _SENT_ON_REQUEST.search(sentence)
    if asked is None and not kenmerk and not sent_now:
        return None  # a request named by neither its date nor its kenmerk is too vague to register
    if asked and (asked in earlier.request_dates or any(i.datum == asked for i in items)):
        return None
    if kenmerk and any(i.nummer == " ".join(kenmerk["k"].split()) for i in items):
        return None
    item = Item(soort="commissiebrief", kamer=document.chamber or "TK", datum=asked, ministerie=ministry,
                nummer=" ".join(kenmerk["k"].split()) if kenmerk else None, status="ontvangen",
                titel=request_title(sentence, document.subject))
    item.sources = {"datum": sentence, "titel": sentence, "ministerie": document.sources.get("sender", "")}
    if asked is None:
        item.notes.append("de datum van het verzoek staat er niet bij: vul die in als die bekend is")
    if kenmerk:
        item.sources["nummer"] = sentence
    else:
        item.notes.append("het kenmerk van de commissiebrief staat niet in de tekst: vul het in")
    own = _OWN_TERM.search(sentence)
    due = (resolve_phrase(own["m"] or own["m2"], asked or document.date, item.kamer, paper.calendar).due if own else None)
    if due:  # the committee's own term: "heeft … mij verzocht om voor 29 april a.s. de nota … in te dienen"
        item.deadline, item.sources["deadline"] = due.isoformat(), sentence
        due = None
    elif not own:
        verb = _ASK_VERB.search(sentence)
        moment = find_moment(sentence[verb.end():]) if verb else None
        if moment:  # the committee's own moment in words: kept as written, as a letter's "vóór het kerstreces"
            item.deadline, item.sources["deadline"] = moment, sentence
        else:
            due = rule_due("commissiebrief", item.kamer, asked, paper.calendar)
    if due:
        item.deadline = due.isoformat()
        item.sources["deadline"] = "vier weken na de brief (de gebruikelijke termijn; de brief noemt geen eigen termijn)"
        item.notes.append("de termijn van de commissie staat er niet bij: vier weken aangenomen, controleer")
    end = start + len(whole_sentence)
    fulfilled = sentence if _ANSWERS_NOW.search(whole_sentence) else _fulfilled(text, flat, end)
    if fulfilled and document.date:  # this letter answers the request: linked as answered, no new promise
        item.beantwoord, item.status, item.sources["beantwoord"] = document.date, "beantwoord", fulfilled
    item.role = "obligation"
    return item


# What this letter sends at a committee's request, the request undated: "Hierbij zend ik u op verzoek van de commissie
# Onderwijs, Cultuur en Wetenschap, mijn reactie op de initiatiefnota …" (OCW, 2015) — the request answered now.
_SENT_ON_REQUEST = re.compile(r"\b(?:[Hh]ierbij|[Bb]ijgaand|[Mm]et deze brief)\s+(?:stuur|zend|bied|informeer)\s+(?:ik|wij)\s+"
                              r"(?:u\s+|uw Kamer\s+)?(?:\w+\s+)?op\s+verzoek\s+van\s+(?:de|uw)\s+(?:vaste\s+)?commissie\b")


def _fulfilled(text: Text, flat: str, end: int) -> str | None:
    """The sentence saying this letter fulfils the request: the next one ("Met deze brief voldoe ik aan dat
    verzoek."), or one of the next three when it fulfils "de verzoeken" (all the requests just named)."""
    for step in range(3):
        if not 0 < end < len(flat) - 1:
            return None
        start, end = text.span(end + 1, end + 2, flat)
        following = flat[start:end].strip()
        said = _FULFILS.search(following)
        if said and (step == 0 or said["all"]):
            return following
        # the request recalled, then what it asked sent: "Op 19 september jl. heeft de vaste commissie … verzocht om
        # uiterlijk 10 november 2009 de beleidsreactie … te doen toekomen. Hierbij zend ik u de beleidsreactie op
        # bovengenoemde verkenning." (OCW, 2009)
        if step == 0 and re.match(r"(?:[Hh]ierbij|[Bb]ijgaand|[Mm]et deze brief)\b", following) and _ANSWERS_NOW.search(following):
            return following
    return None


# A committee's request with its own term, in the letter that answers or postpones it: "heeft de vaste commissie
# … mij verzocht om voor 29 april a.s. de nota … in te dienen" (kst-34389-6, 2016), "gevraagd uiterlijk 1 juni".
# Also the term named with the request: "het verzoek van de vaste commissie … (ingezonden 11 januari 2018) niet binnen
# de gestelde termijn van 15 februari 2018 kan worden voldaan" (JenV uitstelbericht, 2018).
_OWN_TERM = re.compile(rf"\b(?:verzocht|gevraagd)\b(?:\s+om)?\s+(?P<m>(?:voor|vóór|uiterlijk)\s+{TEXT_DATE_RE})|"
                       rf"\b(?:gestelde|gevraagde) termijn van (?P<m2>{TEXT_DATE_RE.replace('?P<', '?P<t')})")


# What a committee asks to be sent or filed, as the object of the request: "heeft … mij verzocht om voor 29 april a.s.
# de nota naar aanleiding van het verslag over het wetsvoorstel … in te dienen" (kst-34389-6, 2016).
_ASKED_FOR = re.compile(r"\b(?:verzocht|gevraagd)\s+(?:om\s+)?(?:(?:voor|vóór|uiterlijk)\s+\d{1,2}\s+\w+(?:\s+(?:a\.s\.|jl\.|\d{4}))?\s+)?"
                        r"(?P<obj>(?:de|het|een)\s(?:(?!\s(?:in te dienen|te sturen|toe te (?:sturen|zenden)|te zenden|waarin|die|dat)\b)[^.;]){3,160}?)"
                        r"\s+(?:in te dienen|te sturen|toe te (?:sturen|zenden)|te zenden)\b")


def request_title(sentence: str, subject: str | None = None) -> str:
    """A committee's request as a clerk titles it: "Verzoek om informatie over de stand van zaken van de herziening
    van de Wet openbaarheid van bestuur", not the sentence's first words; else the letter's Betreft line."""
    asked_for = _ASKED_FOR.search(sentence)
    if asked_for:  # "mij verzocht om voor 29 april a.s. de nota naar aanleiding van het verslag … in te dienen"
        return clip(f"Verzoek om {asked_for['obj'].strip(' ,')}", 200)
    about = _ASKED_ABOUT.search(sentence)
    if about:
        what = about["what"] or "informatie"
        article = "een " if what in ("reactie", "kabinetsreactie", "brief", "toelichting", "overzicht", "appreciatie") else ""
        prep = about["prep"] if about["what"] else "over"
        return clip(f"Verzoek om {article}{what} {prep} {about['s'].strip(' ,')}", 200)
    if subject:
        return clip(f"Verzoek: {subject}", 200)
    return clip(f"Verzoek: {sentence}")


def _motions(text: Text, document: Document, ministry, paper: Paper) -> list[Item]:
    """Motions the letter names with their Kamerstuk (in the sentence, or in the footnote the name points to)."""
    flat, items, seen = text.flat, [], set()
    footnotes = paper.whole.memo("footnotes", _footnotes)
    for match in _MOTION.finditer(flat):
        sentence_start, window_end = text.span(match.start(), match.end(), flat)
        later = re.search(r"\btoezegging", flat[match.end():window_end])
        window = flat[match.start():match.end() + later.start() if later else window_end]
        sentence = flat[sentence_start:window_end]
        cited = extract.references(Text([window]))
        mention = _MOTION_MENTION.match(flat, match.start() - 0) or _MOTION_MENTION.search(window)
        if not cited and mention and mention["fn"] and footnotes.get(mention["fn"]):
            cited = [extract.Found(footnotes[mention["fn"]], footnotes[mention["fn"]])]
        # "motie van het lid Marijnissen c.s. (Kamerstuk 35510-21) en motie van het lid Klaver c.s. (Kamerstuk
        # 35510-16)": as many names as numbers in the sentence, in the same order, each motion its own member
        whos = list(_MOTION_WHO.finditer(window)) if len(cited) > 1 else []
        for position, found in enumerate(cited):
            number = extract.bare_reference(found.value)
            if number in seen:
                continue
            seen.add(number)
            who = whos[position] if len(whos) == len(cited) else _MOTION_WHO.search(window)
            after = _named_after(window, found.value.split(", ")[-1])
            name = (after["who"] if after else None) or (who["who"] if who else None) or (mention["names"] if mention else None)
            item = Item(soort="motie", kamer=document.chamber or "TK", nummer=number, ministerie=ministry,
                        leden=name, fractie=mention["fractie"] if mention else None,
                        titel=clip(f"Motie {name} ({number})" if name else f"Motie {number}"))
            item.sources = {"nummer": " ".join(sentence.split()), "titel": " ".join(sentence.split())}
            adopted = _ADOPTED.search(sentence)
            if adopted:
                item.datum = _when(adopted["d"] or adopted["d2"], document.date)
                item.status, item.sources["datum"] = "aangenomen", sentence
            moment = request_deadline(sentence) if re.search(r"verzoek", sentence) else None
            if moment:
                item.deadline, item.sources["deadline"] = moment, sentence
            # settled by this letter: said in the sentence that names the motion, or in the one after it
            following = text.span(window_end + 1, window_end + 2, flat)[1] if window_end + 1 < len(flat) else window_end
            discharged = _DISCHARGE.search(flat, sentence_start, following) or next(
                (d for d in _DISCHARGE.finditer(flat)  # elsewhere in the letter, naming this motion's member
                 if d["names"] and name and d["names"].strip().startswith(name.split()[0])), None)
            informed = _INFORMED_ON.search(flat, sentence_start, following) if not discharged else None
            if informed and len(cited) == 1:  # settled by an earlier letter, which the answer names and dates
                item.status, item.beantwoord = "afgedaan", _when(informed["d"], document.date)
                item.sources["status"] = item.sources["beantwoord"] = text.sentence(informed.start(), informed.end(), flat)
                by = ministries.bewindspersoon_ministry(informed["who"], item.beantwoord)
                if by:
                    item.ministerie, item.sources["ministerie"] = by[0], item.sources["status"]
            elif discharged and (len(cited) == 1 or name and name.split()[0] in (discharged["names"] or "")):
                item.status, item.beantwoord = "afgedaan", document.date
                item.sources["status"] = text.sentence(discharged.start(), discharged.end(), flat)
                if document.date is None:
                    item.notes.append("de brief heeft geen leesbare dagtekening: vul de datum van afdoen in")
            item.role = "obligation"
            items.append(item)
    if not items:  # "beschouw ik de motie van het lid Bergkamp als afgerond": the number from its footnote
        items += _discharged_without_number(text, document, ministry, footnotes)
    return items


# "Kamerstuk 32 793, nr. 176 (Dik-Faber)": the member's name in brackets right behind the motion's number.
_NAME_BEHIND = re.compile(r"(?<!\s)\)?\s*\((?P<who>[A-Z][^)]{1,40})\)")


def _named_after(window: str, number: str) -> re.Match | None:
    """The bracketed name behind the number ("nr. 176 (Dik-Faber)"). A fixed pattern from where the number
    stands: a pattern built from each number filled re's cache, and 2,000 letters compiled 2,000 patterns."""
    at = window.find(number)
    while at >= 0:
        match = _NAME_BEHIND.match(window, at + len(number))
        if match:
            return match
        at = window.find(number, at + 1)
    return None


def _discharged_without_number(text: Text, document: Document, ministry, footnotes) -> list[Item]:
    flat, items = text.flat, []
    mentions = {m["names"].strip(): m for m in _MOTION_MENTION.finditer(flat)}
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


def _footnotes(whole: Text) -> dict[str, str]:
    """Footnote number → the Kamerstuk reference it gives ("1 Kamerstukken 35628, nr. 10.")."""
    notes = {}
    for line in whole.lines:
        match = re.match(r"^(\d{1,3})\s+(Kamerstuk.*|Tweede Kamer.*|Eerste Kamer.*)$", line)
        if match:
            found = extract.references(Text([match.group(2)]))
            if found:
                notes[match.group(1)] = found[0].value
    return notes


def _read(paper: Paper) -> list[Item]:
    items, earlier = [], _Earlier.of(paper)
    for index, (section, document) in enumerate(paper.letters):
        budget.check()
        if _answer_list(document):
            # a lijst van vragen en antwoorden about open motions: a motion the answer says is done ("De motie
            # Mastwijk/Neppérus (Kamerstuknummer 29 435, nr. 256) is als volgt afgedaan.", kst-32500-XII-72);
            # motions only asked about stay the questions'
            from .exchange import questions_put_to
            put = questions_put_to(paper)
            ministry = put[0] if put else paper.whole.memo("ministry", _letterhead_ministry)
            for item in _motions(section.text, document, ministry, paper):
                if item.status == "afgedaan":
                    item.document = index
                    if "beantwoord" not in item.sources:  # not this list's date: the settling letter's, if named
                        item.beantwoord = None
                    items.append(item)
            continue
        if document.kind not in LETTER_KINDS or _from_committee(document):
            continue
        ministry = document.sender_code or paper.whole.memo("ministry", _letterhead_ministry)
        body = letter_body(section.text)
        found = _questions(body, document, ministry, paper, earlier)
        if document.kind == "uitstelbericht" and not found:
            found += _questions_unnamed(section.text, document, ministry)
        if not earlier.request_dates:  # (no commissiebrief found by a reader before this one)
            found += _requests(body, document, ministry, paper, earlier)
        found += _motions(body, document, ministry, paper)
        if index == 0 and paper.title is not None:  # motions the site's title line names with their Kamerstuk
            known = {i.nummer for i in found}
            found += [i for i in _motions(paper.title, document, ministry, paper) if i.nummer not in known]
        for item in found:
            item.document = index
            if item.soort == "kamervragen" and document.kind == "antwoord" and document.date:
                item.beantwoord, item.status = document.date, "beantwoord"
                item.sources["beantwoord"] = document.sources.get("date", "")
        items += found
    return items


def _answer_list(document: Document) -> bool:
    return document.kind == "verslag" and (document.heading or "").startswith("LIJST VAN VRAGEN")


def _letterhead_ministry(whole: Text):
    from .. import ministries
    name = extract.ministry_line(whole)
    return ministries.code_of_name(name) if name else None


READER = SimpleReader("letter_mentions", _recognise, _read)
