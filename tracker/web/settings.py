"""Mijn instellingen: one's own password (a link) and API tokens (make one, see it once, revoke)."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, Length, Optional

from .. import db, saved_feeds
from ..errors import NotFound, TrackerError, ValidationError
from ..models import User
from ..services import people
from ..services import tokens as token_service
from ..services import users as user_service
from . import app_engine
from .auth import recheck_password
from .form_base import Form

bp = Blueprint("settings", __name__)


class TokenForm(Form):
    description = StringField("Omschrijving (waarvoor is het token?)", validators=[
        Optional(), Length(max=token_service.MAX_DESCRIPTION, message="Hoogstens 200 tekens.")],
        description="Bijvoorbeeld: Power BI-koppeling directie Wetgeving.")
    # a token acts as the user until revoked: whoever borrows a session must not be able to mint one
    password = PasswordField("Uw wachtwoord", validators=[DataRequired("Vul uw wachtwoord in: een token kan wat u "
                                                                       "kunt.")],
                             render_kw={"autocomplete": "current-password"})


class RevokeForm(Form):
    pass


class NotificationsForm(Form):
    email = StringField("E-mailadres", validators=[Optional(), Length(max=people.MAX_EMAIL)],
                        description="Leeg: u krijgt geen e-mail van Kamertracker.")
    digest = BooleanField("Weekoverzicht (maandag): wat te laat is en wat binnenkort moet")
    reminders = BooleanField("Herinneringen bij items waarvan ik behandelaar ben")
    follows = BooleanField("Berichten over items die ik volg")


class NameForm(Form):
    full_name = StringField("Volledige naam", validators=[Optional(), Length(max=user_service.MAX_NAME)],
                            description="Zo noemt Kamertracker u in lijsten, exports en e-mail; leeg: uw gebruikersnaam.")
    directorate = StringField("Directie (niet verplicht)", validators=[Optional(), Length(max=user_service.MAX_NAME)])


def render_settings(form: "TokenForm | None" = None, new_token: str | None = None, status: int = 200,
                    notifications=None, new_feed_url: str | None = None, name_form=None):
    """Mijn instellingen; a new token or feed URL is shown on this one response only."""
    with db.transaction(app_engine()) as session:
        me = session.get(User, current_user.id)
        rows = token_service.tokens_of(session, me)
        feeds = saved_feeds.feeds_of(session, me)
        for row in [*rows, *feeds]:
            session.expunge(row)
        if notifications is None:
            notifications = NotificationsForm(formdata=None, email=me.email, digest=me.notify_digest,
                                              reminders=me.notify_reminders, follows=me.notify_follows)
        if name_form is None:
            name_form = NameForm(formdata=None, full_name=me.full_name, directorate=me.directorate)
    return render_template("settings/settings.html", form=form or TokenForm(formdata=None), tokens=rows,
                           name_form=name_form,
                           new_token=new_token, revoke_form=RevokeForm(), notifications=notifications, feeds=feeds,
                           new_feed_url=new_feed_url), status




@bp.post("/instellingen/feeds/<int:feed_id>/intrekken")
@login_required
def revoke_feed(feed_id: int):
    if not RevokeForm().validate_on_submit():
        return redirect(url_for("settings.page"))
    try:
        with db.transaction(app_engine()) as session:
            saved_feeds.revoke(session, feed_id, session.get(User, current_user.id))
    except NotFound:
        return render_settings(status=404)
    except TrackerError as error:
        flash(f"{error}.", "error")
        return redirect(url_for("settings.page"))
    flash("Feed ingetrokken: de link geeft vanaf nu niets meer.", "ok")
    return redirect(url_for("settings.page") + "#feeds")


@bp.post("/instellingen/naam")
@login_required
def save_name():
    """The user's own full name and directorate."""
    form = NameForm()
    if form.validate_on_submit():
        try:
            with db.transaction(app_engine()) as session:
                user_service.set_name(session, current_user.id, form.full_name.data, form.directorate.data)
        except ValidationError as error:
            for problem in error.problems:
                getattr(form, problem.field or "full_name").errors = [problem.message]
        else:
            flash("Naam opgeslagen.", "ok")
            return redirect(url_for("settings.page") + "#naam")
    return render_settings(TokenForm(formdata=None), status=400, name_form=form)


@bp.post("/instellingen/meldingen")
@login_required
def save_notifications():
    form = NotificationsForm()
    if form.validate_on_submit():
        try:
            with db.transaction(app_engine()) as session:
                people.set_notifications(session, current_user.id, form.email.data, form.digest.data,
                                         form.reminders.data, form.follows.data)
        except ValidationError as error:
            form.email.errors = [p.message for p in error.problems]
        else:
            flash("Meldingen opgeslagen.", "ok")
            return redirect(url_for("settings.page") + "#meldingen")
    return render_settings(TokenForm(formdata=None), status=400, notifications=form)


@bp.get("/instellingen")
@login_required
def page():
    return render_settings(TokenForm())


@bp.post("/instellingen/tokens")
@login_required
def create_token():
    """A new token: shown on this one response only (only its hash is kept)."""
    form = TokenForm()
    if not form.validate_on_submit():
        return render_settings(form, status=400)
    refused = recheck_password(current_user.username, form.password.data)
    if refused:
        form.password.errors = [refused]
        return render_settings(form, status=429 if refused.startswith("Te veel") else 400)
    try:
        with db.transaction(app_engine()) as session:
            _, token = token_service.create_token(session, session.get(User, current_user.id), form.description.data)
    except ValidationError as error:
        form.description.errors = [p.message for p in error.problems]
        return render_settings(form, status=400)
    return render_settings(TokenForm(formdata=None), new_token=token, status=201)


@bp.post("/instellingen/tokens/<int:token_id>/intrekken")
@login_required
def revoke_token(token_id: int):
    if not RevokeForm().validate_on_submit():
        return redirect(url_for("settings.page"))
    try:
        with db.transaction(app_engine()) as session:
            token_service.revoke_token(session, token_id, session.get(User, current_user.id))
    except NotFound:
        return render_settings(TokenForm(), status=404)
    except TrackerError as error:
        flash(f"{error}.", "error")
        return redirect(url_for("settings.page"))
    flash("Token ingetrokken: verzoeken met dit token krijgen vanaf nu 401.", "ok")
    return redirect(url_for("settings.page") + "#tokens")


