"""`tracker load-demo`: the curated data set in seeds/demo.toml, loaded idempotently.

Every record has a natural key (ministry code, person name, document key, kamer+soort+nummer,
username), so loading twice finds what the first load made and creates no duplicates.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlmodel import Session, select
from werkzeug.security import generate_password_hash

from . import authz
from .models import Committee, DelayNotice, Document, Ministry, Position, Recess, User
from .services import items as item_service
from .services import reference
from .services.schedule import load_calendar

DEMO_PASSWORD = "kamertracker-demo"  # demo users only; printed by the start command
ACTOR = authz.system("demo")


@dataclass
class LoadSummary:
    created: dict[str, int] = field(default_factory=dict)

    def count(self, what: str) -> None:
        self.created[what] = self.created.get(what, 0) + 1


def default_demo_file() -> Path:
    """seeds/demo.toml in the working directory, else next to the package (a source checkout)."""
    for base in (Path.cwd(), Path(__file__).resolve().parent.parent):
        candidate = base / "seeds" / "demo.toml"
        if candidate.exists():
            return candidate
    raise FileNotFoundError("seeds/demo.toml niet gevonden; geef het pad met --file")


def _ministries(session, rows, summary):
    for row in rows:
        ministry = session.exec(select(Ministry).where(Ministry.code == row["code"])).first()
        if ministry is None:
            session.add(Ministry(**row))
            summary.count("ministeries")
        else:
            for key, value in row.items():
                setattr(ministry, key, value)
    session.flush()


def _persons(session, rows, summary):
    for row in rows:
        person = reference.person_named(session, row["name"])
        if person is None:
            person = reference.person_named(session, row["name"], create=True)
            summary.count("personen")
        ministry_id = reference.ministry_by_code(session, row["ministry"]).id if row.get("ministry") else None
        exists = session.exec(select(Position).where(Position.person_id == person.id, Position.role == row["role"],
                                                     Position.ministry_id == ministry_id,
                                                     Position.chamber == row.get("chamber"))).first()
        if exists is None:
            session.add(Position(person_id=person.id, role=row["role"], chamber=row.get("chamber"),
                                 fractie=row.get("fractie"), ministry_id=ministry_id, function=row.get("function"),
                                 start=row.get("start"), end=row.get("end")))
    session.flush()


def _simple(session, model, rows, keys, summary, label):
    for row in rows:
        clause = [getattr(model, k) == row[k] for k in keys]
        if session.exec(select(model).where(*clause)).first() is None:
            session.add(model(**row))
            summary.count(label)
    session.flush()


def _documents(session, rows, summary) -> dict[str, int]:
    ids = {}
    for row in rows:
        data = {k: v for k, v in row.items() if k not in ("key", "source_file")}
        document = session.exec(select(Document).where(Document.external_id == row["key"])).first()
        if document is None:
            document = Document(external_id=row["key"], **data)
            session.add(document)
            session.flush()
            summary.count("documenten")
        ids[row["key"]] = document.id
    return ids


def _item(session, row, documents, calendar, summary):
    data = item_service.ItemInput(
        kind=row["kind"], chamber=row["chamber"], nummer=row["nummer"], title=row["title"],
        ministry_code=row.get("ministry"), start_date=row.get("start_date"), text=row.get("text"),
        term=row.get("term"), deadline_date=row.get("deadline_date"), deadline_phrase=row.get("deadline_phrase"),
        stand_van_zaken=row.get("stand_van_zaken"), stand_intern=bool(row.get("stand_intern")),
        stand_on=row.get("stand_on"), members=row.get("members"), fracties=row.get("fracties"),
        vote_result=row.get("vote_result"), kabinetsappreciatie=row.get("kabinetsappreciatie"),
        activity=row.get("activity"), committee=row.get("committee"), bewindspersoon=row.get("bewindspersoon"),
        source="demo")
    item = item_service.find_item(session, data.chamber, data.kind, data.nummer)
    if item is None:
        item = item_service.create_item(session, data, ACTOR, calendar)
        summary.count("items")
    if item.kind == "motie" and item.status == "ingediend" and (row.get("answer") or row.get("status")):
        # the obligation runs from the vote; record the adoption on that day, before what follows
        item_service.walk_to_status(session, item, "aangenomen", ACTOR, note="demodata", calendar=calendar,
                                    on=item.start_date or row.get("status_on") or row.get("stand_on"))
    for link in row.get("documents", []):
        item_service._link(session, item.id, documents[link["key"]], link["role"])
    for delay in row.get("delays", []):
        known = session.exec(select(DelayNotice).where(DelayNotice.item_id == item.id,
                                                       DelayNotice.sent_on == delay["sent_on"])).first()
        if known is None:
            item_service.record_delay(session, item, delay["sent_on"], ACTOR, reason=delay.get("reason"),
                                      promised=delay.get("promised"),
                                      document_id=documents.get(delay.get("document")), calendar=calendar)
    answer = row.get("answer")
    if answer and item.closed_on is None:
        item_service.record_answer(session, item, answer["on"], ACTOR, document_id=documents[answer["document"]],
                                   calendar=calendar)
    elif row.get("status") and item.status != row["status"]:
        # on the day the source reports it (its stand's day), not the day the demo is loaded
        item_service.walk_to_status(session, item, row["status"], ACTOR, on=row.get("status_on") or row.get("stand_on"),
                                    note="demodata", calendar=calendar)
    elif item.kind == "motie" and item.status == "ingediend":
        item_service.walk_to_status(session, item, "aangenomen", ACTOR, note="demodata", calendar=calendar)


def _users(session, rows, summary):
    for row in rows:
        if session.exec(select(User).where(User.username == row["username"])).first() is None:
            ministry_id = reference.ministry_by_code(session, row["ministry"]).id if row.get("ministry") else None
            session.add(User(username=row["username"], role=row["role"], ministry_id=ministry_id,
                             email=row.get("email"), password_hash=generate_password_hash(DEMO_PASSWORD)))
            summary.count("gebruikers")


def load_demo(session: Session, path: Path, week_of: date | None = None) -> LoadSummary:
    """Load the demo file into the caller's transaction; returns what was newly created.

    week_of: also the demo's present on that day (tracker.demo_present: a fictitious cabinet in office, the
    recesses of this and the next vergaderjaar, two named officers per ministry) and the made-up current workload
    (tracker.demo_week), so the demo shows a working week; the command line passes today, the tests mostly leave it
    out and see the papers' items only."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    summary = LoadSummary()
    _ministries(session, data.get("ministries", []), summary)
    _persons(session, data.get("persons", []), summary)
    _simple(session, Committee, data.get("committees", []), ("chamber", "name"), summary, "commissies")
    _simple(session, Recess, data.get("recesses", []), ("chamber", "name", "start"), summary, "recessen")
    documents = _documents(session, data.get("documents", []), summary)
    calendar = load_calendar(session)
    for row in data.get("items", []):
        _item(session, row, documents, calendar, summary)
    _users(session, data.get("users", []), summary)
    if week_of is not None:
        from .demo_present import load_present
        from .demo_week import load_week
        for what, made in load_present(session, week_of).items():
            if made:
                summary.created[what] = summary.created.get(what, 0) + made
        calendar = load_calendar(session)  # with this and next vergaderjaar's recesses
        for _ in range(load_week(session, week_of, calendar)):
            summary.count("items van deze week")
    return summary
