"""Letter intake: the five seed papers and texts of our own, read into documents and items (pure), then
resolved against the register and saved only on confirmation."""
import html
import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlmodel import select

from tracker.authz import system
from tracker import db
from tracker.cli import main
from tracker.errors import ValidationError
from tracker.intake import extract
from tracker.intake.proposal import propose
from tracker.intake.text import Text, join_lines, read_document
from tracker.importer import COLUMNS
from tracker.models import Document, ItemDocument, TrackedItem
from tracker.services import intake as intake_service
from tracker.services import items

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "papers"  # inside the repository: a clone has them


def seed(prefix: str) -> str:
    return read_document(next(SEEDS.glob(f"{prefix}_*.txt")))


def by_kind(proposal, kind):
    return [d for d in proposal.documents if d.kind == kind]


# ------------------------------------------------------------------------------------- the seeds
def test_verslag_2024_splits_into_letters_with_late_uitstelbericht_and_late_reply():
    proposal = propose(seed("004"))
    assert [d.kind for d in proposal.documents] == ["verslag", "commissiebrief", "uitstelbericht", "antwoord"]
    letter, delay, reply = proposal.documents[1:]
    assert (letter.date, letter.chamber, letter.reply_term, letter.reply_due) == (
        date(2024, 6, 18), "EK", "4 weken", date(2024, 7, 16))
    assert letter.sender == "De vaste commissie voor Binnenlandse Zaken"
    assert letter.addressee == "Aan de minister van Binnenlandse Zaken en Koninkrijksrelaties"
    assert "binnen vier weken na dagtekening van deze brief" in letter.sources["reply_due"]
    assert (delay.date, delay.timely, delay.days_late) == (date(2024, 7, 22), False, 6)
    assert delay.kenmerken == ["174728.01U"] and delay.answers == date(2024, 6, 18)
    assert delay.addressee == "Aan de Voorzitter van de Eerste Kamer der Staten-Generaal"
    assert (reply.date, reply.timely) == (date(2024, 8, 28), False) and reply.days_late > 0
    assert "Kamerstukken I 2023/24, 35741, G" in proposal.documents[0].references
    item, *promises = proposal.items
    assert (item.soort, item.kamer, item.nummer, item.datum, item.termijn, item.deadline) == (
        "commissiebrief", "EK", "174728.01U", date(2024, 6, 18), "4 weken", "2024-07-16")
    # the minister's reply makes two commitments of its own: candidates for a person to confirm
    assert [(p.soort, p.kamer, p.datum, p.deadline, p.opnemen) for p in promises] == [
        ("toezegging", "EK", date(2024, 8, 28), "begin volgend jaar", False),
        ("toezegging", "EK", date(2024, 8, 28), None, False)]
    assert promises[0].titel.startswith("Ik verwacht beide Kamers begin volgend jaar hierover")
    assert promises[1].tekst.startswith("We zullen de Kamer over deze maatregelen")
    assert (item.uitstelbericht, item.beantwoord, item.status) == (date(2024, 7, 22), date(2024, 8, 28), "beantwoord")
    assert item.ministerie == "BZK"  # a register code, from the ministry the letter is addressed to
    assert "Personeelsenquête Rijk" in item.titel


def test_verslag_2025_timely_uitstelbericht_with_promise_and_jl_dates():
    proposal = propose(seed("003"))
    verslag, letter, delay, reply = proposal.documents
    assert (verslag.kind, verslag.date) == ("verslag", date(2025, 1, 15))  # "Vastgesteld 15 januari 2025"
    assert (letter.date, letter.reply_due) == (date(2024, 10, 1), date(2024, 10, 29))
    assert delay.answers == date(2024, 10, 1)  # "In een brief van 1 oktober j.l." read from 25 oktober 2024
    assert (delay.timely, delay.days_late) == (True, 0)
    assert delay.promised == "snel na het herfstreces" and delay.promised_date is not None
    assert delay.kenmerken == ["174728.03U"]
    assert reply.answers == date(2024, 10, 1) and reply.timely is False
    assert "Kamerstukken II 2024/25, 30950, nr. 423" in reply.references
    [item] = proposal.items
    # the promised moment as the letter words it; the import dates it by the rules (delay.promised_date)
    assert (item.nummer, item.uitstelbericht, item.uitstel_tot, item.beantwoord) == (
        "174728.03U", date(2024, 10, 25), "snel na het herfstreces", date(2025, 1, 10))


