"""A letter's toezeggingen: what a bewindspersoon promises parliament ("Ik zal uw Kamer voor de zomer informeren
over …", "Ik verwacht u deze rapportage rond eind april te kunnen sturen", "Uw Kamer wordt uiterlijk januari
2019 geïnformeerd …") or recalls having promised ("Tijdens het commissiedebat van 12 maart 2024 heb ik
toegezegd …", "In een eerder stadium heb ik toegezegd …"). Not: what this letter itself does ("In deze brief
ga ik in op …", "Hierbij …"), what happened before ("Uw Kamer werd op 8 april geïnformeerd"), routines
("sinds 2018 halfjaarlijks"), requests and questions. A promise recalled and kept by this very letter ("Met
deze brief doe ik die toezegging gestand") is voldaan on the letter's date.

Each is a candidate (not ticked) for a person to confirm.
"""
from __future__ import annotations

import re

from ...domain.phrases import resolve_phrase
from ...domain.dutch import TEXT_DATE_RE, DateParseError, format_date, parse_date
from ..model import Document, Item
from ..moments import find_moment
from ..text import Text
from .base import Paper, SimpleReader, clip, letter_body

_TO_PARLIAMENT = re.compile(r"\b(?:[Uu]w|[Dd]e|[Bb]eide) (?:Tweede |Eerste )?Kamers?\b|\b[Uu]\b")
_KEPT_NOW = re.compile(r"\b(?:doe|kom) ik (?:die|deze|de|mijn|hiermee|daarmee)?\s*(?:toezegging )?(?:gestand|na)\b|"
                       r"\b(?:geef|voldoe) ik (?:hiermee |hierbij )?(?:uitvoering |invulling )?(?:aan )?"
                       r"(?:die|deze|de|mijn) toezegging|\b(?:[Mm]et deze brief|[Hh]ierbij|[Hh]iermee)\s+"
                       r"(?:breng|informeer|bericht)\s+ik\s+u\b", re.I)
# "… dat zij in het najaar van 2012 een wetsvoorstel hiertoe tegemoet zou kunnen zien" (kst-31293-157, 2013)
_TELLS = re.compile(r"\b(?:informe(?:er|ren)|geïnformeerd|stuur|sturen|(?:toe)?zenden|(?:toe)?ge(?:stuurd|zonden)|"
                    r"tegemoet (?:zou |zal )?(?:kunnen )?zien|aan te bieden|"
                    r"ontvangt|ontvangen|bericht(?:en)?|rapporte(?:er|ren)|aanbieden|bied[^.]{0,80}? aan|"
                    r"gedeeld|delen|doen toekomen|toe te (?:sturen|zenden)|terug te komen|terugkomen|"
                    r"kom[^.]{0,80}?\bterug|komen[^.]{0,80}?\bterug)\b")
_INTENT = re.compile(r"\b(?:zal|zullen|ga|gaan|verwacht|verwachten|streef|streven|beoog|beogen|voornemens|"
                     r"toegezegd|toezeggen|zeg[^.]{0,60}? toe)\b", re.I)
_NOT_A_PROMISE = re.compile(r"\b(?:hierbij|hiermee|bijgaand|(?:met|in|bij) deze (?:\w+ )?(?:Kamer)?brief|bij deze)\b|"
                            r"\b(?:eerder|reeds|al) (?:geïnformeerd|gestuurd|toegezonden|bericht)|"
                            r"\b(?:sinds|halfjaarlijks\w*|jaarlijks\w*|periodiek\w*|maandelijks\w*)\b|"
                            r"\bverzoekt\b|\bontvangen (?:alsnog )?graag\b|^De leden\b|\?$|^\d+\.\s", re.I)
# Done already: "heb ik in juli 2019 een kabinetsreactie aan uw Kamer gestuurd", "is het rapport … toegezonden".
# (the full stop of "jl." stays inside the sentence: "… na het AO van 23 april jl. vervolgens het instellingsbesluit
# … toegezonden", kst-34000-VI-86)
_DONE = re.compile(r"\b(?:heb|hebben|heeft|is|zijn|werd|werden)\b(?:[^.]|(?<=\bjl)\.){0,250}?\b(?:ge(?:stuurd|zonden|informeerd|deeld|meld)|"
                   r"toegezonden|toegestuurd|aangeboden|verstuurd|verzonden|aangekondigd)\b")
