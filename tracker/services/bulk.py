"""Creating many new items at once (open-data imports): the same rules as create_item, written in batches.

For each item the deadline history is computed by the pure rules (tracker.domain.deadlines) exactly as the
per-item service does, then items, deadline periods, documents, uitstelberichten, document links and the
creation audit events go to the database as multi-row INSERTs. Items already present are not for this path:
updates go through tracker.services.items, one item at a time, with their audit trail.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import repeat
from operator import is_not, itemgetter

from sqlalchemy import exc, insert, select
from sqlmodel import Session

from .. import authz
from ..authz import Actor
from ..domain.calendar import RecessCalendar
from ..domain.deadlines import DeadlineError, DelayFact, ItemFacts, Schedule, schedule
from ..domain.dutch import parse_term
from ..domain.workflow import ANSWER, DELAY_NOTICE, needs_facts_message, workflow_for
from ..search import index as search_index
from ..models import (AuditEvent, DeadlinePeriod, DelayNotice, Document, ItemDocument, ItemFollow, Person, TrackedItem,
                      utcnow)
from .items import ItemInput, check_lengths
from .schedule import period_rows


# What a bulk load looks items and documents up by (FreshStatistics keeps these columns' statistics fresh).
LOOKUP_COLUMNS = ("tracked_item (external_id, chamber, kind, nummer)", "document (external_id)")


@contextmanager
def gc_paused():
    """Run Python's cyclic garbage collector by hand during a bulk load; yields the function to call
    between batches.

    A load makes millions of short-lived objects; the automatic collections of the oldest generation
    walk every live object again and again, which cost 10-15 % of an import of 100,000 rows
    (bench/csv_import.py). Between batches only the young generations are collected: the cycles a batch
    leaves behind (SQLAlchemy makes some per statement) are young then, so memory stays flat.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield lambda: gc.collect(1)
    finally:
        if enabled:
            gc.enable()


@dataclass
class NewDocument:
    """A document to create and link: an uitstelbericht or the answer."""

    kind: str
    dagtekening: date
    title: str
    external_id: str | None = None
    kenmerk: str | None = None
    promised: date | None = None  # an uitstelbericht's promised date


@dataclass
class NewItem:
    """A new item for the batch path: its input (as a form or import row gives it), the ids the input's names
    resolved to, and its end state: status, closing date, uitstelberichten and the closing document."""

    data: ItemInput
    status: str
    ministry_id: int | None = None
    committee_id: int | None = None
    behandelaar_id: int | None = None
    closed_on: date | None = None
    delays: list[NewDocument] = field(default_factory=list)
    answer: NewDocument | None = None


def _person_ids(session: Session, names: set[str]) -> dict[str, int]:
    """Ids of these persons, creating the ones not known yet (bewindspersonen named by open data)."""
    names = {n.strip() for n in names if n and n.strip()}
    known = dict(session.execute(select(Person.name, Person.id).where(Person.name.in_(names))).all()) if names else {}
    missing = sorted(names - set(known))
    if missing:
        session.connection().execute(insert(Person.__table__), [{"name": n} for n in missing])
        known.update(session.execute(select(Person.name, Person.id).where(Person.name.in_(missing))).all())
    return known


def insert_rows(connection, table, rows: list[dict]) -> None:
    """Insert many rows at once: COPY on PostgreSQL, the driver's executemany on SQLite.

    The same as connection.execute(insert(table), rows) but without SQLAlchemy's per-row parameter
    bookkeeping, which cost more than the database itself here (bench/tk_import.py); the columns' own bind
    processors still convert every value (dates to text on SQLite, and so on).
    """
    if not rows:
        return
    # Columns that are empty on every row are left to the database (NULL): fewer values to bind per row.
    # (A column with a default of its own is always bound, as given.)
    keys = tuple(key for key in rows[0] if table.c[key].default is not None
                 or any(map(is_not, map(itemgetter(key), rows), repeat(None)))) or tuple(rows[0])
    plan = _InsertPlan.of(table, keys, connection.dialect)
    if connection.dialect.name == "postgresql":
        _copy_rows(connection, table, plan, rows)
    else:
        connection.exec_driver_sql(plan.sql, plan.values(rows))


