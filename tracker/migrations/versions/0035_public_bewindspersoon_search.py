"""The search index anew: the bewindspersoon moves from the private column (weight D on PostgreSQL) to the public
`people` column (weight B), as tracker.public now shows the bewindspersoon's name, so that the public register finds
an item by its bewindspersoon.

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-07 19:00:00
"""
from alembic import op

from tracker.search import index


revision = '0035'
down_revision = '0034'
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    index.drop(connection)
    index.create(connection)
    index.rebuild(connection)


def downgrade() -> None:
    # the earlier code reads the same columns; the entries written here keep the bewindspersoon in the public column
    # until the earlier code rebuilds the index (`tracker zoekindex`): run that after a downgrade
    pass