def test_nota_yields_the_kamervragen_with_their_date_from_the_nota():
    proposal = propose(seed("001"))
    [nota] = proposal.documents
    assert (nota.kind, nota.date, nota.kenmerken) == ("nota", date(2023, 11, 20), ["2023-0000536616"])
    [item] = proposal.items
    assert (item.soort, item.kamer, item.datum, item.leden, item.fractie) == (
        "kamervragen", "TK", date(2023, 6, 27), "Van Baarle", "DENK")  # "op 27 juni", year from the nota
    assert item.ministerie == "BZK"  # a register code, from the ministry the letter is addressed to
    assert "nu.nl 'Overheid haalt eigen diversiteitsdoelen niet of nauwelijks'" in item.titel
    assert "27 juni" in item.sources["datum"]


def test_voortgangsbrief_discharges_the_bergkamp_motion_by_its_footnote_reference():
    proposal = propose(seed("000"))
    [letter] = proposal.documents
    assert letter.kind == "voortgangsbrief" and letter.sender == "De minister van Onderwijs, Cultuur en Wetenschap"
    assert letter.references[:3] == ["Kamerstukken 35628, nr. 10", "Kamerstukken 30420, nr. 354",
                                     "Kamerstukken 30420, nr. 360"]
    [motion] = proposal.items
    assert (motion.soort, motion.nummer, motion.status, motion.fractie) == ("motie", "35628, nr. 10", "afgedaan", "D66")
    assert "beschouw ik de motie van het lid Bergkamp als afgerond" in motion.sources["status"]
    assert any("dagtekening" in note for note in motion.notes)  # the paper carries no date: a person fills it in


def test_emancipation_annex_yields_its_moties_and_toezeggingen_with_stand_van_zaken():
    proposal = propose(seed("002"))
    motions = [i for i in proposal.items if i.soort == "motie"]
    promises = [i for i in proposal.items if i.soort == "toezegging" and i.opnemen]
    assert len(motions) == 13 and len(promises) == 4
    # the letter's own text promises two letters still to come: candidates, not ticked
    candidates = [i for i in proposal.items if not i.opnemen]
    assert len(candidates) == 2 and all(c.soort == "toezegging" for c in candidates)
    texts = sorted(c.tekst for c in candidates)
    assert "naar de Tweede Kamer wordt gestuurd zal dieper worden ingegaan" in texts[0]
    # footnote 5, which has no full stop, ends where it ends (it used to run on into the next paragraph)
    assert texts[1] == ("Zie brief ‘Interdepartementale aanpak seksueel geweld’ welke zo spoedig mogelijk door "
                        "Staatssecretaris Blokhuis aan de Kamer zal worden gezonden.")
    first = next(m for m in motions if "Movisie" in m.titel)
    assert first.tekst.startswith("De Tweede Kamer verzoekt de regering om in dat verbeterplan")
    assert first.stand_van_zaken.startswith("De verbinding met Regenboogsteden is gelegd.")
    assert all(m.tekst and m.tekst.startswith("De Tweede Kamer verzoekt") for m in motions)
    assert "verbeterplan" in first.titel  # "verbe-" + "terplan" joined again
    conversion = next(p for p in promises if p.titel == "Conversietherapie")
    assert (conversion.datum, conversion.deadline) == (date(2020, 11, 2), "in het eerste kwartaal van 2021")
    prevalence = next(p for p in promises if p.titel.startswith("Prevalentie"))
    assert prevalence.deadline == "in de tweede helft van 2021" and "toegezegd" in prevalence.tekst


