"""Log in and out, change one's password. Passwords are hashed (werkzeug scrypt); guessing is slowed down.

Sessions: the cookie names the user and their session generation; logout, a new password, deactivation
or a new role raise the generation (tracker.services.users), so every older cookie, a copied one too,
stops working at once.

Throttling slows guessing without handing anyone a way to lock someone else out:
- per (user name, address) pair: after LOGIN_FREE_FAILURES failures in the window, each next try must
  wait twice as long as the one before (1 s, 2 s, 4 s … up to the window), answered with 429 and
  Retry-After;
- per address, over all names (password spraying: a few passwords against many accounts): after
  LOGIN_ADDRESS_FREE_FAILURES failures in the window the wait doubles the same way, whatever names were tried
  (unknown names count as known ones, and get the same 429);
- per user name, over all addresses: above LOGIN_USER_CEILING failures in the window, only addresses
  that have not failed for that name may still try (the real user at their own desk gets in; a botnet
  gets the ceiling plus one try per address);
- the address is the client's own unless TRACKER_PROXY_HOPS says how many reverse proxies to trust
  (werkzeug ProxyFix then takes it from X-Forwarded-For);
- an unknown user name costs as much time as a wrong password (a dummy hash is checked).
The failures are rows in the database (shared by every worker), counted under a lock per user name; each new
failure prunes the rows older than LOGIN_FAILURE_KEEP_HOURS (a day), so the table holds at most a day of them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import UserMixin, current_user, login_required, login_user, logout_user
from sqlalchemy import delete, func, select, text
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length

from .. import db
from ..authz import Actor
from ..domain.names import display_name
from ..errors import ValidationError
from ..models import LoginFailure, Ministry, User, utcnow
from ..passwords import MAX_LENGTH, MIN_LENGTH
from ..services import users as user_service
from . import app_engine, login_manager
from .form_base import Form

bp = Blueprint("auth", __name__)


@dataclass
class SignedIn(UserMixin):
    """The logged-in user as the web layer sees it (no ORM object kept across requests)."""

    id: int
    username: str
    role: str
    ministry_id: int | None
    ministry_code: str | None
    generation: int = 0
    full_name: str | None = None

    @property
    def name(self) -> str:
        """How pages name this user: the full name, else the login name."""
        return display_name(self.full_name, self.username)

    def get_id(self) -> str:
        return f"{self.id}.{self.generation}"

    @property
    def actor(self) -> Actor:
        """The user as the services see them: the audit name, role and ministry (tracker.authz)."""
        name = f"{self.username} ({self.role}{', ' + self.ministry_code if self.ministry_code else ''})"
        return Actor(name, self.role, self.ministry_id, self.ministry_code)


def _signed_in(user: User, code: str | None) -> SignedIn:
    return SignedIn(user.id, user.username, user.role, user.ministry_id, code, user.session_generation, user.full_name)


@login_manager.user_loader
def load_user(session_id: str):
    """Runs on every request: a plain column query, no ORM objects. A cookie of an older generation (the
    user logged out, changed password, was deactivated or got a new role) or without one finds nobody."""
    user_id, _, generation = session_id.partition(".")
    if not (user_id.isdecimal() and generation.isdecimal() and len(user_id) < 12 and len(generation) < 12):
        return None
    with db.reading(app_engine()) as connection:
        row = connection.execute(select(User.id, User.username, User.role, User.ministry_id, Ministry.code,
                                        User.session_generation, User.full_name)
                                 .outerjoin(Ministry, Ministry.id == User.ministry_id)
                                 .where(User.id == int(user_id), User.active.is_(True),
                                        User.session_generation == int(generation))).first()
    return SignedIn(*row) if row else None


class LoginForm(Form):
    username = StringField("Gebruikersnaam", validators=[DataRequired("Vul uw gebruikersnaam in."), Length(max=100)],
                           render_kw={"autocomplete": "username", "autocapitalize": "none"})
    password = PasswordField("Wachtwoord", validators=[DataRequired("Vul uw wachtwoord in."),
                                                       Length(max=MAX_LENGTH)],
                             render_kw={"autocomplete": "current-password"})


class PasswordForm(Form):
    current = PasswordField("Huidig wachtwoord", validators=[DataRequired("Vul uw huidige wachtwoord in.")],
                            render_kw={"autocomplete": "current-password"})
    new = PasswordField(f"Nieuw wachtwoord (minstens {MIN_LENGTH} tekens)",
                        validators=[DataRequired("Vul een nieuw wachtwoord in.")],
                        render_kw={"autocomplete": "new-password"})
    repeat = PasswordField("Nieuw wachtwoord nogmaals", validators=[DataRequired("Herhaal het nieuwe wachtwoord.")],
                           render_kw={"autocomplete": "new-password"})


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """A hash made the same way as real ones: checking it costs what checking a real password costs."""
    return generate_password_hash("kamertracker: geen gebruiker met deze naam")


def _lock(session, username: str) -> None:
    """Count and record failures for one name one request at a time (PostgreSQL: an advisory lock for the
    transaction, keyed by the schema too: advisory locks are database-wide, and two instances in one database
    (two schemas) must not wait on each other's logins; SQLite: the transaction took the write lock up front)."""
    if session.connection().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':login:' || :name))"),
                        {"name": username})


