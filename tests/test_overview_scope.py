"""Daily work without friction (issue 26 point 6, charts with a period): every overview opens on an officer's own
ministry, every count on Overzicht links to exactly its items, one horizon for "binnenkort", the old backlog
(more than a year late) set apart, and Overzicht's charts for a chosen period."""
from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from html import unescape

import pytest
from sqlmodel import select

from tracker import clock, db
from tracker.authz import system
from tracker.domain import deadlines
from tracker.domain.periods import last_twelve_months, parse_period, period_choices, vergaderjaar_period
from tracker.models import Ministry, User
from tracker.services import items, queries

TODAY = date(2026, 12, 7)


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def kamervragen(engine, nummer: str, start: date, ministry: str) -> int:
    """Kamervragen submitted on `start` (due three weeks later)."""
    with db.transaction(engine) as session:
        return items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer=nummer, title=f"Vragen {nummer}", ministry_code=ministry,
            start_date=start), system("test")).id


@pytest.fixture
def work(demo):
    """Besides the demo (whose BZK items are all closed): BZK Kamervragen 25 days old (a few days late), BZK
    Kamervragen from September (late since then), BZK Kamervragen of June 2024 (more than a year late), and OCW
    Kamervragen due in 11 days (within the 14-day horizon, not within 7)."""
    return {"recent": kamervragen(demo, "2026Z90001", TODAY - timedelta(days=25), "BZK"),
            "september": kamervragen(demo, "2026Z90002", date(2026, 9, 1), "BZK"),
            "old": kamervragen(demo, "2024Z90003", date(2024, 6, 3), "BZK"),
            "soon": kamervragen(demo, "2026Z90004", TODAY - timedelta(days=10), "OCW")}


