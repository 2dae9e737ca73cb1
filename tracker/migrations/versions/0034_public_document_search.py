"""The search index anew: a document's sender and addressee move to the private column, so that the public
register can search the public documents (tracker.public's document rule) on the public columns alone.

Revision ID: 0034
Revises: 0020
Create Date: 2026-12-07 18:00:00
"""
from alembic import op

from tracker.search import index


revision = '0034'
down_revision = '0020'
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    index.drop(connection)
    index.create(connection)
    index.rebuild(connection)


def downgrade() -> None:
    # the earlier code reads the same columns; a sender in the private column is still searched signed in
    pass
