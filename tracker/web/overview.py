"""Overzicht (home) and Te laat (the griffie's weekly overview, with CSV)."""
from __future__ import annotations

import io
from collections import Counter
from datetime import date
from functools import lru_cache

from urllib.parse import urlencode

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_login import current_user, login_required
from markupsafe import Markup
from sqlalchemy import text

from .. import clock, db, exporter, reports
from ..domain.dutch import DateParseError, format_date, parse_date
from ..inert import CsvWriter
from ..services import people, queries
from ..services.overdue import known_ministry_codes, ministry_code, overdue
from ..domain.deadlines import BACKLOG_DAYS, SOON_DAYS, SOON_WORDS, in_backlog_part
from ..domain.periods import parse_period, period_choices
from ..vocabulary import ITEM_KINDS
from . import app_engine, downloads, scope
from .params import behandelaar_choice, page_number

bp = Blueprint("overview", __name__)
PAGE_SIZE = 100
CSV_COLUMNS = ("soort", "kamer", "nummer", "titel", "ministerie", "due", "days_overdue", "uitstelbericht",
               "uitstelbericht_days_late", "huidige_status", "regel", "fractie", "bewindspersoon", "behandelaar")


def _peildatum(args=None):
    """The 'as of' date from ?op=, default today; a bad date is a 400 with the reason."""
    args = request.args if args is None else args
    if not args.get("op"):
        return clock.today()
    try:
        return parse_date(args["op"])
    except DateParseError as error:
        abort(400, description=str(error))


@bp.get("/")
@login_required
def home():
    """Overzicht: counts per kind and state, per ministry; the deadlines of the next SOON_DAYS days; on-time
    answering and the open and overdue items per month over a period (?periode=: 12m or a vergaderjaar)."""
    on = _peildatum()
    # an officer sees their own ministry first; "alle ministeries" is one click away (?ministerie=alle, or the
    # older ?alle=1); ?ministerie=CODE shows one ministry to anyone
    own = scope.own_ministry(current_user)
    wanted = request.args.get("ministerie", "").strip()
    engine = app_engine()
    with db.reading(engine) as connection:
        version = data_version(connection)
        if wanted and wanted != scope.ALL:
            chosen = ministry_code(connection, wanted[:16])
            if chosen is None:
                abort(400, description=f"Onbekend ministerie '{wanted[:16]}'.")
        else:
            chosen = None if wanted == scope.ALL or request.args.get("alle") == "1" or own is None else own[1]
        ministry_ids = {code: id_ for id_, code in connection.execute(text("SELECT id, code FROM ministry"))}
        earliest = connection.execute(text("SELECT MIN(closed_on) FROM tracked_item WHERE closed_kind = 'done'")
                                      ).scalar()
    period = parse_period(request.args.get("periode"), on)
    if period is None:
        abort(400, description="Onbekende periode; kies 12m of het beginjaar van een vergaderjaar (bijv. 2024).")
    earliest = date.fromisoformat(earliest) if isinstance(earliest, str) else earliest
    board = _dashboard(engine, version, on, chosen, period)
    return render_template("overview/home.html", board=board, kinds=ITEM_KINDS, own=own[1] if own else None,
                           months=MONTHS_SHORT, periods=period_choices(on, earliest), today=clock.today(),
                           ministry_ids=ministry_ids, slugs=LIST_SLUGS, soon_words=SOON_WORDS, soon_days=SOON_DAYS)


MONTHS_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
LIST_SLUGS = {"motie": "moties", "toezegging": "toezeggingen", "kamervragen": "kamervragen",
              "commissiebrief": "commissiebrieven"}


@lru_cache(maxsize=32)
def _dashboard(engine, version, on, ministry, period) -> queries.Dashboard:
    """Overzicht at this data version: worked out once per worker until something is written (as Te laat)."""
    with db.transaction(engine) as session:
        return queries.dashboard(session, on, ministry, period)


@bp.get("/te-laat")
@login_required
def overdue_page():
    """Te laat: every overdue item on the chosen date, filterable, with counts and a CSV download."""
    return render_overdue(request.args)


