"""What intake proposes: the documents in a paper and the items they create or settle, each field with the
sentence it was read from. Plain data; the readers in tracker.intake.readers fill it."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Document:
    kind: str
    date: date | None = None
    chamber: str | None = None
    sender: str | None = None  # as the paper names it ("De minister van Infrastructuur en Milieu")
    sender_code: str | None = None  # the ministry as a register code ("IenW"), when a bewindspersoon sent it
    citation: str | None = None  # the paper's own Kamerstuk ("Kamerstukken II 2013/14, 33750-VII, nr. 31")
    addressee: str | None = None
    subject: str | None = None  # the "Betreft" line
    kenmerken: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    reply_due: date | None = None
    reply_term: str | None = None
    reply_phrase: str | None = None  # the letter's own moment for a reply in words ("vóór vrijdag 31 oktober 2025")
    heading: str | None = None
    answers: date | None = None  # the date of the letter this one answers
    promised: str | None = None  # an uitstelbericht's promise ("snel na het herfstreces")
    promised_date: date | None = None
    timely: bool | None = None  # an uitstelbericht: sent before the deadline; a reply: on time
    days_late: int | None = None
    sources: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        # "sender" is the ministry's code when a bewindspersoon sent the paper (what systems match on), else the
        # committee or body as named; "sender_name" is always the name as the paper gives it.
        return {"kind": self.kind, "date": iso(self.date), "chamber": self.chamber,
                "sender": self.sender_code or self.sender, "sender_name": self.sender, "citation": self.citation,
                "addressee": self.addressee, "subject": self.subject, "kenmerken": self.kenmerken, "references": self.references,
                "reply_due": iso(self.reply_due), "reply_term": self.reply_term, "reply_phrase": self.reply_phrase, "heading": self.heading,
                "answers": iso(self.answers), "promised": self.promised, "promised_date": iso(self.promised_date),
                "timely": self.timely, "days_late": self.days_late, "sources": self.sources}


@dataclass
class Item:
    """One proposed item in the import file's terms (soort, kamer, nummer, …), with the sentence per field."""

    soort: str
    kamer: str | None = None
    nummer: str | None = None
    titel: str | None = None
    ministerie: str | None = None  # as the text names it; tracker.services.intake turns it into a code
    datum: date | None = None
    termijn: str | None = None
    deadline: str | None = None  # ISO date or a phrase
    uitstelbericht: date | None = None
    uitstel_tot: date | str | None = None  # a date, or the promised moment as written ("eind oktober")
    beantwoord: date | None = None
    status: str | None = None
    tekst: str | None = None
    stand_van_zaken: str | None = None
    leden: str | None = None
    fractie: str | None = None
    activiteit: str | None = None
    notes: list[str] = field(default_factory=list)  # what a person must check or fill in
    sources: dict[str, str] = field(default_factory=dict)
    opnemen: bool = True  # False: only a candidate (a letter's own sentence); saved once a person ticks it
    # Between readers only (not in the JSON): "obligation" for something the letter answers, postpones or
    # mentions (an uitstelbericht can be about it), and the index of the document it was read from.
    role: str | None = field(default=None, repr=False, compare=False)
    document: int | None = field(default=None, repr=False, compare=False)

    FIELDS = ("soort", "kamer", "nummer", "titel", "ministerie", "datum", "termijn", "deadline", "uitstelbericht",
              "uitstel_tot", "beantwoord", "status", "tekst", "stand_van_zaken", "leden", "fractie", "activiteit")

    def as_json(self) -> dict:
        data = {}
        for name in self.FIELDS:
            value = getattr(self, name)
            data[name] = value.isoformat() if isinstance(value, date) else value
        return {**data, "notes": self.notes, "sources": self.sources, "opnemen": self.opnemen}


@dataclass
class Proposal:
    documents: list[Document]
    items: list[Item]

    def as_json(self) -> dict:
        return {"documents": [d.as_json() for d in self.documents], "items": [i.as_json() for i in self.items]}
