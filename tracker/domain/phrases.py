"""Vague deadline phrases ("voor de zomer", "tweede helft van 2021") resolved to dates.

Resolving such a phrase is our convention: the original phrase, the date, the pattern that
resolved it and an explanation in Dutch are always kept together. A phrase that cannot be
resolved gives no date and a problem for a person to solve, never a guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from .calendar import Recess, RecessCalendar
from .dutch import (FIRST_YEAR, LAST_YEAR, MONTH_NAMES, MONTH_RE, MONTHS, TERM_RE, TEXT_DATE_RE, DateParseError,
                    date_from_match, format_date, normalise, term_from_match)
from .rules import PhraseConventions, RuleBook, default_rulebook


@dataclass(frozen=True)
class Resolution:
    """What a phrase means: a date (or None) and how we got there."""

    phrase: str
    due: date | None
    rule: str  # e.g. "zin:kwartaal"; "zin:onbekend" when unresolved
    explanation: str
    convention: bool = False  # True when our convention (not the text itself) fixed the date
    problem: str | None = None


@dataclass(frozen=True)
class _Context:
    made_on: date | None  # unknown for some registered items: phrases then need their own year
    chamber: str
    calendar: RecessCalendar
    conventions: PhraseConventions


# Any number in the place of a year is read as one, and checked (_year): "voor de zomer 99999" is an error, not a
# phrase without a year.
YEAR = r"(?P<year>\d{4,})"
NO_CONTEXT = "geen jaar genoemd en de datum waarop de termijn is gesteld is onbekend"
UNRESOLVABLE = re.compile(
    r"begrotingsbehandeling|z\.s\.m|zo spoedig mogelijk|zo snel mogelijk|zo snel als mogelijk|"
    r"te zijner tijd|t\.z\.t|binnenkort|op korte termijn|nader te bepalen|\bnog niet bekend|"
    # "na de zomer", "na het najaar": after a season is no end date (unlike "na het zomerreces", a recess rule)
    r"\bna\s+(?:de|het)\s+(?:zomer|winter|lente|herfst|voorjaar|najaar)\b(?!\s?reces)"
)
ORDINALS = {"eerste": 1, "1e": 1, "q1": 1, "tweede": 2, "2e": 2, "q2": 2,
            "derde": 3, "3e": 3, "q3": 3, "vierde": 4, "4e": 4, "q4": 4}
RECESS_WORDS = r"zomer|kerst|herfst|voorjaars|krokus|mei|paas"


def _last_day_of_month(year: int, month: int) -> date:
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def _first_ending_on_or_after(made_on: date | None, year: int | None, end_for_year: Callable[[int], date]) -> date:
    """The given year, or without one the first period that has not yet ended on made_on."""
    if year is not None:
        return end_for_year(year)
    if made_on is None:
        raise DateParseError(NO_CONTEXT)
    end = end_for_year(made_on.year)
    return end if end >= made_on else end_for_year(made_on.year + 1)


def _year(match: re.Match) -> int | None:
    value = match.groupdict().get("year")
    if not value:
        return None
    if len(value) > 4 or not FIRST_YEAR <= int(value) <= LAST_YEAR:
        raise DateParseError(f"het jaar {value} ligt buiten de jaren {FIRST_YEAR}–{LAST_YEAR}")
    return int(value)


def _in_range(found: date, text: str) -> date:
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise DateParseError(f"'{text}' ligt buiten de jaren {FIRST_YEAR}–{LAST_YEAR}")
    return found


def _explicit_date(match: re.Match, ctx: _Context) -> Resolution:
    found = date_from_match(match.groupdict(), match[0], ctx.made_on, prefer="future")
    return _before_or_on(match, found, ctx, "zin:datum")


def _numeric_date(match: re.Match, ctx: _Context) -> Resolution:
    try:
        found = date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        raise DateParseError(f"'{match[0]}' is geen bestaande datum") from None
    return _before_or_on(match, found, ctx, "zin:datum")


def _before_or_on(match: re.Match, found: date, ctx: _Context, rule: str) -> Resolution:
    found = _in_range(found, match[0].strip())
    if match.groupdict().get("before"):
        offset = ctx.conventions.before_date_offset_days
        due = found - timedelta(days=offset)
        return Resolution(match.string, due, rule,
                          f"vóór {format_date(found)}: uiterlijk {format_date(due)} (zo rekent Kamertracker: de dag ervoor)",
                          convention=True)
    return Resolution(match.string, found, rule, f"genoemde datum {format_date(found)}")


def _within_term(match: re.Match, ctx: _Context) -> Resolution:
    if ctx.made_on is None:
        raise DateParseError(NO_CONTEXT)
    term = term_from_match(match["amount"], match["unit"])
    due = term.after(ctx.made_on)
    return Resolution(match.string, due, "zin:binnen-termijn",
                      f"binnen {term.in_words()} na {format_date(ctx.made_on)} = {format_date(due)}")


CHAMBER_NAMES = {"TK": "de Tweede Kamer", "EK": "de Eerste Kamer"}


def _standard_dates_note(chamber: str) -> str:
    """Said when no recess of the calendar fits: the rule book's usual dates stand in (our convention)."""
    return (f" (het recesrooster van {CHAMBER_NAMES.get(chamber, chamber)} noemt dit reces nog niet; Kamertracker "
            f"rekent met de gebruikelijke data)")


