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
from tracker.authz import system
from tracker.cli import main
from tracker.errors import NotFound, ValidationError
from tracker.intake.proposal import propose
from tracker.models import AuditEvent, Document, Letter, Ministry, User
from tracker.services import intake as intake_service
from tracker.services import items
from tracker.services.tokens import create_token

from .test_security import officer, snapshot

SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "papers"
BZK_ITEM = ("TK", "kamervragen", "2024Z99999")  # made open by archived_item()
HEADER = "soort;kamer;nummer;titel;ministerie;datum;status;beantwoord\n"


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


# ----------------------------------------------------------------------------- 4. tokens and feeds end with a password
def _secrets_of(engine, username: str) -> dict[str, str]:
    """An API token, an ICS link and an Atom link of this user, as URLs (or the bearer token) that work now."""
    from tracker import feeds, saved_feeds

    with db.transaction(engine) as session:
        user = session.exec(select(User).where(User.username == username)).one()
        _, api_token = create_token(session, user, "koppeling")
        _, ics = feeds.create_feed(session, user, None)
        _, atom = saved_feeds.create(session, user, "moties", "", ())
    return {"api": api_token, "ics": f"/agenda/{ics}.ics", "atom": f"/feeds/{atom}.atom"}


def _working(client, secrets: dict[str, str]) -> dict[str, bool]:
    api = client.get("/api/v1/regels", headers={"Authorization": f"Bearer {secrets['api']}"})
    return {"api": api.status_code == 200, "ics": client.get(secrets["ics"]).status_code == 200,
            "atom": client.get(secrets["atom"]).status_code == 200}


ALL_WORK = {"api": True, "ics": True, "atom": True}
NONE_WORK = {"api": False, "ics": False, "atom": False}


def test_own_password_change_revokes_tokens_and_feed_links(app, demo, login_as):
    secrets = _secrets_of(demo, "bzk")
    client = app.test_client()
    assert _working(client, secrets) == ALL_WORK
    changed = login_as("bzk").post("/wachtwoord", data={"current": "kamertracker-demo", "new": "een-heel-nieuw-wachtwoord",
                                                         "repeat": "een-heel-nieuw-wachtwoord"})
    assert changed.status_code == 302
    assert _working(client, secrets) == NONE_WORK


def test_an_admin_reset_revokes_tokens_and_feed_links(app, demo):
    secrets = _secrets_of(demo, "ocw")
    client = app.test_client()
    result = CliRunner().invoke(main, ["reset-password", "ocw", "--password", "een-heel-nieuw-wachtwoord"])
    assert result.exit_code == 0, result.output
    assert _working(client, secrets) == NONE_WORK
    assert CliRunner().invoke(main, ["reset-password", "niemand", "--password", "x" * 12]).exit_code == 1


def test_re_enabling_a_user_revives_no_token_or_feed(app, demo, login_as):
    secrets = _secrets_of(demo, "ocw")
    client = app.test_client()
    admin = login_as("admin")
    with db.transaction(demo) as session:
        user_id = session.exec(select(User).where(User.username == "ocw")).one().id
    assert admin.post(f"/beheer/gebruikers/{user_id}/actief").status_code == 302  # off
    assert _working(client, secrets) == NONE_WORK
    assert admin.post(f"/beheer/gebruikers/{user_id}/actief").status_code == 302  # on again
    assert _working(client, secrets) == NONE_WORK
    assert login_as("ocw").get("/instellingen").status_code == 200  # the user themself is back


def test_minting_an_api_token_asks_for_the_current_password(app, demo, login_as):
    from tracker.models import ApiToken, LoginFailure

    bzk = login_as("bzk")
    missing = bzk.post("/instellingen/tokens", data={"description": "Power BI"})
    wrong = bzk.post("/instellingen/tokens", data={"description": "Power BI", "password": "geraden-wachtwoord"})
    assert missing.status_code == 400 and "Vul uw wachtwoord in" in missing.get_data(as_text=True)
    assert wrong.status_code == 400 and "Het wachtwoord klopt niet." in wrong.get_data(as_text=True)
    with db.transaction(demo) as session:
        assert session.exec(select(func.count()).select_from(ApiToken)).one() == 0
        assert session.exec(select(func.count()).select_from(LoginFailure)
                            .where(LoginFailure.username == "bzk")).one() == 1  # counted as a failed login
    made = bzk.post("/instellingen/tokens", data={"description": "Power BI", "password": "kamertracker-demo"})
    assert made.status_code == 201 and 'id="new-token">kt_' in made.get_data(as_text=True)


