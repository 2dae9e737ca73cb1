"""In a real browser (Debian's chromium via Playwright) against gunicorn on 127.0.0.1.

Log in, find an overdue Kamervraag, move it along, record an uitstelbericht, see it leave the
overdue list, record the answer, and read the audit trail on the item page.
"""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from tracker.authz import system
from tracker import clock, db
from tracker.demo import DEMO_PASSWORD, default_demo_file, load_demo
from tracker.models import TrackedItem
from tracker.services import items

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                reason="Debian chromium not installed (CI installs it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live_server(engine, database_url, tmp_path):
    today = clock.today()
    with db.transaction(engine) as session:
        load_demo(session, default_demo_file())
        items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z04242", title="Vragen over de wachttijden bij de IND",
            ministry_code="BZK", start_date=today - timedelta(days=25), fracties="SP"), system("test"))
    with running_server({"DATABASE_URL": database_url, "TRACKER_INSTANCE": str(tmp_path), "SECRET_KEY": "browser-test",
                         "TRACKER_EXPORTS": str(tmp_path / "exports")}, tmp_path) as url:
        yield url


@contextmanager
def running_server(env: dict, folder: Path):
    """`tracker serve` (gunicorn, two workers) on a free port with these settings beside the test's environment;
    yields its address and stops it, workers and all. Its log is kept in `folder` for a failing run."""
    port = _free_port()
    # absolute links (agenda, feeds) come only from TRACKER_BASE_URL
    env = {**os.environ, "TRACKER_BASE_URL": f"http://127.0.0.1:{port}", **env}
    tracker = str(Path(sys.executable).parent / "tracker")
    log = open(folder / "gunicorn.log", "wb")
    server = subprocess.Popen([tracker, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
                              env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    deadline = time.monotonic() + 60  # (a busy machine: gunicorn and two workers import the app)
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        _stop(server)
        log.close()
        pytest.fail("gunicorn did not start: " + (folder / "gunicorn.log").read_text()[-2000:])
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(server)
        log.close()


def _stop(server: subprocess.Popen) -> None:
    """Stop gunicorn and its workers. SIGTERM is a graceful stop that waits for busy workers (up to gunicorn's 30 s);
    on a loaded CI machine that can take longer than a test should wait, so the whole process group is killed then:
    no worker outlives its test (a leftover process fails a later test with a ResourceWarning)."""
    server.terminate()
    try:
        server.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(15)


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                          "--disable-component-update", "--no-first-run"])
        yield browser.new_page(viewport={"width": 1280, "height": 900})
        browser.close()


def log_in(page, username: str) -> None:
    """Fill in the login form the page shows and submit it."""
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_overdue_kamervraag_flow(live_server, page, tmp_path):
    from playwright.sync_api import expect

    today = clock.today()
    page.goto(live_server + "/")
    expect(page).to_have_url(live_server + "/inloggen?next=%2F")
    log_in(page, "bzk")
    expect(page.get_by_text("Ingelogd als bzk.")).to_be_visible()

    page.get_by_role("link", name="Te laat").click()
    row = page.locator("tr", has_text="2026Z04242")
    expect(row).to_contain_text("4")  # four days overdue
    row.get_by_role("link", name="2026Z04242").click()
    expect(page.locator("h1")).to_have_text("Vragen over de wachttijden bij de IND")
    expect(page.locator(".badge.state-te_laat").first).to_be_visible()

    page.locator("summary", has_text="Status wijzigen").click()  # the actions are folded until chosen
    page.get_by_label("Nieuwe status").select_option("in_behandeling")
    page.get_by_role("button", name="Status wijzigen").click()
    expect(page.get_by_text("Status gewijzigd.")).to_be_visible()

    page.locator("summary", has_text="Uitstelbericht vastleggen").click()
    page.get_by_label("Uitstelbericht verstuurd op", exact=True).fill((today - timedelta(days=5)).strftime("%d-%m-%Y"))
    page.get_by_label("Reden").first.fill("Interdepartementale afstemming")
    page.get_by_role("button", name="Uitstelbericht vastleggen").click()
    expect(page.get_by_text("Uitstelbericht vastgelegd.")).to_be_visible()
    expect(page.locator(".meta")).to_contain_text("uitstel gemeld")
    expect(page.locator(".explanation")).to_contain_text("zes weken na indiening")

    page.get_by_role("link", name="Te laat").click()
    expect(page.locator("main")).not_to_contain_text("2026Z04242")

    page.goto(live_server + "/kamervragen?q=2026Z04242")
    page.get_by_role("link", name="TK 2026Z04242").click()
    page.locator("summary", has_text="Antwoord of afdoening vastleggen").click()
    page.get_by_label("Datum antwoord of afdoening", exact=True).fill(today.strftime("%d-%m-%Y"))
    page.get_by_label("Document (titel)").fill("Antwoord op vragen over de IND")
    page.get_by_role("button", name="Vastleggen als beantwoord").click()
    expect(page.get_by_text("Antwoord of afdoening vastgelegd.")).to_be_visible()

    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text("Status ontvangen → in behandeling")
    expect(timeline).to_contain_text("Status in behandeling → uitstel gemeld")
    expect(timeline).to_contain_text("Uitstelbericht (tijdig)")  # sent a day before the 3-week term ended
    expect(timeline).to_contain_text("Status uitstel gemeld → beantwoord")
    expect(timeline).to_contain_text("bzk (beleidsmedewerker BZK)")
    page.screenshot(path=str(tmp_path / "item-na-flow.png"), full_page=True)


