"""The web app through Flask's test client: every route, every role, forbidden ones included."""
from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from tracker.authz import system
from tracker import clock, db
from tracker.demo import DEMO_PASSWORD, default_demo_file, load_demo
from tracker.models import AuditEvent, DelayNotice, Ministry, Recess, TrackedItem, User
from tracker.services import items
from tracker.web import create_app

TODAY = clock.today()


@pytest.fixture
def app(engine, database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_INSTANCE", str(tmp_path))
    with db.transaction(engine) as session:
        load_demo(session, default_demo_file())
        # a current, overdue Kamervraag of BZK: submitted 25 days ago, due 4 days ago
        items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z00001", title="Vragen over de wachttijden bij de IND",
            ministry_code="BZK", start_date=TODAY - timedelta(days=25), fracties="SP", members="Dijk"), system("test"))
    return create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test-secret"})


@pytest.fixture
def client(app):
    return app.test_client()


def token(client, url="/inloggen") -> str:
    page = client.get(url).get_data(as_text=True)
    tag = re.search(r'<input[^>]*name="csrf_token"[^>]*>', page).group(0)
    return re.search(r'value="([^"]+)"', tag).group(1)


def login(client, username="bzk", password=DEMO_PASSWORD):
    return client.post("/inloggen", data={"username": username, "password": password,
                                          "csrf_token": token(client)})


def post(client, url, data, page="/"):
    return client.post(url, data={**data, "csrf_token": token(client, page)})


def item_id(engine, nummer="2026Z00001", kind="kamervragen", chamber="TK") -> int:
    with db.transaction(engine) as session:
        return items.find_item(session, chamber, kind, nummer).id


def fresh(engine, id_):
    with db.transaction(engine) as session:
        return session.get(TrackedItem, id_)


def count(engine, model) -> int:
    with Session(engine) as session:
        return session.execute(select(func.count()).select_from(model)).scalar()


# ----------------------------------------------------------------------------- log in and out
@pytest.mark.parametrize("url", ["/", "/te-laat", "/kamervragen", "/items/1", "/items/nieuw", "/import",
                                 "/beheer/gebruikers"])
def test_every_page_needs_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/inloggen" in response.headers["Location"]


def test_login_and_logout(client):
    response = login(client)
    assert response.status_code == 302
    page = client.get("/").get_data(as_text=True)
    assert "bzk · beleidsmedewerker BZK" in page
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert post(client, "/uitloggen", {}).status_code == 302
    assert client.get("/").status_code == 302


def test_wrong_password_then_throttled(client):
    for _ in range(5):
        response = login(client, password="fout-wachtwoord")
        assert response.status_code == 401
        assert "klopt niet" in response.get_data(as_text=True)
    throttled = login(client)  # even the right password waits now
    assert throttled.status_code == 429
    assert "Te veel mislukte pogingen" in throttled.get_data(as_text=True)


def test_open_redirect_is_refused(client):
    response = client.post("/inloggen?next=https://evil.example/", data={
        "username": "bzk", "password": DEMO_PASSWORD, "csrf_token": token(client)})
    assert response.headers["Location"] == "/"


def test_post_without_csrf_token_is_refused(client, engine):
    login(client)
    id_ = item_id(engine)
    response = client.post(f"/items/{id_}/uitstel", data={"sent_on": TODAY.isoformat()})
    assert response.status_code == 400 and "Formulier verlopen" in response.get_data(as_text=True)
    assert count(engine, DelayNotice) == 2  # the demo's two, nothing new


# ------------------------------------------------------------------------------------- overviews
def test_home_counts_upcoming_and_chart(client):
    login(client, "griffie")
    page = client.get("/").get_data(as_text=True)
    # the papers' answers are from 2023 and 2024: outside the twelve months the charts cover today
    assert "Overzicht op" in page and 'id="chart-title"' not in page and "in deze twaalf maanden" in page
    then = client.get("/?op=2024-12-01").get_data(as_text=True)  # the commissiebrief answered 28 augustus 2024
    assert 'id="chart-title"' in then and "Antwoorden van 1 januari 2024 tot en met 1 december 2024" in then
    assert re.search(r'late-count" href="[^"]*ministerie=BZK', page)  # one row per ministry, linked to Te laat


def test_an_officer_sees_their_ministry_first_and_all_with_one_click(client, engine):
    login(client, "bzk")
    own = client.get("/").get_data(as_text=True)
    assert "Overzicht BZK op" in own and "Alle ministeries" in own
    rows = re.findall(r'<td data-label="Ministerie">([^<]+)</td>', own)
    assert rows == ["BZK"]
    everything = client.get("/?alle=1").get_data(as_text=True)
    assert "Alleen BZK" in everything and len(re.findall(r'<td data-label="Ministerie">', everything)) > 1


