"""A final letter made on one app server is downloaded, byte for byte, from another (issue 28): the PDF is kept in the
database (document_pdf), not only as a file under TRACKER_EXPORTS on the host that made it. The second server here has
an empty exports folder of its own and renders differently (other fonts or WeasyPrint): it must still hand out the
letter as sent. On both databases."""
from __future__ import annotations

import shutil

import pytest
from sqlmodel import select

from tracker import db
from tracker.letters import voortgangsbrief as letters
from tracker.models import DocumentPdf, Letter, Ministry, Rappel


@pytest.fixture
def servers(demo, database_url):
    from tracker.web import create_app
    return [create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False})
            for _ in range(2)]


def _client(app, username):
    client = app.test_client()
    client.post("/inloggen", data={"username": username, "password": "kamertracker-demo"})
    return client


def _the_other_host(monkeypatch, tmp_path):
    """From here on this process is the second host: its own (empty) exports folder, and a renderer that no longer
    gives the same bytes."""
    import os
    shutil.rmtree(os.environ["TRACKER_EXPORTS"])
    monkeypatch.setenv("TRACKER_EXPORTS", str(tmp_path / "exports-host2"))
    monkeypatch.setattr(letters, "render_pdf", lambda view: b"%PDF-anders")


def test_a_voortgangsbrief_made_on_one_server_is_downloaded_from_the_other(servers, demo, monkeypatch, tmp_path):
    first, second = servers
    with db.transaction(demo) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).first()
        ids = [i.id for i in letters.select_items(session, ministry, "TK", ["toezegging"])]
    form = {"ministry_id": ministry.id, "chamber": "TK", "kinds": ["toezegging"], "betreft": "Voortgang toezeggingen",
            "dagtekening": "26-11-2021", "annex": "y", "item": [str(i) for i in ids], "actie": "definitief"}
    assert _client(first, "ocw").post("/voortgangsbrief/", data=form).status_code == 302
    with db.transaction(demo) as session:
        letter = session.exec(select(Letter)).one()
        sent = session.get(DocumentPdf, letter.document_id).content
    assert sent.startswith(b"%PDF")
    _the_other_host(monkeypatch, tmp_path)
    download = _client(second, "ocw").get(f"/voortgangsbrief/{letter.document_id}/pdf")
    assert download.status_code == 200 and download.data == sent


def test_a_rappel_made_on_one_server_is_downloaded_from_the_other(servers, demo, monkeypatch, tmp_path):
    first, second = servers
    with db.transaction(demo) as session:
        ocw = session.exec(select(Ministry).where(Ministry.code == "OCW")).first().id
    final = _client(first, "griffie").post("/rappel/", data={
        "chamber": "TK", "peildatum": "1-7-2021", "dagtekening": "5-7-2021", "ministry_id": ocw, "actie": "definitief",
        "signer_name": "Kh. Arib"})
    assert final.mimetype == "application/pdf"
    with db.transaction(demo) as session:
        document_id = session.exec(select(Rappel)).one().document_id
    _the_other_host(monkeypatch, tmp_path)
    download = _client(second, "griffie").get(f"/rappel/{document_id}/pdf")
    assert download.status_code == 200 and download.data == final.data


def test_the_migration_copies_the_files_this_host_has_of_earlier_letters(demo, tmp_path):
    """0037 fills document_pdf from the files of letters made before it: a file that is still the letter sent is
    copied, a missing or changed one is left (read as before)."""
    import importlib.util
    from pathlib import Path

    from datetime import date

    from tracker.authz import system

    spec = importlib.util.spec_from_file_location("m0037", Path(letters.__file__).parent.parent / "migrations" /
                                                  "versions" / "0037_rate_bucket_document_pdf.py")
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    made = {}
    with db.transaction(demo) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).first()
        for kenmerk in ("OCW-1", "OCW-2", "OCW-3"):
            chosen = letters.select_items(session, ministry, "TK", ["toezegging"])
            function, name = letters.default_signer(session, ministry, date(2021, 11, 26))
            view = letters.LetterView(ministry_name=ministry.name, chamber="TK", dagtekening=date(2021, 11, 26),
                                      betreft="Voortgang", kenmerk=kenmerk, intro="", closing="",
                                      signer_function=function, signer_name=name,
                                      entries=[letters.entry_for(i) for i in chosen])
            document, pdf, path = letters.store_final(session, view, ministry, chosen, system("test"),
                                                      tmp_path / "oud")
            made[kenmerk] = (document.id, pdf, path)
    with db.transaction(demo) as session:  # as before 0037: files only
        for document_id, _, _ in made.values():
            session.delete(session.get(DocumentPdf, document_id))
    made["OCW-2"][2].unlink()
    made["OCW-3"][2].write_bytes(b"%PDF-gewijzigd")
    with demo.begin() as connection:
        migration._copy_letter_files(connection)
    with db.transaction(demo) as session:
        kept = {row.document_id: row.content for row in session.exec(select(DocumentPdf)).all()}
    assert kept == {made["OCW-1"][0]: made["OCW-1"][1]}
