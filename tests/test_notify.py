"""`tracker notify` against a real SMTP server (aiosmtpd on 127.0.0.1), on SQLite and PostgreSQL: the digest per
role matches `overdue`, reminders on the right days, follow notices, idempotency (twice; killed mid-run), a
server that is down, a refused recipient, a deactivated user."""
from __future__ import annotations

import email
import email.policy
import email.utils
import re
import socket
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from sqlmodel import select

from tracker import config, db
from tracker.authz import Actor, system
from tracker.cli import main
from tracker.models import Notification, TrackedItem, User
from tracker.notify import Outbox, Smtp, run
from tracker.services import items, people
from tracker.services.overdue import overdue

MONDAY = date(2026, 12, 7)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Collector:
    """An SMTP handler that keeps what it receives and refuses addresses at @geweigerd.example."""

    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@geweigerd.example"):
            return "550 5.1.1 Onbekende ontvanger"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted"


def serve_smtp(monkeypatch, handler):
    """A real SMTP server on 127.0.0.1 (aiosmtpd) handing each message to handler; the app is pointed at it."""
    from aiosmtpd.controller import Controller

    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setenv("MAIL_FROM", "Kamertracker <noreply@kamertracker.example>")
    monkeypatch.setenv("TRACKER_BASE_URL", "https://kamertracker.example")
    yield handler
    controller.stop()


@pytest.fixture
def smtp(monkeypatch):
    yield from serve_smtp(monkeypatch, Collector())


def item_ids(message) -> set[int]:
    text = next(part for part in message.walk() if part.get_content_type() == "text/plain").get_content()
    return {int(n) for n in re.findall(r"https://kamertracker\.example/items/(\d+)", text)}


def by_recipient(handler) -> dict[str, list]:
    found: dict[str, list] = {}
    for message in handler.messages:
        found.setdefault(email.utils.parseaddr(message["To"])[1], []).append(message)
    return found


def user(session, name) -> User:
    return session.exec(select(User).where(User.username == name)).one()


def bzk_item(session, nummer: str, start: date, **extra) -> TrackedItem:
    return items.create_item(session, items.ItemInput(kind="kamervragen", chamber="TK", nummer=nummer,
                                                      title=f"Vragen {nummer}", ministry_code="BZK", start_date=start,
                                                      **extra), system("test"))


def test_the_monday_digest_per_role_is_what_overdue_gives(demo, smtp):
    with db.transaction(demo) as session:
        bzk_item(session, "2026Z90001", MONDAY - timedelta(days=30))  # late
        soon = bzk_item(session, "2026Z90002", MONDAY - timedelta(days=10))  # due within 14 days
        soon_id = soon.id
    messages, report = run(demo, MONDAY)
    assert len(report.sent) == len(smtp.messages) >= 2 and not report.refused
    mail = by_recipient(smtp)
    with db.transaction(demo) as session:
        late = overdue(session, MONDAY)
    assert item_ids(mail["griffie@tweedekamer.example"][0]) == {r.id for r in late}
    bzk = mail["bzk@minbzk.example"][0]
    assert item_ids(bzk) == {r.id for r in late if r.ministerie == "BZK"} | {soon_id}
    assert "lezer" not in str(mail) and all("admin" not in k for k in mail)
    # each line: days late, the deadline's explanation, a link; two parts; unsubscribe header
    text = next(p for p in bzk.walk() if p.get_content_type() == "text/plain").get_content()
    assert re.search(r"\d+ dagen te laat · termijn \d+ \w+ 2026 · drie weken na indiening", text)
    assert {p.get_content_type() for p in bzk.walk()} >= {"text/plain", "text/html"}
    assert bzk["List-Unsubscribe"] == "<https://kamertracker.example/instellingen#meldingen>"
    html = next(p for p in bzk.walk() if p.get_content_type() == "text/html").get_content()
    assert "<img" not in html and "https://kamertracker.example/items/" in html
    assert run(demo, MONDAY + timedelta(days=1))[0] == []  # Tuesday: no digest, nothing else due


