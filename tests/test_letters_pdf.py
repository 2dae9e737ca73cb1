"""The letters' PDF as an archive and a screen reader get it: fonts embedded, tagged, pagination as artifacts."""
from datetime import date
from io import BytesIO

from pypdf import PdfReader
from pypdf.generic import NullObject
from sqlmodel import select

from tracker import db
from tracker.letters import rappel, voortgangsbrief as letters
from tracker.models import Ministry


def fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font the pages use, and whether its program is in the file."""
    found = {}
    for page in reader.pages:
        for font in page["/Resources"].get_object().get("/Font", {}).values():
            font = font.get_object()
            for part in [font] + [f.get_object() for f in font.get("/DescendantFonts", [])]:
                descriptor = part.get("/FontDescriptor")
                if descriptor is not None:
                    descriptor = descriptor.get_object()
                    found[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2",
                                                                                   "/FontFile3"))
    return found


def layers(reader: PdfReader) -> list[tuple[str, str, set[int]]]:
    """Per page: the text marked as artifact, the text marked as content, and the MCIDs the content uses."""
    result = []
    for page in reader.pages:
        stack, mcids, parts = [], set(), {"artifact": [], "content": []}

        def before(operator, operands, cm, tm):
            if operator in (b"BDC", b"BMC"):
                tag = str(operands[0])
                stack.append(tag)
                if operator == b"BDC" and hasattr(operands[1], "get") and "/MCID" in operands[1]:
                    mcids.add(int(operands[1]["/MCID"]))
            elif operator == b"EMC" and stack:
                stack.pop()

        def text(chunk, cm, tm, font, size):
            parts["artifact" if "/Artifact" in stack else "content"].append(chunk)

        page.extract_text(visitor_operand_before=before, visitor_text=text)
        result.append((" ".join("".join(parts["artifact"]).split()), " ".join("".join(parts["content"]).split()),
                       mcids))
    return result


def reachable(reader: PdfReader) -> set[int]:
    """The object numbers of the structure elements under the StructTreeRoot."""
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    seen, todo = set(), [root["/K"]]
    while todo:
        kid = todo.pop()
        if isinstance(kid, list):
            todo.extend(kid)
            continue
        if not hasattr(kid, "idnum"):
            continue  # an MCID
        if kid.idnum in seen:
            continue
        seen.add(kid.idnum)
        element = kid.get_object()
        if "/K" in element:
            todo.append(element.raw_get("/K") if hasattr(element, "raw_get") else element["/K"])
    return seen


def assert_archival(pdf: bytes, running_header: str | None) -> list[tuple[str, str, set[int]]]:
    reader = PdfReader(BytesIO(pdf))
    used = fonts(reader)
    assert used and all(used.values()), f"fonts not embedded: {[f for f, e in used.items() if not e]}"
    pages = layers(reader)
    total = len(pages)
    in_tree = reachable(reader)
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for number, (artifact, content, mcids) in enumerate(pages, start=1):
        # pagination is an artifact, never read as part of the letter
        assert f"Pagina {number} van {total}" in artifact
        assert "Pagina" not in content
        # every piece of content the page marks belongs to an element of the structure tree
        entries = parents[int(reader.pages[number - 1]["/StructParents"])]
        for mcid in mcids:
            entry = entries[mcid]
            assert not isinstance(entry, NullObject) and entry.idnum in in_tree, (number, mcid)
        if running_header and number > 1:
            assert running_header in artifact and running_header not in content.replace(running_header, "", 1)
    if running_header:
        assert running_header not in pages[0][0]  # page 1 has no running header at all
    return pages


def test_voortgangsbrief_fonts_embedded_and_header_and_footer_artifacts(demo):
    with db.transaction(demo) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).first()
        view = letters.compose(session, ministry, on=date(2021, 11, 26), concept=False, everything=True,
                               kenmerk="OCW-2021-77").view
    pages = assert_archival(letters.render_pdf(view), "Kenmerk OCW-2021-77")
    assert len(pages) >= 3
    # the Kenmerk stands once in page 1's content (the colofon), nowhere else as content
    assert all("Kenmerk OCW-2021-77" not in content for _, content, _ in pages[1:])
    assert "Voortgang uitvoering moties en toezeggingen" in pages[0][1]


def test_rappel_fonts_embedded_and_page_numbers_artifacts(demo):
    with db.transaction(demo) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).first()
        rows = rappel.rappel_rows(session, ministry.id, "TK", date(2026, 7, 1))
        letter = rappel.letter_for(rows, ministry, "TK", date(2026, 7, 1), date(2026, 7, 3), None, "", True, None)
    assert len(assert_archival(rappel.render_pdf(letter), None)) >= 2


def test_a_concepts_mark_is_an_artifact_on_every_page(demo):
    """"CONCEPT" across every page is the pages' background, never text a screen reader reads as the letter's."""
    with db.transaction(demo) as session:
        ministry = session.exec(select(Ministry).where(Ministry.code == "OCW")).first()
        view = letters.compose(session, ministry, on=date(2021, 11, 26), concept=True, everything=True).view
        rows = rappel.rappel_rows(session, ministry.id, "TK", date(2026, 7, 1))
        letter = rappel.letter_for(rows, ministry, "TK", date(2026, 7, 1), date(2026, 7, 3), None, "", True, None)
    for pdf in (letters.render_pdf(view), rappel.render_pdf(letter)):
        pages = assert_archival(pdf, None)
        for number, (artifact, content, _) in enumerate(pages, start=1):
            assert "C O N C E P T" in artifact or "CONCEPT" in artifact.replace(" ", ""), number
            # as content only the kenmerk "CONCEPT" in the colofon of page 1, never the mark
            assert content.count("CONCEPT") <= (1 if number == 1 else 0), (number, content[:200])
    assert 'class="watermark"' in letters.render_html(view)  # the HTML preview still shows it on screen
