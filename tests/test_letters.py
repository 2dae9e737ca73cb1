"""Voortgangsbrieven: what the PDF says, what is stored, and that a sent letter never changes."""
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from sqlmodel import select

from tracker.authz import system
from tracker import db
from tracker.letters import voortgangsbrief as letters
from tracker.cli import main
from tracker.errors import TrackerError, ValidationError
from tracker.models import Document, DocumentPdf, ItemDocument, Letter, LetterItem, Ministry
from tracker.services import items


def pdf_text(data: bytes) -> tuple[str, int]:
    reader = PdfReader(BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def build(session, code="OCW", concept=False, **kwargs):
    ministry = session.exec(select(Ministry).where(Ministry.code == code)).first()
    chosen = letters.select_items(session, ministry, "TK", **kwargs)
    function, name = letters.default_signer(session, ministry, date(2021, 11, 26))
    view = letters.LetterView(ministry_name=ministry.name, chamber="TK", dagtekening=date(2021, 11, 26),
                              betreft="Voortgang moties en toezeggingen emancipatie", kenmerk="OCW-2021-1",
                              intro=letters.default_intro(ministry), closing="", signer_function=function,
                              signer_name=name, concept=concept, entries=[letters.entry_for(i) for i in chosen])
    return ministry, chosen, view


def test_concept_pdf_has_every_item_date_pages_and_concept_mark(demo):
    with db.transaction(demo) as session:
        _, chosen, view = build(session, concept=True)
    text, pages = pdf_text(letters.render_pdf(view))
    body = flat(text)
    assert "26 november 2021" in body
    assert f"Pagina 1 van {pages}" in body and pages >= 3
    assert body.replace(" ", "").count("CONCEPT") >= pages  # on every page (the mark is letter-spaced: "C O N C E P T")
    for item in chosen:
        assert flat(letters.reference_for(item)) in body
        assert flat(letters.heading_for(item))[:60] in body
    assert "Kamerstukken II 2020/21, 35628, nr. 10" in body  # with the vergaderjaar of the motion
    assert "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal" in body
    assert "minister van Onderwijs, Cultuur en Wetenschap" in body and "Ingrid van Engelshoven" in body
    assert "ë" in text  # diacritics survive (beëindigen, geïnformeerd ...)


def test_annex_repeats_its_column_head_on_every_page():
    entries = [letters.LetterEntry(item_id=n, group_label="Toezeggingen", heading=f"Toezegging T{n:03d}",
                                   reference=f"T{n:03d}", request="Het kabinet stuurt de Kamer een brief " * 6,
                                   stand_van_zaken="Het onderzoek loopt nog. " * 6, status_text="Openstaand")
               for n in range(120)]
    view = letters.LetterView(ministry_name="Onderwijs, Cultuur en Wetenschap", chamber="TK",
                              dagtekening=date(2025, 1, 10), betreft="Voortgang", kenmerk="K-1", intro="Inleiding.",
                              closing="", signer_function="minister", signer_name="A. Minister", entries=entries)
    reader = PdfReader(BytesIO(letters.render_pdf(view)))
    texts = [flat(page.extract_text()) for page in reader.pages]
    annex_pages = texts[next(n for n, t in enumerate(texts) if "Bijlage: Overzicht" in t):]
    assert len(annex_pages) >= 2
    for text in annex_pages:
        assert "Nummer en vindplaats Datum Debat of activiteit Deadline Status Stand van zaken" in text
    assert all(f"T{n:03d}" in " ".join(annex_pages) for n in range(120))


def test_final_letter_is_stored_with_snapshot_and_regenerates_identically(demo, tmp_path):
    exports = tmp_path / "exports"
    with db.transaction(demo) as session:
        ministry, chosen, view = build(session, kinds=["toezegging"])
        document, pdf, path = letters.store_final(session, view, ministry, chosen, system("test"), exports)
        document_id = document.id
    text, _ = pdf_text(pdf)
    assert "CONCEPT" not in text
    assert path.exists() and path.read_bytes() == pdf and "OCW-2021-11-26" in path.name
    with db.transaction(demo) as session:
        stored = session.get(Document, document_id)
        assert stored.kind == "voortgangsbrief" and len(stored.sha256) == 64
        snapshots = session.exec(select(LetterItem).where(LetterItem.document_id == document_id)).all()
        assert [s.item_id for s in snapshots] == [i.id for i in chosen]
        # the register moves on after the letter was sent...
        target = items.get_item(session, chosen[0].id)
        items.update_item(session, target, {"stand_van_zaken": "Nieuwe stand na de brief", "title": "Andere titel"}, system("test"))
    with db.transaction(demo) as session:
        again = letters.render_pdf(letters.stored_view(session, document_id))
    assert again == pdf  # ...but the letter as sent is reproduced byte for byte
    assert "Nieuwe stand na de brief" not in pdf_text(again)[0]


def test_stored_letter_survives_a_new_template_but_not_the_loss_of_both_copies(demo, tmp_path, monkeypatch):
    with db.transaction(demo) as session:
        ministry, chosen, view = build(session, kinds=["toezegging"])
        document, pdf, path = letters.store_final(session, view, ministry, chosen, system("test"), tmp_path / "exports")
        document_id = document.id
    # a later template or WeasyPrint renders differently: the PDF in the database is the letter as sent, file or not
    faithful = letters.render_pdf
    monkeypatch.setattr(letters, "render_pdf", lambda view: b"%PDF-anders")
    path.write_bytes(b"%PDF-gewijzigd")
    with db.transaction(demo) as session:
        assert letters.stored_pdf(session, document_id) == pdf
        session.delete(session.get(DocumentPdf, document_id))  # from here on: a letter made before migration 0036
    path.write_bytes(pdf)
    with db.transaction(demo) as session:
        assert letters.stored_pdf(session, document_id) == pdf  # its file
    # file tampered with and no faithful re-render: refused with a reason, never a different letter
    path.write_bytes(b"%PDF-gewijzigd")
    with db.transaction(demo) as session, pytest.raises(TrackerError, match="ontbreekt of is gewijzigd"):
        letters.stored_pdf(session, document_id)
    out = tmp_path / "terug.pdf"
    result = CliRunner().invoke(main, ["letter-export", str(document_id), "--out", str(out)])
    assert result.exit_code == 1 and "ontbreekt of is gewijzigd" in result.output and not out.exists()
    monkeypatch.setattr(letters, "render_pdf", faithful)
    # the snapshot alone still reproduces it while the software is unchanged
    path.unlink()
    with db.transaction(demo) as session:
        assert letters.stored_pdf(session, document_id) == pdf


def test_letter_without_items_is_refused(demo):
    with db.transaction(demo) as session:
        _, _, view = build(session, kinds=["kamervragen"])  # OCW has none
        assert view.entries == []
        with pytest.raises(ValidationError, match="zonder items"):
            letters.render_pdf(view)


def test_cli_letter_concept_final_discharge_and_export(demo, tmp_path):
    runner = CliRunner()
    out = tmp_path / "brief.pdf"
    concept = runner.invoke(main, ["letter", "--ministerie", "ocw", "--concept", "--out", str(out)])
    assert concept.exit_code == 0 and "niet opgeslagen" in concept.output
    assert "CONCEPT" in pdf_text(out.read_bytes())[0]
    empty = runner.invoke(main, ["letter", "--ministerie", "OCW", "--soort", "kamervragen", "--out", str(out)])
    assert empty.exit_code == 1 and "zonder items" in empty.output
    final = runner.invoke(main, ["letter", "--ministerie", "OCW", "--soort", "toezegging", "--datum", "2021-11-26",
                                 "--afdoen", "VGR-EMANC-2021 T04", "--betreft", "Voortgang toezeggingen",
                                 "--out", str(out)])
    assert final.exit_code == 0, final.output
    text = flat(pdf_text(out.read_bytes())[0])
    assert "CONCEPT" not in text and "Met deze brief is aan deze toezegging voldaan." in text
    with db.transaction(demo) as session:
        letter = session.exec(select(Letter)).one()
        t04 = items.find_item(session, "TK", "toezegging", "VGR-EMANC-2021 T04")
        assert (t04.status, t04.closed_on) == ("voldaan", date(2021, 11, 26))
        assert session.get(ItemDocument, (t04.id, letter.document_id, "antwoord")) is not None
    again = tmp_path / "opnieuw.pdf"
    export = runner.invoke(main, ["letter-export", str(letter.document_id), "--out", str(again)])
    assert export.exit_code == 0 and again.read_bytes() == out.read_bytes()
    unknown = runner.invoke(main, ["letter", "--ministerie", "OCW", "--afdoen", "X-1", "--out", str(out)])
    assert unknown.exit_code == 1 and "staat niet in de selectie" in unknown.output


# ------------------------------------------------------------------------------------- web page
@pytest.fixture
def client(demo, database_url, tmp_path):
    from tracker.web import create_app
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False})
    return app.test_client()


