"""A personal agenda holds the user's own items: calendar_feed.mine

Revision ID: 0021
Revises: 0023
Create Date: 2026-12-07 14:20:00

"Mijn deadlines" (issue 26) is the items the owner is behandelaar of: calendar_feed.mine. The feeds made before
this had ministry_id NULL and showed an officer's whole ministry (everything for other roles) under the name
"Mijn deadlines (BZK)": they keep what they show, under an honest name (an officer's gets its ministry stored, so
it no longer depends on the owner's current ministry either).
"""
from alembic import op
import sqlalchemy as sa


revision = '0021'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('calendar_feed', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mine', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute("""
        UPDATE calendar_feed SET
            ministry_id = (SELECT u.ministry_id FROM app_user u WHERE u.id = calendar_feed.user_id AND u.role = 'officer'),
            label = 'Deadlines ' || (SELECT m.code FROM app_user u JOIN ministry m ON m.id = u.ministry_id
                                     WHERE u.id = calendar_feed.user_id AND u.role = 'officer')
        WHERE ministry_id IS NULL AND EXISTS (SELECT 1 FROM app_user u JOIN ministry m ON m.id = u.ministry_id
                                              WHERE u.id = calendar_feed.user_id AND u.role = 'officer')""")
    op.execute("UPDATE calendar_feed SET label = 'Deadlines alle ministeries' WHERE ministry_id IS NULL")


def downgrade() -> None:
    with op.batch_alter_table('calendar_feed', schema=None) as batch_op:
        batch_op.drop_column('mine')