# A promise recalled: "heb ik toegezegd", passive "In juni 2011 is de Kamer toegezegd dat …" (kst-31293-157), or
# announced: "heb ik aangekondigd dat ik het Examenverslag 2009 … vóór het zomerreces 2010 … zal sturen"
# (kst-32123-VIII-143, 2010).
_RECALLED = re.compile(r"\b(?:heb|hebben|had|heeft)\b[^.]{0,80}?\btoegezegd\b|\btoegezegd\b[^.]{0,40}?\b(?:heb|hebben)\b|"
                       r"\btoezegging gedaan\b|\b(?:is|werd)\s+(?:de|uw)\s+(?:Tweede\s+|Eerste\s+)?Kamer\s+toegezegd\b|"
                       r"\b(?:heb|hebben)\s+(?:ik|wij)\s+aangekondigd\s+dat\b[^.]{0,200}?\b(?:zal|zullen)\b")
_MADE_ON = re.compile(rf"(?:[Tt]ijdens|[Ii]n|[Bb]ij) (?:het |de |een )?(?P<activity>[^.,()]*?) (?:van|op|d\.d\.) "
                      rf"(?P<d>{TEXT_DATE_RE})(?P<jl>\s*j\.?\s?l\.?)?")
# A promise this very letter keeps: "Zoals toegezegd tijdens het commissiedebat van 5 maart 2024 informeer ik uw
# Kamer hierbij over …", "Met deze brief kom ik tegemoet aan mijn toezegging, gedaan in …".
_PROMISED_BEFORE = re.compile(r"\b(?:[Zz]oals\s+(?:ik\s+(?:heb\s+)?)?(?:toegezegd|aangekondigd|beloofd)|toezegging|heb\s+ik\s+toegezegd)\b")
_HERE = re.compile(r"\b(?:[Hh]ierbij|[Hh]iermee|[Mm]et deze brief|[Bb]ijgaand|[Ii]n deze brief)\b")
# A committee's or member's request the letter reports ("De vaste commissie … heeft mij bij brief van 26 maart
# jl. gevraagd uw Kamer te informeren over …"): the request is the committee's item (letter_mentions), not a
# promise of the minister's.
# (the full stop of "jl." stays inside: "De vaste commissie … heeft mij bij brief van 26 maart jl. gevraagd ruim voor het
# zomerreces de evaluatie … aan de Kamer te doen toekomen", BZK 2019)
_ASKED_OF_ME = re.compile(r"\b(?:heeft|hebben|is|werd)\s+(?:mij|ons|het kabinet|de regering)\b(?:[^.]|(?<=\bjl)\.){0,120}?\b(?:gevraagd|verzocht)\b|"
                          r"\bverzoek van (?:de|uw) (?:vaste )?commissie\b")
# What a promise is about, for its title: "… te informeren over de evaluatie van de Archiefwet", "… een brief
# sturen over de voortgang", "Ik kom hier … op terug" has none (the sentence is the title then).
_PROMISED_ABOUT = re.compile(r"\b(?P<verb>informe(?:er|ren)|bericht(?:en)?|rapporte(?:er|ren)|terug(?:komen|te komen)|"
                             r"brief|rapportage|reactie|kabinetsreactie|voortgangsbrief|voortgangsrapportage|(?:toe)?(?:sturen|zenden))\b"
                             r"[^.]{0,60}?\b(?:over|inzake|op|omtrent|aangaande|met betrekking tot)\s+(?P<s>(?:de|het|een|deze|dit)\s[^.;]{3,160})")
_AFTER_RECALL = re.compile(r"\b(?:toegezegd|aangekondigd)\s+(?:dat|om|te)\b")
_ANSWER_LETTER = re.compile(rf"\bbeantwoord bij brief van (?P<d>{TEXT_DATE_RE})")
KINDS = ("kamerbrief", "antwoord", "voortgangsbrief", "uitstelbericht", "verslag")


def _recognise(paper: Paper) -> bool:
    return any(_eligible(d) for d in paper.documents)


def _eligible(document: Document) -> bool:
    if document.kind not in KINDS:
        return False
    committee = "commissie" in (document.sender or "").lower() and not document.sender_code
    return not committee or (document.heading or "").startswith("LIJST VAN VRAGEN")


