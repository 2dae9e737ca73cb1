"""A workbook read as untrusted: a damaged sheet's XML, an entity bomb, a zip that unpacks to far more than it
is, a sheet of millions of (empty) rows or thousands of columns — each a Dutch message (a 400 on the web, exit
1 on the CLI) or a bounded read, and the zip is checked before openpyxl opens anything."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl import Workbook
from sqlalchemy import func, select

from tracker import db, workbook
from tracker.authz import system
from tracker.cli import main
from tracker.errors import ValidationError
from tracker.importer import count_rows, import_file
from tracker.models import TrackedItem

HEADER = ["soort", "kamer", "nummer", "titel", "ministerie", "datum"]
ROWS = [["toezegging", "TK", f"T-{n}", f"Toezegging {n}", "BZK", "2024-01-01"] for n in range(1, 4)]
SHEET = "xl/worksheets/sheet1.xml"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def xlsx(path: Path, sheet_xml: str | None = None, rows=ROWS, extra: dict[str, bytes] | None = None) -> Path:
    """A workbook of HEADER and rows; with sheet_xml its first sheet's XML replaced by that text."""
    book = Workbook()
    book.active.append(HEADER)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == SHEET and sheet_xml is not None:
                data = sheet_xml.encode("utf-8")
            target.writestr(member.filename, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return path


def _inline_row(number: int, cells: list[str]) -> str:
    return f'<row r="{number}">' + "".join(f'<c t="inlineStr"><is><t>{c}</t></is></c>' for c in cells) + "</row>"


def sheet(rows_xml: str, dimension: str = "A1:F4", prologue: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prologue}<worksheet {NS}><dimension ref="{dimension}"/>'
            f"<sheetData>{rows_xml}</sheetData></worksheet>")


GOOD_ROWS = _inline_row(1, HEADER) + "".join(_inline_row(n + 2, row) for n, row in enumerate(ROWS))
BOMB = ('<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
        '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
        '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>')


def _refused(engine, path: Path) -> str:
    with pytest.raises(ValidationError) as refused, db.transaction(engine) as session:
        import_file(session, path, system("test"))
    return str(refused.value)


def _items(engine) -> int:
    with db.transaction(engine) as session:
        return session.execute(select(func.count()).select_from(TrackedItem)).scalar()


def test_the_sheet_read_from_our_own_xml_imports(reference_data, tmp_path):
    with db.transaction(reference_data) as session:
        summary = import_file(session, xlsx(tmp_path / "lijst.xlsx", sheet(GOOD_ROWS)), system("test"))
    assert len(summary.created) == 3


@pytest.mark.parametrize("sheet_xml, message", [
    (sheet(GOOD_ROWS[:GOOD_ROWS.index('<row r="3">') + 20]), "het werkblad is beschadigd na rij 2"),  # cut off
    (sheet(GOOD_ROWS.replace("</t></is></c></row>", "</t></is></row>", 1)), "het werkblad is beschadigd"),
    (sheet(GOOD_ROWS.replace(">T-1<", ">&h;<"), prologue=BOMB), "lijst.xlsx is geen leesbaar XLSX-bestand"),
    (sheet(GOOD_ROWS, prologue='<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
     "lijst.xlsx is geen leesbaar XLSX-bestand"),
], ids=["cut off", "unclosed element", "entity bomb", "external entity"])
def test_a_damaged_or_hostile_sheet_is_a_message_and_nothing_is_written(reference_data, tmp_path, sheet_xml, message):
    assert message in _refused(reference_data, xlsx(tmp_path / "lijst.xlsx", sheet_xml))
    assert _items(reference_data) == 0


def test_the_web_import_of_a_damaged_sheet_is_a_400(app, login_as, tmp_path):
    path = xlsx(tmp_path / "lijst.xlsx", sheet(GOOD_ROWS[:GOOD_ROWS.index('<row r="3">') + 20]))
    page = login_as("bzk").post("/import", data={"file": (io.BytesIO(path.read_bytes()), "lijst.xlsx")},
                                content_type="multipart/form-data")
    assert page.status_code == 400 and "het werkblad is beschadigd" in page.get_data(as_text=True)


def test_a_workbook_bomb_is_refused_by_the_cli_before_openpyxl_opens_it(demo, tmp_path, monkeypatch):
    """The CLI counted the rows for its progress bar (openpyxl, 1.1 GB of memory) before the size check."""
    monkeypatch.setattr(workbook, "MAX_UNPACKED", 1 << 20)
    path = xlsx(tmp_path / "bom.xlsx", extra={"xl/media/zeros.bin": bytes(2 << 20)})  # 2 MB of zeros: 2 kB zipped
    assert path.stat().st_size < 50_000
    opened = []
    load = openpyxl.reader.excel.load_workbook
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: opened.append(a) or load(*a, **k))
    monkeypatch.setattr(openpyxl.reader.excel, "load_workbook", lambda *a, **k: opened.append(a) or load(*a, **k))
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 1 and "uitgepakt 2 MB" in result.output and opened == []
    assert count_rows(path) == 0 and opened == []


def test_a_sheet_that_claims_or_holds_too_many_rows_is_refused(reference_data, tmp_path, monkeypatch):
    """3 million empty rows (a 7.5 MB sheet, or one <row r="3000000"/>) took 58 s and 600 MB."""
    monkeypatch.setattr(workbook, "MAX_ROWS", 1000)
    claims = xlsx(tmp_path / "claims.xlsx", sheet(GOOD_ROWS, dimension="A1:F3000000"))
    assert "3.000.000 rijen of meer, meer dan de 1.000" in _refused(reference_data, claims)
    holds = xlsx(tmp_path / "holds.xlsx", sheet(GOOD_ROWS + '<row r="3000000"/>', dimension="A1:F4"))
    assert "1.001 rijen of meer" in _refused(reference_data, holds)
    assert _items(reference_data) == 0


def test_empty_rows_cost_nothing_and_a_wide_sheet_is_read_as_wide_as_an_import(reference_data, tmp_path):
    gap = GOOD_ROWS + '<row r="200000"/>' + _inline_row(200_001, ["toezegging", "TK", "T-9", "Laatste", "BZK", "2024-02-01"])
    path = xlsx(tmp_path / "lijst.xlsx", sheet(gap, dimension="A1:XFD200001"))
    rows = list(workbook.rows(path))
    assert len(rows) == 200_001 and rows[-1][2] == "T-9" and rows[100] == []
    assert max(len(row) for row in rows) == workbook.MAX_COLUMNS  # not 16,384 cells a row
    with db.transaction(reference_data) as session:
        assert len(import_file(session, path, system("test")).created) == 4
