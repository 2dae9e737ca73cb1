"""The search index: one entry per item and per document, written in the transaction that writes them.

SQLite: an FTS5 table `search_entry` (columns head, people, body, intern, private; unicode61 without accents).
PostgreSQL: a table `search_entry` with two tsvectors under GIN indexes, made with the 'dutch' configuration
(head weighted A, people B, body C, private D; the intern stand van zaken in a vector of its own).

head, people and body hold only what the public register shows of an item (tracker.public.PUBLIC_FIELDS), and of a
document its texts tracker.public.PUBLIC_DOCUMENT_TEXTS marks public (never its sender or addressee): the public
register searches those alone, and a document's entry only when tracker.public's document rule makes it public (the
bewindspersoon is public there: its name is in `people`). What every signed-in user reads but the public does not
(tags, the ministry's full name, the committee's abbreviation) is `private` (weight D on PostgreSQL); the
intern stand van zaken is `intern`. Which of an item's texts is public is read from tracker.public, so a field that
is not marked public there never reaches the public columns.
An entry's key is 2·id for an item and 2·id + 1 for a document: one table, one ranking for both.

Kept in step by the ORM: every flush notes the items, documents and letters it wrote (and the items of a person,
committee or ministry that was renamed), and the session's commit writes their entries first, in the same
transaction — so every door (forms, API, import, intake, open data, CLI) keeps the index right without knowing of
it. The bulk paths that write with plain SQL (tracker.services.bulk, tracker.generate) call `refresh` themselves.
"""
from __future__ import annotations

from sqlalchemy import event, text
from sqlalchemy.orm import Session

from .. import db
from . import terms

TABLE = "search_entry"
# SQLite's own tables behind the FTS5 table (left out of the schema comparison with the models)
TABLES = (TABLE, f"{TABLE}_data", f"{TABLE}_idx", f"{TABLE}_content", f"{TABLE}_docsize", f"{TABLE}_config")
MAX_BODY = 300_000  # characters of a document's text indexed (PostgreSQL's tsvector holds at most 1 MB)
BATCH = 2000
_SEPARATORS = str.maketrans({"/": " ", "-": " ", "<": " ", ">": " ", "&": " "})


def item_key(item_id: int) -> int:
    return 2 * item_id


def document_key(document_id: int) -> int:
    return 2 * document_id + 1


# --- the schema (the migration and the tests' empty databases) ---

def create(connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"CREATE TABLE {TABLE} (key BIGINT PRIMARY KEY, tsv TSVECTOR NOT NULL, "
                                   f"tsv_intern TSVECTOR NOT NULL DEFAULT ''::tsvector)")
        connection.exec_driver_sql(f"CREATE INDEX ix_{TABLE}_tsv ON {TABLE} USING GIN (tsv)")
        # the public register asks items alone, with weights (which a GIN index cannot check: every candidate's
        # vector is read again): a partial index of the items' entries keeps the documents' long texts out of it
        # (through text(): it doubles the % for the driver, as the search's own statements are sent)
        connection.execute(text(f"CREATE INDEX ix_{TABLE}_items ON {TABLE} USING GIN (tsv) WHERE key % 2 = 0"))
        # few entries have an intern stand: a partial index of those alone
        connection.exec_driver_sql(f"CREATE INDEX ix_{TABLE}_intern ON {TABLE} USING GIN (tsv_intern) "
                                   f"WHERE tsv_intern <> ''::tsvector")
    else:
        connection.exec_driver_sql(f"CREATE VIRTUAL TABLE {TABLE} USING fts5(head, people, body, intern, private, "
                                   f"tokenize = 'unicode61 remove_diacritics 2')")


def drop(connection) -> None:
    connection.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")


def clear(connection) -> None:
    connection.exec_driver_sql(f"DELETE FROM {TABLE}")


# --- what an entry holds ---

_ITEM_SQL = """
SELECT i.id, i.nummer, i.title, i.text, i.stand_van_zaken, i.stand_intern, i.members, i.fracties, i.tags,
       i.vote_result, i.kabinetsappreciatie, i.activity, m.code, m.name, p.name, c.name, c.abbreviation, i.kind
FROM tracked_item i LEFT JOIN ministry m ON m.id = i.ministry_id LEFT JOIN person p ON p.id = i.bewindspersoon_id
LEFT JOIN committee c ON c.id = i.committee_id
WHERE i.id IN ({})
"""
_DOCUMENT_SQL = f"""
SELECT d.id, d.title, d.kenmerk, d.dossier, d.stuknummer, d.sender, d.addressee, substr(d.full_text, 1, {MAX_BODY}),
       l.betreft, l.intro, l.closing, l.uw_kenmerk, d.kind
FROM document d LEFT JOIN letter l ON l.document_id = d.id
WHERE d.id IN ({{}})
"""
_LETTER_ITEMS_SQL = """
SELECT document_id, heading, reference, request, stand_van_zaken FROM letter_item WHERE document_id IN ({})
ORDER BY document_id, position
"""
KIND_WORDS = {"motie": "motie", "toezegging": "toezegging", "kamervragen": "kamervragen schriftelijke vragen",
              "commissiebrief": "commissiebrief"}


