"""The public register's pages of a dossier, a Kamerlid and a committee (and their indexes and JSON), and its search
over documents: built from tracker.public alone, so a marker stored in every private field (behandelaar, intern
stand, interne termijn, tag, follower, audit note, a committee's abbreviation, a document's sender) is never on them;
a document of an intern or archived context, or a stored voortgangsbrief the Kamer did not receive, is not found
publicly. The bewindspersoon is public (tracker.public.DERIVED): named on the item, with a page of what they answer
for."""
from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from tracker import db, public
from tracker.services import audit
from tracker.authz import Actor
from tracker.models import Committee, Document, ItemDocument, Letter, Ministry, Person, TrackedItem, User
from tracker.search import Filters, search
from tracker.services import items, people

M = "QXZMARKER"  # in every private field; asserted absent from every public page
SECRET_DATE = date(2031, 7, 13)  # the interne termijn: a date nothing else has
MINISTER = "Minister Zonnewijzer"  # the bewindspersoon of the motie and the toezegging: public
ADMIN = Actor("admin", "admin")


@pytest.fixture
def public_app(demo, database_url):
    from tracker.web import create_app
    return create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False,
                       "PUBLIC_REGISTER": True, "PUBLIC_RATE_PER_MINUTE": 1000})


def _document(session, item_id: int, role: str, **fields) -> int:
    document = Document(kind="brief", chamber="TK", **fields)
    session.add(document)
    session.flush()
    session.add(ItemDocument(item_id=item_id, document_id=document.id, role=role))
    return document.id


