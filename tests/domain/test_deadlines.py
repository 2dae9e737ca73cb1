"""The deadline rules and how an item stands on any day (events after that day have not happened)."""
from datetime import date

from tracker.domain.calendar import Recess, RecessCalendar, day_notes
from tracker.domain.deadlines import (DelayFact, ItemFacts, OverrideFact, State, assess, schedule)
from tracker.domain.dutch import Term


def questions(**kwargs):
    return ItemFacts(kind="kamervragen", chamber="TK", start=date(2023, 6, 27), **kwargs)


def test_kamervragen_due_three_weeks_after_submission():
    plan = schedule(questions())
    assert plan.current.due == date(2023, 7, 18)
    assert plan.current.rule == "tk-kamervragen"
    assert plan.current.explanation == "drie weken na indiening op 27 juni 2023 = 18 juli 2023"


def test_timely_uitstelbericht_gives_six_weeks():
    facts = questions(delays=(DelayFact(date(2023, 7, 18)),))
    plan = schedule(facts)
    assert [p.due for p in plan.periods] == [date(2023, 7, 18), date(2023, 8, 8)]
    verdict = plan.delays[0]
    assert verdict.timely and verdict.days_late == 0
    # before the notice existed, the item was overdue on 19 July only if the notice came later
    assert assess(facts, plan, date(2023, 7, 19)).state == State.NOT_DUE
    assert assess(facts, plan, date(2023, 8, 9)).days_overdue == 1


def test_late_uitstelbericht_is_late_by_days_after_due():
    facts = questions(delays=(DelayFact(date(2023, 7, 25)),))
    plan = schedule(facts)
    assert (plan.delays[0].timely, plan.delays[0].days_late) == (False, 7)
    # as of 24 July the notice had not been sent: overdue by 6 days on the 3-week rule
    before = assess(facts, plan, date(2023, 7, 24))
    assert (before.state, before.days_overdue, before.delays) == (State.OVERDUE, 6, ())
    after = assess(facts, plan, date(2023, 7, 26))
    assert (after.state, after.due) == (State.DUE_SOON, date(2023, 8, 8))  # 13 days: within the 14-day horizon
    assert plan.current.first_delay_days_late == 7


def test_second_uitstelbericht_does_not_extend_kamervragen():
    plan = schedule(questions(delays=(DelayFact(date(2023, 7, 10)), DelayFact(date(2023, 8, 1)))))
    assert plan.current.due == date(2023, 8, 8)
    assert plan.current.first_delay_on == date(2023, 7, 10)


def test_answered_late_and_on_time():
    late = questions(closed_on=date(2023, 11, 21), closed_kind="done")  # seed 001: Van Baarle
    result = assess(late, schedule(late), date(2024, 1, 1))
    assert (result.state, result.days_late) == (State.DONE_LATE, 126)
    on_time = questions(closed_on=date(2023, 7, 18), closed_kind="done")
    assert assess(on_time, schedule(on_time), date(2024, 1, 1)).state == State.DONE_ON_TIME
    # as of a day before the answer, the item was still overdue
    assert assess(late, schedule(late), date(2023, 11, 20)).state == State.OVERDUE


def test_withdrawn_item_is_closed_not_late():
    facts = questions(closed_on=date(2023, 8, 1), closed_kind="dropped")
    assert assess(facts, schedule(facts), date(2023, 9, 1)).state == State.CLOSED


def test_states_not_started_due_soon_not_due():
    facts = questions()
    plan = schedule(facts)
    assert assess(facts, plan, date(2023, 6, 1)).state == State.NOT_STARTED
    assert assess(facts, plan, date(2023, 7, 11)).state == State.DUE_SOON
    assert assess(facts, plan, date(2023, 7, 4)).state == State.DUE_SOON  # 14 days before: binnenkort
    assert assess(facts, plan, date(2023, 7, 3)).state == State.NOT_DUE
    assert assess(facts, plan, date(2023, 7, 18)).state == State.DUE_SOON  # the due date itself is on time


def committee_letter(**kwargs):
    return ItemFacts(kind="commissiebrief", chamber="EK", start=date(2024, 6, 18), **kwargs)


