"""Read models of the person and committee pages: what the register holds for one Kamerlid, bewindspersoon or
committee. Reads only; every item read is not archived. A stand van zaken is not part of these lists."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, bindparam, case, func, select
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


def _rows(session: Session, *conditions, limit: int = LIMIT, offset: int = 0) -> list[Row]:
    query = select(*_COLUMNS).outerjoin(
        Ministry, Ministry.id == TrackedItem.ministry_id).where(TrackedItem.archived_at.is_(None), *conditions)
    return [Row(*row) for row in session.execute(_newest(query, limit, offset)).all()]


SHOWN = 25  # rows of each list on a person's or committee's page; the rest a page at a time (PAGE_SIZE)
PAGE_SIZE = 100

# A person's lists: key of PersonPage → (URL word, caption). A Kamerlid's lists hold the items whose members name them
# (_member_list says which list); a bewindspersoon's the items assigned to them, open and closed.
_MEMBER_SECTIONS = {"first": ("eerste-indiener", "Moties als eerste indiener"),
                    "co": ("mede-indiener", "Moties als mede-indiener"),
                    "questions": ("vragen", "Schriftelijke vragen"),
                    "made_to": ("toezeggingen", "Toezeggingen aan dit lid"),
                    "other": ("overig", "Andere items")}
_ASSIGNED_SECTIONS = {
    "assigned_open": ("open", "Open", lambda: TrackedItem.closed_on.is_(None)),
    "assigned_closed": ("afgesloten", "Afgesloten", lambda: TrackedItem.closed_on.is_not(None)),
}
PERSON_SECTIONS = {word: (key, caption) for key, (word, caption, *_) in {**_MEMBER_SECTIONS, **_ASSIGNED_SECTIONS}.items()}


def _member_list(kind: str, position: int) -> str:
    if kind == "motie":
        return "first" if position == 0 else "co"
    return {"kamervragen": "questions", "toezegging": "made_to"}.get(kind, "other")


def _newest_first(entry: tuple) -> tuple:
    """(start_date, id) → the sort key of the lists: newest start first, items without a start last, then by id."""
    start, item_id = entry
    return (start is not None, start or date.min, item_id)


@dataclass
class PersonPage:
    person: Person
    positions: list
    first: list[Row] = field(default_factory=list)  # moties as first indiener
    co: list[Row] = field(default_factory=list)  # moties as co-indiener
    questions: list[Row] = field(default_factory=list)  # schriftelijke vragen (first or co)
    made_to: list[Row] = field(default_factory=list)  # toezeggingen made to them
    other: list[Row] = field(default_factory=list)  # commissiebrieven naming them
    assigned_open: list[Row] = field(default_factory=list)  # as bewindspersoon: open items assigned
    assigned_closed: list[Row] = field(default_factory=list)  # and closed ones
    totals: dict[str, int] = field(default_factory=dict)  # every list's full length (the lists hold at most `limit`)
    overdue_count: int = 0  # assigned, open and overdue today
    on_time: list = field(default_factory=list)  # (vergaderjaar, answered, in time), over every assigned item

    @property
    def assigned(self) -> list[Row]:
        return self.assigned_open + self.assigned_closed


def person_page(session: Session, person_id: int, today: date, limit: int = LIMIT, section: str | None = None,
                offset: int = 0) -> PersonPage | None:
    """A person's lists, newest first, each at most `limit` long, with their full lengths in `totals`; section (a
    key of PersonPage such as "first"): that list alone, from `offset`. Counts and the share answered on time are
    over every item, however many (a minister answers for thousands)."""
    person = session.get(Person, person_id)
    if person is None:
        return None
    positions = session.execute(select(Position, Ministry.code).outerjoin(Ministry, Ministry.id == Position.ministry_id)
                                .where(Position.person_id == person_id).order_by(Position.start)).all()
    page = PersonPage(person, positions)
    named = and_(ItemPerson.item_id == TrackedItem.id, ItemPerson.person_id == person_id)
    # Every item naming them, narrow (a busy member is named on thousands): sorted into the lists and counted here,
    # then only the rows shown are read whole.
    lists: dict[str, list] = {key: [] for key in _MEMBER_SECTIONS}
    for item_id, kind, position, start in session.execute(
            select(TrackedItem.id, TrackedItem.kind, ItemPerson.position, TrackedItem.start_date)
            .join(ItemPerson, named).where(TrackedItem.archived_at.is_(None))).all():
        lists[_member_list(kind, position)].append((start, item_id))
    shown: set[int] = set()
    for key, entries in lists.items():
        page.totals[key] = len(entries)
        if section in (None, key):
            entries.sort(key=_newest_first, reverse=True)
            shown.update(item_id for _start, item_id in entries[offset:offset + limit])
    rows = {values[0]: Row(*values) for values in session.execute(
        select(*_COLUMNS, ItemPerson.position).join(ItemPerson, named)
        .outerjoin(Ministry, Ministry.id == TrackedItem.ministry_id).where(TrackedItem.id.in_(shown))).all()} \
        if shown else {}
    for key, entries in lists.items():
        if section in (None, key):
            setattr(page, key, [rows[item_id] for _start, item_id in entries[offset:offset + limit] if item_id in rows])
    for key, (_word, _caption, condition) in _ASSIGNED_SECTIONS.items():
        if section in (None, key):
            setattr(page, key, _rows(session, TrackedItem.bewindspersoon_id == person_id, condition(),
                                     limit=limit, offset=offset))
    mine = and_(TrackedItem.bewindspersoon_id == person_id, TrackedItem.archived_at.is_(None))
    open_count, overdue, closed = state_counts(session, today, mine)
    page.totals.update(assigned_open=open_count, assigned_closed=closed)
    page.overdue_count = overdue
    page.on_time = answered_on_time(session.execute(select(TrackedItem.closed_on, TrackedItem.due_date).where(
        mine, TrackedItem.closed_on.is_not(None), TrackedItem.due_date.is_not(None))).all())
    return page


def _counted(condition):
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


_STATE_COUNTS = (_counted(TrackedItem.closed_on.is_(None)),
                 _counted(and_(TrackedItem.closed_on.is_(None), TrackedItem.due_date < bindparam("today"))),
                 _counted(TrackedItem.closed_on.is_not(None)))


def state_counts(session: Session, today: date, *conditions) -> tuple[int, int, int]:
    """(open, overdue today, closed) of the items these conditions select, archived ones left out: one aggregate."""
    return tuple(session.execute(select(*_STATE_COUNTS).where(TrackedItem.archived_at.is_(None), *conditions),
                                 {"today": today}).one())


def _newest(query, limit: int, offset: int = 0):
    return query.order_by(TrackedItem.start_date.desc().nulls_last(), TrackedItem.id.desc()).limit(limit).offset(offset)


def answered_on_time(answered: list[tuple[date, date]]) -> list[tuple[str, int, int]]:
    """Per vergaderjaar of the answer: (year, answered with a deadline, answered in time), newest first;
    answered: (closed_on, due_date) of each item answered."""
    years: dict[str, list[int]] = {}
    for closed_on, due_date in answered:
        if closed_on and due_date:
            counts = years.setdefault(vergaderjaar(closed_on), [0, 0])
            counts[0] += 1
            counts[1] += closed_on <= due_date
    return [(year, answered, timely) for year, (answered, timely) in sorted(years.items(), reverse=True)]


@dataclass
class CommitteePage:
    committee: Committee
    rows: list[Row]


def committee_page(session: Session, committee_id: int) -> CommitteePage | None:
    """A committee's items (at most LIMIT, newest first): the API and the feeds."""
    committee = session.get(Committee, committee_id)
    if committee is None:
        return None
    return CommitteePage(committee, _rows(session, TrackedItem.committee_id == committee_id))


