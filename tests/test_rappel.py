"""The rappel as the Kamer sends it: signer (placeholder in a concept, required for a final letter), kenmerk, address,
Bijlage(n), singular and plural, reasons in the Kamer's words, TK and EK wording, a peildatum never after the letter,
as of the peildatum; and the griffie's own rappel page (preview, concept, ZIP of all ministries, final letters kept
with their kenmerk, the history per ministry). On both databases."""
import io
import re
import zipfile
from datetime import date

from click.testing import CliRunner
from pypdf import PdfReader
from sqlmodel import select

from tracker import db
from tracker.authz import system
from tracker.cli import main
from tracker.errors import ValidationError
from tracker.letters import rappel
from tracker.models import Document, Ministry, Rappel
from tracker.services import items

ACTOR = system("test")
PEIL, ON = date(2021, 7, 1), date(2021, 7, 5)
WORKFLOW_WORD = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def _ocw(session):
    return session.exec(select(Ministry).where(Ministry.code == "OCW")).first()


def _add_budget_toezegging(engine):
    with db.transaction(engine) as session:
        items.create_item(session, items.ItemInput(
            kind="toezegging", chamber="TK", nummer="VGR-EMANC-2021 T10", title="Brief over intersekse kinderen",
            ministry_code="OCW", start_date=date(2021, 3, 1), text="De minister informeert de Kamer.",
            deadline_phrase="voor de begrotingsbehandeling"), ACTOR)


def _letter(session, chamber="TK", concept=True, signer="", on=ON):
    ministry = _ocw(session)
    rows = rappel.rappel_rows(session, ministry.id, chamber, PEIL)
    return rappel.letter_for(rows, ministry, chamber, PEIL, on, None, signer, concept,
                             None if concept else rappel.free_kenmerk(session, chamber, ministry, on))


def test_reasons_are_the_kamers_words_and_numbers_agree(demo):
    with db.transaction(demo) as session:
        one = _letter(session)
    assert [r.reason for r in one.rows if r.deadline is None] == ["geen termijn genoemd"]
    assert "Van één toezegging is geen termijn bekend; deze staat afzonderlijk vermeld." in one.paragraphs[0]
    _add_budget_toezegging(demo)
    with db.transaction(demo) as session:
        two = _letter(session)
        html = rappel.render_html(two)
    assert sorted(r.reason for r in two.rows if r.deadline is None) == ["geen termijn genoemd",
                                                                        "termijn: vóór de begrotingsbehandeling"]
    assert "Van twee toezeggingen is geen termijn bekend; deze staan afzonderlijk vermeld." in two.paragraphs[0]
    body = re.sub(r"<[^>]+>", " ", html)
    for tool in ("handmatig", "(s)", "(en)", "niet te bepalen", "kon niet worden berekend"):
        assert tool not in body, tool
    assert not WORKFLOW_WORD.search(body)
    assert "Nog niet voldaan" in body and not re.search(r"\bopenstaand\b", body)  # the word, not "openstaande"


def test_a_concept_shows_a_placeholder_and_a_final_letter_needs_a_signer(demo):
    with db.transaction(demo) as session:
        concept = _letter(session)
        assert concept.signer_name == rappel.SIGNER_PLACEHOLDER and concept.kenmerk == "CONCEPT"
        text = _text(rappel.render_pdf(concept))
        assert "[naam ondertekenaar]" in text and "CONCEPT" in text
        try:
            _letter(session, concept=False)
        except ValidationError as error:
            assert "ondertekenaar" in str(error)
        else:
            raise AssertionError("a final rappel without a signer was made")
        final = _letter(session, concept=False, signer="Kh. Arib")
    text = _text(rappel.render_pdf(final))
    assert "Kh. Arib" in text and "[naam" not in text and "CONCEPT" not in text


