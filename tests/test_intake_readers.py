"""Each form of parliamentary paper intake reads, on its own, with sentences as real papers write them (from the
intake corpus, the seed papers, and the forms the Kamer's papers use). The corpus test reads whole papers; these
pin down one pattern each, so that a change to one reader shows where it breaks."""
from datetime import date

import pytest

from tracker.intake import ministries
from tracker.intake.extract import references
from tracker.intake.moments import find_moment
from tracker.intake.proposal import propose
from tracker.intake.text import Text, sentences


def items_of(text: str, soort: str | None = None):
    return [i for i in propose(text).items if soort is None or i.soort == soort]


# ------------------------------------------------------------------------------------ Kamerstuk headers
KAMERSTUK_LETTER = """35 165 Werken aan een robuuste en toekomstbestendige overheid
Nr. 9 BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 14 juni 2019
De vaste commissie voor Binnenlandse Zaken heeft gevraagd om een overzicht van de stand van zaken. Dit overzicht
treft u hierbij aan.
De Minister van Binnenlandse Zaken en Koninkrijksrelaties,
K.H. Ollongren
"""


def test_the_sender_is_the_minister_of_the_heading_not_a_committee_in_the_body():
    [letter] = propose(KAMERSTUK_LETTER).documents
    assert (letter.sender_code, letter.chamber, letter.date) == ("BZK", "TK", date(2019, 6, 14))
    assert letter.citation == "Kamerstukken II, 35165, nr. 9"
    assert letter.as_json()["sender"] == "BZK" and "minister" in letter.as_json()["sender_name"].lower()


def test_citations_without_the_word_kamerstukken_and_lettered_eerste_kamer_papers():
    cited = [f.value for f in references(Text([
        "Zie (Kamerstuk 29 023, nr. 273) en Tweede Kamer 2012–2013, 29 984, nrs. 334 en 378, de brief (EK, 34550 IV, G) "
        "en de reactie (36200 VIII, I); niet het debat (Handelingen II, 2017/18, nr. 19, item 11)."]))]
    assert cited == ["Kamerstukken 29023, nr. 273", "Kamerstukken II 2012/13, 29984, nr. 334",
                     "Kamerstukken II 2012/13, 29984, nr. 378", "Kamerstukken I, 34550 IV, G", "Kamerstukken 36200 VIII, I"]


@pytest.mark.parametrize("words, on, code", [
    ("de Minister voor Medische Zorg", date(2020, 9, 18), "VWS"),
    ("de staatssecretaris van Infrastructuur en Milieu", date(2013, 2, 4), "IenW"),
    ("de Staatssecretaris van Veiligheid en Justitie", date(2015, 2, 25), "JenV"),
    ("de staatssecretaris van Economische Zaken, Landbouw en Innovatie", date(2012, 2, 23), "EZK"),
    ("de minister voor Primair en Voortgezet Onderwijs", date(2023, 10, 25), "OCW"),
    ("de Minister voor Volkshuisvesting en Ruimtelijke Ordening", date(2023, 1, 10), "BZK"),
    ("de Minister van Volkshuisvesting en Ruimtelijke Ordening", date(2025, 1, 10), "VRO"),
    ("de Minister van Economische Zaken", date(2025, 1, 10), "EZ"),
    ("de staatssecretaris Herstel en Toeslagen", date(2025, 4, 8), "FIN"),
    ("de Minister-President", date(2010, 11, 18), "AZ"),
])
def test_a_bewindspersoon_of_any_time_maps_to_the_register_code_of_that_time(words, on, code):
    assert ministries.bewindspersoon_ministry(words, on)[0] == code


# ------------------------------------------------------------------------ Aanhangsel: questions and answer
AANHANGSEL = """Vragen van de leden Omtzigt (CDA), Gesthuizen (SP) en Schouw (D66) aan de Minister van Binnenlandse Zaken en Koninkrijksrelaties en de Staatssecretaris van Veiligheid en Justitie over de tot nu toe verstrekte informatie over identiteitswisselingen (ingezonden 17 februari 2015).

Antwoord van Staatssecretaris Teeven (Veiligheid en Justitie) mede namens de Minister van Binnenlandse Zaken en Koninkrijksrelaties (ontvangen 25 februari 2015)

Vraag 1
"""


