"""Person and committee pages: persons read from the members text (item_person), kept in step with every write,
spelling variants merged; each page lists exactly what the register holds (compared with a query here)."""
from __future__ import annotations

import re
from datetime import date

import pytest
from sqlmodel import select

from tracker import db
from tracker.authz import Actor, system
from tracker.errors import Forbidden
from tracker.models import Committee, ItemPerson, Person, PersonAlias, TrackedItem
from tracker.services import items, persons


def test_names_are_read_as_the_members_text_writes_them():
    assert persons.names("Bergkamp, Özütok, Van den Hul") == ["Bergkamp", "Özütok", "Van den Hul"]
    assert persons.names("Van den Hul c.s.") == ["Van den Hul"]
    assert persons.names("Regterschot/El Yassini en Jasper van Dijk") == ["Regterschot", "El Yassini", "Jasper van Dijk"]
    assert persons.names("Bergkamp, bergkamp,  ") == ["Bergkamp"]
    assert persons.key("  Özütok ") == persons.key("ozutok")


def _person(session, name) -> Person:
    return session.exec(select(Person).where(Person.name == name)).one()


def _ids_on_page(html: str, caption: str) -> list[int]:
    """The item ids of the table with this caption."""
    match = re.search(rf"<caption>{re.escape(caption)} \(\d+\)</caption>(.*?)</table>", html, re.S)
    return [int(i) for i in re.findall(r'href="/items/(\d+)"', match[1])] if match else []


def test_a_members_page_lists_exactly_their_motions_questions_and_toezeggingen(app, demo, login_as):
    with db.transaction(demo) as session:
        bergkamp = _person(session, "Bergkamp")
        rows = session.exec(select(TrackedItem).where(TrackedItem.archived_at.is_(None))).all()
        expected = {"first": set(), "co": set(), "made_to": set()}
        for item in rows:  # the register's own text, read here independently
            names = [n.strip() for n in re.split(r",|/| en ", (item.members or "").replace(" c.s.", ""))]
            if "Bergkamp" in names:
                where = {"motie": "first" if names[0] == "Bergkamp" else "co", "toezegging": "made_to"}.get(item.kind)
                if where:
                    expected[where].add(item.id)
    assert expected["first"] and expected["co"]
    page = login_as("lezer").get(f"/personen/{bergkamp.id}").get_data(as_text=True)
    assert set(_ids_on_page(page, "Moties als eerste indiener")) == expected["first"]
    assert set(_ids_on_page(page, "Moties als mede-indiener")) == expected["co"]
    assert set(_ids_on_page(page, "Toezeggingen aan dit lid")) == expected["made_to"]
    # the item page links its members to their pages
    motion = next(iter(expected["first"]))
    assert f'href="/personen/{bergkamp.id}">Bergkamp</a>' in login_as("lezer").get(f"/items/{motion}").get_data(as_text=True)


def test_a_bewindspersoons_page_lists_what_is_assigned_open_overdue_and_on_time(app, demo, login_as):
    with db.transaction(demo) as session:
        minister = _person(session, "Ingrid van Engelshoven")
        assigned = set(session.exec(select(TrackedItem.id).where(TrackedItem.bewindspersoon_id == minister.id,
                                                                 TrackedItem.archived_at.is_(None))).all())
        still_open = set(session.exec(select(TrackedItem.id).where(TrackedItem.bewindspersoon_id == minister.id,
                                                                   TrackedItem.archived_at.is_(None),
                                                                   TrackedItem.closed_on.is_(None))).all())
    assert assigned
    page = login_as("lezer").get(f"/personen/{minister.id}").get_data(as_text=True)
    assert set(_ids_on_page(page, "Open")) == still_open
    assert set(_ids_on_page(page, "Open")) | set(_ids_on_page(page, "Afgesloten")) == assigned
    assert "Tijdig beantwoord per vergaderjaar" in page and "2021/22" in page  # the motion answered 26 November 2021


def test_every_write_keeps_the_persons_of_an_item_in_step(demo):
    with db.transaction(demo) as session:
        item = items.create_item(session, items.ItemInput(
            kind="motie", chamber="TK", nummer="36600 VIII, nr. 77", title="Motie van het lid Paternotte c.s.",
            ministry_code="OCW", members="Paternotte, Ozutok", start_date=date(2026, 11, 3)), system("test"))
        item_id = item.id
    with db.transaction(demo) as session:
        named = session.exec(select(Person.name, ItemPerson.position).join(ItemPerson)
                             .where(ItemPerson.item_id == item_id).order_by(ItemPerson.position)).all()
        assert named == [("Paternotte", 0), ("Özütok", 1)]  # a new member; a known one without her accents
        items.update_item(session, session.get(TrackedItem, item_id), {"members": "Özütok"}, system("test"))
    with db.transaction(demo) as session:
        assert session.exec(select(Person.name).join(ItemPerson).where(ItemPerson.item_id == item_id)).all() == ["Özütok"]


