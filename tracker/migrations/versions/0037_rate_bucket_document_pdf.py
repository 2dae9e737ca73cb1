"""State every app server shares: the request counters of the rate limits (rate_bucket, was per worker) and the PDF of
every final letter (document_pdf, was only a file under TRACKER_EXPORTS on the host that made it).

Letters made before keep their file: the PDF of each one whose file this host has (and whose sha256 still matches) is
copied into document_pdf here; the others are read from their file, or a voortgangsbrief re-rendered from its
snapshot, as before.

Revision ID: 0037
Revises: 0036
Create Date: 2026-12-07 21:15:00
"""
import hashlib
from pathlib import Path

from alembic import op
import sqlalchemy as sa
import sqlmodel.sql.sqltypes


revision = '0037'
down_revision = '0036'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'rate_bucket',
        sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('window_start', sa.Integer(), nullable=False),
        sa.Column('hits', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('key'),
    )
    with op.batch_alter_table('rate_bucket', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rate_bucket_window_start'), ['window_start'], unique=False)
    op.create_table(
        'document_pdf',
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['document_id'], ['document.id'], ),
        sa.PrimaryKeyConstraint('document_id'),
    )
    _copy_letter_files(op.get_bind())


def _copy_letter_files(connection) -> None:
    """The PDFs this host has of letters made before, into document_pdf (only a file that is still the letter sent)."""
    document_pdf = sa.table('document_pdf', sa.column('document_id', sa.Integer()),
                            sa.column('content', sa.LargeBinary()))
    for table in ('letter', 'rappel'):
        rows = connection.execute(sa.text(f"SELECT t.document_id, t.path, d.sha256 FROM {table} t "
                                          "JOIN document d ON d.id = t.document_id")).all()
        for document_id, path, sha256 in rows:
            try:
                content = Path(path).read_bytes() if path else None
            except OSError:  # not on this host, unreadable: read as before
                continue
            if content is not None and hashlib.sha256(content).hexdigest() == sha256:
                connection.execute(document_pdf.insert().values(document_id=document_id, content=content))


def downgrade() -> None:
    op.drop_table('document_pdf')
    with op.batch_alter_table('rate_bucket', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rate_bucket_window_start'))
    op.drop_table('rate_bucket')
