"""One real sentence per recognition rule added for the forms of the second batch of unseen papers
(tests/intake_unseen, batch 2, development part only): each rule reads a form of parliamentary writing, and this is
the wording it was written for. The source of each sentence is the Kamerstuk or letter named beside it."""
from __future__ import annotations

from datetime import date

from tracker.intake.proposal import propose


def items_of(text: str, soort: str | None = None):
    return [i for i in propose(text).items if soort is None or i.soort == soort]


# ------------------------------------------------------------------ verslagen of a schriftelijk overleg, 2010–2012
SO_2010 = """21 501-31 Raad voor de Werkgelegenheid, Sociaal Beleid, Volksgezondheid en Consumentenzaken
Nr. 207 VERSLAG VAN EEN SCHRIFTELIJK OVERLEG
Vastgesteld16 april 2010
In de vaste commissie voor Volksgezondheid, Welzijn en Sport1, bestond er bij enkele fracties behoefte een aantal vragen en opmerkingen voor te leggen aan de minister van Volksgezondheid, Welzijn en Sport over de brief van 7 april 2010 inzake de geannoteerde agenda informele Gezondheidsraad (21 501-31, nr. 205).
De op 14 april 2010 toegezonden vragen en opmerkingen zijn met de door de minister bij brief van 15 april 2010 toegezonden antwoorden hieronder afgedrukt.
"""


def test_a_2010_verslag_sent_and_answered_toegezonden():  # kst-21501-31-207
    proposal = propose(SO_2010)
    verslag = proposal.documents[0]
    assert (verslag.date, verslag.sender) == (date(2010, 4, 16), "De vaste commissie voor Volksgezondheid, Welzijn en Sport")
    [item] = [i for i in proposal.items if i.soort == "commissiebrief"]
    assert (item.datum, item.beantwoord, item.ministerie) == (date(2010, 4, 14), date(2010, 4, 15), "VWS")


SO_2012 = """24 446 Ruimtevaartbeleid
Nr. 47 VERSLAG VAN EEN SCHRIFTELIJK OVERLEG
Vastgesteld 3 juli 2012
Binnen de vaste commissie voor Economische Zaken, Landbouw en Innovatie hebben enkele fracties de behoefte om enige vragen en opmerkingen voor te leggen aan de minister van Economische Zaken, Landbouw en Innovatie over de brief van 26 juni 2012 inzake ruimtevaartbeleid (Kamerstuk 24 446, nr. 46).
De minister heeft deze vragen beantwoord bij brief van 3 juli 2012.
"""


def test_a_2012_verslag_with_questions_voor_te_leggen():  # kst-24446-47
    [item] = items_of(SO_2012, "commissiebrief")
    assert (item.datum, item.beantwoord, item.ministerie) == (None, date(2012, 7, 3), "EZK")


# ------------------------------------------------ an uitstelbrief enumerating what it postpones, each with its date
VENW_2009 = """Ministerie van Verkeer en Waterstaat
Onderwerp Kamervragen over RBML
Geachte voorzitter,
Op 14 oktober 2009 ontving ik van de vaste commissie voor Verkeer en Waterstaat het verzoek om reactie op de brief van derden inzake problematiek voor ballonvaarders in Nederland (kenmerk 2009Z18920/2009D49919), op 16 november 2009 vragen van het kamerlid Meeuwis over verdringing van de luchtsport (kenmerk 2009Z21622) en op 26 november 2009 van de vaste commissie voor Verkeer en Waterstaat het verzoek om reactie op de brief van de Koninklijke Nederlandse Vereniging voor Luchtvaart inzake de Ministeriële Regeling Veilig Gebruik Luchthavens en andere Terreinen (kenmerk 2009Z22567/2009D59537).
De beantwoording van deze vragen kost meer tijd dan gepland.
Daarom is het niet mogelijk de vragen binnen de gestelde termijnen te beantwoorden.
Hoogachtend,
DE MINISTER VAN VERKEER EN WATERSTAAT,
ir. Camiel Eurlings
"""


