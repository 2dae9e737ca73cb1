"""The guard against internal words: every page, as every role, and every export, read as a person reads it.

Every GET route of the app (enumerated from app.url_map, so a new page is covered the day it is added) is rendered
with real ids from the demo data as admin, griffie, a BZK beleidsmedewerker and a lezer; the visible text (no tags,
attributes, scripts or styles) and every export's cells must hold none of the words on INTERNAL: a status with an
underscore, a role code, a rule id, "item(s)" and the like. A route that cannot be rendered this way must be named
in NOT_A_PAGE with the reason.
"""
from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from flask import url_for
from openpyxl import load_workbook
from sqlalchemy import select

from tracker import db
from tracker.authz import system
from tracker.domain.rules import default_rulebook
from tracker.domain.workflow import WORKFLOWS
from tracker.models import Committee, DelayNotice, Document, Notification, Person, TrackedItem, User
from tracker.services import items as item_service

ROLES = ("admin", "griffie", "bzk", "lezer")

_UNDERSCORE_STATUSES = sorted({status for workflow in WORKFLOWS.values() for status in workflow.statuses
                               if "_" in status}, key=len, reverse=True)
_RULE_IDS = sorted({rule.id for rule in default_rulebook().rules if "-" in rule.id}, key=len, reverse=True)
# (what is wrong, pattern). Boundaries are exact: "officier" or "weekoverzicht" is no hit, "(officer" is.
INTERNAL = [
    ("status met een liggend streepje", re.compile(r"(?<![\w-])(?:" + "|".join(_UNDERSCORE_STATUSES) + r")(?![\w-])")),
    ("code met een liggend streepje", re.compile(r"(?<![\w./-])[a-z]+(?:_[a-z]+)+(?![\w./-])")),
    ("rolcode", re.compile(r"(?<![\w-])(?:officer|viewer)(?![\w-])", re.IGNORECASE)),
    ("regel-id", re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, _RULE_IDS)) + r")(?![\w-])")),
    ("regel-id", re.compile(r"(?<![\w-])(?:tk|ek)-[a-z]+(?:[-+][a-z]+)*(?![\w-])")),
    ("bron als code", re.compile(r"(?<![\w-])(?:demo-week|import document-invoeren|tk-open-data)(?![\w-])")),
    ("meervoud tussen haakjes", re.compile(r"\w\((?:s|en|'s|’s)\)")),
    ("meervoud met een schuine streep", re.compile(r"(?<!\w)(?:probleem/problemen|zaak/zaken|item/items)(?!\w)")),
    ("Python-waarde", re.compile(r"(?<![\w-])None(?![\w-])")),
]


def internal_words(text: str) -> list[str]:
    """The internal words in a text a person reads: ["rolcode: 'officer'", …]."""
    return [f"{what}: {found.group(0)!r} in …{text[max(0, found.start() - 40):found.end() + 40]!r}…"
            for what, pattern in INTERNAL for found in pattern.finditer(text)]


