"""The griffie's question: what is overdue on day D? One indexed query across all kinds.

Plain SQL on purpose: the overview is the hottest read, and it needs neither the ORM nor
its import time (the `tracker overdue` command must answer in well under a second).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, text

from ..domain.names import display_name

_SELECT = """
SELECT i.id, i.kind, i.chamber, i.nummer, i.title, m.code, p.due, p.first_delay_on, p.first_delay_days_late,
       i.status, p.rule, i.fracties, pe.name, u.id, u.username, u.full_name
FROM deadline_period p
JOIN tracked_item i ON i.id = p.item_id
LEFT JOIN ministry m ON m.id = i.ministry_id
LEFT JOIN person pe ON pe.id = i.bewindspersoon_id
LEFT JOIN app_user u ON u.id = i.behandelaar_id
WHERE p.active_until > :on AND p.due < :on AND p.active_from <= :on
"""  # open items have active_until = OPEN_END, so "active_until > :on" covers them (index ix_period_active)
_ORDER = " ORDER BY p.due, i.kind, i.nummer"


@dataclass(slots=True)
class OverdueRow:
    """One overdue item as the overview shows it (JSON keys are a contract: keep them)."""

    id: int
    soort: str
    kamer: str
    nummer: str
    titel: str
    ministerie: str | None
    due: str
    days_overdue: int
    uitstelbericht: str | None
    uitstelbericht_days_late: int | None
    huidige_status: str  # today's status, not as of `on` (the overview is about deadlines)
    regel: str
    fractie: str | None
    bewindspersoon: str | None
    behandelaar: dict | None  # {"id", "gebruikersnaam", "naam"} (naam: the full name, else the login name)

    @property
    def behandelaar_naam(self) -> str:
        return self.behandelaar["naam"] if self.behandelaar else ""

    def as_json(self) -> dict:
        # flat fields: a plain dict, not dataclasses.asdict's recursive deep copy
        return {name: getattr(self, name) for name in self.__slots__}


def overdue_statement(on: date, chamber: str | None = None, ministry_code: str | None = None,
                      kinds: list[str] | None = None, bewindspersoon: str | None = None,
                      fractie: str | None = None, shortest_first: bool = False, behandelaar_id: int | None = None,
                      team_ministry_id: int | None = None):
    """The SQL behind the overview, with its parameters bound (also run bare by the benchmark).
    behandelaar_id: that user's items (0: items without a behandelaar); team_ministry_id: items whose behandelaar
    belongs to that ministry ("mijn team").

    Only fixed SQL fragments are appended; every value travels as a bound parameter.
    """
    sql, params = _SELECT, {"on": on}
    if chamber:
        sql += " AND i.chamber = :chamber"
        params["chamber"] = chamber
    if ministry_code:
        sql += " AND m.code = :ministry"
        params["ministry"] = ministry_code
    if bewindspersoon:
        sql += " AND pe.name = :bewindspersoon"
        params["bewindspersoon"] = bewindspersoon
    if fractie:
        sql += " AND lower(i.fracties) LIKE :fractie"
        params["fractie"] = f"%{fractie.lower()}%"
    if behandelaar_id == 0:
        sql += " AND i.behandelaar_id IS NULL"
    elif behandelaar_id is not None:
        sql += " AND i.behandelaar_id = :behandelaar"
        params["behandelaar"] = behandelaar_id
    if team_ministry_id is not None:
        sql += " AND u.ministry_id = :team"
        params["team"] = team_ministry_id
    order = " ORDER BY p.due DESC, i.kind, i.nummer" if shortest_first else _ORDER
    statement = text(sql + (" AND i.kind IN :kinds" if kinds else "") + order)
    if kinds:
        statement = statement.bindparams(bindparam("kinds", expanding=True))
        params["kinds"] = list(kinds)
    return statement.bindparams(**params)


def _iso(value) -> str | None:
    # SQLite hands text SQL dates back as ISO strings already; PostgreSQL as dates.
    return value if value is None or isinstance(value, str) else value.isoformat()


def overdue(connection, on: date, chamber: str | None = None, ministry_code: str | None = None,
            kinds: list[str] | None = None, bewindspersoon: str | None = None, fractie: str | None = None,
            shortest_first: bool = False, behandelaar_id: int | None = None,
            team_ministry_id: int | None = None) -> list[OverdueRow]:
    """Every item overdue on day `on`, longest overdue first (connection or ORM session)."""
    rows = connection.execute(overdue_statement(on, chamber, ministry_code, kinds, bewindspersoon, fractie,
                                                shortest_first, behandelaar_id, team_ministry_id)).all()
    ordinal = on.toordinal()
    result = []
    for r in rows:
        due = _iso(r[6])
        result.append(OverdueRow(r[0], r[1], r[2], r[3], r[4], r[5], due, ordinal - date.fromisoformat(due).toordinal(),
                                 _iso(r[7]), r[8], r[9], r[10], r[11], r[12],
                                 {"id": r[13], "gebruikersnaam": r[14], "naam": display_name(r[15], r[14])}
                                 if r[13] is not None else None))
    return result


def ministry_code(connection, code: str) -> str | None:
    """The canonical code for a code typed in any case ('bzk' → 'BZK'), or None when unknown."""
    row = connection.execute(text("SELECT code FROM ministry WHERE lower(code) = :code"),
                             {"code": code.strip().lower()}).first()
    return row[0] if row else None


def known_ministry_codes(connection) -> list[str]:
    return [r[0] for r in connection.execute(text("SELECT code FROM ministry ORDER BY code"))]

