"""The faster page reading gives what trafilatura's full call gives: metadata fields and published dates."""

from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from osint_cli import page_meta, text

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(p for p in FIXTURES.rglob("*.html"))
FIELDS = ("title", "author", "date", "sitename", "url", "hostname", "description")


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("url", [None, "https://www.example.org/2024/03/05/story.html"])
def test_metadata_and_text_equal_trafilaturas_full_call(path: Path, url: str | None) -> None:
    html = path.read_text(encoding="utf-8", errors="replace")
    full = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=True)
    found, meta, tree = text._extract(html, url)
    if full is None:
        assert found is None
        return
    meta.date = page_meta.date(tree, meta.url)  # asked for after the text, as article_from_page does
    assert {f: getattr(meta, f) for f in FIELDS} == {f: getattr(full, f) for f in FIELDS}
    assert found == full.text


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("url", [None, "https://www.example.org/2024/03/05/story.html"])
def test_text_from_a_consumed_tree_equals_trafilaturas(path: Path, url: str | None) -> None:
    # text_of(consume=True) runs bare_extraction's steps without its copy of the tree
    html = path.read_text(encoding="utf-8", errors="replace")
    full = trafilatura.bare_extraction(html, url=url, include_comments=False, include_tables=True)
    tree = page_meta.parse(html)
    assert page_meta.text_of(tree, url, consume=True) == (None if full is None else full.text)


def test_text_of_without_consume_leaves_the_tree_whole() -> None:
    html = ("<html><body><article><p>" + "A sentence of the article. " * 30 + "</p></article>"
            "<div id='comments'><p>A reader comment here.</p></div></body></html>")
    tree = page_meta.parse(html)
    before = etree.tostring(tree)
    assert page_meta.text_of(tree, None).startswith("A sentence")
    assert etree.tostring(tree) == before
    page_meta.text_of(tree, None, consume=True)
    assert b"comment" not in etree.tostring(tree)  # the extraction pruned it: why the default copies


def test_metadata_reader_sees_json_ld_and_meta_tags() -> None:
    html = ("<html><head><title>T – Site</title><meta name='author' content='Jane Roe'>"
            "<meta property='og:site_name' content='Example News'>"
            "<script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"Headline here\","
            "\"datePublished\":\"2023-04-05T10:00:00Z\"}</script></head>"
            "<body><article><p>" + "Some text of the article body. " * 20 + "</p></article></body></html>")
    full = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True)
    meta = page_meta.metadata(page_meta.parse(html), None)
    assert {f: getattr(meta, f) for f in FIELDS} == {f: getattr(full, f) for f in FIELDS}
    assert meta.sitename == "Example News" and meta.date == "2023-04-05"


PUBLISHED_CASES = [
    '<meta property="article:published_time" content="2021-02-03T04:05:06Z">',
    '<meta content="2021-02-03" property="article:published_time"><p>published</p>',
    '<script>{"datePublished": "2020-01-02", "x": 1, "datePublished":"2020-01-03"}</script>',
    '<div itemprop="datePublished" datetime="2019-09-09">x</div><meta name="DC.date.issued" content="2018-08-08">',
    'text only, datePublished" content="2017-07-07" and no tag after',
    # a match that holds the first word of another: the scan resumes after the first match
    '<meta property="datePublished" og:published_time" content="2015-05-05" datetime="2015-05-04" datePublished">',
    '{"datePublished" : "2014-04-04", "date.issued": "x", content="2014-04-03" "article:published_time"}',
    '<p>nothing published here</p>',
    '<meta property="og:published_time" content="2016-06-06"><meta property="og:published_time" content="2016-06-05">',
]


@pytest.mark.parametrize("html", PUBLISHED_CASES)
def test_published_dates_same_as_a_scan_of_the_whole_page(html: str) -> None:
    page = "<html><head>" + html * 2 + "</head><body>" + "<p>x &lt; y</p>" * 50 + "</body></html>"
    whole = [*text._PUBLISHED.finditer(page), *text._PUBLISHED_BEFORE.finditer(page)]
    assert sorted(m.span() for m in text._iter_published(page)) == sorted(m.span() for m in whole)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_published_dates_of_fixture_pages_same_as_a_scan_of_the_whole_page(path: Path) -> None:
    page = path.read_text(encoding="utf-8", errors="replace")
    whole = [*text._PUBLISHED.finditer(page), *text._PUBLISHED_BEFORE.finditer(page)]
    assert sorted(m.span() for m in text._iter_published(page)) == sorted(m.span() for m in whole)


FORM_PAGE = ("<html><body><FORM action=x><INPUT name=a value=1><Label for=a>L</Label><TextArea>t</TextArea>"
             "<select><option>o</option></select></FORM><o:p>x</o:p><!-- c --><?pi x?>&nbsp;<p>" + "word " * 50
             + "</p></body></html>")


@pytest.mark.parametrize("html", [*(p.read_text(encoding="utf-8", errors="replace") for p in PAGES), FORM_PAGE,
                                  '<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p><p>y</p></body></html>',
                                  "<p>only a fragment</p>", "", "<html/>\n<body><p>a</p></body>"])
def test_parse_gives_trafilaturas_tree_with_the_same_element_classes(html: str) -> None:
    # page_meta's parser looks element classes up in C: same tree, same class for every element
    ours, theirs = page_meta.parse(html), load_html(html)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert etree.tostring(ours) == etree.tostring(theirs)
        assert [type(e) for e in ours.iter()] == [type(e) for e in theirs.iter()]


def test_form_elements_keep_lxml_htmls_classes() -> None:
    tree = page_meta.parse(FORM_PAGE)
    assert {type(e).__name__ for e in tree.iter()} >= {"FormElement", "InputElement", "LabelElement",
                                                       "SelectElement", "TextareaElement", "HtmlElement"}
    assert tree.find(".//input").value == "1"


def _bad(code: int) -> bool:
    return code < 32 and code not in (0, 9, 10, 13) or (code & 0xFFFE) == 0xFFFE


CODES = sorted({*range(0, 300), *range(0xFFF0, 0x10010), 9999, 10000, 65533, 99999, 100000, 999999, 1000000, 0x10FFFF,
                *(plane | low for plane in range(0, 0x110000, 0x10000) for low in (0xFFFD, 0xFFFE, 0xFFFF))})


def test_no_bad_refs_removes_exactly_the_control_and_non_character_references() -> None:
    # the quick pre-test (a superset of the bad references) must never let a bad one through
    for code in CODES:
        forms = [f"&#{code};", f"&#{code}x", f"&#00{code};", f"&#x{code:x};", f"&#X{code:X}z", f"&#x00{code:X};"]
        for ref in forms:
            if len(ref.strip("&#xX;z").lstrip("0")) > (7 if ref[2] not in "xX" else 6):
                continue  # longer than a reference's digits: another case
            page = f"<p>a{ref}b &#39; &#x2019;</p>"
            kept = text._no_bad_refs(page)
            assert kept == (page.replace(ref.rstrip("xz"), "", 1) if _bad(code) else page), ref
