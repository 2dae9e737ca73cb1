"""Which ministry a paper means, as a register code, from the words parliamentary papers use for it.

Papers name a ministry in many ways: by the full name of the day ("Infrastructuur en Milieu", "Veiligheid en
Justitie", "Economische Zaken, Landbouw en Innovatie"), by a minister without portfolio ("de Minister voor
Medische Zorg", "voor Rechtsbescherming"), by abbreviation ("I&M", "BiZa", "PVO"), by a begroting chapter
("33 750 VII", "Infrastructuurfonds") or only by its subject. Each name maps to the code the register uses
for that ministry on the paper's date: ministries were split and renamed in 2024 (EZK → EZ and KGG, LNV →
LVVN, VRO and Asiel en Migratie new), and a paper from before keeps the ministry of its time.

Pure: no database. tracker.services.intake checks the code against the register.
"""
from __future__ import annotations

import re
from datetime import date

# The day the Schoof cabinet split and renamed ministries (register: active_from / active_until).
SPLIT_2024 = date(2024, 7, 2)


def _by_date(before: str, after: str):
    return lambda on: after if on is not None and on >= SPLIT_2024 else before


# Names and name parts, longest first within a ministry so that "Economische Zaken en Klimaat" wins over
# "Economische Zaken". A value is a code or a function of the paper's date.
_NAMES: list[tuple[str, object]] = [
    # Economic affairs and its many names
    (r"economische zaken,? landbouw en innovatie|\bel&i\b", _by_date("EZK", "EZ")),
    (r"economische zaken en klimaat|\bezk\b", "EZK"),
    (r"klimaat en groene groei|\bkgg\b", "KGG"),
    (r"klimaat en energie", _by_date("EZK", "KGG")),
    (r"herstel groningen|mijnbouw", _by_date("EZK", "BZK")),
    (r"economische zaken|\bez\b", _by_date("EZK", "EZ")),
    # Agriculture
    (r"landbouw,? visserij,? voedselzekerheid en natuur|\blvvn\b", "LVVN"),
    (r"landbouw,? natuur en voedselkwaliteit|\blnv\b|landbouw|natuur en voedselkwaliteit|natuur en stikstof",
     _by_date("LNV", "LVVN")),
    # Infrastructure
    (r"infrastructuur en (?:waterstaat|milieu)|verkeer en waterstaat|\bi&[mw]\b|\bienw\b|\bienm\b|\biwo\b|"
     r"infrastructuur", "IenW"),
    # Justice, asylum
    (r"asiel en migratie|\baenm\b", "AenM"),
    (r"justitie en veiligheid|veiligheid en justitie|rechtsbescherming|justitie|\bj&v\b|\bv&j\b|\bjenv\b",
     "JenV"),
    (r"\bmigratie\b|vreemdelingenzaken|asiel", _by_date("JenV", "AenM")),
    # Interior, kingdom relations, housing
    (r"volkshuisvesting en ruimtelijke ordening|\bvro\b|volkshuisvesting", _by_date("BZK", "VRO")),
    (r"binnenlandse zaken(?: en koninkrijksrelaties)?|koninkrijksrelaties|wonen en rijksdienst|digitalisering|"
     r"\bbzk\b|\bbiza\b|\bkorel\b", "BZK"),
    # Health
    (r"volksgezondheid,? welzijn en sport|medische zorg|langdurige(?: en maatschappelijke)? zorg|"
     r"jeugd,? preventie en sport|jeugd en gezin|\bvws\b", "VWS"),
    # Education
    (r"onderwijs,? cultuur en wetenschap|(?:primair|basis-) en voortgezet onderwijs|\bpvo\b|\bocw\b|"
     r"hoger onderwijs|onderwijs|cultuur en media|emancipatie", "OCW"),
    # Social affairs
    (r"sociale zaken(?: en werkgelegenheid)?|armoedebeleid|participatie|\bszw\b", "SZW"),
    (r"financiën|financien|fiscaliteit|toeslagen|belastingdienst|\bfin\b", "FIN"),
    (r"defensie|\bdef\b", "DEF"),
    (r"buitenlandse zaken|buitenlandse handel|ontwikkelingssamenwerking|ontwikkelingshulp|"
     r"europese zaken|\bbz\b|\bbhos\b", "BZ"),
    (r"algemene zaken|minister-president|\baz\b", "AZ"),
]
_COMPILED = [(re.compile(pattern, re.I), code) for pattern, code in _NAMES]

