"""The behandelaar everywhere (issue 26, point 2): a full name for every user, a behandelaar column and filter on
the lists and Te laat, in the exports, the API and the weekly mail, and the team view per behandelaar."""
from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

import pytest
from sqlmodel import select
from werkzeug.security import generate_password_hash

from tracker import clock, db
from tracker.authz import system
from tracker.models import Ministry, TrackedItem, User
from tracker.notify.compose import compose
from tracker.notify.plan import plan
from tracker.services import items

TODAY = date(2026, 12, 7)  # a Monday: the digest day


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def add_user(engine, username: str, full_name: str | None, ministry: str | None = "BZK", role: str = "officer",
             directorate: str | None = None) -> int:
    with db.transaction(engine) as session:
        ministry_id = session.exec(select(Ministry).where(Ministry.code == ministry)).one().id if ministry else None
        user = User(username=username, full_name=full_name, directorate=directorate, role=role,
                    ministry_id=ministry_id, password_hash=generate_password_hash("kamertracker-demo"),
                    email=f"{username}@minbzk.example")
        session.add(user)
        session.flush()
        return user.id


def user_id(engine, username: str) -> int:
    with db.transaction(engine) as session:
        return session.exec(select(User).where(User.username == username)).one().id


def an_item(engine, nummer: str, days_ago: int, behandelaar: str | None, ministry: str = "BZK",
            title: str | None = None) -> int:
    """Kamervragen submitted `days_ago` days before TODAY (due three weeks later)."""
    with db.transaction(engine) as session:
        return items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer=nummer, title=title or f"Vragen {nummer}", ministry_code=ministry,
            start_date=TODAY - timedelta(days=days_ago), behandelaar=behandelaar), system("test")).id


@pytest.fixture
def team(demo):
    return make_team(demo)


def make_team(demo) -> dict[str, int]:
    """BZK: bzk (named Bram Zijlstra) and a colleague anna (Anna de Vries, DGOO); a late item of each, one of
    anna's due within 14 days, a late one nobody holds; OCW: a late item of ocw."""
    with db.transaction(demo) as session:
        session.exec(select(User).where(User.username == "bzk")).one().full_name = "Bram Zijlstra"
    add_user(demo, "anna", "Anna de Vries", directorate="DGOO")
    return {
        "bram_late": an_item(demo, "2026Z97001", 40, "bzk"),
        "anna_late": an_item(demo, "2026Z97002", 30, "anna", title="=HYPERLINK(\"http://x\")"),
        "anna_soon": an_item(demo, "2026Z97003", 14, "anna"),  # due in 7 days
        "nobody_late": an_item(demo, "2026Z97004", 35, None),
        "ocw_late": an_item(demo, "2026Z97005", 30, "ocw", ministry="OCW"),
    }


def numbers(page: str) -> set[str]:
    return set(re.findall(r"2026Z9700\d", page))


# ------------------------------------------------------------------------------------------------ names
def test_a_user_sets_a_full_name_and_directorate_and_is_named_by_it(app, demo, login_as):
    client = login_as("bzk")
    assert client.post("/instellingen/naam", data={"full_name": "  Bram   Zijlstra ", "directorate": "DGBel"}
                       ).status_code == 302
    with db.transaction(demo) as session:
        me = session.get(User, user_id(demo, "bzk"))
        assert (me.full_name, me.directorate, me.display_name) == ("Bram Zijlstra", "DGBel", "Bram Zijlstra")
    assert "Bram Zijlstra · beleidsmedewerker BZK" in client.get("/").get_data(as_text=True)
    too_long = client.post("/instellingen/naam", data={"full_name": "x" * 201})
    assert too_long.status_code == 400
    with db.transaction(demo) as session:
        assert session.get(User, user_id(demo, "bzk")).full_name == "Bram Zijlstra"  # nothing half written
    # empty again: the login name
    client.post("/instellingen/naam", data={"full_name": "", "directorate": ""})
    with db.transaction(demo) as session:
        assert session.get(User, user_id(demo, "bzk")).display_name == "bzk"


