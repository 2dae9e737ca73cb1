"""Read models for the web pages: lists, the dashboard, the next fortnight, on-time statistics.

Reads only, parameterised SQL only; the rules that decide what is due live in tracker.domain.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select, text
from sqlmodel import Session

from ..domain.deadlines import BACKLOG_DAYS, SOON_DAYS
from ..domain.periods import Period, last_twelve_months
from ..domain.workflow import WORKFLOWS
from ..models import Committee, Ministry, TrackedItem, User

PER_PAGE = 50
SORTS = {
    # items without a deadline last either way (SQLite would put them first, PostgreSQL first when descending)
    "termijn": (TrackedItem.due_date.asc().nulls_last(), TrackedItem.id.asc()),
    "-termijn": (TrackedItem.due_date.desc().nulls_last(), TrackedItem.id.desc()),
    "datum": (TrackedItem.start_date.desc(), TrackedItem.id.desc()),
    "nummer": (TrackedItem.nummer.asc(), TrackedItem.id.asc()),
}
STATES = ("open", "te_laat", "afgesloten", "alle", "gearchiveerd", "binnenkort", "afgedaan")
BACKLOGS = ("recent", "oud")  # the deadline at most BACKLOG_DAYS days past, or more (the old backlog)


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
    behandelaar_id: int | None = None  # 0: items without a behandelaar
    team_ministry_id: int | None = None  # "mijn team": items whose behandelaar belongs to this ministry
    backlog: str | None = None  # "oud": the deadline more than BACKLOG_DAYS days past; "recent": not (or none)


@dataclass
class Page:
    rows: list
    total: int
    page: int
    pages: int
    per_page: int = PER_PAGE
    old: int | None = None  # of these, the old backlog (open or te laat lists without a backlog filter)


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
    if f.behandelaar_id is not None:
        conditions.append(TrackedItem.behandelaar_id.is_(None) if f.behandelaar_id == 0
                          else TrackedItem.behandelaar_id == f.behandelaar_id)
    if f.team_ministry_id is not None:
        conditions.append(TrackedItem.behandelaar_id.in_(select(User.id).where(User.ministry_id == f.team_ministry_id)))
    if f.state == "open":
        conditions.append(TrackedItem.closed_on.is_(None))
    elif f.state == "te_laat":
        conditions += [TrackedItem.closed_on.is_(None), TrackedItem.due_date < today]
    elif f.state == "binnenkort":
        conditions += [TrackedItem.closed_on.is_(None), TrackedItem.due_date >= today,
                       TrackedItem.due_date <= today + timedelta(days=SOON_DAYS)]
    elif f.state == "afgesloten":
        conditions.append(TrackedItem.closed_on.is_not(None))
    elif f.state == "afgedaan":  # answered or done (what Overzicht counts as afgedaan), not lapsed or withdrawn
        conditions.append(TrackedItem.closed_kind == "done")
    if f.backlog:
        old = TrackedItem.due_date < backlog_line(today)
        conditions.append(old if f.backlog == "oud" else or_(TrackedItem.due_date.is_(None), ~old))
    if f.q:
        pattern = f"%{f.q.strip().lower()}%"
        conditions.append(or_(func.lower(TrackedItem.nummer).like(pattern), func.lower(TrackedItem.title).like(pattern),
                              func.lower(TrackedItem.text).like(pattern)))
    return conditions


def backlog_line(on: date) -> date:
    """A deadline before this day is more than BACKLOG_DAYS days past on `on`: the old backlog."""
    return on - timedelta(days=BACKLOG_DAYS)


def item_list(session: Session, f: ListFilter, today: date) -> Page:
    """One page of items of one kind, filtered, searched and sorted; the count for the pager."""
    where = and_(*list_conditions(f, today))
    total = session.execute(select(func.count()).select_from(TrackedItem).where(where)).scalar()
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(1, f.page), pages)
    rows = session.execute(
        select(TrackedItem.id, TrackedItem.kind, TrackedItem.chamber, TrackedItem.nummer, TrackedItem.title, Ministry.code,
               TrackedItem.ministry_id, TrackedItem.status, TrackedItem.start_date, TrackedItem.due_date, TrackedItem.closed_on,
               TrackedItem.due_problem, TrackedItem.fracties, TrackedItem.behandelaar_id,
               User.username.label("behandelaar_login"), User.full_name.label("behandelaar_full_name"))
        .outerjoin(Ministry, Ministry.id == TrackedItem.ministry_id)
        .outerjoin(User, User.id == TrackedItem.behandelaar_id)
        .where(where).order_by(*SORTS.get(f.sort, SORTS["termijn"]))
        .limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    old = None
    if f.state in ("open", "te_laat") and not f.backlog:  # how many of these are the old backlog, set apart
        old = session.execute(select(func.count()).select_from(TrackedItem).where(
            and_(*list_conditions(replace(f, backlog="oud"), today)))).scalar()
    return Page(rows, total, page, pages, old=old)


@dataclass
class Dashboard:
    on: date
    counts: dict = field(default_factory=dict)  # (ministry, kind) -> {"te_laat", "binnenkort", "open", "afgedaan"}
    totals: dict = field(default_factory=dict)  # kind -> same
    upcoming: list = field(default_factory=list)
    on_time: list = field(default_factory=list)  # (ministry, answered, share on time, median days)
    scope: str | None = None  # the one ministry shown, or None for all
    trend: list = field(default_factory=list)  # (first day of month, answered in time, answered late) per month
    period: Period | None = None  # what the on-time statistics and both trends cover
    backlog: list = field(default_factory=list)  # (month's last day or the period's, open, overdue) per month

    @property
    def since(self) -> date | None:
        return self.period.since if self.period else None

    @property
    def per_ministry(self) -> list[tuple[str, dict]]:
        """One row per ministry (all kinds together), the most late first: what Overzicht lists."""
        rows: dict[str, dict] = {}
        for (ministry, _kind), counts in self.counts.items():
            row = rows.setdefault(ministry, {"te_laat": 0, "binnenkort": 0, "open": 0, "afgedaan": 0})
            for key, value in counts.items():
                row[key] += value
        return sorted(rows.items(), key=lambda kv: (-kv[1]["te_laat"], -kv[1]["binnenkort"], -kv[1]["open"], kv[0]))


# Counts are grouped by ministry id, not code: the database then reads one index (see the indexes on
# TrackedItem and DeadlinePeriod) and never the wide item rows; ids become codes in Python (a few dozen rows).
_ONE_MINISTRY = "(CAST(:ministry AS INTEGER) IS NULL OR i.ministry_id = :ministry)"
_STATE_SQL = f"""
SELECT i.ministry_id, i.kind,
       SUM(CASE WHEN p.due < :on THEN 1 ELSE 0 END),
       SUM(CASE WHEN p.due >= :on AND p.due <= :soon THEN 1 ELSE 0 END)
