"""The start filter of a big pattern (``start_prefixes`` / ``may_start``): it must never reject a
position where the pattern matches, and should reject most others."""

from __future__ import annotations

import re

import pytest

from osint_cli.extract.figures_lang import lang_of
from osint_cli.extract.regex_start import fold_key, may_start, start_prefixes

# invented texts, with the characters the regex engine takes as equal to an ASCII letter under
# IGNORECASE (long s, Kelvin sign, dotless i, capital I with dot), ligatures, superscript
# digits, no-break spaces, and a text that ends inside a key
HOSTILE = [
    "The ſix hundred KILOMETRES cost $3.5 million, ıt said; about 40 % of 12,000 voters (45).",
    "Rund ZWÖLF Kilometer, knapp 3,5 Mio. EUR, \u0130n 2019: 4\u00a0000 Menschen, ſechs Prozent.",
    "x² = 10⁻³ and ① of ⅔; Smith, 45, said ﬁve; call +1 202 555 0100 or (202) 555-0100",
    "half a million, one in five, 2:1, US$7bn, a dozen, twenty-one, zwei Drittel, 7 von 10",
    "Sie sagte, ends with 1",
    "5",
    "",
]

PATTERNS = [
    (r"[Ss]aid|told", 0),
    (r"(?<![\w-])(?:about|nearly)\s+\d+", re.IGNORECASE),
    (r"\d\d?x|ab", 0),  # matches shorter than a key: "ab" then anything
    (r"(?:US)?\$\s?\d", re.IGNORECASE),
    (r"\s\((?P<n>\d{1,3})\)", 0),  # begins with white space
    (r"(?:[a-c]|k)\w*s", re.IGNORECASE),
    (r"(?:x?){5,}sie", re.IGNORECASE),  # a repeat that can be empty, more times than a key is long
    (r"(?i:six|ſechs)|I\u0307n|ı", 0),
]


def _sound(pattern: re.Pattern[str], keys: frozenset[str] | None, text: str) -> None:
    for pos in range(len(text) + 1):
        if pattern.match(text, pos) is not None:
            assert keys is None or may_start(keys, fold_key(text[pos : pos + 3])), (pattern.pattern, text[pos:])


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_every_match_position_passes_the_filter(pattern: str, flags: int) -> None:
    compiled = re.compile(pattern, flags)
    keys = start_prefixes(pattern, flags)
    for text in HOSTILE:
        _sound(compiled, keys, text)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_figures_master_filter_is_sound_and_selective(lang: str) -> None:
    fl = lang_of(lang)
    assert fl is not None and fl.starts is not None
    for text in HOSTILE:
        _sound(fl.master, fl.starts, text)
    # most word starts of ordinary prose begin no figure: the filter spares those attempts
    prose = "The committee met on a quiet evening and the members spoke with the press about its plans"
    starts = [m.start() for m in re.finditer(r"\b\w", prose)]
    passed = [p for p in starts if fl.may_start(prose, p)]
    assert len(passed) < len(starts) // 3


def test_case_folding_follows_the_regex_engine() -> None:
    # under IGNORECASE "ſ" is "s", the Kelvin sign "k", "ı" is "i"; each folds to one key
    assert fold_key("ſix") == fold_key("SIX") == "six"
    assert fold_key("\u212aM ") == "km "
    assert fold_key("ıt") == fold_key("It") == "it"
    assert fold_key("12\u00a0") == "## "
    keys = start_prefixes("six", re.IGNORECASE)
    assert keys is not None and may_start(keys, fold_key("ſix")) and not may_start(keys, fold_key("sex"))
    assert start_prefixes(r"\w+said", 0) is None  # an unbounded start: tried everywhere


def test_keys_cut_short_cover_every_continuation() -> None:
    keys = start_prefixes(r"ab", 0)
    assert keys is not None
    assert may_start(keys, fold_key("abc")) and may_start(keys, fold_key("ab")) and not may_start(keys, fold_key("a"))
