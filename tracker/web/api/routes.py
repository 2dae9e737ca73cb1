"""The API's operations. Each is thin: parse (spec), call the same services as the web forms, shape (schemas).

Writes go through tracker.services.items with the token's user as the acting user, so the workflow, the
authorization on the item's current ministry and the audit trail are exactly those of the web forms.
"""
from __future__ import annotations

import base64
import binascii
import json
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Callable

from flask import Response, g, request, send_from_directory, url_for
from sqlalchemy import and_, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from ... import clock, db
from ...authz import may, may_read, may_read_stand
from ...domain.dutch import DateOutOfRange, date_or_phrase
from ...domain.names import display_name
from ...domain.rules import default_rulebook, rule_in_words
from ...domain.workflow import ANSWER, DELAY_NOTICE, WorkflowError, needs_facts_message, workflow_for
from ...errors import Conflict, Forbidden, NotFound, TrackerError, ValidationError
from ...models import (AuditEvent, Committee, DeadlinePeriod, DelayNotice, Document, ItemDocument, Letter, Ministry,
                       Person, TrackedItem, User)
from ...services import items as item_service
from ...services import queries, reference
from ...domain.deadlines import in_backlog_part
from ...services.overdue import ministry_code, overdue
from ...vocabulary import OPEN_END
from .. import app_engine
from ..urls import public_url
from ..overview import data_version
from . import bp, spec
from . import schemas as s
from .problems import ApiProblem, Problem

ITEM_ERRORS = (403, 404, 409, 412, 422, 428)
ETAG = {"ETag": {"schema": {"type": "string"}, "description": "De versie van het item, bijv. \"7\"."}}


def _json(payload, status: int = 200, headers: dict | None = None) -> Response:
    response = Response(json.dumps(payload, ensure_ascii=False), status=status, mimetype="application/json")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _behandelaar_id(connection, name: str | None) -> int | None:
    """The `behandelaar` parameter as a filter: a user name, or 'niemand' (0: items without a behandelaar)."""
    if not name:
        return None
    if name == "niemand":
        return 0
    found = connection.execute(select(User.id).where(User.username == name)).scalar()
    if found is None:
        raise ApiProblem(400, f"onbekende gebruiker '{name}'",
                         [Problem(parameter="behandelaar", detail="geen gebruikersnaam (of 'niemand')")])
    return found


def _ministry_id(session, code: str | None, where: str, kind: str = "parameter") -> int | None:
    if not code:
        return None
    try:
        return reference.ministry_by_code(session, code).id
    except NotFound as error:
        raise ApiProblem(400 if kind == "parameter" else 422, str(error),
                         [Problem(**{kind: where}, detail="onbekende ministeriecode")]) from None


# ------------------------------------------------------------------------------------------- documentation
@bp.get("/openapi.json")
def openapi_document():
    # never the Host header (the client chooses it): TRACKER_BASE_URL, else relative to where this document is
    return _json(spec.document(public_url("api.openapi_document").removesuffix("/openapi.json")))


# Swagger UI sets style attributes: its page (only) allows inline styles; scripts stay the app's own files
DOCS_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
            "form-action 'self'; frame-ancestors 'none'")


@bp.get("/docs/")
def docs():
    """Interactive documentation (Swagger UI, vendored from the npm registry: no CDN)."""
    response = send_from_directory(_docs_folder(), "index.html", max_age=0)
    response.headers["Content-Security-Policy"] = DOCS_CSP
    return response


@bp.get("/docs/<path:name>")
def docs_asset(name: str):
    response = send_from_directory(_docs_folder(), name, max_age=3600)
    response.headers["Content-Security-Policy"] = DOCS_CSP
    return response


def _docs_folder():
    from pathlib import Path
    return str(Path(__file__).resolve().parent / "docs")