def test_merging_a_spelling_variant(app, demo, login_as):
    with db.transaction(demo) as session:
        item = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z90077", title="Vragen van het lid L. van den Hul",
            ministry_code="OCW", members="L. van den Hul", start_date=date(2026, 11, 3)), system("test"))
        item_id = item.id
    with db.transaction(demo) as session:  # (the persons an item names are written when its transaction commits)
        keep, variant = _person(session, "Van den Hul").id, _person(session, "L. van den Hul").id
    # only an admin merges
    assert login_as("griffie").post("/personen/samenvoegen", data={"houden": keep, "samenvoegen": variant}).status_code == 403
    with pytest.raises(Forbidden):
        with db.transaction(demo) as session:
            persons.merge(session, keep, variant, Actor("bzk", "officer", 1, "BZK"))
    answer = login_as("admin").post("/personen/samenvoegen", data={"houden": keep, "samenvoegen": variant})
    assert answer.status_code == 302
    with db.transaction(demo) as session:
        assert session.get(Person, variant) is None
        assert session.exec(select(ItemPerson.person_id).where(ItemPerson.item_id == item_id)).all() == [keep]
        assert session.exec(select(PersonAlias.person_id).where(PersonAlias.key == "l. van den hul")).one() == keep
        # the next item with that spelling names the same person
        later = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z90078", title="Nog meer vragen", ministry_code="OCW",
            members="L. van den Hul"), system("test"))
        later_id = later.id
    with db.transaction(demo) as session:
        assert session.exec(select(ItemPerson.person_id).where(ItemPerson.item_id == later_id)).all() == [keep]
    page = login_as("lezer").get(f"/personen/{keep}").get_data(as_text=True)
    assert {item_id, later_id} <= set(_ids_on_page(page, "Schriftelijke vragen"))


def test_a_committees_page_lists_exactly_its_register(app, demo, login_as):
    with db.transaction(demo) as session:
        committee = session.exec(select(Committee).where(Committee.chamber == "EK")).first()
        expected = set(session.exec(select(TrackedItem.id).where(TrackedItem.committee_id == committee.id,
                                                                 TrackedItem.archived_at.is_(None))).all())
    assert expected
    client = login_as("lezer")
    page = client.get(f"/commissies/{committee.id}").get_data(as_text=True)
    shown = set()
    for caption in ("Openstaande toezeggingen", "Open commissiebrieven", "Andere open items", "Afgesloten"):
        shown |= set(_ids_on_page(page, caption))
    assert shown == expected
    index = client.get("/commissies").get_data(as_text=True)
    assert f'href="/commissies/{committee.id}"' in index
    assert client.get("/commissies/999999").status_code == 404
    assert client.get("/personen/999999").status_code == 404


def test_the_api_gives_a_person_and_a_committee_as_the_pages_do(app, demo):
    from tracker.models import User
    from tracker.services.tokens import create_token

    with db.transaction(demo) as session:
        user = session.exec(select(User).where(User.username == "lezer")).one()
        headers = {"Authorization": f"Bearer {create_token(session, user, 'test')[1]}"}
        bergkamp = _person(session, "Bergkamp").id
        minister = _person(session, "Ingrid van Engelshoven").id
        committee = session.exec(select(Committee).where(Committee.chamber == "EK")).first()
        committee_items = set(session.exec(select(TrackedItem.id).where(TrackedItem.committee_id == committee.id)).all())
    client = app.test_client()
    body = client.get(f"/api/v1/personen/{bergkamp}", headers=headers).get_json()
    assert body["naam"] == "Bergkamp" and "35628, nr. 10" in [r["nummer"] for r in body["moties_eerste_indiener"]]
    assert body["functies"][0]["fractie"] == "D66"
    minister_body = client.get(f"/api/v1/personen/{minister}", headers=headers).get_json()
    assert minister_body["als_bewindspersoon"] and minister_body["tijdig_per_vergaderjaar"]
    body = client.get(f"/api/v1/commissies/{committee.id}", headers=headers).get_json()
    assert {r["id"] for r in body["items"]} == committee_items
    assert client.get("/api/v1/personen/999999", headers=headers).status_code == 404
    assert client.get("/api/v1/commissies/999999", headers=headers).status_code == 404


def test_a_new_person_gets_the_fractie_the_item_names_at_their_place(demo):
    """"Nieuwlid-Een, Nieuwlid-Twee" with "Volt, Volt": both Kamerleden of Volt in the item's chamber; a count that
    does not match says nothing; a person already known keeps their positions."""
    from tracker.models import Position

    with db.transaction(demo) as session:
        known = session.exec(select(Person).join(Position, Position.person_id == Person.id)).first()
        known_positions = len(session.exec(select(Position).where(Position.person_id == known.id)).all())
        for nummer, members, fracties in (("2026Z66001", f"Nieuwlid Een, Nieuwlid Twee, {known.name}", "Volt, Volt, BBB"),
                                          ("2026Z66002", "Nieuwlid Drie, Nieuwlid Vier c.s.", "SP")):
            items.create_item(session, items.ItemInput(kind="kamervragen", chamber="EK", nummer=nummer,
                                                       title="Vragen", ministry_code="BZK", members=members,
                                                       fracties=fracties, start_date=date(2026, 11, 2)),
                              system("test"))
    with db.transaction(demo) as session:
        def positions(name):
            return [(p.role, p.chamber, p.fractie) for p in session.exec(
                select(Position).join(Person, Person.id == Position.person_id).where(Person.name == name)).all()]
        assert positions("Nieuwlid Een") == [("kamerlid", "EK", "Volt")] == positions("Nieuwlid Twee")
        assert positions("Nieuwlid Drie") == [] == positions("Nieuwlid Vier")
        assert len(session.exec(select(Position).where(Position.person_id == known.id)).all()) == known_positions
