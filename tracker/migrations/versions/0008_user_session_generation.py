"""Sessions that end: app_user.session_generation

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 14:40:00

Every session cookie carries the user's generation; logout, a new password, deactivation or a new role
raise it, and every older cookie stops working at once.
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_generation', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_column('session_generation')
