"""The overview page (the full web app follows in its own issue)."""
from datetime import date

import pytest

from tracker import db
from tracker.demo import default_demo_file, load_demo
from tracker.services import items
from tracker.web import create_app


@pytest.fixture
def client(engine, database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_INSTANCE", str(tmp_path))
    with db.transaction(engine) as session:
        load_demo(session, default_demo_file())
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test"})
    return app.test_client()


def test_overdue_page_as_of_a_date(client):
    page = client.get("/?op=2024-11-28").get_data(as_text=True)
    assert "Te laat op 28 november 2024" in page
    assert "174728.03U" in page and "(tijdig)" in page
    assert "<strong>5</strong>" in page


def test_filters(client):
    page = client.get("/?op=2024-11-28&kamer=EK").get_data(as_text=True)
    assert "174728.03U" in page and "VGR-EMANC-2021" not in page


def test_bad_date_is_a_400_with_message(client):
    response = client.get("/?op=31-02-2024")
    assert response.status_code == 400
    assert "geen bestaande datum" in response.get_data(as_text=True)


def test_unknown_filter_value_is_400(client):
    assert client.get("/?soort=petitie").status_code == 400


def test_unknown_url_is_a_friendly_404(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404 and "Pagina niet gevonden" in response.get_data(as_text=True)


def test_output_is_escaped(client, engine):
    with db.transaction(engine) as session:
        items.create_item(session, items.ItemInput(kind="kamervragen", chamber="TK", nummer="2024Z99999",
                                                   title="<script>alert(1)</script>", ministry_code="BZK",
                                                   start_date=date(2024, 1, 1)), "test")
    page = client.get("/?op=2024-03-01").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_static_css_is_cached(client):
    response = client.get("/static/tracker.css")
    response.close()
    assert response.status_code == 200 and "max-age=86400" in response.headers["Cache-Control"]