def test_an_admin_names_users_in_beheer(app, demo, login_as):
    admin = login_as("admin")
    created = admin.post("/beheer/gebruikers", data={
        "username": "anna", "full_name": "Anna de Vries", "directorate": "DGOO", "role": "officer",
        "ministry_id": 0, "email": "", "password": "een-lang-wachtwoord-2026"})
    assert created.status_code == 400  # an officer needs a ministry: nothing written
    with db.transaction(demo) as session:
        bzk = session.exec(select(Ministry).where(Ministry.code == "BZK")).one().id
    created = admin.post("/beheer/gebruikers", data={
        "username": "anna", "full_name": "Anna de Vries", "directorate": "DGOO", "role": "officer",
        "ministry_id": bzk, "email": "", "password": "een-lang-wachtwoord-2026"})
    assert created.status_code == 302
    anna = user_id(demo, "anna")
    assert admin.post(f"/beheer/gebruikers/{anna}/naam", data={"full_name": "Anna de Vries-Jansen",
                                                               "directorate": ""}).status_code == 302
    with db.transaction(demo) as session:
        user = session.get(User, anna)
        assert (user.full_name, user.directorate) == ("Anna de Vries-Jansen", None)
    page = admin.get("/beheer/gebruikers").get_data(as_text=True)
    assert "Anna de Vries-Jansen" in page
    assert login_as("bzk").post(f"/beheer/gebruikers/{anna}/naam", data={"full_name": "x"}).status_code == 403
    assert admin.post("/beheer/gebruikers/999999/naam", data={"full_name": "x"}).status_code == 404


# ------------------------------------------------------------------------------------------------ lists
def test_the_list_shows_the_behandelaar_by_name_and_filters_on_every_choice(app, demo, team, login_as):
    client = login_as("bzk")

    def listed(**params) -> set[str]:
        response = client.get("/kamervragen", query_string={"stand": "alle", "ministerie": "alle", **params})
        assert response.status_code == 200
        return numbers(response.get_data(as_text=True))

    page = client.get("/kamervragen", query_string={"stand": "alle", "ministerie": "alle"}).get_data(as_text=True)
    assert '<td data-label="Behandelaar">Anna de Vries</td>' in page
    assert '<td data-label="Behandelaar">Bram Zijlstra</td>' in page
    assert '<td data-label="Behandelaar">ocw</td>' in page  # no full name: the login name
    assert listed() == {"2026Z97001", "2026Z97002", "2026Z97003", "2026Z97004", "2026Z97005"}
    assert listed(behandelaar="ik") == listed(behandelaar="mij") == {"2026Z97001"}
    assert listed(behandelaar="team") == {"2026Z97001", "2026Z97002", "2026Z97003"}  # BZK's officers, not OCW's
    assert listed(behandelaar="niemand") == {"2026Z97004"}
    assert listed(behandelaar=str(user_id(demo, "anna"))) == {"2026Z97002", "2026Z97003"}
    assert client.get("/kamervragen?behandelaar=iemand").status_code == 400
    assert login_as("griffie").get("/kamervragen?behandelaar=team").status_code == 400  # no ministry, no team
    # the select names people: the options of the filter
    assert re.search(r'<optgroup label="BZK">.*Anna de Vries.*Bram Zijlstra.*</optgroup>', page, re.S)