# ------------------------------------------------------------------------------------------------- reading
@spec.operation(bp, "GET", "/overdue", summary="Te laat op een peildatum", tag="lezen", query=s.OverdueQuery,
                responses={200: (list[s.OverdueItem], "Elk item dat op de peildatum te laat is, langst te laat "
                                                      "eerst: dezelfde lijst als `tracker overdue --json`.")})
def overdue_list(query: s.OverdueQuery):
    """Dezelfde rij, met dezelfde sleutels, als `tracker overdue --json` met dezelfde argumenten."""
    engine = app_engine()
    with db.reading(engine) as connection:
        code = None
        if query.ministerie:
            code = ministry_code(connection, query.ministerie)
            if code is None:
                raise ApiProblem(400, f"onbekend ministerie '{query.ministerie}'",
                                 [Problem(parameter="ministerie", detail="onbekende ministeriecode")])
        behandelaar = _behandelaar_id(connection, query.behandelaar)
        version = data_version(connection)
    try:
        on = query.peildatum()
    except ValueError as error:
        raise ApiProblem(400, str(error), [Problem(parameter="op", detail=str(error))]) from None
    body = _overdue_json(engine, version, on or clock.today(), query.kamer, code, tuple(query.soort or ()),
                         behandelaar, None if query.achterstand == "alle" else query.achterstand)
    return Response(body, mimetype="application/json")


@lru_cache(maxsize=8)
def _overdue_json(engine, version: int, on: date, kamer: str | None, code: str | None, kinds: tuple,
                  behandelaar: int | None = None, backlog: str | None = None) -> bytes:
    """The overdue list at this data version, serialised once per worker until something is written (as Te laat);
    backlog "oud": only what is more than BACKLOG_DAYS days late, "recent": the rest."""
    with db.reading(engine) as connection:
        rows = overdue(connection, on, kamer, code, list(kinds) or None, behandelaar_id=behandelaar)
    rows = [row for row in rows if in_backlog_part(row.days_overdue, backlog)]
    return json.dumps([row.as_json() for row in rows], ensure_ascii=False).encode()


def _cursor_after(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().partition(":")
        if kind == "id" and value.isdecimal() and len(value) <= 10:
            return int(value)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise ApiProblem(400, "deze cursor is niet van Kamertracker; gebruik de `next` van de vorige pagina",
                     [Problem(parameter="cursor", detail="ongeldige cursor")])


def _cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"id:{last_id}".encode()).decode().rstrip("=")


SUMMARY_COLUMNS = (TrackedItem.id, TrackedItem.kind, TrackedItem.chamber, TrackedItem.nummer, TrackedItem.title,
                   TrackedItem.status, TrackedItem.due_date, TrackedItem.closed_on, TrackedItem.archived_at,
                   TrackedItem.version, TrackedItem.updated_at)


def _behandelaar(user_id: int | None, username: str | None, full_name: str | None) -> dict | None:
    return {"id": user_id, "gebruikersnaam": username, "naam": display_name(full_name, username)} if user_id else None


