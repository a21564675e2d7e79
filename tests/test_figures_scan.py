"""The figures scan tries the master rule only near a trigger: the same matches as trying every rule start."""

from __future__ import annotations

import re

import pytest

from osint_cli.extract import figures
from osint_cli.extract.figures_lang import lang_of

TEXTS = {
    "de": "Von 12 auf 15, dann 3,5 Mio. Euro und 2 Mrd. 300 Mio. Euro; 1:0 (Stand 14:30), "
          "Jansen (33) nannte zwei Drittel, 40 Prozent und 7 von 10 Fällen, Tel. +49 30 1234567.",
    "en": "From 12 to 15, then $3.5 million and 2 billion 300 million dollars; a 2:1 win at 6:36 p.m., "
          "John Smith, 45, cited two thirds, 40 percent and 7 in 10 cases, call +1 202 555 0100.",
}


def _every_start(text: str, master: re.Pattern[str], pos: int) -> re.Match[str] | None:
    for s in figures._START.finditer(text, pos):
        found = master.match(text, s.start())
        if found is not None:
            return found
    return None


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_next_match_is_the_first_match_at_any_rule_start(lang: str) -> None:
    # numbers close together: their triggers share most of a window, whose starts are tried once
    fl = lang_of(lang)
    assert fl is not None
    text = TEXTS[lang]
    seen = 0
    for pos in range(len(text) + 1):
        fast, slow = figures._next_match(text, fl, pos), _every_start(text, fl.master, pos)
        assert (fast and fast.span()) == (slow and slow.span()), pos
        seen += fast is not None
    assert seen > len(text) // 2  # the texts are full of figures


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_next_match_on_case_folded_and_odd_characters(lang: str) -> None:
    # the master is tried only where its first characters can stand (regex_start.start_prefixes):
    # characters the engine folds to ASCII letters ("ſ", the Kelvin sign, "ı") must not be skipped
    fl = lang_of(lang)
    assert fl is not None
    text = ("The ſix hundred \u212aM cost $3.5 million, ıt said; ZWÖLF Kilometer, knapp 3,5 Mio. EUR, "
            "x² = 10⁻³, ⅔ of ﬁve; ſechs Prozent, Smith, 45, said; US$7bn, a dozen, twenty-one")
    for pos in range(len(text) + 1):
        fast, slow = figures._next_match(text, fl, pos), _every_start(text, fl.master, pos)
        assert (fast and fast.span()) == (slow and slow.span()), pos
