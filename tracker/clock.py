"""Today's date where parliament sits: calendar dates are Europe/Amsterdam dates."""
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def today() -> date:
    return datetime.now(AMSTERDAM).date()


def local(moment: datetime) -> datetime:
    """A stored moment (UTC; SQLite hands it back without a zone) as the time in Amsterdam."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(AMSTERDAM)
