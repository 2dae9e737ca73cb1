"""In a real browser: the griffie registers this afternoon's toezegging, and an anonymous visitor finds it on the
public register; axe-core on the public pages at 1280 and 390 px (no serious or critical violation)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tracker import clock

from .test_browser import CHROMIUM, _axe_violations, log_in
from .test_browser import live_server  # noqa: F401  (a fixture this module uses by name)


@pytest.fixture
def public_register_on(monkeypatch):
    monkeypatch.setenv("TRACKER_PUBLIC_REGISTER", "1")  # read by the server live_server starts after this fixture


def test_griffie_registers_a_toezegging_and_the_public_finds_it(public_register_on, live_server, engine):  # noqa: F811 (the fixture)
    from playwright.sync_api import expect, sync_playwright

    if engine.dialect.name != "sqlite":
        pytest.skip("the browser flow does not depend on the database (the services' tests run on both)")
    today = clock.today()
    shots = os.environ.get("KAMERTRACKER_SCREENSHOTS")
    found = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(live_server + "/inloggen")
        log_in(page, "griffie")
        page.get_by_role("link", name="Invoeren", exact=True).click()  # lands on the form (Nieuw item)
        expect(page.locator('.register-nav a[aria-current="page"]')).to_have_text("Nieuw item")
        page.select_option("#kind", "toezegging")
        page.select_option("#chamber", "TK")
        page.fill("#nummer", "TZ-2026-0777")
        page.fill("#title", "Brief over de toegankelijkheid van overheidswebsites")
        ocw = page.eval_on_selector("#ministry_id", "s => [...s.options].find(o => o.text.startsWith('OCW')).value")
        page.select_option("#ministry_id", ocw)
        page.fill("#start_date", f"{today.day:02d}-{today.month:02d}-{today.year}")
        page.fill("#deadline", "binnen drie maanden")
        page.fill("#activity", "commissiedebat Digitale overheid")
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_text("Item aangemaakt.")).to_be_visible()
        expect(page.get_by_role("heading", name="Brief over de toegankelijkheid van overheidswebsites")).to_be_visible()
        if shots:
            page.screenshot(path=str(Path(shots) / "griffie-1280-nieuw-item.png"), full_page=True)
        browser.close()

        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for width in (1280, 390):
            # a visitor without an account; axe is injected as a script of its own, so the test lifts the CSP
            context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
            page = context.new_page()
            page.goto(live_server + "/openbaar/")
            found[(width, "/openbaar/")] = _axe_violations(page)
            page.get_by_role("link", name="Toezeggingen").first.click()
            page.get_by_label("Zoek in titel en nummer").fill("toegankelijkheid")
            page.get_by_role("button", name="Zoeken").click()
            found[(width, "lijst")] = _axe_violations(page)
            if shots:
                page.screenshot(path=str(Path(shots) / f"openbaar-{width}-lijst.png"), full_page=True)
            page.get_by_role("link", name="TZ-2026-0777").click()
            expect(page.get_by_role("heading", name="Brief over de toegankelijkheid van overheidswebsites")).to_be_visible()
            expect(page.get_by_text("commissiedebat Digitale overheid")).to_be_visible()
            found[(width, "item")] = _axe_violations(page)
            if shots:
                page.screenshot(path=str(Path(shots) / f"openbaar-{width}-item.png"), full_page=True)
            page.goto(live_server + "/openbaar/te-laat")
            found[(width, "te-laat")] = _axe_violations(page)
            context.close()
        browser.close()
    assert {where: v for where, v in found.items() if v} == {}