def _read(paper: Paper) -> list[Item]:
    items = []
    for index, (section, document) in enumerate(paper.letters):
        if not _eligible(document):
            continue
        ministry = document.sender_code or _ministry_named(section.text, document, paper)
        body = letter_body(section.text)
        kept = kept_named(body, document, ministry)
        found = promises(body, document, ministry)
        for item in [*kept, *[i for i in found if not any(k.tekst == i.tekst for k in kept)]]:
            item.document = index
            items.append(item)
    return items


def _ministry_named(text: Text, document: Document, paper: Paper | None = None):
    from .. import ministries
    if paper is not None and document.kind == "verslag":  # a lijst van vragen: whom the questions were put to
        from .exchange import questions_put_to
        put = questions_put_to(paper)
        if put:
            return put[0]
    found = ministries.bewindspersoon_ministry(text.flat[:3000], document.date)
    return found[0] if found else None


def promises(text: Text, document: Document, ministry: str | None) -> list[Item]:
    items, seen = [], set()
    flat = text.flat
    made_by_answer = _ANSWER_LETTER.search(flat)
    for match in _TELLS.finditer(flat):
        sentence = text.sentence(match.start(), match.end(), flat, reach=400)  # the whole promise, also a long one
        if sentence in seen:
            continue
        seen.add(sentence)
        recalled = bool(_RECALLED.search(sentence))
        made = _MADE_ON.search(sentence)
        if _PROMISED_BEFORE.search(sentence) and _HERE.search(sentence) and document.date:
            items.append(_kept_here(sentence, made, document, ministry))
            continue
        in_debate = bool(made and re.search(r"overleg|debat|beraadslaging|vergadering|AO\b|notaoverleg", made["activity"]))
        # a recalled promise: its moment is the one promised, after "toegezegd dat" / "aangekondigd dat" ("In juni
        # 2011 is de Kamer toegezegd dat zij in het najaar van 2012 …": June 2011 is when, not by when)
        promised_part = _AFTER_RECALL.split(sentence, maxsplit=1)[-1] if recalled else sentence
        phrase = find_moment(promised_part, terms=True)
        if phrase and document.date:
            when = _moment_date(phrase, document)
            if when and when < document.date:
                phrase = None  # "Op 30 juni jl. heb ik … ontvangen": a moment past, not one promised
        coming_back = bool(re.search(r"\bterug(?:komen|\b)", sentence))  # "Ik kom hier voor de zomer op terug"
        if not (_TO_PARLIAMENT.search(sentence) or in_debate or coming_back) or _NOT_A_PROMISE.search(sentence):
            continue
        if _ASKED_OF_ME.search(sentence) and not recalled:
            continue  # a request put to the minister (the committee's item), not a promise
        if _DONE.search(sentence) and not recalled:
            continue
        if document.kind == "uitstelbericht" and not (recalled or in_debate):
            continue  # in an uitstelbericht a new moment is the postponed answer's, not a toezegging of its own
        if not (_INTENT.search(sentence) or phrase):
            continue
        if re.search(r"\b(?:werd|werden|is|zijn)\b[^.]{0,60}\bgeïnformeerd\b", sentence) and not phrase:
            continue  # "Uw Kamer werd op 8 april geïnformeerd": done before
        item = Item(soort="toezegging", kamer=document.chamber or "TK", titel=promise_title(sentence, phrase),
                    tekst=sentence, ministerie=ministry, deadline=phrase, opnemen=False)
        item.sources = {"titel": sentence, "tekst": sentence}
        if made and (recalled or in_debate):  # recalled: made in a debate or earlier letter, not in this one
            _made_on(item, made, document, sentence)
        elif recalled:
            item.notes.append("wanneer de toezegging is gedaan staat er niet bij: vul de datum in als die bekend is")
        elif made_by_answer:  # a list of answers: promised in the answering letter
            item.datum = parse_date(made_by_answer["d"])
            item.activiteit = f"brief van {format_date(item.datum)}"
            item.sources["datum"] = made_by_answer.group(0)
        elif document.date:
            item.datum, item.activiteit = document.date, f"brief van {format_date(document.date)}"
            item.sources["datum"] = document.sources.get("date", "")
        if recalled or in_debate:
            item.role = "obligation"
        if phrase:
            item.sources["deadline"] = sentence
        else:
            item.notes.append("geen termijn in de zin: vul een deadline in als die elders staat")
        after = _next_sentence(text, flat, sentence)
        if (recalled or in_debate) and document.date and _KEPT_NOW.search(after):
            item.status, item.beantwoord = "voldaan", document.date
            item.sources["status"] = after
            item.role = None
        item.notes.append("toezegging gelezen uit de tekst van de brief: controleer of het er een is en vul het "
                          "nummer in (van de Kamer, of een eigen kenmerk)")
        items.append(item)
    return items