def test_an_aanhangsel_answer_is_one_kamervragen_item_of_the_answering_ministry():
    proposal = propose(AANHANGSEL)
    [item] = proposal.items
    assert (item.soort, item.datum, item.beantwoord, item.deadline) == (
        "kamervragen", date(2015, 2, 17), date(2015, 2, 25), "2015-03-10")  # three weeks from ingezonden
    assert (item.leden, item.fractie, item.ministerie, item.nummer) == (
        "Omtzigt, Gesthuizen, Schouw", "CDA, SP, D66", "JenV", None)  # "mede namens" BZK does not change it
    assert (proposal.documents[0].kind, proposal.documents[0].date, proposal.documents[0].timely) == (
        "antwoord", date(2015, 2, 25), True)


def test_a_mededeling_in_the_aanhangsel_is_an_uitstelbericht_with_the_zaak_number():
    text = ("Vragen van het lid Erkens (VVD) aan de Minister van Klimaat en Groene Groei over netcongestie (2024Z21925) "
            "(ingezonden 20 december 2024).\nMededeling van Minister Hermans (Klimaat en Groene Groei) (ontvangen "
            "14 januari 2025)\nDe vragen kunnen niet binnen de gebruikelijke termijn worden beantwoord.")
    [item] = propose(text).items
    assert (item.nummer, item.uitstelbericht, item.beantwoord, item.status, item.ministerie) == (
        "2024Z21925", date(2025, 1, 14), None, "uitstel gemeld", "KGG")


# -------------------------------------------------------------------------------------- uitstelberichten
@pytest.mark.parametrize("sentence", [
    "De vragen van het Kamerlid Leijten (SP) over de zorg, ingezonden op 22 december 2008, kunnen tot mijn spijt "
    "niet binnen de gebruikelijke termijn worden beantwoord.",
    "Op 22 december 2008 zijn door het lid Leijten (SP) vragen gesteld over de zorg. Het is helaas niet gelukt deze "
    "vragen binnen de termijn te beantwoorden.",
    "Naar aanleiding van de vragen van het lid Leijten (SP) over de zorg, ingezonden op 22 december 2008, deel ik u "
    "mede dat het niet mogelijk is deze binnen de gestelde termijn te beantwoorden.",
])
def test_uitstelberichten_in_their_many_phrasings_postpone_the_questions(sentence):
    text = (f"Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\nDen Haag, 14 januari 2009\n{sentence}\n"
            "De beantwoording zal plaatshebben omstreeks 20 januari 2009.\n"
            "De staatssecretaris van Volksgezondheid, Welzijn en Sport,\nmw. dr. J. Bussemaker\n")
    proposal = propose(text)
    [item] = proposal.items
    assert proposal.documents[0].kind == "uitstelbericht"
    assert (item.soort, item.datum, item.uitstelbericht, item.uitstel_tot, item.ministerie) == (
        "kamervragen", date(2008, 12, 22), date(2009, 1, 14), "omstreeks 20 januari 2009", "VWS")
    assert proposal.documents[0].timely is False  # three weeks ended on 12 January


def test_committee_questions_with_a_kenmerk_of_spaces_and_a_slash():
    text = ("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\nDen Haag, 20 mei 2011\nDe vragen van de vaste "
            "commissie voor Financiën, ingezonden op 18 april 2011 met kenmerk 32 500 C/2011D20325, kunnen niet "
            "binnen de gestelde termijn worden beantwoord. U ontvangt de antwoorden voor het zomerreces.\n"
            "De Minister van Financiën,\nJ.C. de Jager\n")
    [item] = items_of(text)
    assert (item.soort, item.nummer, item.datum, item.uitstelbericht, item.uitstel_tot) == (
        "commissiebrief", "32 500 C/2011D20325", date(2011, 4, 18), date(2011, 5, 20), "voor het zomerreces")


def test_a_promise_later_than_the_deadline_postpones_without_the_word_uitstel():
    """kst-33000-X-60: a promise made in a debate, and "kunt u de brief in januari tegemoet zien"."""
    text = ("33 000 X Vaststelling van de begrotingsstaten van het Ministerie van Defensie (X) voor het jaar 2012\n"
            "Nr. 60 BRIEF VAN DE MINISTER VAN DEFENSIE\nAan de Voorzitter van de Tweede Kamer der Staten-Generaal\n"
            "Den Haag, 19 december 2011\nTijdens het wetgevingsoverleg Materieel van 7 november jl. (Kamerstuk 33 000 X, "
            "nr. 30) einde van dit jaar een brief te zenden over sourcing. In verband hiermee kunt u de brief in "
            "januari tegemoet zien.\nDe minister van Defensie,\nJ. S. J. Hillen\n")
    [promise] = items_of(text, "toezegging")
    assert (promise.datum, promise.deadline, promise.uitstelbericht, promise.uitstel_tot, promise.ministerie) == (
        date(2011, 11, 7), "einde van dit jaar", date(2011, 12, 19), "in januari", "DEF")


