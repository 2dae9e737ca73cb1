"""The tables. One `tracked_item` table holds all four kinds (motie, toezegging, Kamervragen,
commissiebrief) so that one indexed query over `deadline_period` answers "what is overdue on
day D" across every kind. Kind-specific fields are nullable columns on that table.
"""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import BigInteger, Column, DateTime, Index, LargeBinary, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from .domain.names import display_name
from .vocabulary import CHAMBERS, DOCUMENT_KINDS, ITEM_KINDS, OPEN_END, ROLES  # noqa: F401  (re-exported)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _timestamp(**kwargs) -> Field:
    return Field(default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False, **kwargs))


class Ministry(SQLModel, table=True):
    __tablename__ = "ministry"
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=16, unique=True)
    name: str = Field(max_length=200)
    active_from: date | None = None
    active_until: date | None = None
    # the interne termijn by default: this many days before the real deadline (None: no internal deadline)
    internal_offset_days: int | None = 7


class Person(SQLModel, table=True):
    """A Kamerlid or bewindspersoon; what they were when lives in Position."""

    __tablename__ = "person"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)


class Position(SQLModel, table=True):
    """A period in a role: Kamerlid of a fractie, or bewindspersoon of a ministry."""

    __tablename__ = "position"
    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    role: str = Field(max_length=20)  # "kamerlid" | "bewindspersoon"
    chamber: str | None = Field(default=None, max_length=4)
    fractie: str | None = Field(default=None, max_length=100)
    ministry_id: int | None = Field(default=None, foreign_key="ministry.id", index=True)
    function: str | None = Field(default=None, max_length=200)  # "minister van ..."
    start: date | None = None
    end: date | None = None


