"""Reference data: ministries, persons and committees, looked up by the names users type."""
from __future__ import annotations

from sqlmodel import Session, func, select

from ..errors import NotFound
from ..models import Committee, Ministry, Person


def ministry_by_code(session: Session, code: str) -> Ministry:
    """The ministry with this code (case-insensitive: 'bzk' finds BZK)."""
    ministry = session.exec(select(Ministry).where(func.lower(Ministry.code) == code.strip().lower())).first()
    if ministry is None:
        known = ", ".join(session.exec(select(Ministry.code).order_by(Ministry.code)).all())
        raise NotFound(f"onbekend ministerie '{code}'" + (f"; bekend: {known}" if known else ""))
    return ministry


def ministries_by_name(session: Session) -> dict:
    """Every ministry (its id and code) under its lower-case code and its lower-case name: what lists,
    letters and open data call it ("bzk", "binnenlandse zaken en koninkrijksrelaties")."""
    found = {}
    for row in session.execute(select(Ministry.id, Ministry.code, Ministry.name)):
        found[row.code.lower()] = found[row.name.lower()] = row
    return found


def person_named(session: Session, name: str, create: bool = False) -> Person | None:
    """The person with exactly this name; created when asked and absent."""
    person = session.exec(select(Person).where(Person.name == name.strip())).first()
    if person is None and create:
        person = Person(name=name.strip())
        session.add(person)
        session.flush()
    return person


def committee_named(session: Session, chamber: str, name: str) -> Committee | None:
    """A committee by its name or abbreviation in a chamber."""
    wanted = name.strip().lower()
    return session.exec(select(Committee).where(
        Committee.chamber == chamber,
        (func.lower(Committee.name) == wanted) | (func.lower(Committee.abbreviation) == wanted))).first()


def ministry_code(session: Session, ministry_id: int | None) -> str | None:
    """The code of a ministry by id (None for none): for messages that name it."""
    if ministry_id is None:
        return None
    ministry = session.get(Ministry, ministry_id)
    return ministry.code if ministry else None
