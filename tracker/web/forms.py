"""Forms (Flask-WTF: every form carries a CSRF token). Dates are typed the Dutch way or picked."""
from __future__ import annotations

from datetime import date

from flask_wtf.file import FileField, FileRequired, MultipleFileField
from wtforms import BooleanField, HiddenField, IntegerField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields import Field
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from ..domain.dutch import DateOutOfRange, DateParseError, date_or_phrase, parse_date, parse_term
from ..inert import is_web_link
from ..passwords import MIN_LENGTH, password_problem
from ..vocabulary import ITEM_KINDS
from .form_base import Form

KIND_LABELS = {"motie": "Motie", "toezegging": "Toezegging", "kamervragen": "Kamervragen",
               "commissiebrief": "Commissiebrief"}
KIND_PLURALS = {"motie": "Moties", "toezegging": "Toezeggingen", "kamervragen": "Kamervragen",
                "commissiebrief": "Commissiebrieven"}


class DutchDateField(StringField):
    """A date typed as 2024-10-01, 01-10-2024 or 1 oktober 2024; the input is kept on error."""

    def process_formdata(self, valuelist):
        self.raw = valuelist[0].strip() if valuelist else ""
        self.data = None
        if self.raw:
            try:
                self.data = parse_date(self.raw)
            except DateParseError as error:
                self.data = None
                raise ValueError(str(error)) from None

    def _value(self):
        if getattr(self, "raw", None):
            return self.raw
        return f"{self.data.day:02d}-{self.data.month:02d}-{self.data.year}" if isinstance(self.data, date) else ""


def required_date(message: str):
    """Required for a DutchDateField: unlike DataRequired it keeps the parse error when the text is no date."""
    def check(form, field: Field):
        if field.data is None and not field.errors:
            raise ValidationError(message)
    return check