def test_overdue_page_filters_counts_and_csv(client):
    login(client, "griffie")  # the 2021 items are more than a year late: achterstand=alle
    page = client.get("/te-laat?achterstand=alle&op=2024-11-28").get_data(as_text=True)
    assert "Te laat op 28 november 2024" in page and "174728.03U" in page and "(tijdig)" in page
    assert "<strong>5</strong>" in page
    assert "GroenLinks-PvdA <b>1</b>" in page  # counts per fractie
    only_ek = client.get("/te-laat?achterstand=alle&op=2024-11-28&kamer=EK").get_data(as_text=True)
    assert "174728.03U" in only_ek and "VGR-EMANC-2021" not in only_ek
    by_fractie = client.get("/te-laat?achterstand=alle&op=2024-11-28&fractie=PvdD").get_data(as_text=True)
    assert "<strong>1</strong>" in by_fractie
    by_person = client.get("/te-laat?achterstand=alle&op=2024-11-28&bewindspersoon=J.J.M.+Uitermark").get_data(as_text=True)
    assert "174728.03U" in by_person and "<strong>1</strong>" in by_person
    csv = client.get("/te-laat?achterstand=alle&op=2024-11-28&formaat=csv")
    assert csv.mimetype == "text/csv"
    lines = csv.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0].startswith("soort;kamer;nummer;titel;ministerie;due;days_overdue")
    assert len(lines) == 6 and any("174728.03U" in line and ";2;" in line for line in lines)


@pytest.mark.parametrize("url", ["/te-laat?op=31-02-2024", "/te-laat?soort=petitie", "/te-laat?ministerie=XYZ",
                                 "/kamervragen?stand=raar", "/kamervragen?pagina=x", "/moties?status=beantwoord"])
def test_bad_parameters_are_400(client, url):
    login(client)
    assert client.get(url).status_code == 400


def test_lists_search_and_paginate(client, engine):
    login(client, "griffie")  # all ministries (an officer sees their own first)
    page = client.get("/moties?stand=alle&q=kerstreces").get_data(as_text=True)
    assert "VGR-EMANC-2021 M08" in page and "VGR-EMANC-2021 M01" not in page
    with db.transaction(engine) as session:
        for n in range(60):
            items.create_item(session, items.ItemInput(kind="toezegging", chamber="EK", nummer=f"T9{n:04d}",
                                                       title=f"Toezegging {n}", ministry_code="OCW",
                                                       start_date=date(2025, 1, 1)), system("test"))
    first = client.get("/toezeggingen?kamer=EK").get_data(as_text=True)
    assert "Pagina 1 van 2" in first and "<strong>60</strong>" in first
    second = client.get("/toezeggingen?kamer=EK&pagina=2").get_data(as_text=True)
    assert "Pagina 2 van 2" in second and second.count("/items/") >= 10


# ------------------------------------------------------------------------------------- item page
def test_item_page_explains_deadline_and_recess(client, engine):
    login(client, "lezer")
    page = client.get(f"/items/{item_id(engine, '2023Z12033')}").get_data(as_text=True)
    assert "drie weken na indiening op 27 juni 2023 = 18 juli 2023" in page
    assert "valt in het zomerreces" in page
    assert "126 dagen na de termijn afgedaan" in page
    assert "U kunt dit item alleen bekijken." in page and "Uitstelbericht vastleggen" not in page


def test_unknown_item_is_404(client):
    login(client)
    response = client.get("/items/999999")
    assert response.status_code == 404 and "Niet gevonden" in response.get_data(as_text=True)


def test_officer_records_uitstelbericht_on_own_ministry(client, engine):
    login(client, "bzk")
    id_ = item_id(engine)
    page = f"/items/{id_}"
    assert "2026Z00001" in client.get("/te-laat").get_data(as_text=True)  # now cached in this worker
    version = fresh(engine, id_).version
    response = post(client, f"/items/{id_}/uitstel", {"sent_on": (TODAY - timedelta(days=20)).strftime("%d-%m-%Y"),
                                                       "reason": "afstemming met JenV", "version": version}, page)
    assert response.status_code == 302
    item = fresh(engine, id_)
    assert item.status == "uitstel_gemeld" and item.due_date == TODAY - timedelta(days=25) + timedelta(days=42)
    assert "2026Z00001" not in client.get("/te-laat").get_data(as_text=True)