def _join(*parts) -> str:
    return " ".join(str(p) for p in parts if p)


def _public(column: str) -> bool:
    """Whether the public register shows this TrackedItem column or derived name (tracker.public decides)."""
    from ..public import DERIVED, PUBLIC_FIELDS

    return column in PUBLIC_FIELDS or column in DERIVED


def item_entry(row) -> tuple[int, str, str, str, str, str]:
    (item_id, nummer, title, text, stand, intern, members, fracties, tags, vote, appreciatie, activity,
     ministry_code, ministry_name, bewindspersoon, committee, abbreviation, kind) = row
    public_stand = None if intern else stand
    shown, hidden = [], []  # (the people column) what the public register shows, and what only signed-in users see
    for column, value in (("members", members), ("fracties", fracties), ("bewindspersoon", bewindspersoon),
                          ("commissie", committee), ("committee_abbreviation", abbreviation),
                          ("ministerie", ministry_code), ("ministry_name", ministry_name), ("tags", tags),
                          ("vote_result", vote), ("kabinetsappreciatie", appreciatie), ("activity", activity),
                          ("kind", KIND_WORDS.get(kind))):
        (shown if _public(column) else hidden).append(value)
    head = _join(nummer, title, terms.keys_of(nummer, title))
    body = _join(text, public_stand, terms.keys_of(text, public_stand))
    if not all(_public(c) for c in ("nummer", "title", "text", "stand_van_zaken")):  # (a rule changed: keep it safe)
        raise AssertionError("the public search columns hold a field tracker.public does not mark public")
    intern_text = _join(stand, terms.keys_of(stand)) if intern else ""
    return item_key(item_id), head, _join(*shown), body, intern_text, _join(*hidden)


def document_entry(row, letter_items: list) -> tuple[int, str, str, str, str, str]:
    (document_id, title, kenmerk, dossier, stuknummer, sender, addressee, full_text, betreft, intro, closing,
     uw_kenmerk, kind) = row
    from ..public import PUBLIC_DOCUMENT_TEXTS

    if not {"title", "kenmerk", "dossier", "stuknummer", "full_text", "letter"} <= set(PUBLIC_DOCUMENT_TEXTS):
        raise AssertionError("the public search columns hold a document text tracker.public does not mark public")
    head = _join(title, kenmerk, uw_kenmerk, terms.dossier_keys(dossier, stuknummer), terms.keys_of(title),
                 dossier and f"{dossier}, nr. {stuknummer}" if stuknummer else dossier)
    # the names of people (sender, addressee) are read signed in only: the private column, as an item's tags
    people = _join(kind) if "kind" in PUBLIC_DOCUMENT_TEXTS else ""
    hidden = _join(sender, addressee, None if people else kind)
    parts = [full_text, betreft, intro, closing]
    for heading, reference, request, stand in letter_items:
        parts += [heading, reference, request, stand]  # what the letter printed (an intern stand never is)
    body_text = _join(*parts)[:MAX_BODY]
    body = _join(body_text, terms.keys_of(body_text))
    return document_key(document_id), head, people, body, "", hidden


# --- writing entries ---

def refresh(connection, item_ids=(), document_ids=()) -> None:
    """Write the entries of these items and documents afresh from the tables (an id no longer there: its entry
    goes), and the persons the items name (tracker.services.persons). In the caller's transaction."""
    item_ids, document_ids = sorted(set(item_ids)), sorted(set(document_ids))
    if item_ids:
        from ..services import persons
        persons.sync(connection, item_ids)  # the persons an item names: derived from its members text, as this is
    for start in range(0, len(item_ids), BATCH):
        chunk = item_ids[start:start + BATCH]
        rows = db.execute_in(connection, _ITEM_SQL, (), chunk)
        _write(connection, [item_key(i) for i in chunk], [item_entry(row) for row in rows])
    for start in range(0, len(document_ids), BATCH):
        chunk = document_ids[start:start + BATCH]
        rows = db.execute_in(connection, _DOCUMENT_SQL, (), chunk)
        letters: dict[int, list] = {}
        for document_id, *rest in db.execute_in(connection, _LETTER_ITEMS_SQL, (), chunk):
            letters.setdefault(document_id, []).append(rest)
        _write(connection, [document_key(i) for i in chunk],
               [document_entry(row, letters.get(row[0], [])) for row in rows])