def test_the_status_list_points_to_the_form_that_records_uitstel(live_server, page, engine):
    """Issue 26, point 1: the status list offers no 'uitstel gemeld'; its hint links to the uitstelbericht form,
    which unfolds, and recording there is what sets the status."""
    from playwright.sync_api import expect

    page.goto(live_server + "/inloggen")
    log_in(page, "bzk")
    with db.transaction(engine) as session:
        item_id = items.find_item(session, "TK", "kamervragen", "2026Z04242").id
    page.goto(f"{live_server}/items/{item_id}")
    page.locator("summary", has_text="Status wijzigen").click()
    options = page.locator("#status-target option").all_inner_texts()
    assert not any("uitstel" in o or "beantwoord" in o for o in options), options
    hint = page.locator("#status-elders")
    expect(hint).to_contain_text("uitstel gemeld — gebruik Uitstelbericht vastleggen")
    date_field = page.get_by_label("Uitstelbericht verstuurd op", exact=True)
    expect(date_field).to_be_hidden()
    hint.get_by_role("link", name="Uitstelbericht vastleggen").click()
    expect(date_field).to_be_visible()  # the link unfolded the form
    page.screenshot(path=str(Path(os.environ.get("SCREENSHOTS", "/tmp")) / "item-status-hint.png"), full_page=True)
    date_field.fill((clock.today() - timedelta(days=5)).strftime("%d-%m-%Y"))
    page.get_by_role("button", name="Uitstelbericht vastleggen").click()
    expect(page.get_by_text("Uitstelbericht vastgelegd.")).to_be_visible()
    expect(page.locator(".meta")).to_contain_text("uitstel gemeld")


