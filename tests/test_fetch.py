"""fetch() and afetch() against a real local HTTP server: limits, retries, redirects, content."""

from __future__ import annotations

import asyncio
import socket
import ssl
import time
import tracemalloc
from collections.abc import Callable, Iterator

import httpx
import pytest
from .httpserver import ARTICLE, TestServer
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from osint_cli.errors import (
    BodyTooLarge,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    OsintError,
    TooManyRedirects,
    UnsupportedContent,
)
from osint_cli.fetch import afetch, fetch, make_async_client, make_client
from osint_cli.fetch.decode import decode
from osint_cli.model import Page
from osint_cli.settings import Settings

FAST = Settings(allow_private=True, backoff=0.01)  # real limits, but retries do not wait half a second
SHORT = Settings(allow_private=True, backoff=0.01, deadline=0.5, read_timeout=20.0)  # a 0.5 s deadline, read timeout far beyond it

Get = Callable[[str, Settings], Page]


def _sync(url: str, settings: Settings) -> Page:
    return fetch(url, settings)


def _async(url: str, settings: Settings) -> Page:
    async def go() -> Page:
        async with make_async_client(settings) as client:
            return await afetch(url, settings, client)

    return asyncio.run(go())


@pytest.fixture(params=["sync", "async"])
def get(request: pytest.FixtureRequest) -> Get:
    """fetch or afetch: every behavioural test runs against both."""
    return _sync if request.param == "sync" else _async


def failure(get: Get, url: str, settings: Settings, kind: type[OsintError]) -> str:
    """Fetch expecting ``kind``; return its message after checking it is one line naming the URL."""
    with pytest.raises(kind) as info:
        get(url, settings)
    message = str(info.value)
    assert type(info.value) is kind
    assert message.startswith(url + ": ")
    assert "\n" not in message
    return message


# --- success -----------------------------------------------------------------------------


def test_fetches_page_with_metadata(get: Get, server: TestServer) -> None:
    page = get(server.url("/article"), FAST)
    assert page.body == ARTICLE
    assert (page.status, page.content_type, page.charset) == (200, "text/html", "utf-8")
    assert page.source == page.url == server.url("/article")


def test_sends_user_agent_and_only_bounded_encodings(get: Get, server: TestServer) -> None:
    settings = Settings(allow_private=True, user_agent="osint-cli/9.9 (test)")
    text = get(server.url("/echo"), settings).body.decode()
    assert "User-Agent: osint-cli/9.9 (test)\n" in text
    assert "Accept-Encoding: gzip, deflate\n" in text  # no br/zstd: we could not bound them


def test_plain_httpx_client_gets_our_headers(server: TestServer) -> None:
    with httpx.Client() as client:
        text = fetch(server.url("/echo"), FAST, client).body.decode()
    assert f"User-Agent: {FAST.user_agent}\n" in text


def test_redirects_stay_ours_with_a_following_client(server: TestServer) -> None:
    with httpx.Client(follow_redirects=True) as client, pytest.raises(TooManyRedirects, match="redirect loop"):
        fetch(server.url("/loop-a"), FAST, client)


def test_default_user_agent_names_tool_and_version() -> None:
    from osint_cli import __version__

    assert Settings().user_agent.startswith(f"osint-cli/{__version__}")


@pytest.mark.parametrize("coding", ["gzip", "deflate", "raw-deflate", "double"])
def test_content_encodings_are_decoded(get: Get, server: TestServer, coding: str) -> None:
    assert get(server.url(f"/encoded?coding={coding}"), FAST).body == ARTICLE


def test_empty_200_is_an_empty_page(get: Get, server: TestServer) -> None:
    page = get(server.url("/typed?kind=empty"), FAST)
    assert (page.status, page.body) == (200, b"")


# --- status codes and retries ------------------------------------------------------------


@pytest.mark.parametrize("code", [400, 403, 404, 410, 451])
def test_client_errors_fail_at_once(get: Get, server: TestServer, uid: str, code: int) -> None:
    url = server.url(f"/status?code={code}&{uid}")
    message = failure(get, url, FAST, HTTPStatusError)
    assert f"HTTP {code}" in message
    assert server.count(f"/status?code={code}&{uid}") == 1  # not retried


@pytest.mark.parametrize("code", [408, 429, 500, 502, 503, 504])
def test_retriable_status_then_success(get: Get, server: TestServer, uid: str, code: int) -> None:
    path = f"/flaky?fail=1&code={code}&{uid}"
    assert get(server.url(path), FAST).body == ARTICLE
    assert server.count(path) == 2


