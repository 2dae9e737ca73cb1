"""The Tweede Kamer's open data (gegevensmagazijn, OData v4): import saved pages, fetch new ones."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from .. import authz, db
from ..authz import Actor
from ..models import TkRecord
from ..services.bulk import gc_paused
from .mirror import Mirror, MirrorSummary, Written, mark_pending
from .pages import in_reading_order, page_files, read_page
from .project import BATCH, Projector, ProjectSummary, project


@dataclass
class ImportResult:
    files: int
    mirror: MirrorSummary
    items: ProjectSummary


def load_files(session: Session, files: list[Path], actor: Actor,
               on_file: Callable[[Path], None] | None = None) -> tuple[MirrorSummary, ProjectSummary]:
    """Every page into the mirror, one file at a time in reading order (fracties and persons, then actors and
    documents, then zaken and toezeggingen), and the items of the Zaak and Toezegging rows built as they
    come, a batch at a time; on_file after each file.

    Rows whose item is refused stay pending, as do zaken whose ZaakActor or Document rows changed after
    their item was built (in an earlier import): `project` builds those.
    """
    # Open data touches every ministry's items: only an admin (or the operator of the machine) may load it.
    authz.authorize(actor, "admin", None)
    statistics = db.FreshStatistics(session, "tk_record (entity, tk_id, zaak_id, pending)")
    mirror, projector = Mirror(session), Projector(session)
    waiting: list[Written] = []
    waiting_entity = None
    waiting_pages: dict[str, str] = {}  # the page of each waiting row, for a message that names it

    def build_waiting():
        done = set(projector.build(waiting_entity, waiting, waiting_pages))
        mark_pending(session, waiting_entity, [row.tk_id for row in waiting if row.tk_id not in done], True)
        waiting.clear()
        waiting_pages.clear()

    with gc_paused() as tidy:
        for file in in_reading_order(files):
            page = read_page(file)
            if waiting and (page.entity != waiting_entity or len(waiting) >= BATCH):
                build_waiting()
            written = mirror.load(page)
            statistics.wrote(len(page.rows))
            if page.entity == "Fractie":
                projector.names_changed()
            if written:
                waiting_entity = page.entity
                waiting += written
                waiting_pages.update((row.tk_id, file.name) for row in written)
            tidy()
            if on_file:
                on_file(file)
        if waiting:
            build_waiting()
    return mirror.summary, projector.summary


def pending_count(session: Session) -> int:
    """How many Zaak and Toezegging rows wait for `project` to build their items."""
    return session.execute(select(func.count()).select_from(TkRecord).where(
        TkRecord.pending, TkRecord.entity.in_(("Zaak", "Toezegging")))).scalar()


def import_path(session: Session, path: Path, actor: Actor) -> ImportResult:
    """Import a file or folder of pages on behalf of actor (an admin), in the caller's transaction."""
    files = page_files(path)
    mirror, items = load_files(session, files, actor)
    return ImportResult(len(files), mirror, project(session, summary=items))


@dataclass
class MirrorState:
    rows: dict[str, int]  # per entity
    waiting: int  # Zaak and Toezegging rows not yet turned into items (refused on an earlier import)
    latest: datetime | None  # the newest GewijzigdOp: where `tracker fetch-tk --since` can go on from


def mirror_state(session: Session) -> MirrorState:
    """What the mirror holds: for the open-data page."""
    rows = dict(session.execute(select(TkRecord.entity, func.count()).group_by(TkRecord.entity)).all())
    latest = session.execute(select(func.max(TkRecord.modified))).scalar()
    return MirrorState(rows, pending_count(session), latest)

