"""`tracker backup` and `tracker restore`: a consistent copy of the register while the app runs, and back.

A copy of the SQLite file is no backup: in WAL mode the newest writes live in the -wal file, and a copy
taken while the app writes can be torn (seen: 1 corrupt copy and 4 missing recent writes in 5). SQLite's
online backup API copies a consistent snapshot page by page while others go on writing. PostgreSQL gets
`pg_dump` in its custom format (a consistent snapshot too), restored with `pg_restore`.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import unquote

from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from .errors import TrackerError

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
PAGES_PER_STEP = 256  # the backup releases the database between steps, so writers are never held up long


class BackupError(TrackerError):
    pass


def backup(engine: Engine, path: Path) -> str:
    """Write a consistent copy of the database behind engine to path (written aside, then moved into place)."""
    path = path.resolve()
    if path.exists():
        raise BackupError(f"{path} bestaat al; kies een nieuwe naam (een back-up overschrijft niets)")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".deel")
    try:
        if engine.dialect.name == "sqlite":
            _sqlite_backup(_sqlite_file(engine), partial)
            what = "SQLite online backup"
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}",
                  *_schema_option(engine), f"--dbname={_libpq_url(engine)}"], "pg_dump")
            what = "pg_dump (custom)"
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return what


def restore(engine: Engine, path: Path) -> str:
    """Load a backup made by `backup` into the empty database behind engine."""
    if not path.is_file():
        raise BackupError(f"{path} bestaat niet")
    with path.open("rb") as handle:
        head = handle.read(16)
    if _has_tables(engine):
        raise BackupError("de database is niet leeg; herstel een back-up alleen in een lege database (een nieuw "
                          "SQLite-bestand, of een nieuwe PostgreSQL-database via createdb), zodat er niets "
                          "verloren gaat")
    if engine.dialect.name == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise BackupError(f"{path.name} is geen SQLite-back-up van Kamertracker")
        target = _sqlite_file(engine)
        engine.dispose()
        _sqlite_backup(path, target)
        return "SQLite"
    if not head.startswith(PG_MAGIC):
        raise BackupError(f"{path.name} is geen pg_dump-bestand (custom format) van Kamertracker")
    _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
          f"--dbname={_libpq_url(engine)}", str(path)], "pg_restore")
    return "PostgreSQL"


def _sqlite_backup(source_file: Path, target_file: Path) -> None:
    source = sqlite3.connect(f"file:{source_file}?mode=ro", uri=True, timeout=30)
    try:
        target = sqlite3.connect(target_file)
        try:
            source.backup(target, pages=PAGES_PER_STEP)
            if target.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError("de kopie is niet in orde (integrity_check); er is geen back-up gemaakt")
            if target.execute("SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'").fetchone()[0] == 0:
                raise BackupError(f"{source_file.name} is geen database van Kamertracker")
        finally:
            target.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source_file.name} kan niet worden gekopieerd ({error})") from None
    finally:
        source.close()


def _sqlite_file(engine: Engine) -> Path:
    return Path(engine.url.database).resolve()


def _has_tables(engine: Engine) -> bool:
    return bool(set(inspect(engine).get_table_names()) & {"tracked_item", "alembic_version", "app_user"})


def _libpq_url(engine: Engine) -> str:
    """The URL as libpq (pg_dump) reads it: no SQLAlchemy driver name, the search_path option left to -n."""
    url = engine.url.set(drivername="postgresql")
    query = {k: v for k, v in url.query.items() if k != "options"}
    return url.set(query=query).render_as_string(hide_password=False)


def _schema_option(engine: Engine) -> list[str]:
    """The schema named in options=-csearch_path=… (the tests' databases live in a schema of their own)."""
    options = engine.url.query.get("options")
    if isinstance(options, tuple):
        options = options[0]
    for part in unquote(options or "").split():
        if part.startswith("-csearch_path="):
            return [f"--schema={part.split('=', 1)[1].split(',')[0]}"]
    return []


def _run(command: list[str], name: str) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{name} is niet geïnstalleerd (Debian: apt-get install postgresql-client)")
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PGCONNECT_TIMEOUT": "10"})
    if result.returncode != 0:
        raise BackupError(f"{name} mislukte: {result.stderr.strip()[:500]}")
