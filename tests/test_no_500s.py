"""What was a 500 is a 4xx with a Dutch message: deeply nested JSON to the API, a 30-digit form version, CR/LF
in the login's next=, a NUL in an uploaded file's name (recorded in the audit trail and used as a file name)."""
from __future__ import annotations

import io
import json
from urllib.parse import quote

from sqlalchemy import select

from tracker import db
from tracker.models import AuditEvent, Ministry, TkRecord, TrackedItem
from tracker.services.tokens import create_token
from tracker.models import User


def _bzk_item(engine) -> TrackedItem:
    with db.transaction(engine) as session:
        return session.execute(select(TrackedItem).join(Ministry, Ministry.id == TrackedItem.ministry_id)
                               .where(Ministry.code == "BZK", TrackedItem.archived_at.is_(None))
                               .order_by(TrackedItem.id)).scalars().first()


def test_deeply_nested_or_oversized_json_to_the_api_is_a_400(app, demo):
    with db.transaction(demo) as session:
        token = create_token(session, session.execute(select(User).where(User.username == "bzk")).scalar_one(), "t")[1]
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    for body in ("[" * 100_000 + "]" * 100_000, '{"titel": ' + "[" * 50_000 + "]" * 50_000 + "}"):
        response = client.post("/api/v1/items", data=body, headers=headers)
        assert response.status_code == 400 and "te diep genest" in response.get_json()["detail"]
    # the other ways a body fails, each in its own words
    for body, words in (('{"titel": ', "geen geldige JSON"), ("[1, 2]", "geen JSON-object")):
        response = client.post("/api/v1/items", data=body, headers=headers)
        assert response.status_code == 400 and words in response.get_json()["detail"], body
    huge = json.dumps({"titel": "x" * (3 << 20)})
    response = client.post("/api/v1/items", data=huge, headers=headers)
    assert response.status_code == 400 and "groter dan 2 MB" in response.get_json()["detail"]


def test_a_form_version_of_thirty_digits_is_a_message(app, login_as, demo):
    item = _bzk_item(demo)
    page = login_as("bzk").post(f"/items/{item.id}/stand", data={"stand_van_zaken": "Nieuw", "version": "1" * 30})
    assert page.status_code == 400 and "De versie van het item ontbreekt" in page.get_data(as_text=True)


def test_cr_lf_in_next_after_a_good_login_goes_home(app):
    client = app.test_client()
    for target in ("/items\r\nSet-Cookie: x=1", "/\nx", "/items\t"):
        response = client.post(f"/inloggen?next={quote(target)}", data={"username": "bzk", "password": "kamertracker-demo"})
        assert response.status_code == 302 and response.headers["Location"] == "/", target
        client.post("/uitloggen")
    kept = client.post(f"/inloggen?next={quote('/items?zoek=a b')}", data={"username": "bzk", "password": "kamertracker-demo"})
    assert kept.status_code == 302 and kept.headers["Location"].startswith("/items?zoek=a")


def test_an_uploads_file_name_is_recorded_without_control_characters(app, login_as, demo):
    csv = ("soort,kamer,nummer,titel,ministerie,datum\n"
           "toezegging,TK,T-NUL-1,Toezegging met een rare bestandsnaam,BZK,2024-01-01\n")
    page = login_as("bzk").post("/import", data={"file": (io.BytesIO(csv.encode()), "lijst\x00\x1b[31m.csv")},
                                content_type="multipart/form-data")
    assert page.status_code == 200, page.get_data(as_text=True)[:500]
    with db.transaction(demo) as session:
        item = session.execute(select(TrackedItem).where(TrackedItem.nummer == "T-NUL-1")).scalar_one()
        notes = [e.note or "" for e in session.execute(select(AuditEvent).where(AuditEvent.item_id == item.id)).scalars()]
        assert notes and all(note.isprintable() for note in notes)


def test_an_open_data_page_with_a_nul_in_its_name_is_read(app, login_as, demo):
    page = {"value": [{"Id": "f-1", "Afkorting": "X", "GewijzigdOp": "2024-01-01T00:00:00Z"}]}
    response = login_as("admin").post("/beheer/open-data/", data={"files": [
        (io.BytesIO(json.dumps(page).encode()), "Fractie\x00-00001.json")]}, content_type="multipart/form-data")
    assert response.status_code == 200
    with db.transaction(demo) as session:
        assert session.execute(select(TkRecord).where(TkRecord.tk_id == "f-1")).scalar_one()


def test_safe_names():
    from tracker.uploads import safe_name

    assert safe_name("lijst\x00.csv") == "lijst .csv" and safe_name("..\\..\\etc/passwd") == "passwd"
    assert safe_name("\x00\x01") == "upload" and safe_name("..") == "upload" and len(safe_name("a" * 500)) == 200
