"""`tracker backup` and `tracker restore`: a consistent copy of the register while the app runs, and back.

A copy of the SQLite file is no backup: in WAL mode the newest writes live in the -wal file, and a copy
taken while the app writes can be torn (seen: 1 corrupt copy and 4 missing recent writes in 5). SQLite's
online backup API copies a consistent snapshot page by page while others go on writing. PostgreSQL gets
`pg_dump` in its custom format (a consistent snapshot too), restored with `pg_restore`.
"""
from __future__ import annotations

import fcntl
import glob
import os
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import contextmanager
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


PARTIAL_PREFIX = ".kamertracker-backup-"  # a folder per backup or restore in progress, next to its target
PARTIAL_SUFFIX = ".deel"
NOT_MADE = "er is geen back-up gemaakt"
UNTOUCHED = "er is niets teruggezet, de database is ongewijzigd"
REQUIRED_TABLES = ("alembic_version", "tracked_item", "app_user")


def backup(engine: Engine, path: Path) -> str:
    """Write a consistent copy of the database behind engine to path.

    Written in a folder of its own next to path, verified, and only then given its name (a hard link: it never
    replaces a file that appeared meanwhile). A backup that was killed left such a folder: the next backup in
    that directory clears it away."""
    path = path.resolve()
    if path.exists():
        raise BackupError(f"{path} bestaat al; kies een nieuwe naam (een back-up overschrijft niets)")
    path.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_partials(path.parent)
    with _partial_folder(path) as folder:
        partial = folder / path.name
        if engine.dialect.name == "sqlite":
            try:
                _sqlite_copy(_sqlite_file(engine), partial)
            except sqlite3.DatabaseError as error:
                raise BackupError(f"{_sqlite_file(engine).name} kan niet worden gekopieerd ({error}); "
                                  f"{NOT_MADE}") from None
            _verify_sqlite(partial, "de kopie", NOT_MADE)
            what = "SQLite online backup"
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}",
                  *_schema_option(engine), f"--dbname={_libpq_url(engine)}"], "pg_dump", NOT_MADE)
            _verify_dump(partial, "de kopie", NOT_MADE)
            what = "pg_dump (custom)"
        _sync(partial)
        try:
            os.link(partial, path)  # the name appears only now, complete; never over another file
        except FileExistsError:
            raise BackupError(f"{path} bestaat al; kies een nieuwe naam (een back-up overschrijft niets)") from None
        except OSError:  # a file system without hard links
            if path.exists():
                raise BackupError(f"{path} bestaat al; kies een nieuwe naam") from None
            os.replace(partial, path)
        _sync(path.parent)
    return what


def restore(engine: Engine, path: Path) -> str:
    """Load a backup made by `backup` into the empty database behind engine.

    Verified before anything reaches the database: SQLite's copy is made under a temporary name next to the
    database, checked (integrity_check, Kamertracker's tables, a migration this version knows) and only then
    moved into place; pg_restore's table of contents is read first and the restore is one transaction. A
    backup that fails leaves the database as it was, so a retry with a good backup simply works."""
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
            raise BackupError(f"{path.name} is geen SQLite-back-up van Kamertracker; {UNTOUCHED}")
        target = _sqlite_file(engine)
        engine.dispose()
        clean_stale_partials(target.parent)
        with _partial_folder(target) as folder:
            partial = folder / target.name
            try:
                _sqlite_copy(path, partial)
            except sqlite3.DatabaseError as error:
                raise BackupError(f"de back-up {path.name} is beschadigd ({error}); {UNTOUCHED}") from None
            _verify_sqlite(partial, f"de back-up {path.name}", UNTOUCHED)
            _sync(partial)
            if _has_tables(engine):  # filled while we copied
                raise BackupError(f"de database is intussen niet meer leeg; {UNTOUCHED}")
            engine.dispose()
            for leftover in ("-wal", "-shm", "-journal"):  # of the empty database: never to be applied to the copy
                target.with_name(target.name + leftover).unlink(missing_ok=True)
            os.replace(partial, target)
            _sync(target.parent)
        return "SQLite"
    if not head.startswith(PG_MAGIC):
        raise BackupError(f"{path.name} is geen pg_dump-bestand (custom format) van Kamertracker; {UNTOUCHED}")
    _verify_dump(path, f"de back-up {path.name}", UNTOUCHED)
    _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
          f"--dbname={_libpq_url(engine)}", str(path)], "pg_restore", UNTOUCHED + " (één transactie)")
    return "PostgreSQL"


