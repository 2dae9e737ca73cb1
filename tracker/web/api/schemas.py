"""The API's request and response models: the source of truth for validation and for the OpenAPI document.

JSON keys are Dutch where the domain speaks Dutch (soort, kamer, nummer, titel, ministerie) and match
`tracker overdue --json` and the CSV columns; they are a contract: add, never rename.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, AnyHttpUrl, BaseModel, ConfigDict, Field

from ...domain.dutch import FIRST_YEAR, LAST_YEAR

Soort = Literal["motie", "toezegging", "kamervragen", "commissiebrief"]
Kamer = Literal["TK", "EK"]
Stand = Literal["open", "te_laat", "afgesloten", "alle"]
Text = str  # free text; lengths are bounded per field below
MAX_LIMIT = 500


def _in_range(value: date) -> date:
    # the same bounds as every other door (forms, import, CLI: tracker.domain.dutch.parse_date)
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"ligt buiten de jaren {FIRST_YEAR}–{LAST_YEAR}")
    return value


Day = Annotated[date, AfterValidator(_in_range)]


BEHANDELAAR_FILTER = "Alleen de items van deze behandelaar (gebruikersnaam), of `niemand` voor items zonder."


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ----------------------------------------------------------------------------------------------- queries
class OverdueQuery(Strict):
    op: Day | None = Field(None, description="Peildatum (standaard vandaag), JJJJ-MM-DD; dezelfde naam als op de "
                                             "pagina Te laat (`/te-laat?op=…`).")
    # the old name, kept working for one release (deprecated in the OpenAPI document; see peildatum())
    on: Day | None = Field(None, description="Verouderd: gebruik `op`. Werkt nog tot de volgende release.",
                           json_schema_extra={"deprecated": True})
    kamer: Kamer | None = None
    ministerie: str | None = Field(None, max_length=16, description="Ministeriecode, bijv. BZK.")
    soort: list[Soort] | None = Field(None, description="Eén of meer soorten (herhaal de parameter).")
    behandelaar: str | None = Field(None, max_length=100, description=BEHANDELAAR_FILTER)
    achterstand: Literal["recent", "oud", "alle"] = Field(
        "alle", description="alle (standaard), recent: hoogstens een jaar (365 dagen) te laat, oud: meer dan een "
                            "jaar te laat (de oude achterstand).")

    def peildatum(self) -> date | None:
        """`op`, or the deprecated `on`; both with different days is a contradiction, not a choice."""
        if self.op and self.on and self.op != self.on:
            raise ValueError("op en on (verouderd) noemen verschillende dagen; gebruik alleen op")
        return self.op or self.on


class ItemsQuery(Strict):
    soort: Soort | None = None
    kamer: Kamer | None = None
    ministerie: str | None = Field(None, max_length=16, description="Ministeriecode, bijv. BZK.")
    stand: Stand = Field("open", description="open, te_laat (op vandaag), afgesloten of alle.")
    zoek: str | None = Field(None, max_length=200, description="Zoekt in nummer, titel en tekst.")
    behandelaar: str | None = Field(None, max_length=100, description=BEHANDELAAR_FILTER)
    gewijzigd_sinds: datetime | None = Field(
        None, description="Alleen items gewijzigd na dit tijdstip (ISO 8601, bijv. 2026-12-01T08:00:00Z; zonder "
                          "tijdzone: Amsterdamse tijd): incrementeel synchroniseren.")
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    cursor: str | None = Field(None, max_length=100, description="De `next` van de vorige pagina.")


# ---------------------------------------------------------------------------------------------- responses
class Behandelaar(BaseModel):
    """Who at the ministry drafts the answer."""

    id: int
    gebruikersnaam: str
    naam: str = Field(description="De volledige naam, of de gebruikersnaam als die ontbreekt.")


class OverdueItem(BaseModel):
    """One overdue item: the same keys as `tracker overdue --json`."""

    id: int
    soort: str
    kamer: str
    nummer: str
    titel: str
    ministerie: str | None
    due: date
    days_overdue: int
    uitstelbericht: date | None
    uitstelbericht_days_late: int | None
    huidige_status: str
    regel: str
    fractie: str | None
    bewindspersoon: str | None
    behandelaar: Behandelaar | None = Field(None, description="Leeg: niemand is behandelaar.")


class ItemSummary(BaseModel):
    id: int
    soort: Soort
    kamer: Kamer
    nummer: str
    titel: str
    ministerie: str | None
    status: str
    due: date | None = Field(description="De termijn zoals die nu geldt; leeg: geen termijn of een persoon beslist.")
    afgesloten_op: date | None
    gearchiveerd: bool
    version: int
    gewijzigd: datetime
    behandelaar: Behandelaar | None = Field(None, description="Leeg: niemand is behandelaar.")


class ItemPage(BaseModel):
    items: list[ItemSummary]
    next: str | None = Field(description="De URL van de volgende pagina, of null op de laatste.")


class Deadline(BaseModel):
    due: date | None
    regel: str | None = Field(description="De regel (id) die de termijn geeft.")
    regel_in_woorden: str
    uitleg: str | None
    probleem: str | None = Field(description="Gezet: de termijn is niet te berekenen; een persoon beslist.")


class DeadlinePeriod(BaseModel):
    geldig_vanaf: date
    geldig_tot: date | None
    due: date | None
    regel: str
    uitleg: str


class DocumentRef(BaseModel):
    id: int
    rol: str
    soort: str
    titel: str
    dagtekening: date | None
    ontvangen_op: date | None = Field(None, description="De dag dat de Kamer het ontving (de griffie), als bekend.")


class DelayNotice(BaseModel):
    verzonden_op: date
    uitstel_tot: date | None
    reden: str | None
    ontvangen_op: date | None = Field(None, description="De dag dat de Kamer het ontving (de griffie), als bekend.")


class AuditEntry(BaseModel):
    tijdstip: datetime
    door: str
    actie: str
    veld: str | None
    oud: str | None
    nieuw: str | None
    toelichting: str | None
    per: date | None


class ItemDetail(ItemSummary):
    tekst: str | None
    datum: date | None = Field(description="Datum van stemming, toezegging, indiening of dagtekening.")
    termijn: str | None
    deadline_zin: str | None
    indieners: str | None
    fracties: str | None
    bewindspersoon: str | None
    stand_van_zaken: str | None
    stand_intern: bool
    thema: str | None
    stemming: str | None
    kabinetsappreciatie: str | None
    activiteit: str | None
    commissie: str | None
    allowed_statuses: list[str] = Field(description="De statussen waarnaar dit token het item nu mag zetten.")
    deadline: Deadline
    deadline_historie: list[DeadlinePeriod]
    documenten: list[DocumentRef]
    uitstelberichten: list[DelayNotice]
    audit: list[AuditEntry]


class MinistryOut(BaseModel):
    id: int
    code: str
    naam: str
    vanaf: date | None
    tot: date | None


class RuleOut(BaseModel):
    id: str
    kamer: str
    soort: str
    omschrijving: str
    termijn: str | None
    termijn_na_uitstel: str | None
    bron: str


class DocumentOut(BaseModel):
    id: int
    soort: str
    titel: str
    dagtekening: date | None
    kamer: str | None
    afzender: str | None
    geadresseerde: str | None
    kenmerk: str | None
    dossier: str | None
    stuknummer: str | None
    vergaderjaar: str | None
    url: str | None
    items: list[int]


# ------------------------------------------------------------------------------------------------- writes
class ItemFields(Strict):
    """Fields a client may set; every text bounded as in the web form."""

    titel: str | None = Field(None, min_length=1, max_length=500)
    ministerie: str | None = Field(None, max_length=16)
    datum: Day | None = None
    termijn: str | None = Field(None, max_length=30, description="Een eigen termijn, bijv. '6 weken'.")
    deadline: str | None = Field(None, max_length=300, description="Een datum of een zin als 'voor de zomer'.")
    tekst: str | None = Field(None, max_length=100_000)
    indieners: str | None = Field(None, max_length=500)
    fracties: str | None = Field(None, max_length=300)
    bewindspersoon: str | None = Field(None, max_length=200)
    stand_van_zaken: str | None = Field(None, max_length=20_000)
    stand_intern: bool | None = Field(None, description="De stand van zaken is intern: nooit in een brief aan de Kamer.")
    thema: str | None = Field(None, max_length=300)
    stemming: str | None = Field(None, max_length=200)
    kabinetsappreciatie: str | None = Field(None, max_length=100)
    activiteit: str | None = Field(None, max_length=300, description="Debat, commissievergadering of brief.")
    commissie: str | None = Field(None, max_length=200, description="Naam of afkorting van een commissie van die Kamer.")


class ItemCreate(ItemFields):
    soort: Soort
    kamer: Kamer
    nummer: str = Field(min_length=1, max_length=60)
    titel: str = Field(min_length=1, max_length=500)


class ItemPatch(ItemFields):
    nummer: str | None = Field(None, min_length=1, max_length=60)
    toelichting: str | None = Field(None, max_length=2000, description="Waarom; verplicht voor de griffie.")


class StatusChange(Strict):
    status: str = Field(min_length=1, max_length=30)
    toelichting: str | None = Field(None, max_length=2000)
    per: Day | None = Field(None, description="De datum van de wijziging (standaard vandaag).")


class DelayIn(Strict):
    verzonden_op: Day
    uitstel_tot: Day | None = None
    reden: str | None = Field(None, max_length=2000)
    ontvangen_op: Day | None = Field(None, description="Griffie: de dag dat de Kamer het ontving (leeg: de "
                                                       "dagtekening). Alleen de griffie en een admin.")


class AnswerIn(Strict):
    beantwoord_op: Day
    titel: str | None = Field(None, max_length=500, description="Titel van het antwoord of de brief.")
    link: AnyHttpUrl | None = Field(None, description="Een http(s)-link naar het document.")
    toelichting: str | None = Field(None, max_length=2000)
    ontvangen_op: Day | None = Field(None, description="Griffie: de dag dat de Kamer het ontving (leeg: de "
                                                       "dagtekening). Alleen de griffie en een admin.")