@pytest.mark.parametrize("user", ["ocw", "lezer"])
def test_other_roles_cannot_write_and_nothing_changes(client, engine, user):
    login(client, user)
    id_ = item_id(engine)
    before = count(engine, AuditEvent)
    for url, data in [(f"/items/{id_}/uitstel", {"sent_on": TODAY.isoformat()}),
                      (f"/items/{id_}/status", {"target": "in_behandeling"}),
                      (f"/items/{id_}/stand", {"stand_van_zaken": "x"}),
                      (f"/items/{id_}/termijn", {"due": TODAY.isoformat(), "reason": "x"}),
                      (f"/items/{id_}/archiveer", {"reason": "x"})]:
        assert post(client, url, data).status_code == 403, url
    assert client.get(f"/items/{id_}/bewerken").status_code == 403
    assert count(engine, AuditEvent) == before


def test_griffie_corrects_status_and_deadline_with_note(client, engine):
    login(client, "griffie")
    id_ = item_id(engine)
    version = fresh(engine, id_).version
    missing = post(client, f"/items/{id_}/status", {"target": "in_behandeling", "version": version})
    assert missing.status_code == 400 and "toelichting is verplicht" in missing.get_data(as_text=True)
    ok = post(client, f"/items/{id_}/status", {"target": "in_behandeling", "note": "correctie register",
                                               "version": version})
    assert ok.status_code == 302 and fresh(engine, id_).status == "in_behandeling"
    new_due = TODAY + timedelta(days=10)
    override = post(client, f"/items/{id_}/termijn", {"due": new_due.strftime("%d-%m-%Y"), "reason": "afspraak commissie",
                                                      "version": fresh(engine, id_).version})
    assert override.status_code == 302 and fresh(engine, id_).due_date == new_due
    assert post(client, f"/items/{id_}/archiveer", {"reason": "x"}).status_code == 403


def test_only_allowed_transitions_are_offered_and_accepted(client, engine):
    login(client, "bzk")
    id_ = item_id(engine)
    page = client.get(f"/items/{id_}").get_data(as_text=True)
    options = re.findall(r'<option value="([a-z_]+)">[^<]*\(', page)
    assert set(options) == {"in_behandeling", "ingetrokken"}  # uitstel gemeld, beantwoord: via their own forms
    bad = post(client, f"/items/{id_}/status", {"target": "aangenomen", "version": fresh(engine, id_).version})
    assert bad.status_code == 400 and fresh(engine, id_).status == "ontvangen"


def test_stale_version_is_refused_with_a_way_to_see_the_change(client, engine):
    login(client, "bzk")
    id_ = item_id(engine)
    stale = fresh(engine, id_).version
    assert post(client, f"/items/{id_}/stand", {"stand_van_zaken": "Eerste versie", "version": stale}).status_code == 302
    response = post(client, f"/items/{id_}/stand", {"stand_van_zaken": "Tweede versie", "version": stale})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "intussen door iemand anders gewijzigd" in page
    assert "Tweede versie" in page  # the user's input is kept
    assert "Stand van zaken bijgewerkt" in page  # the other change is in the timeline
    assert fresh(engine, id_).stand_van_zaken == "Eerste versie"
    # reviewed, the kept input is saved with the version the page now shows (no endless 409)
    kept_version = re.search(r'<details class="action" open><summary>Stand van zaken.*?name="version" type="hidden" '
                             r'value="(\d+)"', page, re.S).group(1)
    assert int(kept_version) == fresh(engine, id_).version
    again = post(client, f"/items/{id_}/stand", {"stand_van_zaken": "Tweede versie", "version": kept_version})
    assert again.status_code == 302 and fresh(engine, id_).stand_van_zaken == "Tweede versie"


def test_answer_closes_item(client, engine):
    login(client, "bzk")
    id_ = item_id(engine)
    response = post(client, f"/items/{id_}/antwoord", {"answered_on": TODAY.strftime("%d-%m-%Y"),
                                                       "title": "Antwoord op vragen", "kenmerk": "2026-0001",
                                                       "version": fresh(engine, id_).version})
    assert response.status_code == 302
    item = fresh(engine, id_)
    assert (item.status, item.closed_on) == ("beantwoord", TODAY)


def test_bad_action_input_keeps_input_and_writes_nothing(client, engine):
    login(client, "bzk")
    id_ = item_id(engine)
    before = count(engine, AuditEvent)
    response = post(client, f"/items/{id_}/uitstel", {"sent_on": "1 smarch 2024", "version": fresh(engine, id_).version})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "1 smarch 2024" in page and "geen datum" in page
    early = post(client, f"/items/{id_}/uitstel", {"sent_on": "01-01-2020", "version": fresh(engine, id_).version})
    assert early.status_code == 400 and "vóór de start" in early.get_data(as_text=True)
    assert count(engine, AuditEvent) == before
    # the error summary links each problem to its field (GOV.UK pattern), whose id is unique on the page
    assert '<a href="#uitstel-sent_on">Uitstelbericht verstuurd op:' in page and page.count('id="uitstel-sent_on"') == 1
    # the actions are folded until chosen; the one that came back stays open, the others stay folded
    assert '<details class="action" open><summary id="uitstelbericht-vastleggen">Uitstelbericht vastleggen' in page
    assert '<details class="action"><summary>Status wijzigen' in page
    assert 'open><summary>' not in client.get(f"/items/{id_}").get_data(as_text=True)


