"""Beheer → Open data TK: upload saved OData pages (files or a zip), import in one transaction, admin only."""
import io
import zipfile
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from tracker.models import TkRecord, TrackedItem

FIXTURES = Path(__file__).parent / "fixtures" / "tk"


def pages(folder="base"):
    return [(io.BytesIO(path.read_bytes()), path.name) for path in sorted((FIXTURES / folder).glob("*.json"))]


def count(engine, model, *where) -> int:
    with Session(engine) as session:
        return session.execute(select(func.count()).select_from(model).where(*where)).scalar()


def items_from_open_data(engine) -> int:
    return count(engine, TrackedItem, TrackedItem.source == "tk-open-data")


def test_admin_uploads_pages_and_sees_what_changed(login_as, demo):
    admin = login_as("admin")
    before = items_from_open_data(demo)
    page = admin.post("/beheer/open-data/", data={"files": pages()}, content_type="multipart/form-data")
    text = page.get_data(as_text=True)
    assert page.status_code == 200, text
    assert "Import geslaagd" in text and "7 pagina&#39;s" in text and "items: 5 nieuw" in text
    assert items_from_open_data(demo) == before + 5
    assert "<td data-label=\"Soort\">Zaak</td>" in text  # the mirror's state under the form
    again = admin.post("/beheer/open-data/", data={"files": pages()}, content_type="multipart/form-data")
    assert "0 nieuwe rijen" in again.get_data(as_text=True) and items_from_open_data(demo) == before + 5


def test_a_zip_of_pages_and_a_check_only_run(login_as, demo):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted((FIXTURES / "base").glob("*.json")):
            archive.write(path, f"export/{path.name}")
    admin = login_as("admin")
    before = items_from_open_data(demo)
    page = admin.post("/beheer/open-data/", data={"files": [(io.BytesIO(buffer.getvalue()), "tk.zip")], "dry_run": "y"},
                      content_type="multipart/form-data")
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "Controle geslaagd (niets opgeslagen)" in text and "items: 5 nieuw" in text
    assert items_from_open_data(demo) == before and count(demo, TkRecord) == 0


def test_a_broken_page_keeps_nothing(login_as, demo):
    admin = login_as("admin")
    files = pages() + [(io.BytesIO(b'{"value": [ {"Id": '), "Zaak-00009.json")]
    page = admin.post("/beheer/open-data/", data={"files": files}, content_type="multipart/form-data")
    assert page.status_code == 400
    assert "Zaak-00009.json is geen geldige JSON" in page.get_data(as_text=True)
    assert count(demo, TkRecord) == 0


def test_wrong_files_are_a_form_error(login_as, demo):
    admin = login_as("admin")
    page = admin.post("/beheer/open-data/", data={"files": [(io.BytesIO(b"%PDF-1.4 brief"), "lijst.json")]},
                      content_type="multipart/form-data")  # judged by its content, not its name
    assert page.status_code == 400 and "geen JSON-pagina" in page.get_data(as_text=True)
    text = admin.post("/beheer/open-data/", data={"files": [(io.BytesIO(b"a;b"), "lijst.csv")]},
                      content_type="multipart/form-data")
    assert text.status_code == 400 and "JSON" in text.get_data(as_text=True)
    nothing = admin.post("/beheer/open-data/", data={}, content_type="multipart/form-data")
    assert nothing.status_code == 400 and "Kies een of meer bestanden." in nothing.get_data(as_text=True)


def test_only_an_admin_imports_open_data(login_as, demo):
    for user in ("ocw", "griffie", "lezer"):
        assert login_as(user).get("/beheer/open-data/").status_code == 403
        assert login_as(user).post("/beheer/open-data/", data={"files": pages()},
                                   content_type="multipart/form-data").status_code == 403
    assert count(demo, TkRecord) == 0


def test_unpack_names_pages_by_entity_and_refuses_what_is_not_a_page(tmp_path):
    import pytest

    from tracker.errors import ValidationError
    from tracker.tk.upload import unpack
    assert unpack([("Zaak-00001.json", b"{}"), ("a/Zaak-00001.json", b"{}"), ("Zaak.json", b"{}")], tmp_path) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Zaak-00001.json", "Zaak-00001_2.json", "Zaak.json"]
    with pytest.raises(ValidationError, match="geen leesbaar zip-bestand"):
        unpack([("tk.zip", b"PK\x03\x04 not a zip")], tmp_path / "x")
    with pytest.raises(ValidationError, match="geen JSON-pagina"):
        unpack([("tk.json", b"\x00\x01binary")], tmp_path / "x")


def test_unpack_refuses_a_zip_too_big_for_a_web_request_before_unpacking(tmp_path, monkeypatch):
    import pytest

    import tracker.tk.upload as upload
    from tracker.errors import ValidationError
    monkeypatch.setattr(upload, "MAX_UNPACKED", 1000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Zaak-00001.json", "{" + " " * 5000 + "}")  # compresses to little, unpacks to 5 kB
    with pytest.raises(ValidationError, match="uitgepakt te groot"):
        upload.unpack([("tk.zip", buffer.getvalue())], tmp_path)
    assert list(tmp_path.iterdir()) == []
