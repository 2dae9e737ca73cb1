"""Stand van zaken with a date, and stored rappels.

Stand van zaken with a date: item_stand keeps every stand as written, with the day it was written, so a letter
dated in the past reports the stand of that day. Backfilled from the audit trail (each 'stand_van_zaken' event,
on the day it was recorded) and, for a stand the trail does not show being written, the item's current stand on
the day the item was registered.

rappel: a final rappel (the Kamer's letter to a ministry about its open toezeggingen) with its kenmerk and file, as
a voortgangsbrief is kept in `letter`.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 06:30:00
"""
from datetime import date, datetime

from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

ACTOR = "migratie 0015"


def upgrade() -> None:
    op.create_table(
        "item_stand",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("written_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("intern", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["tracked_item.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_item_stand_item_on", "item_stand", ["item_id", "written_on"], unique=False)
    backfill(op.get_bind())
    op.create_table(
        "rappel",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("ministry_id", sa.Integer(), nullable=False),
        sa.Column("chamber", sa.String(length=4), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False),
        sa.Column("dagtekening", sa.Date(), nullable=False),
        sa.Column("reply_by", sa.Date(), nullable=False),
        sa.Column("kenmerk", sa.String(length=100), nullable=False),
        sa.Column("signer_name", sa.String(length=200), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"]),
        sa.ForeignKeyConstraint(["ministry_id"], ["ministry.id"]),
        sa.PrimaryKeyConstraint("document_id"),
    )
    op.create_index("ix_rappel_ministry", "rappel", ["ministry_id", "dagtekening"], unique=False)


def backfill(connection) -> None:
    """Every stand the audit trail saw written, on its day (and the one its first change replaced, on the day the
    item was registered); then the current stand of items whose trail has none (written at registration: seeds,
    imports), on the day the item was registered. The latest row per item carries
    the item's current intern mark (earlier rows: not intern unless the trail says otherwise, which it does not)."""
    events = connection.execute(sa.text(
        "SELECT e.item_id, e.at, e.old, e.new, i.stand_intern, i.created_at FROM audit_event e "
        "JOIN tracked_item i ON i.id = e.item_id WHERE e.action = 'stand_van_zaken' ORDER BY e.item_id, e.at, e.id")
    ).all()
    rows = []
    last_of = {}
    for item_id, at, old, new, intern, created_at in events:
        if item_id not in last_of and old:  # the stand it replaced was written when the item was registered
            rows.append({"item_id": item_id, "written_on": _day(created_at), "text": old, "intern": False,
                         "created_by": ACTOR, "created_at": _stamp(created_at)})
        rows.append({"item_id": item_id, "written_on": _day(at), "text": new, "intern": False,
                     "created_by": ACTOR, "created_at": _stamp(at)})
        last_of[item_id] = (len(rows) - 1, bool(intern))
    for index, intern in last_of.values():
        rows[index]["intern"] = intern
    without = connection.execute(sa.text(
        "SELECT i.id, i.created_at, i.stand_van_zaken, i.stand_intern FROM tracked_item i "
        "WHERE i.stand_van_zaken IS NOT NULL AND NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.item_id = i.id "
        "AND e.action = 'stand_van_zaken')")).all()
    for item_id, created_at, stand, intern in without:
        rows.append({"item_id": item_id, "written_on": _day(created_at), "text": stand, "intern": bool(intern),
                     "created_by": ACTOR, "created_at": _stamp(created_at)})
    if rows:
        table = sa.table("item_stand", sa.column("item_id", sa.Integer), sa.column("written_on", sa.Date),
                         sa.column("text", sa.Text), sa.column("intern", sa.Boolean),
                         sa.column("created_by", sa.String), sa.column("created_at", sa.DateTime(timezone=True)))
        connection.execute(table.insert(), rows)


def _day(at):
    """The date of a timestamp as either backend returns it (SQLite: a string)."""
    if isinstance(at, datetime):
        return at.date()
    return date.fromisoformat(str(at)[:10])


def _stamp(at) -> datetime:
    return at if isinstance(at, datetime) else datetime.fromisoformat(str(at))


def downgrade() -> None:
    op.drop_index("ix_rappel_ministry", table_name="rappel")
    op.drop_table("rappel")
    op.drop_index("ix_item_stand_item_on", table_name="item_stand")
    op.drop_table("item_stand")
