"""The pieces of fetching without a network: bounded decompression, retry timing, charsets, content checks."""

from __future__ import annotations

import codecs
import gzip
import zlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from osint_cli.errors import BodyTooLarge, FetchError, FetchTimeout, UnsupportedContent
from osint_cli.fetch.decode import (
    charset_param,
    check_bytes,
    check_type,
    decode,
    media_type,
)
from osint_cli.fetch.limits import PIECE, BoundedDecoder, human_size
from osint_cli.fetch.retry import (
    Deadline,
    backoff,
    parse_retry_after,
    retriable_status,
    retry_delay,
)
from osint_cli.model import Page

TEXT = ("Die Expertin Jana Müller (IISS) schätzt, dass über 1,5 Millionen Granaten geliefert wurden. " * 50).encode()


def inflate(body: bytes, coding: str | None, cap: int = 1 << 30, chunk: int = 65536) -> bytes:
    """Feed ``body`` in ``chunk``-sized pieces through a BoundedDecoder."""
    dec = BoundedDecoder("http://x/", coding, cap)
    out = bytearray()
    for i in range(0, len(body), chunk):
        for piece in dec.feed(body[i : i + chunk]):
            out += piece
    for piece in dec.flush():
        out += piece
    return bytes(out)


def raw_deflate(data: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return c.compress(data) + c.flush()


# --- bounded decompression ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("coding", "encode"),
    [
        (None, lambda b: b),
        ("identity", lambda b: b),
        ("gzip", gzip.compress),
        ("x-gzip", gzip.compress),
        ("GZIP", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", raw_deflate),
        ("gzip, gzip", lambda b: gzip.compress(gzip.compress(b))),
        ("deflate, gzip", lambda b: gzip.compress(zlib.compress(b))),
    ],
)
@pytest.mark.parametrize("chunk", [1, 7, 65536])
def test_decodes_codings_in_any_chunking(coding: str | None, encode: object, chunk: int) -> None:
    assert callable(encode)
    assert inflate(encode(TEXT), coding, chunk=chunk) == TEXT


def test_gzip_members_are_concatenated() -> None:
    assert inflate(gzip.compress(b"first ") + gzip.compress(b"second"), "gzip") == b"first second"


def test_junk_after_the_stream_is_ignored() -> None:
    assert inflate(gzip.compress(TEXT) + b"\x00" * 10, "gzip") == TEXT
    assert inflate(zlib.compress(TEXT) + b"junk", "deflate") == TEXT


def test_truncated_stream_keeps_what_arrived() -> None:
    body = gzip.compress(TEXT)
    out = inflate(body[: len(body) // 2], "gzip")
    assert len(out) > 0 and TEXT.startswith(out)


@pytest.mark.parametrize(("body", "coding"), [(b"\x1f\x8b\x08\x00" + b"\xff" * 100, "gzip"), (b"not deflate at all", "deflate")])
def test_corrupt_stream_is_a_fetch_error(body: bytes, coding: str) -> None:
    with pytest.raises(FetchError, match=r"^http://x/: corrupt compressed body"):
        inflate(body, coding)


@pytest.mark.parametrize("coding", ["br", "zstd", "compress", "gzip, br"])
def test_codings_we_cannot_bound_are_refused(coding: str) -> None:
    with pytest.raises(FetchError, match="unsupported content encoding"):
        BoundedDecoder("http://x/", coding, 100)


def test_output_comes_in_bounded_pieces() -> None:
    # 32 MiB of zeros compress to ~32 KiB: one feed call, yet no piece beyond PIECE
    body = gzip.compress(bytes(32 << 20), compresslevel=9)
    dec = BoundedDecoder("http://x/", "gzip", 1 << 30)
    sizes = [len(p) for p in dec.feed(body)]
    assert max(sizes) <= PIECE and sum(sizes) + sum(len(p) for p in dec.flush()) == 32 << 20


def test_bomb_in_one_chunk_stops_at_cap() -> None:
    body = gzip.compress(bytes(64 << 20), compresslevel=9)
    dec = BoundedDecoder("http://x/", "gzip", 1 << 20)
    with pytest.raises(BodyTooLarge, match=r"larger than 1 MiB after decompression"):
        for _ in dec.feed(body):
            pass
    assert dec.total <= (1 << 20) + PIECE


def test_identity_cap() -> None:
    dec = BoundedDecoder("http://x/", None, 10)
    assert b"".join(dec.feed(b"0123456789")) == b"0123456789"
    with pytest.raises(BodyTooLarge, match=r"^http://x/: body larger than 10 bytes$"):
        list(dec.feed(b"!"))


@pytest.mark.parametrize(("n", "text"), [(16 << 20, "16 MiB"), (4096, "4 KiB"), (1000, "1000 bytes"), (1500 << 10, "1500 KiB")])
def test_human_size(n: int, text: str) -> None:
    assert human_size(n) == text


# --- retries and the deadline ------------------------------------------------------------

NOW = datetime(2024, 3, 6, 8, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 5 ", 5.0),
        ("0", 0.0),
        (format_datetime(NOW + timedelta(seconds=7), usegmt=True), 7.0),  # IMF-fixdate
        ("Wednesday, 06-Mar-24 08:00:09 GMT", 9.0),  # obsolete RFC 850 form
        (format_datetime(NOW - timedelta(hours=1), usegmt=True), 0.0),  # in the past: at once
        ("-1", None),
        ("1.5", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value, now=NOW) == seconds


@pytest.mark.parametrize(("status", "retry"), [(408, True), (429, True), (500, True), (503, True), (599, True), (400, False), (404, False), (410, False), (200, False), (304, False)])
def test_retriable_status(status: int, retry: bool) -> None:
    assert retriable_status(status) is retry


def test_backoff_is_exponential_with_jitter() -> None:
    assert backoff(0, 0.5, rand=lambda: 0.0) == 0.25
    assert backoff(0, 0.5, rand=lambda: 0.999) == pytest.approx(0.7495)
    assert backoff(1, 0.5, rand=lambda: 0.5) == 1.0
    assert backoff(2, 0.5, rand=lambda: 0.5) == 2.0
    assert len({backoff(1, 0.5) for _ in range(20)}) > 1  # really jittered


def test_retry_delay_prefers_retry_after_within_limit() -> None:
    assert retry_delay(0, 0.5, "3", 30.0) == 3.0
    assert retry_delay(0, 0.5, "30", 30.0) == 30.0
    assert retry_delay(0, 0.5, "31", 30.0) is None
    assert 0.25 <= (retry_delay(0, 0.5, "junk", 30.0) or 0) < 0.75  # unusable header: plain backoff


def test_deadline_with_a_fake_clock() -> None:
    now = [100.0]
    d = Deadline(30.0, clock=lambda: now[0])
    assert d.remaining() == 30.0 and d.cap(20.0) == 20.0 and not d.expired()
    now[0] = 125.0
    assert d.cap(20.0) == 5.0
    d.check("http://x/")
    now[0] = 130.0
    assert d.expired() and d.remaining() == 0.0 and d.cap(20.0) > 0
    with pytest.raises(FetchTimeout, match=r"^http://x/: no complete answer within the 30 s deadline$"):
        d.check("http://x/")


# --- content checks ----------------------------------------------------------------------


@pytest.mark.parametrize("ctype", [None, "", "text/html", "TEXT/HTML; charset=UTF-8", "application/xhtml+xml", "text/plain", "application/xml"])
def test_accepted_types(ctype: str | None) -> None:
    check_type("u", ctype)


@pytest.mark.parametrize(
    ("ctype", "words"),
    [
        ("application/pdf", "a PDF document (application/pdf)"),
        ("image/jpeg", "an image (image/jpeg)"),
        ("video/mp4", "video"),
        ("application/octet-stream", "content type application/octet-stream"),
        ("application/json", "application/json"),
        ("text/css", "text/css"),
    ],
)
def test_refused_types(ctype: str, words: str) -> None:
    with pytest.raises(UnsupportedContent, match=r"^u: .*not an HTML or text page$") as info:
        check_type("u", ctype)
    assert words in str(info.value)


@pytest.mark.parametrize(
    ("head", "words"),
    [
        (b"%PDF-1.4\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xff\xd8\xff\xe0", "JPEG"),
        (b"PK\x03\x04", "ZIP"),
        (b"\x1f\x8b\x08", "gzip"),
        (b"<html>\x00\x01\x02", "binary"),
    ],
)
def test_refused_bytes(head: bytes, words: str) -> None:
    with pytest.raises(UnsupportedContent, match=words):
        check_bytes("u", head)


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b"<html><p>ok</p>", None),
        (codecs.BOM_UTF16_LE + "<html>".encode("utf-16-le"), None),
        ("<html>".encode("utf-16-le"), "utf-16le"),
        (b"", None),
    ],
)
def test_accepted_bytes(head: bytes, charset: str | None) -> None:
    check_bytes("u", head, charset)


@pytest.mark.parametrize(
    ("ctype", "media", "charset"),
    [
        ("text/html; charset=ISO-8859-1", "text/html", "ISO-8859-1"),
        ('text/html;charset="utf-8"', "text/html", "utf-8"),
        ("Text/Plain", "text/plain", None),
        (None, None, None),
        ("", None, None),
    ],
)
def test_header_parsing(ctype: str | None, media: str | None, charset: str | None) -> None:
    assert (media_type(ctype), charset_param(ctype)) == (media, charset)


# --- charsets ----------------------------------------------------------------------------

UMLAUTS = "Grüße aus Zürich: „Die Lage ist ernst“, sagte Müller – 5 € pro Stück."


def page(body: bytes, charset: str | None = None, ctype: str | None = "text/html") -> Page:
    return Page(source="u", url=None, body=body, content_type=ctype, charset=charset)


PLAIN = UMLAUTS.replace("„", '"').replace("“", '"').replace("–", "-")  # for charsets without those signs
BOM8, BOM16LE, BOM16BE = codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE


@pytest.mark.parametrize(
    ("text", "encoding", "prefix", "charset"),
    [
        (UMLAUTS, "utf-8", b"", None),  # undeclared UTF-8
        (UMLAUTS, "cp1252", b"", None),  # undeclared windows-1252
        (UMLAUTS, "cp1252", b"", "iso-8859-1"),  # its usual label, though € and „ exist only in cp1252
        (UMLAUTS, "cp1252", b"", "utf-8"),  # wrongly declared UTF-8
        (UMLAUTS, "utf-8", b"", "windows-1252"),  # wrongly declared single-byte charset
        (UMLAUTS, "utf-8", b"", "no-such-charset"),
        (UMLAUTS, "utf-8", BOM8, "iso-8859-1"),  # a BOM beats the header
        (UMLAUTS, "utf-16-le", BOM16LE, None),
        (UMLAUTS, "utf-16-be", BOM16BE, "utf-8"),
        (UMLAUTS, "utf-16-le", b"", "utf-16"),  # no BOM, but declared in the header
        (UMLAUTS, "utf-16-be", b"", "UTF-16BE"),
        (UMLAUTS, "utf-8", b'<meta charset="utf-16">', None),  # a meta tag readable as ASCII is not UTF-16
        (UMLAUTS, "cp1252", b'<meta charset="windows-1252">', None),
        (PLAIN, "iso-8859-15", b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">', None),
        (PLAIN.replace("€", "EUR"), "latin-1", b'<?xml version="1.0" encoding="ISO-8859-1"?>', None),
    ],
)
def test_decode_gets_umlauts_right(text: str, encoding: str, prefix: bytes, charset: str | None) -> None:
    decoded = decode(page(prefix + text.encode(encoding), charset))
    assert decoded.endswith(text) and "\ufffd" not in decoded


def test_declared_charset_wins_when_bytes_agree() -> None:
    text = "Москва сообщила".encode("koi8-r")
    assert decode(page(text, "koi8-r")) == "Москва сообщила"


def test_mostly_utf8_with_a_broken_byte_stays_utf8() -> None:
    body = UMLAUTS.encode("utf-8") + b" \xff " + UMLAUTS.encode("utf-8")
    text = decode(page(body, "utf-8"))
    assert text.count("Grüße") == 2 and text.count("\ufffd") == 1


@given(body=st.binary(max_size=300), charset=st.sampled_from([None, "utf-8", "latin-1", "utf-16", "shift_jis", "koi8-r", "bogus", "utf-32", ""]))
def test_decode_never_raises(body: bytes, charset: str | None) -> None:
    assert isinstance(decode(page(body, charset)), str)
