"""The rules a voortgangsbrief keeps before anyone sends it: who signs it, what it reports on, what it is called,
and which command lines are refused (in Dutch, exit 2, nothing written). On SQLite and PostgreSQL (the demo)."""
from datetime import date
from io import BytesIO

from click.testing import CliRunner
from pypdf import PdfReader
from sqlmodel import select

from tracker import clock, db
from tracker.letters import voortgangsbrief as letters
from tracker.cli import main
from tracker.errors import ValidationError
from tracker.models import Letter, Ministry


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages).split())


def ministry(session, code):
    return session.exec(select(Ministry).where(Ministry.code == code)).one()


def test_the_signer_is_the_bewindspersoon_in_office_on_the_letters_date(demo):
    with db.transaction(demo) as session:
        ocw = ministry(session, "OCW")
        assert letters.signer_on(session, ocw, date(2021, 11, 26)) == letters.Signer(
            "minister van Onderwijs, Cultuur en Wetenschap", "Ingrid van Engelshoven")
        assert letters.signer_on(session, ocw, date(2022, 1, 11)) is None  # her term ended on 10 January 2022
        bzk = ministry(session, "BZK")
        assert letters.signer_on(session, bzk, date(2025, 8, 22)).name == "J.J.M. Uitermark"
        assert letters.signer_on(session, bzk, date(2025, 8, 23)) is None


def test_nobody_in_office_refuses_a_final_letter_and_marks_the_concept(demo, tmp_path):
    runner = CliRunner()
    out = tmp_path / "brief.pdf"
    final = runner.invoke(main, ["letter", "--ministerie", "OCW", "--alles", "--datum", "2023-03-01", "--out", str(out)])
    assert final.exit_code == 1 and not out.exists()
    assert "niemand bewindspersoon" in final.output and "Beheer → Personen" in final.output
    concept = runner.invoke(main, ["letter", "--ministerie", "OCW", "--alles", "--datum", "2023-03-01", "--concept",
                                   "--out", str(out)])
    assert concept.exit_code == 0, concept.output
    body = text_of(out.read_bytes())
    assert "De minister van Onderwijs, Cultuur en Wetenschap, [ondertekenaar: niemand in functie" in body
    assert "De De" not in body
    given = runner.invoke(main, ["letter", "--ministerie", "OCW", "--alles", "--datum", "2023-03-01",
                                 "--ondertekenaar", "R.H. Dijkgraaf", "--functie", "De Minister van Onderwijs, Cultuur en "
                                 "Wetenschap", "--out", str(out)])
    assert given.exit_code == 0, given.output
    body = text_of(out.read_bytes())
    assert "De minister van Onderwijs, Cultuur en Wetenschap, R.H. Dijkgraaf" in body and "De De" not in body
    with db.transaction(demo) as session:
        stored = session.exec(select(Letter)).one()
        assert (stored.signer_function, stored.signer_name) == ("minister van Onderwijs, Cultuur en Wetenschap",
                                                                "R.H. Dijkgraaf")


def test_a_ministry_that_did_not_exist_on_the_date_is_warned_about(demo, tmp_path):
    with db.transaction(demo) as session:
        assert letters.ministry_warning(ministry(session, "EZ"), date(2023, 3, 1)) == (
            "het ministerie van Economische Zaken bestaat pas vanaf 2 juli 2024; de brief is gedateerd 1 maart 2023")
        assert "bestond tot 2 juli 2024" in letters.ministry_warning(ministry(session, "EZK"), date(2025, 1, 6))
        assert letters.ministry_warning(ministry(session, "OCW"), date(2025, 1, 6)) is None
        # the CLI says it before it writes the letter: OCW's register moved to a ministry that ends on a date
        ocw = ministry(session, "OCW")
        ocw.active_until = date(2021, 1, 1)
    result = CliRunner().invoke(main, ["letter", "--ministerie", "OCW", "--alles", "--datum", "2021-11-26", "--concept",
                                       "--out", str(tmp_path / "ocw.pdf")])
    assert "Let op: het ministerie van Onderwijs, Cultuur en Wetenschap bestond tot 1 januari 2021" in result.output