def test_an_enumeration_of_requests_and_questions_named_by_zaak_number():  # VenW uitstelbrief, 2009
    proposal = propose(VENW_2009)
    assert proposal.documents[0].kind == "uitstelbericht"  # "Daarom is het niet mogelijk … te beantwoorden"
    [questions] = [i for i in proposal.items if i.soort == "kamervragen"]
    assert (questions.nummer, questions.datum, questions.leden) == ("2009Z21622", date(2009, 11, 16), "Meeuwis")
    requests = sorted((i.datum, i.nummer) for i in proposal.items if i.soort == "commissiebrief")
    assert requests == [(date(2009, 10, 14), "2009Z18920/2009D49919"), (date(2009, 11, 26), "2009Z22567/2009D59537")]


# ------------------------------------------------- a progress letter whose site title names the motions (2023)
PROGRESS_2023 = """Derde voortgangsrapportage over de uitvoering motie van het lid Marijnissen c.s. (Kamerstuk 35510-21) en motie van het lid Klaver c.s. (Kamerstuk 35510-16)
Tweede Kamer der Staten-Generaal 2
Vergaderjaar 2022-2023
26 643 Informatie- en communicatietechnologie (ICT)
Nr. 971 BRIEF VAN DE STAATSSECRETARIS VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 10 februari 2023
Met deze brief informeer ik uw Kamer over de voortgang van de uitvoering van de moties Marijnissen c.s. en Klaver c.s.
"""


def test_motions_named_in_the_title_line_with_hyphenated_kamerstukken():  # kst-26643-971
    proposal = propose(PROGRESS_2023)
    assert proposal.documents[0].references == ["Kamerstukken 35510, nr. 21", "Kamerstukken 35510, nr. 16"]
    motions = [(i.nummer, i.leden) for i in proposal.items if i.soort == "motie"]
    assert motions == [("35510, nr. 21", "Marijnissen c.s."), ("35510, nr. 16", "Klaver c.s.")]


def test_a_hyphenated_kamerstuk_with_a_subdossier_and_not_before_nr():
    from tracker.intake.extract import references
    from tracker.intake.text import Text
    assert [r.value for r in references(Text(["de motie (Kamerstuk 21501-20-572) is aangenomen"]))] == \
        ["Kamerstukken 21501-20, nr. 572"]
    assert [r.value for r in references(Text(["de motie (Kamerstuk 21501-20, nr. 572)"]))] == \
        ["Kamerstukken 21501-20, nr. 572"]


# ------------------------------------------ promises kept, named by where they were made; the site's summary (2009)
AZ_2009 = """Verantwoordingsbrief over 2008
Namens het kabinet biedt de minister-president de Tweede Kamer de Verantwoordingsbrief aan. Hierin maakt het kabinet de balans op over de voortgang van het beleidsprogramma.
Geachte voorzitter,
Dit past goed binnen de nadere uitwerking van de afspraken van het kabinet met uw Kamer over de voortgang van het experiment 'Verbetering verantwoording en begroting' en hiermee voldoe ik aan de toezeggingen die ik vorig jaar aan uw Kamer heb gedaan bij het debat over de Verantwoording 2007 en bij de behandeling van de ontwerpbegroting 2008 van het ministerie van Algemene Zaken.
"""


def test_toezeggingen_kept_named_by_the_debates_they_were_made_in():  # AZ Verantwoordingsbrief 2009
    proposal = propose(AZ_2009)
    assert proposal.documents[0].sender_code == "AZ"  # "Namens het kabinet biedt de minister-president …"
    kept = [i for i in proposal.items if i.soort == "toezegging"]
    assert [i.titel for i in kept] == [
        "Toezegging gedaan bij het debat over de Verantwoording 2007",
        "Toezegging gedaan bij de behandeling van de ontwerpbegroting 2008 van het ministerie van Algemene Zaken"]
    assert {(i.status, i.ministerie) for i in kept} == {("voldaan", "AZ")}


