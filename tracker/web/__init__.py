"""The web application: app factory, extensions, error pages. Blueprints live one per module."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from flask import Flask, abort, current_app, g, render_template, request
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from ..domain.names import display_name
from ..domain import citations
from .. import clock, config, db, faults, text_hygiene
from ..authz import may, signed_in_as, why_not
from ..domain.dutch import format_date
from ..domain.rules import rule_in_words
from ..domain.workflow import label
from ..errors import Forbidden
from ..words import MESSAGE_WORDS, actor_in_words, count, role_in_words, source_in_words

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"

# form fields that hold a document someone else wrote (intake strips what is no text instead of refusing it)
DOCUMENT_FIELDS = {("intake.read_or_save", "tekst")}
# form fields by the name a person sees (the rest are named as they are)
FIELD_WORDS = {"title": "titel", "text": "tekst", "note": "toelichting", "reason": "reden", "members": "leden",
               "vote_result": "stemming", "activity": "activiteit", "tags": "thema's", "term": "termijn",
               "name": "naam", "function": "functie", "abbreviation": "afkorting", "username": "gebruikersnaam",
               "password": "wachtwoord", "email": "e-mailadres", "description": "omschrijving"}
login_manager = LoginManager()
csrf = CSRFProtect()


def app_engine():
    """The database engine of the running app (made once in create_app)."""
    return current_app.extensions["engine"]


def forbid(action: str, ministry_id: int | None = None):
    """abort(403) saying why: who the user is signed in as and which role or ministry the action needs."""
    code = None
    if ministry_id:
        from ..services.reference import ministry_code
        with db.transaction(app_engine()) as session:
            code = ministry_code(session, ministry_id)
    abort(403, description=why_not(current_user if current_user.is_authenticated else None, action, code))


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app; importing the package has no side effects."""
    instance = config.instance_path()
    instance.mkdir(parents=True, exist_ok=True)
    app = Flask("tracker", instance_path=str(instance), instance_relative_config=True,
                template_folder=str(TEMPLATES), static_folder=str(Path(__file__).parent / "static"))
    app.config.from_mapping(
        DATABASE_URL=config.database_url(),
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.secure_cookies(), REMEMBER_COOKIE_HTTPONLY=True,
        SEND_FILE_MAX_AGE_DEFAULT=86400, MAX_CONTENT_LENGTH=20 * 1024 * 1024,
        # a pasted verslag is form text, not a file: Werkzeug's default of 500 kB refused a 600 kB paste
        MAX_FORM_MEMORY_SIZE=12 * 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None, LOGIN_FREE_FAILURES=5, LOGIN_USER_CEILING=100, LOGIN_WINDOW_MINUTES=15,
        LOGIN_ADDRESS_FREE_FAILURES=20, LOGIN_FAILURE_KEEP_HOURS=24,
        PROXY_HOPS=config.proxy_hops(),
        API_RATE_PER_MINUTE=config.api_rate_per_minute(),
    )
    if test_config:
        app.config.update(test_config)
    app.extensions["engine"] = db.get_engine(app.config["DATABASE_URL"])
    from ..rate_limit import RateLimiter  # the API's and the public register's limits, counted in the database
    app.extensions["rate_limiter"] = RateLimiter(clock=app.config.get("RATE_LIMIT_CLOCK"))
    from .sessions import SessionInterface  # a cookie from a server whose clock is a moment ahead still counts
    app.session_interface = SessionInterface()
    if not app.config.get("SECRET_KEY"):  # $SECRET_KEY, or one key for every server, kept in the database
        from ..shared_secret import secret_key
        app.config["SECRET_KEY"] = secret_key(app.extensions["engine"])
    if app.config["PROXY_HOPS"]:
        # Behind that many reverse proxies the client's address is in X-Forwarded-For (login throttling);
        # without the setting the header is ignored, so nobody can pick an address of their choice.
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    # Every <int:…> in a route is a database id: one beyond a 32-bit key is no page (404), not a 500 from the
    # database. Set before the blueprints are registered, so their rules use it.
    app.url_map.converters["int"] = DatabaseId

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Log in om deze pagina te zien."
    csrf.init_app(app)

    # Dates as a person reads them ("2 december 2026"), also those that plain SQL hands back as ISO text
    app.jinja_env.filters["datum"] = datum
    app.jinja_env.filters["tijdstip"] = moment_in_words
    app.jinja_env.filters["status"] = label
    from .forms import KIND_LABELS
    app.jinja_env.filters["soort"] = lambda kind: KIND_LABELS.get(kind, kind)  # "motie" -> "Motie"
    app.jinja_env.filters["regel"] = rule_in_words
    # internal codes as words: "officer" -> "beleidsmedewerker", "demo-week" -> "demodata (voorbeeldweek)"
    app.jinja_env.filters["rol"] = role_in_words
    app.jinja_env.filters["wie"] = actor_in_words
    app.jinja_env.filters["bron"] = source_in_words
    app.jinja_env.filters["bericht"] = lambda kind: MESSAGE_WORDS.get(kind, kind)
    app.jinja_env.globals["aantal"] = count  # aantal(3, "item") -> "3 items"
    app.jinja_env.globals["naam"] = display_name  # naam(full_name, username): the full name, else the login name
    # how parliament cites an item: "Kamerstukken II 2020/21, 35628, nr. 10" (the letters' own formatter)
    app.jinja_env.filters["citeer"] = lambda item: citations.cite(item.nummer, item.chamber, db.as_date(item.start_date))
    from ..letters.phrasing import in_a_letter
    app.jinja_env.filters["in_een_brief"] = in_a_letter  # the official form, as letters write it (one place)
    app.jinja_env.globals["may"] = lambda action, ministry_id=None: may(
        current_user if current_user.is_authenticated else None, action, ministry_id)

    from . import (admin, agenda, api, atom, auth, griffie, health, intake, items, letters, open_data, overview, people,
                   public, rappel, registers, search, selection, settings)
    for blueprint in (auth.bp, overview.bp, items.bp, intake.bp, letters.bp, agenda.bp, admin.bp, open_data.bp, api.bp,
                      settings.bp, people.bp, atom.bp, public.bp, griffie.bp, rappel.bp, search.bp, registers.bp, health.bp,
                      selection.bp):
        app.register_blueprint(blueprint)
    csrf.exempt(api.bp)  # bearer tokens only: no cookie is accepted there, so no other site can ride a session

    _error_pages(app)

    @app.before_request
    def refuse_what_is_no_text():
        # No text Kamertracker keeps or looks up holds a control character (PostgreSQL cannot even compare a NUL;
        # XML, terminals and mail headers break on the others, tracker.text_hygiene): a request carrying one in a
        # parameter or form field is malformed, and says so before it reaches a query. A pasted document is the
        # exception: intake takes such characters out of it.
        for kind, values in (("De parameter", request.args), ("Het veld", request.form)):
            for key, value in values.items(multi=True):
                if values is request.form and (request.endpoint, key) in DOCUMENT_FIELDS:
                    continue
                wrong = text_hygiene.problem(value)
                if wrong:
                    abort(400, description=f"{kind} '{FIELD_WORDS.get(key, key)}' {wrong}. Er is niets opgeslagen.")

    @app.before_request
    def take_the_write_lock_when_writing():
        # A POST writes: on SQLite its transactions wait for the write lock instead of failing (tracker.db)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            g.writes_token = db.writes_ahead()

    @app.teardown_request
    def writing_done(_error=None):
        token = g.pop("writes_token", None)
        if token is not None:
            db.writes_done(token)

    @app.after_request
    def security_headers(response):
        if request.endpoint not in ("static", "api.docs_asset") and not (request.endpoint or "").startswith("public."):
            # pages and downloads hold data of a signed-in user: never kept by a browser or proxy cache
            response.headers["Cache-Control"] = "no-store"
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Content-Security-Policy",
                                    "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                    "script-src 'self'; form-action 'self'; frame-ancestors 'none'")
        return response

    return app


