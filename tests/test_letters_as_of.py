"""Letters true to their date: a letter dated D reports every item as it stood at the end of D (tracker.letters.as_of).

A letter dated before a status change, a new stand van zaken, an uitstelbericht and a closing document shows none
of them; the same letter dated after shows all. On both databases (the `engine` fixture)."""
import re
from datetime import date

import pytest

from tracker import clock, db
from tracker.authz import system
from tracker.letters import as_of
from tracker.letters import voortgangsbrief as letters
from tracker.models import AuditEvent, Document, ItemStand, Ministry
from tracker.services import items
from sqlmodel import select

ACTOR = system("test")
BEFORE, AFTER = date(2024, 3, 1), date(2024, 9, 2)


def _on(monkeypatch, day: date) -> None:
    monkeypatch.setattr(clock, "today", lambda: day)


@pytest.fixture
def changed(reference_data, monkeypatch):
    """An OCW register made in January 2024 and changed in April 2024 (between BEFORE and AFTER)."""
    engine = reference_data
    _on(monkeypatch, date(2024, 1, 15))
    with db.transaction(engine) as session:
        motie = items.create_item(session, items.ItemInput(
            kind="motie", chamber="TK", nummer="36410, nr. 7", title="Motie over lerarentekort", ministry_code="OCW",
            start_date=date(2024, 1, 10), text="verzoekt de regering een plan te maken",
            stand_van_zaken="Eerste stand: het plan wordt geschreven.", members="Paternotte"), ACTOR)
        items.walk_to_status(session, motie, "aangenomen", ACTOR, on=date(2024, 1, 10))
        toezegging = items.create_item(session, items.ItemInput(
            kind="toezegging", chamber="TK", nummer="TZ202401-001", title="Brief over leesvaardigheid",
            ministry_code="OCW", start_date=date(2024, 1, 11), text="De minister stuurt een brief.",
            deadline_date=date(2024, 12, 1)), ACTOR)
        vraag = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer="2024Z00123", title="Vragen over schoolgebouwen",
            ministry_code="OCW", start_date=date(2024, 1, 12)), ACTOR)
        ids = motie.id, toezegging.id, vraag.id
    _on(monkeypatch, date(2024, 4, 1))
    with db.transaction(engine) as session:
        motie, toezegging, vraag = (session.get(items.TrackedItem, i) for i in ids)
        items.update_item(session, motie, {"stand_van_zaken": "Tweede stand: het plan is klaar."}, ACTOR)
        items.change_status(session, toezegging, "deels_voldaan", ACTOR, on=date(2024, 4, 10), note="eerste brief")
        items.record_delay(session, vraag, date(2024, 4, 5), ACTOR, reason="afstemming", promised=date(2024, 5, 3))
        paper = Document(kind="kamerbrief", dagtekening=date(2024, 4, 15), chamber="TK", dossier="36410",
                         stuknummer="12", vergaderjaar="2023-2024", title="Plan lerarentekort")
        session.add(paper)
        session.flush()
        items.record_answer(session, motie, date(2024, 4, 15), ACTOR, document_id=paper.id)
    _on(monkeypatch, date(2024, 9, 2))
    return engine


def _letter(session, on: date):
    ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).first()
    made = letters.compose(session, ministry, on=on, kinds=["motie", "toezegging", "kamervragen"], concept=True,
                           everything=True)
    return made.view, " ".join(letters.render_html(made.view).split())


