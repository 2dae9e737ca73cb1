"""Vague deadline phrases resolved to dates, with the rule that did it; unresolvable ones flagged."""
from datetime import date

import pytest

from tracker.domain.calendar import Recess, RecessCalendar
from tracker.domain.phrases import resolve_phrase

MADE = date(2020, 11, 2)  # the wetgevingsoverleg emancipatie of seed 002
CALENDAR = RecessCalendar([
    Recess("TK", "kerstreces", date(2020, 12, 18), date(2021, 1, 18)),
    Recess("TK", "zomerreces", date(2021, 7, 2), date(2021, 8, 30)),
    Recess("TK", "herfstreces", date(2021, 10, 15), date(2021, 10, 25)),
])


@pytest.mark.parametrize("phrase, due, rule", [
    ("in het eerste kwartaal van 2021", date(2021, 3, 31), "zin:kwartaal"),
    ("tweede kwartaal 2021", date(2021, 6, 30), "zin:kwartaal"),
    ("derde kwartaal van 2021", date(2021, 9, 30), "zin:kwartaal"),
    ("in het vierde kwartaal", date(2020, 12, 31), "zin:kwartaal"),
    ("Q1 2022", date(2022, 3, 31), "zin:kwartaal"),
    ("in de eerste helft van 2021", date(2021, 6, 30), "zin:halfjaar"),
    ("in de tweede helft van 2021", date(2021, 12, 31), "zin:halfjaar"),
    ("eind 2021", date(2021, 12, 31), "zin:jaareinde"),
    ("einde van het jaar", date(2020, 12, 31), "zin:jaareinde"),
    ("voor het eind van het jaar", date(2020, 12, 31), "zin:jaareinde"),
    ("in het voorjaar van 2021", date(2021, 5, 31), "zin:seizoen"),
    ("dit najaar", date(2020, 11, 30), "zin:seizoen"),
    ("in de zomer van 2021", date(2021, 8, 31), "zin:seizoen"),
    ("binnen vier weken", date(2020, 11, 30), "zin:binnen-termijn"),
    ("binnen 6 weken", date(2020, 12, 14), "zin:binnen-termijn"),
    ("binnen drie maanden", date(2021, 2, 2), "zin:binnen-termijn"),
    ("1 januari 2021", date(2021, 1, 1), "zin:datum"),
    ("01-03-2021", date(2021, 3, 1), "zin:datum"),
    ("uiterlijk vrijdag 3 maart", date(2023, 3, 3), "zin:datum"),
    ("voor 1 juli", date(2021, 6, 30), "zin:datum"),
    ("in maart 2021", date(2021, 3, 31), "zin:maand"),
    ("voor maart 2021", date(2021, 2, 28), "zin:voor-maand"),
    ("medio 2021", date(2021, 6, 30), "zin:medio-jaar"),
    ("begin 2021", date(2021, 3, 31), "zin:begin-jaar"),
    ("begin volgend jaar", date(2021, 3, 31), "zin:begin-jaar"),  # said in November 2020
    ("halverwege komend jaar", date(2021, 6, 30), "zin:halverwege-jaar"),
    ("eind volgend jaar", date(2021, 12, 31), "zin:jaareinde"),
    ("in 2022", date(2022, 12, 31), "zin:jaar"),
])
def test_phrases_resolve(phrase, due, rule):
    resolution = resolve_phrase(phrase, MADE, "TK", CALENDAR)
    assert (resolution.due, resolution.rule) == (due, rule)
    assert resolution.problem is None
    assert resolution.explanation


def test_recess_phrases_use_the_recess_calendar():
    kerst = resolve_phrase("voor het kerstreces 2020", MADE, "TK", CALENDAR)
    assert kerst.due == date(2020, 12, 17) and kerst.rule == "zin:reces"
    assert "kerstreces 18 december 2020" in kerst.explanation
    zomer = resolve_phrase("voor de zomer", MADE, "TK", CALENDAR)
    assert zomer.due == date(2021, 7, 1)
    assert resolve_phrase("voor het zomerreces 2021", MADE, "TK", CALENDAR).due == date(2021, 7, 1)
    after = resolve_phrase("snel na het herfstreces", MADE, "TK", CALENDAR)
    assert after.due == date(2021, 11, 1) and after.convention


def test_recess_without_data_falls_back_and_says_so():
    resolution = resolve_phrase("voor het kerstreces 2020", MADE, "EK", CALENDAR)  # no EK recesses
    assert resolution.rule == "zin:reces-standaard"
    assert resolution.due == date(2020, 12, 18)  # the day before the rule book's standard 19 December
    assert "het recesrooster van de Eerste Kamer noemt dit reces nog niet" in resolution.explanation
    assert resolution.convention


@pytest.mark.parametrize("phrase", [
    "voor de begrotingsbehandeling", "z.s.m.", "zo spoedig mogelijk", "te zijner tijd", "begin maart", "binnenkort", "",
])
def test_unresolvable_phrases_are_flagged_not_guessed(phrase):
    resolution = resolve_phrase(phrase, MADE, "TK", CALENDAR)
    assert resolution.due is None
    assert resolution.rule == "zin:onbekend"
    assert "handmatig" in resolution.problem


def test_phrase_before_the_date_made_is_flagged():
    resolution = resolve_phrase("voor het kerstreces 2019", MADE, "TK", CALENDAR)
    assert resolution.due is None and "vóór de datum" in resolution.problem


def test_phrase_without_year_and_without_date_made_is_flagged():
    assert resolve_phrase("voor de zomer", None).due is None
    assert resolve_phrase("in de tweede helft van 2021", None).due == date(2021, 12, 31)


def test_phrase_inside_a_sentence():
    sentence = "heb ik toegezegd de voorstellen in het voorjaar van 2021 naar uw Kamer te sturen"
    assert resolve_phrase(sentence, MADE).due == date(2021, 5, 31)
