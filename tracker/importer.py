"""`tracker import`: the CSV/XLSX lists ministries keep today, validated whole, applied whole.

Phase 1 reads every row and collects every problem (row and column). Phase 2 applies all rows
in one transaction, each row in a savepoint so that problems only the database can see (an
unknown ministry, a status that cannot go back) are collected too; any problem and the
whole transaction is rolled back: nothing is imported.
"""
from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from . import authz, db, workbook
from .authz import Actor
from .domain.deadlines import DeadlineError
from .domain.dutch import DateOutOfRange, DateParseError, format_date, parse_date, parse_term
from .domain.phrases import resolve_phrase
from .domain.workflow import ANSWER, DELAY_NOTICE, RECORDING_ACTIONS, WorkflowError, status_from_text, workflow_for
from .domain.workflow import label as status_label
from .errors import Forbidden, NotFound, Problem, TrackerError, ValidationError
from .inert import restore_cell
from .uploads import kind_of_file, safe_name
from .models import DelayNotice, User
from .services import bulk, people
from .services import items as item_service
from .services.items import ANSWER_DOCUMENT_KIND
from .services.reference import committee_named, ministries_by_name
from .services.schedule import load_calendar

CHUNK = 5000  # rows applied at a time: memory stays flat for any file
MAX_PROBLEMS = 1000  # problems kept for the summary; the rest are counted (memory stays flat for any file)
CELL_LIMIT = 200_000  # characters in one CSV cell (the longest column holds 100,000)
csv.field_size_limit(CELL_LIMIT)
KIND_WORDS = {"pdf": "een PDF", "binary": "een binair bestand"}
REQUIRED = ("soort", "kamer", "nummer", "titel", "ministerie", "datum")
OPTIONAL = ("termijn", "deadline", "uitstelbericht", "uitstel_tot", "beantwoord", "status", "tekst",
            "stand_van_zaken", "leden", "fractie", "bewindspersoon", "commissie", "stemming",
            "appreciatie", "activiteit", "thema", "behandelaar")
ALIASES = {"uitstel tot": "uitstel_tot", "stand van zaken": "stand_van_zaken", "indieners": "leden",
           "vragensteller": "leden", "fracties": "fractie", "ministerie code": "ministerie",
           "kabinetsappreciatie": "appreciatie", "startdatum": "datum", "dagtekening": "datum",
           "tags": "thema", "tag": "thema", "thema's": "thema", "themas": "thema"}
# Export columns, in this order (the same as the import reads, so an export can be re-imported).
COLUMNS = REQUIRED + OPTIONAL
_EMPTY_ROW = dict.fromkeys(COLUMNS, "")


def _promised(text: str, context: date | None, chamber: str) -> tuple[date | None, str | None]:
    """The uitstel_tot cell: a date, or the moment in the uitstelbericht's words. Words that the rules can date
    ("eind oktober", "in het najaar") give that date too; others ("zo spoedig mogelijk") only the words."""
    if not text:
        return None, None
    try:
        return parse_date(text, context), None
    except DateOutOfRange:
        raise  # a date, only a wrong one: the row's problem (parse_row)
    except DateParseError:
        resolution = resolve_phrase(text, context, chamber or "TK")
        return resolution.due, text


def _delay_reason(row: "ImportRow", label: str) -> str:
    return f"import {label}" + (f"; nieuwe termijn volgens het uitstelbericht: {row.delay_promise}"
                                if row.delay_promise else "")


@dataclass
class ImportRow:
    row: int
    item: item_service.ItemInput
    delay_on: date | None = None
    delay_until: date | None = None
    answered_on: date | None = None
    delay_promise: str | None = None  # the promised moment in words ("eind oktober", "zo spoedig mogelijk")


SHOWN = 200  # names kept per outcome: a summary of a file of any length stays small


