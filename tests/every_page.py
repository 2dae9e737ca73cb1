"""Every page of the app, for the tests that read them all (tests/test_internal_words.py, tests/test_axe_every_page.py).

The GET routes come from app.url_map, so a page added tomorrow is checked tomorrow; a parametrised route gets real
ids from the demo data (an item of every kind, a delayed, an archived and a hand-set one, a stored letter, a person,
a committee, a dossier, a mail of every kind, a saved agenda and Atom feed). A route that cannot be rendered this way
is named in NOT_A_PAGE with the reason; a route whose argument has no value here fails the test that enumerates.
A page whose content depends on its query string is also visited with the queries in VARIANTS.
"""
from __future__ import annotations

from datetime import timedelta

from flask import url_for
from sqlalchemy import select

from tracker import db
from tracker.authz import Actor, system
from tracker.domain.workflow import workflow_for
from tracker.models import Committee, DelayNotice, Document, Ministry, Notification, Person, TrackedItem, User
from tracker.services import items as item_service

ROLES = ("admin", "griffie", "bzk", "lezer")  # beheerder, griffie, beleidsmedewerker (BZK), lezer

# Routes no person reads as a page, with the reason (anything else is rendered or the test fails)
NOT_A_PAGE = {
    "static": "bestanden van de app zelf (css, js)",
    "api.docs_asset": "bestanden van de API-documentatie",
    "api.openapi_document": "machineleesbare API-beschrijving (parameter- en veldnamen zijn de API)",
    "public.openapi": "machineleesbare API-beschrijving (parameter- en veldnamen zijn de API)",
    "items.phrase_preview": "JSON voor het live-voorbeeld (de teksten erin staan op het formulier, dat wel getoond wordt)",
    "health.health": "gezondheidscontrole voor de beheerder van de server",
    "letters.stylesheet": "css van de brieven",
    "letters.download": "PDF van een brief (de brief zelf is als HTML-pagina getoond)",
    "rappel.download": "PDF van een brief (de brief zelf is als HTML-pagina getoond)",
    "items.import_template_file": "een export: test_no_export_shows_internal_words",
}

# A page whose words depend on its query: visited with these too (the filters, a search with and without hits)
VARIANTS = {
    "overview.home": ["?alle=1"],
    "overview.overdue_page": ["?kamer=EK", "?ministerie=BZK&soort=kamervragen", "?behandelaar=ik"],
    "items.item_list": ["?stand=alle", "?stand=gearchiveerd", "?stand=te_laat", "?behandelaar=ik", "?q=geenzoektreffer"],
    "search.page": ["?q=motie", "?q=35628-10", "?q=geenzoektreffer", "?q=wachttijden&soort=kamervragen"],
    "search.dossier_lookup": ["?nummer=36600"],
    "people.team": ["?ministerie=BZK"],
    "public.search_page": ["?q=motie", "?q=geenzoektreffer"],
    "public.item_list": ["?q=onderwijs"],
    "public.overdue": ["?achterstand=oud", "?achterstand=alle"],
    "api.search_api": ["?q=motie"],
    "public.api_search": ["?q=motie"],
    "rappel.page": ["?ministerie=BZK"],
}

# The pages a person opens most, checked at a phone's width as well (tests/test_axe_every_page.py)
MAIN_PAGES = ("overview.home", "overview.overdue_page", "items.item_list", "items.item_page", "items.create",
              "items.edit", "search.page", "people.my_items", "people.followed", "settings.page", "griffie.week_page",
              "public.home", "public.item_list", "public.item_page", "public.overdue", "public.search_page")


def ids(engine, on) -> dict:
    """Real ids from the demo data for every kind of route argument (and the data a page needs to have rows): call
    with TRACKER_INSTANCE and TRACKER_EXPORTS set to a folder of the test (the mails and letters are written there)."""
    stored_letter(engine, on)
    with db.transaction(engine) as session:
        items = session.execute(select(TrackedItem).order_by(TrackedItem.id)).scalars().all()
        by_kind = {}
        for item in items:
            by_kind.setdefault(item.kind, item.id)
        delayed = session.execute(select(DelayNotice.item_id)).scalars().first()
        archived = next((i.id for i in items if i.archived_at is not None), None)
        # a deadline set by hand, so its explanation and the rule line are on a page
        manual = next(i for i in items if i.archived_at is None and i.start_date and i.closed_on is None)
        item_service.override_deadline(session, manual, manual.start_date + timedelta(days=60),
                                       "verlengd na overleg met de commissie", system("griffie (griffie)"))
        letters = session.execute(select(Document.id).where(Document.kind == "voortgangsbrief")).scalars().all()
        person = session.execute(select(Person.id)).scalars().first()
        committee = session.execute(select(Committee.id)).scalars().first()
        dossier = session.execute(select(Document.dossier).where(Document.dossier.is_not(None))
                                  .order_by(Document.id)).scalars().first()
        admin = session.execute(select(User).where(User.username == "admin")).scalar_one()
        from tracker import saved_feeds
        from tracker.feeds import create_feed
        bzk = session.execute(select(User).where(User.username == "bzk")).scalar_one()
        # every kind of calendar and feed: all ministries', my own deadlines; Te laat, a list, each subject page
        ics = [create_feed(session, admin, None)[1], create_feed(session, bzk, None, mine=True)[1]]
        atom = [saved_feeds.create(session, owner, page, query, allowed)[1] for owner, page, query, allowed in (
            (admin, "te-laat", "", ("kamer",)), (bzk, "kamervragen", "stand=alle", ("stand",)),
            (admin, "dossier", f"nummer={dossier}", ("nummer",)), (admin, "persoon", f"id={person}", ("id",)),
            (admin, "commissie", f"id={committee}", ("id",)))]
        shown = {*by_kind.values(), delayed, archived, manual.id, items[-1].id} - {None}  # the last: a demo-week item
        found = dict(items=sorted(shown), letters=letters, person=person, committee=committee, dossier=dossier,
                     ics=ics, atom=atom)
    found["notifications"] = mails(engine, on)
    return found


