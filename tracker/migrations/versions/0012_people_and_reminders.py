"""People and reminders: e-mail addresses and notification settings, behandelaar and interne termijn, follows,
and the record of every notification sent

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 20:00:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True))
        for name in ('notify_digest', 'notify_reminders', 'notify_follows'):
            batch_op.add_column(sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table('ministry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('internal_offset_days', sa.Integer(), nullable=True, server_default='7'))
    with op.batch_alter_table('tracked_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('behandelaar_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('internal_due', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_tracked_item_behandelaar_id'), ['behandelaar_id'], unique=False)
        batch_op.create_foreign_key('fk_tracked_item_behandelaar', 'app_user', ['behandelaar_id'], ['id'])
    op.create_table(
        'item_follow',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['item_id'], ['tracked_item.id'], ),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
        sa.PrimaryKeyConstraint('user_id', 'item_id'),
    )
    with op.batch_alter_table('item_follow', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_follow_item_id'), ['item_id'], unique=False)
    op.create_table(
        'notification',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column('recipient', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column('error', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column('file', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column('audit_upto', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('user_id', 'key', name='uq_notification_user_key'),
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notification_user_id'))
    op.drop_table('notification')
    with op.batch_alter_table('item_follow', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_follow_item_id'))
    op.drop_table('item_follow')
    with op.batch_alter_table('tracked_item', schema=None) as batch_op:
        batch_op.drop_constraint('fk_tracked_item_behandelaar', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_tracked_item_behandelaar_id'))
        batch_op.drop_column('internal_due')
        batch_op.drop_column('behandelaar_id')
    with op.batch_alter_table('ministry', schema=None) as batch_op:
        batch_op.drop_column('internal_offset_days')
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        for name in ('notify_follows', 'notify_reminders', 'notify_digest', 'email'):
            batch_op.drop_column(name)