class DatabaseId(IntegerConverter):
    """An integer route part that fits an id column (1 … 2³¹−1, at most 10 digits)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def _error_pages(app: Flask) -> None:
    def page(code: int, title: str, message: str):
        if request.path.startswith("/api/"):  # the API answers in problem+json, also for its 404s and 500s
            from .api.problems import problem_response
            return problem_response(code, message or title)
        return render_template("errors/error.html", code=code, title=title, message=message), code

    app.register_error_handler(400, lambda e: page(400, "Ongeldig verzoek", getattr(e, "description", "")))
    app.register_error_handler(CSRFError, lambda e: page(
        400, "Formulier verlopen", "Het formulier is verlopen of ongeldig. Laad de pagina opnieuw en probeer het nog eens."))
    def forbidden(error):
        # a view that said why (forbid) is shown as it said; a bare abort(403) still names who is signed in
        said = getattr(error, "description", None)
        if not said or said == type(error).description:
            who = signed_in_as(current_user) + " " if current_user.is_authenticated else ""
            said = who + "U heeft geen rechten voor deze actie."
        return page(403, "Geen toegang", f"{said} Er is niets gewijzigd.")
    app.register_error_handler(403, forbidden)
    def refused(error):
        said = str(error)
        who = signed_in_as(current_user) + " " if current_user.is_authenticated else ""
        return page(403, "Geen toegang", f"{who}{said[:1].upper()}{said[1:]}. Er is niets gewijzigd.")
    app.register_error_handler(Forbidden, refused)

    def database_fault(error):
        text = faults.message(error)
        if text is None:
            raise error  # not a fault of the database: a 500 with its traceback in the log
        retry = {"Retry-After": "10"}
        if request.path.startswith("/api/"):
            from .api.problems import problem_response
            return problem_response(503, text, headers=retry)
        # A page of its own, rendered without Flask's context processors: Flask-Login's would read the
        # signed-in user from the database that just failed (and the menu of base.html needs that user).
        return app.jinja_env.get_template("errors/unavailable.html").render(message=text), 503, retry
    app.register_error_handler(DBAPIError, database_fault)
    app.register_error_handler(IntegrityError, lambda e: page(409, "Conflict", faults.CONFLICT))
    app.register_error_handler(DataError, lambda e: page(
        400, "Ongeldige invoer", "Deze waarde kan de database niet opslaan of zoeken (een teken of getal buiten "
                                 "bereik). Er is niets gewijzigd."))
    app.register_error_handler(404, lambda e: page(
        404, "Niet gevonden", "Deze pagina of dit item bestaat niet."))
    app.register_error_handler(405, lambda e: page(405, "Niet toegestaan", "Deze actie kan zo niet worden uitgevoerd."))
    app.register_error_handler(413, lambda e: page(
        413, "Te groot", "Wat u verstuurde is te groot: een bestand mag hoogstens 20 MB zijn, geplakte tekst hoogstens "
                         "2 miljoen tekens (lees een langer document als PDF of in delen in)."))
    app.register_error_handler(429, lambda e: page(429, "Te veel pogingen", getattr(e, "description", "")))
    app.register_error_handler(500, lambda e: page(
        500, "Er ging iets mis", "De fout is vastgelegd. Probeer het later opnieuw of neem contact op met de beheerder."))


def datum(value) -> str:
    """A date as a person reads it ("2 december 2026"); a stored moment on its Amsterdam day; nothing: "—"."""
    if not value:
        return "—"
    if isinstance(value, datetime):
        return format_date(clock.local(value).date())
    return format_date(db.as_date(value))


def moment_in_words(value) -> str:
    """A stored moment in Amsterdam time: "2 december 2026, 20:17"."""
    if not value:
        return "—"
    moment = clock.local(value)
    return f"{format_date(moment.date())}, {moment:%H:%M}"
