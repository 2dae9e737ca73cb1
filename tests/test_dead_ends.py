"""Issue 26, point 7: no dead ends. Each message says what to do next with a path the reader has: the voortgangsbrief
names no admin page or command-line option to an officer, archiving lands on the item with its undo, a duplicate
number links to the registered item, a 403 says which role or ministry it needs, a new Atom feed is shown on the page
it is of, and the timeline keeps the registration in date order."""
from __future__ import annotations

import html
import re
from datetime import date, datetime, timezone
from types import SimpleNamespace

import pytest
from sqlmodel import Session, select

from tracker import clock, db
from tracker.authz import system
from tracker.models import Ministry, TrackedItem
from tracker.services import items
from tracker.web.items import _timeline

TODAY = date(2023, 3, 1)  # nobody is minister of OCW in the demo register that day


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def ministry_id(engine, code: str) -> int:
    with Session(engine) as session:
        return session.exec(select(Ministry.id).where(Ministry.code == code)).one()


def question(engine, nummer="2023Z03001", ministry="OCW") -> int:
    with db.transaction(engine) as session:
        item = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer=nummer, title="Vragen over het lerarentekort",
            ministry_code=ministry, start_date=date(2023, 2, 20)), system("test"))
        session.flush()
        return item.id


def text_of(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))))


def test_the_voortgangsbrief_tells_an_officer_a_path_they_have(login_as, demo):
    ocw = ministry_id(demo, "OCW")
    search = {"ministry_id": ocw, "chamber": "TK", "actie": "zoeken"}
    officer = text_of(login_as("ocw").post("/voortgangsbrief/", data=search))
    assert "niemand bewindspersoon van het ministerie van Onderwijs" in officer
    assert "Beheer → Personen" not in officer and "--ondertekenaar" not in officer
    assert "vul hieronder Functie ondertekenaar en Naam ondertekenaar in" in officer
    assert "vraag dan een beheerder van Kamertracker" in officer
    admin = text_of(login_as("admin").post("/voortgangsbrief/", data=search))
    assert "Beheer → Personen" in admin and "--ondertekenaar" not in admin


def test_archiving_lands_on_the_item_with_its_undo_and_the_reason_is_marked_required(login_as, demo):
    item_id = question(demo)
    admin = login_as("admin")
    page = text_of(admin.get(f"/items/{item_id}"))
    assert "Reden (verplicht)" in page and "U komt terug op deze pagina" in page
    with Session(demo) as session:
        version = session.get(TrackedItem, item_id).version
    done = admin.post(f"/items/{item_id}/archiveer", data={"reason": "dubbel ingevoerd", "version": version})
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/items/{item_id}")
    landed = text_of(admin.get(done.headers["Location"]))
    assert "Item gearchiveerd" in landed and "Ongedaan maken kan hieronder met Terugzetten" in landed
    assert 'action="/items/%d/terugzetten"' % item_id in admin.get(f"/items/{item_id}").get_data(as_text=True)
    # whoever may not restore is told who can, and where the archived items are
    reader = login_as("lezer").get(f"/items/{item_id}").get_data(as_text=True)
    assert "Terugzetten kan een beheerder van Kamertracker." in reader and "stand=gearchiveerd" in reader
    assert "/terugzetten" not in reader


def test_a_duplicate_number_links_to_the_registered_item(login_as, demo):
    item_id = question(demo)
    response = login_as("ocw").post("/items/nieuw", data={
        "kind": "kamervragen", "chamber": "TK", "nummer": "2023Z03001", "title": "Nog eens", "committee_id": 0,
        "ministry_id": ministry_id(demo, "OCW"), "behandelaar_id": 0, "start_date": "20-02-2023"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "bestaat al" in page
    assert f'<a href="/items/{item_id}">bekijk TK 2023Z03001</a>' in page


def test_a_403_says_which_role_or_ministry_it_needs(login_as, demo):
    item_id = question(demo)
    with Session(demo) as session:
        version = session.get(TrackedItem, item_id).version
    other = login_as("bzk").post(f"/items/{item_id}/status", data={"target": "in_behandeling", "version": version})
    said = text_of(other)
    assert other.status_code == 403 and "U bent ingelogd als beleidsmedewerker van BZK" in said
    assert "alleen voor uw eigen ministerie (BZK); dit hoort bij OCW" in said and "Er is niets gewijzigd" in said
    reader = login_as("lezer").get("/beheer/gebruikers")
    assert reader.status_code == 403 and "U bent ingelogd als lezer. Beheren is voorbehouden aan: beheerder." in text_of(reader)
    griffie = login_as("griffie").post(f"/items/{item_id}/archiveer", data={"reason": "x", "version": version})
    assert griffie.status_code == 403 and "Items archiveren is voorbehouden aan: beheerder" in text_of(griffie)
    for response in (other, reader, griffie):  # in Dutch: no role codes
        assert not re.search(r"\b(officer|viewer|admin)\b", text_of(response).split("Kamertracker", 1)[-1].split("Uitloggen")[-1])


def test_a_new_atom_feed_is_shown_on_the_page_it_is_of(login_as, demo):
    client = login_as("bzk")
    made = client.post("/feeds", data={"pagina": "kamervragen", "filter": "stand=alle&q=IND"})
    page = made.get_data(as_text=True)
    assert made.status_code == 201 and "<h1>Kamervragen</h1>" in page and 'value="IND"' in page
    assert re.search(r'<input class="feed-url" id="new-feed" readonly value="http[^"]+/feeds/[^"]+\.atom"', page)
    overdue = client.post("/feeds", data={"pagina": "te-laat", "filter": "ministerie=BZK"}).get_data(as_text=True)
    assert "<h1>Te laat" in overdue and 'id="new-feed"' in overdue


def _event(action, on, at, number):
    return SimpleNamespace(action=action, effective_on=on, at=datetime(*at, tzinfo=timezone.utc), note=None,
                           actor="demo", field="status" if action == "status" else None, old="a", new="b", id=number)


def test_the_timeline_keeps_the_registration_in_date_order():
    registered = (2026, 12, 7, 10, 0)
    trail = [_event("aangemaakt", None, registered, 1), _event("status", date(2021, 2, 10), registered, 2),
             _event("status", date(2026, 12, 7), (2026, 12, 7, 11, 0), 3)]
    plan = SimpleNamespace(delays=[])
    entries = _timeline([], plan, trail)
    assert [(e["what"], e["on"]) for e in entries] == [
        ("status", date(2026, 12, 7)), ("aangemaakt", date(2026, 12, 7)), ("status", date(2021, 2, 10))]
    assert "gebeurde eerder" in entries[1]["detail"]
    # registered on the day of its first event: nothing to explain
    alone = _timeline([], plan, [_event("aangemaakt", None, registered, 1)])
    assert alone[0]["detail"] is None