def _login(client, username):
    client.post("/inloggen", data={"username": username, "password": "kamertracker-demo"})


def _ocw_items(engine):
    with db.transaction(engine) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).first()
        return ministry.id, [i.id for i in letters.select_items(session, ministry, "TK", ["toezegging"])]


def test_web_preview_concept_final_and_download(client, demo):
    _login(client, "ocw")
    ministry_id, ids = _ocw_items(demo)
    form = {"ministry_id": ministry_id, "chamber": "TK", "kinds": ["toezegging"], "betreft": "Voortgang toezeggingen",
            "dagtekening": "26-11-2021", "annex": "y", "item": [str(i) for i in ids]}
    found = client.post("/voortgangsbrief/", data={**form, "actie": "zoeken"}).get_data(as_text=True)
    assert "VGR-EMANC-2021 T01" in found and "Voorbeeld (HTML)" in found
    preview = client.post("/voortgangsbrief/", data={**form, "actie": "voorbeeld"})
    html = preview.get_data(as_text=True)
    assert preview.mimetype == "text/html" and "Prevalentieonderzoek naar intersekse kinderen" in html
    concept = client.post("/voortgangsbrief/", data={**form, "actie": "concept"})
    assert concept.mimetype == "application/pdf" and "CONCEPT" in pdf_text(concept.data)[0]
    final = client.post("/voortgangsbrief/", data={**form, "actie": "definitief"})
    assert final.status_code == 302
    page = client.get(final.headers["Location"]).get_data(as_text=True)
    assert "Download PDF" in page
    with db.transaction(demo) as session:
        letter = session.exec(select(Letter)).one()
        stored = Path(letter.path).read_bytes()
    download = client.get(f"/voortgangsbrief/{letter.document_id}/pdf")
    assert download.data == stored and "CONCEPT" not in pdf_text(download.data)[0]


