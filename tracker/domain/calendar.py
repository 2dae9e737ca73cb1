"""Recesses, weekends and public holidays: shown next to a due date, never used to move it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import holidays

from .dutch import WEEKDAY_NAMES, format_date


@dataclass(frozen=True)
class Recess:
    """A recess of one chamber: zomerreces 2024, 5 juli – 2 september."""

    chamber: str
    name: str  # "zomerreces", "kerstreces", ...
    start: date
    end: date

    @property
    def kind(self) -> str:
        """The recess word without "reces": zomer, kerst, herfst, voorjaars, mei."""
        return self.name.lower().removesuffix("reces").strip()

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


class RecessCalendar:
    """The recesses users maintain, per chamber."""

    def __init__(self, recesses=()):
        self.recesses = sorted(recesses, key=lambda r: r.start)

    def __bool__(self) -> bool:
        return bool(self.recesses)

    def find(self, chamber: str, kind: str, year: int) -> Recess | None:
        """The recess of this kind starting in this year (kerstreces 2020 starts in December 2020)."""
        for recess in self.recesses:
            if recess.chamber == chamber and recess.kind == kind and recess.start.year == year:
                return recess
        return None

    def next_starting_after(self, chamber: str, kind: str, day: date) -> Recess | None:
        """The first recess of this kind that starts after day."""
        for recess in self.recesses:
            if recess.chamber == chamber and recess.kind == kind and recess.start > day:
                return recess
        return None

    def next_ending_from(self, chamber: str, kind: str, day: date) -> Recess | None:
        """The first recess of this kind that has not ended before day."""
        for recess in self.recesses:
            if recess.chamber == chamber and recess.kind == kind and recess.end >= day:
                return recess
        return None

    def containing(self, chamber: str, day: date) -> Recess | None:
        for recess in self.recesses:
            if recess.chamber == chamber and recess.contains(day):
                return recess
        return None


@lru_cache(maxsize=64)
def _dutch_holidays(year: int):
    return holidays.country_holidays("NL", years=year, language="nl")


def is_working_day(day: date) -> bool:
    """Monday to Friday and no public holiday."""
    return day.weekday() < 5 and day not in _dutch_holidays(day.year)


def day_notes(day: date, chamber: str, calendar: RecessCalendar) -> list[str]:
    """Why this day is special: weekend, public holiday, recess (in Dutch)."""
    notes = []
    if day.weekday() >= 5:
        notes.append(f"valt op een {WEEKDAY_NAMES[day.weekday()]}")
    holiday = _dutch_holidays(day.year).get(day)
    if holiday:
        notes.append(f"valt op een feestdag ({holiday})")
    recess = calendar.containing(chamber, day)
    if recess:
        notes.append(f"valt in het {recess.name} ({format_date(recess.start)} – {format_date(recess.end)})")
    return notes


def due_warnings(day: date, chamber: str, calendar: RecessCalendar) -> list[str]:
    """The sentences an item page and the form's preview show under a due date: "Let op: de termijn valt op een
    zondag." (one wording for both)."""
    return [f"Let op: de termijn {note}." for note in day_notes(day, chamber, calendar)]
