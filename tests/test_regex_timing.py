"""Regular-expression audit of every parser: intake (tracker/intake/**), the domain's phrase, citation and date
readers, the open-data pages and the list import. Every pattern and every intake reader gets lines of
capitals, spaces, punctuation and digits of up to 5,000 characters and must answer within 50 ms.

A pattern with nested quantifiers can try exponentially many ways before it gives up (a 120-character heading in
capitals held intake for hours); one that starts `\\s*` at every space of a long run is quadratic. The
patterns are collected by introspection — every module-level compiled pattern (also in lists and dicts) and
every literal pattern passed to re.match/search/sub/split/… in these modules — so a new one is audited
without anyone adding it here.

Timing on a shared 2-core machine: a call is timed again (best of three) before it counts as slow, and each
call runs under a 2-second budget, so a catastrophic pattern fails at once instead of hanging the suite.
"""
from __future__ import annotations

import ast
import importlib
import inspect
import os
import pkgutil
import re
import string
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import tracker.intake
import tracker.tk
from tracker.intake import budget
from tracker.intake import documents as heads
from tracker.intake.proposal import propose
from tracker.intake.readers import FINISHERS, READERS, Paper
from tracker.intake.split import is_verslag, split
from tracker.intake.text import Text, clean_lines

LIMIT = 0.050  # seconds per call
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 40))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                             HealthCheck.data_too_large])