def test_web_refuses_empty_letter_and_viewer_final(client, demo):
    _login(client, "ocw")
    ministry_id, _ = _ocw_items(demo)
    empty = client.post("/voortgangsbrief/", data={"ministry_id": ministry_id, "chamber": "TK", "betreft": "x",
                                                   "actie": "concept"})
    assert empty.status_code == 400 and "zonder items" in empty.get_data(as_text=True)
    client.post("/uitloggen")
    _login(client, "lezer")
    _, ids = _ocw_items(demo)
    forbidden = client.post("/voortgangsbrief/", data={"ministry_id": ministry_id, "chamber": "TK", "betreft": "x",
                                                       "actie": "definitief", "item": [str(ids[0])]})
    assert forbidden.status_code == 403


# --------------------------------------------------------------------------------------- rappel
def test_rappel_pdf_and_csv(demo, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["rappel", "--ministerie", "OCW", "--kamer", "TK", "--peildatum", "2021-07-01",
                                  "--datum", "2021-07-05", "--ondertekenaar", "Kh. Arib", "--out", str(tmp_path / "rappel")])
    assert result.exit_code == 0, result.output
    # T02 has no deadline the rules can compute: the rappel lists it apart, with the reason (it once left it out)
    assert "3 toezeggingen (1 met verstreken termijn, 1 zonder bekende termijn)" in result.output
    lines = (tmp_path / "rappel.csv").read_text(encoding="utf-8").lstrip("\ufeff").splitlines()
    assert lines[0] == ("nummer;datum_toezegging;tekst;deadline;status;commissie;verstreken;prognose;groep;"
                        "reden_zonder_deadline")
    assert lines[1].startswith("VGR-EMANC-2021 T04;2020-11-02;") and ";2021-05-31;deels voldaan;;ja;" in lines[1]
    assert lines[2].startswith("VGR-EMANC-2021 T01;") and ";2021-12-31;openstaand;;nee;;binnenkort;" in lines[2]
    assert lines[3].startswith("VGR-EMANC-2021 T02;2020-11-02;") and lines[3].endswith(";zonder;geen termijn genoemd")
    text = flat(pdf_text((tmp_path / "rappel.pdf").read_bytes())[0])
    # the narrow Nummer column may wrap the code after its hyphen ("VGR-" / "EMANC-2021 T04"; issue 23's layout)
    assert "peildatum 1 juli 2021" in text and "VGR-EMANC-2021 T04" in text.replace("- ", "-")
    assert "Pagina 1 van 2" in text
    assert "Toezeggingen waarvan de termijn is verstreken (1)" in text and "Ik verzoek u de Kamer vóór" in text


