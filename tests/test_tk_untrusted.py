"""The Tweede Kamer's open data read as untrusted: any field of any entity missing, null or of another type, and
the values that ended in tracebacks (a 5,000-digit number, a context that is no text, a year 1 or 9999 with an
offset, a lone surrogate, a NUL or a too long Id, two Zaken with one Nummer). Each is a Dutch message naming
the page and the entity, nothing written, exit 1 on the CLI and a 400 on the web page; never a traceback."""
from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tracker import db, tk
from tracker.authz import system
from tracker.cli import main
from tracker.errors import ValidationError
from tracker.models import AuditEvent, TkRecord, TrackedItem

FIXTURES = Path(__file__).parent / "fixtures" / "tk"
PAGES = {file.name: json.loads(file.read_text(encoding="utf-8")) for file in sorted((FIXTURES / "base").iterdir())}


def _fields(value, path=()):
    """Every field of every row of a page, nested rows too: (path to the row, field name)."""
    if isinstance(value, dict):
        for name, inner in value.items():
            yield path, name
            yield from _fields(inner, (*path, name))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _fields(inner, (*path, index))


def _field_kinds() -> list[tuple[str, tuple, str]]:
    """(page, path with the row numbers left out, field): each field of each entity once."""
    seen, kinds = set(), []
    for name, page in PAGES.items():
        for path, field in _fields(page["value"]):
            shape = (name, tuple(p for p in path if isinstance(p, str)), field)
            if shape not in seen:
                seen.add(shape)
                kinds.append(shape)
    return kinds


def _other_type(value):
    if isinstance(value, bool):
        return "false"
    if isinstance(value, str):
        return 5
    if isinstance(value, (int, float)):
        return "5"
    if isinstance(value, list):
        return {"Id": "x"}
    return [value]


def _mutated(page: str, shape: tuple, field: str, how: str) -> dict:
    """The page with this field deleted, nulled or retyped in every row of this shape."""
    document = copy.deepcopy(PAGES[page])

    def visit(value, path):
        if isinstance(value, dict):
            if tuple(p for p in path if isinstance(p, str)) == shape and field in value:
                if how == "delete":
                    del value[field]
                elif how == "null":
                    value[field] = None
                else:
                    value[field] = _other_type(value[field])
            for name, inner in list(value.items()):
                visit(inner, (*path, name))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                visit(inner, (*path, index))
    visit(document["value"], ())
    return document


def _write_pages(folder: Path, changed: dict[str, dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, page in PAGES.items():
        (folder / name).write_text(json.dumps(changed.get(name, page), ensure_ascii=False), encoding="utf-8")
    return folder


def _counts(engine) -> tuple[int, int, int]:
    with db.transaction(engine) as session:
        return tuple(session.execute(select(func.count()).select_from(model)).scalar()
                     for model in (TkRecord, TrackedItem, AuditEvent))


def _import_or_message(engine, folder: Path) -> str | None:
    """Import in a transaction that is rolled back; the message when refused, None when imported."""
    try:
        with db.trial(engine) as session:
            tk.import_path(session, folder, system("fuzz"))
    except ValidationError as error:
        assert error.problems and all(str(problem).strip() for problem in error.problems)
        return str(error)
    return None


@pytest.mark.parametrize("how", ["delete", "null", "retype"])
def test_every_field_of_every_entity_deleted_nulled_or_retyped_is_imported_or_a_message(reference_data, tmp_path, how):
    before = _counts(reference_data)
    for number, (page, shape, field) in enumerate(_field_kinds()):
        folder = _write_pages(tmp_path / f"{how}-{number}", {page: _mutated(page, shape, field, how)})
        message = _import_or_message(reference_data, folder)
        if message is not None:
            entity = page.split("-")[0]
            assert page in message or entity in message, (page, shape, field, message)
    assert _counts(reference_data) == before


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                           max_leaves=6)


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 40)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_any_value_in_any_field_is_imported_or_a_message(reference_data, tmp_path_factory, data):
    kinds = _field_kinds()
    changed: dict[str, dict] = {}
    for page, shape, field in data.draw(st.lists(st.sampled_from(kinds), min_size=1, max_size=3)):
        document = changed.setdefault(page, copy.deepcopy(PAGES[page]))
        rows = [row for path, name in _fields(document["value"]) if name == field
                for row in [_at(document["value"], path)] if tuple(p for p in path if isinstance(p, str)) == shape]
        for row in rows[:data.draw(st.integers(1, 3))]:
            row[field] = data.draw(json_values)
    _import_or_message(reference_data, _write_pages(tmp_path_factory.mktemp("pages"), changed))


