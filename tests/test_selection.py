"""Issue 26: bulk actions on the list pages. Tick items, then assign a behandelaar, follow or change the status:
each item through its single write's service (tracker.authz per item, the workflow per item, one audit event per
item), the whole selection in one transaction; one refused item names itself and nothing is written."""
from __future__ import annotations

import html
import re
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from tracker import clock, db
from tracker.authz import Actor, system
from tracker.errors import Forbidden
from tracker.models import AuditEvent, ItemFollow, Ministry, TrackedItem, User
from tracker.services import items, selection

TODAY = date(2025, 10, 15)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def question(engine, nummer: str, ministry: str = "BZK") -> int:
    with db.transaction(engine) as session:
        item = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer=nummer, title=f"Vragen {nummer}", ministry_code=ministry,
            start_date=date(2025, 9, 22)), system("test"))
        session.flush()
        return item.id


def colleague(engine, username="bzk2", ministry="BZK") -> int:
    with db.transaction(engine) as session:
        ministry_id = session.execute(select(Ministry.id).where(Ministry.code == ministry)).scalar_one()
        user = User(username=username, password_hash="x", role="officer",
                    ministry_id=ministry_id)
        session.add(user)
        session.flush()
        return user.id


def state(engine, ids) -> list[tuple]:
    with Session(engine) as session:
        events = lambda i: session.execute(select(func.count()).select_from(AuditEvent)  # noqa: E731
                                           .where(AuditEvent.item_id == i)).scalar()
        follows = lambda i: session.execute(select(func.count()).select_from(ItemFollow)  # noqa: E731
                                            .where(ItemFollow.item_id == i)).scalar()
        return [(session.get(TrackedItem, i).status, session.get(TrackedItem, i).behandelaar_id,
                 session.get(TrackedItem, i).version, events(i), follows(i)) for i in ids]


def bzk_actor(engine) -> tuple[Actor, int]:
    with Session(engine) as session:
        user = session.execute(select(User).where(User.username == "bzk")).scalar_one()
        return Actor("bzk (officer, BZK)", "officer", user.ministry_id, "BZK"), user.id


# ------------------------------------------------------------------------------------------- the service
def test_a_selection_is_assigned_item_by_item_each_audited(demo):
    ids = [question(demo, "2025Z90001"), question(demo, "2025Z90002")]
    other = colleague(demo)
    actor, user_id = bzk_actor(demo)
    before = state(demo, ids)
    with db.transaction(demo) as session:
        outcome = selection.apply(session, actor, user_id, ids, "behandelaar", behandelaar_id=other)
    assert outcome.changed == ids
    after = state(demo, ids)
    for old, new in zip(before, after):
        assert new[1] == other and new[2] == old[2] + 1 and new[3] == old[3] + 1 and new[4] == old[4] + 1
    with Session(demo) as session:
        event = session.execute(select(AuditEvent).where(AuditEvent.item_id == ids[0])
                                .order_by(AuditEvent.id.desc())).scalars().first()
        assert (event.actor, event.field, event.new) == ("bzk (officer, BZK)", "behandelaar_id", str(other))


def test_one_refused_item_names_itself_and_nothing_is_written(demo):
    own = [question(demo, "2025Z90001"), question(demo, "2025Z90002")]
    foreign = question(demo, "2025Z90003", ministry="OCW")
    actor, user_id = bzk_actor(demo)
    ids = [own[0], foreign, own[1]]
    before = state(demo, ids)
    for action, extra in (("status", {"target": "in_behandeling"}), ("behandelaar", {"behandelaar_id": user_id})):
        with pytest.raises(selection.Refused) as refused:
            with db.transaction(demo) as session:
                selection.apply(session, actor, user_id, ids, action, **extra)
        assert [(r.item_id, r.name) for r in refused.value.refused] == [(foreign, "kamervragen 2025Z90003")]
        assert "hoort bij OCW" in refused.value.refused[0].reason
        assert state(demo, ids) == before  # the two BZK items were not changed either


def test_a_status_that_needs_facts_is_refused_per_item_in_a_selection(demo):
    ids = [question(demo, "2025Z90001"), question(demo, "2025Z90002")]
    actor, user_id = bzk_actor(demo)
    before = state(demo, ids)
    for target in ("uitstel_gemeld", "beantwoord"):
        with pytest.raises(selection.Refused) as refused:
            with db.transaction(demo) as session:
                selection.apply(session, actor, user_id, ids, "status", target=target)
        assert len(refused.value.refused) == 2 and "vastleggen" in refused.value.refused[0].reason
        assert state(demo, ids) == before
    assert "uitstel_gemeld" not in dict(selection.status_choices("kamervragen"))
    assert "beantwoord" not in dict(selection.status_choices("kamervragen"))