@dataclass
class Outcome:
    """How many rows had this outcome, with the names of the first SHOWN of them ("toezegging T00001")."""

    count: int = 0
    names: list[str] = field(default_factory=list)

    def add(self, name: str) -> None:
        self.count += 1
        if len(self.names) < SHOWN:
            self.names.append(name)

    @property
    def more(self) -> int:
        """How many are counted but not named."""
        return self.count - len(self.names)

    def __len__(self) -> int:
        return self.count

    def __iter__(self):
        return iter(self.names)


@dataclass
class ImportSummary:
    created: Outcome = field(default_factory=Outcome)
    updated: Outcome = field(default_factory=Outcome)
    unchanged: Outcome = field(default_factory=Outcome)
    ignored_columns: list[str] = field(default_factory=list)
    saved: list[tuple[int, str]] = field(default_factory=list)  # (id, "kamervragen 2026Z01234"): intake links them


def read_table(path: Path) -> Iterator[list[str]]:
    """The rows of a CSV (comma or semicolon, UTF-8 or Windows-1252) or XLSX file, as text, one at a time.

    What the file is comes from its content (a workbook is a zip), not its name. Problems with the file
    itself (not a spreadsheet, unreadable) are raised before the first row.
    """
    utf16 = _utf16(path)
    kind = "text" if utf16 else kind_of_file(path)
    if kind == "zip":  # a workbook, read as untrusted (zip and sheet limits: tracker.workbook)
        return workbook.rows(path)
    if kind != "text":
        raise ValidationError([Problem(f"{path.name} is geen CSV- of XLSX-bestand (maar {KIND_WORDS[kind]})")])
    encoding = utf16 or _encoding(path)
    try:
        with path.open(encoding=encoding, newline="") as handle:
            first_line = handle.readline()
    except UnicodeDecodeError as error:
        raise ValidationError([Problem(f"{path.name} is geen geldige {encoding.upper()}-tekst ({error.reason})",
                                       None, 1)]) from None
    # Excel's "Unicode-tekst" (UTF-16) separates with tabs; its "CSV" with ';' or ','
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=lambda d: (counts[d], d == ","))
    return _csv_rows(path, encoding, delimiter)


def _utf16(path: Path) -> str | None:
    """'utf-16' for a file that starts with a UTF-16 byte order mark (Excel's "Unicode-tekst"), else None. Its
    every other byte is a NUL, so without this it would read as a binary file."""
    with path.open("rb") as handle:
        return "utf-16" if handle.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else None


def count_rows(path: Path) -> int:
    """About how many data rows a file holds, cheaply (for a progress bar): CSV lines, or the sheet's size."""
    if kind_of_file(path) == "zip":  # (after the zip's checks: a workbook bomb is refused before openpyxl reads it)
        return workbook.count_rows(path)
    lines, last = 0, b"\n"
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return max(lines + (last != b"\n") - 1, 0)  # a last line without newline counts; the header does not


class _Lines:
    """A file's lines for csv.reader, noting when the file has ended: a row the reader gives after that was cut off
    by the end of the file inside a quoted cell (csv.reader hands it over as if it were whole)."""

    def __init__(self, handle):
        self.handle, self.ended = handle, False

    def __iter__(self):
        return self

    def __next__(self) -> str:
        try:
            return next(self.handle)
        except StopIteration:
            self.ended = True
            raise


def _csv_rows(path: Path, encoding: str, delimiter: str) -> Iterator[list[str]]:
    with path.open(encoding=encoding, newline="") as handle:
        lines = _Lines(handle)
        reader = csv.reader(lines, delimiter=delimiter)
        number = 0
        try:
            for number, row in enumerate(reader, start=1):
                if lines.ended:
                    raise ValidationError([Problem(
                        "het bestand houdt op midden in deze rij: een aanhalingsteken wordt niet gesloten (is het "
                        "bestand afgebroken?); er is niets opgeslagen", None, number)])
                yield [restore_cell(c.strip()) for c in row]  # an exported '=… reads back as =…
        except csv.Error as error:
            raise ValidationError([Problem(f"een cel is groter dan {CELL_LIMIT:,} tekens, of een aanhalingsteken "
                                           f"wordt niet gesloten ({error})".replace(",", "."), None,
                                           reader.line_num)]) from None
        except UnicodeDecodeError as error:  # UTF-16 (read as such from its BOM) that is broken further on
            raise ValidationError([Problem(f"{path.name} is geen geldige {encoding.upper()}-tekst na rij {number} "
                                           f"({error.reason})", None, number + 1)]) from None


