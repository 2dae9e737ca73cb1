"""Text from outside stays data: spreadsheet cells that never evaluate, links that only lead to web pages.

A title typed in a form, read from an import, an intake or the open data can hold `=HYPERLINK(…)`; a
spreadsheet would run it when the export is opened. CSV cells that a spreadsheet would evaluate get a
leading apostrophe (OWASP's advice for CSV injection); the import takes it off again, so an export read
back in changes nothing. XLSX cells are written as strings with Excel's own quote prefix (tracker.exporter).
"""
from __future__ import annotations

import csv
from urllib.parse import urlsplit

from .text_hygiene import clean

# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (tab and CR: OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


def neutralise_cell(text: str) -> str:
    """The CSV cell for this text: a formula-like text (or one already starting with the apostrophe, so the
    import can tell the two apart) gets a leading apostrophe."""
    if text and (text.startswith(FORMULA_START) or text.startswith(_QUOTE)):
        return _QUOTE + text
    return text


def restore_cell(text: str) -> str:
    """The text neutralise_cell was given (for CSV imports): one apostrophe before a formula start or before
    another apostrophe is taken off; any other text is left as it is."""
    if text.startswith(_QUOTE) and text[1:2] and (text[1:].startswith(FORMULA_START) or text[1] == _QUOTE):
        return text[1:]
    return text


def is_web_link(url: str) -> bool:
    """An absolute http(s) link with a host: never javascript:, data: or a scheme-less path."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and not any(
        c in url for c in "\r\n\t<>\"")


class CsvWriter:
    """csv.writer whose every text cell goes through neutralise_cell: the one way Kamertracker writes CSV."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, cells) -> None:
        # what is no text (a control character stored before tracker.text_hygiene's rule) never leaves in a file
        self._writer.writerow([neutralise_cell(clean(c)) if isinstance(c, str) else c for c in cells])
