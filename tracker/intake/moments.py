"""The moments parliamentary writing promises things by: "voor de zomer", "rond eind april", "uiterlijk 15 juni
a.s.", "in het voorjaar van 2014", "zo spoedig mogelijk". Found as written; tracker.domain.phrases dates them.
"""
from __future__ import annotations

import re

from ..domain.dutch import MONTH_RE, WEEKDAY_RE

_YEAR = r"(?:\s+(?:van\s+)?(?:19|20)\d{2})?"
_DAY = rf"(?:(?:{WEEKDAY_RE})\s+)?\d{{1,2}}\s+(?:{MONTH_RE})\b\.?(?:\s+(?:19|20)\d{{2}})?(?:\s+a\.\s?s\.|\s+aanstaande)?"
_RECESS = r"kerstreces|zomerreces|herfstreces|voorjaarsreces|krokusreces|meireces|paasreces"
_PATTERNS = [re.compile(p, re.I) for p in (
    rf"(?:uiterlijk\s+)?(?:voor|vóór|op|per|omstreeks|rond|uiterlijk)\s+{_DAY}",
    rf"(?:(?:rond|omstreeks|uiterlijk|in|voor|vóór|tegen)\s+)?(?:eind|einde|begin|medio|half|halverwege)\s+"
    rf"(?:(?:van\s+)?(?:{MONTH_RE})\b{_YEAR}|(?:19|20)\d{{2}}|(?:van\s+)?(?:dit|het|volgend|komend)\s+jaar)",
    rf"(?:uiterlijk|in|voor|vóór|omstreeks|rond|per)\s+(?:de\s+maand\s+)?(?:{MONTH_RE})\b{_YEAR}",
    r"(?:in|voor|vóór|tegen)\s+de\s+(?:eerste|tweede)\s+helft\s+van\s+(?:19|20)\d{2}",
    rf"(?:in|voor|vóór|tegen)\s+het\s+(?:eerste|tweede|derde|vierde)\s+kwartaal{_YEAR}",
    rf"(?:in|voor|vóór)\s+het\s+(?:voorjaar|najaar){_YEAR}",
    rf"(?:in|voor|vóór|na)\s+de\s+(?:zomer|winter){_YEAR}",
    rf"(?:(?:snel|kort)\s+)?(?:voor|vóór|na)\s+het\s+(?:{_RECESS}){_YEAR}",
    rf"(?:uiterlijk\s+)?(?:voor|vóór|tegen|na|aan)\s+het\s+(?:einde|eind|begin)\s+van\s+(?:het\s+|dit\s+)?"
    rf"(?:jaar|(?:19|20)\d{{2}}|{_RECESS}){_YEAR}",
    r"(?:dit|komend|komende|volgend)\s+(?:voorjaar|najaar|zomer|winter)",
    # also with the moment it follows: "Ik streef ernaar de vragen zo spoedig mogelijk na het Kamerreces te
    # beantwoorden." (OCW, 2007)
    rf"\bzo\s+(?:spoedig|snel)\s+mogelijk\b(?:\s+na\s+het\s+(?:Kamerreces|{_RECESS})\b)?",
    # a moment named by a publication: "Beantwoording zal plaatsvinden voor het verschijnen van de meicirculaire
    # provinciefonds" (BZK, 2011) — kept as written, no date by the rules
    r"(?:voor|vóór|bij|na)\s+(?:het\s+)?verschijnen\s+van\s+(?:de|het)\s+\w+(?:\s+(?!en\b|of\b|dat\b)[a-z]\w+)?",
)]
# A term counted from now ("binnen zes weken") is a moment in a promise but the content of a motion's request.
_TERM = re.compile(r"\bbinnen\s+(?:\d+|[a-zé]+)\s+(?:dagen|weken|maanden)\b", re.I)


def find_moment(sentence: str | None, terms: bool = False) -> str | None:
    """The first moment the sentence names, as written (the longest where two start at one place)."""
    if not sentence:
        return None
    best = None
    for pattern in _PATTERNS + ([_TERM] if terms else []):
        match = pattern.search(sentence)
        if match and (best is None or (match.start(), -len(match.group(0))) < (best.start(), -len(best.group(0)))):
            best = match
    return " ".join(best.group(0).split()) if best else None


def all_moments(sentence: str) -> list[tuple[int, str]]:
    """Every moment in the sentence with its position."""
    found = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            found.append((match.start(), " ".join(match.group(0).split())))
    return sorted(found)
