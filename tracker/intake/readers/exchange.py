"""A committee's letter and what came of it: the letter (with its own term, "binnen vier weken na dagtekening
van deze brief" or "De Kamer verneemt graag vóór vrijdag 31 oktober"), the minister's uitstelbericht and the
reply. In a verslag van een (nader) schriftelijk overleg they stand as letters one after another, or the cover
lists them ("De uitgaande brief van 17 september 2025. De antwoordbrief van 2 december 2025."; "op 1 oktober
2024 een brief gestuurd … op 25 oktober 2024 een uitstelbericht gestuurd en op 10 januari 2025 inhoudelijk
gereageerd"). One commissiebrief item with all three dates, and the timeliness of each step by the rules.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ...domain.deadlines import DelayFact, ItemFacts, State, assess, schedule
from ...domain.dutch import TEXT_DATE_RE, DateParseError, format_date, parse_date, parse_term
from .. import ministries
from ..model import Document, Item
from ..moments import find_moment
from .base import Paper, SimpleReader, clip, rule_due

# Atomic: only the first " over " after "vragen" can lead to the full stop (a later one has fewer characters before
# the same stop), so it is not tried again at every later " over " (that was quadratic on a long sentence).
_SUBJECT = re.compile(r"vragen(?>[^.]*? over )(?P<s>[^.]{10,}+)\.")
_CONCERNING = re.compile(r"\bbrief\s+(?:gestuurd|verzonden)\b[^.]*?\binzake\s+(?P<s>[^.]{10,}?)\.")
_DATE = re.compile(TEXT_DATE_RE)
# The cover of a verslag: which letters it holds, with their dates.
_COVER = {
    "letter": re.compile(r"(?:uitgaande brief|brief van de commissie|een brief gestuurd|brief verzonden)\D{0,40}?"
                         r"(?P<d>\d{1,2} \w+ \d{4})|op (?P<d2>\d{1,2} \w+ \d{4}) (?:is )?een brief (?:gestuurd|verzonden)|"
                         # "De vragen en opmerkingen zijn op 22 maart 2023 aan de Staatssecretaris van Financiën
                         # voorgelegd." (TK verslag van een schriftelijk overleg, 2015–now: the bewindspersoon in full)
                         r"(?:vragen en opmerkingen|vragen) zijn op (?P<d3>\d{1,2} \w+ \d{4}) aan de [^.]{1,80}? voorgelegd|"
                         # "De op 14 april 2010 toegezonden vragen en opmerkingen zijn met de door de minister bij brief
                         # van 15 april 2010 toegezonden antwoorden hieronder afgedrukt." (TK verslag of a schriftelijk
                         # overleg, 2008–2012: kst-21501-31-207)
                         r"\bop (?P<d4>\d{1,2} \w+ \d{4}) (?:toegezonden|voorgelegde|gestelde) vragen",
                         re.I),
    "delay": re.compile(r"(?:uitstelbericht|uitstelbrief)\D{0,30}?(?P<d>\d{1,2} \w+ \d{4})|op (?P<d2>\d{1,2} \w+ \d{4}) "
                        r"een (?:uitstelbericht|uitstelbrief)", re.I),
    "answer": re.compile(r"(?:antwoordbrief|reactie van de minister|beantwoording)\D{0,30}?(?P<d>\d{1,2} \w+ \d{4})|"
                         r"op (?P<d2>\d{1,2} \w+ \d{4}) (?:inhoudelijk )?(?:gereageerd|geantwoord)|"
                         r"[Bb]ij brief van (?P<d3>\d{1,2} \w+ \d{4}) zijn (?:ze|deze|de vragen)[^.]{0,60}?beantwoord|"
                         # a lijst van vragen en antwoorden: "De Minister heeft deze vragen beantwoord bij brief van 12
                         # september 2022." (kst-31865-214), "De regering heeft deze vragen beantwoord bij brief van 2
                         # juni 2006." (kst-30550-XI-6)
                         r"heeft (?:deze|de) vragen beantwoord bij brief van (?P<d4>\d{1,2} \w+ \d{4})|"
                         # the same 2008–2012 verslag: "… met de door de minister bij brief van 15 april 2010
                         # toegezonden antwoorden hieronder afgedrukt" (kst-21501-31-207)
                         r"bij brief van (?P<d5>\d{1,2} \w+ \d{4}) toegezonden antwoorden", re.I),
}
# A lijst van vragen en antwoorden or a verslag whose cover says to whom the questions went, without the date they
# went: "De vaste commissie voor Rijksuitgaven heeft een aantal vragen voorgelegd aan de Minister van Financiën
# over …", "… de navolgende vragen ter beantwoording aan de regering voorgelegd."
# A verslag of 2010–2012 says it with the committee's wish: "Binnen de vaste commissie voor Economische Zaken, Landbouw
# en Innovatie hebben enkele fracties de behoefte om enige vragen en opmerkingen voor te leggen aan de minister van
# Economische Zaken, Landbouw en Innovatie over de brief van 26 juni 2012 …" (kst-24446-47).
_PUT_TO = re.compile(r"vragen(?: en opmerkingen)?\s+(?:ter beantwoording\s+)?(?:voorgelegd\s+|voor te leggen\s+)?aan\s+(?:de|het)\s+"
                     r"(?P<who>[^.]{3,100}?)(?:\s+voorgelegd\b|\s+over\b|\s+inzake\b|\.)", re.I)


# A committee asking an action by a moment rather than a reply (EK, 2013): "Naar aanleiding hiervan verzoeken de
# commissies u om de evaluatie van de nieuwe staatkundige structuur in 2015 voortvarend ter hand te nemen en deze begin
# 2016 af te ronden, …" — the moment ("begin 2016") is the item's deadline.
_ASKS_BY_MOMENT = re.compile(r"\bverzoek(?:t|en)\s+(?:de|het)\s+(?:vaste\s+)?(?:commissies?|leden|Kamer)\s+(?:u|de regering|het kabinet)\b[^.]{0,250}")


def _recognise(paper: Paper) -> bool:
    if any(d.kind == "commissiebrief" for d in paper.documents):
        return True
    cover = _cover_dates(paper)
    return "letter" in cover or ("answer" in cover and _put_to(paper) is not None)


# What the questions are about, for the item's title: "heeft een aantal vragen voorgelegd aan de minister voor
# Infrastructuur en Milieu inzake de stand van zaken van openstaande moties en toezeggingen (Kamerstuk 32 500 XII,
# nr. 68)." (kst-32500-XII-72)
_COVER_ABOUT = re.compile(r"\bvragen\b[^.]{0,160}?\b(?:over|inzake)\s+(?P<s>(?:de|het|een)\s[^.()]{8,200}?)\s*(?:\(|\.)")


def questions_put_to(paper: Paper, when=None) -> tuple[str, str] | None:
    """The ministry a verslag's questions were put to, as (code, the words): the bewindspersoon the cover names;
    "aan de regering": the ministry of the dossier (a jaarverslag or begroting)."""
    put_to = _put_to(paper)
    if put_to is None:
        return None
    when = when or paper.dated()
    addressed = ministries.bewindspersoon_ministry(put_to.group(0), when)
    if addressed is None:
        chapter = ministries.chapter_ministry(" ".join(paper.whole.lines[:3]), when)
        addressed = (chapter, paper.whole.lines[0]) if chapter else None
    return addressed


def _put_to(paper: Paper):
    """To whom a verslag's cover says the questions were put ("aan de Minister van Financiën", "aan de regering")."""
    cover = next((s for s, d in paper.letters if d.kind == "verslag"), None)
    return _PUT_TO.search(cover.text.flat) if cover is not None else None