def test_footnotes_leave_the_running_text_and_end_as_sentences_of_their_own():
    from tracker.intake.text import Text, sentences
    lines = ["Het vergroten van de economische zelfstandigheid1 van vrouwen is een belangrijk",
             "1  Voor economische zelfstandigheid ligt de grens op 70 procent van het",  # a page ends here
             "minimumloon.",
             "speerpunt in mijn beleid. Ik zal uw Kamer voor de zomer informeren.",
             " 7  Lesbische, homoseksuele, biseksuele, transgender en intersekse leerlingen".strip(),
             "Alle leerlingen moeten zich veilig voelen op school."]
    assert sentences(Text(lines).flat) == [
        "Het vergroten van de economische zelfstandigheid1 van vrouwen is een belangrijk speerpunt in mijn beleid.",
        "Ik zal uw Kamer voor de zomer informeren.", "Alle leerlingen moeten zich veilig voelen op school.",
        "Voor economische zelfstandigheid ligt de grens op 70 procent van het minimumloon.",
        "Lesbische, homoseksuele, biseksuele, transgender en intersekse leerlingen."]


# ------------------------------------------------------------------------------ texts of our own
OWN_LETTER = """BRIEF VAN DE VOORZITTER VAN DE VASTE COMMISSIE VOOR ONDERWIJS, CULTUUR EN WETENSCHAP

Aan de minister van Onderwijs, Cultuur en Wetenschap

Den Haag, 3 februari 2025

De vaste commissie voor Onderwijs, Cultuur en Wetenschap heeft met belangstelling kennisgenomen van uw brief
van 12 december 2024 over het lerarentekort (Kamerstukken II, vergaderjaar 2024-2025, 27 923, nr. 501).
De leden van de fractie van de SP hebben nog enkele vragen over de regionale aanpak.
De commissie ontvangt uw antwoord graag binnen zes weken na dagtekening van deze brief.

De voorzitter van de commissie,
Jansen

BRIEF VAN DE MINISTER VAN ONDERWIJS, CULTUUR EN WETENSCHAP

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 10 maart 2025

Met deze brief beantwoord ik de vragen die op 3 februari jl. (kenmerk 2025Z01234) zijn gesteld door de
vaste commissie over de regionale aanpak van het lerarentekort.

De minister van Onderwijs, Cultuur en Wetenschap,

E. van Dijk
"""


def test_an_exchange_of_our_own_tk_wording():
    proposal = propose(OWN_LETTER)
    letter, reply = proposal.documents
    assert (letter.kind, letter.chamber, letter.reply_term, letter.reply_due) == (
        "commissiebrief", "TK", "6 weken", date(2025, 3, 17))
    assert letter.references == ["Kamerstukken II 2024/25, 27923, nr. 501"]
    assert (reply.kind, reply.answers, reply.kenmerken, reply.timely) == (
        "antwoord", date(2025, 2, 3), ["2025Z01234"], True)
    [item] = proposal.items
    assert (item.nummer, item.ministerie, item.beantwoord, item.status) == (
        "2025Z01234", "OCW", date(2025, 3, 10), "beantwoord")


QUESTIONS_DELAY = """Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Datum 2 december 2024
Betreft Uitstel beantwoording Kamervragen
Onze referentie 2024-0000987654
De vragen van het lid Kops (PVV) aan de minister van Klimaat en Groene Groei over de stijgende energierekening
voor huishoudens (2024Z18765), ingezonden op 8 november 2024, kunnen niet binnen de gebruikelijke termijn worden
beantwoord. De reden van het uitstel is dat voor de beantwoording informatie nodig is van de netbeheerders.
De minister van Klimaat en Groene Groei,
S.T.M. Hermans
"""
QUESTIONS_ANSWER = """Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Datum 17 december 2024
Hierbij bied ik u de antwoorden aan op de schriftelijke vragen van het lid Kops (PVV) over de stijgende
energierekening voor huishoudens (2024Z18765). Deze vragen werden ingezonden op 8 november 2024.
De minister van Klimaat en Groene Groei,
S.T.M. Hermans
"""


