"""The overdue query agrees with the pure rules, item by item, on every day asked about."""
from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from tracker.authz import system
from tracker import db
from tracker.domain.deadlines import State, assess, schedule
from tracker.generate import generate
from tracker.models import TrackedItem
from tracker.services.overdue import overdue
from tracker.services.schedule import facts_for, load_calendar


@pytest.fixture
def generated(reference_data):
    generate(reference_data, 400, seed=7)
    return reference_data


@pytest.mark.parametrize("on", [date(2019, 3, 1), date(2021, 7, 1), date(2023, 7, 19), date(2025, 1, 6)])
def test_sql_overdue_matches_pure_assessment(generated, on):
    with Session(generated) as session:
        calendar = load_calendar(session)
        expected = {}
        for item in session.exec(select(TrackedItem)).all():
            facts = facts_for(session, item)
            result = assess(facts, schedule(facts, calendar=calendar), on)
            if result.state == State.OVERDUE:
                expected[item.id] = result.days_overdue
    with db.transaction(generated) as session:
        found = {row.id: row.days_overdue for row in overdue(session, on)}
    assert found == expected
    assert len(expected) > 0 or on < date(2019, 2, 1)


def test_filters_and_order(generated):
    on = date(2024, 6, 1)
    with db.transaction(generated) as session:
        everything = overdue(session, on)
        questions = overdue(session, on, kinds=["kamervragen"])
        ek = overdue(session, on, chamber="EK")
        bzk = overdue(session, on, ministry_code="BZK")
    assert questions and all(r.soort == "kamervragen" for r in questions)
    assert all(r.kamer == "EK" for r in ek)
    assert all(r.ministerie == "BZK" for r in bzk)
    assert len(questions) + len([r for r in everything if r.soort != "kamervragen"]) == len(everything)
    days = [r.days_overdue for r in everything]
    assert days == sorted(days, reverse=True)


def test_json_keys_are_the_contract(generated):
    with db.transaction(generated) as session:
        row = overdue(session, date(2024, 6, 1))[0].as_json()
    for key in ("soort", "kamer", "nummer", "titel", "ministerie", "due", "days_overdue", "uitstelbericht",
                "uitstelbericht_days_late"):
        assert key in row
    assert isinstance(row["days_overdue"], int)
    date.fromisoformat(row["due"])


def test_delay_columns_report_timeliness(reference_data):
    from tracker.services import items
    with db.transaction(reference_data) as session:
        late = items.create_item(session, items.ItemInput(kind="kamervragen", chamber="TK", nummer="2024Z00001",
                                                          title="a", ministry_code="BZK", start_date=date(2024, 1, 1)), system("t"))
        items.record_delay(session, late, date(2024, 1, 1) + timedelta(days=25), system("t"))
        timely = items.create_item(session, items.ItemInput(kind="kamervragen", chamber="TK", nummer="2024Z00002",
                                                            title="b", ministry_code="BZK", start_date=date(2024, 1, 1)), system("t"))
        items.record_delay(session, timely, date(2024, 1, 20), system("t"))
    with db.transaction(reference_data) as session:
        rows = {r.nummer: r for r in overdue(session, date(2024, 3, 1))}
    assert rows["2024Z00001"].uitstelbericht_days_late == 4
    assert rows["2024Z00002"].uitstelbericht_days_late == 0
    assert rows["2024Z00002"].due == "2024-02-12"
