"""Words a person reads (issue 26, points 5 and 8): roles, sources, counts, the mail viewer, a deadline set by hand,
the CLI's help and messages, PORT / TRACKER_HOST / TRACKER_BASE_URL set once, and what bin/start says."""
from __future__ import annotations

import email
import email.policy
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker import config
from tracker.cli import main
from tracker.domain.deadlines import ItemFacts, OverrideFact, schedule
from tracker.words import actor_in_words, count, role_in_words, source_in_words

ROOT = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------------------------------------ pure words
def test_roles_actors_and_sources_in_words():
    assert [role_in_words(r) for r in ("admin", "griffie", "officer", "viewer")] == \
        ["beheerder", "griffie", "beleidsmedewerker", "lezer"]
    assert role_in_words("officer", "BZK") == "beleidsmedewerker BZK"
    # what the audit trail stored stays stored; it is read in words (old entries as well as new)
    assert actor_in_words("bzk (officer, BZK)") == "bzk (beleidsmedewerker BZK)"
    assert actor_in_words("bzk (officer, BZK, cli)") == "bzk (beleidsmedewerker BZK, via de opdrachtregel)"
    assert actor_in_words("lezer (viewer)") == "lezer" and actor_in_words("griffie (griffie)") == "griffie"
    assert actor_in_words("admin (admin)") == "admin (beheerder)"
    for unchanged in ("generate", "bzk (API)", "cli:root", "jan (officier)"):
        assert actor_in_words(unchanged) == unchanged
    assert source_in_words("demo-week") == "demodata (voorbeeldweek)"
    assert source_in_words("web") == "ingevoerd via het formulier"
    assert source_in_words("import document-invoeren; status in_behandeling") == \
        "ingelezen via Document invoeren; status in behandeling"
    assert source_in_words("import lijst.xlsx; status uitstel_gemeld") == \
        "geïmporteerd uit lijst.xlsx; status uitstel gemeld"
    assert source_in_words("import is klaar") == "import is klaar"  # a person's own note is left alone


def test_counted_nouns():
    assert [count(n, "item") for n in (0, 1, 2)] == ["0 items", "1 item", "2 items"]
    assert count(1, "probleem", "problemen") == "1 probleem" and count(3, "probleem", "problemen") == "3 problemen"


def test_a_deadline_set_by_hand_names_the_new_deadline_and_the_day_it_took_effect():
    """Was "handmatig vastgesteld op 18 december 2026 door griffie": read as if corrected on the 18th."""
    facts = ItemFacts(kind="toezegging", chamber="TK", start=date(2026, 10, 1),
                      overrides=(OverrideFact(date(2026, 12, 3), date(2026, 12, 18), "overleg met de commissie",
                                              "bzk (officer, BZK)"),))
    explanation = schedule(facts).periods[-1].explanation
    assert explanation == ("nieuwe termijn 18 december 2026, met de hand gezet door bzk (beleidsmedewerker BZK) "
                           "(geldt vanaf 3 december 2026): overleg met de commissie")
    assert "vastgesteld op" not in explanation


def test_the_mail_viewer_shows_dutch_headers_and_amsterdam_time():
    from tracker.web.admin import mail_headers_in_words

    parsed = email.message_from_string(
        "From: Kamertracker <kt@example.nl>\nTo: bzk@example.nl\nSubject: Weekoverzicht\n"
        "Date: Mon, 07 Dec 2026 08:00:00 +0000\nList-Unsubscribe: <http://x/instellingen#meldingen>\n\ntekst\n",
        policy=email.policy.default)
    shown = dict(mail_headers_in_words(parsed))
    assert list(shown) == ["Van", "Aan", "Onderwerp", "Datum", "Afmelden"]
    assert shown["Datum"] == "7 december 2026, 09:00"  # CET: UTC+1
    summer = email.message_from_string("Date: Tue, 07 Jul 2026 08:00:00 +0000\n\n", policy=email.policy.default)
    assert dict(mail_headers_in_words(summer))["Datum"] == "7 juli 2026, 10:00"  # CEST: UTC+2


