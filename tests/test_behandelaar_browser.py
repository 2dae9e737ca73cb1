"""In a real browser: an officer filters Te laat on their team, downloads the Te laat report and reads it with
openpyxl (Dutch headers, a real date cell, days late, the behandelaar by name); the team view at 1280 and 390 px."""
from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tracker import db
from tracker.authz import system
from tracker.reports import HEADERS
from tracker.services import items

from .test_behandelaar import add_user
from .test_browser import log_in, page  # noqa: F401  (page: a fixture this module uses by name)
from .test_browser import live_server  # noqa: F401  (a fixture this module uses by name)

PEILDATUM = date(2026, 12, 7)  # the report is of this day, whatever the server's clock says


def test_an_officer_downloads_the_te_laat_report_of_the_team(live_server, page, engine, tmp_path):  # noqa: F811
    from playwright.sync_api import expect

    if engine.dialect.name != "sqlite":
        pytest.skip("the browser flow does not depend on the database (the services' tests run on both)")
    add_user(engine, "anna", "Anna de Vries", directorate="DGOO")
    with db.transaction(engine) as session:
        item = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z97777", title="Vragen over de huurtoeslag",
            ministry_code="BZK", start_date=date(2026, 10, 1), behandelaar="anna"), system("test"))
        due = item.due_date
    page.goto(live_server + "/inloggen")
    log_in(page, "bzk")
    page.get_by_role("link", name="Te laat").click()
    page.get_by_role("textbox", name="Peildatum").fill("07-12-2026")
    page.get_by_label("Behandelaar").select_option(label="mijn team")
    page.get_by_role("button", name="Toon").click()
    row = page.locator("tr", has_text="2026Z97777")
    expect(row).to_contain_text("Anna de Vries")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Rapport (Excel)").click()
    saved = tmp_path / "te-laat-rapport.xlsx"
    download_info.value.save_as(saved)
    sheet = load_workbook(saved).active
    assert sheet["A1"].value.startswith("Te laat op 7 december 2026") and "behandelaar mijn team" in sheet["A1"].value
    assert tuple(c.value for c in sheet[2]) == HEADERS
    rows = {r[2].value: dict(zip(HEADERS, r)) for r in sheet.iter_rows(min_row=3)}
    mine = rows["2026Z97777"]
    assert mine["Termijn"].is_date and mine["Termijn"].value == datetime(due.year, due.month, due.day)
    assert mine["Dagen te laat"].value == (PEILDATUM - due).days
    assert mine["Behandelaar"].value == "Anna de Vries" and "_" not in mine["Status"].value

    shots = os.environ.get("KAMERTRACKER_SCREENSHOTS")
    page.get_by_role("link", name="Team").click()
    expect(page.locator("h1")).to_have_text("Team BZK")
    expect(page.locator("tr", has_text="Anna de Vries")).to_contain_text("DGOO")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in (("team", "/team"), ("te-laat", "/te-laat?op=07-12-2026&behandelaar=team"),
                          ("kamervragen", "/kamervragen?stand=alle"), ("instellingen", "/instellingen"),
                          ("nieuw", "/items/nieuw?soort=kamervragen"),
                          ("alle-items", "/alle-items?behandelaar=team&stand=open")):
            page.goto(live_server + url)
            if shots:
                page.screenshot(path=str(Path(shots) / f"behandelaar-{name}-{width}.png"), full_page=True)
