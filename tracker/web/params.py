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
