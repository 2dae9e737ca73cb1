"""What the search index holds and what a query asks, as words: pure Python, no database.

Both engines (SQLite FTS5, PostgreSQL full text) split text into words at every sign that is no letter or digit, so
"35628, nr. 10" and "35 628, nr. 10" become different words and "35628-10" a third set. The index therefore also
holds one *citation key* per paper a text cites, spelled the same however the citation was typed:

    "35628, nr. 10" / "35 628, nr. 10" / "35628-10" / "Kamerstukken II 2020/21, 35628, nr. 10"  → ks35628n10
    "36600 VIII, nr. 123" / "36600-VIII-123"                                                  → ks36600viiin123
    "36011, H" (Eerste Kamer)                                                                 → ks36011lh
    every one of them also names its dossier                                                  → ks35628, ks36600viii
    "Aanhangsel Handelingen II 2023/24, nr. 429"                                             → ahtk202324n429

and a query is read the same way: its citations become keys, the words that only dress a citation ("Kamerstukken",
"II", "2020/21", "nr.") are dropped, every other word is a word to find. Zaak numbers ("2026Z90015") and T-numbers
are one word to both engines already.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# a dossier: "35628", "35 628", "21501-31", "21 501-31", "36600 VIII", "36600-VIII", "35526/25295"
_DOSSIER = r"(?P<d>\d{2}\s?\d{3})(?!\d)(?P<slash>\s*/\s*\d{2}\s?\d{3})?(?P<hyph>-\d{1,3}(?!\d))?" \
           r"(?P<ch>[\s-]+(?:[IVXL]{1,5}[AB]?|[A-K])(?![\w]))?"
# a paper of it: ", nr. 10", " nr 10", "-10" (only right after the dossier), ", H"
_PAPER = re.compile(r"(?<![\w/])" + _DOSSIER +
                    r"(?:\s*,?\s*(?:nrs?\.?|nummer)\s*(?P<nr>\d{1,4})(?!\d)"
                    r"|\s*-\s*(?P<nr2>\d{1,4})(?![\d\w])"
                    r"|\s*,\s*(?P<letter>[A-Z]{1,3})(?![\w]))?", re.UNICODE)
_AANHANGSEL = re.compile(r"Aanhangsel\s+(?:Handelingen\s+)?(?P<ch>II|I)?\s*,?\s*(?:vergaderjaar\s+)?"
                         r"(?P<a>(?:19|20)\d{2})\s*[/–-]\s*(?P<b>(?:19|20)?\d{2})\s*,?\s*(?:nr\.?|nummer)\s*(?P<nr>\d{1,5})",
                         re.I)
# what dresses a citation in a query and is no word to find
_DRESSING = re.compile(r"\b(?:kamerstukken|kamerstuk|aanhangsel|handelingen|vergaderjaar|nrs?|nummer|ii|i)\b\.?"
                       r"|\b(?:19|20)\d{2}\s*[/–-]\s*(?:19|20)?\d{2}\b", re.I)
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY = 200  # characters of a query read; more is no search a person types
MAX_TERMS = 12


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case without accents: "Bijlagé" → "bijlage" (what both engines compare)."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.lower()))


def dossier_key(dossier: str) -> str:
    """"36600 VIII" → "36600viii", "21 501-31" → "21501s31", "35526/25295" → "35526x25295"."""
    text = fold(dossier).replace(" ", "")
    text = re.sub(r"/", "x", text)
    text = re.sub(r"^(\d{5}(?:x\d{5})?)-(\d)", r"\1s\2", text)
    return re.sub(r"[^0-9a-z]", "", text)


@dataclass(frozen=True)
class Citation:
    dossier: str  # the key of the dossier: "35628", "36600viii"
    number: str | None = None
    letter: str | None = None
    # "35628-10" read as a sub-dossier (21501-31) too: the key of that reading
    other_dossier: str | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        """What an index entry citing this paper holds: the paper and its dossier."""
        return tuple(k for k in (self.paper_key, "ks" + self.dossier) if k)

    @property
    def paper_key(self) -> str | None:
        if self.number:
            return f"ks{self.dossier}n{int(self.number)}"
        if self.letter:
            return f"ks{self.dossier}l{self.letter.lower()}"
        return None


def _citation(match: re.Match, query: bool) -> Citation | None:
    dossier = match["d"].replace(" ", "") + (match["slash"] or "").replace(" ", "")
    chapter = (match["ch"] or "").strip(" -")
    if chapter and not query and not chapter.isupper():
        chapter = ""
    hyphen = (match["hyph"] or "")
    number, letter = match["nr"] or match["nr2"], match["letter"]
    other = None
    if hyphen and not number and not letter and not chapter:
        # "35628-10": paper 10 of 35628, or dossier 21501-31 — both readings are kept
        number = hyphen[1:]
        other = dossier_key(dossier + hyphen)
        hyphen = ""
    key = dossier_key(dossier + hyphen + (" " + chapter if chapter else ""))
    if not (number or letter or chapter or hyphen) and not query:
        return None  # a bare five-digit number in a text is too often no dossier (an amount, a postcode)
    return Citation(key, number, letter, other)


def citations(text: str | None) -> list[Citation]:
    """The Kamerstukken a text cites (each once)."""
    found: dict[Citation, None] = {}
    for match in _PAPER.finditer(text or ""):
        citation = _citation(match, query=False)
        if citation:
            found[citation] = None
    return list(found)


def aanhangsel_keys(text: str | None) -> list[str]:
    keys = []
    for match in _AANHANGSEL.finditer(text or ""):
        chamber = "ek" if (match["ch"] or "II").upper() == "I" else "tk"
        keys.append(f"ah{chamber}{match['a']}{match['b'][-2:]}n{int(match['nr'])}")
    return list(dict.fromkeys(keys))


def keys_of(*texts: str | None) -> str:
    """The citation keys of these texts, as one line of words for the index."""
    keys: dict[str, None] = {}
    for text in texts:
        for citation in citations(text):
            keys.update(dict.fromkeys(citation.keys))
        keys.update(dict.fromkeys(aanhangsel_keys(text)))
    return " ".join(keys)


def dossier_keys(dossier: str | None, stuknummer: str | None) -> str:
    """A document's own Kamerstuk from its stored parts ("35628", "10" or "H")."""
    if not dossier:
        return ""
    key = dossier_key(dossier)
    paper = ""
    if stuknummer and stuknummer.isdigit():
        paper = f"ks{key}n{int(stuknummer)}"
    elif stuknummer:
        paper = f"ks{key}l{fold(stuknummer)}"
    return f"{paper} ks{key}".strip()


