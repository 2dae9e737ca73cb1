"""Log in and out. Passwords are hashed (werkzeug scrypt); repeated failures are throttled."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import UserMixin, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import delete, func, select
from werkzeug.security import check_password_hash
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired

from .. import db
from ..authz import Actor
from ..models import LoginFailure, Ministry, User, utcnow
from . import app_engine, login_manager

bp = Blueprint("auth", __name__)


@dataclass
class SignedIn(UserMixin):
    """The logged-in user as the web layer sees it (no ORM object kept across requests)."""

    id: int
    username: str
    role: str
    ministry_id: int | None
    ministry_code: str | None

    def get_id(self) -> str:
        return str(self.id)

    @property
    def actor(self) -> Actor:
        """The user as the services see them: the audit name, role and ministry (tracker.authz)."""
        name = f"{self.username} ({self.role}{', ' + self.ministry_code if self.ministry_code else ''})"
        return Actor(name, self.role, self.ministry_id, self.ministry_code)


def _signed_in(user: User, code: str | None) -> SignedIn:
    return SignedIn(user.id, user.username, user.role, user.ministry_id, code)


@login_manager.user_loader
def load_user(user_id: str):
    """Runs on every request: a plain column query, no ORM objects."""
    try:
        wanted = int(user_id)
    except ValueError:
        return None
    with db.reading(app_engine()) as connection:
        row = connection.execute(select(User.id, User.username, User.role, User.ministry_id, Ministry.code)
                                 .outerjoin(Ministry, Ministry.id == User.ministry_id)
                                 .where(User.id == wanted, User.active.is_(True))).first()
    return SignedIn(*row) if row else None


class LoginForm(FlaskForm):
    username = StringField("Gebruikersnaam", validators=[DataRequired("Vul uw gebruikersnaam in.")])
    password = PasswordField("Wachtwoord", validators=[DataRequired("Vul uw wachtwoord in.")])


def _throttled(session, username: str, ip: str) -> bool:
    since = utcnow() - timedelta(minutes=current_app.config["LOGIN_WINDOW_MINUTES"])
    limit = current_app.config["LOGIN_MAX_FAILURES"]
    by_user = session.execute(select(func.count()).select_from(LoginFailure)
                              .where(LoginFailure.username == username, LoginFailure.at >= since)).scalar()
    by_ip = session.execute(select(func.count()).select_from(LoginFailure)
                            .where(LoginFailure.ip == ip, LoginFailure.at >= since)).scalar()
    return by_user >= limit or by_ip >= 4 * limit


def _safe_next(target: str | None) -> str:
    if target and not urlsplit(target).netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("overview.home")


@bp.route("/inloggen", methods=["GET", "POST"])
def login():
    """Log in; after LOGIN_MAX_FAILURES failures in the window, further tries get 429."""
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 400 if request.method == "POST" else 200
    username = form.username.data.strip()
    ip = request.remote_addr or "?"
    with db.transaction(app_engine()) as session:
        if _throttled(session, username, ip):
            abort(429, description=f"Te veel mislukte pogingen. Probeer het over "
                                   f"{current_app.config['LOGIN_WINDOW_MINUTES']} minuten opnieuw.")
        row = session.execute(select(User, Ministry.code).outerjoin(Ministry, Ministry.id == User.ministry_id)
                              .where(User.username == username)).first()
        if row is None or not row[0].active or not check_password_hash(row[0].password_hash, form.password.data):
            session.add(LoginFailure(username=username, ip=ip))
            ok = False
        else:
            session.execute(delete(LoginFailure).where(LoginFailure.username == username))
            ok = True
    if not ok:
        form.password.errors = ["Gebruikersnaam of wachtwoord klopt niet."]
        return render_template("auth/login.html", form=form), 401
    login_user(_signed_in(*row))
    flash(f"Ingelogd als {username}.", "ok")
    return redirect(_safe_next(request.args.get("next")))


@bp.post("/uitloggen")
@login_required
def logout():
    logout_user()
    flash("U bent uitgelogd.", "ok")
    return redirect(url_for("auth.login"))
