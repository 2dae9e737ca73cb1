"""Issue 22, points 1, 2, 8, 17 and 19: one text rule at every door (tracker.text_hygiene), outputs that stay whole
for text stored before it, notify that sends what it can, dates bounded at every door, a CSV cut off or in UTF-16.

Every test runs on SQLite and PostgreSQL (the `engine` fixtures)."""
from __future__ import annotations

import importlib
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from click.testing import CliRunner
from icalendar import Calendar
from openpyxl import load_workbook
from sqlalchemy import text
from sqlmodel import select

from tracker import clock, db, migrate, text_hygiene, tk
from tracker.authz import system
from tracker.cli import main
from tracker.domain.phrases import resolve_phrase
from tracker.errors import ValidationError
from tracker.importer import import_file
from tracker.intake.proposal import propose
from tracker.models import Ministry, Notification, TrackedItem, User
from tracker.notify import Smtp, run
from tracker.services import items

from .test_feeds import new_feed
from .test_intake import seed
from .test_notify import MONDAY, bzk_item, smtp  # noqa: F401  (smtp: the fixture)
from .test_tk_open_data import ZAAK, _page

EVIL = "ctrl\u001b[31mred\u000bvt"  # the reproduction: ESC starts an ANSI colour, VT is no XML character
HEADER = "soort,kamer,nummer,titel,ministerie,datum,deadline"


def make_item(engine, nummer="2026Z70001", start=None, ministry="BZK", **extra) -> int:
    with db.transaction(engine) as session:
        item = items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer=nummer, title="Vragen over de IND", ministry_code=ministry,
            start_date=start or clock.today() - timedelta(days=40), **extra), system("test"))
        return item.id


def stored_before_the_rule(engine, item_id: int, **values) -> None:
    """Write values as they could be stored before the rule: past every check, straight into the table."""
    assignments = ", ".join(f"{column} = :{column}" for column in values)
    with engine.begin() as connection:
        connection.execute(text(f"UPDATE tracked_item SET {assignments} WHERE id = :id"), {**values, "id": item_id})


# --------------------------------------------------------------------------------- the rule itself
def test_the_rule_names_what_is_no_text():
    assert "U+001B" in text_hygiene.problem(EVIL) and "NUL" in text_hygiene.problem("a\x00")
    assert "U+D800" in text_hygiene.problem("a\ud800") and "U+FFFE" in text_hygiene.problem("a\ufffe")
    assert "U+009B" in text_hygiene.problem("a\x9b")  # C1: CSI on some terminals
    assert text_hygiene.problem("regel 1\r\nregel 2\ttab") is None  # tab and line breaks: text
    assert "regelovergang" in text_hygiene.problem("35628,\r\nnr. 10", multiline=False)
    assert text_hygiene.clean(EVIL) == "ctrl[31mred\nvt" and text_hygiene.one_line(" a \r\n b ") == " a b "
    assert text_hygiene.printable("a\x1b[1m\rb\r\n") == "a\\u001b[1m\\u000db\r\n"


# ------------------------------------------------------------------------------------ point 1: doors
def test_the_api_refuses_control_characters_and_line_breaks_naming_the_field(app, demo):
    from .test_api import token_for

    client = app.test_client()
    headers = {"Authorization": f"Bearer {token_for(demo, 'bzk')}"}
    body = {"soort": "kamervragen", "kamer": "TK", "nummer": "2026Z70010", "titel": EVIL, "ministerie": "BZK"}
    refused = client.post("/api/v1/items", json=body, headers=headers)
    assert refused.status_code == 400 and refused.get_json()["errors"][0]["field"] == "titel", refused.get_json()
    assert "U+001B" in refused.get_json()["errors"][0]["detail"]
    cr_lf = client.post("/api/v1/items", json={**body, "titel": "Vragen", "nummer": "2026Z70010\r\nBcc: x@y"},
                        headers=headers)
    assert cr_lf.status_code == 400 and cr_lf.get_json()["errors"][0]["field"] == "nummer"
    made = client.post("/api/v1/items", json={**body, "titel": "Vragen", "tekst": "regel 1\r\nregel 2"},
                       headers=headers)
    assert made.status_code == 201, made.get_json()  # a line break in a long text is text
    item = made.get_json()
    patched = client.patch(f"/api/v1/items/{item['id']}", json={"stand_van_zaken": "a\x0cb"},
                           headers={**headers, "If-Match": str(item["version"])})
    assert patched.status_code == 400 and patched.get_json()["errors"][0]["field"] == "stand_van_zaken"
    with db.transaction(demo) as session:
        assert session.exec(select(TrackedItem).where(TrackedItem.nummer.like("2026Z70010%"))).one().version == 1