def test_a_transition_the_workflow_does_not_allow_refuses_that_item(demo):
    ids = [question(demo, "2025Z90001"), question(demo, "2025Z90002")]
    actor, user_id = bzk_actor(demo)
    with db.transaction(demo) as session:
        items.change_status(session, items.get_item(session, ids[1]), "ingetrokken", actor)
    before = state(demo, ids)
    with pytest.raises(selection.Refused) as refused:
        with db.transaction(demo) as session:
            selection.apply(session, actor, user_id, ids, "status", target="in_behandeling")
    assert [r.item_id for r in refused.value.refused] == [ids[1]] and "eindstatus" in refused.value.refused[0].reason
    assert state(demo, ids) == before


def test_the_griffie_moves_statuses_with_a_note_but_assigns_nobody(demo):
    ids = [question(demo, "2025Z90001")]
    griffie = Actor("griffie (griffie)", "griffie")
    with pytest.raises(selection.Refused, match="toelichting"):
        with db.transaction(demo) as session:
            selection.apply(session, griffie, 2, ids, "status", target="in_behandeling")
    with pytest.raises(Forbidden, match="wijzigt de behandelaar niet"):
        with db.transaction(demo) as session:
            selection.apply(session, griffie, 2, ids, "behandelaar", behandelaar_id=None)
    with db.transaction(demo) as session:
        selection.apply(session, griffie, 2, ids, "status", target="in_behandeling", note="volgens de griffie")
    assert state(demo, ids)[0][0] == "in_behandeling"


# ---------------------------------------------------------------------------------------------- the web
def ticked(page: str) -> set[str]:
    return set(re.findall(r'<input type="checkbox" name="item" value="(\d+)"[^>]*checked', page))


def test_the_list_page_assigns_follows_and_moves_a_selection(login_as, demo):
    ids = [question(demo, "2025Z90001"), question(demo, "2025Z90002")]
    other = colleague(demo)
    client = login_as("bzk")
    page = client.get("/kamervragen?q=2025Z9").get_data(as_text=True)
    assert f'name="item" value="{ids[0]}"' in page and 'name="actie" value="behandelaar"' in page
    assert re.search(rf'<option value="{other}"\s*>bzk2 \(BZK\)</option>', page)
    assert 'value="uitstel_gemeld"' not in page.split('id="bulk-status"')[1].split("</select>")[0]
    back = "q=2025Z9&stand=open"
    done = client.post("/kamervragen/selectie", data={"item": [str(i) for i in ids], "actie": "behandelaar",
                                                     "behandelaar": str(other), "terug": back})
    assert done.status_code == 302 and done.headers["Location"].endswith("/kamervragen?q=2025Z9&stand=open")
    assert "Behandelaar toegewezen: 2 items." in client.get(done.headers["Location"]).get_data(as_text=True)
    assert [s[1] for s in state(demo, ids)] == [other, other]
    done = client.post("/kamervragen/selectie", data={"item": [str(i) for i in ids], "actie": "status",
                                                     "status": "in_behandeling", "terug": back})
    assert done.status_code == 302 and [s[0] for s in state(demo, ids)] == ["in_behandeling"] * 2
    viewer = login_as("lezer")
    listed = viewer.get("/kamervragen?q=2025Z9").get_data(as_text=True)
    assert 'value="behandelaar"' not in listed and 'value="status"' not in listed and 'value="volgen"' in listed
    assert viewer.post("/kamervragen/selectie", data={"item": [str(ids[0])], "actie": "volgen"}).status_code == 302
    with db.transaction(demo) as session:
        items.archive_item(session, items.get_item(session, ids[1]), system("test"), "dubbel")
    archived = client.get("/kamervragen?stand=gearchiveerd").get_data(as_text=True)
    assert "2025Z90002" in archived and 'name="item"' not in archived and 'value="volgen"' not in archived
    with Session(demo) as session:
        lezer = session.execute(select(User.id).where(User.username == "lezer")).scalar_one()
        assert session.get(ItemFollow, (lezer, ids[0])) is not None


