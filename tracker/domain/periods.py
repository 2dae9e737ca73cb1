"""The periods Overzicht's charts cover: the last twelve months, or one vergaderjaar (from Prinsjesdag, the third
Tuesday of September, to the day before the next one). Pure: no database."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .citations import prinsjesdag, vergaderjaar

LAST_TWELVE_MONTHS = "12m"


@dataclass(frozen=True)
class Period:
    key: str  # what ?periode= carries: "12m", or the first year of a vergaderjaar ("2024" for 2024/25)
    label: str  # "de laatste twaalf maanden", "vergaderjaar 2024/25"
    since: date
    until: date  # the last day covered: the period's end, or the peildatum when that comes first

    def months(self) -> list[date]:
        """The first day of every month the period touches, in order."""
        first, found = date(self.since.year, self.since.month, 1), []
        while first <= self.until:
            found.append(first)
            first = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return found

    def month_ends(self) -> list[date]:
        """Per month of the period its last day, the last one no later than `until` (a month still running: that
        day itself)."""
        return [min(_last_day(first), self.until) for first in self.months()]


def _last_day(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)


def last_twelve_months(on: date) -> Period:
    """This month and the eleven before it, up to and including `on`."""
    month = on.month - 11
    since = date(on.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    return Period(LAST_TWELVE_MONTHS, "de laatste twaalf maanden", since, on)


def vergaderjaar_period(first_year: int, on: date) -> Period:
    """Vergaderjaar first_year/first_year+1, cut off at `on` while it runs."""
    since = prinsjesdag(first_year)
    end = prinsjesdag(first_year + 1) - timedelta(days=1)
    return Period(str(first_year), f"vergaderjaar {vergaderjaar(since)}", since, min(end, on))


def current_vergaderjaar(on: date) -> int:
    return on.year if on >= prinsjesdag(on.year) else on.year - 1


def period_choices(on: date, earliest: date | None) -> list[Period]:
    """The last twelve months, then every vergaderjaar from the current one back to the one of `earliest` (the
    oldest answer on file; at most fifteen years back)."""
    last = current_vergaderjaar(on)
    first = max(current_vergaderjaar(earliest) if earliest and earliest <= on else last, last - 15)
    return [last_twelve_months(on)] + [vergaderjaar_period(year, on) for year in range(last, first - 1, -1)]


def parse_period(value: str | None, on: date) -> Period | None:
    """The period ?periode= names (empty: the last twelve months); None for anything else, or a year after `on`."""
    value = (value or "").strip()
    if value in ("", LAST_TWELVE_MONTHS):
        return last_twelve_months(on)
    if len(value) == 4 and value.isdecimal() and 1900 < int(value) <= current_vergaderjaar(on):
        return vergaderjaar_period(int(value), on)
    return None
