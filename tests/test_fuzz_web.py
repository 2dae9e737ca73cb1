"""Fuzzing the doors: any query string on any list page, any value in any form field, never a 5xx.

Hypothesis picks the page or form and fills it with text a person or a script could send: empty, very
long, control characters, numbers beyond any column, dates that do not exist, parameters nobody asked for.
"""
from __future__ import annotations

import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import db
from tracker.services import items

PAGES = ["/", "/te-laat", "/moties", "/toezeggingen", "/kamervragen", "/commissiebrieven", "/agenda/",
         "/voortgangsbrief/", "/rappel/", "/api/termijn", "/document-invoeren/", "/import",
         "/items/nieuw", "/beheer/gebruikers", "/beheer/open-data/", "/wachtwoord", "/inloggen"]
PARAMETERS = ["op", "kamer", "ministerie", "soort", "status", "stand", "q", "sorteer", "pagina", "formaat",
              "bewindspersoon", "fractie", "zin", "datum", "next", "_method", "x"]
TYPICAL = ["", "0", "1", "-1", "3", "99999999999999999999", "2024-01-01", "31-02-2024", "1 oktober 2024",
           "voor de zomer", "TK", "EK", "motie", "toezegging", "kamervragen", "commissiebrief", "open", "te_laat",
           "alle", "afgesloten", "termijn", "kort", "csv", "xlsx", "import-csv", "BZK", "OCW", "POST", "%00",
           "'; DROP TABLE tracked_item; --", "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "\x00", "é" * 300]
values = st.one_of(st.sampled_from(TYPICAL), st.text(max_size=60))
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 120)), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])


@pytest.fixture
def clients(login_as):
    return {role: login_as(role) for role in ("admin", "bzk", "griffie", "lezer")}


@FUZZ
@given(page=st.sampled_from(PAGES), role=st.sampled_from(["admin", "bzk", "griffie", "lezer"]),
       query=st.dictionaries(st.sampled_from(PARAMETERS), values, max_size=6))
def test_no_query_string_gives_a_server_error(clients, page, role, query):
    response = clients[role].get(page, query_string=query)
    assert response.status_code < 500, (page, query, response.status_code)


def _form_targets(engine) -> dict[str, list[str]]:
    with db.transaction(engine) as session:
        item = items.find_item(session, "EK", "commissiebrief", "174728.03U")
        id_ = item.id
    action = ["version", "note", "reason", "on"]
    return {
        f"/items/{id_}/status": ["target", *action],
        f"/items/{id_}/uitstel": ["sent_on", "promised", *action],
        f"/items/{id_}/antwoord": ["answered_on", "title", "kenmerk", "url", *action],
        f"/items/{id_}/stand": ["stand_van_zaken", "version"],
        f"/items/{id_}/termijn": ["due", "effective_from", *action],
        f"/items/{id_}/archiveer": action,
        "/items/nieuw": ["kind", "chamber", "nummer", "title", "ministry_id", "bewindspersoon", "start_date", "term",
                         "deadline", "committee_id", "controleer", "tags"],
        f"/items/{id_}/bewerken": ["nummer", "title", "ministry_id", "start_date", "term", "deadline", "committee_id",
                                   "version", "members"],
        "/document-invoeren/": ["tekst", "actie", "item-0-soort", "item-0-nummer", "item-0-opnemen", "item-0-kamer",
                                "item-0-ministerie", "item-0-datum"],
        "/wachtwoord": ["current", "new", "repeat"],
        "/beheer/gebruikers": ["username", "role", "ministry_id", "password"],
        "/beheer/ministeries": ["code", "name", "active_from", "active_until"],
        "/beheer/personen": ["name", "role", "chamber", "ministry_id", "function", "start", "end"],
        "/beheer/commissies": ["chamber", "name", "abbreviation"],
        "/beheer/recessen": ["chamber", "name", "start", "end"],
        "/voortgangsbrief/": ["ministry_id", "chamber", "actie", "item", "kinds", "dagtekening", "betreft"],
        "/rappel/": ["ministry_id", "chamber", "peildatum", "dagtekening", "signer_name", "actie"],
        "/agenda/": ["scope", "label"],
        "/kamervragen/selectie": ["item", "actie", "behandelaar", "status", "toelichting", "terug"],
        "/feeds": ["pagina", "filter"],
    }


@FUZZ
@given(data=st.data(), role=st.sampled_from(["admin", "bzk", "griffie", "lezer"]))
def test_no_form_input_gives_a_server_error(clients, demo, data, role):
    targets = _form_targets(demo)
    url = data.draw(st.sampled_from(sorted(targets)))
    form = data.draw(st.dictionaries(st.sampled_from(targets[url]), values, max_size=len(targets[url])))
    response = clients[role].post(url, data=form)
    assert response.status_code < 500, (url, form, response.status_code)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode)),
       name=st.sampled_from(["lijst.csv", "lijst.xlsx", "pagina.json", "pagina.zip", "brief.pdf", "brief.txt"]))
def test_no_upload_gives_a_server_error(clients, content, name):
    admin = clients["admin"]
    for url, field in (("/import", "file"), ("/beheer/open-data/", "files"), ("/document-invoeren/", "bestand")):
        response = admin.post(url, data={field: (io.BytesIO(content), name)}, content_type="multipart/form-data")
        assert response.status_code < 500, (url, name, content[:40], response.status_code)
