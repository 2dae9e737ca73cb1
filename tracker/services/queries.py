"""Read models for the web pages: lists, the dashboard, the next fortnight, on-time statistics.

Reads only, parameterised SQL only; the rules that decide what is due live in tracker.domain.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select, text
from sqlmodel import Session

from ..domain.workflow import WORKFLOWS
from ..models import Committee, Ministry, TrackedItem

PER_PAGE = 50
SORTS = {
    # items without a deadline last either way (SQLite would put them first, PostgreSQL first when descending)
    "termijn": (TrackedItem.due_date.asc().nulls_last(), TrackedItem.id.asc()),
    "-termijn": (TrackedItem.due_date.desc().nulls_last(), TrackedItem.id.desc()),
    "datum": (TrackedItem.start_date.desc(), TrackedItem.id.desc()),
    "nummer": (TrackedItem.nummer.asc(), TrackedItem.id.asc()),
}
STATES = ("open", "te_laat", "afgesloten", "alle", "gearchiveerd")


@dataclass(frozen=True)  # hashable: the list pages cache their result per filter and data version
class ListFilter:
    kind: str | None = None
    chamber: str | None = None
    ministry_id: int | None = None
    status: str | None = None
    state: str = "open"
    q: str | None = None
    sort: str = "termijn"
    page: int = 1


@dataclass
class Page:
    rows: list
    total: int
    page: int
    pages: int
    per_page: int = PER_PAGE


def list_conditions(f: ListFilter, today: date) -> list:
    """The WHERE conditions of a list filter (shared by the list pages and the exports); kind may be None."""
    # archived items are out of every list but their own ("gearchiveerd"), where an admin can restore them
    conditions = [TrackedItem.archived_at.is_not(None) if f.state == "gearchiveerd" else TrackedItem.archived_at.is_(None)]
    if f.kind:
        conditions.append(TrackedItem.kind == f.kind)
    if f.chamber:
        conditions.append(TrackedItem.chamber == f.chamber)
    if f.ministry_id:
        conditions.append(TrackedItem.ministry_id == f.ministry_id)
    if f.status:
        conditions.append(TrackedItem.status == f.status)
    if f.state == "open":
        conditions.append(TrackedItem.closed_on.is_(None))
    elif f.state == "te_laat":
        conditions += [TrackedItem.closed_on.is_(None), TrackedItem.due_date < today]
    elif f.state == "afgesloten":
        conditions.append(TrackedItem.closed_on.is_not(None))
    if f.q:
        pattern = f"%{f.q.strip().lower()}%"
        conditions.append(or_(func.lower(TrackedItem.nummer).like(pattern), func.lower(TrackedItem.title).like(pattern),
                              func.lower(TrackedItem.text).like(pattern)))
    return conditions


def item_list(session: Session, f: ListFilter, today: date) -> Page:
    """One page of items of one kind, filtered, searched and sorted; the count for the pager."""
    where = and_(*list_conditions(f, today))
    total = session.execute(select(func.count()).select_from(TrackedItem).where(where)).scalar()
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(1, f.page), pages)
    rows = session.execute(
        select(TrackedItem.id, TrackedItem.chamber, TrackedItem.nummer, TrackedItem.title, Ministry.code,
               TrackedItem.status, TrackedItem.start_date, TrackedItem.due_date, TrackedItem.closed_on,
               TrackedItem.due_problem, TrackedItem.fracties)
        .outerjoin(Ministry, Ministry.id == TrackedItem.ministry_id)
        .where(where).order_by(*SORTS.get(f.sort, SORTS["termijn"]))
        .limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    return Page(rows, total, page, pages)


@dataclass
class Dashboard:
    on: date
    counts: dict = field(default_factory=dict)  # (ministry, kind) -> {"te_laat", "binnenkort", "open", "afgedaan"}
    totals: dict = field(default_factory=dict)  # kind -> same
    upcoming: list = field(default_factory=list)
    on_time: list = field(default_factory=list)  # (ministry, answered, share on time, median days)
    scope: str | None = None  # the one ministry shown, or None for all
    trend: list = field(default_factory=list)  # (first day of month, answered in time, answered late), 12 months

    @property
    def per_ministry(self) -> list[tuple[str, dict]]:
        """One row per ministry (all kinds together), the most late first: what Overzicht lists."""
        rows: dict[str, dict] = {}
        for (ministry, _kind), counts in self.counts.items():
            row = rows.setdefault(ministry, {"te_laat": 0, "binnenkort": 0, "open": 0, "afgedaan": 0})
            for key, value in counts.items():
                row[key] += value
        return sorted(rows.items(), key=lambda kv: (-kv[1]["te_laat"], -kv[1]["binnenkort"], -kv[1]["open"], kv[0]))


_STATE_SQL = """
SELECT m.code, i.kind,
       SUM(CASE WHEN p.due < :on THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.due >= :on AND p.due <= :soon THEN 1 ELSE 0 END)
FROM deadline_period p JOIN tracked_item i ON i.id = p.item_id LEFT JOIN ministry m ON m.id = i.ministry_id
WHERE p.active_from <= :on AND p.active_until > :on AND p.due IS NOT NULL AND p.due <= :soon
  AND (CAST(:code AS VARCHAR(16)) IS NULL OR m.code = :code)
GROUP BY m.code, i.kind
"""
_OPEN_DONE_SQL = """
SELECT m.code, i.kind,
       SUM(CASE WHEN i.closed_on IS NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN i.closed_kind = 'done' THEN 1 ELSE 0 END)
FROM tracked_item i LEFT JOIN ministry m ON m.id = i.ministry_id
WHERE i.archived_at IS NULL AND i.status NOT IN ('ingediend', 'aangehouden', 'verworpen')
  AND (CAST(:code AS VARCHAR(16)) IS NULL OR m.code = :code)
