"""One search (tracker.search) on SQLite FTS5 and PostgreSQL full text: what it finds, how it ranks, that every write
path keeps the index in step in its own transaction, and that nobody finds what they may not read."""
from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from tracker import db
from tracker.authz import Actor, system
from tracker.importer import import_table, COLUMNS
from tracker.models import Document, ItemDocument, Letter, Ministry, Person, TrackedItem
from tracker.search import Filters, index, search, terms
from tracker.services import items

TODAY = date(2026, 12, 7)
ADMIN = Actor("admin", "admin")
VIEWER = Actor("lezer", "viewer")
GRIFFIE = Actor("griffie", "griffie")


def _officer(engine, code: str) -> Actor:
    with db.transaction(engine) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == code)).one()
        return Actor(f"officer-{code}", "officer", ministry.id, code)


def found(engine, user, text, **filters) -> list[tuple[str, str]]:
    with engine.connect() as connection:
        result = search(connection, user, text, Filters(**filters), per_page=100, today=TODAY)
    assert result.total == len(result.hits)
    return [(hit.kind, hit.nummer if hit.kind == "item" else hit.title) for hit in result.hits]


def item_numbers(engine, user, text, **filters) -> set[str]:
    return {nummer for kind, nummer in found(engine, user, text, **filters) if kind == "item"}


def _item_id(engine, nummer: str) -> int:
    with db.transaction(engine) as session:
        return session.exec(select(TrackedItem.id).where(TrackedItem.nummer == nummer)).one()


# --- pure: how queries and citations are read ---

@pytest.mark.parametrize("typed", ["35628-10", "35 628, nr. 10", "Kamerstukken II 2020/21, 35628, nr. 10",
                                   "35628 nr 10", "35628, nr.10"])
def test_a_citation_is_one_key_however_it_is_typed(typed):
    query = terms.read_query(typed)
    assert query.words == []
    assert "ks35628n10" in query.keys[0]


def test_citation_keys_of_chapters_letters_subdossiers_and_the_aanhangsel():
    assert terms.keys_of("Kamerstukken II 2023/24, 36600 VIII, nr. 123").split() == ["ks36600viiin123", "ks36600viii"]
    assert terms.keys_of("36600-VIII-123").split() == ["ks36600viiin123", "ks36600viii"]
    assert terms.keys_of("Kamerstukken I 2023/24, 36011, H").split() == ["ks36011lh", "ks36011"]
    assert terms.keys_of("Kamerstuk 21 501-31, nr. 5").split() == ["ks21501s31n5", "ks21501s31"]
    assert terms.keys_of("Aanhangsel Handelingen II 2023/24, nr. 429").split() == ["ahtk202324n429"]
    # a bare five-digit number in a text is no citation; a kenmerk, a zaak number and an amount are none either
    assert terms.keys_of("er kwamen 35628 reacties; kenmerk 2026-0000123456; 2026Z90015; € 12 500") == ""
    assert terms.read_query("2026Z90015").words == ["2026z90015"]


def test_nothing_typed_is_engine_syntax():
    query = terms.read_query('algoritme" OR NEAR(x) -y * {head}: \'); DROP')
    assert all(w.isalnum() for w in query.words)
    assert '"' not in "".join(query.words)
    assert terms.sqlite_match(query).count('"') == 2 * len(query.words)


def test_the_highlight_marks_the_word_and_keeps_the_text_as_text():
    pieces = terms.highlight("Een <script>alert(1)</script> over algoritmen en AI", ["algoritme"])
    assert ("algoritmen", True) in pieces
    assert "".join(p for p, _ in pieces) == "Een <script>alert(1)</script> over algoritmen en AI"  # escaped by Jinja
    assert terms.highlight("niets hier", ["algoritme"]) is None


# --- the index on both databases ---

