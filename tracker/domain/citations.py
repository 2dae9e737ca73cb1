"""How parliamentary papers are cited, the way Dutch practice writes it (Leidraad voor juridische auteurs; the
Kamer's own papers): one formatter for letters, annexes, the rappel, the item page and intake.

    Kamerstukken II 2020/21, 35628, nr. 10        a Tweede Kamer paper: numbered
    Kamerstukken I 2023/24, 36011, H              an Eerste Kamer paper: lettered
    Kamerstukken II 2023/24, 36600 VIII, nr. 123  a begroting chapter after the dossier
    Handelingen II 2019/20, nr. 23, item 6        a sitting
    Aanhangsel Handelingen II 2021/22, nr. 3173   answers to written questions

The year is the vergaderjaar, which starts on Prinsjesdag (the third Tuesday of September). Pure: no database.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

CHAMBER_NUMERAL = {"TK": "II", "EK": "I"}
_NUMERAL_CHAMBER = {"II": "TK", "I": "EK"}
# "35628, nr. 10", "36600 VIII, nr. 123", "36600-VIII, nr 123", "36011, H", "35 741 H", "35526/25295, AP"
_BARE = re.compile(r"^\s*(?P<dossier>\d{2}\s?\d{3}(?:\s*/\s*\d{2}\s?\d{3})?)(?P<sub>(?:[\s-]+(?:[IVXL]+[AB]?|[A-K]{1,2})(?![\w]))?"
                   r"(?:-\d{1,3})?)\s*,?\s*(?:nrs?\.?\s*(?P<nr>\d+)|(?P<letter>[A-Z]{1,3}))\s*$")


def prinsjesdag(year: int) -> date:
    september = date(year, 9, 1)
    first_tuesday = september + timedelta(days=(1 - september.weekday()) % 7)
    return first_tuesday + timedelta(weeks=2)


def vergaderjaar(on: date) -> str:
    """The parliamentary year a day falls in: 26 November 2021 → "2021/22", 1 June 2021 → "2020/21"."""
    first = on.year if on >= prinsjesdag(on.year) else on.year - 1
    return f"{first}/{(first + 1) % 100:02d}"


@dataclass(frozen=True)
class Kamerstuk:
    dossier: str  # "35628", "36600 VIII", "21501-31", "35526/25295"
    number: str | None = None  # "10" (Tweede Kamer)
    letter: str | None = None  # "H" (Eerste Kamer)
    chamber: str | None = None  # "TK" or "EK"; None when the text does not say
    year: str | None = None  # "2020/21"

    @property
    def bare(self) -> str:
        """As items are registered: "35628, nr. 10", "36011, H"."""
        return f"{self.dossier}, {'nr. ' + self.number if self.number else self.letter}"

    def text(self) -> str:
        """The full citation; without chamber or year where they are not known."""
        head = "Kamerstukken"
        if self.chamber:
            head += f" {CHAMBER_NUMERAL[self.chamber]}"
            if self.year:
                head += f" {self.year}"
            return f"{head}, {self.bare}"
        return f"{head} {self.bare}"


def kamerstuk(dossier: str, number: str | None = None, letter: str | None = None, chamber: str | None = None,
              year: str | None = None) -> Kamerstuk:
    """A Kamerstuk from its parts as written ("30 950", "36600-VIII", "II", "2024-2025"), in one spelling."""
    # the spaces around a slash go (split, not \s*/\s*: that pattern tries every space of a long run again)
    text = "/".join(part.strip() for part in dossier.strip().split("/"))
    text = re.sub(r"^(\d{2})\s(\d{3})", r"\1\2", text)
    text = re.sub(r"/(\d{2})\s(\d{3})", r"/\1\2", text)
    text = re.sub(r"^(\d{5}(?:/\d{5})?)[\s-]+(?=[IVXL]+[AB]?\b|[A-K]{1,2}\b)", r"\1 ", text)  # chapter after a space
    if year:
        first, second = [part.strip() for part in re.split(r"[/–-]", year.strip())][:2]
        year = f"{first}/{second[-2:]}"
    return Kamerstuk(text, number, letter, _NUMERAL_CHAMBER.get(chamber, chamber), year)


def parse(nummer: str | None, chamber: str | None = None, on: date | None = None) -> Kamerstuk | None:
    """A registered number read as a Kamerstuk ("35628, nr. 10"), with the chamber and the vergaderjaar of the
    item's date; None when the number is something else (a T-number, a zaak number, a kenmerk)."""
    match = _BARE.match(nummer or "")
    if not match:
        return None
    dossier = match["dossier"] + (match["sub"] or "")
    return kamerstuk(dossier, match["nr"], match["letter"], chamber, vergaderjaar(on) if on else None)


