"""The demo data set matches the seed documents."""
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from tracker import db
from tracker.demo import default_demo_file, load_demo
from tracker.domain.deadlines import State
from tracker.models import Document, ItemDocument, Ministry, TrackedItem, User
from tracker.services import items
from tracker.services.schedule import assess_item


@pytest.fixture
def loaded(engine):
    for _ in range(2):
        with db.transaction(engine) as session:
            load_demo(session, default_demo_file())
    return engine


def counts(engine):
    with Session(engine) as session:
        return [session.execute(select(func.count()).select_from(m)).scalar() for m in (TrackedItem, Document, User)]


def test_loading_twice_creates_no_duplicates(loaded):
    assert counts(loaded) == [21, 14, 5]


def stand(engine, chamber, kind, nummer, on):
    with db.transaction(engine) as session:
        item = items.find_item(session, chamber, kind, nummer)
        result, plan = assess_item(session, item, on)
        return item, result, plan


def test_van_baarle_questions_answered_126_days_late(loaded):
    item, result, _ = stand(loaded, "TK", "kamervragen", "2023Z12033", date(2024, 1, 1))
    assert (item.start_date, item.due_date) == (date(2023, 6, 27), date(2023, 7, 18))
    assert (result.state, result.days_late) == (State.DONE_LATE, 126)


def test_ek_letter_of_18_june_2024(loaded):
    item, result, plan = stand(loaded, "EK", "commissiebrief", "174728.01U", date(2024, 9, 1))
    assert plan.delays[0].days_late == 6
    assert (result.state, result.days_late) == (State.DONE_LATE, 15)


def test_ek_letter_of_1_october_2024(loaded):
    item, result, plan = stand(loaded, "EK", "commissiebrief", "174728.03U", date(2025, 2, 1))
    assert plan.delays[0].timely
    assert item.due_date == date(2024, 11, 26)
    assert (result.state, result.days_late) == (State.DONE_LATE, 45)


def test_motie_bergkamp_discharged_by_the_second_voortgangsbrief(loaded):
    item, result, _ = stand(loaded, "TK", "motie", "35628, nr. 10", date(2022, 1, 1))
    assert (item.status, item.closed_on, item.due_date) == ("afgedaan", date(2021, 11, 26), date(2021, 5, 31))
    with Session(loaded) as session:
        roles = {(link.role, session.get(Document, link.document_id).stuknummer)
                 for link in session.scalars(select(ItemDocument).where(ItemDocument.item_id == item.id))}
    assert ("antwoord", "365") in roles and ("voortgang", "360") in roles


def test_annex_phrases_resolved_or_flagged(loaded):
    with db.transaction(loaded) as session:
        kerst = items.find_item(session, "TK", "motie", "VGR-EMANC-2021 M08")
        begroting = items.find_item(session, "TK", "motie", "VGR-EMANC-2021 M13")
        voorjaar = items.find_item(session, "TK", "toezegging", "VGR-EMANC-2021 T04")
    assert kerst.due_date == date(2020, 12, 17)  # day before TK kerstreces 18 December 2020
    assert begroting.due_date is None and "begrotingsbehandeling" in begroting.due_problem
    assert voorjaar.due_date == date(2021, 5, 31) and voorjaar.status == "deels_voldaan"


# ------------------------------------------------------------------------------ the current week
DAY = date(2026, 12, 2)


@pytest.fixture
def week(engine):
    for _ in range(2):
        with db.transaction(engine) as session:
            load_demo(session, default_demo_file(), week_of=DAY)
    return engine


def test_the_week_is_loaded_once_and_is_the_same_for_the_same_day(week):
    from tracker.demo_week import plan

    assert counts(week)[0] == 21 + len(plan(DAY))
    assert [p.data.nummer for p in plan(DAY)] == [p.data.nummer for p in plan(DAY)]
    assert [p.data.title for p in plan(DAY)] != [p.data.title for p in plan(date(2026, 12, 3))]


def test_the_week_shows_what_a_working_week_looks_like(week):
    from tracker.services.overdue import overdue
    from tracker.services.queries import dashboard

    with db.transaction(week) as session:
        late = [row for row in overdue(session, DAY) if row.nummer.startswith("2026Z9") and row.soort == "kamervragen"]
        board = dashboard(session, DAY)
        mine = session.execute(select(TrackedItem).where(TrackedItem.source == "demo-week")).scalars().all()
    assert sorted(row.days_overdue for row in late) == [2, 5, 19, 37]  # late by days and by weeks
    assert len(board.upcoming) >= 5  # deadlines in the coming 14 days on Overzicht
    assert sum(1 for item in mine if item.status == "uitstel_gemeld") >= 3
    assert sum(1 for item in mine if item.closed_kind == "done") >= 8  # answered, for the on-time chart
    assert [first for first, _, _ in board.trend][-1] == date(2026, 12, 1) and len(board.trend) == 12
    answered = [i for i in mine if i.closed_kind == "done" and i.kind == "kamervragen" and i.closed_on >= date(2026, 1, 1)]
    assert sum(ok + late for _, ok, late in board.trend) == len(answered)  # the month chart counts each answer once
    young = [item for item in mine if item.kind == "kamervragen" and item.closed_on is None
             and item.due_date and item.due_date > DAY]
    assert len(young) >= 6


def test_on_time_statistics_are_worked_out_by_the_database_as_python_would(engine):
    """Overzicht's chart: count, share in time and median days per ministry over the last twelve months (the
    window of the month chart), computed in SQL on both databases, as Python computes them from the items."""
    import statistics

    from tracker.generate import generate
    from tracker.services.queries import dashboard, statistics_window

    on = date(2026, 12, 2)
    since = statistics_window(on)[0]
    assert since == date(2026, 1, 1)
    with db.transaction(engine) as session:
        load_demo(session, default_demo_file())
    generate(engine, 1500, seed=7, today=on)
    expected: dict[str, list] = {}
    with db.transaction(engine) as session:
        rows = session.execute(select(TrackedItem).where(TrackedItem.closed_kind == "done",
                                                         TrackedItem.kind.in_(["kamervragen", "commissiebrief"]),
                                                         TrackedItem.start_date.is_not(None),
                                                         TrackedItem.due_date.is_not(None))).scalars().all()
        codes = {m.id: m.code for m in session.execute(select(Ministry)).scalars()}
        outside = 0
        for item in rows:
            if not since <= item.closed_on <= on:
                outside += 1
                continue
            expected.setdefault(codes.get(item.ministry_id, "—"), []).append(
                ((item.closed_on - item.start_date).days, item.closed_on <= item.due_date))
        board = dashboard(session, on)
        bzk = dashboard(session, on, "BZK")
    assert outside > 100 and sum(len(r) for r in expected.values()) > 100  # both sides of the window are tried
    assert board.on_time == sorted(((code, len(r), sum(ok for _, ok in r) / len(r), statistics.median(d for d, _ in r))
                                    for code, r in expected.items()), key=lambda row: row[0])
    # the bars and the month chart count the same answers; an officer's view is their ministry's row
    assert sum(answered for _, answered, _, _ in board.on_time) == sum(ok + late for _, ok, late in board.trend)
    assert bzk.on_time == [row for row in board.on_time if row[0] == "BZK"]
