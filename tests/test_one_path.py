"""Issue 26, point 1: one path per action. A status that stands for facts ('uitstel gemeld': an uitstelbericht;
beantwoord / afgedaan / voldaan: the answer and its document) is reached only by recording those facts, through
every door: the service, the item page, the JSON API and the import. Without the facts: refused, nothing written."""
from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from tracker import clock, db
from tracker.authz import system
from tracker.domain.workflow import WorkflowError
from tracker.errors import ValidationError
from tracker.importer import import_file
from tracker.models import AuditEvent, DelayNotice, Document, TrackedItem, User
from tracker.services import bulk, items
from tracker.services.schedule import load_calendar
from tracker.services.tokens import create_token

TODAY = date(2025, 10, 15)
START = date(2025, 9, 22)  # a Monday; the Kamervraag's three weeks end 13 October: overdue on TODAY
SENT = date(2025, 10, 10)  # the uitstelbericht, within the three weeks
NUMMER = "2025Z17001"


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def a_question(engine, ministry="BZK", nummer=NUMMER) -> int:
    with db.transaction(engine) as session:
        item = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer=nummer, title="Vragen over de wachttijden bij de IND",
            ministry_code=ministry, start_date=START, fracties="SP", members="Dijk"), system("test"))
        session.flush()
        return item.id


def snapshot(engine, item_id: int) -> tuple:
    """Everything a refused write must leave as it was."""
    with Session(engine) as session:
        item = session.get(TrackedItem, item_id)
        count = lambda model: session.execute(select(func.count()).select_from(model)  # noqa: E731
                                              .where(model.item_id == item_id)).scalar()
        return (item.status, item.version, item.due_date, item.closed_on, count(AuditEvent), count(DelayNotice),
                session.execute(select(func.count()).select_from(Document)).scalar())


def fresh(engine, item_id: int) -> TrackedItem:
    with Session(engine) as session:
        item = session.get(TrackedItem, item_id)
        session.expunge(item)
        return item


# ------------------------------------------------------------------------------------------------ service
def test_the_service_refuses_a_status_that_needs_facts_whoever_calls_it(reference_data):
    item_id = a_question(reference_data)
    before = snapshot(reference_data, item_id)
    for move in (lambda s, i: items.change_status(s, i, "uitstel_gemeld", system("test")),
                 lambda s, i: items.walk_to_status(s, i, "uitstel_gemeld", system("test")),
                 lambda s, i: items.change_status(s, i, "beantwoord", system("test")),
                 lambda s, i: items.walk_to_status(s, i, "beantwoord", system("test"))):
        with pytest.raises(WorkflowError, match="gebruik '(Uitstelbericht|Antwoord of afdoening) vastleggen'"):
            with db.transaction(reference_data) as session:
                move(session, items.get_item(session, item_id))
        assert snapshot(reference_data, item_id) == before
    # the one path: recording the uitstelbericht moves the status and the deadline; the answer closes it
    with db.transaction(reference_data) as session:
        items.record_delay(session, items.get_item(session, item_id), SENT, system("test"),
                           promised=date(2025, 11, 3))
    delayed = fresh(reference_data, item_id)
    assert delayed.status == "uitstel_gemeld" and delayed.due_date > before[2]
    with db.transaction(reference_data) as session:
        items.record_answer(session, items.get_item(session, item_id), TODAY, system("test"), document_title="Antwoord")
    assert (fresh(reference_data, item_id).status, fresh(reference_data, item_id).closed_on) == ("beantwoord", TODAY)


def test_the_batch_path_refuses_a_status_without_its_facts(reference_data):
    data = items.ItemInput(kind="kamervragen", chamber="TK", nummer=NUMMER, title="Vragen", ministry_code="BZK",
                           start_date=START)
    with db.transaction(reference_data) as session:
        schedules = bulk.Schedules(load_calendar(session))
        ids, refused = bulk.insert_new_items(session, [bulk.NewItem(data=data, status="uitstel_gemeld")],
                                             system("test"), schedules, "test")
    assert ids == [] and "Uitstelbericht vastleggen" in refused[0][1]
    with Session(reference_data) as session:
        assert items.find_item(session, "TK", "kamervragen", NUMMER) is None


