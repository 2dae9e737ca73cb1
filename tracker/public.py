"""The public register: what an anonymous reader may see of an item, decided in ONE place.

The rule is a list of what is public; everything else is private. A column added to TrackedItem (or Document,
DelayNotice) later is therefore private until someone adds it here: the public pages, the public JSON and the public
feeds are all built from `public_item` / `public_detail`, never from the rows themselves. Private by this rule:
behandelaar, interne termijn, an intern stand van zaken, followers, the audit trail, every user name (created_by,
actors), versions, sources and ids of other systems.

The bewindspersoon (the minister or staatssecretaris who answers for an item) is public, by name (DERIVED): both
chambers print who is responsible on their own toezeggingen- and motiepagina's, and it names a public official
accountable to parliament, never a civil servant. The behandelaar (the civil servant doing the work) stays private.
"""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, or_, select, text
from sqlmodel import Session

from .domain.deadlines import BACKLOG_DAYS
from .domain.rules import rule_in_words
from .domain.workflow import label
from .models import Committee, DelayNotice, Document, ItemDocument, Ministry, Person, TrackedItem

# TrackedItem column -> its name in the public JSON (the HTML and the feeds use the same dict)
PUBLIC_FIELDS = {
    "id": "id", "kind": "soort", "chamber": "kamer", "nummer": "nummer", "title": "titel", "text": "tekst",
    "start_date": "datum", "term": "eigen_termijn", "deadline_phrase": "deadline_zin", "due_date": "termijn",
    "status": "status", "closed_on": "afgesloten_op", "members": "leden",
    "fracties": "fracties", "vote_result": "stemming", "kabinetsappreciatie": "kabinetsappreciatie",
    "activity": "activiteit", "stand_van_zaken": "stand_van_zaken",
}
# A public field that is public only under a condition: the stand van zaken unless it is marked intern
PUBLIC_WHEN = {"stand_van_zaken": lambda item: not item.stand_intern}
# Of the papers and uitstelberichten of an item (never who recorded them)
PUBLIC_DOCUMENT_FIELDS = {"title": "titel", "kenmerk": "kenmerk", "dagtekening": "dagtekening",
                          "received_on": "ontvangen_op"}
PUBLIC_DELAY_FIELDS = {"sent_on": "verzonden_op", "promised_date": "uitstel_tot", "received_on": "ontvangen_op"}
# What the public JSON adds from other tables or the rule book (a name, never an id of a person). Not the
# due_explanation: a deadline set by hand names who set it and why ("handmatig vastgesteld ... door NAAM: reden"),
# and every later explanation repeats it; the rule in words comes from the rule book alone.
DERIVED = {"ministerie": "code van het verantwoordelijke ministerie", "commissie": "naam van de commissie",
           "bewindspersoon": "naam van de verantwoordelijke bewindspersoon (minister of staatssecretaris)",
           "status_tekst": "de status in woorden", "termijn_regel": "de regel die de termijn gaf, in woorden"}
PUBLIC_ROLES = {"verzoek": "verzoek", "uitstelbericht": "uitstelbericht", "antwoord": "antwoord",
                "voortgang": "voortgangsbrief"}  # "overig" papers are not shown

# --- which documents are public, and what of them ---
# A document is public when it is a paper of a public item: linked to an item that is not archived in one of the
# PUBLIC_ROLES (a request, an uitstelbericht, an answer, a voortgangsbrief — never "overig", which holds notes and
# mails the public does not read). A stored voortgangsbrief (a Letter row: made here, perhaps never sent) is public
# only once the griffie recorded that the Kamer received it (Document.received_on). Of a public document the search
# reads the texts below and nothing else: its sender and addressee (names of people) are private.
PUBLIC_DOCUMENT_TEXTS = ("title", "kenmerk", "dossier", "stuknummer", "kind", "full_text",
                         "letter")  # letter: what a stored voortgangsbrief printed (betreft, intro, closing, items)
# what a public document's row shows (search hits and the dossier page); never its text in full
PUBLIC_DOCUMENT_ROW = {"id": "id", **PUBLIC_DOCUMENT_FIELDS}
DOCUMENT_DERIVED = {"soort": "altijd 'document'", "kamerstuk": "dossier en nummer van het Kamerstuk",
                    "items": "de openbare items waar het document bij hoort (id, soort, kamer, nummer)"}