@pytest.fixture
def world(demo) -> dict:
    """A motie of dossier 36991 with a marker in every private field, of a committee; a kamervraag citing the
    dossier; papers: a public answer, an intern note ("overig"), an answer of an archived item, and a stored
    voortgangsbrief the Kamer has not received yet."""
    ids = {}
    with db.transaction(demo) as session:
        bzk = session.exec(select(Ministry).where(Ministry.code == "BZK")).one()
        officer = Actor(f"{M}-actor (officer, BZK)", "officer", bzk.id, "BZK")
        committee = Committee(chamber="TK", name="Commissie voor het Openbaar Register", abbreviation=f"{M}A")
        behandelaar = User(username=f"{M}-behandelaar", password_hash="x", role="officer", ministry_id=bzk.id)
        follower = User(username=f"{M}-volger", password_hash="x", role="viewer")
        session.add_all([committee, behandelaar, follower])
        session.flush()
        motie = items.create_item(session, items.ItemInput(
            kind="motie", chamber="TK", nummer="36991, nr. 7", title="Motie over het zonnepanelenregister",
            ministry_code="BZK", start_date=date(2026, 10, 5), members="Paternotte, Bikker", fracties="D66, CU",
            committee=committee.name, bewindspersoon=MINISTER, tags=f"{M}tag", source=f"{M}-bron",
            external_id=f"{M}-ext"), officer)
        items.update_item(session, motie, {"stand_van_zaken": f"{M} interne stand", "stand_intern": True,
                                           "behandelaar_id": behandelaar.id, "internal_due": SECRET_DATE}, officer,
                          note=f"{M} audit-toelichting")
        people.follow(session, follower.id, motie.id)
        vraag = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z30991", title="Vragen over het zonnepanelenregister",
            text="Kent u de motie (Kamerstukken 36991, nr. 7)?", ministry_code="BZK", start_date=date(2026, 10, 6),
            members="Paternotte", fracties="D66"), officer)
        gone = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z30992", title="Dubbel ingevoerd", ministry_code="BZK",
            start_date=date(2026, 10, 6), members="Bikker"), officer)
        # a toezegging the same minister answers for, overdue on 7 december 2026, with private fields of its own
        toezegging = items.create_item(session, items.ItemInput(
            kind="toezegging", chamber="TK", nummer="T09991", title="Toezegging over het zonnepanelenregister",
            ministry_code="BZK", start_date=date(2026, 9, 1), bewindspersoon=MINISTER, tags=f"{M}tag"), officer)
        items.update_item(session, toezegging, {"stand_van_zaken": f"{M} interne stand toezegging",
                                                "stand_intern": True, "behandelaar_id": behandelaar.id}, officer)
        items.override_deadline(session, toezegging, date(2026, 11, 1), f"{M} reden termijn",
                                Actor(f"{M}-griffier (griffie)", "griffie"), effective_from=date(2026, 9, 2))
        ids.update(motie=motie.id, vraag=vraag.id, committee=committee.id, toezegging=toezegging.id)
        ids["answer"] = _document(session, motie.id, "antwoord", title="Reactie op de motie zonnepanelenregister",
                                  kenmerk="2026-0000991001", dagtekening=date(2026, 11, 20), dossier="36991",
                                  stuknummer="9", sender=f"{M}-afzender", addressee=f"{M}-geadresseerde",
                                  full_text="Het Zonnebloemkanaal wordt in 2027 verbreed.")
        ids["note"] = _document(session, motie.id, "overig", title="Notitie Geheimkanaal", kenmerk="INTERN-991",
                                full_text="Het Geheimkanaal blijft binnenshuis.")
        ids["archived"] = _document(session, gone.id, "antwoord", title="Antwoord Archiefkanaal",
                                    full_text="Het Archiefkanaal is dubbel.")
        letter = _document(session, motie.id, "voortgang", title="Voortgangsbrief Conceptkanaal",
                           kenmerk="2026-0000991002", dagtekening=date(2026, 12, 1),
                           full_text="Stand van het Conceptkanaal.")
        session.add(Letter(document_id=letter, ministry_id=bzk.id, chamber="TK", betreft="Voortgang", intro="x",
                           closing="y", signer_function="minister", signer_name=f"{M}-ondertekenaar",
                           kenmerk="2026-0000991002", dagtekening=date(2026, 12, 1), group_by="soort",
                           path="exports/x.pdf", created_by=f"{M}-maker"))
        ids["letter"] = letter
        items.archive_item(session, gone, ADMIN, "dubbel ingevoerd")
    with db.transaction(demo) as session:
        ids["paternotte"] = session.exec(select(Person.id).where(Person.name == "Paternotte")).one()
        ids["minister"] = session.exec(select(Person.id).where(Person.name == MINISTER)).one()
    return ids


def subject_urls(ids: dict) -> list[str]:
    return ["/openbaar/dossiers/36991", f"/openbaar/personen/{ids['paternotte']}", "/openbaar/personen",
            "/openbaar/personen?naam=pater", f"/openbaar/commissies/{ids['committee']}", "/openbaar/commissies",
            "/openbaar/api/v1/dossiers/36991", f"/openbaar/api/v1/personen/{ids['paternotte']}",
            "/openbaar/api/v1/personen", f"/openbaar/api/v1/commissies/{ids['committee']}", "/openbaar/api/v1/commissies",
            f"/openbaar/items/{ids['motie']}", f"/openbaar/api/v1/items/{ids['motie']}",
            "/openbaar/zoek?q=Zonnebloemkanaal", "/openbaar/api/v1/zoek?q=Zonnebloemkanaal",
            "/openbaar/zoek?q=zonnepanelenregister", "/openbaar/api/v1/zoek?q=zonnepanelenregister",
            f"/openbaar/personen/{ids['minister']}", f"/openbaar/api/v1/personen/{ids['minister']}",
            f"/openbaar/personen/{ids['minister']}.atom", f"/openbaar/items/{ids['toezegging']}",
            "/openbaar/zoek?q=Zonnewijzer", "/openbaar/api/v1/zoek?q=Zonnewijzer"]


