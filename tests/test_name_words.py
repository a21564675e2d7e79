"""The public name-shape tests (name_words.name_word, plausible) shared by every reader of unknown names."""

from __future__ import annotations

import pytest

from osint_cli.extract.lexicon import lexicon
from osint_cli.extract.name_words import name_word, plausible
from osint_cli.rules import load


@pytest.mark.parametrize(
    "lang,word,ok",
    [
        ("en", "Hrafnsson", True),
        ("en", "O’Brady", True),
        ("en", "Smith's", True),
        ("en", "The", False),        # a function word
        ("en", "Many", False),       # a quantifier opening a sentence
        ("en", "Institute", False),  # an organisation word
        ("en", "Spokesman", False),  # a role noun
        ("en", "NATO", False),       # no lower-case letter: an acronym
        ("en", "X", False),
        ("en", "9/11", False),
        ("de", "Brandes", True),
        ("de", "Sprecherin", False),
        ("de", "GmbH", False),
    ],
)
def test_name_word(lang: str, word: str, ok: bool) -> None:
    assert name_word(lexicon(load(lang)), word) is ok


@pytest.mark.parametrize(
    "words,ok",
    [
        (["Rosa", "Ibarra"], True),
        (["Marshall", "Islands"], False),  # a country as a whole
        (["Costa", "Rica"], False),
        (["Unlike", "Gazprom"], False),    # opened by a preposition
        ([], False),
    ],
)
def test_plausible(words: list[str], ok: bool) -> None:
    assert plausible(lexicon(load("en")), words) is ok


@pytest.mark.parametrize(
    "text",
    [
        "Victor Ames, the commander of Eastfield district, said the crowd was peaceful.",  # a district is a place
        "Lena Park, the governor of Nov., said no.",  # a month is no organisation
    ],
)
def test_no_place_or_month_as_affiliation(text: str) -> None:
    from osint_cli import extract

    (expert,) = extract.run(text, "en", None, ("experts",)).experts
    assert expert.affiliation is None
