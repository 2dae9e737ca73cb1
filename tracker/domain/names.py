"""How a person is named to people: the full name a user gave, else their login name."""
from __future__ import annotations


def display_name(full_name: str | None, username: str | None) -> str:
    """A user as people know them: the full name, else the login name ("" for nobody)."""
    return (full_name or "").strip() or username or ""
