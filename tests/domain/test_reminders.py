"""The reminder rules on their own: interne termijn, the days before, the day an item becomes overdue."""
from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from tracker.domain.reminders import internal_deadline, is_digest_day, parse_days, reminders_on

DUE = date(2026, 12, 18)


def test_the_interne_termijn_is_set_by_hand_or_the_ministrys_offset_before_the_deadline():
    assert internal_deadline(DUE, None, 7) == date(2026, 12, 11)
    assert internal_deadline(DUE, date(2026, 12, 14), 7) == date(2026, 12, 14)
    assert internal_deadline(DUE, date(2026, 12, 30), 7) == DUE  # never after the real deadline
    assert internal_deadline(DUE, None, None) is None and internal_deadline(None, None, 7) is None


def test_reminders_seven_and_one_day_before_each_deadline_and_on_the_first_late_day():
    internal = internal_deadline(DUE, None, 7)
    days = {on: [r.key for r in reminders_on(on, DUE, internal)]
            for on in (DUE - timedelta(days=n) for n in range(-3, 20))}
    assert days[date(2026, 12, 4)] == ["intern:2026-12-11:7"]
    assert days[date(2026, 12, 10)] == ["intern:2026-12-11:1"]
    assert days[date(2026, 12, 11)] == ["termijn:2026-12-18:7"]
    assert days[date(2026, 12, 17)] == ["termijn:2026-12-18:1"]
    assert days[date(2026, 12, 19)] == ["te_laat:2026-12-18:0"]
    assert sum(len(keys) for keys in days.values()) == 5  # nothing on any other day
    assert reminders_on(date(2026, 12, 17), DUE, None)[0].words() == "de termijn verstrijkt morgen (18 december 2026)"


@given(st.dates(date(2020, 1, 1), date(2030, 1, 1)), st.integers(0, 40), st.integers(1, 30))
def test_every_reminder_falls_on_its_own_day_and_is_never_after_the_overdue_day(due, offset, before):
    internal = internal_deadline(due, None, offset or None)
    for n in range(-5, 45):
        on = due - timedelta(days=n)
        for reminder in reminders_on(on, due, internal, (before,)):
            assert on <= reminder.deadline + timedelta(days=1)
            assert reminder.days_before == 0 or (reminder.deadline - on).days == before


def test_digest_day_and_reminder_days_configuration():
    assert is_digest_day(date(2026, 12, 7)) and not is_digest_day(date(2026, 12, 8))  # 7 December 2026: a Monday
    assert is_digest_day(date(2026, 12, 8), "Dinsdag")
    assert parse_days("7, 1") == (7, 1) and parse_days("1,14,7") == (14, 7, 1)
    for bad in ("", "zeven", "0", "90"):
        with pytest.raises(ValueError):
            parse_days(bad)