class _InsertPlan:
    """How rows with these columns go into a table: the INSERT (compiled once, positional parameters), the
    order of the values in it, and the bind processors of the columns whose type converts (dates on SQLite,
    ...), each with the values it converted so far: an import repeats the same dates many times."""

    REMEMBERED = 20_000  # distinct values per column

    @classmethod
    @lru_cache(maxsize=256)
    def of(cls, table, keys: tuple[str, ...], dialect) -> _InsertPlan:
        return cls(table, keys, dialect)

    def __init__(self, table, keys: tuple[str, ...], dialect):
        if dialect.name == "postgresql":  # COPY names the columns itself
            self.sql, self.order = None, list(keys)
        else:
            compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
            assert compiled.positional, "insert_rows binds by position (SQLite's qmark style)"
            self.sql, self.order = str(compiled), list(compiled.positiontup)
        processors = [table.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in self.order]
        self.converters = [(position, _Converted(process)) for position, process in enumerate(processors) if process]

    def values(self, rows: list[dict]) -> list[tuple]:
        """Each row's values, as a tuple in the statement's order, converted. Column by column: the lookups
        of converted values run in C (map over a dict), not a Python loop per value."""
        fetch = itemgetter(*self.order) if len(self.order) > 1 else (lambda row, key=self.order[0]: (row[key],))
        fetched = list(map(fetch, rows))
        if not self.converters:
            return fetched
        columns = list(zip(*fetched))
        for position, converted in self.converters:
            if len(converted) > self.REMEMBERED:
                converted.clear()
            columns[position] = list(map(converted.__getitem__, columns[position]))
        return list(zip(*columns))


class _Converted(dict):
    """The values one bind processor converted so far: each distinct value is converted once. (Values must be
    hashable, as every column type in these tables is: no JSON or array columns.)"""

    def __init__(self, process):
        super().__init__()
        self.process = process

    def __missing__(self, value):
        self[value] = result = self.process(value)
        return result


def _copy_rows(connection, table, plan: _InsertPlan, rows: list[dict]) -> None:
    """PostgreSQL's own bulk load: COPY … FROM STDIN in the connection's transaction (psycopg 3 sends the
    rows in binary-safe text form). Several times faster than any INSERT for thousands of rows."""
    quote = connection.dialect.identifier_preparer
    columns = ", ".join(quote.quote(key) for key in plan.order)
    statement = f"COPY {quote.format_table(table)} ({columns}) FROM STDIN"
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        with cursor.copy(statement) as copy:
            for values in plan.values(rows):
                copy.write_row(values)
    except connection.dialect.dbapi.Error as error:
        # wrapped as SQLAlchemy wraps it for any other statement (IntegrityError, OperationalError for a full
        # disk, …), so the callers' and the ways in's handling of database errors sees it too
        raise exc.DBAPIError.instance(statement, None, error, connection.dialect.dbapi.Error) from error
    finally:
        cursor.close()


def insert_returning_ids(session: Session, table, rows: list[dict]) -> list[int]:
    """Insert rows through insert_rows and return their new ids in the order given (each row gets its "id").

    The ids are claimed first and given explicitly, so that no database has to report them row by row
    (SQLAlchemy's ordered RETURNING cost PostgreSQL 9 s for 40,000 items).
    PostgreSQL: taken from the table's own sequence, safe beside other writers.
    SQLite: the first row is inserted alone, which takes the database's write lock for the rest of the
    transaction, so no other writer can take the ids that follow it.
    """
    if not rows:
        return []
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        ids = connection.exec_driver_sql(
            "SELECT nextval(pg_get_serial_sequence(%(table)s, 'id')) FROM generate_series(1, %(count)s)",
            {"table": table.name, "count": len(rows)}).scalars().all()
        for row, new_id in zip(rows, ids):
            row["id"] = new_id
        insert_rows(connection, table, rows)
        return list(ids)
    first = connection.execute(insert(table).returning(table.c.id), rows[0]).scalar_one()
    ids = list(range(first, first + len(rows)))
    for row, new_id in zip(rows, ids):
        row["id"] = new_id
    insert_rows(connection, table, rows[1:])
    return ids


