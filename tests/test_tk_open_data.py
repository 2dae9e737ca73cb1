"""Tweede Kamer open data: hand-written OData pages in, items out; upsert by Id, Verwijderd, GewijzigdOp."""
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from sqlmodel import Session

from tracker.authz import system
from tracker import db, tk
from tracker.cli import main
from tracker.errors import ValidationError
from tracker.models import AuditEvent, DelayNotice, Ministry, Person, TkRecord, TrackedItem
from tracker.services.schedule import assess_item
from tracker.tk.fetch import fetch, first_url
from tracker.tk.pages import day, entity_of, in_reading_order, timestamp

FIXTURES = Path(__file__).parent / "fixtures" / "tk"


def run(engine, folder="base"):
    with db.transaction(engine) as session:
        return tk.import_path(session, FIXTURES / folder, system("test"))


def item(session: Session, nummer: str) -> TrackedItem:
    return session.exec(select(TrackedItem).where(TrackedItem.nummer == nummer)).scalar_one()


def count(session, model) -> int:
    return session.execute(select(func.count()).select_from(model)).scalar()


def test_pages_dates_and_entities():
    assert timestamp("2024-06-21T09:00:00.1234567+02:00").isoformat() == "2024-06-21T07:00:00.123456+00:00"
    assert day("2024-05-02T00:00:00+02:00") == date(2024, 5, 2)  # midnight Dutch time is still 2 May
    assert day("2024-05-02") == date(2024, 5, 2) and day(None) is None
    assert entity_of({"@odata.context": "https://x/OData/v4/2.0/$metadata#Zaak(ZaakActor())"}, Path("a.json")) == "Zaak"
    assert entity_of({}, Path("Toezegging-00003.json")) == "Toezegging"
    assert entity_of({"@odata.context": "https://x/$metadata#Stemming"}, Path("s.json")) is None


def test_import_builds_items_with_actors_documents_and_ministry(demo):
    result = run(demo)
    assert result.files == 7 and result.mirror.new == 16
    assert result.items.created == 5 and result.items.updated == 1 and result.items.ignored == 1  # no amendementen
    with db.transaction(demo) as session:
        bzk = session.execute(select(Ministry.id).where(Ministry.code == "BZK")).scalar()
        answered = item(session, "2024Z10001")
        assert (answered.kind, answered.chamber, answered.ministry_id) == ("kamervragen", "TK", bzk)
        assert (answered.status, answered.closed_on) == ("beantwoord", date(2024, 6, 20))
        assert answered.members == "Van Baarle" and answered.fracties == "DENK"  # fractie via Fractie_Id
        assert answered.start_date == date(2024, 5, 2) and answered.source == "tk-open-data"
        assert session.get(Person, answered.bewindspersoon_id).name == "H.G.J. Bruins Slot"
        delays = session.exec(select(DelayNotice).where(DelayNotice.item_id == answered.id)).scalars().all()
        assert [d.sent_on for d in delays] == [date(2024, 5, 21)]
        assessment, _ = assess_item(session, answered, date(2024, 7, 1))
        assert assessment.delays[0].timely  # 19 days after the questions: before the three weeks ran out
        open_one = item(session, "2024Z10002")
        assert open_one.status == "ontvangen" and open_one.fracties == "DENK"
        assert open_one.members == "Stephan van Baarle"  # no ActorNaam: the name comes from Persoon
        motion = item(session, "36200 VII, nr. 42")
        assert (motion.kind, motion.status, motion.vote_result) == ("motie", "aangenomen", "Aangenomen.")
        assert motion.members == "Bergkamp, Van den Hul" and motion.fracties == "D66, PvdA"
        assert motion.ministry_id == bzk
        promise = item(session, "TZ202401-001")
        assert (promise.kind, promise.status, promise.deadline_date) == ("toezegging", "openstaand", date(2024, 9, 1))
        assert promise.due_date == date(2024, 9, 1) and promise.activity == "2024A00123"
        done = item(session, "TZ202401-002")
        assert (done.status, done.closed_on) == ("voldaan", date(2024, 3, 5))
        # the demo's Kamervragen typed in by hand are linked, not duplicated
        demo_item = item(session, "2023Z12033")
        assert demo_item.external_id == "z0000000-0000-0000-0000-000000012033" and demo_item.source == "demo"
        assert session.exec(select(TkRecord).where(TkRecord.pending.is_(True))).first() is None