# ----------------------------------------------------------------------------- 11. an intern stand van zaken
SECRET_STAND = "Interne afweging: de minister wil eerst het advies van de Raad afwachten"


def intern_item(engine) -> int:
    """Kamervragen of BZK whose stand van zaken is intern, changed once (so the audit trail holds it too)."""
    with db.transaction(engine) as session:
        item = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2024Z88888", title="Vragen over de PER", ministry_code="BZK",
            start_date=date(2024, 10, 1), stand_van_zaken="Eerste interne notitie", stand_intern=True), system("t"))
        items.update_item(session, item, {"stand_van_zaken": SECRET_STAND}, system("test"))
        return item.id


READERS = {"bzk": True, "admin": True, "ocw": False, "griffie": False, "lezer": False}


@pytest.mark.parametrize("user", sorted(READERS))
def test_an_intern_stand_is_read_only_by_its_ministry_and_admins(app, demo, login_as, user):
    item_id = intern_item(demo)
    may_read = READERS[user]
    page = login_as(user).get(f"/items/{item_id}").get_data(as_text=True)
    assert (SECRET_STAND in page) == may_read
    export = login_as(user).get("/kamervragen?stand=alle&ministerie=alle&formaat=csv").get_data(as_text=True)
    assert "2024Z88888" in export and (SECRET_STAND in export) == may_read
    detail = app.test_client().get(f"/api/v1/items/{item_id}",
                                   headers={"Authorization": f"Bearer {token_for(demo, user)}"}).get_data(as_text=True)
    assert '"stand_intern": true' in detail
    assert (SECRET_STAND in detail) == may_read and ("Eerste interne notitie" in detail) == may_read  # audit too


def test_an_export_for_nobody_in_particular_leaves_an_intern_stand_out(demo):
    from tracker import exporter
    from tracker.services.queries import ListFilter

    intern_item(demo)
    with db.transaction(demo) as session:
        rows = list(exporter.export_rows(session, ListFilter(kind="kamervragen", state="alle"), date(2025, 1, 1)))
        operator = list(exporter.export_rows(session, ListFilter(kind="kamervragen", state="alle"), date(2025, 1, 1),
                                             system("cli:beheer")))
    assert not any(SECRET_STAND in row["stand_van_zaken"] for row in rows)
    assert any(SECRET_STAND in row["stand_van_zaken"] for row in operator)


def test_the_intake_preview_shows_another_ministrys_intern_stand_to_nobody(demo):
    item_id = intern_item(demo)
    row = {name: "" for name in importer.COLUMNS}
    row.update(soort="kamervragen", kamer="TK", nummer="2024Z88888", titel="Vragen over de PER", ministerie="BZK",
               datum="2024-10-01", stand_van_zaken="Nieuwe stand")
    with db.transaction(demo) as session:
        for reader, shown in ((officer(demo, "OCW"), False), (officer(demo, "BZK"), True)):
            changes = intake_service.would_change(session, row, item_id, reader)
            assert ("stand_van_zaken", SECRET_STAND, "Nieuwe stand") in changes if shown else \
                ("stand_van_zaken", "(intern)", "Nieuwe stand") in changes


# ----------------------------------------------------------------------------- 9. password spraying, pruning
def log_in(app, username, password, address):
    return app.test_client().post("/inloggen", data={"username": username, "password": password},
                                  environ_base={"REMOTE_ADDR": address})