def _fallback_recess(kind: str, year: int | None, after: bool, ctx: _Context) -> Recess | None:
    """A recess built from the rule book's standard dates, when users entered none."""
    standard = ctx.conventions.recess_fallback.get(kind)
    if standard is None:
        return None
    (start_m, start_d), (end_m, end_d) = standard

    def build(y: int) -> Recess:
        end_year = y + ((end_m, end_d) < (start_m, start_d))
        return Recess(ctx.chamber, f"{kind}reces", date(y, start_m, start_d), date(end_year, end_m, end_d))

    if year is not None:
        return build(year)
    recess = build(ctx.made_on.year - 1)
    while (recess.end < ctx.made_on) if after else (recess.start <= ctx.made_on):
        recess = build(recess.start.year + 1)
    return recess


def _same_year(found: Recess | None, standard: Recess | None) -> Recess | None:
    """The recess from the calendar only when it is the one the rule book's dates point at: a calendar that
    holds no recess of the promise's year returns a later year's (a promise of 2019 "voor het einde van het
    zomerreces" is not due in 2021)."""
    if found is None or standard is None or found.start.year == standard.start.year:
        return found
    return None


def _recess(match: re.Match, ctx: _Context) -> Resolution:
    kind = "voorjaars" if match["kind"] == "krokus" else match["kind"]
    name = f"{kind}reces"
    year = _year(match)
    after = match["when"] == "na"
    if year is None and ctx.made_on is None:
        raise DateParseError(NO_CONTEXT)
    if year:
        recess = ctx.calendar.find(ctx.chamber, kind, year)
    elif after:
        recess = ctx.calendar.next_ending_from(ctx.chamber, kind, ctx.made_on)
    else:
        recess = ctx.calendar.next_starting_after(ctx.chamber, kind, ctx.made_on)
    rule, note = "zin:reces", ""
    if recess is None:
        recess = _fallback_recess(kind, year, after, ctx)
        if recess is None:
            return _unresolved(match.string, f"het recesrooster noemt het {name} niet en er zijn geen "
                                             f"gebruikelijke data van")
        rule = "zin:reces-standaard"
        note = _standard_dates_note(ctx.chamber)
    period = f"{name} {format_date(recess.start)} – {format_date(recess.end)}{note}"
    if after:
        days = ctx.conventions.after_recess_days
        due = recess.end + timedelta(days=days)
        return Resolution(match.string, due, rule, f"na het {period}: {format_date(due)} "
                          f"(zo rekent Kamertracker: {days} dagen na het einde van het reces)", convention=True)
    due = recess.start - timedelta(days=1)
    return Resolution(match.string, due, rule, f"de dag voor het {period}: {format_date(due)}",
                      convention=bool(note))


def _recess_end(match: re.Match, ctx: _Context) -> Resolution:
    """"uiterlijk voor het einde van het zomerreces", "aan het eind van het kerstreces": the recess's last day
    (the first such recess that has not ended on the day the promise was made)."""
    kind = "voorjaars" if match["kind"] == "krokus" else match["kind"]
    name = f"{kind}reces"
    year = _year(match)
    if year is None and ctx.made_on is None:
        raise DateParseError(NO_CONTEXT)
    recess = (ctx.calendar.find(ctx.chamber, kind, year) if year
              else _same_year(ctx.calendar.next_ending_from(ctx.chamber, kind, ctx.made_on),
                              _fallback_recess(kind, None, True, ctx)))
    rule, note = "zin:reces-einde", ""
    if recess is None:
        recess = _fallback_recess(kind, year, True, ctx)
        if recess is None:
            return _unresolved(match.string, f"het recesrooster noemt het {name} niet en er zijn geen "
                                             f"gebruikelijke data van")
        rule, note = "zin:reces-standaard", _standard_dates_note(ctx.chamber)
    return Resolution(match.string, recess.end, rule,
                      f"het einde van het {name} {format_date(recess.start)} – {format_date(recess.end)}{note}: "
                      f"uiterlijk {format_date(recess.end)}", convention=bool(note))


