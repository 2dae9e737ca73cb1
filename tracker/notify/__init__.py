"""Telling the right person, at the right time, what is due: `tracker notify` (daily, from cron or a timer)."""
from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine

from .. import config, db
from .deliver import Report, deliver
from .lock import AlreadyRunning, only_run
from .plan import Message, Settings, plan
from .transport import Outbox, Refused, Smtp, TransportDown


def transport_from_config():
    url = config.smtp_url()
    return Smtp(url) if url else Outbox(config.outbox_path())


def run(engine: Engine, on: date, dry_run: bool = False, transport=None) -> tuple[list[Message], Report | None]:
    """Plan the day's messages and (unless dry_run) deliver those not yet sent. AlreadyRunning: another run
    (on this host or another) is sending for this database now; this one sent nothing."""
    settings = Settings(digest_day=config.digest_day(), reminder_days=config.reminder_days())
    if dry_run:
        with db.transaction(engine) as session:
            return plan(session, on, settings), None
    with only_run(engine):  # planned under the lock too: what the other run sent is then seen as sent
        with db.transaction(engine) as session:
            messages = plan(session, on, settings)
        return messages, deliver(engine, messages, transport or transport_from_config(), config.mail_from(),
                                 config.base_url())


__all__ = ["AlreadyRunning", "Message", "Outbox", "Refused", "Report", "Smtp", "TransportDown", "run"]
