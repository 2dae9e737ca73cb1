"""The demo's current workload: what a working week looks like, dated relative to the day it is loaded.

The curated demo (seeds/demo.toml) holds the real papers of 2020–2025; on its own, every item in it is years
late or long closed. `tracker load-demo` therefore adds these made-up items: Kamervragen in their first three
weeks, some with an uitstelbericht, a few late by days or weeks; commissiebrieven; moties and toezeggingen
due this quarter; and answered questions with realistic response times, so Overzicht, Te laat, the agenda
and the charts show a week at a ministry.

Made-up, and marked so (source "demo-week", titles about invented subjects). Deterministic for a given day
(the random generator is seeded with it) and idempotent: the numbers are fixed per year ("2026Z90001"), so
a second load finds them and adds nothing.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session

from . import authz
from .domain.calendar import RecessCalendar
from .services import items as item_service

ACTOR = authz.system("demo")
SOURCE = "demo-week"
SUBJECTS = ["wachttijden bij de IND", "de inzet van algoritmen bij gemeenten", "het lerarentekort in het primair "
            "onderwijs", "de bereikbaarheid van huisartsen op het platteland", "de huurtoeslag voor studenten",
            "cyberveiligheid van waterschappen", "het aantal vrouwen in de top van de Rijksdienst", "laaggeletterdheid",
            "de digitale toegankelijkheid van overheidswebsites", "de bescherming van klokkenluiders",
            "de kosten van de verkiezingen", "de vernieuwing van het inburgeringsstelsel"]
MEMBERS = [("Kops", "PVV"), ("Van Baarle", "DENK"), ("Bikker", "ChristenUnie"), ("Dassen", "Volt"),
           ("Chakor", "GroenLinks-PvdA"), ("Van der Werf", "D66"), ("Erkens", "VVD"), ("Vijlbrief", "D66"),
           ("Dijk", "SP"), ("Kostić", "PvdD"), ("Bontenbal", "CDA"), ("Vermeer", "BBB")]
MINISTRIES = ["BZK", "BZK", "BZK", "OCW", "OCW", "OCW", "JenV", "VWS"]


@dataclass
class Planned:
    data: item_service.ItemInput
    delay: date | None = None
    promised: date | None = None
    answered: date | None = None
    status: str | None = None


def plan(today: date) -> list[Planned]:
    """The week's items for this day: the same list every time for the same day."""
    rng = random.Random(today.toordinal())
    year, planned, n = today.year, [], 0

    def question(days_ago: int, **kwargs) -> Planned:
        nonlocal n
        n += 1
        member, fractie = rng.choice(MEMBERS)
        subject = rng.choice(SUBJECTS)
        data = item_service.ItemInput(
            kind="kamervragen", chamber="TK", nummer=f"{year}Z9{n:04d}", title=f"Vragen van het lid {member} "
            f"({fractie}) over {subject}", ministry_code=rng.choice(MINISTRIES), members=member, fracties=fractie,
            start_date=today - timedelta(days=days_ago), source=SOURCE)
        return Planned(data, **kwargs)

    # in their first three weeks: nothing is due yet
    for days_ago in (1, 3, 6, 9, 13, 16):
        planned.append(question(days_ago))
    # at or past three weeks, with an uitstelbericht sent in time: due six weeks after the question
    for days_ago in (19, 24, 33):
        planned.append(question(days_ago, delay=today - timedelta(days=days_ago - 19)))
    # late: three weeks passed without an answer or an uitstelbericht
    for days_ago in (23, 26, 40, 58):
        planned.append(question(days_ago))
    # answered, with the response times the Kamer sees (most within six weeks, some later)
    for days_ago, took in ((35, 14), (48, 20), (62, 27), (75, 41), (90, 52), (110, 70), (130, 19), (150, 33)):
        planned.append(question(days_ago, answered=today - timedelta(days=days_ago - took)))

    def other(kind: str, chamber: str, nummer: str, title: str, days_ago: int, **kwargs) -> Planned:
        extra = {k: kwargs.pop(k) for k in list(kwargs) if k in ("term", "deadline_phrase", "deadline_date",
                                                                 "committee", "activity")}
        data = item_service.ItemInput(kind=kind, chamber=chamber, nummer=nummer, title=title,
                                      ministry_code=kwargs.pop("ministry", "BZK"), source=SOURCE,
                                      start_date=today - timedelta(days=days_ago), **extra)
        return Planned(data, **kwargs)

    quarter_end = date(year + (today.month > 9), ((today.month - 1) // 3 * 3 + 3) % 12 + 1, 1) - timedelta(days=1)
    planned += [
        other("commissiebrief", "EK", f"{year % 100}9001.01U", "Vragen over de verkiezingskosten van gemeenten",
              12, term="4 weken", committee="BiZa"),
        other("commissiebrief", "EK", f"{year % 100}9002.01U", "Nadere vragen over de inzet van algoritmen", 27,
              term="4 weken", committee="BiZa", delay=today - timedelta(days=1)),
        other("commissiebrief", "TK", f"{year}Z9501", "Schriftelijk overleg over het inburgeringsstelsel", 34,
              term="4 weken", ministry="OCW"),
        other("motie", "TK", f"36{year % 100}9, nr. 11", "Motie over digitale toegankelijkheid van "
              "overheidswebsites", 45, deadline_date=today + timedelta(days=9), status="in_uitvoering"),
        other("motie", "TK", f"36{year % 100}9, nr. 14", "Motie over een meldpunt voor klokkenluiders", 60,
              deadline_date=quarter_end, status="in_uitvoering", ministry="OCW"),
        other("toezegging", "TK", f"T{year % 100}901", "De Kamer informeren over de aanpak van het lerarentekort",
              70, deadline_date=today + timedelta(days=4), ministry="OCW", activity="commissiedebat"),
        other("toezegging", "TK", f"T{year % 100}902", "Een evaluatie van de Wet open overheid sturen", 120,
              deadline_date=today - timedelta(days=6), activity="plenair debat"),
        other("toezegging", "EK", f"T{year % 100}903", "Een brief over de vernieuwing van het inburgeringsstelsel",
              80, deadline_date=quarter_end, activity="plenaire vergadering", committee="BiZa"),
    ]
    return planned


def load_week(session: Session, today: date, calendar: RecessCalendar) -> int:
    """Add the week's items that are not there yet; returns how many were made."""
    made = 0
    for entry in plan(today):
        data = entry.data
        if item_service.find_item(session, data.chamber, data.kind, data.nummer) is not None:
            continue
        if data.committee and item_service.reference.committee_named(session, data.chamber, data.committee) is None:
            data.committee = None  # a demo file without that committee: the item without it
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
            item_service.walk_to_status(session, item, entry.status, ACTOR, note="demodata", calendar=calendar)
        made += 1
    return made
