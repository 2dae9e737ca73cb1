"""Reading the JSON pages the Tweede Kamer's OData API (gegevensmagazijn, v4) returns.

A page is `{"@odata.context": "…$metadata#Zaak", "value": [...], "@odata.nextLink": "…"}`. A file holds one
page; a folder holds many (read in name order, one at a time, so memory stays flat however many there are).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, timezone
from pathlib import Path

from ..errors import Problem, ValidationError

ENTITIES = ("Fractie", "Persoon", "Zaak", "ZaakActor", "Document", "Toezegging")
# The order pages are read in: names first, then what hangs off a zaak, then the rows items are built from,
# so that a zaak's items are built once, with its actors and documents already there.
READING_ORDER = ("Fractie", "Persoon", "ZaakActor", "Document", "Zaak", "Toezegging")
_CONTEXT = re.compile(r"\$metadata#([A-Za-z]+)")
_HEAD = 2048  # @odata.context comes first on a page as the API writes it


@dataclass
class Page:
    file: Path
    entity: str | None  # None: not an entity Kamertracker reads
    rows: list[dict]
    next_link: str | None


def page_files(path: Path) -> list[Path]:
    """The page files of a file or folder, by name."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".json")
        if not files:
            raise ValidationError([Problem(f"{path} bevat geen .json-bestanden")])
        return files
    if not path.exists():
        raise ValidationError([Problem(f"{path} bestaat niet")])
    return [path]


def in_reading_order(files: list[Path]) -> list[Path]:
    """These page files in READING_ORDER of their entity (by name within an entity), the entity taken from
    the @odata.context at the top of the page, else from the file name; files whose entity cannot be told
    that way come first. Only the first 2 KB of a page are read."""
    return sorted(files, key=lambda file: (_reading_rank(file), file.name))


def _reading_rank(file: Path) -> int:
    with file.open("rb") as stream:
        head = stream.read(_HEAD).decode("utf-8", "replace")
    match = _CONTEXT.search(head)
    entity = _entity_named(match.group(1) if match else _name_entity(file))
    return READING_ORDER.index(entity) if entity else -1


def entity_of(document: dict, file: Path) -> str | None:
    """From @odata.context ("…$metadata#Zaak(ZaakActor())"), else from the file name ("Zaak-00001.json")."""
    match = _CONTEXT.search(document.get("@odata.context") or "")
    return _entity_named(match.group(1) if match else _name_entity(file))


def _name_entity(file: Path) -> str:
    return re.split(r"[-_.\s]", file.stem)[0]


def _entity_named(name: str) -> str | None:
    for entity in ENTITIES:
        if entity.lower() == name.lower():
            return entity
    return None


def read_page(file: Path) -> Page:
    try:
        document = json.loads(file.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValidationError([Problem(f"{file.name} is geen geldige JSON ({error})")]) from None
    if not isinstance(document, dict):
        raise ValidationError([Problem(f"{file.name}: verwacht een OData-pagina (een object met 'value')")])
    rows = document.get("value")
    if rows is None and "Id" in document:
        rows = [document]  # a single entity, as /Zaak(<id>) returns it
    if not isinstance(rows, list):
        raise ValidationError([Problem(f"{file.name}: 'value' ontbreekt of is geen lijst")])
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not row.get("Id"):
            raise ValidationError([Problem(f"{file.name}: rij {number} heeft geen Id")])
    return Page(file, entity_of(document, file), rows, document.get("@odata.nextLink"))


def pages(path: Path) -> Iterator[Page]:
    for file in page_files(path):
        yield read_page(file)


def timestamp(value) -> datetime | None:
    """An OData DateTimeOffset ("2023-07-03T10:12:33.123+02:00", "…Z") as an aware UTC datetime."""
    if not value:
        return None
    return _timestamp(str(value))


@lru_cache(maxsize=4096)  # open data repeats the same moments and days on many rows
def _timestamp(text: str) -> datetime | None:
    text = text.replace("Z", "+00:00")
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)  # Python takes at most microseconds
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def day(value) -> date | None:
    """The calendar date of an OData date or DateTimeOffset, in the Netherlands (where the day was)."""
    if not value:
        return None
    return _day(str(value))


@lru_cache(maxsize=4096)
def _day(text: str) -> date | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text)
    if re.match(r"\d{4}-\d{2}-\d{2}T", text) and not re.search(r"(Z|[+-]\d{2}:\d{2})$", text):
        return date.fromisoformat(text[:10])  # local time without offset: its date as written
    moment = _timestamp(text)
    if moment is None:
        return None
    from zoneinfo import ZoneInfo
    return moment.astimezone(ZoneInfo("Europe/Amsterdam")).date()
