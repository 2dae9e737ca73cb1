"""What a person sees in Document invoeren: the sender as the letter signs, dates in Dutch, items titled by their
subject, a request this letter fulfils proposed as answered (not as a new toezegging), and what the rules make
of a deadline in words before saving — a date with its rule, or a warning on the field.

The sentences are real (Kamerstukken and letters as published); the letter of 14 June 2019 is a pasted BZK
letter of the kind the issue describes, with the wording it quotes."""
from __future__ import annotations

from datetime import date

from sqlmodel import select

from tracker import db
from tracker.domain.phrases import resolve_phrase
from tracker.intake import extract
from tracker.intake.proposal import propose
from tracker.intake.readers.commitments import promise_title
from tracker.intake.readers.letter_mentions import request_title
from tracker.intake.text import Text
from tracker.models import TrackedItem
from tracker.services import intake as intake_service

# kst-34000-VI-86 (2015), head and first paragraph: no signature in the text, only the Kamerstuk's heading.
JENV_2015 = """34 000 VI Vaststelling van de begrotingsstaten van het Ministerie van Veiligheid en Justitie (VI) voor het jaar 2015
Nr. 86 BRIEF VAN DE MINISTER VAN VEILIGHEID EN JUSTITIE
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 21 mei 2015
Tijdens de regeling van werkzaamheden van uw Kamer van 19 mei 2015 heeft het lid Pechtold (D66) gevraagd om een brief (Handelingen II 2014/15, nr. 84, Regeling van werkzaamheden). Aanleiding van dit verzoek waren uitlatingen van de heer Teeven in het Parool. Met deze brief voldoe ik, mede namens de Minister-President, aan dit verzoek.
"""

# A BZK letter pasted from a web page: the signature without its comma, "jl." in the committee's request.
BZK_2019 = """35 000 VII Vaststelling van de begrotingsstaten van het Ministerie van Binnenlandse Zaken en Koninkrijksrelaties (VII) voor het jaar 2019
Nr. 80 BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 14 juni 2019
De vaste commissie voor Binnenlandse Zaken heeft mij bij brief van 26 maart jl. gevraagd uw Kamer te informeren over de stand van zaken van de herziening van de Wet openbaarheid van bestuur. Met deze brief voldoe ik aan dat verzoek.
In het commissiedebat van 4 april 2019 heb ik toegezegd uw Kamer uiterlijk voor het einde van het zomerreces te informeren over de evaluatie van de Archiefwet.
Ik zal uw Kamer na de zomer informeren over de voortgang van het programma Open Overheid.
De minister van Binnenlandse Zaken en Koninkrijksrelaties
K.H. Ollongren
"""


# ------------------------------------------------------------------------------------- the sender
def test_the_sender_from_a_heading_in_capitals_is_written_as_a_letter_signs():
    """The heading was lowered word for word behind "De ": "De de minister van veiligheid en justitie"."""
    document = propose(JENV_2015).documents[0]
    assert document.sender == "De minister van Veiligheid en Justitie" and document.sender_code == "JenV"


def test_a_signature_without_its_comma_above_the_name():
    assert propose(BZK_2019).documents[0].sender == "De minister van Binnenlandse Zaken en Koninkrijksrelaties"
    signed = extract.signature(Text(["Hoogachtend,", "De staatssecretaris van Volksgezondheid, Welzijn en Sport",
                                     "M.J. van Rijn"]))
    assert signed.value == "De staatssecretaris van Volksgezondheid, Welzijn en Sport"
    # a sentence about a minister in the body, followed by an ordinary line, is no signature
    assert extract.signature(Text(["De minister van Financiën", "heeft hierover een brief gestuurd."])) is None


def test_function_as_signed_keeps_mixed_case_and_writes_capitals_as_the_letters_do():
    assert extract.function_as_signed("MINISTER VOOR MEDISCHE ZORG EN SPORT") == "De minister voor Medische Zorg en Sport"
    assert extract.function_as_signed("STAATSSECRETARIS VAN ONDERWIJS, CULTUUR EN WETENSCHAP") == \
        "De staatssecretaris van Onderwijs, Cultuur en Wetenschap"
    assert extract.function_as_signed("De Minister van Infrastructuur en Milieu") == "De Minister van Infrastructuur en Milieu"


# ------------------------------------------------------------------------------------- titles
def test_a_committee_request_is_titled_by_its_subject():
    # kst-33400-VIII-5 (OCW, 2012)
    sentence = ("De vaste commissie voor Onderwijs, Cultuur en Wetenschap heeft mij bij brief van 19 april 2012, verzocht "
                "een reactie te geven op het advies van de Onderwijsraad «Artikel 23 Grondwet in maatschappelijk "
                "perspectief», dat de Onderwijsraad op verzoek van de commissie heeft opgesteld.")
    assert request_title(sentence) == ("Verzoek om een reactie op het advies van de Onderwijsraad «Artikel 23 Grondwet "
                                       "in maatschappelijk perspectief»")
    assert request_title("Uw brief van 3 maart 2020.", "Verzoek commissie over de Wet open overheid") == \
        "Verzoek: Verzoek commissie over de Wet open overheid"  # no subject in the sentence: the Betreft line


def test_a_toezegging_is_titled_by_its_subject_without_its_moment():
    # kst-32123-VIII-143 (OCW, 2010) and the BZK letter
    assert promise_title("Ik verwacht u na de zomer te kunnen informeren over de resultaten van deze besprekingen "
                         "en daarmee over de invulling van uw motie.", "na de zomer") == \
        "Informeren over de resultaten van deze besprekingen en daarmee over de invulling van uw motie"
    assert promise_title("In het commissiedebat van 4 april 2019 heb ik toegezegd uw Kamer uiterlijk voor het einde van "
                         "het zomerreces te informeren over de evaluatie van de Archiefwet.",
                         "uiterlijk voor het einde van het zomerreces") == "Informeren over de evaluatie van de Archiefwet"
    # no subject: the sentence stays the title (a person shortens it)
    assert promise_title("Ik zal u het wetsvoorstel voor de zomer van 2013 toesturen.") == \
        "Ik zal u het wetsvoorstel voor de zomer van 2013 toesturen."


