"""Send planned messages once: each is recorded (pending) before it goes out and marked sent right after.

A second run for the same day finds every message sent and sends nothing. A run killed between messages
resumes with the ones not yet marked. Each message is claimed ("sending", committed) after its text has gone to
the server and before the dot that ends it: a run killed before that point leaves it pending and the server
kept nothing, so the next run sends it once; only a kill between the end of DATA and the mark "sent" (the
server's answer to that dot, then one commit) can repeat a message: the next run sends a "sending" one again
and says so (at least once, never lost). Runs at the same time are kept apart by tracker.notify.lock. A server
that cannot be reached ends the run with TransportDown before anything is recorded; a refused recipient is
recorded as refused and the rest still go. A message that cannot be made or sent for any other reason (one bad
value in it) is recorded as failed, with the reason, and the rest still go; the next run tries it again.
"""
from __future__ import annotations

import email.errors
import smtplib
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.engine import Engine

from .. import db
from ..models import Notification, utcnow
from .compose import compose
from .plan import Message
from .transport import Refused, TransportDown
from ..text_hygiene import one_line


@dataclass
class Report:
    sent: list[Message] = field(default_factory=list)
    refused: list[tuple[Message, str]] = field(default_factory=list)
    failed: list[tuple[Message, str]] = field(default_factory=list)  # could not be made or sent: tried again next run
    skipped: int = 0  # already sent by an earlier run
    repeated: list[Message] = field(default_factory=list)  # claimed by a run that stopped: sent again, maybe twice


def deliver(engine: Engine, messages: list[Message], transport, sender: str, base_url: str) -> Report:
    report = Report()
    todo = _not_yet_sent(engine, messages, report)
    if not todo:
        return report
    transport.open()  # TransportDown here: nothing recorded
    try:
        for message in todo:
            with db.transaction(engine) as session:
                row = _row(session, message)
                if row.status not in RETRIED:
                    report.skipped += 1
                    continue
                row_id = row.id
                if row.status == "sending":
                    report.repeated.append(message)
            transport.claim = lambda: _mark(engine, row_id, "sending")
            try:
                mail = compose(message, sender, base_url)
                file = transport.send(mail, f"{utcnow():%Y%m%dT%H%M%S}-{message.user_id}-{message.key}")
            except Refused as error:
                _mark(engine, row_id, "refused", error=str(error)[:500])
                report.refused.append((message, str(error)))
                continue
            except TransportDown:
                raise  # this message stays pending: the next run sends it
            except CANNOT_GO as error:  # one message that cannot go must never stop everyone's mail
                reason = f"{type(error).__name__}: {error}"
                _mark(engine, row_id, "failed", error=reason[:500])
                report.failed.append((message, reason))
                continue
            _mark(engine, row_id, "sent", file=file)
            report.sent.append(message)
    finally:
        transport.close()
    return report


# What makes one message impossible to make or send (a header with a line break, a name or address the mail
# format or server cannot carry): that message fails, the others go. Anything else ends the run as before.
CANNOT_GO = (ValueError, TypeError, LookupError, email.errors.MessageError, smtplib.SMTPException)
# sent by the next run ("sending": a run stopped between the end of the message and its answer, so it may have
# gone); "sent" and "refused" are done
RETRIED = ("pending", "failed", "sending")


def _not_yet_sent(engine: Engine, messages: list[Message], report: Report) -> list[Message]:
    keys = sorted({m.key for m in messages})
    done = set()
    with db.reading(engine) as connection:
        for start in range(0, len(keys), 500):  # bounded IN lists; only this run's keys, not all history
            done |= {(user_id, key) for user_id, key in connection.execute(
                select(Notification.user_id, Notification.key).where(Notification.status.not_in(RETRIED),
                                                                     Notification.key.in_(keys[start:start + 500])))}
    todo = [m for m in messages if (m.user_id, m.key) not in done]
    report.skipped += len(messages) - len(todo)
    return todo


def _row(session, message: Message) -> Notification:
    row = session.execute(select(Notification).where(Notification.user_id == message.user_id,
                                                     Notification.key == message.key)).scalar_one_or_none()
    if row is None:
        row = Notification(user_id=message.user_id, key=message.key, kind=message.kind, recipient=message.recipient,
                           subject=one_line(message.subject)[:300], audit_upto=message.audit_upto)
        session.add(row)
        session.flush()
    return row


def _mark(engine: Engine, row_id: int, status: str, file: str | None = None, error: str | None = None) -> None:
    with db.transaction(engine) as session:
        row = session.get(Notification, row_id)
        row.status, row.file, row.error = status, file, error
        row.sent_at = None if status == "sending" else utcnow()


__all__ = ["Report", "TransportDown", "deliver"]
