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

import trafilatura
from courlan import extract_domain
from lxml import etree
from lxml import html as lxml_html
from trafilatura import metadata as tm
from trafilatura.settings import DEFAULT_CONFIG, Extractor, set_date_params
from trafilatura.utils import load_html

from . import page_author

try:  # the steps of load_html (parse) and of bare_extraction after it has copied its input tree (text_of)
    from trafilatura.core import trafilatura_sequence
    from trafilatura.utils import LOGGER, is_dubious_html, repair_faulty_html
    from trafilatura.xml import xmltotxt
except ImportError:  # pragma: no cover - another trafilatura: parse and text_of take the public calls
    trafilatura_sequence = None  # type: ignore[assignment]

# bare_extraction's own defaults (trafilatura.settings.Extractor)
_MAX_SIZE = DEFAULT_CONFIG.getint("DEFAULT", "MAX_FILE_SIZE")
_EXTENSIVE = DEFAULT_CONFIG.getboolean("DEFAULT", "EXTENSIVE_DATE_SEARCH")
# the trafilatura releases whose load_html (parse) and bare_extraction (text_of) this module
# repeats step by step (tests/test_page_speed.py checks both on every fixture); any other
# release gets the public calls
_SEQUENCE_CHECKED = ("2.3.1",)


def parse(html: str) -> Any:
    """The lxml tree of a page as trafilatura parses it, or None when it is no HTML.

    The steps of trafilatura's ``load_html`` for a string, with a parser that differs from
    its ``HTML_PARSER`` only in how lxml picks each element's class (``_html_parser``): the
    tree, and every copy trafilatura makes of it, then costs no Python call per element."""
    if not isinstance(html, str) or trafilatura_sequence is None or trafilatura.__version__ not in _SEQUENCE_CHECKED:
        return load_html(html, _MAX_SIZE)
    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    html = repair_faulty_html(html, beginning)
    tree, fallback = None, False
    try:
        tree = lxml_html.fromstring(html, parser=_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, fallback = _from_bytes(html), True
    except Exception as err:  # noqa: BLE001 - as load_html: a parser failure is "no document"
        LOGGER.error("lxml parsing failed: %s", err)
    if (tree is None or len(tree) < 1) and not fallback:
        tree = _from_bytes(html)
    if tree is not None and dubious and len(tree) < 2:
        LOGGER.error("parsed tree length: %s, wrong data type or not valid HTML", len(tree))
        tree = None
    return tree


def _from_bytes(html: str) -> Any:
    """trafilatura's ``fromstring_bytes`` with our parser."""
    try:
        return lxml_html.fromstring(html.encode("utf8", "surrogatepass"), parser=_PARSER)
    except Exception as err:  # noqa: BLE001 - as trafilatura: logged, and no document
        LOGGER.error("lxml parser bytestring %s", err)
    return None


def _html_parser() -> Any:
    """trafilatura's ``HTML_PARSER`` (same options), whose element classes lxml looks up in C.

    lxml.html's own lookup is a Python method called for every element lxml hands to Python
    (186,000 calls on 49 pages: 8 % of the extraction); this one gives the same classes (a
    plain HtmlElement, lxml.html's FormElement, InputElement, ... for their tags: the HTML
    parser lowercases tag names, which that method does by hand), with no Python call."""
    fallback = etree.ElementDefaultClassLookup(element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
                                               pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity)
    lookup = etree.ElementNamespaceClassLookup(fallback)
    lookup.get_namespace(None).update(lxml_html.HtmlElementClassLookup._default_element_classes)
    parser = lxml_html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                  remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(lookup)
    return parser


_PARSER = _html_parser()


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
        meta.author = page_author.author(tree)  # extract_author's answer, without its page copy
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


def text_of(tree: Any, url: str | None, consume: bool = False) -> str | None:
    """trafilatura's main text of a parsed page, as ``bare_extraction(tree, url=url,
    include_comments=False, include_tables=True)`` gives it, or None where it gives no document.

    bare_extraction copies a tree it is handed (2-3 % of its time) so that the caller's stays
    intact; ``consume=True`` skips that copy when the caller needs the tree no more: the
    extraction prunes it in place."""
    options = Extractor(config=DEFAULT_CONFIG, output_format="python", comments=False, tables=True, url=url)
    if (not consume or trafilatura_sequence is None or trafilatura.__version__ not in _SEQUENCE_CHECKED
            or options.max_tree_size):
        doc = trafilatura.bare_extraction(tree, url=url, with_metadata=False, include_comments=False, include_tables=True)
        return None if doc is None else doc.text  # type: ignore[union-attr]
    try:
        body, text, _, comments = trafilatura_sequence(tree, options, options.url)
        if len(text) < options.min_output_size and len(comments) < options.min_output_comm_size:
            return None
    except (TypeError, ValueError):  # what bare_extraction turns into "no document"
        return None
    return xmltotxt(body, options.formatting)  # type: ignore[no-any-return]
