"""Query parameters that are numbers: anything else, or a number no page or id can have, is a 400."""
from __future__ import annotations

from flask import abort

MAX_ID = 2**31 - 1
MAX_PAGE = 100_000


def page_number(args, name: str = "pagina") -> int:
    value = (args.get(name) or "1").strip()
    if not value.isdecimal() or len(value) > 6 or not 1 <= int(value) <= MAX_PAGE:
        abort(400, description=f"Ongeldige pagina '{value[:20]}': een getal vanaf 1.")
    return int(value)


def query_id(args, name: str) -> int | None:
    value = (args.get(name) or "").strip()
    if not value:
        return None
    if not value.isdecimal() or len(value) > 10 or not 1 <= int(value) <= MAX_ID:
        abort(400, description=f"Ongeldige waarde voor {name}: '{value[:20]}'.")
    return int(value)


BEHANDELAAR_WORDS = {"": "iedereen", "ik": "mij", "team": "mijn team", "niemand": "niemand"}


def behandelaar_choice(args, user) -> tuple[str, int | None, int | None]:
    """The behandelaar filter of a list or Te laat: '' (iedereen), 'ik' (or 'mij'), 'team' (the officers of the
    user's ministry), 'niemand', or a user id. Returns (the value for links, behandelaar id (0: nobody),
    team ministry id); anything else is a 400."""
    who = (args.get("behandelaar") or "").strip()
    if who == "mij":
        who = "ik"
    if who in ("", "ik", "niemand"):
        return who, {"": None, "ik": user.id, "niemand": 0}[who], None
    if who == "team":
        if not user.ministry_id:
            abort(400, description="Behandelaar 'mijn team' is er alleen voor wie bij een ministerie hoort.")
        return who, None, user.ministry_id
    if who.isdecimal() and len(who) <= 10 and 1 <= int(who) <= MAX_ID:
        return who, int(who), None
    abort(400, description="Behandelaar: ik, team, niemand, het nummer van een gebruiker, of leeg (iedereen).")
