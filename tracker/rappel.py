"""The half-yearly toezeggingen overview (EK practice): per ministry, on a reference date (1 July or
1 January), the open and partly-met toezeggingen whose deadline has passed, plus those due before
the next reference date, with an empty column for the ministry's prognosis. As PDF and CSV."""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date as babel_date
from dateutil.relativedelta import relativedelta
from sqlalchemy import text

from .domain.workflow import label
from .errors import Problem, ValidationError
from .inert import CsvWriter
from .db import as_date
from .letters import TEMPLATES, template_env

COLUMNS = ("nummer", "datum_toezegging", "tekst", "deadline", "status", "commissie", "verstreken", "prognose")
_SQL = """
SELECT i.nummer, i.start_date, COALESCE(i.text, i.title), p.due, i.status, c.name
FROM deadline_period p
JOIN tracked_item i ON i.id = p.item_id
LEFT JOIN committee c ON c.id = i.committee_id
WHERE i.kind = 'toezegging' AND i.ministry_id = :ministry AND i.chamber = :chamber
  AND i.status IN ('openstaand', 'deels_voldaan')
  AND p.active_from <= :peildatum AND p.active_until > :peildatum AND p.due < :next
ORDER BY p.due, i.nummer
"""


@dataclass(frozen=True)
class RappelRow:
    nummer: str
    made_on: date | None
    text: str
    deadline: date
    status: str
    committee: str | None
    passed: bool


def next_reference(peildatum: date) -> date:
    return peildatum + relativedelta(months=6)


def rappel_rows(connection, ministry_id: int, chamber: str, peildatum: date) -> list[RappelRow]:
    """Open toezeggingen on the reference date, due before the next one (passed ones first)."""
    rows = connection.execute(text(_SQL), {"ministry": ministry_id, "chamber": chamber, "peildatum": peildatum,
                                           "next": next_reference(peildatum)}).all()
    return [RappelRow(r[0], as_date(r[1]), r[2], as_date(r[3]), label(r[4]), r[5], as_date(r[3]) < peildatum)
            for r in rows]


def to_csv(rows: list[RappelRow]) -> str:
    buffer = io.StringIO()
    writer = CsvWriter(buffer, delimiter=";")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow([r.nummer, r.made_on.isoformat() if r.made_on else "", r.text, r.deadline.isoformat(), r.status,
                         r.committee or "", "ja" if r.passed else "nee", ""])
    return "\ufeff" + buffer.getvalue()


def to_pdf(rows: list[RappelRow], ministry_name: str, chamber: str, peildatum: date) -> bytes:
    from weasyprint import HTML

    if not rows:
        raise ValidationError([Problem("geen openstaande of deels voldane toezeggingen met een termijn vóór de "
                                       "volgende peildatum; er is geen overzicht gemaakt")])
    html = template_env.get_template("letters/rappel.html").render(
        rows=rows, ministry_name=ministry_name, chamber=chamber,
        peildatum=babel_date(peildatum, "d MMMM y", locale="nl_NL"),
        next_date=babel_date(next_reference(peildatum), "d MMMM y", locale="nl_NL"),
        fmt=lambda d: babel_date(d, "d MMMM y", locale="nl_NL") if d else "—")
    return HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
