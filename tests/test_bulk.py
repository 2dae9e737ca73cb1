"""The bulk-load plumbing under both importers: explicit ids, skipped empty columns, fresh planner statistics."""
from datetime import date

from sqlalchemy import select

from tracker import db, migrate
from tracker.models import Document, TkRecord
from tracker.services.bulk import insert_returning_ids, insert_rows


def _document(title, kenmerk=None):
    return dict(kind="kamerbrief", dagtekening=date(2024, 10, 1), chamber=None, sender=None, addressee=None,
                kenmerk=kenmerk, dossier=None, stuknummer=None, vergaderjaar=None, title=title, url=None,
                full_text=None, external_id=None, sha256=None, created_at=db_now())


def db_now():
    from tracker.models import utcnow
    return utcnow()


def test_insert_returning_ids_gives_each_row_its_own_id_in_order(engine):
    with db.transaction(engine) as session:
        first = insert_returning_ids(session, Document.__table__, [_document("een")])
        more = insert_returning_ids(session, Document.__table__, [_document(f"brief {n}", f"K{n}") for n in range(5)])
    assert len(set(first + more)) == 6
    with db.transaction(engine) as session:
        titles = dict(session.execute(select(Document.id, Document.title)).all())
        kenmerken = dict(session.execute(select(Document.id, Document.kenmerk)).all())
    assert titles[first[0]] == "een"
    assert [titles[i] for i in more] == [f"brief {n}" for n in range(5)]
    assert [kenmerken[i] for i in more] == [f"K{n}" for n in range(5)]


def test_insert_rows_leaves_empty_columns_to_the_database_and_keeps_defaults(engine):
    with db.transaction(engine) as session:
        insert_rows(session.connection(), TkRecord.__table__, [
            dict(entity="Zaak", tk_id="a", modified=None, deleted=False, zaak_id=None, pending=True, data="{}"),
            dict(entity="Zaak", tk_id="b", modified=None, deleted=True, zaak_id=None, pending=False, data="{}")])
    with db.transaction(engine) as session:
        rows = session.execute(select(TkRecord.tk_id, TkRecord.deleted, TkRecord.pending, TkRecord.modified)
                               .order_by(TkRecord.tk_id)).all()
    assert [tuple(r) for r in rows] == [("a", False, True, None), ("b", True, False, None)]


def _estimated_rows(session) -> float:
    return session.connection().exec_driver_sql(
        "SELECT reltuples FROM pg_class WHERE oid = 'tk_record'::regclass").scalar()


def test_fresh_statistics_analyse_as_the_rows_written_double(engine):
    """PostgreSQL: ANALYZE at 2,000 rows written, then not again before 4,000. SQLite: nothing to do."""
    with db.transaction(engine) as session:
        statistics = db.FreshStatistics(session, "tk_record", first=2000)
        postgres = session.connection().dialect.name == "postgresql"
        assert statistics.active == postgres

        def write(start, count):
            insert_rows(session.connection(), TkRecord.__table__, [
                dict(entity="Zaak", tk_id=f"z{n:05d}", modified=None, deleted=False, zaak_id=None, pending=True,
                     data="{}") for n in range(start, start + count)])
            statistics.wrote(count)

        write(0, 1500)
        if postgres:
            assert _estimated_rows(session) < 1500  # not analysed yet
        write(1500, 1000)
        assert statistics.next == 5000
        if postgres:
            assert _estimated_rows(session) == 2500  # analysed, counting this transaction's own rows
        write(2500, 1000)
        if postgres:
            assert _estimated_rows(session) == 2500  # 3,500 written: not doubled yet
        session.rollback()


def test_migration_0007_leaves_only_zaak_and_toezegging_rows_waiting(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate.upgrade(engine, "0006")
    with engine.begin() as connection:
        for entity in ("Zaak", "ZaakActor", "Document", "Toezegging"):
            connection.exec_driver_sql("INSERT INTO tk_record (entity, tk_id, deleted, pending, data) "
                                       f"VALUES ('{entity}', 'x', 0, 1, '{{}}')")
    migrate.upgrade(engine)
    with engine.begin() as connection:
        waiting = connection.exec_driver_sql("SELECT entity FROM tk_record WHERE pending = 1 ORDER BY entity")
        assert [row[0] for row in waiting] == ["Toezegging", "Zaak"]
    engine.dispose()


def test_bulk_rows_keep_every_character(engine):
    """COPY on PostgreSQL escapes tabs, newlines and backslashes itself; nothing may change on the way."""
    title = "Brief\tover \\N en \"citaten\"\nregel twee; één € — 'x'"
    with db.transaction(engine) as session:  # the second row goes through COPY or executemany
        _first, second = insert_returning_ids(session, Document.__table__, [_document("eerst"), _document(title)])
    with db.transaction(engine) as session:
        assert session.get(Document, second).title == title
