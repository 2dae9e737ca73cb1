"""Report exports (issue 26, point 3): a list or Te laat as a report to hand on, read back with openpyxl and csv;
the import-format export stays as it was."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from tracker import db
from tracker.authz import system
from tracker.importer import COLUMNS
from tracker.models import TrackedItem
from tracker.reports import HEADERS
from tracker.services import items

from tracker import clock

from .test_behandelaar import TODAY, make_team


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


@pytest.fixture
def team(demo):
    return make_team(demo)


def workbook(response):
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    return load_workbook(io.BytesIO(response.data)).active


def rows_by_nummer(sheet) -> dict[str, dict]:
    header = [c.value for c in sheet[2]]
    return {row[2].value: dict(zip(header, row)) for row in sheet.iter_rows(min_row=3)}


@pytest.fixture
def delayed(demo, team):
    """Bram's late item got an uitstelbericht promising an answer in thirty days."""
    with db.transaction(demo) as session:
        item = session.get(TrackedItem, team["bram_late"])
        items.record_delay(session, item, TODAY - timedelta(days=20), system("test"), reason="afstemming",
                           promised=TODAY + timedelta(days=30))
    with db.transaction(demo) as session:
        return {n: (i.due_date, i.status) for n, i in ((i.nummer, i) for i in session.exec(
            select(TrackedItem).where(TrackedItem.nummer.like("2026Z9700%"))))}


def test_the_list_report_in_excel_has_dutch_headers_dates_days_late_and_names(app, demo, team, delayed, login_as):
    response = login_as("bzk").get("/kamervragen?stand=alle&behandelaar=team&formaat=rapport-xlsx")
    assert 'filename="kamervragen-2026-12-07-rapport.xlsx"' in response.headers["Content-Disposition"]
    sheet = workbook(response)
    title = sheet["A1"].value
    assert title.startswith("Kamervragen — ") and "behandelaar mijn team" in title and "stand alle" in title
    assert title.endswith("peildatum 7 december 2026") and sheet["A1"].font.b
    assert [c.value for c in sheet[2]] == list(HEADERS)
    assert HEADERS[:4] == ("Soort", "Kamer", "Nummer", "Titel") and "Dagen te laat" in HEADERS
    rows = rows_by_nummer(sheet)
    assert set(rows) == {"2026Z97001", "2026Z97002", "2026Z97003"}  # mijn team: BZK's officers' items
    anna = rows["2026Z97002"]
    due = delayed["2026Z97002"][0]
    assert anna["Termijn"].value == datetime.combine(due, datetime.min.time())  # a real date cell
    assert anna["Termijn"].is_date and anna["Termijn"].number_format == "dd-mm-yyyy"
    assert anna["Dagen te laat"].value == (TODAY - due).days > 0
    assert anna["Behandelaar"].value == "Anna de Vries" and anna["Soort"].value == "Kamervragen"
    assert "_" not in anna["Status"].value
    # a title that reads as a formula stays text
    assert anna["Titel"].value == '=HYPERLINK("http://x")' and anna["Titel"].data_type == "s"
    bram = rows["2026Z97001"]
    assert bram["Uitstelbericht"].value.date() == TODAY - timedelta(days=20)
    assert bram["Uitstel tot"].value.date() == TODAY + timedelta(days=30)
    assert bram["Status"].value == "uitstel gemeld" and bram["Behandelaar"].value == "Bram Zijlstra"
    assert bram["Termijn"].value.date() == delayed["2026Z97001"][0]
    soon = rows["2026Z97003"]
    assert soon["Dagen te laat"].value is None and soon["Afgesloten op"].value is None
    assert sheet.auto_filter.ref == "A2:O5"
    assert sheet.column_dimensions["D"].width == 50 and sheet.freeze_panes == "A3"


