"""What every reader sees of a paper, and the interface a reader keeps."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from ...domain.calendar import RecessCalendar
from ..model import Document, Item
from ..split import Section
from ..text import Text


@dataclass
class Paper:
    """The whole text, its letters (a section and the document read from its head, pairwise), and what the
    readers found so far."""

    whole: Text
    letters: list[tuple[Section, Document]]
    calendar: RecessCalendar | None = None
    items: list[Item] = field(default_factory=list)
    title: Text | None = None  # the first line of a title page before the letters (the site's title), if any

    @property
    def documents(self) -> list[Document]:
        return [document for _, document in self.letters]

    @property
    def first(self) -> Document | None:
        return self.letters[0][1] if self.letters else None

    def dated(self) -> date | None:
        """The first date among the paper's documents: what "jl." and a year-less date are read from."""
        return next((d.date for d in self.documents if d.date), None)


class Reader(Protocol):
    name: str

    def recognise(self, paper: Paper) -> bool: ...

    def read(self, paper: Paper) -> list[Item]: ...


@dataclass
class SimpleReader:
    """A reader made of two functions."""

    name: str
    recognise_fn: object
    read_fn: object

    def recognise(self, paper: Paper) -> bool:
        return self.recognise_fn(paper)

    def read(self, paper: Paper) -> list[Item]:
        return self.read_fn(paper)


def clip(text: str, length: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1].rstrip() + "…"


def names_and_fracties(text: str) -> tuple[str | None, str | None]:
    """"Omtzigt (CDA), Gesthuizen (SP) en Schouw (D66)" → ("Omtzigt, Gesthuizen, Schouw", "CDA, SP, D66");
    "Bouchallikh, Bromet en Kröger (allen GroenLinks)" → (…, "GroenLinks")."""
    fracties, names = [], []
    for part in re.split(r",\s*|(?<!\s)\s+en\s+", text):  # (?<!\s): tried once per run of spaces, not per space
        part = part.strip()
        if not part:
            continue
        # the name up to the bracket; spaces only before more of the name, so a long run of spaces is read once
        match = re.match(r"^(?P<n>(?:[^()\s]|\s+(?=[^()\s]))+)\s*(?:\((?:allen\s+|beiden\s+)?(?P<f>[^)]+)\))?$", part)
        if not match:
            continue
        names.append(match["n"].strip())
        if match["f"] and match["f"] not in fracties:
            fracties.append(match["f"].strip())
    return (", ".join(names) or None), (", ".join(fracties) or None)


def rule_due(kind: str, chamber: str | None, start: date | None, calendar=None, term=None) -> date | None:
    """The due date the rules give an item of this kind from its start (three weeks for Kamervragen, four
    for a committee's letter unless it sets its own term) — before any uitstelbericht."""
    from ...domain.deadlines import DeadlineError, ItemFacts, schedule
    if start is None:
        return None
    try:
        plan = schedule(ItemFacts(kind=kind, chamber=chamber or "TK", start=start, term=term), calendar=calendar)
    except (DeadlineError, ValueError):
        return None
    return plan.periods[0].due if plan.periods else None


def judge(item: Item, document: Document, calendar=None) -> None:
    """Was the uitstelbericht this document is sent in time, the answer it gives on time? (The item's rules.)"""
    from ...domain.deadlines import DelayFact, ItemFacts, State, assess, schedule
    if item.datum is None or document.date is None or document.date < item.datum:
        return
    delay = document.kind == "uitstelbericht"
    facts = ItemFacts(kind=item.soort, chamber=item.kamer or "TK", start=item.datum,
                      delays=(DelayFact(document.date),) if delay else (),
                      closed_on=None if delay else document.date, closed_kind=None if delay else "done")
    try:
        plan = schedule(facts, calendar=calendar)
    except ValueError:
        return
    if delay and plan.delays:
        document.timely, document.days_late = plan.delays[0].timely, plan.delays[0].days_late
    elif not delay:
        outcome = assess(facts, plan, document.date)
        document.timely, document.days_late = outcome.state == State.DONE_ON_TIME, outcome.days_late or 0


_ANNEX_START = ("Moties en toezeggingen", "Moties", "Toezeggingen")


def letter_body(text: Text) -> Text:
    """The letter without its annex (the annex's moties and toezeggingen are the annex reader's)."""
    end = next((i for i, line in enumerate(text.lines)
                if line in _ANNEX_START or re.match(r"(?:Bijlage|BIJLAGE)\b|\d+(?:\.\d+)*\s+Moties en [Tt]oezeggingen\b", line)),
               len(text.lines))
    return text if end == len(text.lines) else Text(text.lines[:end])