def cite(nummer: str, chamber: str | None = None, on: date | None = None) -> str:
    """How a letter cites an item: its Kamerstuk in full, else the number as registered (T02423, 2023Z12033)."""
    paper = parse(nummer, chamber, on)
    return paper.text() if paper else nummer


def handelingen(chamber: str, year: str, number: str, item: str | None = None, aanhangsel: bool = False) -> str:
    """"Handelingen II 2019/20, nr. 23, item 6"; "Aanhangsel Handelingen II 2021/22, nr. 3173"."""
    text = f"{'Aanhangsel ' if aanhangsel else ''}Handelingen {CHAMBER_NUMERAL[chamber]} {year}, nr. {number}"
    return text + (f", item {item}" if item else "")


OFFICIAL = "https://zoek.officielebekendmakingen.nl"
TWEEDE_KAMER = "https://www.tweedekamer.nl"
_ZAAK = re.compile(r"^\s*((?:19|20)\d{2}Z\d{5})\s*$", re.I)
_DOCUMENT_NUMBER = re.compile(r"^\s*((?:19|20)\d{2}D\d{5})\s*$", re.I)


def _year_span(year: str | None) -> str | None:
    """"2023/24", "2023-2024", "2023–24" → "20232024" (how officielebekendmakingen.nl names a vergaderjaar)."""
    match = re.match(r"^\s*((?:19|20)\d{2})\s*[/–-]\s*((?:19|20)?\d{2})\s*$", year or "")
    if not match:
        return None
    first = int(match[1])
    return f"{first}{first + 1}"


def official_url(dossier: str | None = None, stuknummer: str | None = None, *, chamber: str | None = None,
                 vergaderjaar: str | None = None, handelingen: str | None = None, item: str | None = None,
                 aanhangsel: str | None = None, zaak: str | None = None) -> str | None:
    """The permanent address of the official publication, from the stored parts of a citation; None when the parts
    do not name one paper.

        dossier "35628", stuknummer "10"                    → …/kst-35628-10.html
        dossier "36600 VIII", stuknummer "123"              → …/kst-36600-VIII-123.html
        dossier "36011", stuknummer "H" (Eerste Kamer)      → …/kst-36011-H.html
        aanhangsel "429", vergaderjaar "2023/24", TK        → …/ah-tk-20232024-429.html
        handelingen "23", item "6", vergaderjaar "2019/20"  → …/h-tk-20192020-23-6.html
        zaak "2026Z90015"                                   → tweedekamer.nl/kamerstukken/detail?id=2026Z90015
    """
    house = "ek" if chamber in ("EK", "I") else "tk"
    if zaak:
        match = _ZAAK.match(zaak) or _DOCUMENT_NUMBER.match(zaak)
        return f"{TWEEDE_KAMER}/kamerstukken/detail?id={match[1].upper()}" if match else None
    if aanhangsel or handelingen:
        span = _year_span(vergaderjaar)
        number = (aanhangsel or handelingen or "").strip()
        if not span or not number.isdigit():
            return None
        if aanhangsel:
            return f"{OFFICIAL}/ah-{house}-{span}-{int(number)}.html"
        suffix = f"-{int(item)}" if item and item.strip().isdigit() else ""
        return f"{OFFICIAL}/h-{house}-{span}-{int(number)}{suffix}.html"
    if dossier and stuknummer:
        paper = kamerstuk(dossier)
        if "/" in paper.dossier:
            return None  # a paper printed in two dossiers: no one address to build from the parts
        parts = re.sub(r"\s+", "-", paper.dossier.strip())
        number = stuknummer.strip()
        if not re.fullmatch(r"[0-9]{1,5}|[A-Z]{1,3}", number, re.I):
            return None
        return f"{OFFICIAL}/kst-{parts}-{number.upper() if not number.isdigit() else int(number)}.html"
    return None


def url_of_number(nummer: str | None, chamber: str | None = None) -> str | None:
    """The official address of an item's registered number: a Kamerstuk ("35628, nr. 10", "36011, H") or a Zaak
    ("2026Z90015"); None for a number of its own (a T-number, a kenmerk)."""
    if not nummer:
        return None
    if _ZAAK.match(nummer):
        return official_url(zaak=nummer)
    paper = parse(nummer, chamber)
    if paper is None:
        return None
    return official_url(paper.dossier, paper.number or paper.letter, chamber=chamber)


def dossier_of(nummer: str | None) -> str | None:
    """The Kamerstuk dossier an item's number belongs to: "36600 VIII, nr. 12" → "36600 VIII"; else None."""
    paper = parse(nummer)
    return paper.dossier if paper else None
