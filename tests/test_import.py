"""`tracker import`: CSV/XLSX lists, validated whole, applied whole, re-import updates."""
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlmodel import Session

from tracker.authz import system
from tracker import db
from tracker.errors import ValidationError
from tracker.importer import import_file
from tracker.models import DelayNotice, TrackedItem
from tracker.services import items

HEADER = "soort,kamer,nummer,titel,ministerie,datum,termijn,deadline,uitstelbericht,uitstel_tot,beantwoord,status"
GOOD = [
    "kamervragen,TK,2023Z12033,Vragen Van Baarle,BZK,27-06-2023,,,17 juli 2023,,21-11-2023,",
    "commissiebrief,EK,174728.01U,Vervolgvragen PER,bzk,2024-06-18,4 weken,,22-07-2024,,28 augustus 2024,",
    "toezegging,TK,T00001,Voorstellen genderdiversiteit,OCW,2 november 2020,,in het voorjaar van 2021,,,,",
    "motie,TK,\"35628, nr. 10\",Motie Bergkamp c.s.,OCW,10-02-2021,,voor 1 juni 2021,,,,",
]


def write_csv(tmp_path: Path, lines, name="lijst.csv", delimiter=",") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER.replace(",", delimiter)] + lines) + "\n", encoding="utf-8")
    return path


def total(engine, model=TrackedItem):
    with Session(engine) as session:
        return session.execute(select(func.count()).select_from(model)).scalar()


def run_import(engine, path):
    with db.transaction(engine) as session:
        return import_file(session, path, system("importer"))


def test_import_creates_items_with_deadlines_and_statuses(reference_data, tmp_path):
    summary = run_import(reference_data, write_csv(tmp_path, GOOD))
    assert len(summary.created) == 4
    with db.transaction(reference_data) as session:
        questions = items.find_item(session, "TK", "kamervragen", "2023Z12033")
        letter = items.find_item(session, "EK", "commissiebrief", "174728.01U")
        toezegging = items.find_item(session, "TK", "toezegging", "T00001")
        motie = items.find_item(session, "TK", "motie", "35628, nr. 10")
    assert (questions.status, questions.closed_on, questions.due_date) == ("beantwoord", date(2023, 11, 21), date(2023, 8, 8))
    assert (letter.status, letter.due_date) == ("beantwoord", date(2024, 8, 13))
    assert (toezegging.status, toezegging.due_date) == ("openstaand", date(2021, 5, 31))
    assert (motie.status, motie.due_date) == ("aangenomen", date(2021, 5, 31))


def test_reimport_updates_never_duplicates(reference_data, tmp_path):
    run_import(reference_data, write_csv(tmp_path, GOOD))
    changed = [GOOD[0], GOOD[1], GOOD[2].replace("Voorstellen genderdiversiteit", "Voorstellen genderdiversiteit top"), GOOD[3]]
    summary = run_import(reference_data, write_csv(tmp_path, changed, "tweede.csv"))
    assert total(reference_data) == 4
    assert total(reference_data, DelayNotice) == 2
    assert summary.updated.names == ["toezegging T00001"]
    assert len(summary.unchanged) == 3


def test_bad_rows_list_every_problem_and_import_nothing(reference_data, tmp_path):
    bad = GOOD + [
        "petitie,TK,X1,Iets,BZK,01-01-2024,,,,,,",               # row 6: soort
        "kamervragen,TK,2024Z1,Vragen,BZK,31-02-2024,,,,,,",     # row 7: datum
        "kamervragen,XX,2024Z2,Vragen,BZK,01-02-2024,,,,,,",     # row 8: kamer
        "kamervragen,TK,2024Z3,Vragen,BZK,01-02-2024,vier,,,,,",  # row 9: termijn
        "kamervragen,TK,2024Z4,Vragen,BZK,01-02-2024,,,,,,gelezen",  # row 10: status
        "kamervragen,TK,2023Z12033,Dubbel,BZK,01-02-2024,,,,,,",  # row 11: duplicate key
    ]
    with pytest.raises(ValidationError) as error:
        run_import(reference_data, write_csv(tmp_path, bad))
    where = {(p.row, p.field) for p in error.value.problems}
    assert {(6, "soort"), (7, "datum"), (8, "kamer"), (9, "termijn"), (10, "status"), (11, "nummer")} <= where
    assert "rij 7, kolom 'datum'" in str(error.value)
    assert total(reference_data) == 0


def test_problems_only_the_database_sees_also_roll_back_everything(reference_data, tmp_path):
    lines = GOOD + ["kamervragen,TK,2024Z9,Vragen,XYZ,01-02-2024,,,,,,"]
    with pytest.raises(ValidationError, match="rij 6, kolom 'ministerie': onbekend ministerie 'XYZ'"):
        run_import(reference_data, write_csv(tmp_path, lines))
    assert total(reference_data) == 0