# ---------------------------------- a letter fulfilling two committee requests at once and promising the rest (2019)
BZK_2019 = """35 165 Verkiezingen
Nr. 9 BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 14 juni 2019
De vaste commissie voor Binnenlandse Zaken heeft mij bij brief van 26 maart jl. gevraagd ruim voor het zomerreces de evaluatie van de verkiezingen voor provinciale staten en waterschappen aan de Kamer te doen toekomen. Ik heb daarop gereageerd bij brief van 18 april jl. (Kamerstuk 35 165, nr. 2) Op dezelfde dag is mij verzocht om een appreciatie van de verkiezing van het Europees Parlement naar de Kamer te sturen. Met deze brief voldoe ik versneld aan de verzoeken van uw Kamer, en ga ik ook in op de verkiezingen in Caribisch Nederland.
In de bijlagen treft u de evaluatie aan. Nog niet alle onderzoeken naar de Europees Parlementsverkiezing konden in dit tijdsbestek worden afgerond. Deze zal ik uiterlijk voor het einde van het zomerreces aan uw Kamer zenden.
De Minister van Binnenlandse Zaken en Koninkrijksrelaties,
K.H. Ollongren
"""


def test_requests_fulfilled_together_and_a_request_op_dezelfde_dag():  # kst-35165-9
    proposal = propose(BZK_2019)
    assert proposal.documents[0].kind == "kamerbrief"  # it answers; the promise of the rest is no uitstel
    requests = sorted((i.datum, i.beantwoord, i.deadline) for i in proposal.items if i.soort == "commissiebrief")
    assert requests[0] == (date(2019, 3, 26), date(2019, 6, 14), "voor het zomerreces")  # the committee's own moment
    assert requests[1][:2] == (date(2019, 4, 18), date(2019, 6, 14))  # "Op dezelfde dag": the reply of 18 April
    [promise] = [i for i in proposal.items if i.soort == "toezegging"]
    assert promise.deadline == "uiterlijk voor het einde van het zomerreces"  # not the request ("heeft mij … jl. gevraagd")


# ------------------------------------------- an EK committees' letter asking an action by a moment (EK, 2013)
EK_2013 = """33 131 Verklaring dat er grond bestaat een voorstel in overweging te nemen tot verandering in de Grondwet
F BRIEF AAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES
Den Haag, 23 april 2013
De vaste commissies voor Koninkrijksrelaties en voor Binnenlandse Zaken en de Hoge Colleges van Staat / Algemene Zaken en Huis der Koningin hebben met belangstelling kennisgenomen van uw schrijven van 16 april jl. inzake de opschorting van de schriftelijke behandeling van de verklaring (33 131).
Naar aanleiding hiervan verzoeken de commissies u om de evaluatie van de nieuwe staatkundige structuur in 2015 voortvarend ter hand te nemen en deze begin 2016 af te ronden, zodat de leden van de commissies tijdig de behandeling kunnen hervatten.
"""


def test_an_ek_letter_of_two_committees_asking_an_action_by_a_moment():  # kst-33131-F
    proposal = propose(EK_2013)
    letter = proposal.documents[0]
    assert (letter.kind, letter.sender.startswith("De vaste commissies voor Koninkrijksrelaties")) == ("commissiebrief", True)
    assert letter.addressee == "Aan de minister van binnenlandse zaken en koninkrijksrelaties"
    [item] = items_of(EK_2013, "commissiebrief")
    assert (item.kamer, item.datum, item.deadline, item.ministerie) == ("EK", date(2013, 4, 23), "begin 2016", "BZK")