# ---------------------------------------------------------------------------------------------------- CLI
ENGLISH = re.compile(r"Usage:|Options:|Commands:|Show this message|\[default|\[required\]|\bTEXT\b|\bINTEGER\b|"
                     r"\[OPTIONS\]|\bCOMMAND\b|\bPATH\b|\bFILE\b")


def test_every_help_text_is_dutch():
    runner = CliRunner()
    top = runner.invoke(main, ["--help"], prog_name="tracker")
    assert top.exit_code == 0 and "Gebruik: tracker [OPTIES] OPDRACHT" in top.output and "Opdrachten:" in top.output
    commands = sorted(main.commands)
    assert len(commands) > 15
    for name in commands:
        result = runner.invoke(main, [name, "--help"], prog_name="tracker")
        assert result.exit_code == 0, (name, result.output)
        assert "Opties:" in result.output and "Toon deze hulp en stop." in result.output, name
        assert not ENGLISH.search(result.output), (name, ENGLISH.search(result.output).group(0), result.output)


def test_serve_help_agrees_with_the_readme_and_the_code():
    """The worker default in --help is what tracker.web.server does and what the README says."""
    from tracker.web import server

    text = " ".join(CliRunner().invoke(main, ["serve", "--help"]).output.split())
    assert "standaard één per core, minstens 2 en hoogstens 8" in text
    assert "$PORT, anders 5000" in text and "$TRACKER_HOST" in text and "TRACKER_BASE_URL" in text
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "één sync-worker per core (minstens 2, hoogstens 8" in readme
    for cores, expected in ((1, 2), (2, 2), (4, 4), (32, 8)):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(server.multiprocessing, "cpu_count", lambda: cores)
            assert server.default_workers() == expected


