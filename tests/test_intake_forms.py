"""One real sentence per recognition rule added for the forms of the unseen-papers corpus (tests/intake_unseen,
development part): each rule reads a form's wording, and this is the wording it was written for. The source of
each sentence is the Kamerstuk or letter named beside it."""
from __future__ import annotations

from datetime import date

from tracker.intake import extract, ministries
from tracker.intake.proposal import propose
from tracker.intake.readers import commitments, delays, exchange, letter_mentions, motions
from tracker.intake.text import Text


def items_of(text: str, soort: str | None = None):
    return [i for i in propose(text).items if soort is None or i.soort == soort]


# ------------------------------------------------------------------ verslagen and lijsten van vragen en antwoorden
SO_2023 = """35 510 Parlementaire ondervraging kinderopvangtoeslag
Nr. 130 VERSLAG VAN EEN SCHRIFTELIJK OVERLEG
Vastgesteld 25 mei 2023
De vaste commissie voor Financiën heeft een aantal vragen en opmerkingen voorgelegd aan de Staatssecretaris van Financiën over de brief van 10 februari 2023.
De vragen en opmerkingen zijn op 22 maart 2023 aan de Staatssecretaris van Financiën voorgelegd. Bij brief van 17 mei 2023 zijn de vragen beantwoord.
"""


def test_a_schriftelijk_overleg_put_to_a_bewindspersoon_named_in_full():  # kst-35510-130
    [item] = items_of(SO_2023, "commissiebrief")
    assert (item.datum, item.beantwoord, item.ministerie) == (date(2023, 3, 22), date(2023, 5, 17), "FIN")


LIJST_2022 = """31 865 Verbetering verantwoording en begroting
Nr. 214 LIJST VAN VRAGEN EN ANTWOORDEN
Vastgesteld 15 september 2022
De vaste commissie voor Rijksuitgaven heeft een aantal vragen voorgelegd aan de Minister van Financiën over de brief van 13 april 2022 inzake het proces van de begrotingsbehandeling (Kamerstuk 31 865, nr. 207).
De Minister heeft deze vragen beantwoord bij brief van 12 september 2022. Vragen en antwoorden zijn hierna afgedrukt.
"""


def test_a_lijst_van_vragen_answered_by_letter_without_the_date_the_questions_went():  # kst-31865-214
    [item] = items_of(LIJST_2022, "commissiebrief")
    assert (item.datum, item.beantwoord, item.ministerie) == (None, date(2022, 9, 12), "FIN")


LIJST_2006 = """30 550 XI
Jaarverslag en slotwet ministerie van Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer 2005
nr. 6
LIJST VAN VRAGEN EN ANTWOORDEN
Vastgesteld 6 juni 2006
De vaste commissie voor Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer1 heeft over het jaarverslag 2005 van het ministerie van Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer (kamerstuk 30 550 XI, nr. 1) de navolgende vragen ter beantwoording aan de regering voorgelegd.
De regering heeft deze vragen beantwoord bij brief van 2 juni 2006.
Ja, conform de brief van de minister van Financiën van 18 april jl. zal ik de informatieve waarde van de begroting 2007 waar mogelijk vergroten.
De door u gevraagde gegevens worden thans berekend. Ik zal u separaat, maar voor het debat over het jaarverslag, hierover informeren.
"""


def test_questions_put_to_the_regering_belong_to_the_ministry_of_the_jaarverslag():  # kst-30550-XI-6
    proposal = propose(LIJST_2006)
    assert proposal.documents[0].sender == "De vaste commissie voor Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer"
    [request] = [i for i in proposal.items if i.soort == "commissiebrief"]
    [promise] = [i for i in proposal.items if i.soort == "toezegging"]
    assert request.beantwoord == date(2006, 6, 2) and request.ministerie == promise.ministerie == "BZK"  # not FIN
    assert ministries.chapter_ministry("Jaarverslag en slotwet ministerie van Volkshuisvesting, Ruimtelijke Ordening "
                                       "en Milieubeheer 2005") == "BZK"


LIJST_2011 = """32 500 XII Vaststelling van de begrotingsstaten van het Ministerie van Infrastructuur en Milieu (XII) voor het jaar 2011
Nr. 72 LIJST VAN VRAGEN EN ANTWOORDEN
Vastgesteld 18 mei 2011
De vaste commissie voor Infrastructuur en Milieu1 heeft een aantal vragen voorgelegd aan de minister voor Infrastructuur en Milieu inzake de stand van zaken van openstaande moties en toezeggingen (Kamerstuk 32 500 XII, nr. 68).
De minister heeft deze vragen beantwoord bij brief van 18 mei 2011. Vragen en antwoorden zijn hierna afgedrukt.
1
Kunt u de Kamer informeren over de stand van zaken van de uitvoering van de motie Mastwijk/Neppérus inzake het Hollandsche Landschap rondom Stompwijk (29 435, nr. 256)?
De motie Mastwijk/Neppérus (Kamerstuknummer 29 435, nr. 256) is als volgt afgedaan. Er is door voormalig VROM overleg gevoerd met de gemeente.
"""


