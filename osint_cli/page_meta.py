"""A page's metadata read the way trafilatura reads it, without the parts osint never uses.

``trafilatura.bare_extraction(with_metadata=True)`` spends about a tenth of its time on
categories, tags and a licence, which no report holds. ``parse`` and ``metadata`` run the
same steps as ``trafilatura.metadata.extract_metadata`` (meta tags, JSON-LD, title, author,
URL, htmldate's date, site name) in the same order, and ``text.article_from_page`` then
extracts the text with ``with_metadata=False`` from the same parsed tree.
``tests/test_text.py`` checks that the fields osint reads equal trafilatura's own.
"""

from __future__ import annotations

from typing import Any

from courlan import extract_domain
from trafilatura import metadata as tm
from trafilatura.settings import DEFAULT_CONFIG, set_date_params
from trafilatura.utils import load_html

# bare_extraction's own defaults (trafilatura.settings.Extractor)
_MAX_SIZE = DEFAULT_CONFIG.getint("DEFAULT", "MAX_FILE_SIZE")
_EXTENSIVE = DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH")


def parse(html: str) -> Any:
    """The lxml tree of a page as trafilatura parses it, or None when it is no HTML."""
    return load_html(html, _MAX_SIZE)


def metadata(tree: Any, default_url: str | None, with_date: bool = True) -> Any:
    """trafilatura's Document with title, author, url, hostname, date, sitename and description.

    ``with_date=False`` leaves out htmldate's date (a twentieth of the call), for a caller that
    needs it only when the page has no better evidence (``date(tree, meta.url)`` later)."""
    meta = tm.examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    try:
        meta = tm.extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001, S110 - trafilatura guards its JSON-LD reader the same way
        pass
    if not meta.title:
        meta.title = tm.extract_title(tree)
    if not meta.author:
        meta.author = tm.extract_author(tree)
    if not meta.url:
        meta.url = tm.extract_url(tree, default_url)
    if meta.url:
        meta.hostname = extract_domain(meta.url, fast=True)
    if with_date:
        meta.date = date(tree, meta.url)
    if not meta.sitename:
        meta.sitename = tm.extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url:
        found = tm.META_URL.match(meta.url)
        if found:
            meta.sitename = found[1]
    meta.filedate = set_date_params(_EXTENSIVE).get("max_date")
    meta.clean_and_trim()
    return meta


def date(tree: Any, url: str | None) -> str | None:
    """htmldate's publication date of a page, as trafilatura's metadata step asks for it."""
    config = set_date_params(_EXTENSIVE)
    config["url"] = url
    return tm.find_date(tree, **config)  # type: ignore[no-any-return]
