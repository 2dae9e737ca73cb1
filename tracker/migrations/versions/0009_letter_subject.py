"""Letters say what they are about (letter.subject); a stand van zaken can be internal (tracked_item.stand_intern)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 18:00:00

The annex title and the wording follow the contents ("moties", "Kamervragen", …); the stored letter keeps the
words it was made with, so that it renders again byte for byte. Letters made before have none: they were made
with "moties en toezeggingen", which is what the code assumes for an empty subject.

An internal stand van zaken (a note for the ministry, not for the Kamer) never reaches a letter or a rappel.
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject', sa.String(length=200), nullable=True))
    with op.batch_alter_table('tracked_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stand_intern', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('letter_item', schema=None) as batch_op:  # the annex's columns per item
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('made_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('activity', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('deadline_text', sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('letter_item', schema=None) as batch_op:
        for column in ('deadline_text', 'activity', 'made_on', 'kind'):
            batch_op.drop_column(column)
    with op.batch_alter_table('tracked_item', schema=None) as batch_op:
        batch_op.drop_column('stand_intern')
    with op.batch_alter_table('letter', schema=None) as batch_op:
        batch_op.drop_column('subject')
