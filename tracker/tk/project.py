"""Zaak and Toezegging rows of the open data become tracked items (as their pages are read, and again at the
end for the rows still pending).

- Zaak "Schriftelijke vragen" → Kamervragen: indieners and fracties from ZaakActor (Indiener, Medeindiener),
  the ministry from the bewindspersoon the questions are addressed to ("Gericht aan"), an uitstelbericht per
  Document "Mededeling (uitstel antwoord)", the answer from Document "Antwoord schriftelijke vragen".
- Zaak "Motie" → motie: number "35628, nr. 10" when the Kamerstukdossier is expanded (else the zaaknummer),
  status from an expanded Besluit (aangenomen / verworpen / aangehouden / ingetrokken), else ingediend.
- Toezegging → toezegging: Nummer, Tekst, Naam (bewindspersoon), Ministerie, Status, DatumNakoming,
  Aanmaakdatum, ActiviteitNummer.
New items are written in batches (tracker.services.bulk); items already registered (by TK Id, or by kamer +
soort + nummer for items typed in by hand) are updated through the normal services, audited. A Zaak or
Toezegging marked Verwijderd archives its item.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from .. import authz, db, text_hygiene
from ..words import count
from ..domain.workflow import WorkflowError, workflow_for
from ..errors import Problem, TrackerError, ValidationError
from ..models import DelayNotice, TkRecord, TrackedItem
from ..services import bulk
from ..services import items as item_service
from ..services.items import ItemInput
from ..services.reference import ministries_by_name
from ..services.schedule import load_calendar
from .mirror import PROJECTED, Written, mark_pending
from .pages import day

BATCH = 1000
SOURCE = "tk-open-data"
TITLE_MAX = 500  # tracked_item.title
# Open data spans every ministry: only an admin may import it (the door checks), so it writes as the system.
ACTOR = authz.system(SOURCE)
DELAY_SOORT = "mededeling (uitstel antwoord)"
ANSWER_SOORT = "antwoord schriftelijke vragen"
ZAAK_KINDS = {"schriftelijke vragen": "kamervragen", "motie": "motie"}
TOEZEGGING_STATUS = {"openstaand": "openstaand", "open": "openstaand", "deels voldaan": "deels_voldaan",
                     "voldaan": "voldaan", "afgedaan": "voldaan", "vervallen": "vervallen", "ingetrokken": "vervallen"}


@dataclass
class ProjectSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    archived: int = 0
    ignored: int = 0  # zaken of other kinds (amendementen, wetgeving, ...)
    refused: list[str] = field(default_factory=list)
    without_ministry: int = 0


class _Lookups:
    """Reference data for a whole run: ministries by code and name, fracties and persons by TK Id."""

    def __init__(self, session: Session):
        self.ministries = ministries_by_name(session)
        self._by_name: dict[str, int | None] = {}
        self.fracties = {r.tk_id: json.loads(r.data).get("Afkorting") for r in session.execute(
            select(TkRecord.tk_id, TkRecord.data).where(TkRecord.entity == "Fractie"))}

    def ministry(self, *names: str | None) -> int | None:
        for name in names:
            if name:
                try:
                    found = self._by_name[name]
                except KeyError:  # open data names the same few ministries on every row: each name read once
                    found = self._by_name[name] = self._ministry_named(name)
                if found is not None:
                    return found
        return None

    def _ministry_named(self, name: str) -> int | None:
        text = " ".join(name.lower().split())
        text = re.sub(r"^(de\s+)?(minister|staatssecretaris|ministerie)\s+(van|voor)\s+", "", text)
        return self.ministries[text].id if text in self.ministries else None


def _persons(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    names = {}
    for tk_id, data in session.execute(select(TkRecord.tk_id, TkRecord.data).where(
            TkRecord.entity == "Persoon", TkRecord.tk_id.in_(sorted(ids)))):
        row = json.loads(data)
        names[tk_id] = " ".join(p for p in (row.get("Roepnaam") or row.get("Initialen"), row.get("Tussenvoegsel"),
                                            row.get("Achternaam")) if p)
    return names


def _related(session: Session, entity: str, zaak_ids: list[str]) -> dict[str, list[dict]]:
    rows = db.execute_in(session.connection(), "SELECT zaak_id, data FROM tk_record WHERE entity = ? "
                         "AND deleted = ? AND zaak_id IN ({})", (entity, False), zaak_ids)
    found: dict[str, list[dict]] = {}
    for (zaak_id, _data), row in zip(rows, _decode_all(data for _zaak_id, data in rows)):
        found.setdefault(zaak_id, []).append(row)
    return found


def _decode_all(texts) -> list[dict]:
    """The mirror's JSON texts (each one object, written by the mirror) decoded in one call: a third faster
    than one json.loads each for the thousands of rows of a batch."""
    return json.loads(f"[{','.join(texts)}]")


def _nested(row: dict, name: str) -> list[dict]:
    """The rows expanded under name (one or a list); anything else there is no row (open data is untrusted)."""
    value = row.get(name)
    if isinstance(value, dict):
        return [value]
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, dict) and not v.get("Verwijderd")]


def _merge(*groups: list[dict]) -> list[dict]:
    seen, merged = set(), []
    for group in groups:
        for row in group:
            key = row.get("Id") or id(row)
            if key not in seen:
                seen.add(key)
                merged.append(row)
    return merged


def _zaak_item(zaak: dict, actors: list[dict], documents: list[dict], lookups: _Lookups,
               persons: dict[str, str]) -> bulk.NewItem | None:
    kind = ZAAK_KINDS.get((zaak.get("Soort") or "").strip().lower())
    if kind is None:
        return None

    def actor_name(a):
        return a.get("ActorNaam") or persons.get(str(a.get("Persoon_Id") or "")) or ""

    def fractie(a):
        return a.get("ActorFractie") or lookups.fracties.get(str(a.get("Fractie_Id") or "")) or ""

    relatie = lambda a: (a.get("Relatie") or "").strip().lower()  # noqa: E731
    submitters = [a for a in actors if relatie(a) == "indiener"] + [a for a in actors if relatie(a) == "medeindiener"]
    members = ", ".join(dict.fromkeys(n for n in (actor_name(a) for a in submitters) if n)) or None
    fracties = ", ".join(dict.fromkeys(f for f in (fractie(a) for a in submitters) if f)) or None
    addressed = next((a for a in actors if relatie(a) == "gericht aan"), None)
    minister = actor_name(addressed) if addressed else None
    start = day(zaak.get("GestartOp") or zaak.get("Gestart"))
    title = (zaak.get("Onderwerp") or zaak.get("Titel") or zaak.get("Citeertitel") or zaak.get("Nummer") or "").strip()
    full_title = None
    if len(title) > TITLE_MAX:  # the register's title is shortened at a word; the whole subject goes into the text
        full_title, title = title, title[:TITLE_MAX - 1].rsplit(" ", 1)[0] + "…"
    data = ItemInput(kind=kind, chamber="TK", nummer=str(zaak.get("Nummer") or zaak["Id"]), title=title,
                     start_date=start, members=members, fracties=fracties, bewindspersoon=minister or None,
                     external_id=str(zaak["Id"]), source=SOURCE)
    item = bulk.NewItem(data=data, status=workflow_for(kind).initial,
                        ministry_id=lookups.ministry(addressed.get("Functie") if addressed else None,
                                                     zaak.get("Organisatie")))
    if full_title:
        data.text = full_title
    if kind == "kamervragen":
        if not full_title:
            data.text = zaak.get("Titel") if zaak.get("Titel") and zaak.get("Titel") != title else None
        for document in documents:
            soort = (document.get("Soort") or "").strip().lower()
            when = day(document.get("Datum") or document.get("DatumRegistratie"))
            if when is None:
                continue
            made = bulk.NewDocument(kind="uitstelbericht" if soort == DELAY_SOORT else "antwoord", dagtekening=when,
                                    title=(document.get("Titel") or document.get("Onderwerp") or soort)[:500],
                                    external_id=f"tk:{document['Id']}" if document.get("Id") else None,
                                    kenmerk=(document.get("DocumentNummer") or "")[:100] or None)
            if soort == DELAY_SOORT:
                item.delays.append(made)
            elif soort.startswith(ANSWER_SOORT) and (item.answer is None or when < item.answer.dagtekening):
                item.answer = made  # the first answer closes the questions; a "nader antwoord" comes later
        if item.answer is not None:
            item.status, item.closed_on = "beantwoord", item.answer.dagtekening
        elif item.delays:
            item.status = "uitstel_gemeld"
    else:
        dossier = next(iter(_nested(zaak, "Kamerstukdossier")), None)
        if dossier and dossier.get("Nummer") and zaak.get("Volgnummer"):
            data.nummer = f"{dossier['Nummer']}{dossier.get('Toevoeging') or ''}, nr. {zaak['Volgnummer']}"
        data.activity = zaak.get("Nummer")
        for besluit in _nested(zaak, "Besluit"):
            words = f"{besluit.get('BesluitSoort') or ''} {besluit.get('BesluitTekst') or ''}".lower()
            for word, status in (("aangenomen", "aangenomen"), ("verworpen", "verworpen"),
                                 ("aangehouden", "aangehouden"), ("ingetrokken", "ingetrokken")):
                if word in words:
                    item.status, data.vote_result = status, (besluit.get("BesluitTekst") or status).strip()[:200]
        if item.status in ("verworpen", "ingetrokken"):
            item.closed_on = start
    return item


def _toezegging_item(row: dict, lookups: _Lookups) -> bulk.NewItem:
    text = (row.get("Tekst") or "").strip()
    status = TOEZEGGING_STATUS.get((row.get("Status") or "").strip().lower(), "openstaand")
    start = day(row.get("Aanmaakdatum"))
    deadline = day(row.get("DatumNakoming"))
    if deadline and start and deadline < start:
        deadline = None  # open data sometimes has a nakoming before the toezegging: left to a person
    data = ItemInput(kind="toezegging", chamber="TK", nummer=str(row.get("Nummer") or row["Id"]),
                     title=(text[:140] + "…") if len(text) > 140 else (text or str(row.get("Nummer"))),
                     text=text or None, start_date=start, deadline_date=deadline,
                     bewindspersoon=(row.get("Naam") or None), activity=row.get("ActiviteitNummer"),
                     external_id=str(row["Id"]), source=SOURCE)
    item = bulk.NewItem(data=data, status=status, ministry_id=lookups.ministry(row.get("Ministerie"), row.get("Functie")))
    if status in ("voldaan", "vervallen"):
        closed = day(row.get("GewijzigdOp")) or start
        item.closed_on = max(closed, start) if start and closed else closed
        if status == "voldaan":
            item.answer = bulk.NewDocument(kind="kamerbrief", dagtekening=item.closed_on,
                                           title=f"Voldaan volgens TK open data (toezegging {data.nummer})")
    return item


def _cleaned(spec: bulk.NewItem | None) -> None:
    """The open data is a document others wrote: what is no text (a control character, a line break in a title) is
    taken out rather than refused (tracker.text_hygiene)."""
    if spec is None:
        return
    item_service.cleaned(spec.data)
    for document in [*spec.delays, *([spec.answer] if spec.answer else [])]:
        if isinstance(document.title, str):
            document.title = text_hygiene.one_line(document.title)
        if isinstance(document.kenmerk, str):
            document.kenmerk = text_hygiene.one_line(document.kenmerk)


class Projector:
    """Builds and updates items from Zaak and Toezegging rows, a batch at a time, in the caller's transaction.

    Reference data (ministries, fracties, the recess calendar) is read once and again after `names_changed`.
    """

    def __init__(self, session: Session, summary: ProjectSummary | None = None):
        self.session = session
        self.summary = summary if summary is not None else ProjectSummary()
        self.statistics = db.FreshStatistics(session, *bulk.LOOKUP_COLUMNS)
        self.schedules = bulk.Schedules(load_calendar(session))
        self._lookups: _Lookups | None = None

    def names_changed(self) -> None:
        """Fractie rows were written: look their names up again for the next batch."""
        self._lookups = None

    def build(self, entity: str, rows: list[Written], pages: dict[str, str] | None = None) -> list[str]:
        """The items of these rows; returns the TK Ids done. The others were refused (the summary says why).
        pages: the page file of each row by TK Id, for a message that names it."""
        if self._lookups is None:
            self._lookups = _Lookups(self.session)
        done = self._build(entity, rows, pages or {})
        self.statistics.wrote(len(rows))
        return done

    def _build(self, entity: str, batch: list[Written], pages: dict[str, str]) -> list[str]:
        session, lookups, schedules, summary = self.session, self._lookups, self.schedules, self.summary
        rows = {r.tk_id: (r.deleted, r.row) for r in batch}
        if entity == "Zaak":
            ids = list(rows)
            actors, documents = _related(session, "ZaakActor", ids), _related(session, "Document", ids)
            persons = _persons(session, {str(a.get("Persoon_Id")) for group in actors.values() for a in group
                                         if a.get("Persoon_Id") and not a.get("ActorNaam")})
        wanted: dict[str, bulk.NewItem | None] = {}
        for tk_id, (deleted, row) in rows.items():
            if entity == "Zaak":
                wanted[tk_id] = _zaak_item(row, _merge(actors.get(tk_id, []), _nested(row, "ZaakActor")),
                                           _merge(documents.get(tk_id, []), _nested(row, "Document")), lookups, persons)
            else:
                wanted[tk_id] = _toezegging_item(row, lookups)
            _cleaned(wanted[tk_id])
        existing = _existing(session, [w for w in wanted.values() if w is not None])
        done, new = [], []
        for tk_id, spec in wanted.items():
            deleted = rows[tk_id][0]
            if spec is None:
                summary.ignored += 1
                done.append(tk_id)
                continue
            item = (existing.get(spec.data.external_id)
                    or existing.get((spec.data.chamber, spec.data.kind, spec.data.nummer)))
            if deleted:
                if item is not None and item.archived_at is None:
                    item_service.archive_item(session, item, ACTOR, "verwijderd in de open data van de Tweede Kamer")
                    summary.archived += 1
                done.append(tk_id)
                continue
            if spec.ministry_id is None and (item is None or item.ministry_id is None):
                summary.without_ministry += 1
            if item is None:
                new.append((tk_id, spec))
                continue
            savepoint = session.begin_nested()
            try:
                changed = _update(session, item, spec, schedules.calendar)
                savepoint.commit()
            except (ValidationError, TrackerError, WorkflowError) as error:
                savepoint.rollback()
                summary.refused.append(f"{spec.data.kind} {spec.data.nummer}: {error}")
                continue  # stays pending: tried again on the next import
            summary.updated += changed
            summary.unchanged += not changed
            done.append(tk_id)
        if new:
            _refuse_one_number_twice(entity, new, pages)
            try:
                ids, refused = bulk.insert_new_items(session, [spec for _, spec in new], ACTOR, schedules,
                                                     "Tweede Kamer open data")
            except IntegrityError as error:  # what the check above cannot see (one Id for two entities, …)
                where = sorted({pages.get(tk_id, "") for tk_id, _ in new} - {""})
                raise ValidationError([Problem(
                    f"{', '.join(where[:3]) or 'rijen van een eerdere import'}: {entity}-rijen botsen met elkaar of met "
                    f"het register (een Id of nummer dubbel); niets is geïmporteerd "
                    f"({str(error.orig).splitlines()[0][:200]})")]) from None
            refused_specs = {id(spec) for spec, _ in refused}
            summary.refused += [f"{spec.data.kind} {spec.data.nummer}: {reason}" for spec, reason in refused]
            summary.created += len(ids)
            done += [tk_id for tk_id, spec in new if id(spec) not in refused_specs]
        return done


def _refuse_one_number_twice(entity: str, new: list[tuple[str, bulk.NewItem]], pages: dict[str, str]) -> None:
    """Two rows with different Ids and one number would be one item (kamer, soort and nummer are its key):
    the open data contradicts itself, and the import says where instead of failing on the key."""
    first: dict[tuple, str] = {}
    problems = []
    for tk_id, spec in new:
        key = (spec.data.chamber, spec.data.kind, spec.data.nummer)
        if key in first:
            where = pages.get(tk_id) or pages.get(first[key]) or "een eerdere import"
            problems.append(Problem(f"{where}: {entity} {tk_id} heeft hetzelfde nummer {spec.data.nummer} als "
                                    f"{entity} {first[key]}; één nummer is één item"))
        else:
            first[key] = tk_id
    if problems:
        raise ValidationError(problems[:20])


def project(session: Session, progress=None, summary: ProjectSummary | None = None) -> ProjectSummary:
    """Build the items of every Zaak and Toezegging row still pending: rows whose ZaakActor or Document
    changed after the zaak was built, and rows refused before. Adds to `summary` when given."""
    with bulk.gc_paused() as tidy:
        projector = Projector(session, summary)
        for entity in PROJECTED:
            last = ""
            while True:
                batch = session.execute(select(TkRecord.tk_id, TkRecord.deleted, TkRecord.data).where(
                    TkRecord.entity == entity, TkRecord.pending, TkRecord.tk_id > last)  # ix_tk_record_waiting
                    .order_by(TkRecord.tk_id).limit(BATCH)).all()
                if not batch:
                    break
                last = batch[-1].tk_id
                done = projector.build(entity, [Written(r.tk_id, r.deleted, row) for r, row
                                                in zip(batch, _decode_all(r.data for r in batch))])
                mark_pending(session, entity, done, False)
                tidy()
                if progress:
                    progress(len(batch))
        return projector.summary


def _existing(session: Session, specs: list[bulk.NewItem]) -> dict:
    """Registered items by TK Id, and by natural key (kamer, soort, nummer) for items entered by hand."""
    found = item_service.items_by_external_id(session, [s.data.external_id for s in specs])
    found.update(item_service.items_by_key(
        session, [(s.data.chamber, s.data.kind, s.data.nummer) for s in specs if s.data.external_id not in found]))
    return found


def _update(session: Session, item: TrackedItem, spec: bulk.NewItem, calendar) -> bool:
    """Bring an existing item in line with the open data; returns whether anything changed."""
    version = item.version
    if item.external_id is None:
        item.external_id = spec.data.external_id  # typed in by hand before: from now on matched by TK Id
    if item.archived_at is not None:
        return False  # archived here on purpose: the open data does not bring it back
    wanted = {name: getattr(spec.data, name) for name in ("title", "text", "members", "fracties", "start_date",
                                                           "deadline_date", "activity", "vote_result")}
    changes = {name: value for name, value in wanted.items() if value is not None and getattr(item, name) != value}
    if spec.ministry_id is not None and spec.ministry_id != item.ministry_id:
        changes["ministry_id"] = spec.ministry_id
    if changes:
        item_service.update_item(session, item, changes, ACTOR, note="Tweede Kamer open data", calendar=calendar)
    known_delays = {d.sent_on for d in session.execute(select(DelayNotice).where(
        DelayNotice.item_id == item.id)).scalars()}
    for delay in spec.delays:
        if delay.dagtekening not in known_delays and item.closed_on is None:
            item_service.record_delay(session, item, delay.dagtekening, ACTOR, reason=delay.title, calendar=calendar)
    if spec.status != item.status and item.closed_on is None:
        workflow = workflow_for(item.kind)
        if workflow.closed_kind(spec.status) == "done" and spec.answer is not None:
            item_service.record_answer(session, item, spec.answer.dagtekening, ACTOR, document_title=spec.answer.title,
                                       calendar=calendar, note="Tweede Kamer open data")
        elif workflow.closed_kind(spec.status) != "done":
            item_service.walk_to_status(session, item, spec.status, ACTOR, on=spec.closed_on or spec.data.start_date,
                                        note="Tweede Kamer open data", calendar=calendar)
    return item.version != version or bool(changes)


def summary_lines(summary: ProjectSummary) -> list[str]:
    lines = [f"items: {summary.created} nieuw, {summary.updated} bijgewerkt, {summary.unchanged} ongewijzigd, "
             f"{summary.archived} gearchiveerd (Verwijderd), {summary.ignored} zaken van andere soorten overgeslagen"]
    if summary.without_ministry:
        lines.append(f"{count(summary.without_ministry, 'item')} zonder herkend ministerie: vul dat aan in de webapp")
    if summary.refused:
        lines.append(f"{count(len(summary.refused), 'item')} niet verwerkt (blijven klaarstaan voor de volgende import):")
        lines += [f"  - {reason}" for reason in summary.refused[:20]]
    return lines
