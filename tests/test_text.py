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


def test_language_guess_counts_every_occurrence_and_folds_case() -> None:
    # one German stop word said many times outweighs four different English ones: the
    # count is of occurrences (each distinct word is looked up once, then multiplied)
    assert lang.detect("DIE die Die die die die die the and of to") == "de"
    assert lang.detect("die the THE The the the the the and") == "en"
    # the share of stop words is over all words, repeats included: 2 of 41 words is too few
    assert lang.detect("the and " + "Zyxwv " * 39) is None


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


def test_labelled_date_after_letters_that_lower_into_two() -> None:
    # "İ" lowers into two characters: the label places are still found where they stand
    from osint_cli.text import _labelled_date

    assert _labelled_date("İstanbul İİ " * 50 + "<p>Stand: 28.04.2020 18:00 Uhr</p>", date(2024, 1, 1)) == "2020-04-28"
    assert _labelled_date("İstanbul " * 50 + "we understand it. " + "x" * 500 + " 28.04.2020", date(2024, 1, 1)) is None


def test_plain_text_passes_through() -> None:
    art = article_from_page(Page(source="x.txt", url=None, body=b"Erste Zeile.\n\n  Zweite   Zeile.", content_type="text/plain"))
    assert art.text == "Erste Zeile.\nZweite Zeile."


@pytest.mark.parametrize("body", [b"", b"   \n\n ", b"<html><head><title>t</title></head><body><script>var x=1;</script></body></html>"])
def test_empty_pages_raise_no_text(body: bytes) -> None:
    with pytest.raises(NoText):
        article_from_page(Page(source="x", url=None, body=body, content_type="text/html"))


# ---- publication date: page evidence ranked over teasers, modifications and guesses ------------

_BODY = "<p>The council voted on the new budget after a long debate, the mayor said in a statement.</p>" * 5


def _page(head: str, body: str = "", url: str | None = None) -> str | None:
    html = f"<html><head>{head}</head><body><article><h1>Budget</h1>{body}{_BODY}</article></body></html>".encode()
    return article_from_page(Page(source="x", url=url, body=html, content_type="text/html")).date


def test_original_publication_beats_modification() -> None:
    head = ('<meta name="date" content="2023-11-07T07:30+01:00">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "dateModified": "2023-11-07T10:14+01:00", '
            '"datePublished": "2023-11-06T18:19+01:00"}</script>')
    assert _page(head) == "2023-11-06"


def test_published_time_meta_in_either_attribute_order() -> None:
    assert _page('<meta property="article:published_time" content="2022-05-03T12:25:36Z">'
                 '<meta property="article:modified_time" content="2022-05-04T09:49:32Z">') == "2022-05-03"
    assert _page('<meta content="2022-05-03T12:25:36Z" property="article:published_time">') == "2022-05-03"


def test_utc_stamp_after_midnight_takes_the_bylines_day() -> None:
    head = '<meta property="article:published_time" content="2021-02-10T04:50:22+00:00">'
    assert _page(head, '<p class="byline"><time datetime="2021-02-09">February 9, 2021</time></p>') == "2021-02-09"


def test_byline_time_beats_modification_guess() -> None:
    head = '<script>var meta = {"modifiedDate": "2021-06-12 13:38:23"};</script>'
    assert _page(head, '<time datetime="2021-06-10 05:28:29">10. Juni 2021</time>') == "2021-06-10"


def test_address_date_without_metadata() -> None:
    assert _page("", url="https://news.example/2020/03/14/budget-vote/") == "2020-03-14"


def test_never_a_date_after_today() -> None:
    head = '<meta property="article:published_time" content="2999-01-01T00:00:00Z">'
    assert _page(head, '<time datetime="2021-06-10">10 June 2021</time>') == "2021-06-10"


def test_published_labels_come_from_the_rule_packs() -> None:
    from osint_cli import rules

    assert "veröffentlicht" in rules.load("de").words("published_label")
    assert _page("", '<p>Veröffentlicht am: <span>2019-08-01</span></p>') == "2019-08-01"


def test_stamp_in_day_first_digits_beats_a_later_meta_date() -> None:
    # a page whose only own date is its visible stamp, written day first with dots; its
    # <meta name="date"> is a later change, and a teaser in the footer an older day
    head = '<meta name="date" content="2025-09-15T10:02:11">'
    body = '<p class="text"><span class="stand">Stand: 14.09.2025 08:15 Uhr</span></p>'
    html = (f"<html><head>{head}</head><body><article><h1>Haushalt</h1>{body}"
            + "<p>Der Stadtrat hat nach langer Debatte den neuen Haushalt beschlossen, sagte die Bürgermeisterin.</p>" * 5
            + "</article><aside><p>Mehr zum Thema<br/> 9.9.2025 12:00 Uhr</p></aside></body></html>").encode()
    art = article_from_page(Page(source="x", url=None, body=html, content_type="text/html"))
    assert art.date == "2025-09-14"


def test_day_first_label_is_a_real_day() -> None:
    assert _page("", '<p>Veröffentlicht: 31.02.2021</p>') != "2021-02-31"