def _cover_dates(paper: Paper) -> dict:
    """The dates a verslag's cover gives for the letter, the uitstelbericht and the reply."""
    cover = next((d for d in paper.documents if d.kind == "verslag"), None)
    if cover is None:
        return {}
    section = next(s for s, d in paper.letters if d is cover)
    flat, found = section.text.flat, {}
    for what, pattern in _COVER.items():
        match = pattern.search(flat)
        if match:
            try:
                when = next(match[g] for g in ("d", "d2", "d3", "d4", "d5") if g in match.re.groupindex and match[g])
                found[what] = (parse_date(when), section.text.sentence(match.start(), match.end(), flat))
            except DateParseError:
                pass
    return found


def _read(paper: Paper) -> list[Item]:
    documents, calendar = paper.documents, paper.calendar
    cover = _cover_dates(paper)
    if not any(d.kind == "commissiebrief" for d in paper.documents):
        return [_from_cover(paper, cover)]  # the verslag holds only the cover: its dates are the exchange
    items = []
    # once for all letters, not per letter (a bundle of many letters was quadratic)
    answers_and_delays = [d for d in documents if d.kind in ("uitstelbericht", "antwoord")]
    concerning = _CONCERNING.search(" ".join(s.text.flat for s, d in paper.letters if d.kind == "verslag"))
    for section, letter in [(s, d) for s, d in paper.letters if d.kind == "commissiebrief"]:
        replies = [d for d in answers_and_delays
                   if (d.answers is None or d.answers == letter.date) and (d.date and letter.date and d.date >= letter.date)]
        delays = [d for d in replies if d.kind == "uitstelbericht"]
        answers = [d for d in replies if d.kind == "antwoord"]
        addressed = ministries.bewindspersoon_ministry(letter.addressee, letter.date)
        deadline = letter.reply_phrase or (letter.reply_due.isoformat() if letter.reply_due else None)
        assumed = None
        asks = _ASKS_BY_MOMENT.search(section.text.flat) if deadline is None else None
        moment = find_moment(asks.group(0)) if asks else None
        if moment:  # an action asked by a moment, not a written reply: the moment as written
            deadline = moment
            letter.sources.setdefault("reply_due", asks.group(0))
        if deadline is None and letter.date:  # no term of its own: the usual four weeks
            assumed = rule_due("commissiebrief", letter.chamber, letter.date, calendar)
            deadline = assumed.isoformat() if assumed else None
        item = Item(soort="commissiebrief", kamer=letter.chamber, datum=letter.date, termijn=letter.reply_term,
                    deadline=deadline, ministerie=addressed[0] if addressed else None)
        item.sources.update({"datum": letter.sources.get("date", ""), "termijn": letter.sources.get("reply_due", ""),
                             "deadline": letter.sources.get("reply_due", ""),
                             "ministerie": letter.sources.get("addressee", "")})
        subject = _SUBJECT.search(section.text.flat)
        if letter.subject:
            item.titel, item.sources["titel"] = clip(letter.subject), letter.sources.get("subject", "")
        elif subject:
            item.titel = clip(f"Vragen over {subject['s'].strip()}")
            item.sources["titel"] = subject.group(0)
        elif concerning:
            item.titel = clip(concerning["s"].strip()[:1].upper() + concerning["s"].strip()[1:])
            item.sources["titel"] = concerning.group(0)
        else:
            sender = re.sub(r"^[Dd]e\s+", "", letter.sender or "commissie")
            item.titel = clip(f"Brief van de {sender}" + (f" van {format_date(letter.date)}" if letter.date else ""))
        # the committee's kenmerk is what the replies quote when they name its letter
        for reply in replies:
            if reply.kenmerken and not item.nummer:
                item.nummer = reply.kenmerken[0]
                item.sources["nummer"] = reply.sources.get("kenmerken", "")
        if not item.nummer and letter.kenmerken:  # the committee's own kenmerk on its letter
            item.nummer, item.sources["nummer"] = letter.kenmerken[0], letter.sources.get("kenmerken", "")
        if not item.nummer:
            item.notes.append("geen kenmerk gevonden: vul het nummer in")
        if assumed:
            item.sources["deadline"] = "vier weken na de brief (de gebruikelijke termijn; de brief noemt geen eigen termijn)"
            item.notes.append("de brief noemt geen termijn: vier weken aangenomen, controleer")
        term = parse_term(letter.reply_term) if letter.reply_term else None
        facts = ItemFacts(kind="commissiebrief", chamber=letter.chamber or "TK", start=letter.date, term=term,
                          deadline=letter.reply_due if not term else None,
                          delays=tuple(DelayFact(d.date, d.promised_date) for d in delays if d.date))
        if delays:
            first = min(delays, key=lambda d: d.date)
            item.uitstelbericht, item.uitstel_tot = first.date, first.promised or first.promised_date
            item.sources["uitstelbericht"] = first.sources.get("date", "")
            if first.promised:
                item.sources["uitstel_tot"] = first.sources.get("promised", "")
        elif "delay" in cover:
            item.uitstelbericht, item.sources["uitstelbericht"] = cover["delay"]
        reply = min(answers, key=lambda d: d.date) if answers else None
        if reply:
            item.beantwoord, item.status = reply.date, "beantwoord"
            item.sources["beantwoord"] = reply.sources.get("date", "")
        elif "answer" in cover:
            item.status = "beantwoord"
            item.beantwoord, item.sources["beantwoord"] = cover["answer"]
        else:
            item.status = "uitstel gemeld" if item.uitstelbericht else "ontvangen"
        if item.beantwoord:
            facts = replace(facts, closed_on=item.beantwoord, closed_kind="done")
        if letter.date and (facts.term or facts.deadline):
            plan = schedule(facts, calendar=calendar)
            for verdict, notice in zip(plan.delays, sorted((d for d in delays if d.date), key=lambda d: d.date)):
                notice.timely, notice.days_late = verdict.timely, verdict.days_late
            if reply:
                outcome = assess(facts, plan, reply.date)
                reply.timely = outcome.state == State.DONE_ON_TIME
                reply.days_late = outcome.days_late or 0
        items.append(item)
    return items


