"""Atom feeds of saved filters (a list or Te laat with its filters) behind revocable secret tokens

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 20:30:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'saved_feed',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('page', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('query', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column('label', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token_hash'),
    )
    with op.batch_alter_table('saved_feed', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_saved_feed_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('saved_feed', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_saved_feed_user_id'))
    op.drop_table('saved_feed')
