"""Kamerstuk dossier numbers by date: which numbers existed on a day, so made-up moties carry a plausible one.

Dossiers are numbered in the order they are opened; each year's Rijksbegroting, opened on Prinsjesdag, is a
landmark (35000 = begroting 2019, 36800 = begroting 2026). Between landmarks the number grows evenly; after the
last one by about 200 a year, as in recent years. An estimate for demo and benchmark data, not a register.
"""
from __future__ import annotations

from datetime import date, timedelta

# (Prinsjesdag, the number of that year's begroting dossier)
LANDMARKS = [(date(2018, 9, 18), 35000), (date(2019, 9, 17), 35300), (date(2020, 9, 15), 35570),
             (date(2021, 9, 21), 35925), (date(2022, 9, 20), 36200), (date(2023, 9, 19), 36410),
             (date(2024, 9, 17), 36600), (date(2025, 9, 16), 36800)]
PER_YEAR_BEFORE, PER_YEAR_AFTER = 300, 200


def dossier_in_use(day: date) -> int:
    """The highest dossier number opened by that day (an estimate)."""
    first_day, first = LANDMARKS[0]
    if day <= first_day:
        return first - (first_day - day).days * PER_YEAR_BEFORE // 365
    for (start, low), (end, high) in zip(LANDMARKS, LANDMARKS[1:]):
        if day <= end:
            return low + (day - start).days * (high - low) // (end - start).days
    last_day, last = LANDMARKS[-1]
    return last + (day - last_day).days * PER_YEAR_AFTER // 365


def plausible_for(dossier: int, day: date, years: int = 2) -> bool:
    """A motie of that day on that dossier: the dossier was open by then and at most `years` old (the span the
    generators draw from; real moties may cite older dossiers)."""
    return dossier_in_use(day - timedelta(days=365 * years)) <= dossier <= dossier_in_use(day)
