"""Intake within limits: linear in the number of letters of a paper, within a time budget on the web, and never
holding a database transaction (SQLite's write lock) while it reads a paper."""
from __future__ import annotations

import sqlite3
import time

import pytest
from click.testing import CliRunner
from sqlmodel import select

from tracker import db
from tracker.cli import main
from tracker.intake import budget, extract
from tracker.intake import proposal as proposal_module
from tracker.intake import text as text_module
from tracker.intake.proposal import propose
from tracker.intake.readers import Paper
from tracker.models import TrackedItem

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def answer(n: int) -> str:
    """A minister's letter: answers a member's questions, postpones a committee's request, settles a motion."""
    return f"""BRIEF VAN DE MINISTER VAN BINNENLANDSE ZAKEN EN KONINKRIJKSRELATIES
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, {n % 27 + 1} {MONTHS[n % 11 + 1]} 2024
Hierbij zend ik u de antwoorden op de vragen van het lid Jansen{n} (PVV) over regeling {n}
(ingezonden {n % 27 + 1} {MONTHS[n % 11]} 2024, kenmerk 2024Z{n:05d}).
De vaste commissie voor Binnenlandse Zaken heeft mij op {n % 27 + 1} {MONTHS[n % 11]} 2024 verzocht om een
reactie op rapport {n}. Het is mij helaas niet gelukt deze reactie binnen de gestelde termijn te sturen. U
ontvangt de reactie voor het zomerreces.
Met deze brief geef ik uitvoering aan de motie van het lid Pietersen{n} (Kamerstuk 35628, nr. {n}).
De minister van Binnenlandse Zaken en Koninkrijksrelaties,
J. de Vries
"""


def plain(n: int) -> str:
    """A letter to a minister without a heading (the cover of a verslag would split here)."""
    return f"""Aan de minister van Onderwijs, Cultuur en Wetenschap
Den Haag, {n % 27 + 1} {MONTHS[n % 12]} 2024
De leden hebben vragen over onderwerp {n}. Zij ontvangen de antwoorden graag binnen vier weken.
"""


def brief_aan(n: int) -> str:
    return f"""BRIEF AAN DE MINISTER VAN ONDERWIJS, CULTUUR EN WETENSCHAP
Den Haag, {n % 27 + 1} {MONTHS[n % 12]} 2024
De leden hebben vragen over onderwerp {n}. Zij ontvangen de antwoorden graag binnen vier weken.
"""


def bundle(letter, count: int = 300) -> str:
    return "\n".join(letter(n) for n in range(1, count + 1))


class _CountedList(list):
    iterations = 0

    def __iter__(self):
        _CountedList.iterations += 1
        return super().__iter__()


def test_the_items_are_looked_through_a_few_times_not_once_per_letter(monkeypatch):
    """2,000 short letters took 65 s: each letter looked through every item found so far."""
    class CountingPaper(Paper):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.items = _CountedList()

    monkeypatch.setattr(proposal_module, "Paper", CountingPaper)
    _CountedList.iterations = 0
    found = propose(bundle(answer))
    assert len(found.items) == 900 and sum(i.uitstelbericht is not None for i in found.items) >= 300
    assert _CountedList.iterations < 30  # a few per reader; it was one or more per letter


def test_the_running_text_is_made_in_time_linear_in_the_lines(monkeypatch):
    """A bundle of letters without headings read the growing cover again for every letter start."""
    joined = []
    join_lines = text_module.join_lines
    monkeypatch.setattr(text_module, "join_lines", lambda lines: joined.append(len(lines)) or join_lines(lines))
    text = bundle(plain, 500)
    propose(text)
    assert sum(joined) < 10 * len(text.splitlines())


def test_the_whole_paper_is_searched_for_its_committee_once(monkeypatch):
    """Every "BRIEF AAN …" letter without a committee of its own searched the whole paper for one."""
    searched = []
    committee = extract.committee
    monkeypatch.setattr(extract, "committee", lambda text: searched.append(len(text.flat)) or committee(text))
    text = bundle(brief_aan, 500)
    assert len(propose(text).documents) == 500
    assert sum(searched) < 3 * len(text)


def slow_reader(seconds: float, seen: list | None = None, engine=None):
    """A reader that takes its time and notes whether a connection (a transaction) is open meanwhile."""
    class Slow:
        name = "slow"

        def recognise(self, paper):
            return True

        def read(self, paper):
            if engine is not None:
                seen.append(engine.pool.checkedout())
                if engine.dialect.name == "sqlite":  # may another writer take the write lock now?
                    other = sqlite3.connect(engine.url.database, timeout=0, isolation_level=None)
                    try:
                        other.execute("BEGIN IMMEDIATE")
                        other.execute("ROLLBACK")
                        seen.append("write lock free")
                    except sqlite3.OperationalError as error:
                        seen.append(str(error))
                    finally:
                        other.close()
            time.sleep(seconds)
            return []
    return Slow()


