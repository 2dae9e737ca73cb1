"""Fuzzing the parsers behind every door: the list import, open-data pages and intake. Whatever the bytes,
the answer is a Dutch message (ValidationError / ValueError) or a result, never a traceback, and a refused
import leaves the register exactly as it was."""
from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func
from sqlmodel import select

from tracker import db, tk
from tracker.authz import system
from tracker.errors import ValidationError
from tracker.importer import COLUMNS, import_file
from tracker.intake.proposal import propose
from tracker.intake.text import document_text
from tracker.models import AuditEvent, TkRecord, TrackedItem

SLOW = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 60)), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
cells = st.one_of(st.sampled_from(["", "motie", "toezegging", "kamervragen", "TK", "EK", "BZK", "OCW", "2024-01-01",
                                   "31-02-2024", "9999-12-31", "voor de zomer", "4 weken", "beantwoord", '"', "=1+1",
                                   "x" * 600, "35628, nr. 10", "T02423"]),
                  st.text(max_size=40))
rows = st.lists(st.lists(cells, min_size=0, max_size=len(COLUMNS) + 2), max_size=6)


def _state(engine) -> tuple[int, int]:
    with db.transaction(engine) as session:
        return (session.exec(select(func.count()).select_from(TrackedItem)).one(),
                session.exec(select(func.count()).select_from(AuditEvent)).one())


@SLOW
@given(table=rows, header=st.lists(st.sampled_from(list(COLUMNS) + ["x", ""]), max_size=len(COLUMNS)),
       delimiter=st.sampled_from([";", ","]), encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_any_csv_is_imported_or_refused_whole(reference_data, tmp_path_factory, table, header, delimiter, encoding):
    path = tmp_path_factory.mktemp("csv") / "lijst.csv"
    text = "\n".join(delimiter.join(row) for row in [header or list(COLUMNS[:6])] + table)
    try:
        path.write_bytes(text.encode(encoding))
    except UnicodeEncodeError:
        return
    before = _state(reference_data)
    try:
        with db.transaction(reference_data) as session:
            import_file(session, path, system("fuzz"))
    except ValidationError as error:
        assert error.problems and all(str(problem) for problem in error.problems)
        assert _state(reference_data) == before  # nothing half written


@SLOW
@given(data=st.binary(max_size=300))
def test_any_bytes_as_a_list_are_refused_with_a_message(reference_data, tmp_path_factory, data):
    for name in ("lijst.csv", "lijst.xlsx"):
        path = tmp_path_factory.mktemp("bytes") / name
        path.write_bytes(data)
        try:
            with db.transaction(reference_data) as session:
                import_file(session, path, system("fuzz"))
        except ValidationError:
            pass


json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                                     st.text(max_size=20),
                                     st.sampled_from(["2024-02-30", "2024-03-01T10:00:00+01:00", "Schriftelijke vragen",
                                                      "Motie", "false", "Indiener"])),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                               st.sampled_from(["Id", "Soort", "Nummer", "Onderwerp", "GestartOp", "GewijzigdOp",
                                                "Verwijderd", "ZaakActor", "Relatie", "Zaak_Id", "x"]), inner, max_size=5),
                           max_leaves=20)


@SLOW
@given(rows=st.lists(st.dictionaries(st.sampled_from(["Id", "Soort", "Nummer", "Onderwerp", "GestartOp",
                                                      "GewijzigdOp", "Verwijderd", "ZaakActor", "Zaak_Id", "Titel"]),
                                     json_values, max_size=8), max_size=4),
       entity=st.sampled_from(["Zaak", "ZaakActor", "Document", "Toezegging", "Persoon", "Fractie"]))
def test_any_odata_page_is_imported_or_refused_whole(reference_data, tmp_path_factory, rows, entity):
    folder = tmp_path_factory.mktemp("odata")
    (folder / f"{entity}-00001.json").write_text(json.dumps(
        {"@odata.context": f"https://x/$metadata#{entity}", "value": rows}), encoding="utf-8")
    with db.transaction(reference_data) as session:
        before = session.exec(select(func.count()).select_from(TkRecord)).one()
    try:
        with db.transaction(reference_data) as session:
            tk.import_path(session, folder, system("fuzz"))
    except ValidationError:
        with db.transaction(reference_data) as session:
            assert session.exec(select(func.count()).select_from(TkRecord)).one() == before


@settings(max_examples=80, deadline=None)
@given(text=st.one_of(st.text(max_size=400), st.lists(st.sampled_from([
    "Den Haag, 1 oktober 2024", "BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN", "Kenmerk 174728.01U",
    "binnen vier weken na dagtekening van deze brief", "Vragen van het lid Erkens (VVD) aan de minister",
    "(ingezonden 20 december 2024)", "verzoekt de regering", "Kamerstukken II 2020/21, 35628, nr. 10",
    "1  Kamerstukken 35628, nr. 10.", "Moties en toezeggingen", "Toezeggingen", "Stand van zaken:", "",
    "U ontvangt deze snel na het herfstreces.", "Datum 31 februari 2024"]), max_size=30).map("\n".join)))
def test_any_text_gives_a_proposal_or_a_message(text):
    try:
        proposal = propose(text)
    except ValueError as error:
        assert str(error)
        return
    json.dumps(proposal.as_json(), default=str)  # every proposal can be shown and saved


@settings(max_examples=80, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_as_a_paper_give_text_or_a_message(data):
    try:
        document_text(data, "brief")
    except ValidationError as error:
        assert "brief" in str(error)
