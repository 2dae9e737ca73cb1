"""Several app servers on one database: a commit-ordered data version for the page caches, a shared secret key,
an index for one ministry's open items of a kind

Revision ID: 0018
Revises: 0014
Create Date: 2026-12-07 06:20:00

data_version: one row, raised once by every transaction that writes an audit event. On PostgreSQL the trigger is a
DEFERRABLE INITIALLY DEFERRED constraint trigger: it runs at COMMIT, so a second writer waits for the row only
while the first one commits (not for its whole transaction), and the numbers follow the order of the commits
(ids from a sequence do not: a transaction that began first may commit last). Once per transaction: the first
row of a transaction raises the number, the others see the transaction-local flag and do nothing. SQLite
serialises writers anyway; its trigger raises the number with every audit row.

audit_event.commit_version: the data version of the commit that wrote the event, stamped by the same trigger (on
PostgreSQL once per transaction, for all of its events: the only events without a stamp a transaction can see are
its own). Follow notices read events "since the last message" by this number, never by id, so an event whose
transaction commits after a later id was reported is still reported. Existing events get their id (the data version
starts at the highest id, so every later stamp is above them).
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None

POSTGRES_FUNCTION = """
CREATE FUNCTION tracker_raise_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    raised bigint;
BEGIN
    IF current_setting('tracker.data_version_raised', true) IS DISTINCT FROM 'ja' THEN
        PERFORM set_config('tracker.data_version_raised', 'ja', true);
        INSERT INTO data_version (id, version) VALUES (1, 1)
            ON CONFLICT (id) DO UPDATE SET version = data_version.version + 1 RETURNING version INTO raised;
        -- the row lock on data_version is held until COMMIT: stamps follow the commit order
        UPDATE audit_event SET commit_version = raised WHERE commit_version IS NULL;
    END IF;
    RETURN NULL;
END
$$
"""
POSTGRES_TRIGGER = """
CREATE CONSTRAINT TRIGGER audit_event_raises_data_version AFTER INSERT ON audit_event
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION tracker_raise_data_version()
"""
SQLITE_TRIGGER = """
CREATE TRIGGER audit_event_raises_data_version AFTER INSERT ON audit_event BEGIN
    INSERT INTO data_version (id, version) VALUES (1, 1)
        ON CONFLICT (id) DO UPDATE SET version = data_version.version + 1;
    UPDATE audit_event SET commit_version = (SELECT version FROM data_version WHERE id = 1) WHERE id = NEW.id;
END
"""


def upgrade() -> None:
    op.create_table(
        'data_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version', sa.BigInteger(), server_default='0', nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    # start above every audit id: a cache filled by a server still on the old version never meets a new key
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('commit_version', sa.BigInteger(), nullable=True))
    op.execute("UPDATE audit_event SET commit_version = id")
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_commit_version', ['commit_version'], unique=False)
    op.execute("INSERT INTO data_version (id, version) SELECT 1, coalesce(max(id), 0) FROM audit_event")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        op.execute(POSTGRES_TRIGGER)
    else:
        op.execute(SQLITE_TRIGGER)
    op.create_table(
        'app_secret',
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column('value', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )
    # one ministry's open or overdue items of a kind: /api/v1/items?soort=…&ministerie=…&stand=te_laat read every
    # ministry's overdue items of that kind and sorted them
    with op.batch_alter_table('tracked_item', schema=None) as batch_op:
        batch_op.create_index('ix_item_kind_ministry_open', ['kind', 'ministry_id', 'closed_on', 'due_date'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('tracked_item', schema=None) as batch_op:
        batch_op.drop_index('ix_item_kind_ministry_open')
    op.drop_table('app_secret')
    op.execute("DROP TRIGGER audit_event_raises_data_version" +
               (" ON audit_event" if op.get_bind().dialect.name == "postgresql" else ""))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION tracker_raise_data_version()")
    op.drop_table('data_version')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_commit_version')
        batch_op.drop_column('commit_version')