def _document_ids(session: Session, documents: list[NewDocument], now) -> list[int]:
    """Ids for these documents: an open-data document already stored (or twice in this batch, one answer to
    two sets of questions) is linked again, not stored twice."""
    wanted = {d.external_id for d in documents if d.external_id}
    known = dict(session.execute(select(Document.external_id, Document.id)
                                 .where(Document.external_id.in_(wanted))).all()) if wanted else {}
    fresh = []
    for d in documents:
        if d.external_id is None or d.external_id not in known:
            fresh.append(d)
            if d.external_id:
                known[d.external_id] = None  # claimed by this batch
    fresh_ids = insert_returning_ids(session, Document.__table__, [
        dict(kind=d.kind, dagtekening=d.dagtekening, chamber=None, sender=None, addressee=None, kenmerk=d.kenmerk,
             dossier=None, stuknummer=None, vergaderjaar=None, title=d.title[:500], url=None, full_text=None,
             external_id=d.external_id, sha256=None, created_at=now) for d in fresh])
    for d, document_id in zip(fresh, fresh_ids):
        if d.external_id:
            known[d.external_id] = document_id
    by_object = {id(d): document_id for d, document_id in zip(fresh, fresh_ids)}
    return [by_object.get(id(d)) or known[d.external_id] for d in documents]


class Schedules:
    """The recess calendar of one import and the deadline schedules worked out with it, across its batches.

    The rules are pure: items with the same facts share one schedule, its period rows and its term text.
    At most KEPT distinct sets of facts are remembered (some 20 MB).
    """

    KEPT = 20_000

    def __init__(self, calendar: RecessCalendar):
        self.calendar = calendar
        self.by_facts: dict[tuple, tuple[Schedule, list[dict], str | None]] = {}