# ---------------------------------------------------------------------------------------------- the web
def test_the_item_page_offers_no_status_that_needs_facts_and_points_to_its_form(login_as, demo):
    item_id = a_question(demo)
    client = login_as("bzk")
    page = client.get(f"/items/{item_id}").get_data(as_text=True)
    select_ = re.search(r'<select[^>]*name="target".*?</select>', page, re.S).group(0)
    assert set(re.findall(r'<option value="([a-z_]+)"', select_)) == {"in_behandeling", "ingetrokken"}
    hint = html.unescape(re.search(r'<p class="hint" id="status-elders">.*?</p>', page, re.S).group(0))
    assert 'uitstel gemeld</strong> — gebruik <a href="#uitstelbericht-vastleggen">Uitstelbericht vastleggen</a>' in hint
    assert 'beantwoord</strong> — gebruik <a href="#antwoord-vastleggen">Antwoord of afdoening vastleggen</a>' in hint
    assert '<summary id="uitstelbericht-vastleggen">Uitstelbericht vastleggen</summary>' in page
    # the griffie records them too now (as received by the Kamer): the same links
    page = html.unescape(login_as("griffie").get(f"/items/{item_id}").get_data(as_text=True))
    hint = re.search(r'<p class="hint" id="status-elders">.*?</p>', page, re.S).group(0)
    assert 'uitstel gemeld</strong> — gebruik <a href="#uitstelbericht-vastleggen">' in hint
    # a role that may change a status but records nothing would be told who does, without a link to a form it lacks
    assert "dat legt het ministerie vast" in (Path(__file__).resolve().parents[1] / "templates" / "items" / "item.html").read_text(encoding="utf-8")


def test_the_status_form_cannot_set_uitstel_gemeld_and_writes_nothing(login_as, demo):
    item_id = a_question(demo)
    client = login_as("bzk")
    before = snapshot(demo, item_id)
    for target in ("uitstel_gemeld", "beantwoord"):
        response = client.post(f"/items/{item_id}/status", data={"target": target, "version": before[1]})
        page = html.unescape(response.get_data(as_text=True))
        assert response.status_code == 400, target
        assert "kan niet los als status gekozen worden" in page
        assert snapshot(demo, item_id) == before
    assert "gebruik 'Antwoord of afdoening vastleggen'" in page
    response = client.post(f"/items/{item_id}/status", data={"target": "uitstel_gemeld", "version": before[1]})
    assert "gebruik 'Uitstelbericht vastleggen'" in html.unescape(response.get_data(as_text=True))
    # the proper path still works: the uitstelbericht form records the notice, moves the status and the deadline
    done = client.post(f"/items/{item_id}/uitstel", data={"sent_on": "10-10-2025", "promised": "03-11-2025",
                                                          "version": before[1]})
    after = fresh(demo, item_id)
    assert done.status_code == 302 and after.status == "uitstel_gemeld" and after.due_date > before[2]
    assert snapshot(demo, item_id)[5] == 1  # one DelayNotice


# ---------------------------------------------------------------------------------------------- the API
def bearer(engine, username="bzk") -> dict:
    with db.transaction(engine) as session:
        user = session.execute(select(User).where(User.username == username)).scalar_one()
        return {"Authorization": f"Bearer {create_token(session, user, 'test')[1]}"}


def test_the_api_status_endpoint_cannot_set_uitstel_gemeld_and_writes_nothing(app, demo):
    item_id = a_question(demo)
    client, headers = app.test_client(), bearer(demo)
    url = f"/api/v1/items/{item_id}"
    assert set(client.get(url, headers=headers).get_json()["allowed_statuses"]) == {"in_behandeling", "ingetrokken"}
    before = snapshot(demo, item_id)
    for target, endpoint in (("uitstel_gemeld", "/uitstel"), ("beantwoord", "/antwoord")):
        response = client.post(f"{url}/status", json={"status": target},
                               headers={**headers, "If-Match": str(before[1])})
        detail = response.get_json()["detail"]
        assert response.status_code == 409 and f"POST {url}{endpoint}" in detail and "vastleggen" in detail
        assert snapshot(demo, item_id) == before
    # the proper path: POST /uitstel with the facts
    done = client.post(f"{url}/uitstel", json={"verzonden_op": SENT.isoformat(), "uitstel_tot": "2025-11-03"},
                       headers={**headers, "If-Match": str(before[1])})
    assert done.status_code == 200 and done.get_json()["status"] == "uitstel_gemeld"
    assert len(done.get_json()["uitstelberichten"]) == 1 and fresh(demo, item_id).due_date > before[2]


# ------------------------------------------------------------------------------------------- the import
HEADER = "soort,kamer,nummer,titel,ministerie,datum,uitstelbericht,uitstel_tot,beantwoord,status"


