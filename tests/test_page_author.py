"""page_author.author gives trafilatura's extract_author answer, on fixtures, invented bylines and random pages."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from trafilatura import metadata as tm

from osint_cli import page_author, page_meta

FIXTURES = sorted(Path(__file__).parent.glob("**/*.html"))


def both(html: str) -> tuple[str | None, str | None]:
    tree = page_meta.parse(html)
    assert tree is not None
    return page_author.author(tree), tm.extract_author(tree)


def test_the_xpaths_of_this_trafilatura_are_read() -> None:
    # else author() silently takes trafilatura's slow call, and the tests below compare it with itself
    assert page_author._BYLINE is not None and page_author._PRUNE is not None


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_pages(path: Path) -> None:
    ours, theirs = both(path.read_text(encoding="utf-8"))
    assert ours == theirs


PAGE = "<html><head><title>T</title></head><body>{}<p>Body text of the article goes here.</p></body></html>"


@pytest.mark.parametrize(("body", "expected"), [
    # the first expression: rel, itemprop, class regex; and a bare <author> element
    ('<a rel="author" href="/x">Mirela Ostrova</a>', "Mirela Ostrova"),
    ('<span class="c-authorName">Tomas Lindqvist</span>', "Tomas Lindqvist"),
    ("<author>Ines Calderón</author>", "Ines Calderón"),
    # a child element's string value: <rel>me</rel>
    ('<div><rel>me</rel>Ada Q. Nwosu</div>', "Me Ada Q Nwosu"),
    # the second: byline classes, an id
    ('<div class="byline">By Kofi Mensah-Bonsu</div>', "Kofi Mensah-Bonsu"),
    ('<h4 id="zuozhe-box">Li Wenjun</h4>', "Li Wenjun"),
    # the third, on any element: data-component, class words
    ('<section data-component="Byline-wrap">Hana Kowalczyk</section>', "Hana Kowalczyk"),
    # a byline inside a comment block is pruned away; the article's own is found after it
    ('<div class="comments"><span class="author">Troll Account</span></div><span class="author">Pia Brandt</span>',
     "Pia Brandt"),
    # a date inside the byline is pruned, its tail joins the text before it
    ('<p class="byline">By <time>3 May</time>Oskar Vidal and <span class="date">x</span>Eva Lund</p>',
     "Oskar Vidal; Eva Lund"),
    # too long (120+ characters) for a byline: the next match is taken
    ('<div class="author">' + "Lorem ipsum " * 12 + '</div><span class="writer">Rui Tavares</span>', "Rui Tavares"),
    # nothing that looks like a byline
    ('<div class="content">No byline here</div>', None),
])
def test_invented_bylines(body: str, expected: str | None) -> None:
    ours, theirs = both(PAGE.format(body))
    assert ours == theirs
    if expected is not None:
        assert ours == expected


_TAGS = ["a", "div", "span", "p", "section", "h3", "h4", "strong", "time", "figure", "address", "em", "author", "rel", "li"]
_ATTRS = [
    ("class", ["author", "byline", "comments", "date", "title", "sidebar", "AuthorName", "author-name", "meta-date",
               "quote", "print", "writer", "username", "article-share", "x", "main", "Comments-box"]),
    ("id", ["author", "comments", "comment-list", "zuozhe", "main", "Author1"]),
    ("itemprop", ["author", "author name", "name"]),
    ("rel", ["author", "nofollow"]),
    ("data-component", ["Byline", "Figure", "Text"]),
    ("data-testid", ["AuthorCard", "Other"]),
]
_WORDS = ["By", "Jane", "Doe", "me", "and", "Sam", "Ng", "Updated", "2024", "Reuters", "staff", "comment"]


def _random_element(rng: random.Random, depth: int) -> str:
    tag = rng.choice(_TAGS)
    attrs = "".join(f' {name}="{rng.choice(values)}"' for name, values in _ATTRS if rng.random() < 0.2)
    inner = " ".join(rng.sample(_WORDS, rng.randint(0, 3)))
    if depth < 4:
        inner += "".join(_random_element(rng, depth + 1) + rng.choice(["", " ", " Kim Lee", " tail"])
                         for _ in range(rng.randint(0, 3)))
    return f"<{tag}{attrs}>{inner}</{tag}>"


@pytest.mark.parametrize("seed", range(400))
def test_random_pages(seed: int) -> None:
    rng = random.Random(seed)
    body = "".join(_random_element(rng, 0) for _ in range(rng.randint(1, 5)))
    ours, theirs = both(PAGE.format(body))
    assert ours == theirs


def test_an_expression_of_another_shape_is_not_read() -> None:
    assert page_author.read("//div[position()=1]") is None
    assert page_author.read("//*[self::a][@class='x'][@id='y']") is None  # two condition groups
    assert page_author.read("//*[self::a or self::p][@class='x' or re:test(@id, 'a|b')]|//author") is not None