def test_no_private_field_on_the_subject_pages_their_json_or_the_search(public_app, world):
    client = public_app.test_client()
    seen = {}
    for url in subject_urls(world):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.get_data(as_text=True)
        seen[url] = body
        assert M not in body, url  # behandelaar, intern stand, tag, follower, sender, abbreviation, audit, user, …
        assert "2031" not in body and "13 juli" not in body, url  # the interne termijn
        assert "behandelaar" not in body.lower(), url
        assert response.headers["Cache-Control"] == "public, max-age=300", url
        assert "Set-Cookie" not in response.headers
    # the public fields are there: the dossier has the motie (its number), the kamervraag (it cites the dossier in
    # its public text) and the public answer, with its kenmerk; never the intern note nor the unreceived letter
    dossier = seen["/openbaar/dossiers/36991"]
    assert "36991, nr. 7" in dossier and "2026Z30991" in dossier
    assert "Reactie op de motie zonnepanelenregister" in dossier and "2026-0000991001" in dossier
    assert "Geheimkanaal" not in dossier and "Conceptkanaal" not in dossier and "2026Z30992" not in dossier
    assert "/openbaar/dossiers/36991.atom" in dossier  # its feed
    person = seen[f"/openbaar/personen/{world['paternotte']}"]
    assert "Moties als eerste indiener" in person and "36991, nr. 7" in person and "2026Z30991" in person
    assert f"/openbaar/personen/{world['paternotte']}.atom" in person
    committee = seen[f"/openbaar/commissies/{world['committee']}"]
    assert "Commissie voor het Openbaar Register" in committee and "36991, nr. 7" in committee
    assert "2026Z30991" not in committee and f"/openbaar/commissies/{world['committee']}.atom" in committee
    assert "Commissie voor het Openbaar Register" in seen["/openbaar/commissies"]
    assert "Paternotte" in seen["/openbaar/personen?naam=pater"] and "Bikker" not in seen["/openbaar/personen?naam=pater"]
    # the item page links its dossier, its members and its committee; a citation in its text links the dossier
    item = seen[f"/openbaar/items/{world['motie']}"]
    for link in ("/openbaar/dossiers/36991", f"/openbaar/personen/{world['paternotte']}\"",
                 f"/openbaar/commissies/{world['committee']}\""):
        assert link in item, link
    assert '<a href="/openbaar/dossiers/36991">36991, nr. 7</a>' in client.get(
        f"/openbaar/items/{world['vraag']}").get_data(as_text=True)
    # JSON: the same, from the public fields
    data = client.get("/openbaar/api/v1/dossiers/36991").get_json()
    assert data["dossier"] == "36991" and [d["kenmerk"] for d in data["documenten"]] == ["2026-0000991001"]
    assert set(data["documenten"][0]) == set(public.PUBLIC_DOCUMENT_ROW.values()) | set(public.DOCUMENT_DERIVED)
    every = [row for group in data["groepen"] for row in group["items"]]
    assert {r["nummer"] for r in every} == {"36991, nr. 7", "2026Z30991"}
    assert all(set(r) == set(public.PUBLIC_FIELDS.values()) | set(public.DERIVED) for r in every)
    assert every and all(r["stand_van_zaken"] is None for r in every if r["nummer"] == "36991, nr. 7")
    assert client.get("/openbaar/api/v1/commissies").get_json()["commissies"][-1]["naam"]  # (a list of dicts)
    spec = client.get("/openbaar/api/v1/openapi.json").get_json()
    assert set(spec["components"]["schemas"]["PubliekDocument"]["properties"]) == (
        set(public.PUBLIC_DOCUMENT_ROW.values()) | set(public.DOCUMENT_DERIVED) | {"fragment", "gevonden_in"})
    assert "/openbaar/api/v1/dossiers/{nummer}" in spec["paths"] and "/openbaar/api/v1/commissies/{id}" in spec["paths"]


def _found(client, word: str) -> list:
    return client.get(f"/openbaar/api/v1/zoek?q={word}").get_json()["items"]