def test_the_forms_refuse_control_characters_and_a_line_break_in_a_one_line_field(app, demo, login_as):
    client = login_as("bzk")
    with db.transaction(demo) as session:
        bzk = session.exec(select(Ministry.id).where(Ministry.code == "BZK")).one()
    form = {"kind": "kamervragen", "chamber": "TK", "nummer": "2026Z70020", "title": EVIL, "ministry_id": bzk,
            "committee_id": 0, "behandelaar_id": 0, "start_date": "01-12-2026"}
    refused = client.post("/items/nieuw", data=form)
    assert refused.status_code == 400 and "Het veld &#39;titel&#39; bevat een stuurteken (U+001B" in refused.get_data(
        as_text=True)
    line_break = client.post("/items/nieuw", data={**form, "title": "Vragen", "nummer": "2026Z70020\r\nX"})
    assert line_break.status_code == 400 and "regelovergang" in line_break.get_data(as_text=True)
    with db.transaction(demo) as session:
        assert session.exec(select(TrackedItem).where(TrackedItem.nummer.like("2026Z70020%"))).first() is None


def test_the_import_refuses_a_control_character_with_its_row_and_column(reference_data, tmp_path):
    path = tmp_path / "lijst.csv"
    path.write_text(f'{HEADER}\nkamervragen,TK,2026Z70030,"{EVIL}",BZK,2026-12-01,\n'
                    f'kamervragen,TK,"2026Z70031\nvervolg",Vragen,BZK,2026-12-01,\n', encoding="utf-8")
    with pytest.raises(ValidationError) as refused, db.transaction(reference_data) as session:
        import_file(session, path, system("test"))
    problems = {(p.row, p.field): p.message for p in refused.value.problems}
    assert "U+001B" in problems[2, "titel"] and "regelovergang" in problems[3, "nummer"]
    with db.transaction(reference_data) as session:
        assert session.exec(select(TrackedItem)).first() is None


def test_intake_takes_what_is_no_text_out_of_a_paper():
    paper = seed("004").replace(" de ", " de\x1b[31m ").replace("\n\n", "\n\x0c\n")
    proposal = propose(paper)
    assert proposal.items
    for found in [*proposal.items, *proposal.documents]:
        for value in vars(found).values():
            assert not isinstance(value, str) or text_hygiene.is_clean(value), value


def test_open_data_text_is_cleaned_not_refused(engine, tmp_path):
    zaak = {**ZAAK, "Onderwerp": f"Vragen over {EVIL}\r\nover twee regels"}
    with db.transaction(engine) as session:
        result = tk.import_path(session, _page(tmp_path, [zaak]), system("test"))
    assert result.items.created == 1
    with db.transaction(engine) as session:
        item = session.exec(select(TrackedItem)).one()
    assert item.title == "Vragen over ctrl[31mred vt over twee regels"


