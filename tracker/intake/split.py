"""Splitting a paper into its letters: a verslag van een (nader) schriftelijk overleg holds the committee's
letter, the uitstelbericht and the reply, each under a heading "BRIEF VAN DE …"."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Text

# "BRIEF VAN DE MINISTER …", also behind the Kamerstuk's number ("Nr. 3 BRIEF VAN …", "34775 A 62 BRIEF VAN …")
_LETTER_HEADING = re.compile(r"^(?:\d{2}\s?\d{3}(?:\s+[A-Z]{1,4}|\s+[IVXL]+)?\s+\d+\s+|Nr\.\s*\d+\s+|[A-Z]{1,2}\s+)?BRIEF (?:VAN|AAN) (?:DE|HET)\s+\S")
# In a verslag's cover a committee letter can follow without a heading: "Aan de Minister van …", "Den Haag, …"
_LETTER_START = re.compile(r"^Aan (?:de|het) (?:[Mm]inister|[Ss]taatssecretaris|[Mm]inister-[Pp]resident)\b")
_DATED = re.compile(r"^(?:Den Haag,|Datum)\s")
_VERSLAG = re.compile(r"VERSLAG VAN EEN (?:NADER )?SCHRIFTELIJK OVERLEG")
_VERSLAG_FORMULA = re.compile(r"brengt (?:bijgaand )?verslag uit van (?:het|een) (?:gevoerde )?(?:nader )?schriftelijk overleg|"
                              r"heeft (?:nader )?schriftelijk overleg gevoerd\b[^.]*\.[^.]*\bverslag uit|"
                              r"[Dd]it verslag bestaat uit", re.I)


@dataclass
class Section:
    heading: str | None  # "BRIEF VAN DE MINISTER VAN …", None for what comes before the first letter
    text: Text


def is_heading(line: str) -> bool:
    return bool(_LETTER_HEADING.match(line)) and line.replace("Nr.", "NR.") == line.upper()


# A verslag's cover says what it is in its first lines; whether a cover is one is judged on at most this many.
COVER_LINES = 200


def split(lines: list[str]) -> list[Section]:
    """The part before the first letter heading (if it has text) and one section per letter."""
    sections = [Section(None, Text([]))]
    judged: dict[int, bool] = {}  # is the cover so far a verslag, by its number of lines

    def cover_is_verslag() -> bool:
        # the cover read again for every letter start in it made a paper of many letters without headings
        # quadratic: judged on its first COVER_LINES lines, each length once
        count = min(len(sections[0].text.lines), COVER_LINES)
        if count not in judged:  # (a copy: the cover is not complete yet)
            judged[count] = is_verslag(Section(None, Text(sections[0].text.lines[:count])))
        return judged[count]

    for index, line in enumerate(lines):
        if is_heading(line):
            sections.append(Section(" ".join(line.split()), Text([])))
        elif (_LETTER_START.match(line) and len(sections) == 1 and sections[0].text.lines
              and any(_DATED.match(later) for later in lines[index + 1:index + 3]) and cover_is_verslag()):
            sections.append(Section("BRIEF VAN DE COMMISSIE", Text([line])))
        else:
            sections[-1].text.lines.append(line)
    return [s for s in sections if s.heading or s.text.lines]


def is_verslag(section: Section) -> bool:
    """The griffie's cover of a verslag: a heading "VERSLAG VAN EEN … SCHRIFTELIJK OVERLEG", or its formula
    "De commissie brengt bijgaand verslag uit van het gevoerde (nader) schriftelijk overleg"."""
    if section.heading is not None:
        return False
    return (any(_VERSLAG.search(line) and re.sub(r"^Nr\.\s*\d+\s+", "", line).upper() == re.sub(r"^Nr\.\s*\d+\s+", "", line)
                for line in section.text.lines[:15])
            or bool(_VERSLAG_FORMULA.search(section.text.flat)))