def test_pages_are_read_names_first_then_actors_and_documents_then_zaken(tmp_path):
    def page(name, entity=None):
        context = {"@odata.context": f"https://x/OData/v4/2.0/$metadata#{entity}"} if entity else {}
        (tmp_path / name).write_text(json.dumps({**context, "value": [{"Id": "1"}]}), encoding="utf-8")
        return tmp_path / name

    files = [page("a.json", "Zaak"), page("b.json", "ZaakActor"), page("Toezegging-1.json"), page("c.json", "Fractie"),
             page("d.json", "Document"), page("e.json"), page("Zaak-2.json", "Persoon")]  # the context wins
    assert [f.name for f in in_reading_order(files)] == [
        "e.json", "c.json", "Zaak-2.json", "b.json", "d.json", "a.json", "Toezegging-1.json"]


def test_progress_is_reported_after_each_page(demo):
    files = tk.pages.page_files(FIXTURES / "base")
    seen = []
    with db.transaction(demo) as session:
        tk.load_files(session, files, system("test"), on_file=seen.append)
    assert [f.name for f in seen] == ["Fractie-00001.json", "Persoon-00001.json", "ZaakActor-00001.json",
                                      "Document-00001.json", "Zaak-00001.json", "Zaak-00002.json",
                                      "Toezegging-00001.json"]


def test_actors_and_documents_of_a_later_import_rebuild_their_zaak(demo, tmp_path):
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir(), later.mkdir()
    for file in (FIXTURES / "base").iterdir():
        folder = later if file.name.startswith(("ZaakActor", "Document")) else first
        (folder / file.name).write_bytes(file.read_bytes())
    with db.transaction(demo) as session:
        tk.import_path(session, first, system("test"))
        bare = item(session, "2024Z10001")
        assert (bare.members, bare.status, bare.ministry_id) == (None, "ontvangen", None)
    with db.transaction(demo) as session:
        result = tk.import_path(session, later, system("test"))
    assert result.items.created == 0 and result.items.updated == 2  # the two Kamervragen
    with db.transaction(demo) as session:
        answered = item(session, "2024Z10001")
        assert (answered.members, answered.fracties, answered.status) == ("Van Baarle", "DENK", "beantwoord")
        assert answered.closed_on == date(2024, 6, 20) and answered.ministry_id is not None
        delays = session.exec(select(DelayNotice).where(DelayNotice.item_id == answered.id)).scalars().all()
        assert [d.sent_on for d in delays] == [date(2024, 5, 21)]
        assert item(session, "2024Z10002").members == "Stephan van Baarle"
        assert session.exec(select(TkRecord).where(TkRecord.pending.is_(True))).first() is None


def test_a_refused_zaak_waits_for_the_next_import(demo, tmp_path):
    def pages(folder, delay_day, modified):
        folder.mkdir()
        zaak = {"Id": "zr", "Nummer": "2024Z99001", "Soort": "Schriftelijke vragen", "Onderwerp": "Vragen over x",
                "GestartOp": "2024-05-02T00:00:00+02:00", "GewijzigdOp": "2024-05-02T10:00:00+02:00"}
        delay = {"Id": "dr", "Soort": "Mededeling (uitstel antwoord)", "Titel": "Uitstel", "Zaak_Id": "zr",
                 "Datum": f"2024-{delay_day}T00:00:00+02:00", "GewijzigdOp": modified}
        for entity, row in (("Zaak", zaak), ("Document", delay)):
            (folder / f"{entity}-00001.json").write_text(json.dumps({"value": [row]}), encoding="utf-8")
        return folder

    with db.transaction(demo) as session:  # the uitstelbericht is dated before the questions: refused
        result = tk.import_path(session, pages(tmp_path / "1", "04-01", "2024-05-03T10:00:00+02:00"), system("test"))
    assert result.items.created == 0 and "2024Z99001" in result.items.refused[0]
    assert "vóór de start" in result.items.refused[0]
    with db.transaction(demo) as session:
        assert session.exec(select(TkRecord.tk_id).where(TkRecord.pending.is_(True))).scalars().all() == ["zr"]
        assert tk.pending_count(session) == 1
    with db.transaction(demo) as session:  # corrected in the open data: built now, from the stored Zaak row
        result = tk.import_path(session, pages(tmp_path / "2", "05-20", "2024-05-21T10:00:00+02:00"), system("test"))
    assert result.mirror.updated == 1 and result.mirror.unchanged == 1 and result.items.created == 1
    with db.transaction(demo) as session:
        assert item(session, "2024Z99001").status == "uitstel_gemeld" and tk.pending_count(session) == 0


