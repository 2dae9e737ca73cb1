"""Reading the JSON pages the Tweede Kamer's OData API (gegevensmagazijn, v4) returns.

A page is `{"@odata.context": "…$metadata#Zaak", "value": [...], "@odata.nextLink": "…"}`. A file holds one
page; a folder holds many (read in name order, one at a time, so memory stays flat however many there are).
"""
from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, timezone
from pathlib import Path

from ..domain.dutch import FIRST_YEAR, LAST_YEAR
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


# The fields Kamertracker reads, by the type the OData API gives them; a row is checked before it is used,
# so a page with "Verwijderd": "false" or a date of 30 February is a message with its row, not a traceback.
TEXT_FIELDS = frozenset({"Titel", "Soort", "Onderwerp", "Functie", "ActorNaam", "Tussenvoegsel", "Tekst", "Status",
                         "Roepnaam", "Relatie", "Organisatie", "Naam", "NaamNL", "Ministerie", "Initialen",
                         "Citeertitel", "BesluitTekst", "Afkorting", "ActorFractie", "Achternaam", "DocumentNummer",
                         "ActiviteitNummer", "Toevoeging"})
TEXT_OR_NUMBER_FIELDS = frozenset({"Nummer", "Volgnummer"})
ID_FIELDS = frozenset({"Id", "Persoon_Id", "Fractie_Id", "Zaak_Id"})
DATE_FIELDS = frozenset({"GewijzigdOp", "GestartOp", "Gestart", "DatumRegistratie", "DatumNakoming", "Datum",
                         "Aanmaakdatum"})
BOOLEAN_FIELDS = frozenset({"Verwijderd"})
MAX_ID = 40  # tk_record.tk_id (a GUID has 36)
MAX_DEPTH = 4  # a page, its rows, their expansions (Zaak → ZaakActor), theirs
MAX_PAGE_PROBLEMS = 20


def read_page(file: Path) -> Page:
    raw = file.read_bytes()
    try:
        document = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValidationError([Problem(f"{file.name} is geen geldige JSON ({error})")]) from None
    except RecursionError:
        raise ValidationError([Problem(f"{file.name} is te diep genest om een OData-pagina te zijn")]) from None
    except ValueError:  # Python reads integers of at most sys.get_int_max_str_digits() digits
        raise ValidationError([Problem(f"{file.name}: een getal van meer dan {sys.get_int_max_str_digits()} cijfers; "
                                       f"dat is geen OData-pagina")]) from None
    if not isinstance(document, dict):
        raise ValidationError([Problem(f"{file.name}: verwacht een OData-pagina (een object met 'value')")])
    if not isinstance(document.get("@odata.context", ""), str):
        raise ValidationError([Problem(f"{file.name}: @odata.context is geen tekst")])
    rows = document.get("value")
    if rows is None and "Id" in document:
        rows = [document]  # a single entity, as /Zaak(<id>) returns it
    if not isinstance(rows, list):
        raise ValidationError([Problem(f"{file.name}: 'value' ontbreekt of is geen lijst")])
    problems = []
    surrogates = _SURROGATE_ESCAPE.search(raw) is not None  # only then is a row's text worth a closer look
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict) or not row.get("Id"):
            problems.append(Problem(f"{file.name}: rij {number} heeft geen Id"))
        else:
            problems += _row_problems(row, f"{file.name}: rij {number}", 1)
            if surrogates:
                problems += _surrogate_problems(row, f"{file.name}: rij {number}")
        if len(problems) >= MAX_PAGE_PROBLEMS:
            break
    if problems:
        raise ValidationError(problems[:MAX_PAGE_PROBLEMS])
    link = document.get("@odata.nextLink")
    return Page(file, entity_of(document, file), rows, link if isinstance(link, str) else None)


# A lone UTF-16 surrogate ("\ud800") is valid JSON but no text: no database stores it (UnicodeEncodeError). In a
# page read as UTF-8 it can only come as such an escape, so pages without one are not looked through.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _surrogate_problems(row: dict, where: str) -> list[Problem]:
    problems = []
    for name, value in row.items():
        if _SURROGATE.search(name):
            problems.append(Problem(f"{where}: een veldnaam is geen geldige Unicode-tekst (een losse surrogaat)"))
        elif _SURROGATE.search(json.dumps(value, ensure_ascii=False)):
            problems.append(Problem(f"{where}, veld {name}: geen geldige Unicode-tekst (een losse surrogaat)"))
    return problems


_KIND_OF_FIELD = {**dict.fromkeys(TEXT_FIELDS, "text"), **dict.fromkeys(TEXT_OR_NUMBER_FIELDS, "number"),
                  **dict.fromkeys(ID_FIELDS, "id"), **dict.fromkeys(DATE_FIELDS, "date"),
                  **dict.fromkeys(BOOLEAN_FIELDS, "boolean")}
_EXPECTED = {"text": "is geen tekst", "number": "is geen tekst of geheel getal",
             "id": f"is geen Id (tekst van hoogstens {MAX_ID} tekens, zonder stuurtekens)",
             "date": f"is geen datum (zoals 2024-03-01 of 2024-03-01T10:00:00+01:00) van {FIRST_YEAR}–{LAST_YEAR}",
             "boolean": "is niet true of false (maar tekst of een getal)"}


def _row_problems(row: dict, where: str, depth: int) -> list[Problem]:
    """What is wrong with the fields of a row (and of the rows expanded in it) that Kamertracker reads."""
    if depth > MAX_DEPTH:
        return [Problem(f"{where}: te diep genest")]
    problems = []
    for name, value in row.items():
        if value is None:
            continue
        kind = _KIND_OF_FIELD.get(name)
        if kind is None:
            if isinstance(value, dict):
                problems += _row_problems(value, f"{where}, {name}", depth + 1)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, dict):
                        problems += _row_problems(item, f"{where}, {name}", depth + 1)
            continue
        if not _fits(kind, value):
            shown = json.dumps(value, ensure_ascii=False)[:60]
            problems.append(Problem(f"{where}, veld {name}: {shown} {_EXPECTED[kind]}"))
    return problems


def _fits(kind: str, value) -> bool:
    if kind == "text":
        return isinstance(value, str)
    if kind == "id":
        return isinstance(value, str) and 0 < len(value) <= MAX_ID and not value.isspace() and value.isprintable()
    if kind == "date":  # an empty text means no date, as null does
        return isinstance(value, str) and (not value or FIRST_YEAR <= getattr(day(value), "year", 0) <= LAST_YEAR)
    if kind == "boolean":
        return isinstance(value, bool)
    return isinstance(value, (str, int)) and not isinstance(value, bool)


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
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc)
    except (ValueError, OverflowError):  # year 1 at +01:00 or 9999-12-31 at -05:00 is no moment in UTC
        return None


def day(value) -> date | None:
    """The calendar date of an OData date or DateTimeOffset, in the Netherlands (where the day was)."""
    if not value:
        return None
    return _day(str(value))


@lru_cache(maxsize=4096)
def _day(text: str) -> date | None:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        if re.match(r"\d{4}-\d{2}-\d{2}T", text) and not re.search(r"(Z|[+-]\d{2}:\d{2})$", text):
            return date.fromisoformat(text[:10])  # local time without offset: its date as written
    except ValueError:  # 2024-02-30, month 13: read_page reports it with its row
        return None
    moment = _timestamp(text)
    if moment is None:
        return None
    from zoneinfo import ZoneInfo
    try:
        return moment.astimezone(ZoneInfo("Europe/Amsterdam")).date()
    except OverflowError:  # the last hour of the year 9999 in UTC is in the year 10000 in Amsterdam
        return None