def public_document_condition(alias: str = "d") -> str:
    """The rule above as SQL on a document table alias (tracker.search uses it; `document_is_public` too)."""
    roles = ", ".join(f"'{role}'" for role in PUBLIC_ROLES)  # (fixed words of this module, not input)
    return (f"(EXISTS (SELECT 1 FROM item_document pub_x JOIN tracked_item pub_i ON pub_i.id = pub_x.item_id "
            f"WHERE pub_x.document_id = {alias}.id AND pub_x.role IN ({roles}) AND pub_i.archived_at IS NULL) "
            f"AND ({alias}.received_on IS NOT NULL OR NOT EXISTS "
            f"(SELECT 1 FROM letter pub_l WHERE pub_l.document_id = {alias}.id)))")


def document_is_public(session: Session, document_id: int) -> bool:
    return bool(session.execute(text(f"SELECT 1 FROM document d WHERE d.id = :id AND {public_document_condition()}"),
                                {"id": document_id}).first())


def _value(value):
    return value.isoformat() if isinstance(value, date) else value


def public_item(item: TrackedItem, ministry: str | None, committee: str | None,
                bewindspersoon: str | None = None) -> dict:
    """An item as the public sees it: only the PUBLIC_FIELDS (under their PUBLIC_WHEN), and the DERIVED names."""
    shown = {public: _value(getattr(item, column)) if PUBLIC_WHEN.get(column, lambda _i: True)(item) else None
             for column, public in PUBLIC_FIELDS.items()}
    return {**shown, "ministerie": ministry, "commissie": committee,
            "bewindspersoon": bewindspersoon if "bewindspersoon" in DERIVED else None,
            "status_tekst": label(item.status), "termijn_regel": rule_in_words(item.due_rule) if item.due_date else None}


class _Names:
    """The names DERIVED shows of a batch of items: ministry codes, committee names, bewindspersonen."""

    def __init__(self, session: Session, items) -> None:
        self.ministries = {m.id: m.code for m in session.exec(select(Ministry)).scalars()} if items else {}
        committee_ids = {i.committee_id for i in items if i.committee_id}
        self.committees = {c.id: c.name for c in session.exec(select(Committee).where(Committee.id.in_(committee_ids)))
                           .scalars()} if committee_ids else {}
        person_ids = {i.bewindspersoon_id for i in items if i.bewindspersoon_id}
        self.persons = {p.id: p.name for p in session.exec(select(Person).where(Person.id.in_(person_ids)))
                        .scalars()} if person_ids else {}

    def of(self, item: TrackedItem) -> dict:
        return public_item(item, self.ministries.get(item.ministry_id), self.committees.get(item.committee_id),
                           self.persons.get(item.bewindspersoon_id))


def _overdue_part(statement, on: date, backlog: str | None):
    """Only the items overdue on `on`, in the part of Te laat asked for ("recent", "oud" or None: all), split where
    the ministries' Te laat splits it (tracker.domain.deadlines.in_backlog_part: more than BACKLOG_DAYS days late)."""
    # open at the end of `on` (closed later counts as open then, as the ministries' Te laat of a past day counts it)
    statement = statement.where(or_(TrackedItem.closed_on.is_(None), TrackedItem.closed_on > on),
                                TrackedItem.due_date.is_not(None), TrackedItem.due_date < on)
    border = on - timedelta(days=BACKLOG_DAYS)  # days late > BACKLOG_DAYS  <=>  due before this day
    if backlog == "oud":
        return statement.where(TrackedItem.due_date < border)
    if backlog == "recent":
        return statement.where(TrackedItem.due_date >= border)
    return statement


def _title_or_number(statement, q: str | None):
    if not q:
        return statement
    pattern = "%" + q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return statement.where(or_(TrackedItem.title.ilike(pattern, escape="\\"),
                               TrackedItem.nummer.ilike(pattern, escape="\\")))


def public_overdue_counts(session: Session, on: date, q: str | None = None) -> dict[str, int]:
    """How many public items are overdue on `on`: {"recent": …, "oud": …} (together: all of Te laat)."""
    base = select(func.count()).select_from(TrackedItem).where(TrackedItem.archived_at.is_(None))
    return {part: session.exec(_title_or_number(_overdue_part(base, on, part), q)).scalar_one()
            for part in ("recent", "oud")}


