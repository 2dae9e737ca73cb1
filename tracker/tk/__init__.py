"""The Tweede Kamer's open data (gegevensmagazijn, OData v4): import saved pages, fetch new ones."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from .. import db
from ..models import TkRecord
from ..services.bulk import gc_paused
from .mirror import MirrorSummary, load_page
from .pages import page_files, read_page
from .project import ProjectSummary, project


@dataclass
class ImportResult:
    files: int
    mirror: MirrorSummary
    items: ProjectSummary


def load_files(session: Session, files: list[Path], on_file: Callable[[Path], None] | None = None) -> MirrorSummary:
    """Phase 1: every page into the mirror, one file at a time; on_file after each (a progress bar)."""
    statistics = db.FreshStatistics(session, "tk_record")
    mirror = MirrorSummary()
    with gc_paused() as tidy:
        for file in files:
            page = read_page(file)
            load_page(session, page, mirror)
            statistics.wrote(len(page.rows))
            tidy()
        if on_file:
            on_file(file)
    return mirror


def pending_count(session: Session) -> int:
    """How many Zaak and Toezegging rows phase 2 will build items from."""
    return session.execute(select(func.count()).select_from(TkRecord).where(
        TkRecord.pending, TkRecord.entity.in_(("Zaak", "Toezegging")))).scalar()


def import_path(session: Session, path: Path) -> ImportResult:
    """Both phases for a file or folder of pages, in the caller's transaction (all or nothing)."""
    files = page_files(path)
    mirror = load_files(session, files)
    return ImportResult(len(files), mirror, project(session))


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