# Titles of promises without "over …" (kst-32123-VIII-143, 2010): what will be sent ("heb ik aangekondigd dat ik het
# Examenverslag 2009 en mijn beleidsreactie daarop naar verwachting vóór het zomerreces 2010 naar de Tweede Kamer zal
# sturen"), or the earlier promise a letter speaks of ("de toezegging die ik heb gedaan in het algemeen overleg mbo
# van 4 november 2009").
_PROMISED_OBJECT = re.compile(r"\bdat\s+(?:ik|wij|het kabinet)\s+(?P<obj>(?:het|de|een|mijn|onze|deze)\s"
                              r"(?:(?!\s(?:naar|vóór|voor|in|aan|uiterlijk|zal|zullen|binnenkort|rond)\s)[^.;]){3,160}?)"
                              r"\s(?:naar|vóór|voor|in|aan|uiterlijk|zal|zullen|binnenkort|rond)\s[^.;]{0,160}?\b(?:zal|zullen)\s+"
                              r"(?:sturen|toesturen|zenden|toezenden|aanbieden)\b")
_EARLIER_PROMISE = re.compile(rf"\btoezegging\s+die\s+(?:ik|wij)\s+(?:heb|hebben)\s+gedaan\s+(?:in|tijdens|bij)\s+"
                              rf"(?P<where>(?:het|de|een)\s[^.;()]{{3,100}}?\s(?:van|op|d\.d\.)\s{TEXT_DATE_RE})")


# Promises this letter keeps, named by where they were made, one or several: "hiermee voldoe ik aan de toezeggingen die
# ik vorig jaar aan uw Kamer heb gedaan bij het debat over de Verantwoording 2007 en bij de behandeling van de
# ontwerpbegroting 2008 van het ministerie van Algemene Zaken." (AZ Verantwoordingsbrief, 2009); "Met deze brief
# kom ik tegemoet aan de toezegging die ik heb gedaan tijdens …". One toezegging per place named.
_KEPT_NAMED = re.compile(r"\b(?:[Hh]iermee|[Hh]ierbij|[Mm]et deze brief)\s+(?:voldoe|kom)\s+(?:ik|wij)\s+(?:tegemoet\s+)?aan\s+"
                         r"(?:de|mijn|onze)\s+toezegging(?:en)?\s+die\s+[^.]{0,80}?\bgedaan\s+"
                         r"(?P<where>(?:bij|tijdens|in)\s[^.;]{5,300})")
_ANOTHER_PLACE = re.compile(r"(?<!\s)\s+en\s+(?=(?:bij|tijdens|in)\s+(?:het|de|een)\s)")


def kept_named(text: Text, document: Document, ministry: str | None) -> list[Item]:
    """The toezeggingen a letter says it keeps ("hiermee voldoe ik aan de toezeggingen die ik … heb gedaan bij X en
    bij Y"): voldaan by this letter, one per place they were made in."""
    flat, items = text.flat, []
    for match in _KEPT_NAMED.finditer(flat):
        sentence = text.sentence(match.start(), match.end(), flat, reach=400)
        for where in _ANOTHER_PLACE.split(match["where"]):
            where = where.strip(" ,")
            item = Item(soort="toezegging", kamer=document.chamber or "TK", titel=clip(f"Toezegging gedaan {where}", 200),
                        tekst=sentence, ministerie=ministry, status="voldaan", beantwoord=document.date, opnemen=False)
            item.sources = {"titel": sentence, "tekst": sentence, "status": sentence}
            made = _MADE_ON.search(where)
            if made:
                _made_on(item, made, document, sentence)
            if document.date:
                item.sources["beantwoord"] = document.sources.get("date", "")
            else:
                item.notes.append("de brief heeft geen leesbare dagtekening: vul de datum van voldoen in")
            if item.datum is None:
                item.notes.append("wanneer de toezegging is gedaan staat er niet bij: vul de datum in als die bekend is")
            item.notes.append("deze brief voldoet volgens de tekst aan een eerdere toezegging: zoek die op in het "
                              "register en controleer")
            items.append(item)
    return items