def test_te_laat_shows_and_filters_the_behandelaar_and_its_csv_names_them(app, demo, team, login_as):
    client = login_as("bzk")
    anna = user_id(demo, "anna")

    def late(**params) -> set[str]:
        response = client.get("/te-laat", query_string={"ministerie": "alle", **params})
        assert response.status_code == 200
        return numbers(response.get_data(as_text=True))

    page = client.get("/te-laat?ministerie=alle").get_data(as_text=True)
    assert '<td data-label="Behandelaar">Anna de Vries</td>' in page and "Per behandelaar:" in page
    assert late() == {"2026Z97001", "2026Z97002", "2026Z97004", "2026Z97005"}
    assert late(behandelaar="ik") == {"2026Z97001"}
    assert late(behandelaar="team") == {"2026Z97001", "2026Z97002"}
    assert late(behandelaar="niemand") & {"2026Z97001", "2026Z97002", "2026Z97004", "2026Z97005"} == {"2026Z97004"}
    assert late(behandelaar=str(anna)) == {"2026Z97002"}
    assert client.get("/te-laat?behandelaar=x1").status_code == 400
    # another user asking "ik" gets their own items, not a cached page of someone else's
    assert numbers(login_as("ocw").get("/te-laat?behandelaar=ik").get_data(as_text=True)) == {"2026Z97005"}

    body = client.get("/te-laat?formaat=csv").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][:13] == ["soort", "kamer", "nummer", "titel", "ministerie", "due", "days_overdue",
                            "uitstelbericht", "uitstelbericht_days_late", "huidige_status", "regel", "fractie",
                            "bewindspersoon"]  # the old columns, in their order
    assert rows[0][13] == "behandelaar"
    named = {row[2]: row[13] for row in rows[1:]}
    assert named["2026Z97001"] == "Bram Zijlstra" and named["2026Z97004"] == ""
    assert named["2026Z97002"] == "Anna de Vries"


# -------------------------------------------------------------------------------------------------- API
def test_the_api_gives_the_behandelaar_in_lists_items_and_overdue(app, demo, team):
    from .test_api import token_for

    client = app.test_client()
    headers = {"Authorization": f"Bearer {token_for(demo, 'bzk')}"}
    anna = user_id(demo, "anna")
    listed = client.get("/api/v1/items?soort=kamervragen&ministerie=BZK&limit=500", headers=headers).get_json()
    found = {i["nummer"]: i for i in listed["items"]}
    assert found["2026Z97002"]["behandelaar"] == {"id": anna, "gebruikersnaam": "anna", "naam": "Anna de Vries"}
    assert found["2026Z97004"]["behandelaar"] is None
    assert {"id", "soort", "kamer", "nummer", "titel", "ministerie", "status", "due", "afgesloten_op",
            "gearchiveerd", "version", "gewijzigd"} <= set(found["2026Z97002"])  # every old key stays
    detail = client.get(f"/api/v1/items/{team['bram_late']}", headers=headers).get_json()
    assert detail["behandelaar"]["naam"] == "Bram Zijlstra" and detail["behandelaar"]["gebruikersnaam"] == "bzk"
    late = {r["nummer"]: r for r in client.get(f"/api/v1/overdue?on={TODAY}", headers=headers).get_json()}
    assert late["2026Z97002"]["behandelaar"] == {"id": anna, "gebruikersnaam": "anna", "naam": "Anna de Vries"}
    assert late["2026Z97004"]["behandelaar"] is None
    assert {"id", "soort", "kamer", "nummer", "titel", "ministerie", "due", "days_overdue", "uitstelbericht",
            "uitstelbericht_days_late", "huidige_status", "regel", "fractie", "bewindspersoon"} <= set(late["2026Z97002"])
    # and as a filter: a user name, or niemand; an unknown name is a 400 naming the parameter
    mine = client.get(f"/api/v1/overdue?on={TODAY}&behandelaar=anna", headers=headers).get_json()
    assert [r["nummer"] for r in mine] == ["2026Z97002"]
    nobody = client.get("/api/v1/items?soort=kamervragen&behandelaar=niemand&limit=500", headers=headers).get_json()
    assert "2026Z97004" in {i["nummer"] for i in nobody["items"]} and all(
        i["behandelaar"] is None for i in nobody["items"])
    unknown = client.get("/api/v1/items?behandelaar=onbekend", headers=headers)
    assert unknown.status_code == 400 and unknown.get_json()["errors"][0]["parameter"] == "behandelaar"
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "behandelaar" in spec["components"]["schemas"]["OverdueItem"]["properties"]
    assert "behandelaar" in spec["components"]["schemas"]["ItemSummary"]["properties"]