def test_kamervragen_uitstelbericht_and_answer_in_the_usual_tk_wording():
    delay = propose(QUESTIONS_DELAY)
    [letter] = delay.documents
    assert (letter.kind, letter.date, letter.kenmerken, letter.timely, letter.days_late) == (
        "uitstelbericht", date(2024, 12, 2), ["2024-0000987654"], False, 3)  # three weeks ended 29 November
    [item] = delay.items
    assert (item.soort, item.nummer, item.datum, item.uitstelbericht, item.status) == (
        "kamervragen", "2024Z18765", date(2024, 11, 8), date(2024, 12, 2), "uitstel gemeld")
    assert (item.leden, item.fractie, item.ministerie) == ("Kops", "PVV", "KGG")
    answer = propose(QUESTIONS_ANSWER)
    assert answer.documents[0].kind == "antwoord"
    [answered] = answer.items
    assert (answered.nummer, answered.beantwoord, answered.status) == ("2024Z18765", date(2024, 12, 17), "beantwoord")


PROMISES = """Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 14 november 2024

Hierbij informeer ik uw Kamer over de stand van zaken van de aanpak van wachtlijsten in de jeugdzorg.
Uw Kamer is eerder geïnformeerd over de pilot in drie regio's. Tijdens het commissiedebat van 12 maart
2024 heb ik toegezegd uw Kamer in het najaar van 2024 een brief te sturen over de wachttijden.
Met deze brief doe ik die toezegging gestand. In het voorjaar van 2025 wordt met de gemeenten gesproken
over de verdeling van de middelen. Ik zal uw Kamer voor de zomer informeren over de uitkomsten van de
evaluatie. Uw Kamer ontvangt in het eerste kwartaal van 2025 de eerste rapportage van de monitor.
Heeft u vragen, dan hoor ik dat graag.

De staatssecretaris van Volksgezondheid, Welzijn en Sport,
"""


def test_a_letters_own_commitments_become_candidate_toezeggingen():
    proposal = propose(PROMISES)
    promises = [i for i in proposal.items if i.soort == "toezegging"]
    assert [(p.datum, p.deadline, p.activiteit) for p in promises] == [
        (date(2024, 3, 12), "in het najaar van 2024", "commissiedebat"),  # recalled: made in the debate
        (date(2024, 11, 14), "voor de zomer", "brief van 14 november 2024"),
        (date(2024, 11, 14), "in het eerste kwartaal van 2025", "brief van 14 november 2024")]
    assert all(not p.opnemen and p.kamer == "TK" for p in promises)
    # the promise recalled from the debate is kept by this very letter
    assert (promises[0].status, promises[0].beantwoord) == ("voldaan", date(2024, 11, 14))
    assert promises[0].sources["status"] == "Met deze brief doe ik die toezegging gestand."
    assert promises[1].status is None and promises[1].beantwoord is None
    assert promises[1].tekst == "Ik zal uw Kamer voor de zomer informeren over de uitkomsten van de evaluatie."
    assert promises[1].ministerie == "VWS"
    # not a commitment: done in this letter ("Hierbij", "Met deze brief"), done before, not to parliament
    texts = " ".join(p.tekst for p in promises)
    assert "Hierbij" not in texts and "eerder geïnformeerd" not in texts and "gemeenten" not in texts


def test_references_and_hyphenation_are_normalised():
    text = Text(["Zie Kamerstukken II, vergaderjaar 2024-2025, 30 950, nr. 423 en Kamerstukken I 2023/24, 35741, H."])
    assert [f.value for f in extract.references(text)] == ["Kamerstukken II 2024/25, 30950, nr. 423",
                                                           "Kamerstukken I 2023/24, 35741, H"]
    assert join_lines(["het verbe-", "terplan van GroenLinks-", "PvdA"]) == "het verbeterplan van GroenLinks-PvdA"


def test_text_it_cannot_read_gets_a_clear_message(tmp_path):
    with pytest.raises(ValueError, match="geen tekst"):
        propose("   \n\n  ")
    (tmp_path / "brief.docx").write_bytes(b"PK\x03\x04")
    with pytest.raises(ValidationError, match="geen PDF en geen tekstbestand"):
        read_document(tmp_path / "brief.docx")
    (tmp_path / "kapot.pdf").write_bytes(b"%PDF-1.4 kapot")
    with pytest.raises(ValidationError, match="geen leesbare PDF"):
        read_document(tmp_path / "kapot.pdf")