def _summary(item, code: str | None, behandelaar: dict | None = None) -> dict:
    """An item's summary: from a TrackedItem or a row of SUMMARY_COLUMNS."""
    return {"id": item.id, "soort": item.kind, "kamer": item.chamber, "nummer": item.nummer, "titel": item.title,
            "ministerie": code, "status": item.status, "due": _iso(item.due_date), "afgesloten_op": _iso(item.closed_on),
            "gearchiveerd": item.archived_at is not None, "version": item.version,
            "gewijzigd": _moment(item.updated_at), "behandelaar": behandelaar}


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _utc(moment: datetime) -> datetime:
    """A moment from a client in UTC, as stored (SQLite keeps UTC wall time and ignores a zone); without a zone
    it is Amsterdam time, as everywhere in Kamertracker."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=clock.AMSTERDAM)
    return moment.astimezone(timezone.utc)


def _moment(value) -> str:
    return clock.local(value).isoformat()


@spec.operation(bp, "GET", "/items", summary="Items, gefilterd, per pagina", tag="lezen", query=s.ItemsQuery,
                responses={200: (s.ItemPage, "Eén pagina items, op id; `next` geeft de volgende.")})
def item_list(query: s.ItemsQuery):
    """Pagina's op id (een cursor, geen paginanummer): een item dat tijdens het bladeren verandert, verschuift niet,
    en niets wordt dubbel of overgeslagen. Voor synchroniseren: `gewijzigd_sinds` met het tijdstip waarop de vorige
    ronde begon."""
    after = _cursor_after(query.cursor)
    with db.transaction(app_engine()) as session:
        ministry_id = _ministry_id(session, query.ministerie, "ministerie")
        f = queries.ListFilter(kind=query.soort, chamber=query.kamer, ministry_id=ministry_id, state=query.stand,
                               q=query.zoek, behandelaar_id=_behandelaar_id(session, query.behandelaar))
        conditions = queries.list_conditions(f, clock.today()) + [TrackedItem.id > after]
        if query.gewijzigd_sinds is not None:
            conditions.append(TrackedItem.updated_at > _utc(query.gewijzigd_sinds))
        # the summary's columns only: whole items (their texts, explanations, stand) cost more to read and build
        # than the query itself
        rows = session.execute(select(*SUMMARY_COLUMNS, Ministry.code, TrackedItem.behandelaar_id, User.username,
                                      User.full_name)
                               .outerjoin(Ministry, Ministry.id == TrackedItem.ministry_id)
                               .outerjoin(User, User.id == TrackedItem.behandelaar_id)
                               .where(and_(*conditions)).order_by(TrackedItem.id).limit(query.limit + 1)).all()
        page = [_summary(row, row.code, _behandelaar(row.behandelaar_id, row.username, row.full_name))
                for row in rows[:query.limit]]
    following = None
    if len(rows) > query.limit:
        args = {k: v for k, v in request.args.items(multi=False) if k != "cursor"}
        following = public_url("api.item_list", **args, cursor=_cursor(page[-1]["id"]))
    return _json({"items": page, "next": following})


def _detail(session: Session, item: TrackedItem) -> dict:
    user = g.api_user
    ministry = session.get(Ministry, item.ministry_id) if item.ministry_id else None
    person = session.get(Person, item.bewindspersoon_id) if item.bewindspersoon_id else None
    committee = session.get(Committee, item.committee_id) if item.committee_id else None
    behandelaar = session.get(User, item.behandelaar_id) if item.behandelaar_id else None
    workflow = workflow_for(item.kind)
    allowed = []
    if not item.archived_at and may(user, "status", item.ministry_id):
        allowed = [t.target for t in workflow.choosable_from(item.status)]  # uitstel and answer: their own endpoints
    periods = session.execute(select(DeadlinePeriod).where(DeadlinePeriod.item_id == item.id)
                              .order_by(DeadlinePeriod.active_from, DeadlinePeriod.id)).scalars().all()
    documents = session.execute(select(Document, ItemDocument.role).join(ItemDocument, ItemDocument.document_id == Document.id)
                                .where(ItemDocument.item_id == item.id).order_by(Document.dagtekening, Document.id)).all()
    delays = session.execute(select(DelayNotice).where(DelayNotice.item_id == item.id)
                             .order_by(DelayNotice.sent_on, DelayNotice.id)).scalars().all()
    trail = session.execute(select(AuditEvent).where(AuditEvent.item_id == item.id)
                            .order_by(AuditEvent.at, AuditEvent.id)).scalars().all()
    # an intern stand (now, or ever: its history holds the intern texts) only for whom may read it
    stand_hidden = not may_read_stand(user, item.ministry_id, item.stand_intern or any(
        e.field == "stand_intern" for e in trail))

    def shown(event, value):
        return None if stand_hidden and event.field == "stand_van_zaken" else value
    return {
        **_summary(item, ministry.code if ministry else None,
                   _behandelaar(behandelaar.id, behandelaar.username, behandelaar.full_name) if behandelaar else None),
        "tekst": item.text, "datum": _iso(item.start_date), "termijn": item.term, "deadline_zin": item.deadline_phrase,
        "indieners": item.members, "fracties": item.fracties, "bewindspersoon": person.name if person else None,
        "stand_van_zaken": None if stand_hidden and item.stand_intern else item.stand_van_zaken,
        "stand_intern": item.stand_intern, "thema": item.tags,
        "stemming": item.vote_result, "kabinetsappreciatie": item.kabinetsappreciatie, "activiteit": item.activity,
        "commissie": committee.name if committee else None,
        "allowed_statuses": allowed,
        "deadline": {"due": _iso(item.due_date), "regel": item.due_rule, "regel_in_woorden": rule_in_words(item.due_rule),
                     "uitleg": item.due_explanation, "probleem": item.due_problem},
        "deadline_historie": [{"geldig_vanaf": _iso(p.active_from),
                               "geldig_tot": None if p.active_until == OPEN_END else _iso(p.active_until),
                               "due": _iso(p.due), "regel": p.rule, "uitleg": p.explanation} for p in periods],
        "documenten": [{"id": d.id, "rol": role, "soort": d.kind, "titel": d.title, "dagtekening": _iso(d.dagtekening),
                        "ontvangen_op": _iso(d.received_on)} for d, role in documents],
        "uitstelberichten": [{"verzonden_op": _iso(n.sent_on), "uitstel_tot": _iso(n.promised_date), "reden": n.reason,
                              "ontvangen_op": _iso(n.received_on)} for n in delays],
        "audit": [{"tijdstip": _moment(e.at), "door": e.actor, "actie": e.action, "veld": e.field,
                   "oud": shown(e, e.old), "nieuw": shown(e, e.new), "toelichting": e.note, "per": _iso(e.effective_on)}
                  for e in trail],
    }


def _etag(version: int) -> dict:
    return {"ETag": f'"{version}"'}


@spec.operation(bp, "GET", "/items/<int:item_id>", summary="Eén item met termijn, historie, documenten en audittrail",
                tag="lezen", responses={200: (s.ItemDetail, "Het item; de ETag is zijn versie.")}, errors=(404,),
                headers={200: ETAG})
def item_detail(item_id: int):
    with db.transaction(app_engine()) as session:
        item = session.get(TrackedItem, item_id)
        if item is None:
            raise ApiProblem(404, f"item {item_id} bestaat niet")
        return _json(_detail(session, item), headers=_etag(item.version))


@spec.operation(bp, "GET", "/ministeries", summary="Ministeries (codes voor de filters)", tag="naslag",
                responses={200: (list[s.MinistryOut], "Elk ministerie, op code.")})
def ministries():
    with db.transaction(app_engine()) as session:
        rows = session.execute(select(Ministry).order_by(Ministry.code)).scalars().all()
        return _json([{"id": m.id, "code": m.code, "naam": m.name, "vanaf": _iso(m.active_from),
                       "tot": _iso(m.active_until)} for m in rows])


@spec.operation(bp, "GET", "/regels", summary="Het regelboek: welke regel welke termijn geeft", tag="naslag",
                responses={200: (list[s.RuleOut], "Elke termijnregel.")})
def rules():
    return _json([{"id": r.id, "kamer": r.chamber, "soort": r.kind, "omschrijving": r.label,
                   "termijn": str(r.term) if r.term else None, "termijn_na_uitstel": str(r.delay_term) if r.delay_term else None,
                   "bron": r.source} for r in default_rulebook().rules])


@spec.operation(bp, "GET", "/documents/<int:document_id>", summary="Eén document en de items waar het bij hoort",
                tag="naslag", responses={200: (s.DocumentOut, "Het document.")}, errors=(404,))
def document_detail(document_id: int):
    with db.transaction(app_engine()) as session:
        d = session.get(Document, document_id)
        letter = session.get(Letter, document_id) if d is not None else None
        if d is None or (letter is not None and not may_read(g.api_user, letter.ministry_id)):
            # the web page's own check (tracker.authz.may_read); 404, not 403: nothing is learned about the letter
            raise ApiProblem(404, f"document {document_id} bestaat niet")
        linked = session.execute(select(ItemDocument.item_id).where(ItemDocument.document_id == d.id)
                                 .order_by(ItemDocument.item_id)).scalars().all()
        return _json({"id": d.id, "soort": d.kind, "titel": d.title, "dagtekening": _iso(d.dagtekening), "kamer": d.chamber,
                      "afzender": d.sender, "geadresseerde": d.addressee, "kenmerk": d.kenmerk, "dossier": d.dossier,
                      "stuknummer": d.stuknummer, "vergaderjaar": d.vergaderjaar, "url": d.url,
                      "items": sorted(set(linked))})


# ------------------------------------------------------------------------------------------------- writing
def _if_match() -> int:
    header = request.headers.get("If-Match")
    if header is None:
        raise ApiProblem(428, "Geef de versie die u las mee in If-Match (de ETag van GET /items/{id}); zo overschrijft "
                              "u nooit ongezien de wijziging van een ander.")
    value = header.strip().removeprefix("W/").strip('"')
    if not value.isdecimal() or len(value) > 9:
        raise ApiProblem(400, "If-Match is geen versie van Kamertracker (een getal, bijv. \"7\")",
                         [Problem(parameter="If-Match", detail="geen versienummer")])
    return int(value)


def _item_write(item_id: int, work: Callable[[Session, TrackedItem, int], None]) -> Response:
    """One write on one item in one transaction: If-Match checked, the service called, the new state answered."""
    expected = _if_match()
    try:
        with db.transaction(app_engine()) as session:
            item = session.get(TrackedItem, item_id)
            if item is None or item.archived_at is not None:
                raise ApiProblem(404, f"item {item_id} bestaat niet of is gearchiveerd")
            if item.version != expected:
                raise ApiProblem(412, f"item {item.nummer} heeft nu versie {item.version}, niet {expected}: iemand "
                                      f"wijzigde het intussen. Lees het opnieuw (GET) en beslis dan.")
            work(session, item, expected)
            session.flush()
            return _json(_detail(session, item), headers=_etag(item.version))
    except Conflict as error:
        raise ApiProblem(412, str(error)) from None
    except Exception as error:  # noqa: BLE001 - mapped below, re-raised otherwise
        raise _mapped(error) from None


def _mapped(error: Exception) -> Exception:
    if isinstance(error, ApiProblem):
        return error
    if isinstance(error, Forbidden):
        return ApiProblem(403, f"{error}. Er is niets gewijzigd.")
    if isinstance(error, ValidationError):
        return ApiProblem(422, "; ".join(p.message for p in error.problems) + ". Er is niets gewijzigd.",
                          [Problem(field=FIELDS.get(p.field or "", p.field or "body"), detail=p.message)
                           for p in error.problems])
    if isinstance(error, WorkflowError):
        return ApiProblem(409, f"{error}. Er is niets gewijzigd.")
    if isinstance(error, NotFound):
        return ApiProblem(404, str(error))
    if isinstance(error, IntegrityError):
        return ApiProblem(409, "dit botst met een item dat al bestaat (kamer, soort en nummer zijn uniek). "
                               "Er is niets gewijzigd.")
    if isinstance(error, TrackerError):
        return ApiProblem(422, f"{error}. Er is niets gewijzigd.")
    return error


# the services' field names -> the API's
FIELDS = {"title": "titel", "nummer": "nummer", "ministerie": "ministerie", "termijn": "termijn", "term": "termijn",
          "start_date": "datum", "deadline_phrase": "deadline", "deadline_date": "deadline", "text": "tekst",
          "toelichting": "toelichting", "commissie": "commissie", "ontvangen": "ontvangen_op"}


def _changes(session: Session, body: s.ItemFields, start: date | None, chamber: str) -> dict:
    given = body.model_fields_set
    changes = {}
    simple = {"titel": "title", "termijn": "term", "tekst": "text", "indieners": "members", "fracties": "fracties",
              "stand_van_zaken": "stand_van_zaken", "thema": "tags", "datum": "start_date", "nummer": "nummer",
              "stemming": "vote_result", "kabinetsappreciatie": "kabinetsappreciatie", "activiteit": "activity",
              "stand_intern": "stand_intern"}
    for name, column in simple.items():
        if name in given:
            value = getattr(body, name)
            if name == "stand_intern":
                value = bool(value)
            if value is None and name in ("titel", "nummer"):
                raise ApiProblem(422, f"{name} kan niet leeg zijn", [Problem(field=name, detail="kan niet leeg zijn")])
            changes[column] = value.strip() if isinstance(value, str) else value
    if "ministerie" in given:
        if not body.ministerie:
            raise ApiProblem(422, "ministerie kan niet leeg zijn", [Problem(field="ministerie", detail="kan niet leeg zijn")])
        changes["ministry_id"] = _ministry_id(session, body.ministerie, "ministerie", "field")
    if "deadline" in given:
        changes["deadline_date"], changes["deadline_phrase"] = _deadline(body.deadline, changes.get("start_date", start))
    if "commissie" in given:
        changes["committee_id"] = None
        if body.commissie and body.commissie.strip():
            committee = reference.committee_named(session, chamber, body.commissie.strip())
            if committee is None:
                raise ApiProblem(422, f"onbekende commissie '{body.commissie}' in de {chamber}",
                                 [Problem(field="commissie", detail="onbekende commissie")])
            changes["committee_id"] = committee.id
    if "bewindspersoon" in given:
        changes["bewindspersoon_id"] = (reference.person_named(session, body.bewindspersoon.strip(), create=True).id
                                        if body.bewindspersoon and body.bewindspersoon.strip() else None)
    return changes


def _deadline(text: str | None, start: date | None) -> tuple[date | None, str | None]:
    """The deadline field: a date or a phrase; a date outside the register's years is refused like `datum`."""
    try:
        return date_or_phrase(text, start)
    except DateOutOfRange as error:
        raise ApiProblem(400, f"deadline: {error}", [Problem(field="deadline", detail=str(error))]) from None


