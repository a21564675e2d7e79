"""The dates extractor: case tables per language, rule examples through the full tagger, the seed page."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osint_cli import rules
from osint_cli.api import summarize_html
from osint_cli.extract.dates import tag_text
from osint_cli.settings import Settings

from . import case_table

HERE = Path(__file__).parent
ROOT = HERE.parent


CASES = case_table.params("dates")


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
    assert len(case_table.load("dates", lang)) >= 80


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


# ---- totality: no date expression with any reference date raises ------------------------------

# templates with numbers and years far outside what news write: arithmetic past the
# calendar's ends (years 1 and 9999) must leave a date unresolved, never raise
_TEMPLATES = {
    "en": ["{n} years later", "{n} days ago", "in {n} months", "{n} weeks earlier", "the next {n} decades",
           "{n} centuries ago", "Christmas {y}", "on {mo}/{d}/{y}", "{d} March {y}", "the {n}th century BC",
           "Easter {y}", "Thanksgiving", "last week", "tomorrow night", "the '90s", "Q4 {y}", "{n}-year",
           "the following year", "next Monday", "in the summer of {y}", "a year earlier", "at 9 p.m.", "{y}",
           "{n} days before yesterday", "{n} years after Christmas {y}", "the day before last Tuesday", "nineteen ninety-one"],
    "de": ["{n} Jahre später", "vor {n} Tagen", "in {n} Monaten", "{n} Wochen zuvor", "Weihnachten {y}",
           "am {d}.{mo}.{y}", "Ostern {y}", "Pfingsten", "vergangene Woche", "morgen Abend", "im {n}. Jahrhundert",
           "im Jahr darauf", "am Montag um 14 Uhr", "im Sommer {y}", "seit {n} Jahrzehnten", "1968, zehn Jahre später", "{y}",
           "{n} Jahre nach Ostern {y}", "{n} Tage vor gestern"],
}


@st.composite
def _date_text(draw: st.DrawFn, lang: str) -> str:
    parts = draw(st.lists(st.sampled_from(_TEMPLATES[lang] + [ex for _, _, ex in EXAMPLES if _ == lang][:80]), min_size=1, max_size=4))
    n = draw(st.sampled_from(["0", "1", "12", "999", "8000", "9999", "12345", "99999999999", "1" * 60, "1.5"]))
    y = draw(st.sampled_from(["0001", "1900", "2024", "9999", "0000", "1000"]))
    out = [p.format(n=n, y=y, d=draw(st.integers(0, 39)), mo=draw(st.integers(0, 19))) for p in parts]
    return ". ".join(out) + "."


@pytest.mark.parametrize("lang", ["de", "en"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), ref=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)), narrative=st.booleans())
def test_no_date_expression_raises(lang: str, data: st.DataObject, ref: date, narrative: bool) -> None:
    """Property: any mix of date expressions with any reference date from 0001 to 9999 tags without an exception."""
    text = data.draw(_date_text(lang))
    for e in tag_text(text, lang, ref, narrative=narrative):
        assert text[e.start : e.end] == e.text
        assert e.value is None or isinstance(e.value, str)
        assert e.unresolved == (e.value is None) or e.value is None


@pytest.mark.parametrize(
    "lang,text,ref",
    [
        ("en", "8000 years later the city fell.", date(2024, 1, 1)),
        ("de", "8000 Jahre später fiel die Stadt.", date(2024, 1, 1)),
        ("en", "The vote is tomorrow.", date(9999, 12, 31)),
        ("en", "It rained yesterday.", date(1, 1, 1)),
        ("en", "It fell 9000 years after Christmas 2024.", date(2024, 1, 1)),
        ("de", "Es geschah 3 Tage vor gestern.", date(1, 1, 2)),
    ],
)
def test_out_of_range_is_unresolved(lang: str, text: str, ref: date) -> None:
    (e,) = tag_text(text, lang, ref)
    assert e.value is None and e.unresolved


def test_out_of_range_warns_in_report() -> None:
    report = summarize_html("8000 years later the city fell, historians say.", Settings(reference_date=date(2024, 1, 1), extractors=("dates",), lang="en"))
    assert any("outside the calendar" in w for w in report.warnings)
