"""ICS feeds: the deadlines of open items, behind a revocable secret token, following the register."""
import re
from datetime import date, datetime, timezone

from icalendar import Calendar
from sqlmodel import select

from tracker.authz import system
from tracker import db, feeds
from tracker.models import CalendarFeed, Ministry, TrackedItem, User
from tracker.services import items


def new_feed(client, scope="") -> str:
    page = client.post("/agenda/", data={"scope": scope}).get_data(as_text=True)
    # absolute from TRACKER_BASE_URL (http://127.0.0.1:5000 when unset), never from the request's Host
    match = re.search(r'value="(https?://[^"/]+/agenda/([^"]+)\.ics)"', page)
    assert match, page
    return match.group(2)


def events_of(response) -> dict[str, object]:
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def open_with_due(engine, ministry_code=None) -> set[str]:
    with db.transaction(engine) as session:
        query = select(TrackedItem).where(TrackedItem.closed_on.is_(None), TrackedItem.due_date.is_not(None))
        rows = session.exec(query).all()
        codes = {m.id: m.code for m in session.exec(select(Ministry)).all()}
        return {r.nummer for r in rows if ministry_code is None or codes.get(r.ministry_id) == ministry_code}


def test_ministry_feed_has_one_all_day_event_per_open_deadline(app, login_as, demo):
    client = login_as("griffie")
    with db.transaction(demo) as session:
        ocw = session.exec(select(Ministry).where(Ministry.code == "OCW")).one()
    token = new_feed(client, str(ocw.id))
    anonymous = app.test_client()  # Outlook does not log in
    events = events_of(anonymous.get(f"/agenda/{token}.ics"))
    expected = open_with_due(demo, "OCW")
    assert expected and len(events) == len(expected)
    assert all(any(nummer in summary for summary in events) for nummer in expected)
    event = next(iter(events.values()))
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert type(start) is date and (end - start).days == 1  # all-day
    assert "http://127.0.0.1:5000/items/" in str(event["description"])


def test_feed_follows_the_register_and_bumps_the_sequence(app, login_as, demo):
    client = login_as("ocw")
    with db.transaction(demo) as session:
        ocw = session.exec(select(Ministry).where(Ministry.code == "OCW")).one().id
    token = new_feed(client, str(ocw))  # the officer's ministry's feed
    before = events_of(app.test_client().get(f"/agenda/{token}.ics"))
    assert len(before) == len(open_with_due(demo, "OCW"))
    with db.transaction(demo) as session:
        item = items.find_item(session, "TK", "toezegging", "VGR-EMANC-2021 T01")
        old_due, old_version = item.due_date, item.version
        items.update_item(session, item, {"deadline_phrase": None, "deadline_date": date(2022, 3, 31)}, system("test"))
    after = events_of(app.test_client().get(f"/agenda/{token}.ics"))
    moved = next(e for s, e in after.items() if "VGR-EMANC-2021 T01" in s)
    assert moved.decoded("dtstart") == date(2022, 3, 31) != old_due
    assert int(moved["sequence"]) > old_version


def test_unknown_revoked_and_orphaned_tokens_reveal_nothing(app, login_as, demo):
    client = login_as("bzk")
    token = new_feed(client)
    anonymous = app.test_client()
    assert anonymous.get(f"/agenda/{token}.ics").status_code == 200
    wrong = anonymous.get(f"/agenda/{token[:-2]}xx.ics")
    assert wrong.status_code == 404 and b"VEVENT" not in wrong.data
    with db.transaction(demo) as session:
        feed = session.exec(select(CalendarFeed)).one()
        assert feed.token_hash != token and len(feed.token_hash) == 64  # only the hash is stored
    other = login_as("ocw")
    assert other.post(f"/agenda/{feed.id}/intrekken").status_code == 404  # not theirs
    assert anonymous.get(f"/agenda/{token}.ics").status_code == 200
    client.post(f"/agenda/{feed.id}/intrekken")
    assert anonymous.get(f"/agenda/{token}.ics").status_code == 404
    token2 = new_feed(client)
    with db.transaction(demo) as session:
        session.exec(select(User).where(User.username == "bzk")).one().active = False
    assert anonymous.get(f"/agenda/{token2}.ics").status_code == 404  # the owner left: the feed stops


def test_feed_page_lists_own_feeds_and_admin_sees_all(app, login_as, demo):
    ocw = login_as("ocw")
    new_feed(ocw, "mijn")
    page = ocw.get("/agenda/").get_data(as_text=True)
    assert "Mijn deadlines (behandelaar)" in page and "actief" in page and "Intrekken" in page
    assert "http://127.0.0.1:5000/agenda/" not in page  # the URL is shown once, at creation
    admin = login_as("admin")
    assert "Mijn deadlines (behandelaar)" in admin.get("/agenda/").get_data(as_text=True)
    assert admin.post("/agenda/", data={"scope": "999999"}).status_code == 400  # not a choice
    assert app.test_client().get("/agenda/").status_code == 302  # the management page needs a login