# -------------------------------------- answers to Kamervragen in the ministry's own layout, zaak number after the date
ANSWERS_2018 = """Antwoord op vragen van het lid Wilders over het bericht dat oud-minister Opstelten het ‘minder Marokkanen-proces’ zou hebben beïnvloed
Antwoorden van de ministers van Justitie en Veiligheid en van Binnenlandse Zaken en Koninkrijksrelaties op de vragen van het lid Wilders (PVV) over het bericht dat oud-minister Opstelten het ‘minder Marokkanen-proces’ zou hebben beïnvloed. (Ingezonden 12 november 2018, nr. 2018Z20755)
Vraag 1
Heeft u kennisgenomen van het bericht?
Antwoord vraag 1
Ja.
"""


def test_answers_in_the_ministrys_layout_with_the_zaak_number_after_the_date():  # JenV/BZK, 2018
    proposal = propose(ANSWERS_2018)
    assert (proposal.documents[0].kind, proposal.documents[0].sender_code) == ("antwoord", "JenV")
    [item] = items_of(ANSWERS_2018, "kamervragen")
    assert (item.nummer, item.datum, item.deadline, item.leden, item.fractie) == \
        ("2018Z20755", date(2018, 11, 12), "2018-12-03", "Wilders", "PVV")


# ------------------------------- a pasted uitstelbericht of a committee's request: no head, no date, no signature
MH17_2018 = """Hierbij bericht ik uw Kamer dat het verzoek van de vaste commissie voor Buitenlandse Zaken om een brief over de stand van zaken in het MH17 dossier (ingezonden 11 januari 2018) niet binnen de gestelde termijn van 15 februari 2018 kan worden voldaan. Vanwege de betrokkenheid van meerdere ministeries op dit dossier vraagt de afstemming meer tijd. Ik streef ernaar de brief uiterlijk vóór het krokusreces naar uw Kamer te versturen.
"""


def test_a_pasted_uitstelbericht_naming_the_committee_is_the_ministers():  # JenV, 2018
    proposal = propose(MH17_2018)
    assert (proposal.documents[0].kind, proposal.documents[0].sender) == ("uitstelbericht", None)  # not the committee's
    [item] = items_of(MH17_2018, "commissiebrief")
    assert (item.datum, item.deadline, item.uitstel_tot) == (date(2018, 1, 11), "2018-02-15", "vóór het krokusreces")


# ----------------------------------------- a reply in a PDF's text layer: head, dateline and request on one line (2009)
OCW_PDF_2009 = """Tweede Kamer der Staten-Generaal
2
Vergaderjaar 2009–2010
30 012
Leven Lang Leren
Nr. 19
BRIEF VAN DE MINISTER EN STAATSSECRETARIS VAN ONDERWIJS, CULTUUR EN WETENSCHAP Aan de Voorzitter van de Tweede Kamer der Staten-Generaal Den Haag, 13 november 2009 Op 19 september jl. heeft de vaste commissie voor Onderwijs, Cultuur en Wetenschap verzocht om uiterlijk 10 november 2009 de beleidsreactie op de Verkenning van de Onderwijsraad «Middelbaar en hoger onderwijs voor volwassenen» te doen toekomen. Hierbij zend ik u de beleidsreactie op bovengenoemde verkenning. De minister van Onderwijs, Cultuur en Wetenschap, R. H. A. Plasterk
"""


def test_a_pdf_reply_whose_head_runs_into_the_request():  # kst-30012-19
    proposal = propose(OCW_PDF_2009)
    assert proposal.documents[0].sender_code == "OCW"  # "BRIEF VAN DE MINISTER EN STAATSSECRETARIS VAN …" in the line
    [item] = items_of(OCW_PDF_2009, "commissiebrief")
    assert (item.datum, item.deadline, item.beantwoord, item.ministerie) == \
        (date(2009, 9, 19), "2009-11-10", date(2009, 11, 13), "OCW")  # not the dateline's 13 November as datum
    assert not items_of(OCW_PDF_2009, "toezegging")  # the head is no promise