def test_output_is_escaped(client, engine):
    with db.transaction(engine) as session:
        items.create_item(session, items.ItemInput(kind="kamervragen", chamber="TK", nummer="2024Z99999",
                                                   title="<script>alert(1)</script>", ministry_code="BZK",
                                                   start_date=date(2024, 1, 1)), system("test"))
    login(client)
    for url in ["/te-laat?op=2024-03-01", f"/items/{item_id(engine, '2024Z99999')}", "/kamervragen?q=script"]:
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --------------------------------------------------------------------------------- create / edit
def test_create_form_validation_keeps_input(client, engine):
    login(client, "bzk")
    # a commissiebrief: the soort with a term of its own (a toezegging has none on its form)
    response = post(client, "/items/nieuw", {"kind": "commissiebrief", "chamber": "TK", "nummer": "", "title": "Iets",
                                             "ministry_id": _ministry_id(engine, "BZK"), "start_date": "32-13-2024",
                                             "committee_id": 0, "term": "vier"}, "/items/nieuw")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Vul het nummer in." in page and "geen bestaande datum" in page and "geen termijn" in page
    assert 'value="32-13-2024"' in page and 'value="Iets"' in page
    assert '<a href="#nummer">Nummer: Vul het nummer in.</a>' in page  # the summary links to the field
    assert '<a href="#start_date">' in page and 'id="start_date"' in page


def test_phrase_preview_before_saving_then_save(client, engine):
    login(client, "bzk")
    data = {"kind": "toezegging", "chamber": "EK", "nummer": "T03001", "title": "Evaluatie Wet open overheid",
            "ministry_id": _ministry_id(engine, "BZK"), "start_date": "1 oktober 2024", "committee_id": 0,
            "deadline": "tweede helft van 2025"}
    preview = post(client, "/items/nieuw", {**data, "controleer": "1"}, "/items/nieuw")
    assert "Termijn: 31 december 2025" in preview.get_data(as_text=True)
    with db.transaction(engine) as session:
        assert items.find_item(session, "EK", "toezegging", "T03001") is None
    saved = post(client, "/items/nieuw", data, "/items/nieuw")
    assert saved.status_code == 302
    with db.transaction(engine) as session:
        item = items.find_item(session, "EK", "toezegging", "T03001")
    assert (item.start_date, item.due_date, item.deadline_phrase) == (date(2024, 10, 1), date(2025, 12, 31),
                                                                      "tweede helft van 2025")


def test_officer_cannot_create_for_another_ministry(client, engine):
    login(client, "bzk")
    response = post(client, "/items/nieuw", {"kind": "motie", "chamber": "TK", "nummer": "36000, nr. 1", "title": "x",
                                             "ministry_id": _ministry_id(engine, "OCW"), "committee_id": 0},
                    "/items/nieuw")
    assert response.status_code in (400, 403)
    with db.transaction(engine) as session:
        assert items.find_item(session, "TK", "motie", "36000, nr. 1") is None


def test_edit_saves_and_audits(client, engine):
    login(client, "bzk")
    id_ = item_id(engine)
    form = client.get(f"/items/{id_}/bewerken").get_data(as_text=True)
    assert 'value="Vragen over de wachttijden bij de IND"' in form
    item = fresh(engine, id_)
    response = post(client, f"/items/{id_}/bewerken", {
        "nummer": item.nummer, "title": "Vragen over wachttijden IND (aangepast)", "ministry_id": item.ministry_id,
        "start_date": item.start_date.strftime("%d-%m-%Y"), "committee_id": 0, "version": item.version}, f"/items/{id_}")
    assert response.status_code == 302
    with db.transaction(engine) as session:
        change = [e for e in session.exec(select(AuditEvent).where(AuditEvent.item_id == id_)).scalars()
                  if e.field == "title"][0]
    assert change.new == "Vragen over wachttijden IND (aangepast)" and change.actor.startswith("bzk")


def test_phrase_preview_api(client):
    login(client)
    data = client.get("/api/termijn?zin=voor+het+kerstreces+2020&datum=2020-11-02").get_json()
    assert data["due"] == "2020-12-17"
    bad = client.get("/api/termijn?zin=z.s.m.&datum=2020-11-02").get_json()
    assert bad["due"] is None and "handmatig" in bad["probleem"]
    assert client.get("/api/termijn?zin=x&datum=gisteren").status_code == 400


