"""Fuzzing the text rule (issue 22): random text with control characters through every door — the form, the API, the
import, an intake paper — is either refused with the field named, or stored clean; afterwards every output (XLSX,
CSV, Atom, ICS, notify, the terminal) still works, also with text stored before the rule. Bounded: FUZZ_EXAMPLES."""
from __future__ import annotations

import csv
import io
import itertools
import os
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from openpyxl import load_workbook
from sqlmodel import select

from tracker import clock, db, text_hygiene
from tracker.authz import system
from tracker.cli import main
from tracker.errors import ValidationError
from tracker.importer import import_file
from tracker.intake.proposal import propose
from tracker.models import Ministry, TrackedItem
from tracker.notify import Outbox, run
from tracker.services.items import MULTILINE

from .test_api import token_for
from .test_feeds import new_feed
from .test_intake import seed
from .test_text_hygiene import make_item, stored_before_the_rule

NOT_TEXT = list("\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\x80\x85\x9b\x9f\ufffe\uffff\ufdd0") + ["\U0010FFFF"]
BREAKS = list("\r\n\u2028\u2029")
SURROGATES = ["\ud800", "\udfff"]


def texts(extra=()):
    """Text a person, a script or a file could send: mostly ordinary, with control characters and line breaks."""
    return st.text(st.one_of(st.characters(blacklist_categories=("Cs",)), st.sampled_from(NOT_TEXT + BREAKS + list(extra))),
                   min_size=1, max_size=40).filter(lambda t: t.strip())


FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 40)), deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.filter_too_much])
numbers = itertools.count(1)
MONDAY = date(2026, 12, 7)  # "today" in this test: a digest day


def all_clean(engine) -> None:
    """Every text of every item is text by the rule (a long text may hold line breaks, the others not)."""
    with db.transaction(engine) as session:
        for item in session.exec(select(TrackedItem)).all():
            for name, value in vars(item).items():
                if isinstance(value, str):
                    assert text_hygiene.problem(value, multiline=name in MULTILINE | {"due_explanation",
                                                                                      "due_problem"}) is None, (name, value)


def test_random_text_through_every_door_is_refused_naming_the_field_or_stored_clean(app, demo, login_as, tmp_path,
                                                                                   monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: MONDAY)
    form_client = login_as("bzk")
    api_client = app.test_client()
    api_headers = {"Authorization": f"Bearer {token_for(demo, 'bzk')}"}
    with db.transaction(demo) as session:
        bzk = session.exec(select(Ministry.id).where(Ministry.code == "BZK")).one()

    @FUZZ
    @given(field=st.sampled_from(["nummer", "title", "text", "members", "stand_van_zaken", "deadline"]),
           value=texts())
    def form(field, value):
        data = {"kind": "kamervragen", "chamber": "TK", "nummer": f"2026Z8{next(numbers):04d}", "title": "Vragen",
                "ministry_id": bzk, "committee_id": 0, "behandelaar_id": 0, "start_date": "01-12-2026", field: value}
        response = form_client.post("/items/nieuw", data=data)
        assert response.status_code in (302, 400), response.status_code
        if response.status_code == 400 and text_hygiene.problem(value, multiline=field in MULTILINE):
            page = response.get_data(as_text=True)
            assert re.search(r"(Het veld &#39;\w+&#39; bevat|bevat een regelovergang)", page), page[-2000:]

    @FUZZ
    @given(field=st.sampled_from(["nummer", "titel", "tekst", "indieners", "stand_van_zaken", "thema", "deadline"]),
           value=texts(SURROGATES))
    def api(field, value):
        body = {"soort": "kamervragen", "kamer": "TK", "nummer": f"2026Z9{next(numbers):04d}", "titel": "Vragen",
                "ministerie": "BZK", "datum": "2026-12-01", field: value}
        response = api_client.post("/api/v1/items", json=body, headers=api_headers)
        assert response.status_code in (201, 400, 409, 422), (response.status_code, response.get_json())
        multiline = field in ("tekst", "stand_van_zaken")
        if text_hygiene.problem(value, multiline=multiline):
            assert response.status_code == 400 and field in {e["field"] for e in response.get_json()["errors"]}

    @FUZZ
    @given(column=st.sampled_from(["nummer", "titel", "tekst", "leden", "thema", "deadline"]), value=texts())
    def import_door(column, value):
        header = ["soort", "kamer", "nummer", "titel", "ministerie", "datum", "tekst", "leden", "thema", "deadline"]
        row = dict(zip(header, ["kamervragen", "TK", f"2026Z7{next(numbers):04d}", "Vragen", "BZK", "2026-12-01",
                                "", "", "", ""]))
        row[column] = value
        path = tmp_path / "fuzz.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([header, [row[name] for name in header]])
        try:
            with db.transaction(demo) as session:
                import_file(session, path, system("fuzz"))
        except ValidationError as error:
            if "\x00" in value:  # a NUL byte: the file is no text file at all (tracker.uploads), said of the file
                assert "binair bestand" in str(error)
            elif text_hygiene.problem(value.strip(), multiline=column == "tekst"):
                assert any(p.row == 2 and p.field == column for p in error.problems), error.problems

    paper = seed("004")

    @FUZZ
    @given(noise=texts(), at=st.integers(0, len(paper)))
    def intake(noise, at):
        proposal = propose(paper[:at] + noise + paper[at:])
        for found in [*proposal.items, *proposal.documents]:
            for value in vars(found).values():
                assert not isinstance(value, str) or text_hygiene.is_clean(value), value

    for door in (form, api, import_door, intake):
        door()
    all_clean(demo)

    # text stored before the rule, then every output
    nasty = "".join(c for c in NOT_TEXT if c != "\x00" or demo.dialect.name == "sqlite") + "\r\n\u2028"
    item_id = make_item(demo, "2026Z69999", start=clock.today() - timedelta(days=40))
    stored_before_the_rule(demo, item_id, title=f"titel{nasty}", nummer=f"2026Z69999{nasty}", text=f"tekst{nasty}",
                           members=nasty)
    griffie = login_as("griffie")
    xlsx = griffie.get("/kamervragen?stand=alle&formaat=xlsx")
    assert xlsx.status_code == 200 and load_workbook(io.BytesIO(xlsx.data)).active.max_row > 2
    csv_export = griffie.get("/kamervragen?stand=alle&formaat=csv").get_data(as_text=True)
    assert "\x1b" not in csv_export and "titel" in csv_export
    made = griffie.post("/feeds", data={"pagina": "kamervragen", "filter": "stand=alle"}).get_data(as_text=True)
    atom = app.test_client().get(re.search(r'id="new-feed" readonly value="[^"]*(/feeds/[^"]+\.atom)"', made).group(1))
    assert atom.status_code == 200 and ET.fromstring(atom.data) is not None
    ics = app.test_client().get(f"/agenda/{new_feed(griffie)}.ics")
    assert ics.status_code == 200 and Calendar.from_ical(ics.data).walk("VEVENT")
    _, report = run(demo, MONDAY, transport=Outbox(tmp_path / "outbox"))
    assert report.sent and not report.failed
    terminal = CliRunner().invoke(main, ["overdue"], color=True)
    assert terminal.exit_code == 0 and "\x1b" not in terminal.output and "2026Z69999" in terminal.output
    out = tmp_path / "alles.xlsx"
    assert CliRunner().invoke(main, ["export", "--out", str(out), "--stand", "alle"]).exit_code == 0
