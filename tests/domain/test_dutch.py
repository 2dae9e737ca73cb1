"""Dutch dates and terms as users and letters write them."""
from datetime import date

import pytest

from tracker.domain.dutch import DateParseError, Term, format_date, parse_date, parse_term


@pytest.mark.parametrize("text, expected", [
    ("2024-10-01", date(2024, 10, 1)),
    ("01-10-2024", date(2024, 10, 1)),
    ("1-10-2024", date(2024, 10, 1)),
    ("01/10/2024", date(2024, 10, 1)),
    ("1 oktober 2024", date(2024, 10, 1)),
    ("1 Oktober 2024", date(2024, 10, 1)),
    ("27 juni 2023", date(2023, 6, 27)),
    ("3 mrt 2023", date(2023, 3, 3)),
    ("vrijdag 3 maart 2023", date(2023, 3, 3)),
])
def test_parse_date_accepts_iso_numeric_and_dutch_text(text, expected):
    assert parse_date(text) == expected


def test_parse_date_takes_year_from_context():
    # "op 27 juni" in a note dated 20 November 2023 means June 2023
    assert parse_date("27 juni", context=date(2023, 11, 20), prefer="past") == date(2023, 6, 27)
    # a deadline "1 maart" set in November means next March
    assert parse_date("1 maart", context=date(2023, 11, 20), prefer="future") == date(2024, 3, 1)


def test_parse_date_uses_weekday_to_choose_the_year():
    assert parse_date("vrijdag 3 maart", context=date(2023, 1, 10)) == date(2023, 3, 3)
    assert parse_date("vrijdag 3 maart", context=date(2017, 1, 10)) == date(2017, 3, 3)


@pytest.mark.parametrize("text, fragment", [
    ("31-02-2024", "geen bestaande datum"),
    ("morgen", "geen datum"),
    ("", "lege datum"),
    ("donderdag 3 maart 2023", "is een vrijdag"),
    ("3 maart", "geen jaar"),
])
def test_parse_date_rejects_with_dutch_message(text, fragment):
    with pytest.raises(DateParseError, match=fragment):
        parse_date(text)


def test_format_date_is_dutch():
    assert format_date(date(2025, 1, 10)) == "10 januari 2025"


@pytest.mark.parametrize("text, term", [
    ("4 weken", Term(4, "weken")), ("vier weken", Term(4, "weken")), ("21 dagen", Term(21, "dagen")),
    ("3 maanden", Term(3, "maanden")), ("1 week", Term(1, "weken")), ("zes weken", Term(6, "weken")),
])
def test_parse_term(text, term):
    assert parse_term(text) == term


@pytest.mark.parametrize("text", ["vier", "0 weken", "twee jaar", "-3 dagen", ""])
def test_parse_term_rejects(text):
    with pytest.raises(ValueError, match="geen termijn"):
        parse_term(text)


def test_term_after_and_words():
    assert Term(4, "weken").after(date(2024, 10, 1)) == date(2024, 10, 29)
    assert Term(1, "maanden").after(date(2024, 1, 31)) == date(2024, 2, 29)
    assert Term(3, "weken").in_words() == "drie weken"
