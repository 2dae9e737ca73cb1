"""What a file is, told by its first bytes, never by its name: a list called .csv may be a workbook, a paper
called .txt may be a PDF, and a file called .pdf may be anything at all."""
from __future__ import annotations

from pathlib import Path

ZIP = b"PK\x03\x04"  # XLSX workbooks and zip archives
PDF = b"%PDF-"
HEAD = 8192


def safe_name(filename: str | None, default: str = "upload") -> str:
    """An uploaded file's name as it may be shown and recorded (audit note, messages, a file in a folder):
    without control characters (a NUL in the audit note was a 500 on PostgreSQL) or path, at most 200
    characters."""
    name = "".join(c if c.isprintable() else " " for c in (filename or "")).replace("\\", "/").rsplit("/", 1)[-1]
    name = " ".join(name.split())[:200].strip()
    return name if name.strip(".") else default


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
