"""The API's search and dossier: the same function, filters and reading rules as the pages (tracker.search)."""
from __future__ import annotations

from datetime import date
from typing import Literal

from flask import g
from pydantic import BaseModel, Field

from ... import clock, db
from ...search import Filters
from .. import app_engine
from ..read_cache import reader
from ..search import cached_dossier_hits, cached_search, dossier_name
from . import bp, spec
from .problems import ApiProblem
from .routes import _json, _ministry_id
from .schemas import Day, Kamer, Strict


class SearchQuery(Strict):
    q: str = Field(..., min_length=1, max_length=200, description="Woorden, namen, nummers of een vindplaats "
                   "(\"35628-10\", \"35 628, nr. 10\", \"Kamerstukken II 2020/21, 35628, nr. 10\", \"2026Z90015\").")
    soort: Literal["motie", "toezegging", "kamervragen", "commissiebrief", "document"] | None = None
    kamer: Kamer | None = None
    ministerie: str | None = Field(None, max_length=16, description="Ministeriecode, bijv. BZK.")
    stand: Literal["open", "te_laat", "afgesloten"] | None = Field(None, description="Alleen items in deze stand.")
    van: Day | None = Field(None, description="Vanaf deze datum (item: begindatum; document: dagtekening).")
    tot: Day | None = Field(None, description="Tot en met deze datum.")
    pagina: int = Field(1, ge=1, le=100_000)
    per_pagina: int = Field(25, ge=1, le=100)


class Piece(BaseModel):
    tekst: str
    gemarkeerd: bool


class HitOut(BaseModel):
    type: Literal["item", "document"]
    id: int
    soort: str
    nummer: str | None
    titel: str
    kamer: str | None
    ministerie: str | None
    status: str | None
    datum: str | None = Field(description="Begindatum (item) of dagtekening (document), JJJJ-MM-DD.")
    termijn: str | None
    afgesloten: str | None
    fragment: list[Piece] | None = Field(description="Waar de woorden staan; gemarkeerd: het gevonden woord.")
    gevonden_in: str | None
    dossier: str | None = Field(description="Het Kamerstukdossier van het nummer (item) of het document.")
    officiele_url: str | None = Field(description="De vaste plaats van de officiële publicatie.")
    items: list[int] = Field(description="Een document: de items waar het bij hoort.")


class SearchPage(BaseModel):
    totaal: int
    begrensd: bool = Field(description="Meer gevonden dan gerangschikt: totaal telt de nieuwste (zonder filters).")
    pagina: int
    paginas: int
    resultaten: list[HitOut]


class DossierOut(BaseModel):
    dossier: str
    totaal: int
    items: list[HitOut]
    documenten: list[HitOut]


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def hit_json(hit) -> dict:
    return {"type": hit.kind, "id": hit.id, "soort": hit.soort, "nummer": hit.nummer, "titel": hit.title,
            "kamer": hit.chamber, "ministerie": hit.ministry, "status": hit.status, "datum": _iso(hit.on),
            "termijn": _iso(hit.due), "afgesloten": _iso(hit.closed_on),
            "fragment": [{"tekst": p, "gemarkeerd": m} for p, m in hit.snippet] if hit.snippet else None,
            "gevonden_in": hit.found_in, "dossier": hit.dossier, "officiele_url": hit.url,
            "items": [item_id for item_id, _kind, _nummer in hit.items]}


@spec.operation(bp, "GET", "/zoek", summary="Zoeken in items en documenten", tag="lezen", query=SearchQuery,
                responses={200: (SearchPage, "De resultaten, best passend eerst.")})
def search_api(query: SearchQuery):
    """Dezelfde zoekfunctie als het zoekvak: volledige tekst, nummers en vindplaatsen hoe ook geschreven; een interne
    stand van zaken en een voortgangsbrief van een ander ministerie vindt alleen wie ze mag lezen."""
    with db.transaction(app_engine()) as session:
        ministry_id = _ministry_id(session, query.ministerie, "ministerie")
    result = cached_search(reader(g.api_user), query.q,
                           Filters(query.soort, query.kamer, ministry_id, query.stand, query.van, query.tot),
                           query.pagina, clock.today(), query.per_pagina)
    return _json({"totaal": result.total, "begrensd": result.capped, "pagina": result.page, "paginas": result.pages,
                  "resultaten": [hit_json(h) for h in result.hits]})


@spec.operation(bp, "GET", "/dossiers/<path:nummer>", summary="Alles over één Kamerstukdossier", tag="naslag",
                responses={200: (DossierOut, "De items en documenten van het dossier en die het aanhalen.")},
                errors=(404,))