def test_rappel_only_counts_what_was_open_on_the_reference_date(demo, tmp_path):
    runner = CliRunner()
    empty = runner.invoke(main, ["rappel", "--ministerie", "OCW", "--kamer", "TK", "--peildatum", "2020-07-01",
                                 "--concept", "--out", str(tmp_path / "leeg.pdf")])
    assert empty.exit_code == 1 and "geen openstaande" in empty.output
    csv_only = runner.invoke(main, ["rappel", "--ministerie", "OCW", "--kamer", "TK", "--peildatum", "2020-07-01",
                                    "--out", str(tmp_path / "leeg.csv")])
    assert csv_only.exit_code == 0 and len((tmp_path / "leeg.csv").read_text().splitlines()) == 1


def test_rappel_from_the_web(client, demo):
    """The rappel page (tracker.web.rappel; more in tests/test_rappel.py): CSV, concept PDF, refusals."""
    _login(client, "griffie")
    assert client.get("/rappel/").status_code == 200
    with db.transaction(demo) as session:
        ocw = session.exec(select(Ministry).where(Ministry.code == "OCW")).first().id
    form = {"ministry_id": ocw, "chamber": "TK", "dagtekening": "5 juli 2021"}
    csv = client.post("/rappel/", data={**form, "peildatum": "1 juli 2021", "actie": "csv"})
    assert csv.mimetype == "text/csv" and "VGR-EMANC-2021 T04" in csv.get_data(as_text=True)
    pdf = client.post("/rappel/", data={**form, "peildatum": "01-07-2021", "actie": "concept"})
    assert pdf.mimetype == "application/pdf" and "peildatum 1 juli 2021" in flat(pdf_text(pdf.data)[0])
    empty = client.post("/rappel/", data={**form, "peildatum": "01-07-2020", "actie": "concept"})
    assert empty.status_code == 400 and "openstaande toezeggingen" in empty.get_data(as_text=True)
    bad = client.post("/rappel/", data={**form, "peildatum": "31-02-2021", "actie": "concept"})
    assert bad.status_code == 400 and "geen bestaande datum" in bad.get_data(as_text=True)


def test_letter_by_theme_and_date_range(demo, tmp_path):
    with db.transaction(demo) as session:
        for nummer, tags in (("VGR-EMANC-2021 T04", "Topvrouwen, arbeidsmarkt"), ("VGR-EMANC-2021 T01", "Intersekse"),
                             ("35628, nr. 10", "topvrouwen")):
            kind = "motie" if "nr." in nummer else "toezegging"
            items.update_item(session, items.find_item(session, "TK", kind, nummer), {"tags": tags}, system("test"))
    runner = CliRunner()
    out = tmp_path / "thema.pdf"
    result = runner.invoke(main, ["letter", "--ministerie", "OCW", "--groepeer", "thema", "--concept", "--out", str(out)])
    assert result.exit_code == 0, result.output
    body = flat(pdf_text(out.read_bytes())[0])
    assert body.index("Intersekse") < body.index("Topvrouwen") < body.index("Overige onderwerpen")
    only = runner.invoke(main, ["letter", "--ministerie", "OCW", "--tag", "TOPVROUWEN", "--alles", "--concept",
                                "--out", str(out)])
    assert "2 items" in only.output
    ranged = runner.invoke(main, ["letter", "--ministerie", "OCW", "--van", "2020-11-01", "--tot", "2020-11-30",
                                  "--alles", "--concept", "--out", str(out)])
    assert "2 items" in ranged.output  # T02 and T04 were made on 2 November 2020
    text = flat(pdf_text(out.read_bytes())[0])
    assert "VGR-EMANC-2021 T04" in text and "VGR-EMANC-2021 T01" not in text


