"""The griffie keeps the register: registers items of every soort for any ministry (form, API, import, intake),
records uitstelberichten and answers as received by the Kamer, corrects with a toelichting; an officer still writes
only their own ministry, a viewer nothing (tracker.authz decides, at every door)."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from tracker import db, importer
from tracker.authz import Actor
from tracker.errors import Forbidden, ValidationError
from tracker.intake.proposal import propose
from tracker.models import AuditEvent, DelayNotice, Document, ItemDocument, Ministry, TrackedItem
from tracker.services import intake as intake_service
from tracker.services import items

from .test_api import token_for

GRIFFIE = "griffie (griffie)"  # the demo griffie's name in the audit trail
SEEDS = Path(__file__).resolve().parents[1] / "seeds" / "papers"
D = date.fromisoformat


def ministry_id(engine, code: str) -> int:
    with db.transaction(engine) as session:
        return session.exec(select(Ministry).where(Ministry.code == code)).one().id


def stored(engine, kind: str, nummer: str, chamber: str = "TK") -> dict:
    """The item with its ministry code, deadline and the actor of its first audit event."""
    with db.transaction(engine) as session:
        item = items.find_item(session, chamber, kind, nummer)
        if item is None:
            return {}
        first = session.exec(select(AuditEvent).where(AuditEvent.item_id == item.id)
                             .order_by(AuditEvent.id)).first()
        return dict(id=item.id, ministry=session.get(Ministry, item.ministry_id).code, due=item.due_date,
                    status=item.status, version=item.version, created_by=first.actor, rule=item.due_rule)


# the four soorten the griffie registers in a day, for two ministries; each with the deadline the engine gives it
REGISTRATIONS = [
    # soort, kamer, nummer, ministerie, datum, termijn/deadline, expected due date
    (dict(kind="kamervragen", chamber="TK", nummer="2026Z20001", title="Vragen over de wachttijden bij de IND",
          ministry="BZK", start_date="02-11-2026"), D("2026-11-23")),  # three weeks (Reglement van Orde)
    (dict(kind="toezegging", chamber="TK", nummer="TZ-2026-0042", title="Brief over de Wet open overheid",
          ministry="OCW", start_date="04-11-2026", deadline="1 maart 2027"), D("2027-03-01")),
    (dict(kind="motie", chamber="TK", nummer="36600-VII, nr. 31", title="Motie over de ICT van gemeenten",
          ministry="BZK", start_date="03-11-2026", deadline="1 juni 2027"), D("2027-06-01")),
    (dict(kind="commissiebrief", chamber="TK", nummer="2026D40001", title="Commissiebrief over lerarentekort",
          ministry="OCW", start_date="05-11-2026", term="4 weken"), D("2026-12-03")),
]


SLUGS = {"kamervragen": "kamervragen", "toezegging": "toezeggingen", "motie": "moties",
         "commissiebrief": "commissiebrieven"}


def form_data(engine, spec: dict) -> dict:
    data = {"kind": spec["kind"], "chamber": spec["chamber"], "nummer": spec["nummer"], "title": spec["title"],
            "ministry_id": ministry_id(engine, spec["ministry"]), "start_date": spec["start_date"],
            "term": spec.get("term", ""), "deadline": spec.get("deadline", ""), "committee_id": 0}
    return data


# --------------------------------------------------------------------------------------------- web form
def test_griffie_registers_every_soort_for_two_ministries_with_the_form(login_as, demo):
    griffie = login_as("griffie")
    assert ">Invoeren<" in griffie.get("/").get_data(as_text=True)  # the menu offers registering now
    page = griffie.get("/items/nieuw").get_data(as_text=True)
    assert 'name="stand_van_zaken"' not in page and 'name="behandelaar_id"' not in page  # the ministry's own fields
    for spec, due in REGISTRATIONS:
        response = griffie.post("/items/nieuw", data=form_data(demo, spec))
        assert response.status_code == 302, response.get_data(as_text=True)[:2000]
        item = stored(demo, spec["kind"], spec["nummer"])
        if spec["kind"] == "motie":  # the griffie records the vote: the obligation runs from it
            voted = griffie.post(f"/items/{item['id']}/status", data={
                "target": "aangenomen", "on": spec["start_date"], "note": "aangenomen bij de stemmingen",
                "version": item["version"]})
            assert voted.status_code == 302
            item = stored(demo, spec["kind"], spec["nummer"])
        assert (item["ministry"], item["due"], item["created_by"]) == (spec["ministry"], due, GRIFFIE)
    # each is in its ministry's list, for that ministry's officer
    for spec, _ in REGISTRATIONS:
        officer = login_as(spec["ministry"].lower())
        listing = officer.get(f"/{SLUGS[spec['kind']]}?stand=alle&ministerie={ministry_id(demo, spec['ministry'])}"
                              ).get_data(as_text=True)
        assert spec["nummer"] in listing


def test_an_officer_and_a_viewer_still_cannot_register_for_another_ministry(login_as, demo):
    spec = REGISTRATIONS[1][0]  # an OCW toezegging
    # the officer's form offers only their own ministry (400); the service refuses it too (below)
    assert login_as("bzk").post("/items/nieuw", data=form_data(demo, spec)).status_code in (400, 403)
    assert login_as("lezer").post("/items/nieuw", data=form_data(demo, spec)).status_code == 403
    assert login_as("lezer").get("/items/nieuw").status_code == 403
    assert stored(demo, spec["kind"], spec["nummer"]) == {}
    with pytest.raises(Forbidden), db.transaction(demo) as session:
        items.create_item(session, items.ItemInput(kind="toezegging", chamber="TK", nummer="X1", title="x",
                                                   ministry_code="OCW"), Actor("bzk", "officer",
                                                                               ministry_id(demo, "BZK"), "BZK"))


def a_question(engine, nummer="2026Z20002", ministry="BZK") -> int:
    with db.transaction(engine) as session:
        item = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer=nummer, title="Vragen over de Basisregistratie Personen",
            ministry_code=ministry, start_date=D("2026-10-05")), Actor("bzk (officer, BZK)", "officer",
                                                                      ministry_id(engine, ministry), ministry))
        return item.id


def test_griffie_records_a_received_uitstelbericht_and_answer_with_the_form(login_as, demo):
    item_id = a_question(demo)
    griffie = login_as("griffie")
    version = stored(demo, "kamervragen", "2026Z20002")["version"]
    response = griffie.post(f"/items/{item_id}/uitstel", data={"sent_on": "23-10-2026", "received_on": "26-10-2026",
                                                               "reason": "interdepartementale afstemming",
                                                               "version": version})
    assert response.status_code == 302
    item = stored(demo, "kamervragen", "2026Z20002")
    assert item["status"] == "uitstel_gemeld" and item["due"] == D("2026-11-16")  # six weeks from the question
    with db.transaction(demo) as session:
        notice = session.exec(select(DelayNotice).where(DelayNotice.item_id == item_id)).one()
        assert (notice.sent_on, notice.received_on, notice.created_by) == (D("2026-10-23"), D("2026-10-26"), GRIFFIE)
    page = griffie.get(f"/items/{item_id}").get_data(as_text=True)
    assert "ontvangen door de Kamer op 26 oktober 2026" in page
    response = griffie.post(f"/items/{item_id}/antwoord", data={
        "answered_on": "13-11-2026", "received_on": "16-11-2026", "title": "Antwoord op vragen over de BRP",
        "version": item["version"]})
    assert response.status_code == 302
    item = stored(demo, "kamervragen", "2026Z20002")
    assert item["status"] == "beantwoord"
    with db.transaction(demo) as session:
        answer = session.exec(select(Document).join(ItemDocument, ItemDocument.document_id == Document.id)
                              .where(ItemDocument.item_id == item_id, ItemDocument.role == "antwoord")).one()
        assert (answer.dagtekening, answer.received_on) == (D("2026-11-13"), D("2026-11-16"))
        actors = {e.action: e.actor for e in session.exec(select(AuditEvent).where(AuditEvent.item_id == item_id))}
        assert actors["uitstelbericht"] == GRIFFIE and actors["status"] == GRIFFIE
    # it stays in the ministry's list, answered
    assert "2026Z20002" in login_as("bzk").get("/kamervragen?stand=alle").get_data(as_text=True)


def test_received_before_the_dagtekening_is_refused_and_an_officer_cannot_state_receipt(login_as, demo):
    item_id = a_question(demo)
    version = stored(demo, "kamervragen", "2026Z20002")["version"]
    early = login_as("griffie").post(f"/items/{item_id}/uitstel", data={"sent_on": "23-10-2026",
                                                                         "received_on": "20-10-2026", "version": version})
    assert early.status_code == 400 and "vóór de dagtekening" in early.get_data(as_text=True)
    with pytest.raises(Forbidden), db.transaction(demo) as session:
        items.record_delay(session, session.get(TrackedItem, item_id), D("2026-10-23"),
                           Actor("bzk (officer, BZK)", "officer", ministry_id(demo, "BZK"), "BZK"),
                           received_on=D("2026-10-26"))
    # the ministry records it without: the Kamer's receipt is open until the griffie registers it
    ocw = login_as("bzk")
    assert ocw.post(f"/items/{item_id}/uitstel", data={"sent_on": "23-10-2026", "version": version}).status_code == 302
    with db.transaction(demo) as session:
        notice = session.exec(select(DelayNotice).where(DelayNotice.item_id == item_id)).one()
        assert notice.received_on is None
    griffie = login_as("griffie")
    page = griffie.get(f"/items/{item_id}").get_data(as_text=True)
    assert "Ontvangst door de Kamer vastleggen" in page and f'value="u-{notice.id}"' in page
    assert "Ontvangst door de Kamer vastleggen" not in login_as("bzk").get(f"/items/{item_id}").get_data(as_text=True)
    version = stored(demo, "kamervragen", "2026Z20002")["version"]
    assert login_as("bzk").post(f"/items/{item_id}/ontvangen", data={"target": f"u-{notice.id}",
                                                                   "received_on": "27-10-2026",
                                                                   "version": version}).status_code == 403
    done = griffie.post(f"/items/{item_id}/ontvangen", data={"target": f"u-{notice.id}", "received_on": "27-10-2026",
                                                            "version": version})
    assert done.status_code == 302
    with db.transaction(demo) as session:
        assert session.get(DelayNotice, notice.id).received_on == D("2026-10-27")
        event = session.exec(select(AuditEvent).where(AuditEvent.item_id == item_id,
                                                      AuditEvent.action == "ontvangen")).one()
        assert event.actor == GRIFFIE and event.new == "2026-10-27"


def test_griffie_corrects_with_a_toelichting_but_not_the_ministrys_own_fields(login_as, demo):
    item_id = a_question(demo)
    with db.transaction(demo) as session:
        items.update_item(session, session.get(TrackedItem, item_id),
                          {"stand_van_zaken": "GEHEIM-CONCEPT-MARKER", "stand_intern": True},
                          Actor("bzk (officer, BZK)", "officer", ministry_id(demo, "BZK"), "BZK"))
    griffie = login_as("griffie")
    page = griffie.get(f"/items/{item_id}/bewerken").get_data(as_text=True)
    assert "GEHEIM-CONCEPT-MARKER" not in page and 'name="note"' in page and 'name="stand_van_zaken"' not in page
    assert "<h1>Corrigeren: 2026Z20002</h1>" in page
    item = stored(demo, "kamervragen", "2026Z20002")
    data = {"nummer": "2026Z20002", "title": "Vragen over de BRP (gecorrigeerd)", "ministry_id": ministry_id(demo, "BZK"),
            "start_date": "06-10-2026", "committee_id": 0, "version": item["version"]}
    without = griffie.post(f"/items/{item_id}/bewerken", data=data)
    assert without.status_code == 400 and "toelichting is verplicht" in without.get_data(as_text=True)
    assert stored(demo, "kamervragen", "2026Z20002")["version"] == item["version"]
    done = griffie.post(f"/items/{item_id}/bewerken", data={**data, "note": "datum volgens de Handelingen"})
    assert done.status_code == 302
    after = stored(demo, "kamervragen", "2026Z20002")
    assert after["due"] == D("2026-10-27")  # three weeks from the corrected date: the deadline engine ran
    with db.transaction(demo) as session:
        item = session.get(TrackedItem, item_id)
        assert item.stand_van_zaken == "GEHEIM-CONCEPT-MARKER" and item.stand_intern  # untouched
        event = session.exec(select(AuditEvent).where(AuditEvent.item_id == item_id,
                                                      AuditEvent.field == "start_date")).one()
        assert (event.actor, event.note) == (GRIFFIE, "datum volgens de Handelingen")
        with pytest.raises(Forbidden):
            items.update_item(session, item, {"stand_van_zaken": "overschreven"}, Actor(GRIFFIE, "griffie"),
                              note="poging")
    # archiving stays with an admin
    assert login_as("griffie").post(f"/items/{item_id}/archiveer", data={"reason": "x", "version": 1}).status_code == 403


# --------------------------------------------------------------------------------------------------- API
def test_griffie_registers_and_records_receipt_through_the_api(app, demo):
    client = app.test_client()
    tokens = {user: token_for(demo, user) for user in ("griffie", "bzk", "lezer")}

    def call(method, url, user, **kwargs):
        return client.open(url, method=method, headers={"Authorization": f"Bearer {tokens[user]}",
                                                        **kwargs.pop("headers", {})}, **kwargs)
    body = {"soort": "kamervragen", "kamer": "TK", "nummer": "2026Z20003", "titel": "Vragen over stikstof",
            "ministerie": "OCW", "datum": "2026-11-02"}
    assert call("POST", "/api/v1/items", "bzk", json=body).status_code == 403  # not their ministry
    assert call("POST", "/api/v1/items", "lezer", json=body).status_code == 403
    made = call("POST", "/api/v1/items", "griffie", json=body)
    assert made.status_code == 201, made.get_json()
    item = made.get_json()
    assert item["ministerie"] == "OCW" and item["deadline"]["due"] == "2026-11-23"
    assert item["audit"][0]["door"] == "griffie (API)"  # the API's audit name of the griffie's token
    # the griffie may not write the ministry's stand van zaken
    refused = call("POST", "/api/v1/items", "griffie", json={**body, "nummer": "2026Z20004",
                                                            "stand_van_zaken": "concept"})
    assert refused.status_code == 403
    etag = made.headers["ETag"]
    delay = call("POST", f"/api/v1/items/{item['id']}/uitstel", "griffie", headers={"If-Match": etag},
                 json={"verzonden_op": "2026-11-20", "ontvangen_op": "2026-11-23"})
    assert delay.status_code == 200, delay.get_json()
    assert delay.get_json()["uitstelberichten"][0]["ontvangen_op"] == "2026-11-23"
    assert delay.get_json()["deadline"]["due"] == "2026-12-14"
    no_note = call("PATCH", f"/api/v1/items/{item['id']}", "griffie", headers={"If-Match": delay.headers["ETag"]},
                   json={"titel": "Vragen over stikstof en natuur"})
    assert no_note.status_code == 422 and no_note.get_json()["errors"][0]["field"] == "toelichting"
    answer = call("POST", f"/api/v1/items/{item['id']}/antwoord", "griffie", headers={"If-Match": delay.headers["ETag"]},
                  json={"beantwoord_op": "2026-12-10", "ontvangen_op": "2026-12-11", "titel": "Antwoord"})
    assert answer.status_code == 200 and answer.get_json()["status"] == "beantwoord"
    assert [d["ontvangen_op"] for d in answer.get_json()["documenten"] if d["rol"] == "antwoord"] == ["2026-12-11"]
    # an officer of the item's own ministry records, but cannot state the Kamer's receipt
    ocw_item = call("POST", "/api/v1/items", "griffie", json={**body, "nummer": "2026Z20005", "ministerie": "BZK"})
    officer = call("POST", f"/api/v1/items/{ocw_item.get_json()['id']}/uitstel", "bzk",
                   headers={"If-Match": ocw_item.headers["ETag"]},
                   json={"verzonden_op": "2026-11-20", "ontvangen_op": "2026-11-23"})
    assert officer.status_code == 403


# ------------------------------------------------------------------------------------------------ import
def csv_of(rows: list[str]) -> bytes:
    return ("soort;kamer;nummer;titel;ministerie;datum;termijn;deadline;stand_van_zaken\n"
            + "\n".join(rows) + "\n").encode()


def test_griffie_imports_items_of_two_ministries(login_as, demo):
    rows = ["kamervragen;TK;2026Z20010;Vragen over de Omgevingswet;BZK;2026-11-02;;;",
            "toezegging;TK;TZ-2026-0050;Toezegging over de Pabo;OCW;2026-11-04;;1 maart 2027;"]
    response = login_as("griffie").post("/import", data={"file": (io.BytesIO(csv_of(rows)), "week45.csv")},
                                        content_type="multipart/form-data")
    assert response.status_code == 200, response.get_data(as_text=True)[:3000]
    for kind, nummer, ministry, due in (("kamervragen", "2026Z20010", "BZK", D("2026-11-23")),
                                        ("toezegging", "TZ-2026-0050", "OCW", D("2027-03-01"))):
        item = stored(demo, kind, nummer)
        assert (item["ministry"], item["due"], item["created_by"]) == (ministry, due, GRIFFIE)
    # an officer importing the same kind of file for another ministry: refused, nothing written
    officer = login_as("bzk").post("/import", data={"file": (io.BytesIO(csv_of(
        ["kamervragen;TK;2026Z20011;Andere vragen;OCW;2026-11-02;;;"])), "ocw.csv")}, content_type="multipart/form-data")
    assert officer.status_code == 400 and stored(demo, "kamervragen", "2026Z20011") == {}
    # the griffie's import does not write a stand van zaken (the ministry's)
    with pytest.raises(ValidationError) as refused, db.transaction(demo) as session:
        importer.import_upload(session, "stand.csv", csv_of(["kamervragen;TK;2026Z20012;Vragen;BZK;2026-11-02;;;concept"]),
                               Actor(GRIFFIE, "griffie"))
    assert "stand van zaken" in str(refused.value)
    assert stored(demo, "kamervragen", "2026Z20012") == {}
    # a registered item corrected by the griffie's import: allowed, the file named in the trail
    with db.transaction(demo) as session:
        importer.import_upload(session, "correctie.csv",
                               csv_of(["kamervragen;TK;2026Z20010;Vragen over de Omgevingswet (gecorrigeerd);BZK;;;;"]),
                               Actor(GRIFFIE, "griffie"))
        event = session.exec(select(AuditEvent).where(AuditEvent.field == "title", AuditEvent.actor == GRIFFIE)).one()
        assert "correctie.csv" in event.note


# ------------------------------------------------------------------------------------------------ intake
def _intake_row(**values) -> dict:
    row = {name: "" for name in importer.COLUMNS}
    row.update(values)
    return row


def test_griffie_saves_intake_for_two_ministries_and_an_officer_cannot(demo, login_as):
    proposal = propose(next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8"))
    rows = [_intake_row(soort="commissiebrief", kamer="EK", nummer="2026-EK-0001", titel="Brief over de Omgevingswet",
                        ministerie="BZK", datum="2026-10-01", termijn="4 weken"),
            _intake_row(soort="commissiebrief", kamer="EK", nummer="2026-EK-0002", titel="Brief over de Pabo",
                        ministerie="OCW", datum="2026-10-01", termijn="4 weken")]
    with db.transaction(demo) as session:
        intake_service.save(session, rows, proposal, Actor(GRIFFIE, "griffie"), "brief.txt")
    for nummer, ministry in (("2026-EK-0001", "BZK"), ("2026-EK-0002", "OCW")):
        item = stored(demo, "commissiebrief", nummer, "EK")
        assert (item["ministry"], item["due"], item["created_by"]) == (ministry, D("2026-10-29"), GRIFFIE)
    # the web door: the griffie has Document invoeren now
    assert login_as("griffie").get("/document-invoeren/").status_code == 200
    # an officer cannot register the other ministry's row
    officer = Actor("ocw (officer, OCW)", "officer", ministry_id(demo, "OCW"), "OCW")
    with pytest.raises(ValidationError) as refused, db.transaction(demo) as session:
        intake_service.save(session, [_intake_row(soort="commissiebrief", kamer="EK", nummer="2026-EK-0003",
                                                  titel="x", ministerie="BZK", datum="2026-10-01")],
                            proposal, officer, "brief.txt")
    assert "BZK" in str(refused.value) and stored(demo, "commissiebrief", "2026-EK-0003", "EK") == {}
    lezer = Actor("lezer (viewer)", "viewer")
    with pytest.raises(ValidationError), db.transaction(demo) as session:
        intake_service.save(session, [_intake_row(soort="commissiebrief", kamer="EK", nummer="2026-EK-0004",
                                                  titel="x", ministerie="BZK", datum="2026-10-01")],
                            proposal, lezer, "brief.txt")


# ------------------------------------------------------------------------------------------ the griffie's week
def test_the_griffies_week_from_the_register_alone(login_as, demo):
    import time_machine
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tracker.services import griffie_week

    bzk = Actor("bzk (officer, BZK)", "officer", ministry_id(demo, "BZK"), "BZK")
    griffie = Actor(GRIFFIE, "griffie")
    # a Wednesday afternoon in The Hague: "this week" is 2 – 8 November 2026
    with time_machine.travel(datetime(2026, 11, 4, 15, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False):
        with db.transaction(demo) as session:
            items.create_item(session, items.ItemInput(
                kind="kamervragen", chamber="TK", nummer="2026Z20100", title="Vragen over de Huurcommissie",
                ministry_code="BZK", start_date=D("2026-11-03")), griffie)
            by_ministry = items.create_item(session, items.ItemInput(
                kind="kamervragen", chamber="TK", nummer="2026Z20101", title="Vragen die het ministerie invoerde",
                ministry_code="BZK", start_date=D("2026-10-12")), bzk)
            waiting = items.record_delay(session, by_ministry, D("2026-11-02"), bzk)  # the griffie has not seen it
            received = items.create_item(session, items.ItemInput(
                kind="kamervragen", chamber="TK", nummer="2026Z20102", title="Vragen over het Kadaster",
                ministry_code="BZK", start_date=D("2026-10-05")), bzk)
            items.record_answer(session, received, D("2026-10-30"), bzk, document_title="Antwoord Kadaster")
            answer_id = session.exec(select(ItemDocument.document_id).where(ItemDocument.item_id == received.id,
                                                                            ItemDocument.role == "antwoord")).one()
            items.confirm_receipt(session, received, griffie, D("2026-11-03"), document_id=answer_id)
            waiting_id = waiting.id
        with db.transaction(demo) as session:
            found = griffie_week.week(session)
        assert (found.start, found.end) == (D("2026-11-02"), D("2026-11-08"))
        assert [(l.nummer, l.due, l.by) for l in found.registered] == [("2026Z20100", D("2026-11-24"), GRIFFIE)]
        assert [(l.nummer, l.what, l.received_on) for l in found.came_in] == [("2026Z20102", "antwoord",
                                                                                 D("2026-11-03"))]
        assert ("2026Z20101", "uitstelbericht") in [(l.nummer, l.what) for l in found.unprocessed]
        assert "2026Z20102" not in [l.nummer for l in found.unprocessed]
        page = login_as("griffie").get("/griffie/week").get_data(as_text=True)
        assert "Week van de griffie: 2 november 2026" in page and "2026Z20100" in page and "24 november 2026" in page
        assert "2026Z20101" in page
        assert login_as("bzk").get("/griffie/week").status_code == 403
        assert login_as("lezer").get("/griffie/week").status_code == 403
        # processed: it leaves the list
        with db.transaction(demo) as session:
            items.confirm_receipt(session, session.get(TrackedItem, by_ministry.id), griffie, D("2026-11-04"),
                                  notice_id=waiting_id)
        with db.transaction(demo) as session:
            found = griffie_week.week(session)
        assert "2026Z20101" not in [l.nummer for l in found.unprocessed]
        assert "2026Z20101" in [l.nummer for l in found.came_in]
        # last week: nothing the griffie registered
        with db.transaction(demo) as session:
            assert griffie_week.week(session, D("2026-10-28")).registered == []


def test_receipt_of_a_paper_of_another_item_is_refused_and_a_griffie_stores_no_voortgangsbrief(login_as, demo,
                                                                                                monkeypatch, tmp_path):
    from tracker import clock
    from tracker.letters import voortgangsbrief as letters

    item_id = a_question(demo)
    version = stored(demo, "kamervragen", "2026Z20002")["version"]
    wrong = login_as("griffie").post(f"/items/{item_id}/ontvangen", data={"target": "u-999999", "received_on":
                                                                         "27-10-2026", "version": version})
    assert wrong.status_code == 400 and "hoort niet bij" in wrong.get_data(as_text=True)
    monkeypatch.setenv("TRACKER_EXPORTS", str(tmp_path / "exports"))
    with pytest.raises(Forbidden), db.transaction(demo) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "BZK")).one()
        made = letters.compose(session, ministry, on=clock.today(), kinds=["kamervragen"], everything=True,
                               signer_function="minister", signer_name="A. Minister")
        letters.store_final(session, made.view, ministry, made.items, Actor(GRIFFIE, "griffie"), letters.exports_dir())


def test_griffie_saves_intake_on_the_web_and_imports_with_the_cli(demo, login_as, tmp_path):
    from click.testing import CliRunner

    from tracker.cli import main

    row = _intake_row(soort="commissiebrief", kamer="EK", nummer="2026-EK-0010", titel="Brief over de Kieswet",
                      ministerie="OCW", datum="2026-10-01", termijn="4 weken")
    form = {"actie": "opslaan", "tekst": next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8"),
            "item-0-opnemen": "1", **{f"item-0-{k}": v for k, v in row.items()}}
    response = login_as("griffie").post("/document-invoeren/", data=form)
    assert response.status_code in (200, 302), response.get_data(as_text=True)[:2000]
    item = stored(demo, "commissiebrief", "2026-EK-0010", "EK")
    assert (item["ministry"], item["due"], item["created_by"]) == ("OCW", D("2026-10-29"), GRIFFIE)
    path = tmp_path / "cli.csv"
    path.write_bytes(csv_of(["kamervragen;TK;2026Z20020;Vragen over de Kieswet;OCW;2026-11-02;;;"]))
    result = CliRunner().invoke(main, ["import", str(path), "--door", "griffie"])
    assert result.exit_code == 0, result.output
    item = stored(demo, "kamervragen", "2026Z20020")
    assert (item["ministry"], item["due"]) == ("OCW", D("2026-11-23")) and item["created_by"].startswith("griffie")
    refused = CliRunner().invoke(main, ["import", str(path), "--door", "lezer"])
    assert refused.exit_code == 1
