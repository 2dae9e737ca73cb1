"""The new-item form in a real browser: choose the soort, see its fields and the deadline before saving.

Screenshots of two soorten at 1280 and 390 px go to KAMERTRACKER_SCREENSHOTS when that is set (to be looked at)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tracker import db
from tracker.services import items

from .test_browser import CHROMIUM, log_in, page  # noqa: F401  (page: a fixture this module uses by name)
from .test_browser import live_server  # noqa: F401  (a fixture this module uses by name)

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                reason="Debian chromium not installed (CI installs it)")


def test_soort_switches_fields_and_preview_shows_the_deadline_before_saving(live_server, page, engine):  # noqa: F811
    from playwright.sync_api import expect

    shots = os.environ.get("KAMERTRACKER_SCREENSHOTS")
    page.goto(live_server + "/items/nieuw")
    log_in(page, "bzk")
    expect(page.locator("h1")).to_have_text("Nieuw item")
    soort = page.locator("#kind")
    expect(soort).to_be_visible()  # with a script the select chooses the soort; the links are for without one
    expect(page.locator("nav.soort-keuze")).to_be_hidden()

    soort.select_option("kamervragen")
    expect(page.locator("#vote_result")).to_be_hidden()
    expect(page.locator("#kabinetsappreciatie")).to_be_hidden()
    expect(page.locator("label[for=members]")).to_have_text("Vragenstellers")
    page.get_by_label("Datum van indiening", exact=True).fill("4-12-2026")
    preview = page.locator("#deadline-preview")
    expect(preview).to_contain_text("Termijn: 25 december 2026")
    expect(preview).to_contain_text("Let op: de termijn valt op een feestdag (Eerste kerstdag).")
    page.get_by_label("Nummer").fill("2026Z30001")
    page.get_by_label("Titel").fill("Vragen over de wachttijden bij de IND")
    _shoot(page, shots, "kamervragen")

    soort.select_option("motie")  # the motion's fields appear, without a reload
    expect(page.locator("#vote_result")).to_be_visible()
    expect(page.locator("#kabinetsappreciatie")).to_be_visible()
    expect(page.locator("label[for=members]")).to_have_text("Indieners")
    expect(page.locator("label[for=start_date]")).to_have_text("Datum van de stemming")
    expect(page.get_by_role("button", name="Kalender: kies een datum voor Datum van de stemming")).to_be_visible()
    expect(page.get_by_label("Nummer")).to_have_value("2026Z30001")  # what was typed stays
    page.get_by_label("Termijn uit het dictum").fill("voor de zomer")
    expect(preview).to_contain_text("Termijn na aanneming")
    _shoot(page, shots, "motie")

    soort.select_option("kamervragen")
    expect(preview).to_contain_text("Termijn: 25 december 2026")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Item aangemaakt.")).to_be_visible()
    expect(page.locator(".due-date")).to_have_text("25 december 2026")  # what the preview said before saving
    with db.transaction(engine) as session:
        item = items.find_item(session, "TK", "kamervragen", "2026Z30001")
        assert item.deadline_phrase is None and item.vote_result is None  # the motie's fields were not sent

    # without a script: the soort by its link, the deadline by "Termijn controleren"
    plain = page.context.browser.new_page(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    plain.goto(live_server + "/items/nieuw")
    log_in(plain, "bzk")
    expect(plain.locator("#kind")).to_be_hidden()
    plain.get_by_role("link", name="Commissiebrief").click()
    expect(plain.locator("#term")).to_be_visible()
    expect(plain.locator("#vote_result")).to_be_hidden()
    plain.get_by_label("Dagtekening van de brief").fill("6 maart 2027")
    plain.get_by_label("Nummer").fill("2027-010")
    plain.get_by_label("Titel").fill("Schriftelijk overleg Wet open overheid")
    plain.get_by_role("button", name="Termijn controleren").click()
    expect(plain.locator("#deadline-preview")).to_contain_text("Termijn: 3 april 2027")
    expect(plain.locator("#deadline-preview")).to_contain_text("Let op: de termijn valt op een zaterdag.")
    _shoot(plain, shots, "commissiebrief-zonder-script")
    plain.close()


def _shoot(browser_page, shots: str | None, name: str) -> None:
    if not shots:
        return
    for width in (1280, 390):
        browser_page.set_viewport_size({"width": width, "height": 900})
        browser_page.screenshot(path=str(Path(shots) / f"nieuw-{name}-{width}.png"), full_page=True)
    browser_page.set_viewport_size({"width": 1280, "height": 900})