def test_narrow_screen_overdue_cards(live_server, page):
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server + "/inloggen")
    log_in(page, "griffie")
    page.goto(live_server + "/te-laat?op=2024-11-28")
    cell = page.locator("td[data-label='Nummer']", has_text="174728.03U")
    expect(cell).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_voortgangsbrief_preview_generate_download(live_server, page, tmp_path):
    from playwright.sync_api import expect

    page.goto(live_server + "/inloggen")
    log_in(page, "ocw")
    page.get_by_role("link", name="Voortgangsbrief").click()
    page.get_by_label("toezegging").check()
    page.get_by_role("button", name="Items zoeken").click()
    expect(page.get_by_text("VGR-EMANC-2021 T01")).to_be_visible()
    # nobody is minister of OCW today in the demo register: the page says so and how to sign anyway
    expect(page.get_by_text("niemand bewindspersoon van het ministerie van Onderwijs")).to_be_visible()
    expect(page.get_by_label("Betreft")).to_have_value("Voortgang uitvoering toezeggingen")
    page.get_by_label("Functie ondertekenaar").fill("minister van Onderwijs, Cultuur en Wetenschap")
    page.get_by_label("Naam ondertekenaar").fill("A.B. Voorbeeld")
    page.get_by_label("Betreft").fill("Voortgang toezeggingen emancipatie")
    with page.context.expect_page() as preview_info:
        page.get_by_role("button", name="Voorbeeld (HTML)").click()
    preview = preview_info.value
    preview.wait_for_load_state()
    expect(preview.locator("body")).to_contain_text("Prevalentieonderzoek naar intersekse kinderen")
    expect(preview.locator("body")).to_contain_text("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal")
    preview.close()
    page.get_by_role("button", name="Definitief maken en bewaren").click()
    expect(page.get_by_text("Voortgangsbrief gemaakt en bewaard.")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    saved = tmp_path / "brief.pdf"
    download_info.value.save_as(saved)
    data = saved.read_bytes()
    assert data.startswith(b"%PDF") and b"CONCEPT" not in data
    sha = page.locator("code").inner_text()
    import hashlib
    assert hashlib.sha256(data).hexdigest() == sha


def test_voortgangsbrief_page_lists_the_items_as_they_stood_on_its_date(live_server, page, tmp_path):
    """A letter dated 1 June 2021 lists the Bergkamp motion (closed on 26 November 2021) as in uitvoering, and it may
    still be discharged by that letter; at 1280 and 390 px the list fits the page."""
    from playwright.sync_api import expect

    page.goto(live_server + "/inloggen")
    log_in(page, "ocw")
    page.get_by_role("link", name="Voortgangsbrief").click()
    page.get_by_label("motie").check()
    page.get_by_label("Ook items die lang geleden zijn afgesloten").check()
    page.get_by_label("Datum", exact=True).first.fill("01-06-2021")
    page.get_by_role("button", name="Items zoeken").click()
    expect(page.get_by_role("columnheader", name="Status op 1 juni 2021")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="35628, nr. 10")
    expect(row).to_contain_text("In uitvoering")
    expect(row.get_by_role("checkbox", name="35628, nr. 10 afdoen met deze brief")).to_be_enabled()
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(tmp_path / f"voortgangsbrief-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_agenda_link_subscribe_and_revoke_and_list_download(live_server, page, tmp_path):
    import urllib.error
    import urllib.request

    from openpyxl import load_workbook
    from playwright.sync_api import expect

    page.goto(live_server + "/inloggen")
    log_in(page, "bzk")
    page.get_by_role("link", name="Agenda").click()
    # the default is Mijn deadlines (the items bzk is behandelaar of: none here); this is every ministry's
    page.get_by_label("Agenda van").select_option(label="Deadlines alle ministeries")
    page.get_by_role("button", name="Link maken").click()
    url = page.get_by_label("Agenda-link").input_value()
    assert url.startswith(live_server + "/agenda/") and url.endswith(".ics")
    with urllib.request.urlopen(url) as response:  # as a calendar program fetches it: no cookie, no login
        body = response.read().decode()
    assert response.headers["Content-Type"].startswith("text/calendar") and "2026Z04242" in body
    page.get_by_role("button", name="Intrekken").click()
    expect(page.get_by_text("de link werkt niet meer")).to_be_visible()
    with pytest.raises(urllib.error.HTTPError) as gone:
        urllib.request.urlopen(url)
    assert gone.value.code == 404

    page.get_by_role("link", name="Kamervragen").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel (importformaat)").click()  # not "Rapport (Excel)"
    saved = tmp_path / "kamervragen.xlsx"
    download_info.value.save_as(saved)
    sheet = load_workbook(saved).active
    assert sheet.cell(1, 1).value == "soort" and any(
        row[2] == "2026Z04242" for row in sheet.iter_rows(min_row=2, values_only=True))


def test_document_intake_read_correct_and_save(live_server, page):
    from playwright.sync_api import expect

    page.goto(live_server + "/inloggen")
    log_in(page, "bzk")
    page.get_by_role("link", name="Invoeren", exact=True).click()  # the form, the list and the document: one entry
    page.get_by_role("link", name="Document invoeren").click()
    seed = next((Path(__file__).resolve().parents[1] / "seeds" / "papers").glob("004_*.txt"))
    page.set_input_files("#bestand", str(seed))
    page.get_by_role("button", name="Lezen").click()
    expect(page.get_by_text("6 dagen te laat")).to_be_visible()  # the uitstelbericht of 22 juli 2024
    expect(page.get_by_text("Bestaat al: commissiebrief 174728.01U (EK)")).to_be_visible()
    # what saving will change, field by field, before anything is saved
    changes = page.locator("ul.changes").first
    expect(changes).to_be_visible()
    assert changes.locator("li").count() >= 1 and changes.locator("del").count() == changes.locator("ins").count()
    expect(page.locator("#item-0-deadline")).to_have_value("16 juli 2024")  # dates in Dutch, as the letter writes them
    page.locator("#item-0-stand_van_zaken").fill("Beantwoord op 28 augustus 2024; geen vervolg.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Opgeslagen: 0 nieuw, 1 bijgewerkt")).to_be_visible()
    page.locator(".ok-box").get_by_role("link", name=re.compile("174728.01U")).click()  # a link to what was saved
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("Beantwoord op 28 augustus 2024; geen vervolg.").first).to_be_visible()