FROM deadline_period p JOIN tracked_item i ON i.id = p.item_id
WHERE p.active_from <= :on AND p.active_until > :on AND p.due IS NOT NULL AND p.due <= :soon
  AND {_ONE_MINISTRY}
GROUP BY i.ministry_id, i.kind
"""
# open and afgedaan as the lists count them (stand open: not closed; stand afgedaan: answered or done), so that
# each count on Overzicht is the total of the list it links to
_OPEN_DONE_SQL = f"""
SELECT i.ministry_id, i.kind,
       SUM(CASE WHEN i.closed_on IS NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN i.closed_kind = 'done' THEN 1 ELSE 0 END)
FROM tracked_item i
WHERE i.archived_at IS NULL AND {_ONE_MINISTRY}
GROUP BY i.ministry_id, i.kind
"""
_UPCOMING_SQL = f"""
SELECT i.id, i.kind, i.chamber, i.nummer, i.title, m.code, p.due
FROM deadline_period p JOIN tracked_item i ON i.id = p.item_id LEFT JOIN ministry m ON m.id = i.ministry_id
WHERE p.active_from <= :on AND p.active_until > :on AND p.due >= :on AND p.due <= :until AND {_ONE_MINISTRY}
ORDER BY p.due, i.nummer LIMIT 200
"""
# The answers of one window (Kamervragen and commissiebrieven), as a histogram: per ministry, days to the
# answer and in time or not, how many. The database does the date arithmetic ({days}: the dialect's day
# difference) and sends a few thousand rows, not one per answer; the median is read off the histogram.
_ANSWERED_SQL = f"""
SELECT i.ministry_id, {{days}}, CASE WHEN i.closed_on <= i.due_date THEN 1 ELSE 0 END, COUNT(*)
FROM tracked_item i
WHERE i.closed_kind = 'done' AND i.closed_on >= :since AND i.closed_on <= :on
  AND i.kind IN ('kamervragen', 'commissiebrief') AND i.archived_at IS NULL
  AND i.start_date IS NOT NULL AND i.due_date IS NOT NULL AND {_ONE_MINISTRY}
