"""Bulk actions on a list in a real browser, with JavaScript off (the form needs none): tick items, assign them to a
colleague, move their status; another ministry's item has no box; a selection with an item that moved to another
ministry after the page was drawn is refused as a whole and says which item.
Also: a new Atom feed is shown on the list itself, to copy. axe-core clean at 1280 and 390 px."""
from __future__ import annotations

import os
import re
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session, select

from tests.test_browser import _axe_violations, live_server, log_in, page, pytestmark  # noqa: F401  (fixtures)
from tracker import clock, db
from tracker.authz import system
from tracker.models import Ministry, TrackedItem, User
from tracker.services import items


def _setup(engine) -> None:
    with db.transaction(engine) as session:
        bzk = session.exec(select(Ministry.id).where(Ministry.code == "BZK")).one()
        session.add(User(username="bzk2", password_hash="x", role="officer", ministry_id=bzk))
        for nummer, ministry in (("2026Z04243", "BZK"), ("2026Z04244", "OCW")):
            items.create_item(session, items.ItemInput(
                kind="kamervragen", chamber="TK", nummer=nummer, title="Vragen over de wachttijden bij de IND",
                ministry_code=ministry, start_date=clock.today() - timedelta(days=20)), system("test"))


def _move(engine, nummer: str, ministry: str) -> None:
    with db.transaction(engine) as session:
        item = session.exec(select(TrackedItem).where(TrackedItem.nummer == nummer)).one()
        ministry_id = session.exec(select(Ministry.id).where(Ministry.code == ministry)).one()
        items.update_item(session, item, {"ministry_id": ministry_id}, system("test"))


def _states(engine, numbers) -> dict:
    with Session(engine) as session:
        rows = session.exec(select(TrackedItem).where(TrackedItem.nummer.in_(numbers))).all()
        names = dict(session.exec(select(User.id, User.username)).all())
        return {r.nummer: (r.status, names.get(r.behandelaar_id)) for r in rows}


def test_tick_assign_and_move_a_selection_without_javascript(live_server, page, engine):  # noqa: F811
    from playwright.sync_api import expect

    _setup(engine)
    browser = page.context.browser
    shots = os.environ.get("KAMERTRACKER_SCREENSHOTS")  # set by hand to look at the pages
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/inloggen")
    log_in(page, "bzk")
    page.goto(live_server + "/kamervragen?q=IND&ministerie=alle")
    # OCW's item is listed, without a box: a BZK officer cannot change it
    expect(page.get_by_role("link", name="TK 2026Z04244")).to_be_visible()
    expect(page.get_by_label("Kies TK 2026Z04244")).to_have_count(0)
    for nummer in ("2026Z04242", "2026Z04243"):
        page.get_by_label(f"Kies TK {nummer}").check()
    _move(engine, "2026Z04243", "OCW")  # meanwhile it moves to OCW: refused as a whole, named, the ticks kept
    page.locator("#bulk-behandelaar").select_option(label="bzk2 (BZK)")
    page.get_by_role("button", name="Toewijzen").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Er is niets gewijzigd")
    expect(alert.get_by_role("link", name="kamervragen 2026Z04243")).to_be_visible()
    expect(alert).to_contain_text("hoort bij OCW")
    expect(page.get_by_label("Kies TK 2026Z04242")).to_be_checked()
    expect(page.get_by_label("Kies TK 2026Z04243")).to_have_count(0)  # OCW's now
    assert all(who is None for _, who in _states(engine, ["2026Z04242", "2026Z04243"]).values())
    if shots:
        page.screenshot(path=str(Path(shots) / "selectie-geweigerd-1280.png"), full_page=True)
    _move(engine, "2026Z04243", "BZK")  # and back
    page.goto(live_server + "/kamervragen?q=IND&ministerie=alle")
    for nummer in ("2026Z04242", "2026Z04243"):
        page.get_by_label(f"Kies TK {nummer}").check()
    page.locator("#bulk-behandelaar").select_option(label="bzk2 (BZK)")
    page.get_by_role("button", name="Toewijzen").click()
    expect(page.get_by_text("Behandelaar toegewezen: 2 items.")).to_be_visible()
    # back on the same list, its filters kept (in whatever order the redirect writes them)
    expect(page).to_have_url(re.compile(re.escape(live_server) + r"/kamervragen\?(?=.*\bq=IND)(?=.*\bministerie=alle)"))
    for nummer in ("2026Z04242", "2026Z04243"):
        page.get_by_label(f"Kies TK {nummer}").check()
    page.get_by_label("Nieuwe status").select_option(label="in behandeling")
    page.get_by_role("button", name="Status wijzigen").click()
    expect(page.get_by_text("Status gewijzigd: 2 items.")).to_be_visible()
    assert _states(engine, ["2026Z04242", "2026Z04243"]) == {"2026Z04242": ("in_behandeling", "bzk2"),
                                                              "2026Z04243": ("in_behandeling", "bzk2")}
    # the Atom feed: made here, its link shown here to copy
    page.get_by_role("button", name="Atom-feed van deze selectie").click()
    expect(page.get_by_role("heading", name="Kamervragen", exact=True)).to_be_visible()
    assert "/feeds/" in page.get_by_label("Link van de nieuwe feed").input_value()
    if shots:
        page.screenshot(path=str(Path(shots) / "selectie-feed-1280.png"), full_page=True)
    context.close()
    # axe (a script: JavaScript on, the CSP lifted for it) at both widths
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(live_server + "/inloggen")
    log_in(page, "bzk")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server + "/kamervragen?q=IND&ministerie=alle")
        assert _axe_violations(page) == []
        if shots:
            page.screenshot(path=str(Path(shots) / f"selectie-{width}.png"), full_page=True)
    context.close()


def test_select_all_ticks_every_row_of_this_page(live_server, page, engine):  # noqa: F811
    """With JavaScript, the header box ticks and clears every row of the page, shows 'some' as indeterminate, and
    what it ticked is what the bulk action gets; at 390 px it is the labelled line above the cards."""
    from playwright.sync_api import expect

    _setup(engine)
    page.goto(live_server + "/inloggen")
    log_in(page, "bzk")
    page.goto(live_server + "/kamervragen?q=IND&ministerie=alle")
    # three listed, OCW's without a box: the header box ticks the two the officer may change
    every = page.get_by_role("checkbox", name="Alle 2 items op deze pagina kiezen die u kunt wijzigen")
    rows = page.locator('input[type=checkbox][name="item"]')
    expect(rows).to_have_count(2)
    every.check()
    for i in range(2):
        expect(rows.nth(i)).to_be_checked()
    page.get_by_label("Kies TK 2026Z04243").uncheck()
    assert every.evaluate("b => [b.checked, b.indeterminate]") == [False, True]
    every.check()
    assert every.evaluate("b => [b.checked, b.indeterminate]") == [True, False]
    every.uncheck()
    assert rows.evaluate_all("bs => bs.filter(b => b.checked).length") == 0
    every.check()
    page.get_by_role("button", name="Volgen").click()
    expect(page.get_by_text("U volgt: 2 items.")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server + "/kamervragen?q=IND&ministerie=alle")
    expect(page.get_by_text("Alle 2 items op deze pagina kiezen die u kunt wijzigen")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    shots = os.environ.get("KAMERTRACKER_SCREENSHOTS")
    if shots:
        page.screenshot(path=str(Path(shots) / "selectie-alle-390.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=str(Path(shots) / "selectie-alle-1280.png"), full_page=False)
