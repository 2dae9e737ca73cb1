"""Uitstelberichten: a letter that says an answer, a reaction or a promised letter comes later.

In its many phrasings — "kunnen tot mijn spijt niet binnen de gebruikelijke termijn worden beantwoord",
"deel ik u mede dat het niet mogelijk is deze motie binnen de gestelde termijn te beantwoorden", "iets meer
tijd nodig is gebleken", "De voorbereiding van de reactie zal extra tijd vergen" — or only by what it
promises instead: "Ik zal de vragen … zo spoedig mogelijk beantwoorden", "kunt u de brief in januari tegemoet
zien", "Wij zijn voornemens u in het najaar nader te berichten", "zal ik de nieuwe bewindspersoon verzoeken
de gevraagde reactie … te zenden".

Every open obligation the letter names (questions, a committee's request, a motion, a recalled toezegging) is
postponed: uitstelbericht = the letter's dagtekening (empty for an undated letter), uitstel_tot = the moment
it promises, as written. The promise is the new date of those items, not a toezegging of its own.
"""
from __future__ import annotations

import re
from datetime import date

from ...domain.phrases import resolve_phrase
from .. import budget, extract
from ..model import Document, Item
from ..moments import find_moment
from ..text import sentences
from .base import Paper, judge

_FUTURE = re.compile(r"\b(?:zal|zullen|verwacht|verwachten|voornemens|streef|streven|ontvangt u|[Uu] ontvangt|"
                     r"tegemoet zien|plaatshebben|plaatsvinden|volgt|volgen)\b", re.I)
# What a promise of later delivers: also "in september 2010 aanbieden" (kst-32123-VIII-143) and "de nota … zo spoedig
# mogelijk na afronding van het overleg in te dienen" (kst-34389-6), "Ik streef ernaar de brief uiterlijk vóór het
# krokusreces naar uw Kamer te versturen." (JenV, 2018).
_DELIVERY = re.compile(r"\b(?:beantwoord\w*|informeren|berichten|sturen|zenden|toekomen|tegemoet|ontvangt|reactie|"
                       r"antwoord\w*|plaatshebben|plaatsvinden|toesturen|toezenden|aanbieden|aan te bieden|indienen|"
                       r"in te dienen|versturen|verzenden)\b", re.I)
_NOT_NOW = re.compile(r"\b(?:[Hh]ierbij|[Hh]iermee|[Bb]ijgaand|[Mm]et deze brief)\b[^.]{0,120}?\b(?:stuur|zend|bied|"
                      r"informeer|ontvangt u|breng)\b")
_OPEN = {"kamervragen": "uitstel gemeld", "commissiebrief": "uitstel gemeld"}
_REASON_FIRST = re.compile(r"^\s*(?:Aangezien|Omdat|Doordat|Nu|Gezien)\b[^.]*?,\s+(?=(?:zal|zullen|kan|kunnen|wil|verwacht|ontvangt)\b)")


def _promise(flat: str, after: int, recalled: set[str] = frozenset()) -> tuple[str | None, str | None]:
    """The sentence promising delivery later, and its moment; a sentence with a moment is preferred. The sentence
    that recalls the promise being postponed ("heb ik aangekondigd dat ik … vóór het zomerreces 2010 … zal
    sturen") states the old moment, not the new one."""
    best = None
    for sentence in sentences(flat[after:]):
        if sentence.strip() in recalled:
            continue
        if _FUTURE.search(sentence) and _DELIVERY.search(sentence) and not _NOT_NOW.search(sentence):
            # the main clause's moment, not the reason's: "Aangezien de Inspectie het Examenverslag niet eerder
            # oplevert dan in augustus 2010, zal ik dit verslag … in september 2010 aanbieden." (2010)
            main = _REASON_FIRST.match(sentence)
            moment = (find_moment(sentence[main.end():], terms=True) if main else None) or find_moment(sentence, terms=True)
            if moment:
                return sentence, moment
            best = best or (sentence, None)
    return best or (None, None)


