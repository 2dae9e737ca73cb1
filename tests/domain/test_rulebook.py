"""The rule book is data: a new assembly's rule needs no code; the core imports no framework."""
import ast
from datetime import date
from pathlib import Path

import pytest

import tracker.domain
from tracker.domain.deadlines import ItemFacts, schedule
from tracker.domain.rules import RuleBookError, default_rulebook, rulebook_from_toml

MUNICIPAL = """
[[rules]]
id = "raad-vragen"
chamber = "RAAD"
kind = "kamervragen"
basis = "term"
term = "30 dagen"
after_delay = "promised"
label = "Schriftelijke vragen gemeenteraad: 30 dagen"
"""


def test_default_rulebook_has_the_parliament_rules():
    book = default_rulebook()
    assert book.rule_for("TK", "kamervragen").id == "tk-kamervragen"
    assert book.rule_for("EK", "commissiebrief").id == "commissiebrief"  # general rule
    assert str(book.rule_for("TK", "kamervragen").delay_term) == "6 weken"


def test_a_municipal_council_is_added_without_code():
    book = rulebook_from_toml(MUNICIPAL)
    plan = schedule(ItemFacts(kind="kamervragen", chamber="RAAD", start=date(2024, 3, 1)), rulebook=book)
    assert plan.current.due == date(2024, 3, 31)
    assert plan.current.rule == "raad-vragen"
    assert "dertig dagen na indiening op 1 maart 2024" in plan.current.explanation


@pytest.mark.parametrize("broken, fragment", [
    (MUNICIPAL.replace('basis = "term"', 'basis = "vibes"'), "basis"),
    (MUNICIPAL.replace('term = "30 dagen"', 'term = "dertig"'), "geen termijn"),
    (MUNICIPAL.replace('kind = "kamervragen"', 'kind = "petitie"'), "onbekende soort"),
    (MUNICIPAL + MUNICIPAL, "twee regels"),
])
def test_broken_rulebook_is_refused(broken, fragment):
    with pytest.raises((RuleBookError, ValueError), match=fragment):
        rulebook_from_toml(broken)


def test_domain_imports_no_framework_or_database():
    forbidden = ("flask", "sqlalchemy", "sqlmodel", "tracker.models", "tracker.db", "tracker.services")
    for path in Path(tracker.domain.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            for name in names:
                assert not name.startswith(forbidden), f"{path.name} imports {name}"
