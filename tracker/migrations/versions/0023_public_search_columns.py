"""The search index in public and private columns: what the public register shows of an item (head, people, body)
apart from what only signed-in users read (tags, bewindspersoon, the ministry's name: `private` on SQLite, weight D
on PostgreSQL), so the public register's search matches public fields alone. The index is made anew.

Revision ID: 0023
Revises: 0018
Create Date: 2026-12-07 14:30:00
"""
from alembic import op

from tracker.search import index


revision = '0023'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    index.drop(connection)
    index.create(connection)
    index.rebuild(connection)


def downgrade() -> None:
    # the earlier code writes the same table by column name (head, people, body, intern): the private column stays
    # empty, and a tag or bewindspersoon is then searched after the next rebuild as it was before
    pass
