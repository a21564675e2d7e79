"""Page -> Article: with page_meta.py and page_author.py (its metadata step) the only modules that import trafilatura."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from . import lang as langid
from . import page_meta, rules
from .errors import NoText
from .fetch.decode import decode, looks_like_html
from .model import Article, Page

EARLIEST = date(1990, 1, 1)
# the page's own word for its original publication date, as metadata: JSON-LD "datePublished",
# <meta property="article:published_time">, itemprop="datePublished", Dublin Core date.issued
_PUBLISHED = re.compile(
    r"""(?:"datePublished"\s*:\s*"|(?:article:published_time|datePublished|date\.issued|og:published_time)["'][^<>]{0,120}?(?:content|datetime)=["'])"""
    r"(\d{4}-\d{2}-\d{2})"
)
_PUBLISHED_BEFORE = re.compile(r"""(?:content|datetime)=["'](\d{4}-\d{2}-\d{2})[^"'<>]*["'][^<>]{0,120}?(?:article:published_time|datePublished)["']""")
# the first <time datetime="..."> of a page: a byline's, more often than a teaser's
# a date in the page's address: /2023/11/07/ or /2023-11-07-
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{2})[/-](\d{2})(?=[/-]|\.html?|$)")
_TIME = re.compile(r"""<time\b[^<>]{0,200}?datetime=["'](\d{4}-\d{2}-\d{2})""")
_BLANKS = re.compile(r"[ \t\u00a0]+")
# a character reference to a control character or a non-character (one "&#27;") makes
# lxml/trafilatura drop the whole document: such references are removed before parsing
_CHAR_REF = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,6})|0*([0-9]{1,7}));?")


# a superset of the references _no_bad_refs removes: a hex or decimal value below 32 (one or
# two digits after the zeros), xFFFE/xFFFF, or five digits and more (every other non-character
# is above 0xFFFF): a page without any keeps all its references, with no Python call for each
_MAYBE_BAD_REF = re.compile(r"&#(?:[xX]0*(?:(?:1?[0-9a-fA-F])(?![0-9a-fA-F])|[fF]{3}[eEfF]|[0-9a-fA-F]{5})"
                            r"|0*(?:(?:[12]?[0-9]|3[01])(?![0-9])|[0-9]{5}))")


def _no_bad_refs(html: str) -> str:
    def keep(m: re.Match[str]) -> str:
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        bad = code < 32 and code not in (0, 9, 10, 13) or (code & 0xFFFE) == 0xFFFE
        return "" if bad else m.group()

    return _CHAR_REF.sub(keep, html) if "&#" in html and _MAYBE_BAD_REF.search(html) else html


def plausible_date(value: str | None, today: date | None = None) -> str | None:
    """An ISO date kept only if it is a real date between 1990 and today (plus a day)."""
    if not value:
        return None
    try:
        d = datetime.fromisoformat(value[:10]).date()
    except ValueError:
        return None
    today = today or date.today()
    if d < EARLIEST or d > today + timedelta(days=1):
        return None
    return d.isoformat()


def article_from_page(page: Page, lang: str | None = None) -> Article:
    """Extract the main text and metadata of a page; plain text passes through."""
    raw = decode(page)
    if page.content_type == "text/plain" or not looks_like_html(raw):
        text = _clean(raw)
        if not text:
            raise NoText(f"{page.source}: no text")
        return Article(text=text, url=page.url, lang=lang or langid.detect(text))
    # htmldate's guess is page_date's last resort: asked for only when nothing better is found,
    # and then on a tree the text extraction has not pruned (else that extraction may consume it)
    published = page_date(raw, None, page.url)
    found, meta, tree = _extract(_no_bad_refs(raw), page.url, keep_tree=published is None)
    text = _clean(found or "")
    if not text:
        raise NoText(f"{page.source}: no article text could be extracted")
    published = published or plausible_date(page_meta.date(tree, meta.url))
    return Article(
        text=text,
        title=meta.title or None,
        author=meta.author or None,
        date=published,
        sitename=meta.sitename or None,
        url=page.url,
        canonical_url=meta.url if meta.url and meta.url != page.url else None,
        lang=lang or _lang_of(None, text),  # bare_extraction's language is set only for a target_language
        description=meta.description or None,
    )


def _extract(html: str, url: str | None, keep_tree: bool = True) -> tuple[str | None, Any, Any]:
    """trafilatura's text, metadata (but its date) and parsed tree of a page, as
    ``bare_extraction(with_metadata=True)`` gives them, without the categories, tags and
    licence it would also read (page_meta.py). ``keep_tree=False``: the text extraction may
    prune the returned tree in place (it skips a copy of the page)."""
    tree = page_meta.parse(html)
    if tree is None:
        return None, None, None
    try:
        meta = page_meta.metadata(tree, url, with_date=False)
    except (TypeError, ValueError):  # what bare_extraction turns into "no document"
        return None, None, None
    return page_meta.text_of(tree, url or meta.url, consume=not keep_tree), meta, tree