@spec.operation(bp, "POST", "/items", summary="Een item registreren", tag="schrijven", body=s.ItemCreate,
                responses={201: (s.ItemDetail, "Geregistreerd; Location wijst naar het item, de ETag is zijn versie.")},
                errors=(403, 409, 422), headers={201: ETAG})
def create_item(body: s.ItemCreate):
    """Een nieuw item heeft nog geen versie, dus geen If-Match. Dezelfde controles als het formulier Nieuw item:
    de rol en het ministerie van het token, unieke kamer + soort + nummer, en een termijn die te berekenen is."""
    deadline_date, phrase = _deadline(body.deadline, body.datum)
    data = item_service.ItemInput(
        kind=body.soort, chamber=body.kamer, nummer=body.nummer.strip(), title=body.titel.strip(),
        ministry_code=body.ministerie, start_date=body.datum, text=body.tekst, term=body.termijn,
        deadline_date=deadline_date, deadline_phrase=phrase, stand_van_zaken=body.stand_van_zaken,
        members=body.indieners, fracties=body.fracties, bewindspersoon=body.bewindspersoon, tags=body.thema,
        vote_result=body.stemming, kabinetsappreciatie=body.kabinetsappreciatie, activity=body.activiteit,
        committee=body.commissie, stand_intern=bool(body.stand_intern), source="api")
    try:
        with db.transaction(app_engine()) as session:
            item = item_service.create_item(session, data, g.api_user.actor)
            session.flush()
            return _json(_detail(session, item), 201, {**_etag(item.version),
                                                       "Location": url_for("api.item_detail", item_id=item.id)})
    except Exception as error:  # noqa: BLE001
        raise _mapped(error) from None


