"""The word lookup behind surname aliases (names.People._word_at) finds what a scan of the text's words finds."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest

from osint_cli.extract.doc import Doc
from osint_cli.extract.lexicon import lexicon
from osint_cli.extract.name_words import find_word
from osint_cli.extract.names import _FINDS_BEFORE_INDEX, People, find_people
from osint_cli.rules import load

# the word definition every lookup must keep: a word starts at a letter or digit not after
# a letter, digit or hyphen, and runs on over letters, digits, apostrophes and hyphens
_WORD = re.compile(r"(?<![\w-])\w[\w'’-]*")
TEXT = ("O’Neill met O'Neill and O’Neill’s aide; 'Neill' is a quote, d'Artagnan and Jean-Pierre Meyer-Lansky "
        "too. Meyer said Meyer's view, -Meyer and Meyer- differ. Smiths, Smith’ and Smith. 42 Meyer")


def _scan(text: str, word: str) -> list[int]:
    return [m.start() for m in _WORD.finditer(text) if m.group().replace("’", "'") == word]


@pytest.mark.parametrize("many", [False, True], ids=["few lookups", "past the finds: the index"])
def test_word_at_equals_a_scan_of_every_word(many: bool) -> None:
    people = People(Doc.build(TEXT, load("en"), date(2024, 1, 1)), lexicon(load("en")))
    words = {w.replace("’", "'") for w in _WORD.findall(TEXT)} | {"Neil", "Meyer-", "Smith'", "Artagnan", "Pierre"}
    if many:
        for _ in range(_FINDS_BEFORE_INDEX + 1):
            people._word_at("Meyer")
    for word in sorted(words):
        assert people._word_at(word) == _scan(TEXT, word), word


@pytest.mark.parametrize("seed", range(40))
def test_word_lookup_on_random_texts(seed: int) -> None:
    # texts of a few letters, apostrophes, hyphens and spaces: every edge of the word definition
    rnd = random.Random(seed)
    text = "".join(rnd.choice("ab A-'’ .") for _ in range(rnd.randint(1, 60)))
    norm = text.replace("’", "'")
    for word in {w.replace("’", "'") for w in _WORD.findall(text)} | {"a", "ab", "A", "b'", "a-b"}:
        found = find_word(norm, word)
        assert found is None or found == _scan(text, word), (text, word)
        people = People(Doc.build(text, load("en"), date(2024, 1, 1)), lexicon(load("en")))
        assert people._word_at(word) == _scan(text, word), (text, word)


def test_surname_aliases_found_with_genitives() -> None:
    text = "Anna Berger leitet das Institut. Berger sagte, Bergers Team und Berger’ Buch seien fertig. Die Bergerin nicht."
    people = find_people(Doc.build(text, load("de"), date(2024, 1, 1)))
    spans = [(m.text, m.possessive) for m in people.persons[0].mentions]
    assert spans == [("Anna Berger", False), ("Berger", False), ("Berger", True), ("Berger", True)]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_never_phrase_spans_as_a_lookbehind_scan_finds_them(lang: str) -> None:
    from osint_cli.extract.lexicon import never_phrase_spans

    lex = lexicon(load(lang))
    assert lex.never_phrase is not None
    text = ("New York, xNew York, -New York, New Yorker, New York-based, (New York) and New York. "
            "Hong Kong Hong Kong; Sri LankaSri Lanka; Tel Aviv's Tel Aviv")
    whole = re.compile(r"(?<![\w-])(?:" + lex.never_phrase.pattern + ")")
    assert never_phrase_spans(lex, text) == [m.span() for m in whole.finditer(text)]
    assert never_phrase_spans(lex, text)  # the case finds some