def _ministry_id(engine, code):
    from tracker.models import Ministry
    with db.transaction(engine) as session:
        return session.exec(select(Ministry).where(Ministry.code == code)).scalars().first().id


# ----------------------------------------------------------------------------------------- import
def _upload(client, text, dry_run=False, name="lijst.csv"):
    data = {"file": (io.BytesIO(text.encode("utf-8")), name), "csrf_token": token(client, "/import")}
    if dry_run:
        data["dry_run"] = "y"
    return client.post("/import", data=data, content_type="multipart/form-data")


def test_import_page_lists_problems_and_saves_nothing(client, engine):
    login(client, "admin")
    before = count(engine, TrackedItem)
    response = _upload(client, "soort,kamer,nummer,titel,ministerie,datum\nmotie,TK,1,Titel,BZK,gisteren\n"
                               "petitie,TK,2,Titel,BZK,01-01-2024\n")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "er is niets opgeslagen" in page
    assert "<td>2</td><td>datum</td>" in page and "<td>3</td><td>soort</td>" in page
    assert count(engine, TrackedItem) == before


def test_import_page_dry_run_then_real(client, engine):
    login(client, "bzk")
    csv = "soort,kamer,nummer,titel,ministerie,datum\nkamervragen,TK,2026Z00002,Vragen,BZK,2026-01-05\n"
    before = count(engine, TrackedItem)
    dry = _upload(client, csv, dry_run=True).get_data(as_text=True)
    assert "Controle geslaagd" in dry and "1 nieuw" in dry and count(engine, TrackedItem) == before
    real = _upload(client, csv).get_data(as_text=True)
    assert "Import geslaagd" in real and count(engine, TrackedItem) == before + 1


def test_officer_imports_only_own_ministry(client, engine):
    login(client, "bzk")
    response = _upload(client, "soort,kamer,nummer,titel,ministerie,datum\nmotie,TK,\"1, nr. 2\",x,OCW,2026-01-05\n")
    assert response.status_code == 400 and "alleen items van BZK" in response.get_data(as_text=True)


# ------------------------------------------------------------------------------------------ admin
@pytest.mark.parametrize("user", ["bzk", "griffie", "lezer"])
def test_admin_pages_are_admin_only(client, user):
    login(client, user)
    for url in ["/beheer/gebruikers", "/beheer/ministeries", "/beheer/personen", "/beheer/commissies", "/beheer/recessen"]:
        assert client.get(url).status_code == 403


def test_admin_manages_users_and_recesses(client, engine):
    login(client, "admin")
    for url in ["/beheer/gebruikers", "/beheer/ministeries", "/beheer/personen", "/beheer/commissies", "/beheer/recessen"]:
        assert client.get(url).status_code == 200
    assert post(client, "/beheer/gebruikers", {"username": "jan", "role": "officer", "ministry_id": 0,
                                               "password": "lang-genoeg-1"}).status_code == 400  # officer needs ministry
    assert post(client, "/beheer/gebruikers", {"username": "jan", "role": "viewer", "ministry_id": 0,
                                               "password": "lang-genoeg-1"}).status_code == 302
    with db.transaction(engine) as session:
        assert session.exec(select(User).where(User.username == "jan")).scalars().first().role == "viewer"
    # an EK kerstreces makes "voor het kerstreces" phrases resolve against it
    before = count(engine, Recess)
    response = post(client, "/beheer/recessen", {"chamber": "TK", "name": "kerstreces", "start": "19-12-2025",
                                                 "end": "12-01-2026"})
    assert response.status_code == 302 and count(engine, Recess) == before + 1
    bad = post(client, "/beheer/recessen", {"chamber": "TK", "name": "zomerreces", "start": "10-07-2026", "end": "01-07-2026"})
    assert bad.status_code == 400 and "vóór de eerste" in bad.get_data(as_text=True)


# ------------------------------------------------------------------------------------ error pages
def test_404_and_500_pages(engine, database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_INSTANCE", str(tmp_path))
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "test-secret"})

    @app.get("/stuk")
    def broken():
        raise RuntimeError("geheim detail")
    client = app.test_client()
    assert "Niet gevonden" in client.get("/bestaat-niet").get_data(as_text=True)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/stuk")
    page = response.get_data(as_text=True)
    assert response.status_code == 500 and "Er ging iets mis" in page
    assert "geheim detail" not in page and "Traceback" not in page


def test_static_files_are_cached_and_headers_secure(client):
    response = client.get("/static/tracker.css")
    response.close()
    assert response.status_code == 200 and "max-age=86400" in response.headers["Cache-Control"]
    page = client.get("/inloggen")
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]