def test_two_retries_then_success(get: Get, server: TestServer, uid: str) -> None:
    path = f"/flaky?fail=2&code=503&{uid}"
    assert get(server.url(path), FAST).status == 200
    assert server.count(path) == 3


def test_gives_up_after_retries(get: Get, server: TestServer, uid: str) -> None:
    path = f"/flaky?fail=9&code=500&{uid}"
    message = failure(get, server.url(path), FAST, HTTPStatusError)
    assert "HTTP 500 Internal Server Error" in message and "after 3 attempts" in message
    assert server.count(path) == 3


def test_status_error_carries_status(server: TestServer) -> None:
    with pytest.raises(HTTPStatusError) as info:
        fetch(server.url("/status?code=404"), FAST)
    assert info.value.status == 404


def test_backoff_is_jittered_and_waited(server: TestServer, uid: str) -> None:
    path = f"/flaky?fail=2&code=500&{uid}"
    fetch(server.url(path), Settings(allow_private=True, backoff=0.1))
    t = server.times[path]
    first, second = t[1] - t[0], t[2] - t[1]
    assert 0.05 <= first < 0.5 and 0.1 <= second < 0.8  # base * 2**retry * [0.5, 1.5)


def test_retry_after_seconds_is_honoured(get: Get, server: TestServer, uid: str) -> None:
    path = f"/flaky?fail=1&code=503&retry_after=1&{uid}"
    get(server.url(path), FAST)
    t = server.times[path]
    assert t[1] - t[0] >= 0.95


def test_retry_after_http_date_is_honoured(server: TestServer, uid: str) -> None:
    path = f"/flaky?fail=1&code=429&retry_after=date%2B1&{uid}"  # the start of the next second, as an HTTP-date
    fetch(server.url(path), FAST)
    first, second = server.walls[path]
    assert second >= server.retry_dates[path] - 0.05  # not before the date the server named
    assert second - first < 1.5


def test_retry_after_beyond_limit_fails_at_once(get: Get, server: TestServer, uid: str) -> None:
    path = f"/flaky?fail=1&code=429&retry_after=120&{uid}"
    start = time.monotonic()
    message = failure(get, server.url(path), FAST, HTTPStatusError)
    assert "HTTP 429" in message and "120 s" in message
    assert time.monotonic() - start < 1 and server.count(path) == 1


def test_dropped_connection_is_retried(get: Get, server: TestServer, uid: str) -> None:
    path = f"/drop?fail=2&{uid}"
    assert get(server.url(path), FAST).body == ARTICLE
    assert server.count(path) == 3


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unknown_host_is_not_retried(get: Get) -> None:
    try:  # .invalid never resolves (RFC 6761); without a working resolver the answer is another error
        socket.getaddrinfo("nonexistent.invalid", 80)
    except socket.gaierror as e:
        if e.errno not in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)):
            pytest.skip(f"no usable DNS resolver here ({e})")
    start = time.monotonic()
    assert "unknown host nonexistent.invalid" in failure(get, "http://nonexistent.invalid/", Settings(), FetchError)
    assert time.monotonic() - start < 1  # no backoff: the name will not exist a second later


def test_connection_refused(get: Get) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/x"
    message = failure(get, url, FAST, FetchError)
    assert "cannot connect" in message and "after 3 attempts" in message


def test_tls_is_verified(get: Get) -> None:
    with TestServer(tls=True) as tls:
        url = tls.url("/article")
        start = time.monotonic()
        message = failure(get, url, FAST, FetchError)
        assert "TLS certificate of 127.0.0.1 not accepted" in message and "self-signed" in message
        assert time.monotonic() - start < 1  # not retried: the certificate will not change
        assert tls.count("/article") == 0


def test_tls_context_verifies() -> None:
    from osint_cli.fetch.transport import tls_context

    assert tls_context().verify_mode == ssl.CERT_REQUIRED and tls_context().check_hostname


# --- redirects ---------------------------------------------------------------------------


def test_follows_redirect_chain(get: Get, server: TestServer) -> None:
    page = get(server.url("/redirect?n=10"), FAST)  # exactly the allowed 10 redirects
    assert page.url == server.url("/article") and page.source == server.url("/redirect?n=10")


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_redirect_statuses(get: Get, server: TestServer, code: int) -> None:
    assert get(server.url(f"/redirect?code={code}&to=/article"), FAST).body == ARTICLE


