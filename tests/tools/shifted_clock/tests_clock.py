"""The whole suite on another day: KAMERTRACKER_TEST_TODAY=2032-02-29 bin/test.

A test that passes today and fails on another day depends on the wall clock; every such test must pin "today".
The clock keeps running from 12:00 Amsterdam time on that day (time-machine patches time.time, datetime.now and
date.today in C), in the test process and, through sitecustomize, in every Python process it starts."""
import os
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

VARIABLE = "KAMERTRACKER_TEST_TODAY"
_traveller = None


def travel_from_environment():
    """Move this process's clock to the day in KAMERTRACKER_TEST_TODAY (if set); returns that day."""
    global _traveller
    value = os.environ.get(VARIABLE)
    if not value or _traveller is not None:
        return None
    day = date.fromisoformat(value)
    import time_machine

    _traveller = time_machine.travel(datetime.combine(day, time(12), ZoneInfo("Europe/Amsterdam")), tick=True)
    _traveller.start()
    return day
