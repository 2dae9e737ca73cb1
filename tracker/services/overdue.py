"""The griffie's question: what is overdue on day D? One indexed query across all kinds."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from ..models import DeadlinePeriod, Ministry, Person, TrackedItem


@dataclass(frozen=True)
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

    def as_json(self) -> dict:
        return asdict(self)


def overdue_statement(on: date, chamber: str | None = None, ministry_code: str | None = None,
                      kinds: list[str] | None = None):
    """The SELECT behind the overview (also used bare by the benchmark)."""
    period, item = DeadlinePeriod, TrackedItem
    statement = (
        select(item.id, item.kind, item.chamber, item.nummer, item.title, Ministry.code, period.due,
               period.first_delay_on, period.first_delay_days_late, item.status, period.rule, item.fracties,
               Person.name)
        .join(item, item.id == period.item_id)
        .outerjoin(Ministry, Ministry.id == item.ministry_id)
        .outerjoin(Person, Person.id == item.bewindspersoon_id)
        .where(period.active_until > on, period.due < on, period.active_from <= on)
        .order_by(period.due, item.kind, item.nummer)
    )
    if chamber:
        statement = statement.where(item.chamber == chamber)
    if ministry_code:
        statement = statement.where(Ministry.code == ministry_code)
    if kinds:
        statement = statement.where(item.kind.in_(kinds))
    return statement


def overdue(session: Session, on: date, chamber: str | None = None, ministry_code: str | None = None,
            kinds: list[str] | None = None) -> list[OverdueRow]:
    """Every item overdue on day `on`, longest overdue first."""
    rows = session.execute(overdue_statement(on, chamber, ministry_code, kinds)).all()
    return [
        OverdueRow(id=r[0], soort=r[1], kamer=r[2], nummer=r[3], titel=r[4], ministerie=r[5],
                   due=r[6].isoformat(), days_overdue=(on - r[6]).days,
                   uitstelbericht=r[7].isoformat() if r[7] else None, uitstelbericht_days_late=r[8],
                   huidige_status=r[9], regel=r[10], fractie=r[11], bewindspersoon=r[12])
        for r in rows
    ]