def test_commissiebrief_seed_004_timeline():
    """Letter 18 June 2024, uitstel 22 July (late), reply 28 August."""
    facts = committee_letter(term=Term(4, "weken"), delays=(DelayFact(date(2024, 7, 22)),),
                             closed_on=date(2024, 8, 28), closed_kind="done")
    plan = schedule(facts)
    assert plan.periods[0].due == date(2024, 7, 16)
    assert (plan.delays[0].timely, plan.delays[0].days_late) == (False, 6)
    assert plan.current.due == date(2024, 8, 13)  # our convention: the same term again
    result = assess(facts, plan, date(2024, 9, 1))
    assert (result.state, result.days_late) == (State.DONE_LATE, 15)


def test_commissiebrief_promised_date_and_own_term():
    facts = committee_letter(term=Term(6, "weken"), delays=(DelayFact(date(2024, 7, 20), promised=date(2024, 9, 15)),))
    plan = schedule(facts)
    assert plan.periods[0].due == date(2024, 7, 30)
    assert plan.delays[0].timely
    assert plan.current.due == date(2024, 9, 15)
    assert "toegezegde datum" in plan.current.explanation


def test_promised_date_earlier_than_due_never_shortens():
    facts = committee_letter(delays=(DelayFact(date(2024, 7, 1), promised=date(2024, 7, 5)),))
    assert schedule(facts).current.due == date(2024, 7, 16)


def test_default_commissiebrief_term_is_four_weeks():
    assert schedule(committee_letter()).current.due == date(2024, 7, 16)


def test_toezegging_phrase_and_delay_without_date():
    facts = ItemFacts(kind="toezegging", chamber="TK", start=date(2020, 11, 2),
                      deadline_phrase="in het voorjaar van 2021", delays=(DelayFact(date(2021, 5, 1)),))
    plan = schedule(facts)
    assert plan.current.due == date(2021, 5, 31)
    assert "blijft staan" in plan.current.explanation


def test_unresolvable_phrase_gives_problem_and_no_due():
    facts = ItemFacts(kind="motie", chamber="TK", start=date(2019, 11, 12),
                      deadline_phrase="voor de begrotingsbehandeling")
    plan = schedule(facts)
    assert plan.current.due is None and plan.problem
    assert assess(facts, plan, date(2024, 1, 1)).state == State.NO_DEADLINE


def test_override_applies_from_its_date_and_clears_problem():
    facts = ItemFacts(kind="motie", chamber="TK", start=date(2019, 11, 12), deadline_phrase="z.s.m.",
                      overrides=(OverrideFact(date(2020, 1, 10), date(2020, 3, 1), "afgesproken in procedurevergadering"),))
    plan = schedule(facts)
    assert plan.problem is None
    assert assess(facts, plan, date(2020, 1, 5)).state == State.NO_DEADLINE
    assert assess(facts, plan, date(2020, 3, 2)).days_overdue == 1
    assert plan.current.rule == "handmatig"


def test_motion_not_adopted_owes_nothing():
    facts = ItemFacts(kind="motie", chamber="TK", start=date(2021, 2, 10), deadline_phrase="voor 1 juni 2021",
                      obligation=False)
    assert schedule(facts).periods == ()
    assert assess(facts, schedule(facts), date(2022, 1, 1)).state == State.NO_OBLIGATION


def test_unknown_start_with_dated_phrase():
    facts = ItemFacts(kind="motie", chamber="TK", start=None, deadline_phrase="voor het kerstreces 2020")
    calendar = RecessCalendar([Recess("TK", "kerstreces", date(2020, 12, 18), date(2021, 1, 18))])
    plan = schedule(facts, calendar=calendar)
    assert plan.current.due == date(2020, 12, 17)
    assert assess(facts, plan, date(2021, 1, 1)).state == State.OVERDUE


def test_day_notes_show_recess_weekend_and_holiday_without_moving():
    calendar = RecessCalendar([Recess("TK", "zomerreces", date(2023, 7, 7), date(2023, 9, 4))])
    assert day_notes(date(2023, 7, 18), "TK", calendar) == [
        "valt in het zomerreces (7 juli 2023 – 4 september 2023)"]
    notes = day_notes(date(2024, 12, 25), "TK", RecessCalendar())
    assert any("Eerste kerstdag" in n for n in notes)
    assert day_notes(date(2024, 7, 13), "TK", RecessCalendar()) == ["valt op een zaterdag"]
