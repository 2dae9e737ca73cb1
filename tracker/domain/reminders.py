"""When a behandelaar hears about an item: pure rules, no database, no mail.

An item has a real deadline (from the rule book) and perhaps an interne termijn: set by hand, or by default a
number of days before the real one (per ministry). The behandelaar is reminded a set number of days before
each (default 7 and 1) and on the day the item becomes overdue (the day after its deadline).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .dutch import format_date

DEFAULT_DAYS_BEFORE = (7, 1)
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def internal_deadline(due: date | None, internal_due: date | None, offset_days: int | None) -> date | None:
    """The interne termijn: the one set by hand, else `offset_days` before the real deadline (never after it)."""
    if internal_due is not None:
        return min(internal_due, due) if due else internal_due
    if due is None or offset_days is None or offset_days <= 0:
        return None
    try:
        return due - timedelta(days=offset_days)
    except OverflowError:  # a date outside the register's years, stored before the bounds: no interne termijn
        return None


@dataclass(frozen=True)
class Reminder:
    which: str  # "intern" | "termijn" | "te_laat"
    deadline: date
    days_before: int  # 0 for "te_laat"

    @property
    def key(self) -> str:
        """What makes this reminder this one (with the item and the user: sent once)."""
        return f"{self.which}:{self.deadline.isoformat()}:{self.days_before}"

    def words(self) -> str:
        if self.which == "te_laat":
            return f"is sinds vandaag te laat (termijn {format_date(self.deadline)})"
        what = "de interne termijn" if self.which == "intern" else "de termijn"
        when = "morgen" if self.days_before == 1 else f"over {self.days_before} dagen"
        return f"{what} verstrijkt {when} ({format_date(self.deadline)})"


def reminders_on(on: date, due: date | None, internal: date | None,
                 days_before: tuple[int, ...] = DEFAULT_DAYS_BEFORE) -> list[Reminder]:
    """The reminders an open item's behandelaar gets on day `on`."""
    found = []
    for which, deadline in (("intern", internal), ("termijn", due)):
        if deadline is None:
            continue
        left = (deadline - on).days
        if left in days_before:
            found.append(Reminder(which, deadline, left))
    if due is not None and (on - due).days == 1:  # overdue means: the deadline has passed (9999-12-31 + 1 overflows)
        found.append(Reminder("te_laat", due, 0))
    return found


def is_digest_day(on: date, weekday: str = "maandag") -> bool:
    return WEEKDAYS[on.weekday()] == weekday.strip().lower()


def parse_days(text: str) -> tuple[int, ...]:
    """"7,1" → (7, 1): the reminder days (configuration); a clear error for anything else."""
    try:
        days = tuple(sorted({int(part) for part in text.split(",") if part.strip()}, reverse=True))
    except ValueError:
        raise ValueError(f"herinneringsdagen moeten gehele getallen zijn, gescheiden door komma's, niet '{text}'") from None
    if not days or any(d < 1 or d > 60 for d in days):
        raise ValueError(f"herinneringsdagen liggen tussen 1 en 60, niet '{text}'")
    return days