def test_a_word_in_a_documents_text_a_stand_a_members_name_and_a_citation_find_their_items(demo):
    with db.transaction(demo) as session:
        item = session.exec(select(TrackedItem).where(TrackedItem.nummer == "35628, nr. 10")).one()
        paper = Document(kind="kamerbrief", title="Brief over gezichtsherkenning", kenmerk="2026-0000777001",
                         full_text="De minister schrijft over de inzet van gezichtsherkenning door de politie.")
        session.add(paper)
        session.flush()
        session.add(ItemDocument(item_id=item.id, document_id=paper.id, role="overig"))
    assert found(demo, VIEWER, "gezichtsherkenning") == [("document", "Brief over gezichtsherkenning")]
    assert found(demo, VIEWER, "2026-0000777001") == [("document", "Brief over gezichtsherkenning")]
    # a stand van zaken (seed: "… heeft Movisie een webinar georganiseerd …")
    assert item_numbers(demo, VIEWER, "webinar") == {"VGR-EMANC-2021 M01"}
    # a member's name, with or without its accent
    assert item_numbers(demo, VIEWER, "Özütok") == {"35628, nr. 10"} == item_numbers(demo, VIEWER, "ozutok")
    # a citation typed three ways: the motion itself, and the document that is the motion
    for typed in ("35628-10", "35 628, nr. 10", "Kamerstukken II 2020/21, 35628, nr. 10"):
        assert item_numbers(demo, VIEWER, typed) == {"35628, nr. 10"}, typed
        assert ("document", "Motie van het lid Bergkamp c.s. (voorgesteld tijdens het wetgevingsoverleg van "
                            "10 februari 2021)") in found(demo, VIEWER, typed)
    # a zaak number
    assert item_numbers(demo, VIEWER, "2023Z12033") == {"2023Z12033"}


def test_the_number_and_title_rank_above_a_mention_in_the_text(demo):
    with db.transaction(demo) as session:
        for nummer, title, text in (("2026Z90001", "Vragen over zonnepanelen op daken", None),
                                    ("2026Z90002", "Vragen over netcongestie", "Ook zonnepanelen komen ter sprake.")):
            items.create_item(session, items.ItemInput(kind="kamervragen", chamber="TK", nummer=nummer, title=title,
                                                       text=text, ministry_code="BZK", start_date=date(2026, 11, 2)),
                              system("test"))
    assert [n for _, n in found(demo, VIEWER, "zonnepanelen")] == ["2026Z90001", "2026Z90002"]


def test_filters_soort_kamer_ministerie_stand_and_period(demo):
    with db.transaction(demo) as session:
        ocw = session.exec(select(Ministry.id).where(Ministry.code == "OCW")).one()
    everything = item_numbers(demo, VIEWER, "Bergkamp")
    assert "35628, nr. 10" in everything and len(everything) > 2
    assert item_numbers(demo, VIEWER, "Bergkamp", kind="kamervragen") == set()
    assert item_numbers(demo, VIEWER, "Bergkamp", chamber="EK") == set()
    assert "VGR-EMANC-2021 M01" not in item_numbers(demo, VIEWER, "Bergkamp", ministry_id=ocw)  # M01 is VWS's
    assert "35628, nr. 10" in item_numbers(demo, VIEWER, "Bergkamp", ministry_id=ocw)
    assert "35628, nr. 10" in item_numbers(demo, VIEWER, "Bergkamp", state="afgesloten")
    assert "35628, nr. 10" not in item_numbers(demo, VIEWER, "Bergkamp", state="open")
    assert item_numbers(demo, VIEWER, "Bergkamp", since=date(2021, 2, 10), until=date(2021, 2, 10)) == {"35628, nr. 10"}
    assert all(kind == "document" for kind, _ in found(demo, VIEWER, "Bergkamp", kind="document"))


