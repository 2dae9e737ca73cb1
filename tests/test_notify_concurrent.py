"""`tracker notify` twice at once, and killed mid-message, against a real SMTP server that answers slowly
(aiosmtpd on 127.0.0.1, 0.3 s per answer to the end of a message), on SQLite and PostgreSQL (issue 28)."""
from __future__ import annotations

import asyncio
import importlib
import email
import email.policy
import os
import subprocess
import sys
from collections import Counter
from datetime import timedelta

import pytest

from sqlalchemy import text

from tracker import db
from tracker.notify import run
from tracker.services import people

from .test_notify import MONDAY, Collector, bzk_item, item_ids, serve_smtp, user

deliver_module = importlib.import_module("tracker.notify.deliver")  # the package's name `deliver` is the function


class SlowCollector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.3)  # a mail server that takes its time to accept
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted"


@pytest.fixture
def slow_smtp(monkeypatch):
    yield from serve_smtp(monkeypatch, SlowCollector())


@pytest.fixture
def quick_smtp(monkeypatch):
    yield from serve_smtp(monkeypatch, Collector())


@pytest.fixture
def planned(demo):
    with db.transaction(demo) as session:
        for n in range(4):
            bzk_item(session, f"2026Z9300{n}", MONDAY - timedelta(days=30))
        for name in ("ocw", "bzk", "admin", "lezer"):
            user(session, name).email = f"{name}@ministerie.example"
    messages, _ = run(demo, MONDAY, dry_run=True)
    assert len(messages) >= 3
    return messages


def _keys(handler) -> Counter:
    return Counter((m["To"], m["X-Kamertracker-Key"]) for m in handler.messages)


def test_two_runs_started_together_send_each_message_once(planned, slow_smtp):
    command = [sys.executable, "-m", "tracker.cli", "notify", "--on", MONDAY.isoformat()]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ))
            for _ in range(2)]
    outputs = [process.communicate(timeout=120) for process in runs]
    assert [process.returncode for process in runs] == [0, 0], outputs
    received = _keys(slow_smtp)
    assert len(received) == len(planned) and set(received.values()) == {1}  # every message, each once
    sent_lines = sum(line.startswith("verstuurd ") for out, _ in outputs for line in out.splitlines())
    assert sent_lines == len(planned)  # reported "verstuurd" once, by one of the two
    # the other one either found the lock taken or came after and found everything sent
    assert any("Er draait al een `tracker notify`" in out or "0 verstuurd" in out for out, _ in outputs)


def test_a_run_killed_before_the_end_of_a_message_leaves_nothing_at_the_server_and_no_duplicate(
        planned, slow_smtp, demo, monkeypatch):
    class Killed(BaseException):
        pass

    real_mark = deliver_module._mark
    claims = []

    def mark(engine, row_id, status, **kwargs):
        if status == "sending":
            claims.append(row_id)
            if len(claims) == 2:  # the second message: its text went, the dot that ends it not yet
                raise Killed()
        real_mark(engine, row_id, status, **kwargs)

    monkeypatch.setattr(deliver_module, "_mark", mark)
    with pytest.raises(Killed):
        run(demo, MONDAY)
    assert len(slow_smtp.messages) == 1  # the server dropped the unfinished one
    monkeypatch.setattr(deliver_module, "_mark", real_mark)
    _, report = run(demo, MONDAY)
    assert report.repeated == []
    received = _keys(slow_smtp)
    assert len(received) == len(planned) and set(received.values()) == {1}


def test_only_a_kill_between_the_servers_answer_and_the_mark_repeats_a_message_and_says_so(
        planned, slow_smtp, demo, monkeypatch):
    class Killed(BaseException):
        pass

    real_mark = deliver_module._mark

    def mark(engine, row_id, status, **kwargs):
        if status == "sent":
            raise Killed()  # the server said 250; the run dies before it writes that down
        real_mark(engine, row_id, status, **kwargs)

    monkeypatch.setattr(deliver_module, "_mark", mark)
    with pytest.raises(Killed):
        run(demo, MONDAY)
    monkeypatch.setattr(deliver_module, "_mark", real_mark)
    _, report = run(demo, MONDAY)
    assert len(report.repeated) == 1  # sent again (at least once, never lost), and reported as maybe twice
    received = _keys(slow_smtp)
    assert len(received) == len(planned) and sorted(received.values()) == [1] * (len(planned) - 1) + [2]


def test_the_second_run_sees_the_lock_of_the_first(demo, planned, slow_smtp):
    from tracker.notify.lock import AlreadyRunning, only_run

    with only_run(demo):
        with pytest.raises(AlreadyRunning):
            run(demo, MONDAY)
    assert slow_smtp.messages == []
    _, report = run(demo, MONDAY)  # let go: the next run sends
    assert len(report.sent) == len(planned)


def test_two_outboxes_writing_one_name_never_lose_the_partial_file(tmp_path):
    from email.message import EmailMessage
    from concurrent.futures import ThreadPoolExecutor

    from tracker.notify import Outbox

    message = EmailMessage()
    message["Subject"] = "Weekoverzicht"
    message.set_content("tekst\n" * 2000)
    boxes = [Outbox(tmp_path) for _ in range(8)]
    boxes[0].open()
    with ThreadPoolExecutor(8) as pool:  # each wrote to the same .eml.part and one failed with [Errno 2] before
        names = list(pool.map(lambda box: [box.send(message, "zelfde-naam") for _ in range(20)], boxes))
    assert {name for batch in names for name in batch} == {"zelfde-naam.eml"}
    assert [p.name for p in tmp_path.iterdir()] == ["zelfde-naam.eml"]


def test_an_event_committed_after_a_later_one_was_reported_is_reported_next_time(demo, quick_smtp):
    """On PostgreSQL an audit id is drawn at the insert, the commit may come much later: a follow notice that
    covered a higher id must not make the lower one, committed afterwards, disappear (issue 28)."""
    if demo.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers: two writing transactions cannot interleave there")
    with db.transaction(demo) as session:
        first = bzk_item(session, "2026Z93100", MONDAY - timedelta(days=3))
        second = bzk_item(session, "2026Z93101", MONDAY - timedelta(days=3))
        griffie = user(session, "griffie")
        griffie.notify_digest = False
        user(session, "bzk").notify_digest = False
        for item in (first, second):
            people.follow(session, griffie.id, item.id)
        ids = first.id, second.id
    event = ("INSERT INTO audit_event (item_id, at, actor, action, field, old, new) "
             "VALUES (:item, CURRENT_TIMESTAMP + interval '1 second', 'bzk', 'status', 'status', 'ontvangen', :new)")
    slow, quick = demo.connect(), demo.connect()
    try:
        slow_transaction = slow.begin()  # the lower id, not yet committed
        slow.execute(text(event), {"item": ids[0], "new": "in_behandeling"})
        with quick.begin():  # a higher id, committed first
            quick.execute(text(event), {"item": ids[1], "new": "in_behandeling"})
        run(demo, MONDAY)
        follows = [m for m in quick_smtp.messages if m["X-Kamertracker-Key"].startswith("follow:")]
        assert len(follows) == 1 and item_ids(follows[0]) == {ids[1]}
        slow_transaction.commit()
    finally:
        slow.close()
        quick.close()
    run(demo, MONDAY + timedelta(days=1))
    follows = [m for m in quick_smtp.messages if m["X-Kamertracker-Key"].startswith("follow:")]
    assert len(follows) == 2 and item_ids(follows[1]) == {ids[0]}, "the late commit is news, not lost"
    assert [m for m in run(demo, MONDAY + timedelta(days=2))[1].sent if m.kind == "follow"] == []
