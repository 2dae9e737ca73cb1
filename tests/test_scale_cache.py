"""The page caches are keyed by a data version that follows the order of commits, not of audit ids.

On PostgreSQL ids come from a sequence: a transaction that asks first may commit last. Keyed by max(audit_event.id),
a list read between the two commits kept its old rows on every view until the next write (issue 28).
"""
from __future__ import annotations

import pytest
from sqlalchemy import text

from tracker import db
from tracker.web.overview import data_version

AUDIT = ("INSERT INTO audit_event (item_id, at, actor, action, field, old, new) "
         "VALUES (:item, CURRENT_TIMESTAMP, 'test', 'wijziging', 'title', 'oud', 'nieuw')")


def _a_motie(engine) -> tuple[int, str]:
    with engine.connect() as connection:
        return tuple(connection.execute(text(
            "SELECT id, title FROM tracked_item WHERE kind = 'motie' AND status NOT IN ('afgedaan', 'vervallen') "
            "AND archived_at IS NULL ORDER BY id LIMIT 1")).one())


def test_a_change_committed_after_a_later_audit_id_is_seen_on_the_next_view(app, login_as, demo):
    if demo.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers: two writing transactions cannot interleave there")
    client = login_as("griffie")
    item_id, old_title = _a_motie(demo)
    assert old_title in client.get("/moties?stand=alle").get_data(as_text=True)
    new_title = "Motie-Van der Berg over een titel die na een later auditnummer vastligt"
    a = demo.connect()
    b = demo.connect()
    try:
        transaction_a = a.begin()  # A: changes the title and writes its audit row (the lower id), not yet committed
        a.execute(text("UPDATE tracked_item SET title = :t, version = version + 1 WHERE id = :i"),
                  {"t": new_title, "i": item_id})
        a.execute(text(AUDIT), {"item": item_id})
        with b.begin():  # B: a later id, committed first
            b.execute(text(AUDIT), {"item": item_id})
        page = client.get("/moties?stand=alle").get_data(as_text=True)  # the list is cached at this moment
        assert old_title in page and new_title not in page
        transaction_a.commit()
    finally:
        a.close()
        b.close()
    page = client.get("/moties?stand=alle").get_data(as_text=True)
    assert new_title in page, "a committed change must be on the next page view, without another write"


def test_the_version_goes_up_once_per_writing_transaction_and_not_on_a_rollback(demo):
    with db.reading(demo) as connection:
        before = data_version(connection)
    item_id, _ = _a_motie(demo)
    with demo.begin() as connection:  # three audit rows in one transaction: one step on PostgreSQL
        for _ in range(3):
            connection.execute(text(AUDIT), {"item": item_id})
    with db.reading(demo) as connection:
        after = data_version(connection)
    # SQLite has no transaction-local flag for its trigger: one step per audit row (writers are serialised there)
    assert after == before + (1 if demo.dialect.name == "postgresql" else 3)
    with pytest.raises(RuntimeError):
        with demo.begin() as connection:
            connection.execute(text(AUDIT), {"item": item_id})
            raise RuntimeError("afgebroken")
    with demo.begin() as connection:  # a transaction without an audit event leaves it alone
        connection.execute(text("UPDATE app_user SET active = active"))
    with db.reading(demo) as connection:
        assert data_version(connection) == after


def test_a_second_writer_waits_only_for_the_commit_of_the_first(demo):
    """The row is locked at COMMIT (a deferred trigger), not from the first audit event: two open writing
    transactions do not block each other until they commit."""
    if demo.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time by design")
    item_id, _ = _a_motie(demo)
    a, b = demo.connect(), demo.connect()
    try:
        with a.begin():
            a.execute(text(AUDIT), {"item": item_id})
            with b.begin():  # would wait for A's lock (and time out) if the trigger ran at the insert
                b.execute(text("SET LOCAL lock_timeout = '2s'"))
                b.execute(text(AUDIT), {"item": item_id})
    finally:
        a.close()
        b.close()
