"""Every letter's PDF: tagged (PDF/UA-1), fonts embedded, and the running header and page numbers as artifacts.

WeasyPrint (70) tags the text of the page-margin boxes (the running header "Voortgang … · Kenmerk …" and "Pagina 2
van 5") as content it then leaves out of the structure tree: marked with an MCID that the ParentTree maps to a
structure element no reader can reach. PDF/UA wants such pagination to be an artifact, so that a screen reader
does not read "Pagina 2 van 5" in the middle of a sentence. The finisher below rewrites exactly those marks as
/Artifact (type Pagination) and drops them from the ParentTree, on WeasyPrint's own objects before the file is
written: no second parse of the PDF, and the same letter still gives the same bytes.
"""
from __future__ import annotations

from urllib.parse import quote

import pydyf

PAGINATION = pydyf.Dictionary({"Type": "/Pagination"})
# A concept's "CONCEPT" across every page, as the pages' background: WeasyPrint paints backgrounds as artifacts, so
# a screen reader does not read "CONCEPT" at the top of every page as the letter's text (a positioned element was
# tagged as content). A square image, so one mark fits the portrait letter and the landscape annex alike.
_MARK = ("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 200 200'><text x='100' y='100' text-anchor='middle' "
         "dominant-baseline='middle' transform='rotate(-35 100 100)' font-family='Liberation Sans, DejaVu Sans, "
         "sans-serif' font-weight='bold' font-size='34' letter-spacing='8' fill='rgb(160,20,30)' "
         "fill-opacity='0.14'>CONCEPT</text></svg>")
CONCEPT_PAGES = ('@media print { @page { background: url("data:image/svg+xml;charset=utf-8,%s") no-repeat center / '
                 '190mm 190mm; } .watermark { display: none; } }' % quote(_MARK))


def write_pdf(html: str, base_url: str) -> bytes:
    """The HTML as a tagged PDF/UA-1 file with its margin boxes as artifacts."""
    from weasyprint import HTML  # heavy: imported only when a PDF is made

    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant="pdf/ua-1", finisher=margins_as_artifacts)


def _object(pdf: pydyf.PDF, reference) -> pydyf.Object | None:
    """The object an indirect reference (b"12 0 R") points to."""
    if isinstance(reference, bytes) and reference.endswith(b" R"):
        return pdf.objects[int(reference.split()[0])]
    return None


def _reachable(pdf: pydyf.PDF, root: pydyf.Dictionary) -> set[int]:
    """The numbers of the structure elements in the tree under the StructTreeRoot."""
    seen: set[int] = set()
    todo = list(root.get("K", []))
    while todo:
        element = _object(pdf, todo.pop())
        if element is None or element.number in seen or not isinstance(element, pydyf.Dictionary):
            continue
        seen.add(element.number)
        todo.extend(element.get("K", []))
    return seen


def margins_as_artifacts(document, pdf: pydyf.PDF) -> None:
    """Mark the text WeasyPrint tagged outside the structure tree (the margin boxes) as pagination artifacts."""
    root = _object(pdf, pdf.catalog.get("StructTreeRoot"))
    if root is None:  # an untagged PDF has nothing to fix
        return
    in_tree = _reachable(pdf, root)
    nums = _object(pdf, root["ParentTree"])["Nums"]
    parents = {nums[i]: nums[i + 1] for i in range(0, len(nums), 2)}
    for reference in pdf.page_references:
        page = _object(pdf, reference)
        mcids = parents.get(page.get("StructParents"))
        if mcids is None:
            continue
        stray = {mcid for mcid, element in enumerate(mcids)
                 if isinstance(element, bytes) and _object(pdf, element).number not in in_tree}
        if not stray:
            continue
        for mcid in stray:
            _object(pdf, mcids[mcid]).clear()  # an unreachable, now empty, element
            mcids[mcid] = "null"
        ops = _object(pdf, page["Contents"]).stream
        for i in range(1, len(ops) - 1):
            mark = ops[i]
            if isinstance(mark, pydyf.Dictionary) and mark.get("MCID") in stray and ops[i + 1] == b"BDC":
                ops[i - 1], ops[i] = "/Artifact", PAGINATION