# ------------------------------------------------------------------------------------------- EK verslagen
def test_an_ek_verslag_whose_cover_lists_the_exchange_is_one_commissiebrief():
    text = """Vastgesteld 3 december 2025
De vaste commissie voor Volksgezondheid, Welzijn en Sport heeft schriftelijk overleg gevoerd met de Minister van Volksgezondheid, Welzijn en Sport in het kader van het rappel toezeggingen en moties. Bijgaand brengt de commissie hiervan verslag uit. Dit verslag bestaat uit:
– De uitgaande brief van 17 september 2025.
– De antwoordbrief van 2 december 2025.
Aan de Minister van Volksgezondheid, Welzijn en Sport
Den Haag, 17 september 2025
In het kader van het gebruikelijke toezeggingen- en motierappel van de Eerste Kamer ontvangt u hierbij digitale overzichten.
De Kamer verneemt graag vóór vrijdag 31 oktober 2025 wat de stand van zaken is.
"""
    proposal = propose(text)
    cover, letter = proposal.documents
    assert (cover.kind, letter.kind, letter.chamber, letter.reply_due) == (
        "verslag", "commissiebrief", "EK", date(2025, 10, 30))
    [item] = proposal.items
    assert (item.soort, item.kamer, item.datum, item.beantwoord, item.ministerie) == (
        "commissiebrief", "EK", date(2025, 9, 17), date(2025, 12, 2), "VWS")


# --------------------------------------------------------------------------------------- EK toezeggingen
def test_an_ek_register_entry_as_a_table_and_as_lines():
    table = ("Toezegging Schrappen artikel 5 (33.344) (T01970)\nDe Minister van Binnenlandse Zaken en "
             "Koninkrijksrelaties zegt de Kamer toe om een voorstel te doen.\nNummer | T01970 |\nStatus | deels voldaan |\n"
             "Datum toezegging | 27 mei 2014 |\nDeadline | 1 juli 2025 |\n"
             "Verantwoordelijke(n) | Minister van Binnenlandse Zaken en Koninkrijksrelaties |\n")
    lines = table.replace(" | ", " ").replace(" |", "").replace("Verantwoordelijke(n)", "Huidige Verantwoordelijke(n)")
    for text in (table, lines):
        [item] = propose(text).items
        assert (item.soort, item.kamer, item.nummer, item.status, item.datum, item.deadline, item.ministerie) == (
            "toezegging", "EK", "T01970", "deels voldaan", date(2014, 5, 27), "2025-07-01", "BZK")
        assert item.tekst.startswith("De Minister van Binnenlandse Zaken")


def test_committee_decisions_on_the_rappel_per_t_number():
    text = """Korte aantekeningen vergadering commissie Onderwijs, Cultuur en Wetenschap (OCW) van 7 november 2023
1. 36200 VIII, I
De commissie besluit naar aanleiding van de reactie van de minister voor Primair en Voortgezet Onderwijs van 25 oktober 2023 (36200 VIII, I) op de rappelbrief van 16 maart 2023:
- Toezeggingen T02414 en T02416 af te voeren;
- Toezegging T02461 als openstaand aan te blijven merken en de deadline te verschuiven naar 1 juli 2024;
- toezegging T02881 als "deels voldaan" te blijven beschouwen met als nieuwe deadline 1 januari 2023;
- Toezeggingen T03352 en T03354 als voldaan aan te merken.
"""
    proposal = propose(text)
    found = {i.nummer: (i.status, i.deadline, i.ministerie, i.datum) for i in proposal.items}
    assert found == {"T02414": ("vervallen", None, "OCW", None), "T02416": ("vervallen", None, "OCW", None),
                     "T02461": ("openstaand", "2024-07-01", "OCW", None),
                     "T02881": ("deels voldaan", "2023-01-01", "OCW", None),
                     "T03352": ("voldaan", None, "OCW", None), "T03354": ("voldaan", None, "OCW", None)}
    assert (proposal.documents[0].chamber, proposal.documents[0].date) == ("EK", date(2023, 11, 7))


