"""People in the web app: meldingen on Mijn instellingen, behandelaar and interne termijn, follow, Mijn items,
Volgend, an e-mail address for a new user, and Beheer → Verzonden berichten."""
from __future__ import annotations

import re
from datetime import date, timedelta

from sqlmodel import select

from tracker import clock, db
from tracker.authz import system
from tracker.models import ItemFollow, TrackedItem, User
from tracker.notify import Outbox, run
from tracker.services import items


def an_item(engine, ministry="BZK", nummer="2026Z80001") -> int:
    with db.transaction(engine) as session:
        return items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer=nummer, title="Vragen over de wachttijden bij de IND",
            ministry_code=ministry, start_date=clock.today() - timedelta(days=10)), system("test")).id


def user_id(engine, name) -> int:
    with db.transaction(engine) as session:
        return session.exec(select(User).where(User.username == name)).one().id


def test_meldingen_are_saved_and_a_wrong_address_is_a_form_error(app, demo, login_as):
    client = login_as("bzk")
    bad = client.post("/instellingen/meldingen", data={"email": "bzk at minbzk", "digest": "y"})
    assert bad.status_code == 400 and "is geen e-mailadres" in bad.get_data(as_text=True)
    ok = client.post("/instellingen/meldingen", data={"email": " beleid@minbzk.example ", "reminders": "y"})
    assert ok.status_code == 302
    with db.transaction(demo) as session:
        me = session.get(User, user_id(demo, "bzk"))
        assert (me.email, me.notify_digest, me.notify_reminders, me.notify_follows) == (
            "beleid@minbzk.example", False, True, False)


def test_a_behandelaar_is_of_the_items_ministry_follows_it_and_sees_it_under_mijn_items(app, demo, login_as):
    id_ = an_item(demo)
    client = login_as("bzk")
    page = client.get(f"/items/{id_}/bewerken").get_data(as_text=True)
    options = re.search(r'<select[^>]*name="behandelaar_id".*?</select>', page, re.S).group(0)
    assert ">bzk<" in options and ">ocw<" not in options  # only users of BZK
    with db.transaction(demo) as session:
        item = session.get(TrackedItem, id_)
        form = {"nummer": item.nummer, "title": item.title, "ministry_id": item.ministry_id,
                "start_date": item.start_date.isoformat(), "committee_id": 0, "version": item.version}
    other = client.post(f"/items/{id_}/bewerken", data={**form, "behandelaar_id": user_id(demo, "ocw")})
    assert other.status_code == 400  # not a choice of this form (and the service refuses it too)
    saved = client.post(f"/items/{id_}/bewerken", data={**form, "behandelaar_id": user_id(demo, "bzk"),
                                                        "internal_due": (clock.today() + timedelta(days=5)).isoformat()})
    assert saved.status_code == 302
    shown = client.get(f"/items/{id_}").get_data(as_text=True)
    assert "<dt>Behandelaar</dt><dd>bzk</dd>" in shown and "<dt>Volgers</dt><dd>bzk</dd>" in shown
    assert "Gewijzigd: behandelaar — → bzk" in shown
    mine = client.get("/mijn-items").get_data(as_text=True)
    assert "2026Z80001" in mine
    assert "2026Z80001" not in login_as("ocw").get("/mijn-items").get_data(as_text=True)


def test_anyone_may_follow_and_stop_following(app, demo, login_as):
    id_ = an_item(demo)
    lezer = login_as("lezer")
    assert lezer.post(f"/items/{id_}/volgen").status_code == 302
    assert "2026Z80001" in lezer.get("/volgend").get_data(as_text=True)
    assert "Niet meer volgen" in lezer.get(f"/items/{id_}").get_data(as_text=True)
    assert lezer.post(f"/items/{id_}/volgen", data={"stop": "1"}).status_code == 302
    with db.transaction(demo) as session:
        assert session.exec(select(ItemFollow)).all() == []
    assert lezer.post("/items/99999/volgen").status_code == 404


