"""Intake on thirty real parliamentary papers nobody here wrote (tests/fixtures/intake_corpus): every expected
item is found with its fields, and nothing is proposed that a registrar would not register.

The expectations follow the corpus conventions: a field expected empty (listed in expect_null) must stay empty;
dates are ISO; deadline and uitstel_tot are right as the date or as the words of the phrase; ministries and
senders are register codes (a list of acceptable ones where ministries were renamed); statuses in words
("voldaan", "openstaand", "afgedaan"); optional items may be proposed or not.
"""
import json
import re
import unicodedata
from pathlib import Path

import pytest

from tracker.intake.extract import reference_key
from tracker.intake.ministries import code_of_name
from tracker.intake.proposal import propose
from tracker.intake.text import read_document

CORPUS = Path(__file__).parent / "fixtures" / "intake_corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


def norm(text) -> str:
    return re.sub(r"[\s\-–.,:;()]+", "", unicodedata.normalize("NFKC", text or "").lower())


def as_code(value):
    if value is None or "commissie" in value.lower():
        return "commissie" if value else None
    return value if re.fullmatch(r"[A-Za-z]{2,4}", value) else code_of_name(value)


def status_ok(expected: str, got: str | None) -> bool:
    g = (got or "").lower().replace("_", " ")
    return {"voldaan": g == "voldaan", "deels voldaan": "deels" in g,
            "openstaand": g in ("openstaand", "open", "lopend", "in uitvoering"),
            "afgedaan": g in ("afgedaan", "afgerond", "uitgevoerd", "voldaan", "beantwoord")}.get(expected, g == expected)


def moment_ok(expected: dict | None, got) -> bool:
    if not expected or (expected.get("date") is None and expected.get("phrase") is None):
        return not (got and re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(got)))  # no date invented
    if got is None:
        return False
    words = [w for w in re.findall(r"\w+", (expected.get("phrase") or "").lower())
             if w not in {"in", "het", "de", "van", "voor", "na", "op", "te", "een"}]
    have = set(re.findall(r"\w+", str(got).lower()))
    return str(got) == expected.get("date") or bool(words) and all(w in have for w in words)


def pairs(expected_items, proposed):
    """Each expected item with the proposed item that is the same thing (by number, words or date)."""
    def score(e, g):
        text = f"{g.titel or ''} {g.tekst or ''}".lower()
        if e["soort"] != g.soort:
            return -1
        if e.get("nummer") and g.nummer:
            return 10 if norm(e["nummer"]) == norm(g.nummer) else -1
        if e.get("match_text"):
            return 5 if e["match_text"].lower() in text else -1
        return 2 + (e.get("datum") == (g.datum.isoformat() if g.datum else None))

    found, used = {}, set()
    ranked = sorted(((score(e, g), i, j) for i, e in enumerate(expected_items) for j, g in enumerate(proposed)),
                    reverse=True)
    for value, i, j in ranked:
        if value >= 2 and i not in found and j not in used:
            found[i] = j
            used.add(j)
    return found, [g for j, g in enumerate(proposed) if j not in used]


@pytest.mark.parametrize("entry", EXPECTED, ids=[e["file"] for e in EXPECTED])
def test_real_paper_reads_as_a_registrar_would(entry):
    proposal = propose(read_document(CORPUS / "docs" / entry["file"]))
    problems = []
    for expected, document in zip(entry["documents"], proposal.documents):
        skip, empty = set(expected.get("skip", [])), set(expected.get("expect_null", []))
        if document.kind not in expected["kind"]:
            problems.append(f"document kind {document.kind}, expected {expected['kind']}")
        for name in ("date", "chamber", "reply_due"):
            value = getattr(document, name)
            value = value.isoformat() if hasattr(value, "isoformat") else value
            if name not in skip and (expected.get(name) is not None or name in empty) and value != expected.get(name):
                problems.append(f"document {name} {value}, expected {expected.get(name)}")
        if expected.get("sender") and "sender" not in skip and as_code(document.sender_code or document.sender) not in expected["sender"]:
            problems.append(f"document sender {document.sender}, expected {expected['sender']}")
        if expected.get("addressee") and expected["addressee"].lower() not in (document.addressee or "").lower():
            problems.append(f"addressee {document.addressee}")
        cited = {reference_key(r) for r in document.references}
        for reference in expected.get("references", []) if "references" not in skip else []:
            if reference_key(reference) not in cited:
                problems.append(f"reference {reference} missing from {document.references}")
    if len(proposal.documents) < len(entry["documents"]):
        problems.append(f"{len(proposal.documents)} documents, expected {len(entry['documents'])}")
    found, unmatched = pairs(entry["items"], proposal.items)
    for index, expected in enumerate(entry["items"]):
        if expected.get("optional"):
            continue
        if index not in found:
            problems.append(f"item not found: {expected['soort']} {expected.get('nummer') or expected.get('why', '')[:60]}")
            continue
        item, empty = proposal.items[found[index]], set(expected.get("expect_null", []))
        for name in ("kamer", "datum", "uitstelbericht", "beantwoord"):
            value = getattr(item, name)
            value = value.isoformat() if hasattr(value, "isoformat") else value
            if (name in expected or name in empty) and value != expected.get(name):
                problems.append(f"{expected['soort']} {name} {value}, expected {expected.get(name)}")
        if "nummer" in expected and norm(item.nummer) != norm(expected["nummer"]):
            problems.append(f"{expected['soort']} nummer {item.nummer}, expected {expected['nummer']}")
        for name in ("deadline", "uitstel_tot"):
            if name in expected and not moment_ok(expected[name], getattr(item, name)):
                problems.append(f"{expected['soort']} {name} {getattr(item, name)}, expected {expected[name]}")
        if expected.get("ministerie") and item.ministerie not in expected["ministerie"]:
            problems.append(f"{expected['soort']} ministerie {item.ministerie}, expected {expected['ministerie']}")
        if expected.get("status") and not status_ok(expected["status"], item.status):
            problems.append(f"{expected['soort']} status {item.status}, expected {expected['status']}")
    for extra in unmatched:
        problems.append(f"proposed but not expected: {extra.soort} {extra.nummer} {(extra.titel or '')[:80]}")
    assert problems == []
