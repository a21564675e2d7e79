"""Doc.note: the decisions recorded for --explain."""

from __future__ import annotations

from osint_cli.extract.doc import Decision, Doc
from osint_cli.rules import load


def test_nothing_is_recorded_unless_tracing() -> None:
    doc = Doc.build("Er sagte 3 Dinge.", load("de"))
    doc.note("figures", 9, 10, "figures.kept", True)
    assert doc.trace is None


def test_a_traced_decision_names_its_check_and_text() -> None:
    doc = Doc.build("Er sagte 3 Dinge.", load("de"))
    doc.trace = []
    doc.note("figures", 9, 10, "figures.count", True)
    assert doc.trace == [Decision("figures", 9, 10, "3", "figures.count", True)]