def test_a_motion_the_answer_says_is_done_in_a_lijst_van_vragen():  # kst-32500-XII-72
    [motion] = items_of(LIJST_2011, "motie")
    assert (motion.nummer, motion.status, motion.ministerie) == ("29435, nr. 256", "afgedaan", "IenW")
    assert letter_mentions._DISCHARGE.search("De motie Mastwijk/Neppérus (Kamerstuknummer 29 435, nr. 256) is als "
                                             "volgt afgedaan.")


# ------------------------------------------------------------------ uitstelberichten
ZIJLSTRA_2009 = """Ministerie van Volksgezondheid, Welzijn en Sport
Uitstel antwoorden op Kamervragen over gerechtelijke vonnissen
Geachte voorzitter,
De vragen van het Kamerlid Zijlstra (VVD) over de gerechtelijke vonnissen in de respectievelijke zaken van het Comité Civiele Vorderingen, de Stichting tot Opeising van Militaire Inkomsten ex-Krijgsgevangenen en het geding Froeling (4 september 2009) kunnen tot mijn spijt niet binnen de gebruikelijke termijn worden beantwoord.
De reden van het uitstel is dat de vragen grote samenhang hebben met de discussie met het Indisch Platform. Ik heb daarover - mede op verzoek van de Vaste commissie voor Volksgezondheid, Welzijn en Sport - op 28 oktober 2009 overlegd met het Indisch Platform.
De beantwoording zal plaatshebben omstreeks half februari 2010.
Hoogachtend,
de Staatssecretaris van Volksgezondheid,
Welzijn en Sport,
mw. dr. J. Bussemaker
"""


def test_questions_dated_in_brackets_and_no_request_in_op_verzoek_van():  # VWS uitstelbericht, 2009
    found = items_of(ZIJLSTRA_2009)
    assert [i.soort for i in found] == ["kamervragen"]  # "mede op verzoek van de … commissie" is no request
    assert found[0].datum == date(2009, 9, 4) and found[0].uitstel_tot == "omstreeks half februari 2010"


BZK_2016 = """34 389 Wijziging van de Wet op de Raad van State (Wet organisatie hoogste bestuursrechtspraak)
Nr. 6 BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 26 april 2016
Op 22 april jl. heeft de vaste commissie voor Binnenlandse Zaken mij verzocht om voor 29 april a.s. de nota naar aanleiding van het verslag over het wetsvoorstel organisatie hoogste bestuursrechtspraak in te dienen waarin de vragen en opmerkingen worden beantwoord over het vorige maand door de commissie uitgebrachte verslag (Kamerstuk 34 389, nr. 5).
Dit overleg is nog gaande. Het is daarom niet mogelijk het verslag voor 29 april te beantwoorden. Het streven is erop gericht de nota naar aanleiding van het verslag zo spoedig mogelijk na afronding van het overleg in te dienen.
De Minister van Binnenlandse Zaken en Koninkrijksrelaties, R.H.A. Plasterk
"""


def test_a_committee_request_with_its_own_term_postponed():  # kst-34389-6
    proposal = propose(BZK_2016)
    assert proposal.documents[0].kind == "uitstelbericht"  # "de nota naar aanleiding van het verslag" is no nota
    [request] = proposal.items
    assert (request.datum, request.deadline, request.uitstelbericht) == (date(2016, 4, 22), "2016-04-28", date(2016, 4, 26))
    assert "zo spoedig mogelijk" in request.uitstel_tot


def test_delay_wordings():
    assert extract.delay_notice_in("Het is daarom niet mogelijk het verslag voor 29 april te beantwoorden.")  # kst-34389-6
    assert extract.delay_notice_in("In verband met de kabinetswisseling is deze datum niet gehaald.")  # kst-31293-157
    assert extract.delay_notice_in("deel ik u mee dat de beantwoording zal worden vertraagd.")  # OCW, 13 juli 2007
    assert extract.delay_notice_in("Het is daarom van belang dat de Kamer wordt geïnformeerd.") is None


ZWAKKE_SCHOLEN_2013 = """31 293 Primair Onderwijs
Nr. 157 BRIEF VAN DE STAATSSECRETARIS VAN ONDERWIJS, CULTUUR EN WETENSCHAP
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 1 februari 2013
Met dit wetsvoorstel zal de verbetertermijn voor zeer zwakke scholen worden teruggebracht. In juni 2011 is de Kamer toegezegd dat zij in het najaar van 2012 een wetsvoorstel hiertoe tegemoet zou kunnen zien. In verband met de kabinetswisseling is deze datum niet gehaald. Ik zal u het wetsvoorstel voor de zomer van 2013 toesturen.
De staatssecretaris van Onderwijs, Cultuur en Wetenschap, S. Dekker
"""