def _wait_seconds(session, username: str, ip: str) -> int:
    """How long this (name, address) must still wait before it may try again; 0: it may try now."""
    config = current_app.config
    window = timedelta(minutes=config["LOGIN_WINDOW_MINUTES"])
    now = utcnow()
    pair = session.execute(select(func.count(), func.max(LoginFailure.at))
                           .where(LoginFailure.username == username, LoginFailure.ip == ip,
                                  LoginFailure.at >= now - window)).one()
    failures, last = pair
    remaining = _doubling(failures, last, config["LOGIN_FREE_FAILURES"], 2, window, now)
    if remaining:
        return remaining
    spraying = session.execute(select(func.count(), func.max(LoginFailure.at))
                               .where(LoginFailure.ip == ip, LoginFailure.at >= now - window)).one()
    remaining = _doubling(*spraying, config["LOGIN_ADDRESS_FREE_FAILURES"], 1, window, now)
    if remaining:
        return remaining
    if failures:
        everywhere = session.execute(select(func.count()).select_from(LoginFailure)
                                     .where(LoginFailure.username == username,
                                            LoginFailure.at >= now - window)).scalar()
        if everywhere >= config["LOGIN_USER_CEILING"]:
            return int(window.total_seconds())
    return 0


def _record_failure(session, username: str, ip: str) -> None:
    """A failed try, counted; and the failures older than the keep time pruned (the table never grows beyond a
    day's failures, however many names a guesser invents)."""
    config = current_app.config
    keep = max(timedelta(hours=config["LOGIN_FAILURE_KEEP_HOURS"]), timedelta(minutes=config["LOGIN_WINDOW_MINUTES"]))
    session.execute(delete(LoginFailure).where(LoginFailure.at < utcnow() - keep))
    session.add(LoginFailure(username=username[:100], ip=ip))


def recheck_password(username: str, given: str) -> str | None:
    """Ask the signed-in user's password again (before minting an API token): None when it is right, else the
    message. Counted and slowed down as a login is: a borrowed session cannot guess on."""
    ip = (request.remote_addr or "?")[:64]
    with db.transaction(app_engine(), immediate=True) as session:
        _lock(session, username)
        wait = _wait_seconds(session, username, ip)
        if wait:
            return f"Te veel mislukte pogingen. Probeer het over {wait} seconden opnieuw."
        hashed = session.execute(select(User.password_hash).where(User.username == username)).scalar()
        if hashed and check_password_hash(hashed, given or ""):
            return None
        _record_failure(session, username, ip)
    return "Het wachtwoord klopt niet."