def postpone(paper: Paper) -> None:
    # The items indexed per letter once, and the promises made toezeggingen dropped once at the end: looking
    # through every item for every letter made a bundle of 2,000 short letters quadratic.
    by_letter: dict[int, list[Item]] = {}
    for item in paper.items:
        if item.document is not None and item.role == "obligation":
            by_letter.setdefault(item.document, []).append(item)
    promised: set[str] = set()
    for index, (section, document) in enumerate(paper.letters):
        budget.check()
        owned = [i for i in by_letter.get(index, ())
                 if not i.beantwoord and i.status not in ("afgedaan", "voldaan", "beantwoord")]
        if not owned:
            continue
        flat = section.text.flat
        said = extract.delay_notice_in(flat)
        first_mention = min((flat.find(_anchor(i)) for i in owned if _anchor(i) in flat), default=0)
        sentence, moment = _promise(flat, max(first_mention, 0), {(i.tekst or "").strip() for i in owned if i.soort == "toezegging"})
        if not said:
            if sentence is None or _answers(flat):
                continue
            owned = [i for i in owned if _about(i, sentence)]
            if not owned:
                continue  # a new promise about something else ("Ik zal uw Kamer na de zomer informeren over …")
            if not _later_than_due(owned, moment, document):
                continue
        _apply(paper, owned, document, sentence, moment, said)
        if sentence:  # the promise is these items' new date, not a toezegging of its own
            promised.add(sentence.strip())
    if promised:
        paper.items[:] = [i for i in paper.items if not (i.soort == "toezegging" and i.role != "obligation"
                                                           and i.tekst and i.tekst.strip() in promised)]


# Words any promise or obligation uses; what is left names a subject.
_COMMON = {"informeren", "geïnformeerd", "toegezegd", "toezegging", "sturen", "zenden", "kamer", "uw", "brief",
           "commissiedebat", "debat", "overleg", "algemeen", "zomerreces", "kerstreces", "voortgang", "uiterlijk",
           "verwacht", "kunnen", "zullen", "hierover", "daarover", "stand", "zaken"}
# A sentence that points back at what it postpones: "U ontvangt de antwoorden …", "deze toezegging", "hierover".
_BACK = re.compile(r"\b(?:de|deze|die|het|dit)\s+(?:vragen|antwoorden|antwoord|beantwoording|reactie|toezegging|motie|"
                   r"brief|rapportage|verzoek|evaluatie|kabinetsreactie)\b|\b(?:hier|daar)(?:over|op|aan|mee)\b", re.I)


def _about(item: Item, sentence: str) -> bool:
    """Without delay words, a promise postpones an obligation only when it is about it: it points back ("de
    vragen", "deze toezegging", "hierover") or shares a word of substance with it. Questions and requests are
    what an uitstelbericht is about; a recalled toezegging must share its subject."""
    if item.soort != "toezegging":
        return True
    words = lambda text: {w for w in re.findall(r"[a-zà-ÿ]{6,}", (text or "").lower()) if w not in _COMMON}  # noqa: E731
    return bool(_BACK.search(sentence)) or bool(words(item.tekst or item.titel) & words(sentence))


def _anchor(item: Item) -> str:
    source = item.sources.get("titel") or item.sources.get("datum") or ""
    return source[:40]


def _answers(flat: str) -> bool:
    return bool(_NOT_NOW.search(flat))


def _later_than_due(items: list[Item], moment: str | None, document: Document) -> bool:
    """Without the words "uitstel" or "niet binnen de termijn", a letter postpones when what it promises comes
    after the obligation's deadline, or the deadline has passed on its date."""
    for item in items:
        due = _due(item, document)
        if due is None:
            return True  # no deadline known: a promise of later is all the letter can be
        if document.date and due <= document.date:
            return True
        if moment:
            promised = resolve_phrase(moment, document.date, item.kamer or "TK").due
            if promised is None or promised > due:
                return True
    return False


def _due(item: Item, document: Document):
    if not item.deadline:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", item.deadline):
        return date.fromisoformat(item.deadline)
    return resolve_phrase(item.deadline, item.datum or document.date, item.kamer or "TK").due


def _apply(paper: Paper, items: list[Item], document: Document, sentence: str | None, moment: str | None,
           said: str | None) -> None:
    document.kind = "uitstelbericht"
    if moment:
        document.promised, document.sources["promised"] = moment, sentence
        document.promised_date = resolve_phrase(moment, document.date, document.chamber or "TK").due
    verdicts = []
    for item in items:
        item.uitstelbericht = document.date
        item.uitstel_tot = moment
        if document.date:
            item.sources["uitstelbericht"] = said or sentence or document.sources.get("date", "")
        else:
            item.notes.append("het uitstelbericht heeft geen dagtekening: vul de datum van het uitstelbericht in")
        if moment:
            item.sources["uitstel_tot"] = sentence
        item.status = _OPEN.get(item.soort, item.status)
        if item.soort in ("kamervragen", "commissiebrief"):
            judge(item, document, paper.calendar)
            if document.timely is not None:
                verdicts.append((document.timely, document.days_late or 0))
    if verdicts:  # one letter, several obligations: in time only if in time for each
        document.timely = all(timely for timely, _ in verdicts)
        document.days_late = max(days for _, days in verdicts)
