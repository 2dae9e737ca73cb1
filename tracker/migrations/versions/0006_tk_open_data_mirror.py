"""Tweede Kamer open data: the mirror table items are projected from

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 20:20:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'tk_record',
        sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column('tk_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('modified', sa.DateTime(timezone=True), nullable=True),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('zaak_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
        sa.Column('pending', sa.Boolean(), nullable=False),
        sa.Column('data', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('entity', 'tk_id'),
    )
    with op.batch_alter_table('tk_record', schema=None) as batch_op:
        batch_op.create_index('ix_tk_record_pending', ['pending', 'entity'], unique=False)
        batch_op.create_index('ix_tk_record_zaak', ['zaak_id', 'entity'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('tk_record', schema=None) as batch_op:
        batch_op.drop_index('ix_tk_record_zaak')
        batch_op.drop_index('ix_tk_record_pending')
    op.drop_table('tk_record')