# ------------------------------------------------------------------------------------------------- mail
def test_the_weekly_digest_names_the_behandelaar_on_each_line(demo, team):
    with db.transaction(demo) as session:
        session.exec(select(User).where(User.username == "bzk")).one().email = "bzk@minbzk.example"
        messages = [m for m in plan(session, TODAY) if m.kind == "digest"]
    lines = {line.label.split()[-1]: line.detail for m in messages if m.username == "bzk"
             for _, section in m.sections for line in section}
    assert lines["2026Z97001"].endswith("behandelaar Bram Zijlstra")
    assert lines["2026Z97004"].endswith("geen behandelaar")
    assert re.search(r"\d+ dagen te laat · termijn \d+ \w+ 2026 · .+ · behandelaar Anna de Vries$",
                     lines["2026Z97002"])
    assert lines["2026Z97003"].startswith("termijn 14 december 2026") and lines["2026Z97003"].endswith(
        "behandelaar Anna de Vries")
    mail = compose(next(m for m in messages if m.username == "bzk"), "kamertracker@example.nl", "https://kt.example")
    assert mail["To"] == "Bram Zijlstra <bzk@minbzk.example>"  # addressed by name


# -------------------------------------------------------------------------------------------- team view
def test_the_team_view_counts_per_behandelaar_and_each_count_opens_its_list(app, demo, team, login_as):
    client = login_as("bzk")
    page = client.get("/team").get_data(as_text=True)
    assert "Team BZK" in page and "DGOO" in page
    rows = {re.sub(r"<[^>]+>", "", m.group(1)).split(" DGOO")[0].strip(): [int(n) for n in re.findall(r">(\d+)</a>", m.group(2))]
            for m in re.finditer(r'<td data-label="Behandelaar">(.*?)</td>(.*?)</tr>', page, re.S)}
    assert rows["Anna de Vries"] == [2, 1, 1]  # open, within 14 days, late
    assert rows["Bram Zijlstra"] == [1, 0, 1]
    nobody = rows["geen behandelaar"]
    assert nobody[2] >= 1  # the demo's own BZK items without a behandelaar are counted too
    anna = user_id(demo, "anna")
    with db.transaction(demo) as session:
        bzk = session.exec(select(Ministry).where(Ministry.code == "BZK")).one().id
    link = f"/alle-items?ministerie={bzk}&amp;behandelaar={anna}&amp;stand=binnenkort"
    assert link in page
    listed = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert numbers(listed) == {"2026Z97003"} and "Alle items" in listed
    late = client.get(f"/alle-items?ministerie={bzk}&behandelaar={anna}&stand=te_laat").get_data(as_text=True)
    assert numbers(late) == {"2026Z97002"}
    # the griffie picks a ministry; an unknown one is a 400
    assert "Team OCW" in login_as("griffie").get("/team?ministerie=ocw").get_data(as_text=True)
    assert login_as("griffie").get("/team?ministerie=XYZ").status_code == 400


def test_a_new_item_gets_its_behandelaar_on_the_form(app, demo, login_as):
    anna = add_user(demo, "anna", "Anna de Vries")
    client = login_as("bzk")
    form = client.get("/items/nieuw?soort=kamervragen").get_data(as_text=True)
    options = re.search(r'<select[^>]*name="behandelaar_id".*?</select>', form, re.S).group(0)
    assert "Anna de Vries" in options and ">ocw<" not in options
    with db.transaction(demo) as session:
        bzk = session.exec(select(Ministry).where(Ministry.code == "BZK")).one().id
    response = client.post("/items/nieuw", data={
        "kind": "kamervragen", "chamber": "TK", "nummer": "2026Z97100", "title": "Vragen over de IND",
        "ministry_id": bzk, "start_date": "01-12-2026", "committee_id": 0, "behandelaar_id": anna})
    assert response.status_code == 302, response.get_data(as_text=True)
    with db.transaction(demo) as session:
        item = session.exec(select(TrackedItem).where(TrackedItem.nummer == "2026Z97100")).one()
        assert item.behandelaar_id == anna
    assert "Anna de Vries" in client.get(f"/items/{item.id}").get_data(as_text=True)