# A bewindspersoon: "de Minister van …", "Staatssecretaris voor …", "minister voor PVO", "Minister-President";
# the ministry's name follows, up to a bracket, "over", "mede namens", "aan" or the end of the clause.
_FUNCTION = re.compile(r"\b(?P<f>minister-president|ministers?|staatssecretaris(?:sen)?)\b(?:\s+(?:van|voor))?\s*", re.I)
_NAME_END = re.compile(r"\(|\bover\b|\bmede\b|\baan\b|\bin\b|\bop\b|\bheeft\b|\bhebben\b|\bzegt\b|\bdat\b|\ben de\b|"
                       r"\bd\.d\.|\bvan \d|,\s*(?:[A-Z][a-z]?\.|mw\.|dr\.|mr\.|prof\.)|[.;:]|\s,")

# Begroting chapters (Rijksbegroting hoofdstukken) and the funds beside them: the dossier "33 750 VII" is the
# begroting of BZK, "33 400 A" the Infrastructuurfonds.
_CHAPTERS = {"I": "AZ", "II": "BZK", "III": "AZ", "IV": "BZK", "V": "BZ", "VI": "JenV", "VII": "BZK",
             "VIII": "OCW", "IX": "FIN", "IXA": "FIN", "IXB": "FIN", "X": "DEF", "XII": "IenW", "XIII": "EZK",
             "XIV": "LNV", "XV": "SZW", "XVI": "VWS", "XVII": "BZ", "XVIII": "BZK", "XIX": "EZK",
             "A": "IenW", "J": "IenW", "B": "BZK", "C": "BZK", "H": "BZK", "F": "LNV"}
_CHAPTERS_2024 = {"XIII": "EZ", "XIV": "LVVN", "XVIII": "VRO", "XIX": "KGG"}

# What a motion or question is about, when nothing else names the ministry: policy areas by their words.
_SUBJECTS: list[tuple[str, object]] = [
    (r"\bregeerakkoord|\bcoalitieakkoord|\bkabinetsformatie|\bministerraad|\beuropese raad\b|\beurotop", "AZ"),
    (r"\bvluchteling|\basielzoeker|\basielopvang|(?-i:\bCOA\b)|\bvreemdeling|\bnaturalisatie", _by_date("JenV", "AenM")),
    (r"\bpolitie|\bstrafrecht|\brechtspraak|\bgevangen|(?-i:\bOM\b)|openbaar ministerie|\bterroris", "JenV"),
    (r"\bdier|\bveehouder|\bmest\b|\bvisserij|\bboeren\b|\bgewasbescherming|\bnatuurgebied|\bflora\b|\bfauna\b|"
     r"\bstaatsbosbeheer|\bwildbeheer|\bstikstof", _by_date("LNV", "LVVN")),
    # regeldruk ("de vermindering van de administratieve lasten", Handelingen 2008) has been EZ's since 2011
    (r"\bbedrijfsleven|\bondernemers\b|\bmkb\b|\badministratieve lasten|\bregeldruk", _by_date("EZK", "EZ")),
    (r"\bgaswinning|\baardbeving|\bgroningen|\bmijnbouw|\benergie", _by_date("EZK", "KGG")),
    (r"\bschool|\bleraren|\bonderwijs|\buniversiteit|\bstudenten|\bcultuur\b|\bomroep", "OCW"),
    (r"\bzorg\b|\bzorgverzeker|\bziekenhuis|\bpatiënt|\bgezondheid|\bjeugdhulp|\bgeneesmiddel|\bvaccin|\bggz\b|"
     r"\bverpleeghuis", "VWS"),
    # the environment (VROM's, then IenW's): "duurzaam inkopen", the government's own travel by train (VAO Duurzaam
    # inkopen, 2008: "bij internationale dienstreizen tot 500 kilometer in principe de (snelle) trein")
    (r"\bspoor|(?-i:\bNS\b)|\bsnelweg|\bwaterschap|\bluchtvaart|\bschiphol|\bverkeer|\bkerncentrale|\bnucleaire|"
     r"\bduurzaam inkopen|\bmilieu|\btrein\b", "IenW"),
    (r"\bbelasting|\btoeslag|\bbegrotingstekort|\bstaatsschuld|\bfiscale", "FIN"),
    (r"\buitkering|\bpensioen|\bbijstand|\barbeidsmarkt|\bwerkloos|\bminimumloon", "SZW"),
    (r"\bkrijgsmacht|\bmilitair|\bdefensie|\bnavo\b", "DEF"),
    (r"\bwoning|\bhuurder|\bgemeenten|\bprovincies|\bcaribisch|(?-i:\bBES\b)|\bbonaire|\bgrondwet|\bkiesrecht", "BZK"),
    (r"\bontwikkelingshulp|\bambassade|\bsancties|\bmensenrechten", "BZ"),
]
_SUBJECTS_COMPILED = [(re.compile(pattern, re.I), code) for pattern, code in _SUBJECTS]