def test_public_search_finds_a_public_document_and_never_a_private_one(public_app, world, demo):
    client = public_app.test_client()
    [hit] = _found(client, "Zonnebloemkanaal")  # its text
    assert hit["soort"] == "document" and hit["kenmerk"] == "2026-0000991001" and hit["gevonden_in"]
    assert "**Zonnebloemkanaal**" in hit["fragment"] and [i["id"] for i in hit["items"]] == [world["motie"]]
    assert "tekst" not in hit  # the text itself: only its fragment
    assert [h["soort"] for h in _found(client, "2026-0000991001")] == ["document"]  # its kenmerk
    page = client.get("/openbaar/zoek?q=Zonnebloemkanaal").get_data(as_text=True)
    assert "<mark>Zonnebloemkanaal</mark>" in page and f"/openbaar/items/{world['motie']}" in page
    # an intern note, a paper of an archived item, an unreceived voortgangsbrief, a sender: not found publicly
    for word in ("Geheimkanaal", "INTERN-991", "Archiefkanaal", "Conceptkanaal", M, f"{M}-afzender"):
        assert _found(client, word) == [], word
        page = client.get(f"/openbaar/zoek?q={word}").get_data(as_text=True)
        assert "<strong>0</strong> resultaten" in page and "blijft binnenshuis" not in page, word
    # … while a signed-in reader finds them (the search is the same; the public rule leaves them out)
    with demo.connect() as connection:
        hits = search(connection, ADMIN, "Geheimkanaal", Filters(), today=date(2026, 12, 7)).hits
        assert [h.id for h in hits if h.kind == "document"] == [world["note"]]
        sender = search(connection, ADMIN, f"{M}-afzender", Filters(), today=date(2026, 12, 7)).hits
        assert [h.id for h in sender] == [world["answer"]]
    with db.transaction(demo) as session:
        assert public.document_is_public(session, world["answer"])
        assert not any(public.document_is_public(session, world[k]) for k in ("note", "archived", "letter"))
    # the soort filter: documents alone, or items alone
    assert _found(client, "zonnepanelenregister&soort=document")[0]["soort"] == "document"
    assert {h["soort"] for h in _found(client, "zonnepanelenregister&soort=motie")} == {"motie"}


def test_a_stored_voortgangsbrief_is_public_once_the_kamer_received_it(public_app, world, demo):
    client = public_app.test_client()
    assert _found(client, "Conceptkanaal") == []
    assert "Conceptkanaal" not in client.get(f"/openbaar/items/{world['motie']}").get_data(as_text=True)
    with db.transaction(demo) as session:
        session.get(Document, world["letter"]).received_on = date(2026, 12, 2)
        # with its audit line, as every write of the app (items.receive): the page caches end at the next request
        audit.record(session, None, "griffie (griffie)", "ontvangen", field="brief.ontvangen", new=date(2026, 12, 2))
    assert [h["kenmerk"] for h in _found(client, "Conceptkanaal")] == ["2026-0000991002"]
    assert "Voortgangsbrief Conceptkanaal" in client.get(f"/openbaar/items/{world['motie']}").get_data(as_text=True)
    assert M not in client.get("/openbaar/zoek?q=Conceptkanaal").get_data(as_text=True)


def test_unknown_subjects_are_404(public_app, world):
    client = public_app.test_client()
    for url in ("/openbaar/personen/999999", "/openbaar/api/v1/personen/999999", "/openbaar/personen/999999.atom",
                "/openbaar/commissies/999999", "/openbaar/api/v1/commissies/999999",
                "/openbaar/dossiers/abc", "/openbaar/api/v1/dossiers/abc"):
        response = client.get(url)
        assert response.status_code == 404 and M not in response.get_data(as_text=True), url
    assert M not in client.get("/openbaar/personen").get_data(as_text=True)


