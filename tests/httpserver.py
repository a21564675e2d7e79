"""A real HTTP server for the tests: stdlib ThreadingHTTPServer on 127.0.0.1, ephemeral port.

Each route is a function of the request handler and the query string. Routes that misbehave
(stall, trickle, stream 200 MB) stop as soon as the client hangs up, so no thread outlives
the test that asked for it by more than a moment.
"""

from __future__ import annotations

import gzip
import math
import select
import socket
import ssl
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self
from urllib.parse import parse_qs, urlsplit

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = (FIXTURES / "nordkorea-munition.html").read_bytes()
ARTICLE_TEXT = ARTICLE.decode("utf-8")
# the same page in windows-1252 without any charset declaration (header, meta or BOM)
CP1252_ARTICLE = ARTICLE_TEXT.replace('<meta charset="utf-8">', "").encode("cp1252")
MIB = 1 << 20
BIG_BYTES = 200 * MIB
BOMB_BYTES = 512 * MIB

Route = Callable[["Handler", dict[str, str]], None]


def gzip_bomb(size: int = BOMB_BYTES) -> bytes:
    """A valid gzip stream of ``size`` zero bytes (a multiple of 1 MiB), about 1/1000 of that on the wire.

    Compressing 512 MiB takes seconds, so one 1 MiB block is compressed and repeated: after
    Z_FULL_FLUSH the compressor forgets its window, so every further block is the same bytes.
    """
    zeros = bytes(MIB)
    c = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    first = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size // MIB):
        crc = zlib.crc32(zeros, crc)
    # an empty final stored block, then the gzip trailer (CRC-32 and size mod 2**32)
    return first + block * (size // MIB - 1) + b"\x03\x00" + struct.pack("<II", crc, size & 0xFFFFFFFF)


class Handler(BaseHTTPRequestHandler):
    """Dispatches GET requests to the server's routes."""

    protocol_version = "HTTP/1.1"
    server: TestServer

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep pytest output clean

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        self.server.record(self.path, self)
        route = ROUTES.get(parts.path)
        try:
            if route is None:
                self.send_page(404, b"<html><body><p>no such page</p></body></html>")
            else:
                route(self, query)
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up: that is what many tests want

    def send_page(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str) -> None:
        """A complete response with Content-Length."""
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def send_stream(self, chunks: Iterator[bytes], ctype: str = "text/html", length: int | None = None, **headers: str) -> None:
        """A response written chunk by chunk: with Content-Length, or delimited by closing the connection."""
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        if length is not None:
            self.send_header("Content-Length", str(length))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        for chunk in chunks:
            self.wfile.write(chunk)
            self.wfile.flush()

    def client_gone(self, wait: float) -> bool:
        """Wait up to ``wait`` seconds; True as soon as the client has closed the connection."""
        readable, _, _ = select.select([self.connection], [], [], wait)
        if not readable:
            return False
        try:
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True


class TestServer(ThreadingHTTPServer):
    """The server, its base URL, and a log of the requests it saw."""

    __test__ = False  # not a pytest test class, despite the name
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # the default backlog of 5 drops SYNs when tests connect ten at once

    def __init__(self, tls: bool = False) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        if tls:  # a self-signed certificate for 127.0.0.1: a verifying client must refuse it
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(FIXTURES / "selfsigned.pem")
            self.socket = ctx.wrap_socket(self.socket, server_side=True)
        scheme = "https" if tls else "http"
        self.base = f"{scheme}://127.0.0.1:{self.server_address[1]}"
        self.hits: Counter[str] = Counter()
        self.headers_seen: dict[str, dict[str, str]] = {}
        self.times: dict[str, list[float]] = {}  # monotonic
        self.walls: dict[str, list[float]] = {}  # wall clock, to compare with HTTP-dates
        self.retry_dates: dict[str, float] = {}  # the Retry-After dates sent, as epoch seconds
        self._lock = threading.Lock()
        self._bomb: bytes | None = None
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up is part of the tests, not a server error worth a traceback."""

    def url(self, path: str) -> str:
        """Absolute URL of a path on this server."""
        return self.base + path

    def record(self, path: str, handler: Handler) -> None:
        """Count a request and keep its headers and time."""
        with self._lock:
            self.hits[path] += 1
            self.headers_seen[path] = {k.lower(): v for k, v in handler.headers.items()}
            self.times.setdefault(path, []).append(time.monotonic())
            self.walls.setdefault(path, []).append(time.time())

    def count(self, path: str) -> int:
        """How many requests a path (with its query) received."""
        with self._lock:
            return self.hits[path]

    @property
    def bomb(self) -> bytes:
        """The gzip bomb, built on first use."""
        with self._lock:
            if self._bomb is None:
                self._bomb = gzip_bomb()
            return self._bomb


# --- routes -----------------------------------------------------------------------------


def article(h: Handler, q: dict[str, str]) -> None:
    h.send_page(200, ARTICLE)


def plain(h: Handler, q: dict[str, str]) -> None:
    h.send_page(200, "Der Experte Hans Müller sagte am Montag, 300 Granaten seien geliefert worden.\n".encode(), "text/plain; charset=utf-8")


def status(h: Handler, q: dict[str, str]) -> None:
    code = int(q.get("code", "404"))
    headers = {"Retry_After": q["retry_after"]} if "retry_after" in q else {}
    h.send_page(code, f"<html><body><p>status {code}</p></body></html>".encode(), **headers)


def flaky(h: Handler, q: dict[str, str]) -> None:
    """``fail`` failures (status ``code``, optional Retry-After) before the article; keyed by the full path."""
    failures, code = int(q.get("fail", "1")), int(q.get("code", "500"))
    if h.server.count(h.path) <= failures:
        headers = {}
        if "retry_after" in q:
            value = q["retry_after"]
            if value.startswith("date+"):  # an HTTP-date N whole seconds after the current second
                when = math.floor(time.time()) + int(value[5:])
                h.server.retry_dates[h.path] = when
                value = formatdate(when, usegmt=True)
            headers["Retry_After"] = value
        h.send_page(code, b"<html><body><p>try again</p></body></html>", **headers)
    else:
        article(h, q)


def drop(h: Handler, q: dict[str, str]) -> None:
    """Close the connection without any answer the first ``fail`` times."""
    if h.server.count(h.path) <= int(q.get("fail", "1")):
        h.close_connection = True
        h.connection.shutdown(socket.SHUT_RDWR)
    else:
        article(h, q)


def redirect(h: Handler, q: dict[str, str]) -> None:
    """``to`` as Location (status ``code``); with ``n``, a chain of n hops ending at the article."""
    code = int(q.get("code", "302"))
    if "n" in q:
        n = int(q["n"])
        location = f"/redirect?n={n - 1}" if n > 1 else "/article"
    else:
        location = q.get("to", "/article")
    h.send_page(code, b"", "text/html", Location=location)


def loop_a(h: Handler, q: dict[str, str]) -> None:
    h.send_page(302, b"", "text/html", Location="/loop-b")


def loop_b(h: Handler, q: dict[str, str]) -> None:
    h.send_page(301, b"", "text/html", Location=h.server.url("/loop-a"))


def stall(h: Handler, q: dict[str, str]) -> None:
    """Headers promising a body, then nothing until the client gives up (at most 10 s)."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    h.wfile.write(ARTICLE[:100])
    h.wfile.flush()
    h.client_gone(10)
    h.close_connection = True


def stall_headers(h: Handler, q: dict[str, str]) -> None:
    """Accept the request and never answer (at most 10 s)."""
    h.client_gone(10)
    h.close_connection = True


def trickle(h: Handler, q: dict[str, str]) -> None:
    """One byte every ``every`` seconds, for at most 10 s."""
    every = float(q.get("every", "0.1"))
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", str(len(ARTICLE)))
    h.end_headers()
    end = time.monotonic() + 10
    for i in range(len(ARTICLE)):
        h.wfile.write(ARTICLE[i : i + 1])
        h.wfile.flush()
        if time.monotonic() > end or h.client_gone(every):
            break
    h.close_connection = True


def _lazy(total: int, chunk: bytes) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        piece = chunk[: total - sent]
        sent += len(piece)
        yield piece


def big(h: Handler, q: dict[str, str]) -> None:
    """200 MB of HTML-ish text generated lazily; with ``nolength``, no Content-Length."""
    chunk = b"<p>" + b"x" * (64 * 1024 - 8) + b"</p>\n\n"
    length = None if "nolength" in q else BIG_BYTES
    h.send_stream(_lazy(BIG_BYTES, chunk), "text/html; charset=utf-8", length)


def bomb(h: Handler, q: dict[str, str]) -> None:
    body = h.server.bomb
    h.send_stream(iter([body[i : i + 65536] for i in range(0, len(body), 65536)]), "text/html", len(body), Content_Encoding="gzip")


def gzipped(h: Handler, q: dict[str, str]) -> None:
    coding = q.get("coding", "gzip")
    if coding == "gzip":
        body = gzip.compress(ARTICLE)
    elif coding == "deflate":
        body = zlib.compress(ARTICLE)
    elif coding == "raw-deflate":
        c = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        body, coding = c.compress(ARTICLE) + c.flush(), "deflate"
    elif coding == "double":
        body, coding = gzip.compress(gzip.compress(ARTICLE)), "gzip, gzip"
    elif coding == "corrupt":
        body, coding = b"\x1f\x8b\x08\x00" + b"\xff" * 200, "gzip"
    else:
        body = ARTICLE  # e.g. "br": a coding we never asked for
    h.send_page(200, body, Content_Encoding=coding)


def typed(h: Handler, q: dict[str, str]) -> None:
    """A body of kind ``kind`` served with Content-Type ``ctype``."""
    kinds = {
        "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + b"0" * 2000,
        "png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        "binary": bytes((i * 7919) % 256 for i in range(20000)),
        "empty": b"",
        "cp1252": CP1252_ARTICLE,
        "article": ARTICLE,
    }
    h.send_page(200, kinds[q.get("kind", "article")], q.get("ctype", "text/html"))


def wrong_charset(h: Handler, q: dict[str, str]) -> None:
    """The article in ``actual`` encoding, declared as ``declared`` in the header (meta removed)."""
    body = ARTICLE_TEXT.replace('<meta charset="utf-8">', "").encode(q.get("actual", "cp1252"))
    h.send_page(200, body, f"text/html; charset={q.get('declared', 'utf-8')}")


def echo(h: Handler, q: dict[str, str]) -> None:
    """The request headers as plain text."""
    lines = "".join(f"{k}: {v}\n" for k, v in h.headers.items())
    h.send_page(200, lines.encode(), "text/plain; charset=utf-8")


ROUTES: dict[str, Route] = {
    "/article": article,
    "/plain": plain,
    "/status": status,
    "/flaky": flaky,
    "/drop": drop,
    "/redirect": redirect,
    "/loop-a": loop_a,
    "/loop-b": loop_b,
    "/stall": stall,
    "/stall-headers": stall_headers,
    "/trickle": trickle,
    "/big": big,
    "/bomb": bomb,
    "/encoded": gzipped,
    "/typed": typed,
    "/wrong-charset": wrong_charset,
    "/echo": echo,
}
