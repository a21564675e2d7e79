"""The URLs of a batch from an RSS/Atom/JSON feed (``--feed``) or a sitemap (``--sitemap``).

Why not trafilatura's ``find_feed_urls`` / ``sitemap_search``: they download with their own
HTTP client (no proxy, none of our size, time and private-address limits, another
User-Agent), and courlan's filter behind them drops links to IP-literal hosts and to other
domains than the feed's (an aggregator's whole point); their feed regex also takes a
channel's own home-page link for an article. So the documents are fetched here with
``fetch`` (every limit and proxy of a page) and parsed with lxml, which trafilatura already
brings, hardened: no entity expansion, no network, no DTD. Only item links are taken: RSS
``item/link`` (or a permalink ``guid``), Atom ``entry/link`` (rel alternate), RDF
``item/link``, JSON Feed ``items[].url``; a sitemap index is followed to its sitemaps
(breadth first, at most ``MAX_SITEMAPS``), a text sitemap read one URL a line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import urljoin

from ..errors import SourceError
from ..fetch.decode import decode
from ..model import Page
from ..settings import Settings

MAX_SITEMAPS = 100  # sitemaps read for one --sitemap, index files included
MAX_URLS = 1_000_000  # page URLs taken from one feed or sitemap set


class InputError(SourceError):
    """A feed or sitemap that could not be read or holds no usable links."""

    kind = "input"


def _fetch(url: str, settings: Settings) -> Page:
    from ..fetch import fetch  # httpx: only when a feed or sitemap is asked for

    return fetch(url, settings)


def _local(tag: object) -> str:
    return str(tag).rpartition("}")[2].lower() if isinstance(tag, str) else ""


def _parse_xml(page: Page) -> object | None:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True)
    try:
        return etree.fromstring(page.body, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _feed_links(root: object) -> Iterator[str]:
    for node in root.iter():  # type: ignore[attr-defined]
        name = _local(node.tag)
        if name == "item":  # RSS 0.9x/2.0 and RDF (RSS 1.0)
            link = next((c for c in node if _local(c.tag) == "link" and (c.text or "").strip()), None)
            guid = next((c for c in node if _local(c.tag) == "guid" and c.get("isPermaLink", "true") == "true"), None)
            chosen = link if link is not None else guid
            if chosen is not None and (chosen.text or "").strip():
                yield chosen.text.strip()
        elif name == "entry":  # Atom
            links = [c for c in node if _local(c.tag) == "link" and c.get("href")]
            best = next((c for c in links if c.get("rel", "alternate") == "alternate"), None)
            if best is not None:
                yield best.get("href").strip()


def feed_urls(url: str, settings: Settings) -> list[str]:
    """The article URLs of an RSS, Atom or JSON feed, in feed order, without duplicates."""
    page = _fetch(url, settings)
    base = page.url or url
    text = decode(page).lstrip()
    if text.startswith("{"):
        try:
            items = json.loads(text).get("items", [])
        except (ValueError, AttributeError, RecursionError):
            raise InputError(f"{url}: not a valid JSON feed") from None
        raw = [i.get("url") or i.get("external_url") for i in items if isinstance(i, dict)] if isinstance(items, list) else []
        links = [str(x) for x in raw if isinstance(x, str) and x]
    else:
        root = _parse_xml(page)
        if root is None or _local(getattr(root, "tag", "")) not in ("rss", "feed", "rdf"):
            raise InputError(f"{url}: not an RSS, Atom or JSON feed")
        links = list(_feed_links(root))
    return _absolute(base, links)


def sitemap_urls(url: str, settings: Settings) -> list[str]:
    """The page URLs of a sitemap, following a sitemap index (breadth first, at most MAX_SITEMAPS files)."""
    queue, seen, pages = [url], {url}, list[str]()
    read = 0
    while queue and read < MAX_SITEMAPS and len(pages) < MAX_URLS:
        current = queue.pop(0)
        read += 1
        try:
            page = _fetch(current, settings)
        except SourceError as e:
            if current == url:
                raise InputError(str(e)) from None
            continue  # one broken child sitemap does not lose the others
        children, found = _sitemap(page, current)
        if current == url and not children and not found:
            raise InputError(f"{url}: not a sitemap (no <urlset>, <sitemapindex> or URL lines)")
        pages.extend(found)
        for child in children:
            if child not in seen:
                seen.add(child)
                queue.append(child)
    return _absolute(url, pages)


def _sitemap(page: Page, url: str) -> tuple[list[str], list[str]]:
    """(child sitemaps, page URLs) of one sitemap document (XML, or text with one URL a line)."""
    text = decode(page).lstrip()
    if not text.startswith("<"):
        return [], [line.strip() for line in text.splitlines() if line.strip().lower().startswith(("http://", "https://"))]
    root = _parse_xml(page)
    kind = _local(getattr(root, "tag", ""))
    if root is None or kind not in ("urlset", "sitemapindex"):
        return [], []
    locs = [c.text.strip() for c in root.iter() if _local(c.tag) == "loc" and (c.text or "").strip()]  # type: ignore[attr-defined]
    return (locs, []) if kind == "sitemapindex" else ([], locs)


def _absolute(base: str, links: list[str]) -> list[str]:
    """Links made absolute against ``base``; http(s) only; first occurrence kept; at most MAX_URLS."""
    out: dict[str, None] = {}
    for link in links:
        full = urljoin(base, link.strip())
        if full.lower().startswith(("http://", "https://")):
            out.setdefault(full)
        if len(out) >= MAX_URLS:
            break
    return list(out)