# ---------------------------------------------------------------- motions: the 2009 layout, a party site, cut Handelingen
PRESIDIUM_2009 = """31 952
Raming der voor de Tweede Kamer in 2010 benodigde uitgaven, alsmede aanwijzing en raming van de ontvangsten
nr. 13
MOTIE VAN HET LID HALSEMA
Voorgesteld tijdens het Wetgevingsoverleg van 22 juni 2009
De Kamer,
gehoord de beraadslaging,
verzoekt het Presidium een wijziging van het Reglement van Orde voor te bereiden waarin voor het houden van spoed- en algemene overleggen de steun van ten minste vijftig leden nodig is,
en gaat over tot de orde van de dag.
Halsema
"""


def test_a_2009_motion_with_its_number_on_a_line_of_its_own():  # kst-31952-13
    proposal = propose(PRESIDIUM_2009)
    assert (proposal.documents[0].kind, proposal.documents[0].date) == ("motie", date(2009, 6, 22))
    assert not proposal.items  # it asks the Presidium: nothing the government owes


PARTY_SITE_2010 = """Motie Thieme over een tussenrapportage van de commissie-Van Dijk
20 april 2010
De Kamer,
gehoord de beraadslaging,
constaterende, dat deze commissie heeft aangegeven de resultaten van dit onderzoek pas op 1 september 2010 in plaats van op 1 juni 2010 te kunnen presenteren, omdat het onderzoeken van de rol van de sector extra tijd vergt;
verzoekt de regering de commissie-Van Dijk te vragen voor 1 juni 2010 een tussenrapportage uit te brengen en hierover de Kamer te informeren,
en gaat over tot de orde van de dag.
Thieme
Status
Verworpen
"""


def test_a_rejected_motion_from_a_party_site():  # Partij voor de Dieren, 2010
    proposal = propose(PARTY_SITE_2010)
    assert (proposal.documents[0].kind, proposal.documents[0].date) == ("motie", date(2010, 4, 20))  # not an uitstel
    assert not [i for i in proposal.items if i.soort == "motie"]  # "Status Verworpen"


CUT_HANDELINGEN_2016 = """39 Nucleaire veiligheid
Aan de orde is het VAO Nucleaire veiligheid (AO d.d. 07/12).
De voorzitter:
Ik heet de minister van Infrastructuur en Milieu van harte welkom.
De heer Smaling (SP):
Ja, voorzitter, ik ga nu de motie voorlezen.
Motie
De Kamer,
gehoord de beraadslaging,
constaterende dat de Belgische regering daarop te kennen heeft gegeven niet te voelen voor vervroegde sluiting van de centrales;
verzoekt de regering, met gelijkgestemde buurlanden van België alle beschikbare nationale en internationale druk- en hulpmiddelen in te zetten om de Belgische regering tot een ander oordeel te bewegen en de Kamer daar met regelmaat over te informeren,
"""


def test_a_motion_in_handelingen_cut_before_its_number():  # Handelingen II 2015/16, VAO Nucleaire veiligheid
    [item] = items_of(CUT_HANDELINGEN_2016, "motie")
    assert (item.nummer, item.leden, item.ministerie, item.kamer) == (None, "Smaling", "IenW", "TK")


# ------------------------------------------- a request fulfilled "op verzoek van de commissie"; a summary of an uitstel
ON_REQUEST_2015 = """34 326 Initiatiefnota van het lid Jasper van Dijk: Op naar de nieuwe universiteit
Nr. 3 BRIEF VAN DE MINISTER VAN ONDERWIJS, CULTUUR EN WETENSCHAP
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 25 november 2015
Hierbij zend ik u op verzoek van de commissie Onderwijs, Cultuur en Wetenschap, mijn reactie op de initiatiefnota van het lid Jasper van Dijk: Op naar de nieuwe universiteit: voorstellen voor hoogwaardig en democratisch onderwijs en onderzoek (Kamerstuk 34 326, nr. 2).
"""


def test_a_letter_sent_op_verzoek_van_de_commissie_answers_an_undated_request():  # kst-34326-3
    [item] = items_of(ON_REQUEST_2015, "commissiebrief")
    assert (item.datum, item.beantwoord, item.status, item.ministerie) == (None, date(2015, 11, 25), "beantwoord", "OCW")


