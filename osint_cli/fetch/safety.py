"""Network safety that needs no HTTP stack: which addresses may be fetched, and URLs without credentials.

By default only public addresses are fetched: a list entry, URL or redirect whose host is or
resolves to a loopback, private, link-local (169.254.169.254, the cloud metadata service),
shared, reserved or multicast address is refused with ``BlockedAddress`` (``blocked_address``).
``Settings.allow_private`` / ``--allow-private`` lifts this for people who mean it.

Credentials in a URL (``https://user:pass@host/``) are used for the request but never shown:
``redact`` and ``scrub`` take them out of everything the tool prints or writes.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import re
import socket
import time

from ..errors import FetchError
from ..model import Article

_USERINFO = re.compile(r"(?i)\b(https?://)[^/?#\s]*@")
_TTL = 60.0  # seconds a host's verdict is reused: one DNS lookup per host and minute, not per page
_verdicts: dict[tuple[str, int], tuple[float, str | None]] = {}


class BlockedAddress(FetchError):
    """The host is (or resolves to) a loopback, private, link-local or other non-public address."""

    kind = "blocked_address"


def redact(url: str) -> str:
    """``url`` without the ``user:pass@`` part of its authority."""
    return _USERINFO.sub(r"\1", url, count=1) if "@" in url else url


def scrub(text: str) -> str:
    """Every http(s) URL in ``text`` without credentials (for messages that quote URLs)."""
    return _USERINFO.sub(r"\1", text) if "@" in text else text


_HOST_USERINFO = re.compile(r"^[^\s/@:]+:[^\s/@]*@")


def without_credentials(article: Article) -> Article:
    """The article with no ``user:pass@`` in its URL or site name (metadata that may echo the fetched URL)."""
    url = redact(article.url) if article.url else article.url
    site = _HOST_USERINFO.sub("", article.sitename) if article.sitename else article.sitename
    if url == article.url and site == article.sitename:
        return article
    return dataclasses.replace(article, url=url, sitename=site)


def _non_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """What kind of non-public address ``ip`` is, or None when it is a public unicast address."""
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if mapped is not None:
            inner = _non_public(mapped)
            if inner:
                return inner
    for kind in ("loopback", "link_local", "private", "multicast", "unspecified", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-public"


def address_problem(host: str, port: int) -> str | None:
    """Why ``host`` may not be fetched (e.g. ``127.0.0.1 is a loopback address``), or None.

    A name is resolved (every address it has must be public); a name that does not resolve
    passes, so the fetch fails with its usual "unknown host" error.
    """
    host = host.strip("[]").rstrip(".")
    try:
        ip = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        pass
    else:
        kind = _non_public(ip)
        return f"{host} is a {kind} address" if kind else None
    key = (host.lower(), port)
    now = time.monotonic()
    hit = _verdicts.get(key)
    if hit is not None and now - hit[0] < _TTL:
        return hit[1]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return None
    verdict = None
    for info in infos:
        addr = str(info[4][0]).split("%")[0]
        kind = _non_public(ipaddress.ip_address(addr))
        if kind:
            verdict = f"{host} resolves to {addr}, a {kind} address"
            break
    if len(_verdicts) > 4096:
        _verdicts.clear()
    _verdicts[key] = (now, verdict)
    return verdict


def check_peer(peer: object) -> str | None:
    """Why the address a connection actually reached is not public, or None (guards against DNS rebinding)."""
    if not isinstance(peer, tuple) or not peer:
        return None
    try:
        ip = ipaddress.ip_address(str(peer[0]).split("%")[0])
    except ValueError:
        return None
    kind = _non_public(ip)
    return f"connected to {ip}, a {kind} address" if kind else None
