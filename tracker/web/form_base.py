"""The base of every form: WTForms speaks Dutch, and one-line fields hold one line.

WTForms' own messages (a select posted with a value not among its choices, a number that is none, a required field
without a message of ours, a Length without one) come from its Dutch translation (wtforms/locale/nl), a few said as
the rest of the app says them (DUTCH); without this a crafted POST got "Not a valid choice." on a Dutch page.

The request hook (tracker.web.refuse_what_is_no_text) already refuses control characters in any field; a line
break is text in a text area but not in an input of one line (a betreft, a kenmerk, a name), where it would
break a letter's heading, a mail header or a CSV cell. Such a field gets a form error, as any other rule."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, TextAreaField
from wtforms.i18n import get_translations

from .. import text_hygiene


# WTForms' Dutch where the app says it otherwise: "tekens" (as the password rule), no "keuze(s)", no "float".
DUTCH = {
    "Invalid Choice: could not coerce.": "Ongeldige keuze.",
    "Invalid choice(s): one or more data inputs could not be coerced.": "Ongeldige keuze.",
    "Not a valid float value.": "Ongeldig getal.",
    "Not a valid decimal value.": "Ongeldig getal.",
    "Field must be between %(min)d and %(max)d characters long.": "Vul tussen %(min)d en %(max)d tekens in.",
}
DUTCH_PLURAL = {
    "Field must be at least %(min)d character long.": ("Vul minstens %(min)d teken in.", "Vul minstens %(min)d tekens in."),
    "Field cannot be longer than %(max)d character.": ("Hoogstens %(max)d teken.", "Hoogstens %(max)d tekens."),
    "Field must be exactly %(max)d character long.": ("Precies %(max)d teken.", "Precies %(max)d tekens."),
    "'%(value)s' is not a valid choice for this field.": ("Ongeldige keuze: '%(value)s'.", "Ongeldige keuzes: '%(value)s'."),
}


class _Dutch:
    """WTForms' translations object: its Dutch catalogue, with DUTCH over it."""

    def __init__(self):
        self.catalogue = get_translations(("nl",))

    def gettext(self, string):
        return DUTCH.get(string) or self.catalogue.gettext(string)

    def ngettext(self, singular, plural, n):
        if singular in DUTCH_PLURAL:
            one, many = DUTCH_PLURAL[singular]
            return one if n == 1 else many
        return self.catalogue.ngettext(singular, plural, n)


_DUTCH = _Dutch()


class Form(FlaskForm):
    class Meta:
        locales = ("nl",)

        def get_translations(self, form):
            # Flask-WTF's own would ask Flask-Babel (not installed here) and fall back to English
            return _DUTCH

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if isinstance(field, StringField) and not isinstance(field, (TextAreaField, PasswordField)):
                wrong = text_hygiene.problem(field.data if isinstance(field.data, str) else None, multiline=False)
                if wrong:
                    field.errors = [*field.errors, f"{field.label.text} {wrong}."]
                    valid = False
        return valid
