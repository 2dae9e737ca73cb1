"""The demo's present, relative to the day it is loaded: who is in office, the recesses, who works on what.

The papers in seeds/demo.toml end in 2025; on their own, nobody is in office today (every letter would get a
placeholder signature), no recess is known for this year ("voor de zomer" would fall back to the rule book's
standard dates) and each ministry has one officer (no colleague to hand an item to). `tracker load-demo` therefore
adds, for the ministries the demo's week is about:

- fictitious bewindspersonen, "(fictief)" in their name so no letter is mistaken for a real one, in office from a
  year before the load day with no end, so the demo stays true on any later day;
- the recesses of both chambers for this and the next vergaderjaar (and the previous one), modelled on the recent rosters (TK: a Friday to
  a Monday; EK: from the Tuesday after; their zomerreces a week later). Made-up dates, not the Kamers' rosters;
- two officers per ministry, with a full name and a directorate.

Idempotent like the rest of the demo: persons, positions, recesses and users are found by their natural keys.
"""
from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import Session, select
from werkzeug.security import generate_password_hash

from .models import Position, Recess, User
from .services import reference

# the ministries of the demo's current week (tracker.demo_week) and of its officers
DEMO_MINISTRIES = ("BZK", "OCW", "JenV", "VWS")
CABINET = {
    "BZK": [("Marleen Verhoef (fictief)", "minister van Binnenlandse Zaken en Koninkrijksrelaties"),
            ("Joris Hazelaar (fictief)", "staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties")],
    "OCW": [("Sanne Brinkhorst (fictief)", "minister van Onderwijs, Cultuur en Wetenschap")],
    "JenV": [("Pieter Oudegeest (fictief)", "minister van Justitie en Veiligheid")],
    "VWS": [("Noor Kalverda (fictief)", "minister van Volksgezondheid, Welzijn en Sport")],
}
# username, full name, directorate, ministry (bzk and ocw come from demo.toml; here they get their names)
OFFICERS = [
    ("bzk", "Bram Zijlstra", "DG Openbaar Bestuur en Democratische Rechtsstaat", "BZK"),
    ("bzk2", "Fatima El Idrissi", "DG Digitalisering en Overheidsorganisatie", "BZK"),
    ("ocw", "Lotte van Dam", "Directie Emancipatie", "OCW"),
    ("ocw2", "Ruben Haddou", "DG Primair en Voortgezet Onderwijs", "OCW"),
    ("jenv", "Sander Mulder", "DG Straffen en Beschermen", "JenV"),
    ("jenv2", "Ilse Kok", "DG Rechtspleging en Rechtshandhaving", "JenV"),
    ("vws", "Hanna Groen", "DG Curatieve Zorg", "VWS"),
    ("vws2", "Yusuf Demir", "DG Langdurige Zorg", "VWS"),
]
EMAIL_DOMAIN = {"BZK": "minbzk.example", "OCW": "minocw.example", "JenV": "minjenv.example", "VWS": "minvws.example"}


def prinsjesdag(year: int) -> date:
    """The third Tuesday of September: the vergaderjaar begins."""
    first = date(year, 9, 1)
    return first + timedelta(days=(1 - first.weekday()) % 7 + 14)


def vergaderjaar_of(day: date) -> int:
    """The year the vergaderjaar that holds this day began in (2026 for 2026–2027)."""
    return day.year if day >= prinsjesdag(day.year) else day.year - 1


def _friday_of_week(year: int, week: int) -> date:
    return date.fromisocalendar(year, week, 5)


def tk_recesses(year: int) -> list[tuple[str, date, date]]:
    """The Tweede Kamer's recesses of the vergaderjaar beginning in `year`: Friday to Monday, as recent rosters."""
    kerst = next(date(year, 12, d) for d in range(16, 23) if date(year, 12, d).weekday() == 4)
    koningsdag = date(year + 1, 4, 26 if date(year + 1, 4, 27).weekday() == 6 else 27)
    mei = next(koningsdag - timedelta(days=d) for d in range(1, 8) if (koningsdag - timedelta(days=d)).weekday() == 4)
    zomer = next(date(year + 1, 7, d) for d in range(1, 8) if date(year + 1, 7, d).weekday() == 4)
    return [("herfstreces", _friday_of_week(year, 42), _friday_of_week(year, 42) + timedelta(days=10)),
            ("kerstreces", kerst, kerst + timedelta(days=24)),
            ("voorjaarsreces", _friday_of_week(year + 1, 7), _friday_of_week(year + 1, 7) + timedelta(days=10)),
            ("meireces", mei, mei + timedelta(days=17)),
            ("zomerreces", zomer, zomer + timedelta(days=59))]


def ek_recesses(year: int) -> list[tuple[str, date, date]]:
    """The Eerste Kamer (meets on Tuesdays): from the Tuesday after the TK's Friday; its zomerreces a week later."""
    rows = []
    for name, start, end in tk_recesses(year):
        later = 7 if name == "zomerreces" else 0
        rows.append((name, start + timedelta(days=4 + later), end + timedelta(days=later)))
    return rows


def recesses_around(today: date) -> list[Recess]:
    """Both chambers' recesses of this and the next vergaderjaar, and of the previous one: the week's items go back
    five months, into its zomerreces."""
    first = vergaderjaar_of(today)
    return [Recess(chamber=chamber, name=name, start=start, end=end)
            for year in (first - 1, first, first + 1)
            for chamber, rows in (("TK", tk_recesses(year)), ("EK", ek_recesses(year)))
            for name, start, end in rows]


def took_office(today: date) -> date:
    """The demo cabinet's first day: a Monday about a year before the load day."""
    day = today - timedelta(days=365)
    return day - timedelta(days=day.weekday())


def minister_of(code: str) -> str:
    """The fictitious minister of a demo ministry (the first of its bewindspersonen)."""
    return CABINET[code][0][0]


def load_present(session: Session, today: date, password_hash: str | None = None) -> dict[str, int]:
    """Add what is missing; returns how many of each were made."""
    made = {"bewindspersonen": 0, "recessen": 0, "gebruikers": 0}
    for code, people in CABINET.items():
        ministry = reference.ministry_by_code(session, code)
        for name, function in people:
            person = reference.person_named(session, name, create=True)
            known = session.exec(select(Position).where(Position.person_id == person.id,
                                                        Position.role == "bewindspersoon",
                                                        Position.ministry_id == ministry.id)).first()
            if known is None:
                session.add(Position(person_id=person.id, role="bewindspersoon", ministry_id=ministry.id,
                                     function=function, start=took_office(today)))
                made["bewindspersonen"] += 1
    for recess in recesses_around(today):
        if session.exec(select(Recess).where(Recess.chamber == recess.chamber, Recess.name == recess.name,
                                             Recess.start == recess.start)).first() is None:
            session.add(recess)
            made["recessen"] += 1
    for username, full_name, directorate, code in OFFICERS:
        user = session.exec(select(User).where(User.username == username)).first()
        if user is None:
            from .demo import DEMO_PASSWORD
            user = User(username=username, role="officer", ministry_id=reference.ministry_by_code(session, code).id,
                        email=f"{username}@{EMAIL_DOMAIN[code]}",
                        password_hash=password_hash or generate_password_hash(DEMO_PASSWORD))
            session.add(user)
            made["gebruikers"] += 1
        if not user.full_name:  # a name someone gave in Mijn instellingen stays
            user.full_name, user.directorate = full_name, directorate
    session.flush()
    return made