def _encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) when the whole file decodes as such, else Windows-1252 (Excel's "CSV").

    A file that is UTF-8 up to some line and then not (one Windows-1252 byte pasted into a UTF-8 list) is
    refused with that line: read either way, some of its text would be garbled without anyone noticing.
    Bytes that are neither (0x81, 0x8D, 0x8F, 0x90, 0x9D, or binary) are refused too.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    line, seen_multibyte = 1, False
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                text = decoder.decode(chunk)
                seen_multibyte = seen_multibyte or not text.isascii()
                line += text.count("\n")
            decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        if seen_multibyte or not error.object[:error.start].isascii():
            line += error.object[:error.start].count(b"\n")
            raise ValidationError([Problem(f"{path.name} mengt UTF-8 met een andere tekenset; "
                                           f"sla het bestand op als CSV UTF-8", None, line)]) from None
        with path.open("rb") as handle:
            try:
                while chunk := handle.read(1 << 20):
                    chunk.decode("cp1252")
            except UnicodeDecodeError:
                raise ValidationError([Problem(f"{path.name} is geen tekst in UTF-8 of Windows-1252; sla het "
                                               f"bestand op als CSV UTF-8 of als Excel-werkmap")]) from None
        return "cp1252"
    return "utf-8-sig"


def _header(cells: list[str]) -> tuple[dict[str, int], list[str], list[Problem]]:
    columns, ignored, problems = {}, [], []
    for index, cell in enumerate(cells):
        name = " ".join(cell.lower().split())
        name = ALIASES.get(name, name.replace(" ", "_"))
        if name in COLUMNS:
            if name in columns:
                problems.append(Problem(f"kolom '{name}' staat er twee keer in", name, 1))
            columns[name] = index
        elif name:
            ignored.append(cell)
    for name in REQUIRED:
        if name not in columns:
            problems.append(Problem("verplichte kolom ontbreekt", name, 1))
    return columns, ignored, problems


def parse_row(columns: dict[str, int], cells: list[str], number: int, seen: dict) -> tuple[ImportRow, list[Problem]]:
    """One row to an ImportRow, with every problem in it (row and column). `seen` holds the keys of earlier
    rows (as hashes) and their row numbers, to report a row that repeats one."""
    width = len(cells)
    values = dict(_EMPTY_ROW)  # a column the file lacks reads as an empty cell
    values.update({name: cells[index].strip() for name, index in columns.items() if index < width})
    get = values.get
    row_problems = []

    def date_of(name, context=None):
        text = get(name)
        if not text:
            return None
        try:
            return parse_date(text, context)
        except DateParseError as error:
            row_problems.append(Problem(str(error), name, number))
            return None

    kind = get("soort").lower()
    chamber = get("kamer").upper()
    start = date_of("datum")
    # An empty datum is allowed: old lists (the annex of a voortgangsbrief) give none. The start stays
    # unknown; a deadline that needs it is flagged on the item for a person to decide.
    deadline_date, deadline_phrase = None, None
    if get("deadline"):
        try:
            deadline_date = parse_date(get("deadline"), start)
        except DateOutOfRange as error:
            row_problems.append(Problem(str(error), "deadline", number))  # bounded like datum, never a phrase
        except DateParseError:
            deadline_phrase = get("deadline")  # a phrase: resolved by the rules, flagged if it cannot be
    status = None
    if get("status"):
        try:
            status = status_from_text(kind, get("status"))
        except WorkflowError as error:
            row_problems.append(Problem(str(error), "status", number))
    if get("termijn"):
        try:
            parse_term(get("termijn"))
        except ValueError as error:
            row_problems.append(Problem(str(error), "termijn", number))
    if not get("ministerie"):
        row_problems.append(Problem("ministerie ontbreekt", "ministerie", number))
    item = item_service.ItemInput(
        kind=kind, chamber=chamber, nummer=get("nummer"), title=get("titel"),
        ministry_code=get("ministerie") or None, start_date=start, text=get("tekst") or None,
        term=get("termijn") or None, deadline_date=deadline_date, deadline_phrase=deadline_phrase,
        stand_van_zaken=get("stand_van_zaken") or None, members=get("leden") or None,
        fracties=get("fractie") or None, vote_result=get("stemming") or None,
        kabinetsappreciatie=get("appreciatie") or None, activity=get("activiteit") or None,
        committee=get("commissie") or None, bewindspersoon=get("bewindspersoon") or None,
        tags=get("thema") or None, status=status, source="import", behandelaar=get("behandelaar") or None)
    row_problems += [Problem(p.message, p.field, number) for p in item_service.check_input(item)
                     if not any(q.field == p.field for q in row_problems)]
    delay_on = date_of("uitstelbericht", start)
    try:
        delay_until, delay_promise = _promised(get("uitstel_tot"), delay_on or start, chamber)
    except DateOutOfRange as error:
        delay_until, delay_promise = None, None
        row_problems.append(Problem(str(error), "uitstel_tot", number))
    parsed = ImportRow(number, item, delay_on, delay_until, date_of("beantwoord", start), delay_promise)
    if (parsed.delay_until or parsed.delay_promise) and not parsed.delay_on:
        row_problems.append(Problem("uitstel_tot zonder datum in kolom uitstelbericht", "uitstel_tot", number))
    if parsed.delay_on and parsed.answered_on and parsed.delay_on > parsed.answered_on:
        row_problems.append(Problem(f"uitstelbericht van {format_date(parsed.delay_on)} ligt na het antwoord "
                                    f"({format_date(parsed.answered_on)})", "uitstelbericht", number))
    # The key's hash stands for the key: memory per row stays a few dozen bytes. (Two different keys with
    # the same 64-bit hash, a false "dubbel", would take some billions of rows.)
    key = hash((chamber, kind, item.nummer))
    if key in seen and item.nummer:
        row_problems.append(Problem(f"dubbel: {kind} {item.nummer} staat ook in rij {seen[key]}", "nummer", number))
    elif not row_problems:  # a row with problems is never written: remembering it would only cost memory
        seen[key] = number
    return parsed, row_problems


def changes_of(session: Session, existing, data: item_service.ItemInput) -> dict:
    """The fields this row changes; an empty cell never erases what is registered."""
    wanted = {name: getattr(data, name) for name in ("title", "text", "start_date", "stand_van_zaken", "members",
                                                      "fracties", "vote_result", "kabinetsappreciatie", "activity",
                                                      "tags")
              if getattr(data, name) is not None}
    if data.term:
        wanted["term"] = str(parse_term(data.term))
    if data.deadline_date is not None:
        wanted.update(deadline_date=data.deadline_date, deadline_phrase=None)
    elif data.deadline_phrase:
        wanted.update(deadline_phrase=data.deadline_phrase, deadline_date=None)
    wanted.update(item_service.reference_ids(session, data))
    if data.behandelaar:  # checked per row before anything was written (_behandelaar_problems)
        wanted["behandelaar_id"] = people.behandelaar_named(session, data.behandelaar,
                                                            wanted.get("ministry_id", existing.ministry_id))
    return {name: value for name, value in wanted.items() if getattr(existing, name) != value}


def target_status(row: ImportRow) -> str | None:
    workflow = workflow_for(row.item.kind)
    if row.item.status:
        return row.item.status
    if row.answered_on:
        return workflow.answer_status
    if row.item.kind == "motie":
        return "aangenomen"  # a ministry's list of moties is a list of adopted ones (our convention)
    return None


def missing_facts(row: ImportRow, status: str) -> Problem | None:
    """A status that stands for recorded facts (tracker.domain.workflow) comes with them in the row's own columns:
    'uitstel gemeld' with a date in uitstelbericht, the answer status with a date in beantwoord. Without them the
    row is refused (naming the row and the column): it would set the status and record nothing."""
    facts = workflow_for(row.item.kind).recorded_by(status)
    if facts == DELAY_NOTICE and not row.delay_on:
        return Problem(f"status '{status_label(status)}' vraagt de datum van het uitstelbericht in kolom uitstelbericht "
                       f"(en de nieuwe datum in uitstel_tot), zoals '{RECORDING_ACTIONS[facts]}' op de itempagina",
                       "uitstelbericht", row.row)
    if facts == ANSWER and not row.answered_on:
        return Problem(f"status '{status}' vraagt een datum in kolom beantwoord", "beantwoord", row.row)
    return None


def apply_row(session: Session, row: ImportRow, item, actor: Actor, calendar, label: str) -> str:
    """Update a registered item from a row; returns 'updated' or 'unchanged'. (New items go in batches.)"""
    data = row.item
    target = target_status(row)
    missing = missing_facts(row, target) if target and target != item.status else None
    if missing:  # before anything of the row is written
        raise ValidationError([missing])
    outcome = "unchanged"
    changes = changes_of(session, item, data)
    if changes:
        item_service.update_item(session, item, changes, actor, note=f"import {label}", calendar=calendar)
        outcome = "updated"
    if row.delay_on:
        notices = session.exec(select(DelayNotice).where(DelayNotice.item_id == item.id,
                                                         DelayNotice.sent_on == row.delay_on)).all()
        if not notices:
            item_service.record_delay(session, item, row.delay_on, actor, reason=_delay_reason(row, label),
                                      promised=row.delay_until, calendar=calendar)
            outcome = "updated" if outcome == "unchanged" else outcome
    workflow = workflow_for(data.kind)
    if target and target != item.status:
        if workflow.recorded_by(target) == ANSWER:
            item_service.record_answer(session, item, row.answered_on, actor,
                                       document_title=f"Afgedaan volgens import {label}", calendar=calendar)
        else:
            item_service.walk_to_status(session, item, target, actor, on=row.answered_on or data.start_date,
                                        note=f"import {label}", calendar=calendar)
        outcome = "updated" if outcome == "unchanged" else outcome
    elif row.answered_on and item.closed_on != row.answered_on and item.closed_kind == "done":
        old = item.closed_on
        item_service.update_closed_on(session, item, row.answered_on, actor, note=f"import {label} (was {old})",
                                      calendar=calendar)
        outcome = "updated" if outcome == "unchanged" else outcome
    return outcome


def _key(row: ImportRow) -> tuple[str, str, str]:
    return row.item.chamber, row.item.kind, row.item.nummer.strip()


def _refusals(session: Session, rows: list[ImportRow], known: dict, actor: Actor) -> list[Problem]:
    """Rows that would change or move a registered item the actor may not touch (an archived one; for an
    officer: another ministry's), found before anything is written. The services decide again on every write."""
    problems = []
    for row in rows:  # archived: refused for everyone, as the forms and the API refuse it (tracker.authz)
        item = known.get(_key(row))
        try:
            item is None or authz.refuse_archived(item, "edit")
        except NotFound as gone:
            problems.append(Problem(str(gone), None, row.row))
    if actor.role == "admin" or problems:
        return problems
    for row in rows:  # the ministry's own working data (the griffie registers and corrects, never writes these)
        given = [name for name, value in (("stand_van_zaken", row.item.stand_van_zaken),
                                          ("behandelaar_id", row.item.behandelaar)) if value]
        try:
            authz.authorize_fields(actor, given)
        except Forbidden as refused:
            problems.append(Problem(str(refused), "stand_van_zaken" if "stand_van_zaken" in given else "behandelaar",
                                    row.row))
    if problems:
        return problems
    action = authz.edit_action(actor)  # the griffie corrects a registered item; the import's name is its toelichting
    ministries = ministries_by_name(session)
    codes = {row.id: row.code for row in ministries.values()}
    for row in rows:
        item = known.get(_key(row))
        if item is None:
            continue  # a new item: _new_item_specs decides
        target = ministries.get((row.item.ministry_code or "").strip().lower())
        moves = target is not None and target.id != item.ministry_id
        try:
            authz.authorize_item(actor, action, item, codes.get(item.ministry_id), target and target.id,
                                 target and target.code, moves)
        except Forbidden as refused:
            problems.append(Problem(str(refused), "ministerie", row.row))
    return problems


def _behandelaar_problems(session: Session, rows: list[ImportRow], known: dict) -> list[Problem]:
    """A behandelaar must be an active user of the item's ministry (as it will be after this row)."""
    wanted = {row.item.behandelaar.strip() for row in rows if row.item.behandelaar}
    if not wanted:
        return []
    users = {u.username: u for u in session.execute(select(User).where(User.username.in_(wanted))).scalars()}
    ministries = ministries_by_name(session)
    problems = []
    for row in rows:
        name = (row.item.behandelaar or "").strip()
        if not name:
            continue
        target = ministries.get((row.item.ministry_code or "").strip().lower())
        existing = known.get(_key(row))
        ministry_id = target.id if target else (existing.ministry_id if existing else None)
        try:
            people.check_behandelaar(users.get(name), ministry_id, "behandelaar", name)
        except ValidationError as error:
            problems += [Problem(p.message, "behandelaar", row.row) for p in error.problems]
    return problems


def _new_item_specs(session: Session, rows: list[ImportRow], label: str, actor: Actor):
    """Rows of new items as bulk.NewItem, with the problems only the database knows (ministry, committee,
    whether the actor may create an item of that ministry)."""
    ministries = ministries_by_name(session)
    wanted = {row.item.behandelaar.strip() for row in rows if row.item.behandelaar}
    behandelaars = dict(session.execute(select(User.username, User.id).where(User.username.in_(wanted))).all()
                        ) if wanted else {}  # one query per chunk; _behandelaar_problems checks who they are
    specs, problems = [], []
    for row in rows:
        data = row.item
        workflow = workflow_for(data.kind)
        ministry = ministries.get((data.ministry_code or "").strip().lower())
        ministry_id = ministry.id if ministry else None
        if data.ministry_code and ministry is None:
            problems.append(Problem(f"onbekend ministerie '{data.ministry_code}'", "ministerie", row.row))
        elif not authz.may(actor, "create", ministry_id):
            problems.append(Problem(authz.refusal(actor, "create", owner=ministry.code if ministry else None),
                                    "ministerie", row.row))
        committee_id = None
        if data.committee:
            committee = committee_named(session, data.chamber, data.committee)
            if committee is None:
                problems.append(Problem(f"onbekende commissie '{data.committee}' in de {data.chamber}", "commissie",
                                        row.row))
            else:
                committee_id = committee.id
        status = target_status(row) or workflow.initial
        if row.delay_on and status == workflow.initial and workflow.delay_status:
            status = workflow.delay_status
        closed_kind = workflow.closed_kind(status)
        missing = missing_facts(row, status)
        if missing:
            problems.append(missing)
            continue
        answer = None
        if closed_kind == "done":
            answer = bulk.NewDocument(kind=ANSWER_DOCUMENT_KIND[data.kind], dagtekening=row.answered_on,
                                      title=f"Afgedaan volgens import {label}")
        if row.answered_on and data.start_date and row.answered_on < data.start_date:
            problems.append(Problem(f"datum {format_date(row.answered_on)} ligt vóór de start", "beantwoord", row.row))
            continue
        delays = [bulk.NewDocument(kind="uitstelbericht", dagtekening=row.delay_on, title=_delay_reason(row, label),
                                   promised=row.delay_until)] if row.delay_on else []
        behandelaar_id = behandelaars.get(data.behandelaar.strip()) if data.behandelaar else None
        specs.append((row, bulk.NewItem(
            data=data, status=status, ministry_id=ministry_id, committee_id=committee_id, behandelaar_id=behandelaar_id,
            closed_on=(row.answered_on or data.start_date) if closed_kind else None, delays=delays, answer=answer)))
    return specs, problems


def import_upload(session: Session, filename: str, content: bytes, actor: Actor) -> ImportSummary:
    """Import an uploaded file (the web page): same rules as the command line."""
    import tempfile

    suffix = Path(filename or "").suffix.lower()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (f"upload{suffix}" if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else "upload")
        path.write_bytes(content)
        return import_file(session, path, actor, label=safe_name(filename))


def import_file(session: Session, path: Path, actor: Actor, label: str | None = None,
                progress: Callable[[int], None] | None = None) -> ImportSummary:
    """Validate and apply a whole file in the caller's transaction; ValidationError lists every problem.

    actor: on whose behalf (tracker.authz): a row that creates, changes or moves an item the actor may not
    touch (an officer: another ministry's) is a problem of that row.
    progress: called with the number of rows done since the last call (a progress bar).
    """
    return import_table(session, read_table(path), actor, label or path.name, progress)


def import_table(session: Session, table: Iterable[list[str]], actor: Actor, label: str,
                 progress: Callable[[int], None] | None = None) -> ImportSummary:
    """Import rows (a header row, then text cells) as they come, in chunks, in the caller's transaction.

    Every row is checked; rows are written chunk by chunk while no problem has been found (new items in
    batches, registered ones one by one with their audit trail). After the first problem nothing more is
    written but every row is still checked, and ValidationError lists all problems: the caller's
    transaction rolls back whatever was written. So memory stays flat however long the file is.
    """
    with bulk.gc_paused() as tidy:
        return _import_rows(session, table, actor, label, progress, tidy)


def _import_rows(session: Session, table: Iterable[list[str]], actor: Actor, label: str,
                 progress: Callable[[int], None] | None, tidy: Callable[[], object]) -> ImportSummary:
    rows = iter(table)
    header = next(rows, None)
    if header is None:
        raise ValidationError([Problem("het bestand is leeg")])
    columns, ignored, header_problems = _header(header)
    if header_problems:
        raise ValidationError(header_problems)
    problems = _Problems()
    statistics = db.FreshStatistics(session, *bulk.LOOKUP_COLUMNS)
    summary = ImportSummary(ignored_columns=ignored)
    schedules = bulk.Schedules(load_calendar(session))
    seen: dict[int, int] = {}
    chunk: list[ImportRow] = []
    any_rows = False
    done = 0  # rows read since the last progress report
    for number, cells in enumerate(rows, start=2):
        done += 1
        if not any(cells):
            continue
        any_rows = True
        row, row_problems = parse_row(columns, cells, number, seen)
        problems.add(row_problems)
        if not row_problems:
            chunk.append(row)
        if len(chunk) >= CHUNK:
            problems.add(_apply_chunk(session, chunk, actor, schedules, label, summary, write=not problems))
            statistics.wrote(len(chunk))
            chunk = []
            tidy()
            if progress:
                progress(done)
                done = 0
    problems.add(_apply_chunk(session, chunk, actor, schedules, label, summary, write=not problems))
    if progress and done:
        progress(done)
    if not any_rows and not problems:
        problems.add([Problem("het bestand bevat geen rijen")])
    if problems:
        raise ValidationError(problems.listed())
    return summary


class _Problems:
    """The problems of an import: the first MAX_PROBLEMS kept, in row order, the rest only counted."""

    def __init__(self):
        self.kept: list[Problem] = []
        self.count = 0

    def add(self, problems: list[Problem]) -> None:
        self.count += len(problems)
        self.kept += problems[:max(0, MAX_PROBLEMS - len(self.kept))]

    def __bool__(self) -> bool:
        return self.count > 0

    def listed(self) -> list[Problem]:
        listed = sorted(self.kept, key=lambda p: (p.row or 0))
        if self.count > len(self.kept):
            listed.append(Problem(f"en nog {self.count - len(self.kept):,} problemen (de eerste {MAX_PROBLEMS:,} "
                                  f"staan hierboven)".replace(",", ".")))
        return listed


def _apply_chunk(session: Session, rows: list[ImportRow], actor: Actor, schedules: bulk.Schedules, label: str,
                 summary: ImportSummary, write: bool) -> list[Problem]:
    """Write a chunk of valid rows; with write=False only find the problems the database knows of.

    Another import (or a form) may create the same new items at the same moment: on PostgreSQL this one then
    waits for the other's transaction and finds its keys taken. The chunk is undone to its savepoint and
    tried once more, when those items count as existing (updated or unchanged, as any existing item).
    SQLite needs none of this: an import holds its write lock from the start, so imports take turns (and a
    savepoint there would hide a full disk, after which SQLite has rolled back the whole transaction)."""
    if not rows or not write or session.connection().dialect.name != "postgresql":
        return _write_chunk(session, rows, actor, schedules, label, summary, write)
    from sqlalchemy.exc import DBAPIError, IntegrityError

    for attempt in (1, 2):
        savepoint = session.begin_nested()
        try:
            problems = _write_chunk(session, rows, actor, schedules, label, summary, write)
        except DBAPIError as error:
            taken = isinstance(error, IntegrityError) or getattr(error.orig, "sqlstate", None) == "40P01"  # deadlock
            if not taken:
                raise
            savepoint.rollback()
            if attempt == 1:
                continue
            raise ValidationError([Problem(
                f"rijen {rows[0].row}–{rows[-1].row} botsen met items die iemand anders tegelijk invoerde (kamer, "
                f"soort en nummer zijn uniek); er is niets geïmporteerd, probeer het opnieuw")]) from None
        savepoint.commit()
        return problems


def _write_chunk(session: Session, rows: list[ImportRow], actor: Actor, schedules: bulk.Schedules, label: str,
                 summary: ImportSummary, write: bool) -> list[Problem]:
    if not rows:
        return []
    known = item_service.items_by_key(session, map(_key, rows))
    specs, problems = _new_item_specs(session, [row for row in rows if _key(row) not in known], label, actor)
    problems += _refusals(session, rows, known, actor)
    problems += _behandelaar_problems(session, rows, known)
    if not write or problems:
        return problems
    if specs:
        # new items in batches, through the same deadline rules (tracker.services.bulk)
        _ids, refused = bulk.insert_new_items(session, [spec for _, spec in specs], actor, schedules,
                                              f"import {label}")
        row_of = {id(spec): row for row, spec in specs}
        problems += [Problem(reason, None, row_of[id(spec)].row) for spec, reason in refused]
        refused_ids = {id(spec) for spec, _ in refused}
        for row, spec in specs:
            if id(spec) not in refused_ids:
                summary.created.add(f"{row.item.kind} {row.item.nummer}")
    for row in rows:
        item = known.get(_key(row))
        if item is None:
            continue  # created above
        savepoint = session.begin_nested()
        try:
            outcome = apply_row(session, row, item, actor, schedules.calendar, label)
            savepoint.commit()
        except ValidationError as error:
            savepoint.rollback()
            problems += [Problem(p.message, p.field, row.row) for p in error.problems]
            continue
        except (TrackerError, WorkflowError, DeadlineError) as error:
            savepoint.rollback()
            problems.append(Problem(str(error), None, row.row))
            continue
        getattr(summary, outcome).add(f"{row.item.kind} {row.item.nummer}")
    return problems
