"""The demo as a ministry's real week, whatever day it is loaded: a cabinet in office, this and next vergaderjaar's
recesses, subjects of the right ministry, debates on sitting days, two named officers per ministry, and generated
moties with indieners and a dossier of their time."""
from datetime import date

import holidays
import pytest
from click.testing import CliRunner
from sqlalchemy import select
from sqlmodel import Session

from tracker import clock, db
from tracker.cli import main
from tracker.demo_present import DEMO_MINISTRIES, ek_recesses, minister_of, tk_recesses
from tracker.demo_week import SUBJECTS
from tracker.domain.dossiers import dossier_in_use, plausible_for
from tracker.letters.voortgangsbrief import compose, in_office, render_html
from tracker.models import DelayNotice, Ministry, Recess, TrackedItem, User
from tracker.services import reference

DAYS = [date(2026, 12, 7), date(2028, 3, 15)]
HOLIDAYS = holidays.country_holidays("NL", years=range(2025, 2029))


@pytest.fixture(params=DAYS, ids=str)
def loaded(request, demo, monkeypatch):
    """`tracker load-demo` on a pinned day (the papers are already in, as with a second load)."""
    monkeypatch.setattr(clock, "today", lambda: request.param)
    result = CliRunner().invoke(main, ["load-demo"])
    assert result.exit_code == 0, result.output
    return demo, request.param


def week_items(session):
    return session.execute(select(TrackedItem).where(TrackedItem.source == "demo-week")).scalars().all()


def test_every_demo_ministry_has_a_bewindspersoon_in_office_and_two_named_officers(loaded):
    engine, day = loaded
    with Session(engine) as session:
        for code in DEMO_MINISTRIES:
            ministry = reference.ministry_by_code(session, code)
            office = in_office(session, ministry, day)
            assert office and office[0].name == minister_of(code) and "(fictief)" in office[0].name
            assert office[0].function.startswith("minister van ")
            officers = session.execute(select(User).where(User.ministry_id == ministry.id,
                                                          User.role == "officer")).scalars().all()
            assert len(officers) == 2, code
            assert all(o.full_name and " " in o.full_name and o.directorate for o in officers)
        # the week's open items are shared out between the two (and some wait for someone to take them)
        held = {i.behandelaar_id for i in week_items(session) if i.closed_on is None}
        bzk = session.execute(select(User.id).join(Ministry, Ministry.id == User.ministry_id)
                              .where(Ministry.code == "BZK")).scalars().all()
        assert set(bzk) <= held and None in held


def test_a_final_letter_of_a_demo_ministry_is_signed_by_the_bewindspersoon(loaded):
    engine, day = loaded
    with db.transaction(engine) as session:
        for code in ("BZK", "OCW"):
            ministry = session.execute(select(Ministry).where(Ministry.code == code)).scalar_one()
            composition = compose(session, ministry, on=day, concept=False)  # no signer: ValidationError
            html = render_html(composition.view)
            assert composition.view.signer_name == minister_of(code)
            assert minister_of(code) in html and "[ondertekenaar" not in html
            assert not any("geen bewindspersoon" in w or "niemand" in w for w in composition.warnings)


def test_voor_de_zomer_resolves_with_the_recess_data(loaded):
    engine, day = loaded
    with Session(engine) as session:
        item = next(i for i in week_items(session) if i.deadline_phrase == "voor de zomer")
        zomer = session.execute(select(Recess).where(Recess.chamber == "TK", Recess.name == "zomerreces",
                                                     Recess.start > item.start_date).order_by(Recess.start)
                                ).scalars().first()
    assert zomer is not None and zomer.start > day  # this vergaderjaar's, entered as recess data
    assert item.due_rule == "zin:reces" and item.due_date == date.fromordinal(zomer.start.toordinal() - 1)
    assert "standaard" not in item.due_explanation


def test_both_chambers_have_this_and_next_vergaderjaars_recesses(loaded):
    engine, day = loaded
    with Session(engine) as session:
        later = session.execute(select(Recess.chamber, Recess.name).where(Recess.start > day)).all()
    for chamber in ("TK", "EK"):
        for name in ("herfstreces", "kerstreces", "voorjaarsreces", "meireces", "zomerreces"):
            assert (chamber, name) in later  # at least one still to come, whatever the day


