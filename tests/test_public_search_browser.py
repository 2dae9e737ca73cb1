"""In a real browser: an anonymous visitor searches the public register from its home page and finds an item by a
word in its text, highlighted; a word that is only in an intern stand finds nothing publicly, and the same word
finds the item for the ministry's signed-in officer from the top bar. Te laat shows the days late. axe-core at 1280 and 390 px."""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from tracker import clock, db
from tracker.authz import system
from tracker.services import items

from .test_browser import CHROMIUM, _axe_violations, log_in
from .test_browser import live_server  # noqa: F401  (a fixture this module uses by name)


@pytest.fixture
def public_register_on(monkeypatch):
    monkeypatch.setenv("TRACKER_PUBLIC_REGISTER", "1")  # read by the server live_server starts after this fixture


def test_public_search_finds_public_text_and_never_an_intern_stand(public_register_on, live_server, engine):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    if engine.dialect.name != "sqlite":
        pytest.skip("the browser flow does not depend on the database (the search's tests run on both)")
    today = clock.today()
    with db.transaction(engine) as session:
        item = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z55501", title="Vragen over de dijkbewaking",
            text="Hoe vaak wordt de Zwaluwstaartdijk geïnspecteerd?", ministry_code="BZK",
            start_date=today - timedelta(days=40), members="Bikker", fracties="ChristenUnie"), system("test"))
        items.update_item(session, item, {"stand_van_zaken": "Kwelderoverleg met het waterschap loopt nog",
                                          "stand_intern": True}, system("test"))
    shots = os.environ.get("KAMERTRACKER_SCREENSHOTS")
    found = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for width in (1280, 390):
            context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
            page = context.new_page()
            page.goto(live_server + "/openbaar/")
            page.get_by_label("Zoek in het register").fill("zwaluwstaartdijk")
            page.get_by_role("button", name="Zoeken").click()
            expect(page.get_by_role("status")).to_contain_text("1 resultaat")
            expect(page.locator(".hit mark")).to_have_text("Zwaluwstaartdijk")
            expect(page.get_by_role("link", name="TK kamervragen 2026Z55501")).to_be_visible()
            found[(width, "zoek")] = _axe_violations(page)
            if shots:
                page.screenshot(path=str(Path(shots) / f"openbaar-{width}-zoek.png"), full_page=True)
            # the item page: its public fields and the feeds it belongs to (its indiener's)
            page.get_by_role("link", name="TK kamervragen 2026Z55501").click()
            expect(page.get_by_role("heading", name="Volgen")).to_be_visible()
            feed = page.get_by_role("link", name="Atom-feed van Bikker")
            assert feed.get_attribute("href").startswith("/openbaar/personen/")
            assert "Kwelderoverleg" not in page.content()
            found[(width, "item")] = _axe_violations(page)
            if shots:
                page.screenshot(path=str(Path(shots) / f"openbaar-{width}-item-volgen.png"), full_page=True)
            page.go_back()
            page.get_by_label("Zoek in titel, tekst").fill("Kwelderoverleg")
            page.get_by_role("button", name="Zoeken").click()
            expect(page.get_by_role("status")).to_contain_text("0 resultaten")
            assert "2026Z55501" not in page.content() and "waterschap" not in page.content()
            page.goto(live_server + "/openbaar/te-laat")
            row = page.locator("tr", has_text="2026Z55501")
            expect(row.locator('td[data-label="Dagen te laat"]')).to_have_text(
                str((today - (today - timedelta(days=40) + timedelta(weeks=3))).days))
            found[(width, "te-laat")] = _axe_violations(page)
            if shots:
                page.screenshot(path=str(Path(shots) / f"openbaar-{width}-te-laat.png"), full_page=True)
            context.close()
        # signed in, the ministry's officer finds the same word in its intern stand from the top bar
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(live_server + "/inloggen")
        log_in(page, "bzk")
        page.fill("#top-q", "Kwelderoverleg")
        page.press("#top-q", "Enter")
        expect(page.get_by_role("link", name="2026Z55501")).to_be_visible()
        browser.close()
    assert all(not violations for violations in found.values()), found