def damage(engine: Engine) -> str | None:
    """What SQLite's quick_check finds wrong with the database file (None: nothing; PostgreSQL: not checked)."""
    if engine.dialect.name != "sqlite":
        return None
    from sqlalchemy.exc import DatabaseError

    try:
        with engine.connect() as connection:
            found = [row[0] for row in connection.exec_driver_sql("PRAGMA quick_check(5)")]
    except DatabaseError as error:
        if "malformed" not in str(error) and "not a database" not in str(error):
            raise  # unreachable, locked, …: the caller's fault handling says so
        return str(error.orig)
    return None if found == ["ok"] else "; ".join(found)


def clean_stale_partials(folder: Path) -> list[Path]:
    """Remove what backups and restores that were killed left in folder; returns what was removed.

    A folder of a backup still running is locked by it (flock, released by the kernel when its process
    ends, however it ends) and stays. Also the partial files of earlier versions (NAAM.deel with -wal/-shm)."""
    removed = []
    for partial in folder.glob(f"{glob.escape(PARTIAL_PREFIX)}*{PARTIAL_SUFFIX}"):
        if partial.is_dir() and not partial.is_symlink():
            try:
                with _locked(partial, wait=False):
                    shutil.rmtree(partial)
            except BlockingIOError:
                continue  # in use
            except OSError:
                continue
            removed.append(partial)
    for partial in folder.glob(f"*{PARTIAL_SUFFIX}"):
        if partial.name.startswith(".") or not partial.is_file():
            continue  # `tracker export` writes .NAAM.deel: not ours
        with partial.open("rb") as handle:
            head = handle.read(16)
        if head and not (head.startswith(SQLITE_MAGIC) or head.startswith(PG_MAGIC)):
            continue
        for leftover in ("", "-wal", "-shm", "-journal"):
            stale = partial.with_name(partial.name + leftover)
            if stale.exists():
                stale.unlink()
                removed.append(stale)
    return removed


@contextmanager
def _partial_folder(target: Path):
    """A new folder next to target, locked while in use, removed with whatever is left in it at the end."""
    folder = Path(tempfile.mkdtemp(prefix=f"{PARTIAL_PREFIX}{target.name[:80]}-", suffix=PARTIAL_SUFFIX,
                                   dir=target.parent))
    try:
        with _locked(folder, wait=True):
            yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _locked(folder: Path, wait: bool):
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        yield
    finally:
        os.close(descriptor)


def _sync(path: Path) -> None:
    """Data on the disk before the name points at it (a file), or the name itself on the disk (a folder)."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _sqlite_copy(source_file: Path, target_file: Path) -> None:
    """SQLite's online backup of source into a new file target, as one file (no -wal beside it)."""
    source = sqlite3.connect(f"file:{source_file}?mode=ro", uri=True, timeout=30)
    try:
        target = sqlite3.connect(target_file)
        try:
            source.backup(target, pages=PAGES_PER_STEP)
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            target.close()
    finally:
        source.close()


def _verify_sqlite(file: Path, what: str, outcome: str) -> None:
    """A copy that SQLite finds whole, with Kamertracker's tables at a migration this version knows."""
    try:
        connection = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
        try:
            found = [row[0] for row in connection.execute("PRAGMA integrity_check(5)")]
            if found != ["ok"]:
                raise BackupError(f"{what} is beschadigd (integrity_check: {'; '.join(found)[:300]}); {outcome}")
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not set(REQUIRED_TABLES) <= tables:
                raise BackupError(f"{what} is geen database van Kamertracker; {outcome}")
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{what} is beschadigd ({error}); {outcome}") from None
    _check_revision(revision[0] if revision else None, what, outcome)


def _check_revision(revision: str | None, what: str, outcome: str) -> None:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    from .migrate import alembic_config

    try:
        known = revision is not None and ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError:
        known = False
    if not known:
        raise BackupError(f"{what} staat op migratie {revision or '(geen)'}, die deze versie van Kamertracker niet "
                          f"kent (een back-up van een nieuwere versie?); {outcome}")


def _verify_dump(file: Path, what: str, outcome: str) -> None:
    """pg_restore can read the dump's table of contents, and it holds Kamertracker's tables."""
    listing = _run(["pg_restore", "--list", str(file)], "pg_restore", outcome, what=f"{what} is onleesbaar")
    if not all(f" {table} " in listing for table in REQUIRED_TABLES):
        raise BackupError(f"{what} is geen back-up van Kamertracker; {outcome}")


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


def _run(command: list[str], name: str, outcome: str, what: str | None = None) -> str:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{name} is niet geïnstalleerd (Debian: apt-get install postgresql-client); {outcome}")
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PGCONNECT_TIMEOUT": "10"})
    if result.returncode != 0:
        raise BackupError(f"{what or name + ' mislukte'}: {result.stderr.strip()[:500]}; {outcome}")
    return result.stdout
