"""`tracker generate`: realistic synthetic items for benchmarks and volume tests.

Fast path: items are built in memory and their deadline history is computed by the same pure
rules the services use (tracker.domain.deadlines), then written with bulk INSERTs in chunks.
Shapes follow the domain: most written questions are answered late (60 % in 2023), about a
third get an uitstelbericht, toezeggingen carry vague phrases, motions are mostly adopted.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from . import clock
from .domain.deadlines import DelayFact, ItemFacts, schedule
from .domain.dossiers import dossier_in_use
from .domain.dutch import parse_term
from .domain.workflow import workflow_for
from .search import index as search_index
from .models import AuditEvent, DeadlinePeriod, DelayNotice, Ministry, TrackedItem, utcnow
from .services.schedule import load_calendar, period_rows

FRACTIES = ["VVD", "PVV", "GroenLinks-PvdA", "NSC", "D66", "BBB", "CDA", "SP", "DENK", "PvdD", "ChristenUnie",
            "SGP", "FVD", "Volt", "JA21"]
SURNAMES = ["De Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder", "De Groot", "Bos",
            "Vos", "Peters", "Hendriks", "Van Dijk", "Dekker", "Brouwer", "El Abassi", "Yilmaz", "Kaya", "Van Leeuwen"]
TOPICS = ["stikstofuitstoot bij natuurgebieden", "wachttijden in de jeugdzorg", "de woningbouwopgave",
          "cyberveiligheid bij gemeenten", "het lerarentekort", "de asielinstroom", "energiearmoede",
          "diversiteit binnen de Rijksoverheid", "de toeslagenaffaire", "laaggeletterdheid", "de Nedersaksische grens",
          "mijnbouwschade in Groningen", "de kosten van kinderopvang", "privacy bij algoritmen", "wolven in Drenthe"]
PHRASES = ["voor de zomer", "voor het kerstreces", "in het eerste kwartaal", "in de tweede helft van het jaar",
           "dit najaar", "in het voorjaar", "binnen zes weken", "einde van het jaar", "binnen drie maanden",
           "voor de begrotingsbehandeling", None]
CHUNK = 5000


def _phrase(rng: random.Random, start: date) -> str | None:
    phrase = rng.choice(PHRASES)
    if phrase and rng.random() < 0.5 and "binnen" not in phrase and "begroting" not in phrase:
        phrase = f"{phrase} {start.year + rng.choice((0, 1))}"
    return phrase


def _question(rng, number, start, ministry_id, today):
    kind = "kamervragen" if rng.random() < 0.75 else "commissiebrief"
    chamber = "TK" if kind == "kamervragen" or rng.random() < 0.5 else "EK"
    fractie, member = rng.choice(FRACTIES), rng.choice(SURNAMES)
    title = (f"Vragen van het lid {member} ({fractie}) over {item_topic(rng)}" if kind == "kamervragen"
             else f"Commissiebrief over {item_topic(rng)}")
    item = dict(kind=kind, chamber=chamber, ministry_id=ministry_id, start_date=start, fracties=fractie,
                members=member, term="4 weken" if kind == "commissiebrief" else None,
                nummer=f"{start.year}Z{number:05d}" if kind == "kamervragen" else f"{number:06d}.01U", title=title)
    delays = []
    if rng.random() < 0.35:
        delays.append(DelayFact(start + timedelta(days=rng.choice((14, 18, 20, 21, 21, 25, 30)))))
    answered = start + timedelta(days=int(rng.triangular(7, 220, 35)))
    if answered > today or rng.random() < 0.03:
        answered = None
    status = "beantwoord" if answered else ("uitstel_gemeld" if delays and delays[0].sent_on <= today else "in_behandeling")
    return item, delays, answered, status


def item_topic(rng) -> str:
    return rng.choice(TOPICS)


def _submitters(rng) -> tuple[str, str]:
    """One to three indieners of a motie, each with a fractie: ("De Vries, Bakker", "VVD, CDA")."""
    who = rng.sample(SURNAMES, rng.choice((1, 1, 2, 2, 3)))
    return ", ".join(who), ", ".join(dict.fromkeys(rng.choice(FRACTIES) for _ in who))


def _motion_title(members: str, topic: str) -> str:
    names = members.split(", ")
    who = (f"het lid {names[0]}" if len(names) == 1
           else "de leden " + ", ".join(names[:-1]) + f" en {names[-1]}")
    return f"Motie van {who} over {topic}"


def _commitment(rng, number, start, ministry_id, today):
    kind = "toezegging" if rng.random() < 0.7 else "motie"
    chamber = "TK" if rng.random() < 0.7 else "EK"
    phrase = _phrase(rng, start)
    if kind == "motie":
        # indieners, and a dossier that was open when the motie was voted on (at most two years old)
        members, fracties = _submitters(rng)
        newest = dossier_in_use(start)
        dossier = rng.randint(dossier_in_use(start - timedelta(days=2 * 365)), newest)
        nummer, title = f"{dossier}, nr. {number % 97 + 1}", _motion_title(members, item_topic(rng))
    else:
        members, fracties = rng.choice(SURNAMES), rng.choice(FRACTIES)
        nummer, title = f"T{number:06d}", f"Toezegging over {item_topic(rng)}"
    item = dict(kind=kind, chamber=chamber, ministry_id=ministry_id, start_date=start, deadline_phrase=phrase,
                fracties=fracties, members=members, nummer=nummer, title=title)
    done = start + timedelta(days=int(rng.triangular(30, 900, 200)))
    if done > today or rng.random() < 0.2:
        done = None
    if kind == "toezegging":
        status = "voldaan" if done else rng.choice(("openstaand", "openstaand", "deels_voldaan"))
    else:
        status = "afgedaan" if done else rng.choice(("aangenomen", "in_uitvoering", "in_uitvoering"))
    return item, [], done, status


def generate(engine: Engine, count: int, seed: int = 2024, today: date | None = None) -> int:
    """Insert `count` synthetic items (with deadline history and a creation audit event).

    The register is drawn up to `today` (default: the real today); the same seed and day give the same items."""
    rng = random.Random(seed)
    today = today or clock.today()
    with Session(engine) as session:
        ministries = list(session.execute(select(Ministry.id)).scalars())
        if not ministries:
            raise ValueError("geen ministeries; laad eerst de demodata (tracker load-demo)")
        calendar = load_calendar(session)
        next_id = (session.execute(select(func.max(TrackedItem.id))).scalar() or 0) + 1
        offset = session.execute(select(func.count()).select_from(TrackedItem)).scalar() or 0
        # generated numbers follow the real patterns, so one may equal a registered item's (the demo's
        # Kamervraag 2023Z12033): such a one gets a suffix instead of breaking the unique key
        keys = select(TrackedItem.chamber, TrackedItem.kind, TrackedItem.nummer)
        taken = {tuple(row) for row in session.execute(keys)}
    first_day = date(2019, 1, 1)
    span = (today - first_day).days
    made = 0
    while made < count:
        batch = min(CHUNK, count - made)
        items, periods, delays, audits = [], [], [], []
        now = utcnow()
        for n in range(batch):
            number = offset + made + n + 1
            start = first_day + timedelta(days=rng.randrange(span))
            ministry_id = rng.choice(ministries)
            maker = _question if rng.random() < 0.6 else _commitment
            row, delay_facts, closed_on, status = maker(rng, number, start, ministry_id, today)
            if row["kind"] == "motie":
                # a motie's number is drawn, so it may be taken: the next nr. in the same dossier
                dossier, _, nr = row["nummer"].partition(", nr. ")
                while (row["chamber"], "motie", row["nummer"]) in taken:
                    nr = str(int(nr) + 1)
                    row["nummer"] = f"{dossier}, nr. {nr}"
                taken.add((row["chamber"], "motie", row["nummer"]))
            elif (row["chamber"], row["kind"], row["nummer"]) in taken:
                row["nummer"] = f"{row['nummer']} (gegenereerd)"
            closed_kind = workflow_for(row["kind"]).closed_kind(status)
            facts = ItemFacts(kind=row["kind"], chamber=row["chamber"], start=start,
                              term=parse_term(row["term"]) if row.get("term") else None,
                              deadline_phrase=row.get("deadline_phrase"), delays=tuple(delay_facts),
                              closed_on=closed_on, closed_kind=closed_kind)
            plan = schedule(facts, calendar=calendar)
            item_id = next_id
            next_id += 1
            current = plan.current
            items.append(dict(id=item_id, status=status, closed_on=closed_on, closed_kind=closed_kind,
                              due_date=current.due if current else None, due_rule=current.rule if current else None,
                              due_explanation=current.explanation if current else None, due_problem=plan.problem,
                              source="generated", version=1, created_at=now, updated_at=now,
                              text=None, deadline_date=None, stand_van_zaken=None, vote_result=None,
                              kabinetsappreciatie=None, activity=None, committee_id=None, bewindspersoon_id=None,
                              external_id=None, archived_at=None, **{"term": None, "deadline_phrase": None, **row}))
            periods += period_rows(item_id, plan, closed_on)
            for delay in delay_facts:
                delays.append(dict(item_id=item_id, sent_on=delay.sent_on, reason="gegenereerd",
                                   promised_date=None, document_id=None, created_by="generate", created_at=now))
            audits.append(dict(item_id=item_id, at=now, actor="generate", action="aangemaakt",
                               new=f"{row['kind']} {row['nummer']}", note="gegenereerd"))
        with engine.begin() as connection:
            connection.execute(insert(TrackedItem), items)
            if periods:
                connection.execute(insert(DeadlinePeriod), periods)
            if delays:
                connection.execute(insert(DelayNotice), delays)
            connection.execute(insert(AuditEvent), audits)
            search_index.refresh(connection, [row["id"] for row in items])
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT setval(pg_get_serial_sequence('tracked_item', 'id'), "
                                        "(SELECT max(id) FROM tracked_item))"))
        made += batch
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))  # fresh planner statistics after a bulk load
    return made