def _doubling(failures: int, last, free: int, first_power: int, window: timedelta, now) -> int:
    """Seconds still to wait after `failures` failures (the last at `last`) when `free` are free: 2**first_power
    seconds after the free ones, doubling with each further failure, never more than the window."""
    if not failures or failures < free:
        return 0
    delay = min(2 ** (failures - free + first_power), window.total_seconds())
    last = last if last.tzinfo else last.replace(tzinfo=now.tzinfo)
    remaining = (last + timedelta(seconds=delay) - now).total_seconds()
    return math.ceil(remaining) if remaining > 0 else 0


def _safe_next(target: str | None) -> str:
    if target and not urlsplit(target).netloc and target.startswith("/") and not target.startswith("//") \
            and "\\" not in target and target.isprintable():  # (CR/LF in a Location header: a 500)
        return target
    return url_for("overview.home")


@bp.route("/inloggen", methods=["GET", "POST"])
def login():
    """Log in; a name and address that keep failing must wait longer each time (429 with Retry-After)."""
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 400 if request.method == "POST" else 200
    username = form.username.data.strip()
    ip = (request.remote_addr or "?")[:64]
    with db.transaction(app_engine(), immediate=True) as session:
        _lock(session, username)
        wait = _wait_seconds(session, username, ip)
        if wait:
            minutes = max(1, round(wait / 60))
            response = render_template("errors/error.html", code=429, title="Te veel pogingen",
                                       message=f"Te veel mislukte pogingen. Probeer het over "
                                               f"{wait} seconden opnieuw." if wait < 120 else
                                       f"Te veel mislukte pogingen. Probeer het over {minutes} minuten opnieuw.")
            return response, 429, {"Retry-After": str(wait)}
        row = session.execute(select(User, Ministry.code).outerjoin(Ministry, Ministry.id == User.ministry_id)
                              .where(User.username == username)).first()
        hashed = row[0].password_hash if row else _dummy_hash()
        right = check_password_hash(hashed, form.password.data)  # always one check: the same time either way
        ok = bool(row) and right and row[0].active
        if ok:
            session.execute(delete(LoginFailure).where(LoginFailure.username == username, LoginFailure.ip == ip))
            signed_in = _signed_in(*row)
        else:
            _record_failure(session, username, ip)
    if not ok:
        form.password.errors = ["Gebruikersnaam of wachtwoord klopt niet."]
        return render_template("auth/login.html", form=form), 401
    login_user(signed_in)
    flash(f"Ingelogd als {username}.", "ok")
    return redirect(_safe_next(request.args.get("next")))


@bp.post("/uitloggen")
@login_required
def logout():
    """Log out everywhere: every session of this user ends, a copied cookie too."""
    with db.transaction(app_engine()) as session:
        user_service.end_sessions(session, current_user.id)
    logout_user()
    flash("U bent uitgelogd.", "ok")
    return redirect(url_for("auth.login"))


@bp.route("/wachtwoord", methods=["GET", "POST"])
@login_required
def change_password():
    """Change one's own password (the current one is asked); every session ends, this one starts anew."""
    form = PasswordForm()
    if form.validate_on_submit():
        if form.new.data != form.repeat.data:
            form.repeat.errors = ["De twee nieuwe wachtwoorden zijn niet gelijk."]
        else:
            try:
                with db.transaction(app_engine()) as session:
                    user_service.change_password(session, current_user.id, form.current.data, form.new.data)
                    user = session.get(User, current_user.id)
                    code = current_user.ministry_code
                    renewed = _signed_in(user, code)
            except ValidationError as error:
                for problem in error.problems:
                    getattr(form, problem.field).errors = [problem.message]
            else:
                login_user(renewed)
                flash("Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd; uw API-tokens en agenda- en "
                      "feedlinks zijn ingetrokken.", "ok")
                return redirect(url_for("overview.home"))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/password.html", form=form), status
