"""Which fields the item form shows for each soort, and what they are called there.

One form serves every soort, but a Kamervraag has no stemming and a motie no commissie: each soort gets the fields
its register has (tracker.models.TrackedItem says which columns are kind-specific; shared/DOMAIN.md what each
register holds). A field a soort does not have is not shown and not saved for it."""
from __future__ import annotations

from ..domain.rules import default_rulebook
from ..vocabulary import ITEM_KINDS

# every soort has these (the ministry's own fields and the griffie's toelichting follow the role, not the soort)
COMMON = ("nummer", "ministry_id", "title", "start_date", "bewindspersoon", "text", "tags",
          "stand_van_zaken", "behandelaar_id", "internal_due", "note")
OWN = {
    # the dictum's deadline; indieners and their fracties; the vote and the cabinet's appraisal
    "motie": ("deadline", "members", "fracties", "vote_result", "kabinetsappreciatie"),
    # made in a debate or committee meeting (activiteit, commissie), to members, with a date or a phrase
    "toezegging": ("deadline", "members", "fracties", "activity", "committee_id"),
    # three weeks after submission (Reglement van Orde): no term or deadline of its own; the askers
    "kamervragen": ("members", "fracties"),
    # the committee's letter: its own term ("binnen zes weken") or a date it names
    "commissiebrief": ("committee_id", "term", "deadline"),
}
KIND_SPECIFIC = tuple(dict.fromkeys(name for names in OWN.values() for name in names))


def fields_for(kind: str) -> frozenset[str]:
    return frozenset(COMMON + OWN.get(kind, ()))


def _usual_term(kind: str) -> str:
    rule = default_rulebook().rule_for("TK", kind)
    return rule.term.in_words() if rule.term else ""


# (label, hint) per field and soort; a field missing here keeps the form's own label and hint
WORDS = {
    "nummer": {"motie": ("Nummer", "Kamerstuk, bijv. 35628, nr. 10."),
               "toezegging": ("Nummer", "Bijv. T02423, het nummer in het toezeggingenregister."),
               "kamervragen": ("Nummer", "Bijv. 2023Z12345."),
               "commissiebrief": ("Nummer", "Het kenmerk van de brief of het Kamerstuk.")},
    "start_date": {"motie": ("Datum van de stemming", ""),
                   "toezegging": ("Datum van de toezegging", "De dag van het debat of de brief."),
                   "kamervragen": ("Datum van indiening",
                                   f"De termijn is {_usual_term('kamervragen')} na deze datum."),
                   "commissiebrief": ("Dagtekening van de brief", "De termijn telt vanaf deze datum.")},
    "bewindspersoon": {"motie": ("Bewindspersoon", ""),
                       "toezegging": ("Gedaan door (bewindspersoon)", ""),
                       "kamervragen": ("Gesteld aan (bewindspersoon)", ""),
                       "commissiebrief": ("Gericht aan (bewindspersoon)", "")},
    "text": {"motie": ("Dictum", "Wat de Kamer de regering verzoekt."),
             "toezegging": ("Tekst van de toezegging", ""),
             "kamervragen": ("Vragen", ""),
             "commissiebrief": ("Vragen of verzoek van de commissie", "")},
    "members": {"motie": ("Indieners", "Bijv. Bergkamp (D66) c.s."),
                "toezegging": ("Gedaan aan (Kamerleden)", "Een of meer leden, gescheiden door komma's."),
                "kamervragen": ("Vragenstellers", "Een of meer leden, gescheiden door komma's.")},
    "deadline": {"motie": ("Termijn uit het dictum",
                           "Een datum of een zin zoals ‘voor de zomer’ of ‘tweede helft van 2025’."),
                 "toezegging": ("Toegezegde termijn",
                                "Een datum of een zin zoals ‘voor de zomer’ of ‘tweede helft van 2025’."),
                 "commissiebrief": ("Uiterste datum uit de brief",
                                    "Alleen als de brief een datum noemt; anders telt de termijn hierboven.")},
    "term": {"commissiebrief": ("Termijn uit de brief",
                                f"Bijv. zes weken. Leeg: {_usual_term('commissiebrief')} na dagtekening, "
                                f"de gebruikelijke termijn.")},
    "activity": {"toezegging": ("Activiteit", "Bijv. plenair debat, commissiedebat, brief.")},
    "vote_result": {"motie": ("Stemming", "Bijv. aangenomen, verworpen, aangehouden.")},
    "kabinetsappreciatie": {"motie": ("Kabinetsappreciatie", "Bijv. oordeel Kamer, ontraden, overgenomen.")},
}


def shape(form, kind: str):
    """The form with only this soort's fields (the others are taken out: not validated, not saved), each with its
    label and hint for the soort."""
    wanted = fields_for(kind)
    for name in KIND_SPECIFIC:
        if name not in wanted and name in form:
            delattr(form, name)
    label(form, kind)
    return form


def label(form, kind: str) -> None:
    for name, by_kind in WORDS.items():
        field = getattr(form, name, None)
        if field is not None and kind in by_kind:
            field.label.text, field.description = by_kind[kind]


def for_script() -> dict:
    """What the form's script needs to switch soort without a reload: per soort its fields, labels and hints."""
    return {kind: {"velden": sorted(fields_for(kind)),
                   "teksten": {name: list(by_kind[kind]) for name, by_kind in WORDS.items() if kind in by_kind}}
            for kind in ITEM_KINDS}