def test_pdf_intake_reads_the_same_as_text(tmp_path):
    from weasyprint import HTML
    paragraphs = "".join(f"<p>{line}</p>" for line in OWN_LETTER.splitlines())
    pdf = tmp_path / "brief.pdf"
    HTML(string=f"<html><body style='font: 10pt sans-serif'>{paragraphs}</body></html>").write_pdf(pdf)
    proposal = propose(read_document(pdf))
    assert [d.kind for d in proposal.documents] == ["commissiebrief", "antwoord"]
    assert proposal.items[0].nummer == "2025Z01234"


# ---------------------------------------------------------------------- against the register
def test_resolve_gives_codes_and_matches_and_nothing_is_saved_without_confirmation(demo):
    proposal = propose(seed("004"))
    with db.transaction(demo) as session:
        before = session.exec(select(TrackedItem)).all()
        row, *candidates = intake_service.resolve(session, proposal)
        assert row["ministerie"] == "BZK" and row["opnemen"] is True
        assert [c["opnemen"] for c in candidates] == [False, False]
        demo_item = session.exec(select(TrackedItem).where(TrackedItem.nummer == "174728.01U")).one()
        assert row["bestaand_item"] == demo_item.id and "via nummer" in row["bestaand"]
        assert len(session.exec(select(TrackedItem)).all()) == len(before)


def test_save_creates_items_and_documents_in_one_transaction(demo):
    proposal = propose(OWN_LETTER)
    with db.transaction(demo) as session:
        rows = intake_service.resolve(session, proposal)
        assert rows[0]["ministerie"] == "OCW" and rows[0]["bestaand_item"] is None
        summary = intake_service.save(session, rows, proposal, system("test"), "brief.txt")
    assert summary.created.names == ["commissiebrief 2025Z01234"]
    with db.transaction(demo) as session:
        item = session.exec(select(TrackedItem).where(TrackedItem.nummer == "2025Z01234")).one()
        assert (item.status, item.closed_on, item.due_date) == ("beantwoord", date(2025, 3, 10), date(2025, 3, 17))
        roles = {link.role for link in session.exec(select(ItemDocument).where(ItemDocument.item_id == item.id))}
        assert {"verzoek", "antwoord"} <= roles


def test_save_leaves_out_the_candidates_nobody_confirmed(demo):
    proposal = propose(seed("004"))  # the reply's two commitments are candidates without a number
    with db.transaction(demo) as session:
        toezeggingen = len(session.exec(select(TrackedItem).where(TrackedItem.kind == "toezegging")).all())
        rows = intake_service.resolve(session, proposal)
        summary = intake_service.save(session, rows, proposal, system("test"), "verslag.txt")
    assert (summary.created.count, summary.updated.names) == (0, ["commissiebrief 174728.01U"])
    with db.transaction(demo) as session:
        assert len(session.exec(select(TrackedItem).where(TrackedItem.kind == "toezegging")).all()) == toezeggingen
    with pytest.raises(ValidationError, match="kies ten minste één item"):
        with db.transaction(demo) as session:
            intake_service.save(session, rows[1:], proposal, system("test"), "verslag.txt")


def test_save_with_a_problem_keeps_nothing(demo):
    proposal = propose(seed("002"))  # the annex gives no Kamerstuk numbers: every motion row lacks its nummer
    with db.transaction(demo) as session:
        documents_before = len(session.exec(select(Document)).all())
        items_before = len(session.exec(select(TrackedItem)).all())
    with pytest.raises(ValidationError, match="nummer ontbreekt"):
        with db.transaction(demo) as session:
            rows = intake_service.resolve(session, proposal)
            intake_service.save(session, rows, proposal, system("test"), "brief.txt")
    with db.transaction(demo) as session:
        assert len(session.exec(select(Document)).all()) == documents_before
        assert len(session.exec(select(TrackedItem)).all()) == items_before  # not even the toezeggingen