def insert_new_items(session: Session, new: list[NewItem], actor: Actor, schedules: Schedules,
                     note: str) -> tuple[list[int], list[tuple[NewItem, str]]]:
    """Insert these items in the caller's transaction; returns their ids and the ones refused (with reason):
    an item the actor may not create (tracker.authz), whose deadline cannot be worked out, or whose status stands
    for facts it does not bring (uitstel gemeld without an uitstelbericht, the answer status without its document)."""
    authz.require_actor(actor)
    persons = _person_ids(session, {n.data.bewindspersoon for n in new if n.data.bewindspersoon})
    now = utcnow()
    accepted, refused, rows, chosen = [], [], [], []
    plans_by_facts = schedules.by_facts
    if len(plans_by_facts) > Schedules.KEPT:
        plans_by_facts.clear()
    states: dict[tuple[str, str], tuple[str | None, bool]] = {}  # (kind, status) -> closed kind, obligation
    for item in new:
        data = item.data
        if not authz.may(actor, "create", item.ministry_id):
            refused.append((item, authz.refusal(actor, "create", owner=data.ministry_code)))
            continue
        too_long = check_lengths(data)
        if too_long:  # never cut without notice, never let PostgreSQL's COPY refuse it halfway
            refused.append((item, "; ".join(f"{p.field}: {p.message}" for p in too_long)))
            continue
        facts = workflow_for(data.kind).recorded_by(item.status)
        if (facts == DELAY_NOTICE and not item.delays) or (facts == ANSWER and item.answer is None):
            refused.append((item, needs_facts_message(item.status, facts)))  # a status that would record nothing
            continue
        state = states.get((data.kind, item.status))
        if state is None:
            workflow = workflow_for(data.kind)
            state = states[data.kind, item.status] = (workflow.closed_kind(item.status),
                                                      item.status not in workflow.no_obligation)
        closed_kind, obligation = state
        closed_on = item.closed_on if closed_kind else None
        delays = tuple(sorted((d.dagtekening, d.promised) for d in item.delays)) if item.delays else ()
        key = (data.kind, data.chamber, data.start_date, data.term, data.deadline_date, data.deadline_phrase,
               delays, obligation, closed_on, closed_kind)
        planned = plans_by_facts.get(key)
        if planned is None:
            try:
                term = parse_term(data.term) if data.term else None
                facts = ItemFacts(kind=data.kind, chamber=data.chamber, start=data.start_date, term=term,
                                  deadline=data.deadline_date, deadline_phrase=data.deadline_phrase,
                                  delays=tuple(DelayFact(on, promised) for on, promised in delays),
                                  obligation=obligation, closed_on=closed_on, closed_kind=closed_kind)
                plan = schedule(facts, calendar=schedules.calendar)
            except (DeadlineError, ValueError) as error:
                refused.append((item, str(error)))
                continue
            planned = plans_by_facts[key] = (plan, period_rows(None, plan, closed_on), str(term) if term else None)
        plan, _periods, term_text = planned
        current = plan.current
        accepted.append(item)
        chosen.append(planned)
        rows.append(dict(
            kind=data.kind, chamber=data.chamber, ministry_id=item.ministry_id,
            bewindspersoon_id=persons.get(data.bewindspersoon.strip()) if data.bewindspersoon else None,
            nummer=data.nummer.strip(), title=data.title.strip(), text=data.text, start_date=data.start_date,
            term=term_text, deadline_phrase=data.deadline_phrase,
            deadline_date=data.deadline_date, due_date=current.due if current else None,
            due_rule=current.rule if current else None,
            due_explanation=current.explanation if current else None, due_problem=plan.problem,
            status=item.status, closed_on=closed_on, closed_kind=closed_kind,
            stand_van_zaken=data.stand_van_zaken, stand_intern=data.stand_intern, members=data.members,
            fracties=data.fracties,
            tags=data.tags,
            vote_result=data.vote_result, kabinetsappreciatie=data.kabinetsappreciatie, activity=data.activity,
            committee_id=item.committee_id, source=data.source, external_id=data.external_id, version=1,
            archived_at=None, created_at=now, updated_at=now, behandelaar_id=item.behandelaar_id, internal_due=None))
    if not rows:
        return [], refused
    connection = session.connection()
    ids = insert_returning_ids(session, TrackedItem.__table__, rows)
    periods, audits, documents, owners, follows = [], [], [], [], []
    for item_id, item, (_plan, period_templates, _term), row in zip(ids, accepted, chosen, rows):
        if item.behandelaar_id:  # the behandelaar follows automatically, as on the form
            follows.append(dict(user_id=item.behandelaar_id, item_id=item_id, created_at=now))
        periods += [{**period, "item_id": item_id} for period in period_templates]
        audits.append(dict(item_id=item_id, at=now, actor=actor.name, action="aangemaakt",
                           new=f"{row['kind']} {row['nummer']}", note=f"{note}; status {item.status}"))
        for delay in item.delays:
            documents.append(delay)
            owners.append((item_id, "uitstelbericht"))
        if item.answer is not None and row["closed_kind"] == "done":
            documents.append(item.answer)
            owners.append((item_id, "antwoord"))
    if periods:
        insert_rows(connection, DeadlinePeriod.__table__, periods)
    if follows:
        insert_rows(connection, ItemFollow.__table__, follows)
    insert_rows(connection, AuditEvent.__table__, audits)
    if documents:
        document_ids = _document_ids(session, documents, now)
        links, notices = [], []
        for document_id, document, (item_id, role) in zip(document_ids, documents, owners):
            links.append(dict(item_id=item_id, document_id=document_id, role=role))
            if role == "uitstelbericht":
                notices.append(dict(item_id=item_id, sent_on=document.dagtekening, reason=document.title[:500],
                                    promised_date=document.promised, document_id=document_id, created_by=actor.name,
                                    created_at=now))
        insert_rows(connection, ItemDocument.__table__, links)
        insert_rows(connection, DelayNotice.__table__, notices)
    else:
        document_ids = []
    search_index.refresh(connection, ids, document_ids)  # plain SQL: the ORM's hook does not see these rows
    return ids, refused
