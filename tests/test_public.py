"""The public register: off by default, anonymous and read-only, and never a private field (tracker.public is the
one rule: a field is private until it is listed there)."""
from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import text
from sqlmodel import select

from tracker import db, public
from tracker.authz import Actor
from tracker.models import Ministry, TrackedItem, User
from tracker.services import items, people

M = "QXZMARKER"  # a distinctive marker: in every private field, asserted absent everywhere public
SECRET_DATE = date(2031, 7, 13)  # the interne termijn: a date nothing else has


@pytest.fixture
def public_app(demo, database_url):
    from tracker.web import create_app
    return create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False,
                       "PUBLIC_REGISTER": True, "PUBLIC_RATE_PER_MINUTE": 1000})


@pytest.fixture
def secret_item(demo) -> int:
    """A BZK kamervraag with a marker in every private field (and plain public fields)."""
    with db.transaction(demo) as session:
        bzk = session.exec(select(Ministry).where(Ministry.code == "BZK")).one()
        officer = Actor(f"{M}-actor (officer, BZK)", "officer", bzk.id, "BZK")
        person = User(username=f"{M}-behandelaar", password_hash="x", role="officer", ministry_id=bzk.id)
        follower = User(username=f"{M}-volger", password_hash="x", role="viewer")
        session.add_all([person, follower])
        session.flush()
        item = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z30001", title="Vragen over de openbare registers",
            ministry_code="BZK", start_date=date(2026, 10, 5), fracties="D66", members="Paternotte",
            source=f"{M}-bron", external_id=f"{M}-ext"), officer)
        items.update_item(session, item, {"stand_van_zaken": f"{M} interne stand", "stand_intern": True,
                                          "behandelaar_id": person.id, "internal_due": SECRET_DATE}, officer,
                          note=f"{M} audit-toelichting")
        people.follow(session, follower.id, item.id)
        items.record_delay(session, item, date(2026, 10, 23), officer, reason=f"{M} reden intern")
        # a deadline set by hand: its explanation names who and why (never public)
        items.override_deadline(session, item, date(2026, 12, 1), f"{M} reden termijn",
                                Actor(f"{M}-griffier (griffie)", "griffie"), effective_from=date(2026, 10, 24))
        return item.id


def test_off_by_default(app, secret_item):
    client = app.test_client()
    for url in ("/openbaar/", "/openbaar/kamervragen", f"/openbaar/items/{secret_item}", "/openbaar/api/v1/items",
                "/openbaar/register.atom", "/openbaar/termijnen.ics", "/openbaar/api/v1/openapi.json",
                "/openbaar/zoek?q=registers", "/openbaar/api/v1/zoek?q=registers"):
        assert client.get(url).status_code == 404


def public_urls(item_id: int) -> list[str]:
    return ["/openbaar/", "/openbaar/kamervragen", "/openbaar/kamervragen?stand=alle&q=registers", "/openbaar/te-laat",
            f"/openbaar/items/{item_id}", "/openbaar/register.atom", "/openbaar/termijnen.ics",
            "/openbaar/api/v1/items?soort=kamervragen", f"/openbaar/api/v1/items/{item_id}",
            "/openbaar/api/v1/openapi.json", "/openbaar/zoek?q=registers", "/openbaar/zoek?q=interne+stand",
            "/openbaar/api/v1/zoek?q=registers", "/openbaar/api/v1/zoek?q=Paternotte",
            "/openbaar/personen", "/openbaar/commissies", "/openbaar/api/v1/personen", "/openbaar/api/v1/commissies"]


def test_no_private_field_in_html_json_or_feeds(public_app, secret_item):
    client = public_app.test_client()
    seen = {}
    for url in public_urls(secret_item):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        seen[url] = body
        assert M not in body, url  # behandelaar, intern stand, audit note, actor, follower, reason, source, id
        assert "2031" not in body and "13 juli" not in body, url  # the interne termijn
        assert "behandelaar" not in body.lower() or url.endswith("openapi.json"), url
        assert response.headers["Cache-Control"] == "public, max-age=300"
        assert "Set-Cookie" not in response.headers  # no session is made for a reader
    # the public fields are there
    assert "2026Z30001" in seen["/openbaar/kamervragen"] and "Vragen over de openbare registers" in seen[
        f"/openbaar/items/{secret_item}"]
    detail = client.get(f"/openbaar/api/v1/items/{secret_item}").get_json()
    assert detail["nummer"] == "2026Z30001" and detail["ministerie"] == "BZK" and detail["fracties"] == "D66"
    assert detail["stand_van_zaken"] is None  # intern
    assert detail["uitstelberichten"] == [{"verzonden_op": "2026-10-23", "uitstel_tot": None, "ontvangen_op": None}]
    assert set(detail) == set(public.PUBLIC_FIELDS.values()) | set(public.DERIVED) | {"documenten", "uitstelberichten"}
    assert "BEGIN:VEVENT" in seen["/openbaar/termijnen.ics"] and "2026Z30001" in seen["/openbaar/register.atom"]
    # the OpenAPI document names exactly the public fields
    spec = client.get("/openbaar/api/v1/openapi.json").get_json()
    assert set(spec["components"]["schemas"]["PubliekItem"]["properties"]) == (
        set(public.PUBLIC_FIELDS.values()) | set(public.DERIVED))


