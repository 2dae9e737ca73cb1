"""What a file is, told by its first bytes, never by its name: a list called .csv may be a workbook, a paper
called .txt may be a PDF, and a file called .pdf may be anything at all."""
from __future__ import annotations

from pathlib import Path

ZIP = b"PK\x03\x04"  # XLSX workbooks and zip archives
PDF = b"%PDF-"
HEAD = 8192


def kind_of(head: bytes) -> str:
    """'zip', 'pdf', 'text' or 'binary' (a NUL byte in the first bytes: no text Kamertracker reads)."""
    if head.startswith(ZIP):
        return "zip"
    if head.lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(PDF):
        return "pdf"
    return "binary" if b"\x00" in head[:HEAD] else "text"


def kind_of_file(path: Path) -> str:
    with path.open("rb") as handle:
        return kind_of(handle.read(HEAD))
