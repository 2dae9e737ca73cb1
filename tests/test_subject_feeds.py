"""Atom feeds of a dossier, a person and a committee (issue 25): made from the page as the list feeds are (a secret
token, shown once, read without logging in), well-formed, the items of the page the last changed first, and never a
stand van zaken — so never another ministry's intern data."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from sqlalchemy import text
from sqlmodel import select

from tracker import db
from tracker.authz import Actor
from tracker.models import Committee, Ministry, Person, TrackedItem
from tracker.services import items

M = "FEEDMARKER"
NS = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def subject(demo) -> dict:
    """A BZK motie in dossier 36999 by Bikker, an OCW toezegging citing 36999 at an EK committee, each with an intern
    stand holding the marker; one item elsewhere."""
    with db.transaction(demo) as session:
        committee = session.exec(select(Committee).where(Committee.chamber == "EK")).first()
        made = {}
        for code, kind, chamber, nummer, title, body, members, committee_id in (
                ("BZK", "motie", "TK", "36999, nr. 12", "Motie Bikker over de registers", None, "Bikker", None),
                ("OCW", "toezegging", "EK", "T09901", "Toezegging over onderwijsregisters",
                 "Gedaan bij Kamerstukken I 2025/26, 36999, B", None, committee.id),
                ("OCW", "kamervragen", "TK", "2026Z77001", "Vragen over iets anders", None, "Anderman", None)):
            ministry = session.exec(select(Ministry).where(Ministry.code == code)).one()
            officer = Actor(f"officer-{code}", "officer", ministry.id, code)
            item = items.create_item(session, items.ItemInput(
                kind=kind, chamber=chamber, nummer=nummer, title=title, text=body, ministry_code=code,
                start_date=date(2026, 10, 5), members=members), officer)
            changes = {"stand_van_zaken": f"{M} intern {code}", "stand_intern": True}
            if committee_id:
                changes["committee_id"] = committee_id
            items.update_item(session, item, changes, officer)
            made[nummer] = item.id
    with db.transaction(demo) as session:  # (persons are read from the members text at the commit)
        bikker = session.exec(select(Person.id).where(Person.name == "Bikker")).one()
        committee_items = set(session.exec(select(TrackedItem.id).where(
            TrackedItem.committee_id == committee.id, TrackedItem.archived_at.is_(None))).all())
    return {"items": made, "person": bikker, "committee": committee.id, "committee_items": committee_items}


def _make(client, page: str, query: str) -> str:
    made = client.post("/feeds", data={"pagina": page, "filter": query})
    assert made.status_code == 201, made.get_data(as_text=True)[:500]
    return re.search(r'<code class="hash" id="new-feed">[^<]*(/feeds/[^<]+\.atom)</code>',
                     made.get_data(as_text=True)).group(1)


def _entries(app, url: str) -> tuple[ET.Element, list[int], str]:
    response = app.test_client().get(url)  # a feed reader: no cookie
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)
    ids = [int(re.search(r"(?:item|openbaar)/(\d+)", e.findtext("a:id", namespaces=NS)).group(1))
           for e in root.findall("a:entry", NS)]
    return root, ids, response.get_data(as_text=True)


def test_the_pages_link_their_feed(app, login_as, subject):
    client = login_as("bzk")
    for url in ("/dossiers/36999", f"/personen/{subject['person']}", f"/commissies/{subject['committee']}"):
        page = client.get(url).get_data(as_text=True)
        assert 'action="/feeds"' in page and "Atom-feed van" in page, url


def test_a_dossier_feed(app, login_as, subject):
    url = _make(login_as("bzk"), "dossier", "nummer=36999")
    root, ids, body = _entries(app, url)
    assert set(ids) == {subject["items"]["36999, nr. 12"], subject["items"]["T09901"]}
    assert root.findtext("a:title", namespaces=NS) == "Kamertracker — Dossier 36999"
    assert M not in body  # not the own ministry's intern stand, nor OCW's


def test_a_person_feed_and_a_committee_feed(app, login_as, subject):
    client = login_as("bzk")
    _root, ids, body = _entries(app, _make(client, "persoon", f"id={subject['person']}"))
    assert ids == [subject["items"]["36999, nr. 12"]] and M not in body
    _root, ids, body = _entries(app, _make(client, "commissie", f"id={subject['committee']}"))
    assert set(ids) == subject["committee_items"] and subject["items"]["T09901"] in ids and M not in body
    assert subject["items"]["2026Z77001"] not in ids


def test_the_last_changed_comes_first_and_a_control_character_is_dropped(app, demo, login_as, subject):
    url = _make(login_as("bzk"), "dossier", "nummer=36999")
    motie = subject["items"]["36999, nr. 12"]
    with db.transaction(demo) as session:
        items.update_item(session, session.get(TrackedItem, motie), {"title": "Motie Bikker, gewijzigd"},
                          Actor("admin", "admin"))
    with demo.begin() as connection:  # stored before the text rule: a control character XML cannot carry
        connection.execute(text("UPDATE tracked_item SET title = :t WHERE id = :i"),
                           {"t": "Motie Bikker\x0b over \x01registers", "i": motie})
    root, ids, _body = _entries(app, url)
    assert ids[0] == motie
    assert root.find("a:entry", NS).findtext("a:title", namespaces=NS).endswith("Motie Bikker over registers")


def test_a_subject_that_does_not_exist_gives_no_feed(app, login_as, demo, subject):
    client = login_as("bzk")
    for page, query in (("persoon", "id=999999"), ("commissie", "id=abc"), ("dossier", "nummer=geen"),
                        ("dossier", ""), ("persoon", "naam=Bikker")):
        assert client.post("/feeds", data={"pagina": page, "filter": query}).status_code == 400, (page, query)
    url = _make(client, "persoon", f"id={subject['person']}")
    assert app.test_client().get(url.replace(".atom", "x.atom")).status_code == 404  # a wrong token: nothing
    assert app.test_client().post("/feeds", data={"pagina": "dossier", "filter": "nummer=36999"}).status_code in (302, 401)


# --- the public register's feeds of a dossier, a committee and a Kamerlid (no token: public fields alone) ---

@pytest.fixture
def public_app(demo, database_url):
    from tracker.web import create_app
    return create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False,
                       "PUBLIC_REGISTER": True, "PUBLIC_RATE_PER_MINUTE": 1000})


def _cites_only_internally(demo) -> int:
    """An item citing dossier 36999 only in its intern stand."""
    with db.transaction(demo) as session:
        bzk = session.exec(select(Ministry).where(Ministry.code == "BZK")).one()
        officer = Actor("officer-BZK", "officer", bzk.id, "BZK")
        item = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z77002", title="Vragen over een ander onderwerp",
            ministry_code="BZK", start_date=date(2026, 10, 5)), officer)
        items.update_item(session, item, {"stand_van_zaken": f"{M} zie Kamerstukken 36999, nr. 4",
                                          "stand_intern": True}, officer)
        return item.id


def test_public_feeds_of_a_dossier_a_committee_and_a_member(public_app, app, demo, login_as, subject):
    hidden = _cites_only_internally(demo)
    client = public_app.test_client()
    _root, ids, body = _entries(public_app, "/openbaar/dossiers/36999.atom")
    assert set(ids) == {subject["items"]["36999, nr. 12"], subject["items"]["T09901"]} and M not in body
    # signed in, the item citing the dossier in its intern stand is on the admin's feed (who reads it), never public
    _root, admin_ids, _body = _entries(app, _make(login_as("admin"), "dossier", "nummer=36999"))
    assert hidden in admin_ids and hidden not in ids
    _root, ids, body = _entries(public_app, f"/openbaar/commissies/{subject['committee']}.atom")
    assert set(ids) == subject["committee_items"] and M not in body
    _root, ids, body = _entries(public_app, f"/openbaar/personen/{subject['person']}.atom")
    assert ids == [subject["items"]["36999, nr. 12"]] and M not in body
    for url in ("/openbaar/dossiers/geen.atom", "/openbaar/commissies/999999.atom", "/openbaar/personen/999999.atom"):
        assert client.get(url).status_code == 404, url
    # the item page links the feeds it belongs to
    page = client.get(f"/openbaar/items/{subject['items']['36999, nr. 12']}").get_data(as_text=True)
    assert "/openbaar/dossiers/36999.atom" in page and f"/openbaar/personen/{subject['person']}.atom" in page
    page = client.get(f"/openbaar/items/{subject['items']['T09901']}").get_data(as_text=True)
    assert f"/openbaar/commissies/{subject['committee']}.atom" in page
    # off by default
    assert app.test_client().get("/openbaar/dossiers/36999.atom").status_code == 404


def test_a_public_feed_entry_changes_its_id_when_its_status_changes(public_app, demo, subject):
    url = f"/openbaar/personen/{subject['person']}.atom"
    before = ET.fromstring(public_app.test_client().get(url).data).find("a:entry", NS).findtext("a:id", namespaces=NS)
    with db.transaction(demo) as session:
        items.update_item(session, session.get(TrackedItem, subject["items"]["36999, nr. 12"]),
                          {"title": "Motie Bikker over de registers (gewijzigd)"}, Actor("admin", "admin"))
    after = ET.fromstring(public_app.test_client().get(url).data).find("a:entry", NS).findtext("a:id", namespaces=NS)
    assert before != after and before.rsplit("/", 1)[0] == after.rsplit("/", 1)[0]


def test_a_bewindspersoon_has_a_public_feed_of_what_they_answer_for(public_app, demo, subject):
    with db.transaction(demo) as session:
        person = Person(name="Minister Zonderleden")
        session.add(person)
        session.flush()
        items.update_item(session, session.get(TrackedItem, subject["items"]["T09901"]), {"bewindspersoon_id": person.id},
                          Actor("admin", "admin"))
        person_id = person.id
    _root, ids, body = _entries(public_app, f"/openbaar/personen/{person_id}.atom")
    assert ids == [subject["items"]["T09901"]] and "Minister Zonderleden" in body and M not in body
