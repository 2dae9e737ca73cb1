"""The search index (tracker.search.index): SQLite FTS5 / PostgreSQL full text ('dutch'), filled from the register;
persons named on items (item_person, read from the members text) and merged spellings (person_alias)

Revision ID: 0017
Revises: 0014
Create Date: 2026-12-07 06:30:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes

from tracker.search import index


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'item_person',
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['item_id'], ['tracked_item.id'], ),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
        sa.PrimaryKeyConstraint('item_id', 'person_id'),
    )
    with op.batch_alter_table('item_person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_person_person_id'), ['person_id'], unique=False)
    op.create_table(
        'person_alias',
        sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
        sa.PrimaryKeyConstraint('key'),
    )
    with op.batch_alter_table('person_alias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_alias_person_id'), ['person_id'], unique=False)
    connection = op.get_bind()
    index.create(connection)
    index.rebuild(connection)  # also reads every item's members text into item_person


def downgrade() -> None:
    index.drop(op.get_bind())
    op.drop_table('person_alias')
    op.drop_table('item_person')
