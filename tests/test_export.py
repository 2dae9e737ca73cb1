"""Exports in the import's columns: what they hold, and that export → import → export changes nothing."""
import csv
import io
from datetime import date

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import text
from sqlmodel import SQLModel

from tracker.authz import system
from tracker import db, exporter, importer
from tracker.cli import main
from tracker.services.queries import ListFilter

TODAY = date(2026, 11, 25)
REFERENCE_TABLES = {"ministry", "person", "position", "committee", "recess", "app_user", "login_failure",
                    "alembic_version"}


def export_csv(engine, f=None) -> str:
    buffer = io.StringIO()
    with db.transaction(engine) as session:
        exporter.write_csv(exporter.export_rows(session, f or ListFilter(state="alle", sort="nummer"), TODAY), buffer)
    return buffer.getvalue()


def rows_of(csv_text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")), delimiter=";"))


def forget_items(engine) -> None:
    """Keep ministries, persons, committees, recesses and users; drop every item and document."""
    with engine.begin() as connection:
        for table in reversed(SQLModel.metadata.sorted_tables):
            if table.name not in REFERENCE_TABLES:
                connection.execute(text(f'DELETE FROM "{table.name}"'))


def test_export_has_the_import_columns_and_the_registered_facts(demo):
    exported = export_csv(demo)
    assert exported.startswith("\ufeff" + ";".join(importer.COLUMNS) + "\r\n")
    rows = {r["nummer"]: r for r in rows_of(exported)}
    assert len(rows) == 21
    van_baarle = rows["2023Z12033"]
    assert (van_baarle["soort"], van_baarle["kamer"], van_baarle["ministerie"]) == ("kamervragen", "TK", "BZK")
    assert (van_baarle["datum"], van_baarle["beantwoord"]) == ("2023-06-27", "2023-11-21")
    assert van_baarle["leden"] == "Van Baarle" and van_baarle["fractie"] == "DENK"
    letter = rows["174728.01U"]  # the EK commissiebrief with a timely uitstelbericht
    assert (letter["termijn"], letter["uitstelbericht"], letter["kamer"]) == ("4 weken", "2024-07-22", "EK")
    assert rows["35628, nr. 10"]["soort"] == "motie"


def test_filters_select_what_the_list_shows(demo):
    moties = rows_of(export_csv(demo, ListFilter(kind="motie", state="alle")))
    assert moties and all(r["soort"] == "motie" for r in moties)
    open_ek = rows_of(export_csv(demo, ListFilter(chamber="EK", state="open")))
    assert all(r["kamer"] == "EK" and not r["beantwoord"] for r in open_ek)
    found = rows_of(export_csv(demo, ListFilter(q="diversiteit", state="alle")))
    assert "2023Z12033" in {r["nummer"] for r in found}


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_round_trip_into_the_same_database_changes_nothing(demo, tmp_path, suffix):
    path = tmp_path / f"export.{suffix}"
    with db.transaction(demo) as session, path.open("w" if suffix == "csv" else "wb", **(
            {"encoding": "utf-8", "newline": ""} if suffix == "csv" else {})) as stream:
        rows = exporter.export_rows(session, ListFilter(state="alle"), TODAY)
        (exporter.write_csv if suffix == "csv" else exporter.write_xlsx)(rows, stream)
    with db.transaction(demo) as session:
        summary = importer.import_file(session, path, system("test"))
    assert summary.created.count == 0 and summary.updated.count == 0 and summary.unchanged.count == 21


def test_round_trip_into_an_empty_register_reproduces_the_export(demo, tmp_path):
    first = export_csv(demo)
    forget_items(demo)
    path = tmp_path / "export.csv"
    path.write_text(first, encoding="utf-8")
    with db.transaction(demo) as session:
        summary = importer.import_file(session, path, system("test"))
    assert len(summary.created) == 21
    assert export_csv(demo) == first


def test_an_edit_in_excel_comes_back_as_one_update(demo, tmp_path):
    path = tmp_path / "export.xlsx"
    with db.transaction(demo) as session, path.open("wb") as stream:
        exporter.write_xlsx(exporter.export_rows(session, ListFilter(kind="toezegging", state="alle"), TODAY), stream)
    workbook = load_workbook(path)
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    assert header == list(importer.COLUMNS)
    assert sheet.freeze_panes == "A2"
    assert isinstance(sheet.cell(2, header.index("datum") + 1).value, date)  # a real date cell, sortable in Excel
    sheet.cell(2, header.index("stand_van_zaken") + 1).value = "Bijgewerkt in Excel: brief volgt in maart."
    edited = sheet.cell(2, header.index("nummer") + 1).value
    workbook.save(path)
    with db.transaction(demo) as session:
        summary = importer.import_file(session, path, system("test"))
    assert summary.updated.names == [f"toezegging {edited}"]
    assert "Bijgewerkt in Excel" in {r["nummer"]: r for r in rows_of(export_csv(demo))}[edited]["stand_van_zaken"]


def test_cli_export_writes_csv_and_xlsx_and_refuses_other_formats(demo, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--soort", "motie", "--out", str(tmp_path / "moties.xlsx")])
    assert result.exit_code == 0 and "14 items" in result.output
    assert load_workbook(tmp_path / "moties.xlsx").active.max_row == 15
    stdout = runner.invoke(main, ["export", "--kamer", "EK", "--out", "-"])
    assert stdout.exit_code == 0 and stdout.output.startswith("soort;kamer;nummer")
    assert all(r["kamer"] == "EK" for r in rows_of(stdout.output))
    wrong = runner.invoke(main, ["export", "--out", str(tmp_path / "x.pdf")])
    assert wrong.exit_code == 1 and ".csv of .xlsx" in wrong.output and not (tmp_path / "x.pdf").exists()
    status_without_kind = runner.invoke(main, ["export", "--status", "beantwoord", "--out", "-"])
    assert status_without_kind.exit_code == 1 and "--soort" in status_without_kind.output


# ------------------------------------------------------------------------------------------- web
@pytest.fixture
def client(demo, database_url):
    from tracker.web import create_app
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    client.post("/inloggen", data={"username": "griffie", "password": "kamertracker-demo"})
    return client


def test_web_list_downloads_every_selected_item_not_just_the_page(client):
    xlsx = client.get("/moties?stand=alle&formaat=xlsx")
    assert xlsx.status_code == 200 and xlsx.mimetype.endswith("spreadsheetml.sheet")
    assert 'filename="moties-' in xlsx.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert [c.value for c in sheet[1]] == list(importer.COLUMNS) and sheet.max_row == 15
    filtered = rows_of(client.get("/kamervragen?stand=alle&q=diversiteit&formaat=csv").get_data(as_text=True))
    assert [r["nummer"] for r in filtered] == ["2023Z12033"]
    assert client.get("/moties?formaat=pdf").status_code == 400


def test_web_overdue_export_holds_the_overdue_items_in_import_columns(client):
    page = client.get("/te-laat?achterstand=alle&op=2024-08-01&formaat=csv").get_data(as_text=True)
    overdue_numbers = [r["nummer"] for r in csv.DictReader(io.StringIO(page.lstrip("\ufeff")), delimiter=";")]
    assert overdue_numbers
    exported = client.get("/te-laat?achterstand=alle&op=2024-08-01&formaat=xlsx")
    sheet = load_workbook(io.BytesIO(exported.data)).active
    header = [c.value for c in sheet[1]]
    numbers = [sheet.cell(r, header.index("nummer") + 1).value for r in range(2, sheet.max_row + 1)]
    assert numbers == overdue_numbers  # same items, same order
    assert client.get("/te-laat?formaat=doc").status_code == 400