def test_one_address_spraying_many_names_is_slowed_down_known_and_unknown_alike(app, demo):
    app.config["LOGIN_ADDRESS_FREE_FAILURES"] = 8  # 20 by default; fewer tries keep the test quick
    names = ["bzk", "ocw", "griffie", "lezer", "admin", "jansen", "pietersen", "de-vries"]  # 3 do not exist
    for name in names:  # one wrong password per name: never more than one failure per (name, address)
        assert log_in(app, name, "Welkom2024!", "10.7.7.7").status_code == 401
    known, unknown = log_in(app, "bzk", "kamertracker-demo", "10.7.7.7"), log_in(app, "bakker", "x", "10.7.7.7")
    assert known.status_code == unknown.status_code == 429  # even the right password waits; nothing tells names apart
    assert known.headers["Retry-After"] == unknown.headers["Retry-After"]
    assert known.get_data() == unknown.get_data()
    assert log_in(app, "bzk", "kamertracker-demo", "10.7.7.8").status_code == 302  # another address is not held


def test_old_login_failures_are_pruned_when_a_new_one_is_written(app, demo):
    from datetime import timedelta

    from tracker.models import LoginFailure, utcnow

    with db.transaction(demo) as session:
        for hours in (25, 48, 23):
            session.add(LoginFailure(username=f"oud-{hours}", ip="10.0.0.1", at=utcnow() - timedelta(hours=hours)))
    assert log_in(app, "onbekend", "fout", "10.0.0.2").status_code == 401
    with db.transaction(demo) as session:
        left = {f.username for f in session.exec(select(LoginFailure))}
    assert left == {"oud-23", "onbekend"}


# ----------------------------------------------------------------------------- 10. secrets: logs, files, messages, URLs
def test_feed_and_bearer_tokens_are_scrubbed_from_the_access_log():
    from datetime import timedelta
    from types import SimpleNamespace

    from gunicorn.config import Config

    from tracker.web.server import ScrubbingLogger

    logger = ScrubbingLogger(Config())
    secret = "q9Zx_Secret-Token_0123456789abcdefghijklmnop"
    response = SimpleNamespace(status="200 OK", sent=10, headers=[("Content-Type", "text/calendar")])
    for path in (f"/agenda/{secret}.ics", f"/feeds/{secret}.atom"):
        environ = {"REQUEST_METHOD": "GET", "RAW_URI": path + "?x=1", "SERVER_PROTOCOL": "HTTP/1.1",
                   "PATH_INFO": path, "QUERY_STRING": "x=1", "REMOTE_ADDR": "10.0.0.1",
                   "HTTP_REFERER": f"https://kamertracker.example{path}"}
        request = SimpleNamespace(headers=[("Authorization", f"Bearer kt_{secret}"), ("Host", "x")])
        atoms = logger.atoms(response, request, environ, timedelta(milliseconds=5))
        logged = " ".join(str(value) for value in atoms.values())
        assert secret not in logged and "***" in atoms["r"] and atoms["r"].startswith("GET /")
        assert atoms["h"] == "10.0.0.1" and atoms["s"] == "200"  # the rest of the line stays useful


def test_serve_runs_gunicorn_without_the_shared_control_socket_and_with_the_scrubbing_logger(monkeypatch):
    from tracker.web import server

    chosen = server.options("127.0.0.1", 5000, 2)
    assert chosen["control_socket_disable"] is True and chosen["logger_class"] is server.ScrubbingLogger

    class Probe(server._Gunicorn):
        def run(self):
            probed.append(self.cfg)
    probed = []
    monkeypatch.setattr(server, "_Gunicorn", Probe)
    server.run("127.0.0.1", 5000, 2)
    assert probed[0].control_socket_disable is True  # a setting gunicorn (≥ 24) knows: not silently ignored