class Committee(SQLModel, table=True):
    __tablename__ = "committee"
    __table_args__ = (UniqueConstraint("chamber", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    chamber: str = Field(max_length=4)
    name: str = Field(max_length=200)
    abbreviation: str | None = Field(default=None, max_length=20)


class Recess(SQLModel, table=True):
    __tablename__ = "recess"
    __table_args__ = (UniqueConstraint("chamber", "name", "start"),)
    id: int | None = Field(default=None, primary_key=True)
    chamber: str = Field(max_length=4)
    name: str = Field(max_length=60)  # "zomerreces"
    start: date
    end: date


class Document(SQLModel, table=True):
    """A paper: a committee letter, uitstelbericht, answer, motion text, Kamerbrief, ..."""

    __tablename__ = "document"
    __table_args__ = (Index("ix_document_kamerstuk", "dossier", "stuknummer"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    dagtekening: date | None = None
    chamber: str | None = Field(default=None, max_length=4)
    sender: str | None = Field(default=None, max_length=300)
    addressee: str | None = Field(default=None, max_length=300)
    kenmerk: str | None = Field(default=None, max_length=100, index=True)
    dossier: str | None = Field(default=None, max_length=20)  # "35628", "30420"
    stuknummer: str | None = Field(default=None, max_length=20)  # "10" or EK letter "H"
    vergaderjaar: str | None = Field(default=None, max_length=9)  # "2023-2024"
    title: str = Field(max_length=500)
    url: str | None = Field(default=None, max_length=1000)
    full_text: str | None = Field(default=None, sa_column=Column(Text))
    external_id: str | None = Field(default=None, max_length=64, unique=True)  # seed key or open-data Id
    sha256: str | None = Field(default=None, max_length=64)  # of the stored file (generated letters)
    received_on: date | None = None  # the day the Kamer received it (its griffie's register), beside the dagtekening
    created_at: datetime = _timestamp()


class TrackedItem(SQLModel, table=True):
    """Something government owes parliament: a motie, toezegging, Kamervragen or commissiebrief."""

    __tablename__ = "tracked_item"
    __table_args__ = (
        UniqueConstraint("chamber", "kind", "nummer", name="uq_item_chamber_kind_nummer"),
        # Overzicht's counts per ministry and kind read this index alone, never the wide rows
        Index("ix_item_dashboard", "ministry_id", "kind", "status", "closed_kind", "closed_on", "archived_at"),
        # the answers of the last twelve months (on-time chart, month chart), read from the index alone
        Index("ix_item_answered", "closed_kind", "closed_on", "kind", "ministry_id", "start_date", "due_date",
              "archived_at"),
        Index("ix_item_kind_due", "kind", "due_date"),  # the lists per kind, sorted by deadline
        Index("ix_item_kind_open_due", "kind", "closed_on", "due_date"),  # the default list: open items
        # one ministry's open or overdue items of a kind (the API's list, a filtered list page): not every ministry's
        Index("ix_item_kind_ministry_open", "kind", "ministry_id", "closed_on", "due_date"),
        Index("ix_item_kind_start", "kind", "start_date"),
    )
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    chamber: str = Field(max_length=4)
    ministry_id: int | None = Field(default=None, foreign_key="ministry.id")
    bewindspersoon_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    nummer: str = Field(max_length=60)  # "35628, nr. 10", "T02423", "2023Z12345", a kenmerk
    title: str = Field(max_length=500)
    text: str | None = Field(default=None, sa_column=Column(Text))  # dictum, toezegging, questions
    start_date: date | None = None  # vote, toezegging, submission or dagtekening
    # Deadline inputs
    term: str | None = Field(default=None, max_length=30)  # the item's own term, "6 weken"
    deadline_phrase: str | None = Field(default=None, max_length=300)  # "voor de zomer"
    deadline_date: date | None = None  # an explicit due date given by the source
    # Current deadline, derived from the history in deadline_period (kept for lists)
    due_date: date | None = None
    due_rule: str | None = Field(default=None, max_length=60)
    due_explanation: str | None = Field(default=None, sa_column=Column(Text))
    due_problem: str | None = Field(default=None, sa_column=Column(Text))  # set: a person must decide
    # Workflow
    status: str = Field(max_length=30)
    closed_on: date | None = None
    closed_kind: str | None = Field(default=None, max_length=10)  # "done" | "dropped"
    stand_van_zaken: str | None = Field(default=None, sa_column=Column(Text))
    stand_intern: bool = False  # the stand van zaken is a note for the ministry: never in a letter to the Kamer
    # Who: motie indieners, vragensteller, or members a toezegging was made to; their fracties
    members: str | None = Field(default=None, max_length=500)
    fracties: str | None = Field(default=None, max_length=300)  # searched with LIKE '%…%': no index helps
    tags: str | None = Field(default=None, max_length=300)  # themes, comma-separated: "arbeidsmarkt, veiligheid"
    # Kind-specific
    vote_result: str | None = Field(default=None, max_length=200)  # motie
    kabinetsappreciatie: str | None = Field(default=None, max_length=100)  # motie
    activity: str | None = Field(default=None, max_length=300)  # toezegging: debat, commissievergadering, brief
    committee_id: int | None = Field(default=None, foreign_key="committee.id", index=True)  # toezegging, commissiebrief
    behandelaar_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)  # who drafts the answer
    internal_due: date | None = None  # interne termijn set by hand; else the ministry's offset before due_date
    # Bookkeeping
    source: str | None = Field(default=None, max_length=40)  # "demo", "import", "generated", ...
    external_id: str | None = Field(default=None, max_length=64, unique=True)  # open-data Id
    version: int = Field(default=1)  # optimistic locking for concurrent edits
    archived_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()


class ItemDocument(SQLModel, table=True):
    """A document's part in an item's life: the request, an uitstelbericht, the answer, ..."""

    __tablename__ = "item_document"
    item_id: int = Field(foreign_key="tracked_item.id", primary_key=True)
    document_id: int = Field(foreign_key="document.id", primary_key=True, index=True)
    role: str = Field(max_length=20, primary_key=True)  # verzoek|uitstelbericht|antwoord|voortgang|overig


class ItemStand(SQLModel, table=True):
    """One stand van zaken as it was written, with the day it was written: a letter dated D reports the last stand
    written on or before D (tracker.letters.as_of), never a later one. Never updated; a new stand is a new row."""

    __tablename__ = "item_stand"
    __table_args__ = (Index("ix_item_stand_item_on", "item_id", "written_on"),)
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="tracked_item.id")
    written_on: date
    text: str | None = Field(default=None, sa_column=Column(Text))  # None: the stand was cleared
    intern: bool = False  # a note for the ministry: never in a letter, rappel or export to the Kamer
    created_by: str = Field(max_length=100)
    created_at: datetime = _timestamp()


class DelayNotice(SQLModel, table=True):
    """An uitstelbericht: sent on a date, with a reason and perhaps a promised date."""

    __tablename__ = "delay_notice"
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="tracked_item.id", index=True)
    sent_on: date
    reason: str | None = Field(default=None, sa_column=Column(Text))
    promised_date: date | None = None
    document_id: int | None = Field(default=None, foreign_key="document.id")
    received_on: date | None = None  # the day the Kamer received it (None: the griffie has not registered it yet)
    created_by: str = Field(max_length=100)
    created_at: datetime = _timestamp()


class DeadlineOverride(SQLModel, table=True):
    """A due date set by a person (with a mandatory reason), in force from a date."""

    __tablename__ = "deadline_override"
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="tracked_item.id", index=True)
    effective_from: date
    due: date
    reason: str = Field(sa_column=Column(Text, nullable=False))
    created_by: str = Field(max_length=100)
    created_at: datetime = _timestamp()