# A committee's register as the Eerste Kamer shows one: what is overdue now, the open toezeggingen, the open
# commissiebrieven, the other open items, what was closed. (URL word, caption, condition for today.)
_COMMITTEE_SECTIONS = {
    "overdue": ("te-laat", "Te laat", lambda today: and_(TrackedItem.closed_on.is_(None), TrackedItem.due_date < today)),
    "toezeggingen": ("toezeggingen", "Openstaande toezeggingen",
                     lambda today: and_(TrackedItem.closed_on.is_(None), TrackedItem.kind == "toezegging")),
    "letters": ("commissiebrieven", "Open commissiebrieven",
                lambda today: and_(TrackedItem.closed_on.is_(None), TrackedItem.kind == "commissiebrief")),
    "other_open": ("overig", "Andere open items", lambda today: and_(
        TrackedItem.closed_on.is_(None), TrackedItem.kind.not_in(("toezegging", "commissiebrief")))),
    "closed": ("afgesloten", "Afgesloten", lambda today: TrackedItem.closed_on.is_not(None)),
}
COMMITTEE_SECTIONS = {word: (key, caption) for key, (word, caption, _) in _COMMITTEE_SECTIONS.items()}


@dataclass
class CommitteeRegister:
    committee: Committee
    sections: dict[str, list[Row]]  # key of _COMMITTEE_SECTIONS → rows (at most `limit`)
    totals: dict[str, int]  # key → every item of that list
    open_count: int = 0


def committee_register(session: Session, committee_id: int, today: date, limit: int = SHOWN,
                       section: str | None = None, offset: int = 0) -> CommitteeRegister | None:
    """The committee's page: each list newest first and at most `limit` long, with the full lengths; section: that
    list alone, from `offset`."""
    committee = session.get(Committee, committee_id)
    if committee is None:
        return None
    theirs = TrackedItem.committee_id == committee_id
    page = CommitteeRegister(committee, {}, {})
    # every list's length from one aggregate per kind (the lists' conditions, counted)
    page.totals = dict.fromkeys(_COMMITTEE_SECTIONS, 0)
    for kind, open_count, overdue, closed in session.execute(
            select(TrackedItem.kind, *_STATE_COUNTS).where(theirs, TrackedItem.archived_at.is_(None))
            .group_by(TrackedItem.kind), {"today": today}).all():
        page.totals[{"toezegging": "toezeggingen", "commissiebrief": "letters"}.get(kind, "other_open")] += open_count
        page.totals["overdue"] += overdue
        page.totals["closed"] += closed
    for key, (_word, _caption, condition) in _COMMITTEE_SECTIONS.items():
        if limit and section in (None, key) and page.totals[key]:
            page.sections[key] = _rows(session, theirs, condition(today), limit=limit, offset=offset)
    page.open_count = page.totals["toezeggingen"] + page.totals["letters"] + page.totals["other_open"]
    return page


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