def test_cli_intake_json_contract(demo):
    result = CliRunner().invoke(main, ["intake", str(next(SEEDS.glob("003_*.txt"))), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"documents", "items"}
    for document in data["documents"]:
        assert {"kind", "date", "chamber", "sender", "addressee", "kenmerken", "references", "reply_due"} <= set(document)
    assert [d["kind"] for d in data["documents"]] == ["verslag", "commissiebrief", "uitstelbericht", "antwoord"]
    [item] = data["items"]
    assert {"soort", "kamer", "nummer", "titel", "ministerie", "datum", "deadline", "uitstelbericht", "beantwoord",
            "status"} <= set(item)
    assert (item["nummer"], item["ministerie"], item["deadline"], item["uitstelbericht"], item["beantwoord"]) == (
        "174728.03U", "BZK", "2024-10-29", "2024-10-25", "2025-01-10")
    empty = CliRunner().invoke(main, ["intake", str(next(SEEDS.glob("003_*.txt"))).replace("003", "999")])
    assert empty.exit_code == 2  # no such file: click's own message


# -------------------------------------------------------------------------------- the web page
def form_of(rows, keep=None):
    """The page's form fields for these proposed rows, as the browser would post them."""
    from tracker.importer import COLUMNS
    data = {"actie": "opslaan", "tekst": OWN_LETTER}
    for n, row in enumerate(rows):
        for name in COLUMNS:
            data[f"item-{n}-{name}"] = row.get(name) or ""
        if keep is None or n in keep:
            data[f"item-{n}-opnemen"] = "1"
    return data


def test_web_read_shows_sources_and_saves_only_on_confirmation(app, login_as, demo):
    client = login_as("ocw")
    page = client.post("/document-invoeren/", data={"actie": "lezen", "tekst": OWN_LETTER})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "commissiebrief" in html and "2025Z01234" in html
    assert "Bron: “Den Haag, 3 februari 2025”" in html and "tijdig" in html
    with db.transaction(demo) as session:
        assert session.exec(select(TrackedItem).where(TrackedItem.nummer == "2025Z01234")).first() is None
        rows = intake_service.resolve(session, propose(OWN_LETTER))
    saved = client.post("/document-invoeren/", data=form_of(rows))
    assert saved.status_code == 302
    with db.transaction(demo) as session:
        assert session.exec(select(TrackedItem).where(TrackedItem.nummer == "2025Z01234")).one().status == "beantwoord"


def test_web_shows_candidates_unticked(app, login_as, demo):
    page = login_as("bzk").post("/document-invoeren/", data={"actie": "lezen", "tekst": seed("004")})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'name="item-0-opnemen" value="1" checked' in html  # the commissiebrief
    assert 'name="item-1-opnemen" value="1" >' in html and "mogelijk — vink aan na controle" in html
    assert "Ik verwacht beide Kamers begin volgend jaar hierover" in html


def test_web_a_confirmed_candidate_is_saved_with_its_deadline(app, login_as, demo):
    from tracker.importer import COLUMNS
    text = seed("004")
    with db.transaction(demo) as session:
        rows = intake_service.resolve(session, propose(text))
    rows[1]["nummer"] = "T-BZK-2024-17"  # the officer ticks the first candidate and gives it a number
    data = {"actie": "opslaan", "tekst": text}
    for n, row in enumerate(rows):
        data.update({f"item-{n}-{name}": row.get(name) or "" for name in COLUMNS})
    data.update({"item-0-opnemen": "1", "item-1-opnemen": "1"})
    assert login_as("bzk").post("/document-invoeren/", data=data).status_code == 302
    with db.transaction(demo) as session:
        promise = session.exec(select(TrackedItem).where(TrackedItem.nummer == "T-BZK-2024-17")).one()
        assert (promise.kind, promise.chamber, promise.start_date, promise.deadline_phrase, promise.due_date) == (
            "toezegging", "EK", date(2024, 8, 28), "begin volgend jaar", date(2025, 3, 31))
        assert session.exec(select(TrackedItem).where(TrackedItem.kind == "toezegging",
                                                      TrackedItem.text.like("We zullen de Kamer%"))).first() is None


def test_web_corrections_problems_and_rights(app, login_as, demo):
    with db.transaction(demo) as session:
        rows = intake_service.resolve(session, propose(OWN_LETTER))
    client = login_as("ocw")
    rows[0]["nummer"] = ""
    problem = client.post("/document-invoeren/", data=form_of(rows))
    assert problem.status_code == 400 and "nummer ontbreekt" in problem.get_data(as_text=True)
    nothing = client.post("/document-invoeren/", data=form_of(rows, keep=set()))
    assert nothing.status_code == 400 and "ten minste één item" in nothing.get_data(as_text=True)
    rows[0]["nummer"] = "2025Z09999"  # a person's correction is what is saved
    other_ministry = login_as("bzk").post("/document-invoeren/", data=form_of(rows))
    assert other_ministry.status_code == 400 and "alleen items van BZK" in other_ministry.get_data(as_text=True)
    assert client.post("/document-invoeren/", data=form_of(rows)).status_code == 302
    with db.transaction(demo) as session:
        assert session.exec(select(TrackedItem).where(TrackedItem.nummer == "2025Z09999")).one()
        assert session.exec(select(TrackedItem).where(TrackedItem.nummer == "2025Z01234")).first() is None
    empty = client.post("/document-invoeren/", data={"actie": "lezen", "tekst": "  "})
    assert empty.status_code == 400 and "geen tekst" in empty.get_data(as_text=True)
    from io import BytesIO
    wrong = client.post("/document-invoeren/", data={"actie": "lezen", "bestand": (BytesIO(b"PK\x03\x04"), "brief.pdf")},
                        content_type="multipart/form-data")  # a Word file called .pdf: judged by its content
    assert wrong.status_code == 400 and "geen PDF en geen tekstbestand" in wrong.get_data(as_text=True)
    assert login_as("lezer").get("/document-invoeren/").status_code == 403


def test_a_long_paste_is_read_and_a_too_long_one_is_refused_with_the_text_kept(app, login_as):
    """600 kB of pasted text was refused as "groter dan 20 MB" (Werkzeug's 500 kB form limit) and lost."""
    client = login_as("bzk")
    seed = next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8")
    long = (seed * (600_000 // len(seed) + 1))[:600_000]
    read = client.post("/document-invoeren/", data={"actie": "lezen", "tekst": long})
    assert read.status_code == 200 and "174728" in read.get_data(as_text=True)
    from tracker.web import intake as intake_page

    too_long = "x " * (intake_page.MAX_TEXT // 2 + 10)
    refused = client.post("/document-invoeren/", data={"actie": "lezen", "tekst": too_long})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "te lang" in page and "x x x x" in page  # the text stays in the box



def test_the_page_shows_what_bijwerken_changes_and_links_what_was_saved(app, login_as, demo):
    """Saving seed 004 overwrote a registered item's title without anyone seeing it coming."""
    client = login_as("bzk")
    text = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    page = client.post("/document-invoeren/", data={"actie": "lezen", "tekst": text}).get_data(as_text=True)
    assert "Bestaat al:" in page
    with db.transaction(demo) as session:
        before = items.find_item(session, "EK", "commissiebrief", "174728.01U")
        title, item_id = before.title, before.id
    shown = re.search(r'<ul class="changes">(.*?)</ul>', page, re.S)
    assert shown and "<strong>titel</strong>" in shown.group(1)
    assert html.escape(title[:60]) in shown.group(1)  # what is there now, struck through
    with db.transaction(demo) as session:  # what the page holds for the first item, as the person left it
        row = intake_service.resolve(session, propose(text))[0]
    form = {f"item-0-{name}": "" if row.get(name) is None else str(row[name]) for name in COLUMNS}
    saved = client.post("/document-invoeren/", data={"actie": "opslaan", "tekst": text, "item-0-opnemen": "1", **form})
    assert saved.status_code == 302 and f"opgeslagen={item_id}" in saved.headers["Location"]
    landing = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert f'href="/items/{item_id}"' in landing and "Opgeslagen items" in landing