class DeadlinePeriod(SQLModel, table=True):
    """One period of an item's deadline history: derived, rebuilt whenever its facts change.

    active_from..active_until is when this period was the one in force *and* the item was
    still open (active_until = OPEN_END while open). "Overdue on D" is then:
    active_from <= D < active_until AND due < D — one range query on one index.
    """

    __tablename__ = "deadline_period"
    # item_id included: Te laat and Overzicht find the periods of a date without reading the table
    __table_args__ = (Index("ix_period_active", "active_until", "due", "active_from", "item_id"),)
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="tracked_item.id", index=True)
    active_from: date
    active_until: date
    valid_until: date | None = None
    due: date | None = None
    rule: str = Field(max_length=60)
    explanation: str = Field(sa_column=Column(Text, nullable=False))
    first_delay_on: date | None = None
    first_delay_days_late: int | None = None


class AuditEvent(SQLModel, table=True):
    """Who changed what, when, from what to what, and why. Never changed (only its commit_version is stamped at
    COMMIT), never deleted."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_item_at", "item_id", "at"), Index("ix_audit_commit_version", "commit_version"))
    id: int | None = Field(default=None, primary_key=True)
    item_id: int | None = Field(default=None, foreign_key="tracked_item.id")
    at: datetime = _timestamp()
    actor: str = Field(max_length=100)
    action: str = Field(max_length=30)  # aangemaakt|status|termijn|uitstelbericht|antwoord|wijziging|...
    field: str | None = Field(default=None, max_length=60)
    old: str | None = Field(default=None, sa_column=Column(Text))
    new: str | None = Field(default=None, sa_column=Column(Text))
    note: str | None = Field(default=None, sa_column=Column(Text))
    effective_on: date | None = None
    # the data version of the commit that wrote it, stamped at COMMIT by a trigger (migration 0018): commit order,
    # which ids are not on PostgreSQL; "what happened since" is asked by this number
    commit_version: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))


class User(SQLModel, table=True):
    __tablename__ = "app_user"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=100, unique=True)
    password_hash: str = Field(max_length=300)
    role: str = Field(max_length=20)  # admin | griffie | officer | viewer
    ministry_id: int | None = Field(default=None, foreign_key="ministry.id")
    active: bool = True
    created_at: datetime = _timestamp()
    # Part of every session cookie: raising it (logout, new password, deactivation, new role) ends every
    # session of this user at once, a copied cookie included.
    session_generation: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    email: str | None = Field(default=None, max_length=254)
    # what `tracker notify` sends this user (Mijn instellingen)
    notify_digest: bool = True
    notify_reminders: bool = True
    notify_follows: bool = True
    # how a person is named on every page, list, export and mail (the login name when empty)
    full_name: str | None = Field(default=None, max_length=200)
    directorate: str | None = Field(default=None, max_length=200)  # "DG Koninkrijksrelaties", optional

    @property
    def display_name(self) -> str:
        return display_name(self.full_name, self.username)


class LoginFailure(SQLModel, table=True):
    """A failed login: counted per user name and per address to slow down password guessing."""

    __tablename__ = "login_failure"
    __table_args__ = (Index("ix_login_failure_user_at", "username", "at"), Index("ix_login_failure_ip_at", "ip", "at"))
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=100)
    ip: str = Field(max_length=64)
    at: datetime = _timestamp()


class Letter(SQLModel, table=True):
    """A generated voortgangsbrief: everything needed to render it again, byte for byte."""

    __tablename__ = "letter"
    document_id: int = Field(foreign_key="document.id", primary_key=True)
    ministry_id: int = Field(foreign_key="ministry.id")
    chamber: str = Field(max_length=4)
    betreft: str = Field(max_length=300)
    intro: str = Field(sa_column=Column(Text, nullable=False))
    closing: str = Field(sa_column=Column(Text, nullable=False))
    subject: str | None = Field(default=None, max_length=200)  # "moties en toezeggingen", "Kamervragen", …
    signer_function: str = Field(max_length=200)
    signer_name: str = Field(max_length=200)
    kenmerk: str = Field(max_length=100)
    uw_kenmerk: str | None = Field(default=None, max_length=100)
    dagtekening: date
    group_by: str = Field(max_length=20)  # "soort"
    annex: bool = True
    path: str = Field(max_length=500)  # the file under exports/
    created_by: str = Field(max_length=100)
    created_at: datetime = _timestamp()


class LetterItem(SQLModel, table=True):
    """One item as the letter printed it: a snapshot that later edits never change."""

    __tablename__ = "letter_item"
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="letter.document_id", index=True)
    item_id: int = Field(foreign_key="tracked_item.id", index=True)
    position: int
    group_label: str = Field(max_length=100)
    heading: str = Field(sa_column=Column(Text, nullable=False))
    reference: str = Field(max_length=200)
    request: str | None = Field(default=None, sa_column=Column(Text))
    stand_van_zaken: str | None = Field(default=None, sa_column=Column(Text))
    status_text: str = Field(max_length=200)
    # the annex's columns (letters made before these existed have none)
    kind: str | None = Field(default=None, max_length=20)
    made_on: date | None = None
    activity: str | None = Field(default=None, max_length=300)
    deadline_text: str | None = Field(default=None, max_length=300)
    # open on the letter's date (only then "geen nieuwe stand" is printed); None: made before this was kept
    item_open: bool | None = None


class Rappel(SQLModel, table=True):
    """A final rappel: the Kamer's letter to a ministry about its open toezeggingen, as sent (its file, its kenmerk)."""

    __tablename__ = "rappel"
    __table_args__ = (Index("ix_rappel_ministry", "ministry_id", "dagtekening"),)
    document_id: int = Field(foreign_key="document.id", primary_key=True)
    ministry_id: int = Field(foreign_key="ministry.id")
    chamber: str = Field(max_length=4)
    peildatum: date
    dagtekening: date
    reply_by: date
    kenmerk: str = Field(max_length=100)
    signer_name: str = Field(max_length=200)
    row_count: int
    path: str = Field(max_length=500)  # the file under exports/
    created_by: str = Field(max_length=100)
    created_at: datetime = _timestamp()


