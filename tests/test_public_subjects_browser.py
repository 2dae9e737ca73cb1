"""In a real browser: an anonymous visitor goes from an item of the public register to its dossier, its Kamerlid
and its committee, finds a public paper by a word of its text, and opens the bewindspersoon's page. axe-core at 1280 and 390 px on each page."""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from tracker import clock, db
from tracker.authz import system
from tracker.models import Committee, Document, ItemDocument
from tracker.services import items

from .test_browser import CHROMIUM, _axe_violations
from .test_browser import live_server  # noqa: F401  (a fixture this module uses by name)


@pytest.fixture
def public_register_on(monkeypatch):
    monkeypatch.setenv("TRACKER_PUBLIC_REGISTER", "1")  # read by the server live_server starts after this fixture


def test_subject_pages_from_an_item_and_a_paper_found_by_its_text(public_register_on, live_server, engine):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    if engine.dialect.name != "sqlite":
        pytest.skip("the browser flow does not depend on the database (the pages' tests run on both)")
    today = clock.today()
    with db.transaction(engine) as session:
        committee = Committee(chamber="TK", name="Commissie voor Infrastructuur en Waterstaat (proef)")
        session.add(committee)
        session.flush()
        motie = items.create_item(session, items.ItemInput(
            kind="motie", chamber="TK", nummer="36992, nr. 4", title="Motie over de dijkbewaking langs de IJssel",
            ministry_code="BZK", start_date=today - timedelta(days=60), members="Bikker, Paternotte",
            fracties="ChristenUnie, D66", committee=committee.name, bewindspersoon="Minister Dijkgraaf (proef)"),
            system("test"))
        items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z55992", title="Vragen over de dijkbewaking",
            text="Hoe staat het met de uitvoering van de motie (Kamerstukken 36992, nr. 4)?", ministry_code="BZK",
            start_date=today - timedelta(days=10), members="Bikker", fracties="ChristenUnie"), system("test"))
        document = Document(kind="brief", chamber="TK", title="Reactie op de motie over de dijkbewaking",
                            kenmerk="2026-0000992001", dagtekening=today - timedelta(days=5), dossier="36992",
                            stuknummer="6", full_text="De Zwaluwstaartdijk wordt elk kwartaal geïnspecteerd.")
        session.add(document)
        session.flush()
        session.add(ItemDocument(item_id=motie.id, document_id=document.id, role="antwoord"))
    shots = os.environ.get("KAMERTRACKER_SCREENSHOTS")
    found = {}

    def check(page, name: str, width: int) -> None:
        found[(width, name)] = _axe_violations(page)
        if shots:
            page.screenshot(path=str(Path(shots) / f"openbaar-{width}-{name}.png"), full_page=True)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for width in (1280, 390):
            context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
            page = context.new_page()
            page.goto(live_server + f"/openbaar/items/{motie.id}")
            expect(page.get_by_role("link", name="Bikker", exact=True)).to_be_visible()  # the members: their pages
            check(page, "item-links", width)
            page.get_by_role("link", name="dossier 36992", exact=True).click()
            expect(page.get_by_role("heading", name="Kamerstukdossier 36992")).to_be_visible()
            expect(page.get_by_role("link", name="TK 2026Z55992")).to_be_visible()  # it cites the dossier
            expect(page.get_by_text("Reactie op de motie over de dijkbewaking")).to_be_visible()
            expect(page.get_by_role("link", name="Atom-feed van dit dossier")).to_be_visible()
            check(page, "dossier", width)
            page.get_by_role("link", name="TK 36992, nr. 4").first.click()
            page.get_by_role("link", name="Paternotte", exact=True).click()
            expect(page.get_by_role("heading", name="Paternotte")).to_be_visible()
            expect(page.get_by_role("table", name="Moties als mede-indiener (1)")).to_be_visible()
            check(page, "persoon", width)
            page.get_by_role("link", name="Personen").first.click()
            expect(page.get_by_role("link", name="Bikker", exact=True)).to_be_visible()
            check(page, "personen", width)
            page.goto(live_server + f"/openbaar/items/{motie.id}")
            page.get_by_role("link", name="Commissie voor Infrastructuur en Waterstaat (proef)", exact=True).click()
            expect(page.get_by_role("table", name="Overige open (1)")).to_be_visible()
            check(page, "commissie", width)
            page.get_by_role("navigation", name="Register").get_by_role("link", name="Commissies").click()
            expect(page.get_by_role("link", name="Commissie voor Infrastructuur en Waterstaat (proef)")).to_be_visible()
            check(page, "commissies", width)
            page.get_by_role("navigation", name="Register").get_by_role("link", name="Zoeken").click()
            page.get_by_label("Zoek in titel, tekst").fill("zwaluwstaartdijk")
            page.get_by_role("button", name="Zoeken").click()
            expect(page.get_by_role("status")).to_contain_text("1 resultaat")
            expect(page.locator(".hit mark")).to_have_text("Zwaluwstaartdijk")
            expect(page.get_by_role("link", name="TK motie 36992, nr. 4")).to_be_visible()
            check(page, "zoek-document", width)
            # the bewindspersoon: named on the item, with a page of what they answer for
            page.goto(live_server + f"/openbaar/items/{motie.id}")
            page.get_by_role("link", name="Minister Dijkgraaf (proef)", exact=True).click()
            expect(page.get_by_role("heading", name="Als bewindspersoon")).to_be_visible()
            expect(page.get_by_role("table", name="Openstaande moties (1)")).to_be_visible()
            check(page, "bewindspersoon", width)
            context.close()
        browser.close()
    assert all(not violations for violations in found.values()), found