def render_overdue(args, status: int = 200, new_feed_url: str | None = None):
    """Te laat for these query arguments (new_feed_url: an Atom feed just made of it, shown to copy)."""
    args = scope.with_default_ministry(args, current_user, by="code")
    on = _peildatum(args)
    page = page_number(args)
    backlog = backlog_from(args, default="recent")
    engine = app_engine()
    with db.reading(engine) as connection:
        kamer, code, soort, person, fractie, shortest_first = overdue_filter_from(args, connection)
        version = data_version(connection)
        officers = people.behandelaar_options(connection)
    who, behandelaar_id, team = behandelaar_choice(args, current_user)
    everything = _overview(engine, version, on, kamer, code, soort, person, fractie, shortest_first, who,
                           behandelaar_id, team)
    result = everything.part(backlog)
    if args.get("formaat") == "csv":
        return _csv(result.rows, on)
    if args.get("formaat") in ("import-csv", "xlsx"):  # the same items in the import's columns
        ids = [row.id for row in result.rows]
        return downloads.spreadsheet("xlsx" if args["formaat"] == "xlsx" else "csv", f"te-laat-{on.isoformat()}",
                                     lambda session: exporter.export_items(session, ids, current_user))
    # Links and the cached fragments carry the validated filters only: a parameter nobody asked for
    # (?_method=POST) must not reach url_for, nor another user's page through the cache.
    # the ministry and the backlog always explicit: a link, download or feed made of this page shows what it shows
    filters = {k: v for k, v in (("op", args.get("op")), ("kamer", kamer), ("ministerie", code or scope.ALL),
                                 ("soort", soort), ("bewindspersoon", person), ("fractie", fractie),
                                 ("behandelaar", who), ("sorteer", "kort" if shortest_first else None),
                                 ("achterstand", backlog or "alle")) if v}
    if args.get("formaat") in downloads.REPORT_FORMATS:  # the same items as a report to hand on
        with db.transaction(engine) as session:
            title = reports.title_line(f"Te laat op {format_date(on)}", _overdue_words(session, filters), on)
        return downloads.report(args["formaat"], f"te-laat-{on.isoformat()}",
                                lambda session: reports.overdue_rows(session, result.rows, on, current_user), title)
    if args.get("formaat"):
        abort(400, description="Onbekend formaat; kies csv, import-csv, xlsx, rapport-csv of rapport-xlsx.")
    pages = max(1, -(-len(result.rows) // PAGE_SIZE))
    page = min(page, pages)
    shown = result.rows[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    results = result.fragments.get(page)
    if results is None:
        # Rendering the rows is most of this page's cost, and the same for every user: do it once
        # per data version, filters and page. Links are built once, not with url_for per row.
        results = Markup(render_template(
            "overview/_overdue_results.html", rows=shown, total=len(result.rows), page=page, pages=pages,
            filters=filters, item_url=url_for("items.item_page", item_id=0)[:-1],
            chip_query=lambda **extra: urlencode({**filters, **extra}),
            per_ministry=result.per_ministry, per_fractie=result.per_fractie,
            per_behandelaar=result.per_behandelaar, backlog=backlog, old=everything.old_count(),
            recent=len(everything.rows) - everything.old_count(), backlog_days=BACKLOG_DAYS))
        result.fragments[page] = results
    return render_template("overview/overdue.html", results=results, on=on, filters=filters, kinds=ITEM_KINDS,
                           codes=result.codes, who=who, officers=officers, new_feed_url=new_feed_url,
                           own=(scope.own_ministry(current_user) or (None, None))[1]), status


def _overdue_words(session, filters: dict) -> str:
    """Te laat's filters in words, for the report's title row."""
    words = {"kamer": "kamer", "ministerie": "ministerie", "soort": "soort", "bewindspersoon": "bewindspersoon",
             "fractie": "fractie"}
    parts = [f"{words[k]} {v}" for k, v in filters.items() if k in words and v != scope.ALL]
    if filters.get("achterstand") in BACKLOG_WORDS:
        parts.append(BACKLOG_WORDS[filters["achterstand"]])
    if filters.get("behandelaar"):
        parts.append(f"behandelaar {people.behandelaar_words(session, filters['behandelaar'])}")
    return ", ".join(parts)


OVERDUE_PARAMETERS = ("op", "kamer", "ministerie", "soort", "bewindspersoon", "fractie", "behandelaar", "sorteer",
                      "achterstand")
BACKLOG_WORDS = {"recent": "zonder wat meer dan een jaar te laat is", "oud": "meer dan een jaar te laat"}


def backlog_from(args, default: str | None = None) -> str | None:
    """?achterstand=: "recent" (at most BACKLOG_DAYS days late), "oud" (more: the old backlog) or "alle" (None);
    without it `default` (Te laat: recent; a saved feed and the API: everything, as before the filter existed)."""
    value = (args.get("achterstand") or "").strip()
    if not value:
        return default
    if value not in ("recent", "oud", "alle"):
        abort(400, description="Achterstand: recent, oud of alle.")
    return None if value == "alle" else value


def overdue_filter_from(args, connection) -> tuple:
    """Te laat's filters from its query string (a 400 for anything it does not know); also what a saved Atom feed
    of Te laat reads. Returns (kamer, ministry code, soort, bewindspersoon, fractie, shortest first)."""
    kamer = args.get("kamer") or None
    soort = args.get("soort") or None
    if kamer not in (None, "TK", "EK") or soort not in (None, *ITEM_KINDS):
        abort(400, description="Onbekende kamer of soort.")
    code = None
    if args.get("ministerie") and args["ministerie"] != scope.ALL:
        code = ministry_code(connection, args["ministerie"])
        if code is None:
            abort(400, description=f"Onbekend ministerie '{args['ministerie']}'.")
    return (kamer, code, soort, _text_filter(args, "bewindspersoon"), _text_filter(args, "fractie"),
            args.get("sorteer") == "kort")


def _text_filter(args, name: str) -> str | None:
    value = (args.get(name) or "").strip()
    if len(value) > 200:
        abort(400, description=f"Het filter {name} is te lang (hoogstens 200 tekens).")
    return value or None


def data_version(connection) -> int:
    """The key of the page caches: every write records an audit event in its transaction, and the first one raises
    data_version.version when that transaction commits (a trigger, migration 0018), in commit order. Not the
    newest audit id: on PostgreSQL ids come from a sequence in the order transactions ask, not the order they
    commit, so a change committed after a later id had been seen would stay invisible until the next write."""
    return connection.execute(text("SELECT version FROM data_version WHERE id = 1")).scalar() or 0


class _Overview:
    def __init__(self, rows, codes):
        self.rows = rows
        self.codes = codes
        self.per_ministry = sorted(Counter(row.ministerie or "—" for row in rows).items())
        fracties = Counter(f.strip() for row in rows for f in (row.fractie or "").split(",") if f.strip())
        self.per_fractie = sorted(fracties.items(), key=lambda kv: (-kv[1], kv[0]))
        named = Counter((row.behandelaar["id"], row.behandelaar["naam"]) if row.behandelaar else ("niemand", "niemand")
                        for row in rows)
        # (filter value, name, count): the most late first, then by name
        self.per_behandelaar = sorted(((str(key), name, count) for (key, name), count in named.items()),
                                      key=lambda t: (-t[2], t[1].lower()))
        self.fragments: dict[int, Markup] = {}  # page number -> rendered results
        self.parts: dict[str | None, _Overview] = {}

    def old_count(self) -> int:
        """How many of these rows are the old backlog (more than BACKLOG_DAYS days late)."""
        return sum(1 for row in self.rows if in_backlog_part(row.days_overdue, "oud"))

    def part(self, backlog: str | None) -> "_Overview":
        """The recent or old part of these rows (None: all), made once and kept with its rendered pages."""
        if backlog is None:
            return self
        if backlog not in self.parts:
            self.parts[backlog] = _Overview([r for r in self.rows if in_backlog_part(r.days_overdue, backlog)],
                                            self.codes)
        return self.parts[backlog]


@lru_cache(maxsize=64)
def _overview(engine, version, on, kamer, code, soort, bewindspersoon, fractie, shortest_first, who="",
              behandelaar_id=None, team=None) -> _Overview:
    """The overview for these filters at this data version; the same question is answered once per
    worker until something is written (the version changes), however many people ask it. `who` is part of the
    key because the cached fragment's links carry it ("ik" and a user's own id select the same rows)."""
    with db.reading(engine) as connection:
        rows = overdue(connection, on, kamer, code, [soort] if soort else None, bewindspersoon, fractie,
                       shortest_first=shortest_first, behandelaar_id=behandelaar_id, team_ministry_id=team)
        return _Overview(rows, known_ministry_codes(connection))


def _csv(rows, on):
    buffer = io.StringIO()
    writer = CsvWriter(buffer, delimiter=";")  # Excel in a Dutch locale opens ';' files directly
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        data = row.as_json()
        data["behandelaar"] = row.behandelaar_naam  # the person's name, not the API's object
        writer.writerow([data[c] if data[c] is not None else "" for c in CSV_COLUMNS])
    return Response("\ufeff" + buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="te-laat-{on.isoformat()}.csv"'})
