"""An XLSX workbook read as untrusted input (the list import, web and CLI).

A workbook is a zip of XML files, and both can be made to explode: 1 MB of zip that unpacks to 1 GB, a
worksheet whose XML declares entities that expand a billionfold, a sheet that claims three million rows or
16,384 columns with nothing in them. Before openpyxl opens anything the zip's directory is checked: at most
MAX_MEMBERS members, at most MAX_UNPACKED bytes unpacked (zipfile never hands out more than a member declares,
so a lying header only cuts the member short, and its checksum then fails). openpyxl parses the XML through
defusedxml (a dependency: no DTD, no entities), the sheet is read at most MAX_COLUMNS wide and MAX_ROWS long,
and whatever a damaged file raises on the way is a message naming the file or the row, never a traceback.
"""
from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from xml.etree.ElementTree import ParseError

from .errors import Problem, ValidationError

MAX_UNPACKED = 200 << 20  # bytes a workbook may unpack to (a list of 100,000 rows is some 30 MB)
MAX_MEMBERS = 10_000  # files in the zip (a workbook has a dozen or so)
MAX_ROWS = 1_048_576  # Excel's own limit for a sheet
MAX_COLUMNS = 200  # cells read per row (an import has 24 columns; further ones would be ignored anyway)
# What a damaged member or sheet raises while openpyxl reads it (defusedxml's refusals are ValueErrors).
BROKEN = (ParseError, zipfile.BadZipFile, zlib.error, ValueError, KeyError, IndexError, TypeError, AttributeError,
          OSError, EOFError, NotImplementedError, RuntimeError)


def check_archive(path: Path) -> None:
    """Refuse a workbook whose zip is damaged, has too many members or unpacks too big — before it is read."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as error:
        raise ValidationError([Problem(f"{path.name} is geen leesbaar XLSX-bestand ({str(error)[:200]})")]) from None
    if len(members) > MAX_MEMBERS:
        raise ValidationError([Problem(f"{path.name} bevat {_number(len(members))} bestanden, meer dan een werkmap "
                                       f"heeft (hoogstens {_number(MAX_MEMBERS)}); sla het als CSV op")])
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED:
        raise ValidationError([Problem(f"{path.name} is uitgepakt {unpacked >> 20} MB, meer dan de "
                                       f"{MAX_UNPACKED >> 20} MB die een lijst nodig heeft; sla het als CSV op "
                                       f"of splits het")])


def _open(path: Path, data_only: bool = True):
    from openpyxl import load_workbook

    check_archive(path)
    handle = path.open("rb")  # a file object: openpyxl would judge a path by its name
    try:
        workbook = load_workbook(handle, read_only=True, data_only=data_only)
        sheet = workbook.worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a broken file
        handle.close()
        raise ValidationError([Problem(f"{path.name} is geen leesbaar XLSX-bestand ({str(error)[:200]})")]) from None
    return workbook, sheet, handle


def rows(path: Path) -> Iterator[list[str]]:
    """The first sheet's rows as text cells, one at a time; problems with the file are raised before the first."""
    workbook, sheet, handle = _open(path)
    declared = sheet.max_row or 0  # from the sheet's <dimension>: it may lie, so the rows are counted too
    if declared > MAX_ROWS:
        workbook.close()
        handle.close()
        raise ValidationError([Problem(_too_many_rows(path, declared))])
    return _rows(path, workbook, sheet, handle)


def _rows(path: Path, workbook, sheet, handle) -> Iterator[list[str]]:
    number = 0
    try:
        for number, row in enumerate(sheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True), 1):
            if number > MAX_ROWS:
                raise ValidationError([Problem(_too_many_rows(path, number))])
            # an empty row (a sheet may declare millions of them) costs no cell conversions
            yield [] if row.count(None) == len(row) else [_cell(value) for value in row]
    except BROKEN as error:
        # a damaged sheet (openpyxl reads it as it goes): the rows before it were fine
        raise ValidationError([Problem(f"het werkblad is beschadigd na rij {number} ({type(error).__name__})",
                                       None, number + 1)]) from None
    finally:
        workbook.close()
        handle.close()


def count_rows(path: Path) -> int:
    """About how many data rows the first sheet has (its <dimension>), for a progress bar; 0 when the file is
    refused (reading it then says why)."""
    try:
        workbook, sheet, handle = _open(path, data_only=False)
    except ValidationError:
        return 0
    try:
        return max(min(sheet.max_row or 0, MAX_ROWS) - 1, 0)
    except BROKEN:
        return 0
    finally:
        workbook.close()
        handle.close()


def _too_many_rows(path: Path, count: int) -> str:
    return (f"{path.name}: het werkblad heeft {_number(count)} rijen of meer, meer dan de {_number(MAX_ROWS)} van "
            f"een Excel-werkblad; verwijder de lege rijen onderaan of splits de lijst")


def _number(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