def test_web_search_tells_who_signs_and_defaults_to_open_moties_and_toezeggingen(client, demo):
    _login(client, "ocw")
    ministry_id, _ = _ocw_items(demo)
    today = client.post("/voortgangsbrief/", data={"ministry_id": ministry_id, "chamber": "TK", "actie": "zoeken"})
    page = today.get_data(as_text=True)
    assert today.status_code == 200  # a notice, not an error
    assert "niemand bewindspersoon van het ministerie van Onderwijs, Cultuur en Wetenschap" in page
    assert "35628, nr. 10" not in page  # the Bergkamp motion closed in 2021 is not reported again
    then = client.post("/voortgangsbrief/", data={"ministry_id": ministry_id, "chamber": "TK", "actie": "zoeken",
                                                  "dagtekening": "26-11-2021"})
    page = then.get_data(as_text=True)
    assert "niemand bewindspersoon" not in page and 'value="Ingrid van Engelshoven"' in page


def _row(page: str, nummer: str) -> str:
    """The compose page's table row of one item."""
    import re
    return next(row for row in re.findall(r"<tr>.*?</tr>", page, re.S) if nummer in row)


def test_web_search_lists_the_items_as_they_stood_on_the_letters_date(client, demo):
    """The Bergkamp motion was closed on 26 November 2021: a letter of 1 June 2021 lists it as in uitvoering (and
    it may still be discharged), one of 26 November 2021 as afgedaan bij brief (and it can no longer be)."""
    _login(client, "ocw")
    ministry_id, _ = _ocw_items(demo)
    form = {"ministry_id": ministry_id, "chamber": "TK", "kinds": ["motie"], "everything": "y", "actie": "zoeken"}
    june = client.post("/voortgangsbrief/", data={**form, "dagtekening": "01-06-2021"}).get_data(as_text=True)
    row = _row(june, "35628, nr. 10")
    assert "In uitvoering" in row and "Afgedaan" not in row and "disabled" not in row
    assert "Status op 1 juni 2021" in june
    november = client.post("/voortgangsbrief/", data={**form, "dagtekening": "26-11-2021"}).get_data(as_text=True)
    row = _row(november, "35628, nr. 10")
    assert "Afgedaan bij brief van 26\u00a0november\u00a02021" in row and "disabled" in row
    # the preview of the June letter says the same as its list
    with db.transaction(demo) as session:
        motion = items.find_item(session, "TK", "motie", "35628, nr. 10")
    preview = client.post("/voortgangsbrief/", data={**form, "dagtekening": "01-06-2021", "actie": "voorbeeld",
                                                     "item": [str(motion.id)]}).get_data(as_text=True)
    assert "In uitvoering" in preview and "Afgedaan" not in preview


def test_a_stored_letter_shows_what_was_sent_and_says_so(client, demo):
    """A final letter with a closed item without a stand (no "geen nieuwe stand" line under it) renders again from
    its snapshot byte for byte, and its page, after the register changed, shows the snapshot and says it is one."""
    on = date(2026, 12, 1)
    with db.transaction(demo) as session:
        vraag = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z19999", title="Vragen over leraren", ministry_code="OCW",
            start_date=date(2026, 10, 1)), system("test"))
        items.record_answer(session, vraag, date(2026, 10, 20), system("test"))
    with db.transaction(demo) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).first()
        made = letters.compose(session, ministry, on=on, kinds=list(letters.GROUPS), everything=True,
                               signer_function="minister van Onderwijs, Cultuur en Wetenschap", signer_name="A. Minister")
        closed = [e for e in made.view.entries if not e.open and not e.stand_van_zaken]
        assert closed  # the case the snapshot has to keep
        still_open = next(e for e in made.view.entries if e.open)
        document, pdf, path = letters.store_final(session, made.view, ministry, made.items, system("test"),
                                                  letters.exports_dir())
        document_id = document.id
        session.delete(session.get(DocumentPdf, document_id))
    path.unlink()  # only the snapshot is left
    with db.transaction(demo) as session:
        assert letters.stored_pdf(session, document_id) == pdf
        item = session.get(items.TrackedItem, still_open.item_id)
        items.update_item(session, item, {"stand_van_zaken": "Een stand van na de brief."}, system("test"))
    _login(client, "ocw")
    page = client.get(f"/voortgangsbrief/{document_id}").get_data(as_text=True)
    assert "zoals hij is verzonden" in page and "momentopname van 1 december 2026" in page
    assert "Een stand van na de brief." not in page and still_open.status_text in page
