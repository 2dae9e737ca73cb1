"""The words every letter uses: dates that never break, citations, how a function follows "De".

One place writes each form, so the voortgangsbrief, the rappel, the item page and the exports say it alike.
"""
from __future__ import annotations

import re
from datetime import date

from babel.dates import format_date as babel_date

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
