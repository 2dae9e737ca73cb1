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
    """`rows_of(session)` yields import rows, as CSV or XLSX in the import's columns."""
    return _download(fmt, f"{filename}.{fmt}", rows_of, exporter.csv_chunks,
                     lambda rows, spool: exporter.write_xlsx(rows, spool, title=filename))


REPORT_FORMATS = {"rapport-csv": "csv", "rapport-xlsx": "xlsx"}


def report(fmt: str, filename: str, rows_of: Callable[[Session], Iterator[dict]], title: str) -> Response:
    """A report export (tracker.reports): `rows_of(session)` yields report rows; fmt is rapport-csv or
    rapport-xlsx; title is the workbook's first row."""
    from .. import reports

    extension = REPORT_FORMATS[fmt]
    return _download(extension, f"{filename}-rapport.{extension}", rows_of, reports.csv_chunks,
                     lambda rows, spool: reports.write_xlsx(rows, spool, title))


def _download(extension: str, name: str, rows_of, csv_chunks, write_xlsx) -> Response:
    """CSV streams as it is read; XLSX is built in a spooled file (a zip cannot be sent before it is complete)."""
    engine = app_engine()
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    if extension == "csv":
        def stream():
            with db.transaction(engine) as session:
                yield from csv_chunks(rows_of(session))
        # text/csv: Flask adds "; charset=utf-8" itself (given here too, the header said it twice)
        return Response(stream_with_context(stream()), mimetype="text/csv", headers=disposition)
    with tempfile.SpooledTemporaryFile(max_size=8 << 20) as spool:
        with db.transaction(engine) as session:
            write_xlsx(rows_of(session), spool)
        spool.seek(0)
        return Response(spool.read(), mimetype=XLSX, headers=disposition)