def _quarter(match: re.Match, ctx: _Context) -> Resolution:
    quarter = ORDINALS[match["q"]]
    due = _first_ending_on_or_after(ctx.made_on, _year(match),
                                    lambda y: _last_day_of_month(y, quarter * 3))
    return Resolution(match.string, due, "zin:kwartaal",
                      f"einde van het {quarter}e kwartaal {due.year}: {format_date(due)}")


def _half(match: re.Match, ctx: _Context) -> Resolution:
    month = 6 if match["h"] == "eerste" else 12
    due = _first_ending_on_or_after(ctx.made_on, _year(match), lambda y: _last_day_of_month(y, month))
    return Resolution(match.string, due, "zin:halfjaar",
                      f"einde van de {match['h']} helft van {due.year}: {format_date(due)}")


def _season(match: re.Match, ctx: _Context) -> Resolution:
    season = match["season"]
    month, day = ctx.conventions.season_end[season]
    winter = season == "winter"  # winter 2021 runs into 2022

    def end(year: int) -> date:
        return _last_day_of_month(year + winter, month) if day >= 28 else date(year + winter, month, day)

    year = _year(match)
    if year is None and match["which"] in ("dit", "deze") and ctx.made_on is not None:
        year = ctx.made_on.year
    due = _first_ending_on_or_after(ctx.made_on, year, end)
    return Resolution(match.string, due, "zin:seizoen",
                      f"{season} {due.year - winter}: uiterlijk {format_date(due)} "
                      f"(zo rekent Kamertracker: het einde van het seizoen)", convention=True)


def _end_of_year(match: re.Match, ctx: _Context) -> Resolution:
    which = match.groupdict().get("which")
    year = _year(match)
    if year is None:
        if ctx.made_on is None:
            raise DateParseError(NO_CONTEXT)
        year = ctx.made_on.year + (which == "volgend")
    due = date(year, 12, 31)
    return Resolution(match.string, due, "zin:jaareinde", f"einde van {year}: {format_date(due)}")


def _begin_or_mid_year(match: re.Match, ctx: _Context) -> Resolution:
    year = _year(match)
    if year is None:  # "begin volgend jaar", "medio dit jaar": counted from the day it was said
        if ctx.made_on is None:
            raise DateParseError(NO_CONTEXT)
        year = ctx.made_on.year + (match["which"] in ("volgend", "komend"))
    conv = ctx.conventions
    month, day = conv.begin_of_year if match["when"] == "begin" else conv.mid_year  # medio = halverwege
    due = date(year, month, day)
    return Resolution(match.string, due, f"zin:{match['when']}-jaar",
                      f"{match['when']} {year}: uiterlijk {format_date(due)} (zo rekent Kamertracker)", convention=True)


def _month(match: re.Match, ctx: _Context) -> Resolution:
    month = MONTHS[match["month"]]
    year = _year(match)
    if match["when"] in ("voor", "vóór"):
        target = _first_ending_on_or_after(ctx.made_on, year, lambda y: date(y, month, 1))
        due = target - timedelta(days=1)
        return Resolution(match.string, due, "zin:voor-maand",
                          f"vóór {MONTH_NAMES[month - 1]} {target.year}: uiterlijk {format_date(due)}")
    due = _first_ending_on_or_after(ctx.made_on, year, lambda y: _last_day_of_month(y, month))
    return Resolution(match.string, due, "zin:maand",
                      f"in {MONTH_NAMES[month - 1]} {due.year}: uiterlijk {format_date(due)}")


def _year_only(match: re.Match, ctx: _Context) -> Resolution:
    year = _year(match)
    if match["when"] in ("voor", "vóór"):
        due = date(year - 1, 12, 31)
        return Resolution(match.string, due, "zin:voor-jaar", f"vóór {year}: uiterlijk {format_date(due)}")
    due = date(year, 12, 31)
    return Resolution(match.string, due, "zin:jaar", f"in {year}: uiterlijk {format_date(due)}")