def test_admin_reference_data_forms(client, engine):
    from tracker.models import Committee, Ministry, Person, Position
    login(client, "admin")
    assert post(client, "/beheer/ministeries", {"code": "DGV", "name": "Digitale Overheid",
                                                "active_from": "1 januari 2027"}).status_code == 302
    assert post(client, "/beheer/ministeries", {"code": "", "name": "x"}).status_code == 400
    assert post(client, "/beheer/personen", {"name": "M. de Vries", "role": "bewindspersoon", "chamber": "",
                                             "ministry_id": _ministry_id(engine, "BZK"),
                                             "function": "staatssecretaris van BZK", "start": "02-07-2024"}).status_code == 302
    assert post(client, "/beheer/commissies", {"chamber": "TK", "name": "vaste commissie voor Digitale Zaken",
                                               "abbreviation": "DiZa"}).status_code == 302
    again = post(client, "/beheer/commissies", {"chamber": "TK", "name": "vaste commissie voor Digitale Zaken"})
    assert again.status_code == 400 and "bestaat al" in again.get_data(as_text=True)
    with db.transaction(engine) as session:
        assert session.exec(select(Ministry).where(Ministry.code == "DGV")).scalars().first().active_from == date(2027, 1, 1)
        person = session.exec(select(Person).where(Person.name == "M. de Vries")).scalars().first()
        assert session.exec(select(Position).where(Position.person_id == person.id)).scalars().first().function \
            == "staatssecretaris van BZK"
        assert session.exec(select(Committee).where(Committee.abbreviation == "DiZa")).scalars().first()


def test_admin_can_deactivate_user_who_then_cannot_log_in(app, engine):
    admin, other = app.test_client(), app.test_client()
    login(admin, "admin")
    with db.transaction(engine) as session:
        lezer = session.exec(select(User).where(User.username == "lezer")).scalars().first().id
    assert post(admin, f"/beheer/gebruikers/{lezer}/actief", {}).status_code == 302
    assert login(other, "lezer").status_code == 401


def test_overdue_page_paginates_but_counts_everything(client, engine):
    with db.transaction(engine) as session:
        for n in range(130):
            items.create_item(session, items.ItemInput(kind="kamervragen", chamber="TK", nummer=f"2025Z{n:05d}",
                                                       title=f"Vragen {n}", ministry_code="OCW",
                                                       start_date=date(2025, 1, 1)), system("test"))
    login(client, "griffie")
    first = client.get("/te-laat?op=2025-03-01&soort=kamervragen").get_data(as_text=True)
    assert "<strong>130</strong>" in first and "Pagina 1 van 2" in first and "OCW <b>130</b>" in first
    second = client.get("/te-laat?op=2025-03-01&soort=kamervragen&pagina=2").get_data(as_text=True)
    assert second.count('class="days"') == 30


def test_items_without_a_deadline_come_last_under_deadline_order(client, engine):
    """Found using the demo: the one overdue motie was last of 13 under "termijn, vroegste eerst"."""
    login(client, "lezer")  # all ministries
    page = client.get("/moties?stand=alle&sorteer=termijn").get_data(as_text=True)
    with db.transaction(engine) as session:
        moties = session.execute(select(TrackedItem).where(TrackedItem.kind == "motie")).scalars().all()
        dated = sorted((m for m in moties if m.due_date), key=lambda m: (m.due_date, m.id))
        undated = [m.nummer for m in moties if m.due_date is None]
    assert undated and dated  # the demo has both
    positions = {m.nummer: page.index(f"{m.chamber} {m.nummer}</a>") for m in moties
                 if f"{m.chamber} {m.nummer}</a>" in page}
    assert max(positions[m.nummer] for m in dated if m.nummer in positions) < min(
        positions[n] for n in undated if n in positions)
    assert positions[dated[0].nummer] < positions[dated[-1].nummer]


def test_item_page_speaks_dutch_about_rules_and_changes(client, engine):
    """The audit trail names the ministry, not its id; the rule line explains the rule in words."""
    login(client, "admin")
    id_ = item_id(engine)
    item = fresh(engine, id_)
    with db.transaction(engine) as session:
        ocw = session.exec(select(Ministry).where(Ministry.code == "OCW")).scalar_one()
    response = post(client, f"/items/{id_}/bewerken", {
        "nummer": item.nummer, "title": item.title, "ministry_id": ocw.id, "start_date": item.start_date.isoformat(),
        "committee_id": 0, "version": item.version}, f"/items/{id_}")
    assert response.status_code == 302
    page = client.get(f"/items/{id_}").get_data(as_text=True)
    assert "Gewijzigd: ministerie BZK → OCW" in page and "ministry_id" not in page
    assert "Regel: Kamervragen: drie weken na indiening" in page and "tk-kamervragen" not in page


