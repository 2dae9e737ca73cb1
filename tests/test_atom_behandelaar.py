"""An Atom feed entry names the behandelaar (their full name) for whoever may read it, as the item page does; the
public feeds never do (tracker.public has no such field)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from sqlmodel import select

from tracker import clock, db
from tracker.authz import system
from tracker.models import TrackedItem, User
from tracker.services import items

NS = {"a": "http://www.w3.org/2005/Atom"}
NAME = "Annemarie Behandelaar-Testnaam"


@pytest.fixture
def handled(demo) -> dict:
    """An overdue BZK kamervraag handled by bzk (with a full name), and one without a behandelaar."""
    with db.transaction(demo) as session:
        bzk = session.exec(select(User).where(User.username == "bzk")).one()
        bzk.full_name = NAME
        made = {}
        for nummer, behandelaar in (("2026Z05551", "bzk"), ("2026Z05552", None)):
            made[nummer] = items.create_item(session, items.ItemInput(
                kind="kamervragen", chamber="TK", nummer=nummer, title=f"Vragen {nummer} over de atoomfeed",
                ministry_code="BZK", start_date=clock.today() - timedelta(days=40), behandelaar=behandelaar),
                system("test")).id
    return made


def _feed(app, client, page: str, query: str) -> dict[int, str]:
    made = client.post("/feeds", data={"pagina": page, "filter": query})
    assert made.status_code == 201, made.get_data(as_text=True)[:300]
    url = re.search(r'id="new-feed"[^>]*?(?:>|value=")[^<"]*(/feeds/[^<"]+\.atom)["<]', made.get_data(as_text=True)).group(1)
    response = app.test_client().get(url)  # a feed reader: no cookie
    assert response.status_code == 200
    root = ET.fromstring(response.data)
    return {int(re.search(r"item/(\d+)", e.findtext("a:id", namespaces=NS)).group(1)): e.findtext("a:summary",
                                                                                                 namespaces=NS)
            for e in root.findall("a:entry", NS)}


@pytest.mark.parametrize("user", ["lezer", "griffie", "bzk", "admin"])
def test_a_list_feed_and_the_te_laat_feed_name_the_behandelaar(app, login_as, handled, user):
    client = login_as(user)
    for page, query in (("kamervragen", "q=atoomfeed"), ("te-laat", "ministerie=BZK")):
        summaries = _feed(app, client, page, query)
        mine, nobodys = summaries[handled["2026Z05551"]], summaries[handled["2026Z05552"]]
        assert mine.endswith(f"; behandelaar {NAME}"), (page, mine)
        assert "behandelaar" not in nobodys, (page, nobodys)


def test_a_subject_feed_names_the_behandelaar(app, login_as, handled, demo):
    with db.transaction(demo) as session:
        committee = session.execute(select(TrackedItem.committee_id).where(TrackedItem.committee_id.is_not(None))
                                    ).scalars().first()
        session.get(TrackedItem, handled["2026Z05551"]).committee_id = committee
    summaries = _feed(app, login_as("griffie"), "commissie", f"id={committee}")
    assert summaries[handled["2026Z05551"]].endswith(f"; behandelaar {NAME}")


def test_the_public_feeds_never_name_the_behandelaar(demo, database_url, handled):
    from tracker.web import create_app

    public = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "PUBLIC_REGISTER": True,
                         "PUBLIC_RATE_PER_MINUTE": 1000}).test_client()
    body = public.get("/openbaar/register.atom").get_data(as_text=True)
    assert "2026Z05551" in body  # the item is in the public feed, its behandelaar is not
    assert NAME not in body and "behandelaar" not in body.lower()
