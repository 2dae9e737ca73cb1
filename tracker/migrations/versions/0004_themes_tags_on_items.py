"""themes (tags) on items

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 18:48:04.734025
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('tracked_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tags', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('tracked_item', schema=None) as batch_op:
        batch_op.drop_column('tags')

