"""Zoeken, the dossier page, links to the official papers, the API's /zoek and /dossiers and `tracker zoek`: every
door of tracker.search, with its reading rules."""
from __future__ import annotations

import re

from click.testing import CliRunner
from sqlalchemy import or_
from sqlmodel import select

from tracker import db
from tracker.authz import system
from tracker.cli import main
from tracker.models import Document, ItemDocument, TrackedItem, User
from tracker.services import items
from tracker.services.tokens import create_token


def _item(engine, nummer: str) -> TrackedItem:
    with db.transaction(engine) as session:
        return session.exec(select(TrackedItem).where(TrackedItem.nummer == nummer)).one()


def _hits(html: str) -> list[str]:
    """The item and document links of a result page, in order."""
    return re.findall(r'<p class="hit-head"><a href="([^"]+)"', html)


def test_the_top_bar_searches_and_the_hit_is_marked_and_escaped(app, demo, login_as):
    with db.transaction(demo) as session:
        items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z90015", title="Vragen over <script>alert(1)</script> "
            "ransomware bij gemeenten", ministry_code="BZK"), system("test"))
    client = login_as("lezer")
    home = client.get("/").get_data(as_text=True)
    assert 'role="search"' in home and 'action="/zoek"' in home  # the box in the top bar
    page = client.get("/zoek?q=ransomware").get_data(as_text=True)
    assert "<mark>ransomware</mark>" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    item_id = _item(demo, "2026Z90015").id
    assert _hits(page) == [f"/items/{item_id}"]
    # the zaak number links to its page at the Tweede Kamer, here and on the item page
    assert 'href="https://www.tweedekamer.nl/kamerstukken/detail?id=2026Z90015"' in page
    assert re.search(r'<strong><a href="https://www.tweedekamer.nl/kamerstukken/detail\?id=2026Z90015"[^>]*>2026Z90015</a>'
                     r'</strong>', client.get(f"/items/{_item(demo, '2026Z90015').id}").get_data(as_text=True))
    # a citation typed three ways
    motion = _item(demo, "35628, nr. 10").id
    for typed in ("35628-10", "35 628, nr. 10", "Kamerstukken II 2020/21, 35628, nr. 10"):
        assert f"/items/{motion}" in _hits(client.get("/zoek", query_string={"q": typed}).get_data(as_text=True))


def test_filters_are_checked_and_kept(app, demo, login_as):
    client = login_as("lezer")
    assert client.get("/zoek?q=Bergkamp&soort=fiets").status_code == 400
    assert client.get("/zoek?q=Bergkamp&ministerie=XYZ").status_code == 400
    assert client.get("/zoek?q=Bergkamp&van=31-31-2024").status_code == 400
    page = client.get("/zoek?q=Bergkamp&soort=motie&ministerie=OCW&stand=afgesloten").get_data(as_text=True)
    motion = _item(demo, "35628, nr. 10").id
    assert _hits(page) == [f"/items/{motion}"]
    assert '<option value="OCW" selected>' in page and '<option value="afgesloten" selected>' in page


def test_a_write_on_the_web_is_found_by_the_next_request_and_an_intern_stand_only_by_its_ministry(app, demo, login_as):
    motion = _item(demo, "35628, nr. 10")  # OCW's
    ocw = login_as("ocw")
    saved = ocw.post(f"/items/{motion.id}/stand", data={"stand_van_zaken": "Wacht op het advies van de commissie-Pelikaan.",
                                                        "stand_intern": "y", "version": motion.version})
    assert saved.status_code == 302
    assert _hits(ocw.get("/zoek?q=Pelikaan").get_data(as_text=True)) == [f"/items/{motion.id}"]
    for other in ("griffie", "lezer", "bzk"):
        page = login_as(other).get("/zoek?q=Pelikaan").get_data(as_text=True)
        assert _hits(page) == [] and "Pelikaan" not in page.replace("q=Pelikaan", "").replace("<q>Pelikaan</q>", "") \
            .replace('value="Pelikaan"', ""), other


def test_the_dossier_page_lists_what_the_register_holds_on_it(app, demo, login_as):
    client = login_as("lezer")
    page = client.get("/dossiers/30420").get_data(as_text=True)
    assert "Kamerstukdossier 30420" in page
    with db.transaction(demo) as session:  # what the register holds: numbered in it, or citing it
        expected_items = set(session.exec(select(TrackedItem.id).where(or_(
            TrackedItem.nummer.like("30420,%"), TrackedItem.text.like("%30420, nr%"),
            TrackedItem.stand_van_zaken.like("%30420, nr%")))).all())
        expected_documents = set(session.exec(select(Document.id).where(or_(
            Document.dossier == "30420", Document.full_text.like("%30420, nr%")))).all())
        expected_items |= set(session.exec(select(ItemDocument.item_id).where(  # items those documents belong to
            ItemDocument.document_id.in_(expected_documents))).all())
    assert expected_items and len(expected_documents) == 2
    assert set(int(i) for i in re.findall(r'href="/items/(\d+)">', page)) >= expected_items
    found_items = {int(i) for i in re.findall(r'<p class="hit-head"><a href="/items/(\d+)"', page)}
    assert found_items == expected_items
    assert page.count('<span class="doc-title">') + len(re.findall(r'href="/voortgangsbrief/\d+"', page)) == \
        len(expected_documents)
    # the documents link to their official publication
    assert 'href="https://zoek.officielebekendmakingen.nl/kst-30420-360.html"' in page
    assert client.get("/dossiers/geen-dossier").status_code == 404
    # a chapter of a begroting: written either way, the same page
    assert "Kamerstukdossier 36600 VIII" in client.get("/dossiers/36600-VIII").get_data(as_text=True)