def test_too_many_redirects(get: Get, server: TestServer) -> None:
    assert "more than 10 redirects" in failure(get, server.url("/redirect?n=11"), FAST, TooManyRedirects)


def test_max_redirects_setting(get: Get, server: TestServer) -> None:
    failure(get, server.url("/redirect?n=2"), Settings(allow_private=True, max_redirects=1), TooManyRedirects)


def test_redirect_loop_is_named(get: Get, server: TestServer) -> None:
    message = failure(get, server.url("/loop-a"), FAST, TooManyRedirects)
    assert "redirect loop" in message and "/loop-b ->" in message


@pytest.mark.parametrize("to", ["ftp://example.org/x", "javascript:alert(1)", "http://[::1", "https://exa%20mple.org/"])
def test_redirect_to_unsupported_url(get: Get, server: TestServer, to: str) -> None:
    failure(get, server.url(f"/redirect?to={to}"), FAST, FetchError)


def test_redirect_without_location(get: Get, server: TestServer) -> None:
    assert "without a Location" in failure(get, server.url("/status?code=302"), FAST, HTTPStatusError)


# --- the deadline ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/stall", "/stall-headers", "/trickle?every=0.2"])
def test_deadline_ends_slow_servers(get: Get, server: TestServer, uid: str, path: str) -> None:
    sep = "&" if "?" in path else "?"
    start = time.monotonic()
    message = failure(get, server.url(f"{path}{sep}{uid}"), SHORT, FetchTimeout)
    assert "0.5 s deadline" in message
    assert 0.45 < time.monotonic() - start < 1.5  # the read timeout (20 s) is never reached


@pytest.mark.parametrize("path", ["/stall", "/trickle?every=0.2"])
def test_deadline_holds_with_a_plain_client(server: TestServer, path: str) -> None:
    start = time.monotonic()
    with httpx.Client() as client, pytest.raises(FetchTimeout):
        fetch(server.url(path), SHORT, client)
    assert time.monotonic() - start < 1.5


def test_read_timeout_before_deadline(get: Get, server: TestServer) -> None:
    start = time.monotonic()
    message = failure(get, server.url("/stall"), Settings(allow_private=True, read_timeout=0.5, deadline=10), FetchTimeout)
    assert "nothing for 0.5 s" in message and time.monotonic() - start < 1.5


def test_make_client_sockets_obey_the_deadline(server: TestServer) -> None:
    # a read timeout of 20 s fixed at send time, still cut at 0.5 s by the transport itself
    from osint_cli.fetch.transport import DEADLINE

    with make_client(FAST) as client:
        token = DEADLINE.set(time.monotonic() + 0.5)
        start = time.monotonic()
        try:
            with pytest.raises(httpx.TimeoutException), client.stream("GET", server.url("/stall"), timeout=20.0) as r:
                r.read()
        finally:
            DEADLINE.reset(token)
    assert time.monotonic() - start < 1.5


def test_concurrent_afetch_on_one_client(server: TestServer) -> None:
    # the batch pipeline's situation: one pool, a stalled server among good ones
    paths = ["/article"] * 6 + ["/stall", "/status?code=404", "/bomb", "/trickle"]
    settings = Settings(allow_private=True, backoff=0.01, deadline=1.0)  # ten requests at once on a loaded test machine
    assert server.bomb  # built beforehand: building it holds the GIL for a while

    async def go() -> list[Page | BaseException]:
        async with make_async_client(settings) as client:
            return await asyncio.gather(*(afetch(server.url(p), settings, client) for p in paths), return_exceptions=True)

    start = time.monotonic()
    results = asyncio.run(go())
    assert time.monotonic() - start < 2.0
    assert [type(r).__name__ for r in results] == ["Page"] * 6 + ["FetchTimeout", "HTTPStatusError", "BodyTooLarge", "FetchTimeout"]


