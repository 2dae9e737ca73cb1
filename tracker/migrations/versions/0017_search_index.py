"""The search index (tracker.search.index): SQLite FTS5 / PostgreSQL full text ('dutch'), filled from the register

Revision ID: 0017
Revises: 0014
Create Date: 2026-12-07 06:30:00
"""
from alembic import op

from tracker.search import index


revision = '0017'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    index.create(connection)
    index.rebuild(connection)


def downgrade() -> None:
    index.drop(op.get_bind())
