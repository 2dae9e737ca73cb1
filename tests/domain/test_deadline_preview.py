"""The deadline preview: the stored schedule's outcome, said for a person (no database)."""
from __future__ import annotations

from datetime import date

from tracker.domain.calendar import Recess, RecessCalendar
from tracker.domain.deadline_preview import preview
from tracker.domain.deadlines import ItemFacts, schedule
from tracker.domain.dutch import Term


def test_the_date_is_the_schedules_and_the_day_is_flagged():
    facts = ItemFacts(kind="kamervragen", chamber="TK", start=date(2026, 12, 4))
    calendar = RecessCalendar([Recess("TK", "kerstreces", date(2026, 12, 18), date(2027, 1, 11))])
    shown = preview(facts, calendar=calendar)
    assert shown.due == schedule(facts, calendar=calendar).current.due == date(2026, 12, 25)
    assert shown.headline == "Termijn: 25 december 2026"
    assert shown.warnings == ("Let op: de termijn valt op een feestdag (Eerste kerstdag).",
                              "Let op: de termijn valt in het kerstreces (18 december 2026 – 11 januari 2027).")


def test_a_letters_own_term_counts():
    facts = ItemFacts(kind="commissiebrief", chamber="EK", start=date(2027, 3, 1), term=Term(6, "weken"))
    shown = preview(facts)
    assert shown.due == date(2027, 4, 12) and "(termijn uit de brief)" in shown.explanation and not shown.warnings


def test_without_a_start_date_it_says_what_to_fill_in():
    assert preview(ItemFacts(kind="kamervragen", chamber="TK", start=None)).explanation == \
        "Vul de datum van indiening in: de termijn telt vanaf die datum."
    motion = preview(ItemFacts(kind="motie", chamber="TK", start=date(2027, 1, 5), obligation=False))
    assert motion.due is None and "geen termijn genoemd" in motion.explanation


def test_a_motion_not_yet_adopted_shows_the_date_it_will_get():
    facts = ItemFacts(kind="motie", chamber="TK", start=date(2027, 1, 5), deadline_phrase="eind 2027",
                      obligation=False)
    assert schedule(facts).current is None  # nothing owed yet: saving stores no deadline
    shown = preview(facts)
    assert shown.headline == "Termijn na aanneming: 31 december 2027" and "aangenomen" in shown.note


def test_impossible_dates_and_unresolvable_phrases_are_said_plainly():
    early = preview(ItemFacts(kind="toezegging", chamber="TK", start=date(2027, 5, 1), deadline=date(2027, 4, 1)))
    assert early.due is None and early.explanation.startswith("Controleer de datums: de termijn 1 april 2027 ligt")
    vague = preview(ItemFacts(kind="toezegging", chamber="TK", start=date(2027, 5, 1), deadline_phrase="z.s.m."))
    assert vague.due is None and "stel de datum handmatig vast" in vague.explanation
