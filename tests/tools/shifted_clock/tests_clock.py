"""The whole suite on another day: KAMERTRACKER_TEST_TODAY=2032-02-29 bin/test.

A test that passes today and fails on another day depends on the wall clock; every such test must pin "today".
The clock keeps running from 12:00 Amsterdam time on that day (time-machine patches time.time, datetime.now and
date.today in C), in the test process and, through sitecustomize, in every Python process it starts. All of them
show the same time: 12:00 is when the first process travelled (ORIGIN, inherited by the others), so two servers
started a few seconds apart do not sign cookies in each other's future (itsdangerous refuses those)."""
import os
import time as _time
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

VARIABLE = "KAMERTRACKER_TEST_TODAY"
ORIGIN = "KAMERTRACKER_TEST_CLOCK_ORIGIN"  # the real time.time() at which the shifted day showed 12:00
_traveller = None


def travel_from_environment():
    """Move this process's clock to the day in KAMERTRACKER_TEST_TODAY (if set); returns that day."""
    global _traveller
    value = os.environ.get(VARIABLE)
    if not value or _traveller is not None:
        return None
    day = date.fromisoformat(value)
    import time_machine

    real_now = _time.time()  # before travelling: the real clock
    origin = float(os.environ.setdefault(ORIGIN, repr(real_now)))
    noon = datetime.combine(day, time(12), ZoneInfo("Europe/Amsterdam"))
    _traveller = time_machine.travel(noon + timedelta(seconds=max(0.0, real_now - origin)), tick=True)
    _traveller.start()
    return day
