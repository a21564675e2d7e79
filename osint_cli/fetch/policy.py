"""The fetch logic shared by ``fetch`` (sync) and ``afetch`` (async); no I/O in here.

Both loops do the same four things and ask this module what follows from each:
build a request (``Plan.request``), judge the response head (``Plan.on_head``: read it,
follow a redirect, retry, or fail), collect the body (``Body``: content checks, bounded
decompression, size cap) and turn transport errors into retries or one-line errors
(``Plan.on_error``). Only the sending, reading and sleeping differ between the two.
"""

from __future__ import annotations

import re
import socket
import ssl
import urllib.request
from dataclasses import dataclass
from typing import TypeVar

import httpx

from ..errors import (
    BodyTooLarge,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    TooManyRedirects,
)
from ..model import Page
from ..settings import Settings
from .decode import SNIFF_BYTES, charset_param, check_bytes, check_type, media_type
from .limits import BoundedDecoder, human_size
from .retry import Deadline, parse_retry_after, retriable_status, retry_delay
from .safety import BlockedAddress, address_problem, check_peer, redact, scrub
from .transport import default_headers

E = TypeVar("E", bound=BaseException)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# a DNS name (already IDNA-encoded by httpx) or an IP address; IPv6 comes without brackets
_HOST = re.compile(rb"^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?\.?)+$|^[0-9A-Fa-f:.]+$")
_NO_SUCH_HOST = {getattr(socket, name) for name in ("EAI_NONAME", "EAI_NODATA") if hasattr(socket, name)}


@dataclass(frozen=True, slots=True)
class Retry:
    """Wait ``delay`` seconds, then start a new attempt."""

    delay: float


def one_line(text: str) -> str:
    """Error messages are one line, whatever a server or library put in them, and name no credentials."""
    return scrub(" ".join(str(text).split()))


def _check_url(url: str, source: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, UnicodeError) as e:
        raise FetchError(one_line(f"{source}: invalid URL ({e})")) from None
    if parsed.scheme not in ("http", "https"):
        raise FetchError(one_line(f"{source}: unsupported URL scheme {parsed.scheme!r} (only http and https)"))
    # raw_host, not host: decoding a bad IDNA label ("xn--zz") in .host raises
    if not parsed.raw_host:
        raise FetchError(one_line(f"{source}: invalid URL (no host)"))
    if not _HOST.match(parsed.raw_host):  # httpx percent-encodes a space in a host instead of refusing it
        raise FetchError(one_line(f"{source}: invalid host name {_host(parsed)!r}"))
    return parsed


def _host(url: httpx.URL) -> str:
    return url.raw_host.decode("ascii", "replace")