@dataclass
class Query:
    """A query read: words to find (each must occur, any form) and groups of citation keys (one of each group)."""

    words: list[str] = field(default_factory=list)
    keys: list[tuple[str, ...]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.words or self.keys)

    @property
    def highlight_words(self) -> list[str]:
        return self.words


def read_query(text: str | None) -> Query:
    """"Vijlbrief 35 628, nr. 10" → words ["vijlbrief"], keys [("ks35628n10",)]."""
    text = (text or "")[:MAX_QUERY]
    query = Query()
    for match in _AANHANGSEL.finditer(text):
        chamber = "ek" if (match["ch"] or "II").upper() == "I" else "tk"
        query.keys.append((f"ah{chamber}{match['a']}{match['b'][-2:]}n{int(match['nr'])}",))
    text = _AANHANGSEL.sub(" ", text)

    def take(match: re.Match) -> str:
        citation = _citation(match, query=True)
        if citation is None:
            return match[0]
        if citation.paper_key:
            keys = [citation.paper_key] + (["ks" + citation.other_dossier] if citation.other_dossier else [])
            query.keys.append(tuple(keys))
        elif len(match["d"].replace(" ", "")) == 5 and not (match["ch"] or match["slash"] or match["hyph"]):
            # "35628" alone: the dossier, or the number as a word anywhere
            query.keys.append(("ks" + citation.dossier, citation.dossier))
        else:
            query.keys.append(("ks" + citation.dossier,))
        return " "
    cited = _PAPER.sub(take, text)
    if query.keys:
        cited = _DRESSING.sub(" ", cited)
    for word in _WORD.findall(fold(cited)):
        if word.strip("_") and word not in query.words:
            query.words.append(word.strip("_"))
    query.words = [w for w in query.words if w][:MAX_TERMS]
    query.keys = query.keys[:MAX_TERMS]
    return query


def sqlite_match(query: Query, prefix: bool = True) -> str:
    """The FTS5 MATCH expression: every word (as a prefix, with a Dutch plural or genitive ending taken off) and one
    key of every group. Every term is quoted: nothing a person types is FTS5 syntax."""
    parts = []
    for word in query.words:
        stem = _light_stem(word)
        parts.append(f'"{stem}"*' if prefix and not stem.isdigit() else f'"{stem}"')
    for group in query.keys:
        alternatives = " OR ".join(f'"{key}"' for key in group)
        parts.append(f"({alternatives})" if len(group) > 1 else alternatives)
    return " AND ".join(parts)