@pytest.fixture
def open_umask():
    """A shell's usual umask (022: new files world-readable) for the test, and back afterwards."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_every_command_creates_its_files_for_the_owner_only(demo, tmp_path, open_umask, monkeypatch):
    monkeypatch.setenv("TRACKER_INSTANCE", str(tmp_path / "instance"))
    assert CliRunner().invoke(main, ["export", "--out", str(tmp_path / "lijst.csv")]).exit_code == 0
    assert CliRunner().invoke(main, ["notify", "--on", "2026-12-07"]).exit_code in (0, 1)
    made = [tmp_path / "lijst.csv", *(tmp_path / "instance").rglob("*.eml")]
    if demo.dialect.name == "sqlite":  # a backup of the database, the way an operator makes one
        assert CliRunner().invoke(main, ["backup", str(tmp_path / "kopie.db")]).exit_code == 0
        made.append(tmp_path / "kopie.db")
    assert len(made) >= 2
    for path in made:
        assert path.stat().st_mode & 0o077 == 0, f"{path.name}: {oct(path.stat().st_mode)}"
    monkeypatch.setenv("TRACKER_UMASK", "022")  # asked for: still nothing for others
    assert CliRunner().invoke(main, ["export", "--out", str(tmp_path / "groep.csv")]).exit_code == 0
    assert (tmp_path / "groep.csv").stat().st_mode & 0o007 == 0


def test_serve_starts_gunicorn_under_the_restrictive_umask(demo, open_umask, monkeypatch):
    seen = []
    monkeypatch.setattr("tracker.web.server.run", lambda *args: seen.append(os.umask(0o077)))
    assert CliRunner().invoke(main, ["serve"]).exit_code == 0
    assert seen == [0o077]


@pytest.mark.parametrize("url", ["smtps://kamertracker:Zeer-Geheim-42@mail.example:poort",
                                 "smtp://kamertracker:Zeer/Geheim-42@mail.example:587",
                                 "smtps://kamertracker:Zeer-Geheim-42@", "ftp://kamertracker:Zeer-Geheim-42@mail"])
def test_a_malformed_smtp_url_is_never_echoed_with_its_password(demo, monkeypatch, url):
    monkeypatch.setenv("SMTP_URL", url)
    result = CliRunner().invoke(main, ["notify", "--on", "2026-12-07"])
    assert result.exit_code == 1 and "SMTP_URL moet" in result.output
    assert "Geheim" not in result.output


def test_absolute_urls_come_from_the_base_url_never_the_host_header(app, demo, monkeypatch):
    monkeypatch.delenv("TRACKER_BASE_URL", raising=False)
    evil = {"Host": "phish.example"}
    client = app.test_client()
    token = token_for(demo, "bzk")
    headers = {"Authorization": f"Bearer {token}", **evil}
    assert client.get("/api/v1/openapi.json", headers=evil).get_json()["servers"] == [{"url": "/api/v1"}]
    following = client.get("/api/v1/items?limit=1", headers=headers).get_json()["next"]
    assert following.startswith("/api/v1/items?") and "phish" not in following
    monkeypatch.setenv("TRACKER_BASE_URL", "https://kamertracker.example/")
    assert client.get("/api/v1/openapi.json", headers=evil).get_json()["servers"] == [
        {"url": "https://kamertracker.example/api/v1"}]
    following = client.get("/api/v1/items?limit=1", headers=headers).get_json()["next"]
    assert following.startswith("https://kamertracker.example/api/v1/items?")
    assert client.get(following.removeprefix("https://kamertracker.example"), headers=headers).status_code == 200


def test_calendar_links_come_from_the_base_url_never_the_host_header(app, demo, login_as, monkeypatch):
    import re

    monkeypatch.setenv("TRACKER_BASE_URL", "https://kamertracker.example")
    page = login_as("griffie").post("/agenda/", data={"scope": ""})  # asked of http://localhost/
    url = re.search(r'value="(https://kamertracker.example/agenda/[^"]+\.ics)"', page.get_data(as_text=True)).group(1)
    ics = app.test_client().get(url.removeprefix("https://kamertracker.example"), headers={"Host": "phish.example"})
    body = ics.get_data(as_text=True)
    assert ics.status_code == 200 and "phish" not in body
    assert "URL:https://kamertracker.example/items/" in body and "@kamertracker.example" in body  # links, UIDs


def test_the_csv_content_type_names_its_charset_once(app, demo, login_as):
    response = login_as("griffie").get("/kamervragen?stand=alle&formaat=csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
