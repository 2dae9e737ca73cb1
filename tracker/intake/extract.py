"""What a parliamentary letter says, field by field, each with the sentence it was read from.

Pure functions over tracker.intake.text.Text. The patterns follow the fixed formulas of parliamentary
correspondence (Aanwijzingen voor de regelgeving, Kamer practice), not one particular document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..domain import citations
from ..domain.dutch import TEXT_DATE_RE, DateParseError, Term, parse_date, parse_term
from .text import Text

DATE = rf"(?:{TEXT_DATE_RE})"
_DAGTEKENING = [
    re.compile(rf"\bDen Haag,?\s+(?P<d>{DATE})", re.I),
    # the letterhead of the ministries' letters of 2005–2010, its labels and values in one line of text: "Den Haag
    # Ons kenmerk Uw brief van Uw kenmerk 13 juli 2007 BVE/BMO/2007/29618 28 juni 2007" (the first date is the
    # dagtekening)
    re.compile(rf"^Den Haag\s+(?:(?:Ons|Uw)\s+kenmerk|Uw brief van|Datum|Onderwerp|Doorkiesnummer|Bijlage\w*|\s)+(?P<d>{DATE})"),
    re.compile(rf"(?:^|\s)Datum:?\s+(?P<d>{DATE})"),
    # "Vastgesteld 16 april 2010"; the 2010 typesetting of a TK verslag can lose the space: "Vastgesteld16 april
    # 2010" (kst-21501-31-207)
    re.compile(rf"\bVastgesteld\s*(?P<d>{DATE})", re.I),
]
# A committee's kenmerk of 2010–2012 has spaces: "met kenmerk 32 500 C/2011D20325" (BZK, 2011) — read whole, not "32".
_KENMERK = re.compile(r"\b(?:[Kk]enmerk|[Oo]nze referentie|[Uu]w referentie|[Oo]ns kenmerk|[Uu]w kenmerk|[Rr]eferentie)"
                      r"\s*:?\s+(?P<k>\d{2}\s\d{3}(?:\s[A-Z]{1,4})?/(?:19|20)\d{2}D\d{4,6}|[0-9A-Z][0-9A-Za-z./-]*\d[0-9A-Za-z./-]*)")
_REFERENCE = re.compile(
    r"Kamerstukken\s*(?P<chamber>I{1,2})?\s*,?\s*(?:vergaderjaar\s+)?(?P<year>\d{4}\s*[/-]\s*\d{2,4})?\s*,?\s*"
    r"(?P<dossier>\d{2}(?:\s?\d{3}))(?P<suffix>(?:\s?-?\s?[IVXL]+)?)\s*,\s*(?:nr\.?\s*(?P<nr>\d+)|(?P<letter>[A-Z]{1,3})\b)")
# The term a letter sets for its own reply: "binnen vier weken na dagtekening van deze brief", "ontvangen de
# antwoorden graag binnen vier weken", "verneemt de commissie graag binnen zes weken".
_OWN_TERM = re.compile(r"binnen\s+(?P<term>(?:\d+|[a-zé]+)\s+(?:dagen|dag|weken|week|maanden|maand))\s+na\s+"
                       r"(?:de\s+)?dagtekening\s+van\s+deze\s+brief|\b(?:ontvangen|ontvangt|vernemen|verneemt|zien|ziet)"
                       r"\b[^.]{0,80}?\bgraag\b[^.]{0,30}?\bbinnen\s+(?P<term2>(?:\d+|[a-zé]+)\s+(?:dagen|weken|maanden))\b",
                       re.I)
_DELAY = [re.compile(p, re.I) for p in (
    r"niet binnen de (?:gebruikelijke |gestelde |gevraagde |afgesproken |toegezegde )?termijn",
    r"niet binnen (?:de )?(?:drie|vier|zes) weken",
    r"wordt (?:de reactie|het antwoord|de beantwoording|mijn reactie) (?:nog )?voorbereid",
    r"\buitstel(?:bericht|brief)?\b",
    r"(?:kan|kunnen) (?:de vragen )?(?:nog )?niet (?:binnen [^.]*? )?(?:worden )?beantwoord",
    # "Het is mij helaas niet gelukt …", "Het is daarom niet mogelijk het verslag voor 29 april te beantwoorden"
    # (kst-34389-6, 2016)
    r"\bhet is (?:mij |ons )?(?:helaas |daarom |dan ook )?niet (?:gelukt|mogelijk)\b",
    # "deel ik u mee dat de beantwoording zal worden vertraagd" (OCW, 2007)
    r"\b(?:beantwoording|reactie|brief)\s+(?:zal\s+)?(?:worden\s+)?vertraagd\b",
    r"\bdat het niet mogelijk is\b[^.]{0,80}\b(?:termijn|beantwoorden|sturen|zenden)\b",
    # the same with the verb first: "Daarom is het niet mogelijk de vragen binnen de gestelde termijnen te
    # beantwoorden." (VenW uitstelbrief for Kamervragen and committee requests, 2009)
    r"\bis het (?:dan ook |daarom |helaas )?niet mogelijk\b[^.]{0,80}\b(?:termijn\w*|beantwoorden|sturen|zenden)\b",
    # a promised date missed: "In verband met de kabinetswisseling is deze datum niet gehaald." (kst-31293-157, 2013)
    r"\b(?:deze|die|de genoemde) (?:datum|termijn) (?:is |wordt )?niet (?:gehaald|haalbaar)\b",
    r"\b(?:meer|extra|langer) tijd (?:nodig|kost|kosten|vergt|vergen|in beslag)\b",
)]
_PROMISE = re.compile(r"\bU ontvangt (?:deze|de reactie|het antwoord|de antwoorden|mijn reactie|de beantwoording)"
                      r"\s+(?P<p>[^.]+?)\.", re.I)
_EARLIER_LETTER = re.compile(
    rf"(?:\b[Ii]n (?:een|de|uw|haar) brief van|\bingezonden(?: op)?|\bvragen die op|\bvervolgvragen die op)\s+"
    rf"(?P<d>{DATE})(?P<jl>\s*j\.?\s?l\.?)?")
_ADDRESSEE = re.compile(r"^(?:Aan (?:de|het)\s+|De (?=Voorzitter van de (?:Tweede|Eerste) Kamer(?: der)?(?: Staten-Generaal)?,?$))(?:[Vv]oorzitter|[Mm]inister|[Ss]taatssecretaris|(?:vaste )?[Cc]ommissie|[Ll]eden|"
                       r"Tweede Kamer|Eerste Kamer)\b.*$")
_SIGNATURE = re.compile(r"^(?:De |de )?(?P<f>(?:[Mm]inister|[Ss]taatssecretaris)(?:\s+(?:van|voor))?\s+[A-Z].+?|[Mm]inister-[Pp]resident.*?),$")
# "De vaste commissie voor Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer1 heeft …" (a name with commas,
# a footnote number against it; kst-30550-XI-6, 2006)
# Several committees writing together (EK, 2013): "De vaste commissies voor Koninkrijksrelaties en voor Binnenlandse
# Zaken en de Hoge Colleges van Staat / Algemene Zaken en Huis der Koningin hebben met belangstelling kennisgenomen …"
_COMMITTEE = re.compile(r"\b[Dd]e (?P<c>vaste commissies? voor [A-Z][^\d.()]{0,120}?)\d*\s+(?:heeft|hebben|ziet|ontvangt)")
# The name may carry a footnote number against it: "In de vaste commissie voor Volksgezondheid, Welzijn en Sport1,
# bestond er bij enkele fracties behoefte …" (TK verslag of a schriftelijk overleg, 2010: kst-21501-31-207), so the
# name ends where no letter follows, not at a word boundary.
_COMMITTEE_ANY = re.compile(r"\b(?:vaste )?commissie voor (?P<c>[A-Z][A-Za-z ,-]*?(?:Zaken|Koninkrijksrelaties|"
                            r"Veiligheid|Onderwijs|Wetenschap|Sport|Werkgelegenheid|Waterstaat|Financiën|Defensie|"
                            r"Klimaat|Volkshuisvesting|Migratie|Europese Zaken|Innovatie)(?![A-Za-z]))")
_MINISTER_OF = re.compile(r"\b(?:minister|staatssecretaris)\s+van\s+(?P<m>[A-Z][\w,]*(?:\s+(?:en|[A-Z][\w,]*))*)")
_MINISTRY_LINE = re.compile(r"^Ministerie van\s+(?P<m>.+)$")
_CHAMBER = {"Eerste Kamer": "EK", "Tweede Kamer": "TK"}


@dataclass
class Found:
    """A value and the sentence it was read from."""

    value: object
    source: str


_ANY_DATE = re.compile(TEXT_DATE_RE, re.I)


def date_in(text: str | None, context: date | None = None, prefer: str = "past") -> date | None:
    """The first date a piece of text names ("(ingezonden 20 december 2024)", "Deadline | 1 juli 2025 |"); a date
    without a year is read from the context."""
    match = _ANY_DATE.search(text or "")
    if not match:
        return None
    try:
        return parse_date(match.group(0), context, prefer=prefer)
    except DateParseError:
        return None


def dagtekening(text: Text) -> Found | None:
    for pattern in _DAGTEKENING:  # "Den Haag, 1 oktober 2024" stands on a line of its own: that line is the source
        for line in text.lines:
            match = pattern.search(line)
            if match:
                try:
                    return Found(parse_date(match["d"]), line)
                except DateParseError:
                    continue
    flat = text.flat
    for pattern in _DAGTEKENING:
        match = pattern.search(flat)
        if match:
            try:
                return Found(parse_date(match["d"]), text.sentence(match.start(), match.end(), flat))
            except DateParseError:
                continue
    # "Datum" on a line of its own and the date on the next (the nota layout)
    for index, line in enumerate(text.lines[:-1]):
        if line.rstrip(":").lower() == "datum":
            try:
                return Found(parse_date(text.lines[index + 1]), f"Datum {text.lines[index + 1]}")
            except DateParseError:
                pass
    return None


def subject(text: Text) -> Found | None:
    """What the letter is about, from its "Betreft" line (the value on the same line or the next)."""
    for index, line in enumerate(text.lines[:40]):
        match = re.match(r"^Betreft:?\s*(?P<s>.*)$", line)
        if match:
            value = match["s"].strip() or (text.lines[index + 1] if index + 1 < len(text.lines) else "")
            return Found(value, line) if value else None
    return None


def addressee(text: Text) -> Found | None:
    for index, line in enumerate(text.lines[:40]):
        if _ADDRESSEE.match(line):
            value = line.rstrip(" ,")
            following = text.lines[index + 1] if index + 1 < len(text.lines) else ""
            if value.endswith(" Kamer") and following.startswith("der Staten-Generaal"):
                value = f"{value} {following}"  # "De Voorzitter van de Tweede Kamer" / "der Staten-Generaal"
            return Found(value, value)
    return None


def chamber_of(*texts: str) -> str | None:
    for piece in texts:
        for words, code in _CHAMBER.items():
            if piece and words in piece:
                return code
    return None


# A ministry's own kenmerk printed before the first sentence ("DLZ/KZ-U-2904719 De vragen van …").
_LEADING_KENMERK = re.compile(r"^(?P<k>[A-Z]{2,6}(?:/[A-Z]{1,6})*[-/](?:[A-Z0-9]+-)*\d{4,})\s+[A-Z]")


# The 2005–2010 letterhead in one line of text (labels, then values): the first value shaped like a ministry's
# kenmerk after the labels is "Ons kenmerk" ("… 13 juli 2007 BVE/BMO/2007/29618 28 juni 2007").
_LETTERHEAD_KENMERK = re.compile(rf"^Den Haag\s+Ons kenmerk\b.*?(?:{DATE})\s+(?P<k>[A-Z]{{2,}}(?:/[A-Z0-9]+){{2,}})\b")
_MONTH_AFTER = re.compile(r"(?<!\s)\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\b", re.I)


def kenmerken(text: Text) -> list[Found]:
    """Kenmerken in order of appearance; the source is the line they stand on (often a footnote)."""
    seen, found = set(), []
    for line in text.lines[:40]:
        head = _LETTERHEAD_KENMERK.match(line)
        if head and head["k"] not in seen:  # "Den Haag Ons kenmerk … 13 juli 2007 BVE/BMO/2007/29618 …"
            seen.add(head["k"])
            found.append(Found(head["k"], line))
        leading = _LEADING_KENMERK.match(line)
        if leading and leading["k"] not in seen:
            seen.add(leading["k"])
            found.append(Found(leading["k"], line))
    for index, line in enumerate(text.lines):
        # a label at the end of a line and its value on the next ("Onze referentie" / "2023-0000536616")
        joined = f"{line} {text.lines[index + 1]}" if index + 1 < len(text.lines) else line
        for match in _KENMERK.finditer(joined):
            if match.start() >= len(line):
                break
            value = match["k"].rstrip(".,;)")
            if re.match(r"\d{2}\s\d{3}\s*,", joined[match.start("k"):]):
                continue  # "met kenmerk 32 479, nr. 3": a Kamerstuk, read as a reference
            if _MONTH_AFTER.match(joined, match.end("k")):
                continue  # a letterhead's columns run together: "Uw kenmerk 13 juli 2007 …" is a date, no kenmerk
            if value not in seen:
                seen.add(value)
                found.append(Found(value, joined if match.end() > len(line) else line))
    return found


def normalise_reference(match: re.Match) -> str:
    """"Kamerstukken II, vergaderjaar 2024-2025, 30 950, nr. 423" → "Kamerstukken II 2024/25, 30950, nr. 423" (the
    one citation format of tracker.domain.citations)."""
    dossier = match["dossier"] + (f" {match['suffix'].strip(' -')}" if match["suffix"].strip(" -") else "")
    chamber = {"II": "TK", "I": "EK"}.get(match["chamber"] or "")
    return citations.kamerstuk(dossier, match["nr"], match["letter"], chamber, match["year"]).text()


def bare_reference(reference: str) -> str:
    """"Kamerstukken II 2024/25, 30950, nr. 423" → "30950, nr. 423": the number as items are registered."""
    return re.sub(r"^Kamerstukken(?: I{1,2})?(?: \d{4}/\d{2})?,? ", "", reference)


# A Kamerstuk cited without the word "Kamerstukken": "(Kamerstuk 29 023, nr. 273)", "met kenmerk 32 479, nr. 3",
# "Tweede Kamer 2012–2013, 29 984, nrs. 334 en 378", "(TK 33 000 XIII, nr. 56)", "21 501-31, nr. 378", and the
# Eerste Kamer's lettered papers "(36200 VIII, I)", "(EK, 34550 IV, G)", "35526 / 25295, AP".
_CITED = re.compile(
    r"(?<![\d/.,])(?P<dossier>\d{2}[ .]?\d{3})(?P<suffix>(?:[ -]?(?:[IVXL]+|[A-K]{1,2})(?![\w]))?(?:-\d{1,3})?)"
    r"(?:\s*/\s*(?P<second>\d{2}\s?\d{3}))?\s*,\s*"
    r"(?:nrs?\.?\s*(?P<nr>\d+)(?P<more>(?:\s*(?:,|en)\s*\d+)*)|(?P<letter>[A-Z]{1,3})(?![\w-]))")
_CHAMBER_BEFORE = re.compile(r"(?:Kamerstuk(?:ken)?\s+(?P<k>I{1,2})\b|\b(?P<tk>TK|Tweede Kamer)\b|\b(?P<ek>EK|Eerste Kamer)\b)"
                             r"[^()]{0,25}?$")
_YEAR_BEFORE = re.compile(r"(?P<first>(?:19|20)\d{2})\s*[–/-]\s*(?P<second>(?:19|20)?\d{2})\s*,?\s*$")


# tweedekamer.nl's title lines write a Kamerstuk with hyphens only: "motie van het lid Marijnissen c.s. (Kamerstuk
# 35510-21)" (dossier-number), "Kamerstuk 21501-20-572" (dossier-subdossier-number). Not before ", nr." (then the
# hyphenated part is the dossier: "21501-20, nr. 572", read by _CITED).
_HYPHENATED = re.compile(r"\bKamerstuk\s+(?P<dossier>\d{5})(?:-(?P<sub>\d{1,2}|[IVXL]+|[A-K]{1,2}))?-(?P<nr>\d{1,4})(?![\d-])(?!\s*,)")


def _cited(match: re.Match, before: str) -> list[str]:
    """The papers one generic citation names, as "Kamerstukken II 2012/13, 29984, nr. 334" (chamber and year
    only when the text gives them)."""
    found = _CHAMBER_BEFORE.search(before)
    chamber = ("TK" if found["tk"] or found["k"] == "II" else "EK") if found else None
    year = _YEAR_BEFORE.search(before)
    year = f"{year['first']}/{year['second']}" if year and chamber else None
    dossier = match["dossier"].replace(".", "") + (f"/{match['second']}" if match["second"] else "")
    suffix = match["suffix"].strip(" -")
    dossier += f" {suffix}" if suffix and not suffix[0].isdigit() else (f"-{suffix}" if suffix else "")
    if match["letter"]:
        return [citations.kamerstuk(dossier, None, match["letter"], chamber, year).text()]
    numbers = [match["nr"], *re.findall(r"\d+", match["more"] or "")]
    return [citations.kamerstuk(dossier, number, None, chamber, year).text() for number in numbers]


def reference_key(reference: str) -> str:
    """Dossier and number, whatever the form: "Kamerstukken II 2017/18, 34775-IV, nr. 44" → "34775iv|44"."""
    bare = bare_reference(reference).lower().replace(" ", "").replace("-", "")
    return bare.replace(",nr.", "|").replace(",", "|")


def references(text: Text) -> list[Found]:
    flat, seen, found = text.flat, set(), []
    for match in _REFERENCE.finditer(flat):
        value = normalise_reference(match)
        if reference_key(value) not in seen:
            seen.add(reference_key(value))
            found.append(Found(value, text.sentence(match.start(), match.end(), flat)))
    for match in _CITED.finditer(flat):
        before = flat[max(0, match.start() - 45):match.start()]
        if re.search(r"Handelingen[^()]{0,30}$", before):
            continue  # "Handelingen II 2017/18, nr. 19": a debate, not a paper
        if match["letter"] and not (_CHAMBER_BEFORE.search(before) or re.search(r"(?:\(|^|\.\s)$", before)):
            continue  # a lettered paper only where a citation stands: in brackets, after "EK", or at a line start
        for value in _cited(match, before):
            if reference_key(value) not in seen:
                seen.add(reference_key(value))
                found.append(Found(value, text.sentence(match.start(), match.end(), flat)))
    alone = {line.strip() for line in text.lines if line.startswith("Kamerstuk ")}
    for match in _HYPHENATED.finditer(flat):
        if match.group(0) in alone:
            continue  # the site's line naming the paper itself ("Kamerstuk 35833-13" above the motion), no reference
        dossier = match["dossier"] + (f"-{match['sub']}" if match["sub"] else "")
        value = citations.kamerstuk(dossier, match["nr"], None, None, None).text()
        if reference_key(value) not in seen:
            seen.add(reference_key(value))
            found.append(Found(value, text.sentence(match.start(), match.end(), flat)))
    return found


def own_reply_term(text: Text) -> Found | None:
    """The term this letter itself sets ("ontvangt deze graag binnen vier weken na dagtekening van deze brief")."""
    flat = text.flat
    match = _OWN_TERM.search(flat)
    if not match:
        return None
    try:
        term: Term = parse_term(match["term"] or match["term2"])
    except ValueError:
        return None
    return Found(term, text.sentence(match.start(), match.end(), flat))


def delay_notice_in(flat: str) -> str | None:
    """The words saying an answer comes later than it should, if the text has them."""
    for pattern in _DELAY:
        match = pattern.search(flat)
        if match:
            return match.group(0)
    return None


def delay_notice(text: Text) -> Found | None:
    flat = text.flat
    for pattern in _DELAY:
        match = pattern.search(flat)
        if match:
            return Found(True, text.sentence(match.start(), match.end(), flat))
    return None


def promise(text: Text) -> Found | None:
    """What an uitstelbericht promises: "U ontvangt deze snel na het herfstreces" → "snel na het herfstreces"."""
    flat = text.flat
    match = _PROMISE.search(flat)
    return Found(match["p"].strip(), text.sentence(match.start(), match.end(), flat)) if match else None


# The ministries' letterhead of 2005–2010 gives labels, then values, in one line: "Den Haag Ons kenmerk Uw brief van Uw
# kenmerk 13 juli 2007 BVE/BMO/2007/29618 28 juni 2007" — the date after the kenmerk is "Uw brief van", the letter
# (or the questions) this one answers (OCW uitstelbrief, 2007).
_LETTERHEAD_YOURS = re.compile(rf"^Den Haag\s+Ons kenmerk\s+Uw brief van\s+(?:Uw kenmerk\s+)?{DATE}\s+[A-Z][A-Za-z0-9/.-]*\d\s+"
                               rf"(?P<d>{TEXT_DATE_RE.replace('?P<', '?P<y')})$")


def earlier_letters(text: Text, own_date: date | None) -> list[Found]:
    """Dates of letters this one answers; "1 oktober j.l." and dates without a year are read from own_date."""
    flat, found = text.flat, []
    for line in text.lines[:20]:
        yours = _LETTERHEAD_YOURS.match(line)
        if yours:
            try:
                when = parse_date(yours["d"], own_date, prefer="past")
            except DateParseError:
                continue
            if own_date is None or when <= own_date:
                found.append(Found(when, line))
    for match in _EARLIER_LETTER.finditer(flat):
        try:
            when = parse_date(match["d"], own_date, prefer="past")
        except DateParseError:
            continue
        if own_date is None or when <= own_date:
            found.append(Found(when, text.sentence(match.start(), match.end(), flat)))
    return found


_SIGNED_WITH_NAME = re.compile(r"^(?:De |de )?(?P<f>(?:minister|staatssecretaris|minister-president)(?:\s+(?:van|voor))?\s+"
                               r"[A-Z][^,]+(?:,\s*[A-Z][a-z][^,]*)*?),\s*(?:[A-Z]\.|mw\.|dr\.|mr\.|drs\.|prof\.)", re.I)


# The words of a function that stay in lower case within a ministry's name ("Onderwijs, Cultuur en Wetenschap").
_SMALL_WORDS = {"van", "voor", "en", "de", "het", "der", "in", "op", "te"}


def function_as_signed(words: str) -> str:
    """A function as a letter signs it, from any casing: "DE MINISTER VAN BINNENLANDSE ZAKEN EN
    KONINKRIJKSRELATIES" or "de minister van binnenlandse zaken en koninkrijksrelaties" → "De minister van
    Binnenlandse Zaken en Koninkrijksrelaties" (the heading of a Kamerstuk names the sender in capitals)."""
    words = " ".join(words.split()).strip(" ,")
    if re.match(r"(?i)de\s", words):
        words = words[3:]
    parts = words.split(" ")
    if words.isupper() or words.islower():
        function = True
        out = []
        for part in parts:
            low = part.lower()
            if function:  # "minister", "staatssecretaris", "minister-president", then the ministry's name
                out.append(low)
                function = low not in ("van", "voor")
            elif low in _SMALL_WORDS:
                out.append(low)
            else:
                out.append("-".join(piece[:1].upper() + piece[1:] for piece in low.split("-")))
        parts = out
    return "De " + " ".join(parts)  # mixed case is kept as the letter writes it ("De Minister van …")