SUMMARY_2008 = """Verzoek om uitstel beantwoording Kamervragen over apenrechten
Kamerbrief waarin de minister meldt dat ze de Kamervragen niet op tijd kan beantwoorden. Er is afstemming met het ministerie van VWS nodig over de vraag over het gebruik van apen als proefdieren.
"""


def test_a_summary_of_an_uitstelbrief_names_the_questions_by_subject():  # rijksoverheid.nl, 2008
    proposal = propose(SUMMARY_2008)
    assert proposal.documents[0].kind == "uitstelbericht"
    [item] = [i for i in proposal.items if i.soort == "kamervragen"]
    assert (item.titel, item.status, item.datum) == ("Kamervragen over apenrechten", "uitstel gemeld", None)


# ---------------------------------- an uitstel of committee questions named by a kenmerk with spaces, at a long sentence's end
PROVINCIEFONDS_2011 = """32 500 C Vaststelling van de begrotingsstaat van het provinciefonds voor het jaar 2011
Nr. 7 BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 13 mei 2011
Naar aanleiding van de schriftelijke vragen van de vaste commissie voor Binnenlandse Zaken over de brief van de minister van Binnenlandse Zaken en Koninkrijksrelaties van 29 maart 2011 over de nieuwe verdeling van het provinciefonds en de effecten per provincie, die werden ingezonden op 18 april 2011 met kenmerk 32 500 C/2011D20325, deel ik u mee dat het niet mogelijk is deze vragen binnen de gestelde termijn te beantwoorden. De beantwoording zal, gezien de grote kwantiteit van de vragen, meer tijd in beslag nemen.
Beantwoording zal plaatsvinden voor het verschijnen van de meicirculaire provinciefonds, dientengevolge u tijdig wordt geïnformeerd.
De minister van Binnenlandse Zaken en Koninkrijksrelaties,
J. P. H. Donner
"""


def test_committee_questions_ingezonden_op_with_a_kenmerk_and_a_moment_by_publication():  # kst-32500-C-7
    proposal = propose(PROVINCIEFONDS_2011)
    assert proposal.documents[0].kenmerken == ["32 500 C/2011D20325"]
    [item] = items_of(PROVINCIEFONDS_2011, "commissiebrief")
    assert (item.nummer, item.datum, item.deadline) == ("32 500 C/2011D20325", date(2011, 4, 18), "2011-05-16")
    assert (item.uitstelbericht, item.uitstel_tot) == \
        (date(2011, 5, 13), "voor het verschijnen van de meicirculaire provinciefonds")


TAVERNE_2015 = """34 166 Voorstel tot wijziging van de Akte betreffende de verkiezing van de leden van het Europees Parlement
Nr. 23 BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 3 december 2015
Hierbij doe ik u, mede namens de Minister van Buitenlandse Zaken, het kabinetsstandpunt inzake de in het ontwerp opgenomen voorstellen toekomen, mede ter uitvoering van de op 17 november jl. door uw Kamer met algemene stemmen aanvaarde motie-Taverne (Kamerstuk 21 501-02, nr. 1538).
"""


def test_a_letter_sent_mede_ter_uitvoering_van_a_motion_settles_it():  # kst-34166-23
    [item] = items_of(TAVERNE_2015, "motie")
    assert (item.nummer, item.status, item.beantwoord) == ("21501-02, nr. 1538", "afgedaan", date(2015, 12, 3))


# --------------------------------------------- the 2005–2010 letterhead: "Uw brief van" is the questions' date (2007)
OCW_2007 = """Ministerie van Onderwijs, Cultuur en Wetenschap
De voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag Ons kenmerk Uw brief van Uw kenmerk 13 juli 2007 BVE/BMO/2007/29618 28 juni 2007
Onderwerp
Uitstel beantwoording Kamervragen sluiting van scholen op islamitische feestdagen
In antwoord op de Kamervragen van de leden Bosma en Fritsma (beiden PVV) over de sluiting van scholen op islamitische feestdagen deel ik u mee dat de beantwoording zal worden vertraagd. Ik streef ernaar de vragen zo spoedig mogelijk na het Kamerreces te beantwoorden.
De staatssecretaris van Onderwijs, Cultuur en Wetenschap,
Marja van Bijsterveldt-Vliegenthart
"""