class CalendarFeed(SQLModel, table=True):
    """A subscribable ICS feed (per ministry, or personal) behind a secret token.

    Only the token's sha256 is stored: the URL is shown once, and a leaked database reveals no feed URL.
    """

    __tablename__ = "calendar_feed"
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    label: str = Field(max_length=200)
    ministry_id: int | None = Field(default=None, foreign_key="ministry.id")  # None: every ministry
    user_id: int = Field(foreign_key="app_user.id", index=True)  # who made it; a personal feed follows their access
    # "Mijn deadlines": only the items the owner is behandelaar of (ministry_id then None)
    mine: bool = False
    created_at: datetime = _timestamp()
    revoked_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))


class ApiToken(SQLModel, table=True):
    """A bearer token for the JSON API (/api/v1), acting as its user with that user's role and ministry.

    Only the token's sha256 is stored: the token is shown once, and a leaked database reveals none."""

    __tablename__ = "api_token"
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    description: str | None = Field(default=None, max_length=200)
    created_at: datetime = _timestamp()
    last_used_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))


class SavedFeed(SQLModel, table=True):
    """An Atom feed of a saved filter (a list page or Te laat with its filters) behind a secret token.

    Only the token's sha256 is stored (the URL is shown once); the filter is kept as the page's own query string and
    checked again by the page's own rules whenever the feed is read."""

    __tablename__ = "saved_feed"
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    page: str = Field(max_length=20)  # te-laat | moties | toezeggingen | kamervragen | commissiebrieven
    query: str = Field(default="", max_length=1000)
    label: str = Field(max_length=300)
    created_at: datetime = _timestamp()
    revoked_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))


class ItemFollow(SQLModel, table=True):
    """A user follows an item: they hear of its status changes, uitstelberichten, answers and deadline changes."""

    __tablename__ = "item_follow"
    user_id: int = Field(foreign_key="app_user.id", primary_key=True)
    item_id: int = Field(foreign_key="tracked_item.id", primary_key=True, index=True)
    created_at: datetime = _timestamp()


