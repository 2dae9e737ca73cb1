"""The demo's current workload: what a working week looks like, dated relative to the day it is loaded.

The curated demo (seeds/demo.toml) holds the real papers of 2020–2025; on its own, every item in it is years
late or long closed. `tracker load-demo` therefore adds these made-up items: Kamervragen in their first three
weeks, some with an uitstelbericht, a few late by days or weeks; commissiebrieven; moties and toezeggingen
due this quarter; and answered questions with realistic response times, so Overzicht, Te laat, the agenda
and the charts show a week at a ministry. Each subject belongs to the ministry that answers it; questions and
letters are dated on working days, debates and votes on the chamber's sitting days outside its recesses; moties
carry indieners and a dossier number of their time (tracker.domain.dossiers); open items are shared out between
the ministry's two demo officers (tracker.demo_present), when those are loaded.

Made-up, and marked so (source "demo-week", titles about invented subjects). Deterministic for a given day
(the random generator is seeded with it) and idempotent: the numbers are fixed per year ("2026Z90001"), so
a second load finds them and adds nothing.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, select

from . import authz
from .domain.calendar import RecessCalendar, is_working_day
from .demo_present import CABINET, OFFICERS
from .domain.dossiers import dossier_in_use
from .models import User
from .services import items as item_service

ACTOR = authz.system("demo")
SOURCE = "demo-week"
# subjects that belong to the ministry that answers them
SUBJECTS = {
    "BZK": ["de inzet van algoritmen bij gemeenten", "het aantal vrouwen in de top van de Rijksdienst",
            "de digitale toegankelijkheid van overheidswebsites", "de bescherming van klokkenluiders",
            "de kosten van de verkiezingen", "de informatiebeveiliging van gemeenten"],
    "OCW": ["het lerarentekort in het primair onderwijs", "laaggeletterdheid", "de basisbeurs voor studenten",
            "sociale veiligheid op scholen", "de toegankelijkheid van musea"],
    "JenV": ["de wachttijden bij de rechtspraak", "het personeelstekort in het gevangeniswezen",
             "online oplichting van ouderen"],
    "VWS": ["de bereikbaarheid van huisartsen op het platteland", "de wachttijden in de jeugdzorg",
            "het personeelstekort in de ouderenzorg"],
}
MEMBERS = [("Kops", "PVV"), ("Van Baarle", "DENK"), ("Bikker", "ChristenUnie"), ("Dassen", "Volt"),
           ("Chakor", "GroenLinks-PvdA"), ("Van der Werf", "D66"), ("Erkens", "VVD"), ("Vijlbrief", "D66"),
           ("Dijk", "SP"), ("Kostić", "PvdD"), ("Bontenbal", "CDA"), ("Vermeer", "BBB")]
MINISTRIES = ["BZK", "BZK", "BZK", "OCW", "OCW", "OCW", "JenV", "VWS"]
# the Tweede Kamer debates and votes Tuesday to Thursday, the Eerste Kamer meets on Tuesday
SITTING_DAYS = {"TK": (1, 2, 3), "EK": (1,)}


def working_day_by(day: date) -> date:
    """The last working day on or before day (a question is not registered on a Sunday)."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def sitting_day_by(day: date, chamber: str, calendar: RecessCalendar) -> date:
    """The last day on or before day the chamber could sit: its weekday, no holiday, no recess."""
    while (day.weekday() not in SITTING_DAYS[chamber] or not is_working_day(day)
           or calendar.containing(chamber, day)):
        day -= timedelta(days=1)
    return day


@dataclass
class Planned:
    data: item_service.ItemInput
    delay: date | None = None
    promised: date | None = None
    answered: date | None = None
    status: str | None = None