def public_items(session: Session, kind: str | None = None, open_only: bool = True, q: str | None = None,
                 overdue_on: date | None = None, limit: int = 200, offset: int = 0, ids=None,
                 backlog: str | None = None) -> list[dict]:
    """Items of the register (never archived ones), sorted by deadline; q filters on title and nummer; ids: these
    items alone (a subject's feed); with overdue_on, the items overdue that day (backlog: "recent" or "oud" part)."""
    statement = select(TrackedItem).where(TrackedItem.archived_at.is_(None))
    if ids is not None:
        statement = statement.where(TrackedItem.id.in_(list(ids) or [-1]))
    if kind:
        statement = statement.where(TrackedItem.kind == kind)
    if open_only and not overdue_on:  # overdue_on: open at the end of that day (_overdue_part)
        statement = statement.where(TrackedItem.closed_on.is_(None))
    if overdue_on:
        statement = _overdue_part(statement, overdue_on, backlog)
    statement = _title_or_number(statement, q)
    statement = statement.order_by(TrackedItem.due_date.is_(None), TrackedItem.due_date, TrackedItem.id)
    rows = list(session.exec(statement.offset(offset).limit(limit)).scalars())
    names = _Names(session, rows)
    return [names.of(i) for i in rows]


def public_detail(session: Session, item_id: int) -> dict | None:
    """One item with its public papers and uitstelberichten; None when it is not in the register."""
    item = session.get(TrackedItem, item_id)
    if item is None or item.archived_at is not None:
        return None
    documents = session.execute(select(Document, ItemDocument.role).join(ItemDocument, ItemDocument.document_id == Document.id)
                                .where(ItemDocument.item_id == item.id, ItemDocument.role.in_(PUBLIC_ROLES),
                                       text(public_document_condition("document")))
                                .order_by(Document.dagtekening, Document.id)).all()
    delays = session.execute(select(DelayNotice).where(DelayNotice.item_id == item.id)
                             .order_by(DelayNotice.sent_on, DelayNotice.id)).scalars().all()
    return {**_Names(session, [item]).of(item),
            "documenten": [{"rol": PUBLIC_ROLES[role], **{public: _value(getattr(d, column))
                                                          for column, public in PUBLIC_DOCUMENT_FIELDS.items()}}
                           for d, role in documents],
            "uitstelberichten": [{public: _value(getattr(n, column)) for column, public in PUBLIC_DELAY_FIELDS.items()}
                                 for n in delays]}


# What the public search shows a hit's snippet from: public fields alone, in this order
SNIPPET_FIELDS = (("titel", "titel"), ("tekst", "tekst"), ("stand_van_zaken", "stand van zaken"),
                  ("leden", "indieners"), ("fracties", "fracties"), ("bewindspersoon", "bewindspersoon"),
                  ("commissie", "commissie"),
                  ("activiteit", "activiteit"), ("kabinetsappreciatie", "kabinetsappreciatie"))
SEARCH_STATES = ("open", "te_laat", "afgesloten")
DOCUMENT_SNIPPET_FIELDS = (("titel", "titel"), ("kenmerk", "kenmerk"), ("tekst", "tekst van het document"))


def public_search(session: Session, query: str, kind: str | None = None, state: str | None = None, page: int = 1,
                  per_page: int = 25, today: date | None = None) -> tuple[list[dict], int, int, int]:
    """Full text over what the public register shows of an item and of a public document, ranked: (rows, total, page,
    pages). A row is public_item, or a public document (soort "document", see public_documents), with a `fragment`
    ((piece, marked) pairs) and `gevonden_in`.

    The index is asked on its public columns alone (tracker.search: head, people and body hold only the fields
    marked public here); each row is then built from public_item and its snippet from the public fields alone —
    so neither the match nor what is shown can come from a tag, an intern stand, a document's sender, or a document
    that is not public."""
    from .search import Filters, search
    from .search.terms import highlight

    result = search(session.connection(), None, query, Filters(kind=kind, state=state), page=page, per_page=per_page,
                    today=today, public=True, documents=True)
    ids = [hit.id for hit in result.hits if hit.kind == "item"]
    documents = public_documents(session, [hit.id for hit in result.hits if hit.kind == "document"], with_text=True)
    items = {i.id: i for i in session.exec(select(TrackedItem).where(TrackedItem.id.in_(ids),
                                                                     TrackedItem.archived_at.is_(None))).scalars()} \
        if ids else {}
    names = _Names(session, list(items.values()))
    rows = []
    for hit in result.hits:
        if hit.kind == "document":
            if hit.id not in documents:
                continue
            row, fields = documents[hit.id], DOCUMENT_SNIPPET_FIELDS
        elif hit.id in items:
            row = names.of(items[hit.id])
            fields = SNIPPET_FIELDS
        else:
            continue
        row["fragment"], row["gevonden_in"] = None, None
        for name, words in fields:
            pieces = highlight(row.get(name), result.query.words, width=600 if name == "titel" else 220)
            if pieces:
                row["fragment"], row["gevonden_in"] = pieces, words
                break
        if hit.kind == "document":
            row.pop("tekst", None)  # a document's text: its snippet alone
        rows.append(row)
    return rows, result.total, result.page, result.pages


