"""From a paper's text to a proposal: the documents in it and the items they create or settle, each field with
the sentence it came from.

The documents come from their heads (tracker.intake.documents); the items from the readers, one per form of
paper (tracker.intake.readers), run in order; this module only combines what they find: one item per number,
the ministry as a register code from the sender where a reader found none. Pure: no database. Deadlines and
timeliness come from the same rules as everywhere (tracker.domain). A proposal is never saved here;
tracker.services.intake matches it to the register and saves on confirmation.
"""
from __future__ import annotations

from .. import text_hygiene
from ..domain.calendar import RecessCalendar
from . import budget, extract
from . import documents as heads
from .model import Document, Item, Proposal
from .readers import FINISHERS, READERS, Paper
from .split import is_verslag, split
from .text import Text, clean_lines

__all__ = ["Document", "Item", "Proposal", "propose", "MAX_CHARS"]

MAX_CHARS = 10_000_000  # a verslag of a thousand pages; intake is linear, some 1 s per megabyte


def propose(text: str, calendar: RecessCalendar | None = None) -> Proposal:
    """Read a paper and propose its documents and items."""
    if len(text) > MAX_CHARS:
        raise ValueError(f"het document is te lang om in te lezen ({len(text):,} tekens, hoogstens "
                         f"{MAX_CHARS:,}); lees het in delen in".replace(",", "."))
    # a paper is someone else's document: a stray control character is taken out, a form feed is a line break
    lines = clean_lines(text_hygiene.clean(text))
    if len(" ".join(lines)) < 40:
        raise ValueError("er staat (bijna) geen tekst in dit document")
    sections = split(lines)
    whole = Text(lines)
    letters = []
    for section in sections:  # budget.check(): a web intake stops here when its time is up (tracker.intake.budget)
        budget.check()
        letters.append((section, heads.read(section, whole, is_verslag(section), calendar)))
    title = None
    if len(letters) > 1 and sections[0].heading is None and not is_verslag(sections[0]):
        letters = letters[1:]  # a title page before the letters is not a document of its own
        # but its first line may be the site's title naming what the letter is about: "Derde
        # voortgangsrapportage over de uitvoering motie van het lid Marijnissen c.s. (Kamerstuk 35510-21) en motie
        # van het lid Klaver c.s. (Kamerstuk 35510-16)" (tweedekamer.nl, 2023): its Kamerstukken are the letter's
        title = Text(sections[0].text.lines[:1])
    chamber = heads.chamber([d for _, d in letters], whole)
    for _, document in letters:
        document.chamber = document.chamber or chamber
    if letters:
        letters[0][1].citation = heads.citation(whole, letters[0][1].chamber)
    if title is not None:  # the title's Kamerstukken, but not the paper's own number ("Kamerstuk 35833-13" above a motion)
        first = letters[0][1]
        known = {extract.reference_key(r) for r in [*first.references, *([first.citation] if first.citation else [])]}
        first.references += [r.value for r in extract.references(title) if extract.reference_key(r.value) not in known]
    paper = Paper(whole, letters, calendar, title=title)
    for reader in READERS:
        budget.check()
        if reader.recognise(paper):
            paper.items += reader.read(paper)
    for finish in FINISHERS:
        budget.check()
        finish(paper)
    items = _one_per_number(paper.items)
    for item in items:
        _ministry_from_sender(item, paper)
    return Proposal(paper.documents, items)


def _one_per_number(items: list[Item]) -> list[Item]:
    """Two readers may find the same numbered item (a motion in a letter and in its annex): keep one, with the
    fields either found."""
    kept: dict[tuple, Item] = {}
    result = []
    for item in items:
        key = (item.soort, (item.nummer or "").replace(" ", "").replace("-", "").lower()) if item.nummer else None
        if key and key in kept:
            first = kept[key]
            for name in Item.FIELDS:
                if getattr(first, name) in (None, "") and getattr(item, name) not in (None, ""):
                    setattr(first, name, getattr(item, name))
                    if name in item.sources:
                        first.sources[name] = item.sources[name]
            continue
        if key:
            kept[key] = item
        result.append(item)
    return result


def _ministry_from_sender(item: Item, paper: Paper) -> None:
    if item.ministerie:
        return
    document = paper.letters[item.document][1] if item.document is not None else paper.first
    code = document.sender_code if document else None
    if code:
        item.ministerie = code
        item.sources.setdefault("ministerie", document.sources.get("sender", ""))
        item.notes.append("ministerie overgenomen van de afzender: controleer")
    else:
        item.notes.append("geen ministerie gevonden: kies het ministerie")
