"""The base of every form: one-line fields hold one line.

The request hook (tracker.web.refuse_what_is_no_text) already refuses control characters in any field; a line
break is text in a text area but not in an input of one line (a betreft, a kenmerk, a name), where it would
break a letter's heading, a mail header or a CSV cell. Such a field gets a form error, as any other rule."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, TextAreaField

from .. import text_hygiene


class Form(FlaskForm):
    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if isinstance(field, StringField) and not isinstance(field, (TextAreaField, PasswordField)):
                wrong = text_hygiene.problem(field.data if isinstance(field.data, str) else None, multiline=False)
                if wrong:
                    field.errors = [*field.errors, f"{field.label.text} {wrong}."]
                    valid = False
        return valid