class Notification(SQLModel, table=True):
    """One message `tracker notify` sends (or sent): recorded before it goes out, so that no run sends it twice.

    key names the event (digest of a day, reminder of a deadline, follow notices up to an audit event); with
    the user it is unique. status: pending (recorded, not yet confirmed sent), sending (the whole text went to the
    server and only its answer was awaited: may have gone; the next run sends it again), sent, refused (by the
    server), failed (could not be made or sent: the error says why; the next run tries again)."""

    __tablename__ = "notification"
    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_notification_user_key"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    key: str = Field(max_length=200)
    kind: str = Field(max_length=20)  # digest | reminder | follow
    recipient: str = Field(max_length=254)
    subject: str = Field(max_length=300)
    status: str = Field(default="pending", max_length=10)
    error: str | None = Field(default=None, max_length=500)
    file: str | None = Field(default=None, max_length=300)  # the .eml in the outbox (no SMTP server configured)
    audit_upto: int | None = None  # follow notices: the highest AuditEvent.commit_version they covered (commit order)
    created_at: datetime = _timestamp()
    sent_at: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))


class TkRecord(SQLModel, table=True):
    """A row of the Tweede Kamer's open data (gegevensmagazijn) as last imported: the mirror the items are
    projected from. Kept whole (JSON text) so that relations arriving in any order can be joined later."""

    __tablename__ = "tk_record"
    # The rows waiting to have their items built (again), by entity and Id (the order tk.project walks them
    # in). Partial: a row that is done leaves the index, so a large mirror keeps a small index.
    __table_args__ = (Index("ix_tk_record_waiting", "entity", "tk_id", sqlite_where=text("pending = 1"),
                            postgresql_where=text("pending")),
                      Index("ix_tk_record_zaak", "zaak_id", "entity"))
    entity: str = Field(max_length=30, primary_key=True)  # Zaak, ZaakActor, Document, Fractie, Persoon, Toezegging
    tk_id: str = Field(max_length=40, primary_key=True)  # the TK Id (a GUID)
    modified: datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))  # GewijzigdOp
    deleted: bool = False  # Verwijderd
    zaak_id: str | None = Field(default=None, max_length=40)  # ZaakActor / Document: the Zaak it belongs to
    pending: bool = True  # its item still to be built: refused, or its actors or documents changed since
    data: str = Field(sa_column=Column(Text, nullable=False))


class ItemPerson(SQLModel, table=True):
    """A person named on an item, as the item's members text names them (indieners of a motie, the vragensteller,
    the members a toezegging was made to), in that order: derived from `members` whenever it is written
    (tracker.services.persons), so the text stays what a user typed and the person pages read this table."""

    __tablename__ = "item_person"
    item_id: int = Field(foreign_key="tracked_item.id", primary_key=True)
    person_id: int = Field(foreign_key="person.id", primary_key=True, index=True)
    position: int  # 0: the first indiener or vragensteller


class PersonAlias(SQLModel, table=True):
    """Another spelling of a person's name (a merged spelling variant): members text with it names that person."""

    __tablename__ = "person_alias"
    key: str = Field(max_length=200, primary_key=True)  # the name folded: lower case, no accents, single spaces
    person_id: int = Field(foreign_key="person.id", index=True)


class DataVersion(SQLModel, table=True):
    """One row whose number goes up with every transaction that writes an audit event, in commit order: the key of
    the per-worker page caches (tracker.data_version). Raised by a trigger on audit_event (migration 0018): on
    PostgreSQL a deferred one, so that the row is locked only while the writing transaction commits."""

    __tablename__ = "data_version"
    id: int = Field(default=1, primary_key=True)
    version: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, server_default="0"))


class AppSecret(SQLModel, table=True):
    """A secret every app server must share (the session and CSRF key when $SECRET_KEY is not set): made once,
    by whichever server starts first, and read by all the others (tracker.shared_secret)."""

    __tablename__ = "app_secret"
    name: str = Field(max_length=60, primary_key=True)
    value: str = Field(max_length=200)
    created_at: datetime = _timestamp()


class RateBucket(SQLModel, table=True):
    """One key's request count in the current one-minute window (tracker.rate_limit): shared by every worker of every
    app server, so that a limit holds for the whole installation. One row per key, reset in place when a new minute
    begins; rows of keys idle since an earlier minute are pruned."""

    __tablename__ = "rate_bucket"
    key: str = Field(max_length=100, primary_key=True)  # "token:12", "adres:192.0.2.7"
    window_start: int = Field(index=True)  # the minute counted: seconds since 1970 // 60
    hits: int = Field(default=0)


class DocumentPdf(SQLModel, table=True):
    """The PDF of a final letter (voortgangsbrief, rappel) as sent, byte for byte: in the database, so that every app
    server can hand it out (the file under TRACKER_EXPORTS is a copy on the host that made it)."""

    __tablename__ = "document_pdf"
    document_id: int = Field(foreign_key="document.id", primary_key=True)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


# every ORM session keeps the search index in step with what it writes (tracker.search.index)
from .search import index as _search_index  # noqa: E402

_search_index.register()
