"""Citations of parliamentary papers as Dutch practice writes them: one formatter for letters, annexes, the
rappel, the item page and intake."""
from datetime import date

import pytest

from tracker.domain import citations


@pytest.mark.parametrize("on, year", [
    (date(2021, 2, 10), "2020/21"), (date(2021, 9, 20), "2020/21"),  # Prinsjesdag 2021 was 21 September
    (date(2021, 9, 21), "2021/22"), (date(2021, 11, 26), "2021/22"), (date(2024, 9, 17), "2024/25"),
])
def test_the_vergaderjaar_starts_on_prinsjesdag(on, year):
    assert citations.vergaderjaar(on) == year


@pytest.mark.parametrize("nummer, chamber, on, text", [
    ("35628, nr. 10", "TK", date(2021, 2, 10), "Kamerstukken II 2020/21, 35628, nr. 10"),
    ("36011, H", "EK", date(2024, 3, 5), "Kamerstukken I 2023/24, 36011, H"),
    ("35741 H", "EK", date(2024, 1, 9), "Kamerstukken I 2023/24, 35741, H"),
    ("36600 VIII, nr. 123", "TK", date(2025, 1, 14), "Kamerstukken II 2024/25, 36600 VIII, nr. 123"),
    ("36600-VIII, nr 123", "TK", date(2025, 1, 14), "Kamerstukken II 2024/25, 36600 VIII, nr. 123"),
    ("21 501-31, nr. 378", "TK", None, "Kamerstukken II, 21501-31, nr. 378"),
    ("T02423", "EK", date(2019, 6, 4), "T02423"),
    ("2023Z12033", "TK", date(2023, 7, 1), "2023Z12033"),
])
def test_items_are_cited_with_chamber_and_vergaderjaar(nummer, chamber, on, text):
    assert citations.cite(nummer, chamber, on) == text


def test_handelingen_and_aanhangsel():
    assert citations.handelingen("TK", "2019/20", "23", "6") == "Handelingen II 2019/20, nr. 23, item 6"
    assert citations.handelingen("EK", "2013/14", "31") == "Handelingen I 2013/14, nr. 31"
    assert citations.handelingen("TK", "2021/22", "3173", aanhangsel=True) == "Aanhangsel Handelingen II 2021/22, nr. 3173"