# The signature without its comma, as a letter copied from a web page gives it, when a name follows on the
# next line ("De minister van Binnenlandse Zaken en Koninkrijksrelaties" / "K.H. Ollongren").
_SIGNATURE_BARE = re.compile(r"^(?:De |de )?(?P<f>(?:[Mm]inister|[Ss]taatssecretaris)(?:\s+(?:van|voor))\s+[A-Z][^.;:]{2,90}(?<!,)|"
                             r"[Mm]inister-[Pp]resident)$")
_NAME_LINE = re.compile(r"^(?:(?:mr|dr|drs|ir|prof|mw|ing)\.\s*)*(?:[A-Z]\.\s?)+(?:[a-z]{1,3}\s)*[A-Z][\w'’-]+(?:[ -][A-Z]?[\w'’-]+){0,3}$")


# The signature in capitals of the ministries' letters of 2005–2010: "DE MINISTER VAN DEFENSIE," (Defensie,
# 2008; a committee named in the letter was taken for the sender), also over two lines like the other forms.
_SIGNATURE_CAPITALS = re.compile(r"^DE (?:MINISTER|STAATSSECRETARIS)(?:-PRESIDENT)?(?: (?:VAN|VOOR))? [A-ZËÏÖÜÉ][A-ZËÏÖÜÉ ,-]{2,100},$")


