"""voortgangsbrieven: letters and their item snapshots

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 18:15:49.967739
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('letter',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('ministry_id', sa.Integer(), nullable=False),
    sa.Column('chamber', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
    sa.Column('betreft', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('intro', sa.Text(), nullable=False),
    sa.Column('closing', sa.Text(), nullable=False),
    sa.Column('signer_function', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('signer_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('kenmerk', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('uw_kenmerk', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('dagtekening', sa.Date(), nullable=False),
    sa.Column('group_by', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('annex', sa.Boolean(), nullable=False),
    sa.Column('path', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['ministry_id'], ['ministry.id'], ),
    sa.PrimaryKeyConstraint('document_id')
    )
    op.create_table('letter_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('group_label', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('heading', sa.Text(), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('request', sa.Text(), nullable=True),
    sa.Column('stand_van_zaken', sa.Text(), nullable=True),
    sa.Column('status_text', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['letter.document_id'], ),
    sa.ForeignKeyConstraint(['item_id'], ['tracked_item.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('letter_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_item_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_letter_item_item_id'), ['item_id'], unique=False)

    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_column('sha256')

    with op.batch_alter_table('letter_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_item_item_id'))
        batch_op.drop_index(batch_op.f('ix_letter_item_document_id'))

    op.drop_table('letter_item')
    op.drop_table('letter')