def test_an_intern_stand_is_found_only_by_who_may_read_it(demo):
    item_id = _item_id(demo, "35628, nr. 10")  # OCW's
    with db.transaction(demo) as session:
        item = session.get(TrackedItem, item_id)
        items.update_item(session, item, {"stand_van_zaken": "Intern: wachten op de staatsgeheime notitie Kolibrie.",
                                           "stand_intern": True}, system("test"))
    ocw, bzk = _officer(demo, "OCW"), _officer(demo, "BZK")
    assert item_numbers(demo, ADMIN, "kolibrie") == {"35628, nr. 10"}
    assert item_numbers(demo, ocw, "kolibrie") == {"35628, nr. 10"}
    for reader in (VIEWER, GRIFFIE, bzk, None):
        assert item_numbers(demo, reader, "kolibrie") == set(), reader
        assert item_numbers(demo, reader, "kolibrie Bergkamp") == set(), reader  # not even with a public word
    # the public words still find the item, and the snippet never shows the intern stand
    with demo.connect() as connection:
        hits = search(connection, VIEWER, "staatsgeheime OR Vinkenburg", today=TODAY).hits
        hits += search(connection, VIEWER, "Vinkenburg", today=TODAY).hits
    assert hits and all("Kolibrie" not in "".join(p for p, _ in (h.snippet or [])) for h in hits)
    # made public again: everyone finds it
    with db.transaction(demo) as session:
        items.update_item(session, session.get(TrackedItem, item_id), {"stand_intern": False}, system("test"))
    assert item_numbers(demo, VIEWER, "kolibrie") == {"35628, nr. 10"}


def test_a_stored_voortgangsbrief_is_found_only_by_who_may_read_it(demo):
    with db.transaction(demo) as session:
        vws = session.exec(select(Ministry).where(Ministry.code == "VWS")).one()
        paper = Document(kind="voortgangsbrief", title="Voortgangsbrief moties", kenmerk="VWS-2026-1")
        session.add(paper)
        session.flush()
        session.add(Letter(document_id=paper.id, ministry_id=vws.id, chamber="TK", betreft="Voortgangsbrief moties",
                           intro="Hierbij de stand van de moties over de zorgbonus.", closing="Hoogachtend",
                           signer_function="minister", signer_name="X", kenmerk="VWS-2026-1",
                           dagtekening=date(2026, 12, 1), group_by="soort", path="exports/x.pdf", created_by="t"))
    assert found(demo, _officer(demo, "VWS"), "zorgbonus") == [("document", "Voortgangsbrief moties")]
    assert found(demo, VIEWER, "zorgbonus") == [("document", "Voortgangsbrief moties")]
    assert found(demo, _officer(demo, "OCW"), "zorgbonus") == []


def test_every_write_path_keeps_the_index_in_step(demo):
    # a form or API edit (the ORM): the commit writes the entry, so the next request finds the new words
    item_id = _item_id(demo, "2023Z12033")
    assert item_numbers(demo, VIEWER, "diversiteitsdoelen") == {"2023Z12033"}
    with db.transaction(demo) as session:
        items.update_item(session, session.get(TrackedItem, item_id), {"title": "Vragen over de kwartiermaker"},
                          system("test"))
    assert item_numbers(demo, VIEWER, "kwartiermaker") == {"2023Z12033"}
    assert item_numbers(demo, VIEWER, "diversiteitsdoelen") == set()  # the old title is gone
    # a rolled-back write leaves nothing behind
    with pytest.raises(RuntimeError):
        with db.transaction(demo) as session:
            items.update_item(session, session.get(TrackedItem, item_id), {"title": "Vragen over de spookterm"},
                              system("test"))
            raise RuntimeError
    assert item_numbers(demo, VIEWER, "spookterm") == set()
    # the list import (plain SQL in tracker.services.bulk)
    row = {name: "" for name in COLUMNS}
    row.update(soort="kamervragen", kamer="TK", nummer="2026Z90015", titel="Vragen over de vogelgriep in Friesland",
               ministerie="BZK", datum="2026-11-30")
    with db.transaction(demo) as session:
        import_table(session, [list(COLUMNS), [row[name] for name in COLUMNS]], system("test"), "test")
    assert item_numbers(demo, VIEWER, "vogelgriep") == {"2026Z90015"}
    assert item_numbers(demo, VIEWER, "2026Z90015") == {"2026Z90015"}
    # a renamed bewindspersoon: the items assigned to them are found by the new name
    with db.transaction(demo) as session:
        person = session.exec(select(Person).where(Person.name == "Ingrid van Engelshoven")).one()
        person.name = "Ingrid van Engelshoven-Zuurstof"
    assert "35628, nr. 10" in item_numbers(demo, VIEWER, "Zuurstof")