# ----------------------------------------------------------- point 2: every output, with text stored before
def test_exports_feeds_and_mail_stay_whole_with_text_stored_before_the_rule(app, demo, login_as, tmp_path,
                                                                           monkeypatch):
    item_id = make_item(demo)
    stored_before_the_rule(demo, item_id, title=EVIL + "\x00" * (demo.dialect.name == "sqlite"),
                           nummer="2026Z70040\r\nBcc: iemand@example.org", stand_van_zaken="a\x0cb\x1b")
    griffie = login_as("griffie")
    xlsx = griffie.get("/kamervragen?stand=alle&formaat=xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    assert "ctrl[31mred\nvt" in [cell.value for row in sheet.iter_rows() for cell in row]
    csv_text = griffie.get("/kamervragen?stand=alle&formaat=csv").get_data(as_text=True)
    assert "ctrl[31mred\nvt" in csv_text and "\x1b" not in csv_text and "\x0c" not in csv_text
    out = tmp_path / "x.xlsx"
    cli = CliRunner().invoke(main, ["export", "--out", str(out), "--stand", "alle"])
    assert cli.exit_code == 0, cli.output
    assert load_workbook(out).active.max_row > 1

    made = griffie.post("/feeds", data={"pagina": "kamervragen", "filter": "stand=alle"}).get_data(as_text=True)
    atom = app.test_client().get(re.search(r'id="new-feed" readonly value="[^"]*(/feeds/[^"]+\.atom)"', made).group(1))
    root = ET.fromstring(atom.data)  # well-formed XML
    titles = [e.findtext("{http://www.w3.org/2005/Atom}title") for e in root.iter("{http://www.w3.org/2005/Atom}entry")]
    assert any("ctrl[31mred vt" in t for t in titles)

    ics = app.test_client().get(f"/agenda/{new_feed(griffie)}.ics")
    assert ics.status_code == 200 and b"\x1b" not in ics.data
    summaries = [str(e["summary"]) for e in Calendar.from_ical(ics.data).walk("VEVENT")]
    assert any("2026Z70040 Bcc: iemand@example.org" in s for s in summaries)


def test_the_migration_cleans_stored_rows_and_audits_the_change(engine, database_url, tmp_path):
    """A database at 0013 with control characters stored; after 0014 they are gone, audited, the version moved."""
    from .conftest import empty_database

    with empty_database(engine.dialect.name, tmp_path, "mig") as url:
        old = db.make_engine(url)
        try:
            _cleaned_by_the_migration(old)
        finally:
            old.dispose()


def _cleaned_by_the_migration(old) -> None:
    migrate.upgrade(old, "0013")
    with old.begin() as connection:
        connection.execute(text("INSERT INTO ministry (code, name, internal_offset_days) VALUES ('BZK', 'B', 7)"))
        for n, (nummer, title) in enumerate([("2026Z1\r\n", EVIL), ("2026Z1", "schoon"),
                                             ("2026Z2", "nog\x9been")], start=1):
            connection.execute(text(
                "INSERT INTO tracked_item (id, kind, chamber, nummer, title, status, stand_intern, version, "
                "created_at, updated_at) VALUES (:id, 'kamervragen', 'TK', :nummer, :title, 'ontvangen', "
                ":no, 1, :now, :now)"), {"id": n, "nummer": nummer, "title": title, "no": False,
                                           "now": "2026-12-01 09:00:00"})
    migrate.upgrade(old)
    with old.begin() as connection:
        rows = {r.id: r for r in connection.execute(text("SELECT id, nummer, title, version FROM tracked_item"))}
        trail = connection.execute(text("SELECT item_id, field, old, new, actor FROM audit_event "
                                        "ORDER BY item_id, field")).all()
    assert (rows[1].title, rows[1].version) == ("ctrl[31mred vt", 2)  # a title is one line
    assert rows[1].nummer == "2026Z1\r\n"  # cleaned it would collide with item 2: left, the outputs clean it
    assert (rows[2].title, rows[2].version) == ("schoon", 1) and rows[3].title == "nogeen"
    assert [(t.item_id, t.field, t.new, t.actor) for t in trail] == [
        (1, "title", "ctrl[31mred vt", "migratie 0014"), (3, "title", "nogeen", "migratie 0014")]
    assert trail[0].old == "ctrl\\u001b[31mred\\u000bvt"  # what was there, readable


# ------------------------------------------------------------------------------------- point 8: terminal
def test_no_control_character_reaches_the_terminal(demo):
    item_id = make_item(demo, start=date(2026, 10, 1))
    stored_before_the_rule(demo, item_id, title="ctrl\x1b[2J\x1b]0;weg\x07\x9b31m")
    result = CliRunner().invoke(main, ["overdue", "--on", "2026-12-01"], color=True)  # as on a terminal
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output and "\x9b" not in result.output
    assert "ctrl\\u001b[2J\\u001b]0;weg\\u0007\\u009b31m" in result.output
    as_json = CliRunner().invoke(main, ["overdue", "--on", "2026-12-01", "--json"])
    assert any(row["titel"] == "ctrl\x1b[2J\x1b]0;weg\x07\x9b31m" for row in json.loads(as_json.output))  # still JSON
    show = CliRunner().invoke(main, ["show", "2026Z70001", "--kamer", "TK", "--soort", "kamervragen"], color=True)
    assert show.exit_code == 0 and "\x1b" not in show.output


# ---------------------------------------------------------------------------- point 2 (notify): one bad message
def test_a_line_break_in_a_nummer_stops_no_mail(demo, smtp):  # noqa: F811
    with db.transaction(demo) as session:
        bzk_item(session, "2026Z70050", MONDAY - timedelta(days=30))  # overdue: in the digests
        reminded = bzk_item(session, "2026Z70051", MONDAY - timedelta(days=14))  # due in 7 days
        bzk = session.exec(select(User).where(User.username == "bzk")).one()
        reminded_id, bzk_id = reminded.id, bzk.id
    stored_before_the_rule(demo, reminded_id, nummer="2026Z70051\r\nBcc: iemand@example.org", behandelaar_id=bzk_id)
    _, report = run(demo, MONDAY)
    assert not report.failed and not report.refused
    subjects = [" ".join(m["Subject"].split()) for m in smtp.messages]
    assert "Herinnering: TK Kamervragen 2026Z70051 Bcc: iemand@example.org — de termijn verstrijkt over 7 dagen " \
           "(14 december 2026)" in subjects
    assert all(not m["Bcc"] for m in smtp.messages) and len(smtp.messages) >= 3


def test_a_message_that_cannot_go_is_recorded_and_the_rest_still_go(demo, smtp, monkeypatch):  # noqa: F811
    with db.transaction(demo) as session:
        bzk_item(session, "2026Z70060", MONDAY - timedelta(days=30))

    class OneBad(Smtp):
        def send(self, message, name):
            if "bzk@" in message["To"]:
                raise ValueError("Header values may not contain linefeed or carriage return characters")
            return super().send(message, name)

    import os
    transport = OneBad(os.environ["SMTP_URL"])
    _, report = run(demo, MONDAY, transport=transport)
    assert [m.username for m, _ in report.failed] == ["bzk"] and report.sent
    with db.transaction(demo) as session:
        failed = session.exec(select(Notification).where(Notification.status == "failed")).one()
        assert "linefeed" in failed.error and failed.recipient.startswith("bzk@")
    sent_before = len(smtp.messages)
    result = CliRunner().invoke(main, ["notify", "--on", MONDAY.isoformat()])  # a rerun: the failed one goes now
    assert result.exit_code == 0, result.output
    again = smtp.messages[sent_before:]
    assert len(again) == 1 and "bzk@" in again[0]["To"]

    def broken(*_args):
        raise ValueError("kapot")
    monkeypatch.setattr(importlib.import_module("tracker.notify.deliver"), "compose", broken)
    with db.transaction(demo) as session:
        bzk_item(session, "2026Z70061", MONDAY - timedelta(days=30))
    failing = CliRunner().invoke(main, ["notify", "--on", (MONDAY + timedelta(days=7)).isoformat()])
    assert failing.exit_code == 1 and "Niet verstuurd" in failing.output and "kapot" in failing.output


# ---------------------------------------------------------------------------------- point 17: dates bounded
def test_a_deadline_of_the_year_9999_is_refused_at_every_door(app, demo, login_as, tmp_path):
    from .test_api import token_for

    path = tmp_path / "lijst.csv"
    path.write_text(f"{HEADER},uitstelbericht,uitstel_tot\n"
                    f"kamervragen,TK,2026Z70070,Vragen,BZK,2026-12-01,31-12-9999,,\n"
                    f"kamervragen,TK,2026Z70071,Vragen,BZK,2026-12-01,,2026-12-05,9999-12-31\n", encoding="utf-8")
    with pytest.raises(ValidationError) as refused, db.transaction(demo) as session:
        import_file(session, path, system("test"))
    problems = {(p.row, p.field): p.message for p in refused.value.problems}
    assert "buiten de jaren 1815–2199" in problems[2, "deadline"] and "1815–2199" in problems[3, "uitstel_tot"]
    item_id = make_item(demo)
    with db.transaction(demo) as session:
        version = session.get(TrackedItem, item_id).version
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token_for(demo, 'bzk')}", "If-Match": str(version)}
    patched = client.patch(f"/api/v1/items/{item_id}", json={"deadline": "31-12-9999"}, headers=headers)
    assert patched.status_code == 400 and patched.get_json()["errors"][0]["field"] == "deadline", patched.get_json()
    with db.transaction(demo) as session:
        assert session.get(TrackedItem, item_id).due_date != date(9999, 12, 31)
    with db.transaction(demo) as session:
        bzk = session.exec(select(Ministry.id).where(Ministry.code == "BZK")).one()
    # a commissiebrief: a soort whose form has a deadline field (a Kamervraag's runs by the rule alone)
    form = login_as("bzk").post("/items/nieuw", data={
        "kind": "commissiebrief", "chamber": "TK", "nummer": "2026-70072", "title": "Brief", "ministry_id": bzk,
        "committee_id": 0, "behandelaar_id": 0, "start_date": "01-12-2026", "deadline": "31-12-9999"})
    assert form.status_code == 400 and "buiten de jaren 1815–2199" in form.get_data(as_text=True)
    late_summer = resolve_phrase("voor de zomer 99999", date(2025, 3, 1))
    assert late_summer.due is None and "99999" in late_summer.problem
    assert resolve_phrase("31-12-9999", date(2025, 3, 1)).due is None


def test_notify_and_the_ics_feed_survive_a_stored_date_out_of_range(app, demo, login_as, smtp):  # noqa: F811
    with db.transaction(demo) as session:
        bzk_id = session.exec(select(User.id).where(User.username == "bzk")).one()
    item_id = make_item(demo)
    stored_before_the_rule(demo, item_id, due_date=date(9999, 12, 31), behandelaar_id=bzk_id)
    run(demo, MONDAY)  # no OverflowError
    ics = app.test_client().get(f"/agenda/{new_feed(login_as('bzk'))}.ics")
    assert ics.status_code == 200 and b"99991231" in ics.data


# --------------------------------------------------------------------------------- point 19: CSV files
def test_a_csv_cut_off_inside_a_row_imports_nothing(reference_data, tmp_path):
    path = tmp_path / "afgebroken.csv"
    path.write_text(f'{HEADER}\nkamervragen,TK,2026Z70080,Vragen,BZK,2026-12-01,\n'
                    f'kamervragen,TK,2026Z70081,Vragen,BZK,2026-12-01,"voor de zo', encoding="utf-8")  # cut off
    with pytest.raises(ValidationError) as refused, db.transaction(reference_data) as session:
        import_file(session, path, system("test"))
    assert refused.value.problems[0].row == 3 and "afgebroken" in refused.value.problems[0].message
    with db.transaction(reference_data) as session:
        assert session.exec(select(TrackedItem)).first() is None


def test_the_cli_import_of_a_cut_off_csv_exits_non_zero(demo, tmp_path):
    path = tmp_path / "afgebroken.csv"
    path.write_text(f'{HEADER}\nkamervragen,TK,2026Z70082,Vragen,BZK,2026-12-01,"voor de zo', encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 1 and "rij 2" in result.output and "afgebroken" in result.output
    with db.transaction(demo) as session:
        assert items.find_item(session, "TK", "kamervragen", "2026Z70082") is None


@pytest.mark.parametrize("encoding, delimiter", [("utf-16", ","), ("utf-16-le", "\t"), ("utf-16-be", ";")])
def test_a_utf16_csv_is_read(reference_data, tmp_path, encoding, delimiter):
    path = tmp_path / "unicode.txt"
    body = f"{HEADER}\nkamervragen,TK,2026Z70090,Vragen over één ‘ding’,BZK,2026-12-01,\n".replace(",", delimiter)
    bom = b"" if encoding == "utf-16" else {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    path.write_bytes(bom + body.encode(encoding))
    with db.transaction(reference_data) as session:
        summary = import_file(session, path, system("test"))
    assert len(summary.created) == 1
    with db.transaction(reference_data) as session:
        assert session.exec(select(TrackedItem)).one().title == "Vragen over één ‘ding’"


def test_every_one_line_field_of_every_form_refuses_a_line_break(app, demo, login_as):
    """Not only the item's fields: a line break in a letter's betreft would break its heading, in a person's name
    every page and export that names him. Every form's one-line input refuses it as a form error (text areas keep
    their lines), and nothing is stored."""
    from tracker.models import Letter, Person

    admin = login_as("admin")
    with db.transaction(demo) as session:
        ocw = session.exec(select(Ministry.id).where(Ministry.code == "OCW")).one()
    person = admin.post("/beheer/personen", data={"name": "Jan\r\nJansen", "role": "bewindspersoon", "chamber": "",
                                                   "ministry_id": ocw, "function": "minister"})
    assert person.status_code == 400 and "Naam bevat een regelovergang" in person.get_data(as_text=True)
    letter = login_as("ocw").post("/voortgangsbrief/", data={
        "ministry_id": ocw, "chamber": "TK", "kinds": ["toezegging"], "betreft": "Voortgang\ntoezeggingen",
        "dagtekening": "26-11-2021", "actie": "definitief"})
    assert letter.status_code == 400 and "Betreft bevat een regelovergang" in letter.get_data(as_text=True)
    with db.transaction(demo) as session:
        assert session.exec(select(Person).where(Person.name.like("Jan%Jansen"))).first() is None
        assert session.exec(select(Letter)).first() is None
