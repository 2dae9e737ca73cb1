"""Issue 22, access and secrets: archived items at every door, --door, the document read check, tokens and feeds
after a password change, the intern stand van zaken, password spraying, and secrets in logs, files and URLs.

Each test is an attempt that got through before; all run on SQLite and PostgreSQL.
"""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func
from sqlmodel import select

from tracker import db, importer
from tracker.authz import Actor, system
from tracker.cli import main
from tracker.errors import NotFound, ValidationError
from tracker.intake.proposal import propose
from tracker.models import AuditEvent, Document, Letter, Ministry, User
from tracker.services import intake as intake_service
from tracker.services import items
from tracker.services.tokens import create_token

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "papers"
BZK_ITEM = ("TK", "kamervragen", "2024Z99999")  # made open by archived_item()
HEADER = "soort;kamer;nummer;titel;ministerie;datum;status;beantwoord\n"


def officer(engine, code: str) -> Actor:
    with db.transaction(engine) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == code)).one()
        return Actor(f"{code.lower()} (officer, {code})", "officer", ministry.id, code)


def snapshot(engine, key) -> tuple:
    chamber, kind, nummer = key
    with db.transaction(engine) as session:
        item = items.find_item(session, chamber, kind, nummer)
        events = session.exec(select(func.count()).select_from(AuditEvent).where(AuditEvent.item_id == item.id)).one()
        return item.title, item.stand_van_zaken, item.status, item.closed_on, item.version, events


def archived_item(engine) -> None:
    """An open set of Kamervragen of BZK, archived by an admin."""
    with db.transaction(engine) as session:
        item = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2024Z99999", title="Vragen over de PER", ministry_code="BZK",
            start_date=date(2024, 10, 1)), system("test"))
        items.archive_item(session, item, system("test"), "dubbel geregistreerd")


def token_for(engine, username: str) -> str:
    with db.transaction(engine) as session:
        user = session.exec(select(User).where(User.username == username)).one()
        return create_token(session, user, "test")[1]


# ----------------------------------------------------------------------------- 3. archived items, every door
ARCHIVED_ROWS = {
    "titel": "kamervragen;TK;2024Z99999;Nieuwe titel;BZK;2024-10-01;;\n",
    "status": "kamervragen;TK;2024Z99999;Vragen over de PER;BZK;2024-10-01;ingetrokken;\n",
    "afsluiten": "kamervragen;TK;2024Z99999;Vragen over de PER;BZK;2024-10-01;beantwoord;2024-11-01\n",
}


@pytest.mark.parametrize("change", sorted(ARCHIVED_ROWS))
def test_import_refuses_an_archived_item_of_ones_own_ministry(demo, tmp_path, change):
    archived_item(demo)
    before = snapshot(demo, BZK_ITEM)
    path = tmp_path / "lijst.csv"
    path.write_text(HEADER + "toezegging;TK;NIEUW-1;Een nieuwe;BZK;2024-10-01;;\n" + ARCHIVED_ROWS[change],
                    encoding="utf-8")
    with pytest.raises(ValidationError) as refused, db.transaction(demo) as session:
        importer.import_file(session, path, officer(demo, "BZK"))
    assert "rij 3: kamervragen 2024Z99999 is gearchiveerd" in str(refused.value)
    assert snapshot(demo, BZK_ITEM) == before
    with db.transaction(demo) as session:
        assert items.find_item(session, "TK", "toezegging", "NIEUW-1") is None  # nothing written