def test_open_data_upload_as_admin(live_server, page):
    from playwright.sync_api import expect

    page.goto(live_server + "/inloggen")
    log_in(page, "admin")
    page.get_by_role("link", name="Beheer", exact=True).click()
    page.get_by_role("link", name="Open data TK").click()
    expect(page.get_by_text("Nog niets geïmporteerd.")).to_be_visible()
    files = sorted(str(p) for p in (Path(__file__).parent / "fixtures" / "tk" / "base").glob("*.json"))
    page.get_by_label("OData-pagina's (.json) of een .zip daarvan").set_input_files(files)
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_role("heading", name="Import geslaagd")).to_be_visible()
    expect(page.get_by_text("items: 5 nieuw")).to_be_visible()
    expect(page.get_by_role("cell", name="Toezegging", exact=True)).to_be_visible()
    page.screenshot(path=str(Path(os.environ.get("SCREENSHOTS", "/tmp")) / "open-data.png"), full_page=True)


def test_navigation_fits_one_line_shows_where_you_are_and_folds_on_a_phone_without_javascript(live_server, page):
    from playwright.sync_api import expect

    page.goto(live_server + "/inloggen")
    log_in(page, "admin")  # the longest menu
    page.goto(live_server + "/kamervragen")
    tops = page.eval_on_selector_all(".menu li", "items => items.filter(i => i.getClientRects().length)"
                                     ".map(i => Math.round(i.getBoundingClientRect().top))")
    assert len(set(tops)) == 1, tops  # one line at 1280 px (the phone-only entries are not shown)
    expect(page.locator(".who-bar").get_by_role("link", name="Mijn items")).to_be_visible()
    expect(page.locator('.menu a[aria-current="page"]')).to_have_text("Kamervragen")
    cookies = page.context.cookies()

    phone = page.context.browser.new_context(viewport={"width": 390, "height": 800}, java_script_enabled=False)
    phone.add_cookies(cookies)
    small = phone.new_page()
    small.goto(live_server + "/te-laat")
    expect(small.locator(".main-nav")).to_be_hidden()
    small.get_by_text("Menu", exact=True).click()
    expect(small.locator(".main-nav")).to_be_visible()
    expect(small.locator('.menu a[aria-current="page"]')).to_have_text("Te laat")
    expect(small.locator(".menu").get_by_role("link", name="Mijn items")).to_be_visible()  # not in the top bar here
    expect(small.locator(".who-bar").get_by_role("link", name="Mijn items")).to_be_hidden()
    assert small.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    phone.close()


def test_the_demo_shows_a_working_week(live_server, page, engine):
    """A new user on the demo sees this week: upcoming deadlines on Overzicht, recent items on Te laat."""
    from playwright.sync_api import expect

    from tracker.demo_week import load_week
    from tracker.services.schedule import load_calendar

    with db.transaction(engine) as session:
        load_week(session, clock.today(), load_calendar(session))
    page.goto(live_server + "/inloggen")
    log_in(page, "griffie")
    upcoming = page.locator(".upcoming li")
    expect(upcoming.first).to_be_visible()
    assert upcoming.count() >= 5
    page.get_by_role("link", name="Te laat").click()
    days = [int(d) for d in page.locator("td .days").all_inner_texts()]
    assert any(d <= 7 for d in days) and any(8 <= d <= 60 for d in days)  # late by days and by weeks


AXE = Path(__file__).parent / "tools" / "axe" / "axe.min.js"  # axe-core 4.14.1 from the npm registry (MPL-2.0), vendored


def _axe_violations(page) -> list:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("axe.run(document).then(r => r.violations.filter(v => ['serious', 'critical']"
                         ".includes(v.impact)).map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(' '))]))")


# every page as every role passes axe: tests/test_axe_every_page.py (the pages of tests/every_page.py)


