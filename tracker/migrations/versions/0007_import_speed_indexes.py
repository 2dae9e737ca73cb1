"""Indexes for fast imports: the TK mirror's waiting rows in a partial index; no index on fracties

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 21:30:00

- ix_tk_record_pending (pending, entity) held every mirror row; the partial ix_tk_record_waiting
  (entity, tk_id) holds only the rows waiting for phase 2, in the order phase 2 reads them.
- ix_tracked_item_fracties served no query: fracties is searched with LIKE '%…%'. Every insert paid for it.
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Only Zaak and Toezegging rows wait for phase 2 now; a changed ZaakActor or Document marks its Zaak.
    op.execute(sa.text("UPDATE tk_record SET pending = :no WHERE entity NOT IN ('Zaak', 'Toezegging')")
               .bindparams(sa.bindparam('no', False, type_=sa.Boolean())))
    with op.batch_alter_table('tk_record', schema=None) as batch_op:
        batch_op.drop_index('ix_tk_record_pending')
        batch_op.create_index('ix_tk_record_waiting', ['entity', 'tk_id'], unique=False,
                              sqlite_where=sa.text('pending = 1'), postgresql_where=sa.text('pending'))
    with op.batch_alter_table('tracked_item', schema=None) as batch_op:
        batch_op.drop_index('ix_tracked_item_fracties')


def downgrade() -> None:
    with op.batch_alter_table('tracked_item', schema=None) as batch_op:
        batch_op.create_index('ix_tracked_item_fracties', ['fracties'], unique=False)
    with op.batch_alter_table('tk_record', schema=None) as batch_op:
        batch_op.drop_index('ix_tk_record_waiting')
        batch_op.create_index('ix_tk_record_pending', ['pending', 'entity'], unique=False)