def postgresql_tsquery(query: Query, joined: str = " & ", weights: str = "") -> str:
    """The to_tsquery('dutch', …) text: every word stemmed by PostgreSQL, as a prefix; keys exactly. Only letters and
    digits reach it (read_query splits at everything else), so nothing typed is tsquery syntax. weights ("ABC"): every
    term found only in text of those weights (the public register's columns)."""
    parts = []
    for word in query.words:
        parts.append(f"{word}:*{weights}" if not word.isdigit() else (f"{word}:{weights}" if weights else word))
    for group in query.keys:
        parts.append("(" + " | ".join(f"{key}:{weights}" if weights else key for key in group) + ")")
    return joined.join(parts)


def _light_stem(word: str) -> str:
    """SQLite has no Dutch stemmer: "algoritmen" → "algoritm", "moties" → "moti", "bewindspersonen" → "bewindsperson",
    searched as a prefix, finds the singular and the plural."""
    if word.isdigit() or len(word) < 6:
        return word
    for ending in ("en", "es", "s"):
        if word.endswith(ending):
            return word[: -len(ending)]
    return word


def highlight(text: str | None, words: list[str], width: int = 220) -> list[tuple[str, bool]] | None:
    """A stretch of text around the first word found, as (piece, marked) pairs for a template to escape and mark;
    None when no word occurs. A word is found at the start of a word of the text, in any case, with or without
    accents, and by its light stem (the way the engines found it)."""
    if not text or not words:
        return None
    folded = fold(text)
    if len(folded) != len(text):  # a character whose folding changed the length: compare unfolded
        folded = text.lower()
    stems = sorted({_light_stem(w)[:max(3, len(_light_stem(w)) - 1)] if len(w) > 4 else w for w in words}, key=len,
                   reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.UNICODE)
    first = pattern.search(folded)
    if first is None:
        return None
    start = 0 if len(text) <= width else max(0, first.start() - width // 3)
    if start:
        space = folded.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 and start - space < 30 else start
    end = min(len(text), start + width)
    pieces: list[tuple[str, bool]] = [("…", False)] if start else []
    at = start
    for match in pattern.finditer(folded, start, end):
        if match.start() > at:
            pieces.append((text[at:match.start()], False))
        pieces.append((text[match.start():min(match.end(), end)], True))
        at = min(match.end(), end)
    if at < end:
        pieces.append((text[at:end], False))
    if end < len(text):
        pieces.append(("…", False))
    return pieces


def cited_pieces(text: str | None) -> list[tuple[str, str | None, str | None]]:
    """A text cut at the papers it cites: (piece, official address or None, dossier or None) — for a page that
    makes every citation a link ("… (Kamerstukken 30420, nr. 360) …", "Aanhangsel Handelingen II 2023/24, nr. 429").
    Pure; the template escapes every piece."""
    from ..domain import citations as cite

    if not text:
        return []
    found: list[tuple[int, int, str, str | None]] = []  # start, end, address, dossier
    for match in _AANHANGSEL.finditer(text):
        chamber = "EK" if (match["ch"] or "II").upper() == "I" else "TK"
        url = cite.official_url(aanhangsel=match["nr"], vergaderjaar=f"{match['a']}/{match['b']}", chamber=chamber)
        if url:
            found.append((match.start(), match.end(), url, None))
    for match in _PAPER.finditer(text):
        if any(start <= match.start() < end for start, end, _, _ in found):
            continue
        number = match["nr"] or match["nr2"] or match["letter"]
        hyphen = match["hyph"] or ""
        chapter = match["ch"].strip(" -") if match["ch"] and match["ch"].strip(" -").isupper() else ""
        if not number and hyphen and not chapter:
            number, hyphen = hyphen[1:], ""  # "35628-10": paper 10 of 35628
        if not number:
            continue
        dossier = (match["d"].replace(" ", "") + (match["slash"] or "").replace(" ", "") + hyphen
                   + (" " + chapter if chapter else ""))
        url = cite.official_url(dossier, number)
        if url:
            found.append((match.start(), match.end(), url, cite.kamerstuk(dossier).dossier))
    pieces: list[tuple[str, str | None, str | None]] = []
    at = 0
    for start, end, url, dossier in sorted(found):
        if start > at:
            pieces.append((text[at:start], None, None))
        pieces.append((text[start:end], url, dossier))
        at = end
    if at < len(text):
        pieces.append((text[at:], None, None))
    return pieces
