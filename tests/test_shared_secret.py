"""Several app servers on one database share one secret key: a session or CSRF token from one is valid on the other."""
from __future__ import annotations

import re

from sqlalchemy import text

from tracker.web import create_app


def _server(database_url, monkeypatch, folder):
    """An app as a second host would build it: its own instance folder, no SECRET_KEY, CSRF on."""
    monkeypatch.setenv("TRACKER_INSTANCE", str(folder))
    return create_app({"TESTING": True, "DATABASE_URL": database_url})


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)


def test_two_servers_without_secret_key_accept_each_others_sessions_and_csrf_tokens(demo, database_url, monkeypatch,
                                                                                     tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    one = _server(database_url, monkeypatch, tmp_path / "host-a")
    two = _server(database_url, monkeypatch, tmp_path / "host-b")
    assert one.config["SECRET_KEY"] == two.config["SECRET_KEY"] and len(one.config["SECRET_KEY"]) >= 64
    first, second = one.test_client(), two.test_client()
    token = _csrf(first.get("/inloggen").get_data(as_text=True))  # the form comes from server one ...
    second.set_cookie("session", first.get_cookie("session").value)
    answer = second.post("/inloggen", data={"username": "griffie", "password": "kamertracker-demo",
                                            "csrf_token": token})  # ... and is posted to server two
    assert answer.status_code == 302
    first.set_cookie("session", second.get_cookie("session").value)  # the session made by two, shown to one
    page = first.get("/")
    assert page.status_code == 200 and "griffie" in page.get_data(as_text=True)
    with demo.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM app_secret")).scalar() == 1


def test_the_key_comes_from_the_environment_first_and_an_old_instance_key_seeds_the_database(demo, database_url,
                                                                                            monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "uit-de-omgeving")
    assert _server(database_url, monkeypatch, tmp_path / "a").config["SECRET_KEY"] == "uit-de-omgeving"
    monkeypatch.delenv("SECRET_KEY")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "secret_key").write_text("sleutel-van-voor-de-upgrade\n")
    assert _server(database_url, monkeypatch, tmp_path / "old").config["SECRET_KEY"] == "sleutel-van-voor-de-upgrade"
    # a second host without that file gets the same key from the database
    assert _server(database_url, monkeypatch, tmp_path / "b").config["SECRET_KEY"] == "sleutel-van-voor-de-upgrade"


def test_a_session_cookie_from_a_server_whose_clock_is_a_moment_ahead_is_accepted(app, monkeypatch):
    """Two servers' clocks differ by milliseconds; when a second turns in between, the cookie one server just set
    is "signed in the future" for the other. Flask refused that (the user was logged out); a few seconds count."""
    import time

    from tracker.web.sessions import CLOCK_SKEW_SECONDS

    client = app.test_client()
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 2)  # the server that logs in is two seconds ahead
    assert client.post("/inloggen", data={"username": "griffie", "password": "kamertracker-demo"}).status_code == 302
    monkeypatch.setattr(time, "time", real)
    assert client.get("/").status_code == 200  # the other server, on time, keeps the session
    monkeypatch.setattr(time, "time", lambda: real() + CLOCK_SKEW_SECONDS + 60)  # a cookie from much later: refused
    later = app.test_client()
    assert later.post("/inloggen", data={"username": "griffie", "password": "kamertracker-demo"}).status_code == 302
    monkeypatch.setattr(time, "time", real)
    assert later.get("/").status_code == 302  # back to /inloggen
