"""Two `tracker serve` behind Debian's nginx on one database (issue 28), with the rig of bench/two_servers.py:
a login through nginx holds whichever server answers, a write on one server is on the next page of the other
(its page cache included), and stopping one server under load loses no answered save and stores no unanswered one.

Skipped, saying so, only where nginx is not installed (CI installs it: .ci/run)."""
from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from tracker.demo import DEMO_PASSWORD

_spec = importlib.util.spec_from_file_location("two_servers", Path(__file__).parent.parent / "bench" / "two_servers.py")
two_servers = sys.modules.setdefault("two_servers", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(two_servers)

pytestmark = pytest.mark.skipif(two_servers.nginx_binary() is None,
                                reason="nginx ontbreekt: installeer Debians pakket nginx (CI doet dat in .ci/run)")


@pytest.fixture
def rig(demo, database_url, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with two_servers.Rig(database_url) as running:
        yield running


def test_a_session_holds_on_both_servers_and_a_write_on_one_is_on_the_next_page_of_the_other(rig, demo):
    item_id, = two_servers.make_items(demo, 1)
    browser = two_servers.Browser(rig.base)
    assert browser.log_in("bzk", DEMO_PASSWORD) == 302
    answers = [browser.request("/") for _ in range(8)]
    assert {status for status, _, _ in answers} == {200}  # logged in on every page, never sent back to /inloggen
    assert all("bzk" in page for _, page, _ in answers)
    assert len(Counter(server for _, _, server in answers)) == 2  # and both servers answered

    listing = "/kamervragen?stand=alle&status=in_behandeling&q=2026Z80000"
    one, two = rig.server_base(0), rig.server_base(1)
    status, page, _ = browser.request(listing, base=two)  # server two's list cache holds the old state
    assert status == 200 and "Vragen 0 (twee servers)" not in page
    status, page, _ = browser.request(f"/items/{item_id}", base=one)
    status, _, _ = browser.request(f"/items/{item_id}/status", {"target": "in_behandeling", "note": "",
                                                                "version": two_servers.version_on_page(page)},
                                   base=one)  # the write, on server one, with the CSRF token of server one's form
    assert status == 302
    status, page, _ = browser.request(listing, base=two)
    assert status == 200 and "Vragen 0 (twee servers)" in page  # the next page on server two shows it


def test_stopping_one_server_under_load_loses_no_answered_save(rig, demo):
    item_ids = two_servers.make_items(demo, 3)
    result = two_servers.saves_while_one_server_stops(rig, item_ids, 6, "bzk", DEMO_PASSWORD)
    assert result["codes"][302] >= 10, result["codes"]
    assert set(result["codes"]) <= {302, 502}, result["codes"]  # a save in flight at the stop may get 502, nothing else
    assert two_servers.lost_writes(demo, result, item_ids) == []
    assert rig.servers[0].returncode is not None  # server one did stop, and the saves went on through server two
    assert any(str(rig.ports[1]) in server for server in result["servers"])
