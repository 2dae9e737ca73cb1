"""Exports in the import's own columns (CSV for Dutch Excel, XLSX), so an export can be edited and imported back.

Rows are streamed from the database in batches and written as they come: memory stays flat for any selection.
What the import columns cannot carry is not exported: deadline overrides, the audit trail, all but the latest
uitstelbericht, and documents beyond the closing date.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import IO

from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from .authz import may_read_stand
from .db import as_date
from .domain.workflow import label
from .importer import COLUMNS
from .inert import FORMULA_START, CsvWriter
from .text_hygiene import clean
from .models import Committee, DelayNotice, Ministry, Person, TrackedItem, User
from .services.queries import SORTS, ListFilter, list_conditions

BATCH = 2000
CHUNK = 1000  # ids per IN (...): well below SQLite's limit on bound parameters
DATE_COLUMNS = frozenset({"datum", "deadline", "uitstelbericht", "uitstel_tot", "beantwoord"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))  # openpyxl's


def _latest_delay():
    """Per item its latest uitstelbericht (date and promised date), as a subquery to join."""
    ranked = select(DelayNotice.item_id, DelayNotice.sent_on, DelayNotice.promised_date,
                    func.row_number().over(partition_by=DelayNotice.item_id,
                                           order_by=(DelayNotice.sent_on.desc(), DelayNotice.id.desc())).label("n")
                    ).subquery()
    return aliased(ranked, name="latest_delay")


def _iso(value) -> str:
    value = as_date(value)
    return value.isoformat() if value else ""


def _statement(delay):
    return (
        select(TrackedItem.id, TrackedItem.kind, TrackedItem.chamber, TrackedItem.nummer, TrackedItem.title,
               Ministry.code, TrackedItem.start_date, TrackedItem.term, TrackedItem.deadline_date,
               TrackedItem.deadline_phrase, delay.c.sent_on, delay.c.promised_date, TrackedItem.closed_on,
               TrackedItem.status, TrackedItem.text, TrackedItem.stand_van_zaken, TrackedItem.members,
               TrackedItem.fracties, Person.name, Committee.name, TrackedItem.vote_result,
               TrackedItem.kabinetsappreciatie, TrackedItem.activity, TrackedItem.tags, User.username,
               TrackedItem.ministry_id, TrackedItem.stand_intern)
        .outerjoin(Ministry, Ministry.id == TrackedItem.ministry_id)
        .outerjoin(User, User.id == TrackedItem.behandelaar_id)
        .outerjoin(Person, Person.id == TrackedItem.bewindspersoon_id)
        .outerjoin(Committee, Committee.id == TrackedItem.committee_id)
        .outerjoin(delay, and_(delay.c.item_id == TrackedItem.id, delay.c.n == 1))
    )


def _as_import_row(row, reader) -> dict[str, str]:
    (_id, kind, chamber, nummer, title, ministry, start, term, deadline_date, deadline_phrase, delay_on, delay_until,
     closed_on, status, text, stand, members, fracties, person, committee, vote, appreciation, activity, tags,
     behandelaar, ministry_id, stand_intern) = row
    if not may_read_stand(reader, ministry_id, stand_intern):
        stand = None  # an intern stand goes only to its own ministry (an empty cell erases nothing on re-import)
    return {
        "soort": kind, "kamer": chamber, "nummer": nummer, "titel": title, "ministerie": ministry or "",
        "datum": _iso(start), "termijn": term or "",
        "deadline": _iso(deadline_date) if deadline_date else (deadline_phrase or ""),
        "uitstelbericht": _iso(delay_on), "uitstel_tot": _iso(delay_until),
        # the closing date: the answer's date, or the day a motion was withdrawn or a toezegging dropped
        "beantwoord": _iso(closed_on), "status": label(status), "tekst": text or "",
        "stand_van_zaken": stand or "", "leden": members or "", "fractie": fracties or "",
        "bewindspersoon": person or "", "commissie": committee or "", "stemming": vote or "",
        "appreciatie": appreciation or "", "activiteit": activity or "", "thema": tags or "",
        "behandelaar": behandelaar or "",
    }


def export_rows(session: Session, f: ListFilter, today: date, reader=None) -> Iterator[dict[str, str]]:
    """The items a list filter selects (kind optional), as import rows (text cells), streamed in batches.
    reader: for whom (tracker.authz.may_read_stand decides about an intern stand van zaken; None: nobody's)."""
    statement = (_statement(_latest_delay()).where(and_(*list_conditions(f, today)))
                 .order_by(TrackedItem.kind, *SORTS.get(f.sort, SORTS["termijn"])))
    for row in session.execute(statement.execution_options(yield_per=BATCH)):
        yield _as_import_row(row, reader)


def export_items(session: Session, item_ids: Sequence[int], reader=None) -> Iterator[dict[str, str]]:
    """Exactly these items, in this order (the Te laat overview), as import rows; asked for in chunks (reader: as
    export_rows)."""
    delay = _latest_delay()
    for start in range(0, len(item_ids), CHUNK):
        chunk = list(item_ids[start:start + CHUNK])
        found = {row[0]: row for row in session.execute(_statement(delay).where(TrackedItem.id.in_(chunk)))}
        for item_id in chunk:
            if item_id in found:
                yield _as_import_row(found[item_id], reader)


def csv_chunks(rows: Iterable[dict[str, str]], bom: bool = True, every: int = 500) -> Iterator[str]:
    """The CSV text in pieces of `every` rows: ';'-separated with a BOM, so Excel in a Dutch locale opens it
    as columns with the diacritics intact. Pieces let a web response stream without holding the whole file."""
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    writer = CsvWriter(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for n, row in enumerate(rows, 1):
        writer.writerow([row[name] for name in COLUMNS])
        if n % every == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_csv(rows: Iterable[dict[str, str]], stream: IO[str], bom: bool = True) -> int:
    """Write the CSV to a text stream; returns the number of rows."""
    counted = _Counted(rows)
    for chunk in csv_chunks(counted, bom):
        stream.write(chunk)
    return counted.count


class _Counted:
    def __init__(self, rows: Iterable):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def _text_cell(sheet, value: str):
    """A cell openpyxl would write as a formula or an error: a string with Excel's quote prefix instead,
    so it shows as typed, and stays text when someone edits it."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=None)
    cell.value, cell.data_type, cell.quotePrefix = value, "s", True
    return cell


def xlsx_value(sheet, value: str):
    """What a write-only sheet gets for this text: the text itself, or (when a spreadsheet would read it as a
    formula or an error code) a quote-prefixed text cell. Every workbook Kamertracker writes goes through here."""
    value = clean(value)  # openpyxl refuses a control character (one stored before the rule): left out
    return _text_cell(sheet, value) if value.startswith(FORMULA_START) or value in ERROR_CODES else value


def write_xlsx(rows: Iterable[dict[str, str]], stream: IO[bytes], title: str = "Kamertracker") -> int:
    """A workbook written in openpyxl's write-only mode (rows go to disk as they come), header row frozen."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    date_style = "dd-mm-yyyy"
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    widths = {"titel": 50, "tekst": 60, "stand_van_zaken": 60, "nummer": 18}
    for index, name in enumerate(COLUMNS):
        sheet.column_dimensions[get_column_letter(index + 1)].width = widths.get(name, 14)
    header = []
    for name in COLUMNS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        # dates as real date cells (sortable in Excel); everything else as text, so a nummer such as
        # "35628, nr. 10" or "T02423" stays what it is
        cells = []
        for name in COLUMNS:
            value = clean(row[name])  # openpyxl refuses a control character (one stored before the rule): left out
            if name in DATE_COLUMNS and _ISO_DATE.fullmatch(value):
                cell = WriteOnlyCell(sheet, value=date.fromisoformat(value))
                cell.number_format = date_style
                value = cell
            else:
                value = xlsx_value(sheet, value)
            cells.append(value)
        sheet.append(cells)
        count += 1
    workbook.save(stream)
    return count