def test_the_item_page_links_every_citation_to_the_official_paper_and_its_dossier(app, demo, login_as):
    motion = _item(demo, "35628, nr. 10")
    page = login_as("lezer").get(f"/items/{motion.id}").get_data(as_text=True)
    assert re.search(r'<a href="https://zoek.officielebekendmakingen.nl/kst-35628-10.html"[^>]*><cite>Kamerstukken II '
                     r'2020/21, 35628, nr. 10</cite></a>', page)
    assert 'href="/dossiers/35628"' in page
    # the stand van zaken cites two voortgangsbrieven: both are links
    assert '>30420, nr. 360</a>' in page and 'href="https://zoek.officielebekendmakingen.nl/kst-30420-365.html"' in page


def _token(demo, username: str) -> dict:
    with db.transaction(demo) as session:
        user = session.exec(select(User).where(User.username == username)).one()
        return {"Authorization": f"Bearer {create_token(session, user, 'test')[1]}"}


def test_the_api_searches_and_gives_a_dossier_with_the_pages_rules(app, demo):
    client = app.test_client()
    lezer = _token(demo, "lezer")
    body = client.get("/api/v1/zoek?q=35+628,+nr.+10&soort=motie", headers=lezer).get_json()
    assert body["totaal"] == 1 and body["resultaten"][0]["nummer"] == "35628, nr. 10"
    assert body["resultaten"][0]["officiele_url"] == "https://zoek.officielebekendmakingen.nl/kst-35628-10.html"
    webinar = client.get("/api/v1/zoek?q=webinar", headers=lezer).get_json()["resultaten"][0]
    assert {"tekst": "webinar", "gemarkeerd": True} in webinar["fragment"]
    assert client.get("/api/v1/zoek?q=x&ministerie=XYZ", headers=lezer).status_code == 400
    assert client.get("/api/v1/zoek?q=x").status_code == 401
    dossier = client.get("/api/v1/dossiers/30420", headers=lezer).get_json()
    assert dossier["dossier"] == "30420" and len(dossier["documenten"]) == 2
    assert [i["nummer"] for i in dossier["items"]] == ["35628, nr. 10", "VGR-EMANC-2021 T04"]
    assert client.get("/api/v1/dossiers/onzin", headers=lezer).status_code == 404
    # an intern stand: not for the API's viewer either
    motion = _item(demo, "35628, nr. 10")
    with db.transaction(demo) as session:
        items.update_item(session, session.get(TrackedItem, motion.id),
                          {"stand_van_zaken": "Notitie Albatros", "stand_intern": True}, system("test"))
    assert client.get("/api/v1/zoek?q=Albatros", headers=lezer).get_json()["totaal"] == 0
    assert client.get("/api/v1/zoek?q=Albatros", headers=_token(demo, "ocw")).get_json()["totaal"] == 1


def test_tracker_zoek_and_zoekindex(demo, database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", database_url)
    runner = CliRunner()
    result = runner.invoke(main, ["zoek", "35 628, nr. 10", "--soort", "motie"], catch_exceptions=False)
    assert result.exit_code == 0 and "1 resultaat" in result.output and "35628, nr. 10" in result.output
    result = runner.invoke(main, ["zoek", "webinar"], catch_exceptions=False)
    assert "[webinar]" in result.output
    motion = _item(demo, "35628, nr. 10")
    with db.transaction(demo) as session:
        items.update_item(session, session.get(TrackedItem, motion.id),
                          {"stand_van_zaken": "Notitie Albatros", "stand_intern": True}, system("test"))
    assert "0 resultaat" in runner.invoke(main, ["zoek", "Albatros", "--als", "lezer"]).output
    assert "1 resultaat" in runner.invoke(main, ["zoek", "Albatros", "--als", "ocw"]).output
    rebuilt = runner.invoke(main, ["zoekindex"], catch_exceptions=False)
    assert rebuilt.exit_code == 0 and "Zoekindex opnieuw opgebouwd: 21 items" in rebuilt.output
    assert "1 resultaat" in runner.invoke(main, ["zoek", "35628-10", "--soort", "motie"]).output