def test_a_toezegging_recalled_in_the_passive_and_postponed():  # kst-31293-157
    [promise] = items_of(ZWAKKE_SCHOLEN_2013, "toezegging")
    assert promise.deadline == "in het najaar van 2012"  # not "In juni 2011": that is when it was promised
    assert (promise.uitstelbericht, promise.uitstel_tot) == (date(2013, 2, 1), "voor de zomer van 2013")


EXAMENVERSLAG_2010 = """32 123 VIII Vaststelling van de begrotingsstaten van het Ministerie van Onderwijs, Cultuur en Wetenschap (VIII) voor het jaar 2010
Nr. 143 BRIEF VAN DE STAATSSECRETARIS VAN ONDERWIJS, CULTUUR EN WETENSCHAP
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 8 juli 2010
In de beleidsreactie op het Onderwijsverslag 2008–2009 (Kamerstuk 32 123 VIII, nr. 122) heb ik aangekondigd dat ik het Examenverslag 2009 en mijn beleidsreactie daarop naar verwachting vóór het zomerreces 2010 naar de Tweede Kamer zal sturen. Aangezien de Inspectie van het Onderwijs het Examenverslag 2009 niet eerder oplevert dan in augustus 2010, zal ik dit verslag vergezeld van mijn beleidsreactie in september 2010 aanbieden.
De staatssecretaris van Onderwijs, Cultuur en Wetenschap,
J. M. van Bijsterveldt-Vliegenthart
"""


def test_an_announced_promise_postponed_to_the_main_clauses_moment():  # kst-32123-VIII-143
    [promise] = items_of(EXAMENVERSLAG_2010, "toezegging")
    assert promise.deadline == "vóór het zomerreces 2010" and promise.uitstel_tot == "in september 2010"
    assert delays._REASON_FIRST.match("Aangezien de Inspectie het Examenverslag niet eerder oplevert dan in augustus "
                                      "2010, zal ik dit verslag in september 2010 aanbieden.")


OCW_2007 = """Ministerie van Onderwijs, Cultuur en Wetenschap
De voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag Ons kenmerk Uw brief van Uw kenmerk 13 juli 2007 BVE/BMO/2007/29618 28 juni 2007
Onderwerp
Uitstel beantwoording Kamervragen sluiting van scholen op islamitische feestdagen
In antwoord op de Kamervragen van de leden Bosma en Fritsma (beiden PVV) over de sluiting van scholen op islamitische feestdagen deel ik u mee dat de beantwoording zal worden vertraagd. Ik streef ernaar de vragen zo spoedig mogelijk na het Kamerreces te beantwoorden.
De staatssecretaris van Onderwijs, Cultuur en Wetenschap, mede namens de Minister voor Wonen, Wijken en Integratie,
Marja van Bijsterveldt-Vliegenthart
"""


def test_the_letterhead_of_2007_in_one_line():  # OCW, 13 juli 2007
    proposal = propose(OCW_2007)
    document = proposal.documents[0]
    assert (document.date, document.kenmerken, document.kind) == (date(2007, 7, 13), ["BVE/BMO/2007/29618"], "uitstelbericht")
    assert [i.soort for i in proposal.items] == ["kamervragen"]  # "Uw brief van" in the letterhead is no request


DEF_2008 = """Ministerie van Defensie
Hierbij bied ik u de antwoorden aan op de vragen van de vaste commissie voor Defensie over het rapport van de Algemene Rekenkamer bij het Jaarverslag 2007 van het ministerie van Defensie (verzoek met kenmerk 08-DEF-B-084).
DE MINISTER VAN DEFENSIE,
E. van Middelkoop
Ons kenmerk F/2008014684
"""


def test_an_answer_to_a_committee_by_its_kenmerk_signed_in_capitals():  # Defensie, juni 2008
    proposal = propose(DEF_2008)
    document = proposal.documents[0]
    assert (document.sender, document.sender_code) == ("De minister van Defensie", "DEF")
    assert document.chamber != "EK"  # "DE MINISTER VAN …" is no Eerste Kamer heading ("I VERSLAG …")
    [request] = proposal.items
    assert (request.soort, request.nummer, request.ministerie) == ("commissiebrief", "08-DEF-B-084", "DEF")