# ----------------------------------------------------------------------------------------------- motions
def test_a_motion_in_kamerstuk_form():
    text = """33 750 VII Vaststelling van de begrotingsstaten van het Ministerie van Binnenlandse Zaken en Koninkrijksrelaties (VII) voor het jaar 2014
Nr. 31 MOTIE VAN HET LID VOORTMAN
Voorgesteld 28 november 2013
De Kamer,
gehoord de beraadslaging,
verzoekt de minister, uit te gaan van het principe dat definitieve rapporten binnen twee weken naar de Kamer gestuurd worden en de Kamer hier in het voorjaar van 2014 nader over te informeren,
en gaat over tot de orde van de dag.
Voortman
"""
    [motion] = items_of(text)
    assert (motion.nummer, motion.datum, motion.leden, motion.ministerie, motion.deadline) == (
        "33750 VII, nr. 31", date(2013, 11, 28), "Voortman", "BZK", "in het voorjaar van 2014")  # not "binnen twee weken"


def test_motions_in_handelingen_form_the_amended_number_counts():
    text = """De Kamer,
gehoord de beraadslaging,
verzoekt de regering om met de bewoners in gesprek te gaan over de opvang van vluchtelingen,
en gaat over tot de orde van de dag.
Naar mij blijkt, wordt de indiening ervan voldoende ondersteund.
Zij krijgt nr. 348, was nr. 347 (32317).
De Kamer,
gehoord de beraadslaging,
verzoekt de regering, verscherpte controles op de opvang van in beslag genomen dieren te realiseren,
en gaat over tot de orde van de dag.
De voorzitter:
Deze motie is voorgesteld door het lid Graus. Naar mij blijkt, wordt de indiening ervan voldoende ondersteund.
Zij krijgt nr. 30 (32043).
"""
    first, second = items_of(text)
    assert (first.nummer, first.datum, first.ministerie) == ("32317, nr. 348", None, "JenV")
    assert (second.nummer, second.leden, second.ministerie) == ("32043, nr. 30", "Graus", "LNV")


def test_a_motion_to_the_kamers_own_voorzitter_is_no_government_obligation():
    text = ("33 959 Voorstel tot wijziging van het Reglement van Orde\nNr. 5 MOTIE VAN HET LID KLEIN\n"
            "Voorgesteld 16 maart 2016\nDe Kamer,\ngehoord de beraadslaging,\nverzoekt de Voorzitter, een voorstel te "
            "doen om artikel 66 van het Reglement van Orde te wijzigen,\nen gaat over tot de orde van de dag.\nKlein\n")
    proposal = propose(text)
    assert proposal.items == [] and proposal.documents[0].kind == "motie"


# ----------------------------------------------------------------------------------- overviews and annexes
def test_an_overview_takes_each_motions_own_number_status_and_ministry():
    text = """Bijlage 3: Moties en toezeggingen
Tabel 32 Door de Staten-Generaal aanvaarde moties die zijn afgerond Koninkrijksrelaties
De motie van het lid van Tongeren. Verzoekt de regering, initiatieven te nemen om het duurzaam bouwen te stimuleren en de Tweede Kamer hierover te informeren.
Plenair debat Begroting Koninkrijksrelaties d.d. 8 november 2017 (Handelingen II, 2017/18, nr. 19, item 11)
Afgedaan. De Tweede Kamer is op 21 december 2018 per brief geïnformeerd (Kamerstukken II 2018/19, 35000-IV, nr. 36).
Motie van de leden Snijder-Hazelhoff en Koopmans (Kamerstuk 29 383, nr. 169)
Roept de regering op aan de uitwerking van Actieplan Ammoniak te werken en de Kamer daar voor 1 december 2011 over te berichten.
Deze motie hoort tot de primaire verantwoordelijkheid van de staatssecretaris van I&M.
"""
    building, ammonia = items_of(text, "motie")
    assert (building.nummer, building.datum, building.status, building.beantwoord, building.ministerie) == (
        None, date(2017, 11, 8), "afgedaan", date(2018, 12, 21), "BZK")  # 35000-IV, nr. 36 settled it
    assert (ammonia.nummer, ammonia.deadline, ammonia.ministerie) == (
        "29383, nr. 169", "voor 1 december 2011", "IenW")