def test_the_rebuild_gives_the_same_answers(demo):
    before = {q: found(demo, ADMIN, q) for q in ("Bergkamp", "30420", "Movisie", "35628-10")}
    with db.transaction(demo) as session:
        index.clear(session.connection())
    assert found(demo, ADMIN, "Bergkamp") == []
    with db.transaction(demo) as session:
        counted = index.rebuild(session.connection())
        assert counted[0] == session.exec(select(TrackedItem.id)).all().__len__()
    assert {q: found(demo, ADMIN, q) for q in before} == before


def test_archived_items_are_not_found(demo):
    item_id = _item_id(demo, "2023Z12033")
    with db.transaction(demo) as session:
        items.archive_item(session, session.get(TrackedItem, item_id), system("test"), "dubbel")
    assert item_numbers(demo, ADMIN, "2023Z12033") == set()


def test_the_text_of_an_intake_paper_is_searchable_once_saved(demo):
    from tests.test_intake import OWN_LETTER
    from tracker.intake.proposal import propose
    from tracker.services import intake as intake_service

    proposal = propose(OWN_LETTER)
    with db.transaction(demo) as session:
        rows = intake_service.resolve(session, proposal)
        intake_service.save(session, rows, proposal, system("test"), "brief.txt", text=OWN_LETTER)
    # words of the paper's text (the item made from it has some of them too); the paper cites "27 923, nr. 501"
    assert "document" in [kind for kind, _ in found(demo, VIEWER, "belangstelling kennisgenomen lerarentekort")]
    assert [kind for kind, _ in found(demo, VIEWER, "27923-501")] == ["document"]
    with db.transaction(demo) as session:  # kept once, with the paper's first document
        assert len(session.exec(select(Document).where(Document.full_text.is_not(None))).all()) == 1


def test_a_word_found_everywhere_ranks_the_newest_matches_only_without_filters(demo, monkeypatch):
    import tracker.search as search_module

    def keys(result):
        return {index.item_key(h.id) if h.kind == "item" else index.document_key(h.id) for h in result.hits}

    with demo.connect() as connection:
        everything = search(connection, VIEWER, "motie", per_page=100, today=TODAY)
        monkeypatch.setattr(search_module, "RANKED_AT_MOST", 3)
        capped = search(connection, VIEWER, "motie", per_page=100, today=TODAY)
        filtered = search(connection, VIEWER, "motie", Filters(chamber="TK"), per_page=100, today=TODAY)
    assert not everything.capped and everything.total > 3
    assert capped.capped and capped.total == 3 and keys(capped) == set(sorted(keys(everything))[-3:])  # the newest
    assert not filtered.capped and filtered.total > 3  # with a filter nothing is left out


def test_every_citation_in_a_text_becomes_a_link_to_its_official_paper():
    pieces = terms.cited_pieces("Zie Aanhangsel Handelingen II 2023/24, nr. 429, Kamerstukken 30420, nr. 360, "
                                "36600-VIII-12 en 35628-10; niet 2026Z90015 of 12 500 euro.")
    links = [(piece, url) for piece, url, _ in pieces if url]
    assert links == [
        ("Aanhangsel Handelingen II 2023/24, nr. 429", "https://zoek.officielebekendmakingen.nl/ah-tk-20232024-429.html"),
        ("30420, nr. 360", "https://zoek.officielebekendmakingen.nl/kst-30420-360.html"),
        ("36600-VIII-12", "https://zoek.officielebekendmakingen.nl/kst-36600-VIII-12.html"),
        ("35628-10", "https://zoek.officielebekendmakingen.nl/kst-35628-10.html")]
    assert "".join(piece for piece, _, _ in pieces).startswith("Zie Aanhangsel")