@spec.operation(bp, "PATCH", "/items/<int:item_id>", summary="Velden van een item wijzigen", tag="schrijven",
                body=s.ItemPatch, responses={200: (s.ItemDetail, "Gewijzigd; de nieuwe ETag.")}, errors=ITEM_ERRORS,
                if_match=True, headers={200: ETAG})
def patch_item(item_id: int, body: s.ItemPatch):
    """Alleen de meegegeven velden veranderen; `null` maakt een veld leeg. Elk gewijzigd veld komt in de audittrail."""
    def work(session, item, expected):
        item_service.update_item(session, item, _changes(session, body, item.start_date, item.chamber), g.api_user.actor,
                                 expected_version=expected, note=(body.toelichting or "").strip() or None)
    return _item_write(item_id, work)


RECORDING_ENDPOINTS = {DELAY_NOTICE: "api.record_delay", ANSWER: "api.record_answer"}  # what records a status's facts


@spec.operation(bp, "POST", "/items/<int:item_id>/status", summary="De status wijzigen", tag="schrijven",
                body=s.StatusChange, responses={200: (s.ItemDetail, "De nieuwe status; de nieuwe ETag.")},
                errors=ITEM_ERRORS, if_match=True, headers={200: ETAG})
def change_status(item_id: int, body: s.StatusChange):
    """Eén overgang van de workflow (`allowed_statuses` van het item noemt ze). Een status waar gegevens bij horen
    gaat niet hier: 'uitstel gemeld' via /uitstel (het uitstelbericht), beantwoord, afgedaan en voldaan via
    /antwoord (met het document); hier geeft die status 409. De griffie geeft altijd een toelichting."""
    def work(session, item, expected):
        facts = workflow_for(item.kind).recorded_by(body.status)
        if facts:
            raise ApiProblem(409, f"{needs_facts_message(body.status, facts)}: POST "
                                  f"{url_for(RECORDING_ENDPOINTS[facts], item_id=item.id)}. Er is niets gewijzigd.")
        item_service.change_status(session, item, body.status, g.api_user.actor, on=body.per,
                                   note=body.toelichting or None, expected_version=expected)
    return _item_write(item_id, work)