def test_base_url_port_and_host_come_from_one_place(monkeypatch):
    for name in ("PORT", "TRACKER_HOST", "TRACKER_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    assert (config.host(), config.port(), config.base_url()) == ("127.0.0.1", 5000, "http://127.0.0.1:5000")
    monkeypatch.setenv("PORT", "8123")
    assert config.base_url() == "http://127.0.0.1:8123"
    monkeypatch.setenv("TRACKER_HOST", "0.0.0.0")  # listening everywhere: reached here as 127.0.0.1
    assert config.base_url() == "http://127.0.0.1:8123"
    monkeypatch.setenv("TRACKER_HOST", "10.0.0.5")
    assert config.base_url() == "http://10.0.0.5:8123"
    monkeypatch.setenv("TRACKER_BASE_URL", "https://kamertracker.example.nl/")
    assert config.base_url() == "https://kamertracker.example.nl"
    monkeypatch.setenv("PORT", "tachtig")
    with pytest.raises(ValueError, match="PORT moet een poortnummer zijn"):
        config.port()


@pytest.fixture
def cli(demo, database_url, monkeypatch, tmp_path):
    """The CLI on the demo data of this backend."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("TRACKER_INSTANCE", str(tmp_path / "instance"))
    for name in ("PORT", "TRACKER_HOST", "TRACKER_BASE_URL", "SMTP_URL"):
        monkeypatch.delenv(name, raising=False)
    return lambda *args: CliRunner().invoke(main, list(args))


def test_serve_listens_on_port_and_host_from_the_environment(cli, monkeypatch):
    from tracker.web import server

    started = []
    monkeypatch.setattr(server, "run", lambda host, port, workers: started.append((host, port, workers)))
    monkeypatch.setenv("TRACKER_HOST", "127.0.0.1")  # serve writes both for its workers: monkeypatch puts them back
    monkeypatch.setenv("PORT", "8123")
    result = cli("serve")
    assert result.exit_code == 0, result.output
    assert started[-1] == ("127.0.0.1", 8123, None) and "http://127.0.0.1:8123" in result.output
    monkeypatch.setenv("TRACKER_BASE_URL", "https://kt.example.nl")
    result = cli("serve", "--port", "9001", "--host", "0.0.0.0")  # the options win over the environment
    assert started[-1] == ("0.0.0.0", 9001, None) and "te openen op https://kt.example.nl" in result.output
    monkeypatch.setenv("PORT", "tachtig")
    refused = cli("serve")
    assert refused.exit_code == 1 and "PORT moet een poortnummer zijn" in refused.output and len(started) == 2
    assert cli("serve", "--port", "70000").exit_code == 1 and len(started) == 2


def test_mail_links_follow_port(cli, demo, monkeypatch, tmp_path):
    """`tracker notify` makes its links from the same setting as `tracker serve`: PORT=8123 → :8123/items/…"""
    monkeypatch.setenv("PORT", "8123")
    monday = "2026-12-07"
    result = cli("notify", "--on", monday)
    assert result.exit_code == 0, result.output
    assert "weekoverzicht" in result.output and "digest" not in result.output
    mails = list((tmp_path / "instance" / "outbox").rglob("*.eml"))
    assert mails
    text = email.message_from_bytes(mails[0].read_bytes(), policy=email.policy.default).get_body(("plain",)).get_content()
    assert "http://127.0.0.1:8123/items/" in text and ":5000" not in text


def test_notify_dry_run_and_create_user_speak_dutch(cli, demo):
    dry = cli("notify", "--dry-run", "--on", "2026-12-07")
    assert dry.exit_code == 0 and "weekoverzicht" in dry.output
    assert not re.search(r"\b(digest|follow|reminder)\b", dry.output), dry.output
    made = cli("create-user", "nieuwe-lezer", "--rol", "lezer", "--password", "Lange-zin-42-x")
    assert made.exit_code == 0 and "met rol lezer" in made.output, made.output
    officer = cli("create-user", "nieuwe-bm", "--rol", "beleidsmedewerker", "--ministerie", "BZK",
                  "--password", "Lange-zin-42-x")
    assert officer.exit_code == 0 and "met rol beleidsmedewerker BZK" in officer.output, officer.output
    old = cli("create-user", "oud", "--role", "viewer", "--password", "Lange-zin-42-x")  # the old codes still work
    assert old.exit_code == 0, old.output
    missing = cli("create-user", "zonder", "--rol", "beleidsmedewerker", "--password", "Lange-zin-42-x")
    assert missing.exit_code == 1 and "een beleidsmedewerker hoort bij een ministerie" in missing.output
    from sqlalchemy import select

    from tracker import db
    from tracker.models import User
    with db.transaction(demo) as session:
        roles = dict(session.execute(select(User.username, User.role)
                                     .where(User.username.in_(["nieuwe-lezer", "nieuwe-bm", "oud"]))).all())
    assert roles == {"nieuwe-lezer": "viewer", "nieuwe-bm": "officer", "oud": "viewer"}


# ------------------------------------------------------------------------------------------------ first run
def test_bin_start_says_what_it_does_before_each_slow_step():
    """Each slow step of a first start is announced before it runs (it was silent for a minute and a half)."""
    def announced(script: str, step: str) -> bool:
        lines = [line.strip() for line in (ROOT / "bin" / script).read_text().splitlines()]
        at = next(i for i, line in enumerate(lines) if step in line and not line.startswith("#"))
        return lines[at - 1].startswith(("echo ", "say "))

    for step in ("tracker init-db", "tracker load-demo"):
        assert announced("start", step), step
    for step in ('"$PYTHON" -m venv', "pip install --quiet --upgrade pip", 'pip install --quiet -e'):
        assert announced("setup-venv", step), step
    start = (ROOT / "bin" / "start").read_text()
    assert "exec .venv/bin/tracker serve\n" in start and "--port 5000" not in start  # PORT decides, as for serve
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bin/start   #" in readme and "bin/test    #" in readme  # the two commands, as they were
    assert readme.index("## Eerste stappen") < readme.index("## Webapplicatie")
