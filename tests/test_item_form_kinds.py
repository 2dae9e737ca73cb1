"""The new-item form per soort: each soort its own fields, and the deadline it will get before saving.

The preview is computed by the service that saving uses (tracker.services.items.deadline_preview → the rules of
tracker.domain.deadlines.schedule), so a Kamervraag's three weeks and a commissiebrief's four show before saving,
with the item page's warnings (weekend, public holiday) and in plain Dutch."""
from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

from sqlalchemy import select

from tracker import db
from tracker.authz import system
from tracker.domain.dutch import format_date
from tracker.models import Committee, Ministry, TrackedItem
from tracker.services import items

from .test_internal_words import internal_words, visible_text


class _Form(HTMLParser):
    """The controls a person can see and send: not inside an element with `hidden`, not disabled; and the labels
    that are shown."""

    VOID = {"input", "br", "img", "meta", "link", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: hidden here or above
        self.controls: set[str] = set()
        self.labels: list[str] = []
        self._label: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        hidden = (self.stack[-1] if self.stack else False) or "hidden" in attrs
        if tag in ("input", "select", "textarea") and not hidden and "disabled" not in attrs \
                and attrs.get("type") != "hidden":
            self.controls.add(attrs.get("name"))
        if tag == "label" and not hidden:
            self._label = []
        if tag not in self.VOID:
            self.stack.append(hidden)

    def handle_endtag(self, tag):
        if tag == "label" and self._label is not None:
            self.labels.append("".join(self._label).strip())
            self._label = None
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self._label is not None:
            self._label.append(data)


def form_of(html: str) -> _Form:
    parser = _Form()
    parser.feed(html[html.index('<form method="post" novalidate class="item-form"'):])
    return parser


def preview_text(html: str) -> str:
    box = re.search(r'<div class="preview-box" id="deadline-preview"[^>]*>(.*?)</div>', html, re.S)
    return visible_text(box.group(1)) if box else ""


def _ids(engine) -> tuple[int, int]:
    with db.transaction(engine) as session:
        bzk = session.execute(select(Ministry.id).where(Ministry.code == "BZK")).scalar_one()
        committee = session.execute(select(Committee.id).where(Committee.chamber == "TK")).scalars().first()
    return bzk, committee


def _stored(engine, kind: str, nummer: str) -> TrackedItem:
    with db.transaction(engine) as session:
        return items.find_item(session, "TK", kind, nummer)


def _check_then_save(client, data: dict) -> tuple[str, object]:
    checked = client.post("/items/nieuw", data={**data, "controleer": "1"})
    assert checked.status_code == 200
    saved = client.post("/items/nieuw", data=data)
    assert saved.status_code == 302, preview_text(saved.get_data(as_text=True))
    return preview_text(checked.get_data(as_text=True)), saved


def test_kamervraag_preview_before_saving_is_what_saving_stores(app, engine, login_as):
    client = login_as("bzk")
    bzk, _ = _ids(engine)
    # submitted on Friday 4 December 2026: three weeks later is Eerste Kerstdag
    data = {"kind": "kamervragen", "chamber": "TK", "nummer": "2026Z20001", "title": "Vragen over de IND",
            "ministry_id": bzk, "start_date": "4-12-2026"}
    preview, _ = _check_then_save(client, data)
    item = _stored(engine, "kamervragen", "2026Z20001")
    assert item.due_date == date(2026, 12, 25)
    assert f"Termijn: {format_date(item.due_date)}" in preview  # "Termijn: 25 december 2026"
    assert "Drie weken na indiening op 4 december 2026 = 25 december 2026." in preview
    # the item page's own sentence, before saving
    assert "Let op: de termijn valt op een feestdag (Eerste kerstdag)." in preview
    page = client.get(f"/items/{item.id}").get_data(as_text=True)
    assert "Let op: de termijn valt op een feestdag (Eerste kerstdag)." in page


def test_commissiebrief_preview_before_saving_is_what_saving_stores(app, engine, login_as):
    client = login_as("bzk")
    bzk, committee = _ids(engine)
    base = {"kind": "commissiebrief", "chamber": "TK", "title": "Schriftelijk overleg Wet open overheid",
            "ministry_id": bzk, "committee_id": committee}
    # the usual four weeks after dagtekening (Saturday 6 March 2027 → Saturday 3 April 2027)
    preview, _ = _check_then_save(client, {**base, "nummer": "2027-001", "start_date": "6 maart 2027"})
    item = _stored(engine, "commissiebrief", "2027-001")
    assert item.due_date == date(2027, 4, 3) and item.committee_id == committee
    assert f"Termijn: {format_date(item.due_date)}" in preview
    assert "Let op: de termijn valt op een zaterdag." in preview
    # a term of the letter's own
    preview, _ = _check_then_save(client, {**base, "nummer": "2027-002", "start_date": "1-3-2027", "term": "6 weken"})
    item = _stored(engine, "commissiebrief", "2027-002")
    assert item.due_date == date(2027, 4, 12) and "Termijn: 12 april 2027" in preview
    assert "Zes weken na dagtekening op 1 maart 2027" in preview and "Let op" not in preview


def test_preview_speaks_plain_dutch_with_one_date_format(app, engine, login_as):
    client = login_as("bzk")
    bzk, committee = _ids(engine)
    # no recess of 2031 in the calendar: the usual dates stand in, and the preview says so without jargon
    response = client.post("/items/nieuw", data={
        "kind": "toezegging", "chamber": "TK", "nummer": "TZ-2031", "title": "Evaluatie", "ministry_id": bzk,
        "committee_id": committee, "start_date": "3-3-2031", "deadline": "voor het zomerreces 2031", "controleer": "1"})
    preview = preview_text(response.get_data(as_text=True))
    assert preview.startswith("Termijn: 3 juli 2031")
    assert "het recesrooster van de Tweede Kamer noemt dit reces nog niet" in preview
    for jargon in ("recesgegevens", "standaarddata", "regelboek", "conventie", "termijnzin", "zin:"):
        assert jargon not in preview
    assert not internal_words(preview)
    assert not re.search(r"\b\d{1,2}-\d{1,2}-\d{4}\b", preview)  # one format: "3 juli 2031"
    # a motie owes nothing until it is adopted: the date it will get then, and that it has none yet
    motie = client.post("/items/nieuw", data={
        "kind": "motie", "chamber": "TK", "nummer": "36000, nr. 9", "title": "Motie", "ministry_id": bzk,
        "start_date": "3-3-2031", "deadline": "tweede helft van 2031", "controleer": "1"})
    text = preview_text(motie.get_data(as_text=True))
    assert "Termijn na aanneming: 31 december 2031" in text and "pas een termijn als ze is aangenomen" in text


def test_each_soort_shows_its_own_fields(app, engine, login_as):
    client = login_as("bzk")
    question = form_of(client.get("/items/nieuw?soort=kamervragen").get_data(as_text=True))
    assert {"vote_result", "kabinetsappreciatie", "activity", "committee_id", "term", "deadline"}.isdisjoint(
        question.controls)
    assert "Stemming" not in question.labels and "Kabinetsappreciatie" not in question.labels
    assert {"members", "fracties", "start_date"} <= question.controls
    # without a script the soort is chosen by links that draw the form anew; the (hidden) select still sends it
    html = client.get("/items/nieuw?soort=kamervragen").get_data(as_text=True)
    assert re.search(r'href="/items/nieuw\?soort=kamervragen" aria-current="page">Kamervragen</a>', html)
    assert '<option selected value="kamervragen">' in html
    assert "Vragenstellers" in question.labels and "Datum van indiening" in question.labels
    motion = form_of(client.get("/items/nieuw?soort=motie").get_data(as_text=True))
    assert {"vote_result", "kabinetsappreciatie", "members", "deadline"} <= motion.controls
    assert {"Stemming", "Kabinetsappreciatie", "Indieners", "Datum van de stemming"} <= set(motion.labels)
    assert {"committee_id", "activity", "term"}.isdisjoint(motion.controls)
    promise = form_of(client.get("/items/nieuw?soort=toezegging").get_data(as_text=True))
    assert {"activity", "committee_id", "deadline"} <= promise.controls and "vote_result" not in promise.controls
    letter = form_of(client.get("/items/nieuw?soort=commissiebrief").get_data(as_text=True))
    assert {"committee_id", "term", "deadline"} <= letter.controls and "members" not in letter.controls
    # the other soorten's fields are there for the script, hidden and switched off (never sent)
    html = client.get("/items/nieuw?soort=kamervragen").get_data(as_text=True)
    assert re.search(r'<div class="soort-veld" data-veld="vote_result" hidden>.*?<input disabled id="vote_result"',
                     html, re.S)


def test_a_field_the_soort_lacks_is_not_saved(app, engine, login_as):
    client = login_as("bzk")
    bzk, committee = _ids(engine)
    response = client.post("/items/nieuw", data={
        "kind": "kamervragen", "chamber": "TK", "nummer": "2026Z20002", "title": "Vragen", "ministry_id": bzk,
        "start_date": "1-12-2026", "members": "Dijk", "vote_result": "aangenomen", "kabinetsappreciatie": "ontraden",
        "activity": "debat", "committee_id": committee, "term": "10 weken", "deadline": "1 januari 2030"})
    assert response.status_code == 302
    item = _stored(engine, "kamervragen", "2026Z20002")
    assert (item.members, item.vote_result, item.kabinetsappreciatie, item.activity, item.committee_id, item.term,
            item.deadline_date) == ("Dijk", None, None, None, None, None, None)
    assert item.due_date == date(2026, 12, 22)  # the rule's three weeks, not the posted term or date
    # the edit form has the same fields: a Kamervraag's has no Stemming, and a posted one changes nothing
    edit = client.get(f"/items/{item.id}/bewerken").get_data(as_text=True)
    assert 'name="vote_result"' not in edit and "Vragenstellers" in edit
    changed = client.post(f"/items/{item.id}/bewerken", data={
        "nummer": item.nummer, "title": "Vragen (aangepast)", "ministry_id": bzk, "start_date": "1-12-2026",
        "members": "Dijk, Kops", "vote_result": "verworpen", "committee_id": committee, "version": item.version})
    assert changed.status_code == 302
    item = _stored(engine, "kamervragen", "2026Z20002")
    assert (item.title, item.members, item.vote_result, item.committee_id) == ("Vragen (aangepast)", "Dijk, Kops",
                                                                                None, None)


def test_api_termijn_with_soort(app, engine, login_as):
    client = login_as("bzk")
    question = client.get("/api/termijn?soort=kamervragen&kamer=TK&datum=2026-12-04").get_json()
    assert question["due"] == "2026-12-25" and question["tekst"] == "Termijn: 25 december 2026"
    assert "Let op: de termijn valt op een feestdag (Eerste kerstdag)." in question["waarschuwingen"]
    letter = client.get("/api/termijn?soort=commissiebrief&datum=1-3-2027&termijn=6+weken").get_json()
    assert letter["due"] == "2027-04-12" and "Zes weken na dagtekening" in letter["uitleg"]
    usual = client.get("/api/termijn?soort=commissiebrief&datum=1-3-2027").get_json()
    assert usual["due"] == "2027-03-29"
    empty = client.get("/api/termijn?soort=kamervragen").get_json()
    assert empty["due"] is None and "datum van indiening" in empty["uitleg"]
    assert client.get("/api/termijn?soort=petitie&datum=2026-12-04").status_code == 400
    assert client.get("/api/termijn?soort=commissiebrief&datum=2026-12-04&termijn=vier").status_code == 400
    # an item being edited: its own facts with the new date (its uitstelberichten would count too)
    with db.transaction(engine) as session:
        question_id = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2026Z20009", title="Vragen", ministry_code="BZK",
            start_date=date(2026, 11, 2)), system("test")).id
    edited = client.get(f"/api/termijn?soort=kamervragen&datum=2026-12-04&item={question_id}")
    assert edited.status_code == 200 and edited.get_json()["tekst"] == "Termijn: 25 december 2026"
    assert client.get(f"/api/termijn?soort=motie&datum=2026-12-04&item={question_id}").status_code == 404
    # the phrase alone, as before (no soort): its date, with the same warnings
    phrase = client.get("/api/termijn?zin=25+december+2026&datum=2026-12-01").get_json()
    assert phrase["due"] == "2026-12-25" and phrase["waarschuwingen"]