def dossier_api(nummer: str):
    """Het dossier als "36600 VIII", "36600-VIII" of "35628", een stuk in twee dossiers als "35526/25295" (de schuine
    streep mag ook als %2F): de items met een nummer erin en elk item en document
    dat het aanhaalt (zoals de dossierpagina)."""
    nummer = nummer.strip()[:30]
    found = cached_dossier_hits(reader(g.api_user), dossier_name(nummer)) if nummer[:2].isdigit() else None
    if found is None:
        raise ApiProblem(404, f"'{nummer}' is geen Kamerstukdossier")
    result, hits = found
    return _json({"dossier": dossier_name(nummer), "totaal": result.total,
                  "items": [hit_json(h) for h in hits if h.kind == "item"],
                  "documenten": [hit_json(h) for h in hits if h.kind == "document"]})


class ItemRef(BaseModel):
    id: int
    soort: str
    kamer: str
    nummer: str
    titel: str
    ministerie: str | None
    status: str
    datum: str | None
    termijn: str | None
    afgesloten: str | None
    stemming: str | None


class OnTime(BaseModel):
    vergaderjaar: str
    afgedaan: int = Field(description="Afgesloten met een termijn.")
    op_tijd: int


class PersonOut(BaseModel):
    id: int
    naam: str
    functies: list[dict]
    moties_eerste_indiener: list[ItemRef]
    moties_mede_indiener: list[ItemRef]
    schriftelijke_vragen: list[ItemRef]
    toezeggingen_aan: list[ItemRef]
    andere_items: list[ItemRef]
    als_bewindspersoon: list[ItemRef]
    tijdig_per_vergaderjaar: list[OnTime]
    aantallen: dict[str, int] = Field(description="De volle lengte van elke lijst (een lijst hierboven houdt de "
                                                  "nieuwste 1000)")
    te_laat_als_bewindspersoon: int


class CommitteeOut(BaseModel):
    id: int
    naam: str
    kamer: str
    afkorting: str | None
    open: int
    te_laat: int
    afgesloten: int
    items: list[ItemRef]


def _ref(row) -> dict:
    return {"id": row.id, "soort": row.kind, "kamer": row.chamber, "nummer": row.nummer, "titel": row.title,
            "ministerie": row.ministry, "status": row.status, "datum": _iso(row.start_date), "termijn": _iso(row.due_date),
            "afgesloten": _iso(row.closed_on), "stemming": row.vote_result}


PERSON_COUNT_KEYS = {"first": "moties_eerste_indiener", "co": "moties_mede_indiener",
                     "questions": "schriftelijke_vragen", "made_to": "toezeggingen_aan", "other": "andere_items",
                     "assigned_open": "open_als_bewindspersoon", "assigned_closed": "afgesloten_als_bewindspersoon"}


@spec.operation(bp, "GET", "/personen/<int:person_id>", summary="Eén Kamerlid of bewindspersoon en zijn items",
                tag="naslag", responses={200: (PersonOut, "De persoon, zoals de personenpagina.")}, errors=(404,))
def person_api(person_id: int):
    from ...services import registers

    with db.transaction(app_engine()) as session:
        page = registers.person_page(session, person_id, clock.today())
        if page is None:
            raise ApiProblem(404, f"persoon {person_id} bestaat niet")
        functions = [{"rol": p.role, "kamer": p.chamber, "fractie": p.fractie, "ministerie": code, "functie": p.function,
                      "van": _iso(p.start), "tot": _iso(p.end)} for p, code in page.positions]
        return _json({"id": page.person.id, "naam": page.person.name, "functies": functions,
                      "moties_eerste_indiener": [_ref(r) for r in page.first],
                      "moties_mede_indiener": [_ref(r) for r in page.co],
                      "schriftelijke_vragen": [_ref(r) for r in page.questions],
                      "toezeggingen_aan": [_ref(r) for r in page.made_to],
                      "andere_items": [_ref(r) for r in page.other],
                      "als_bewindspersoon": [_ref(r) for r in page.assigned],
                      "tijdig_per_vergaderjaar": [{"vergaderjaar": y, "afgedaan": a, "op_tijd": t}
                                                  for y, a, t in page.on_time],
                      # every list's full length (a list above holds the newest 1000 at most)
                      "aantallen": {PERSON_COUNT_KEYS[k]: n for k, n in page.totals.items()},
                      "te_laat_als_bewindspersoon": page.overdue_count})


@spec.operation(bp, "GET", "/commissies/<int:committee_id>", summary="Het register van één commissie",
                tag="naslag", responses={200: (CommitteeOut, "De commissie en haar items.")}, errors=(404,))
def committee_api(committee_id: int):
    from ...services import registers

    today = clock.today()
    with db.transaction(app_engine()) as session:
        page = registers.committee_page(session, committee_id)
        if page is None:
            raise ApiProblem(404, f"commissie {committee_id} bestaat niet")
        counted = registers.committee_register(session, committee_id, today, limit=0)  # counts over every item
        c = page.committee
        return _json({"id": c.id, "naam": c.name, "kamer": c.chamber, "afkorting": c.abbreviation,
                      "open": counted.open_count, "te_laat": counted.totals["overdue"],
                      "afgesloten": counted.totals["closed"], "items": [_ref(r) for r in page.rows]})
