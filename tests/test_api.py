"""The JSON API (/api/v1) on the demo data, on SQLite and PostgreSQL: every status code it promises, the same
authorization and audit trail as the web forms, and its OpenAPI document."""
from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from sqlmodel import select

from tracker import clock, db
from tracker.authz import system
from tracker.cli import main
from tracker.models import ApiToken, AuditEvent, TrackedItem, User
from tracker.services import items
from tracker.services.tokens import create_token


def token_for(engine, username: str) -> str:
    with db.transaction(engine) as session:
        user = session.exec(select(User).where(User.username == username)).one()
        return create_token(session, user, "test")[1]


@pytest.fixture
def api(app, demo):
    """A test client and a helper that sends a bearer token of a demo user."""
    client = app.test_client()
    tokens = {}

    def call(method: str, url: str, user: str = "bzk", **kwargs):
        if user not in tokens:
            tokens[user] = token_for(demo, user)
        headers = {"Authorization": f"Bearer {tokens[user]}", **kwargs.pop("headers", {})}
        return client.open(url, method=method, headers=headers, **kwargs)
    call.client = client
    return call


def a_bzk_item(engine, nummer="2026Z04242") -> TrackedItem:
    with db.transaction(engine) as session:
        item = items.find_item(session, "TK", "kamervragen", nummer) or items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer=nummer, title="Vragen over de wachttijden bij de IND",
            ministry_code="BZK", start_date=clock.today() - timedelta(days=25), fracties="SP"), system("test"))
        session.flush()
        session.expunge(item)
        return item


def fresh(engine, item_id) -> TrackedItem:
    with db.transaction(engine) as session:
        item = session.get(TrackedItem, item_id)
        session.expunge(item)
        return item