def test_one_function_answers_this_item_as_of_a_date(changed):
    with db.transaction(changed) as session:
        motie = items.find_item(session, "TK", "motie", "36410, nr. 7")
        then, now = as_of.item_as_of(session, motie, BEFORE), as_of.item_as_of(session, motie, AFTER)
        assert (then.status, then.closed_on, then.closing_document) == ("aangenomen", None, None)
        assert then.stand.text.startswith("Eerste stand") and then.stand.written_on == date(2024, 1, 15)
        assert (now.status, now.closed_on) == ("afgedaan", date(2024, 4, 15))
        assert now.closing_document.stuknummer == "12"
        assert now.stand.text.startswith("Tweede stand") and now.stand.written_on == date(2024, 4, 1)
        vraag = as_of.item_as_of(session, items.find_item(session, "TK", "kamervragen", "2024Z00123"), BEFORE)
        assert vraag.status == "ontvangen" and vraag.delays == ()
        # the day of the change itself counts: the end of that day
        assert as_of.item_as_of(session, motie, date(2024, 4, 15)).status == "afgedaan"
        assert as_of.item_as_of(session, motie, date(2024, 4, 14)).status == "aangenomen"


def test_a_letter_dated_before_the_changes_shows_none_of_them(changed):
    with db.transaction(changed) as session:
        view, html = _letter(session, BEFORE)
    assert "Eerste stand: het plan wordt geschreven." in html
    for later in ("Tweede stand", "Afgedaan", "36410, nr.\u00a012", "Deels voldaan", "Uitstel gemeld",
                  "3 mei 2024", "15 april 2024"):
        assert later not in html, later
    status = {e.heading: e.status_text for e in view.entries}
    assert status == {"Motie over lerarentekort": "In uitvoering", "Vragen over schoolgebouwen": "Nog niet beantwoord",
                      "Brief over leesvaardigheid": "Nog niet voldaan"}


def test_the_same_letter_dated_after_shows_all_of_them(changed):
    with db.transaction(changed) as session:
        view, html = _letter(session, AFTER)
    status = {e.heading: e.status_text for e in view.entries}
    assert status["Motie over lerarentekort"] == ("Afgedaan bij brief van 15\u00a0april\u00a02024 "
                                                  "(Kamerstukken II\u00a02023/24, 36410, nr.\u00a012)")
    assert status["Vragen over schoolgebouwen"] == ("Uitstel gemeld op 5\u00a0april\u00a02024; antwoord verwacht vóór "
                                                    "3\u00a0mei\u00a02024")
    assert status["Brief over leesvaardigheid"] == "Deels voldaan"
    assert "Tweede stand: het plan is klaar." in html and "Eerste stand" not in html
    # the stand of 1 April is five months old on the letter's date: it carries no date
    assert "(stand van" not in html


def test_a_stand_older_than_six_months_carries_its_date(changed):
    with db.transaction(changed) as session:
        view, _ = _letter(session, date(2025, 1, 6))
    stands = [e.stand_van_zaken for e in view.entries if e.stand_van_zaken]
    assert stands == ["Tweede stand: het plan is klaar. (stand van 1\u00a0april\u00a02024)"]


def test_the_default_selection_follows_the_history(changed):
    """Open on the letter's date, or closed since the previous letter: as of that date, not as of today."""
    with db.transaction(changed) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).first()
        then = letters.select_as_of(session, ministry, BEFORE, chamber="TK", kinds=["motie"])
        later = letters.select_as_of(session, ministry, date(2025, 6, 1), chamber="TK", kinds=["motie"])
        in_uitvoering = letters.select_as_of(session, ministry, BEFORE, chamber="TK", kinds=["motie"],
                                             statuses=["aangenomen"])
    assert [s.status for s in then] == ["aangenomen"] and [s.status for s in in_uitvoering] == ["aangenomen"]
    assert later == []  # closed on 15 April 2024: more than twelve months before 1 June 2025


def test_intern_stands_never_reach_a_letter_and_marking_one_intern_later_hides_it_from_earlier_dates(changed, monkeypatch):
    _on(monkeypatch, date(2024, 10, 1))
    with db.transaction(changed) as session:
        toezegging = items.find_item(session, "TK", "toezegging", "TZ202401-001")
        items.update_item(session, toezegging, {"stand_van_zaken": "Nota: geadviseerd akkoord te gaan."}, ACTOR)
    _on(monkeypatch, date(2024, 10, 2))
    with db.transaction(changed) as session:
        toezegging = items.find_item(session, "TK", "toezegging", "TZ202401-001")
        items.update_item(session, toezegging, {"stand_intern": True}, ACTOR)
        rows = session.exec(select(ItemStand).where(ItemStand.item_id == toezegging.id)).all()
        assert [(r.written_on, r.intern) for r in rows] == [(date(2024, 10, 1), False), (date(2024, 10, 2), True)]
        for day in (date(2024, 10, 1), date(2024, 10, 2), date(2024, 12, 1)):
            _, html = _letter(session, day)
            assert "geadviseerd" not in html, day


