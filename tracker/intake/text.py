"""The text of a parliamentary paper: read from .txt or .pdf, cleaned into lines and running text.

Parliamentary PDFs break words at line ends ("verbe-\\nterplan"), put footnote numbers against words
("Zaken1") and leave blank lines between text lines. Extraction works on both the lines (headings, "Aan …",
"Den Haag, …") and the running text (sentences that span lines).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..errors import Problem, ValidationError
from ..uploads import HEAD, kind_of

# A sentence ends at . ? or ! before white space, also behind a closing quote or bracket and a footnote number
# ("… niemand wil het betalen.».1 Op 14 maart …").
_BOUNDARY = re.compile(r"[.?!](?:[»”\"’')\]]{1,2}\d{0,2}|\d{1,2}(?=\s+[A-Z]))?(?=\s)\s*")
# Abbreviations whose full stop does not end a sentence ("nr. 3", "7 november jl. (Kamerstuk …)", "J. W. E. Spies").
_ABBREVIATION = re.compile(r"(?:\b(?:nrs?|jl|j\.l|a\.s|c\.s|d\.d|o\.a|bijv|mr|dr|mw|drs|prof|art|blz|ca|resp|m\.b\.t|t\.a\.v|"
                           r"i\.v\.m|z\.s\.m|e\.d|etc|vs|incl|excl|St|nl|vgl|zgn|mln|mld|dhr|mevr|ir|ing)|(?<![\w.'’])(?-i:[A-Z]))$",
                           re.I)
# A footnote as the text layer of a paper gives it: its number, two or more spaces, its text ("5   Zie brief …").
_FOOTNOTE = re.compile(r"(\d{1,3})\s{2,}(?=\S)")


def read_document(path: Path) -> str:
    """The text of a text file (UTF-8 or Windows-1252) or a PDF, told by content; a clear error for anything else."""
    return document_text(path.read_bytes(), path.name)


def document_text(raw: bytes, name: str = "document") -> str:
    """The text of an uploaded or given paper: a PDF's text layer, or plain text; anything else is refused."""
    kind = kind_of(raw[:HEAD])
    if kind == "pdf":
        return pdf_text(raw, name)
    if kind != "text":
        raise ValidationError([Problem(f"{name} is geen PDF en geen tekstbestand; alleen die kunnen worden ingelezen")])
    return decode_text(raw, name)