def test_a_problem_after_chunks_were_written_still_keeps_nothing(reference_data, tmp_path, monkeypatch):
    import tracker.importer as importer
    monkeypatch.setattr(importer, "CHUNK", 2)  # the first rows are written before the bad one is read
    rows = GOOD + ["kamervragen,TK,2024Z9,Vragen,BZK,31-02-2024,,,,,,"]  # row 6: no such date
    with pytest.raises(ValidationError, match="rij 6, kolom 'datum'"):
        run_import(reference_data, write_csv(tmp_path, rows))
    assert total(reference_data) == 0 and total(reference_data, DelayNotice) == 0


def test_a_row_repeating_an_earlier_one_in_another_chunk_is_reported(reference_data, tmp_path, monkeypatch):
    import tracker.importer as importer
    monkeypatch.setattr(importer, "CHUNK", 2)  # rows 2-3 are written before row 6 is read
    repeat = "toezegging,TK,T00001,Dezelfde toezegging nog eens,OCW,2 november 2020,,,,,,"
    with pytest.raises(ValidationError) as error:
        run_import(reference_data, write_csv(tmp_path, GOOD + [repeat]))
    assert [(p.row, p.field, p.message) for p in error.value.problems] == [
        (6, "nummer", "dubbel: toezegging T00001 staat ook in rij 4")]
    assert total(reference_data) == 0


def test_rows_are_read_one_at_a_time(tmp_path):
    from tracker.importer import read_table
    rows = read_table(write_csv(tmp_path, GOOD))
    assert not isinstance(rows, list) and next(rows)[0] == "soort"  # a stream, not the whole file


