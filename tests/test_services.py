"""Use cases on a real database (SQLite, and PostgreSQL when configured): one transaction each."""
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from tracker.authz import system
from tracker import db
from tracker.domain.workflow import WorkflowError
from tracker.errors import Conflict, ValidationError
from tracker.models import AuditEvent, DeadlinePeriod, TrackedItem
from tracker.services import audit, items
from tracker.services.overdue import overdue


def new_questions(session, nummer="2023Z12033", start=date(2023, 6, 27), **kwargs):
    return items.create_item(session, items.ItemInput(
        kind="kamervragen", chamber="TK", nummer=nummer, title="Vragen over diversiteitsdoelen",
        ministry_code="BZK", start_date=start, **kwargs), system("tester"))


def count(engine, model):
    with Session(engine) as session:
        return session.execute(select(func.count()).select_from(model)).scalar()


def test_create_item_computes_deadline_and_audits(reference_data):
    with db.transaction(reference_data) as session:
        item = new_questions(session)
    assert item.status == "ontvangen"
    assert item.due_date == date(2023, 7, 18)
    with db.transaction(reference_data) as session:
        events = audit.trail(session, item.id)
    assert [e.action for e in events] == ["aangemaakt", "termijn"]
    assert events[1].new == "18 juli 2023"


def test_record_delay_moves_status_extends_deadline_and_audits(reference_data):
    with db.transaction(reference_data) as session:
        item = new_questions(session)
    with db.transaction(reference_data) as session:
        item = items.get_item(session, item.id)
        items.record_delay(session, item, date(2023, 7, 17), system("tester"), reason="interdepartementale afstemming")
    with db.transaction(reference_data) as session:
        item = items.get_item(session, item.id)
        trail = audit.trail(session, item.id)
    assert item.status == "uitstel_gemeld"
    assert item.due_date == date(2023, 8, 8)
    assert {"uitstelbericht", "status", "termijn"} <= {e.action for e in trail}
    termijn = [e for e in trail if e.action == "termijn"][-1]
    assert (termijn.old, termijn.new) == ("18 juli 2023", "8 augustus 2023")


def test_answer_closes_item_and_links_document(reference_data):
    with db.transaction(reference_data) as session:
        item = new_questions(session)
        items.record_answer(session, item, date(2023, 11, 21), system("tester"), document_title="Antwoord Aanhangsel 429")
    with db.transaction(reference_data) as session:
        item = items.get_item(session, item.id)
        assert (item.status, item.closed_on, item.closed_kind) == ("beantwoord", date(2023, 11, 21), "done")
        assert overdue(session, date(2023, 11, 20))[0].days_overdue == 125
        assert overdue(session, date(2023, 11, 21)) == []


def test_illegal_transition_is_refused_and_nothing_changes(reference_data):
    with db.transaction(reference_data) as session:
        item = new_questions(session)
        items.record_answer(session, item, date(2023, 7, 1), system("tester"))
    before = count(reference_data, AuditEvent)
    with pytest.raises(WorkflowError, match="eindstatus"):
        with db.transaction(reference_data) as session:
            items.change_status(session, items.get_item(session, item.id), "in_behandeling", system("tester"))
    assert count(reference_data, AuditEvent) == before
    with db.transaction(reference_data) as session:
        assert items.get_item(session, item.id).status == "beantwoord"


def test_failed_write_leaves_nothing_half_written(reference_data):
    items_before, audit_before = count(reference_data, TrackedItem), count(reference_data, AuditEvent)
    with pytest.raises(ValidationError, match="uitstelbericht"):
        with db.transaction(reference_data) as session:
            item = new_questions(session)  # succeeds inside the transaction...
            items.record_delay(session, item, date(2023, 1, 1), system("tester"))  # ...then this fails
    assert count(reference_data, TrackedItem) == items_before
    assert count(reference_data, AuditEvent) == audit_before
    assert count(reference_data, DeadlinePeriod) == 0


def test_unknown_ministry_is_a_validation_error(reference_data):
    with pytest.raises(ValidationError, match="onbekend ministerie 'XYZ'"):
        with db.transaction(reference_data) as session:
            items.create_item(session, items.ItemInput(kind="motie", chamber="TK", nummer="1, nr. 1",
                                                       title="x", ministry_code="XYZ"), system("tester"))


def test_duplicate_natural_key_is_refused(reference_data):
    with db.transaction(reference_data) as session:
        new_questions(session)
    with pytest.raises(ValidationError, match="bestaat al"):
        with db.transaction(reference_data) as session:
            new_questions(session)


