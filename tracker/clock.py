"""Today's date where parliament sits: calendar dates are Europe/Amsterdam dates."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def today() -> date:
    return datetime.now(AMSTERDAM).date()