def test_missing_columns_are_reported(reference_data, tmp_path):
    path = tmp_path / "kaal.csv"
    path.write_text("soort;nummer\nmotie;1\n", encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        run_import(reference_data, path)
    assert {p.field for p in error.value.problems} == {"kamer", "titel", "ministerie", "datum"}


def test_semicolon_csv_and_windows_encoding(reference_data, tmp_path):
    path = tmp_path / "excel.csv"
    text = "\n".join([HEADER.replace(",", ";"), "toezegging;TK;T00002;Reactie op advies Raad van State;OCW;1-3-2021;;;;;;"])
    path.write_bytes(text.replace("Reactie", "Reactie ë").encode("cp1252"))
    run_import(reference_data, path)
    with db.transaction(reference_data) as session:
        assert items.find_item(session, "TK", "toezegging", "T00002").title.startswith("Reactie ë")


def test_xlsx_import(reference_data, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Soort", "Kamer", "Nummer", "Titel", "Ministerie", "Datum", "Deadline", "Stand van zaken"])
    sheet.append(["toezegging", "EK", "T02423", "Evaluatie Wet open overheid", "BZK", date(2024, 1, 10),
                  "eerste helft van 2025", "Evaluatie loopt"])
    path = tmp_path / "lijst.xlsx"
    workbook.save(path)
    run_import(reference_data, path)
    with db.transaction(reference_data) as session:
        item = items.find_item(session, "EK", "toezegging", "T02423")
    assert (item.start_date, item.due_date, item.stand_van_zaken) == (date(2024, 1, 10), date(2025, 6, 30), "Evaluatie loopt")


def test_unresolvable_phrase_is_kept_and_flagged(reference_data, tmp_path):
    run_import(reference_data, write_csv(tmp_path, ["motie,TK,\"36000, nr. 5\",Motie,OCW,01-10-2024,,voor de begrotingsbehandeling,,,,"]))
    with db.transaction(reference_data) as session:
        item = items.find_item(session, "TK", "motie", "36000, nr. 5")
    assert item.deadline_phrase == "voor de begrotingsbehandeling"
    assert item.due_date is None and "handmatig" in item.due_problem


def test_summary_counts_every_row_and_names_the_first_ones():
    from tracker.importer import SHOWN, Outcome
    outcome = Outcome()
    for n in range(SHOWN + 5):
        outcome.add(f"toezegging T{n:05d}")
    assert outcome.count == len(outcome) == SHOWN + 5
    assert outcome.more == 5 and len(outcome.names) == SHOWN
    assert next(iter(outcome)) == "toezegging T00000"


def test_progress_counts_every_row_and_the_estimate_matches(reference_data, tmp_path, monkeypatch):
    import tracker.importer as importer
    from tracker.importer import count_rows
    monkeypatch.setattr(importer, "CHUNK", 2)
    path = write_csv(tmp_path, GOOD)
    reports = []
    with db.transaction(reference_data) as session:
        import_file(session, path, system("importer"), progress=reports.append)
    assert count_rows(path) == sum(reports) == len(GOOD) and len(reports) > 1  # reported as chunks are done
    unterminated = tmp_path / "zonder-eindregel.csv"
    unterminated.write_text(path.read_text().rstrip("\n"), encoding="utf-8")
    assert count_rows(unterminated) == len(GOOD)
    workbook = Workbook()
    for line in [HEADER] + GOOD[:3]:
        workbook.active.append(line.split(","))
    workbook.save(tmp_path / "lijst.xlsx")
    assert count_rows(tmp_path / "lijst.xlsx") == 3


def test_a_utf8_file_with_one_windows_1252_byte_is_refused_with_its_row(reference_data, tmp_path):
    path = tmp_path / "gemengd.csv"
    lines = [HEADER, "toezegging,TK,T00001,één toezegging,OCW,2 november 2020,,,,,,"]
    path.write_bytes("\n".join(lines).encode("utf-8") + b"\n" + "toezegging,TK,T00002,caf\xe9,OCW,2020-11-02,,,,,,\n"
                     .encode("cp1252"))
    with pytest.raises(ValidationError) as refused:
        run_import(reference_data, path)
    assert refused.value.problems[0].row == 3 and "mengt UTF-8" in str(refused.value)
    assert total(reference_data) == 0  # nothing was read as "Ã©Ã©n"


def test_bytes_that_are_no_text_are_refused(reference_data, tmp_path):
    path = tmp_path / "binair.csv"
    path.write_bytes(HEADER.encode() + b"\n\x8d\x81\xff\n")
    with pytest.raises(ValidationError, match="geen tekst in UTF-8 of Windows-1252"):
        run_import(reference_data, path)
    path.write_bytes(b"%PDF-1.7\n...")  # a PDF called .csv: judged by its content
    with pytest.raises(ValidationError, match="geen CSV- of XLSX-bestand"):
        run_import(reference_data, path)


def test_a_workbook_is_read_as_one_whatever_its_name(reference_data, tmp_path):
    workbook = Workbook()
    workbook.active.append(HEADER.split(","))
    workbook.active.append(GOOD[0].split(","))
    workbook.save(tmp_path / "lijst.csv")
    assert len(run_import(reference_data, tmp_path / "lijst.csv").created) == 1


@pytest.mark.parametrize("line, column, message", [
    ("toezegging,TK,T1,Titel,OCW,31-12-9999,,,,,,", "datum", "buiten de jaren"),
    ("toezegging,TK," + "T" * 61 + ",Titel,OCW,2024-01-01,,,,,,", "nummer", "te lang"),
    ("toezegging,TK,T1," + "x" * 501 + ",OCW,2024-01-01,,,,,,", "titel", "te lang"),
    ("kamervragen,TK,2024Z1,Vragen,BZK,2024-01-01,,,2024-03-01,,2024-02-01,", "uitstelbericht", "na het antwoord"),
])
def test_values_that_cannot_hold_are_row_problems_on_every_database(reference_data, tmp_path, line, column, message):
    with pytest.raises(ValidationError) as refused:
        run_import(reference_data, write_csv(tmp_path, [line]))
    problem = refused.value.problems[0]
    assert (problem.row, problem.field) == (2, column) and message in problem.message
    assert total(reference_data) == 0


def test_a_nul_byte_in_a_cell_is_a_row_problem(reference_data):
    """A NUL cannot be stored as text by PostgreSQL; rows that do not come from a file (intake) are checked too."""
    from tracker.importer import import_table

    table = [HEADER.split(","), "toezegging,TK,T1,Titel\x00,OCW,2024-01-01,,,,,,".split(",")]
    with pytest.raises(ValidationError) as refused, db.transaction(reference_data) as session:
        import_table(session, table, system("t"), "intake")
    assert (refused.value.problems[0].row, refused.value.problems[0].field) == (2, "titel")
    assert "NUL" in refused.value.problems[0].message


def test_an_unclosed_quote_or_a_giant_cell_is_a_message(reference_data, tmp_path):
    path = tmp_path / "kapot.csv"
    path.write_text(HEADER + "\n" + 'toezegging,TK,T1,"Titel zonder einde,OCW,2024-01-01\n' + "x" * 300_000 + "\n",
                    encoding="utf-8")
    with pytest.raises(ValidationError, match="aanhalingsteken wordt niet gesloten"):
        run_import(reference_data, path)


def test_a_workbook_that_unpacks_too_big_is_refused_before_reading(reference_data, tmp_path, monkeypatch):
    import tracker.importer as importer

    monkeypatch.setattr(importer.workbook, "MAX_UNPACKED", 1000)
    workbook = Workbook()
    workbook.active.append(HEADER.split(","))
    workbook.active.append(["x" * 5000])
    workbook.save(tmp_path / "groot.xlsx")
    with pytest.raises(ValidationError, match="uitgepakt"):
        run_import(reference_data, tmp_path / "groot.xlsx")


def test_problems_are_kept_up_to_a_limit_and_counted_beyond_it(reference_data, tmp_path, monkeypatch):
    import tracker.importer as importer

    monkeypatch.setattr(importer, "MAX_PROBLEMS", 10)
    with pytest.raises(ValidationError) as refused:
        run_import(reference_data, write_csv(tmp_path, [f"petitie,TK,{n},x,BZK,2024-01-01,,,,,," for n in range(50)]))
    assert len(refused.value.problems) == 11 and "en nog 40 problemen" in refused.value.problems[-1].message
