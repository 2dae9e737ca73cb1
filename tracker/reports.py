"""Report exports: a list or Te laat as people hand it on to their director, beside the import format.

Not for importing back (that is tracker.exporter, which stays as it is): Dutch column names, the computed
deadline, days late, the latest uitstelbericht and the date it promised, the behandelaar by full name and the
status in words. CSV with ';', a BOM and dd-mm-jjjj dates for Dutch Excel; XLSX with a title row (what, which
filter, peildatum), real date cells, an autofilter on the header and set column widths. Outside text is
neutralised as in every export (tracker.inert.CsvWriter, tracker.exporter.xlsx_value): nothing evaluates.
"""
from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import IO

from sqlalchemy import and_, select
from sqlmodel import Session

from .authz import may_read_stand
from .db import as_date
from .domain.dutch import format_date
from .domain.names import display_name
from .domain.workflow import label
from .exporter import BATCH, CHUNK, _latest_delay, xlsx_value
from .inert import CsvWriter
from .models import Ministry, Person, TrackedItem, User
from .services.queries import SORTS, ListFilter, list_conditions

KIND_WORDS = {"motie": "Motie", "toezegging": "Toezegging", "kamervragen": "Kamervragen",
              "commissiebrief": "Commissiebrief"}
# (header, width in the workbook); the order is the order of the columns
COLUMNS = (("Soort", 14), ("Kamer", 7), ("Nummer", 20), ("Titel", 50), ("Ministerie", 11), ("Bewindspersoon", 24),
           ("Behandelaar", 24), ("Status", 20), ("Datum", 12), ("Termijn", 12), ("Dagen te laat", 9),
           ("Uitstelbericht", 14), ("Uitstel tot", 12), ("Afgesloten op", 13), ("Stand van zaken", 60))
HEADERS = tuple(name for name, _ in COLUMNS)
DATE_COLUMNS = frozenset({"Datum", "Termijn", "Uitstelbericht", "Uitstel tot", "Afgesloten op"})


def _statement(delay):
    return (
        select(TrackedItem.id, TrackedItem.kind, TrackedItem.chamber, TrackedItem.nummer, TrackedItem.title,
               Ministry.code, Person.name, User.username, User.full_name, TrackedItem.status, TrackedItem.start_date,
               TrackedItem.due_date, delay.c.sent_on, delay.c.promised_date, TrackedItem.closed_on,
               TrackedItem.stand_van_zaken, TrackedItem.ministry_id, TrackedItem.stand_intern)
        .outerjoin(Ministry, Ministry.id == TrackedItem.ministry_id)
        .outerjoin(User, User.id == TrackedItem.behandelaar_id)
        .outerjoin(Person, Person.id == TrackedItem.bewindspersoon_id)
        .outerjoin(delay, and_(delay.c.item_id == TrackedItem.id, delay.c.n == 1))
    )


def _report_row(row, on: date, reader) -> dict:
    (_id, kind, chamber, nummer, title, ministry, person, login, full_name, status, start, due, delay_on, delay_until,
     closed_on, stand, ministry_id, stand_intern) = row
    due, closed_on = as_date(due), as_date(closed_on)
    late = (on - due).days if due and closed_on is None and due < on else None
    if not may_read_stand(reader, ministry_id, stand_intern):
        stand = None  # an intern stand goes only to its own ministry
    return {"Soort": KIND_WORDS.get(kind, kind), "Kamer": chamber, "Nummer": nummer, "Titel": title,
            "Ministerie": ministry or "", "Bewindspersoon": person or "",
            "Behandelaar": display_name(full_name, login), "Status": label(status), "Datum": as_date(start),
            "Termijn": due, "Dagen te laat": late, "Uitstelbericht": as_date(delay_on),
            "Uitstel tot": as_date(delay_until), "Afgesloten op": closed_on, "Stand van zaken": stand or ""}


def list_rows(session: Session, f: ListFilter, on: date, reader=None) -> Iterator[dict]:
    """The items a list filter selects, as report rows, in the list's order; days late counted to `on`."""
    statement = (_statement(_latest_delay()).where(and_(*list_conditions(f, on)))
                 .order_by(TrackedItem.kind, *SORTS.get(f.sort, SORTS["termijn"])))
    for row in session.execute(statement.execution_options(yield_per=BATCH)):
        yield _report_row(row, on, reader)


def overdue_rows(session: Session, overdue: Sequence, on: date, reader=None) -> Iterator[dict]:
    """Te laat's rows (tracker.services.overdue.OverdueRow), in its order, as report rows: the deadline and the
    days late are those of the peildatum (a deadline may have moved since), the rest as the item is now."""
    delay = _latest_delay()
    for start in range(0, len(overdue), CHUNK):
        chunk = overdue[start:start + CHUNK]
        found = {row[0]: row for row in session.execute(
            _statement(delay).where(TrackedItem.id.in_([r.id for r in chunk])))}
        for late in chunk:
            if late.id in found:
                row = _report_row(found[late.id], on, reader)
                row["Termijn"], row["Dagen te laat"] = date.fromisoformat(late.due), late.days_overdue
                yield row


def _csv_cell(value) -> str:
    if isinstance(value, date):
        return f"{value.day:02d}-{value.month:02d}-{value.year}"
    return "" if value is None else str(value)


def csv_chunks(rows: Iterable[dict], every: int = 500, bom: bool = True) -> Iterator[str]:
    """The report as ';'-separated CSV with a BOM (Dutch Excel), dd-mm-jjjj dates, in pieces to stream."""
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    writer = CsvWriter(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for n, row in enumerate(rows, 1):
        writer.writerow([_csv_cell(row[name]) for name in HEADERS])
        if n % every == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_csv(rows: Iterable[dict], stream: IO[str], bom: bool = True) -> int:
    """Write the report as CSV to a text stream; returns the number of rows."""
    counted = [0]

    def counting():
        for row in rows:
            counted[0] += 1
            yield row
    for chunk in csv_chunks(counting(), bom=bom):
        stream.write(chunk)
    return counted[0]


def title_line(what: str, filters: str, on: date) -> str:
    """The workbook's first row: "Te laat — ministerie BZK, behandelaar mijn team — peildatum 7 december 2026"."""
    return f"{what} — {filters or 'geen filter'} — peildatum {format_date(on)}"


def write_xlsx(rows: Iterable[dict], stream: IO[bytes], title: str, sheet_name: str = "Rapport") -> int:
    """The report as a workbook (write-only: rows go to disk as they come): the title row, the header row frozen
    with an autofilter, set widths, dates as date cells (dd-mm-jjjj), formula-like text as plain text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name[:31])
    sheet.freeze_panes = "A3"
    for index, (_, width) in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    heading = xlsx_value(sheet, title)
    heading = WriteOnlyCell(sheet, value=heading) if isinstance(heading, str) else heading
    heading.font = Font(bold=True, size=13)
    sheet.append([heading])
    header = []
    for name in HEADERS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        cells = []
        for name in HEADERS:
            value = row[name]
            if isinstance(value, date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "dd-mm-yyyy"
                value = cell
            elif isinstance(value, str):
                value = xlsx_value(sheet, value)
            cells.append(value)
        sheet.append(cells)
        count += 1
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(COLUMNS))}{count + 2}"
    workbook.save(stream)
    return count
