"""A dossier whose number holds a slash (a paper printed in two dossiers, "35526/25295") has its pages as every other
dossier: signed in, in the public register (page, Atom, JSON) and in the API; the item pages link to it. The URLs of
a dossier without a slash are as before."""
from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from tracker import clock, db
from tracker.authz import system
from tracker.models import User
from tracker.services import items
from tracker.services.tokens import create_token

NUMMER = "35526/25295, nr. 3"
TITLE = "Motie over de gedeelde dossiers van de wijkagent"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 7))


@pytest.fixture
def motion(demo) -> int:
    with db.transaction(demo) as session:
        return items.create_item(session, items.ItemInput(
            kind="motie", chamber="TK", nummer=NUMMER, title=TITLE, ministry_code="BZK",
            start_date=date(2026, 10, 5), members="Bikker", fracties="CU"), system("test")).id


@pytest.fixture
def public_app(demo, database_url):
    from tracker.web import create_app
    return create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False,
                       "PUBLIC_REGISTER": True, "PUBLIC_RATE_PER_MINUTE": 1000})


def test_the_signed_in_pages_and_the_api_take_a_dossier_with_a_slash(app, demo, motion, login_as):
    client = login_as("lezer")
    item_page = client.get(f"/items/{motion}").get_data(as_text=True)
    assert 'href="/dossiers/35526/25295">dossier 35526/25295</a>' in item_page
    page = client.get("/dossiers/35526/25295")
    assert page.status_code == 200 and "Kamerstukdossier 35526/25295" in page.get_data(as_text=True)
    assert f'href="/items/{motion}"' in page.get_data(as_text=True)
    assert client.get("/dossiers/35526%2F25295").status_code == 200  # as a client encodes the path parameter
    assert client.get("/dossiers/30420").status_code == 200  # a dossier without a slash: as before
    with db.transaction(demo) as session:
        user = session.exec(select(User).where(User.username == "lezer")).one()
        token = {"Authorization": f"Bearer {create_token(session, user, 'test')[1]}"}
    api = app.test_client()
    body = api.get("/api/v1/dossiers/35526/25295", headers=token)
    assert body.status_code == 200, body.get_data(as_text=True)
    assert body.get_json()["dossier"] == "35526/25295"
    assert [i["nummer"] for i in body.get_json()["items"]] == [NUMMER]
    assert api.get("/api/v1/dossiers/35526%2F25295", headers=token).get_json()["dossier"] == "35526/25295"
    assert api.get("/api/v1/dossiers/30420", headers=token).get_json()["dossier"] == "30420"
    assert api.get("/api/v1/dossiers/onzin/meer", headers=token).status_code == 404


def test_the_public_register_links_and_shows_a_dossier_with_a_slash(public_app, motion):
    client = public_app.test_client()
    item_page = client.get(f"/openbaar/items/{motion}").get_data(as_text=True)
    assert 'href="/openbaar/dossiers/35526/25295">dossier 35526/25295</a>' in item_page
    assert 'href="/openbaar/dossiers/35526/25295.atom"' in item_page  # the dossier's feed to follow
    page = client.get("/openbaar/dossiers/35526/25295")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Kamerstukdossier 35526/25295" in text and TITLE in text
    assert 'href="/openbaar/dossiers/35526/25295.atom"' in text
    feed = client.get("/openbaar/dossiers/35526/25295.atom")
    assert feed.status_code == 200 and feed.mimetype == "application/atom+xml"
    assert TITLE in feed.get_data(as_text=True)
    body = client.get("/openbaar/api/v1/dossiers/35526/25295")
    assert body.status_code == 200 and body.get_json()["dossier"] == "35526/25295"
    assert TITLE in str(body.get_json()["groepen"])
    assert client.get("/openbaar/dossiers/35526%2F25295").status_code == 200
    # a dossier without a slash: the same URLs as before
    assert client.get("/openbaar/dossiers/35628").status_code == 200
    assert client.get("/openbaar/dossiers/35628.atom").mimetype == "application/atom+xml"
    assert client.get("/openbaar/api/v1/dossiers/35628").get_json()["dossier"] == "35628"
    assert client.get("/openbaar/dossiers/onzin/meer").status_code == 404