# ------------------------------------------------------------------------------------- fulfilled, not promised
def test_a_request_this_letter_fulfils_is_proposed_as_answered_not_as_a_toezegging():
    proposal = propose(BZK_2019)
    assert proposal.documents[0].kind == "kamerbrief"
    requests = [i for i in proposal.items if i.soort == "commissiebrief"]
    assert len(requests) == 1
    request = requests[0]
    assert (request.datum, request.beantwoord, request.status) == (date(2019, 3, 26), date(2019, 6, 14), "beantwoord")
    assert request.titel == ("Verzoek om informatie over de stand van zaken van de herziening van de Wet openbaarheid "
                             "van bestuur")
    promises = [i for i in proposal.items if i.soort == "toezegging"]
    assert not any("gevraagd" in (i.tekst or "") for i in promises)  # the request is not a promise of the minister's
    assert [i.titel for i in promises] == ["Informeren over de evaluatie van de Archiefwet",
                                           "Informeren over de voortgang van het programma Open Overheid"]


# ------------------------------------------------------------------------------------- deadlines in words
def test_the_end_of_a_recess_is_the_recess_rule():
    found = resolve_phrase("uiterlijk voor het einde van het zomerreces", date(2019, 4, 4), "TK")
    assert found.due == date(2019, 9, 1) and "zomerreces" in found.explanation
    # the rule book's standard dates when no calendar is kept: kerstreces 19 December – 12 January
    assert resolve_phrase("aan het eind van het kerstreces 2020", date(2020, 6, 1), "TK").due == date(2021, 1, 12)
    # not the day before the recess starts (that is "voor het zomerreces")
    assert resolve_phrase("voor het zomerreces", date(2019, 4, 4), "TK").due == date(2019, 7, 3)


def test_after_a_season_is_no_date():
    """"na de zomer" was read as the end of the summer (31 August): a date the text does not give."""
    assert resolve_phrase("na de zomer", date(2019, 6, 14), "TK").due is None
    assert resolve_phrase("na het zomerreces", date(2019, 6, 14), "TK").due is not None


def test_the_form_shows_dates_in_dutch_and_explains_each_deadline_in_words():
    proposal = propose(BZK_2019)
    rows = intake_service.for_form([i.as_json() for i in proposal.items], proposal)
    request = next(r for r in rows if r["soort"] == "commissiebrief")
    assert (request["datum"], request["beantwoord"], request["deadline"]) == ("26 maart 2019", "14 juni 2019", "23 april 2019")
    debate, later = [r for r in rows if r["soort"] == "toezegging"]
    assert debate["datum"] == "4 april 2019" and debate["deadline"] == "uiterlijk voor het einde van het zomerreces"
    kind, text = debate["hints"]["deadline"]
    assert kind == "ok" and text.startswith("Volgens de regels: 1 september 2019") and "zomerreces" in text
    kind, text = later["hints"]["deadline"]
    assert kind == "warn" and "'na de zomer'" in text and "zonder datum" in text


def test_a_recalled_promise_without_its_date_is_dated_by_the_phrase_alone():
    """"vóór het zomerreces 2010" said before the letter of 8 July 2010 (kst-32123-VIII-143): counted from the letter
    it lay in the past and was shown as undatable; the phrase names its year, so the rule dates it."""
    from tracker.intake.model import Document as Doc
    from tracker.intake.proposal import Proposal
    proposal = Proposal([Doc(kind="uitstelbericht", date=date(2010, 7, 8))], [])
    [row] = intake_service.for_form([{"soort": "toezegging", "kamer": "TK", "datum": None,
                                      "deadline": "vóór het zomerreces 2010"}], proposal)
    kind, text = row["hints"]["deadline"]
    assert kind == "ok" and text.startswith("Volgens de regels: 3 juli 2010")


def test_the_page_shows_the_rule_and_the_warning_before_saving_and_saves_dutch_dates(app, login_as, demo):
    client = login_as("bzk")
    page = client.post("/document-invoeren/", data={"actie": "lezen", "tekst": BZK_2019})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "De minister van Binnenlandse Zaken en Koninkrijksrelaties" in html and "De de " not in html
    assert 'value="26 maart 2019"' in html and "2019-03-26" not in html
    assert "Volgens de regels: 1 september 2019" in html
    assert "Let op: De regels kunnen &#39;na de zomer&#39; niet dateren" in html and 'aria-invalid="true"' in html
    # saving takes the Dutch dates as the page shows them
    proposal = propose(BZK_2019)
    with db.transaction(demo) as session:
        rows = intake_service.for_form(intake_service.resolve(session, proposal), proposal)
    from tracker.importer import COLUMNS
    data = {"actie": "opslaan", "tekst": BZK_2019, "item-0-opnemen": "1"}
    for n, row in enumerate(rows):
        data.update({f"item-{n}-{name}": row.get(name) or "" for name in COLUMNS})
    data["item-0-nummer"] = "2019Z05555"
    assert client.post("/document-invoeren/", data=data).status_code == 302
    with db.transaction(demo) as session:
        saved = session.exec(select(TrackedItem).where(TrackedItem.nummer == "2019Z05555")).one()
        assert (saved.kind, saved.start_date, saved.status) == ("commissiebrief", date(2019, 3, 26), "beantwoord")
