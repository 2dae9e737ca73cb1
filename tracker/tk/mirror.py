"""Phase 1 of `tracker import-tk`: every page's rows into the mirror table tk_record, page by page.

Upsert by the TK `Id`; a row whose GewijzigdOp is not newer than the stored one is skipped; `Verwijderd` is
kept as a flag (the projection archives the item). A changed ZaakActor or Document marks its Zaak pending,
so the item is rebuilt even when the Zaak itself did not change. Only Zaak and Toezegging rows are ever
pending: the rest is read through them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import bindparam, update
from sqlmodel import Session

from ..db import execute_in
from ..models import TkRecord
from ..services.bulk import insert_rows
from .pages import Page, timestamp

# The entities items are built from: their rows wait (pending) for phase 2. A changed ZaakActor or Document
# is not pending itself: it makes its Zaak pending.
PROJECTED = ("Zaak", "Toezegging")


@dataclass
class MirrorSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    ignored_pages: list[str] = field(default_factory=list)


def _zaak_id(entity: str, row: dict) -> str | None:
    if entity not in ("ZaakActor", "Document"):
        return None
    if row.get("Zaak_Id"):
        return str(row["Zaak_Id"])
    linked = row.get("Zaak")
    if isinstance(linked, list) and linked and isinstance(linked[0], dict):
        return str(linked[0].get("Id")) if linked[0].get("Id") else None
    if isinstance(linked, dict) and linked.get("Id"):
        return str(linked["Id"])
    return None


def load_page(session: Session, page: Page, summary: MirrorSummary) -> None:
    """Upsert one page's rows in the caller's transaction."""
    if page.entity is None:
        summary.ignored_pages.append(page.file.name)
        return
    entity = page.entity
    latest: dict[str, dict] = {}
    for row in page.rows:  # the same Id twice on a page: the newest wins
        tk_id = str(row["Id"])
        if tk_id not in latest or (timestamp(row.get("GewijzigdOp")) or _EPOCH) >= (
                timestamp(latest[tk_id].get("GewijzigdOp")) or _EPOCH):
            latest[tk_id] = row  # (timestamps are parsed only when an Id repeats)
    ids = list(latest)
    stored = {tk_id: datetime.fromisoformat(modified) if isinstance(modified, str) else modified  # SQLite: text
              for tk_id, modified in execute_in(session.connection(), "SELECT tk_id, modified FROM tk_record "
                                                "WHERE entity = ? AND tk_id IN ({})", (entity,), ids)}
    inserts, updates, touched_zaken = [], [], set()
    for tk_id, row in latest.items():
        modified = timestamp(row.get("GewijzigdOp"))
        record = dict(entity=entity, tk_id=tk_id, modified=modified, deleted=bool(row.get("Verwijderd")),
                      zaak_id=_zaak_id(entity, row), pending=entity in PROJECTED,
                      data=json.dumps(row, ensure_ascii=False, separators=(",", ":")))
        if tk_id not in stored:
            inserts.append(record)
        else:
            before = _aware(stored[tk_id])
            if before is not None and (modified is None or modified <= before):
                summary.unchanged += 1
                continue
            updates.append(record)
        summary.deleted += record["deleted"]
        if record["zaak_id"]:
            touched_zaken.add(record["zaak_id"])
    if inserts:
        insert_rows(session.connection(), TkRecord.__table__, inserts)
    if updates:
        table = TkRecord.__table__
        session.connection().execute(
            update(table).where(table.c.entity == entity, table.c.tk_id == bindparam("key"))
            .values(modified=bindparam("modified"), deleted=bindparam("deleted"), zaak_id=bindparam("zaak_id"),
                    pending=entity in PROJECTED, data=bindparam("data")),
            [dict(key=u["tk_id"], modified=u["modified"], deleted=u["deleted"], zaak_id=u["zaak_id"], data=u["data"])
             for u in updates])
    summary.new += len(inserts)
    summary.updated += len(updates)
    execute_in(session.connection(), "UPDATE tk_record SET pending = ? WHERE entity = 'Zaak' AND pending = ? "
               "AND tk_id IN ({})", (True, False), sorted(touched_zaken))


def _aware(moment):
    if moment is not None and moment.tzinfo is None:  # SQLite hands back naive datetimes
        return moment.replace(tzinfo=timezone.utc)
    return moment


_EPOCH = timestamp("1970-01-01T00:00:00Z")