def test_a_new_user_with_a_wrong_address_is_refused(app, demo, login_as):
    admin = login_as("admin")
    response = admin.post("/beheer/gebruikers", data={"username": "nieuw", "role": "viewer", "ministry_id": 0,
                                                      "email": "geen adres", "password": "een-lang-wachtwoord"})
    assert response.status_code == 400 and "is geen e-mailadres" in response.get_data(as_text=True)
    with db.transaction(demo) as session:
        assert session.exec(select(User).where(User.username == "nieuw")).first() is None


def test_verzonden_berichten_shows_what_the_outbox_holds(app, demo, login_as, tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.delenv("SMTP_URL", raising=False)
    an_item(demo, nummer="2026Z80002")
    with db.transaction(demo) as session:
        session.get(TrackedItem, an_item(demo, nummer="2026Z80003")).start_date = date(2026, 1, 1)
    monday = clock.today() + timedelta(days=(7 - clock.today().weekday()) % 7)
    _, report = run(demo, monday, transport=Outbox(tmp_path / "instance" / "outbox"))
    assert report.sent
    admin = login_as("admin")
    listing = admin.get("/beheer/berichten").get_data(as_text=True)
    assert "griffie &lt;griffie@tweedekamer.example&gt;" in listing and "weekoverzicht" in listing
    first = re.search(r'href="(/beheer/berichten/\d+)"', listing).group(1)
    message = admin.get(first).get_data(as_text=True)
    assert "Afmelden" in message and "/instellingen#meldingen" in message
    # the headers in Dutch, the date as Amsterdam time in words (never "From", "Subject" or a UTC stamp)
    assert all(f"<dt>{name}</dt>" in message for name in ("Van", "Aan", "Onderwerp", "Datum"))
    assert "<dt>From</dt>" not in message and "+0000" not in message
    assert login_as("griffie").get("/beheer/berichten").status_code == 403


def test_the_import_column_behandelaar_and_the_list_filter(app, demo, login_as, tmp_path):
    """Import: a behandelaar of the item's ministry is set (and follows); one of another ministry is a row problem
    and nothing is written. The lists filter on ik / niemand; the export carries the column."""
    import io

    from tracker.importer import COLUMNS

    header = ";".join(COLUMNS)

    def csv_of(*rows):
        lines = [header] + [";".join(row.get(c, "") for c in COLUMNS) for row in rows]
        return ("\n".join(lines) + "\n").encode()

    row = {"soort": "kamervragen", "kamer": "TK", "nummer": "2026Z81001", "titel": "Vragen over ICT",
           "ministerie": "BZK", "datum": "2026-11-20", "behandelaar": "bzk"}
    client = login_as("bzk")
    wrong = client.post("/import", data={"file": (io.BytesIO(csv_of(row, {**row, "nummer": "2026Z81002",
                                                                             "behandelaar": "ocw"})), "lijst.csv")},
                        content_type="multipart/form-data")
    page = wrong.get_data(as_text=True)
    assert wrong.status_code == 400 and "ocw hoort niet bij het ministerie" in page
    assert re.search(r">3</td>\s*<td[^>]*>behandelaar</td>", page)  # row 3 (the header is row 1), its column
    with db.transaction(demo) as session:
        assert items.find_item(session, "TK", "kamervragen", "2026Z81001") is None  # nothing half written
    ok = client.post("/import", data={"file": (io.BytesIO(csv_of(row)), "lijst.csv")}, content_type="multipart/form-data")
    assert ok.status_code == 200 and "Import geslaagd" in ok.get_data(as_text=True)
    with db.transaction(demo) as session:
        item = items.find_item(session, "TK", "kamervragen", "2026Z81001")
        assert item.behandelaar_id == user_id(demo, "bzk")
        assert session.get(ItemFollow, (item.behandelaar_id, item.id)) is not None
    assert "2026Z81001" in client.get("/kamervragen?behandelaar=ik").get_data(as_text=True)
    assert "2026Z81001" not in client.get("/kamervragen?behandelaar=niemand").get_data(as_text=True)
    assert client.get("/kamervragen?behandelaar=iemand").status_code == 400
    exported = client.get("/kamervragen?formaat=csv").get_data(as_text=True)
    assert exported.splitlines()[0].rstrip().endswith("behandelaar") and ";bzk" in exported


def test_an_atom_feed_of_a_saved_filter(app, demo, login_as):
    """Made from a list with its filters, read without logging in, escaped, and gone once revoked or once its
    owner is deactivated."""
    import xml.etree.ElementTree as ET

    with db.transaction(demo) as session:
        items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z82001", title='Vragen over <script> & "quotes"',
            ministry_code="BZK", start_date=clock.today() - timedelta(days=30)), system("test"))
        items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z82002", title="Vragen van OCW", ministry_code="OCW",
            start_date=clock.today() - timedelta(days=30)), system("test"))
        bzk_id = session.exec(select(User.ministry_id).where(User.username == "bzk")).one()
    client = login_as("bzk")
    made = client.post("/feeds", data={"pagina": "kamervragen", "filter": f"stand=te_laat&ministerie={bzk_id}&pagina=3&x=1"})
    page = made.get_data(as_text=True)
    assert made.status_code == 201 and "wordt niet opnieuw getoond" in page and "Atom-feed van deze selectie" in page
    url = re.search(r'id="new-feed" readonly value="[^"]*(/feeds/[^"]+\.atom)"', page).group(1)
    anonymous = app.test_client()
    response = anonymous.get(url)
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)  # well-formed: the title's < & " are escaped
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert 'TK 2026Z82001: Vragen over <script> & "quotes"' in titles and not any("82002" in t for t in titles)
    assert "Kamervragen (ministerie" in client.get("/instellingen").get_data(as_text=True)  # listed, without the URL
    te_laat = client.post("/feeds", data={"pagina": "te-laat", "filter": "ministerie=BZK"})
    te_laat_url = re.search(r'(/feeds/[^"]+\.atom)"', te_laat.get_data(as_text=True)).group(1)
    assert b"2026Z82001" in anonymous.get(te_laat_url).data and b"2026Z82002" not in anonymous.get(te_laat_url).data
    assert client.post("/feeds", data={"pagina": "beheer", "filter": ""}).status_code == 400
    with db.transaction(demo) as session:
        from tracker.models import SavedFeed
        feed_id = session.exec(select(SavedFeed.id).where(SavedFeed.page == "kamervragen")).one()
    assert login_as("ocw").post(f"/instellingen/feeds/{feed_id}/intrekken").status_code == 404  # not theirs
    assert client.post(f"/instellingen/feeds/{feed_id}/intrekken").status_code == 302
    assert anonymous.get(url).status_code == 404
    with db.transaction(demo) as session:
        session.exec(select(User).where(User.username == "bzk")).one().active = False
    assert anonymous.get(te_laat_url).status_code == 404


def test_the_ministrys_offset_gives_the_default_interne_termijn(app, demo, login_as):
    admin = login_as("admin")
    response = admin.post("/beheer/ministeries", data={"code": "BZK", "name": "Binnenlandse Zaken en "
                                                       "Koninkrijksrelaties", "internal_offset_days": "3"})
    assert response.status_code == 302
    assert admin.post("/beheer/ministeries", data={"code": "BZK", "name": "BZK", "internal_offset_days": "400"}
                      ).status_code == 400
    id_ = an_item(demo)
    with db.transaction(demo) as session:
        due = session.get(TrackedItem, id_).due_date
    page = admin.get(f"/items/{id_}").get_data(as_text=True)
    from tracker.domain.dutch import format_date
    assert f"<dt>Interne termijn</dt><dd>{format_date(due - timedelta(days=3))}" in page and "3 dagen vóór" in page
