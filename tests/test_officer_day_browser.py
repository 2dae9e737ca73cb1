"""An officer's day in a real browser (issue 26's "Done when"): register a Kamervraag and see its deadline before
saving; assign it to a colleague; the colleague sees it in the team view and under Mijn items and records an
uitstelbericht; the officer downloads the Te laat report and reads it with openpyxl."""
from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tracker import clock, db
from tracker.authz import system
from tracker.domain.calendar import day_notes
from tracker.domain.dutch import format_date
from tracker.reports import HEADERS
from tracker.services import items
from tracker.services.schedule import load_calendar

from .test_behandelaar import add_user
from .test_browser import log_in, page  # noqa: F401  (page: a fixture this module uses by name)
from .test_browser import live_server  # noqa: F401  (a fixture this module uses by name)


def _saturday_before(day):
    """A Kamervraag submitted on a Saturday is due on a Saturday three weeks later: the preview must say so."""
    return day - timedelta(days=(day.weekday() - 5) % 7)


def test_an_officers_day(live_server, page, engine, tmp_path):  # noqa: F811
    from playwright.sync_api import expect

    if engine.dialect.name != "sqlite":
        pytest.skip("the browser flow does not depend on the database (the services' tests run on both)")
    today = clock.today()
    add_user(engine, "anna", "Anna de Vries", directorate="DGOO")
    submitted = _saturday_before(today - timedelta(days=1))

    page.goto(live_server + "/inloggen")
    log_in(page, "bzk")
    page.get_by_role("link", name="Invoeren").click()
    page.locator("#kind").select_option("kamervragen")
    page.get_by_label("Nummer").fill("2026Z98888")
    page.get_by_label("Titel").fill("Vragen over de wachtlijsten in de jeugdzorg")
    page.locator("input[name=start_date]").fill(submitted.strftime("%d-%m-%Y"))
    page.get_by_role("button", name="Termijn controleren").click()
    preview = page.locator("#deadline-preview")
    expect(preview).not_to_be_empty()
    preview_text = preview.inner_text()
    assert "_" not in preview_text and "tk-" not in preview_text
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Item aangemaakt.")).to_be_visible()

    with db.transaction(engine) as session:
        item = items.find_item(session, "TK", "kamervragen", "2026Z98888")
        item_id, due = item.id, item.due_date
        notes = day_notes(due, "TK", load_calendar(session))
    # the deadline seen before saving is the one saved, with what the item page says about that day
    assert format_date(due) in preview_text
    assert notes and all(note in preview_text for note in notes)

    # assign it to a colleague
    page.goto(f"{live_server}/items/{item_id}/bewerken")
    page.get_by_label("Behandelaar").select_option(label="Anna de Vries")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("dl")).to_contain_text("Anna de Vries")
    page.get_by_role("button", name="Uitloggen").click()

    # the colleague: team view, Mijn items, and the uitstelbericht
    log_in(page, "anna")
    page.get_by_role("link", name="Team").click()
    expect(page.locator("tr", has_text="Anna de Vries")).to_be_visible()
    page.goto(live_server + "/mijn-items")
    page.get_by_role("link", name=re.compile("2026Z98888")).click()
    page.locator("summary", has_text="Uitstelbericht vastleggen").click()
    page.get_by_label("Uitstelbericht verstuurd op", exact=True).fill(today.strftime("%d-%m-%Y"))
    page.get_by_label("Reden").first.fill("Interdepartementale afstemming")
    page.get_by_role("button", name="Uitstelbericht vastleggen").click()
    expect(page.get_by_text("Uitstelbericht vastgelegd.")).to_be_visible()
    expect(page.locator(".meta")).to_contain_text("uitstel gemeld")
    page.get_by_role("button", name="Uitloggen").click()

    # the officer downloads the Te laat report of the team; an overdue item of Anna's is in it by her name
    with db.transaction(engine) as session:
        late = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z98889", title="Vragen over de huurtoeslag",
            ministry_code="BZK", start_date=today - timedelta(days=30), behandelaar="anna"), system("test"))
        late_due = late.due_date
    log_in(page, "bzk")
    page.goto(live_server + "/te-laat?behandelaar=team")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Rapport (Excel)").click()
    saved = tmp_path / "te-laat-rapport.xlsx"
    download_info.value.save_as(saved)
    sheet = load_workbook(saved).active
    assert tuple(c.value for c in sheet[2]) == HEADERS
    rows = {r[2].value: dict(zip(HEADERS, r)) for r in sheet.iter_rows(min_row=3)}
    mine = rows["2026Z98889"]
    assert mine["Termijn"].is_date and mine["Termijn"].value == datetime(late_due.year, late_due.month, late_due.day)
    assert mine["Dagen te laat"].value == (today - late_due).days
    assert mine["Behandelaar"].value == "Anna de Vries" and "_" not in mine["Status"].value
    assert "2026Z98888" not in rows  # uitstel gemeld: no longer late
    shots = os.environ.get("KAMERTRACKER_SCREENSHOTS")
    if shots:
        page.goto(f"{live_server}/items/{item_id}")
        page.screenshot(path=str(Path(shots) / "officer-day-item.png"), full_page=True)
