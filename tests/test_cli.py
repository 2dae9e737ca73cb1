"""The `tracker` command: contract of options and JSON, messages and exit codes."""
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker import db
from tracker.cli import main
from tracker.services import items

FIXTURES_TK = Path(__file__).parent / "fixtures" / "tk" / "base"


@pytest.fixture
def run(engine, database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("TRACKER_INSTANCE", str(tmp_path / "instance"))
    runner = CliRunner()
    return lambda *args, **kw: runner.invoke(main, list(args), catch_exceptions=False, **kw)


@pytest.fixture
def demo(run):
    result = run("load-demo")
    assert result.exit_code == 0, result.output
    return run


def test_load_demo_is_idempotent(run):
    first = run("load-demo")
    assert "21 items" in first.output
    second = run("load-demo")
    assert "niets nieuws" in second.output
    assert "kamertracker-demo" in second.output


def test_overdue_json_contract(demo):
    result = demo("overdue", "--on", "2024-11-28", "--kamer", "EK", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert rows == [{**rows[0], "soort": "commissiebrief", "kamer": "EK", "nummer": "174728.03U", "ministerie": "BZK",
                     "due": "2024-11-26", "days_overdue": 2, "uitstelbericht": "2024-10-25",
                     "uitstelbericht_days_late": 0}]


def test_overdue_table_groups_by_ministry(demo):
    result = demo("overdue", "--on", "28-11-2024")
    assert result.exit_code == 0
    assert "Te laat op 28 november 2024: 5 items" in result.output
    assert "\nBZK (1)" in result.output and "\nOCW (2)" in result.output


def test_overdue_filters_soort_and_ministerie(demo):
    rows = json.loads(demo("overdue", "--on", "2024-11-28", "--soort", "toezegging,motie", "--ministerie", "vws",
                           "--json").output)
    assert {(r["soort"], r["ministerie"]) for r in rows} == {("toezegging", "VWS"), ("motie", "VWS")}


def test_overdue_sets_the_old_backlog_apart_as_the_web_does(demo):
    """--achterstand: recent and oud split the list at one year late, and together are the whole (alle, the default)."""
    def numbers(*extra):
        rows = json.loads(demo("overdue", "--on", "2024-11-28", "--json", *extra).output)
        return {(r["nummer"], r["days_overdue"]) for r in rows}

    everything, recent, old = numbers(), numbers("--achterstand", "recent"), numbers("--achterstand", "oud")
    assert everything == numbers("--achterstand", "alle")
    assert recent and old and recent | old == everything and not recent & old
    assert all(days <= 365 for _, days in recent) and all(days > 365 for _, days in old)


@pytest.mark.parametrize("args, message", [
    (("overdue", "--on", "31-02-2024"), "geen bestaande datum"),
    (("overdue", "--soort", "petitie"), "onbekende soort"),
    (("overdue", "--ministerie", "XYZ"), "onbekend ministerie 'XYZ'"),
])
def test_bad_options_give_message_and_nonzero_exit(demo, args, message):
    result = demo(*args)
    assert result.exit_code != 0
    assert message in result.output


def test_import_reports_problems_and_exits_nonzero(demo, tmp_path):
    path = tmp_path / "fout.csv"
    path.write_text("soort,kamer,nummer,titel,ministerie,datum\nmotie,TK,1,Titel,BZK,gisteren\n", encoding="utf-8")
    result = demo("import", str(path))
    assert result.exit_code == 1
    assert "rij 2, kolom 'datum'" in result.output
    assert "niets opgeslagen" in result.output


def test_import_then_overdue(demo, tmp_path):
    path = tmp_path / "lijst.csv"
    path.write_text("soort,kamer,nummer,titel,ministerie,datum\nkamervragen,TK,2026Z00001,Vragen,BZK,2026-01-05\n",
                    encoding="utf-8")
    assert "1 nieuw" in demo("import", str(path)).output
    rows = json.loads(demo("overdue", "--on", "2026-02-01", "--soort", "kamervragen", "--json").output)
    assert [(r["nummer"], r["days_overdue"]) for r in rows] == [("2026Z00001", 6)]  # due 26 January


def test_create_user(demo):
    assert demo("create-user", "piet", "--role", "officer", "--ministerie", "BZK", "--password", "lang-genoeg-1").exit_code == 0
    again = demo("create-user", "piet", "--role", "viewer", "--password", "lang-genoeg-1")
    assert again.exit_code == 1 and "bestaat al" in again.output
    officer = demo("create-user", "kees", "--role", "officer", "--password", "lang-genoeg-1")
    assert officer.exit_code == 1 and "--ministerie" in officer.output


def test_rebuild_deadlines_changes_nothing_when_nothing_changed(demo, engine):
    with db.transaction(engine) as session:
        before = items.find_item(session, "TK", "toezegging", "VGR-EMANC-2021 T03").due_date
    from tracker import clock
    from tracker.demo_week import plan

    week = len(plan(clock.today()))  # `tracker load-demo` adds the current week to the papers' 21 items
    assert f"{21 + week} items herberekend" in demo("rebuild-deadlines").output
    with db.transaction(engine) as session:
        assert items.find_item(session, "TK", "toezegging", "VGR-EMANC-2021 T03").due_date == before == date(2021, 3, 31)


def test_uninitialised_database_gives_clear_message(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'leeg.db'}", "TRACKER_INSTANCE": str(tmp_path), "PATH": ""}
    result = subprocess.run([sys.executable, "-m", "tracker.cli", "overdue"], capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert "tracker init-db" in result.stderr


def test_show_explains_the_deadline_as_of_a_date(demo):
    result = demo("show", "--kamer", "EK", "--soort", "commissiebrief", "174728.01U", "--on", "2024-09-01")
    assert result.exit_code == 0
    assert "Termijn: 13 augustus 2024 [commissiebrief+uitstel]" in result.output
    assert "Uitstelbericht 22 juli 2024: 6 dagen te laat" in result.output
    assert "Stand op 1 september 2024: te laat afgedaan, 15 dagen na de termijn" in result.output
    assert "uitstel gemeld → beantwoord" in result.output
    questions = demo("show", "--kamer", "TK", "--soort", "kamervragen", "2023Z12033").output
    assert "valt in het zomerreces (7 juli 2023 – 4 september 2023)" in questions
    missing = demo("show", "--kamer", "TK", "--soort", "motie", "1, nr. 1")
    assert missing.exit_code == 1 and "bestaat niet" in missing.output


# ------------------------------------------------- point 23: every command that touches data checks the schema first
@pytest.fixture
def outdated_database(database_url, monkeypatch, tmp_path):
    """A database of the current backend at migration 0011, behind this version's newest."""
    from tracker import migrate
    from tests.conftest import empty_database

    monkeypatch.setenv("TRACKER_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setenv("TRACKER_EXPORTS", str(tmp_path / "exports"))
    backend = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    with empty_database(backend, tmp_path, "oud") as url:
        migrate.upgrade(db.get_engine(url), "0011")
        monkeypatch.setenv("DATABASE_URL", url)
        yield db.get_engine(url)
        db.get_engine(url).dispose()


def test_every_command_that_touches_data_refuses_a_database_at_an_older_migration(outdated_database, tmp_path):
    from sqlalchemy import text

    from tracker import migrate

    assert migrate.newest_revision() == migrate.head_revision() != "0011"
    with outdated_database.begin() as connection:  # so that the import would have had all it needs
        connection.execute(text("INSERT INTO ministry (code, name) VALUES ('BZK', 'Binnenlandse Zaken')"))
    listing = tmp_path / "lijst.csv"
    listing.write_text("soort;kamer;nummer;titel;ministerie;datum\nmotie;TK;\"36999, nr. 1\";Motie;BZK;2024-01-02\n")
    letter = tmp_path / "brief.txt"
    letter.write_text("Vragen van het lid Jansen (SP) aan de minister over de wachttijden (ingezonden 2 januari 2024).\n")
    commands = [
        ["import", str(listing)], ["overdue"], ["overdue", "--json"], ["export", "--out", str(tmp_path / "x.csv")],
        ["show", "1", "--kamer", "TK", "--soort", "motie"], ["notify", "--dry-run"], ["load-demo"],
        ["create-user", "nieuw", "--role", "viewer", "--password", "Lange-zin-42-x"], ["api-token", "admin"],
        ["letter", "--ministerie", "BZK", "--out", str(tmp_path / "b.pdf")],
        ["letter-export", "1", "--out", str(tmp_path / "c.pdf")],
        ["rappel", "--ministerie", "BZK", "--peildatum", "2025-01-01", "--out", str(tmp_path / "r.csv")],
        ["rebuild-deadlines"], ["generate", "--items", "1"], ["import-tk", str(FIXTURES_TK)],
        ["fetch-tk", "--since", "2024-01-01", "--map", str(tmp_path / "tk")], ["intake", str(letter), "--opslaan"],
        ["intake", str(letter)], ["serve"],
    ]
    for args in commands:
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, (args, result.output)
        assert "migratie 0011" in result.output and "tracker init-db" in result.output, (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    with outdated_database.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM tracked_item")).scalar() == 0
        assert connection.execute(text("SELECT count(*) FROM app_user")).scalar() == 0
    assert not (tmp_path / "tk").exists()  # refused before anything was fetched
    # a backup is the step before a migration: it is made, and says what to do next
    saved = CliRunner().invoke(main, ["backup", str(tmp_path / "voor-de-migratie.backup")])
    assert saved.exit_code == 0 and "migratie 0011" in saved.output and "tracker init-db" in saved.output
    assert CliRunner().invoke(main, ["init-db"]).exit_code == 0
    assert CliRunner().invoke(main, ["overdue"]).exit_code == 0