def test_the_list_report_in_csv_is_dutch_and_inert(app, demo, team, delayed, login_as):
    response = login_as("bzk").get("/kamervragen?stand=alle&behandelaar=team&formaat=rapport-csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert tuple(rows[0]) == HEADERS
    found = {row[2]: dict(zip(HEADERS, row)) for row in rows[1:]}
    due = delayed["2026Z97002"][0]
    assert found["2026Z97002"]["Termijn"] == due.strftime("%d-%m-%Y")
    assert found["2026Z97002"]["Dagen te laat"] == str((TODAY - due).days)
    assert found["2026Z97002"]["Titel"] == "'=HYPERLINK(\"http://x\")"  # neutralised as every CSV export
    assert found["2026Z97001"]["Uitstel tot"] == (TODAY + timedelta(days=30)).strftime("%d-%m-%Y")
    assert found["2026Z97001"]["Behandelaar"] == "Bram Zijlstra"
    assert all("_" not in row["Status"] for row in found.values())


def test_the_te_laat_report_has_the_peildatum_days_late_and_filter(app, demo, team, login_as):
    client = login_as("bzk")
    sheet = workbook(client.get("/te-laat?ministerie=bzk&behandelaar=team&formaat=rapport-xlsx"))
    title = sheet["A1"].value
    assert title.startswith("Te laat op 7 december 2026 — ") and "ministerie BZK" in title
    assert "behandelaar mijn team" in title
    rows = rows_by_nummer(sheet)
    assert list(rows) == ["2026Z97001", "2026Z97002"]  # Te laat's order: longest overdue first
    from tracker.services.overdue import overdue
    with db.reading(demo) as connection:
        late = {r.nummer: r for r in overdue(connection, TODAY, ministry_code="BZK")}
    for nummer, row in rows.items():
        assert row["Dagen te laat"].value == late[nummer].days_overdue
        assert row["Termijn"].value.date() == date.fromisoformat(late[nummer].due)
    assert rows["2026Z97001"]["Behandelaar"].value == "Bram Zijlstra"
    # on an earlier peildatum the days late are those of that day
    earlier = rows_by_nummer(workbook(client.get("/te-laat?op=01-12-2026&behandelaar=ik&formaat=rapport-xlsx")))
    assert earlier["2026Z97001"]["Dagen te laat"].value == late["2026Z97001"].days_overdue - 6
    csv_body = client.get("/te-laat?behandelaar=ik&formaat=rapport-csv").get_data(as_text=True).lstrip("\ufeff")
    table = list(csv.reader(io.StringIO(csv_body), delimiter=";"))
    assert tuple(table[0]) == HEADERS and [row[2] for row in table[1:]] == ["2026Z97001"]
    assert client.get("/te-laat?formaat=rapport-pdf").status_code == 400


def test_the_import_format_exports_stay_as_they_were(app, demo, team, login_as):
    client = login_as("bzk")
    sheet = workbook(client.get("/kamervragen?stand=alle&formaat=xlsx"))
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    found = {row[2]: dict(zip(COLUMNS, row)) for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert found["2026Z97002"]["behandelaar"] == "anna"  # the login name: what the import reads back
    te_laat = client.get("/te-laat?formaat=import-csv").get_data(as_text=True).lstrip("\ufeff")
    assert te_laat.split("\r\n")[0] == ";".join(COLUMNS)


def test_an_intern_stand_stays_out_of_another_ministrys_report(app, demo, team, login_as):
    with db.transaction(demo) as session:
        item = session.get(TrackedItem, team["anna_late"])
        item.stand_van_zaken, item.stand_intern = "Concept ligt bij de DG", True
    own = rows_by_nummer(workbook(login_as("bzk").get("/kamervragen?stand=alle&formaat=rapport-xlsx")))
    assert own["2026Z97002"]["Stand van zaken"].value == "Concept ligt bij de DG"
    other = rows_by_nummer(workbook(login_as("ocw").get("/kamervragen?stand=alle&ministerie=alle&formaat=rapport-xlsx")))
    assert other["2026Z97002"]["Stand van zaken"].value in (None, "")


def test_the_command_line_writes_the_report_too(demo, team, tmp_path):
    from click.testing import CliRunner

    from tracker.cli import main

    target = tmp_path / "rapport.xlsx"
    result = CliRunner().invoke(main, ["export", "--out", str(target), "--soort", "kamervragen", "--rapport"])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(target).active
    assert sheet["A1"].value.endswith("peildatum 7 december 2026")
    rows = rows_by_nummer(sheet)
    assert rows["2026Z97002"]["Behandelaar"].value == "Anna de Vries" and rows["2026Z97002"]["Termijn"].is_date
    piped = CliRunner().invoke(main, ["export", "--out", "-", "--soort", "kamervragen", "--rapport"])
    lines = piped.output.splitlines()
    assert lines[0] == ";".join(HEADERS) and any("Anna de Vries" in line for line in lines)
    plain = CliRunner().invoke(main, ["export", "--out", "-", "--soort", "kamervragen"])
    assert plain.output.splitlines()[0] == ";".join(COLUMNS)  # without --rapport: the import's columns
