"""The dates extractor: case tables per language, rule examples through the full tagger, the seed page."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from osint_cli import rules
from osint_cli.api import summarize_html
from osint_cli.extract.dates import tag_text
from osint_cli.settings import Settings

HERE = Path(__file__).parent
ROOT = HERE.parent


def _cases(lang: str) -> list[Any]:
    data = tomllib.loads((HERE / "cases" / f"dates_{lang}.toml").read_text(encoding="utf-8"))
    out = []
    for i, case in enumerate(data["case"]):
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
        out.append(pytest.param(lang, case, id=f"{lang}-{i:03d}-{case['text'][:40]}", marks=marks))
    return out


CASES = _cases("de") + _cases("en")


@pytest.mark.parametrize("lang,case", CASES)
def test_case(lang: str, case: dict[str, Any]) -> None:
    ref = date.fromisoformat(case["ref"]) if case["ref"] else None
    found = tag_text(case["text"], lang, ref)
    got = []
    for e in found:
        assert case["text"][e.start : e.end] == e.text, "the span is the exact substring"
        got.append([e.text, e.value or ""] + ([e.mod] if e.mod else []))
    assert got == case["expect"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_case_tables_are_large(lang: str) -> None:
    assert len(_cases(lang)) >= 80


def test_unresolved_without_reference() -> None:
    (monday, absolute) = tag_text("Am Montag und am 12. Februar 2024.", "de", None)
    assert monday.value is None and monday.unresolved
    assert absolute.value == "2024-02-12" and not absolute.unresolved


def test_types() -> None:
    found = {e.text: e.type for e in tag_text("Seit zwei Wochen, jährlich, um 14 Uhr und am Montag.", "de", date(2024, 3, 6))}
    assert found == {"Seit zwei Wochen": "duration", "jährlich": "set", "um 14 Uhr": "time", "am Montag": "date"}


def test_sentence_and_rule_are_recorded() -> None:
    (e,) = tag_text("Erster Satz. Seit Montag läuft die Übung.", "de", date(2024, 3, 6))
    assert e.sentence == "Seit Montag läuft die Übung."
    assert e.rule == "de.dates.weekday"


EXAMPLES = [
    (lang, rule.id, ex)
    for lang in ("de", "en")
    for rule in rules.load(lang).rules("dates")
    if not str(rule.get("kind")).startswith("tense-") and rule.get("kind") not in ("prefix", "join", "stamp")
    for ex in rule.examples
]


@pytest.mark.parametrize("lang,rule_id,example", EXAMPLES, ids=[f"{r}:{e}" for _, r, e in EXAMPLES])
def test_rule_example_found_by_tagger(lang: str, rule_id: str, example: str) -> None:
    """The combined regex, its start filter and the validation keep every rule example."""
    found = tag_text(example, lang, date(2024, 3, 6))
    assert found, f"{rule_id}: nothing found in {example!r}"


def test_seed_page() -> None:
    html = (ROOT / "examples" / "nordkorea-munition.html").read_bytes()
    report = summarize_html(html, Settings(reference_date=date(2024, 3, 6), extractors=("dates",)))
    got = {(d.text, d.value, d.mod) for d in report.findings.dates}
    required = {
        ("Mitte Februar", "2024-02", "MID"),
        ("im Sommer 2023", "2023-SU", None),
        ("Seit dem 12. Februar", "2024-02-12", None),
        ("Seit Montag", "2024-03-04", None),
        ("in diesem Jahr", "2024", None),
    }
    assert required <= got
    calendar = {g for g in got if g[1] and g[1][0].isdigit()}
    assert calendar == required, "no other calendar date on the seed page"