def test_stands_of_items_inserted_without_history_date_from_their_registration(changed):
    """An item inserted in bulk has its stand but no history row: it counts from the day the item was made."""
    with db.transaction(changed) as session:
        vraag = items.find_item(session, "TK", "kamervragen", "2024Z00123")
        vraag.stand_van_zaken = "Stand uit een import."
        session.flush()
        made = vraag.created_at.date()
        assert as_of.item_as_of(session, vraag, made).stand.text == "Stand uit een import."
        assert as_of.item_as_of(session, vraag, date(2023, 12, 31)).stand is None


def test_the_demo_letters_of_june_and_november_2021(demo):
    """The issue's case: OCW's letter of 1 June 2021 no longer reports the Bergkamp motion as afgedaan by the
    November letter; the one of 26 November 2021 does, with its Kamerstuk."""
    with db.transaction(demo) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).first()
        june = letters.compose(session, ministry, on=date(2021, 6, 1), concept=True).view
        november = letters.compose(session, ministry, on=date(2021, 11, 26), concept=True).view
    bergkamp = "Motie van het lid Bergkamp c.s. over het verder uitwerken van de aanbevelingen van de adviesgroep-Vinkenburg"
    in_june = next(e for e in june.entries if e.heading == bergkamp)
    in_november = next(e for e in november.entries if e.heading == bergkamp)
    assert in_june.status_text == "In uitvoering" and in_june.stand_van_zaken is None
    assert "365" not in letters.render_html(june)
    assert in_november.status_text.startswith("Afgedaan bij brief van 26\u00a0november\u00a02021")
    assert "nr.\u00a0365" in in_november.status_text
    assert "als afgerond" in in_november.stand_van_zaken


def test_the_demo_memo_is_intern_and_in_no_letter(demo):
    with db.transaction(demo) as session:
        vraag = items.find_item(session, "TK", "kamervragen", "2023Z12033")
        assert vraag.stand_intern
        ministry = session.exec(select(Ministry).where(Ministry.code == "BZK")).first()
        for day in (date(2023, 11, 20), date(2023, 11, 21), date(2024, 1, 5)):
            view = letters.compose(session, ministry, on=day, kinds=["kamervragen"], concept=True, everything=True).view
            html = letters.render_html(view)
            assert "geadviseerd" not in html and "monitorrapportage nu niet" not in html


WORKFLOW_WORD = re.compile(r"\b[a-z]+_[a-z_]+\b")


def test_no_letter_text_sounds_like_the_tool(demo):
    """No status word of the workflow bare, no "(s)", no tool instruction, no underscore word."""
    with db.transaction(demo) as session:
        for ministry in session.exec(select(Ministry)).all():
            try:
                view = letters.compose(session, ministry, on=date(2025, 6, 1), concept=True, everything=True,
                                       kinds=list(letters.GROUPS)).view
            except letters.ValidationError:
                continue  # no items
            text = " ".join(letters.render_html(view).split())
            body = re.sub(r"<[^>]+>", " ", text)
            assert "(s)" not in body and "handmatig" not in body
            assert not WORKFLOW_WORD.search(body), WORKFLOW_WORD.search(body)[0]
            for entry in view.entries:
                assert not entry.status_text.lower().startswith(("ontvangen", "openstaand", "in behandeling",
                                                                 "aangenomen"))