def signature(text: Text) -> Found | None:
    """The signing function ("De minister van Binnenlandse Zaken en Koninkrijksrelaties,"), also over two lines
    ("de staatssecretaris van Volksgezondheid," / "Welzijn en Sport,") or with the name on the same line ("De
    Minister voor Medische Zorg, T. van Ark")."""
    lines = text.lines
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else None
        joined = f"{line} {following}" if following and following.endswith(",") and following[:1].isupper() else None
        for candidate in (joined, line):
            if candidate is None:
                continue
            match = _SIGNATURE.match(candidate)
            if match and candidate.endswith(","):
                return Found("De " + match["f"].strip(), candidate)
        named = _SIGNED_WITH_NAME.match(line)
        if named:
            return Found("De " + named["f"].strip(), line)
        if following and index >= len(lines) - 12 and _SIGNATURE_BARE.match(line) and _NAME_LINE.match(following):
            return Found(function_as_signed(line), f"{line} {following}")
        for candidate in (joined, line):
            if candidate and _SIGNATURE_CAPITALS.match(candidate):
                return Found(function_as_signed(candidate), candidate)
    return None


def committee(text: Text) -> Found | None:
    flat = text.flat
    match = _COMMITTEE.search(flat) or _COMMITTEE_ANY.search(flat)
    if not match:
        return None
    name = re.sub(r"(?<!\d)\d+$", "", match["c"]).strip()  # a footnote number; (?<!\d): one try per run of digits
    if not name.lower().startswith("vaste commissie"):
        name = f"vaste commissie voor {name}"
    return Found("De " + name, text.sentence(match.start(), match.end(), flat))


def ministry_name(*pieces: str | None) -> str | None:
    """The ministry a function or line names: "De minister van Binnenlandse Zaken en Koninkrijksrelaties"
    → "Binnenlandse Zaken en Koninkrijksrelaties"."""
    for piece in pieces:
        if not piece:
            continue
        match = _MINISTRY_LINE.match(piece.strip()) or _MINISTER_OF.search(piece)
        if match:
            return match["m"].strip(" ,.")
    return None


def ministry_line(text: Text, within: int = 60) -> str | None:
    """A "Ministerie van …" line in the letterhead or the nota's colofon (the first lines only: further on such
    lines name other ministries), joined with its continuation ("… Zaken en" / "Koninkrijksrelaties")."""
    lines = text.lines[:within]
    for index, line in enumerate(lines):
        if _MINISTRY_LINE.match(line) and not line.endswith("."):
            if line.endswith(" en") and index + 1 < len(lines):
                line = f"{line} {lines[index + 1]}"
            return ministry_name(line)
    return None
