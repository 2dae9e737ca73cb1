"""Indexes that let Overzicht count 100,000 items without reading the table

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 19:40:00

Overzicht's counts per ministry and kind, its on-time chart and Te laat read only columns these indexes hold,
so the database answers them from the index (SQLite: covering index; PostgreSQL: index-only scan) instead of
reading every wide item row. ix_item_dashboard starts with the columns of ix_item_ministry_kind and replaces
it; ix_period_active is ix_period_overdue with item_id added.
"""
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tracked_item', schema=None) as batch_op:
        batch_op.drop_index('ix_item_ministry_kind')
        batch_op.create_index('ix_item_dashboard', ['ministry_id', 'kind', 'status', 'closed_kind', 'closed_on',
                                                    'archived_at'], unique=False)
        batch_op.create_index('ix_item_answered', ['closed_kind', 'closed_on', 'kind', 'ministry_id', 'start_date',
                                                   'due_date', 'archived_at'], unique=False)
    with op.batch_alter_table('deadline_period', schema=None) as batch_op:
        batch_op.drop_index('ix_period_overdue')
        batch_op.create_index('ix_period_active', ['active_until', 'due', 'active_from', 'item_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('deadline_period', schema=None) as batch_op:
        batch_op.drop_index('ix_period_active')
        batch_op.create_index('ix_period_overdue', ['active_until', 'due', 'active_from'], unique=False)
    with op.batch_alter_table('tracked_item', schema=None) as batch_op:
        batch_op.drop_index('ix_item_answered')
        batch_op.drop_index('ix_item_dashboard')
        batch_op.create_index('ix_item_ministry_kind', ['ministry_id', 'kind'], unique=False)