def test_a_date_field_is_one_box_with_a_calendar_button(live_server, page):
    from playwright.sync_api import expect

    page.goto(live_server + "/inloggen")
    log_in(page, "bzk")
    page.goto(live_server + "/items/nieuw")
    start = page.locator("#start_date")
    expect(start).to_be_visible()
    widths = page.eval_on_selector_all("input[type=date]", "els => els.map(e => e.getBoundingClientRect().width)")
    assert widths and max(widths) <= 1  # the browser's picker is there to open, not a second box beside each date
    # the form opens on a motie: its date is the vote's (each soort names its own date)
    expect(page.get_by_role("button", name="Kalender: kies een datum voor Datum van de stemming")).to_be_visible()
    page.eval_on_selector("#start_date ~ input.picker", "p => { p.value = '2026-03-05'; p.dispatchEvent(new Event('change')); }")
    expect(start).to_have_value("05-03-2026")


def test_edit_conflict_review_and_save(live_server, page, engine):
    """Two people edit one item: the one who saves second sees what the other changed and where their input
    differs, and saves after review (the form carries the new version)."""
    from playwright.sync_api import expect

    page.goto(live_server + "/inloggen")
    log_in(page, "bzk")
    with db.transaction(engine) as session:
        item_id = items.find_item(session, "TK", "kamervragen", "2026Z04242").id
    page.goto(f"{live_server}/items/{item_id}/bewerken")
    page.get_by_label("Titel").fill("Vragen over de wachttijden bij de IND (bijgewerkt)")
    with db.transaction(engine) as session:  # a colleague saves first
        item = items.get_item(session, item_id)
        items.update_item(session, item, {"fracties": "SP, GL-PvdA"}, system("collega"))
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Intussen gewijzigd")).to_be_visible()
    expect(page.get_by_text("Gewijzigd: fracties SP → SP, GL-PvdA")).to_be_visible()
    review = page.locator(".conflict-review table")
    expect(review).to_contain_text("SP, GL-PvdA")  # the colleague's value, stored now
    expect(page.get_by_label("Titel")).to_have_value("Vragen over de wachttijden bij de IND (bijgewerkt)")
    page.get_by_label("Fracties").fill("SP, GL-PvdA")  # keep the colleague's change
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Wijzigingen opgeslagen.")).to_be_visible()
    with db.transaction(engine) as session:
        saved = items.get_item(session, item_id)
        assert (saved.title, saved.fracties) == ("Vragen over de wachttijden bij de IND (bijgewerkt)", "SP, GL-PvdA")


def test_griffie_reopens_and_admin_archives_and_restores(live_server, page, engine):
    from playwright.sync_api import expect

    with db.transaction(engine) as session:
        item = items.find_item(session, "TK", "kamervragen", "2026Z04242")
        item_id = item.id
        items.record_answer(session, item, clock.today(), system("bzk"), document_title="Antwoord")
    page.goto(live_server + "/inloggen")
    log_in(page, "griffie")
    page.goto(f"{live_server}/items/{item_id}")
    page.locator("summary", has_text="Heropenen").click()
    page.locator("#heropenen-reason").fill("Antwoord ging over een andere vraag")
    page.get_by_role("button", name="Heropenen").click()
    expect(page.get_by_text("Item heropend.")).to_be_visible()
    expect(page.locator(".timeline")).to_contain_text("Antwoord ging over een andere vraag")
    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, "admin")
    page.goto(f"{live_server}/items/{item_id}")
    page.locator("summary", has_text="Archiveren").click()
    page.locator("#archief-reason").fill("dubbel ingevoerd")
    page.get_by_role("button", name="Archiveren").click()
    # back on the item (not Overzicht), told how to undo it, with the form to do so right there
    expect(page).to_have_url(f"{live_server}/items/{item_id}")
    expect(page.get_by_text("Item gearchiveerd: het staat in geen lijst meer.")).to_be_visible()
    expect(page.get_by_role("button", name="Terugzetten")).to_be_visible()
    page.goto(live_server + "/kamervragen")
    expect(page.get_by_role("link", name="TK 2026Z04242")).to_have_count(0)  # out of every list
    page.get_by_label("Stand").select_option("gearchiveerd")
    page.get_by_role("button", name="Toon").click()
    page.get_by_role("link", name="TK 2026Z04242").click()
    page.locator("#archief-reason").fill("toch niet dubbel")
    page.get_by_role("button", name="Terugzetten").click()
    expect(page.locator(".timeline")).to_contain_text("Teruggezet uit het archief")
    page.goto(live_server + "/kamervragen")
    expect(page.get_by_role("link", name="TK 2026Z04242")).to_be_visible()


