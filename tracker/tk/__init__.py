"""The Tweede Kamer's open data (gegevensmagazijn, OData v4): import saved pages, fetch new ones."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from ..models import TkRecord
from .mirror import MirrorSummary, load_page
from .pages import page_files, read_page
from .project import ProjectSummary, project


@dataclass
class ImportResult:
    files: int
    mirror: MirrorSummary
    items: ProjectSummary


def import_path(session: Session, path: Path, on_file: Callable[[Path], None] | None = None,
                start_projection: Callable[[int], Callable[[int], None] | None] | None = None) -> ImportResult:
    """Read every page under path into the mirror, then build the items; all in the caller's transaction.

    on_file is called after each file (a progress bar); start_projection(pending) may return a callback that
    is called with the number of rows done per batch.
    """
    files = page_files(path)
    mirror = MirrorSummary()
    for file in files:
        load_page(session, read_page(file), mirror)
        if on_file:
            on_file(file)
    pending = session.execute(select(func.count()).select_from(TkRecord).where(
        TkRecord.pending.is_(True), TkRecord.entity.in_(("Zaak", "Toezegging")))).scalar()
    progress = start_projection(pending) if start_projection else None
    return ImportResult(len(files), mirror, project(session, progress))