def text_of(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_data(as_text=True)


def total_on(page: str) -> int:
    """The number a list or Te laat says it shows: '<strong>N</strong> items'."""
    return int(re.search(r'class="summary"><strong>(\d+)</strong>', page).group(1))


def ministry_cells(page: str) -> set[str]:
    return set(re.findall(r'<td data-label="Ministerie">([^<]+)</td>', page))


def ministry_id(engine, code: str) -> int:
    with db.transaction(engine) as session:
        return session.exec(select(Ministry).where(Ministry.code == code)).one().id


# ------------------------------------------------------------------------------- 1. own ministry first
def test_an_officer_opens_every_overview_on_the_own_ministry_and_all_is_one_click(login_as, work, demo):
    bzk = login_as("bzk")
    home = text_of(bzk.get("/"))
    assert "Overzicht BZK op" in home
    late = text_of(bzk.get("/te-laat?achterstand=alle"))
    assert ministry_cells(late) == {"BZK"} and "U ziet alleen BZK." in late
    for url in ("/kamervragen", "/alle-items?stand=alle", "/moties?stand=alle"):
        page = text_of(bzk.get(url))
        assert ministry_cells(page) <= {"BZK"} and "U ziet alleen BZK." in page, url
    # one click to all ministries, and back
    lists = text_of(bzk.get("/kamervragen"))
    everything = re.search(r'href="([^"]+)">Alle ministeries</a>', lists).group(1)
    all_page = text_of(bzk.get(unescape(everything)))
    assert {"BZK", "OCW"} <= ministry_cells(all_page) and "U ziet alle ministeries." in all_page
    back = re.search(r'href="([^"]+)">Alleen BZK</a>', all_page).group(1)
    assert ministry_cells(text_of(bzk.get(unescape(back)))) == {"BZK"}
    late_all = re.search(r'href="([^"]+)">Alle ministeries</a>', late).group(1)
    assert {"BZK", "OCW", "VWS"} <= ministry_cells(text_of(bzk.get(unescape(late_all))))
    # every link the all-ministries page makes keeps it: the pager, the downloads, the feed's filter
    assert "ministerie=alle" in unescape(re.search(r'href="([^"]+formaat=csv[^"]*)"', all_page).group(1))
    # an explicit ministry wins
    ocw = text_of(bzk.get(f"/kamervragen?ministerie={ministry_id(demo, 'OCW')}"))
    assert ministry_cells(ocw) == {"OCW"}
    assert ministry_cells(text_of(bzk.get("/te-laat?ministerie=VWS&achterstand=alle"))) == {"VWS"}


@pytest.mark.parametrize("user", ["griffie", "lezer", "admin"])
def test_without_a_ministry_every_overview_shows_all(login_as, work, user):
    client = login_as(user)
    assert "Overzicht op" in text_of(client.get("/"))
    assert {"BZK", "OCW"} <= ministry_cells(text_of(client.get("/kamervragen")))
    assert {"BZK", "OCW", "VWS"} <= ministry_cells(text_of(client.get("/te-laat?achterstand=alle")))


def test_an_officers_download_is_what_the_page_shows(login_as, work):
    bzk = login_as("bzk")
    own = text_of(bzk.get("/kamervragen?formaat=rapport-csv"))
    everything = text_of(bzk.get("/kamervragen?formaat=rapport-csv&ministerie=alle"))
    assert "2026Z90001" in own and "2026Z90004" not in own
    assert "2026Z90001" in everything and "2026Z90004" in everything


def test_a_feed_saved_before_keeps_its_meaning(app, work, demo):
    """A saved Te laat feed without ?ministerie= (as every feed before this change) still reads all ministries:
    the default is the page's, not the feed's."""
    from tracker import saved_feeds
    from tracker.web.overview import OVERDUE_PARAMETERS
    with db.transaction(demo) as session:
        owner = session.exec(select(User).where(User.username == "bzk")).one()
        _, token = saved_feeds.create(session, owner, "te-laat", "", OVERDUE_PARAMETERS)
    feed = app.test_client().get(f"/feeds/{token}.atom").get_data(as_text=True)
    assert "2026Z90001" in feed and "2024Z90003" in feed and "VWS" in feed


# ------------------------------------------------------------------------------- 2. every count a link
def count_links(page: str) -> list[tuple[str, int]]:
    found = re.findall(r'<a class="(?:count-link[^"]*|late-count)" href="([^"]+)">(\d+)</a>', page)
    return [(unescape(url), int(n)) for url, n in found]


@pytest.mark.parametrize("user", ["bzk", "griffie"])
def test_every_count_on_overzicht_is_the_total_of_the_page_it_links_to(login_as, work, user):
    client = login_as(user)
    home = text_of(client.get("/"))
    links = count_links(home)
    # 4 kinds x 4 counts on the cards, and the per-ministry table (te laat, binnen 14 dagen, open, afgedaan)
    assert len(links) >= 16 + 4
    nonzero = [(url, n) for url, n in links if n]
    assert len(nonzero) >= 5
    for url, number in links:
        assert total_on(text_of(client.get(url))) == number, url
    assert not re.search(r'<dd>\d+</dd>', home)  # no bare number left on a card


def test_on_another_peildatum_the_late_counts_link_to_te_laat_of_that_day(login_as, work):
    client = login_as("griffie")
    then = text_of(client.get("/?op=2024-11-28"))
    links = count_links(then)
    assert links and all("/te-laat" in url and "op=2024-11-28" in url for url, _ in links)
    for url, number in links:
        assert total_on(text_of(client.get(url))) == number


# ------------------------------------------------------------------------------- 3. one horizon
def test_one_horizon_of_fourteen_days_everywhere(login_as, work):
    import importlib
    from tracker.web import items as item_pages
    plan = importlib.import_module("tracker.notify.plan")  # the module: tracker.notify exports a function plan
    assert deadlines.SOON_DAYS == queries.SOON_DAYS == plan.SOON_DAYS == deadlines.DUE_SOON_DAYS == 14
    assert item_pages.STATE_WORDS["binnenkort"] == "termijn binnen 14 dagen"
    client = login_as("griffie")
    home = text_of(client.get("/"))
    assert "7 dagen" not in home and "Termijnen binnen 14 dagen" in home and "<dt>binnen 14 dagen</dt>" in home
    # the OCW Kamervragen due in 11 days: on the card, in the upcoming list, on the list "binnenkort"
    card = re.search(r'<h3>Kamervragen</h3>.*?<dt>binnen 14 dagen</dt><dd><a[^>]*href="([^"]+)">(\d+)</a>', home,
                     re.S)
    assert int(card.group(2)) == 1 and "2026Z90004" in home
    assert "2026Z90004" in text_of(client.get(unescape(card.group(1))))
    assert "termijn binnen 14 dagen" in text_of(client.get("/kamervragen"))
    assert deadlines.STATE_LABELS[deadlines.State.DUE_SOON] == "binnen 14 dagen"


# ------------------------------------------------------------------------------- 4. the old backlog apart
def test_te_laat_shows_the_recent_and_sets_the_old_backlog_apart(login_as, work):
    client = login_as("bzk")
    page = text_of(client.get("/te-laat"))
    assert "2026Z90001" in page and "2026Z90002" in page and "2024Z90003" not in page and total_on(page) == 2
    old_link = re.search(r'<a class="chip" href="([^"]+)">meer dan een jaar <b>(\d+)</b>', page)
    assert old_link.group(2) == "1"
    old = text_of(client.get("/te-laat" + unescape(old_link.group(1))))
    assert "2024Z90003" in old and "2026Z90001" not in old and total_on(old) == 1
    everything = text_of(client.get("/te-laat?achterstand=alle"))
    assert total_on(everything) == 3
    assert client.get("/te-laat?achterstand=heel-oud").status_code == 400


def test_the_backlog_filter_reaches_te_laats_downloads(login_as, work):
    client = login_as("bzk")
    rows = list(csv.reader(io.StringIO(text_of(client.get("/te-laat?achterstand=oud&formaat=csv")).lstrip("\ufeff")),
                           delimiter=";"))
    assert [row[2] for row in rows[1:]] == ["2024Z90003"]
    default = text_of(client.get("/te-laat?formaat=rapport-csv"))
    assert "2026Z90001" in default and "2024Z90003" not in default  # as the page: the recent ones
    report = client.get("/te-laat?achterstand=oud&formaat=rapport-xlsx")
    assert report.status_code == 200 and report.mimetype.endswith("sheet")


def test_the_lists_count_the_old_backlog_and_filter_on_it(login_as, work):
    client = login_as("bzk")
    late = text_of(client.get("/kamervragen?stand=te_laat"))
    assert total_on(late) == 3 and re.search(r'>1 meer dan een jaar te laat</a>', late)
    old_url = unescape(re.search(r'<a class="backlog-link" href="([^"]+)"', late).group(1))
    old = text_of(client.get(old_url))
    assert total_on(old) == 1 and "2024Z90003" in old
    recent = text_of(client.get("/kamervragen?stand=te_laat&achterstand=recent"))
    assert total_on(recent) == 2 and "2024Z90003" not in recent
    report = text_of(client.get("/kamervragen?stand=te_laat&achterstand=oud&formaat=rapport-csv"))
    assert "2024Z90003" in report and "2026Z90001" not in report
    export = text_of(client.get("/kamervragen?stand=te_laat&achterstand=recent&formaat=csv"))
    assert "2026Z90001" in export and "2024Z90003" not in export


def test_the_api_overdue_list_takes_the_backlog_filter(app, work, demo):
    from tracker.services.tokens import create_token
    with db.transaction(demo) as session:
        user = session.exec(select(User).where(User.username == "griffie")).one()
        token = create_token(session, user, "test")[1]
    client = app.test_client()

    def numbers(query: str) -> list[str]:
        response = client.get(f"/api/v1/overdue{query}", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, response.get_data(as_text=True)
        return [row["nummer"] for row in response.get_json()]

    everything = numbers("?ministerie=BZK")  # no parameter: everything, as before
    assert set(everything) == {"2026Z90001", "2026Z90002", "2024Z90003"}
    assert numbers("?ministerie=BZK&achterstand=oud") == ["2024Z90003"]
    assert set(numbers("?ministerie=BZK&achterstand=recent")) == {"2026Z90001", "2026Z90002"}
    assert client.get("/api/v1/overdue?achterstand=ooit",
                      headers={"Authorization": f"Bearer {token}"}).status_code == 400


# ------------------------------------------------------------------------------- 5. charts with a period
def test_periods_last_twelve_months_and_vergaderjaren():
    assert last_twelve_months(date(2026, 3, 15)).since == date(2025, 4, 1)
    assert len(last_twelve_months(date(2026, 3, 15)).months()) == 12
    year = vergaderjaar_period(2023, TODAY)  # Prinsjesdag 19 September 2023 to the day before 17 September 2024
    assert (year.since, year.until, year.label) == (date(2023, 9, 19), date(2024, 9, 16), "vergaderjaar 2023/24")
    assert year.months()[0] == date(2023, 9, 1) and year.months()[-1] == date(2024, 9, 1)
    assert year.month_ends()[0] == date(2023, 9, 30) and year.month_ends()[-1] == date(2024, 9, 16)
    running = vergaderjaar_period(2026, TODAY)  # Prinsjesdag 2026 is 15 September: cut off at today
    assert running.since == date(2026, 9, 15) and running.until == TODAY
    assert [p.key for p in period_choices(TODAY, date(2023, 10, 1))] == ["12m", "2026", "2025", "2024", "2023"]
    assert parse_period("", TODAY).key == "12m" and parse_period("2027", TODAY) is None
    assert parse_period("twee", TODAY) is None


def test_the_on_time_chart_for_a_vergaderjaar_chosen_without_javascript(login_as, work):
    client = login_as("griffie")
    home = text_of(client.get("/"))
    form = re.search(r'<form class="filters period-form" method="get"[^>]*>.*?</form>', home, re.S).group(0)
    assert '<select id="periode" name="periode">' in form and '<button type="submit">' in form
    assert '<option value="2023" >vergaderjaar 2023/24</option>' in form
    year = text_of(client.get("/?periode=2023"))  # the demo's commissiebrief answered 28 augustus 2024
    assert "Antwoorden van 19 september 2023 tot en met 16 september 2024" in year
    assert 'id="chart-title"' in year and "vergaderjaar 2023/24" in year
    assert '<option value="2023" selected>' in year
    assert 'id="chart-title"' not in text_of(client.get("/?periode=2025"))
    assert client.get("/?periode=1850").status_code == 400 and client.get("/?periode=morgen").status_code == 400


def test_open_and_overdue_per_month_as_of_each_months_end(login_as, work):
    client = login_as("bzk")  # BZK: only the three Kamervragen above are open (the demo's are all closed)
    home = text_of(client.get("/"))
    rows = {day: (int(open_), int(late)) for day, open_, late in
            re.findall(r'<tr><th scope="row">(\d+ \w+ \d{4})</th><td>(\d+)</td><td>(\d+)</td></tr>', home)}
    # the June 2024 questions open and late all year; September's open from 1 September, late from 22 September
    assert rows["31 augustus 2026"] == (1, 1)
    assert rows["30 september 2026"] == (2, 2)
    # the recent questions (registered 12 November, due 3 December): open at November's end, not yet late
    assert rows["30 november 2026"] == (3, 2)
    assert rows["7 december 2026"] == (3, 3)  # the running month: as of today, as the cards count
    assert len([day for day in rows if day.endswith("2026") or day.endswith("2025")]) == 12
    chart = re.search(r'<svg class="chart trend backlog" role="img" aria-labelledby="([^"]+)".*?</svg>', home, re.S)
    assert chart and "<desc id=\"stand-desc\">" in chart.group(0) and "7 december 2026: 3 open, 3 te laat." in home
    # a vergaderjaar: one row per month it touches, the last one its last day
    year = text_of(client.get("/?periode=2024"))
    # the day before Prinsjesdag 2025 (16 September) is its last
    assert "<th scope=\"row\">15 september 2025</th>" in year and "<th scope=\"row\">30 september 2024</th>" in year


def test_a_period_and_the_scope_together(login_as, work):
    client = login_as("bzk")
    everyone = text_of(client.get("/?ministerie=alle&periode=2023"))
    assert "Overzicht op" in everyone and "U ziet alle ministeries." in everyone
    form = re.search(r'<form class="filters period-form".*?</form>', everyone, re.S).group(0)
    assert '<input type="hidden" name="ministerie" value="alle">' in form  # choosing a period keeps "all"
    own = re.search(r'href="([^"]+)">Alleen BZK</a>', everyone).group(1)
    assert "periode=2023" in unescape(own)