# --------------------------------------------------------------------------------------------------- tokens
def test_the_cli_prints_a_token_once_on_its_last_line_and_keeps_only_its_hash(demo, app):
    result = CliRunner().invoke(main, ["api-token", "bzk", "--omschrijving", "Power BI"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("kt_") and " " not in token and len(token) > 40
    with db.transaction(demo) as session:
        row = session.exec(select(ApiToken)).one()
        assert row.description == "Power BI" and token not in (row.token_hash, row.description)
    response = app.test_client().get("/api/v1/ministeries", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200 and any(m["code"] == "BZK" for m in response.get_json())
    unknown = CliRunner().invoke(main, ["api-token", "niemand"])
    assert unknown.exit_code == 1 and "bestaat niet" in unknown.output


def test_no_token_a_bad_one_a_revoked_one_and_a_session_cookie_are_401(api, demo, login_as):
    from tracker.services.tokens import revoke_token

    client = api.client
    for headers in ({}, {"Authorization": "Bearer kt_nietsbestaands"}, {"Authorization": "Basic Ym9iOng="}):
        response = client.get("/api/v1/items", headers=headers)
        assert response.status_code == 401 and response.content_type == "application/problem+json"
        assert response.get_json()["status"] == 401 and "WWW-Authenticate" in response.headers
    browser = login_as("bzk")  # a logged-in browser: its cookie is no key to the API
    assert browser.get("/api/v1/items").status_code == 401
    token = token_for(demo, "ocw")
    assert client.get("/api/v1/items", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    with db.transaction(demo) as session:
        user = session.exec(select(User).where(User.username == "ocw")).one()
        revoke_token(session, session.exec(select(ApiToken).where(ApiToken.user_id == user.id)).one().id, user)
    assert client.get("/api/v1/items", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_a_deactivated_users_token_stops_working(api, demo):
    assert api("GET", "/api/v1/items", "lezer").status_code == 200
    with db.transaction(demo) as session:
        session.exec(select(User).where(User.username == "lezer")).one().active = False
    assert api("GET", "/api/v1/items", "lezer").status_code == 401


# -------------------------------------------------------------------------------------------------- reading
def test_overdue_is_the_same_array_as_the_cli(api, demo):
    a_bzk_item(demo)
    for args, query in ((["--on", "2026-12-02"], "on=2026-12-02"),
                        (["--on", "2021-06-01", "--ministerie", "ocw", "--soort", "toezegging", "--soort", "motie"],
                         "on=2021-06-01&ministerie=ocw&soort=toezegging&soort=motie"),
                        (["--kamer", "TK"], "kamer=TK")):
        cli = CliRunner().invoke(main, ["overdue", "--json", *args])
        assert cli.exit_code == 0, cli.output
        response = api("GET", f"/api/v1/overdue?{query}", "griffie")
        assert response.status_code == 200 and response.get_json() == json.loads(cli.output)
    assert json.loads(CliRunner().invoke(main, ["overdue", "--json", "--on", "2026-12-02"]).output)  # not trivially empty


def test_overdue_takes_op_as_the_web_does_and_on_still_works(api, demo, app):
    """`op` is the peildatum's name on the page Te laat and in the API; the old `on` gives the same answer for one
    release and the OpenAPI document says it is deprecated; both with different days is a 400 naming `op`."""
    a_bzk_item(demo)
    by_op = api("GET", "/api/v1/overdue?op=2026-12-02", "griffie")
    by_on = api("GET", "/api/v1/overdue?on=2026-12-02", "griffie")
    assert by_op.status_code == 200 and by_op.get_json() and by_op.get_json() == by_on.get_json()
    assert by_op.get_json() != api("GET", "/api/v1/overdue?op=2021-06-01", "griffie").get_json()
    assert api("GET", "/api/v1/overdue?op=2026-12-02&on=2026-12-02", "griffie").status_code == 200
    both = api("GET", "/api/v1/overdue?op=2026-12-02&on=2021-06-01", "griffie")
    assert both.status_code == 400 and both.get_json()["errors"][0]["parameter"] == "op"
    parameters = {p["name"]: p for p in app.test_client().get("/api/v1/openapi.json").get_json()
                  ["paths"]["/overdue"]["get"]["parameters"]}
    assert parameters["on"].get("deprecated") is True and "gebruik `op`" in parameters["on"]["description"]
    assert not parameters["op"].get("deprecated") and parameters["op"]["schema"]["format"] == "date"


def test_the_api_guards_its_bodies_as_the_forms_do(api, demo):
    """Found trying the API as an adversary: a NUL in a text and the year 1 were accepted (SQLite stored them;
    PostgreSQL refused the NUL). Every door now has the same bounds."""
    item = a_bzk_item(demo)
    url = f"/api/v1/items/{item.id}"
    for path, body, field in (("/status", {"status": "in_behandeling", "toelichting": "a\x00b"}, "toelichting"),
                              ("", {"datum": "0001-01-01"}, "datum"),
                              ("/uitstel", {"verzonden_op": "2300-01-01"}, "verzonden_op")):
        response = api("PATCH" if not path else "POST", url + path, json=body, headers={"If-Match": str(item.version)})
        assert response.status_code == 400 and response.get_json()["errors"][0]["field"] == field, response.get_json()
    assert fresh(demo, item.id).version == item.version
    assert api("GET", "/api/v1/overdue?on=0001-01-01").status_code == 400


def test_bad_parameters_are_400_problems_that_name_the_parameter(api):
    cases = {"/api/v1/overdue?on=gisteren": "on", "/api/v1/overdue?kamer=XK": "kamer",
             "/api/v1/items?limit=0": "limit", "/api/v1/items?stand=weg": "stand",
             "/api/v1/items?cursor=bm9wZQ": "cursor", "/api/v1/items?foo=1": "foo",
             "/api/v1/overdue?ministerie=XYZ": "ministerie"}
    for url, parameter in cases.items():
        response = api("GET", url)
        body = response.get_json()
        assert response.status_code == 400 and response.content_type == "application/problem+json", url
        assert body["title"] == "Ongeldig verzoek" and body["errors"][0]["parameter"] == parameter, (url, body)


def test_item_pages_follow_next_and_stay_stable_under_concurrent_writes(api, demo):
    with db.transaction(demo) as session:
        for n in range(12):
            items.create_item(session, items.ItemInput(kind="kamervragen", chamber="TK", nummer=f"2026Z9{n:04d}",
                                                       title=f"Vragen {n}", ministry_code="BZK",
                                                       start_date=date(2026, 11, 1)), system("test"))
    first = api("GET", "/api/v1/items?stand=alle&limit=5").get_json()
    assert len(first["items"]) == 5 and first["next"].startswith("/api/v1/items?")  # TRACKER_BASE_URL unset
    with db.transaction(demo) as session:  # between two pages: an item of page 1 changes, one is added
        changed = session.get(TrackedItem, first["items"][0]["id"])
        items.update_item(session, changed, {"title": "Gewijzigd tijdens het bladeren"}, system("test"))
        items.create_item(session, items.ItemInput(kind="motie", chamber="TK", nummer="36999, nr. 1", title="Nieuw",
                                                   ministry_code="BZK", start_date=date(2026, 11, 1)), system("test"))
    seen = [i["id"] for i in first["items"]]
    url = first["next"]
    while url:
        page = api("GET", url).get_json()
        seen += [i["id"] for i in page["items"]]
        url = page["next"]
    with db.transaction(demo) as session:
        expected = sorted(session.exec(select(TrackedItem.id).where(TrackedItem.archived_at.is_(None))).all())
    assert seen == expected  # every item once, in order, the new one included
    summary = api("GET", "/api/v1/items?stand=alle&limit=1").get_json()["items"][0]
    assert {"id", "soort", "kamer", "nummer", "titel", "ministerie", "status", "due", "version"} <= set(summary)


def test_changed_since_gives_only_what_changed(api, demo):
    item = a_bzk_item(demo)
    everything = api("GET", "/api/v1/items?stand=alle&limit=500").get_json()["items"]
    since = max(i["gewijzigd"] for i in everything)
    assert api("GET", "/api/v1/items", query_string={"stand": "alle", "gewijzigd_sinds": since}).get_json()["items"] == []
    with db.transaction(demo) as session:
        items.update_item(session, session.get(TrackedItem, item.id), {"fracties": "SP, GL-PvdA"}, system("test"))
    changed = api("GET", "/api/v1/items", query_string={"stand": "alle", "gewijzigd_sinds": since}).get_json()["items"]
    assert [i["id"] for i in changed] == [item.id]


def test_an_item_has_its_version_as_etag_and_the_statuses_this_token_may_set(api, demo):
    item = a_bzk_item(demo)
    response = api("GET", f"/api/v1/items/{item.id}")
    body = response.get_json()
    assert response.status_code == 200 and response.headers["ETag"] == f'"{item.version}"'
    assert body["version"] == item.version and body["deadline"]["regel"] == "tk-kamervragen"
    assert "drie weken" in body["deadline"]["regel_in_woorden"] and body["deadline_historie"]
    assert body["audit"][0]["actie"] == "aangemaakt"
    assert body["allowed_statuses"] and "beantwoord" not in body["allowed_statuses"]  # answering: /antwoord
    assert api("GET", f"/api/v1/items/{item.id}", "lezer").get_json()["allowed_statuses"] == []
    assert api("GET", f"/api/v1/items/{item.id}", "ocw").get_json()["allowed_statuses"] == []  # not their ministry
    missing = api("GET", "/api/v1/items/999999")
    assert missing.status_code == 404 and missing.content_type == "application/problem+json"


# -------------------------------------------------------------------------------------------------- writing
def test_writes_need_if_match_and_a_stale_one_changes_nothing(api, demo):
    item = a_bzk_item(demo)
    url = f"/api/v1/items/{item.id}"
    assert api("PATCH", url, json={"titel": "Nieuw"}).status_code == 428
    for odd in ("¹", "abc", '"1234567890"'):  # '¹' counts as a digit to str.isdigit, not to int()
        response = api("PATCH", url, json={"titel": "Nieuw"}, headers={"If-Match": odd})
        assert response.status_code == 400 and response.get_json()["errors"][0]["parameter"] == "If-Match"
    stale = api("PATCH", url, json={"titel": "Nieuw"}, headers={"If-Match": f'"{item.version - 1}"'})
    assert stale.status_code == 412 and stale.content_type == "application/problem+json"
    assert fresh(demo, item.id).title == item.title
    ok = api("PATCH", url, json={"titel": "Vragen over wachttijden IND", "deadline": "voor de zomer",
                                 "stand_intern": True, "stand_van_zaken": "Wacht op akkoord DG"},
             headers={"If-Match": str(item.version)})  # bare or quoted
    assert ok.status_code == 200 and ok.headers["ETag"] == f'"{item.version + 1}"'
    after = fresh(demo, item.id)
    assert (after.title, after.deadline_phrase, after.version) == ("Vragen over wachttijden IND", "voor de zomer",
                                                                   item.version + 1)
    assert after.stand_intern and ok.get_json()["stand_intern"] is True
    unknown = api("PATCH", url, json={"commissie": "vaste commissie voor Ruimtevaart"}, headers={"If-Match": ok.headers["ETag"]})
    assert unknown.status_code == 422 and unknown.get_json()["errors"][0]["field"] == "commissie"
    with db.transaction(demo) as session:
        trail = session.exec(select(AuditEvent).where(AuditEvent.item_id == item.id, AuditEvent.field == "title")).all()
    assert [e.actor for e in trail] == ["bzk (API)"]


def test_status_uitstel_and_antwoord_go_through_the_workflow(api, demo):
    item = a_bzk_item(demo)
    url = f"/api/v1/items/{item.id}"
    body = api("GET", url).get_json()
    moved = api("POST", f"{url}/status", json={"status": body["allowed_statuses"][0]},
                headers={"If-Match": response_etag(api, url)})
    assert moved.status_code == 200 and moved.get_json()["status"] == body["allowed_statuses"][0]
    wrong = api("POST", f"{url}/status", json={"status": "vervallen_onbekend"}, headers={"If-Match": response_etag(api, url)})
    assert wrong.status_code == 409 and "toegestaan" in wrong.get_json()["detail"]
    delay = api("POST", f"{url}/uitstel", json={"verzonden_op": (clock.today() - timedelta(days=6)).isoformat(),
                                                "reden": "interdepartementale afstemming"},
                headers={"If-Match": response_etag(api, url)})
    assert delay.status_code == 200 and delay.get_json()["uitstelberichten"][0]["reden"] == "interdepartementale afstemming"
    answer = api("POST", f"{url}/antwoord", json={"beantwoord_op": clock.today().isoformat(), "titel": "Antwoord",
                                                  "link": "https://www.tweedekamer.nl/x"},
                 headers={"If-Match": response_etag(api, url)})
    assert answer.status_code == 200 and answer.get_json()["afgesloten_op"] == clock.today().isoformat()
    bad_link = api("POST", f"{url}/antwoord", json={"beantwoord_op": "2026-12-01", "link": "javascript:alert(1)"},
                   headers={"If-Match": response_etag(api, url)})
    assert bad_link.status_code == 400 and bad_link.get_json()["errors"][0]["field"] == "link"


def response_etag(api, url) -> str:
    return api("GET", url).headers["ETag"]


def test_authorization_is_the_services_own(api, demo):
    """A viewer may write nothing; an officer nothing of another ministry; the griffie explains itself."""
    item = a_bzk_item(demo)
    url = f"/api/v1/items/{item.id}"
    for user, body, path in (("lezer", {"titel": "x"}, ""), ("ocw", {"titel": "x"}, ""),
                             ("ocw", {"status": "in_behandeling"}, "/status"),
                             ("bzk", {"ministerie": "OCW"}, "")):
        method = "PATCH" if not path else "POST"
        response = api(method, url + path, user, json=body, headers={"If-Match": str(item.version)})
        if user == "bzk":  # moving their own item to another ministry: not theirs to give away
            assert response.status_code == 403, response.get_json()
        else:
            assert response.status_code == 403 and "Er is niets gewijzigd" in response.get_json()["detail"]
    assert fresh(demo, item.id).version == item.version
    griffie = api("POST", url + "/status", "griffie", json={"status": "in_behandeling"},
                  headers={"If-Match": str(item.version)})
    assert griffie.status_code == 422 and griffie.get_json()["errors"][0]["field"] == "toelichting"


def test_create_answers_201_with_location_and_refuses_a_duplicate(api, demo):
    payload = {"soort": "toezegging", "kamer": "TK", "nummer": "TZ-API-1", "titel": "Brief over de IND-wachttijden",
               "ministerie": "BZK", "datum": "2026-11-20", "deadline": "voor het kerstreces"}
    made = api("POST", "/api/v1/items", json=payload)
    assert made.status_code == 201 and made.headers["Location"].endswith(f"/api/v1/items/{made.get_json()['id']}")
    assert made.get_json()["due"] and made.headers["ETag"] == '"1"'
    again = api("POST", "/api/v1/items", json=payload)
    assert again.status_code == 422 and again.get_json()["errors"][0]["field"] == "nummer"
    other = api("POST", "/api/v1/items", json={**payload, "nummer": "TZ-API-2", "ministerie": "OCW"})
    assert other.status_code == 403
    missing = api("POST", "/api/v1/items", json={"soort": "motie"})
    fields = {e["field"] for e in missing.get_json()["errors"]}
    assert missing.status_code == 400 and {"kamer", "nummer", "titel"} <= fields


def test_too_many_requests_is_429_with_retry_after(demo, database_url):
    from tracker.web import create_app

    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "API_RATE_PER_MINUTE": 3,
                      "RATE_LIMIT_CLOCK": lambda: 1_800_000_030.0})  # half a minute before the next one
    token = token_for(demo, "bzk")
    client = app.test_client()
    codes = [client.get("/api/v1/ministeries", headers={"Authorization": f"Bearer {token}"}) for _ in range(4)]
    assert [c.status_code for c in codes] == [200, 200, 200, 429]
    assert int(codes[-1].headers["Retry-After"]) == 31 and codes[-1].content_type == "application/problem+json"


def test_the_openapi_document_describes_every_operation(api):
    document = api.client.get("/api/v1/openapi.json").get_json()  # public: a client reads it before it has a token
    assert document["openapi"].startswith("3.1")
    operations = {(path, method) for path, ops in document["paths"].items() for method in ops}
    assert {("/overdue", "get"), ("/items", "get"), ("/items", "post"), ("/items/{item_id}", "get"),
            ("/items/{item_id}", "patch"), ("/items/{item_id}/status", "post"), ("/items/{item_id}/uitstel", "post"),
            ("/items/{item_id}/antwoord", "post"), ("/ministeries", "get"), ("/regels", "get"),
            ("/documents/{document_id}", "get")} <= operations
    patch = document["paths"]["/items/{item_id}"]["patch"]
    assert {"412", "428", "401", "403"} <= set(patch["responses"])
    assert any(p["name"] == "If-Match" and p["in"] == "header" for p in patch["parameters"])
    assert "ItemDetail" in document["components"]["schemas"]


def test_tokens_are_made_shown_once_and_revoked_on_mijn_instellingen(app, demo, login_as):
    import re

    bzk = login_as("bzk")
    made = bzk.post("/instellingen/tokens", data={"description": "Power BI DGO", "password": "kamertracker-demo"})
    page = made.get_data(as_text=True)
    assert made.status_code == 201 and "het wordt niet opnieuw getoond" in page
    token = re.search(r'<code class="hash" id="new-token">(kt_[^<]+)</code>', page).group(1)
    api = app.test_client()
    assert api.get("/api/v1/regels", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    listing = bzk.get("/instellingen").get_data(as_text=True)
    assert "Power BI DGO" in listing and token not in listing  # shown once only
    with db.transaction(demo) as session:
        token_id = session.exec(select(ApiToken).where(ApiToken.description == "Power BI DGO")).one().id
    assert login_as("ocw").post(f"/instellingen/tokens/{token_id}/intrekken").status_code == 404  # not theirs
    assert api.get("/api/v1/regels", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert bzk.post(f"/instellingen/tokens/{token_id}/intrekken").status_code == 302
    assert api.get("/api/v1/regels", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    too_long = bzk.post("/instellingen/tokens", data={"description": "x" * 201, "password": "kamertracker-demo"})
    assert too_long.status_code == 400 and "Hoogstens 200 tekens" in too_long.get_data(as_text=True)


def test_the_overdue_list_follows_every_write(api, demo):
    """It is kept per data version: a write anywhere makes the next request work it out again."""
    before = api("GET", "/api/v1/overdue?ministerie=BZK").get_json()
    item = a_bzk_item(demo, "2026Z77777")
    after = api("GET", "/api/v1/overdue?ministerie=BZK").get_json()
    assert item.id not in {r["id"] for r in before} and item.id in {r["id"] for r in after}
