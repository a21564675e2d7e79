"""httpx clients with safe defaults, and a socket-level deadline for the sync client.

httpx has connect/read/write timeouts per socket operation but no total timeout: a server
that trickles one byte per second never trips a 20 s read timeout. The async path wraps each
attempt in ``anyio.fail_after``. A sync call cannot be cancelled from outside, so the sync
client gets a network backend whose every connect/read/write takes the smaller of its own
timeout and the time left before the current attempt's deadline (held in a ContextVar set by
``fetch``). A stalled or trickling server then ends exactly at the deadline, with no watchdog
thread racing the connection pool. Clients not built here still get the deadline checked
between body chunks and phase timeouts capped to the time left.

Proxies: httpx reads HTTP(S)_PROXY, ALL_PROXY and NO_PROXY only for clients it builds
itself, not for a client given its own transport, as ours are. So ``proxy_routes`` reads
them the way httpx (and curl) do and mounts one transport per proxy; ``Settings.proxy``
(``--proxy``) sends every request through one proxy, whatever the environment says.
"""

from __future__ import annotations

import functools
import hashlib
import ssl
import time
import typing
from contextvars import ContextVar
from ipaddress import ip_address
from urllib.request import getproxies

import httpcore
import httpx

from ..settings import DEFAULT_USER_AGENT, Settings
from .limits import ACCEPT_ENCODING

# monotonic time at which the running sync attempt must end; None outside fetch()
DEADLINE: ContextVar[float | None] = ContextVar("osint_cli_fetch_deadline", default=None)


def _capped(timeout: float | None, exc: type[Exception]) -> float | None:
    at = DEADLINE.get()
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise exc("deadline exceeded")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A network stream whose operations never block past the attempt's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _capped(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _capped(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: typing.Any, server_hostname: str | None = None, timeout: float | None = None) -> httpcore.NetworkStream:
        tls = self._inner.start_tls(ssl_context, server_hostname, _capped(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(tls)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's sync backend with every blocking call capped by DEADLINE."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None, socket_options: typing.Any = None) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(host, port, _capped(timeout, httpcore.ConnectTimeout), local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: typing.Any = None) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(path, _capped(timeout, httpcore.ConnectTimeout), socket_options)
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The verifying TLS context (system/certifi roots), built once: loading the roots takes ~60 ms."""
    return httpx.create_ssl_context(verify=True)


PROXY_SCHEMES = ("http", "https", "socks5", "socks5h")


def check_proxy(url: str) -> str:
    """A proxy URL as httpx takes it; ValueError with a one-line reason if it cannot be used."""
    if "://" not in url:
        url = f"http://{url}"  # as curl and httpx read HTTP_PROXY=host:port
    scheme = url.split("://", 1)[0].lower()
    if scheme not in PROXY_SCHEMES:
        raise ValueError(f"proxy {url!r}: scheme {scheme!r} not supported (use {', '.join(PROXY_SCHEMES)})")
    try:
        host = httpx.URL(url).host
    except (httpx.InvalidURL, ValueError) as e:
        raise ValueError(f"proxy {url!r}: {e}") from None
    if not host:
        raise ValueError(f"proxy {url!r}: no host")
    if scheme.startswith("socks"):
        try:
            import socksio  # noqa: F401 - httpx's SOCKS support needs it
        except ImportError:
            raise ValueError(f"proxy {url!r}: SOCKS needs the socksio package (pip install 'httpx[socks]')") from None
    return url


def proxy_routes(settings: Settings) -> dict[str, str | None]:
    """httpx mount pattern -> proxy URL (None: go direct), from Settings.proxy or else the
    environment: HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY (either case), read as httpx does."""
    if settings.proxy:
        return {"all://": check_proxy(settings.proxy)}
    found = getproxies()  # lower case wins over upper case; HTTP_PROXY is ignored in a CGI request
    routes: dict[str, str | None] = {}
    for scheme in ("http", "https", "all"):
        if found.get(scheme):
            routes[f"{scheme}://"] = check_proxy(found[scheme])
    for host in (h.strip() for h in found.get("no", "").split(",")):
        if host == "*":
            return {}
        if host:
            routes[_no_proxy_pattern(host)] = None
    return routes


def _no_proxy_pattern(host: str) -> str:
    # curl's reading of NO_PROXY, as httpx has it: "example.com" also covers its subdomains
    if "://" in host:
        return host
    try:
        ip = ip_address(host.strip("[]"))
    except ValueError:
        return f"all://{host}" if host.lower() == "localhost" else f"all://*{host.lstrip('*')}"
    return f"all://[{ip}]" if ip.version == 6 else f"all://{ip}"


def content_variant(settings: Settings) -> str:
    """What besides the URL can change a fetched page: a User-Agent other than ours, or a proxy
    (exit location). Empty when neither applies; a short hash otherwise (part of cache keys)."""
    routes = proxy_routes(settings)
    if settings.user_agent == DEFAULT_USER_AGENT and not any(routes.values()):
        return ""
    seed = repr((settings.user_agent, sorted(routes.items(), key=lambda kv: kv[0])))
    return hashlib.blake2b(seed.encode(), digest_size=6).hexdigest()


def deadline_transport(limits: httpx.Limits | None = None, proxy: str | None = None) -> httpx.HTTPTransport:
    """An HTTPTransport (TLS verified, no transport-level retries) whose sockets obey DEADLINE."""
    transport = httpx.HTTPTransport(verify=tls_context(), limits=limits or httpx.Limits(), retries=0, proxy=proxy)
    pool = getattr(transport, "_pool", None)
    # httpx offers no public hook for the network backend; if its internals change we fall
    # back to the plain backend and the chunk-level deadline check (tests would notice)
    if isinstance(pool, httpcore.ConnectionPool) and hasattr(pool, "_network_backend"):
        pool._network_backend = _DeadlineBackend(pool._network_backend)
    return transport


def _timeout(settings: Settings) -> httpx.Timeout:
    return httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=settings.connect_timeout,
    )


def default_headers(settings: Settings) -> dict[str, str]:
    """Headers sent with every request: who we are and what we can take."""
    return {
        "User-Agent": settings.user_agent,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
        # only codings we can inflate with an output bound (see limits.py)
        "Accept-Encoding": ACCEPT_ENCODING,
    }


def make_client(settings: Settings, limits: httpx.Limits | None = None) -> httpx.Client:
    """A sync client for fetch(): TLS verified, redirects handled by fetch, hard deadline, proxies as configured."""
    mounts: dict[str, httpx.BaseTransport | None] = {
        pattern: None if url is None else deadline_transport(limits, url) for pattern, url in proxy_routes(settings).items()
    }
    return httpx.Client(
        transport=deadline_transport(limits),
        mounts=mounts,
        follow_redirects=False,
        headers=default_headers(settings),
        timeout=_timeout(settings),
    )


def make_async_client(settings: Settings, limits: httpx.Limits | None = None) -> httpx.AsyncClient:
    """An async client for afetch(): TLS verified, redirects handled by afetch; ``limits`` sizes the pool."""
    def transport(proxy: str | None = None) -> httpx.AsyncHTTPTransport:
        return httpx.AsyncHTTPTransport(verify=tls_context(), limits=limits or httpx.Limits(), retries=0, proxy=proxy)

    mounts: dict[str, httpx.AsyncBaseTransport | None] = {
        pattern: None if url is None else transport(url) for pattern, url in proxy_routes(settings).items()
    }
    return httpx.AsyncClient(
        transport=transport(),
        mounts=mounts,
        follow_redirects=False,
        headers=default_headers(settings),
        timeout=_timeout(settings),
    )