def plan(today: date, calendar: RecessCalendar | None = None) -> list[Planned]:
    """The week's items for this day: the same list every time for the same day (and recesses).

    Questions are dated on working days, debates, votes and plenary sessions on the chamber's sitting days outside
    its recesses; each subject belongs to the ministry that answers it."""
    rng = random.Random(today.toordinal())
    calendar = calendar or RecessCalendar()
    year, planned, n = today.year, [], 0

    def question(days_ago: int, answer_after: int | None = None, delay_after: int | None = None) -> Planned:
        nonlocal n
        n += 1
        member, fractie = rng.choice(MEMBERS)
        ministry = rng.choice(MINISTRIES)
        subject = rng.choice(SUBJECTS[ministry])
        start = working_day_by(today - timedelta(days=days_ago))
        data = item_service.ItemInput(
            kind="kamervragen", chamber="TK", nummer=f"{year}Z9{n:04d}", title=f"Vragen van het lid {member} "
            f"({fractie}) over {subject}", ministry_code=ministry, members=member, fracties=fractie,
            start_date=start, source=SOURCE)
        delay = working_day_by(start + timedelta(days=delay_after)) if delay_after is not None else None
        answered = min(today, working_day_by(start + timedelta(days=answer_after))) if answer_after else None
        return Planned(data, delay=delay, answered=answered)

    # in their first three weeks: nothing is due yet
    for days_ago in (1, 3, 6, 9, 13, 16):
        planned.append(question(days_ago))
    # at or past three weeks, with an uitstelbericht sent in time: due six weeks after the question
    for days_ago in (19, 24, 33):
        planned.append(question(days_ago, delay_after=19))
    # late: three weeks passed without an answer or an uitstelbericht
    for days_ago in (23, 26, 40, 58):
        planned.append(question(days_ago))
    # answered, with the response times the Kamer sees (most within six weeks, some later)
    for days_ago, took in ((35, 14), (48, 20), (62, 27), (75, 41), (90, 52), (110, 70), (130, 19), (150, 33)):
        planned.append(question(days_ago, answer_after=took))

    def other(kind: str, chamber: str, nummer: str, title: str, days_ago: int, **kwargs) -> Planned:
        extra = {k: kwargs.pop(k) for k in list(kwargs) if k in ("term", "deadline_phrase", "deadline_date",
                                                                 "committee", "activity", "members", "fracties",
                                                                 "stand_van_zaken")}
        ministry = kwargs.pop("ministry", "BZK")
        day = today - timedelta(days=days_ago)
        # made in a debate or a vote: a day the chamber sits; a letter: a working day
        start = sitting_day_by(day, chamber, calendar) if kind in ("motie", "toezegging") else working_day_by(day)
        if extra.get("stand_van_zaken"):  # written last week
            extra["stand_on"] = max(start, working_day_by(today - timedelta(days=7)))
        data = item_service.ItemInput(kind=kind, chamber=chamber, nummer=nummer, title=title, ministry_code=ministry,
                                      source=SOURCE, start_date=start, **extra)
        return Planned(data, **kwargs)

    quarter_end = date(year + (today.month > 9), ((today.month - 1) // 3 * 3 + 3) % 12 + 1, 1) - timedelta(days=1)
    # the moties' dossier: one opened well before they were voted on (both within the last 60 days), fixed per year
    # so a load on another day of the year finds them
    dossier = dossier_in_use(date(year - 1, 9, 1))
    planned += [
        other("commissiebrief", "EK", f"{year % 100}9001.01U", "Vragen over de verkiezingskosten van gemeenten",
              12, term="4 weken", committee="BiZa"),
        other("commissiebrief", "EK", f"{year % 100}9002.01U", "Nadere vragen over de inzet van algoritmen", 27,
              term="4 weken", committee="BiZa", delay=working_day_by(today - timedelta(days=1))),
        other("commissiebrief", "TK", f"{year}Z9501", "Schriftelijk overleg over sociale veiligheid op scholen", 34,
              term="4 weken", ministry="OCW", committee="OCW"),
        other("motie", "TK", f"{dossier}, nr. 11", "Motie van het lid Dassen over de digitale toegankelijkheid van "
              "overheidswebsites", 45, deadline_date=today + timedelta(days=9), status="in_uitvoering",
              members="Dassen", fracties="Volt", stand_van_zaken="De toegankelijkheidsverklaringen van de "
              "ministeries worden geïnventariseerd; de Kamer ontvangt de uitkomst met de volgende voortgangsbrief."),
        other("motie", "TK", f"{dossier}, nr. 14", "Motie van de leden Bikker en Chakor over een meldpunt voor "
              "ongewenst gedrag in de cultuursector", 60, deadline_date=quarter_end, status="in_uitvoering",
              ministry="OCW", members="Bikker, Chakor", fracties="ChristenUnie, GroenLinks-PvdA",
              stand_van_zaken="Met de sectorraden wordt verkend waar het meldpunt kan worden ondergebracht."),
        other("toezegging", "TK", f"T{year % 100}901", "De Kamer informeren over de aanpak van het lerarentekort",
              70, deadline_date=today + timedelta(days=4), ministry="OCW", activity="commissiedebat",
              stand_van_zaken="De brief is in voorbereiding en wordt afgestemd met de PO-Raad."),
        other("toezegging", "TK", f"T{year % 100}902", "Een evaluatie van de Wet open overheid sturen", 120,
              deadline_date=today - timedelta(days=6), activity="plenair debat"),
        other("toezegging", "EK", f"T{year % 100}903", "Een brief over de positie van gemeenteraadsleden",
              80, deadline_date=quarter_end, activity="plenaire vergadering", committee="BiZa"),
        other("toezegging", "TK", f"T{year % 100}904", "Een kabinetsreactie op het advies over de "
              "huisartsenzorg in krimpregio's", 40, deadline_phrase="voor de zomer", ministry="VWS",
              activity="commissiedebat"),
    ]
    return planned


def load_week(session: Session, today: date, calendar: RecessCalendar) -> int:
    """Add the week's items that are not there yet; returns how many were made."""
    made = 0
    colleagues = {}  # the ministry's two demo officers, when tracker.demo_present has loaded them
    for username, _, _, code in OFFICERS:
        if session.exec(select(User).where(User.username == username)).first() is not None:
            colleagues.setdefault(code, []).append(username)
    colleagues = {code: names for code, names in colleagues.items() if len(names) == 2}
    for entry in plan(today, calendar):
        data = entry.data
        if item_service.find_item(session, data.chamber, data.kind, data.nummer) is not None:
            continue
        if data.committee and item_service.reference.committee_named(session, data.chamber, data.committee) is None:
            data.committee = None  # a demo file without that committee: the item without it
        if data.kind == "toezegging" and data.ministry_code in CABINET:
            minister = CABINET[data.ministry_code][0][0]  # who promised it, when the demo's cabinet is loaded
            if item_service.reference.person_named(session, minister) is not None:
                data.bewindspersoon = minister
        if data.ministry_code in colleagues and not entry.answered and made % 3 != 2:
            data.behandelaar = colleagues[data.ministry_code][made % 3]  # two of three open items have a behandelaar
        item = item_service.create_item(session, data, ACTOR, calendar)
        if data.kind == "motie":
            item_service.walk_to_status(session, item, "aangenomen", ACTOR, on=data.start_date, note="demodata",
                                        calendar=calendar)
        if entry.delay:
            item_service.record_delay(session, item, entry.delay, ACTOR, reason="interdepartementale afstemming",
                                      promised=entry.promised, calendar=calendar)
        if entry.answered:
            item_service.record_answer(session, item, entry.answered, ACTOR,
                                       document_title=f"Antwoord op {data.nummer}", calendar=calendar)
        elif entry.status and item.status != entry.status:
            # a fortnight after the vote or the promise, as the ministry took it up
            item_service.walk_to_status(session, item, entry.status, ACTOR, note="demodata", calendar=calendar,
                                        on=min(today, working_day_by(data.start_date + timedelta(days=14))))
        made += 1
    return made
