"""The public register's search (tracker.public.public_search): full text over the public fields alone. An intern
stand or a tag is searched by signed-in users (tracker.search) but never matches, nor shows in a snippet, on the
public register. The bewindspersoon is public (tracker.public.DERIVED) and is found on both."""
from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from tracker import db, public
from tracker.authz import Actor
from tracker.models import Ministry, Person, TrackedItem
from tracker.search import Filters, index, search
from tracker.services import items

TODAY = date(2026, 12, 7)
ADMIN = Actor("admin", "admin")


@pytest.fixture
def public_app(demo, database_url):
    from tracker.web import create_app
    return create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False,
                       "PUBLIC_REGISTER": True, "PUBLIC_RATE_PER_MINUTE": 1000})


@pytest.fixture
def three(demo) -> dict[str, int]:
    """Three BZK items: one with a word in its text, one with a word only in its intern stand, one only in a tag."""
    ids = {}
    with db.transaction(demo) as session:
        bzk = session.exec(select(Ministry).where(Ministry.code == "BZK")).one()
        officer = Actor("officer-BZK", "officer", bzk.id, "BZK")
        for nummer, title, text, stand, tags in (
                ("2026Z40001", "Vragen over dijkversterking", "Hoe staat het met de Zwaluwstaartdijk?", None, None),
                ("2026Z40002", "Vragen over waterschappen", None, "Kwelderpolderoverleg loopt nog, niet naar buiten",
                 None),
                ("2026Z40003", "Vragen over gemalen", None, None, "kwelderpoldertag")):
            item = items.create_item(session, items.ItemInput(
                kind="kamervragen", chamber="TK", nummer=nummer, title=title, text=text, ministry_code="BZK",
                start_date=date(2026, 10, 5), members="Bikker", fracties="ChristenUnie"), officer)
            changes = {"tags": tags} if tags else {}
            if stand:
                changes.update(stand_van_zaken=stand, stand_intern=True)
            if changes:
                items.update_item(session, item, changes, officer)
            ids[nummer] = item.id
    return ids


def _public(engine, text, **options) -> list[str]:
    with db.transaction(engine) as session:
        rows, total, _page, _pages = public.public_search(session, text, today=TODAY, **options)
    assert total == len(rows)
    return [r.get("nummer") or r.get("kenmerk") for r in rows]


def _signed_in(engine, user, text) -> list[str]:
    with engine.connect() as connection:
        return [h.nummer for h in search(connection, user, text, Filters(), per_page=100, today=TODAY).hits
                if h.kind == "item"]


def test_public_search_finds_public_text_with_a_snippet_of_it(demo, three):
    assert _public(demo, "Zwaluwstaartdijk") == ["2026Z40001"]
    assert _public(demo, "dijkversterking") == ["2026Z40001"]  # the title
    assert set(_public(demo, "Bikker waterschappen")) == {"2026Z40002"}  # an indiener and a title word
    with db.transaction(demo) as session:
        rows, *_ = public.public_search(session, "Zwaluwstaartdijk", today=TODAY)
    assert rows[0]["gevonden_in"] == "tekst" and ("Zwaluwstaartdijk", True) in rows[0]["fragment"]


def test_an_intern_stand_or_a_tag_is_found_signed_in_but_never_publicly(demo, three):
    # signed in: the intern stand by who may read it, the tag by everyone
    assert _signed_in(demo, ADMIN, "Kwelderpolderoverleg") == ["2026Z40002"]
    assert _signed_in(demo, Actor("lezer", "viewer"), "kwelderpoldertag") == ["2026Z40003"]
    # the public register: neither
    assert _public(demo, "Kwelderpolderoverleg") == []
    assert _public(demo, "kwelderpoldertag") == []
    assert _public(demo, "kwelderpolder") == []  # as a prefix too
    # a query that also holds a public word still needs every word in public text
    assert _public(demo, "waterschappen Kwelderpolderoverleg") == []
    assert _public(demo, "waterschappen") == ["2026Z40002"]


def test_a_public_snippet_never_comes_from_the_intern_stand(demo, three):
    with db.transaction(demo) as session:
        rows, *_ = public.public_search(session, "waterschappen", today=TODAY)
    assert rows and "Kwelderpolder" not in str(rows) and rows[0]["stand_van_zaken"] is None


