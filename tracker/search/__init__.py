"""One search over the register: items and documents, on the database's own full-text engine, ranked, filtered and
limited to what the user may read. The web page, the API and `tracker zoek` all call `search`.

What a user may read (tracker.authz): every item that is not archived, with its stand van zaken unless that is
intern and may_read_stand says no — an intern stand is then neither searched nor shown; every document, a stored
voortgangsbrief only as may_read allows.

The public register (public=True, no user) searches on the index's public columns alone (head, people, body: what
tracker.public shows): items, and with documents=True the documents tracker.public's rule makes public (a paper of a
public item; a stored voortgangsbrief once the Kamer received it) — never a tag, an intern stand, a document's sender
or addressee, nor a document of an intern or archived context.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .. import authz, db
from ..domain import citations
from . import index, terms

PER_PAGE = 25
RANKED_AT_MOST = 2000
KINDS = ("motie", "toezegging", "kamervragen", "commissiebrief", "document")
STATES = ("open", "te_laat", "afgesloten")


@dataclass(frozen=True)
class Filters:
    kind: str | None = None  # an item kind, or "document"
    chamber: str | None = None
    ministry_id: int | None = None
    state: str | None = None  # open | te_laat | afgesloten (items only)
    since: date | None = None  # the item's start date or the document's dagtekening
    until: date | None = None
    keys: tuple[str, ...] = ()  # citation keys that must occur besides the query (a dossier page)


@dataclass
class Hit:
    kind: str  # "item" | "document"
    id: int
    soort: str  # motie, toezegging, …, or the document's kind
    nummer: str | None
    title: str
    chamber: str | None
    ministry: str | None
    status: str | None
    on: date | None
    due: date | None = None
    closed_on: date | None = None
    snippet: list | None = None  # (piece, marked) pairs: the template escapes each piece
    found_in: str | None = None  # where the snippet comes from ("tekst", "stand van zaken", …)
    members: str | None = None
    vote_result: str | None = None
    items: list = field(default_factory=list)  # a document: the items it belongs to (id, kind, nummer)
    letter: bool = False  # a document that is a stored voortgangsbrief (its own page)
    dossier: str | None = None  # the Kamerstuk dossier of the item's number or the document
    url: str | None = None  # the official publication's address, where its parts name one


@dataclass
class Result:
    query: terms.Query
    hits: list[Hit]
    total: int
    page: int
    pages: int
    capped: bool = False  # more matched than are ranked: total counts the newest RANKED_AT_MOST


def _who(user, public: bool = False) -> tuple[str, int | None]:
    """"all" (may read every intern stand), "own" (those of one ministry), "none", or "public" (the public
    register: nothing but the public columns)."""
    if public:
        return "public", None
    if user is None:
        return "none", None
    if authz.may_read_stand(user, None, True):
        return "all", None
    if user.role == "officer" and authz.may_read_stand(user, user.ministry_id, True):
        return "own", user.ministry_id
    return "none", None


def _matches(connection, query: terms.Query, who: str, documents: bool = False) -> tuple[str, str, dict]:
    """The SQL of the matching entries (key, rank, public: whether the match needs no intern stand), and its WHERE
    on the index table alone."""
    if connection.dialect.name == "postgresql":
        q = "to_tsquery('dutch', :q)"
        if who == "public":  # weights A, B, C: the private text (D) and the intern vector are not asked
            where = f"tsv @@ {q}" + ("" if documents else " AND key % 2 = 0")  # (items only: the partial index)
            sql = f"SELECT key, ts_rank(tsv, {q}) AS rank, 1 AS public FROM {index.TABLE} WHERE {where}"
            return sql, where, {"q": terms.postgresql_tsquery(query, weights="ABC")}
        if who == "none":
            where = f"tsv @@ {q}"
            sql = f"SELECT key, ts_rank(tsv, {q}) AS rank, 1 AS public FROM {index.TABLE} WHERE {where}"
        else:
            # an intern stand joins the text only where there is one that holds a word of the query (both branches
            # read a GIN index; concatenating every entry's vectors would read them all)
            any_word = "to_tsquery('dutch', :q_any)"
            where = (f"(tsv @@ {q} OR (tsv_intern <> ''::tsvector AND tsv_intern @@ {any_word} "
                     f"AND (tsv || tsv_intern) @@ {q}))")
            sql = (f"SELECT key, ts_rank(tsv, {q}) AS rank, CASE WHEN tsv_intern = ''::tsvector OR tsv @@ {q} THEN 1 "
                   f"ELSE 0 END AS public FROM {index.TABLE} WHERE {where}")
        return sql, where, {"q": terms.postgresql_tsquery(query), "q_any": terms.postgresql_tsquery(query, " | ")}
    expression = terms.sqlite_match(query)
    public = f"{{head people body private}} : ({expression})"
    # bm25: smaller is better; the head (number, title) weighs most
    rank = f"bm25({index.TABLE}, 10.0, 4.0, 1.0, 1.0, 4.0)"
    where = f"{index.TABLE} MATCH :q"
    if who == "public":  # the public columns alone; items only (an even key) unless documents are asked
        where += "" if documents else " AND rowid % 2 = 0"
        return (f"SELECT rowid AS key, {rank} AS rank, 1 AS public FROM {index.TABLE} WHERE {where}", where,
                {"q": f"{{head people body}} : ({expression})"})
    if who == "none":
        return f"SELECT rowid AS key, {rank} AS rank, 1 AS public FROM {index.TABLE} WHERE {where}", where, {"q": public}
    sql = (f"SELECT rowid AS key, {rank} AS rank, CASE WHEN rowid IN (SELECT rowid FROM {index.TABLE} WHERE "
           f"{index.TABLE} MATCH :public) THEN 1 ELSE 0 END AS public FROM {index.TABLE} WHERE {where}")
    return sql, where, {"q": expression, "public": public}


def _conditions(filters: Filters, who: str, own: int | None, user, today: date,
                documents: bool = False) -> tuple[list[str], dict]:
    where = ["((i.id IS NOT NULL AND i.archived_at IS NULL) OR d.id IS NOT NULL)"]
    params: dict = {}
    if who == "own":
        where.append("(m.public = 1 OR i.ministry_id = :own)")
        params["own"] = own
    elif who == "none":
        where.append("m.public = 1")
    elif who == "public":  # items, and the documents tracker.public's rule makes public when asked
        from ..public import public_document_condition

        where.append(f"(i.id IS NOT NULL OR (d.id IS NOT NULL AND {public_document_condition('d')}))"
                     if documents else "i.id IS NOT NULL")
    if user is not None and user.role == "officer":  # a stored voortgangsbrief: only the officer's own ministry's
        where.append("(l.document_id IS NULL OR l.ministry_id = :reader)")
        params["reader"] = user.ministry_id if authz.may_read(user, user.ministry_id) else -1
    elif user is None and who != "public":  # (the public rule decides of a stored voortgangsbrief itself)
        where.append("l.document_id IS NULL")
    if filters.kind == "document":
        where.append("d.id IS NOT NULL")
    elif filters.kind:
        where.append("i.kind = :kind")
        params["kind"] = filters.kind
    if filters.chamber:
        where.append("COALESCE(i.chamber, d.chamber) = :chamber")
        params["chamber"] = filters.chamber
    if filters.ministry_id:
        where.append("(i.ministry_id = :ministry OR l.ministry_id = :ministry OR EXISTS (SELECT 1 FROM item_document x "
                     "JOIN tracked_item y ON y.id = x.item_id WHERE x.document_id = d.id AND y.ministry_id = :ministry))")
        params["ministry"] = filters.ministry_id
    if filters.state == "open":
        where.append("i.closed_on IS NULL")
    elif filters.state == "te_laat":
        where.append("i.closed_on IS NULL AND i.due_date < :today")
        params["today"] = today
    elif filters.state == "afgesloten":
        where.append("i.closed_on IS NOT NULL")
    if filters.since:
        where.append("COALESCE(i.start_date, d.dagtekening) >= :since")
        params["since"] = filters.since
    if filters.until:
        where.append("COALESCE(i.start_date, d.dagtekening) <= :until")
        params["until"] = filters.until
    return where, params


def search(connection, user, text: str | None, filters: Filters = Filters(), page: int = 1, per_page: int = PER_PAGE,
           today: date | None = None, public: bool = False, documents: bool = False) -> Result:
    """The page of hits for a query typed by a person, best first. connection: a SQLAlchemy connection (or a session's
    connection); user: who reads (role, ministry_id), None for nobody in particular (no intern stand, no letter).
    public: the public register (user None): the hits' keys only are for the caller, which shows the item by
    tracker.public (the hits' snippets may come from a field the public does not see); documents: the public register
    asks the public documents too (tracker.public.public_document_condition)."""
    from sqlalchemy import text as sql_text

    from .. import clock

    today = today or clock.today()
    query = terms.read_query(text)
    query.keys += [(key,) for key in filters.keys]
    if not query:
        return Result(query, [], 0, 1, 1)
    if public and user is not None:
        raise ValueError("a public search has no user")
    who, own = _who(user, public)
    documents = documents and public
    matches, match_where, params = _matches(connection, query, who, documents)
    capped = False
    if filters == Filters():
        # A word in every other paper ("brief") matches tens of thousands: ranking them all costs more than a page
        # may. Without filters, the newest RANKED_AT_MOST matches are ranked (and the page says so).
        column = "key" if connection.dialect.name == "postgresql" else "rowid"
        newest = connection.execute(sql_text(f"SELECT {column} FROM {index.TABLE} WHERE {match_where} "
                                             f"ORDER BY {column} DESC LIMIT {RANKED_AT_MOST + 1}"), params).scalars().all()
        if len(newest) > RANKED_AT_MOST:
            threshold = newest[RANKED_AT_MOST - 1]
            matches += f" AND {column} >= :threshold"
            matches = matches.replace("MATCH :public)", "MATCH :public AND rowid >= :threshold)")  # (SQLite)
            params["threshold"] = threshold
            capped = True
    where, more = _conditions(filters, who, own, user, today, documents)
    params.update(more)
    joined = (f"FROM m LEFT JOIN tracked_item i ON m.key % 2 = 0 AND i.id = m.key / 2 "
              f"LEFT JOIN document d ON m.key % 2 = 1 AND d.id = m.key / 2 "
              f"LEFT JOIN letter l ON l.document_id = d.id WHERE {' AND '.join(where)}")

    def statement(what: str) -> str:
        # MATERIALIZED: the matches first, by the full-text index alone (PostgreSQL flattened them into a scan of
        # the whole index table to join the items), then those few thousand at most joined and filtered
        return f"WITH m AS MATERIALIZED ({matches}) SELECT {what} {joined}"

    order = "m.rank ASC" if connection.dialect.name == "sqlite" else "m.rank DESC"
    page = max(1, page)
    # one pass: the page and the count of all (ranking twice cost as much again)
    rows = connection.execute(sql_text(statement("m.key, COUNT(*) OVER ()") + f" ORDER BY {order}, m.key "
                                       f"LIMIT :limit OFFSET :offset"),
                              {**params, "limit": per_page, "offset": (page - 1) * per_page}).all()
    if rows:
        total = rows[0][1]
    else:  # a page beyond the last (or nothing found): the last page there is
        total = connection.execute(sql_text(statement("COUNT(*)")), params).scalar()
        if total and page > 1:
            return search(connection, user, text, filters, -(-total // per_page), per_page, today, public, documents)
    pages = max(1, -(-total // per_page))
    page = min(page, pages)
    keys = [row[0] for row in rows]
    hits = _hits(connection, keys, query, user)
    return Result(query, [hits[k] for k in keys if k in hits], total, page, pages, capped)


_ITEMS = """
SELECT i.id, i.kind, i.nummer, i.title, i.chamber, m.code, i.status, i.start_date, i.due_date, i.closed_on, i.text,
       i.stand_van_zaken, i.stand_intern, i.ministry_id, i.members, i.fracties, i.vote_result, p.name, c.name
FROM tracked_item i LEFT JOIN ministry m ON m.id = i.ministry_id LEFT JOIN person p ON p.id = i.bewindspersoon_id
LEFT JOIN committee c ON c.id = i.committee_id WHERE i.id IN ({})
"""
_DOCUMENTS = f"""
SELECT d.id, d.kind, d.kenmerk, d.title, d.chamber, d.dagtekening, substr(d.full_text, 1, {index.MAX_BODY}),
       d.dossier, d.stuknummer, l.betreft, l.intro, l.document_id, d.vergaderjaar
FROM document d LEFT JOIN letter l ON l.document_id = d.id WHERE d.id IN ({{}})
"""
_DOCUMENT_ITEMS = """
SELECT x.document_id, i.id, i.kind, i.nummer FROM item_document x JOIN tracked_item i ON i.id = x.item_id
WHERE i.archived_at IS NULL AND x.document_id IN ({}) ORDER BY i.nummer
"""


def _snippet(words: list[str], fields: list[tuple[str, str | None]]):
    for name, value in fields:
        pieces = terms.highlight(value, words, width=600 if name == "titel" else 220)  # a title: whole
        if pieces:
            return pieces, name
    return None, None


def item_hits(connection, user, item_ids: list[int]) -> dict[int, Hit]:
    """Hits for these items (by key), found otherwise than by a query: the items of a dossier's documents."""
    return _hits(connection, [index.item_key(i) for i in item_ids], terms.Query(), user)


def _hits(connection, keys: list[int], query: terms.Query, user) -> dict[int, Hit]:
    raw = connection
    hits: dict[int, Hit] = {}
    words = query.words
    item_ids = [k // 2 for k in keys if k % 2 == 0]
    document_ids = [k // 2 for k in keys if k % 2 == 1]
    for (item_id, kind, nummer, title, chamber, code, status, start, due, closed, text, stand, intern, ministry_id,
         members, fracties, vote, bewindspersoon, committee) in db.execute_in(raw, _ITEMS, (), item_ids):
        readable_stand = stand if authz.may_read_stand(user, ministry_id, bool(intern)) else None
        snippet, where = _snippet(words, [("titel", title), ("tekst", text), ("stand van zaken", readable_stand),
                                          ("indieners", _join(members, fracties)), ("bewindspersoon", bewindspersoon),
                                          ("commissie", committee)])
        hits[index.item_key(item_id)] = Hit("item", item_id, kind, nummer, title, chamber, code, status,
                                            db.as_date(start), db.as_date(due), db.as_date(closed), snippet, where,
                                            members, vote, dossier=citations.dossier_of(nummer),
                                            url=citations.url_of_number(nummer, chamber))
    belongs: dict[int, list] = {}
    for document_id, item_id, kind, nummer in db.execute_in(raw, _DOCUMENT_ITEMS, (), document_ids):
        belongs.setdefault(document_id, []).append((item_id, kind, nummer))
    for (document_id, kind, kenmerk, title, chamber, on, full_text, dossier, stuknummer, betreft,
         intro, letter, year) in db.execute_in(raw, _DOCUMENTS, (), document_ids):
        snippet, where = _snippet(words, [("titel", title), ("tekst", full_text), ("brief", _join(betreft, intro))])
        number = kenmerk or (f"{dossier}, nr. {stuknummer}" if dossier and stuknummer else dossier)
        hits[index.document_key(document_id)] = Hit("document", document_id, kind, number, title, chamber, None, None,
                                                     db.as_date(on), snippet=snippet, found_in=where,
                                                     items=belongs.get(document_id, []), letter=letter is not None,
                                                     dossier=citations.kamerstuk(dossier).dossier if dossier else None,
                                                     url=citations.official_url(dossier, stuknummer, chamber=chamber,
                                                                                vergaderjaar=year))
    return hits


def _join(*parts) -> str:
    return " · ".join(p for p in parts if p)
