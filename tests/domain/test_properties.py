"""Invariants of the rule engine, checked on many generated cases (hypothesis)."""
from datetime import date, timedelta

from hypothesis import given, settings, strategies as st

from tracker.domain.deadlines import DelayFact, ItemFacts, State, assess, schedule
from tracker.domain.dutch import Term
from tracker.domain.phrases import resolve_phrase

starts = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))
kinds = st.sampled_from(["kamervragen", "commissiebrief"])
chambers = st.sampled_from(["TK", "EK"])
offsets = st.integers(min_value=0, max_value=200)
PHRASES = ["voor de zomer", "in het voorjaar", "dit najaar", "eind van het jaar", "in de tweede helft",
           "in het derde kwartaal", "voor het kerstreces", "binnen vier weken", "binnen 3 maanden",
           "voor 1 juli", "in maart", "uiterlijk vrijdag 3 maart", "na het herfstreces"]


@st.composite
def items(draw):
    kind, chamber, start = draw(kinds), draw(chambers), draw(starts)
    term = draw(st.sampled_from([None, Term(4, "weken"), Term(6, "weken"), Term(21, "dagen")]))
    delays = []
    for _ in range(draw(st.integers(0, 2))):
        sent_on = start + timedelta(days=draw(offsets))
        promised = draw(st.one_of(st.none(), offsets))
        delays.append(DelayFact(sent_on, sent_on + timedelta(days=promised) if promised is not None else None))
    delays = tuple(sorted(delays, key=lambda d: d.sent_on))
    closed = draw(st.one_of(st.none(), offsets))
    return ItemFacts(kind=kind, chamber=chamber, start=start, term=term, delays=delays,
                     closed_on=start + timedelta(days=closed) if closed is not None else None,
                     closed_kind="done" if closed is not None else None)


@settings(max_examples=300)
@given(items())
def test_due_never_before_start(facts):
    for period in schedule(facts).periods:
        assert period.due >= facts.start
        assert period.valid_from >= facts.start


@settings(max_examples=300)
@given(items())
def test_periods_are_ordered_and_due_never_decreases(facts):
    periods = schedule(facts).periods
    assert all(a.valid_from < b.valid_from for a, b in zip(periods, periods[1:]))
    assert all(a.due <= b.due for a, b in zip(periods, periods[1:]))
    assert all(a.valid_until == b.valid_from for a, b in zip(periods, periods[1:]))


@settings(max_examples=300)
@given(items(), offsets)
def test_timely_uitstelbericht_never_makes_overdue_earlier(facts, day_offset):
    on = facts.start + timedelta(days=day_offset)
    without = ItemFacts(**{**facts.__dict__, "delays": ()})
    base_due = schedule(without).current.due
    timely = tuple(d for d in facts.delays if d.sent_on <= base_due)
    with_delays = ItemFacts(**{**facts.__dict__, "delays": timely})
    if assess(with_delays, schedule(with_delays), on).state == State.OVERDUE:
        assert assess(without, schedule(without), on).state == State.OVERDUE


@settings(max_examples=300)
@given(items(), offsets)
def test_events_after_the_day_do_not_change_the_assessment(facts, day_offset):
    on = facts.start + timedelta(days=day_offset)
    known = ItemFacts(**{**facts.__dict__,
                         "delays": tuple(d for d in facts.delays if d.sent_on <= on),
                         "closed_on": facts.closed_on if facts.closed_on and facts.closed_on <= on else None,
                         "closed_kind": facts.closed_kind if facts.closed_on and facts.closed_on <= on else None})
    full = assess(facts, schedule(facts), on)
    partial = assess(known, schedule(known), on)
    assert (full.state, full.due, full.days_overdue) == (partial.state, partial.due, partial.days_overdue)


@settings(max_examples=300)
@given(items(), offsets)
def test_overdue_days_match_due(facts, day_offset):
    on = facts.start + timedelta(days=day_offset)
    result = assess(facts, schedule(facts), on)
    if result.state == State.OVERDUE:
        assert result.days_overdue == (on - result.due).days > 0
    if result.state == State.DONE_LATE:
        assert result.days_late == (facts.closed_on - result.due).days > 0


@settings(max_examples=400)
@given(st.sampled_from(PHRASES), starts, st.booleans())
def test_resolved_phrase_never_before_date_made(phrase, made_on, with_year):
    text = f"{phrase} {made_on.year + 1}" if with_year and "binnen" not in phrase else phrase
    resolution = resolve_phrase(text, made_on)
    if resolution.due is not None:
        assert resolution.due >= made_on
    else:
        assert resolution.problem
