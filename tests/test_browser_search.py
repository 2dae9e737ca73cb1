"""Zoeken in a real browser: the box in the top bar, a hit, its dossier, a citation link (its address checked, never
fetched); axe-core clean at 1280 and 390 px."""
from __future__ import annotations

import os

from tests.test_browser import _axe_violations, live_server, log_in, page, pytestmark  # noqa: F401  (fixtures)


def test_search_from_the_top_bar_open_a_dossier_and_follow_a_citation(live_server, page, tmp_path):  # noqa: F811
    from playwright.sync_api import expect

    browser = page.context.browser
    page = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()  # axe is a script
    page.goto(live_server + "/inloggen")
    log_in(page, "lezer")
    box = page.get_by_role("search").first.get_by_label("Zoek in items en documenten")
    box.fill("35 628, nr. 10")
    box.press("Enter")
    expect(page).to_have_url(live_server + "/zoek?q=35+628%2C+nr.+10")
    expect(page.locator(".summary")).to_contain_text("2 resultaten")
    assert _axe_violations(page) == []
    shots = os.environ.get("KAMERTRACKER_SCREENSHOTS")  # set by hand to look at the pages
    if shots:
        page.goto(live_server + "/zoek?q=Bergkamp")
        page.screenshot(path=f"{shots}/zoek-1280.png", full_page=True)
    page.goto(live_server + "/zoek?q=Bergkamp+algoritmen")
    expect(page.locator(".hit mark").first).to_be_visible()
    # the motion's page: its citation is a link to the official paper, its dossier a page of its own
    page.goto(live_server + "/zoek?q=35628-10&soort=motie")
    page.locator(".hit-head a").first.click()
    official = page.locator("a.official", has_text="Kamerstukken II 2020/21, 35628, nr. 10")
    assert official.get_attribute("href") == "https://zoek.officielebekendmakingen.nl/kst-35628-10.html"
    assert page.locator(".prose a.official", has_text="30420, nr. 360").get_attribute("href") == \
        "https://zoek.officielebekendmakingen.nl/kst-30420-360.html"
    item_url = page.url
    # a member's page, from the motion's indieners
    page.locator(".details").get_by_role("link", name="Bergkamp", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bergkamp")
    expect(page.get_by_role("table", name="Moties als eerste indiener (")).to_be_visible()
    assert _axe_violations(page) == []
    # a committee's page, from the index of committees
    page.goto(live_server + "/zoek")
    page.get_by_role("link", name="commissie", exact=True).click()
    page.locator("td a").first.click()
    expect(page.locator("h1")).to_contain_text("commissie")
    assert _axe_violations(page) == []
    if shots:
        page.screenshot(path=f"{shots}/commissie-1280.png", full_page=True)
    page.goto(item_url)
    page.get_by_role("link", name="dossier 35628").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kamerstukdossier 35628")
    assert _axe_violations(page) == []
    # the dossier the stand van zaken cites: both voortgangsbrieven, the motion and the toezegging one of them fulfils
    page.goto(live_server + "/dossiers/30420")
    expect(page.locator(".hit")).to_have_count(4)
    assert _axe_violations(page) == []
    if shots:
        page.screenshot(path=f"{shots}/dossier-1280.png", full_page=True)
    phone = browser.new_context(viewport={"width": 390, "height": 800}, bypass_csp=True)
    phone.add_cookies(page.context.cookies())
    small = phone.new_page()
    small.goto(live_server + "/zoek?q=Bergkamp")
    if shots:
        small.screenshot(path=f"{shots}/zoek-390.png", full_page=True)
    assert small.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    assert _axe_violations(small) == []
    phone.close()