def test_the_list_page_names_refused_items_keeps_the_ticks_and_writes_nothing(login_as, demo):
    own = question(demo, "2025Z90001")
    foreign = question(demo, "2025Z90003", ministry="OCW")
    before = state(demo, [own, foreign])
    client = login_as("bzk")
    response = client.post("/kamervragen/selectie", data={"item": [str(own), str(foreign)], "actie": "status",
                                                          "status": "in_behandeling",
                                                          "terug": "q=2025Z9&ministerie=alle"})
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400 and "Er is niets gewijzigd" in page
    assert f'<a href="/items/{foreign}">kamervragen 2025Z90003</a>: hoort bij OCW; u mag alleen items van BZK' in page
    # the own item keeps its tick; the foreign one (a crafted post: the list offers it no box) is named above
    assert ticked(page) == {str(own)} and f'name="item" value="{foreign}"' not in page
    assert state(demo, [own, foreign]) == before
    # nothing ticked: said, nothing written; an item of another list: refused
    empty = client.post("/kamervragen/selectie", data={"actie": "volgen", "terug": ""})
    assert empty.status_code == 400 and "Vink eerst de items aan" in empty.get_data(as_text=True)
    assert client.post("/moties/selectie", data={"item": [str(own)], "actie": "volgen"}).status_code == 400
    assert state(demo, [own, foreign]) == before


def test_the_select_all_box_is_of_this_page_and_says_so(login_as, demo):
    """The header box (shown by tracker.js) is labelled with the count of this page's rows and submits nothing
    itself; with more rows than one page, the form says an action is for this page's ticks only."""
    for n in range(3):
        question(demo, f"2025Z9100{n}")
    client = login_as("bzk")
    page = client.get("/kamervragen?q=2025Z91").get_data(as_text=True)
    box = re.search(r'<input type="checkbox" id="kies-alle"[^>]*>', page).group(0)
    assert "hidden" in box and "name=" not in box and 'data-kies-alle="item"' in box  # no JavaScript: not shown
    assert '<label for="kies-alle" class="pick-all-label" hidden>Alle 3 items op deze pagina kiezen</label>' in page
    assert "Met de aangevinkte items op deze pagina" in page and "andere pagina's" not in page  # one page: no hint
    with Session(demo) as session:
        total = session.execute(select(func.count()).select_from(TrackedItem).where(
            TrackedItem.kind == "kamervragen", TrackedItem.archived_at.is_(None), TrackedItem.closed_on.is_(None))
        ).scalar_one()
    for n in range(max(0, 51 - total)):  # more open kamervragen than one page holds
        question(demo, f"2025Z92{n:03d}")
    page = client.get("/kamervragen").get_data(as_text=True)
    assert "Alle 50 items op deze pagina kiezen" in page
    assert re.search(r"Deze pagina toont 50 van de \d+ items: een actie geldt alleen voor wat hier is aangevinkt, "
                     r"niet voor de items op de andere pagina's\.", html.unescape(page))
    # nothing to tick (a reader's list of archived items): no box either
    assert 'id="kies-alle"' not in client.get("/kamervragen?stand=gearchiveerd").get_data(as_text=True)


def boxes(page: str) -> set[int]:
    return {int(v) for v in re.findall(r'<input type="checkbox" name="item" value="(\d+)"', page)}


def test_an_officer_gets_a_tick_box_only_for_the_items_they_may_change(login_as, demo):
    """On a list of every ministry, an officer of BZK ticks only BZK's items (tracker.authz.may_pick, the decision
    the bulk service's writes make); the griffie (statuses of every ministry) and a reader (following) tick all."""
    own = [question(demo, "2025Z93001"), question(demo, "2025Z93002")]
    foreign = [question(demo, "2025Z93003", ministry="OCW"), question(demo, "2025Z93004", ministry="OCW")]
    page = login_as("bzk").get("/kamervragen?q=2025Z93&ministerie=alle").get_data(as_text=True)
    assert all(f">TK 2025Z9300{n}</a>" in page for n in range(1, 5))  # all four are listed
    assert boxes(page) == set(own)
    assert page.count('class="pick pick-none"') == 2 and "niet te kiezen: u kunt dit item niet wijzigen" in page
    assert "Alle 2 items op deze pagina kiezen die u kunt wijzigen" in page
    # a list of only another ministry's items: no bulk form at all
    with Session(demo) as session:
        ocw = session.execute(select(Ministry.id).where(Ministry.code == "OCW")).scalar_one()
    other = login_as("bzk").get(f"/kamervragen?q=2025Z93&ministerie={ocw}").get_data(as_text=True)
    assert ">TK 2025Z93003</a>" in other and boxes(other) == set() and 'id="kies-alle"' not in other
    assert 'value="status"' not in other
    for username in ("griffie", "lezer", "admin"):
        assert boxes(login_as(username).get("/kamervragen?q=2025Z93&ministerie=alle").get_data(as_text=True)) == \
            set(own + foreign), username
    # the server's refusal holds for a box the page did not offer
    response = login_as("bzk").post("/kamervragen/selectie", data={
        "item": [str(foreign[0])], "actie": "status", "status": "in_behandeling", "terug": "ministerie=alle"})
    assert response.status_code == 400 and "hoort bij OCW" in html.unescape(response.get_data(as_text=True))