def decode_text(raw: bytes, name: str = "document") -> str:
    """A plain-text file's text: UTF-8 (with or without BOM), else Windows-1252 (what Word saves as "Tekst")."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise ValidationError([Problem(f"{name} is geen tekst in UTF-8 of Windows-1252")]) from None


MAX_PAGES = 5_000  # a verslag of a thousand pages fits; a PDF that claims more is refused before it is read
# Characters of text a PDF may hold (as intake reads at most: tracker.intake.proposal.MAX_CHARS). Counted page by
# page before a page's text is taken out: 300 KB of PDF can inflate to 300 MB of text (687 MB of memory).
MAX_TEXT = 10_000_000


def pdf_text(data: bytes, name: str = "document") -> str:
    """The text layer of a PDF, page by page. PDFium (Chromium's PDF engine) reads it: some 3 ms a page where
    pypdf took 50, and it was built to open hostile files."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise ValidationError([Problem(f"{name} is geen leesbare PDF ({str(error)[:200]})")]) from None
    try:
        if len(document) > MAX_PAGES:
            raise ValidationError([Problem(f"{name} heeft {len(document):,} pagina's; intake leest er hoogstens "
                                           f"{MAX_PAGES:,}: lees het in delen in".replace(",", "."))])
        pages, characters = [], 0
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            characters += textpage.count_chars()
            if characters > MAX_TEXT:
                textpage.close()
                page.close()
                raise ValidationError([Problem(f"{name} bevat meer dan {MAX_TEXT:,} tekens tekst (op pagina {index + 1} "
                                               f"al {characters:,}); intake leest er hoogstens zoveel: lees het in "
                                               f"delen in".replace(",", "."))])
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    except pdfium.PdfiumError as error:
        raise ValidationError([Problem(f"{name} is geen leesbare PDF of gaat de grenzen van de lezer te buiten "
                                       f"({str(error)[:200]})")]) from None
    finally:
        document.close()
    text = "\n".join(pages).replace("\r\n", "\n")
    if not text.strip():
        raise ValidationError([Problem(f"{name} bevat geen tekst (een scan? dan is eerst tekstherkenning nodig)")])
    return text


@dataclass
class Text:
    """A paper (or one letter in it) as lines and as running text.

    The running text, and whatever a reader works out from the whole paper once (its footnotes, its
    ministry), are kept after the first time: a verslag of a hundred letters asks for them per letter and per
    sentence, and working them out again each time made intake quadratic in the length of the paper.
    Build a Text from its complete lines (tracker.intake.split fills them before anyone reads them).
    """

    lines: list[str]
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def flat(self) -> str:
        return join_lines(footnotes_last(self.lines))

    def memo(self, key: str, compute):
        """compute(self), worked out once per Text."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]

    def bounds(self, flat: str | None = None) -> list[tuple[int, int]]:
        """Where sentences end in the running text: (position of the full stop, start of the next sentence)."""
        if flat is None or flat is self.flat:
            return self.memo("bounds", lambda text: sentence_bounds(text.flat))
        return sentence_bounds(flat)

    def span(self, start: int, end: int, flat: str | None = None) -> tuple[int, int]:
        """The start and end of the sentence around flat[start:end]."""
        flat = flat if flat is not None else self.flat
        bounds = self.bounds(flat)
        at = bisect_right(bounds, (start, -1))
        left = bounds[at - 1][1] if at and bounds[at - 1][1] <= start else 0
        following = bisect_right(bounds, (max(end - 1, 0), -1))
        right = bounds[following][0] + 1 if following < len(bounds) else len(flat)
        return left, right

    def sentence(self, start: int, end: int, flat: str | None = None, reach: int = 160) -> str:
        """The sentence around flat[start:end]: what a person checks a proposed field against. Layouts without
        full stops (a nota's colofon) are cut to `reach` characters either side, at a word boundary."""
        flat = flat if flat is not None else self.flat
        left, right = self.span(start, end, flat)
        if start - left > reach:
            left = flat.find(" ", start - reach) + 1
        if right - end > reach:
            right = flat.rfind(" ", 0, end + reach)
        return flat[left:right].strip()


def clean_lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r", "").replace("\u00a0", " ").split("\n") if line.strip()]


def footnotes_last(lines: list[str]) -> list[str]:
    """The lines with the footnotes moved to the end, without their numbers, each a sentence of its own.

    In the text layer a footnote stands where its page ended, often in the middle of a body sentence, and
    seldom has a full stop: left in place it ran on into the body ("… aan de Kamer zal worden gezonden Bij
    de aanpak …") and cut the body sentence in two. A footnote goes on until a line ends a sentence or the
    next line starts with a capital.
    """
    body, notes, in_note = [], [], False
    for line in lines:
        start = _FOOTNOTE.match(line)
        if start:
            notes.append([line[start.end():]])
        elif in_note and line[:1].islower():
            notes[-1].append(line)
        else:
            body.append(line)
        in_note = (bool(start) or (in_note and line[:1].islower())) and not line.endswith((".", "!", "?"))
    for note in notes:
        if not note[-1].endswith((".", "!", "?")):
            note[-1] += "."
    return body + [line for note in notes for line in note]


# Lines that stand alone however they end: the parts of a Kamerstuk's head and a letter's head, question and
# answer headings, table rows. Running text would otherwise glue them to the first sentence after them.
# A line in capitals is two or more words of capitals (or one of four letters or more), then at most one
# word of anything: "BRIEF VAN DE MINISTER …", "LIJST VAN VRAGEN EN ANTWOORDEN 2024". It was written
# ^(?:[A-Z]{2,}[\s,.-]*){2,}\S*$, which can cut a word of capitals into pieces in exponentially many ways and
# tried them all when the line did not end as it wanted (a 120-character heading took hours). Now the words
# are taken whole, once (an atomic group), and a lookahead asks for the second word: the same lines match
# (checked against the old pattern on every string of up to nine characters over capitals, separators, a
# lower-case letter and a digit).
_CAPITALS_LINE = (r"^(?=[A-Z]{4}|[A-Z]{2,}[\s,.-]+[A-Z]{2})(?>[A-Z]{2,}(?:[\s,.-]+[A-Z]{2,})*[\s,.-]*)\S*$")
_STANDALONE = re.compile(
    r"^(?:Den Haag,?|Datum:?|Vastgesteld|Voorgesteld|Vergaderjaar|Tweede Kamer der|Eerste Kamer der)\b|"
    r"^Aan (?:de|het)\b.{0,90}$|^\d{2}\s?\d{3}\b(?!,)|^Nr\.\s*\d+|^(?:Vraag|Antwoord|Vragen)\s+\d+$|\|\s*$|"
    rf"{_CAPITALS_LINE}|^(?:BIJLAGE|Bijlage)\b|^(?:Motie|Moties|Toezeggingen|De Kamer,)$")
# A short line without end punctuation before a capital is a heading unless it ends on a word that needs more.
_CONTINUES = re.compile(r"\b(?:de|het|een|van|en|of|te|op|in|voor|met|aan|om|dat|die|bij|naar|over|uit|tot|door|"
                        r"zijn|is|wordt|worden|heeft|hebben|zal|kan|als|dan|ook|nog|deze|dit|mijn|uw|haar|hun)$", re.I)


def ends_on_its_own(line: str, following: str | None) -> bool:
    """Does this line end a sentence although it has no full stop (a heading, a letterhead line)?"""
    if line.endswith((".", "!", "?", ":", ";", ",", "-")) or following is None:
        return False
    if _STANDALONE.search(line):
        return True
    return (len(line) < 60 and following[:1].isupper() and not _CONTINUES.search(line)
            and not following.startswith(("Kamer", "Staten")))


# A salutation or greeting says nothing and ends in a comma: left in, it ran into the first sentence.
_SALUTATION = re.compile(r"^(?:Geachte\s+(?:voorzitter|heer|mevrouw|leden)\b.{0,60}|Hoogachtend|Met vriendelijke groet)\s*,?$",
                         re.I)


def join_lines(lines: list[str]) -> str:
    """Running text: lines joined with spaces; a word broken at the line end is joined again
    ("verbe-" + "terplan"), a real hyphen kept ("GroenLinks-" + "PvdA"); a heading ends as a sentence."""
    parts: list[str] = []
    for index, line in enumerate(lines):
        if _SALUTATION.match(line):
            if parts and not parts[-1].endswith((".", "!", "?", ":")):
                parts[-1] += "."
            continue
        if parts and parts[-1].endswith("-") and len(parts[-1]) > 1 and parts[-1][-2].isalpha():
            parts[-1] = parts[-1][:-1] + line if line[:1].islower() else parts[-1] + line
        else:
            parts.append(line)
        if ends_on_its_own(line, lines[index + 1] if index + 1 < len(lines) else None):
            parts[-1] += "."
    return " ".join(parts)


# The dagtekening ends the letter's head, full stop or not: in a PDF's text layer the head and the first sentence run on
# one line ("… Aan de Voorzitter van de Tweede Kamer der Staten-Generaal Den Haag, 13 november 2009 Op 19 september jl.
# heeft de vaste commissie … verzocht …", OCW 2009), and the first sentence is not the head's.
_DATELINE_END = re.compile(r"\bDen Haag,?\s+\d{1,2}\s+[a-z]{3,9}\s+(?:19|20)\d{2}(?P<end>)\s+(?=[A-Z])")


def sentence_bounds(flat: str) -> list[tuple[int, int]]:
    """(full stop, next sentence start) for every sentence end that is not an abbreviation's full stop, and the end
    of a dateline."""
    found = []
    for match in _BOUNDARY.finditer(flat):
        if flat[match.start()] == "." and _ABBREVIATION.search(flat, max(0, match.start() - 8), match.start()):
            continue
        found.append((match.start(), match.end()))
    datelines = [(match.start("end") - 1, match.end()) for match in _DATELINE_END.finditer(flat)]
    return sorted(found + datelines) if datelines else found


def sentences(flat: str) -> list[str]:
    parts, left = [], 0
    for stop, following in sentence_bounds(flat):
        if following < len(flat) and not re.match(r"[A-Z0-9‘'\"(«–-]", flat[following]):
            continue
        parts.append(flat[left:stop + 1].strip())
        left = following
    parts.append(flat[left:].strip())
    return [p for p in parts if p]