GROUP BY 1, 2, 3
"""
_TREND_SQL = f"""
SELECT {{month}}, SUM(CASE WHEN i.closed_on <= i.due_date THEN 1 ELSE 0 END),
       SUM(CASE WHEN i.closed_on > i.due_date THEN 1 ELSE 0 END)
FROM tracked_item i
WHERE i.closed_kind = 'done' AND i.closed_on >= :since AND i.closed_on <= :on
  AND i.kind IN ('kamervragen', 'commissiebrief') AND i.archived_at IS NULL AND i.due_date IS NOT NULL
  AND {_ONE_MINISTRY}
GROUP BY 1
"""
# Open on day D: registered by then (or undated) and not closed before the end of D; archived items count
# nowhere (as on the lists). Overdue on D: the deadline period in force on D (deadline_period keeps the
# history: a later delay or answer does not rewrite D) had its due date before D, as Te laat counts it.
_OPEN_ON_SQL = f"""
SELECT COUNT(*) FROM tracked_item i
WHERE i.archived_at IS NULL AND (i.start_date IS NULL OR i.start_date <= :d)
  AND (i.closed_on IS NULL OR i.closed_on > :d) AND {_ONE_MINISTRY}
"""
_OVERDUE_ON_SQL = f"""
SELECT COUNT(*) FROM deadline_period p JOIN tracked_item i ON i.id = p.item_id
WHERE p.active_from <= :d AND p.active_until > :d AND p.due < :d AND {_ONE_MINISTRY}
"""


def statistics_window(on: date) -> list[date]:
    """The twelve months the on-time statistics cover by default: the first day of each, this month last."""
    return last_twelve_months(on).months()


def _trend(session: Session, period: Period, ministry_id: int | None) -> list[tuple[date, int, int]]:
    """Per month of the period: answered in time and late (Kamervragen, commissiebrieven)."""
    month = ("strftime('%Y-%m', i.closed_on)" if session.connection().dialect.name == "sqlite"
             else "to_char(i.closed_on, 'YYYY-MM')")
    counts = {key: (int(ok or 0), int(late or 0)) for key, ok, late in session.execute(
        text(_TREND_SQL.format(month=month)), {"since": period.since, "on": period.until, "ministry": ministry_id})}
    return [(first, *counts.get(f"{first:%Y-%m}", (0, 0))) for first in period.months()]


def open_and_overdue(session: Session, period: Period, ministry_id: int | None) -> list[tuple[date, int, int]]:
    """Per month of the period, as of its last day (a running month: the period's last day): open, overdue."""
    rows = []
    for day in period.month_ends():
        params = {"d": day, "ministry": ministry_id}
        rows.append((day, int(session.execute(text(_OPEN_ON_SQL), params).scalar() or 0),
                     int(session.execute(text(_OVERDUE_ON_SQL), params).scalar() or 0)))
    return rows


def histogram_median(counts: dict[int, int]) -> float:
    """The median of values given as value -> how often (as statistics.median of the expanded list)."""
    total = sum(counts.values())
    wanted = ((total - 1) // 2, total // 2)  # the middle position(s), counted from 0
    found, seen = [], 0
    for value in sorted(counts):
        seen += counts[value]
        while len(found) < 2 and seen > wanted[len(found)]:
            found.append(value)
    return found[0] if found[0] == found[1] else (found[0] + found[1]) / 2


def _on_time(session: Session, period: Period, ministry_id: int | None, codes: dict) -> list:
    """Per ministry: answers in the period, share in time, median days to the answer."""
    days = ("CAST(julianday(i.closed_on) - julianday(i.start_date) AS INTEGER)"
            if session.connection().dialect.name == "sqlite" else "(i.closed_on - i.start_date)")
    per_ministry: dict[str, dict] = {}
    params = {"since": period.since, "on": period.until, "ministry": ministry_id}
    for ministry, taken, in_time, count in session.execute(text(_ANSWERED_SQL.format(days=days)), params):
        row = per_ministry.setdefault(codes.get(ministry, "—"), {"days": {}, "in_time": 0})
        row["days"][taken] = row["days"].get(taken, 0) + count
        row["in_time"] += count if in_time else 0
    rows = []
    for ministry, row in per_ministry.items():
        answered = sum(row["days"].values())
        rows.append((ministry, answered, row["in_time"] / answered, histogram_median(row["days"])))
    return sorted(rows, key=lambda r: r[0])


def earliest_answer(session: Session) -> date | None:
    """The day of the oldest answer on file: how far back Overzicht offers vergaderjaren."""
    return session.execute(select(func.min(TrackedItem.closed_on)).where(TrackedItem.closed_kind == "done")).scalar()


def dashboard(session: Session, on: date, ministry_code: str | None = None, period: Period | None = None) -> Dashboard:
    """Counts per ministry and kind on `on`, the next SOON_DAYS days, and for the period (default: the last twelve
    months) on-time answering per ministry and per month and the open and overdue items per month; with
    ministry_code only that ministry's items (an officer's own view)."""
    period = period or last_twelve_months(on)
    board = Dashboard(on, scope=ministry_code, period=period)
    codes = dict(session.execute(select(Ministry.id, Ministry.code)).all())
    ministry_id = next((id_ for id_, code in codes.items() if code == ministry_code), -1) if ministry_code else None

    def bucket(ministry, kind):
        return board.counts.setdefault((codes.get(ministry, "—"), kind),
                                       {"te_laat": 0, "binnenkort": 0, "open": 0, "afgedaan": 0})

    params = {"on": on, "soon": on + timedelta(days=SOON_DAYS), "ministry": ministry_id}
    for ministry, kind, late, soon in session.execute(text(_STATE_SQL), params):
        counts = bucket(ministry, kind)
        counts["te_laat"] += int(late or 0)
        counts["binnenkort"] += int(soon or 0)
    for ministry, kind, open_, done in session.execute(text(_OPEN_DONE_SQL), {"ministry": ministry_id}):
        counts = bucket(ministry, kind)
        counts["open"] += int(open_ or 0)
        counts["afgedaan"] += int(done or 0)
    for (_, kind), counts in board.counts.items():
        total = board.totals.setdefault(kind, {"te_laat": 0, "binnenkort": 0, "open": 0, "afgedaan": 0})
        for key, value in counts.items():
            total[key] += value
    board.upcoming = session.execute(text(_UPCOMING_SQL), {"on": on, "until": on + timedelta(days=SOON_DAYS),
                                                           "ministry": ministry_id}).all()
    board.trend = _trend(session, period, ministry_id)
    board.on_time = _on_time(session, period, ministry_id, codes)
    board.backlog = open_and_overdue(session, period, ministry_id)
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


def statuses(kind: str | None) -> list[str]:
    """The statuses of a kind; without a kind, those of every kind (in workflow order, each once)."""
    if kind:
        return WORKFLOWS[kind].statuses
    return list(dict.fromkeys(status for workflow in WORKFLOWS.values() for status in workflow.statuses))


_TEAM_SQL = """
SELECT i.behandelaar_id,
       COUNT(*),
       SUM(CASE WHEN i.due_date >= :on AND i.due_date <= :soon THEN 1 ELSE 0 END),
       SUM(CASE WHEN i.due_date < :on THEN 1 ELSE 0 END)
FROM tracked_item i
WHERE i.ministry_id = :ministry AND i.archived_at IS NULL AND i.closed_on IS NULL
GROUP BY i.behandelaar_id
"""


@dataclass
class TeamRow:
    user_id: int | None  # None: the items nobody is behandelaar of
    name: str
    directorate: str | None
    open: int = 0
    soon: int = 0  # the deadline today or within SOON_DAYS days
    late: int = 0


def team(session: Session, ministry_id: int, on: date) -> list[TeamRow]:
    """Per behandelaar of a ministry (its active officers, and whoever holds one of its open items) the open items,
    those due within SOON_DAYS days and those overdue on `on`, counted as the lists count them (stand open,
    binnenkort, te_laat); the items without a behandelaar last."""
    from ..domain.names import display_name

    counts = {row[0]: row[1:] for row in session.execute(
        text(_TEAM_SQL), {"on": on, "soon": on + timedelta(days=SOON_DAYS), "ministry": ministry_id})}
    people = session.execute(select(User.id, User.full_name, User.username, User.directorate).where(or_(
        and_(User.ministry_id == ministry_id, User.role == "officer", User.active.is_(True)),
        User.id.in_([user_id for user_id in counts if user_id is not None])))).all()
    rows = []
    for user_id, full_name, username, directorate in people:
        open_, soon, late = counts.get(user_id, (0, 0, 0))
        rows.append(TeamRow(user_id, display_name(full_name, username), directorate, open_, int(soon or 0),
                            int(late or 0)))
    rows.sort(key=lambda r: (-r.late, -r.soon, r.name.lower()))
    open_, soon, late = counts.get(None, (0, 0, 0))
    rows.append(TeamRow(None, "niemand", None, open_, int(soon or 0), int(late or 0)))
    return rows
