"""Person and committee pages at a register's real size: each list shows its newest registers.SHOWN with its full
length, the rest a page at a time; counts and the share answered on time are over every item (not the rows shown);
and the pages, the search and the dossier pages come from a per-worker cache that a write anywhere ends."""
from __future__ import annotations

import re
from datetime import date

from sqlalchemy import func, select

from tracker import db
from tracker.authz import system
from tracker.generate import generate
from tracker.models import Committee, ItemPerson, Person, TrackedItem
from tracker.services import items, registers

TODAY = date(2026, 12, 1)


def _generated(engine, count: int, seed: int) -> None:
    """A generated register, with the persons its members texts name (as `tracker zoekindex` derives them)."""
    from tracker.search import index
    generate(engine, count, seed=seed, today=TODAY)
    with db.transaction(engine) as session:
        index.rebuild(session.connection())


def _busiest_member(session) -> tuple[int, int]:
    """The Kamerlid named first on the most moties (the generated register names a few members on many)."""
    return session.execute(select(ItemPerson.person_id, func.count()).join(TrackedItem, TrackedItem.id == ItemPerson.item_id)
                           .where(TrackedItem.kind == "motie", ItemPerson.position == 0,
                                  TrackedItem.archived_at.is_(None))
                           .group_by(ItemPerson.person_id).order_by(func.count().desc()).limit(1)).one()


def _caption_ids(html: str, caption: str) -> tuple[int, list[int]]:
    match = re.search(rf"<caption>{re.escape(caption)} \((\d+)\)</caption>(.*?)</table>", html, re.S)
    assert match, caption
    return int(match[1]), [int(i) for i in re.findall(r'href="/items/(\d+)"', match[2])]