def test_migration_0015_backfills_the_stand_history_from_the_audit_trail(changed):
    """Each 'stand_van_zaken' event of the trail becomes a dated stand (the first one's old stand dated from the
    registration); an item whose trail shows none keeps its
    current stand from the day it was registered."""
    import importlib.util
    from pathlib import Path

    import tracker
    path = Path(tracker.__file__).parent / "migrations" / "versions" / "0015_item_stand_history.py"
    spec = importlib.util.spec_from_file_location("m0015", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with db.transaction(changed) as session:
        vraag = items.find_item(session, "TK", "kamervragen", "2024Z00123")
        vraag.stand_van_zaken = "Stand zonder spoor."
        session.flush()
        for row in session.exec(select(ItemStand)).all():
            session.delete(row)
        session.flush()
        migration.backfill(session.connection())
        rows = session.exec(select(ItemStand).order_by(ItemStand.item_id, ItemStand.written_on)).all()
        motie = items.find_item(session, "TK", "motie", "36410, nr. 7")
        # the trail's moments are real time (not the pinned day): the backfill dates by them
        event = session.exec(select(AuditEvent).where(AuditEvent.item_id == motie.id,
                                                      AuditEvent.action == "stand_van_zaken")).one()
        assert [(r.item_id, r.written_on, r.text) for r in rows] == [
            (motie.id, motie.created_at.date(), "Eerste stand: het plan wordt geschreven."),
            (motie.id, event.at.date(), "Tweede stand: het plan is klaar."),
            (vraag.id, vraag.created_at.date(), "Stand zonder spoor.")]


# ------------------------------------------------------------------------------------------------ official forms
def test_official_forms_of_motions_toezeggingen_and_committee_letters(demo):
    with db.transaction(demo) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).first()
        made = letters.compose(session, ministry, on=date(2021, 11, 26), concept=True, everything=True)
        headings = [e.heading for e in made.view.entries]
        assert "Motie van de leden Van den Hul en Diks over het inzichtelijk maken van de kabinetsbrede genderstrategie" \
            in headings  # registered as "Motie Van den Hul/Diks over …"
        assert any(h.startswith("Motie van het lid Bergkamp c.s. over") for h in headings)
        t04 = next(e for e in made.view.entries if e.reference.startswith("VGR-EMANC-2021 T04"))
        assert t04.reference == ("VGR-EMANC-2021 T04; toegezegd tijdens het wetgevingsoverleg emancipatie van "
                                 "2\u00a0november\u00a02020")
        assert "VGR-EMANC-2021 T04" not in t04.heading  # the code once, as vindplaats
        bzk = session.exec(select(Ministry).where(Ministry.code == "BZK")).first()
        ek = letters.compose(session, bzk, on=date(2025, 2, 1), chamber="EK", kinds=["commissiebrief"], concept=True,
                             everything=True).view
        assert all("verzoek van de vaste commissie voor" in e.reference for e in ek.entries), \
            [e.reference for e in ek.entries]


def test_a_motion_without_indieners_is_named_by_its_title_with_a_warning(changed):
    with db.transaction(changed) as session:
        motie = items.find_item(session, "TK", "motie", "36410, nr. 7")
        motie.members = None
        session.flush()
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).first()
        made = letters.compose(session, ministry, on=AFTER, kinds=["motie"], concept=True, everything=True)
    assert made.view.entries[0].heading == "Motie over lerarentekort"
    assert any("bij één motie zijn de indieners niet vastgelegd (36410, nr. 7)" in w for w in made.warnings)


def test_a_manual_signer_not_in_office_is_allowed_with_a_warning_naming_who_is(demo):
    with db.transaction(demo) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).first()
        office = letters.in_office(session, ministry, date(2021, 11, 26))
        assert office, "the demo has OCW's bewindspersonen of 2021"
        wrong = letters.compose(session, ministry, on=date(2021, 11, 26), concept=True,
                                signer_function="minister van OCW", signer_name="R.H.A. Plasterk")
        right = letters.compose(session, ministry, on=date(2021, 11, 26), concept=True,
                                signer_function=office[-1].function, signer_name=office[-1].name)
    warning = next(w for w in wrong.warnings if "Plasterk" in w)
    assert "geen bewindspersoon" in warning and office[0].name in warning
    assert wrong.view.signer_name == "R.H.A. Plasterk"  # allowed
    assert not any("bewindspersoon" in w for w in right.warnings)