def test_stale_version_is_a_conflict(reference_data):
    with db.transaction(reference_data) as session:
        item = new_questions(session)
    stale_version = item.version
    with db.transaction(reference_data) as session:
        items.update_item(session, items.get_item(session, item.id), {"title": "Nieuwe titel"}, system("officer-1"),
                          expected_version=stale_version)
    with pytest.raises(Conflict, match="intussen door iemand anders"):
        with db.transaction(reference_data) as session:
            items.update_item(session, items.get_item(session, item.id), {"title": "Andere titel"}, system("officer-2"),
                              expected_version=stale_version)
    with db.transaction(reference_data) as session:
        item = items.get_item(session, item.id)
        assert item.title == "Nieuwe titel"
        change = [e for e in audit.trail(session, item.id) if e.field == "title"][0]
        assert (change.old, change.new, change.actor) == ("Vragen over diversiteitsdoelen", "Nieuwe titel", "officer-1")


def test_editing_start_date_rebuilds_deadline(reference_data):
    with db.transaction(reference_data) as session:
        item = new_questions(session)
        items.update_item(session, item, {"start_date": date(2023, 7, 3)}, system("tester"), note="typefout")
        assert item.due_date == date(2023, 7, 24)


def test_override_needs_reason_and_applies_from_its_date(reference_data):
    with db.transaction(reference_data) as session:
        item = items.create_item(session, items.ItemInput(
            kind="toezegging", chamber="EK", nummer="T02423", title="Evaluatie", ministry_code="BZK",
            start_date=date(2024, 1, 10), deadline_phrase="voor de begrotingsbehandeling"), system("tester"))
        assert item.due_date is None and item.due_problem
    with pytest.raises(ValidationError, match="reden is verplicht"):
        with db.transaction(reference_data) as session:
            items.override_deadline(session, items.get_item(session, item.id), date(2024, 6, 1), " ", system("griffie"))
    with db.transaction(reference_data) as session:
        item = items.get_item(session, item.id)
        items.override_deadline(session, item, date(2024, 7, 1), "commissie stemt in met nieuwe deadline",
                                system("griffie"), effective_from=date(2024, 3, 1))
        assert item.due_date == date(2024, 7, 1) and item.due_problem is None
        assert overdue(session, date(2024, 7, 2))[0].regel == "handmatig"
        assert overdue(session, date(2024, 2, 1)) == []


def test_motion_workflow_needs_document_to_discharge(reference_data):
    with db.transaction(reference_data) as session:
        item = items.create_item(session, items.ItemInput(
            kind="motie", chamber="TK", nummer="35628, nr. 10", title="Motie Bergkamp c.s.", ministry_code="OCW",
            deadline_phrase="voor 1 juni 2021"), system("tester"))
        assert item.due_date is None  # not adopted yet: nothing owed
        items.change_status(session, item, "aangenomen", system("tester"), on=date(2021, 2, 16))
        assert (item.start_date, item.due_date) == (date(2021, 2, 16), date(2021, 5, 31))
        with pytest.raises(WorkflowError, match="document"):
            items.change_status(session, item, "afgedaan", system("tester"), on=date(2021, 11, 26))
        items.record_answer(session, item, date(2021, 11, 26), system("tester"), document_title="Kamerstukken 30420, nr. 365")
        assert (item.status, item.closed_kind) == ("afgedaan", "done")


def test_archive_takes_item_out_of_overview_but_keeps_trail(reference_data):
    with db.transaction(reference_data) as session:
        item = new_questions(session)
        items.archive_item(session, item, system("admin"), "dubbel ingevoerd")
    with db.transaction(reference_data) as session:
        assert overdue(session, date(2024, 1, 1)) == []
        assert session.get(TrackedItem, item.id) is not None
        assert audit.trail(session, item.id)[-1].action == "gearchiveerd"


def test_concurrent_writers_cannot_both_win(reference_data):
    """Two real transactions on the same item: the second is refused, not silently applied. (On SQLite a writing
    transaction takes the write lock when it begins, so the second waits for the first, then sees its version.)"""
    import threading
    import time

    with db.transaction(reference_data) as session:
        item_id, version = (item := new_questions(session)).id, item.version
    first_claimed, release = threading.Event(), threading.Event()
    outcome = {}

    def first():
        with db.transaction(reference_data, immediate=True) as session:
            items.update_item(session, items.get_item(session, item_id), {"title": "Eerste"}, system("een"),
                              expected_version=version)
            first_claimed.set()
            release.wait(5)

    def second():
        first_claimed.wait(5)
        try:
            with db.transaction(reference_data, immediate=True) as session:
                items.update_item(session, items.get_item(session, item_id), {"title": "Tweede"}, system("twee"),
                                  expected_version=version)
            outcome["second"] = "saved"
        except Conflict:
            outcome["second"] = "conflict"

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_claimed.wait(5)
    time.sleep(0.3)  # the second writer has begun meanwhile: it waits (SQLite: for the write lock; PostgreSQL:
    release.set()    # on the row lock, after reading the old version) until the first commits
    for thread in threads:
        thread.join(10)
    assert outcome == {"second": "conflict"}
    with db.transaction(reference_data) as session:
        assert items.get_item(session, item_id).title == "Eerste"
