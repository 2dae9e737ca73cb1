"""What a deadline will be before an item is saved, in words a policy officer reads.

The date comes from tracker.domain.deadlines.schedule, the function that computes the stored deadline history
when an item is saved; this module only says what that outcome means: the date, why, and what is special about
the day (weekend, public holiday, recess: the item page's own sentences)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from .calendar import RecessCalendar, due_warnings
from .deadlines import DeadlineError, ItemFacts, schedule
from .dutch import format_date
from .rules import RuleBook, default_rulebook

# A soort whose first status owes nothing yet: what has to happen before its deadline counts
NOT_YET_OWED = {"motie": "Een motie krijgt pas een termijn als ze is aangenomen; tot dan staat er geen termijn bij."}
START_LABELS = {"kamervragen": "de datum van indiening", "commissiebrief": "de dagtekening van de brief",
                "toezegging": "de datum van de toezegging", "motie": "de datum van de stemming"}


@dataclass(frozen=True)
class DeadlinePreview:
    """The deadline a new or changed item will get: headline ("Termijn: 22 juli 2027"), why, and warnings."""

    due: date | None
    headline: str
    explanation: str = ""
    warnings: tuple[str, ...] = ()
    note: str = ""  # what has to happen before the deadline counts (a motie: its adoption)


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else ""


def preview(facts: ItemFacts, rulebook: RuleBook | None = None,
            calendar: RecessCalendar | None = None) -> DeadlinePreview:
    """The deadline these facts give, as saving them would store it (the same schedule)."""
    rulebook = rulebook or default_rulebook()
    calendar = calendar or RecessCalendar()
    pending = None if facts.obligation else NOT_YET_OWED.get(facts.kind)
    if not facts.obligation:
        facts = replace(facts, obligation=True)  # what it will be once owed, said as such
    try:
        plan = schedule(facts, rulebook, calendar)
    except DeadlineError as error:
        return DeadlinePreview(None, "Nog geen termijn", _sentence(f"Controleer de datums: {error}"))
    period = plan.current
    start_label = START_LABELS.get(facts.kind, "de datum")
    if period is None:
        if rulebook.rule_for(facts.chamber, facts.kind).basis == "term":
            return DeadlinePreview(None, "Nog geen termijn", _sentence(f"Vul {start_label} in: de termijn telt "
                                                                       f"vanaf die datum"))
        return DeadlinePreview(None, "Nog geen termijn", _sentence(f"Vul {start_label} en de termijn in, een datum "
                                                                   f"of een zin zoals ‘voor de zomer’"))
    if period.due is None:
        none_given = facts.deadline is None and not facts.deadline_phrase
        why = plan.problem or ("er is geen termijn genoemd; vul een datum of een zin zoals ‘voor de zomer’ in als die "
                               "er is" if none_given else period.explanation)
        return DeadlinePreview(None, "Nog geen termijn", _sentence(why))
    headline = f"Termijn: {format_date(period.due)}"
    explanation = _sentence(period.explanation)
    if pending:
        headline = f"Termijn na aanneming: {format_date(period.due)}"
    return DeadlinePreview(period.due, headline, explanation,
                           tuple(due_warnings(period.due, facts.chamber, calendar)), pending or "")