def test_a_second_run_sends_nothing_and_a_killed_run_resumes_without_duplicates(demo, smtp):
    with db.transaction(demo) as session:
        for n in range(3):
            bzk_item(session, f"2026Z9100{n}", MONDAY - timedelta(days=30))
        user(session, "ocw").email = "ocw@minocw.example"
    planned, _ = run(demo, MONDAY, dry_run=True)
    assert len(planned) >= 3

    class Killed(Exception):
        pass

    class DiesAfterOne(Smtp):
        sent = 0

        def send(self, message, name):
            if DiesAfterOne.sent == 1:
                raise Killed()
            DiesAfterOne.sent += 1
            return super().send(message, name)

    import os
    with pytest.raises(Killed):
        run(demo, MONDAY, transport=DiesAfterOne(os.environ["SMTP_URL"]))
    assert len(smtp.messages) == 1
    _, resumed = run(demo, MONDAY)
    assert len(smtp.messages) == len(planned)  # the rest, and nothing twice
    assert len({(m["To"], m["X-Kamertracker-Key"]) for m in smtp.messages}) == len(planned)
    _, again = run(demo, MONDAY)
    assert again.sent == [] and again.skipped == len(planned) and len(smtp.messages) == len(planned)


def test_reminders_before_the_internal_and_the_real_deadline_and_on_the_first_late_day(demo, smtp):
    start = date(2026, 11, 2)  # Kamervragen: due three weeks later, 23 November 2026
    with db.transaction(demo) as session:
        item = bzk_item(session, "2026Z92000", start)
        items.update_item(session, item, {"behandelaar_id": user(session, "bzk").id},
                          Actor("bzk", "officer", item.ministry_id, "BZK"))
        due, item_id = item.due_date, item.id
        assert people.is_following(session, user(session, "bzk").id, item_id)  # the behandelaar follows
        for name in ("griffie", "ocw"):
            user(session, name).notify_digest = False
    sent_on = {}
    for offset in range(-16, 3):
        day = due + timedelta(days=offset)
        _, report = run(demo, day)
        keys = [m.key for m in report.sent if m.kind == "reminder" and m.key.startswith(f"reminder:{item_id}:")]
        if keys:
            sent_on[offset] = keys
    assert sent_on == {-14: [f"reminder:{item_id}:intern:{due - timedelta(days=7)}:7"],
                       -8: [f"reminder:{item_id}:intern:{due - timedelta(days=7)}:1"],
                       -7: [f"reminder:{item_id}:termijn:{due}:7"], -1: [f"reminder:{item_id}:termijn:{due}:1"],
                       1: [f"reminder:{item_id}:te_laat:{due}:0"]}
    subjects = [m["Subject"] for m in smtp.messages if m["X-Kamertracker-Key"].startswith("reminder:")]
    assert any("de termijn verstrijkt morgen" in s for s in subjects)


def test_followers_hear_of_changes_by_others_batched_per_run(demo, smtp):
    with db.transaction(demo) as session:
        first = bzk_item(session, "2026Z93000", date(2026, 12, 1))
        second = bzk_item(session, "2026Z93001", date(2026, 12, 1))
        griffie = user(session, "griffie")
        griffie.notify_digest = False
        user(session, "bzk").notify_digest = False
        for item in (first, second):
            people.follow(session, griffie.id, item.id)
        ids = (first.id, second.id)
    bzk = Actor("bzk", "officer", None, "BZK")
    with db.transaction(demo) as session:
        bzk = Actor("bzk", "officer", session.get(TrackedItem, ids[0]).ministry_id, "BZK")
        for item_id in ids:
            item = session.get(TrackedItem, item_id)
            items.change_status(session, item, "in_behandeling", bzk)
        items.record_delay(session, session.get(TrackedItem, ids[0]), date(2026, 12, 8), bzk, reason="afstemming")
    _, report = run(demo, date(2026, 12, 8))
    follows = [m for m in smtp.messages if m["X-Kamertracker-Key"].startswith("follow:")]
    assert len(follows) == 1 and follows[0]["To"].endswith("<griffie@tweedekamer.example>")  # one batch
    assert item_ids(follows[0]) == set(ids)
    text = follows[0].get_body(("plain",)).get_content()
    assert "status: ontvangen → in behandeling (door bzk)" in text and "uitstelbericht vastgelegd" in text
    assert run(demo, date(2026, 12, 8))[1].sent == []  # nothing new
    with db.transaction(demo) as session:  # the follower's own change is no news to them
        items.change_status(session, session.get(TrackedItem, ids[1]), "ingetrokken", Actor("griffie", "griffie"),
                            note="door de indiener ingetrokken")
    assert [m for m in run(demo, date(2026, 12, 9))[1].sent if m.kind == "follow"] == []