def _at(value, path):
    for step in path:
        value = value[step]
    return value


ZAAK = {"Id": "z-1", "Soort": "Schriftelijke vragen", "Nummer": "2024Z00001", "Onderwerp": "Vragen",
        "GestartOp": "2024-03-01T10:00:00+01:00", "GewijzigdOp": "2024-03-01T10:00:00+01:00", "Verwijderd": False}


def _page(folder: Path, rows=None, entity="Zaak", raw=None, context=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    document = {"@odata.context": context if context is not None else f"https://x/$metadata#{entity}", "value": rows}
    (folder / f"{entity}-00001.json").write_text(raw if raw is not None else json.dumps(document), encoding="utf-8")
    return folder


@pytest.mark.parametrize("raw, message", [
    ('{"value": [{"Id": "z-1", "Nummer": ' + "1" * 5000 + "}]}", "Zaak-00001.json: een getal van meer dan"),
    (json.dumps({"@odata.context": 5, "value": [ZAAK]}), "Zaak-00001.json: @odata.context is geen tekst"),
    (json.dumps({"value": [{**ZAAK, "GestartOp": "0001-01-01T00:00:00+01:00"}]}), "veld GestartOp"),
    (json.dumps({"value": [{**ZAAK, "GestartOp": "9999-12-31T23:30:00-05:00"}]}), "veld GestartOp"),
    (json.dumps({"value": [{**ZAAK, "GewijzigdOp": "9999-12-31T23:30:00-05:00"}]}), "veld GewijzigdOp"),
    (json.dumps({"value": [{**ZAAK, "GestartOp": "1700-01-01"}]}), "veld GestartOp"),
    ('{"value": [{"Id": "z-1", "Soort": "Motie", "Titel": "a\\ud800b"}]}', "Zaak-00001.json: rij 1, veld Titel"),
    ('{"value": [{"Id": "z-1", "Soort": "Motie", "X\\udfff": 1}]}', "Zaak-00001.json: rij 1"),
    (json.dumps({"value": [{**ZAAK, "Id": "z\u00001"}]}), "veld Id"),
    (json.dumps({"value": [{**ZAAK, "Id": "z" * 41}]}), "veld Id"),
    (json.dumps({"value": [ZAAK, {**ZAAK, "Id": "z-2"}]}),
     "Zaak-00001.json: Zaak z-2 heeft hetzelfde nummer 2024Z00001 als Zaak z-1"),
], ids=["5000 digits", "context 5", "year 1", "year 9999", "modified 9999", "year 1700", "lone surrogate",
        "surrogate in a name", "NUL in Id", "Id of 41", "one Nummer twice"])
def test_what_ended_in_a_traceback_is_a_message_and_nothing_is_written(engine, database_url, tmp_path, monkeypatch,
                                                                       raw, message):
    folder = _page(tmp_path, raw=raw)
    with pytest.raises(ValidationError) as refused, db.transaction(engine) as session:
        tk.import_path(session, folder, system("test"))
    assert message in str(refused.value)
    assert _counts(engine) == (0, 0, 0)
    monkeypatch.setenv("DATABASE_URL", database_url)
    result = CliRunner().invoke(main, ["import-tk", str(folder)])
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output, result.output
    assert _counts(engine) == (0, 0, 0)


def test_an_expanded_row_without_an_id_is_read(engine, tmp_path):
    """KeyError: 'Id' in the projection of a Zaak whose expanded Document had no Id."""
    answer = {"Soort": "Antwoord schriftelijke vragen", "Datum": "2024-04-01", "Titel": "Antwoord"}
    with db.transaction(engine) as session:
        tk.import_path(session, _page(tmp_path, [{**ZAAK, "Document": [answer]}]), system("test"))
    with db.transaction(engine) as session:
        item = session.execute(select(TrackedItem).where(TrackedItem.nummer == "2024Z00001")).scalar_one()
        assert item.status == "beantwoord"


def test_the_open_data_page_answers_a_message_not_a_500(app, login_as, demo):
    from io import BytesIO
    client = login_as("admin")
    for raw in ('{"value": [{"Id": "z-1", "Nummer": ' + "1" * 5000 + "}]}",
                json.dumps({"value": [{**ZAAK, "GestartOp": "0001-01-01T00:00:00+01:00"}]}),
                json.dumps({"value": [ZAAK, {**ZAAK, "Id": "z-2"}]})):
        page = client.post("/beheer/open-data/", data={"files": [(BytesIO(raw.encode()), "Zaak-00001.json")]},
                           content_type="multipart/form-data")
        assert page.status_code == 400 and "Zaak-00001.json" in page.get_data(as_text=True)