def _from_cover(paper: Paper, cover: dict) -> Item:
    """A (TK) verslag of a schriftelijk overleg that only says when the questions went and were answered: "De
    vragen en opmerkingen zijn op 3 maart 2025 aan de minister voorgelegd. Bij brief van 1 april 2025 zijn ze
    door de minister beantwoord." """
    verslag = paper.first
    sent, sent_source = cover.get("letter") or (None, "")
    when = sent or (cover["answer"][0] if "answer" in cover else None)
    addressed = questions_put_to(paper, when) or ministries.bewindspersoon_ministry(paper.whole.flat[:2000], when)
    about = _COVER_ABOUT.search(next((s.text.flat for s, d in paper.letters if d is verslag), ""))
    title = (f"Vragen over {about['s'].strip(' ,')}" if about else
             f"Schriftelijk overleg: {(verslag.heading or '').capitalize() or (verslag.subject if verslag else None) or 'vragen en opmerkingen'}")
    item = Item(soort="commissiebrief", kamer=verslag.chamber if verslag else None, datum=sent,
                ministerie=addressed[0] if addressed else None, status="ontvangen", titel=clip(title, 200))
    item.sources.update({"datum": sent_source, "ministerie": addressed[1] if addressed else ""})
    if sent is None:
        item.notes.append("wanneer de vragen zijn voorgelegd staat er niet bij: vul de datum in als die bekend is")
    due = rule_due("commissiebrief", item.kamer, sent, paper.calendar)
    if due:
        item.deadline = due.isoformat()
        item.sources["deadline"] = "vier weken na het voorleggen (de gebruikelijke termijn)"
        item.notes.append("de termijn van de commissie staat er niet bij: vier weken aangenomen, controleer")
    if "delay" in cover:
        item.uitstelbericht, item.sources["uitstelbericht"] = cover["delay"]
        item.status = "uitstel gemeld"
    if "answer" in cover:
        item.beantwoord, item.sources["beantwoord"] = cover["answer"]
        item.status = "beantwoord"
    item.notes.append("het kenmerk van de commissiebrief staat niet in het verslag: vul het in")
    return item


READER = SimpleReader("exchange", _recognise, _read)

__all__ = ["READER", "Document"]
