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
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from tracker import clock
from tracker.domain.rules import default_rulebook
from tracker.domain.workflow import WORKFLOWS

from . import every_page
from .every_page import ROLES

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
    """The text a person reads: what a browser shows and the attributes read as words (READ), no other attribute,
    nothing of <script>, <style> or <template>. Nor
    <code>: a literal a person types, as the import's column names ("stand_van_zaken") are a file format."""

    HIDDEN = {"script", "style", "template", "code"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    # attributes a person reads too: a tooltip, what a screen reader says, a field's example, a button's text
    READ = ("title", "aria-label", "placeholder", "alt")

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        if self.hidden:
            return
        values = dict(attrs)
        self.parts += [values[name] for name in self.READ if values.get(name)]
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.parts.append(values["value"])

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


# JSON for programs: keys and codes are the API's contract; only its words for people (detail) are read
JSON_ENDPOINTS_PREFIX = ("api.", "public.api_")


EXPORTS = [  # (url, header row is the import format: its column names are the file format, read back by the import)
    *[(f"/{slug}?formaat={fmt}", True) for slug in ("moties", "toezeggingen", "kamervragen", "commissiebrieven",
                                                    "alle-items") for fmt in ("csv", "xlsx")],
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
    assert visible_text('<p class="officer" data-x="in_behandeling">a <b>b</b><script>var in_behandeling;</script>'
                        '<style>.x_y{}</style></p>') == "a b"
    assert visible_text('<a title="Rol" href="/x_y">a</a><input aria-label="Kies" placeholder="nummer" name="a_b">'
                        '<img alt="grafiek" src="a_b.png"><input type="submit" value="Toon">') == "Rol a Kies nummer grafiek Toon"


@pytest.mark.parametrize("user", ROLES)
def test_no_page_shows_internal_words(app, demo, login_as, tmp_path, monkeypatch, user):
    """Every page of the app as this role: no internal word in what a person reads."""
    monkeypatch.setenv("TRACKER_PUBLIC_REGISTER", "1")  # the public pages exist only then
    found_ids = every_page.ids(demo, clock.today())
    client = login_as(user)
    found, rendered, downloads = [], 0, set()
    for endpoint, url in every_page.urls(app, found_ids):
        response = client.get(url)
        response.close()  # a file sent from disk (the API documentation) is closed, not left to the collector
        assert response.status_code < 500, (url, response.status_code)
        if endpoint in ("agenda.feed", "atom.feed"):  # read without a login: never "not for this role"
            assert response.status_code == 200, (url, response.status_code)
        if 300 <= response.status_code < 400:  # elsewhere: the page it sends to is checked itself
            continue
        rendered += response.status_code == 200  # not for this role (403): its refusal is read as well
        if endpoint.startswith(JSON_ENDPOINTS_PREFIX) or response.mimetype == "application/json":
            text = " ".join(str(v) for v in _json_words(response.get_json()))
        elif response.mimetype in ("text/html",):
            text = visible_text(response.get_data(as_text=True))
            downloads |= {(url, link) for link in _download_links(response.get_data(as_text=True))}
        elif response.mimetype in ("text/calendar", "application/atom+xml", "application/xml"):
            text = visible_text(response.get_data(as_text=True).replace("\\n", " ").replace("\\,", ","))
        else:
            continue  # a spreadsheet: test_no_export_shows_internal_words
        found += [f"{url}: {hit}" for hit in internal_words(text)]
    assert rendered > 40, rendered
    assert not found, "\n".join(found)
    # every download a page offers is read by test_no_export_shows_internal_words (or named a data format)
    known = {url for url, _ in EXPORTS} | set(MACHINE_FORMATS)
    unknown = sorted({link: f"{link} (op {url})" for url, link in sorted(downloads) if link not in known}.values())
    assert not unknown, "export zonder controle: voeg toe aan EXPORTS\n" + "\n".join(unknown)


def _download_links(page: str) -> set[str]:
    """The exports a page links to, as EXPORTS names them: "/kamervragen?formaat=xlsx" (without the filters)."""
    from html import unescape
    from urllib.parse import parse_qs, urlsplit

    links = set()
    for href in re.findall(r'href="([^"]+)"', page):
        parts = urlsplit(unescape(href))
        fmt = parse_qs(parts.query).get("formaat")
        if fmt:
            links.add(f"{parts.path}?formaat={fmt[0]}")
        elif re.search(r"\.(csv|xlsx)$", parts.path):
            links.add(parts.path)
    return links


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


def test_no_mail_shows_internal_words(demo):
    """Every kind of mail `tracker notify` sends (weekly overview, reminder, followed item): its subject, its text
    part and its HTML part (as a mail program shows it) hold no internal word."""
    import email
    import email.policy

    from sqlalchemy import select

    from tracker import config, db
    from tracker.models import Notification

    every_page.mails(demo, clock.today())
    with db.transaction(demo) as session:
        rows = session.execute(select(Notification.kind, Notification.file)).all()
    found, kinds = [], set()
    for kind, file in rows:
        kinds.add(kind)
        mail = email.message_from_bytes((config.outbox_path() / file).read_bytes(), policy=email.policy.default)
        for part, text in (("onderwerp", str(mail["Subject"])), ("tekst", mail.get_body(("plain",)).get_content()),
                           ("html", visible_text(mail.get_body(("html",)).get_content()))):
            found += [f"{kind} ({part}): {hit}" for hit in internal_words(text)]
    assert kinds == {"digest", "reminder", "follow"}, kinds
    assert not found, "\n".join(found)
