"""The public pages of a subject: a Kamerstuk dossier, a Kamerlid, a committee, and the indexes of the last two.

Built from tracker.public alone (public_items, public_documents and the subject's ids there), so a page shows what
the item and document rows show and nothing else: never a behandelaar, an interne termijn, an intern stand, a tag,
followers or a user's name. A person's page lists the items that name them as a member (indiener, vragensteller, lid
aan wie iets is toegezegd) and, the bewindspersoon being public (tracker.public.DERIVED), the items they answer for.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from . import public
from .models import Committee, ItemPerson, Person, TrackedItem

LIMIT = 1000  # items on one page (as the signed-in pages)
PERSONS_SHOWN = 500


def _overdue(row: dict, today: date) -> bool:
    return row["afgesloten_op"] is None and row["termijn"] is not None and row["termijn"] < today.isoformat()


@dataclass
class Groups:
    """A subject's items, as the signed-in pages group them: (caption, rows) in order, empty groups left out."""
    groups: list[tuple[str, list[dict]]] = field(default_factory=list)
    open_count: int = 0
    overdue_count: int = 0
    closed_count: int = 0
    total: int = 0  # every item of the subject; the groups hold the newest LIMIT of them
    listed: int = 0  # how many items the groups hold

    def add(self, caption: str, rows: list[dict]) -> None:
        if rows:
            self.groups.append((caption, rows))


def _counted(rows: list[dict], today: date) -> Groups:
    open_rows = [r for r in rows if r["afgesloten_op"] is None]
    return Groups([], len(open_rows), sum(_overdue(r, today) for r in open_rows), len(rows) - len(open_rows), len(rows),
                  len(rows))


def _newest(session: Session, ids, today: date) -> tuple[list[dict], Groups]:
    """The newest LIMIT of these items (by start date, as the pages list them) as public rows, and the counts of all
    of them (a busy member is named on thousands: the page says how many it shows)."""
    from .services.registers import state_counts

    mine = (TrackedItem.id.in_(list(ids) or [-1]), TrackedItem.archived_at.is_(None))
    dated = session.execute(select(TrackedItem.id, TrackedItem.start_date).where(*mine)).all()
    dated.sort(key=lambda r: (r[1] is not None, r[1] or date.min, r[0]), reverse=True)
    newest = [item_id for item_id, _start in dated[:LIMIT]]
    rows = _by_start(public.public_items(session, open_only=False, ids=newest, limit=LIMIT)) if newest else []
    open_count, overdue, closed = state_counts(session, today, *mine)
    return rows, Groups([], open_count, overdue, closed, len(dated), len(rows))


def _by_start(rows: list[dict]) -> list[dict]:
    """Newest first, as the signed-in person and committee pages."""
    return sorted(rows, key=lambda r: (r["datum"] or "", r["id"]), reverse=True)


# --- a dossier ---

@dataclass
class DossierPage:
    name: str  # "36600 VIII"
    key: str
    items: Groups
    documents: list[dict]
    total: int


DOSSIER_KIND_CAPTIONS = {"motie": "Moties", "toezegging": "Toezeggingen", "kamervragen": "Kamervragen",
                         "commissiebrief": "Commissiebrieven"}


def dossier_page(session: Session, nummer: str, today: date) -> DossierPage | None:
    """Everything public on a Kamerstuk dossier: the items numbered in it or citing it in a public field, the public
    documents of the dossier (or citing it), and the public items those documents belong to. None: not a dossier."""
    from .domain import citations
    from .search import Filters, search, terms

    key = terms.dossier_key(nummer)
    if not key[:5].isdigit():
        return None
    result = search(session.connection(), None, None, Filters(keys=("ks" + key,)), per_page=LIMIT, public=True,
                    documents=True)
    documents = public.public_documents(session, [h.id for h in result.hits if h.kind == "document"])
    item_ids = {h.id for h in result.hits if h.kind == "item"}
    item_ids |= {entry["id"] for row in documents.values() for entry in row["items"]}
    rows = public.public_items(session, open_only=False, ids=item_ids, limit=LIMIT)
    groups = _counted(rows, today)
    for kind, caption in DOSSIER_KIND_CAPTIONS.items():
        groups.add(caption, _by_start([r for r in rows if r["soort"] == kind]))
    ordered = sorted(documents.values(), key=lambda d: (d["dagtekening"] or "", d["id"]))
    return DossierPage(citations.kamerstuk(nummer.upper()).dossier, key, groups, ordered, len(rows) + len(ordered))


# --- a person ---

@dataclass
class PersonPage:
    id: int
    name: str
    items: Groups  # as a member (Kamerlid)
    assigned: Groups = field(default_factory=Groups)  # as bewindspersoon


def _assigned(rows: list[dict], counted: Groups, today: date) -> Groups:
    """The items a bewindspersoon answers for, as the signed-in person page shows them: what is overdue now, what is
    open (toezeggingen and moties first), and what was closed."""
    return _register(rows, counted, today, {"Openstaande toezeggingen": "toezegging", "Openstaande moties": "motie"})