LETTER = bundle(answer, 1)


def test_the_web_intake_stops_at_its_time_budget_with_a_message(app, login_as, monkeypatch):
    """A paper that kept intake busy held the worker until gunicorn killed it (120 s, a bare English 500)."""
    monkeypatch.setattr(proposal_module, "READERS", [slow_reader(3)])
    app.config["INTAKE_SECONDS"] = 0.5
    page = login_as("bzk").post("/document-invoeren/", data={"actie": "lezen", "tekst": LETTER})
    html = page.get_data(as_text=True)
    assert page.status_code == 400 and "Het inlezen duurde langer dan 0,5 seconden en is afgebroken" in html
    assert "BRIEF VAN DE MINISTER" in html  # the text stays in the box


def test_the_budget_stops_a_runaway_pattern_and_a_thread_at_its_next_step():
    with pytest.raises(budget.OutOfTime), budget.limited(0.2):  # the timer signal, inside one regex
        import re
        re.search(r"^(?:[A-Z]{2,}[\s,.-]*){2,}\S*$", " ".join(["BRIEF"] * 40) + " / x y")
    import threading
    failures = []

    def in_a_thread():
        try:
            with budget.limited(0.05):
                time.sleep(0.1)
                budget.check()
        except budget.OutOfTime as error:
            failures.append(error)
    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join()
    assert failures and "0,05 seconden" in str(failures[0])


def test_web_intake_holds_no_transaction_while_it_reads(app, login_as, demo, monkeypatch):
    """A slow intake held SQLite's write lock: another user's save waited 90 s and got a 500."""
    seen = []
    monkeypatch.setattr(proposal_module, "READERS", [slow_reader(0, seen, demo)])
    page = login_as("bzk").post("/document-invoeren/", data={"actie": "lezen", "tekst": LETTER})
    assert page.status_code == 200
    assert seen[0] == 0 and seen[1:] in ([], ["write lock free"])


def test_cli_intake_saves_holding_no_transaction_while_it_reads(demo, tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(proposal_module, "READERS", [slow_reader(0, seen, demo)])
    paper = tmp_path / "brief.txt"
    paper.write_text(LETTER, encoding="utf-8")
    result = CliRunner().invoke(main, ["intake", str(paper), "--opslaan"])
    assert seen[0] == 0 and seen[1:] in ([], ["write lock free"]), result.output
    with db.transaction(demo) as session:  # (the slow reader finds nothing: nothing to save, nothing saved)
        assert session.exec(select(TrackedItem).where(TrackedItem.nummer == "2024Z00001")).first() is None


def test_a_pdf_with_more_text_than_intake_reads_is_refused_before_its_text_is_taken_out(tmp_path, monkeypatch):
    """A 300 KB PDF whose text layer inflated to 300 MB took 687 MB of memory in intake."""
    from weasyprint import HTML

    from tracker.errors import ValidationError
    from tracker.intake.text import document_text

    pdf = HTML(string="<html><body>" + "<p>Een regel tekst op een pagina.</p>" * 400 + "</body></html>").write_pdf()
    monkeypatch.setattr(text_module, "MAX_TEXT", 5_000)
    with pytest.raises(ValidationError) as refused:
        document_text(pdf, "groot.pdf")
    assert "groot.pdf bevat meer dan 5.000 tekens tekst (op pagina" in str(refused.value)


def test_reading_many_letters_compiles_no_pattern_per_letter(monkeypatch):
    """A pattern built from each motion's number ("nr. 176") filled re's cache: 2,000 letters compiled 2,000
    patterns and pushed the fixed ones out (each compiled again, ~1 ms). Now the patterns are fixed."""
    import re
    import re._compiler
    propose(bundle(answer, 5))  # the fixed patterns compiled once
    re.purge()
    compiled = []
    real = re._compiler.compile
    monkeypatch.setattr(re._compiler, "compile", lambda *a, **k: compiled.append(a[0]) or real(*a, **k))
    propose(bundle(answer, 300))
    assert len(compiled) < 150  # the literal patterns used in functions, once each; not one or more per letter


def test_the_members_name_behind_a_motions_number():
    from tracker.intake.readers.letter_mentions import _named_after
    window = "de moties Kamerstuk 32 793, nr. 176 (Dik-Faber) en nr. 178 (Bruins Slot) zijn uitgevoerd"
    assert _named_after(window, "nr. 176")["who"] == "Dik-Faber"
    assert _named_after(window, "nr. 178")["who"] == "Bruins Slot"
    assert _named_after(window, "nr. 17") is None  # "nr. 176": no bracket right behind "nr. 17"
