"""citations.official_url against real addresses of real papers (looked up on zoek.officielebekendmakingen.nl and
tweedekamer.nl): the permanent address is built from the stored parts, never fetched."""
import pytest

from tracker.domain.citations import dossier_of, official_url, url_of_number

OB = "https://zoek.officielebekendmakingen.nl"


@pytest.mark.parametrize("parts, address", [
    # Kamerstukken II 2023/24, 36342, nr. 10 (Fiscale verzamelwet 2024, tweede nota van wijziging)
    ({"dossier": "36342", "stuknummer": "10"}, f"{OB}/kst-36342-10.html"),
    # a begroting chapter, written with a space, a hyphen or as parliament prints it
    ({"dossier": "36600 XV", "stuknummer": "8"}, f"{OB}/kst-36600-XV-8.html"),
    ({"dossier": "36600-VII", "stuknummer": "1"}, f"{OB}/kst-36600-VII-1.html"),
    ({"dossier": "26 643", "stuknummer": "971"}, f"{OB}/kst-26643-971.html"),
    # an Eerste Kamer paper is lettered
    ({"dossier": "36011", "stuknummer": "H", "chamber": "EK"}, f"{OB}/kst-36011-H.html"),
    # Aanhangsel Handelingen II 2019/20, nr. 4046; 2014/15, nr. 991
    ({"aanhangsel": "4046", "vergaderjaar": "2019-2020"}, f"{OB}/ah-tk-20192020-4046.html"),
    ({"aanhangsel": "991", "vergaderjaar": "2014/15", "chamber": "TK"}, f"{OB}/ah-tk-20142015-991.html"),
    # Handelingen II 2023/24, nr. 13, item 19 (a vote)
    ({"handelingen": "13", "item": "19", "vergaderjaar": "2023/24"}, f"{OB}/h-tk-20232024-13-19.html"),
    # a Zaak at the Tweede Kamer
    ({"zaak": "2024Z03994"}, "https://www.tweedekamer.nl/kamerstukken/detail?id=2024Z03994"),
])
def test_real_papers(parts, address):
    assert official_url(**parts) == address


def test_parts_that_name_no_one_paper_give_no_address():
    assert official_url("35526/25295", "AP") is None  # printed in two dossiers
    assert official_url("35628", None) is None
    assert official_url(aanhangsel="429") is None  # no vergaderjaar
    assert official_url(zaak="T02423") is None


def test_an_items_number():
    assert url_of_number("35628, nr. 10", "TK") == f"{OB}/kst-35628-10.html"
    assert url_of_number("36600 VIII, nr. 123") == f"{OB}/kst-36600-VIII-123.html"
    assert url_of_number("2023Z12033") == "https://www.tweedekamer.nl/kamerstukken/detail?id=2023Z12033"
    assert url_of_number("T02423") is None and url_of_number("VGR-EMANC-2021 M01") is None
    assert dossier_of("36600 VIII, nr. 12") == "36600 VIII" and dossier_of("2023Z12033") is None