def write_csv(tmp_path: Path, lines, name="lijst.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def run_import(engine, path):
    with db.transaction(engine) as session:
        return import_file(session, path, system("importer"))


def test_an_import_row_cannot_set_uitstel_gemeld_without_the_uitstelbericht(reference_data, tmp_path):
    # a new item: refused naming the row and the column; nothing of the file is written
    lines = ["kamervragen,TK,2025Z17002,Andere vragen,BZK,22-09-2025,,,,",
             f"kamervragen,TK,{NUMMER},Vragen over de IND,BZK,22-09-2025,,,,uitstel gemeld"]
    with pytest.raises(ValidationError) as refused:
        run_import(reference_data, write_csv(tmp_path, lines))
    assert "rij 3, kolom 'uitstelbericht'" in str(refused.value) and "Uitstelbericht vastleggen" in str(refused.value)
    with Session(reference_data) as session:
        assert session.execute(select(func.count()).select_from(TrackedItem)).scalar() == 0
    # a registered item: the same, and its other changes in that row are not written either
    item_id = a_question(reference_data)
    before = snapshot(reference_data, item_id)
    for status, column in (("uitstel gemeld", "uitstelbericht"), ("beantwoord", "beantwoord")):
        path = write_csv(tmp_path, [f"kamervragen,TK,{NUMMER},Nieuwe titel,BZK,22-09-2025,,,,{status}"], "twee.csv")
        with pytest.raises(ValidationError, match=f"rij 2, kolom '{column}'"):
            run_import(reference_data, path)
        assert snapshot(reference_data, item_id) == before
        assert fresh(reference_data, item_id).title == "Vragen over de wachttijden bij de IND"


def test_an_import_row_with_the_uitstel_facts_records_them(reference_data, tmp_path):
    """The proper path through the import: 'uitstel gemeld' with a date in uitstelbericht records the notice."""
    existing = a_question(reference_data)
    before = snapshot(reference_data, existing)
    lines = [f"kamervragen,TK,{NUMMER},Vragen over de wachttijden bij de IND,BZK,22-09-2025,10-10-2025,03-11-2025,,"
             f"uitstel gemeld",
             "kamervragen,TK,2025Z17003,Nieuwe vragen,BZK,22-09-2025,10-10-2025,,,uitstel gemeld"]
    summary = run_import(reference_data, write_csv(tmp_path, lines))
    assert summary.updated.names == [f"kamervragen {NUMMER}"] and summary.created.names == ["kamervragen 2025Z17003"]
    with Session(reference_data) as session:
        new = items.find_item(session, "TK", "kamervragen", "2025Z17003")
        for item in (session.get(TrackedItem, existing), new):
            notices = session.execute(select(DelayNotice).where(DelayNotice.item_id == item.id)).scalars().all()
            assert item.status == "uitstel_gemeld" and [n.sent_on for n in notices] == [SENT]
            assert item.due_date > before[2]


# -------------------------------------------------------------------------------------------- the intake
def test_intake_cannot_save_a_status_that_needs_facts_without_them(demo):
    """Document invoeren saves through the import's rows: a row whose status is corrected by hand to 'uitstel
    gemeld' or 'beantwoord' without the uitstelbericht's or the answer's date is refused; nothing is kept."""
    from tests.test_intake import OWN_LETTER
    from tracker.intake.proposal import propose
    from tracker.services import intake as intake_service

    proposal = propose(OWN_LETTER)
    with Session(demo) as session:
        items_before = session.execute(select(func.count()).select_from(TrackedItem)).scalar()
        documents_before = session.execute(select(func.count()).select_from(Document)).scalar()
    for status, column in (("uitstel gemeld", "uitstelbericht"), ("beantwoord", "beantwoord")):
        with pytest.raises(ValidationError, match=f"kolom '{column}'") as refused:
            with db.transaction(demo) as session:
                rows = intake_service.resolve(session, proposal)
                rows[0].update(status=status, uitstelbericht=None, uitstel_tot=None, beantwoord=None)
                intake_service.save(session, rows, proposal, system("test"), "brief.txt")
        assert ("Uitstelbericht vastleggen" if column == "uitstelbericht" else "vraagt een datum") in str(refused.value)
        with Session(demo) as session:
            assert session.execute(select(func.count()).select_from(TrackedItem)).scalar() == items_before
            assert session.execute(select(func.count()).select_from(Document)).scalar() == documents_before