def _cause(exc: BaseException, kind: type[E]) -> E | None:
    """The first exception of type ``kind`` in the chain behind ``exc`` (httpx wraps httpcore wraps OSError)."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


class Plan:
    """One logical fetch of a URL: where we are in the redirect chain, and how many attempts ran."""

    def __init__(self, url: str, settings: Settings) -> None:
        self.source = redact(url)  # what messages and the Page name; the request keeps any credentials
        self.settings = settings
        self.url = _check_url(url, self.source)
        self.chain: list[str] = [str(self.url)]
        self.attempts = 0

    def guard(self) -> None:
        """Refuse the current URL (the listed one or a redirect target) if its host is not public.

        Resolves the host name (blocking): the async loop runs this in a thread.
        """
        if self.settings.allow_private:
            return
        port = self.url.port or (443 if self.url.scheme == "https" else 80)
        problem = address_problem(_host(self.url), port)
        if problem:
            raise BlockedAddress(one_line(f"{self.source}: refused: {problem}{self._where()} (--allow-private to fetch it)"))

    def needs_lookup(self) -> bool:
        """Whether guard() may block on DNS (the async loop then runs it in a thread)."""
        return not self.settings.allow_private

    def check_peer(self, response: httpx.Response) -> None:
        """Refuse a response from a non-public address reached although the name looked public (DNS rebinding)."""
        if self.settings.allow_private:
            return
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        problem = check_peer(peer)
        # through a proxy the peer is the proxy, not the host: asked only for a refused peer, because
        # reading the proxy environment walks all of os.environ (a third of a fetch's own CPU in a batch)
        if problem and not urllib.request.getproxies():
            raise BlockedAddress(one_line(f"{self.source}: refused: {_host(self.url)} {problem}{self._where()} (--allow-private to fetch it)"))

    def new_attempt(self) -> Deadline:
        """Count an attempt and start its deadline."""
        self.attempts += 1
        return Deadline(self.settings.deadline)

    def request(self, client: httpx.Client | httpx.AsyncClient, deadline: Deadline) -> httpx.Request:
        """The GET for the current URL, with our headers and phase timeouts capped by the deadline."""
        s = self.settings
        timeout = httpx.Timeout(
            connect=deadline.cap(s.connect_timeout),
            read=deadline.cap(s.read_timeout),
            write=deadline.cap(s.read_timeout),
            pool=deadline.cap(s.connect_timeout),
        )
        try:
            return client.build_request("GET", self.url, headers=default_headers(s), timeout=timeout)
        except (httpx.InvalidURL, ValueError, UnicodeError) as e:
            raise FetchError(one_line(f"{self.source}: invalid URL ({e})")) from None

    def _where(self) -> str:
        return f" (redirected to {redact(str(self.url))})" if len(self.chain) > 1 else ""

    def on_head(self, response: httpx.Response) -> Retry | bool:
        """After the status line and headers: True to read the body, False after following a redirect, or Retry."""
        self.check_peer(response)
        status = response.status_code
        if status in REDIRECT_STATUSES:
            location = response.headers.get("location")
            if location:
                self._follow(response.url, location)
                return False
        if 200 <= status < 300:
            return True
        label = f"HTTP {status} {response.reason_phrase}".rstrip()
        if retriable_status(status) and self.attempts <= self.settings.retries:
            delay = retry_delay(self.attempts - 1, self.settings.backoff, response.headers.get("retry-after"), self.settings.max_retry_after)
            if delay is not None:
                return Retry(delay)
            asked = parse_retry_after(response.headers.get("retry-after")) or 0.0
            raise HTTPStatusError(
                one_line(
                    f"{self.source}: {label}{self._where()}; the server asks to retry in {asked:.0f} s, "
                    f"longer than the {self.settings.max_retry_after:g} s we wait"
                ),
                status,
            )
        tries = f" (after {self.attempts} attempts)" if self.attempts > 1 else ""
        if status in REDIRECT_STATUSES:
            label += " without a Location header"
        raise HTTPStatusError(one_line(f"{self.source}: {label}{self._where()}{tries}"), status)

    def _follow(self, base: httpx.URL, location: str) -> None:
        try:
            target = base.join(location.strip()).copy_with(fragment=None)
        except (httpx.InvalidURL, ValueError, UnicodeError) as e:
            raise FetchError(one_line(f"{self.source}: redirect to an invalid URL {location!r} ({e})")) from None
        if target.scheme not in ("http", "https") or not target.raw_host or not _HOST.match(target.raw_host):
            raise FetchError(one_line(f"{self.source}: redirect to unsupported URL {redact(str(target))!r}"))
        key = str(target)
        if key in self.chain:
            loop = " -> ".join(map(redact, self.chain[self.chain.index(key) :] + [key]))
            raise TooManyRedirects(one_line(f"{self.source}: redirect loop ({loop})"))
        if len(self.chain) > self.settings.max_redirects:
            raise TooManyRedirects(one_line(f"{self.source}: more than {self.settings.max_redirects} redirects"))
        self.chain.append(key)
        self.url = target

    def on_error(self, exc: Exception, deadline: Deadline) -> Retry:
        """A transport error: a Retry for connection failures while attempts remain; otherwise raise."""
        if deadline.expired() or isinstance(exc, TimeoutError):
            raise deadline.error(self.source) from None
        if isinstance(exc, httpx.InvalidURL):  # httpx parses a redirect's Location even when not following it
            raise FetchError(one_line(f"{self.source}: invalid URL{self._where()} or redirect Location ({exc})")) from None
        # two connect errors that a retry cannot fix: a name that does not exist (unlike a DNS
        # hiccup, EAI_AGAIN) and a certificate that does not verify
        dns = _cause(exc, socket.gaierror)
        if dns is not None and dns.errno in _NO_SUCH_HOST:
            raise FetchError(one_line(f"{self.source}: unknown host {_host(self.url)}{self._where()}")) from None
        cert = _cause(exc, ssl.SSLCertVerificationError)
        if cert is not None:
            reason = cert.verify_message or cert.reason or "verification failed"
            raise FetchError(one_line(f"{self.source}: TLS certificate of {_host(self.url)} not accepted ({reason}){self._where()}")) from None
        retriable = isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.NetworkError, httpx.RemoteProtocolError))
        if retriable and self.attempts <= self.settings.retries:
            return Retry(retry_delay(self.attempts - 1, self.settings.backoff, None, 0.0) or 0.0)
        tries = f" (after {self.attempts} attempts)" if self.attempts > 1 else ""
        s = self.settings
        if isinstance(exc, httpx.ConnectTimeout):
            raise FetchTimeout(one_line(f"{self.source}: could not connect within {s.connect_timeout:g} s{tries}")) from None
        if isinstance(exc, httpx.TimeoutException):
            raise FetchTimeout(one_line(f"{self.source}: the server sent nothing for {s.read_timeout:g} s{self._where()}")) from None
        if isinstance(exc, httpx.ConnectError):
            raise FetchError(one_line(f"{self.source}: cannot connect: {exc or type(exc).__name__}{tries}")) from None
        raise FetchError(one_line(f"{self.source}: connection failed: {exc or type(exc).__name__}{self._where()}{tries}")) from None

    def body(self, response: httpx.Response) -> Body:
        """A collector for this response's body, after the checks that need only the headers."""
        return Body(self.source, response, self.settings)

    def page(self, response: httpx.Response, body: bytes) -> Page:
        """The fetched Page."""
        ctype = response.headers.get("content-type")
        return Page(
            source=self.source,
            url=redact(str(response.url)),
            body=body,
            status=response.status_code,
            content_type=media_type(ctype),
            charset=charset_param(ctype),
        )