def _value(code, on: date | None) -> str:
    return code(on) if callable(code) else code


def code_of_name(name: str | None, on: date | None = None) -> str | None:
    """The code for a ministry's name or abbreviation ("Infrastructuur en Milieu" → "IenW")."""
    if not name:
        return None
    name = " ".join(name.split())
    best = None  # the name that starts first; at one place the longest ("… en Klimaat" over "…")
    for pattern, code in _COMPILED:
        match = pattern.search(name)
        if match and (best is None or (match.start(), -len(match.group(0))) < best[0]):
            best = ((match.start(), -len(match.group(0))), code)
    return _value(best[1], on) if best else None


def bewindspersoon_ministry(text: str | None, on: date | None = None) -> tuple[str, str] | None:
    """The first bewindspersoon the text names, as (code, the words naming them): "de Staatssecretaris van
    Infrastructuur en Waterstaat" → ("IenW", "Staatssecretaris van Infrastructuur en Waterstaat")."""
    if not text:
        return None
    text = " ".join(text.split())
    for match in _FUNCTION.finditer(text):
        if match["f"].lower() == "minister-president":
            return "AZ", match.group(0).strip()
        window = text[match.end():match.end() + 110]
        end = _NAME_END.search(window)
        name = window[:end.start()] if end else window
        code = code_of_name(name, on)
        if code:
            return code, " ".join(f"{match.group(0)}{name}".split()).rstrip(" ,")
    return None


def chapter_ministry(dossier_line: str | None, on: date | None = None) -> str | None:
    """The ministry of a begroting dossier: "33 750 VII Vaststelling van de begrotingsstaten van het Ministerie
    van Binnenlandse Zaken …" → "BZK", by the ministry the title names or else by the chapter."""
    if not dossier_line:
        return None
    # "Vaststelling van de begrotingsstaten van het Ministerie van …", "Jaarverslag en slotwet ministerie van
    # Volkshuisvesting, Ruimtelijke Ordening en Milieubeheer 2005" (the jaarverslag dossiers of 2005–2010)
    named = re.search(r"(?:begrotingsstat\w+|jaarverslag(?: en slotwet)?|slotwet)\s+(?:van\s+het\s+)?Ministerie\s+van\s+(?P<m>[^(]+)",
                      dossier_line, re.I)
    if named:
        return code_of_name(named["m"], on)
    fund = re.search(r"(Infrastructuurfonds|Deltafonds|Mobiliteitsfonds|Gemeentefonds|Provinciefonds|BES-fonds|"
                     r"Diergezondheidsfonds)", dossier_line)
    if fund:
        return {"Infrastructuurfonds": "IenW", "Deltafonds": "IenW", "Mobiliteitsfonds": "IenW",
                "Gemeentefonds": "BZK", "Provinciefonds": "BZK", "BES-fonds": "BZK",
                "Diergezondheidsfonds": _by_date("LNV", "LVVN")(on)}[fund.group(1)]
    chapter = re.match(r"^\s*\d{2}\s?\d{3}\s+(?P<c>[IVXL]+[AB]?|[A-J])\b", dossier_line)
    if chapter and re.search(r"begroting|Vaststelling|jaarverslag|Slotwet", dossier_line, re.I):
        c = chapter["c"]
        return (_CHAPTERS_2024.get(c) if on and on >= SPLIT_2024 else None) or _CHAPTERS.get(c)
    return None


def subject_ministry(text: str | None, on: date | None = None) -> str | None:
    """A best guess from the subject's words (a person confirms it): "opvang van vluchtelingen" → JenV."""
    if not text:
        return None
    counts: dict[str, int] = {}  # the policy area named most often; at a tie the one named first
    first: dict[str, int] = {}
    for pattern, code in _SUBJECTS_COMPILED:
        for match in pattern.finditer(text):
            value = _value(code, on)
            counts[value] = counts.get(value, 0) + 1
            first[value] = min(first.get(value, match.start()), match.start())
    if not counts:
        return None
    return min(counts, key=lambda value: (-counts[value], first[value]))