def test_no_demo_debate_question_or_letter_falls_on_a_weekend_holiday_or_recess(loaded):
    engine, day = loaded
    with Session(engine) as session:
        items = week_items(session)
        recesses = session.execute(select(Recess)).scalars().all()
        delays = session.execute(select(DelayNotice).where(DelayNotice.item_id.in_([i.id for i in items]))
                                 ).scalars().all()
    assert len(items) >= 25
    for item in items:
        for when in (item.start_date, item.closed_on):
            assert when is None or (when.weekday() < 5 and when not in HOLIDAYS), (item.nummer, when)
        if item.kind in ("motie", "toezegging"):  # made in a debate or a vote
            assert item.start_date.weekday() in ((1, 2, 3) if item.chamber == "TK" else (1,)), item.nummer
            # outside a recess by the loaded data and by the pattern itself (the week reaches into the last one)
            assert not any(r.chamber == item.chamber and r.start <= item.start_date <= r.end for r in recesses)
            pattern = tk_recesses if item.chamber == "TK" else ek_recesses
            assert not any(start <= item.start_date <= end for year in (item.start_date.year - 1, item.start_date.year)
                           for _, start, end in pattern(year)), (item.nummer, item.start_date)
    assert delays and all(d.sent_on.weekday() < 5 and d.sent_on not in HOLIDAYS for d in delays)


def test_questions_are_about_their_own_ministry_and_moties_have_indieners(loaded):
    engine, day = loaded
    with Session(engine) as session:
        items = week_items(session)
        codes = {m.id: m.code for m in session.execute(select(Ministry)).scalars()}
    questions = [i for i in items if i.kind == "kamervragen"]
    for item in questions:
        assert item.title.split(" over ", 1)[1] in SUBJECTS[codes[item.ministry_id]], item.title
    assert not any("IND" in i.title or "huisarts" in i.title for i in items if codes[i.ministry_id] == "OCW")
    assert not any("inburgering" in i.title for i in items)  # SZW's subject: not in a BZK or OCW demo
    moties = [i for i in items if i.kind == "motie"]
    assert moties and all(m.members and m.fracties and m.title.startswith("Motie van ") for m in moties)
    assert all(plausible_for(int(m.nummer.split(",")[0]), m.start_date) for m in moties)


# ------------------------------------------------------------------------------------------------ pure rules
def test_the_recess_pattern_gives_the_real_rosters_of_recent_years():
    assert ("zomerreces", date(2024, 7, 5), date(2024, 9, 2)) in tk_recesses(2023)  # as in demo.toml / DOMAIN.md
    assert ("meireces", date(2024, 4, 26), date(2024, 5, 13)) in tk_recesses(2023)
    assert ("kerstreces", date(2023, 12, 22), date(2024, 1, 15)) in tk_recesses(2023)
    assert ("zomerreces", date(2023, 7, 7), date(2023, 9, 4)) in tk_recesses(2022)
    assert ("kerstreces", date(2024, 12, 20), date(2025, 1, 13)) in tk_recesses(2024)


def test_dossier_numbers_follow_the_begrotingen():
    assert 35000 <= dossier_in_use(date(2019, 6, 1)) < 35300  # 2019: 35xxx
    assert dossier_in_use(date(2021, 9, 21)) == 35925  # begroting 2022
    assert dossier_in_use(date(2021, 12, 1)) < 36000 <= dossier_in_use(date(2022, 6, 1))  # 36xxx from 2022
    assert dossier_in_use(date(2025, 9, 16)) == 36800  # begroting 2026
    assert not plausible_for(36200, date(2019, 5, 1)) and plausible_for(35100, date(2019, 5, 1))


def test_generated_moties_have_indieners_and_a_dossier_of_their_time(reference_data):
    from tracker.generate import generate

    generate(reference_data, 600, seed=11, today=date(2026, 12, 7))
    with Session(reference_data) as session:
        moties = session.execute(select(TrackedItem).where(TrackedItem.kind == "motie")).scalars().all()
    assert len(moties) > 50
    for motie in moties:
        names = motie.members.split(", ")
        assert motie.fracties and all(names)
        assert motie.title.startswith("Motie van het lid " if len(names) == 1 else "Motie van de leden ")
        dossier = int(motie.nummer.split(", nr. ")[0])
        assert plausible_for(dossier, motie.start_date), (motie.nummer, motie.start_date)
        assert motie.start_date.year >= 2022 or dossier < 36000
    assert any(m.start_date.year == 2019 for m in moties) and any(", " in m.members for m in moties)
    assert len({(m.chamber, m.nummer) for m in moties}) == len(moties)