def test_a_stand_not_marked_intern_is_public(public_app, secret_item, demo):
    with db.transaction(demo) as session:
        item = session.get(TrackedItem, secret_item)
        items.update_item(session, item, {"stand_van_zaken": "Beantwoording volgt na overleg", "stand_intern": False},
                          Actor("admin", "admin"))
    assert "Beantwoording volgt na overleg" in public_app.test_client().get(
        f"/openbaar/items/{secret_item}").get_data(as_text=True)


def test_the_bewindspersoon_is_public_on_the_page_the_json_and_the_feed(public_app, secret_item, demo):
    """Both chambers print the responsible minister; the register names them too (never the behandelaar)."""
    from tracker.models import Person
    with db.transaction(demo) as session:
        person = Person(name="Minister Registerveld")
        session.add(person)
        session.flush()
        items.update_item(session, session.get(TrackedItem, secret_item), {"bewindspersoon_id": person.id},
                          Actor("admin", "admin"))
        person_id = person.id
    client = public_app.test_client()
    page = client.get(f"/openbaar/items/{secret_item}").get_data(as_text=True)
    assert "<dt>Bewindspersoon</dt>" in page
    assert f'<a href="/openbaar/personen/{person_id}">Minister Registerveld</a>' in page
    assert f"/openbaar/personen/{person_id}.atom" in page
    assert client.get(f"/openbaar/api/v1/items/{secret_item}").get_json()["bewindspersoon"] == "Minister Registerveld"
    listed = client.get("/openbaar/api/v1/items?soort=kamervragen").get_json()["items"]
    assert [r["bewindspersoon"] for r in listed if r["id"] == secret_item] == ["Minister Registerveld"]
    assert "Minister Registerveld" in client.get("/openbaar/register.atom").get_data(as_text=True)
    spec = client.get("/openbaar/api/v1/openapi.json").get_json()
    assert "bewindspersoon" in spec["components"]["schemas"]["PubliekItem"]["properties"]
    for url in public_urls(secret_item):  # every other private field stays private
        body = client.get(url).get_data(as_text=True)
        assert M not in body and "2031" not in body, url


def test_a_new_column_is_private_until_marked_public(public_app, secret_item, demo):
    """A field added to tracked_item later (here: a column added by the test) never reaches a public page or JSON."""
    with demo.begin() as connection:
        connection.execute(text("ALTER TABLE tracked_item ADD COLUMN nieuw_veld VARCHAR(100)"))
        connection.execute(text("UPDATE tracked_item SET nieuw_veld = :v"), {"v": f"NIEUW{M}"})
    try:
        with db.transaction(demo) as session:  # the row carries the new column
            row = session.execute(text("SELECT nieuw_veld FROM tracked_item WHERE id = :i"), {"i": secret_item}).one()
            assert row[0] == f"NIEUW{M}"
            item = session.get(TrackedItem, secret_item)
            # an object with every column of the table and the new one: the rule shows only what it lists
            every = SimpleNamespace(**{c.name: getattr(item, c.name) for c in TrackedItem.__table__.columns},
                                    nieuw_veld=row[0])
            shown = public.public_item(every, "BZK", None)
            assert "nieuw_veld" not in shown and f"NIEUW{M}" not in str(shown)
        client = public_app.test_client()
        for url in public_urls(secret_item):
            assert f"NIEUW{M}" not in client.get(url).get_data(as_text=True), url
    finally:
        with demo.begin() as connection:
            connection.execute(text("ALTER TABLE tracked_item DROP COLUMN nieuw_veld"))


def test_no_write_path_is_reachable(public_app, secret_item):
    client = public_app.test_client()
    for url in public_urls(secret_item):
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            assert client.open(url, method=method).status_code == 405, (method, url)
    page = client.get(f"/openbaar/items/{secret_item}").get_data(as_text=True)
    assert not re.search(r'<form[^>]*method="post"', page, re.I)
    assert "/inloggen" not in page and "/items/" + str(secret_item) + '"' not in page  # no link into the app


def test_rate_limit_per_address(demo, database_url):
    from tracker.web import create_app
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "PUBLIC_REGISTER": True,
                      "PUBLIC_RATE_PER_MINUTE": 3, "RATE_LIMIT_CLOCK": lambda: 1_800_000_000.0})
    client = app.test_client()
    answers = [client.get("/openbaar/", environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code for _ in range(4)]
    other = client.get("/openbaar/", environ_base={"REMOTE_ADDR": "192.0.2.8"}).status_code
    assert answers[:3] == [200, 200, 200] and answers[3] == 429 and other == 200
