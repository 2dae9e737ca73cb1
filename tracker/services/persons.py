"""Persons named on items: the members text ("Bergkamp, Özütok, Van den Hul", "Van den Hul c.s.") read into person
entities (item_person), kept in step with every write of an item, and the merge of two spellings of one person.

A name is matched as written, without regard to case, accents or double spaces ("Ozutok" is "Özütok"), and through
the spellings merged into a person (person_alias). A name nobody has yet becomes a person: the open data and the
lists name members as they name them, and a merge puts two spellings together afterwards. A person made so is a
Kamerlid of the item's chamber, of the fractie the item names at the same place in its fracties text ("Bikker,
Paternotte" with "ChristenUnie, D66") — only where the two lists are equally long, since "Bergkamp c.s." with "D66"
does not say whose fractie it is; a person already known keeps the positions they have.
"""
from __future__ import annotations

import re

from .. import authz, db
from ..authz import Actor
from ..errors import NotFound, ValidationError, Problem
from ..search.terms import fold

_SPLIT = re.compile(r"\s*(?:,|;|/|\sen\s|\s&\s)\s*")
_CS = re.compile(r"\s+c\.\s?s\.?$", re.I)
MAX_NAME = 200


def key(name: str) -> str:
    return " ".join(fold(name).split())


def names(members: str | None) -> list[str]:
    """"Bergkamp, Özütok en Van den Hul c.s." → ["Bergkamp", "Özütok", "Van den Hul"] (each once, in order)."""
    found: dict[str, str] = {}
    for part in _SPLIT.split(members or ""):
        name = " ".join(_CS.sub("", part.strip()).split()).strip(" .")
        if name and len(name) <= MAX_NAME and any(c.isalpha() for c in name):
            found.setdefault(key(name), name)
    return list(found.values())


class _People:
    """The persons and spellings known, by key; new names are added as they come."""

    def __init__(self, connection):
        self.connection = connection
        self.by_key: dict[str, int] = {}
        for person_id, name in connection.exec_driver_sql("SELECT id, name FROM person").all():
            self.by_key.setdefault(key(name), person_id)
        for alias, person_id in connection.exec_driver_sql("SELECT key, person_id FROM person_alias").all():
            self.by_key[alias] = person_id

    def id_of(self, name: str, chamber: str | None = None, fractie: str | None = None) -> int:
        """The person of a name; a new one (with a Kamerlid position of this fractie, when one is given)."""
        k = key(name)
        if k not in self.by_key:
            # ON CONFLICT: another transaction may add the same name at the same moment (two imports)
            made = self.connection.exec_driver_sql(
                _q(self.connection, "INSERT INTO person (name) VALUES (?) ON CONFLICT (name) DO NOTHING"), (name,))
            self.by_key[k] = self.connection.exec_driver_sql(
                _q(self.connection, "SELECT id FROM person WHERE name = ?"), (name,)).scalar()
            if made.rowcount == 1 and fractie:
                self.connection.exec_driver_sql(
                    _q(self.connection, "INSERT INTO position (person_id, role, chamber, fractie) VALUES (?, ?, ?, ?)"),
                    (self.by_key[k], "kamerlid", chamber if chamber in ("TK", "EK") else None, fractie[:100]))
        return self.by_key[k]


def _q(connection, sql: str) -> str:
    return sql.replace("?", "%s") if connection.dialect.name == "postgresql" else sql


def sync(connection, item_ids) -> None:
    """Write item_person afresh for these items from their members text. In the caller's transaction."""
    item_ids = sorted(set(i for i in item_ids if i is not None))
    if not item_ids:
        return
    people = None
    for start in range(0, len(item_ids), db.IN_CHUNK):
        chunk = item_ids[start:start + db.IN_CHUNK]
        rows = db.execute_in(connection, "SELECT id, members, fracties, chamber FROM tracked_item WHERE id IN ({})", (),
                             chunk)
        db.execute_in(connection, "DELETE FROM item_person WHERE item_id IN ({})", (), chunk)
        links = []
        for item_id, members, fracties, chamber in rows:
            if not members:
                continue
            people = people or _People(connection)
            seen = set()
            named = names(members)
            parties = [" ".join(p.split()) for p in _SPLIT.split(fracties or "") if p.strip()]  # (not deduplicated)
            parties = parties if len(parties) == len(named) else [None] * len(named)
            for position, (name, fractie) in enumerate(zip(named, parties)):
                person_id = people.id_of(name, chamber, fractie)
                if person_id not in seen:
                    seen.add(person_id)
                    links.append((item_id, person_id, position))
        if links:
            connection.exec_driver_sql(_q(connection, "INSERT INTO item_person (item_id, person_id, position) "
                                                      "VALUES (?, ?, ?)"), links)


def merge(session, keep_id: int, drop_id: int, actor: Actor) -> str:
    """Merge a spelling variant into a person: every item, position and spelling of `drop` becomes `keep`'s, and
    drop's name a spelling of keep (so a later import of that spelling names keep). Admins only."""
    from ..models import Person

    authz.authorize(actor, "admin", None)
    if keep_id == drop_id:
        raise ValidationError([Problem("kies twee verschillende personen", "persoon")])
    keep, drop = session.get(Person, keep_id), session.get(Person, drop_id)
    if keep is None or drop is None:
        raise NotFound("die persoon bestaat niet")
    session.flush()
    connection = session.connection()
    q = lambda sql: _q(connection, sql)  # noqa: E731
    connection.exec_driver_sql(q("DELETE FROM item_person WHERE person_id = ? AND item_id IN "
                                 "(SELECT item_id FROM item_person WHERE person_id = ?)"), (drop_id, keep_id))
    connection.exec_driver_sql(q("UPDATE item_person SET person_id = ? WHERE person_id = ?"), (keep_id, drop_id))
    items = connection.exec_driver_sql(q("SELECT id FROM tracked_item WHERE bewindspersoon_id = ?"),
                                       (drop_id,)).scalars().all()
    connection.exec_driver_sql(q("UPDATE tracked_item SET bewindspersoon_id = ? WHERE bewindspersoon_id = ?"),
                               (keep_id, drop_id))
    connection.exec_driver_sql(q("UPDATE position SET person_id = ? WHERE person_id = ?"), (keep_id, drop_id))
    connection.exec_driver_sql(q("UPDATE person_alias SET person_id = ? WHERE person_id = ?"), (keep_id, drop_id))
    name = drop.name
    session.delete(drop)
    session.flush()
    if key(name) != key(keep.name):
        connection.exec_driver_sql(q("DELETE FROM person_alias WHERE key = ?"), (key(name),))
        connection.exec_driver_sql(q("INSERT INTO person_alias (key, person_id) VALUES (?, ?)"), (key(name), keep_id))
    from ..search import index
    index.refresh(connection, items)  # the bewindspersoon's name in their items' entries
    from ..models import TrackedItem
    from .audit import record
    for item_id in items:
        record(session, session.get(TrackedItem, item_id), actor.name, "wijziging", field="bewindspersoon", old=name,
               new=keep.name, note="personen samengevoegd")
    return f"'{name}' is samengevoegd met '{keep.name}'"