# ---------------------------------------------------------------------------------- commitments in letters
LETTER = """Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 12 maart 2024
Uw Kamer werd op 8 april 2021 geïnformeerd over de eerste fase. Het commissiedebat vindt plaats op 20 maart 2024.
In deze tussentijdse brief zal ik ingaan op de financiële ontwikkelingen. Over het programma wordt uw Kamer sinds 2018 met halfjaarlijkse voortgangsrapportages geïnformeerd.
In mijn brief van 3 april 2023 heb ik toegezegd u voor het kerstreces te informeren over de pilot. Met deze brief doe ik die toezegging gestand.
Deze zal ik uiterlijk voor het einde van het zomerreces aan uw Kamer zenden. Ik verwacht u deze rapportage rond eind april te kunnen sturen.
De Minister van Binnenlandse Zaken en Koninkrijksrelaties,
"""


def test_a_letters_commitments_but_not_past_events_meetings_routines_or_the_letter_itself():
    promises = items_of(LETTER, "toezegging")
    assert [(p.datum, p.deadline, p.status, p.beantwoord) for p in promises] == [
        (date(2023, 4, 3), "voor het kerstreces", "voldaan", date(2024, 3, 12)),  # quoted: that letter's date
        (date(2024, 3, 12), "uiterlijk voor het einde van het zomerreces", None, None),
        (date(2024, 3, 12), "rond eind april", None, None)]
    assert all(p.ministerie == "BZK" and not p.opnemen for p in promises)


# ------------------------------------------------------------------------------------ words and sentences
@pytest.mark.parametrize("sentence, moment", [
    ("Ik verwacht u deze rapportage gelijktijdig met de voorjaarsnota, rond eind april te kunnen sturen.", "rond eind april"),
    ("Uw Kamer wordt uiterlijk januari 2019 geïnformeerd.", "uiterlijk januari 2019"),
    ("De toegezegde informatie zal ik u uiterlijk voor donderdag 14 februari a.s. doen toekomen.",
     "uiterlijk voor donderdag 14 februari a.s."),
    ("Beantwoording zal zo spoedig mogelijk plaatsvinden.", "zo spoedig mogelijk"),
    ("Ik verwacht u na de zomer te kunnen informeren.", "na de zomer"),
    ("Wij zijn voornemens u in het najaar nader te berichten.", "in het najaar"),
])
def test_moments_as_written(sentence, moment):
    assert find_moment(sentence) == moment


def test_abbreviations_and_initials_do_not_end_a_sentence():
    flat = ("De motie (Kamerstuk 32 479, nr. 3) is op 7 november jl. aangenomen. Zie J. W. E. Spies en c.s. hierover. "
            "Die brief volgt.")
    assert sentences(flat) == ["De motie (Kamerstuk 32 479, nr. 3) is op 7 november jl. aangenomen.",
                               "Zie J. W. E. Spies en c.s. hierover.", "Die brief volgt."]


def test_a_committees_request_to_a_minister_with_its_own_term_in_other_words():
    """A TK committee's letter that starts with its addressee (the split once cached the text before it was read)."""
    text = """Aan de minister van Volksgezondheid, Welzijn en Sport
Plaats en datum: Den Haag, 8 april 2025
Betreft: Verzoek commissie over de wachtlijsten in de ggz
Kenmerk: 2025Z06712/2025D15432
De vaste commissie voor Volksgezondheid, Welzijn en Sport heeft besloten u te verzoeken om een reactie op het rapport over de wachtlijsten in de ggz. De commissie ontvangt de reactie graag binnen drie weken.
De griffier van de vaste commissie voor Volksgezondheid, Welzijn en Sport,
"""
    proposal = propose(text)
    assert (proposal.documents[0].kind, proposal.documents[0].reply_due) == ("commissiebrief", date(2025, 4, 29))
    [item] = proposal.items
    assert (item.soort, item.kamer, item.nummer, item.titel, item.deadline, item.ministerie) == (
        "commissiebrief", "TK", "2025Z06712/2025D15432", "Verzoek commissie over de wachtlijsten in de ggz",
        "2025-04-29", "VWS")