def test_the_letter_has_kenmerk_address_bijlage_and_the_chambers_own_wording(demo):
    with db.transaction(demo) as session:
        ministry = _ocw(session)
        rows = rappel.rappel_rows(session, ministry.id, "TK", PEIL)
        tk = rappel.letter_for(rows, ministry, "TK", PEIL, ON, None, "Kh. Arib", False,
                               rappel.free_kenmerk(session, "TK", ministry, ON))
        ek = rappel.letter_for(rows, ministry, "EK", PEIL, ON, None, "", True)
    text = _text(rappel.render_pdf(tk))
    for part in ("Kenmerk TK-RAP-OCW-20210705", "Postbus 16375", "2500 BJ DEN HAAG", "Bijlage(n) 1",
                 "De Voorzitter van de Tweede Kamer der Staten-Generaal", "Openstaande toezeggingen, peildatum 1 juli 2021",
                 "toezeggingenregister van de Tweede Kamer"):
        assert part in text, part
    assert "Eerste Kamer" not in text and "halfjaarlijks" not in text.lower()
    ek_text = " ".join(ek.paragraphs)
    assert "De Eerste Kamer maakt halfjaarlijks de stand op" in ek_text and ek.betreft.startswith("Halfjaarlijks rappel")


def test_a_peildatum_after_the_letters_date_is_refused(demo, tmp_path):
    with db.transaction(demo) as session:
        try:
            _letter(session, on=date(2021, 6, 30))
        except ValidationError as error:
            assert "peildatum" in str(error)
        else:
            raise AssertionError("a rappel dated before its peildatum was made")
    result = CliRunner().invoke(main, ["rappel", "--ministerie", "OCW", "--kamer", "TK", "--peildatum", "2021-07-10",
                                       "--datum", "2021-07-05", "--concept", "--out", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2 and "ligt na de dagtekening" in result.output
    final = CliRunner().invoke(main, ["rappel", "--ministerie", "OCW", "--kamer", "TK", "--peildatum", "2021-07-01",
                                      "--datum", "2021-07-05", "--out", str(tmp_path / "r.pdf")])
    assert final.exit_code == 2 and "ondertekenaar" in final.output
    assert not (tmp_path / "r.pdf").exists()


def test_the_rappel_reports_the_toezeggingen_as_they_stood_on_the_peildatum(demo):
    """T01 answered after the peildatum is still in the rappel of that peildatum; T02 answered before it is not."""
    with db.transaction(demo) as session:
        t01 = items.find_item(session, "TK", "toezegging", "VGR-EMANC-2021 T01")
        t02 = items.find_item(session, "TK", "toezegging", "VGR-EMANC-2021 T02")
        items.record_answer(session, t01, date(2021, 9, 1), ACTOR, document_title="Brief prevalentieonderzoek")
        items.record_answer(session, t02, date(2021, 6, 1), ACTOR, document_title="Brief AI en gender")
    with db.transaction(demo) as session:
        numbers = [r.nummer for r in rappel.rappel_rows(session, _ocw(session).id, "TK", PEIL)]
    assert numbers == ["VGR-EMANC-2021 T04", "VGR-EMANC-2021 T01"]


def test_natural_order_of_numbers():
    from tracker.letters.phrasing import natural_key
    assert sorted(["36042, nr. 17", "36042, nr. 9", "T02423", "T00999", "36042, nr. 100"], key=natural_key) == [
        "36042, nr. 9", "36042, nr. 17", "36042, nr. 100", "T00999", "T02423"]


# ------------------------------------------------------------------------------------------------ the page
def _form(**extra):
    return {"chamber": "TK", "peildatum": "1-7-2021", "dagtekening": "5-7-2021", **extra}


def test_the_rappel_page_is_the_griffies_and_in_its_menu(login_as):
    griffie = login_as("griffie")
    home = griffie.get("/").get_data(as_text=True)
    assert 'href="/rappel/"' in home and ">Rappel<" in home
    assert griffie.get("/rappel/").status_code == 200
    officer = login_as("ocw")
    assert ">Rappel<" not in officer.get("/").get_data(as_text=True)
    assert officer.get("/rappel/").status_code == 403
    old = griffie.get("/voortgangsbrief/rappel")
    assert old.status_code == 302 and old.headers["Location"].endswith("/rappel/")


def test_preview_concept_zip_final_and_history(login_as, demo):
    client = login_as("griffie")
    with db.transaction(demo) as session:
        ocw = _ocw(session).id
    preview = client.post("/rappel/", data=_form(ministry_id=ocw, actie="voorbeeld"))
    assert preview.status_code == 200 and "Geachte minister" in preview.get_data(as_text=True)
    concept = client.post("/rappel/", data=_form(ministry_id=ocw, actie="concept"))
    assert concept.mimetype == "application/pdf" and "[naam ondertekenaar]" in _text(concept.data)
    everyone = client.post("/rappel/", data=_form(ministry_id=0, actie="concept"))
    assert everyone.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(everyone.data)).namelist()
    assert "concept-rappel-TK-OCW-2021-07-01.pdf" in names and all(n.endswith(".pdf") for n in names)
    refused = client.post("/rappel/", data=_form(ministry_id=ocw, actie="definitief"))
    assert refused.status_code == 400 and "ondertekenaar" in refused.get_data(as_text=True)
    final = client.post("/rappel/", data=_form(ministry_id=ocw, actie="definitief", signer_name="Kh. Arib"))
    assert final.mimetype == "application/pdf"
    with db.transaction(demo) as session:
        stored = session.exec(select(Rappel)).one()
        document = session.get(Document, stored.document_id)
        assert (stored.kenmerk, stored.row_count, document.kind) == ("TK-RAP-OCW-20210705", 3, "rappel")
    history = client.get(f"/rappel/?ministerie={ocw}").get_data(as_text=True)
    assert "TK-RAP-OCW-20210705" in history and "Kh. Arib" in history
    assert client.get(f"/rappel/{stored.document_id}/pdf").data == final.data
    again = client.post("/rappel/", data=_form(ministry_id=ocw, actie="definitief", signer_name="Kh. Arib"))
    assert again.status_code == 200
    with db.transaction(demo) as session:
        assert sorted(r.kenmerk for r in session.exec(select(Rappel)).all()) == ["TK-RAP-OCW-20210705",
                                                                                 "TK-RAP-OCW-20210705-2"]
    late = client.post("/rappel/", data=_form(ministry_id=ocw, actie="concept", peildatum="10-7-2021"))
    assert late.status_code == 400 and "ligt na de dagtekening" in late.get_data(as_text=True)


def test_odd_input_on_the_rappel_page_is_refused_never_a_server_error(login_as):
    client = login_as("griffie")
    assert client.get("/rappel/?ministerie=99999999999999999999").status_code == 200  # once an integer overflow
    for data in ({"ministry_id": "99999999999999999999", "chamber": "TK", "peildatum": "1-7-2021", "actie": "csv"},
                 {"ministry_id": "0", "chamber": "EK", "peildatum": "31-12-9999", "actie": "concept"},
                 {"ministry_id": "0", "chamber": "TK", "peildatum": "1-7-2021", "dagtekening": "5-7-2021",
                  "reply_by": "1-7-2021", "actie": "concept"}):
        assert client.post("/rappel/", data=data).status_code == 400, data
    assert client.get("/rappel/999/pdf").status_code == 404


def test_a_rappel_without_passed_toezeggingen_does_not_suggest_any():
    soon = rappel.RappelRow("T26903", date(2026, 9, 18), "Een brief over de inburgering", date(2026, 12, 31),
                            "openstaand", "vaste commissie voor Binnenlandse Zaken", False, status_text="Nog niet voldaan")
    passed = rappel.RappelRow("T26904", date(2026, 1, 5), "Een brief over de Wet open overheid", date(2026, 6, 1),
                              "openstaand", None, True, status_text="Nog niet voldaan")
    peil = date(2026, 7, 1)
    for chamber in ("EK", "TK"):
        only_soon = rappel.RappelLetter("Binnenlandse Zaken en Koninkrijksrelaties", chamber, peil, date(2026, 7, 6),
                                        date(2026, 8, 21), rows=[soon])
        assert "Op 1 juli 2026 was van geen van deze toezeggingen de termijn verstreken." in only_soon.paragraphs[0]
        both = rappel.RappelLetter("Binnenlandse Zaken en Koninkrijksrelaties", chamber, peil, date(2026, 7, 6),
                                   date(2026, 8, 21), rows=[soon, passed])
        assert "van geen van deze" not in both.paragraphs[0]