def _write(connection, keys: list[int], entries: list[tuple]) -> None:
    db.execute_in(connection, f"DELETE FROM {TABLE} WHERE {'key' if _pg(connection) else 'rowid'} IN ({{}})", (), keys)
    if not entries:
        return
    if _pg(connection):
        # PostgreSQL's parser reads "Hul/Bergkamp" as one file path and "2026-0000777001" as 2026 and a negative
        # number, and swallows everything after a "<" it takes for a tag: these signs separate words, as in SQLite
        # (and as tracker.search.terms reads a query)
        entries = [(key, *(text.translate(_SEPARATORS) for text in texts)) for key, *texts in entries]
        # (the private text is weight D: a public query asks for weights A, B and C alone)
        entries = [(key, head, people, body, private, intern) for key, head, people, body, intern, private in entries]
        connection.exec_driver_sql(
            f"INSERT INTO {TABLE} (key, tsv, tsv_intern) VALUES (%s, "
            "setweight(to_tsvector('dutch', %s), 'A') || setweight(to_tsvector('dutch', %s), 'B') || "
            "setweight(to_tsvector('dutch', %s), 'C') || setweight(to_tsvector('dutch', %s), 'D'), "
            "to_tsvector('dutch', %s))", entries)
    else:
        connection.exec_driver_sql(f"INSERT INTO {TABLE} (rowid, head, people, body, intern, private) "
                                   f"VALUES (?, ?, ?, ?, ?, ?)", entries)


def _pg(connection) -> bool:
    return connection.dialect.name == "postgresql"


def rebuild(connection, progress=None) -> tuple[int, int]:
    """Every entry anew (a database from before the index, or after a restore of a partial copy): (items,
    documents) indexed. In the caller's transaction."""
    clear(connection)
    counts = []
    for table, which in (("tracked_item", "items"), ("document", "documents")):
        ids = connection.exec_driver_sql(f"SELECT id FROM {table} ORDER BY id").scalars().all()
        for start in range(0, len(ids), BATCH):
            chunk = ids[start:start + BATCH]
            refresh(connection, **{("item_ids" if which == "items" else "document_ids"): chunk})
            if progress:
                progress(which, min(start + BATCH, len(ids)), len(ids))
        counts.append(len(ids))
    return counts[0], counts[1]


# --- kept in step by the ORM ---

PENDING = "search_pending"


def _note_flush(session: Session, _context) -> None:
    from ..models import Committee, Document, Letter, LetterItem, Ministry, Person, TrackedItem

    pending = session.info.setdefault(PENDING, {"items": set(), "documents": set(), "people": set(),
                                                "committees": set(), "ministries": set()})
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, TrackedItem):
            pending["items"].add(obj.id)
        elif isinstance(obj, Document):
            pending["documents"].add(obj.id)
        elif isinstance(obj, (Letter, LetterItem)):
            pending["documents"].add(obj.document_id)
        elif isinstance(obj, Person) and obj not in session.new:
            pending["people"].add(obj.id)
        elif isinstance(obj, Committee) and obj not in session.new:
            pending["committees"].add(obj.id)
        elif isinstance(obj, Ministry) and obj not in session.new:
            pending["ministries"].add(obj.id)


def _write_pending(session: Session) -> None:
    for _round in range(3):  # writing entries changes no ORM object; one more flush at most
        session.flush()
        pending = session.info.pop(PENDING, None)
        if not pending:
            return
        connection = session.connection()
        items = {i for i in pending["items"] if i is not None}
        for column, ids in (("bewindspersoon_id", pending["people"]), ("committee_id", pending["committees"]),
                            ("ministry_id", pending["ministries"])):
            ids = [i for i in ids if i is not None]
            if ids:
                items.update(row[0] for row in db.execute_in(
                    connection, f"SELECT id FROM tracked_item WHERE {column} IN ({{}})", (), ids))
        refresh(connection, items, {i for i in pending["documents"] if i is not None})


def _forget(session: Session, *_args) -> None:
    session.info.pop(PENDING, None)


_registered = False


def register() -> None:
    """Listen on every ORM session (once per process)."""
    global _registered
    if _registered:
        return
    event.listen(Session, "after_flush", _note_flush)
    event.listen(Session, "before_commit", _write_pending)
    event.listen(Session, "after_rollback", _forget)
    _registered = True