def test_a_letter_settles_only_the_motion_it_says_it_settles():
    text = ("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\nDen Haag, 3 juni 2024\n"
            "Met deze brief geef ik uitvoering aan de motie van het lid Bikker (Kamerstuk 36 200 VI, nr. 42) over "
            "slachtofferhulp. Daarnaast ga ik in op de motie van het lid Ellian (Kamerstuk 36 200 VI, nr. 57); "
            "het onderzoek daarnaar loopt nog.\nDe Minister van Justitie en Veiligheid,\n")
    settled, running = items_of(text, "motie")
    assert (settled.nummer, settled.status, settled.beantwoord) == ("36200 VI, nr. 42", "afgedaan", date(2024, 6, 3))
    assert (running.nummer, running.status, running.beantwoord, running.ministerie) == (
        "36200 VI, nr. 57", None, None, "JenV")


def test_older_aanhangsel_volumes_print_ingezonden_and_ontvangen_with_capitals():
    text = ("Vragen van het lid Van Velzen (SP) aan de minister van Defensie over de aanschaf van de JSF. "
            "(Ingezonden 3 februari 2009)\nAntwoord\n(Ontvangen 12 maart 2009)\n1\nKent u het bericht?\n")
    [item] = propose(text).items
    assert (item.datum, item.beantwoord, item.leden, item.fractie, item.ministerie) == (
        date(2009, 2, 3), date(2009, 3, 12), "Van Velzen", "SP", "DEF")


def test_a_replacing_motion_names_its_members_not_the_replaced_number():
    text = ("36 410 XIII Vaststelling van de begrotingsstaten van het Ministerie van Economische Zaken (XIII) voor het jaar 2024\n"
            "Nr. 57 GEWIJZIGDE MOTIE VAN DE LEDEN KRÖGER EN VAN DER LEE TER VERVANGING VAN DIE GEDRUKT ONDER NR. 41\n"
            "Voorgesteld 21 november 2023\nDe Kamer,\ngehoord de beraadslaging,\nverzoekt de regering, de Kamer voor "
            "de zomer van 2024 te informeren over netcongestie,\nen gaat over tot de orde van de dag.\n")
    [motion] = items_of(text)
    assert (motion.nummer, motion.leden, motion.deadline, motion.ministerie) == (
        "36410 XIII, nr. 57", "Kröger en Van der Lee", "voor de zomer van 2024", "EZK")


def test_a_tk_verslag_of_a_schriftelijk_overleg_gives_its_exchange_from_the_cover():
    text = """29 282 Arbeidsmarktbeleid in de zorg
Nr. 560 VERSLAG VAN EEN SCHRIFTELIJK OVERLEG
Vastgesteld 14 mei 2025
De vaste commissie voor Volksgezondheid, Welzijn en Sport heeft een aantal vragen en opmerkingen voorgelegd aan de Minister van Volksgezondheid, Welzijn en Sport over de brief van 3 februari 2025 over de arbeidsmarkt in de zorg.
De vragen en opmerkingen zijn op 3 maart 2025 aan de Minister voorgelegd. Bij brief van 12 mei 2025 zijn ze door de Minister beantwoord.
"""
    proposal = propose(text)
    assert proposal.documents[0].kind == "verslag"
    [item] = proposal.items
    assert (item.soort, item.kamer, item.datum, item.deadline, item.beantwoord, item.ministerie) == (
        "commissiebrief", "TK", date(2025, 3, 3), "2025-03-31", date(2025, 5, 12), "VWS")


def test_toezegging_rows_of_a_begroting_table():
    text = """Bijlage 3: Moties en toezeggingen
Tabel 34 Openstaande toezeggingen Koninkrijksrelaties
Omschrijving van de toezegging
Vindplaats
Stand van zaken
De staatssecretaris zegt toe de Kamer voor de zomer van 2020 te informeren over de uitvoering van de Caribische agenda.
Plenair debat Begroting Koninkrijksrelaties d.d. 7 november 2019 (Handelingen II 2019/20, nr. 21, item 8)
In uitvoering. De Kamer wordt voor de zomer geïnformeerd.
De staatssecretaris zegt toe de Kamer te informeren over de pilot met de rechtshulp op Bonaire.
Commissiedebat Koninkrijksrelaties d.d. 12 maart 2019
Afgedaan. De Kamer is op 5 juli 2019 per brief geïnformeerd (Kamerstuk 35 000 IV, nr. 60).
"""
    agenda, legal_aid = items_of(text, "toezegging")
    assert (agenda.datum, agenda.deadline, agenda.status, agenda.beantwoord, agenda.ministerie) == (
        date(2019, 11, 7), "voor de zomer van 2020", "openstaand", None, "BZK")
    assert (legal_aid.datum, legal_aid.status, legal_aid.beantwoord) == (date(2019, 3, 12), "voldaan", date(2019, 7, 5))


