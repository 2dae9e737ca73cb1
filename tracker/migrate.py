"""Bring the database schema up to date with Alembic (used by `tracker init-db` and the tests)."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from sqlalchemy.engine import Engine


def alembic_config(engine: Engine | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("tracker") / "migrations"))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database behind engine to revision (default: the newest)."""
    from alembic import command

    cfg = alembic_config(engine)
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def head_revision() -> str:
    """The newest migration this version of Kamertracker knows."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at (None: never migrated)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


# The CLI checks the schema before every command that touches data: these two answer without loading Alembic
# (importing it and reading its scripts costs ~0.5 s per command).
_REVISION_LINE = re.compile(r"^(down_)?revision\s*(?::[^=\n]*)?=\s*(?:['\"]([\w-]+)['\"]|None)", re.M)


@lru_cache(maxsize=1)
def newest_revision() -> str:
    """head_revision(), read from the migration files: the revision no other migration builds on."""
    revisions, built_on = set(), set()
    for script in (resources.files("tracker") / "migrations" / "versions").iterdir():
        if script.name.endswith(".py"):
            for down, revision in _REVISION_LINE.findall(script.read_text(encoding="utf-8")):
                if revision:
                    (built_on if down else revisions).add(revision)
    heads = revisions - built_on
    return heads.pop() if len(heads) == 1 else head_revision()  # anything unusual: Alembic decides


def schema_revision(engine: Engine) -> str | None:
    """current_revision(), with one query (None: never migrated)."""
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
