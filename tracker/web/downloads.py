"""Spreadsheet downloads of a list or an overview: in the import's columns (tracker.exporter) or as a report
(tracker.reports)."""
from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator

from flask import Response, stream_with_context
from sqlmodel import Session

from .. import db, exporter
from . import app_engine

FORMATS = ("csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def spreadsheet(fmt: str, filename: str, rows_of: Callable[[Session], Iterator[dict]]) -> Response:
    """`rows_of(session)` yields import rows. CSV streams as it is read; XLSX is built in a spooled file
    (a zip cannot be sent before it is complete)."""
    engine = app_engine()
    disposition = {"Content-Disposition": f'attachment; filename="{filename}.{fmt}"'}
    if fmt == "csv":
        def stream():
            with db.transaction(engine) as session:
                yield from exporter.csv_chunks(rows_of(session))
        # text/csv: Flask adds "; charset=utf-8" itself (given here too, the header said it twice)
        return Response(stream_with_context(stream()), mimetype="text/csv", headers=disposition)
    with tempfile.SpooledTemporaryFile(max_size=8 << 20) as spool:
        with db.transaction(engine) as session:
            exporter.write_xlsx(rows_of(session), spool, title=filename)
        spool.seek(0)
        return Response(spool.read(), mimetype=XLSX, headers=disposition)


REPORT_FORMATS = {"rapport-csv": "csv", "rapport-xlsx": "xlsx"}


def report(fmt: str, filename: str, rows_of: Callable[[Session], Iterator[dict]], title: str) -> Response:
    """A report export (tracker.reports): `rows_of(session)` yields report rows; fmt is rapport-csv or
    rapport-xlsx; title is the workbook's first row."""
    from .. import reports

    extension = REPORT_FORMATS[fmt]
    engine = app_engine()
    disposition = {"Content-Disposition": f'attachment; filename="{filename}-rapport.{extension}"'}
    if extension == "csv":
        def stream():
            with db.transaction(engine) as session:
                yield from reports.csv_chunks(rows_of(session))
        return Response(stream_with_context(stream()), mimetype="text/csv", headers=disposition)
    with tempfile.SpooledTemporaryFile(max_size=8 << 20) as spool:
        with db.transaction(engine) as session:
            reports.write_xlsx(rows_of(session), spool, title)
        spool.seek(0)
        return Response(spool.read(), mimetype=XLSX, headers=disposition)