def test_by_default_a_letter_reports_what_is_open_and_what_closed_since_the_last_one(demo):
    with db.transaction(demo) as session:
        ocw = ministry(session, "OCW")
        made = letters.compose(session, ocw, on=date(2021, 11, 26), concept=True)
        numbers = {i.nummer for i in made.items}
        everything = {i.nummer for i in letters.compose(session, ocw, on=date(2021, 11, 26), concept=True,
                                                        everything=True).items}
    assert {i for i in everything if "nr." in i} and numbers <= everything
    assert all(i.kind in ("motie", "toezegging") for i in made.items)  # not Kamervragen unless chosen
    with db.transaction(demo) as session:
        ocw = ministry(session, "OCW")
        much_later = letters.compose(session, ocw, on=date(2024, 6, 1), concept=True, everything=True)
        closed_long_ago = {i.id for i in much_later.items if i.closed_on and i.closed_on < date(2023, 6, 1)}
        assert closed_long_ago  # the Bergkamp motion, closed in 2021 …
        try:
            reported = {i.id for i in letters.compose(session, ocw, on=date(2024, 6, 1), concept=True).items}
        except ValidationError:  # nothing open and nothing closed recently: no letter at all
            reported = set()
        assert not closed_long_ago & reported  # … is not reported again in 2024


def test_the_wording_follows_what_the_letter_is_about(demo):
    assert letters.default_betreft(["motie"]) == "Voortgang uitvoering moties"
    assert letters.default_betreft(["motie", "toezegging"]) == "Voortgang uitvoering moties en toezeggingen"
    assert letters.default_betreft(["kamervragen"]) == "Stand van zaken Kamervragen"
    assert letters.subject_words(["motie", "toezegging", "commissiebrief"]) == (
        "moties, toezeggingen en verzoeken van commissies")
    with db.transaction(demo) as session:
        made = letters.compose(session, ministry(session, "OCW"), on=date(2021, 11, 26), kinds=["toezegging"],
                               everything=True)
    assert made.view.betreft == "Voortgang uitvoering toezeggingen" and made.view.annex_title == (
        "Bijlage: Overzicht toezeggingen")
    assert "moties" not in made.view.intro and "In de bijlage vindt u een overzicht van deze toezeggingen." in made.view.intro


