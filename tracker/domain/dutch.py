"""Dutch dates, terms and words as they appear in parliamentary papers.

Pure functions: no Flask, no database. Everything that reads "1 oktober 2024",
"01-10-2024" or "vier weken" goes through here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "okt": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
MONTH_NAMES = ["januari", "februari", "maart", "april", "mei", "juni", "juli",
               "augustus", "september", "oktober", "november", "december"]
WEEKDAYS = {"maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4,
            "zaterdag": 5, "zondag": 6}
WEEKDAY_NAMES = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
NUMBER_WORDS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13,
    "veertien": 14, "vijftien": 15, "zestien": 16, "twintig": 20, "dertig": 30,
}

MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_RE = "|".join(WEEKDAYS)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
TEXT_DATE_RE = (
    rf"(?:(?P<weekday>{WEEKDAY_RE})\s+)?(?P<day>\d{{1,2}})\s+(?P<month>{MONTH_RE})\.?"
    rf"(?:\s+(?P<year>\d{{4}}))?"
)
_TEXT = re.compile(rf"^{TEXT_DATE_RE}$")


class DateParseError(ValueError):
    """A text that should be a date but is not one (message in Dutch)."""


class DateOutOfRange(DateParseError):
    """A date outside the years the register holds (FIRST_YEAR–LAST_YEAR): a typo, never a deadline phrase."""


def normalise(text: str) -> str:
    """Lower-case and collapse whitespace, so patterns need not care about layout."""
    return re.sub(r"\s+", " ", text.strip().lower())


def format_date(value: date) -> str:
    """Format as Dutch text: 1 oktober 2024."""
    return f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"


def format_date_long(value: date) -> str:
    """Format with the weekday: vrijdag 3 maart 2023."""
    return f"{WEEKDAY_NAMES[value.weekday()]} {format_date(value)}"


def _build(year: int, month: int, day: int, original: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateParseError(f"'{original}' is geen bestaande datum") from None


def date_from_match(groups: dict, original: str, context: date | None, prefer: str = "nearest") -> date:
    """Build a date from a TEXT_DATE_RE match; a missing year comes from the context.

    Without a year the candidate years around the context are tried; a named weekday
    ("vrijdag 3 maart") must match. prefer says which candidate wins: "future" (first on or
    after the context: deadlines), "past" (last on or before it: "op 27 juni" in a letter)
    or "nearest".
    """
    day, month = int(groups["day"]), MONTHS[groups["month"]]
    weekday = WEEKDAYS[groups["weekday"]] if groups.get("weekday") else None
    if groups.get("year"):
        found = _build(int(groups["year"]), month, day, original)
        if weekday is not None and found.weekday() != weekday:
            raise DateParseError(f"'{original}': {format_date(found)} is een {WEEKDAY_NAMES[found.weekday()]}")
        return found
    if context is None:
        raise DateParseError(f"'{original}' noemt geen jaar en er is geen datum om het jaar uit af te leiden")
    spread = 7 if weekday is not None else 1  # a weekday pattern repeats within 11 years
    candidates = []
    for year in range(context.year - spread, context.year + spread + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if weekday is None or candidate.weekday() == weekday:
            candidates.append(candidate)
    if not candidates:
        raise DateParseError(f"'{original}' is geen bestaande datum rond {context.year}")
    if prefer == "future" and (later := [c for c in candidates if c >= context]):
        return later[0]
    if prefer == "past" and (earlier := [c for c in candidates if c <= context]):
        return earlier[-1]
    return min(candidates, key=lambda c: abs((c - context).days))


# The years a date in the register can have: the Staten-Generaal since 1815, and deadlines well within
# reach. Outside them a date is a typo, and deadline arithmetic on 9999-12-31 would overflow.
FIRST_YEAR, LAST_YEAR = 1815, 2199


def parse_date(text: str, context: date | None = None, prefer: str = "nearest") -> date:
    """Parse a Dutch or ISO date: 2024-10-01, 01-10-2024, 1-10-2024, 1 oktober 2024, vrijdag 3 maart.

    Raises DateParseError with a Dutch message when the text is not a date, or not one of 1815–2199.
    """
    found = _parse_date(text, context, prefer)
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise DateOutOfRange(f"'{text}' ligt buiten de jaren {FIRST_YEAR}–{LAST_YEAR}")
    return found


def _parse_date(text: str, context: date | None, prefer: str) -> date:
    if isinstance(text, date):
        return text
    if isinstance(text, str) and len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:  # the ISO form spreadsheets and exports hold
            return date.fromisoformat(text)
        except ValueError:
            pass  # not a real date: the full parse below says why, in Dutch
    original = str(text).strip()
    value = normalise(original)
    if not value:
        raise DateParseError("lege datum")
    # Every date has a digit (its day): "voor de zomer" is refused without trying the patterns.
    if any(c.isdecimal() for c in value):
        if match := _ISO.match(value):
            return _build(int(match[1]), int(match[2]), int(match[3]), original)
        if match := _NUMERIC.match(value):
            return _build(int(match[3]), int(match[2]), int(match[1]), original)
        if match := _TEXT.match(value):
            return date_from_match(match.groupdict(), original, context, prefer)
    raise DateParseError(
        f"'{original}' is geen datum; gebruik bijvoorbeeld 2024-10-01, 01-10-2024 of 1 oktober 2024"
    )


@dataclass(frozen=True)
class Term:
    """A period such as "vier weken": an amount and a unit (dagen, weken, maanden)."""

    amount: int
    unit: str  # "dagen" | "weken" | "maanden"

    def after(self, start: date) -> date:
        """The date this term after start ("vier weken na 1 oktober" = 29 oktober)."""
        if self.unit == "dagen":
            return start + timedelta(days=self.amount)
        if self.unit == "weken":
            return start + timedelta(weeks=self.amount)
        return start + relativedelta(months=self.amount)

    def __str__(self) -> str:
        singular = {"dagen": "dag", "weken": "week", "maanden": "maand"}[self.unit]
        return f"{self.amount} {singular if self.amount == 1 else self.unit}"

    def in_words(self) -> str:
        """The term as a Dutch reader writes it: "drie weken"."""
        amount = _NUMBER_IN_WORDS.get(self.amount, str(self.amount))
        singular = {"dagen": "dag", "weken": "week", "maanden": "maand"}[self.unit]
        return f"{amount} {singular if self.amount == 1 else self.unit}"


_NUMBER_IN_WORDS = {v: k for k, v in NUMBER_WORDS.items() if k != "één"}
_UNITS = {"dag": "dagen", "dagen": "dagen", "d": "dagen", "week": "weken", "weken": "weken",
          "w": "weken", "wk": "weken", "maand": "maanden", "maanden": "maanden", "mnd": "maanden"}
NUMBER_RE = r"\d{1,3}|" + "|".join(NUMBER_WORDS)
TERM_RE = rf"(?P<amount>{NUMBER_RE})\s*(?P<unit>dagen|dag|weken|week|maanden|maand|mnd|wk|d|w)\b"
_TERM = re.compile(rf"^{TERM_RE}$")


def term_from_match(amount: str, unit: str) -> Term:
    """Build a Term from the pieces of a TERM_RE match."""
    number = int(amount) if amount.isdecimal() else NUMBER_WORDS[amount]
    return Term(number, _UNITS[unit])


def parse_term(text: str) -> Term:
    """Parse "4 weken", "vier weken", "21 dagen", "3 maanden"; raise ValueError in Dutch otherwise."""
    value = normalise(str(text))
    match = _TERM.match(value)
    if not match or (amount := term_from_match(match["amount"], match["unit"])).amount <= 0:
        raise ValueError(f"'{text}' is geen termijn; gebruik bijvoorbeeld '4 weken' of '21 dagen'")
    return amount


def date_or_phrase(text: str | None, start: date | None) -> tuple[date | None, str | None]:
    """A deadline as typed: a date when it reads as one (after `start`), else the phrase ('voor de zomer') for the
    rule book to resolve. Empty: neither. A date outside FIRST_YEAR–LAST_YEAR raises DateOutOfRange: it is no
    phrase either (31-12-9999 would otherwise reach the rule book as one)."""
    if not text or not text.strip():
        return None, None
    try:
        return parse_date(text, start, prefer="future"), None
    except DateOutOfRange:
        raise
    except DateParseError:
        return None, text.strip()