def stored_letter(engine, on) -> int:
    """A final voortgangsbrief of BZK, so that the page of a stored letter is checked too."""
    from tracker.letters import voortgangsbrief as letters

    with db.transaction(engine) as session:
        ministry = session.execute(select(Ministry).where(Ministry.code == "BZK")).scalar_one()
        made = letters.compose(session, ministry, on=on, kinds=["kamervragen"], everything=True,
                               signer_function="minister van Binnenlandse Zaken en Koninkrijksrelaties",
                               signer_name="A. Minister")
        document, _, _ = letters.store_final(session, made.view, ministry, made.items, system("test"),
                                             letters.exports_dir())
        return document.id


def mails(engine, on) -> list[int]:
    """One mail of every kind `tracker notify` sends, in the outbox: the weekly overview (of the Monday on or after
    on), a reminder to a behandelaar (a week before a termijn, and the day after one), and a notice about a followed
    item. Their ids, for the mail viewer."""
    from tracker import config
    from tracker.domain.dutch import WEEKDAYS
    from tracker.notify import run
    from tracker.notify.transport import Outbox
    from tracker.services import people

    weekday = WEEKDAYS[config.digest_day()]
    monday = on + timedelta(days=(weekday - on.weekday()) % 7)
    with db.transaction(engine) as session:
        bzk = session.execute(select(User).where(User.username == "bzk")).scalar_one()
        griffie = session.execute(select(User).where(User.username == "griffie")).scalar_one()
        ministry = session.get(Ministry, bzk.ministry_id)
        made = [item_service.create_item(session, item_service.ItemInput(
            kind="kamervragen", chamber="TK", nummer=f"2026Z0990{n}", title=title, ministry_code=ministry.code,
            start_date=monday - timedelta(days=20), behandelaar="bzk"), system("admin"))
            for n, title in enumerate(("Vragen over de termijn van volgende week", "Vragen die gisteren af moesten",
                                       "Vragen die de griffie volgt"))]
        soon, late, followed = made
        for item, due in ((soon, monday + timedelta(days=7)), (late, monday - timedelta(days=1))):
            item_service.override_deadline(session, item, due, "afgesproken in het commissiedebat", system("admin"))
        people.follow(session, griffie.id, followed.id)
    with db.transaction(engine) as session:  # after the follow: the notice is about what happened since
        officer = Actor("bzk", "officer", bzk.ministry_id, ministry.code)
        item = session.get(TrackedItem, followed.id)
        item_service.update_item(session, item, {"stand_van_zaken": "In afstemming met OCW."}, officer)
        move = next(t for t in workflow_for(item.kind).choosable_from(item.status) if not t.needs_document)
        item_service.change_status(session, item, move.target, officer, note="na overleg met de directie")
    run(engine, monday, transport=Outbox(config.outbox_path()))
    with db.transaction(engine) as session:
        rows = session.execute(select(Notification.kind, Notification.id).order_by(Notification.id)).all()
    kinds = {}
    for kind, notification_id in rows:
        kinds.setdefault(kind, notification_id)
    assert set(kinds) == {"digest", "reminder", "follow"}, rows  # every kind of mail, or the check misses one
    return sorted(kinds.values())


def urls(app, found: dict) -> list[tuple[str, str]]:
    """(endpoint, url) for every GET route with real values (and its VARIANTS); a route that needs a value we lack
    fails the test."""
    values = {
        "item_id": found["items"], "document_id": found["letters"], "person_id": [found["person"]],
        "committee_id": [found["committee"]], "notification_id": found["notifications"],
        "nummer": [found["dossier"]], "slug": ["moties", "toezeggingen", "kamervragen", "commissiebrieven"],
        "fmt": ["csv", "xlsx"],
    }
    listed, missing = [], []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in NOT_A_PAGE:
            continue
        if rule.endpoint == "agenda.feed":
            listed += [(rule.endpoint, f"/agenda/{token}.ics") for token in found["ics"]]
            continue
        if rule.endpoint == "atom.feed":
            listed += [(rule.endpoint, f"/feeds/{token}.atom") for token in found["atom"]]
            continue
        arguments = sorted(rule.arguments)
        if not arguments:
            plain = [rule.rule]
        elif len(arguments) != 1 or arguments[0] not in values or not all(values[arguments[0]]):
            missing.append(rule.rule)
            continue
        else:
            with app.test_request_context():
                plain = [url_for(rule.endpoint, **{arguments[0]: value}) for value in values[arguments[0]]]
        listed += [(rule.endpoint, url) for url in plain]
        listed += [(rule.endpoint, plain[0] + query) for query in VARIANTS.get(rule.endpoint, ())]
    listed += [("items.item_list", "/alle-items" + query) for query in ("", *VARIANTS["items.item_list"])]
    assert not missing, f"geen waarde uit de demodata voor {missing}: voeg ze toe aan tests/every_page.py of NOT_A_PAGE"
    return listed
