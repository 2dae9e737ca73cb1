"""axe-core in a real browser on every page as every role: no serious or critical violation.

The pages are those of the internal-word guard (tests/every_page.py: every GET route of app.url_map with real ids,
and the queries that change a page), so a new page is checked the day it is added. Every page at 1280 px; the main
pages (every_page.MAIN_PAGES) at 390 px as well. One server and one browser for the whole module; each role logs in
once in a context of its own. With KAMERTRACKER_SCREENSHOTS=folder every page checked is also saved as a full-page
screenshot, to be looked at.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tracker import clock, db

from . import every_page
from .test_browser import AXE, CHROMIUM, _axe_violations, log_in, pytestmark, running_server  # noqa: F401

# Not a page for a browser to check: data for programs (JSON), calendars and feeds, each checked for words by the
# guard; and the API's documentation is Swagger UI, shipped as it is (not our markup)
NOT_FOR_AXE = ("api.", "public.api_", "agenda.feed", "atom.feed", "public.atom", "public.dossier_atom",
               "public.committee_atom", "public.person_atom", "public.ics")
THIRD_PARTY = {"api.docs": "Swagger UI (de API-documentatie), zoals meegeleverd"}
# Pages of one template with many ids: the first few say what the others would (the guard reads them all)
AT_MOST = {"items.edit": 2, "letters.show": 1, "admin.message": 1, "public.item_page": 3, "public.item_list": 3,
           "items.item_list": 10}


def _for_axe(urls: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: dict[str, int] = {}
    kept = []
    for endpoint, url in urls:
        if endpoint.startswith(NOT_FOR_AXE) or endpoint in THIRD_PARTY:
            continue
        seen[endpoint] = seen.get(endpoint, 0) + 1
        if seen[endpoint] <= AT_MOST.get(endpoint, 99):
            kept.append((endpoint, url))
    return kept


@pytest.fixture(scope="module")
def site(database_url, tmp_path_factory):
    """The demo data with every_page's ids, served by gunicorn (with the public register on) for this module."""
    from tests.conftest import _empty_every_table
    from tracker.demo import default_demo_file, load_demo

    folder = tmp_path_factory.mktemp("axe")
    engine = db.get_engine(database_url)
    _empty_every_table(engine)
    env = {"DATABASE_URL": database_url, "TRACKER_INSTANCE": str(folder / "instance"),
           "TRACKER_EXPORTS": str(folder / "exports"), "TRACKER_PUBLIC_REGISTER": "1"}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        with db.transaction(engine) as session:
            load_demo(session, default_demo_file())
        found = every_page.ids(engine, clock.today())
        from tracker.web import create_app
        app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t"})
        urls = _for_axe(every_page.urls(app, found))
    with running_server({**env, "SECRET_KEY": "axe-test"}, folder) as url:
        yield url, urls


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                           "--disable-component-update", "--no-first-run"])
        yield launched
        launched.close()


@pytest.mark.parametrize("role", every_page.ROLES)
def test_every_page_passes_axe_as_every_role(site, browser, database_url, role):
    if role != "admin" and not database_url.startswith("sqlite"):
        pytest.skip("what a role sees does not depend on the database: the other roles run on SQLite only")
    base, urls = site
    shots = os.environ.get("KAMERTRACKER_SCREENSHOTS")
    # axe is injected as a script of its own: the app's CSP (rightly) forbids that, so the test lifts it
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(base + "/inloggen")
    found = {(1280, "/inloggen"): _axe_violations(page)}
    log_in(page, role)
    page.wait_for_url(re.compile(r".*/$"))
    checked, refused = 0, None
    main = list({endpoint: url for endpoint, url in reversed(urls) if endpoint in every_page.MAIN_PAGES}.values())
    for width, todo in ((1280, [url for _, url in urls]), (390, main)):
        page.set_viewport_size({"width": width, "height": 900})
        for url in todo:
            response = page.goto(base + url)
            assert response is not None and response.status < 500, (url, response and response.status)
            if response.status >= 400:  # not for this role: its refusal is a page too, checked once
                if refused is not None:
                    continue
                refused = url
            assert response.headers.get("content-type", "").startswith("text/html"), \
                f"{url} is geen HTML-pagina: zet het eindpunt in NOT_FOR_AXE"
            found[(width, url)] = _axe_violations(page)
            checked += 1
            if shots:
                name = re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "overzicht"
                page.screenshot(path=str(Path(shots) / f"{role}-{width}-{name}.png"), full_page=True)
    context.close()
    assert checked > 30, checked
    assert {where: v for where, v in found.items() if v} == {}