@pytest.mark.parametrize("words, on, code", [
    ("de minister voor Buitenlandse Handel en Ontwikkelingshulp", date(2025, 3, 1), "BZ"),
    ("de staatssecretaris van Participatie en Integratie", date(2025, 3, 1), "SZW"),
    ("de minister voor Natuur en Stikstof", date(2023, 5, 1), "LNV"),
    ("de staatssecretaris van Cultuur en Media", date(2022, 9, 1), "OCW"),
])
def test_more_bewindspersonen_without_portfolio(words, on, code):
    assert ministries.bewindspersoon_ministry(words, on)[0] == code


def test_coming_back_to_a_subject_is_a_commitment():
    text = ("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\nDen Haag, 3 maart 2025\nOver de uitkomsten van "
            "de pilot kom ik voor de zomer bij uw Kamer terug.\nDe Minister van Sociale Zaken en Werkgelegenheid,\n")
    [promise] = items_of(text, "toezegging")
    assert (promise.deadline, promise.ministerie, promise.datum) == ("voor de zomer", "SZW", date(2025, 3, 3))


def test_a_rijksoverheid_letter_with_a_kept_promise_a_settled_motion_and_a_new_promise():
    text = """> Retouradres Postbus 20011 2500 EA Den Haag
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Datum 14 maart 2025
Betreft Voortgang Programma Open Overheid
Ons kenmerk 2025-0000123456
Geachte voorzitter,
Tijdens het commissiedebat Digitale Overheid van 12 februari 2025 heb ik toegezegd uw Kamer voor de zomer te informeren over de voortgang van het programma. Met deze brief kom ik die toezegging na.
Daarnaast ga ik in op de motie van het lid Van Baarle (Kamerstuk 29 362, nr. 345) over de openbaarmaking van adviezen. Met deze brief beschouw ik deze motie als afgedaan.
Over de evaluatie van de Woo informeer ik uw Kamer in het najaar van 2025.
De minister van Binnenlandse Zaken en Koninkrijksrelaties,
"""
    proposal = propose(text)
    [letter] = proposal.documents
    assert (letter.date, letter.sender_code, letter.kenmerken, letter.subject) == (
        date(2025, 3, 14), "BZK", ["2025-0000123456"], "Voortgang Programma Open Overheid")
    motion = next(i for i in proposal.items if i.soort == "motie")
    kept, new = [i for i in proposal.items if i.soort == "toezegging"]
    assert (motion.nummer, motion.status, motion.beantwoord) == ("29362, nr. 345", "afgedaan", date(2025, 3, 14))
    assert kept.tekst.startswith("Tijdens het commissiedebat")  # not glued to "Geachte voorzitter,"
    assert (kept.datum, kept.status, kept.beantwoord) == (date(2025, 2, 12), "voldaan", date(2025, 3, 14))
    assert (new.datum, new.deadline, new.status) == (date(2025, 3, 14), "in het najaar van 2025", None)


def test_the_toezeggingen_listed_in_a_verslag_of_a_commissiedebat():
    text = """36 410 XVI Vaststelling van de begrotingsstaten van het Ministerie van Volksgezondheid, Welzijn en Sport (XVI) voor het jaar 2024
Nr. 140 VERSLAG VAN EEN COMMISSIEDEBAT
Vastgesteld 12 maart 2024
De vaste commissie voor Volksgezondheid, Welzijn en Sport heeft op 15 februari 2024 overleg gevoerd met de Minister voor Medische Zorg over de zorgverzekering.
Toezeggingen
– De Minister zegt toe de Kamer voor de zomer van 2024 per brief te informeren over het eigen risico.
– De Minister zegt toe in de voortgangsbrief in te gaan op de wachttijden in de ggz.
"""
    proposal = propose(text)
    assert (proposal.documents[0].kind, proposal.documents[0].date) == ("verslag", date(2024, 3, 12))
    first, second = proposal.items
    assert (first.soort, first.datum, first.deadline, first.ministerie, first.activiteit) == (
        "toezegging", date(2024, 2, 15), "voor de zomer van 2024", "VWS", "commissiedebat")
    assert (second.datum, second.deadline, second.ministerie) == (date(2024, 2, 15), None, "VWS")
