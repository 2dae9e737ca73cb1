"""The import template: the import's columns, what each holds, and one example row per soort.

Offered on the import page as CSV and XLSX (written by tracker.exporter, so it reads back exactly as an
export does): fill it in, or copy its header into a list of one's own.
"""
from __future__ import annotations

from .importer import COLUMNS

# Column → what goes in it (the reference on the import page, in the import's own order).
COLUMN_HELP = {
    "soort": "motie, toezegging, kamervragen of commissiebrief",
    "kamer": "TK of EK",
    "nummer": "Kamerstuk (35628, nr. 10), toezeggingnummer (T02423), Kamervragen (2026Z01234) of kenmerk",
    "titel": "korte omschrijving (hoogstens 500 tekens)",
    "ministerie": "code, bijv. BZK of OCW",
    "datum": "stemming, toezegging, indiening of dagtekening (2026-01-15, 15-01-2026 of 15 januari 2026); mag leeg",
    "termijn": "eigen termijn, bijv. 4 weken (commissiebrief)",
    "deadline": "een datum of een zin als ‘voor de zomer’ of ‘tweede helft van 2026’",
    "uitstelbericht": "datum van het (laatste) uitstelbericht",
    "uitstel_tot": "de datum die het uitstelbericht belooft",
    "beantwoord": "datum van het antwoord of de afdoening",
    "status": "bijv. in behandeling, aangenomen, deels voldaan (leeg: volgt uit de andere kolommen)",
    "tekst": "dictum, toezegging of vragen",
    "stand_van_zaken": "hoe het ervoor staat (voor de voortgangsbrief)",
    "leden": "indieners of vragensteller",
    "fractie": "fracties",
    "bewindspersoon": "naam van de bewindspersoon",
    "commissie": "naam of afkorting van de commissie (moet bekend zijn)",
    "stemming": "uitslag van de stemming (motie)",
    "appreciatie": "kabinetsappreciatie (motie)",
    "activiteit": "debat of overleg waarin de toezegging is gedaan",
    "thema": "komma-gescheiden thema's",
    "behandelaar": "gebruikersnaam van de behandelaar: een gebruiker van het ministerie van het item (die het item "
                   "dan volgt en herinneringen krijgt)",
}


def example_rows(ministry: str = "BZK") -> list[dict[str, str]]:
    """One made-up row per soort, in the import's columns."""
    empty = dict.fromkeys(COLUMNS, "")
    return [
        {**empty, "soort": "motie", "kamer": "TK", "nummer": "36100, nr. 12", "titel": "Motie over digitale "
         "toegankelijkheid (voorbeeld)", "ministerie": ministry, "datum": "2026-01-15", "deadline": "voor de zomer",
         "status": "aangenomen", "leden": "Van der Werf", "fractie": "D66"},
        {**empty, "soort": "toezegging", "kamer": "TK", "nummer": "T03001", "titel": "Evaluatie naar de Kamer "
         "sturen (voorbeeld)", "ministerie": ministry, "datum": "2026-02-03", "deadline": "tweede helft van 2026",
         "activiteit": "commissiedebat"},
        {**empty, "soort": "kamervragen", "kamer": "TK", "nummer": "2026Z01234", "titel": "Vragen over wachttijden "
         "(voorbeeld)", "ministerie": ministry, "datum": "2026-03-02", "leden": "Dijk", "fractie": "SP"},
        {**empty, "soort": "commissiebrief", "kamer": "EK", "nummer": "176001.01U", "titel": "Vragen van de commissie "
         "(voorbeeld)", "ministerie": ministry, "datum": "2026-03-10", "termijn": "4 weken"},
    ]
