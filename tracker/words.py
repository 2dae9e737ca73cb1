"""What a person reads instead of an internal code: roles, sources, who did something, counted nouns.

Pure functions (no Flask, no database), used by the pages, the mail, the CLI and the letters alike. The stored
values stay as they are (the audit trail keeps what it recorded; imports and the API keep their codes); only
what is shown is translated, so old audit entries read as well as new ones.
"""
from __future__ import annotations

import re

from .domain.workflow import label as status_label

ROLE_WORDS = {"admin": "beheerder", "griffie": "griffie", "officer": "beleidsmedewerker", "viewer": "lezer"}

# Where an item came from (TrackedItem.source, also the note of its "aangemaakt" event)
SOURCE_WORDS = {
    "web": "ingevoerd via het formulier", "api": "ingevoerd via de API", "demo": "demodata",
    "demo-week": "demodata (voorbeeldweek)", "generated": "gegenereerde testdata", "import": "geïmporteerd",
    "tk-open-data": "overgenomen uit de open data van de Tweede Kamer", "import document-invoeren":
    "ingelezen via Document invoeren",
}

# The kinds of mail `tracker notify` sends (Notification.kind)
MESSAGE_WORDS = {"digest": "weekoverzicht", "reminder": "herinnering", "follow": "gevolgd"}

# "bzk (officer, BZK)", "griffie (griffie)", "bzk (officer, BZK, cli)": the actor names the audit trail stores
_ACTOR = re.compile(r"^(?P<name>.+?) \((?P<role>admin|griffie|officer|viewer)(?:, (?P<code>[^,()]+?))?"
                    r"(?P<cli>, cli)?\)$")
_IMPORT_NOTE = re.compile(r"^import \S+\.\w{2,4}\b")
_STATUS_NOTE = re.compile(r"(?<![\w-])status ([a-z]+(?:_[a-z]+)+|[a-z]+)$")


def role_in_words(role: str | None, ministry_code: str | None = None) -> str:
    """"officer", "BZK" → "beleidsmedewerker BZK"; "viewer" → "lezer"."""
    words = ROLE_WORDS.get(role or "", role or "")
    return f"{words} {ministry_code}" if ministry_code and role == "officer" else words


def actor_in_words(actor: str | None) -> str:
    """An audit trail's actor as a person reads it: "bzk (officer, BZK)" → "bzk (beleidsmedewerker BZK)",
    "bzk (officer, BZK, cli)" → "bzk (beleidsmedewerker BZK, via de opdrachtregel)"; anything else unchanged."""
    if not actor:
        return "—"
    found = _ACTOR.match(actor)
    if not found:
        return actor
    words = role_in_words(found["role"], found["code"])
    if found["code"] and found["role"] != "officer":
        words += f" {found['code']}"
    if found["cli"]:
        words += ", via de opdrachtregel"
    if words == found["name"]:
        return words  # "griffie (griffie)" says the same word twice
    return f"{found['name']} ({words})"


def source_in_words(source: str | None) -> str:
    """A source or an audit note as a person reads it: "demo-week" → "demodata (voorbeeldweek)",
    "import lijst.xlsx; status in_behandeling" → "geïmporteerd uit lijst.xlsx; status in behandeling"."""
    if not source:
        return ""
    parts = []
    for part in source.split("; "):
        if part in SOURCE_WORDS:
            part = SOURCE_WORDS[part]
        elif _IMPORT_NOTE.match(part):  # the importer's own note names the file ("import lijst.xlsx")
            part = "geïmporteerd uit " + part[len("import "):]
        else:
            part = _STATUS_NOTE.sub(lambda m: "status " + status_label(m[1]), part)
        parts.append(part)
    return "; ".join(parts)


def count(number: int, singular: str, plural: str | None = None) -> str:
    """A counted noun: count(1, "item") → "1 item", count(3, "item") → "3 items",
    count(2, "probleem", "problemen") → "2 problemen"."""
    return f"{number} {singular if number == 1 else (plural or singular + 's')}"