def test_threads_share_a_sync_client(server: TestServer) -> None:
    # each thread has its own deadline (a ContextVar): a stalled fetch does not cut the others short
    from concurrent.futures import ThreadPoolExecutor

    paths = ["/stall", "/trickle", "/article", "/article", "/redirect?n=3"]

    settings = Settings(allow_private=True, backoff=0.01, deadline=1.0)

    def one(path: str) -> str:
        try:
            return type(fetch(server.url(path), settings, client)).__name__
        except OsintError as e:
            return type(e).__name__

    with make_client(settings) as client, ThreadPoolExecutor(len(paths)) as pool:
        start = time.monotonic()
        kinds = list(pool.map(one, paths))
    assert time.monotonic() - start < 2.0
    assert kinds == ["FetchTimeout", "FetchTimeout", "Page", "Page", "Page"]


# --- size limits -------------------------------------------------------------------------


def _peak(call: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        call()
    except OsintError:
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


@pytest.mark.parametrize("path", ["/big", "/big?nolength"])
def test_200_mb_body_is_refused(get: Get, server: TestServer, path: str) -> None:
    start = time.monotonic()
    assert "16 MiB" in failure(get, server.url(path), FAST, BodyTooLarge)
    assert time.monotonic() - start < 3


def test_gzip_bomb_stops_at_cap_with_bounded_memory(get: Get, server: TestServer) -> None:
    assert len(server.bomb) < 1 << 20  # 512 MiB of zeros, under 1 MiB on the wire
    peak = _peak(lambda: failure(get, server.url("/bomb"), FAST, BodyTooLarge))
    assert peak < 48 << 20  # the 16 MiB cap plus buffers, nowhere near 512 MiB


def test_unbounded_stream_memory_stays_bounded(server: TestServer) -> None:
    assert _peak(lambda: fetch(server.url("/big?nolength"), FAST)) < 48 << 20


def test_cap_counts_decompressed_bytes(get: Get, server: TestServer) -> None:
    small = Settings(allow_private=True, max_bytes=4096)
    assert "after decompression" in failure(get, server.url("/encoded?coding=gzip"), small, BodyTooLarge)
    failure(get, server.url("/article"), small, BodyTooLarge)


# --- content -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("kind=pdf&ctype=application/pdf", "a PDF document"),
        ("kind=pdf&ctype=text/html", "a PDF document"),
        ("kind=png&ctype=image/png", "an image"),
        ("kind=png&ctype=text/html", "a PNG image"),
        ("kind=binary&ctype=text/html", "binary content"),
        ("kind=binary&ctype=application/octet-stream", "application/octet-stream"),
        ("kind=article&ctype=text/css", "text/css"),
    ],
)
def test_unsupported_content(get: Get, server: TestServer, query: str, words: str) -> None:
    assert words in failure(get, server.url(f"/typed?{query}"), FAST, UnsupportedContent)


@pytest.mark.parametrize("coding", ["corrupt", "br"])
def test_bad_or_unasked_encoding(get: Get, server: TestServer, coding: str) -> None:
    failure(get, server.url(f"/encoded?coding={coding}"), FAST, FetchError)


def test_cp1252_without_declaration(get: Get, server: TestServer) -> None:
    text = decode(get(server.url("/typed?kind=cp1252&ctype=text/html"), FAST))
    assert "könnte Folgen" in text and "\ufffd" not in text


@pytest.mark.parametrize(("declared", "actual"), [("utf-8", "cp1252"), ("iso-8859-1", "utf-8"), ("x-nonsense", "cp1252")])
def test_wrong_declared_charset(get: Get, server: TestServer, declared: str, actual: str) -> None:
    page = get(server.url(f"/wrong-charset?declared={declared}&actual={actual}"), FAST)
    assert page.charset == declared
    text = decode(page)
    assert "könnte Folgen" in text and "\ufffd" not in text


# --- any input, no traceback -------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://",
        "https://",
        "http:///path",
        "http://exa mple.org/",
        "http://-x.org/",
        "http://xn--zz.org/",
        "http://256.1.1.1/",
        "http://[::1/",
        "http://host:99999/",
        "http://\udcff.org/",
        "file:///etc/passwd",
    ],
)
def test_invalid_urls(get: Get, url: str) -> None:
    with pytest.raises(FetchError) as info:
        get(url, FAST)
    assert str(info.value).startswith(url) and "\n" not in str(info.value)


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    """One client for many requests (building a TLS context per client costs ~40 ms)."""
    with make_client(FAST) as c:
        yield c


@given(tail=st.text(max_size=40))
@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_path_gives_page_or_osint_error(server: TestServer, client: httpx.Client, tail: str) -> None:
    try:
        fetch(server.url("/") + tail, FAST, client)
    except OsintError as e:
        assert "\n" not in str(e)