def test_a_busy_members_list_shows_the_newest_with_the_full_count_and_the_rest_by_page(app, demo, login_as,
                                                                                      monkeypatch):
    monkeypatch.setattr("tracker.clock.today", lambda: TODAY)
    monkeypatch.setattr(registers, "SHOWN", 4)  # (small numbers: the same rules, a register of 600 items)
    monkeypatch.setattr(registers, "PAGE_SIZE", 5)
    _generated(demo, 600, 11)
    with db.transaction(demo) as session:
        person_id, count = _busiest_member(session)
        newest_first = session.execute(
            select(TrackedItem.id).join(ItemPerson, ItemPerson.item_id == TrackedItem.id)
            .where(ItemPerson.person_id == person_id, ItemPerson.position == 0, TrackedItem.kind == "motie",
                   TrackedItem.archived_at.is_(None))
            .order_by(TrackedItem.start_date.desc(), TrackedItem.id.desc())).scalars().all()
    assert count == len(newest_first) > registers.SHOWN
    client = login_as("lezer")
    page = client.get(f"/personen/{person_id}").get_data(as_text=True)
    total, shown = _caption_ids(page, "Moties als eerste indiener")
    assert total == count and shown == newest_first[:registers.SHOWN]
    assert f"/personen/{person_id}?deel=eerste-indiener" in page and f"Alle {count} tonen" in page
    # the whole list, a page at a time, is exactly the register's
    seen, number = [], 1
    while True:
        part = client.get(f"/personen/{person_id}?deel=eerste-indiener&pagina={number}")
        assert part.status_code == 200
        html = part.get_data(as_text=True)
        if "Op deze pagina staan geen items meer" in html:
            break
        seen += _caption_ids(html, "Moties als eerste indiener")[1]
        number += 1
    assert seen == newest_first and number == -(-count // registers.PAGE_SIZE) + 1 > 2
    assert client.get(f"/personen/{person_id}?deel=onzin").status_code == 400


def test_a_ministers_counts_and_share_on_time_are_over_every_item(demo, monkeypatch):
    _generated(demo, 600, 12)
    with db.transaction(demo) as session:
        minister, assigned = session.execute(
            select(TrackedItem.bewindspersoon_id, func.count()).where(TrackedItem.bewindspersoon_id.is_not(None),
                                                                      TrackedItem.archived_at.is_(None))
            .group_by(TrackedItem.bewindspersoon_id).order_by(func.count().desc()).limit(1)).one()
        rows = session.execute(select(TrackedItem.closed_on, TrackedItem.due_date).where(
            TrackedItem.bewindspersoon_id == minister, TrackedItem.archived_at.is_(None))).all()
        page = registers.person_page(session, minister, TODAY, limit=3)  # three rows a list, counts over all
    open_rows = [due for closed, due in rows if closed is None]
    assert len(page.assigned_open) <= 3 and len(page.assigned_closed) <= 3
    assert page.totals["assigned_open"] == len(open_rows)
    assert page.totals["assigned_closed"] == assigned - len(open_rows)
    assert page.overdue_count == sum(1 for due in open_rows if due is not None and due < TODAY)
    answered = [(closed, due) for closed, due in rows if closed and due]
    assert sum(a for _year, a, _t in page.on_time) == len(answered)
    assert sum(t for _year, _a, t in page.on_time) == sum(closed <= due for closed, due in answered)


def test_a_committees_register_counts_every_item_and_pages_the_rest(app, demo, login_as, monkeypatch):
    monkeypatch.setattr("tracker.clock.today", lambda: TODAY)
    monkeypatch.setattr(registers, "SHOWN", 4)
    monkeypatch.setattr(registers, "PAGE_SIZE", 5)
    _generated(demo, 600, 13)
    with db.transaction(demo) as session:
        committee_id = session.execute(select(TrackedItem.committee_id).where(TrackedItem.committee_id.is_not(None))
                                       .group_by(TrackedItem.committee_id).order_by(func.count().desc())
                                       .limit(1)).scalar()
        closed = session.execute(select(TrackedItem.id).where(
            TrackedItem.committee_id == committee_id, TrackedItem.archived_at.is_(None),
            TrackedItem.closed_on.is_not(None)).order_by(TrackedItem.start_date.desc(), TrackedItem.id.desc())
        ).scalars().all()
        open_count = session.execute(select(func.count()).select_from(TrackedItem).where(
            TrackedItem.committee_id == committee_id, TrackedItem.archived_at.is_(None),
            TrackedItem.closed_on.is_(None))).scalar()
    client = login_as("lezer")
    html = client.get(f"/commissies/{committee_id}").get_data(as_text=True)
    assert f"<strong>{open_count}</strong> open" in html and f"{len(closed)} afgesloten" in html
    total, shown = _caption_ids(html, "Afgesloten")
    assert total == len(closed) and shown == closed[:registers.SHOWN]
    part = client.get(f"/commissies/{committee_id}?deel=afgesloten&pagina=1").get_data(as_text=True)
    assert _caption_ids(part, "Afgesloten")[1] == closed[:registers.PAGE_SIZE]
    body = app.test_client().get(f"/api/v1/commissies/{committee_id}",
                                 headers=_token_header(demo)).get_json()
    assert body["open"] == open_count and body["afgesloten"] == len(closed)


def _token_header(engine) -> dict:
    from tracker.models import User
    from tracker.services.tokens import create_token
    with db.transaction(engine) as session:
        user = session.execute(select(User).where(User.username == "lezer")).scalar_one()
        return {"Authorization": f"Bearer {create_token(session, user, 'test')[1]}"}


def test_a_write_ends_the_cached_pages_at_once(app, demo, login_as):
    """The search, a person's page and a committee's page, asked twice (the second time from the cache), then a change
    through the service: the very next request shows it."""
    from tracker.web import read_cache  # noqa: F401  (the cache under test)
    from tracker.web.search import cached_search

    client = login_as("lezer")
    with db.transaction(demo) as session:
        bergkamp = session.execute(select(Person.id).where(Person.name == "Bergkamp")).scalar_one()
        committee = session.execute(select(Committee.id).where(Committee.chamber == "EK")).scalars().first()
        motion = session.execute(select(TrackedItem).join(ItemPerson, ItemPerson.item_id == TrackedItem.id)
                                 .where(ItemPerson.person_id == bergkamp, TrackedItem.kind == "motie")).scalars().first()
        motion_id = motion.id
    for _ in range(2):
        assert f'href="/items/{motion_id}"' not in client.get("/zoek?q=Zeldzaamwoordtitel").get_data(as_text=True)
        assert "Zeldzaamwoordtitel" not in client.get(f"/personen/{bergkamp}").get_data(as_text=True)
    assert cached_search.cache_info().hits >= 1
    with db.transaction(demo) as session:
        items.update_item(session, session.get(TrackedItem, motion_id), {"title": "Zeldzaamwoordtitel van de motie"},
                          system("test"))
    found = client.get("/zoek?q=Zeldzaamwoordtitel").get_data(as_text=True)
    assert f'href="/items/{motion_id}"' in found
    assert "Zeldzaamwoordtitel van de motie" in client.get(f"/personen/{bergkamp}").get_data(as_text=True)
    assert client.get(f"/commissies/{committee}").status_code == 200


def test_the_public_page_of_a_busy_member_shows_each_group_short_and_whole_a_page_at_a_time(demo, database_url,
                                                                                           monkeypatch):
    from tracker.web import create_app
    from tracker.web import public_subjects as public_pages

    monkeypatch.setattr("tracker.clock.today", lambda: TODAY)
    monkeypatch.setattr(public_pages, "SHOWN", 4)
    monkeypatch.setattr(public_pages, "PAGE_SIZE", 5)
    _generated(demo, 600, 14)
    with db.transaction(demo) as session:
        person_id, _count = _busiest_member(session)
    client = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "PUBLIC_REGISTER": True,
                         "PUBLIC_RATE_PER_MINUTE": 100000}).test_client()
    page = client.get(f"/openbaar/personen/{person_id}").get_data(as_text=True)
    match = re.search(r"<caption>Moties als eerste indiener \((\d+)\)</caption>(.*?)</table>", page, re.S)
    total, shown = int(match[1]), re.findall(r'href="/openbaar/items/(\d+)"', match[2])
    assert total > 5 and len(shown) == 4
    link = re.search(r'<a href="\?deel=(k\d+)">Alle (\d+) tonen</a>', page[match.end():])
    assert link and int(link[2]) == total
    seen, number = [], 1
    while number <= -(-total // 5):
        part = client.get(f"/openbaar/personen/{person_id}?deel={link[1]}&pagina={number}").get_data(as_text=True)
        seen += re.findall(r'href="/openbaar/items/(\d+)"', part)
        number += 1
    assert len(seen) == len(set(seen)) == total and seen[:4] == shown
    assert client.get(f"/openbaar/personen/{person_id}?deel=k99").status_code == 404


def test_the_public_counts_are_over_every_item_when_the_page_lists_the_newest(demo, database_url, monkeypatch):
    import tracker.public_subjects
    from tracker.web import create_app

    monkeypatch.setattr("tracker.clock.today", lambda: TODAY)
    monkeypatch.setattr(tracker.public_subjects, "LIMIT", 10)  # (the page lists the newest 1000 of thousands)
    _generated(demo, 600, 15)
    with db.transaction(demo) as session:
        person_id, _count = _busiest_member(session)
        named = select(TrackedItem).join(ItemPerson, ItemPerson.item_id == TrackedItem.id).where(
            ItemPerson.person_id == person_id, TrackedItem.archived_at.is_(None))
        rows = session.execute(named).scalars().all()
        open_rows = [r for r in rows if r.closed_on is None]
        overdue = [r for r in open_rows if r.due_date is not None and r.due_date < TODAY]
    client = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "PUBLIC_REGISTER": True,
                         "PUBLIC_RATE_PER_MINUTE": 100000}).test_client()
    page = client.get(f"/openbaar/personen/{person_id}").get_data(as_text=True)
    assert (f"<strong>{len(open_rows)}</strong> open, waarvan <strong>{len(overdue)}</strong> te laat · "
            f"{len(rows) - len(open_rows)} afgesloten · hieronder de nieuwste 10 van {len(rows)}") in page
    listed = {int(i) for i in re.findall(r'href="/openbaar/items/(\d+)"', page)}
    newest = sorted(rows, key=lambda r: (r.start_date is not None, r.start_date or date.min, r.id), reverse=True)[:10]
    assert listed == {r.id for r in newest}