def test_a_final_letter_that_repeats_an_unchanged_stand_is_warned(changed, tmp_path):
    with db.transaction(changed) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).first()
        first = letters.compose(session, ministry, on=BEFORE, kinds=["motie"], everything=True,
                                signer_function="minister van OCW", signer_name="M.L.J. Paul")
        letters.store_final(session, first.view, ministry, first.items, ACTOR, tmp_path)
        again = letters.compose(session, ministry, on=date(2024, 3, 20), kinds=["motie"], everything=True,
                                concept=True)
        later = letters.compose(session, ministry, on=AFTER, kinds=["motie"], everything=True, concept=True)
    assert any("dezelfde als in de vorige brief" in w and "36410, nr. 7" in w for w in again.warnings)
    assert not any("vorige brief" in w for w in later.warnings)  # the stand changed (and the motion closed)


def test_items_inserted_with_their_status_and_no_trail_follow_their_closing_day(reference_data):
    """`tracker generate` and bulk imports write status and closed_on without status events: a letter dated before
    the closing day shows the item open (in the status its work continues in), never "afgedaan op" a later day."""
    from tracker.generate import generate
    generate(reference_data, 400, seed=7, today=date(2026, 12, 7))
    with db.transaction(reference_data) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).first()
        on = date(2023, 6, 1)
        view = letters.compose(session, ministry, on=on, concept=True, everything=True, kinds=list(letters.GROUPS)).view
        closed_later = [e for e in view.entries if re.search(r" op \d+\u00a0\w+\u00a0(2024|2025|2026)", e.status_text)]
        assert closed_later == []
        states = as_of.items_as_of(session, [s.item for s in letters.select_as_of(
            session, ministry, on, chamber="TK", kinds=list(letters.GROUPS), everything=True)], on)
        assert all(s.closed_on is None or s.closed_on <= on for s in states.values())
        assert any(s.item.closed_on and s.item.closed_on > on and s.is_open for s in states.values())


def test_the_item_page_names_the_motion_as_a_letter_does(login_as, demo):
    with db.transaction(demo) as session:
        motie = items.find_item(session, "TK", "motie", "VGR-EMANC-2021 M04")
        toezegging = items.find_item(session, "TK", "toezegging", "VGR-EMANC-2021 T04")
    client = login_as("griffie")
    page = client.get(f"/items/{motie.id}").get_data(as_text=True)
    assert "In een brief: Motie van de leden Van den Hul en Diks over het inzichtelijk maken" in page
    page = client.get(f"/items/{toezegging.id}").get_data(as_text=True)
    assert "In een brief: Toegezegd tijdens het wetgevingsoverleg emancipatie van 2\u00a0november\u00a02020" in page


# ------------------------------------------------------------------------------------------------ layout
def test_page_one_has_no_hidden_running_header_and_later_pages_have_it_on_one_line(demo):
    from io import BytesIO

    from pypdf import PdfReader
    with db.transaction(demo) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).first()
        view = letters.compose(session, ministry, on=date(2021, 11, 26), concept=True).view
    reader = PdfReader(BytesIO(letters.render_pdf(view)))
    first, second = (page.extract_text() for page in reader.pages[:2])
    assert "· Kenmerk" not in first  # the page-1 header was once clipped to zero height yet still in the text layer
    assert any("Datum 26 november 2021 · Kenmerk CONCEPT" in line for line in second.splitlines())  # not split
    assert "Voortgang uitvoering moties en toezeggingen" in second
    for font in reader.pages[0]["/Resources"]["/Font"].values():  # every font embedded
        font = font.get_object()
        descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"]
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.get_object().keys()), font["/BaseFont"]