def _term(form, field):
    if field.data:
        try:
            parse_term(field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from None


def _deadline(form, field):
    """A deadline is a phrase or a date of the register's years (31-12-9999 is a typo, not a phrase)."""
    try:
        date_or_phrase(field.data, form.start_date.data)
    except DateOutOfRange as error:
        raise ValidationError(str(error)) from None


def _version(form, field):
    # at most 9 digits (as If-Match): a 30-digit version overflowed the database's integer (a 500)
    if not (field.data or "").strip().isdecimal() or len(field.data.strip()) > 9:
        raise ValidationError("De versie van het item ontbreekt in het formulier; laad de pagina opnieuw "
                              "(zo overschrijft u nooit ongezien de wijziging van een ander).")


def _web_link(form, field):
    if field.data and not is_web_link(field.data):
        raise ValidationError("Alleen een link die begint met http:// of https://.")


class VersionedForm(Form):
    """A form that changes a registered item: it must carry the version it was made from (lost updates)."""

    version = HiddenField(validators=[_version])

    def expected_version(self) -> int:
        return int(self.version.data)


class StatusForm(VersionedForm):
    target = SelectField("Nieuwe status", validators=[DataRequired("Kies een status.")])
    on = DutchDateField("Per datum", validators=[Optional()], description="Leeg: vandaag.")
    note = TextAreaField("Toelichting", validators=[Length(max=2000)])


class DelayForm(VersionedForm):
    sent_on = DutchDateField("Uitstelbericht verstuurd op", validators=[required_date("Vul de datum van het uitstelbericht in.")])
    promised = DutchDateField("Beloofde datum (als het bericht er een noemt)", validators=[Optional()])
    reason = TextAreaField("Reden", validators=[Length(max=2000)])
    received_on = DutchDateField("Ontvangen door de Kamer op", validators=[Optional()],
                                 description="Leeg: op de dagtekening. De termijn telt vanaf de dagtekening.")


class AnswerForm(VersionedForm):
    answered_on = DutchDateField("Datum antwoord of afdoening", validators=[required_date("Vul de datum van het antwoord in.")])
    title = StringField("Document (titel)", validators=[DataRequired("Geef het document dat het item afdoet."), Length(max=500)])
    kenmerk = StringField("Kenmerk", validators=[Optional(), Length(max=100)])
    url = StringField("Link", validators=[Optional(), Length(max=1000), _web_link])
    note = TextAreaField("Toelichting", validators=[Length(max=2000)])
    received_on = DutchDateField("Ontvangen door de Kamer op", validators=[Optional()],
                                 description="Leeg: op de dagtekening. De termijn telt vanaf de dagtekening.")


class ReceiptForm(VersionedForm):
    """The griffie notes the day the Kamer received an uitstelbericht or an answer the ministry recorded."""

    target = HiddenField(validators=[DataRequired("Kies een uitstelbericht of een antwoord.")])
    received_on = DutchDateField("Ontvangen door de Kamer op",
                                 validators=[required_date("Vul de datum van ontvangst in.")])


class StandForm(VersionedForm):
    stand_van_zaken = TextAreaField("Stand van zaken", validators=[Length(max=20000)])
    stand_intern = BooleanField("Intern (niet voor de Kamer)",
                                description="Een interne stand komt nooit in een voortgangsbrief of rappel.")


class OverrideForm(VersionedForm):
    due = DutchDateField("Nieuwe termijn", validators=[required_date("Vul de nieuwe termijn in.")])
    effective_from = DutchDateField("Geldt vanaf", validators=[Optional()], description="Leeg: vandaag.")
    reason = TextAreaField("Reden (verplicht)", validators=[DataRequired("Een reden is verplicht."), Length(max=2000)])


class ReopenForm(VersionedForm):
    reason = TextAreaField("Reden (verplicht)", validators=[DataRequired("Een reden is verplicht."), Length(max=2000)])


class ArchiveForm(VersionedForm):
    reason = TextAreaField("Reden (verplicht)", validators=[DataRequired("Een reden is verplicht."), Length(max=2000)])


class ItemForm(VersionedForm):
    kind = SelectField("Soort", choices={k: KIND_LABELS[k] for k in ITEM_KINDS})
    chamber = SelectField("Kamer", choices={"TK": "Tweede Kamer", "EK": "Eerste Kamer"})
    nummer = StringField("Nummer", validators=[DataRequired("Vul het nummer in."), Length(max=60)],
                         description="Kamerstuk (35628, nr. 10), T02423, 2023Z12345 of kenmerk.")
    title = StringField("Titel", validators=[DataRequired("Vul een titel in."), Length(max=500)])
    ministry_id = SelectField("Ministerie", coerce=int)
    bewindspersoon = StringField("Bewindspersoon", validators=[Optional(), Length(max=200)])
    start_date = DutchDateField("Datum (stemming, toezegging, indiening of dagtekening)", validators=[Optional()])
    term = StringField("Termijn", validators=[Optional(), _term], description="Bijv. 4 weken (commissiebrief).")
    deadline = StringField("Deadline", validators=[Optional(), Length(max=300), _deadline],
                           description="Een datum of een zin zoals 'voor de zomer' of 'tweede helft van 2025'.")
    text = TextAreaField("Tekst (dictum, toezegging, vragen)", validators=[Length(max=50000)])
    members = StringField("Leden (indieners, vragensteller, gedaan aan)", validators=[Optional(), Length(max=500)])
    fracties = StringField("Fracties", validators=[Optional(), Length(max=300)])
    vote_result = StringField("Stemming", validators=[Optional(), Length(max=200)])
    kabinetsappreciatie = StringField("Kabinetsappreciatie", validators=[Optional(), Length(max=100)])
    activity = StringField("Activiteit", validators=[Optional(), Length(max=300)])
    committee_id = SelectField("Commissie", coerce=int)
    tags = StringField("Thema's", validators=[Optional(), Length(max=300)],
                       description="Komma-gescheiden, bijv. arbeidsmarkt, veiligheid (voor het groeperen in een voortgangsbrief).")
    stand_van_zaken = TextAreaField("Stand van zaken", validators=[Length(max=20000)])
    behandelaar_id = SelectField("Behandelaar", coerce=int, default=0,
                                 description="Wie het antwoord voorbereidt; volgt het item en krijgt herinneringen.")
    internal_due = DutchDateField("Interne termijn", validators=[Optional()],
                                  description="Wanneer het concept intern klaar moet zijn. Leeg: de standaard van het "
                                              "ministerie (een aantal dagen vóór de termijn).")
    note = TextAreaField("Toelichting (verplicht voor de griffie)", validators=[Length(max=2000)],
                         description="Waarom de griffie dit corrigeert; komt in de tijdlijn.")


class NewItemForm(ItemForm):
    version = HiddenField()  # a new item has no version yet


class ImportForm(Form):
    # what the file is, is read from its content (tracker.uploads), not its name
    file = FileField("CSV- of XLSX-bestand", validators=[FileRequired("Kies een bestand.")],
                     render_kw={"accept": ".csv,.xlsx,.txt"})
    dry_run = BooleanField("Alleen controleren, niets opslaan")


class OpenDataForm(Form):
    files = MultipleFileField("OData-pagina's (.json) of een .zip daarvan",
                              validators=[FileRequired("Kies een of meer bestanden.")],
                              render_kw={"accept": ".json,.zip"})
    dry_run = BooleanField("Alleen controleren, niets opslaan")


def _new_password(form, field):
    problem = password_problem(field.data or "", form.username.data)
    if problem:
        raise ValidationError(problem)


# The least a new user can do comes first: a forgotten choice makes a reader, never an admin.
ROLE_CHOICES = {"viewer": "lezer (alleen lezen)", "officer": "beleidsmedewerker (eigen ministerie)",
                "griffie": "griffie", "admin": "beheerder (alles, ook beheer)"}


class UserForm(Form):
    username = StringField("Gebruikersnaam", validators=[DataRequired("Vul een gebruikersnaam in."), Length(max=100)])
    full_name = StringField("Volledige naam", validators=[Optional(), Length(max=200)],
                            description="Zo heet de gebruiker in lijsten, exports en e-mail; leeg: de gebruikersnaam.")
    directorate = StringField("Directie (niet verplicht)", validators=[Optional(), Length(max=200)])
    role = SelectField("Rol", choices=ROLE_CHOICES, default="viewer")
    ministry_id = SelectField("Ministerie (voor een beleidsmedewerker)", coerce=int)
    email = StringField("E-mailadres (voor meldingen)", validators=[Optional(), Length(max=254)])
    password = PasswordField(f"Wachtwoord (minstens {MIN_LENGTH} tekens)",
                             validators=[DataRequired("Vul een wachtwoord in."), _new_password],
                             render_kw={"autocomplete": "new-password"})


class UserNameForm(Form):
    """An admin sets a user's full name and directorate."""

    full_name = StringField("Volledige naam", validators=[Optional(), Length(max=200)])
    directorate = StringField("Directie", validators=[Optional(), Length(max=200)])


class RoleForm(Form):
    """An admin gives a user another role or ministry; the user's sessions end."""

    role = SelectField("Rol", choices=ROLE_CHOICES)
    ministry_id = SelectField("Ministerie", coerce=int)


class MinistryForm(Form):
    code = StringField("Code", validators=[DataRequired("Vul een code in."), Length(max=16)])
    name = StringField("Naam", validators=[DataRequired("Vul een naam in."), Length(max=200)])
    active_from = DutchDateField("Actief vanaf", validators=[Optional()])
    active_until = DutchDateField("Actief tot", validators=[Optional()])
    internal_offset_days = IntegerField("Interne termijn: dagen vóór de termijn", default=7,
                                        validators=[Optional(), NumberRange(0, 90, "Tussen 0 en 90 dagen.")],
                                        description="Standaard voor items zonder eigen interne termijn; 0 of leeg: geen.")


class PersonForm(Form):
    name = StringField("Naam", validators=[DataRequired("Vul een naam in."), Length(max=200)])
    role = SelectField("Rol", choices={"bewindspersoon": "bewindspersoon", "kamerlid": "Kamerlid"})
    chamber = SelectField("Kamer", choices={"": "—", "TK": "TK", "EK": "EK"})
    fractie = StringField("Fractie", validators=[Optional(), Length(max=100)])
    ministry_id = SelectField("Ministerie", coerce=int)
    function = StringField("Functie", validators=[Optional(), Length(max=200)])
    start = DutchDateField("Vanaf", validators=[Optional()])
    end = DutchDateField("Tot", validators=[Optional()])


class CommitteeForm(Form):
    chamber = SelectField("Kamer", choices={"TK": "TK", "EK": "EK"})
    name = StringField("Naam", validators=[DataRequired("Vul een naam in."), Length(max=200)])
    abbreviation = StringField("Afkorting", validators=[Optional(), Length(max=20)])


class RecessForm(Form):
    chamber = SelectField("Kamer", choices={"TK": "TK", "EK": "EK"})
    name = SelectField("Reces", choices={n: n for n in ("zomerreces", "kerstreces", "herfstreces",
                                                        "voorjaarsreces", "meireces", "paasreces")})
    start = DutchDateField("Eerste dag", validators=[required_date("Vul de eerste dag in.")])
    end = DutchDateField("Laatste dag", validators=[required_date("Vul de laatste dag in.")])

    def validate_end(self, field):
        if self.start.data and field.data and field.data < self.start.data:
            raise ValidationError("De laatste dag ligt vóór de eerste.")


class ActiveForm(Form):
    """A bare form for one-button actions (deactivate a user, delete a recess): CSRF only."""


def ministry_choices(ministries, only_id: int | None = None) -> dict[int, str]:
    """Select-box choices "CODE — naam" from ministry rows; with only_id (an officer) just that ministry."""
    return {m.id: f"{m.code} — {m.name}" for m in ministries if only_id is None or m.id == only_id}


class FollowForm(Form):
    stop = HiddenField()  # set: stop following