def test_the_bewindspersoon_is_publicly_searchable(demo, three):
    with db.transaction(demo) as session:
        person = Person(name="Qwertzuiopmans")
        session.add(person)
        session.flush()
        items.update_item(session, session.get(TrackedItem, three["2026Z40001"]), {"bewindspersoon_id": person.id},
                          ADMIN)
    assert _signed_in(demo, ADMIN, "Qwertzuiopmans") == ["2026Z40001"]
    assert _public(demo, "Qwertzuiopmans") == ["2026Z40001"]
    with db.transaction(demo) as session:
        rows, *_ = public.public_search(session, "Qwertzuiopmans", today=TODAY)
    assert rows[0]["bewindspersoon"] == "Qwertzuiopmans" and rows[0]["gevonden_in"] == "bewindspersoon"
    assert ("Qwertzuiopmans", True) in rows[0]["fragment"]
    # renamed: found by the new name alone (the index follows the person)
    with db.transaction(demo) as session:
        session.get(Person, person.id).name = "Asdfghjklsen"
    assert _public(demo, "Qwertzuiopmans") == [] and _public(demo, "Asdfghjklsen") == ["2026Z40001"]
    # a tag on the same item still is not found publicly
    assert _public(demo, "kwelderpoldertag") == []


def test_a_field_unmarked_public_leaves_the_public_search(demo, three, monkeypatch):
    """The index reads tracker.public: a field taken off PUBLIC_FIELDS is no longer searched publicly."""
    assert "2026Z40001" in _public(demo, "Bikker")
    monkeypatch.setattr(public, "PUBLIC_FIELDS", {k: v for k, v in public.PUBLIC_FIELDS.items() if k != "members"})
    with db.transaction(demo) as session:
        index.refresh(session.connection(), item_ids=list(three.values()))
    assert _public(demo, "Bikker") == []
    assert set(_signed_in(demo, ADMIN, "Bikker")) >= set(three)  # signed in: still found


def test_filters_pages_and_archived_items(demo, three):
    assert _public(demo, "Bikker", kind="motie") == []
    assert set(_public(demo, "Bikker", kind="kamervragen")) >= set(three)
    assert set(_public(demo, "Bikker", state="open")) >= set(three)
    with db.transaction(demo) as session:
        rows, total, page, pages = public.public_search(session, "Bikker", page=2, per_page=1, today=TODAY)
    assert len(rows) == 1 and page == 2 and pages == total >= 3
    with db.transaction(demo) as session:
        items.archive_item(session, session.get(TrackedItem, three["2026Z40001"]), ADMIN, "dubbel ingevoerd")
    assert _public(demo, "Zwaluwstaartdijk") == []


def test_pages_and_json(public_app, three):
    client = public_app.test_client()
    page = client.get("/openbaar/zoek?q=Zwaluwstaartdijk").get_data(as_text=True)
    assert "<mark>Zwaluwstaartdijk</mark>" in page and "2026Z40001" in page
    assert "2026Z40002" not in client.get("/openbaar/zoek?q=Kwelderpolderoverleg").get_data(as_text=True)
    data = client.get("/openbaar/api/v1/zoek?q=Zwaluwstaartdijk").get_json()
    assert [r["nummer"] for r in data["items"]] == ["2026Z40001"] and "**Zwaluwstaartdijk**" in data["items"][0]["fragment"]
    assert data["items"][0]["gevonden_in"] == "tekst" and data["totaal"] == 1
    assert client.get("/openbaar/api/v1/zoek?q=Kwelderpolderoverleg").get_json()["items"] == []
    assert client.get("/openbaar/api/v1/zoek").status_code == 400
    assert client.get("/openbaar/zoek?q=x&soort=brief").status_code == 400
    assert client.get("/openbaar/zoek?q=x&stand=weg").status_code == 400
    assert client.get("/openbaar/zoek?q=x&pagina=0").status_code == 400
    long = client.get("/openbaar/zoek?q=" + "a" * 5000)  # bounded: read up to 200 characters
    assert long.status_code == 200 and "a" * 201 not in long.get_data(as_text=True)
    assert client.get("/openbaar/zoek?q=\"*(OR:").status_code == 200  # nothing typed is query syntax


