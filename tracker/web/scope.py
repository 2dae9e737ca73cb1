"""Which ministry an overview opens on: an officer's own ministry, everyone else (griffie, beheerder, lezer, an
officer without a ministry) all of them. An explicit ?ministerie= wins, so links and saved feeds keep their
meaning; ?ministerie=alle is "all ministries" said explicitly (an officer's one click away from the own)."""
from __future__ import annotations

from werkzeug.datastructures import MultiDict

ALL = "alle"


def own_ministry(user) -> tuple[int, str] | None:
    """(id, code) of the ministry an overview opens on for this user, or None: all ministries."""
    if getattr(user, "role", None) == "officer" and getattr(user, "ministry_id", None):
        return user.ministry_id, user.ministry_code
    return None


def with_default_ministry(args, user, by: str = "id"):
    """The query arguments with ?ministerie= filled in with the user's own ministry (its id, or its code with
    by="code") when the arguments do not name one; otherwise the arguments as they are."""
    own = own_ministry(user)
    if own is None or "ministerie" in args:
        return args
    scoped = MultiDict(args.items(multi=True)) if hasattr(args, "items") else MultiDict(args)
    scoped["ministerie"] = str(own[0] if by == "id" else own[1])
    return scoped