def test_the_letterheads_uw_brief_van_dates_the_questions_and_a_moment_after_the_recess():  # OCW, 2007
    [item] = items_of(OCW_2007, "kamervragen")
    assert (item.datum, item.uitstelbericht, item.uitstel_tot) == \
        (date(2007, 6, 28), date(2007, 7, 13), "zo spoedig mogelijk na het Kamerreces")
    assert item.titel == "Vragen van de leden Bosma en Fritsma (beiden PVV) over de sluiting van scholen op islamitische feestdagen"


# ---------------------------------------------------------------- ministries by subject (Handelingen, 2008)
def test_subjects_regeldruk_and_the_environment():
    from tracker.intake.ministries import subject_ministry
    assert subject_ministry("verzoekt de regering om de Tweede Kamer elk kwartaal te informeren over de stand van zaken "
                            "van de vermindering van de administratieve lasten", date(2008, 6, 1)) == "EZK"
    assert subject_ministry("verzoekt de regering, te bewerkstelligen dat bij internationale dienstreizen tot 500 "
                            "kilometer in principe de (snelle) trein wordt genomen", date(2008, 6, 1)) == "IenW"


def test_an_ek_lettered_paper_cited_with_the_word_letter():  # EK Handelingen 2020/21, Mededelingen
    text = ("4 Mededelingen\nDe voorzitter:\nAan de orde is het voorstel om de vervaltermijn van de aangehouden motie van "
            "het lid Nicolaï c.s. over het slavernijverleden (35300-VI, letter Y), met zes maanden te verlengen.\n")
    assert propose(text).documents[0].chamber == "EK"


# -------------------------------------- a lijst van vragen on open motions: the answer names the settling letter (2011)
LIJST_2011 = """32 500 XII Vaststelling van de begrotingsstaten van het Ministerie van Infrastructuur en Milieu (XII) voor het jaar 2011
Nr. 72 LIJST VAN VRAGEN EN ANTWOORDEN
Vastgesteld 26 mei 2011
De vaste commissie voor Infrastructuur en Milieu heeft een aantal vragen voorgelegd aan de minister van Infrastructuur en Milieu inzake de stand van zaken van openstaande moties en toezeggingen (Kamerstuk 32 500 XII, nr. 68). De minister heeft deze vragen beantwoord bij brief van 18 mei 2011.
2
Wanneer wordt de Kamer uiterlijk geïnformeerd over de uitvoering van de motie Slob/De Rouwe over de werktijdverkortingsregeling voor de binnenvaart (30 523, nr. 52), zoals door de commissie per brief d.d. 13 april 2011 is verzocht aan uw ambtsgenoot van Sociale Zaken en Werkgelegenheid?
De Minister van SZW heeft de Kamer per brief d.d. 2 mei 2011 geïnformeerd over de uitvoering van de motie Slob/de Rouwe over de werktijdverkortingsregeling voor de binnenvaart.
"""


def test_a_motion_settled_by_the_letter_an_answer_names():  # kst-32500-XII-72
    [item] = items_of(LIJST_2011, "motie")
    assert (item.nummer, item.status, item.beantwoord, item.ministerie) == \
        ("30523, nr. 52", "afgedaan", date(2011, 5, 2), "SZW")


def test_the_sites_line_naming_the_paper_itself_is_no_reference():  # tweedekamer.nl, kst-35833-13
    from tracker.intake.extract import references
    from tracker.intake.text import Text
    assert references(Text(["Kamerstuk 35833-13", "35 833 Wijziging van de Jeugdwet"])) == []