def test_the_bewindspersoon_has_a_public_page_of_what_they_answer_for(public_app, world, demo, monkeypatch):
    """Both chambers publish the responsible minister: their page lists their open and overdue toezeggingen and
    moties (public fields alone), and the item page names them with a link to it."""
    from tracker import clock
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 7))
    client = public_app.test_client()
    page = client.get(f"/openbaar/personen/{world['minister']}").get_data(as_text=True)
    assert MINISTER in page and "Als bewindspersoon" in page
    assert "Te laat" in page and "Openstaande toezeggingen" in page and "Openstaande moties" in page
    assert "T09991" in page and "36991, nr. 7" in page and "2026Z30991" not in page  # not the kamervraag
    assert f"/openbaar/personen/{world['minister']}.atom" in page
    assert M not in page and "2031" not in page
    data = client.get(f"/openbaar/api/v1/personen/{world['minister']}").get_json()
    assigned = data["als_bewindspersoon"]
    assert data["naam"] == MINISTER and assigned["open"] == 2 and assigned["te_laat"] == 1
    assert assigned["afgesloten"] == 0 and data["groepen"] == []  # never named as a member
    groups = {g["naam"]: [i["nummer"] for i in g["items"]] for g in assigned["groepen"]}
    assert groups["Te laat"] == ["T09991"] and groups["Openstaande toezeggingen"] == ["T09991"]
    assert groups["Openstaande moties"] == ["36991, nr. 7"]
    assert {i["bewindspersoon"] for g in assigned["groepen"] for i in g["items"]} == {MINISTER}
    assert M not in str(data)
    feed = client.get(f"/openbaar/personen/{world['minister']}.atom").get_data(as_text=True)
    assert "T09991" in feed and "36991, nr. 7" in feed and M not in feed
    # the item page names the minister and links to their page
    item = client.get(f"/openbaar/items/{world['toezegging']}").get_data(as_text=True)
    assert f'<a href="/openbaar/personen/{world["minister"]}">{MINISTER}</a>' in item and M not in item
    # the index of persons lists them among the bewindspersonen, with how many items they answer for
    index = client.get("/openbaar/personen?naam=zonnewijzer").get_data(as_text=True)
    ministers = index[index.index("<h2>Bewindspersonen</h2>"):index.index("<h2>Kamerleden</h2>")]
    assert f'<a href="/openbaar/personen/{world["minister"]}">{MINISTER}</a>' in ministers
    listed = client.get("/openbaar/api/v1/personen?naam=zonnewijzer").get_json()
    assert listed["bewindspersonen"] == [{"id": world["minister"], "naam": MINISTER, "items": 2}]
    assert listed["personen"] == []  # never named as a member
    assert client.get(f"/openbaar/api/v1/items/{world['toezegging']}").get_json()["bewindspersoon"] == MINISTER
    # an archived item leaves the page; with none left, the page is gone
    with db.transaction(demo) as session:
        for key in ("motie", "toezegging"):
            items.archive_item(session, session.get(TrackedItem, world[key]), ADMIN, "dubbel ingevoerd")
    assert client.get(f"/openbaar/personen/{world['minister']}").status_code == 404
    assert client.get(f"/openbaar/personen/{world['minister']}.atom").status_code == 404


def test_off_by_default(app, world):
    client = app.test_client()
    for url in subject_urls(world):
        assert client.get(url).status_code == 404, url


def test_rate_limit_covers_the_new_pages(demo, database_url, world):
    from tracker.web import create_app
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "PUBLIC_REGISTER": True,
                      "PUBLIC_RATE_PER_MINUTE": 2, "RATE_LIMIT_CLOCK": lambda: 1_800_000_000.0})
    client = app.test_client()
    answers = [client.get(url, environ_base={"REMOTE_ADDR": "192.0.2.9"}).status_code
               for url in ("/openbaar/commissies", "/openbaar/dossiers/36991", "/openbaar/personen")]
    assert answers == [200, 200, 429]


def test_no_write_path_on_the_new_pages(public_app, world):
    client = public_app.test_client()
    for url in subject_urls(world)[:7]:
        assert client.post(url).status_code == 405, url