def _parser_modules() -> list[str]:
    names = ["tracker.domain.phrases", "tracker.domain.citations", "tracker.domain.dutch", "tracker.importer"]
    for package in (tracker.intake, tracker.tk):
        names += [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
    return names


def _compiled_in(value, depth: int = 0):
    if isinstance(value, re.Pattern):
        yield value
    elif depth < 2 and isinstance(value, (list, tuple, set, frozenset)):
        for inner in value:
            yield from _compiled_in(inner, depth + 1)
    elif depth < 2 and isinstance(value, dict):
        for inner in value.values():
            yield from _compiled_in(inner, depth + 1)


_CALLS = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer", "compile")


def _literal_patterns(module) -> list[tuple[str, re.Pattern, str]]:
    """re.<call>("literal", …, flags) in the module's source: (where, pattern, how it is called)."""
    found = []
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _CALLS
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re" and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            continue
        position = {"sub": 3, "subn": 3, "split": 3, "compile": 1}.get(node.func.attr, 2)
        flags = node.args[position] if len(node.args) > position else next(
            (k.value for k in node.keywords if k.arg == "flags"), None)
        flag_value = eval(compile(ast.Expression(flags), "<flags>", "eval"), {"re": re}) if flags else 0
        found.append((f"{module.__name__}:{node.lineno}", re.compile(node.args[0].value, flag_value), node.func.attr))
    return found


def _all_patterns() -> list[tuple[str, re.Pattern, str]]:
    patterns, seen = [], set()
    for name in _parser_modules():
        module = importlib.import_module(name)
        found = [(f"{name}.{attribute}", p, "finditer") for attribute, value in vars(module).items()
                 for p in _compiled_in(value)]
        for where, pattern, how in found + _literal_patterns(module):
            if (pattern.pattern, pattern.flags, how) not in seen:  # (a pattern imported elsewhere: once)
                seen.add((pattern.pattern, pattern.flags, how))
                patterns.append((where, pattern, how))
    return patterns


PATTERNS = _all_patterns()


def _use(pattern: re.Pattern, how: str, text: str) -> None:
    if isinstance(pattern.pattern, bytes):  # (a pattern over a file's raw bytes)
        text = text.encode("utf-8", "surrogatepass")
    if how in ("match", "fullmatch", "search"):
        getattr(pattern, how)(text)
    else:  # sub, split, findall, finditer and module-level patterns: every match in the text
        for _ in pattern.finditer(text):
            pass


def _seconds(call) -> float:
    """How long call() takes: the best of up to three runs (one when the first is fast), each within a 2 s
    budget so a runaway pattern ends the test instead of the suite."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        try:
            with budget.limited(2.0):
                call()
        except budget.OutOfTime:
            return float("inf")
        best = min(best, time.perf_counter() - start)
        if best <= LIMIT:
            break
    return best


def _slow_patterns(text: str) -> list[str]:
    slow = []
    for where, pattern, how in PATTERNS:
        seconds = _seconds(lambda: _use(pattern, how, text))
        if seconds > LIMIT:
            slow.append(f"{where} ({how}) {seconds * 1000:.0f} ms: {pattern.pattern[:100]!r}")
    return slow


def test_the_audit_finds_the_patterns():
    wheres = {where for where, _, _ in PATTERNS}
    assert "tracker.intake.text._STANDALONE" in wheres and "tracker.domain.phrases.PATTERNS" in wheres
    assert any(where.startswith("tracker.intake.readers.base:") for where in wheres)  # a literal in a function
    assert len(PATTERNS) > 250


# The heading of a real paper that held intake for hours (the capitals alternative of _STANDALONE).
HEADING = ("BRIEF VAN DE VOORZITTERS VAN DE VASTE COMMISSIES VOOR JUSTITIE EN VEILIGHEID EN VOOR BINNENLANDSE "
           "ZAKEN / ALGEMENE ZAKEN")
# Runs of one piece to 5,000 characters and something that does not fit at the end: where a pattern that
# backtracks shows it.
UNITS = [" ", "A", "1", "a", ".", ",", "-", "/", "(", "|", "AB ", "Ab ", "ab ", "1 ", "a.", "A.", "12 ", "AB, ", "A-",
         "Aa-", "a, ", "a en ", "van ", "De ", "DE ", " /", "nr. 1 ", "1.", "I ", "x\t", "A1 ", "BRIEF VAN ", "EN "]


@pytest.mark.parametrize("text", [f"{HEADING} x y", f"{HEADING}\n\nDe leden hebben vragen."]
                         + [(unit * (5000 // len(unit)))[:4999] + "!" for unit in UNITS], ids=lambda text: repr(text[:24]))
def test_no_pattern_backtracks_on_long_runs(text):
    assert _slow_patterns(text) == []


_PIECE = st.one_of(
    st.text(alphabet=string.ascii_uppercase + "ÖË", min_size=1, max_size=12),  # a word in capitals
    st.sampled_from([" ", "  ", "\t", ",", ".", ";", ":", "-", "–", "/", "(", ")", "|", "'", "’", "«", "»", "?", "!",
                     '"', "nr.", "Nr.", "c.s.", "j.l.", "EN", "VAN", "DE", "BRIEF"]),
    st.integers(0, 99_999).map(str),
    st.sampled_from(["van", "de", "het", "en", "minister", "Zaken", "Kamerstukken", "Den", "Haag", "Motie", "lid",
                     "vragen", "oktober", "2024", "30 950", "II", "antwoord", "binnen", "weken"]),
)


def _line(pieces: list[str], repeat: int, tail: str) -> str:
    return ("".join(pieces) * repeat + tail)[:5000]


LINES = st.builds(_line, st.lists(_PIECE, min_size=1, max_size=40), st.integers(1, 400),
                  st.lists(_PIECE, max_size=5).map("".join))


@FUZZ
@given(line=LINES)
@example(line=f"{HEADING} x y")
def test_no_pattern_takes_longer_than_50_ms_on_a_line(line):
    assert _slow_patterns(line) == []


def _paper(text: str) -> Paper:
    """The paper as propose() builds it, its running text worked out already (that is not a reader's time)."""
    lines = clean_lines(text)
    sections = split(lines)
    whole = Text(lines)
    letters = [(section, heads.read(section, whole, is_verslag(section), None)) for section in sections]
    for section, _ in letters:
        section.text.bounds()
    whole.bounds()
    return Paper(whole, letters)


@FUZZ
@given(lines=st.lists(LINES, min_size=1, max_size=6))
@example(lines=[HEADING, "", "De leden hebben vragen."])
def test_no_reader_takes_longer_than_50_ms_on_a_paper_of_lines(lines):
    text = "\n".join(lines)[:5000]
    slow = []
    with budget.limited(5.0):  # (reading the heads and the running text is timed by the patterns' test)
        paper = _paper(text)
    for step in [*READERS, *FINISHERS]:
        name = getattr(step, "name", getattr(step, "__name__", "?"))
        if hasattr(step, "read"):
            seconds = _seconds(lambda: step.recognise(paper) and step.read(paper))
        else:
            seconds = _seconds(lambda: step(paper))
        if seconds > LIMIT:
            slow.append(f"{name}: {seconds * 1000:.0f} ms")
    assert slow == []


def test_the_paper_that_hung_is_read_at_once():
    start = time.perf_counter()
    with budget.limited(5.0):
        proposal = propose(f"{HEADING}\n\nDe leden hebben vragen.")
    assert time.perf_counter() - start < 5.0 and proposal.documents
