"""The half-yearly rappel (Eerste Kamer practice): the Kamer's letter to a minister with, on a reference date
(1 July or 1 January), the open and partly-met toezeggingen of that ministry in three groups — deadline
passed, deadline within the next six months, and no deadline that can be computed (with the reason, because
those need a person most) — each with its committee and an empty column for the ministry's prognosis. The
letter asks for corrections and prognoses by a date. As PDF and CSV.

See kst-33268-F for the shape of the letter the Eerste Kamer sends.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from babel.dates import format_date as babel_date
from dateutil.relativedelta import relativedelta
from sqlalchemy import text

from ..db import as_date
from ..domain.workflow import label
from ..errors import Problem, ValidationError
from ..inert import CsvWriter
from .phrasing import unbroken_date
from .voortgangsbrief import TEMPLATES, template_env

COLUMNS = ("nummer", "datum_toezegging", "tekst", "deadline", "status", "commissie", "verstreken", "prognose",
           "groep", "reden_zonder_deadline")
GROUPS = {"verstreken": "Toezeggingen waarvan de termijn is verstreken",
          "binnenkort": "Toezeggingen waarvan de termijn binnen zes maanden verstrijkt",
          "zonder": "Toezeggingen zonder berekenbare termijn"}
CHAMBERS = {"EK": "Eerste Kamer", "TK": "Tweede Kamer"}
# The toezeggingen open on the reference date: a deadline period in force then (the item was open), or, for an
# item without any period, open now and made before that date. Internal notes never leave the ministry.
_SQL = """
SELECT i.nummer, i.start_date, COALESCE(i.text, i.title), p.due, i.status, c.name, i.due_problem, i.deadline_phrase,
       p.explanation
FROM tracked_item i
LEFT JOIN deadline_period p ON p.item_id = i.id AND p.active_from <= :peildatum AND p.active_until > :peildatum
LEFT JOIN committee c ON c.id = i.committee_id
WHERE i.kind = 'toezegging' AND i.ministry_id = :ministry AND i.chamber = :chamber AND i.archived_at IS NULL
  AND i.status IN ('openstaand', 'deels_voldaan')
  AND (p.id IS NOT NULL OR (i.closed_on IS NULL AND (i.start_date IS NULL OR i.start_date <= :peildatum)
       AND NOT EXISTS (SELECT 1 FROM deadline_period q WHERE q.item_id = i.id)))
  AND (p.due IS NULL OR p.due < :next)
ORDER BY p.due, i.nummer
"""


@dataclass(frozen=True)
class RappelRow:
    nummer: str
    made_on: date | None
    text: str
    deadline: date | None
    status: str
    committee: str | None
    passed: bool
    reason: str | None = None  # why no deadline could be computed

    @property
    def group(self) -> str:
        return "zonder" if self.deadline is None else "verstreken" if self.passed else "binnenkort"


@dataclass
class RappelLetter:
    """The letter around the rows: who sends it to whom, when, and by when the Kamer wants an answer."""
    ministry_name: str
    chamber: str
    peildatum: date
    dagtekening: date
    reply_by: date
    signer_name: str = ""
    rows: list[RappelRow] = field(default_factory=list)


def next_reference(peildatum: date) -> date:
    return peildatum + relativedelta(months=6)


def default_reply_by(dagtekening: date) -> date:
    """Six weeks after the letter, on a Friday (the Eerste Kamer asks "vóór vrijdag …")."""
    day = dagtekening + timedelta(weeks=6)
    return day + timedelta(days=(4 - day.weekday()) % 7)


def rappel_rows(connection, ministry_id: int, chamber: str, peildatum: date) -> list[RappelRow]:
    """Open toezeggingen on the reference date: passed ones first, then due before the next date, then those
    without a computable deadline."""
    rows = connection.execute(text(_SQL), {"ministry": ministry_id, "chamber": chamber, "peildatum": peildatum,
                                           "next": next_reference(peildatum)}).all()
    found = []
    for r in rows:
        due = as_date(r[3])
        reason = None
        if due is None:
            reason = r[6] or (f"de termijn '{r[7]}' kon niet worden berekend" if r[7] else
                              "geen deadline vastgelegd" if r[1] else
                              "geen deadline vastgelegd en geen datum waarop de toezegging is gedaan")
        found.append(RappelRow(r[0], as_date(r[1]), r[2], due, label(r[4]), r[5], bool(due and due < peildatum), reason))
    order = list(GROUPS)
    return sorted(found, key=lambda row: (order.index(row.group), row.deadline or date.max, row.nummer))


def to_csv(rows: list[RappelRow]) -> str:
    buffer = io.StringIO()
    writer = CsvWriter(buffer, delimiter=";")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([r.nummer, r.made_on.isoformat() if r.made_on else "", r.text,
                         r.deadline.isoformat() if r.deadline else "", r.status, r.committee or "",
                         "ja" if r.passed else "nee", "", r.group, r.reason or ""])
    return "\ufeff" + buffer.getvalue()


def to_pdf(rows: list[RappelRow], ministry_name: str, chamber: str, peildatum: date,
           dagtekening: date | None = None, reply_by: date | None = None, signer_name: str = "") -> bytes:
    from weasyprint import HTML

    if not rows:
        raise ValidationError([Problem("geen openstaande of deels voldane toezeggingen met een termijn vóór de "
                                       "volgende peildatum; er is geen overzicht gemaakt")])
    dagtekening = dagtekening or peildatum
    letter = RappelLetter(ministry_name, chamber, peildatum, dagtekening, reply_by or default_reply_by(dagtekening),
                          signer_name, rows)
    html = template_env.get_template("letters/rappel.html").render(
        letter=letter, groups=[(title, [r for r in rows if r.group == key]) for key, title in GROUPS.items()],
        chamber_name=CHAMBERS[chamber], peildatum=babel_date(peildatum, "d MMMM y", locale="nl_NL"),
        next_date=babel_date(next_reference(peildatum), "d MMMM y", locale="nl_NL"),
        date_text=babel_date(dagtekening, "d MMMM y", locale="nl_NL"),
        reply_text=babel_date(letter.reply_by, "EEEE d MMMM y", locale="nl_NL"), fmt=unbroken_date)
    return HTML(string=html, base_url=str(TEMPLATES)).write_pdf(pdf_variant="pdf/ua-1")