def test_archived_items_can_be_found_and_restored_by_an_admin(client, engine):
    login(client, "admin")
    id_ = item_id(engine)
    version = fresh(engine, id_).version
    assert post(client, f"/items/{id_}/archiveer", {"reason": "dubbel ingevoerd", "version": version},
                f"/items/{id_}").status_code == 302
    assert "2026Z00001" not in client.get("/kamervragen?stand=alle").get_data(as_text=True)
    archived = client.get("/kamervragen?stand=gearchiveerd").get_data(as_text=True)
    assert "2026Z00001" in archived
    page = client.get(f"/items/{id_}").get_data(as_text=True)
    assert "Gearchiveerd" in page and "Terugzetten" in page and "Uitstelbericht vastleggen" not in page
    assert post(client, f"/items/{id_}/status", {"target": "in_behandeling", "version": version + 1},
                f"/items/{id_}").status_code == 404  # no actions on an archived item
    restored = post(client, f"/items/{id_}/terugzetten", {"reason": "toch niet dubbel", "version": version + 1},
                    f"/items/{id_}")
    assert restored.status_code == 302 and fresh(engine, id_).archived_at is None
    assert "2026Z00001" in client.get("/kamervragen?stand=alle").get_data(as_text=True)
    assert "Teruggezet uit het archief" in client.get(f"/items/{id_}").get_data(as_text=True)


def test_only_who_may_archive_may_restore(client, engine):
    login(client, "admin")
    id_ = item_id(engine)
    post(client, f"/items/{id_}/archiveer", {"reason": "x", "version": fresh(engine, id_).version}, f"/items/{id_}")
    client.post("/uitloggen")
    login(client, "griffie")
    assert post(client, f"/items/{id_}/terugzetten", {"reason": "y", "version": fresh(engine, id_).version},
                f"/items/{id_}").status_code == 403
    assert fresh(engine, id_).archived_at is not None


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_import_template_round_trips(client, engine, fmt):
    from tracker.import_template import COLUMN_HELP
    from tracker.importer import COLUMNS

    assert set(COLUMN_HELP) == set(COLUMNS)  # every column explained on the page
    login(client, "bzk")
    page = client.get("/import").get_data(as_text=True)
    assert "Sjabloon (Excel)" in page and "stand_van_zaken" in page and "(kolom verplicht)" in page
    assert "<title>Import · Kamertracker</title>" in page and page.count('class="columns-help"') == 1
    template = client.get(f"/import/sjabloon.{fmt}")
    assert template.status_code == 200 and "attachment" in template.headers["Content-Disposition"]
    data = {"file": (io.BytesIO(template.data), f"sjabloon.{fmt}"), "dry_run": "y",
            "csrf_token": token(client, "/import")}
    checked = client.post("/import", data=data, content_type="multipart/form-data").get_data(as_text=True)
    assert "Controle geslaagd" in checked and "4 nieuw" in checked


def test_edit_conflict_keeps_the_input_with_the_new_version(client, engine):
    login(client, "bzk")
    id_ = item_id(engine)
    item = fresh(engine, id_)
    form = {"nummer": item.nummer, "ministry_id": item.ministry_id, "start_date": item.start_date.isoformat(),
            "committee_id": 0, "version": item.version}
    assert post(client, f"/items/{id_}/bewerken", {**form, "title": "Eerste titel"}, f"/items/{id_}").status_code == 302
    conflict = post(client, f"/items/{id_}/bewerken", {**form, "title": "Tweede titel"}, f"/items/{id_}")
    page = conflict.get_data(as_text=True)
    assert conflict.status_code == 409 and 'value="Tweede titel"' in page
    # the review: who changed what meanwhile, and where this input differs from what is stored now
    assert "Intussen gewijzigd" in page and "Gewijzigd: titel" in page and "→ Eerste titel" in page
    assert re.search(r'data-label="Veld">titel</td><td data-label="Nu opgeslagen">Eerste titel</td>'
                     r'<td data-label="Uw invoer">Tweede titel</td>', page)
    assert 'name="geopend"' in page
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    assert int(version) == fresh(engine, id_).version
    saved = post(client, f"/items/{id_}/bewerken", {**form, "title": "Tweede titel", "version": version}, f"/items/{id_}")
    assert saved.status_code == 302 and fresh(engine, id_).title == "Tweede titel"


