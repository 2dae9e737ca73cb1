"""Pages uploaded on the web page (JSON files, or zip files of them) laid out in a folder for import_path."""
from __future__ import annotations

import zipfile
import zlib
from io import BytesIO
from pathlib import Path, PurePosixPath

from ..errors import Problem, ValidationError
from ..uploads import HEAD, kind_of, safe_name

# A web request must finish well within gunicorn's timeout (120 s): 100 MB of pages is some 300,000 rows,
# imported in 20-30 s (bench/tk_import.py). More goes through `tracker import-tk`, which has no limit.
MAX_PAGES = 2_000
MAX_UNPACKED = 100 << 20  # a bigger zip is refused before it is unpacked
# What zipfile raises for a damaged archive or member (a bad CRC, a cut-off stream, a password, a method it
# does not know, a header that lies): each becomes the message that the file cannot be read.
BROKEN_ZIP = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, OSError)


def unpack(uploads: list[tuple[str, bytes]], folder: Path) -> int:
    """Write every .json page of the uploads into folder (a zip's pages too); returns how many.

    Names keep their entity prefix ("Zaak-00001.json"), which tells a page without @odata.context what it
    holds; a name given twice gets a number ("Zaak-00001_2.json"). Anything else is a problem: nothing is
    imported then.
    """
    problems, taken, unpacked = [], set(), 0

    def write(name: str, content: bytes) -> None:
        path = PurePosixPath(safe_name(name, "pagina.json"))  # a member's name too: no path, no NUL
        stem, n = path.stem or "pagina", 1
        while (candidate := f"{stem}{'' if n == 1 else f'_{n}'}.json") in taken:
            n += 1
        taken.add(candidate)
        (folder / candidate).write_bytes(content)

    for name, content in uploads:
        name = safe_name(name, "pagina.json")  # (a NUL in a name cannot be a file in the folder)
        kind = kind_of(content[:HEAD])  # by content: a page called .zip is still a page
        if kind == "text":
            write(name, content)
        elif kind == "zip":
            try:
                archive = zipfile.ZipFile(BytesIO(content))
                members = [m for m in archive.infolist() if not m.is_dir() and m.filename.lower().endswith(".json")]
            except BROKEN_ZIP:
                problems.append(Problem(f"{name} is geen leesbaar zip-bestand"))
                continue
            if not members:
                problems.append(Problem(f"{name} bevat geen .json-bestanden"))
            unpacked += sum(m.file_size for m in members)
            if unpacked > MAX_UNPACKED or len(taken) + len(members) > MAX_PAGES:
                raise ValidationError([Problem(f"{name} is uitgepakt te groot (meer dan {MAX_PAGES} pagina's of "
                                               f"{MAX_UNPACKED >> 20} MB); importeer zo'n verzameling met "
                                               f"tracker import-tk")])
            for member in members:
                try:
                    write(member.filename, archive.read(member))
                except BROKEN_ZIP as error:  # a damaged or encrypted member, an unknown compression
                    raise ValidationError([Problem(f"{name}: {safe_name(member.filename)[:100]} kan niet worden uitgepakt "
                                                   f"({type(error).__name__})")]) from None
        else:
            problems.append(Problem(f"{name} is geen JSON-pagina en geen .zip daarvan"))
        if len(taken) > MAX_PAGES:
            raise ValidationError([Problem(f"meer dan {MAX_PAGES} pagina's; gebruik tracker import-tk")])
    if problems:
        raise ValidationError(problems)
    if not taken:
        raise ValidationError([Problem("geen pagina's ontvangen")])
    return len(taken)
