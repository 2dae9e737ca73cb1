"""web app: login failures, list indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 17:58:36.668774
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('login_failure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('ip', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('login_failure', schema=None) as batch_op:
        batch_op.create_index('ix_login_failure_ip_at', ['ip', 'at'], unique=False)
        batch_op.create_index('ix_login_failure_user_at', ['username', 'at'], unique=False)

    with op.batch_alter_table('tracked_item', schema=None) as batch_op:
        batch_op.create_index('ix_item_kind_due', ['kind', 'due_date'], unique=False)
        batch_op.create_index('ix_item_kind_open_due', ['kind', 'closed_on', 'due_date'], unique=False)
        batch_op.create_index('ix_item_kind_start', ['kind', 'start_date'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('tracked_item', schema=None) as batch_op:
        batch_op.drop_index('ix_item_kind_start')
        batch_op.drop_index('ix_item_kind_open_due')
        batch_op.drop_index('ix_item_kind_due')

    with op.batch_alter_table('login_failure', schema=None) as batch_op:
        batch_op.drop_index('ix_login_failure_user_at')
        batch_op.drop_index('ix_login_failure_ip_at')

    op.drop_table('login_failure')