def test_the_status_list_preselects_nothing(client, engine):
    login(client, "griffie")
    page = client.get(f"/items/{item_id(engine)}").get_data(as_text=True)
    select = re.search(r'<select[^>]*name="target".*?</select>', page, re.S).group(0)
    assert re.search(r'<option (selected )?value="">— kies een nieuwe status —</option>', select)
    assert "selected" not in select.replace('<option selected value="">', "")
    response = post(client, f"/items/{item_id(engine)}/status", {"target": "", "note": "x",
                                                                 "version": fresh(engine, item_id(engine)).version})
    assert response.status_code == 400 and "Kies een status" in response.get_data(as_text=True)


def test_griffie_reopens_a_closed_item_with_a_reason(client, engine):
    login(client, "bzk")
    id_ = item_id(engine)
    post(client, f"/items/{id_}/antwoord", {"answered_on": TODAY.strftime("%d-%m-%Y"), "title": "Antwoord",
                                            "version": fresh(engine, id_).version}, f"/items/{id_}")
    assert fresh(engine, id_).status == "beantwoord"
    assert "Heropenen" not in client.get(f"/items/{id_}").get_data(as_text=True)  # an officer may not
    assert post(client, f"/items/{id_}/heropenen", {"reason": "x", "version": fresh(engine, id_).version},
                f"/items/{id_}").status_code == 403
    client.post("/uitloggen")
    login(client, "griffie")
    assert "Heropenen" in client.get(f"/items/{id_}").get_data(as_text=True)
    missing = post(client, f"/items/{id_}/heropenen", {"reason": " ", "version": fresh(engine, id_).version},
                   f"/items/{id_}")
    assert missing.status_code == 400 and fresh(engine, id_).status == "beantwoord"
    reopened = post(client, f"/items/{id_}/heropenen", {"reason": "het antwoord beantwoordt vraag 3 niet",
                                                        "version": fresh(engine, id_).version}, f"/items/{id_}")
    item = fresh(engine, id_)
    assert reopened.status_code == 302 and item.status == "in_behandeling" and item.closed_on is None
    page = client.get(f"/items/{id_}").get_data(as_text=True)
    assert "Heropend: beantwoord → in behandeling" in page and "beantwoordt vraag 3 niet" in page
    assert "2026Z00001" in client.get("/te-laat").get_data(as_text=True)  # late again: its deadline runs


def test_a_cached_list_follows_every_write(client, engine):
    """Lists are cached per data version: a write (here a new title) shows on the very next view."""
    login(client, "bzk")
    assert "Vragen over de wachttijden bij de IND" in client.get("/kamervragen").get_data(as_text=True)
    id_ = item_id(engine)
    item = fresh(engine, id_)
    post(client, f"/items/{id_}/bewerken", {"nummer": item.nummer, "title": "Nieuwe titel na bewerken",
                                            "ministry_id": item.ministry_id, "start_date": item.start_date.isoformat(),
                                            "committee_id": 0, "version": item.version}, f"/items/{id_}")
    page = client.get("/kamervragen").get_data(as_text=True)
    assert "Nieuwe titel na bewerken" in page and "Vragen over de wachttijden bij de IND" not in page


# ------------------------------------------------------------------------------------- words on screen
def test_moments_are_shown_in_amsterdam_time_in_dutch():
    from datetime import datetime, timezone

    from tracker.web import datum, moment_in_words

    # stored in UTC (SQLite hands it back without a zone): winter is UTC+1, summer UTC+2
    assert moment_in_words(datetime(2026, 12, 2, 19, 17)) == "2 december 2026, 20:17"
    assert moment_in_words(datetime(2026, 7, 1, 23, 30, tzinfo=timezone.utc)) == "2 juli 2026, 01:30"
    assert datum(datetime(2026, 7, 1, 23, 30)) == "2 juli 2026"  # the Amsterdam day, not the UTC day
    assert datum(date(2026, 7, 1)) == "1 juli 2026" and datum(None) == "—"


def test_list_titles_and_soort_are_words(client):
    login(client, "griffie")
    assert "<h1>Toezeggingen</h1>" in client.get("/toezeggingen").get_data(as_text=True)
    assert "<h1>Commissiebrieven</h1>" in client.get("/commissiebrieven").get_data(as_text=True)
    late = client.get("/te-laat").get_data(as_text=True)
    assert '<option value="toezegging" >Toezegging</option>' in late.replace("  ", " ")
    assert re.search(r'data-label="Soort"><span>(Motie|Toezegging|Kamervragen|Commissiebrief) <span class="muted">(TK|EK)', late)


def test_a_superscript_digit_is_no_number(client):
    """Found by the query-string fuzzer: '¹' passes str.isdigit but not int(): it was a 500."""
    login(client, "griffie")
    for url in ("/moties?ministerie=¹", "/moties?pagina=¹", "/te-laat?pagina=²"):
        assert client.get(url).status_code == 400, url
