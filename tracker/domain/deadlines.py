"""When is an item due, and how does it stand on a given day?

The deadline of an item is a history: the rule gives a first due date on the start date;
each uitstelbericht and each manual override, on its own date, may give a new one. That
history (a list of periods) is what the database stores and indexes, so "what was overdue
on Monday 3 July" can be answered exactly for any past Monday. Events dated after the day
asked about have not happened yet on that day.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from .calendar import RecessCalendar
from .dutch import Term, format_date
from .phrases import resolve_phrase
from .rules import Rule, RuleBook, default_rulebook
from ..words import actor_in_words

# One horizon for "binnenkort" everywhere (Overzicht's cards, the lists' stand, the team view, the weekly mail,
# an item's state): the deadline today or within this many days.
SOON_DAYS = 14
SOON_WORDS = f"binnen {SOON_DAYS} dagen"
DUE_SOON_DAYS = SOON_DAYS
# The old backlog that Te laat and the lists set apart: more than this many days past the deadline.
BACKLOG_DAYS = 365
BACKLOG_WORDS = "meer dan een jaar te laat"


def in_backlog_part(days_overdue: int, backlog: str | None) -> bool:
    """Whether an item this many days late belongs to the part asked for: "oud" (more than BACKLOG_DAYS days late),
    "recent" (at most that), None (everything)."""
    return backlog is None or (days_overdue > BACKLOG_DAYS) == (backlog == "oud")
START_WORDS = {"kamervragen": "indiening", "commissiebrief": "dagtekening",
               "toezegging": "de toezegging", "motie": "de stemming"}


class DeadlineError(ValueError):
    """Facts that cannot hold (a notice before the item existed, a due date before the start)."""


@dataclass(frozen=True)
class DelayFact:
    """An uitstelbericht as sent: its date and, if it names one, the promised date."""

    sent_on: date
    promised: date | None = None


@dataclass(frozen=True)
class OverrideFact:
    """A due date set by a person, in force from effective_from, with the reason."""

    effective_from: date
    due: date
    reason: str
    by: str = ""


@dataclass(frozen=True)
class ItemFacts:
    """What the deadline of an item depends on."""

    kind: str
    chamber: str
    start: date | None
    term: Term | None = None  # the item's own term ("binnen zes weken" in the letter)
    deadline: date | None = None  # an explicit due date
    deadline_phrase: str | None = None  # "voor de zomer"
    delays: tuple[DelayFact, ...] = ()
    overrides: tuple[OverrideFact, ...] = ()
    obligation: bool = True  # False for a motion not (yet) adopted
    closed_on: date | None = None
    closed_kind: str | None = None  # "done" (answered, fulfilled) or "dropped" (withdrawn, lapsed)


@dataclass(frozen=True)
class DelayVerdict:
    """How an uitstelbericht stands: timely or late by so many days, and what it changed."""

    sent_on: date
    due_before: date | None
    timely: bool
    days_late: int
    due_after: date | None


@dataclass(frozen=True)
class DeadlinePeriod:
    """From valid_from until the next period (or forever), the item is due on `due`."""

    valid_from: date
    due: date | None
    rule: str
    explanation: str
    valid_until: date | None = None
    first_delay_on: date | None = None
    first_delay_days_late: int | None = None


@dataclass(frozen=True)
class Schedule:
    """The whole deadline history of an item."""

    periods: tuple[DeadlinePeriod, ...] = ()
    delays: tuple[DelayVerdict, ...] = ()
    problem: str | None = None  # e.g. a phrase nobody could resolve: a person must set a date

    def in_force(self, on: date) -> DeadlinePeriod | None:
        """The period in force on this day, if the item existed then."""
        current = None
        for period in self.periods:
            if period.valid_from <= on:
                current = period
        return current

    @property
    def current(self) -> DeadlinePeriod | None:
        return self.periods[-1] if self.periods else None


class State(str, Enum):
    NOT_STARTED = "nog_niet"
    NO_OBLIGATION = "geen_verplichting"
    NO_DEADLINE = "geen_termijn"
    NOT_DUE = "lopend"
    DUE_SOON = "binnenkort"
    OVERDUE = "te_laat"
    DONE_ON_TIME = "tijdig_afgedaan"
    DONE_LATE = "te_laat_afgedaan"
    CLOSED = "vervallen"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS = {
    State.NOT_STARTED: "nog niet ingediend", State.NO_OBLIGATION: "geen verplichting",
    State.NO_DEADLINE: "geen termijn", State.NOT_DUE: "loopt", State.DUE_SOON: SOON_WORDS,
    State.OVERDUE: "te laat", State.DONE_ON_TIME: "tijdig afgedaan",
    State.DONE_LATE: "te laat afgedaan", State.CLOSED: "vervallen of ingetrokken",
}


@dataclass(frozen=True)
class Assessment:
    """How an item stands on one day."""

    on: date
    state: State
    due: date | None = None
    rule: str | None = None
    explanation: str = ""
    days_overdue: int | None = None  # when overdue on that day
    days_late: int | None = None  # when it was done late
    delays: tuple[DelayVerdict, ...] = field(default=())


# An item registered without its start date (an old list, an annex) exists "from always".
UNKNOWN_START = date(1, 1, 1)


def _base_period(facts: ItemFacts, rule: Rule, rulebook: RuleBook,
                 calendar: RecessCalendar) -> tuple[DeadlinePeriod, str | None]:
    start = facts.start or UNKNOWN_START
    start_word = START_WORDS.get(facts.kind, "de start")
    start_text = f"{start_word} op {format_date(facts.start)}" if facts.start else f"{start_word} (datum onbekend)"
    if facts.deadline is not None:
        if facts.start and facts.deadline < facts.start:
            raise DeadlineError(f"de termijn {format_date(facts.deadline)} ligt vóór {start_text}")
        return DeadlinePeriod(start, facts.deadline, "opgegeven",
                              f"opgegeven datum: {format_date(facts.deadline)}"), None
    if rule.basis == "term":
        if facts.start is None:
            return DeadlinePeriod(start, None, rule.id, f"geen termijn: {start_text}"), \
                f"de datum van {start_word} ontbreekt; de termijn kan niet berekend worden"
        term = facts.term or rule.term
        due = term.after(facts.start)
        own = "" if facts.term is None else " (termijn uit de brief)"
        return DeadlinePeriod(start, due, rule.id,
                              f"{term.in_words()} na {start_text} = {format_date(due)}{own}"), None
    if facts.deadline_phrase:
        resolution = resolve_phrase(facts.deadline_phrase, facts.start, facts.chamber, calendar, rulebook)
        text = f"'{facts.deadline_phrase}' (gesteld bij {start_text}): {resolution.explanation}"
        return DeadlinePeriod(start, resolution.due, resolution.rule, text), resolution.problem
    return DeadlinePeriod(start, None, rule.id, "geen termijn genoemd"), None


def _after_delay(rule: Rule, facts: ItemFacts, delay: DelayFact, due_before: date | None,
                 first: bool) -> tuple[date | None, str]:
    """The due date an uitstelbericht leads to, never earlier than the one before it."""
    if rule.after_delay == "term_from_start":
        if facts.start is None:
            return due_before, "startdatum onbekend; de termijn blijft staan"
        due = rule.delay_term.after(facts.start)
        words = f"{rule.delay_term.in_words()} na {START_WORDS.get(facts.kind, 'de start')}"
        if not first:
            return due_before, f"termijn blijft {words}"
    elif delay.promised is not None:
        due, words = delay.promised, f"toegezegde datum {format_date(delay.promised)}"
    elif rule.after_delay == "promised_or_again":
        term = facts.term or rule.term
        anchor = due_before or delay.sent_on
        due, words = term.after(anchor), f"nogmaals {term.in_words()} (zo rekent Kamertracker)"
    else:
        return due_before, "geen nieuwe datum genoemd; de termijn blijft staan"
    if due_before is not None and due < due_before:
        return due_before, f"{words} ligt vóór de lopende termijn; die blijft staan"
    return due, f"nieuwe termijn: {words} = {format_date(due)}"


def _check(facts: ItemFacts) -> None:
    if facts.start is None:
        return
    for delay in facts.delays:
        if delay.sent_on < facts.start:
            raise DeadlineError(f"uitstelbericht van {format_date(delay.sent_on)} ligt vóór de start "
                                f"({format_date(facts.start)})")
        if delay.promised is not None and delay.promised < delay.sent_on:
            raise DeadlineError(f"beloofde datum {format_date(delay.promised)} ligt vóór het uitstelbericht zelf")
    for override in facts.overrides:
        if override.due < facts.start:
            raise DeadlineError(f"termijn {format_date(override.due)} ligt vóór de start ({format_date(facts.start)})")
    if facts.closed_on is not None and facts.closed_on < facts.start:
        raise DeadlineError(f"afgedaan op {format_date(facts.closed_on)}, vóór de start ({format_date(facts.start)})")


def schedule(facts: ItemFacts, rulebook: RuleBook | None = None,
             calendar: RecessCalendar | None = None) -> Schedule:
    """The deadline history of an item: every period, every uitstelbericht judged."""
    if not facts.obligation:
        return Schedule()
    if facts.start is None and facts.deadline is None and not facts.deadline_phrase and not facts.overrides:
        return Schedule()
    _check(facts)
    rulebook = rulebook or default_rulebook()
    calendar = calendar or RecessCalendar()
    rule = rulebook.rule_for(facts.chamber, facts.kind)
    base, problem = _base_period(facts, rule, rulebook, calendar)
    periods = [base]
    verdicts = []
    first_delay: tuple[date, int] | None = None
    events = sorted([(d.sent_on, 0, d) for d in facts.delays] +
                    [(max(o.effective_from, base.valid_from), 1, o) for o in facts.overrides],
                    key=lambda e: (e[0], e[1]))
    for on, _, event in events:
        due_before = periods[-1].due
        if isinstance(event, DelayFact):
            timely = due_before is None or on <= due_before
            days_late = 0 if timely else (on - due_before).days
            due, words = _after_delay(rule, facts, event, due_before, first=first_delay is None)
            verdicts.append(DelayVerdict(on, due_before, timely, days_late, due))
            if first_delay is None:
                first_delay = (on, days_late)
            when = "tijdig" if timely else f"{days_late} dagen te laat"
            explanation = f"{periods[-1].explanation}; uitstelbericht op {format_date(on)} ({when}); {words}"
            rule_id = f"{rule.id}+uitstel" if due != due_before else periods[-1].rule
        else:
            due, rule_id = event.due, "handmatig"
            by = f" door {actor_in_words(event.by)}" if event.by else ""
            # the new deadline first, then when it took effect: "vastgesteld op <deadline>" read as the day of the change
            new = format_date(event.due) if event.due else "geen termijn"
            explanation = f"nieuwe termijn {new}, met de hand gezet{by} (geldt vanaf {format_date(on)}): {event.reason}"
        period = DeadlinePeriod(on, due, rule_id, explanation, None,
                                first_delay[0] if first_delay else None,
                                first_delay[1] if first_delay else None)
        if periods[-1].valid_from == on:
            periods[-1] = period  # same day: the later event wins
        else:
            periods.append(period)
    if any(p.rule == "handmatig" and p.due is not None for p in periods):
        problem = None  # a person has set a date
    linked = [
        DeadlinePeriod(p.valid_from, p.due, p.rule, p.explanation,
                       periods[i + 1].valid_from if i + 1 < len(periods) else None,
                       p.first_delay_on, p.first_delay_days_late)
        for i, p in enumerate(periods)
    ]
    return Schedule(tuple(linked), tuple(verdicts), problem)


def assess(facts: ItemFacts, plan: Schedule, on: date) -> Assessment:
    """How the item stands on day `on`; events after that day have not happened yet."""
    if not facts.obligation:
        return Assessment(on, State.NO_OBLIGATION)
    if facts.start is not None and facts.start > on:
        return Assessment(on, State.NOT_STARTED)
    delays = tuple(v for v in plan.delays if v.sent_on <= on)
    closed = facts.closed_on is not None and facts.closed_on <= on
    period = plan.in_force(facts.closed_on if closed else on)
    due = period.due if period else None
    common = dict(due=due, rule=period.rule if period else None,
                  explanation=period.explanation if period else "", delays=delays)
    if closed and facts.closed_kind == "dropped":
        return Assessment(on, State.CLOSED, **common)
    if closed:
        if due is None or facts.closed_on <= due:
            return Assessment(on, State.DONE_ON_TIME, **common)
        return Assessment(on, State.DONE_LATE, days_late=(facts.closed_on - due).days, **common)
    if due is None:
        return Assessment(on, State.NO_DEADLINE, **common)
    if on > due:
        return Assessment(on, State.OVERDUE, days_overdue=(on - due).days, **common)
    if (due - on).days <= DUE_SOON_DAYS:
        return Assessment(on, State.DUE_SOON, **common)
    return Assessment(on, State.NOT_DUE, **common)
