"""Sessions that end, passwords users can change, throttling that slows guessing without locking anyone out,
and the request-level guards (headers, bounded parameters, letters per ministry, unreadable uploads)."""
from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from click.testing import CliRunner
from sqlmodel import select
from werkzeug.security import check_password_hash

from tracker import db
from tracker.letters import voortgangsbrief as letters
from tracker.authz import system
from tracker.cli import main
from tracker.demo import DEMO_PASSWORD
from tracker.models import LoginFailure, Ministry, TrackedItem, User
from tracker.services import items
from tracker.web import auth


def log_in(app, username, password=DEMO_PASSWORD, address="127.0.0.1", **headers):
    client = app.test_client()
    response = client.post("/inloggen", data={"username": username, "password": password},
                           environ_base={"REMOTE_ADDR": address}, headers=headers)
    return client, response


def signed_in(client) -> bool:
    return client.get("/").status_code == 200


def copy_of(app, client):
    """A second browser holding a copy of client's session cookie (what a thief would hold)."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


# ----------------------------------------------------------------------------------------- sessions
def test_a_copied_cookie_dies_with_logout(app):
    client, _ = log_in(app, "bzk")
    thief = copy_of(app, client)
    assert signed_in(thief)
    client.post("/uitloggen")
    assert not signed_in(client) and not signed_in(thief)


def test_password_change_needs_the_current_one_and_ends_other_sessions(app, demo):
    client, _ = log_in(app, "bzk")
    elsewhere, _ = log_in(app, "bzk")
    wrong = client.post("/wachtwoord", data={"current": "fout", "new": "Paardenbloem-42-x", "repeat": "Paardenbloem-42-x"})
    assert wrong.status_code == 400 and "huidige wachtwoord klopt niet" in wrong.get_data(as_text=True)
    common = client.post("/wachtwoord", data={"current": DEMO_PASSWORD, "new": "Welkom123!", "repeat": "Welkom123!"})
    assert common.status_code == 400 and "veelgebruikte" in common.get_data(as_text=True)
    short = client.post("/wachtwoord", data={"current": DEMO_PASSWORD, "new": "kort", "repeat": "kort"})
    assert short.status_code == 400 and "minstens 10 tekens" in short.get_data(as_text=True)
    ok = client.post("/wachtwoord", data={"current": DEMO_PASSWORD, "new": "Paardenbloem-42-x",
                                          "repeat": "Paardenbloem-42-x"})
    assert ok.status_code == 302
    assert signed_in(client) and not signed_in(elsewhere)  # this browser goes on, the other one is out
    assert log_in(app, "bzk")[1].status_code == 401  # the old password no longer works
    assert log_in(app, "bzk", "Paardenbloem-42-x")[1].status_code == 302
    with db.transaction(demo) as session:
        user = session.exec(select(User).where(User.username == "bzk")).one()
        assert check_password_hash(user.password_hash, "Paardenbloem-42-x")


def test_deactivation_and_a_new_role_end_the_users_sessions(app, demo):
    officer, _ = log_in(app, "bzk")
    admin, _ = log_in(app, "admin")
    with db.transaction(demo) as session:
        bzk = session.exec(select(User).where(User.username == "bzk")).one()
    assert admin.post(f"/beheer/gebruikers/{bzk.id}/rol", data={"role": "viewer", "ministry_id": 0}).status_code == 302
    assert not signed_in(officer)
    viewer, _ = log_in(app, "bzk")
    assert viewer.get("/items/nieuw").status_code == 403  # the new role holds from the next login
    assert admin.post(f"/beheer/gebruikers/{bzk.id}/actief").status_code == 302
    assert not signed_in(viewer)
    assert log_in(app, "bzk")[1].status_code == 401


def test_new_users_start_as_readers(app):
    admin, _ = log_in(app, "admin")
    page = admin.get("/beheer/gebruikers").get_data(as_text=True)
    assert '<option selected value="viewer">' in page or '<option value="viewer" selected>' in page
    weak = admin.post("/beheer/gebruikers", data={"username": "nieuw", "role": "viewer", "ministry_id": 0,
                                                 "password": "wachtwoord1"})
    assert weak.status_code == 400 and "veelgebruikte" in weak.get_data(as_text=True)


def test_cli_create_user_refuses_a_common_password(demo):
    result = CliRunner().invoke(main, ["create-user", "nieuw", "--role", "viewer", "--password", "password123"])
    assert result.exit_code == 1 and "veelgebruikte" in result.output


# --------------------------------------------------------------------------------------- throttling
def test_failures_slow_down_one_address_without_locking_the_user_out(app, demo):
    for _ in range(5):
        assert log_in(app, "bzk", "fout", address="10.0.0.66")[1].status_code == 401
    throttled = log_in(app, "bzk", DEMO_PASSWORD, address="10.0.0.66")[1]
    assert throttled.status_code == 429 and int(throttled.headers["Retry-After"]) >= 1
    # the real user, at their own desk, gets in: a guesser cannot lock them out
    assert log_in(app, "bzk", DEMO_PASSWORD, address="10.0.0.7")[1].status_code == 302


def test_the_wait_doubles_with_each_failure(app, demo, monkeypatch):
    waits = []
    for n in range(8):
        with db.transaction(demo) as session:
            session.add(LoginFailure(username="bzk", ip="10.0.0.66"))
        with app.test_request_context(), db.transaction(demo) as session:
            waits.append(auth._wait_seconds(session, "bzk", "10.0.0.66"))
    assert waits[:4] == [0, 0, 0, 0] and waits[4] > 0
    assert waits[5] > waits[4] and waits[6] > waits[5] and waits[7] <= 15 * 60


def test_the_per_user_ceiling_stops_failing_addresses_only(app, demo):
    app.config["LOGIN_USER_CEILING"] = 3
    for n in range(3):
        log_in(app, "bzk", "fout", address=f"10.1.0.{n}")
    assert log_in(app, "bzk", "fout", address="10.1.0.1")[1].status_code == 429  # a guesser that failed before
    assert log_in(app, "bzk", DEMO_PASSWORD, address="10.2.0.1")[1].status_code == 302  # a clean address


def test_forwarded_for_is_ignored_unless_proxies_are_configured(app, demo):
    for n in range(5):  # a guesser that invents a new X-Forwarded-For for every try
        log_in(app, "bzk", "fout", address="10.0.0.66", **{"X-Forwarded-For": f"192.0.2.{n}"})
    assert log_in(app, "bzk", "fout", address="10.0.0.66", **{"X-Forwarded-For": "192.0.2.99"})[1].status_code == 429
    with db.transaction(demo) as session:
        assert {f.ip for f in session.exec(select(LoginFailure))} == {"10.0.0.66"}


def test_behind_a_configured_proxy_the_forwarded_address_counts(engine, database_url, tmp_path, monkeypatch, demo):
    from tracker.web import create_app

    monkeypatch.setenv("TRACKER_PROXY_HOPS", "1")
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False})
    for _ in range(5):
        log_in(app, "bzk", "fout", address="10.0.0.1", **{"X-Forwarded-For": "198.51.100.7"})
    assert log_in(app, "bzk", DEMO_PASSWORD, address="10.0.0.1",
                  **{"X-Forwarded-For": "198.51.100.7"})[1].status_code == 429
    # another client behind the same proxy is not held back by that one
    assert log_in(app, "bzk", DEMO_PASSWORD, address="10.0.0.1",
                  **{"X-Forwarded-For": "198.51.100.8"})[1].status_code == 302


def test_an_unknown_user_costs_one_password_check_like_a_known_one(app, monkeypatch):
    checks = []
    real = auth.check_password_hash
    monkeypatch.setattr(auth, "check_password_hash", lambda hashed, password: checks.append(hashed) or
                        real(hashed, password))
    log_in(app, "bestaat-niet", "fout")
    log_in(app, "bzk", "fout")
    assert len(checks) == 2 and checks[0].split("$")[0] == checks[1].split("$")[0]  # the same method and cost


# ------------------------------------------------------------------------------------ request guards
def test_security_headers_on_every_response_and_no_store_when_signed_in(app):
    client, _ = log_in(app, "bzk")
    for response in (client.get("/"), client.get("/items/123456"), app.test_client().get("/inloggen")):
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["Referrer-Policy"] == "same-origin"
    assert client.get("/").headers["Cache-Control"] == "no-store"
    assert client.get("/kamervragen?formaat=csv").headers["Cache-Control"] == "no-store"
    static = client.get("/static/tracker.css")
    static.close()
    assert "no-store" not in static.headers.get("Cache-Control", "")


def test_unknown_parameters_never_reach_links_or_the_cache(app):
    admin, _ = log_in(app, "admin")
    polluted = admin.get("/te-laat?_method=POST&kamer=TK&evil=%22%3E")
    assert polluted.status_code == 200 and "_method" not in polluted.get_data(as_text=True)
    other, _ = log_in(app, "griffie")
    page = other.get("/te-laat?kamer=TK").get_data(as_text=True)
    assert "_method" not in page and "evil" not in page
    assert admin.get("/kamervragen?_method=POST&stand=alle").status_code == 200


def test_a_nul_byte_in_any_parameter_or_field_is_a_400(app):
    """Found by the fuzz test on PostgreSQL: ?ministerie=%00 reached a query (PostgreSQL cannot compare a NUL)."""
    client, _ = log_in(app, "admin")
    assert client.get("/te-laat?ministerie=%00").status_code == 400
    assert client.get("/kamervragen?q=a%00b").status_code == 400
    response = client.post("/beheer/ministeries", data={"code": "X\x00", "name": "Nul"})
    assert response.status_code == 400 and "NUL" in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/items/99999999999999999999", "/items/2147483648", "/items/0",
                                 "/voortgangsbrief/99999999999999999999/pdf"])
def test_ids_beyond_any_key_are_404(app, url):
    client, _ = log_in(app, "admin")
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("query", ["pagina=0", "pagina=abc", "pagina=99999999999999", "ministerie=-1",
                                   "ministerie=99999999999999999999", "q=" + "x" * 300])
def test_bad_list_parameters_are_400_with_a_message(app, query):
    client, _ = log_in(app, "admin")
    response = client.get(f"/moties?{query}")
    assert response.status_code == 400 and "Ongeldig verzoek" in response.get_data(as_text=True)


def test_a_stored_letter_is_read_by_its_own_ministry_only(app, demo, tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_EXPORTS", str(tmp_path))
    with db.transaction(demo) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).one()
        chosen = [items.find_item(session, "TK", "toezegging", "VGR-EMANC-2021 T02")]
        view = letters.LetterView(ministry_name=ministry.name, chamber="TK", dagtekening=date(2021, 11, 26),
                                  betreft="Voortgang", kenmerk="OCW-1", intro="x", closing="", signer_function="minister",
                                  signer_name="", entries=[letters.entry_for(i) for i in chosen])
        document, _, _ = letters.store_final(session, view, ministry, chosen, system("t"), tmp_path)
    bzk, _ = log_in(app, "bzk")
    ocw, _ = log_in(app, "ocw")
    griffie, _ = log_in(app, "griffie")
    for url in (f"/voortgangsbrief/{document.id}", f"/voortgangsbrief/{document.id}/pdf"):
        assert bzk.get(url).status_code == 404
        assert ocw.get(url).status_code == 200 and griffie.get(url).status_code == 200
    assert "OCW-1" not in bzk.get("/voortgangsbrief/").get_data(as_text=True)


def _zip_with_bad_crc() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("Zaak-1.json", '{"value": []}')
    data = bytearray(buffer.getvalue())
    data[data.index(b'{"value"')] = ord("[")  # the stored bytes no longer match their CRC
    return bytes(data)


@pytest.mark.parametrize("name, content", [("kapot.zip", b"PK\x03\x04" + b"\x00" * 40), ("crc.zip", _zip_with_bad_crc())])
def test_a_damaged_zip_is_a_message(app, demo, name, content):
    admin, _ = log_in(app, "admin")
    response = admin.post("/beheer/open-data/", data={"files": [(io.BytesIO(content), name)]},
                          content_type="multipart/form-data")
    assert response.status_code == 400 and name in response.get_data(as_text=True)


@pytest.mark.parametrize("content", [b"%PDF-1.7\n" + b"\x00" * 100, b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >>"
                                     b" endobj\ntrailer << /Root 1 0 R >>\n%%EOF"])
def test_an_unreadable_pdf_is_a_message(app, content):
    client, _ = log_in(app, "bzk")
    response = client.post("/document-invoeren/", data={"bestand": (io.BytesIO(content), "brief.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 400 and "PDF" in response.get_data(as_text=True)


def test_generate_after_the_demo_keeps_every_number_unique(demo):
    from tracker.generate import generate

    # `tracker generate --seed 1 --items 20000 --vandaag 2026-11-20` after load-demo: one generated Kamervraag is
    # 2023Z12033 (the demo's); the register is drawn up to that day, so the numbers do not depend on the clock
    assert generate(demo, 20_000, seed=1, today=date(2026, 11, 20)) == 20_000
    with db.transaction(demo) as session:
        numbers = session.exec(select(TrackedItem.nummer).where(TrackedItem.nummer.like("2023Z12033%"))).all()
    assert sorted(numbers) == ["2023Z12033", "2023Z12033 (gegenereerd)"]


def test_parallel_wrong_passwords_are_counted_one_at_a_time(app, demo):
    """20 guesses at once from one address: the first five are answered 'klopt niet', the rest wait (429);
    none slips through the count, none is a 500 (PostgreSQL: an advisory lock; SQLite: BEGIN IMMEDIATE)."""
    import threading

    start, codes = threading.Barrier(20), []

    def guess():
        client = app.test_client()
        start.wait(10)
        codes.append(client.post("/inloggen", data={"username": "bzk", "password": "fout"},
                                  environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code)

    threads = [threading.Thread(target=guess) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(codes) == [401] * 5 + [429] * 15
