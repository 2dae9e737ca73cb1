"""The rule book: which rule produces which deadline, loaded from data (rulebook.toml)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .dutch import Term, parse_term

KINDS = ("motie", "toezegging", "kamervragen", "commissiebrief")
BASES = ("term", "phrase")
AFTER_DELAY = ("term_from_start", "promised_or_again", "promised")


class RuleBookError(ValueError):
    """The rule book itself is wrong (a rule that cannot be applied)."""


@dataclass(frozen=True)
class Rule:
    """One deadline rule of one assembly for one kind of item."""

    id: str
    chamber: str
    kind: str
    basis: str
    after_delay: str
    label: str
    source: str = ""
    term: Term | None = None
    delay_term: Term | None = None


@dataclass(frozen=True)
class PhraseConventions:
    """The dates this project chose for vague phrases (our convention, stated in every explanation)."""

    season_end: dict[str, tuple[int, int]]
    begin_of_year: tuple[int, int]
    mid_year: tuple[int, int]
    recess_fallback: dict[str, tuple[tuple[int, int], tuple[int, int]]]
    after_recess_days: int
    before_date_offset_days: int


@dataclass(frozen=True)
class RuleBook:
    rules: tuple[Rule, ...]
    phrases: PhraseConventions
    by_key: dict = field(default_factory=dict, compare=False, hash=False)

    def rule_for(self, chamber: str, kind: str) -> Rule:
        """The rule of this chamber for this kind, or the general ("*") rule."""
        rule = self.by_key.get((chamber, kind)) or self.by_key.get(("*", kind))
        if rule is None:
            raise RuleBookError(f"geen termijnregel voor {kind} in vergadering {chamber}")
        return rule

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise RuleBookError(f"onbekende regel {rule_id}")


def _month_day(value: str, where: str) -> tuple[int, int]:
    try:
        month, day = (int(part) for part in value.split("-"))
        return month, day
    except ValueError:
        raise RuleBookError(f"{where}: '{value}' is geen MM-DD") from None


def _rule(raw: dict) -> Rule:
    where = f"regel {raw.get('id', '?')}"
    kind, basis, after_delay = raw.get("kind"), raw.get("basis"), raw.get("after_delay")
    if kind not in KINDS:
        raise RuleBookError(f"{where}: onbekende soort {kind!r}")
    if basis not in BASES:
        raise RuleBookError(f"{where}: basis moet een van {BASES} zijn")
    if after_delay not in AFTER_DELAY:
        raise RuleBookError(f"{where}: after_delay moet een van {AFTER_DELAY} zijn")
    term = parse_term(raw["term"]) if raw.get("term") else None
    delay_term = parse_term(raw["delay_term"]) if raw.get("delay_term") else None
    if basis == "term" and term is None:
        raise RuleBookError(f"{where}: basis 'term' vraagt een term")
    if after_delay == "term_from_start" and delay_term is None:
        raise RuleBookError(f"{where}: after_delay 'term_from_start' vraagt een delay_term")
    return Rule(id=raw["id"], chamber=raw["chamber"], kind=kind, basis=basis,
                after_delay=after_delay, label=raw.get("label", raw["id"]),
                source=raw.get("source", ""), term=term, delay_term=delay_term)


def rulebook_from_toml(text: str) -> RuleBook:
    """Build a rule book from TOML text (the format of rulebook.toml)."""
    data = tomllib.loads(text)
    rules = tuple(_rule(raw) for raw in data.get("rules", []))
    p = data.get("phrases", {})
    phrases = PhraseConventions(
        season_end={k: _month_day(v, "season_end") for k, v in p.get("season_end", {}).items()},
        begin_of_year=_month_day(p.get("begin_of_year", "03-31"), "begin_of_year"),
        mid_year=_month_day(p.get("mid_year", "06-30"), "mid_year"),
        recess_fallback={k: (_month_day(v[0], "recess_fallback"), _month_day(v[1], "recess_fallback"))
                         for k, v in p.get("recess_fallback", {}).items()},
        after_recess_days=int(p.get("after_recess_days", 7)),
        before_date_offset_days=int(p.get("before_date_offset_days", 1)),
    )
    by_key = {}
    for rule in rules:
        if (rule.chamber, rule.kind) in by_key:
            raise RuleBookError(f"twee regels voor {rule.kind} in {rule.chamber}")
        by_key[(rule.chamber, rule.kind)] = rule
    return RuleBook(rules=rules, phrases=phrases, by_key=by_key)


@lru_cache(maxsize=1)
def default_rulebook() -> RuleBook:
    """The rule book shipped with Kamertracker."""
    text = resources.files("tracker.domain").joinpath("rulebook.toml").read_text(encoding="utf-8")
    return rulebook_from_toml(text)


# How a deadline phrase was resolved (tracker.domain.phrases), in words: the rule line of an item page.
PHRASE_RULES = {
    "datum": "de datum die de zin noemt", "binnen-termijn": "de termijn die de zin noemt (‘binnen zes weken’)",
    "reces": "vóór of na een reces volgens het recesrooster", "reces-standaard": "vóór of na een reces (de gebruikelijke "
    "data: het recesrooster kent dat reces nog niet)", "kwartaal": "een kwartaal: de laatste dag ervan",
    "halfjaar": "een half jaar: de laatste dag ervan", "seizoen": "een seizoen: de laatste dag ervan (gebruikelijke "
    "afspraak)", "jaareinde": "het einde van het jaar", "begin-jaar": "begin van het jaar (gebruikelijk: 31 maart)",
    "medio-jaar": "medio het jaar (gebruikelijk: 30 juni)", "halverwege-jaar": "halverwege het jaar (gebruikelijk: "
    "30 juni)", "voor-maand": "vóór een maand: de laatste dag daarvoor", "maand": "in een maand: de laatste dag ervan",
    "voor-jaar": "vóór een jaar: de laatste dag daarvoor", "jaar": "in een jaar: de laatste dag ervan",
    "onbekend": "de zin noemt geen datum die Kamertracker kan uitrekenen; een medewerker stelt de termijn vast",
}


def rule_in_words(rule_id: str | None, rulebook: RuleBook | None = None) -> str:
    """A due_rule as a person reads it: "zin:halfjaar" → "volgens de zin in de tekst: een half jaar: de laatste dag
    ervan",
    "tk-kamervragen+uitstel" → the rule's label, after an uitstelbericht."""
    if not rule_id:
        return "geen termijn"
    if rule_id == "handmatig":
        return "met de hand vastgesteld (de reden staat hieronder en in de tijdlijn)"
    if rule_id.startswith("zin:"):
        return "volgens de zin in de tekst: " + PHRASE_RULES.get(rule_id[4:], rule_id[4:])
    base, _, after = rule_id.partition("+")
    labels = {rule.id: rule.label for rule in (rulebook or default_rulebook()).rules}
    words = labels.get(base, base)
    return f"{words} (na uitstelbericht)" if after == "uitstel" else words