def promise_title(sentence: str, moment: str | None = None) -> str:
    """A toezegging as a clerk titles it: its subject ("Informeren over de evaluatie van de Archiefwet"), not the
    sentence's first words ("In het commissiedebat van 4 april 2019 heb ik toegezegd …"); the moment is the
    deadline's, so it is left out. Without a subject the sentence is the title."""
    about = _PROMISED_ABOUT.search(sentence)
    if not about:
        earlier = _EARLIER_PROMISE.search(sentence)
        if earlier:  # "de toezegging die ik heb gedaan in het algemeen overleg mbo van 4 november 2009 …"
            return clip(f"Toezegging gedaan in {earlier['where'].strip(' ,')}", 200)
        sent = _PROMISED_OBJECT.search(sentence)
        if sent:  # "dat ik het Examenverslag 2009 en mijn beleidsreactie daarop … naar de Tweede Kamer zal sturen"
            return clip(f"Toezenden: {sent['obj'].strip(' ,')}", 200)
        return clip(sentence)
    subject = about["s"]
    if moment and moment in subject:
        subject = subject[:subject.index(moment)]
    subject = re.split(r"(?<!\s)\s+(?:te\s+(?:informeren|sturen|zenden|berichten)|zal|zullen|toe te \w+|en\s+(?:daarbij|ook)|"
                       r"waarbij|zodra|nadat|wanneer|als\s+(?:de|het))\b|,\s+(?:en|maar|waarbij|zodat|nadat|zodra|zoals)\b",
                       subject)[0].strip(" ,")
    verb = about["verb"].lower()
    if verb.startswith(("informe", "bericht", "rapporte", "terug")):
        head = "Informeren"
    elif verb in ("brief", "voortgangsbrief"):
        head = "Brief"
    elif verb in ("reactie", "kabinetsreactie", "rapportage", "voortgangsrapportage"):
        head = verb.capitalize()
    else:
        head = "Sturen"
    return clip(f"{head} over {subject}", 200) if len(subject) > 3 else clip(sentence)


def _kept_here(sentence: str, made, document: Document, ministry: str | None) -> Item:
    """A toezegging this letter fulfils: voldaan on the letter's date, made when the sentence says."""
    item = Item(soort="toezegging", kamer=document.chamber or "TK", titel=promise_title(sentence), tekst=sentence,
                ministerie=ministry, status="voldaan", beantwoord=document.date, opnemen=False)
    item.sources = {"titel": sentence, "tekst": sentence, "status": sentence,
                    "beantwoord": document.sources.get("date", "")}
    if made:
        _made_on(item, made, document, sentence)
    if item.datum is None:
        item.notes.append("wanneer de toezegging is gedaan staat er niet bij: vul de datum in als die bekend is")
    item.notes.append("deze brief voldoet volgens de tekst aan een eerdere toezegging: zoek die op in het register "
                      "en controleer")
    return item


def _made_on(item: Item, made: re.Match, document: Document, sentence: str) -> None:
    """The debate or earlier letter the sentence says the promise was made in, and its date."""
    try:
        item.datum = parse_date(made["d"], document.date, prefer="past")
    except DateParseError:
        return
    item.activiteit, item.sources["datum"] = made["activity"].strip(), sentence


def _moment_date(phrase: str, document: Document):
    """The date a moment stands for ("voor de zomer" by the rules; "op 15 maart 2018" as written)."""
    due = resolve_phrase(phrase, document.date, document.chamber or "TK").due
    if due is None:
        written = re.search(TEXT_DATE_RE, phrase)
        if written:
            try:
                due = parse_date(written.group(0), document.date)
            except DateParseError:
                return None
    return due


def _next_sentence(text: Text, flat: str, sentence: str) -> str:
    end = flat.find(sentence) + len(sentence)
    return text.sentence(end + 1, end + 2, flat) if end + 1 < len(flat) else ""


READER = SimpleReader("commitments", _recognise, _read)