def test_import_template_round_trip(live_server, page, engine, tmp_path):
    """Download the template from the import page, upload it as it is: its example rows become items."""
    from playwright.sync_api import expect

    page.goto(live_server + "/inloggen")
    log_in(page, "bzk")
    page.get_by_role("link", name="Invoeren", exact=True).click()
    page.get_by_role("link", name="Import", exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Sjabloon (Excel)").click()
    template = tmp_path / download.value.suggested_filename
    download.value.save_as(template)
    assert template.suffix == ".xlsx"
    page.locator("summary", has_text="Kolommen").click()
    expect(page.locator(".columns-help")).to_contain_text("stand_van_zaken")
    page.get_by_label("CSV- of XLSX-bestand").set_input_files(str(template))
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_role("heading", name="Import geslaagd")).to_be_visible()
    expect(page.get_by_text("4 nieuw, 0 bijgewerkt")).to_be_visible()
    with db.transaction(engine) as session:
        made = session.exec(select(TrackedItem).where(TrackedItem.source.like("import%"))).all()
    assert sorted({i.kind for i in made}) == ["commissiebrief", "kamervragen", "motie", "toezegging"]


def test_api_docs_are_served_by_the_app_itself(live_server, page):
    """Swagger UI from the app's own files (no CDN): it reads openapi.json and lists the operations."""
    from playwright.sync_api import expect

    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server) else None)
    page.goto(live_server + "/api/v1/docs")
    expect(page.get_by_role("heading", name="Kamertracker API").first).to_be_visible()
    expect(page.locator(".opblock-summary-path", has_text="/items/{item_id}/status").first).to_be_visible()
    expect(page.get_by_role("button", name="Authorize")).to_be_visible()
    page.screenshot(path=str(Path(os.environ.get("SCREENSHOTS", "/tmp")) / "api-docs.png"), full_page=False)
    assert outside == []


def test_assign_follow_change_notify_and_read_the_notice_in_the_outbox(live_server, page, engine, tmp_path,
                                                                        monkeypatch):
    """An officer assigns the item to herself, the griffie follows it, the officer changes its status, notify
    runs (no SMTP server: the outbox), and the admin reads the griffie's notice under Verzonden berichten."""
    from playwright.sync_api import expect

    from tracker.notify import Outbox, run

    with db.transaction(engine) as session:
        item_id = items.find_item(session, "TK", "kamervragen", "2026Z04242").id
    page.goto(live_server + "/inloggen")
    log_in(page, "bzk")
    page.goto(f"{live_server}/items/{item_id}/bewerken")
    page.get_by_label("Behandelaar").select_option(label="bzk")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("dl")).to_contain_text("Behandelaar")
    expect(page.get_by_text("Gewijzigd: behandelaar — → bzk")).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, "griffie")
    page.goto(f"{live_server}/items/{item_id}")
    page.get_by_role("button", name="Volgen").click()
    expect(page.get_by_role("button", name="Niet meer volgen")).to_be_visible()
    page.get_by_role("link", name="Volgend").click()
    expect(page.get_by_role("link", name=re.compile("2026Z04242"))).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, "bzk")
    page.goto(f"{live_server}/items/{item_id}")
    page.locator("summary", has_text="Status wijzigen").click()
    page.locator("#status-target").select_option("in_behandeling")
    page.get_by_role("button", name="Status wijzigen").click()
    expect(page.get_by_text("Status gewijzigd.")).to_be_visible()
    monkeypatch.setenv("TRACKER_INSTANCE", str(tmp_path))  # the live server's instance folder
    monkeypatch.delenv("SMTP_URL", raising=False)
    _, report = run(engine, clock.today(), transport=Outbox(tmp_path / "outbox"))
    assert any(m.kind == "follow" and m.username == "griffie" for m in report.sent)
    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, "admin")
    page.goto(live_server + "/beheer/berichten")
    page.get_by_role("link", name=re.compile("nieuws over 1 gevolgd item")).first.click()
    expect(page.locator("pre.mail-text")).to_contain_text("status: ontvangen → in behandeling (door bzk")
    expect(page.locator("pre.mail-text")).to_contain_text(f"/items/{item_id}")