def test_render_ics_is_valid_calendar_text():
    feed = CalendarFeed(id=1, token_hash="x" * 64, label="Deadlines BZK", user_id=1)
    row = feeds.Deadline(7, "kamervragen", "TK", "2023Z12033", "Vragen over diversiteit", "BZK", "uitstel_gemeld",
                         date(2023, 7, 18), "drie weken na 27 juni 2023", 3, datetime(2023, 7, 1, tzinfo=timezone.utc))
    text = feeds.render_ics(feed, [row], lambda item_id: f"https://kt.example/items/{item_id}", "kt.example").decode()
    assert "BEGIN:VCALENDAR" in text and "X-WR-CALNAME:Kamertracker: Deadlines BZK" in text
    assert "UID:deadline-7@kt.example" in text and "DTSTART;VALUE=DATE:20230718" in text
    assert "DTEND;VALUE=DATE:20230719" in text and "SEQUENCE:3" in text
    assert "Status: uitstel gemeld" in text.replace("\r\n ", "")
    assert "X-PUBLISHED-TTL:PT1H" in text and "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in text  # RFC 5545 durations


def test_my_deadlines_hold_only_the_items_i_am_behandelaar_of(app, login_as, demo):
    """Issue 26: "Mijn deadlines" was the whole ministry; now it is my items. The ministry's feed keeps its name."""
    with db.transaction(demo) as session:
        ocw_user = session.exec(select(User).where(User.username == "ocw")).one()
        mine = items.find_item(session, "TK", "toezegging", "VGR-EMANC-2021 T01")
        items.update_item(session, mine, {"behandelaar_id": ocw_user.id}, system("test"))
        ocw = ocw_user.ministry_id
    client = login_as("ocw")
    page = client.get("/agenda/").get_data(as_text=True)
    assert "Mijn deadlines (behandelaar)" in page and "Deadlines alle ministeries" in page
    events = events_of(app.test_client().get(f"/agenda/{new_feed(client, 'mijn')}.ics"))
    assert len(events) == 1 and "VGR-EMANC-2021 T01" in next(iter(events))
    ministry = events_of(app.test_client().get(f"/agenda/{new_feed(client, str(ocw))}.ics"))
    assert len(ministry) == len(open_with_due(demo, "OCW")) > 1
    everything = events_of(app.test_client().get(f"/agenda/{new_feed(client)}.ics"))
    assert len(everything) == len(open_with_due(demo))
    listed = client.get("/agenda/").get_data(as_text=True)
    assert "Deadlines OCW" in listed and "Mijn deadlines (OCW)" not in listed


def test_migration_0021_names_the_old_personal_feeds_for_what_they_hold(tmp_path):
    """A feed made before 0021 as "Mijn deadlines (BZK)" showed BZK's items: it keeps them, named Deadlines BZK."""
    from tracker import migrate

    engine = db.make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    migrate.upgrade(engine, "0018")
    with engine.begin() as connection:
        run = connection.exec_driver_sql
        run("INSERT INTO ministry (id, code, name, internal_offset_days) VALUES (1, 'BZK', 'Binnenlandse Zaken', 7)")
        for user_id, name, role, ministry in ((1, "bzk", "officer", 1), (2, "griffie", "griffie", None)):
            run("INSERT INTO app_user (id, username, password_hash, role, ministry_id, active, created_at, "
                "session_generation, notify_digest, notify_reminders, notify_follows) "
                f"VALUES ({user_id}, '{name}', 'x', '{role}', {ministry or 'NULL'}, 1, '2026-01-01', 0, 1, 1, 1)")
        run("INSERT INTO calendar_feed (token_hash, label, ministry_id, user_id, created_at) VALUES "
            "('a', 'Mijn deadlines (BZK)', NULL, 1, '2026-01-01'), "
            "('b', 'Mijn deadlines (alle ministeries)', NULL, 2, '2026-01-01'), "
            "('c', 'Deadlines BZK', 1, 2, '2026-01-01')")
    migrate.upgrade(engine)
    with engine.begin() as connection:
        rows = connection.exec_driver_sql(
            "SELECT token_hash, label, ministry_id, mine FROM calendar_feed ORDER BY token_hash").all()
    assert [tuple(r) for r in rows] == [("a", "Deadlines BZK", 1, 0), ("b", "Deadlines alle ministeries", None, 0),
                                        ("c", "Deadlines BZK", 1, 0)]
    engine.dispose()
