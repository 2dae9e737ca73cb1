"""Text stored before the text rule (tracker.text_hygiene): control characters taken out, line breaks in one-line
fields made spaces; every changed item field is audited

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08 10:00:00
"""
from alembic import op
import sqlalchemy as sa

from tracker.text_hygiene import clean, is_clean, printable


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

ACTOR = "migratie 0014"
NOTE = "tekens die geen tekst zijn (stuurtekens, regelovergangen in een veld van één regel) verwijderd"
# table: (one-line columns, multi-line columns, unique keys the cleaned value must not collide with)
TABLES = {
    "tracked_item": (("nummer", "title", "term", "deadline_phrase", "due_rule", "members", "fracties", "tags",
                      "vote_result", "kabinetsappreciatie", "activity", "source", "external_id"),
                     ("text", "stand_van_zaken", "due_explanation", "due_problem"),
                     (("chamber", "kind", "nummer"), ("external_id",))),
    "person": (("name",), (), (("name",),)),
    "committee": (("name", "abbreviation"), (), (("chamber", "name"),)),
    "ministry": (("code", "name"), (), (("code",),)),
    "document": (("title", "kenmerk", "sender", "addressee", "dossier", "stuknummer"), ("full_text",), ()),
    "delay_notice": ((), ("reason",), ()),
    "deadline_override": ((), ("reason",), ()),
    "calendar_feed": (("label",), (), ()),
    "saved_feed": (("label",), (), ()),
    "api_token": (("description",), (), ()),
}
BATCH = 1000


def upgrade() -> None:
    clean_stored_text(op.get_bind())


def clean_stored_text(connection) -> dict[str, int]:
    """Clean every row that holds what is no text; returns the rows changed per table. A value whose cleaned form
    would collide with another row's unique key is left as it is (the outputs clean it on the way out)."""
    changed = {}
    for name, (single, multi, uniques) in TABLES.items():
        columns = [*single, *multi]
        keys = sorted({c for unique in uniques for c in unique} - set(columns))
        table = sa.table(name, sa.column("id"), *(sa.column(c) for c in (*columns, *keys)))
        updates = []
        last = 0
        while True:  # in batches by id: a large register is never held in memory at once
            rows = connection.execute(sa.select(table).where(table.c.id > last).order_by(table.c.id)
                                      .limit(BATCH)).mappings().all()
            if not rows:
                break
            last = rows[-1]["id"]
            for row in rows:
                new = {c: clean(row[c]) if c in multi else clean(row[c], multiline=False).strip() for c in columns
                       if isinstance(row[c], str) and not is_clean(row[c], multiline=c in multi)}
                if new:
                    updates.append((row, new))
        for row, new in updates:
            for unique in uniques:
                if not set(unique) & set(new):
                    continue
                wanted = {c: new.get(c, row[c]) for c in unique}
                taken = connection.execute(sa.select(table.c.id).where(
                    table.c.id != row["id"], *(table.c[c] == v for c, v in wanted.items()))).first()
                if taken is not None:
                    for c in unique:
                        new.pop(c, None)
            if not new:
                continue
            connection.execute(table.update().where(table.c.id == row["id"]).values(**new))
            if name == "tracked_item":
                _audit(connection, row, new)
        changed[name] = len(updates)
    return changed


def _audit(connection, row, new: dict) -> None:
    """The audit trail says what changed and why; the item's version moves, so an open form sees the change."""
    from tracker.models import utcnow

    now = utcnow()
    audit = sa.table("audit_event", sa.column("item_id"), sa.column("at", sa.DateTime(timezone=True)),
                     sa.column("actor"), sa.column("action"),
                     sa.column("field"), sa.column("old"), sa.column("new"), sa.column("note"))
    connection.execute(audit.insert(), [{"item_id": row["id"], "at": now, "actor": ACTOR, "action": "wijziging",
                                         "field": column, "old": printable(row[column]), "new": value, "note": NOTE}
                                        for column, value in new.items()])
    item = sa.table("tracked_item", sa.column("id"), sa.column("version"),
                    sa.column("updated_at", sa.DateTime(timezone=True)))
    connection.execute(item.update().where(item.c.id == row["id"]).values(version=item.c.version + 1, updated_at=now))


def downgrade() -> None:
    pass  # the characters taken out are not put back (the audit trail shows where they were)
