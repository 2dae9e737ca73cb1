"""Indexes for the person and committee pages: a bewindspersoon's and a committee's items are found by these columns
(tracker.services.registers counts and pages them); without them every page read all items (400 ms at 100,000).

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-07 21:20:00
"""
from alembic import op


revision = '0036'
down_revision = '0035'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_tracked_item_bewindspersoon_id", "tracked_item", ["bewindspersoon_id"])
    op.create_index("ix_tracked_item_committee_id", "tracked_item", ["committee_id"])


def downgrade() -> None:
    op.drop_index("ix_tracked_item_committee_id", table_name="tracked_item")
    op.drop_index("ix_tracked_item_bewindspersoon_id", table_name="tracked_item")