def test_a_commissiebrief_deadline_is_a_date(app, engine, login_as):
    """Its term counts (four weeks, or the letter's own): a phrase in its deadline field would never count."""
    client = login_as("bzk")
    bzk, committee = _ids(engine)
    data = {"kind": "commissiebrief", "chamber": "TK", "nummer": "2027-003", "title": "Schriftelijk overleg",
            "ministry_id": bzk, "committee_id": committee, "start_date": "1-3-2027"}
    refused = client.post("/items/nieuw", data={**data, "deadline": "voor de zomer"})
    assert refused.status_code == 400 and "Vul hier een datum in" in refused.get_data(as_text=True)
    assert _stored(engine, "commissiebrief", "2027-003") is None
    preview, _ = _check_then_save(client, {**data, "deadline": "15 maart 2027"})
    assert _stored(engine, "commissiebrief", "2027-003").due_date == date(2027, 3, 15)
    assert "Termijn: 15 maart 2027" in preview


def test_checking_the_deadline_needs_only_what_it_depends_on(app, engine, login_as):
    """Without a script, "Termijn controleren" right after the soort and the date: no number or title needed yet."""
    client = login_as("bzk")
    response = client.post("/items/nieuw", data={"kind": "kamervragen", "chamber": "TK", "start_date": "4-12-2026",
                                                 "controleer": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Termijn: 25 december 2026" in preview_text(page)
    assert "Vul het nummer in." not in page
    bad = client.post("/items/nieuw", data={"kind": "kamervragen", "chamber": "TK", "start_date": "32-12-2026",
                                            "controleer": "1"})
    assert bad.status_code == 400 and "geen bestaande datum" in bad.get_data(as_text=True)
    assert preview_text(bad.get_data(as_text=True)) == ""