def test_command_line_errors_are_dutch_exit_2_and_write_nothing(demo, tmp_path):
    runner = CliRunner()
    for args, words in (
            (["letter", "--ministerie", "OCW", "--out", str(tmp_path / "x.txt")], "moet eindigen op .pdf"),
            (["letter", "--ministerie", "OCW", "--status", "bogus", "--out", str(tmp_path / "x.pdf")], "onbekende status"),
            (["letter", "--ministerie", "OCW", "--van", "2021-12-01", "--tot", "2021-01-01", "--out",
              str(tmp_path / "x.pdf")], "ligt na --tot"),
            (["letter", "--out", str(tmp_path / "x.pdf")], "optie --ministerie ontbreekt"),
            (["rappel", "--ministerie", "BZK", "--peildatum", "2025-07-01", "--out", str(tmp_path / "r.xlsx")],
             "moet eindigen op .pdf of .csv"),
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 2 and words in result.output and "Error" not in result.output, (args, result.output)
    assert list(tmp_path.iterdir()) == []


def test_kenmerken_are_unique_per_ministry(demo, tmp_path):
    runner = CliRunner()
    args = ["letter", "--ministerie", "OCW", "--alles", "--datum", "2021-11-26", "--soort", "toezegging"]
    first = runner.invoke(main, args + ["--out", str(tmp_path / "a.pdf")])
    second = runner.invoke(main, args + ["--out", str(tmp_path / "b.pdf")])
    assert first.exit_code == 0 and second.exit_code == 0, second.output
    with db.transaction(demo) as session:
        assert sorted(l.kenmerk for l in session.exec(select(Letter)).all()) == ["OCW-20211126-1", "OCW-20211126-2"]
    again = runner.invoke(main, args + ["--kenmerk", "OCW-20211126-1", "--out", str(tmp_path / "c.pdf")])
    assert again.exit_code == 1 and "kenmerk OCW-20211126-1 is al gebruikt" in again.output
    assert not (tmp_path / "c.pdf").exists()


def test_an_internal_stand_van_zaken_never_reaches_a_letter(demo):
    from tracker.authz import system
    from tracker.services import items

    with db.transaction(demo) as session:
        t01 = items.find_item(session, "TK", "toezegging", "VGR-EMANC-2021 T01")
        items.update_item(session, t01, {"stand_van_zaken": "Intern: wacht op akkoord van de DG.", "stand_intern": True},
                          system("test"))
    with db.transaction(demo) as session:
        # dated on the day the intern note was written: the note is the last stand
        made = letters.compose(session, ministry(session, "OCW"), on=clock.today(), kinds=["toezegging"],
                               everything=True, concept=True)
        pdf = letters.render_pdf(made.view)
        entry = next(e for e in made.view.entries if "T01" in e.reference)
        assert entry.stand_van_zaken is None
        # dated before it: the stand of that day, which was written for the Kamer (tracker.letters.as_of)
        then = letters.compose(session, ministry(session, "OCW"), on=date(2021, 11, 26), kinds=["toezegging"],
                               everything=True, concept=True)
        earlier = next(e for e in then.view.entries if "T01" in e.reference)
        assert earlier.stand_van_zaken.startswith("Naar aanleiding van de motie")
    body = text_of(pdf)
    assert "wacht op akkoord" not in body and "Er is geen nieuwe stand van zaken te melden." in body


def test_a_closed_item_cites_the_paper_that_closed_it(demo):
    with db.transaction(demo) as session:
        made = letters.compose(session, ministry(session, "OCW"), on=date(2021, 11, 26), kinds=["motie"],
                               everything=True, concept=True)
    bergkamp = next(e for e in made.view.entries if "35628, nr. 10" in e.reference)
    assert bergkamp.status_text.startswith("Afgedaan bij brief van 26\u00a0november\u00a02021 (Kamerstukken II")


def test_a_letter_never_reports_on_an_item_started_after_its_date_even_when_chosen(demo):
    from tracker.authz import system
    from tracker.services import items

    with db.transaction(demo) as session:
        later = items.create_item(session, items.ItemInput(
            kind="motie", chamber="TK", nummer="36269, nr. 14", title="Motie over een meldpunt", ministry_code="OCW",
            start_date=date(2025, 3, 4)), system("test"))
        t01 = items.find_item(session, "TK", "toezegging", "VGR-EMANC-2021 T01")
        made = letters.compose(session, ministry(session, "OCW"), on=date(2021, 11, 26), concept=True,
                               item_ids=[t01.id, later.id])  # picked on a page searched for today, then dated back
    assert [i.id for i in made.items] == [t01.id]


def test_a_long_letter_with_an_annex_tells_each_item_once_and_the_discharged_in_full(demo):
    """Beyond BODY_IN_FULL_MAX items the body summarises per group and names in full only what this letter
    discharges; the annex has every item. Without an annex, or with few items, the body tells each in full."""
    from tracker.authz import system
    from tracker.services import items

    with db.transaction(demo) as session:
        for n in range(letters.BODY_IN_FULL_MAX + 5):
            items.create_item(session, items.ItemInput(
                kind="toezegging", chamber="TK", nummer=f"TZ-{n:03d}", title=f"Toezegging nummer {n:03d} over het register",
                ministry_code="OCW", start_date=date(2021, 6, 1)), system("test"))
        ocw = ministry(session, "OCW")
        long = letters.compose(session, ocw, on=date(2021, 11, 26), kinds=["toezegging"], everything=True,
                               concept=True, discharge_numbers=["TZ-007"])
        plain = letters.compose(session, ocw, on=date(2021, 11, 26), kinds=["toezegging"], everything=True,
                                concept=True, annex=False)
        short = letters.compose(session, ocw, on=date(2021, 11, 26), kinds=["toezegging"], concept=True,
                                item_ids=[items.find_item(session, "TK", "toezegging", "TZ-001").id])
    count = len(long.view.entries)
    assert long.view.condensed and not plain.view.condensed and not short.view.condensed
    text = text_of(letters.render_pdf(long.view))
    assert f"Deze brief bericht over {count} toezeggingen:" in text and "1 met deze brief afgedaan" in text
    assert "noem ik de items die ik met deze brief afdoe" in text
    assert text.count("Nummer 003 over het register") == 1  # in the annex only
    assert text.count("Nummer 007 over het register") == 2  # discharged: in the body and the annex
    assert "Met deze brief is aan deze toezegging voldaan." in text
    assert text_of(letters.render_pdf(plain.view)).count("Nummer 003 over het register") == 1  # body only
    assert "Per item vindt u het verzoek" in plain.view.intro
