"""Attribution (issue 10, who said what): invented case tables in tests/cases/attrib_<lang>.toml.

Each case runs the experts extractor on its sentence and checks the cited persons and one
quote's speaker and ``speaker_via``; an empty ``speaker`` means the quote must stay
unattributed (a pronoun with no clear antecedent is never guessed).
"""

from __future__ import annotations

from typing import Any

import pytest

from osint_cli.extract import experts as experts_mod
from osint_cli.extract.doc import Doc
from osint_cli.extract.quotes import clause_end
from osint_cli.rules import load

from . import case_table


def _run(text: str, lang: str) -> tuple[Any, Any]:
    return experts_mod.extract(Doc.build(text, load(lang)))


TABLE = case_table.params("attrib")


@pytest.mark.parametrize("lang,case", TABLE)
def test_attribution_case(lang: str, case: dict[str, Any]) -> None:
    experts, quotes = _run(case["text"], lang)
    names = {e.name for e in experts}
    for name in case.get("cited", []):
        assert name in names, f"{name} not cited: {sorted(names)}"
    for name in case.get("absent", []):
        assert name not in names, f"{name} reported: {sorted(names)}"
    if "quote" in case:
        want = case["quote"]
        hits = [q for q in quotes if q.text == want["text"]]
        assert hits, f"no quote {want['text']!r}: {[q.text for q in quotes]}"
        assert (hits[0].speaker or "") == want["speaker"]
        if "via" in want:
            assert hits[0].speaker_via == want["via"]


def test_unclear_pronoun_is_noted_for_explain() -> None:
    doc = Doc.build("Tom Reyes and Ben Ortiz spoke. “We lost,” he said.", load("en"))
    doc.trace = []
    experts_mod.extract(doc)
    assert any(d.check == "attrib.pronoun-unclear" and not d.kept for d in doc.trace)


@pytest.mark.parametrize(
    "text,end",
    [
        ("glaubt, dass es bald so weit sei: Seit Montag läuft die Übung.", "sei"),
        ("sagte: Wir bleiben.", "bleiben."),  # the colon opens the statement
        ("warnte, das sei gefährlich: denn niemand weiß es.", "es."),  # lower case goes on
    ],
)
def test_clause_end_stops_at_a_colon_that_opens_a_new_statement(text: str, end: str) -> None:
    cut = clause_end(text, 0, len(text))
    assert text[:cut].endswith(end)


@pytest.mark.parametrize(
    "lang,text,name,role",
    [
        ("de", "„Das reicht jetzt“, sagte Bürgermeisterin Anna Keller am Abend.", "Anna Keller", "Bürgermeisterin"),
        ("de", "„Das war zu wenig“, schimpfte Trainer Udo Kern nach dem Spiel.", "Udo Kern", "Trainer"),
        ("de", "Die Brücke bleibe zu, erklärte Landrätin Heike Wolters am Montag.", "Heike Wolters", "Landrätin"),
        ("de", "Lena Haberkorn, die Sprecherin des Hafenverbands Nord teilte am Montag mit, dass der Kai gesperrt bleibe.",
         "Lena Haberkorn", "Sprecherin"),
        ("en", "“It peaked too soon,” said Republican political consultant Chris Varley.", "Chris Varley", "consultant"),
    ],
)
def test_role_is_only_the_role(lang: str, text: str, name: str, role: str) -> None:
    """The speech verb before a role ("sagte Bürgermeisterin X") and the clause after an
    apposition without its closing comma are no part of the role."""
    experts, _ = _run(text, lang)
    assert {e.name: e.role for e in experts}.get(name) == role