def test_a_row_on_two_pages_of_one_import_is_kept_once_newest_first(demo, tmp_path):
    """A row changed while the API was paged comes twice; on a first import the pages are written without a
    lookup, and the clash on the second page is caught and that page redone."""
    def toezegging(nummer, status, modified):
        return {"Id": "t-twice", "Nummer": nummer, "Tekst": "De minister stuurt een brief.", "Status": status,
                "Ministerie": "Binnenlandse Zaken en Koninkrijksrelaties", "Aanmaakdatum": "2024-03-01",
                "DatumNakoming": "2024-09-01", "GewijzigdOp": modified}

    pages = [[toezegging("TZ-1", "Openstaand", "2024-03-01T10:00:00Z"), {**toezegging("TZ-1", "", ""), "Id": "t-other",
                                                                          "Nummer": "TZ-2"}],
             [toezegging("TZ-1", "Deels voldaan", "2024-04-01T10:00:00Z")],
             [toezegging("TZ-1", "Voldaan", "2024-03-15T10:00:00Z")]]  # older than the one stored: skipped
    for number, rows in enumerate(pages, 1):
        (tmp_path / f"Toezegging-{number:05d}.json").write_text(json.dumps({"value": rows}), encoding="utf-8")
    with db.transaction(demo) as session:
        result = tk.import_path(session, tmp_path, system("test"))
    assert (result.mirror.new, result.mirror.updated, result.mirror.unchanged) == (2, 1, 1)
    with db.transaction(demo) as session:
        assert count(session, TkRecord) == 2
        assert item(session, "TZ-1").status == "deels_voldaan"
        assert session.execute(select(func.count()).select_from(TrackedItem).where(
            TrackedItem.external_id == "t-twice")).scalar() == 1


def test_the_filter_of_written_ids_never_misses_one():
    from tracker.tk.mirror import _WrittenIds
    written = _WrittenIds()
    pages = [[f"id-{page}-{n}" for n in range(250)] for page in range(160)]  # 40,000 Ids
    # new Ids are seldom taken for written (about 0.3 of these 160 pages is expected to be, by chance)
    assert sum(written.add(ids) for ids in pages) <= 5
    assert all(written.add([ids[n]]) for ids in pages for n in (0, 117, 249))  # written ones: always


def test_reimport_changes_nothing(demo):
    run(demo)
    with db.transaction(demo) as session:
        before = (count(session, TrackedItem), count(session, AuditEvent), count(session, DelayNotice))
    again = run(demo)
    assert again.mirror.new == 0 and again.mirror.updated == 0 and again.mirror.unchanged == 16
    assert again.items.created == 0 and again.items.updated == 0
    with db.transaction(demo) as session:
        assert (count(session, TrackedItem), count(session, AuditEvent), count(session, DelayNotice)) == before


def test_update_honours_verwijderd_newer_rows_and_skips_older_ones(demo):
    run(demo)
    result = run(demo, "update")
    assert result.mirror.updated == 2 and result.mirror.unchanged == 1  # the older 2024Z10001 row is skipped
    assert result.items.archived == 1 and result.items.updated == 1
    with db.transaction(demo) as session:
        gone = item(session, "2024Z10002")
        assert gone.archived_at is not None
        kept = item(session, "2024Z10001")
        assert "GEWIJZIGD" not in kept.title
        promise = item(session, "TZ202401-001")
        assert promise.status == "deels_voldaan" and promise.deadline_date == date(2024, 10, 1)
        trail = session.exec(select(AuditEvent).where(AuditEvent.item_id == promise.id,
                                                      AuditEvent.actor == "tk-open-data")).scalars().all()
        assert {e.action for e in trail} >= {"aangemaakt", "wijziging", "status"}


