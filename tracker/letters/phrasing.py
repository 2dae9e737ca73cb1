"""The words every letter uses: dates that never break, citations, how a function follows "De".

One place writes each form, so the voortgangsbrief, the rappel, the item page and the exports say it alike.
"""
from __future__ import annotations

import re
from datetime import date

from babel.dates import format_date as babel_date
from markupsafe import Markup, escape

from ..domain import citations
from ..models import Document, TrackedItem


def long_date(value: date) -> str:
    """"1 juni 2021"."""
    return babel_date(value, "d MMMM y", locale="nl_NL")


def unbroken_date(value: date | None) -> str:
    """"26 november 2021" with no-break spaces: a date in a narrow column never breaks over two lines."""
    return babel_date(value, "d MMMM y", locale="nl_NL").replace(" ", "\u00a0") if value else "—"


def function_text(function: str) -> str:
    """A function as it follows "De": "De minister van OCW" and "Minister van OCW" both → "minister van OCW"."""
    text = re.sub(r"^\s*de\s+", "", function or "", flags=re.I).strip().rstrip(",")
    return text[:1].lower() + text[1:]


def reference_for(item: TrackedItem) -> str:
    """How parliament cites the item: 'Kamerstukken II 2020/21, 35628, nr. 10', 'T02423', '2023Z12033'."""
    return citations.cite(item.nummer, item.chamber, item.start_date)


def document_citation(document: Document) -> str:
    """How a letter names the paper that closed an item: its Kamerstuk ("Kamerstukken II 2021/22, 30420, nr. 365"),
    else its kenmerk, else its title."""
    if document.dossier and document.stuknummer:
        year = document.vergaderjaar
        paper = citations.kamerstuk(document.dossier, None if document.stuknummer.isalpha() else document.stuknummer,
                                    document.stuknummer if document.stuknummer.isalpha() else None,
                                    document.chamber, year or (citations.vergaderjaar(document.dagtekening)
                                                               if document.dagtekening else None))
        return paper.text()
    return f"kenmerk {document.kenmerk}" if document.kenmerk else document.title


# ---------------------------------------------------------------------------------------------------------------
# Status in a letter's words. The workflow's status word never stands bare in a letter: "ontvangen" is how the
# register files a question, not what the Kamer is told; the Kamer reads "nog niet beantwoord".

# What an open item is, per kind and status (the first word group is also the condensed body's count word).
OPEN_WORDS = {
    "kamervragen": {"ontvangen": "Nog niet beantwoord", "in_behandeling": "Nog niet beantwoord",
                    "uitstel_gemeld": "Uitstel gemeld"},
    "commissiebrief": {"ontvangen": "Nog niet beantwoord", "in_behandeling": "Nog niet beantwoord",
                       "uitstel_gemeld": "Uitstel gemeld"},
    "motie": {"ingediend": "Nog niet in stemming gebracht", "aangehouden": "Aangehouden",
              "aangenomen": "In uitvoering", "in_uitvoering": "In uitvoering"},
    "toezegging": {"openstaand": "Nog niet voldaan", "deels_voldaan": "Deels voldaan"},
}
# A closed item: the word, and whether a paper closed it ("bij brief van …").
CLOSED_WORDS = {"beantwoord": "Beantwoord", "afgedaan": "Afgedaan", "voldaan": "Voldaan",
                "ingetrokken": "Ingetrokken", "vervallen": "Vervallen", "verworpen": "Verworpen"}
# How the condensed body counts them: "652 beantwoord, 33 nog niet beantwoord en 14 met uitstel".
COUNT_WORDS = {"uitstel gemeld": "met uitstel", "nog niet in stemming gebracht": "nog niet in stemming gebracht"}


def paper_words(document) -> str | None:
    """How a letter names the paper that closed an item, or None when it has no citable name (a title made by the
    register, "Antwoord op 2026Z90015", is no citation)."""
    if document is None:
        return None
    if document.dossier and document.stuknummer:
        return document_citation(document)
    if document.kenmerk:
        return f"kenmerk {document.kenmerk}"
    return None


def status_words(state, discharged_text: str | None = None) -> str:
    """The status of an item as a letter dated state.on says it (tracker.letters.as_of.ItemAsOf)."""
    if discharged_text:
        return discharged_text
    kind, status = state.item.kind, state.status
    if state.closed_kind:
        word = CLOSED_WORDS.get(status, status.replace("_", " ").capitalize())
        paper = state.closing_document
        if state.closed_kind == "done" and paper is not None and paper.dagtekening:
            cited = paper_words(paper)
            text = f"{word} bij brief van {unbroken_date(paper.dagtekening)}"
            return text + (f" ({unbroken(cited)})" if cited else "")
        return f"{word} op {unbroken_date(state.closed_on)}" if state.closed_on else word
    word = OPEN_WORDS.get(kind, {}).get(status) or status.replace("_", " ").capitalize()
    delay = state.last_delay
    if delay is not None:
        promised = delay.promised_date
        text = f"Uitstel gemeld op {unbroken_date(delay.sent_on)}"
        if promised:
            text += f"; {'antwoord' if kind in ('kamervragen', 'commissiebrief') else 'uitvoering'} verwacht " \
                    f"vóór {unbroken_date(promised)}"
        return text if word in ("Uitstel gemeld", "Nog niet beantwoord") else f"{word}; {text[:1].lower()}{text[1:]}"
    return word