def test_a_refused_recipient_is_reported_and_the_rest_still_go(demo, smtp):
    with db.transaction(demo) as session:
        bzk_item(session, "2026Z94000", MONDAY - timedelta(days=30))
        user(session, "ocw").email = "iemand@geweigerd.example"
        bzk_item_ocw = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z94001", title="OCW-vragen", ministry_code="OCW",
            start_date=MONDAY - timedelta(days=30)), system("test"))
        assert bzk_item_ocw.id
    result = CliRunner().invoke(main, ["notify", "--on", MONDAY.isoformat()])
    assert result.exit_code == 1, result.output  # the rest went, but a cron job hears that one did not
    assert "Geweigerd door de mailserver: ocw <iemand@geweigerd.example>" in result.output
    assert {email.utils.parseaddr(m["To"])[1] for m in smtp.messages} == {"griffie@tweedekamer.example",
                                                                          "bzk@minbzk.example"}
    with db.transaction(demo) as session:
        refused = session.exec(select(Notification).where(Notification.status == "refused")).one()
        assert refused.recipient == "iemand@geweigerd.example" and "550" in refused.error


def test_a_server_that_is_down_exits_non_zero_and_records_nothing(demo, monkeypatch):
    monkeypatch.setenv("SMTP_URL", f"smtp://127.0.0.1:{_free_port()}")  # nobody listens there
    with db.transaction(demo) as session:
        bzk_item(session, "2026Z95000", MONDAY - timedelta(days=30))
    result = CliRunner().invoke(main, ["notify", "--on", MONDAY.isoformat()])
    assert result.exit_code == 1 and "niet bereikbaar" in result.output and "niets als verzonden" in result.output
    with db.transaction(demo) as session:
        assert session.exec(select(Notification)).all() == []


def test_a_deactivated_user_gets_nothing(demo, smtp):
    with db.transaction(demo) as session:
        bzk_item(session, "2026Z96000", MONDAY - timedelta(days=30))
        user(session, "griffie").active = False
    run(demo, MONDAY)
    assert "griffie@tweedekamer.example" not in by_recipient(smtp)


def test_without_smtp_the_messages_land_in_the_outbox(demo, monkeypatch, tmp_path):
    monkeypatch.delenv("SMTP_URL", raising=False)
    with db.transaction(demo) as session:
        bzk_item(session, "2026Z97000", MONDAY - timedelta(days=30))
    _, report = run(demo, MONDAY, transport=Outbox(tmp_path / "outbox"))
    files = sorted((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == len(report.sent) >= 2
    parsed = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert parsed["List-Unsubscribe"] and parsed.is_multipart()
    with db.transaction(demo) as session:
        assert {n.file for n in session.exec(select(Notification)).all()} == {f.name for f in files}


def test_an_invalid_address_is_refused_at_entry(demo):
    result = CliRunner().invoke(main, ["create-user", "nieuw", "--role", "viewer", "--password", "een-lang-wachtwoord",
                                       "--email", "niet-een-adres"])
    assert result.exit_code != 0 and "geen e-mailadres" in result.output
    ok = CliRunner().invoke(main, ["create-user", "nieuw", "--role", "viewer", "--password", "een-lang-wachtwoord",
                                   "--email", "nieuw@minbzk.example"])
    assert ok.exit_code == 0, ok.output
    for bad in ("a@b", "twee@een.nl, drie@een.nl", "Naam <a@b.nl>", "a..b@c.nl", "x" * 250 + "@c.nl"):
        with pytest.raises(Exception, match="geen e-mailadres"):
            people.checked_email(bad)


def test_a_local_outbox_on_a_shared_database_is_warned_about(demo, database_url, monkeypatch):
    """Several app hosts share a PostgreSQL database; the outbox is a folder on one of them: `tracker notify` says so
    (SQLite is one host: no warning; with SMTP_URL: none either)."""
    monkeypatch.delenv("SMTP_URL", raising=False)
    result = CliRunner().invoke(main, ["notify", "--on", MONDAY.isoformat()])
    assert result.exit_code == 0, result.output
    warned = "SMTP_URL is niet gezet" in result.stderr and "outbox op deze host" in result.stderr
    assert warned == database_url.startswith("postgresql")
    monkeypatch.setenv("SMTP_URL", "smtp://mail.intern:25")
    assert config.local_outbox_warning("postgresql+psycopg://kt@db/kt") is None
    monkeypatch.delenv("SMTP_URL")
    assert "SMTP_URL" in config.local_outbox_warning("postgresql+psycopg://kt@db/kt")
    assert config.local_outbox_warning("sqlite:///kt.db") is None
