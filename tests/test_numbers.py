"""Property tests: a number written in a language's digit style or in its words parses
back to its value, both through the number parser and through the whole extractor."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osint_cli import rules
from osint_cli.extract import figures
from osint_cli.extract.doc import Doc
from osint_cli.extract.numbers import syntax

# --- writing numbers, independently of the code under test --------------------------

DE_ONES = ["", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"]
DE_TEENS = ["zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"]
DE_TENS = ["", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"]
EN_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
EN_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def de_below_100(n: int, last: bool) -> str:
    if n < 10:
        return "eins" if n == 1 and last else DE_ONES[n]
    if n < 20:
        return DE_TEENS[n - 10]
    tens, ones = divmod(n, 10)
    return (DE_ONES[ones] + "und" if ones else "") + DE_TENS[tens]


def de_below_1000(n: int, last: bool, bare_hundred: bool) -> str:
    hundreds, rest = divmod(n, 100)
    head = ("" if hundreds == 1 and bare_hundred else DE_ONES[hundreds]) + "hundert" if hundreds else ""
    return head + (de_below_100(rest, last) if rest else "")


def de_words(n: int, bare: bool = False) -> str:
    """German numeral, written as one compound below a million: dreihundertfünfzigtausendzwei."""
    millions, rest = divmod(n, 1_000_000)
    out = []
    if millions:
        out.append("eine Million" if millions == 1 else de_below_1000(millions, False, bare) + " Millionen")
    if rest:
        thousands, small = divmod(rest, 1000)
        word = (de_below_1000(thousands, False, bare) + "tausend" if thousands else "") + (de_below_1000(small, True, bare) if small else "")
        out.append(word)
    return " ".join(out)


def en_below_100(n: int, hyphen: bool) -> str:
    if n < 10:
        return EN_ONES[n]
    if n < 20:
        return EN_TEENS[n - 10]
    tens, ones = divmod(n, 10)
    return EN_TENS[tens] + (("-" if hyphen else " ") + EN_ONES[ones] if ones else "")


def en_below_1000(n: int, hyphen: bool, use_and: bool) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [EN_ONES[hundreds] + " hundred"] if hundreds else []
    if rest:
        parts.append(("and " if use_and and hundreds else "") + en_below_100(rest, hyphen))
    return " ".join(parts)


def en_words(n: int, hyphen: bool = True, use_and: bool = False) -> str:
    """English numeral: two million three hundred thousand and five."""
    out = []
    for scale, name in ((1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand")):
        q, n = divmod(n, scale)
        if q:
            out.append(en_below_1000(q, hyphen, use_and) + " " + name)
    if n:
        out.append(en_below_1000(n, hyphen, use_and))
    return " ".join(out)


def group_digits(n: int, sep: str) -> str:
    s = str(n)
    head = len(s) % 3 or 3
    return sep.join([s[:head]] + [s[i : i + 3] for i in range(head, len(s), 3)])


def only_value(lang: str, text: str) -> float:
    figs = figures.extract(Doc.build(text, rules.load(lang)))
    assert len(figs) == 1, figs
    return float(figs[0].value)


# --- digits ---------------------------------------------------------------------------

# the separators come from the rule pack: the parser's data and the pattern must agree
DE_GROUPS = sorted(rules.load("de").section("figures")["figures"]["group"]) + [""]
EN_GROUPS = sorted(rules.load("en").section("figures")["figures"]["group"]) + [""]


def test_pack_separators() -> None:
    assert syntax("de").decimal == "," and {".", " ", "'"} <= set(DE_GROUPS)
    assert syntax("en").decimal == "." and "," in EN_GROUPS


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**12), st.integers(0, 99), st.sampled_from(DE_GROUPS))
def test_german_digits_parse_back(whole: int, cents: int, sep: str) -> None:
    written = group_digits(whole, sep) + (f"{syntax('de').decimal}{cents:02d}" if cents else "")
    value = whole + cents / 100
    assert syntax("de").value(written) == pytest.approx(value)
    assert only_value("de", f"Es kostet {written} Euro.") == pytest.approx(value)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**12), st.integers(0, 99), st.sampled_from(EN_GROUPS))
def test_english_digits_parse_back(whole: int, cents: int, sep: str) -> None:
    written = group_digits(whole, sep) + (f"{syntax('en').decimal}{cents:02d}" if cents else "")
    value = whole + cents / 100
    assert syntax("en").value(written) == pytest.approx(value)
    assert only_value("en", f"It costs ${written} today.") == pytest.approx(value)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 999), st.integers(0, 9), st.sampled_from(["Millionen", "Mio.", "Milliarden", "Mrd."]))
def test_german_digits_with_scale(whole: int, tenth: int, scale: str) -> None:
    factor = {"Millionen": 1e6, "Mio.": 1e6, "Milliarden": 1e9, "Mrd.": 1e9}[scale]
    written = f"{whole},{tenth}" if tenth else str(whole)
    assert only_value("de", f"Der Schaden: {written} {scale} Euro.") == pytest.approx((whole + tenth / 10) * factor)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 999), st.integers(0, 9), st.sampled_from([" million", " billion", "bn", "m", "k"]))
def test_english_digits_with_scale(whole: int, tenth: int, scale: str) -> None:
    factor = {" million": 1e6, " billion": 1e9, "bn": 1e9, "m": 1e6, "k": 1e3}[scale]
    written = f"{whole}.{tenth}" if tenth else str(whole)
    assert only_value("en", f"The loss: ${written}{scale} so far.") == pytest.approx((whole + tenth / 10) * factor)


# --- words ----------------------------------------------------------------------------

@settings(max_examples=400, deadline=None)
@given(st.integers(2, 999_999_999), st.booleans())
def test_german_words_parse_back(n: int, bare: bool) -> None:
    written = de_words(n, bare)
    assert syntax("de").value(written) == n, written
    assert only_value("de", f"Es kamen {written} Besucher.") == n, written


@settings(max_examples=400, deadline=None)
@given(st.integers(2, 999_999_999), st.booleans(), st.booleans())
def test_english_words_parse_back(n: int, hyphen: bool, use_and: bool) -> None:
    written = en_words(n, hyphen, use_and)
    assert syntax("en").value(written) == n, written
    assert only_value("en", f"There were {written} visitors.") == n, written


@pytest.mark.parametrize(
    "lang,written,value",
    [
        ("de", "dreihundertfünfzig", 350),
        ("de", "neunzehnhundertdreiundsiebzig", 1973),
        ("de", "eineinhalb", 1.5),
        ("de", "zweieinhalb", 2.5),
        ("de", "anderthalb", 1.5),
        ("de", "drei Komma eins vier", 3.14),
        ("de", "hunderteins", 101),
        ("de", "eintausendzweihundertsechsundsechzig", 1266),
        ("en", "forty five hundred thirty eight", 4538),
        ("en", "one hundred and two", 102),
        ("en", "six point six", 6.6),
        ("en", "two and a half", 2.5),
        ("en", "half a million", 500_000),
        ("en", "a million", 1_000_000),
        ("en", "two-thirds", 2 / 3),
        ("de", "drei Viertel", 0.75),
        ("de", "3,5 Millionen", 3_500_000),
        ("en", "2.4bn", 2.4e9),
    ],
)
def test_word_values(lang: str, written: str, value: float) -> None:
    assert syntax(lang).value(written) == pytest.approx(value)


@pytest.mark.parametrize("lang,written", [("de", "Zweifel"), ("de", "fünfzignullzwei"), ("en", "twentyish"), ("en", "oneself")])
def test_words_that_are_no_numerals(lang: str, written: str) -> None:
    assert syntax(lang).value(written) is None


# --- rule packs: the trie-shaped list alternation matches what the flat one matched ----

@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="abAB.ü ", min_size=1, max_size=5), min_size=1, max_size=8),
    st.text(alphabet="abAB.ü x", max_size=12),
    st.booleans(),
)
def test_trie_alternation_matches_like_the_flat_one(words: list[str], text: str, fold: bool) -> None:
    import re

    flat = "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
    trie = rules._alternation(words, fold)
    flags = re.IGNORECASE if fold else 0
    for pos in range(len(text) + 1):
        a, b = re.compile(flat, flags).match(text, pos), re.compile(trie, flags).match(text, pos)
        assert (a.end() if a else None) == (b.end() if b else None), (pos, flat, trie)


def test_pattern_fragments_expand_recursively() -> None:
    pack = rules.RulePack(lang="xx", lists={"w": ["drei", "zwei"]}, patterns={"inner": "{w}und", "outer": "{inner}zwanzig"})
    assert pack.compile("{outer}").fullmatch("dreiundzwanzig")
    assert not pack.compile("{outer}").fullmatch("dreiund")