def count_word(status_text: str) -> str:
    """The state a status text begins with, as the condensed body counts it ("beantwoord", "nog niet voldaan")."""
    head = re.split(r" bij brief| op \d| op | \(|;", status_text, maxsplit=1)[0].strip().lower()
    return COUNT_WORDS.get(head, head)


def unbroken(citation: str) -> str:
    """A citation whose "II 2021/22" and "nr. 365" never break over two lines (it may break after "Kamerstukken":
    a narrow column has no room for the three together)."""
    citation = re.sub(r"\bI{1,2} \d{4}/\d{2}", lambda m: m[0].replace(" ", "\u00a0"), citation)
    return re.sub(r"\b(nrs?\.|kenmerk) ", "\\1\u00a0", citation)


# A date ("26\u00a0november\u00a02021", as unbroken_date writes it; also with plain spaces, as a stand's own text may),
# a Kamerstuk's number ("nr. 365") and its vergaderjaar ("II 2021/22"): hyphenation (hyphens: auto in the annex) may
# break none of these, "2 novem-ber 2020" is no date a griffier signs.
_KEEP_WHOLE = re.compile(r"\b\d{1,2}[ \u00a0](?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
                         r"november|december)[ \u00a0]\d{4}\b|\bnrs?\.[ \u00a0]\d+\b|\bI{1,2}[ \u00a0]\d{4}/\d{2}\b")


def keep_whole(text: str | None) -> Markup:
    """The text, escaped, with its dates and citation parts in <span class="nb"> (no hyphenation, no line break)."""
    if not text:
        return Markup("")
    out, last = [], 0
    for match in _KEEP_WHOLE.finditer(text):
        out.append(escape(text[last:match.start()]))
        out.append(Markup('<span class="nb">%s</span>') % match[0].replace(" ", "\u00a0"))
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def deadline_words(phrase: str | None) -> str | None:
    """A deadline given in words as a letter writes it: "vóór de begrotingsbehandeling" (the accent marks "before";
    registers often write "voor")."""
    phrase = (phrase or "").strip().rstrip(".")
    return re.sub(r"^voor\b", "vóór", phrase) or None


def natural_key(nummer: str) -> tuple:
    """Numbers in their natural order: "36042, nr. 9" before "36042, nr. 17", "T02423" after "T00999"."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part.lower())
                 for part in re.split(r"(\d+)", nummer or "") if part)


# ---------------------------------------------------------------------------------------------------------------
# The official forms: how the Kamer names a motion, a toezegging and a committee's request. One place writes each
# form; the voortgangsbrief, the rappel, the item page and the exports use it.

_MOTION_TITLE = re.compile(r"^\s*motie\s+(?:van\s+(?:het\s+lid|de\s+leden)\s+)?(?P<who>.+?)\s+over\s+(?P<subject>.+)$",
                           re.I | re.S)


def indieners(item: TrackedItem) -> list[str]:
    return [name.strip() for name in (item.members or "").split(",") if name.strip()]


def motion_submitters(names: list[str]) -> str | None:
    """"het lid Bergkamp", "de leden Van den Hul en Diks", "het lid Bergkamp c.s." (three or more)."""
    if not names:
        return None
    if len(names) == 1:
        return f"het lid {names[0]}"
    if len(names) == 2:
        return f"de leden {names[0]} en {names[1]}"
    return f"het lid {names[0]} c.s."


def motion_heading(item: TrackedItem) -> str:
    """"Motie van de leden Van den Hul en Diks over …" from the stored indieners, whatever the registered title's
    own form ("Motie Van den Hul/Diks over …"); the title as registered when the indieners are not known."""
    match = _MOTION_TITLE.match(item.title or "")
    who = motion_submitters(indieners(item))
    if not (match and who):
        return item.title
    return f"Motie van {who} over {match['subject'].strip()}"


_FEMININE = re.compile(r"(vergadering|behandeling|brief|beantwoording|bijeenkomst|hoorzitting|sessie)\b", re.I)


def made_where_and_when(item: TrackedItem) -> str | None:
    """Where and when a toezegging was made: "toegezegd tijdens het wetgevingsoverleg emancipatie van 2 november
    2020", "toegezegd in de brief van …", "toegezegd op 2 november 2020"; None when neither is known."""
    activity = (item.activity or "").strip()
    when = f" van {unbroken_date(item.start_date)}" if item.start_date else ""
    if activity:
        first = activity.split()[0]
        if re.match(r"^(het|de|een)$", first, re.I):
            return f"toegezegd tijdens {activity}{when}"
        if first.lower().startswith("brief"):
            return f"toegezegd in de {activity}{when}"
        return f"toegezegd tijdens {'de' if _FEMININE.search(first) else 'het'} {activity}{when}"
    return f"toegezegd op {unbroken_date(item.start_date)}" if item.start_date else None


def committee_words(name: str | None) -> str | None:
    """"verzoek van de vaste commissie voor Binnenlandse Zaken"."""
    if not name:
        return None
    name = name.strip()
    return "verzoek van de " + (name[:1].lower() + name[1:] if name[:1].isupper() and not name.isupper() else name)


def in_a_letter(item: TrackedItem) -> str | None:
    """How a letter names the item where that differs from its registered title (the item page shows it):
    a motion in its official form, a toezegging with where and when it was made."""
    if item.kind == "motie":
        official = motion_heading(item)
        return official if official != item.title else None
    if item.kind == "toezegging":
        made = made_where_and_when(item)
        return made[:1].upper() + made[1:] if made else None
    return None
