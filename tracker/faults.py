"""Faults of the database itself, in words a user can act on: busy, read-only, full, damaged, unreachable,
outdated.

The web app answers these with a 503 page and the CLI with a message and exit code 1, never a traceback.
Every write is one transaction, so whatever the fault, nothing was half written.
"""
from __future__ import annotations

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, ProgrammingError

NOTHING_CHANGED = "Er is niets gewijzigd."
_KINDS = (
    ("busy", ("database is locked", "database is busy", "deadlock detected", "lock timeout",
              "could not obtain lock")),
    ("readonly", ("readonly database", "read-only", "read only transaction")),
    ("full", ("database or disk is full", "no space left on device", "disk full", "diskfull")),
    ("damaged", ("database disk image is malformed", "file is not a database")),
    ("outdated", ("no such table", "no such column", "undefinedtable", "undefinedcolumn", "does not exist")),
    ("unreachable", ("unable to open database", "connection refused", "could not connect", "connection to server",
                     "server closed the connection", "name or service not known", "timeout expired",
                     "terminating connection", "the database system is", "consuming input failed",
                     "connection is lost", "connection is closed", "ssl connection has been closed")),
)
MESSAGES = {
    "busy": "De database is bezig met een andere schrijfactie en die duurde te lang; probeer het over een paar "
            "seconden opnieuw.",
    "readonly": "De database is alleen-lezen (bestandsrechten, een alleen-lezen schijf of een standby-server); "
                "wijzigen kan nu niet, lezen wel.",
    "full": "De schijf van de database is vol; vraag de beheerder ruimte te maken.",
    "damaged": "Het databasebestand is beschadigd; de beheerder zet een goede back-up terug (`tracker restore` in "
               "een nieuw bestand).",
    "outdated": "De database heeft een ouder schema dan deze versie van Kamertracker; voer `tracker init-db` uit "
                "(of start met `tracker serve --migrate`).",
    "unreachable": "De database is niet bereikbaar; controleer DATABASE_URL en of de databaseserver draait.",
}


def kind_of(error: BaseException) -> str | None:
    """'busy', 'readonly', 'full', 'damaged', 'outdated' or 'unreachable' for a fault of the database; None for anything
    else (a programming error stays a 500 and a traceback in the log)."""
    if not isinstance(error, (OperationalError, ProgrammingError, DBAPIError)):
        return None
    text = f"{type(getattr(error, 'orig', None)).__name__} {error}".lower()
    for kind, needles in _KINDS:
        if any(needle in text for needle in needles):
            if kind == "outdated" and not isinstance(error, (OperationalError, ProgrammingError)):
                continue
            return kind
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return "unreachable"
    return None


def message(error: BaseException) -> str | None:
    """The Dutch message for a database fault, or None when error is not one."""
    kind = kind_of(error)
    return f"{MESSAGES[kind]} {NOTHING_CHANGED}" if kind else None


CONFLICT = ("Dit botst met gegevens die iemand anders tegelijk heeft opgeslagen (een nummer, naam of kenmerk dat "
            "uniek moet zijn). Er is niets gewijzigd; probeer het opnieuw.")


def conflict_message(error: BaseException) -> str | None:
    """The message for a write that lost a race for a unique key (the services checked, but another
    transaction committed the same key in between); None for any other error."""
    return CONFLICT if isinstance(error, IntegrityError) else None
