"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 17:03:58.655334
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('committee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chamber', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('abbreviation', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('chamber', 'name')
    )
    op.create_table('document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('dagtekening', sa.Date(), nullable=True),
    sa.Column('chamber', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
    sa.Column('sender', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('addressee', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('kenmerk', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('dossier', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('stuknummer', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('vergaderjaar', sqlmodel.sql.sqltypes.AutoString(length=9), nullable=True),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('url', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('full_text', sa.Text(), nullable=True),
    sa.Column('external_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('external_id')
    )
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.create_index('ix_document_kamerstuk', ['dossier', 'stuknummer'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_kenmerk'), ['kenmerk'], unique=False)

    op.create_table('ministry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('active_from', sa.Date(), nullable=True),
    sa.Column('active_until', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('recess',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chamber', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('chamber', 'name', 'start')
    )
    op.create_table('app_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('ministry_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['ministry_id'], ['ministry.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username')
    )
    op.create_table('position',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('chamber', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
    sa.Column('fractie', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('ministry_id', sa.Integer(), nullable=True),
    sa.Column('function', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('end', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['ministry_id'], ['ministry.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('position', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_position_ministry_id'), ['ministry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_position_person_id'), ['person_id'], unique=False)

    op.create_table('tracked_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('chamber', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
    sa.Column('ministry_id', sa.Integer(), nullable=True),
    sa.Column('bewindspersoon_id', sa.Integer(), nullable=True),
    sa.Column('nummer', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('term', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=True),
    sa.Column('deadline_phrase', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('deadline_date', sa.Date(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('due_rule', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
    sa.Column('due_explanation', sa.Text(), nullable=True),
    sa.Column('due_problem', sa.Text(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closed_kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('stand_van_zaken', sa.Text(), nullable=True),
    sa.Column('members', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('fracties', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('vote_result', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('kabinetsappreciatie', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('activity', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
    sa.Column('committee_id', sa.Integer(), nullable=True),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('external_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['bewindspersoon_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['committee_id'], ['committee.id'], ),
    sa.ForeignKeyConstraint(['ministry_id'], ['ministry.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('chamber', 'kind', 'nummer', name='uq_item_chamber_kind_nummer'),
    sa.UniqueConstraint('external_id')
    )
    with op.batch_alter_table('tracked_item', schema=None) as batch_op:
        batch_op.create_index('ix_item_ministry_kind', ['ministry_id', 'kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_tracked_item_fracties'), ['fracties'], unique=False)

    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=True),
    sa.Column('old', sa.Text(), nullable=True),
    sa.Column('new', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('effective_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['tracked_item.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_item_at', ['item_id', 'at'], unique=False)

    op.create_table('deadline_override',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['tracked_item.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('deadline_override', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadline_override_item_id'), ['item_id'], unique=False)

    op.create_table('deadline_period',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('active_from', sa.Date(), nullable=False),
    sa.Column('active_until', sa.Date(), nullable=False),
    sa.Column('valid_until', sa.Date(), nullable=True),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('rule', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('first_delay_on', sa.Date(), nullable=True),
    sa.Column('first_delay_days_late', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['item_id'], ['tracked_item.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('deadline_period', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadline_period_item_id'), ['item_id'], unique=False)
        batch_op.create_index('ix_period_overdue', ['active_until', 'due', 'active_from'], unique=False)

    op.create_table('delay_notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('promised_date', sa.Date(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('created_by', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['item_id'], ['tracked_item.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('delay_notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delay_notice_item_id'), ['item_id'], unique=False)

    op.create_table('item_document',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['item_id'], ['tracked_item.id'], ),
    sa.PrimaryKeyConstraint('item_id', 'document_id', 'role')
    )
    with op.batch_alter_table('item_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_document_document_id'), ['document_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('item_document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_document_document_id'))

    op.drop_table('item_document')
    with op.batch_alter_table('delay_notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delay_notice_item_id'))

    op.drop_table('delay_notice')
    with op.batch_alter_table('deadline_period', schema=None) as batch_op:
        batch_op.drop_index('ix_period_overdue')
        batch_op.drop_index(batch_op.f('ix_deadline_period_item_id'))

    op.drop_table('deadline_period')
    with op.batch_alter_table('deadline_override', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deadline_override_item_id'))

    op.drop_table('deadline_override')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_item_at')

    op.drop_table('audit_event')
    with op.batch_alter_table('tracked_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tracked_item_fracties'))
        batch_op.drop_index('ix_item_ministry_kind')

    op.drop_table('tracked_item')
    with op.batch_alter_table('position', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_position_person_id'))
        batch_op.drop_index(batch_op.f('ix_position_ministry_id'))

    op.drop_table('position')
    op.drop_table('app_user')
    op.drop_table('recess')
    op.drop_table('person')
    op.drop_table('ministry')
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_kenmerk'))
        batch_op.drop_index('ix_document_kamerstuk')

    op.drop_table('document')
    op.drop_table('committee')
