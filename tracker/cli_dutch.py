"""Click's own words in its help texts in Dutch: "Gebruik:", "Opties", "Toon deze hulp en stop.", "standaard: …".

Click writes its help and error texts through gettext (`from gettext import gettext as _` in each of its
modules) and ships no Dutch catalog; a catalog would also depend on the operator's LANG. Kamertracker's commands
speak Dutch whatever the locale, so `use_dutch()` points click's `_` at the table below. A text not in the table
stays as click wrote it (never an error), so a newer click degrades to English, not to a crash. Click's error
messages for a wrong command line are translated where they are printed (tracker.cli._CLICK_DUTCH).
"""
from __future__ import annotations

import importlib

WORDS = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Positional arguments": "Argumenten",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "default: {default}": "standaard: {default}",
    "required": "verplicht",
    "deprecated": "verouderd",
    "env var: {var}": "omgevingsvariabele: {var}",
    "(dynamic)": "(berekend)",
}
_MODULES = ("core", "formatting", "exceptions", "types", "decorators", "parser", "termui")


def gettext(message: str) -> str:
    return WORDS.get(message, message)


def use_dutch() -> None:
    """Let click write its own texts in Dutch (idempotent)."""
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
