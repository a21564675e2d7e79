"""Bytes -> str for pages: content checks, and the charset from BOM, header, meta or the bytes."""

from __future__ import annotations

import codecs
import re

from ..errors import UnsupportedContent
from ..model import Page

# what we extract: HTML, XHTML (also served as XML) and plain text; and what `osint batch
# --feed` reads: RSS, Atom, RDF and JSON feeds (sitemaps come as XML)
TEXT_TYPES = {"text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml",
              "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json"}
SNIFF_BYTES = 8192  # how much of the start of a body the magic-byte checks look at
_MAGIC = {
    b"%PDF-": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x1f\x8b": "gzip-compressed data",
    b"RIFF": "a RIFF (WebP/AVI/WAV) file",
    b"\x00\x00\x01\x00": "an icon",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"\x7fELF": "an executable",
    b"MZ\x90\x00": "an executable",
}
_TYPE_NAMES = {"application/pdf": "a PDF document", "image/": "an image", "audio/": "audio", "video/": "video"}
_BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTMLISH = re.compile(r"<(?:!doctype|html|head|body|p|div|article|meta|title)\b", re.IGNORECASE)
# WHATWG Encoding: these labels mean windows-1252, whose 0x80-0x9F are printable (€, „, “ ...)
_AS_CP1252 = {"latin-1", "iso8859-1", "ascii", "cp1252"}
_SINGLE_BYTE = re.compile(r"^(cp\d+|iso8859-\d+|koi8-.*|mac-.*|latin-1|ascii)$")


def media_type(content_type: str | None) -> str | None:
    """``text/html; charset=x`` -> ``text/html``."""
    return content_type.split(";")[0].strip().lower() or None if content_type else None


def charset_param(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.IGNORECASE)
    return m.group(1) if m else None


def check_type(source: str, content_type: str | None) -> None:
    """Refuse a declared media type that is not HTML, XHTML or plain text (a missing one is sniffed)."""
    mt = media_type(content_type)
    if mt is None or mt in TEXT_TYPES:
        return
    what = next((name for prefix, name in _TYPE_NAMES.items() if mt.startswith(prefix)), None)
    label = f"{what} ({mt})" if what else f"content type {mt}"
    raise UnsupportedContent(f"{source}: {label}, not an HTML or text page")


def check_bytes(source: str, head: bytes, charset: str | None = None) -> None:
    """Refuse PDFs, images and binary data by their first bytes, whatever the declared type."""
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise UnsupportedContent(f"{source}: {what}, not an HTML or text page")
    wide = any(head.startswith(b) for b, _ in _BOMS[1:]) or (charset or "").lower().startswith(("utf-16", "utf-32", "utf16", "utf32"))
    if b"\x00" in head[:4096] and not wide:
        raise UnsupportedContent(f"{source}: binary content, not an HTML or text page")


def check_content(source: str, content_type: str | None, head: bytes) -> None:
    """Both checks: declared type, then the first bytes."""
    check_type(source, content_type)
    check_bytes(source, head, charset_param(content_type))


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        enc = codecs.lookup(name.strip()).name
    except LookupError:
        return None
    return "cp1252" if enc in _AS_CP1252 else enc


def _utf8_or_cp1252(body: bytes) -> str:
    """Undeclared (or wrongly declared) bytes: UTF-8 if mostly valid, else windows-1252."""
    text = body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - body.count(b"\xef\xbf\xbd")
    # non-ASCII characters counted in C: the length of the text less its ASCII bytes (a
    # character-by-character loop took 10x as long on a large page)
    good = len(text) - _ascii_count(body) - text.count("\ufffd")
    if bad <= 0 or good > 4 * bad:
        return text  # valid, or UTF-8 with a few broken bytes
    return body.decode("cp1252", errors="replace")


def _ascii_count(body: bytes) -> int:
    """How many bytes of ``body`` are ASCII (each decodes to one ASCII character whatever the rest is)."""
    return len(body) - len(body.translate(None, _ASCII))


_ASCII = bytes(range(0x80))


def sniff_charset(body: bytes) -> str | None:
    """The charset a document declares in itself: BOM, XML declaration or meta tag."""
    for bom, enc in _BOMS:
        if body.startswith(bom):
            return enc
    head = body[:4096]
    m = _XML_DECL.search(head) or _META.search(head)
    return _known(m.group(1).decode("ascii", "ignore")) if m else None


def decode(page: Page) -> str:
    """Decode a page's bytes; never raises on content (undecodable bytes become U+FFFD).

    Order as in browsers: BOM, then the HTTP charset, then the document's own declaration.
    Without any declaration, UTF-8 if the bytes are UTF-8, else windows-1252. A declaration
    the bytes contradict (invalid UTF-8 declared as UTF-8, or valid non-ASCII UTF-8 declared
    as a single-byte charset, a common server misconfiguration) is overruled by the bytes.
    """
    body = page.body
    for bom, enc in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(enc, errors="replace")
    if body.isascii():
        return body.decode("ascii")
    declared = _known(page.charset) or _known(charset_param(page.content_type))
    if declared in ("utf-16", "utf-32"):
        declared += "-le"  # WHATWG: the bare label means little-endian
    inner = sniff_charset(body)
    if inner and inner.startswith(("utf-16", "utf-32")):
        inner = None  # markup that could be read as ASCII to find this label is not UTF-16 (WHATWG: UTF-8)
    for enc in dict.fromkeys(e for e in (declared, inner) if e):
        try:
            text = body.decode(enc)
        except UnicodeDecodeError:
            continue
        if _SINGLE_BYTE.match(enc) and _valid_utf8(body):
            return body.decode("utf-8")  # non-ASCII bytes that form valid UTF-8 are not Latin text
        return text
    return _utf8_or_cp1252(body)


def _valid_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def looks_like_html(text: str) -> bool:
    """Whether decoded text is HTML rather than plain text."""
    return bool(_HTMLISH.search(text[:2048]))
