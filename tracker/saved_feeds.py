"""Atom feeds of saved filters: a list page or Te laat with its filters, read by Outlook or a feed reader.

The token is made once and only its sha256 is kept (as the ICS feeds); revoking it, or deactivating its owner, ends
the feed. The filter is the page's own query string, read by the page's own rules each time (a filter that no longer
makes sense is refused, not guessed at).
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from sqlalchemy import select
from sqlmodel import Session

from .errors import Problem, ValidationError
from .models import Committee, Ministry, Person, SavedFeed, User
from .secret_links import new_token, revoke_owned, token_hash

LIST_PAGES = {"moties": "Moties", "toezeggingen": "Toezeggingen", "kamervragen": "Kamervragen",
              "commissiebrieven": "Commissiebrieven"}
# A page of one subject (issue 25): the changes on the items of a Kamerstuk dossier, a person or a committee. The
# filter names the subject alone ("nummer=36600 VIII", "id=12").
SUBJECT_PAGES = {"dossier": "nummer", "persoon": "id", "commissie": "id"}
PAGES = {"te-laat": "Te laat", **LIST_PAGES, "dossier": "Dossier", "persoon": "Persoon", "commissie": "Commissie"}
MAX_QUERY = 1000


def subject_of(page: str, query: str) -> str | None:
    """The subject a subject page's feed follows (the dossier's number, the person's or committee's id)."""
    return dict(parse_qsl(query)).get(SUBJECT_PAGES[page])


def clean_query(page: str, query: str, allowed: tuple[str, ...]) -> str:
    """The filter parameters only (no page number, no format, nothing unknown), in a stable order."""
    if page not in PAGES:
        raise ValidationError([Problem(f"van de pagina '{page}' kan geen feed worden gemaakt", "pagina")])
    if len(query) > MAX_QUERY:
        raise ValidationError([Problem(f"het filter is langer dan {MAX_QUERY} tekens", "filter")])
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=False) if k in allowed and k not in ("pagina", "op")]
    return urlencode(sorted(kept))


def describe(session: Session, page: str, query: str) -> str:
    """"Kamervragen (stand te laat, ministerie BZK)": the filter in words (a list names its ministry by id).
    "Dossier 36600 VIII", "Persoon Bikker", "Commissie Financiën": a subject page names its subject."""
    if page in SUBJECT_PAGES:
        return f"{PAGES[page]} {subject_name(session, page, subject_of(page, query))}"
    parts = []
    for key, value in parse_qsl(query):
        if key == "ministerie" and value.isdecimal():
            value = session.execute(select(Ministry.code).where(Ministry.id == int(value))).scalar() or value
        parts.append(f"{key} {value.replace('_', ' ')}")
    return PAGES[page] + (f" ({', '.join(parts)})" if parts else "")


def subject_name(session: Session, page: str, subject: str | None) -> str:
    """The name of a subject page's subject; a ValidationError when there is none."""
    from .domain import citations
    from .search import terms

    problem = ValidationError([Problem(f"{PAGES[page].lower()} '{(subject or '')[:30]}' bestaat niet", "filter")])
    if not subject:
        raise problem
    if page == "dossier":
        if len(subject) > 30 or not terms.dossier_key(subject)[:5].isdigit():
            raise problem
        return citations.kamerstuk(subject.upper()).dossier
    model = Person if page == "persoon" else Committee
    name = session.execute(select(model.name).where(model.id == int(subject))).scalar() \
        if subject.isdecimal() and len(subject) < 10 else None
    if name is None:
        raise problem
    return name


def create(session: Session, owner: User, page: str, query: str, allowed: tuple[str, ...]) -> tuple[SavedFeed, str]:
    query = clean_query(page, query, allowed)
    token, hashed = new_token()
    feed = SavedFeed(token_hash=hashed, user_id=owner.id, page=page, query=query,
                     label=describe(session, page, query)[:300])
    session.add(feed)
    session.flush()
    return feed, token


def revoke(session: Session, feed_id: int, by: User) -> SavedFeed:
    return revoke_owned(session, SavedFeed, feed_id, by, "feed", "deze feed")


def feeds_of(session: Session, user: User) -> list[SavedFeed]:
    return list(session.execute(select(SavedFeed).where(SavedFeed.user_id == user.id)
                                .order_by(SavedFeed.created_at.desc(), SavedFeed.id.desc())).scalars())


def feed_for_token(session: Session, token: str) -> tuple[SavedFeed, User] | None:
    """The live feed behind a token and its owner, or None (unknown, revoked, owner deactivated)."""
    if not token or len(token) > 100:
        return None
    feed = session.execute(select(SavedFeed).where(SavedFeed.token_hash == token_hash(token))).scalar_one_or_none()
    if feed is None or feed.revoked_at is not None:
        return None
    owner = session.get(User, feed.user_id)
    return (feed, owner) if owner is not None and owner.active else None