def test_broken_page_writes_nothing(demo, tmp_path):
    for file in (FIXTURES / "base").iterdir():
        (tmp_path / file.name).write_bytes(file.read_bytes())
    (tmp_path / "Zaak-00003.json").write_text('{"value": [{"Id": "x", "Soort": "Motie"', encoding="utf-8")
    result = CliRunner().invoke(main, ["import-tk", str(tmp_path)])
    assert result.exit_code == 1 and "Zaak-00003.json is geen geldige JSON" in result.output
    with db.transaction(demo) as session:
        assert count(session, TkRecord) == 0
        assert session.exec(select(TrackedItem).where(TrackedItem.source == "tk-open-data")).first() is None


def test_cli_import_tk_reports(demo):
    result = CliRunner().invoke(main, ["import-tk", str(FIXTURES / "base")])
    assert result.exit_code == 0, result.output
    assert "7 bestanden: 16 nieuwe rijen" in result.output
    assert "items: 5 nieuw" in result.output and "1 zaken van andere soorten overgeslagen" in result.output


def test_fetch_follows_next_links_without_network(tmp_path):
    pages = {}

    def fake_get(url):
        pages[url] = pages.get(url, 0) + 1
        if "skiptoken" in url:
            return {"value": [{"Id": "2"}]}
        return {"value": [{"Id": "1"}], "@odata.nextLink": url + "&$skiptoken=1"}

    written = list(fetch(date(2024, 6, 1), tmp_path, ["Zaak"], get=fake_get))
    assert [p.name for p in written] == ["Zaak-00001.json", "Zaak-00002.json"]
    assert json.loads(written[1].read_text())["value"] == [{"Id": "2"}]
    url = first_url("Zaak", date(2024, 6, 1))
    assert "GewijzigdOp%20ge%202024-06-01T00%3A00%3A00Z" in url and "Schriftelijke%20vragen" in url


def _page(folder: Path, rows, entity="Zaak", raw=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{entity}-00001.json"
    path.write_text(raw if raw is not None else json.dumps(
        {"@odata.context": f"https://x/$metadata#{entity}", "value": rows}), encoding="utf-8")
    return folder


ZAAK = {"Id": "z-1", "Soort": "Schriftelijke vragen", "Nummer": "2024Z00001", "Onderwerp": "Vragen",
        "GestartOp": "2024-03-01T10:00:00+01:00", "GewijzigdOp": "2024-03-01T10:00:00+01:00", "Verwijderd": False}


@pytest.mark.parametrize("change, message", [
    ({"Verwijderd": "false"}, "veld Verwijderd: \"false\" is niet true of false"),
    ({"Onderwerp": 12}, "veld Onderwerp: 12 is geen tekst"),
    ({"GestartOp": "2024-02-30"}, "veld GestartOp: \"2024-02-30\" is geen datum"),
    ({"GewijzigdOp": "2024-13-01T10:00:00+01:00"}, "veld GewijzigdOp"),
    ({"Id": 5}, "veld Id: 5 is geen Id"),
    ({"Id": None}, "rij 1 heeft geen Id"),
    ({"ZaakActor": [{"Id": "a-1", "Relatie": ["Indiener"]}]}, "ZaakActor, veld Relatie"),
])
def test_a_malformed_open_data_row_is_a_message_and_nothing_is_kept(engine, tmp_path, change, message):
    with pytest.raises(ValidationError) as refused, db.transaction(engine) as session:
        tk.import_path(session, _page(tmp_path, [{**ZAAK, **change}]), system("test"))
    assert message in str(refused.value) and "Zaak-00001.json: rij 1" in str(refused.value)
    with Session(engine) as session:
        assert count(session, TkRecord) == 0 and count(session, TrackedItem) == 0


@pytest.mark.parametrize("raw", ["[" * 100_000 + "]" * 100_000, '{"value": [' + "{" * 50 + "}" * 50 + "]}",
                                 '{"value": 3}', "null"])
def test_a_page_that_is_no_odata_page_is_a_message(engine, tmp_path, raw):
    with pytest.raises(ValidationError), db.transaction(engine) as session:
        tk.import_path(session, _page(tmp_path, None, raw=raw), system("test"))


def test_cli_import_tk_of_a_malformed_page_prints_no_traceback(engine, database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    result = CliRunner().invoke(main, ["import-tk", str(_page(tmp_path, [{**ZAAK, "Verwijderd": "false"}]))])
    assert result.exit_code == 1 and "Verwijderd" in result.output and "Traceback" not in result.output