class _Visible(HTMLParser):
    """The text a browser shows: no tags, no attribute values, nothing of <script>, <style> or <template>. Nor
    <code>: a literal a person types, as the import's column names ("stand_van_zaken") are a file format."""

    HIDDEN = {"script", "style", "template", "code"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


# Routes no person reads as a page, with the reason (anything else is rendered or the test fails)
NOT_A_PAGE = {
    "static": "bestanden van de app zelf (css, js)",
    "api.docs_asset": "bestanden van de API-documentatie",
    "api.openapi_document": "machineleesbare API-beschrijving (parameter- en veldnamen zijn de API)",
    "public.openapi": "machineleesbare API-beschrijving (parameter- en veldnamen zijn de API)",
    "items.phrase_preview": "JSON voor het live-voorbeeld (de teksten erin staan op het formulier, dat wel getoond wordt)",
    "health.health": "gezondheidscontrole voor de beheerder van de server",
    "letters.stylesheet": "css van de brieven",
    "letters.download": "PDF van een brief (de brief zelf is als HTML-pagina getoond)",
    "rappel.download": "PDF van een brief (de brief zelf is als HTML-pagina getoond)",
    "items.import_template_file": "een export: test_no_export_shows_internal_words",
}
# JSON for programs: keys and codes are the API's contract; only its words for people (detail) are read
JSON_ENDPOINTS_PREFIX = ("api.", "public.api_")


def _ids(engine, tmp_path) -> dict:
    """Real ids from the demo data for every kind of route argument (and the data a page needs to have rows)."""
    with db.transaction(engine) as session:
        items = session.execute(select(TrackedItem).order_by(TrackedItem.id)).scalars().all()
        by_kind = {}
        for item in items:
            by_kind.setdefault(item.kind, item.id)
        delayed = session.execute(select(DelayNotice.item_id)).scalars().first()
        archived = next((i.id for i in items if i.archived_at is not None), None)
        # a deadline set by hand, so its explanation and the rule line are on a page
        manual = next(i for i in items if i.archived_at is None and i.start_date and i.closed_on is None)
        item_service.override_deadline(session, manual, manual.start_date + timedelta(days=60),
                                       "verlengd na overleg met de commissie", system("griffie (griffie)"))
        letters = session.execute(select(Document.id).where(Document.kind == "voortgangsbrief")).scalars().all()
        person = session.execute(select(Person.id)).scalars().first()
        committee = session.execute(select(Committee.id)).scalars().first()
        dossier = session.execute(select(Document.dossier).where(Document.dossier.is_not(None))
                                  .order_by(Document.id)).scalars().first()
        admin = session.execute(select(User).where(User.username == "admin")).scalar_one()
        from tracker import saved_feeds
        from tracker.feeds import create_feed
        _, ics = create_feed(session, admin, None)
        _, atom = saved_feeds.create(session, admin, "te-laat", "", ("kamer",))
        shown = {*by_kind.values(), delayed, archived, manual.id, items[-1].id} - {None}  # the last: a demo-week item
        ids = dict(items=sorted(shown), letters=letters, person=person, committee=committee, dossier=dossier, ics=ics, atom=atom)
    ids["notification"] = _a_message(engine, tmp_path)
    return ids


def _a_message(engine, tmp_path) -> int:
    """One mail in the outbox (the weekly overview of a Monday), for the mail viewer."""
    from tracker import clock, config
    from tracker.domain.dutch import WEEKDAYS
    from tracker.notify import run
    from tracker.notify.transport import Outbox

    weekday = WEEKDAYS[config.digest_day()]
    today = clock.today()
    on = today + timedelta(days=(weekday - today.weekday()) % 7)
    run(engine, on, transport=Outbox(config.outbox_path()))
    with db.transaction(engine) as session:
        return session.execute(select(Notification.id).order_by(Notification.id)).scalars().first()


def _urls(app, ids) -> list[tuple[str, str]]:
    """(endpoint, url) for every GET route with real values; a route that needs a value we lack fails the test."""
    values = {
        "item_id": ids["items"], "document_id": ids["letters"], "person_id": [ids["person"]],
        "committee_id": [ids["committee"]], "notification_id": [ids["notification"]],
        "nummer": [ids["dossier"]], "slug": ["moties", "toezeggingen", "kamervragen", "commissiebrieven"],
        "fmt": ["csv", "xlsx"],
    }
    urls, missing = [], []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in NOT_A_PAGE:
            continue
        if rule.endpoint == "agenda.feed":
            urls.append((rule.endpoint, f"/agenda/{ids['ics']}.ics"))
            continue
        if rule.endpoint == "atom.feed":
            urls.append((rule.endpoint, f"/feeds/{ids['atom']}.atom"))
            continue
        arguments = sorted(rule.arguments)
        if not arguments:
            urls.append((rule.endpoint, rule.rule))
            continue
        if len(arguments) != 1 or arguments[0] not in values or not all(values[arguments[0]]):
            missing.append(rule.rule)
            continue
        with app.test_request_context():
            urls += [(rule.endpoint, url_for(rule.endpoint, **{arguments[0]: value})) for value in values[arguments[0]]]
    assert not missing, f"geen waarde uit de demodata voor {missing}: voeg ze toe aan _urls of NOT_A_PAGE"
    return urls


EXPORTS = [  # (url, header row is the import format: its column names are the file format, read back by the import)
    *[(f"/{slug}?formaat={fmt}", True) for slug in ("moties", "toezeggingen", "kamervragen", "commissiebrieven")
      for fmt in ("csv", "xlsx")],
    ("/te-laat?formaat=import-csv", True), ("/te-laat?formaat=xlsx", True),
    ("/import/sjabloon.csv", True), ("/import/sjabloon.xlsx", True),
    # the reports people hand on: every cell in words (their title row and headers too)
    *[(f"/{slug}?formaat={fmt}", False) for slug in ("moties", "toezeggingen", "kamervragen", "commissiebrieven",
                                                     "alle-items") for fmt in ("rapport-csv", "rapport-xlsx")],
    ("/te-laat?formaat=rapport-csv", False), ("/te-laat?formaat=rapport-xlsx", False),
]
# Data formats for other programs, not for reading: their column names and codes are a contract other tools rely on
# (the Te laat CSV's due, days_overdue, huidige_status, regel); a person gets the report of the same items.
MACHINE_FORMATS = {"/te-laat?formaat=csv": "gegevensformaat (CSV (gegevens)); het rapport is getest hierboven"}
NOT_YET: dict[str, str] = {}


def _export_text(response, import_format: bool) -> str:
    if response.mimetype == "text/csv" or response.mimetype == "text/plain":
        rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    else:
        sheet = load_workbook(io.BytesIO(response.data), read_only=True).active
        rows = [[str(v) for v in row if v is not None] for row in sheet.iter_rows(values_only=True)]
    if import_format:
        rows = rows[1:]
    return "\n".join(" ".join(str(cell) for cell in row) for row in rows)


def test_the_guard_finds_what_it_should_and_not_dutch_words():
    """The patterns themselves: each internal word is a hit, a Dutch word around it is not."""
    hits = ["bzk · officer BZK", "lezer · viewer", "status in_behandeling", "Regel: tk-kamervragen", "3 item(s)",
            "2 probleem/problemen", "bron: demo-week", "waarde None", "stand_van_zaken", "termijn(en)", "pagina('s)"]
    for text in hits:
        assert internal_words(text), text
    clean = ["officier van justitie", "weekoverzicht", "week-agenda", "in behandeling", "3 items", "tk.nl",
             "bestand lijst_2026.xlsx", "Tweede Kamer (TK)", "Fracties", "beleidsmedewerker BZK",
             "https://zoek.officielebekendmakingen.nl/kst-35628-10", "Check-in", "Nonet"]
    for text in clean:
        assert not internal_words(text), (text, internal_words(text))
    assert visible_text('<p title="officer">a <b>b</b><script>var in_behandeling;</script><style>.x_y{}</style></p>') \
        == "a b"


@pytest.mark.parametrize("user", ROLES)
def test_no_page_shows_internal_words(app, demo, login_as, tmp_path, monkeypatch, user):
    """Every page of the app as this role: no internal word in what a person reads."""
    monkeypatch.setenv("TRACKER_PUBLIC_REGISTER", "1")  # the public pages exist only then
    ids = _ids(demo, tmp_path)
    client = login_as(user)
    found, rendered = [], 0
    for endpoint, url in _urls(app, ids):
        response = client.get(url)
        response.close()  # a file sent from disk (the API documentation) is closed, not left to the collector
        assert response.status_code < 500, (url, response.status_code)
        if response.status_code >= 300:  # not for this role (403), or elsewhere: the page of the role is checked
            continue
        rendered += 1
        if endpoint.startswith(JSON_ENDPOINTS_PREFIX) or response.mimetype == "application/json":
            text = " ".join(str(v) for v in _json_words(response.get_json()))
        elif response.mimetype in ("text/html",):
            text = visible_text(response.get_data(as_text=True))
        elif response.mimetype in ("text/calendar", "application/atom+xml", "application/xml"):
            text = visible_text(response.get_data(as_text=True).replace("\\n", " ").replace("\\,", ","))
        else:
            continue  # a spreadsheet: test_no_export_shows_internal_words
        found += [f"{url}: {hit}" for hit in internal_words(text)]
    assert rendered > 40, rendered
    assert not found, "\n".join(found)


def _json_words(value):
    """The texts a person reads in an API answer: its messages (detail, title), not its keys and codes."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in ("detail", "title", "uitleg", "termijn_regel", "status_tekst") and inner is not None:
                yield inner
            elif isinstance(inner, (dict, list)):
                yield from _json_words(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _json_words(inner)


@pytest.mark.parametrize("url,import_format", EXPORTS + [(url, False) for url in NOT_YET])
def test_no_export_shows_internal_words(app, demo, login_as, url, import_format, request):
    """Every export as the griffie sees it (all ministries): no internal word in a cell."""
    if url in NOT_YET:
        request.applymarker(pytest.mark.xfail(reason=NOT_YET[url], strict=True))
    response = login_as("griffie").get(url)
    assert response.status_code == 200, url
    hits = internal_words(_export_text(response, import_format))
    assert not hits, "\n".join(hits)