def _register(rows: list[dict], groups: Groups, today: date, open_kinds: dict[str, str]) -> Groups:
    """A register as the Eerste Kamer shows one: what is overdue now, the open items of the kinds named first (heading
    -> soort, in this order), the other open items, and what was closed. groups: the counts of all the items."""
    open_rows = [r for r in rows if r["afgesloten_op"] is None]
    groups.add("Te laat", [r for r in open_rows if _overdue(r, today)])
    for heading, kind in open_kinds.items():
        groups.add(heading, [r for r in open_rows if r["soort"] == kind])
    groups.add("Overige open", [r for r in open_rows if r["soort"] not in open_kinds.values()])
    groups.add("Afgesloten", [r for r in rows if r["afgesloten_op"] is not None])
    return groups


def person_page(session: Session, person_id: int, today: date) -> PersonPage | None:
    """A person as the public register names them: as a member of public items and as the bewindspersoon of public
    items. None when no public item names them either way."""
    person = session.get(Person, person_id)
    if person is None:
        return None
    ids = public.member_item_ids(session, person_id)
    rows, groups = _newest(session, ids, today) if ids else ([], Groups())
    assigned_ids = public.assigned_item_ids(session, person_id)
    assigned, assigned_counts = _newest(session, assigned_ids, today) if assigned_ids else ([], Groups())
    if not rows and not assigned:
        return None
    # the place among the members is public too (the order of "leden"): the first is the first indiener
    first = set(session.execute(select(ItemPerson.item_id).where(ItemPerson.person_id == person_id,
                                                                 ItemPerson.position == 0)).scalars())
    moties = [r for r in rows if r["soort"] == "motie"]
    groups.add("Moties als eerste indiener", [r for r in moties if r["id"] in first])
    groups.add("Moties als mede-indiener", [r for r in moties if r["id"] not in first])
    groups.add("Schriftelijke vragen", [r for r in rows if r["soort"] == "kamervragen"])
    groups.add("Toezeggingen aan dit lid", [r for r in rows if r["soort"] == "toezegging"])
    groups.add("Overige", [r for r in rows if r["soort"] not in ("motie", "kamervragen", "toezegging")])
    return PersonPage(person.id, person.name, groups, _assigned(assigned, assigned_counts, today))


def _named(counted, name: str):
    if name:
        pattern = "%" + name.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        counted = counted.where(func.lower(Person.name).like(pattern, escape="\\"))
    return counted.where(TrackedItem.archived_at.is_(None)).group_by(Person.id, Person.name).order_by(Person.name)


def persons(session: Session, name: str = "") -> tuple[list[tuple[int, str, int]], bool]:
    """The persons public items name as members, with how many: ([(id, name, count)], more than shown)."""
    if "members" not in public.PUBLIC_FIELDS:
        return [], False
    counted = _named(select(Person.id, Person.name, func.count(ItemPerson.item_id))
                     .join(ItemPerson, ItemPerson.person_id == Person.id)
                     .join(TrackedItem, TrackedItem.id == ItemPerson.item_id), name)
    rows = [tuple(r) for r in session.execute(counted.limit(PERSONS_SHOWN + 1)).all()]
    return rows[:PERSONS_SHOWN], len(rows) > PERSONS_SHOWN


def ministers(session: Session, name: str = "") -> tuple[list[tuple[int, str, int]], bool]:
    """The bewindspersonen public items answer to, with how many: ([(id, name, count)], more than shown)."""
    if "bewindspersoon" not in public.DERIVED:
        return [], False
    counted = _named(select(Person.id, Person.name, func.count(TrackedItem.id))
                     .join(TrackedItem, TrackedItem.bewindspersoon_id == Person.id), name)
    rows = [tuple(r) for r in session.execute(counted.limit(PERSONS_SHOWN + 1)).all()]
    return rows[:PERSONS_SHOWN], len(rows) > PERSONS_SHOWN


# --- a committee ---

@dataclass
class CommitteePage:
    id: int
    name: str
    chamber: str | None
    items: Groups


def committee_page(session: Session, committee_id: int, today: date) -> CommitteePage | None:
    committee = session.get(Committee, committee_id)
    if committee is None:
        return None
    rows, counted = _newest(session, public.committee_item_ids(session, committee_id), today)
    groups = _register(rows, counted, today, {"Openstaande toezeggingen": "toezegging",
                                              "Open commissiebrieven": "commissiebrief"})
    return CommitteePage(committee.id, committee.name, committee.chamber, groups)


def committees(session: Session, today: date) -> list[dict]:
    """Every committee with its open and overdue items (counted from the public fields commissie, afgesloten_op and
    termijn, as the signed-in index counts them)."""
    from .services import registers

    return [{"id": c.id, "naam": c.name, "kamer": c.chamber, "open": open_count, "te_laat": overdue}
            for c, open_count, overdue in registers.committees(session, today)]