def test_cli_import_refuses_an_archived_item_for_the_operator_too(demo, tmp_path):
    archived_item(demo)
    before = snapshot(demo, BZK_ITEM)
    path = tmp_path / "lijst.csv"
    path.write_text(HEADER + ARCHIVED_ROWS["titel"], encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 1 and "rij 2: kamervragen 2024Z99999 is gearchiveerd" in result.output
    assert snapshot(demo, BZK_ITEM) == before


def test_intake_save_refuses_an_archived_item_of_ones_own_ministry(demo):
    archived_item(demo)
    before = snapshot(demo, BZK_ITEM)
    row = {name: "" for name in importer.COLUMNS}
    row.update(soort="kamervragen", kamer="TK", nummer="2024Z99999", titel="Via intake", ministerie="BZK",
               datum="2024-10-01", status="ingetrokken")
    proposal = propose(next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8"))
    with pytest.raises(ValidationError) as refused, db.transaction(demo) as session:
        intake_service.save(session, [row], proposal, officer(demo, "BZK"), "brief.txt")
    assert "rij 2: kamervragen 2024Z99999 is gearchiveerd" in str(refused.value)
    assert snapshot(demo, BZK_ITEM) == before


def test_every_item_service_refuses_an_archived_item_as_the_form_does(demo):
    """The rule lives in the service: a door that forgets to look still cannot write to an archived item."""
    archived_item(demo)
    writes = [lambda s, i, a: items.update_item(s, i, {"title": "x"}, a),
              lambda s, i, a: items.change_status(s, i, "ingetrokken", a),
              lambda s, i, a: items.record_delay(s, i, date(2024, 10, 20), a),
              lambda s, i, a: items.record_answer(s, i, date(2024, 11, 1), a, document_title="x")]
    for write in writes:
        before = snapshot(demo, BZK_ITEM)
        with pytest.raises(NotFound, match="gearchiveerd"), db.transaction(demo) as session:
            write(session, items.find_item(session, *BZK_ITEM), officer(demo, "BZK"))
        assert snapshot(demo, BZK_ITEM) == before
    with db.transaction(demo) as session:  # restoring it is the one write that is meant for an archived item
        items.restore_item(session, items.find_item(session, *BZK_ITEM), system("test"), "toch nodig")
        items.update_item(session, items.find_item(session, *BZK_ITEM), {"title": "x"}, officer(demo, "BZK"))


# ----------------------------------------------------------------------------- 5. --door names an active user
def _audit_actors(engine) -> set[str]:
    with db.transaction(engine) as session:
        return set(session.exec(select(AuditEvent.actor)).all())


@pytest.mark.parametrize("door", ["niemand", "BZK", "bzk ", "admin2"])
def test_cli_import_door_must_name_a_user_exactly(demo, tmp_path, door):
    path = tmp_path / "lijst.csv"
    path.write_text(HEADER + "toezegging;TK;NIEUW-2;Een nieuwe;OCW;2024-10-01;;\n", encoding="utf-8")
    before = _audit_actors(demo)
    result = CliRunner().invoke(main, ["import", str(path), "--door", door])
    assert result.exit_code == 1 and f"--door: er is geen gebruiker '{door}'" in result.output
    assert _audit_actors(demo) == before
    with db.transaction(demo) as session:
        assert items.find_item(session, "TK", "toezegging", "NIEUW-2") is None


def test_cli_door_of_a_deactivated_user_and_every_command_with_door(demo, tmp_path):
    with db.transaction(demo) as session:
        session.exec(select(User).where(User.username == "ocw")).one().active = False
    path = tmp_path / "lijst.csv"
    path.write_text(HEADER + "toezegging;TK;NIEUW-3;Een nieuwe;OCW;2024-10-01;;\n", encoding="utf-8")
    paper = next(SEEDS.glob("004_*.txt"))
    before = _audit_actors(demo)
    commands = [["import", str(path), "--door", "ocw"],
                ["intake", str(paper), "--opslaan", "--door", "niemand"],
                ["letter", "--ministerie", "OCW", "--out", str(tmp_path / "brief.pdf"), "--door", "niemand"],
                ["rebuild-deadlines", "--door", "niemand"]]
    for command in commands:
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, (command, result.output)
        assert "--door" in result.output and "Traceback" not in result.output, command
    assert _audit_actors(demo) == before
    assert not (tmp_path / "brief.pdf").exists()


def test_cli_door_of_a_real_user_is_named_in_the_audit_trail(demo, tmp_path):
    path = tmp_path / "lijst.csv"
    path.write_text(HEADER + "toezegging;TK;NIEUW-4;Een nieuwe;BZK;2024-10-01;;\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["import", str(path), "--door", "bzk"]).exit_code == 0
    with db.transaction(demo) as session:
        item = items.find_item(session, "TK", "toezegging", "NIEUW-4")
        actors = session.exec(select(AuditEvent.actor).where(AuditEvent.item_id == item.id)).all()
    assert actors == ["bzk (officer, BZK, cli)"]


# ----------------------------------------------------------------------------- 6. one read check for letters
def test_api_document_of_another_ministrys_letter_is_404_as_the_page(app, demo, login_as):
    with db.transaction(demo) as session:  # a stored letter as letters.store_final leaves it (without a PDF)
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).one()
        document = Document(kind="voortgangsbrief", dagtekening=date(2021, 11, 26), kenmerk="OCW-GEHEIM-1",
                            title="Voortgang emancipatie", sender="minister van OCW", sha256="0" * 64)
        session.add(document)
        session.flush()
        session.add(Letter(document_id=document.id, ministry_id=ministry.id, chamber="TK", betreft="Voortgang",
                           intro="", closing="", signer_function="minister", signer_name="A. Minister",
                           kenmerk="OCW-GEHEIM-1", dagtekening=date(2021, 11, 26), group_by="soort", path="x.pdf",
                           created_by="test"))
        document_id = document.id
    client = app.test_client()
    for user, status in (("bzk", 404), ("ocw", 200), ("griffie", 200), ("lezer", 200)):
        response = client.get(f"/api/v1/documents/{document_id}",
                              headers={"Authorization": f"Bearer {token_for(demo, user)}"})
        assert response.status_code == status, user
        assert login_as(user).get(f"/voortgangsbrief/{document_id}").status_code == status, user
        if status == 404:
            body = response.get_data(as_text=True)
            assert "OCW-GEHEIM-1" not in body and f"document {document_id} bestaat niet" in body
