"""The mirror table tk_record: every page's rows, page by page, as the open data has them.

Upsert by the TK `Id`; a row whose GewijzigdOp is not newer than the stored one is skipped; `Verwijderd` is
kept as a flag (the projection archives the item). The Zaak and Toezegging rows written are handed back: the
caller builds their items straight away and marks the rows it could not build `pending`. A changed ZaakActor
or Document makes its stored Zaak pending, so the item is rebuilt even when the Zaak itself did not change.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import NamedTuple

from sqlalchemy import bindparam, exists, select, update
from sqlmodel import Session

from ..db import execute_in
from ..models import TkRecord
from ..services.bulk import insert_rows
from .pages import ENTITIES, Page, timestamp

# The entities items are built from. Only their rows are ever pending: the rest is read through them.
PROJECTED = ("Zaak", "Toezegging")


# One encoder for every row (json.dumps with options builds a new one per call).
_as_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class Written(NamedTuple):
    """A Zaak or Toezegging row as written to the mirror, for building its item."""

    tk_id: str
    deleted: bool
    row: dict


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


class Mirror:
    """Writes pages to the mirror in the caller's transaction and counts what it did."""

    def __init__(self, session: Session):
        self.session = session
        self.summary = MirrorSummary()
        # The entities the mirror held no row of when this import began. On a first import a page of such an
        # entity is written without looking its Ids up first, unless one of them was written before in this
        # import (a row changed while the API was being paged). (A savepoint per page, letting the primary
        # key catch such a row, cost SQLite more than the lookups.)
        self._new_entities = {entity: _WrittenIds() for entity in ENTITIES if not session.execute(
            select(exists().where(TkRecord.entity == entity))).scalar()}
        self._zaken_stored = "Zaak" not in self._new_entities  # (a ZaakActor or Document has a zaak to mark)

    def load(self, page: Page) -> list[Written]:
        """Upsert one page's rows; returns the Zaak and Toezegging rows written (new or changed)."""
        if page.entity is None:
            self.summary.ignored_pages.append(page.file.name)
            return []
        latest: dict[str, dict] = {}
        for row in page.rows:  # the same Id twice on a page: the newest wins
            tk_id = str(row["Id"])
            if tk_id not in latest or (timestamp(row.get("GewijzigdOp")) or _EPOCH) >= (
                    timestamp(latest[tk_id].get("GewijzigdOp")) or _EPOCH):
                latest[tk_id] = row  # (timestamps are parsed only when an Id repeats)
        written_before = self._new_entities.get(page.entity)
        if written_before is not None and not written_before.add(latest):
            stored = {}
        else:
            stored = self._stored(page.entity, list(latest))
        return self._write(page.entity, latest, stored)

    def _write(self, entity: str, latest: dict[str, dict], stored: dict[str, datetime]) -> list[Written]:
        summary, connection = self.summary, self.session.connection()
        inserts, updates, touched_zaken, written = [], [], set(), []
        for tk_id, row in latest.items():
            modified = timestamp(row.get("GewijzigdOp"))
            record = dict(entity=entity, tk_id=tk_id, modified=modified, deleted=bool(row.get("Verwijderd")),
                          zaak_id=_zaak_id(entity, row), pending=False,
                          data=_as_json(row))
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
            if entity in PROJECTED:
                written.append(Written(tk_id, record["deleted"], row))
        if inserts:
            insert_rows(connection, TkRecord.__table__, inserts)
        if updates:
            table = TkRecord.__table__
            connection.execute(
                update(table).where(table.c.entity == entity, table.c.tk_id == bindparam("key"))
                .values(modified=bindparam("modified"), deleted=bindparam("deleted"), zaak_id=bindparam("zaak_id"),
                        pending=False, data=bindparam("data")),
                [dict(key=u["tk_id"], modified=u["modified"], deleted=u["deleted"], zaak_id=u["zaak_id"],
                      data=u["data"]) for u in updates])
        summary.new += len(inserts)
        summary.updated += len(updates)
        self._zaken_stored = self._zaken_stored or entity == "Zaak"
        if touched_zaken and self._zaken_stored:
            mark_pending(self.session, "Zaak", sorted(touched_zaken), True)
        return written

    def _stored(self, entity: str, tk_ids: list[str]) -> dict[str, datetime]:
        """The GewijzigdOp stored for those of these Ids the mirror holds."""
        return {tk_id: datetime.fromisoformat(modified) if isinstance(modified, str) else modified  # SQLite: text
                for tk_id, modified in execute_in(self.session.connection(), "SELECT tk_id, modified FROM tk_record "
                                                  "WHERE entity = ? AND tk_id IN ({})", (entity,), tk_ids)}


class _WrittenIds:
    """The Ids of one entity written in this import, as a Bloom filter of fixed size (2 MB, so memory stays
    flat however many rows come). It may take an Id for written when it was not, and then the page is looked
    up as on any later import: with 40,000 rows of an entity one page in 200, with a million nearly every
    page. It never takes a written Id for new."""

    BITS = 1 << 24

    def __init__(self):
        self.bits: bytearray | None = None  # taken when the first page of the entity comes

    def add(self, tk_ids) -> bool:
        """Remember these Ids; returns whether any of them may have been written before."""
        if self.bits is None:
            self.bits = bytearray(self.BITS // 8)
        bits, mask, maybe = self.bits, self.BITS - 1, False
        for tk_id in tk_ids:
            code = hash(tk_id)
            seen = True
            for position in (code & mask, (code >> 24) & mask):
                byte, bit = position >> 3, 1 << (position & 7)
                if not bits[byte] & bit:
                    seen = False
                    bits[byte] |= bit
            maybe = maybe or seen
        return maybe


def mark_pending(session: Session, entity: str, tk_ids: list[str], pending: bool) -> None:
    """Set whether these rows still wait for their items to be built."""
    execute_in(session.connection(), "UPDATE tk_record SET pending = ? WHERE entity = ? AND pending = ? "
               "AND tk_id IN ({})", (pending, entity, not pending), tk_ids)


def _aware(moment):
    if moment is not None and moment.tzinfo is None:  # SQLite hands back naive datetimes
        return moment.replace(tzinfo=timezone.utc)
    return moment


_EPOCH = timestamp("1970-01-01T00:00:00Z")