# ------------------------------------------------------------------ motions
def test_an_uitspraak_is_a_motion_and_a_dossier_with_a_sub_number():  # kst-21501-20-572
    text = """21 501-20 Europese Raad
Nr. 572 MOTIE VAN DE LEDEN SLOB EN IRRGANG
Voorgesteld 25 oktober 2011
De Kamer,
gehoord de beraadslaging,
overwegende, dat de Nederlandse minderheidsregering het Nederlandse parlement zeer summier heeft geïnformeerd over de inzet van de regering bij deze zo belangrijke Eurotop;
spreekt uit dat de regering in voorkomende gevallen actiever en concreter de Kamer informeert over haar inzet bij Europese overleggen over de eurocrisis,
en gaat over tot de orde van de dag.
Slob
Irrgang
"""
    proposal = propose(text)
    [motion] = proposal.items
    assert proposal.documents[0].kind == "motie" and motion.datum == date(2011, 10, 25)
    assert (motion.nummer, motion.ministerie) == ("21501-20, nr. 572", "AZ")


def test_policy_areas_of_motions_by_their_words():
    assert ministries.subject_ministry("35 334 Problematiek rondom stikstof en PFAS", date(2020, 3, 10)) == "LNV"  # kst-35334-62
    assert ministries.subject_ministry("32 637 Bedrijfslevenbeleid", date(2016, 2, 18)) == "EZK"  # kst-32637-228


# ------------------------------------------------------------------ an annex of a begroting (2009–2010)
ANNEX_2010 = """8.1 Moties en Toezeggingen (per 15 juli 2009)
Veiligheid
In behandeling zijnde moties
Omschrijving motie Vindplaats Stand van Zaken
Motie van Haverkamp over het benadrukken van politiespecifieke elementen in een nieuwe functiewaardering. Onderzoek naar positie/waardering v.d. politie en functiewaarderingsonderzoek is toegezegd. 27-02-2008 Spoeddebat CAO-onderhandelingen politie (29 628, nr. 77) De Tweede Kamer wordt na het zomerreces van 2009 per brief geïnformeerd. Het beloningsonderzoek vindt momenteel plaats.
"""


def test_a_row_of_a_begroting_table_of_2009():  # Begroting BZK 2010, 8.1
    [motion] = propose(ANNEX_2010).items  # and no toezegging read from the row's stand van zaken
    assert (motion.soort, motion.nummer, motion.datum, motion.status) == ("motie", "29628, nr. 77", date(2008, 2, 27), "in uitvoering")
    assert motion.leden == "Haverkamp"


# ------------------------------------------------------------------ the patterns in isolation
def test_the_patterns_read_their_wordings():
    assert commitments._RECALLED.search("In juni 2011 is de Kamer toegezegd dat zij in het najaar van 2012 een "
                                        "wetsvoorstel hiertoe tegemoet zou kunnen zien.")
    assert exchange._PUT_TO.search("de navolgende vragen ter beantwoording aan de regering voorgelegd.")["who"] == "regering"
    assert letter_mentions._KENMERK.search("(verzoek met kenmerk 08-DEF-B-084)")["k"] == "08-DEF-B-084"
    assert motions._ASKS.search("spreekt uit dat de regering in voorkomende gevallen actiever … informeert")
    assert [f.value for f in extract.kenmerken(Text(["Den Haag Ons kenmerk Uw brief van Uw kenmerk 13 juli 2007 "
                                                      "BVE/BMO/2007/29618 28 juni 2007"]))] == ["BVE/BMO/2007/29618"]


# ------------------------------------------------------------------ titles a clerk would write (after looking at the page)
def test_titles_of_requests_and_promises_by_their_object():
    assert letter_mentions.request_title(
        "Op 22 april jl. heeft de vaste commissie voor Binnenlandse Zaken mij verzocht om voor 29 april a.s. de nota naar "
        "aanleiding van het verslag over het wetsvoorstel organisatie hoogste bestuursrechtspraak in te dienen waarin "
        "de vragen en opmerkingen worden beantwoord.") == (  # kst-34389-6
        "Verzoek om de nota naar aanleiding van het verslag over het wetsvoorstel organisatie hoogste bestuursrechtspraak")
    titles = [i.titel for i in items_of(EXAMENVERSLAG_2010 + "\nTevens laat ik u weten dat ik de toezegging die ik heb "
              "gedaan in het algemeen overleg mbo van 4 november 2009 (kamerstuk 31 524, nr. 35) zal afdoen zodra ik het "
              "advies van de Commissie Onderwijs en Besturing BVE heb ontvangen.", "toezegging")]  # kst-32123-VIII-143
    assert titles == ["Toezenden: het Examenverslag 2009 en mijn beleidsreactie daarop",
                      "Toezegging gedaan in het algemeen overleg mbo van 4 november 2009"]
    [request] = items_of(LIJST_2011, "commissiebrief")  # kst-32500-XII-72
    assert request.titel == "Vragen over de stand van zaken van openstaande moties en toezeggingen"