@spec.operation(bp, "POST", "/items/<int:item_id>/uitstel", summary="Een uitstelbericht vastleggen", tag="schrijven",
                body=s.DelayIn, responses={200: (s.ItemDetail, "Vastgelegd; de termijn is opnieuw berekend.")},
                errors=ITEM_ERRORS, if_match=True, headers={200: ETAG})
def record_delay(item_id: int, body: s.DelayIn):
    def work(session, item, expected):
        item_service.record_delay(session, item, body.verzonden_op, g.api_user.actor, reason=body.reden or None,
                                  promised=body.uitstel_tot, expected_version=expected, received_on=body.ontvangen_op)
    return _item_write(item_id, work)


@spec.operation(bp, "POST", "/items/<int:item_id>/antwoord", summary="Het antwoord of de afdoening vastleggen",
                tag="schrijven", body=s.AnswerIn, responses={200: (s.ItemDetail, "Vastgelegd; het item is afgesloten.")},
                errors=ITEM_ERRORS, if_match=True, headers={200: ETAG})
def record_answer(item_id: int, body: s.AnswerIn):
    def work(session, item, expected):
        fields = {"url": str(body.link)} if body.link else {}
        item_service.record_answer(session, item, body.beantwoord_op, g.api_user.actor, document_title=body.titel,
                                   document_fields=fields, note=body.toelichting or None, expected_version=expected,
                                   received_on=body.ontvangen_op)
    return _item_write(item_id, work)

