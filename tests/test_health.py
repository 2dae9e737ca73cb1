"""GET /gezond for a load balancer: 200 with a current schema, 503 when the schema is behind or the database is gone;
no login, no details."""
from __future__ import annotations

from sqlalchemy import text

from tracker import migrate
from tracker.web import create_app


def test_healthy_without_login_and_without_details(app):
    answer = app.test_client().get("/gezond")
    assert answer.status_code == 200 and answer.get_data(as_text=True) == "ok\n"
    assert answer.headers["Cache-Control"] == "no-store" and answer.mimetype == "text/plain"
    assert "Set-Cookie" not in answer.headers  # a probe every few seconds makes no sessions


def test_a_schema_behind_the_code_is_503_and_tells_nothing(app, demo):
    with demo.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0013'"))
    try:
        answer = app.test_client().get("/gezond")
        body = answer.get_data(as_text=True)
        assert answer.status_code == 503 and body == "niet gezond\n"
        assert "0013" not in body and migrate.newest_revision() not in body
    finally:
        with demo.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": migrate.newest_revision()})
    assert app.test_client().get("/gezond").status_code == 200


def test_a_database_that_does_not_answer_is_503(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_INSTANCE", str(tmp_path))
    # nobody listens on port 9 (discard); the app starts (a fixed key) and reports down, with no error text
    app = create_app({"TESTING": True, "SECRET_KEY": "t",
                      "DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2"})
    answer = app.test_client().get("/gezond")
    assert answer.status_code == 503 and answer.get_data(as_text=True) == "niet gezond\n"


def test_an_empty_database_is_503(tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_INSTANCE", str(tmp_path))
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "DATABASE_URL": f"sqlite:///{tmp_path / 'leeg.db'}"})
    assert app.test_client().get("/gezond").status_code == 503