def public_documents(session: Session, ids, with_text: bool = False) -> dict[int, dict]:
    """The public documents among these ids, as the public sees them (PUBLIC_DOCUMENT_ROW, DOCUMENT_DERIVED), with
    the public items each belongs to; with_text: its text too, under "tekst" (for a snippet; never shown whole)."""
    ids = list(ids)
    if not ids:
        return {}
    documents = session.execute(select(Document).where(Document.id.in_(ids),
                                                       text(public_document_condition("document")))).scalars().all()
    belongs: dict[int, list] = {}
    for document_id, item_id, kind, chamber, nummer in session.execute(
            select(ItemDocument.document_id, TrackedItem.id, TrackedItem.kind, TrackedItem.chamber, TrackedItem.nummer)
            .join(TrackedItem, TrackedItem.id == ItemDocument.item_id)
            .where(ItemDocument.document_id.in_(ids), ItemDocument.role.in_(PUBLIC_ROLES),
                   TrackedItem.archived_at.is_(None)).order_by(TrackedItem.nummer)).all():
        entry = {"id": item_id, "soort": kind, "kamer": chamber, "nummer": nummer}
        if entry not in belongs.setdefault(document_id, []):
            belongs[document_id].append(entry)
    rows = {}
    for d in documents:
        row = {public: _value(getattr(d, column)) for column, public in PUBLIC_DOCUMENT_ROW.items()}
        row.update(soort="document", items=belongs.get(d.id, []),
                   kamerstuk=(f"{d.dossier}, nr. {d.stuknummer}" if d.stuknummer else d.dossier) if d.dossier else None)
        if with_text and "full_text" in PUBLIC_DOCUMENT_TEXTS:
            row["tekst"] = (d.full_text or "")[:300_000]
        rows[d.id] = row
    return rows


# --- the items of one subject, for the public feeds of a dossier, a committee and a Kamerlid ---

def dossier_item_ids(session: Session, dossier_key: str, limit: int = 500) -> list[int]:
    """The items numbered in a Kamerstuk dossier or citing it in a public field (the index's public columns)."""
    from .search import Filters, search

    result = search(session.connection(), None, None, Filters(keys=("ks" + dossier_key,)), per_page=limit, public=True)
    return [hit.id for hit in result.hits if hit.kind == "item"]


def committee_item_ids(session: Session, committee_id: int) -> list[int]:
    """The items of a committee (its name is public: DERIVED "commissie")."""
    return list(session.execute(select(TrackedItem.id).where(TrackedItem.committee_id == committee_id)).scalars())


def member_item_ids(session: Session, person_id: int) -> list[int]:
    """The items naming a person among their members (the public "leden")."""
    from .models import ItemPerson

    if "members" not in PUBLIC_FIELDS:
        return []
    return list(session.execute(select(ItemPerson.item_id).where(ItemPerson.person_id == person_id)).scalars())


def assigned_item_ids(session: Session, person_id: int) -> list[int]:
    """The items a person answers for as bewindspersoon (DERIVED "bewindspersoon"); archived ones are left out by
    public_items."""
    if "bewindspersoon" not in DERIVED:
        return []
    return list(session.execute(select(TrackedItem.id).where(TrackedItem.bewindspersoon_id == person_id)).scalars())