GROUP BY m.code, i.kind
"""
_UPCOMING_SQL = """
SELECT i.id, i.kind, i.chamber, i.nummer, i.title, m.code, p.due
FROM deadline_period p JOIN tracked_item i ON i.id = p.item_id LEFT JOIN ministry m ON m.id = i.ministry_id
WHERE p.active_from <= :on AND p.active_until > :on AND p.due >= :on AND p.due <= :until
  AND (CAST(:code AS VARCHAR(16)) IS NULL OR m.code = :code)
ORDER BY p.due, i.nummer LIMIT 200
"""
# Per answered item its ministry, its days to the answer and whether that was in time, worked out by the
# database ({days}: the dialect's day difference): no date is parsed in Python for 50,000 answers. (The median
# in SQL, with window functions, was slower on SQLite than Python's statistics.median on these integers.)
_ANSWERED_SQL = """
SELECT m.code, {days}, CASE WHEN i.closed_on <= i.due_date THEN 1 ELSE 0 END
FROM tracked_item i LEFT JOIN ministry m ON m.id = i.ministry_id
WHERE i.closed_kind = 'done' AND i.kind IN ('kamervragen', 'commissiebrief') AND i.archived_at IS NULL
  AND i.start_date IS NOT NULL AND i.due_date IS NOT NULL
  AND (CAST(:code AS VARCHAR(16)) IS NULL OR m.code = :code)
"""


_TREND_SQL = """
SELECT {month}, SUM(CASE WHEN i.closed_on <= i.due_date THEN 1 ELSE 0 END),
       SUM(CASE WHEN i.closed_on > i.due_date THEN 1 ELSE 0 END)
FROM tracked_item i LEFT JOIN ministry m ON m.id = i.ministry_id
WHERE i.closed_kind = 'done' AND i.kind IN ('kamervragen', 'commissiebrief') AND i.archived_at IS NULL
  AND i.due_date IS NOT NULL AND i.closed_on >= :since AND i.closed_on <= :on
  AND (CAST(:code AS VARCHAR(16)) IS NULL OR m.code = :code)
GROUP BY 1
"""


def _trend(session: Session, on: date, ministry_code: str | None) -> list[tuple[date, int, int]]:
    """Per month of the last twelve (this one included): answered in time and late (Kamervragen, commissiebrieven)."""
    months = [date(on.year + (on.month - 12 + n - 1) // 12, (on.month - 12 + n - 1) % 12 + 1, 1) for n in range(1, 13)]
    month = ("strftime('%Y-%m', i.closed_on)" if session.connection().dialect.name == "sqlite"
             else "to_char(i.closed_on, 'YYYY-MM')")
    counts = {key: (int(ok or 0), int(late or 0)) for key, ok, late in session.execute(
        text(_TREND_SQL.format(month=month)), {"since": months[0], "on": on, "code": ministry_code})}
    return [(first, *counts.get(f"{first:%Y-%m}", (0, 0))) for first in months]


def dashboard(session: Session, on: date, ministry_code: str | None = None) -> Dashboard:
    """Counts per ministry and kind, the next 14 days, and on-time answering per ministry; with ministry_code
    only that ministry's items (an officer's own view)."""
    board = Dashboard(on, scope=ministry_code)

    def bucket(ministry, kind):
        return board.counts.setdefault((ministry or "—", kind), {"te_laat": 0, "binnenkort": 0, "open": 0, "afgedaan": 0})

    params = {"on": on, "soon": on + timedelta(days=7), "code": ministry_code}
    for ministry, kind, late, soon in session.execute(text(_STATE_SQL), params):
        counts = bucket(ministry, kind)
        counts["te_laat"] += int(late or 0)
        counts["binnenkort"] += int(soon or 0)
    for ministry, kind, open_, done in session.execute(text(_OPEN_DONE_SQL), {"code": ministry_code}):
        counts = bucket(ministry, kind)
        counts["open"] += int(open_ or 0)
        counts["afgedaan"] += int(done or 0)
    for (_, kind), counts in board.counts.items():
        total = board.totals.setdefault(kind, {"te_laat": 0, "binnenkort": 0, "open": 0, "afgedaan": 0})
        for key, value in counts.items():
            total[key] += value
    board.upcoming = session.execute(text(_UPCOMING_SQL), {"on": on, "until": on + timedelta(days=14),
                                                           "code": ministry_code}).all()
    days = ("CAST(julianday(i.closed_on) - julianday(i.start_date) AS INTEGER)"
            if session.connection().dialect.name == "sqlite" else "(i.closed_on - i.start_date)")
    board.trend = _trend(session, on, ministry_code)
    per_ministry: dict[str, list] = {}
    for ministry, taken, in_time in session.execute(text(_ANSWERED_SQL.format(days=days)), {"code": ministry_code}):
        per_ministry.setdefault(ministry or "—", []).append((taken, in_time))
    board.on_time = sorted(
        ((ministry, len(rows), sum(ok for _, ok in rows) / len(rows), statistics.median(d for d, _ in rows))
         for ministry, rows in per_ministry.items()), key=lambda r: r[0])
    return board


def ministry_rows(session: Session):
    """Every ministry (id, code, name), by code: for select boxes."""
    return session.execute(select(Ministry.id, Ministry.code, Ministry.name).order_by(Ministry.code)).all()


def reference_choices(session: Session):
    """Ministries and committees for select boxes."""
    ministries = ministry_rows(session)
    committees = session.execute(select(Committee.id, Committee.chamber, Committee.name).order_by(Committee.chamber,
                                                                                               Committee.name)).all()
    return ministries, committees


def statuses(kind: str) -> list[str]:
    return WORKFLOWS[kind].statuses
