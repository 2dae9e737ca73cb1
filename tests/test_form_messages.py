"""WTForms' own messages are Dutch: a crafted POST (a choice not offered, a number that is none, a date that is
none, a text too long) gets a Dutch form error, never WTForms' English, on every form (one base: form_base.Form)."""
from __future__ import annotations

import html
import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from flask_wtf import FlaskForm

from tracker import clock

ENGLISH = re.compile(r"Not a valid|This field|Invalid (?:date|Choice|choice|input)|could not coerce|Field must|"
                     r"Field cannot|Number must|characters? long", re.IGNORECASE)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    from datetime import date
    monkeypatch.setattr(clock, "today", lambda: date(2025, 6, 2))


def _errors(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_a_crafted_post_gets_dutch_messages(login_as):
    admin = login_as("admin")
    page = admin.post("/beheer/ministeries", data={"code": "X" * 20, "name": "Digitale Zaken",
                                                   "internal_offset_days": "zeven", "active_from": "31-02-2025"})
    assert page.status_code == 400
    text = _errors(page.get_data(as_text=True))
    assert "Ongeldig getal." in text  # was: Not a valid integer value.
    assert "Hoogstens 16 tekens." in text  # was: Field cannot be longer than 16 characters.
    assert not ENGLISH.search(text), ENGLISH.search(text).group(0)

    page = admin.post("/beheer/gebruikers", data={"username": "nieuw", "role": "opperbaas", "ministry_id": "abc",
                                                  "password": "een heel lang wachtwoord 123"})
    assert page.status_code == 400
    text = _errors(page.get_data(as_text=True))
    assert text.count("Ongeldige keuze.") == 2  # the role (not offered) and the ministry (not a number)
    assert not ENGLISH.search(text), ENGLISH.search(text).group(0)

    page = admin.post("/beheer/recessen", data={"chamber": "XK", "name": "wintersportreces", "start": "morgen",
                                                "end": "31-13-2025"})
    assert page.status_code == 400
    text = _errors(page.get_data(as_text=True))
    assert text.count("Ongeldige keuze.") == 2 and "datum" in text.lower()
    assert not ENGLISH.search(text), ENGLISH.search(text).group(0)


def test_a_bulk_choice_of_many_values_is_dutch(app):
    """A SelectMultipleField's message names the value (WTForms' plural form, in Dutch)."""
    from tracker.web.letters import LetterForm

    with app.test_request_context("/", method="POST", data={"kinds": ["motie", "geen-soort"]}):
        form = LetterForm()
        form.ministry_id.choices = [(1, "BZK")]
        form.validate()
        assert form.kinds.errors == ["Ongeldige keuze: 'geen-soort'."]


def test_every_form_of_the_web_speaks_dutch():
    """Every form class in tracker.web is a form_base.Form (its Dutch and its one-line rule): a new form cannot
    fall back to English."""
    import tracker.web
    from tracker.web.form_base import Form

    for module in pkgutil.walk_packages(tracker.web.__path__, "tracker.web."):
        importlib.import_module(module.name)
    forms, stack = [], [FlaskForm]
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            if sub.__module__.startswith("tracker."):
                forms.append(sub)
    assert len(forms) > 20
    assert [f"{f.__module__}.{f.__name__}" for f in forms if not issubclass(f, Form)] == []
    # nor a bare FlaskForm() made in a view (a form for its CSRF token only)
    root = Path(tracker.web.__file__).parent
    assert [str(p.relative_to(root)) for p in root.rglob("*.py")
            if p.name != "form_base.py" and "FlaskForm" in p.read_text(encoding="utf-8")] == []