class Body:
    """Collects a decoded body: type checks first, then the size cap and magic bytes while it arrives."""

    def __init__(self, source: str, response: httpx.Response, settings: Settings) -> None:
        self.source = source
        ctype = response.headers.get("content-type")
        check_type(source, ctype)  # a PDF or image is refused before any of it is downloaded
        self._charset = charset_param(ctype)
        self._decoder = BoundedDecoder(source, response.headers.get("content-encoding"), settings.max_bytes)
        length = response.headers.get("content-length", "")
        if not self._decoder.encoded and length.strip().isdigit() and int(length) > settings.max_bytes:
            raise BodyTooLarge(f"{source}: body of {int(length)} bytes is larger than {human_size(settings.max_bytes)}")
        # the wire is capped too: endless empty gzip members or junk after the end of a
        # compressed stream decode to nothing, yet must not keep us reading until the deadline
        self._max_raw = settings.max_bytes + settings.max_bytes // 64 + 65536
        self._raw = 0
        self._buf = bytearray()
        self._sniffed = False

    def feed(self, raw: bytes) -> None:
        """Add one raw (still encoded) chunk from the network."""
        self._raw += len(raw)
        if self._raw > self._max_raw:
            raise BodyTooLarge(f"{self.source}: more than {human_size(self._max_raw)} on the wire")
        for piece in self._decoder.feed(raw):
            self._buf += piece
        if not self._sniffed and len(self._buf) >= SNIFF_BYTES:
            self._sniff()

    def finish(self) -> bytes:
        """The whole decoded body, after the last chunk."""
        for piece in self._decoder.flush():
            self._buf += piece
        if not self._sniffed:
            self._sniff()
        return bytes(self._buf)

    def _sniff(self) -> None:
        self._sniffed = True
        check_bytes(self.source, bytes(self._buf[:SNIFF_BYTES]), self._charset)
