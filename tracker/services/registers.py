"""Read models of the person and committee pages: what the register holds for one Kamerlid, bewindspersoon or
committee. Reads only; every item read is not archived. A stand van zaken is not part of these lists."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, select
from sqlmodel import Session

from ..domain.citations import vergaderjaar
from ..models import Committee, ItemPerson, Ministry, Person, Position, TrackedItem

LIMIT = 1000  # items per list on a page


@dataclass
class Row:
    id: int
    kind: str
    chamber: str
    nummer: str
    title: str
    ministry: str | None
    status: str
    start_date: date | None
    due_date: date | None
    closed_on: date | None
    vote_result: str | None = None
    position: int | None = None

    def overdue(self, today: date) -> bool:
        return self.closed_on is None and self.due_date is not None and self.due_date < today


_COLUMNS = (TrackedItem.id, TrackedItem.kind, TrackedItem.chamber, TrackedItem.nummer, TrackedItem.title, Ministry.code,
            TrackedItem.status, TrackedItem.start_date, TrackedItem.due_date, TrackedItem.closed_on,
            TrackedItem.vote_result)


def _rows(session: Session, *conditions) -> list[Row]:
    query = select(*_COLUMNS).outerjoin(
        Ministry, Ministry.id == TrackedItem.ministry_id).where(TrackedItem.archived_at.is_(None), *conditions)
    return [Row(*row) for row in session.execute(query.order_by(TrackedItem.start_date.desc().nulls_last(),
                                                                TrackedItem.id.desc()).limit(LIMIT)).all()]


@dataclass
class PersonPage:
    person: Person
    positions: list
    first: list[Row] = field(default_factory=list)  # moties as first indiener
    co: list[Row] = field(default_factory=list)  # moties as co-indiener
    questions: list[Row] = field(default_factory=list)  # schriftelijke vragen (first or co)
    made_to: list[Row] = field(default_factory=list)  # toezeggingen made to them
    other: list[Row] = field(default_factory=list)  # commissiebrieven naming them
    assigned: list[Row] = field(default_factory=list)  # as bewindspersoon: items assigned
    on_time: list = field(default_factory=list)  # (vergaderjaar, answered, in time)


def person_page(session: Session, person_id: int, today: date) -> PersonPage | None:
    person = session.get(Person, person_id)
    if person is None:
        return None
    positions = session.execute(select(Position, Ministry.code).outerjoin(Ministry, Ministry.id == Position.ministry_id)
                                .where(Position.person_id == person_id).order_by(Position.start)).all()
    page = PersonPage(person, positions)
    named = session.execute(select(*_COLUMNS, ItemPerson.position)
                            .join(ItemPerson, and_(ItemPerson.item_id == TrackedItem.id, ItemPerson.person_id == person_id))
                            .outerjoin(Ministry, Ministry.id == TrackedItem.ministry_id)
                            .where(TrackedItem.archived_at.is_(None))
                            .order_by(TrackedItem.start_date.desc().nulls_last(), TrackedItem.id.desc())
                            .limit(LIMIT)).all()
    for values in named:
        row = Row(*values)
        if row.kind == "motie":
            (page.first if row.position == 0 else page.co).append(row)
        elif row.kind == "kamervragen":
            page.questions.append(row)
        elif row.kind == "toezegging":
            page.made_to.append(row)
        else:
            page.other.append(row)
    page.assigned = _rows(session, TrackedItem.bewindspersoon_id == person_id)
    page.on_time = answered_on_time(page.assigned)
    return page


def answered_on_time(rows: list[Row]) -> list[tuple[str, int, int]]:
    """Per vergaderjaar of the answer: (year, answered with a deadline, answered in time), newest first."""
    years: dict[str, list[int]] = {}
    for row in rows:
        if row.closed_on and row.due_date:
            counts = years.setdefault(vergaderjaar(row.closed_on), [0, 0])
            counts[0] += 1
            counts[1] += row.closed_on <= row.due_date
    return [(year, answered, timely) for year, (answered, timely) in sorted(years.items(), reverse=True)]


@dataclass
class CommitteePage:
    committee: Committee
    rows: list[Row]


def committee_page(session: Session, committee_id: int) -> CommitteePage | None:
    committee = session.get(Committee, committee_id)
    if committee is None:
        return None
    return CommitteePage(committee, _rows(session, TrackedItem.committee_id == committee_id))


def committees(session: Session, today: date) -> list[tuple]:
    """Every committee with the number of its open items and of those overdue today: (committee, open, overdue)."""
    rows = session.execute(
        select(Committee, TrackedItem.id, TrackedItem.due_date)
        .outerjoin(TrackedItem, and_(TrackedItem.committee_id == Committee.id, TrackedItem.archived_at.is_(None),
                                     TrackedItem.closed_on.is_(None)))
        .order_by(Committee.chamber, Committee.name)).all()
    result: dict[int, list] = {}
    for committee, item_id, due in rows:
        entry = result.setdefault(committee.id, [committee, 0, 0])
        if item_id is not None:
            entry[1] += 1
            entry[2] += due is not None and due < today
    return [tuple(v) for v in result.values()]
