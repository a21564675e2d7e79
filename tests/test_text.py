"""Article extraction: publication-date plausibility, language guess, plain text pass-through."""

from __future__ import annotations

from datetime import date

import pytest

from osint_cli import lang
from osint_cli.errors import NoText
from osint_cli.model import Page
from osint_cli.text import article_from_page, plausible_date

from .conftest import SEED_HTML


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2024-03-06", "2024-03-06"),
        ("2024-03-06T10:00:00+01:00", "2024-03-06"),
        ("1990-01-01", "1990-01-01"),
        ("1989-12-31", None),  # before the web news era: a wrong guess
        ("2031-01-01", None),  # in the future
        ("2024-02-30", None),  # not a day
        ("", None),
        (None, None),
        ("yesterday", None),
    ],
)
def test_plausible_date(value: str | None, expected: str | None) -> None:
    assert plausible_date(value, today=date(2026, 11, 28)) == expected


@pytest.mark.parametrize(
    "text,code",
    [
        ("Die Regierung hat am Montag erklärt, dass sie die Steuern nicht erhöhen wird.", "de"),
        ("The government said on Monday that it would not raise taxes this year.", "en"),
        ("Le gouvernement a déclaré lundi qu'il n'augmenterait pas les impôts cette année.", "fr"),
        ("El gobierno dijo el lunes que no subiría los impuestos este año para la población.", "es"),
        ("12345 67890", None),
    ],
)
def test_language_guess(text: str, code: str | None) -> None:
    assert lang.detect(text) == code


def test_seed_page_metadata_and_no_clutter() -> None:
    art = article_from_page(Page(source="seed", url=None, body=SEED_HTML.read_bytes(), content_type="text/html"))
    assert art.date == "2024-03-06" and art.lang == "de"
    assert "Yang Uk ist Militärexperte" in art.text
    assert "Cookie" not in art.text, "the cookie banner is not article text"


def test_labelled_date_beats_teaser_dates() -> None:
    html = (
        "<html><body><article><h1>Cold wave</h1><p class='date'>Written: 2023-11-07 15:03:30</p>"
        + "<p>Temperatures will fall sharply across the country on Wednesday, the weather agency said.</p>" * 5
        + "</article><aside><p class='date'>2023-11-03</p></aside></body></html>"
    ).encode()
    art = article_from_page(Page(source="x", url=None, body=html, content_type="text/html"))
    assert art.date == "2023-11-07"


def test_plain_text_passes_through() -> None:
    art = article_from_page(Page(source="x.txt", url=None, body="Erste Zeile.\n\n  Zweite   Zeile.".encode(), content_type="text/plain"))
    assert art.text == "Erste Zeile.\nZweite Zeile."


@pytest.mark.parametrize("body", [b"", b"   \n\n ", b"<html><head><title>t</title></head><body><script>var x=1;</script></body></html>"])
def test_empty_pages_raise_no_text(body: bytes) -> None:
    with pytest.raises(NoText):
        article_from_page(Page(source="x", url=None, body=body, content_type="text/html"))
