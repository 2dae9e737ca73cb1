"""A stored letter keeps whether each item was open on its date (letter_item.item_open)

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 14:20:00

A letter prints "Er is geen nieuwe stand van zaken te melden." only under an item that was open on its date; a
closed item without a stand gets no such line. The snapshot did not keep that, so a stored letter with such an item
rendered again differently from what was sent (and stored_pdf blamed the fonts). Letters made before have none
(NULL): they printed the line under every item without a stand, which is what the code assumes for NULL.
"""
from alembic import op
import sqlalchemy as sa


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('letter_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('item_open', sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('letter_item', schema=None) as batch_op:
        batch_op.drop_column('item_open')