def page_date(html: str, guessed: str | None, url: str | None = None, today: date | None = None) -> str | None:
    """The publication date of a page, from the best evidence it carries, never after today.

    Ranked: the original publication date of the metadata (the earliest, not a later
    modification); the address's date or the byline's ``<time>`` when it is that same day or
    the day before (a UTC stamp past midnight is the publisher's previous evening); else a
    date the page labels as its own ("Veröffentlicht am"); else the address's date; else its
    first ``<time>``; else htmldate's guess.
    """
    published = min(filter(None, (plausible_date(m.group(1), today) for m in _iter_published(html))), default=None)
    m = _TIME.search(html)
    byline = plausible_date(m.group(1), today) if m else None
    u = _URL_DATE.search(url or "")
    in_url = plausible_date("-".join(u.groups()), today) if u else None
    for local in (in_url, byline):
        if published and local and 0 <= (date.fromisoformat(published) - date.fromisoformat(local)).days <= 1:
            return local
    return published or _labelled_date(html, today) or in_url or byline or plausible_date(guessed, today)


def _iter_published(html: str) -> list[re.Match[str]]:
    # Every match holds "ublished" or "date.issued" and no "<" or ">": the patterns are run
    # only over the runs of text between two tags that hold such a word (the same matches as
    # over the whole page, which cost 15 % of a page's trafilatura time), and there only at
    # the places where a match can begin (a run may be a whole JSON-LD script: re would try
    # every one of its characters, as neither pattern starts with one fixed word)
    found = []
    for start, end in _runs_with(html, ("ublished", "date.issued")):
        found += _matches_from(_PUBLISHED, html, _starts(html, start, end, _PUBLISHED_FIRST), end)
        found += _matches_from(_PUBLISHED_BEFORE, html, _starts(html, start, end, _BEFORE_FIRST), end)
    return found


# the words a match of _PUBLISHED / _PUBLISHED_BEFORE begins with (tests/test_page_speed.py
# checks the matches equal a scan of the whole page)
_PUBLISHED_FIRST = ('"datePublished"', "article:published_time", "datePublished", "date.issued", "og:published_time")
_BEFORE_FIRST = ("content=", "datetime=")


def _starts(html: str, start: int, end: int, words: tuple[str, ...]) -> list[int]:
    """Every position in ``html[start:end]`` where one of ``words`` begins, in order."""
    found = set()
    for word in words:
        pos = html.find(word, start, end)
        while pos != -1:
            found.add(pos)
            pos = html.find(word, pos + 1, end)
    return sorted(found)


def _matches_from(pattern: re.Pattern[str], html: str, starts: list[int], end: int) -> list[re.Match[str]]:
    """``pattern.finditer(html, .., end)`` for a pattern whose matches (never empty) begin only at ``starts``."""
    found: list[re.Match[str]] = []
    for pos in starts:
        if found and pos < found[-1].end():
            continue  # finditer resumes after a match
        m = pattern.match(html, pos, end)
        if m is not None:
            found.append(m)
    return found


def _runs_with(html: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """The maximal stretches free of ``<`` and ``>`` that contain one of ``words``, in page order."""
    runs = set()
    for word in words:
        pos = html.find(word)
        while pos != -1:
            start = max(html.rfind("<", 0, pos), html.rfind(">", 0, pos)) + 1
            ends = [e for e in (html.find("<", pos), html.find(">", pos)) if e != -1]
            end = min(ends) if ends else len(html)
            runs.add((start, end))
            pos = html.find(word, end)
    return sorted(runs)


@lru_cache(maxsize=1)
def _labels() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The publication labels of every language pack ("Published", "Veröffentlicht"), as one regex."""
    words = sorted({w for lang in rules.available() for w in rules.load(lang).lists.get("published_label", ())}, key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in words) or "(?!)"
    # the date as ISO (2023-11-07) or written day first with dots, as German and most of
    # Europe stamp a page ("Stand: 28.04.2020 18:00 Uhr")
    labelled = re.compile(rf"(?:{alt})\s*(?:\w{{1,3}})?\s*:?\s*(?:<[^>]{{0,200}}>\s*){{0,3}}"
                          r"(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d))", re.IGNORECASE)
    return labelled, tuple(w.casefold() for w in words)


def _labelled_date(html: str, today: date | None = None) -> str | None:
    """The date a page labels as its own publication date ("Published: 2023-11-07"): the
    first label in the page followed by a date within 400 characters."""
    labelled, keys = _labels()
    low = html.lower()  # plain substring tests first: a case-insensitive scan of the whole page is slow
    if len(low) != len(html):  # a letter lowered into two ("İ"): lowered one by one, positions kept
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in html)
    # every label word's places, in page order ("stand" is in every "understand": hundreds),
    # each tried once, anchored: a match begins with a label word
    places = sorted({pos for word in keys for pos in _places(low, word)})
    best = next(filter(None, (labelled.match(html, pos, pos + 400) for pos in places)), None)
    if best is None:
        return None
    year, month, day = best.groups()[:3] if best.group(1) else best.groups()[5:2:-1]
    return plausible_date(f"{year}-{int(month):02d}-{int(day):02d}", today)


def _places(low: str, word: str) -> Iterator[int]:
    pos = low.find(word)
    while pos != -1:
        yield pos
        pos = low.find(word, pos + 1)


def _lang_of(declared: str | None, text: str) -> str | None:
    guessed = langid.detect(text)
    if guessed:
        return guessed
    return declared.split("-")[0].lower() if declared else None


def _clean(text: str) -> str:
    lines = (_BLANKS.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)
