"""Bytes -> str for pages: content sniffing and charset from BOM, header or meta."""

from __future__ import annotations

import codecs
import re

from ..errors import UnsupportedContent
from ..model import Page

TEXT_TYPES = {"text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml"}
_MAGIC = {
    b"%PDF-": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x1f\x8b": "gzip-compressed data",
    b"RIFF": "a RIFF (WebP/AVI/WAV) file",
    b"\x00\x00\x01\x00": "an icon",
}
_BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTMLISH = re.compile(r"<(?:!doctype|html|head|body|p|div|article|meta|title)\b", re.IGNORECASE)


def media_type(content_type: str | None) -> str | None:
    """``text/html; charset=x`` -> ``text/html``."""
    return content_type.split(";")[0].strip().lower() if content_type else None


def charset_param(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([^\s;\"']+)", content_type, re.IGNORECASE)
    return m.group(1) if m else None


def check_content(source: str, content_type: str | None, head: bytes) -> None:
    """Refuse PDFs, images and binary data, by declared type and by magic bytes."""
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise UnsupportedContent(f"{source}: {what}, not an HTML or text page")
    mt = media_type(content_type)
    if mt and mt not in TEXT_TYPES and not mt.startswith("text/"):
        raise UnsupportedContent(f"{source}: content type {mt} is not HTML or text")
    if b"\x00" in head[:4096] and not any(head.startswith(b) for b, _ in _BOMS):
        raise UnsupportedContent(f"{source}: binary content, not an HTML or text page")


def _known(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(page: Page) -> str:
    """Decode a page's bytes: BOM, then declared charset, then meta, then UTF-8 or cp1252.

    Undecodable bytes become U+FFFD; this never raises on content.
    """
    body = page.body
    for bom, enc in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(enc, errors="replace")
    declared = _known(page.charset) or _known(charset_param(page.content_type))
    meta = _META.search(body[:4096])
    candidates = [declared, _known(meta.group(1).decode("ascii", "ignore")) if meta else None]
    for enc in candidates:
        if enc:
            try:
                return body.decode(enc)
            except UnicodeDecodeError:
                continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        return body.decode(declared, errors="replace")
    # undeclared and not UTF-8: the Western web's default (a superset of Latin-1)
    return body.decode("cp1252", errors="replace")


def looks_like_html(text: str) -> bool:
    """Whether decoded text is HTML rather than plain text."""
    return bool(_HTMLISH.search(text[:2048]))