# Ordered: the first pattern that matches wins, so the precise ones come first.
PATTERNS: list[tuple[re.Pattern, Callable[[re.Match, _Context], Resolution]]] = [
    # a day and month followed by a number that is no year ("1 juli 99999") is not a date without a year
    (re.compile(rf"(?P<before>\b(?:voor|vóór)\s+)?\b{TEXT_DATE_RE}\b(?(year)|(?!\s+\d{{4}}))"), _explicit_date),
    (re.compile(r"(?P<before>\b(?:voor|vóór)\s+)?\b(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})\b"), _numeric_date),
    (re.compile(r"(?P<before>\b(?:voor|vóór)\s+)?\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), _numeric_date),
    (re.compile(rf"\bbinnen\s+{TERM_RE}"), _within_term),
    # "uiterlijk voor het einde van het zomerreces", "aan het eind van het kerstreces" (before the recess rule:
    # "voor het einde van het …reces" is the recess's end, not the day before it starts)
    (re.compile(rf"\b(?:(?:voor|vóór|aan|tegen|bij|uiterlijk)\s+)?(?:het\s+)?(?:einde?)\s+van\s+het\s+(?P<kind>{RECESS_WORDS})"
                rf"\s?reces(?:\s+(?:van\s+)?{YEAR})?"), _recess_end),
    (re.compile(rf"\b(?P<when>voor|vóór|na)\s+(?:het|de)\s+(?P<kind>{RECESS_WORDS})\s?reces(?:\s+(?:van\s+)?{YEAR})?"), _recess),
    (re.compile(rf"\b(?P<when>voor|vóór)\s+de\s+(?P<kind>zomer)\b(?!\s?reces)(?:\s+(?:van\s+)?{YEAR})?"), _recess),
    (re.compile(rf"\b(?P<q>eerste|tweede|derde|vierde|1e|2e|3e|4e)\s+kwartaal(?:\s+(?:van\s+)?(?:het\s+jaar\s+)?{YEAR})?"), _quarter),
    (re.compile(rf"\b(?P<q>q[1-4])\s+{YEAR}"), _quarter),
    (re.compile(rf"\b(?P<h>eerste|tweede)\s+(?:helft|halfjaar|half jaar)(?:\s+(?:van\s+)?(?:het\s+jaar\s+)?{YEAR})?"), _half),
    (re.compile(rf"\b(?:(?P<which>dit|deze|komend|komende|het|de|in)\s+)?(?P<season>voorjaar|lente|zomer|najaar|herfst|winter)\b(?:\s+(?:van\s+)?{YEAR})?"), _season),
    (re.compile(rf"\beind(?:e)?\s+(?:van\s+)?(?:(?P<which>het|dit|volgend)\s+)?jaar(?:\s+{YEAR})?"), _end_of_year),
    (re.compile(rf"\beind(?:e)?\s+(?:van\s+)?{YEAR}"), _end_of_year),
    (re.compile(rf"\bjaareinde(?:\s+{YEAR})?"), _end_of_year),
    (re.compile(rf"\b(?P<when>begin|medio|halverwege)\s+{YEAR}"), _begin_or_mid_year),
    (re.compile(r"\b(?P<when>begin|medio|halverwege)\s+(?:van\s+)?(?P<which>dit|het|volgend|komend)\s+jaar\b"),
     _begin_or_mid_year),
    (re.compile(rf"\b(?P<when>in|eind|einde|uiterlijk|voor|vóór)\s+(?P<month>{MONTH_RE})\b(?:\s+{YEAR})?"), _month),
    (re.compile(rf"\b(?P<when>in|voor|vóór|uiterlijk)\s+{YEAR}\b"), _year_only),
]


def _unresolved(phrase: str, why: str) -> Resolution:
    return Resolution(phrase, None, "zin:onbekend", f"'{phrase}' is niet om te zetten naar een datum: {why}",
                      problem=f"termijn '{phrase}' niet te bepalen ({why}); stel de datum handmatig vast")


def resolve_phrase(phrase: str, made_on: date | None, chamber: str = "TK",
                   calendar: RecessCalendar | None = None, rulebook: RuleBook | None = None) -> Resolution:
    """Turn a deadline phrase into a date, using the date it was made on as context."""
    text = normalise(phrase)
    if not text:
        return _unresolved(phrase, "geen termijn opgegeven")
    if UNRESOLVABLE.search(text):
        return _unresolved(phrase, "deze termijn hangt niet aan een kalenderdatum")
    ctx = _Context(made_on, chamber, calendar or RecessCalendar(), (rulebook or default_rulebook()).phrases)
    for pattern, resolve in PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        try:
            resolution = resolve(match, ctx)
        except DateParseError as error:
            return _unresolved(phrase, str(error))
        except (ValueError, OverflowError):  # date arithmetic beyond year 9999 (a stored date outside the bounds)
            return _unresolved(phrase, "de datum valt buiten de kalender")
        resolution = Resolution(phrase, resolution.due, resolution.rule, resolution.explanation,
                                resolution.convention, resolution.problem)
        if resolution.due is not None and made_on is not None and resolution.due < made_on:
            return _unresolved(phrase, f"{format_date(resolution.due)} ligt vóór de datum "
                                       f"waarop de termijn is gesteld ({format_date(made_on)})")
        return resolution
    return _unresolved(phrase, "onbekende formulering")