def test_te_laat_shows_the_days_late(public_app, demo, three, monkeypatch):
    from tracker import clock
    with db.transaction(demo) as session:
        item = session.get(TrackedItem, three["2026Z40001"])
        due = item.due_date
    monkeypatch.setattr(clock, "today", lambda: due.fromordinal(due.toordinal() + 9))
    page = public_app.test_client().get("/openbaar/te-laat").get_data(as_text=True)
    assert "Dagen te laat" in page
    row = page[page.index("2026Z40001"):]
    row = row[:row.index("</tr>")]
    assert '<td data-label="Dagen te laat" class="num">9</td>' in row


def test_te_laat_sets_the_old_backlog_apart_as_the_ministries_page_does(public_app, demo, monkeypatch):
    """The public Te laat opens on what is at most a year late; the old backlog is one click away with its count, and
    the parts split where the ministries' Te laat splits them (tracker.domain.deadlines.in_backlog_part)."""
    from tracker import clock
    from tracker.domain.deadlines import in_backlog_part
    from tracker.services.overdue import overdue

    on = date(2024, 11, 28)  # the demo has overdue items of both parts on this day
    monkeypatch.setattr(clock, "today", lambda: on)
    client = public_app.test_client()
    with db.transaction(demo) as session:
        rows = [r for r in overdue(session, on) if session.get(TrackedItem, r.id).archived_at is None]
    expected = {part: {r.nummer for r in rows if in_backlog_part(r.days_overdue, part)} for part in ("recent", "oud")}
    assert expected["recent"] and expected["oud"]

    def shown(query=""):
        page = client.get("/openbaar/te-laat" + query).get_data(as_text=True)
        body = page[page.index("<tbody>"):page.index("</tbody>")] if "<tbody>" in page else ""
        return page, {n for n in expected["recent"] | expected["oud"] if f">{n}</a>" in body}

    page, numbers = shown()
    assert numbers == expected["recent"]
    assert f'hoogstens een jaar <b>{len(expected["recent"])}</b>' in page
    assert f'meer dan een jaar <b>{len(expected["oud"])}</b>' in page and "achterstand=oud" in page
    assert shown("?achterstand=oud")[1] == expected["oud"]
    assert shown("?achterstand=alle")[1] == expected["recent"] | expected["oud"]
    assert "Te laat op 28 november 2024" in page
    assert client.get("/openbaar/te-laat?achterstand=ooit").status_code == 400


def test_migration_0035_moves_the_bewindspersoon_into_the_public_columns(demo, three, monkeypatch):
    """An index written by the code before 0035 (the bewindspersoon in the private column) is rebuilt by 0035, after
    which the public search finds the item by its bewindspersoon."""
    from alembic import command

    from tracker import migrate
    with db.transaction(demo) as session:
        person = Person(name="Yxcvbnmsma")
        session.add(person)
        session.flush()
        items.update_item(session, session.get(TrackedItem, three["2026Z40001"]), {"bewindspersoon_id": person.id},
                          ADMIN)
    with monkeypatch.context() as old_rule:  # the rule before 0035: the bewindspersoon is not DERIVED
        old_rule.setattr(public, "DERIVED", {k: v for k, v in public.DERIVED.items() if k != "bewindspersoon"})
        with db.transaction(demo) as session:
            index.rebuild(session.connection())
        assert _public(demo, "Yxcvbnmsma") == [] and _signed_in(demo, ADMIN, "Yxcvbnmsma") == ["2026Z40001"]
    assert _public(demo, "Yxcvbnmsma") == []  # the old entries stay until the migration rebuilds them
    config = migrate.alembic_config(demo)
    with demo.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0034")
    assert migrate.current_revision(demo) == "0034"
    migrate.upgrade(demo)
    assert migrate.current_revision(demo) == migrate.head_revision()  # 0035 and any later one
    assert _public(demo, "Yxcvbnmsma") == ["2026Z40001"] and _signed_in(demo, ADMIN, "Yxcvbnmsma") == ["2026Z40001"]
