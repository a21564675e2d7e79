"""Reading URL lists: one URL a line, comments and blanks skipped, duplicates and bad lines sorted out.

The list is streamed: only an 8-byte hash of each URL seen is kept, so a list of millions
of lines costs a few megabytes, never the list itself.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit, urlunsplit

from ..errors import ReadError, SourceError

DEFAULT_PORTS = {"http": 80, "https": 443}
# query parameters that say where a click came from, never which page: dropped from a URL's
# identity, so links that differ only by them are fetched once (the URL as written is fetched)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
    "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id",
    "wickedid", "rb_clickid", "s_cid", "ncid", "ocid", "at_medium", "at_campaign", "cmpid", "wt_mc", "wt_zmc",
})
SAVED_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")  # what a folder of saved pages contributes


class InvalidURL(SourceError):
    """A line of the URL list that is not an http(s) URL."""

    kind = "invalid_url"


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the list: a URL as written plus its normalised form, or why the line is unusable."""

    lineno: int
    url: str
    norm: str = ""
    error: str | None = None
    local: bool = False  # a saved page in a folder: ``url`` is its path (and its identity)


def normalize(url: str) -> str:
    """The identity of a URL for dedup, resume and the cache: scheme and host lowercased,
    default port, fragment and tracking parameters (``utm_*``, ``fbclid`` ...) dropped. Raises InvalidURL."""
    if not url.lower().startswith(("http://", "https://")):
        raise InvalidURL("not an http(s) URL")
    if any(c.isspace() for c in url):
        raise InvalidURL("contains white space")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as e:
        raise InvalidURL(str(e)) from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise InvalidURL("not an http(s) URL")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise InvalidURL("no host")
    if ":" in host:  # IPv6 literal keeps its brackets
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username or parts.password:
        userinfo = parts.netloc.rpartition("@")[0]
        netloc = f"{userinfo}@{netloc}"
    return urlunsplit((scheme, netloc, parts.path or "/", _untracked(parts.query), ""))


def _untracked(query: str) -> str:
    """A query string without tracking parameters; the others keep their order and spelling."""
    if not query:
        return query
    kept = []
    for pair in query.split("&"):
        name = pair.split("=", 1)[0].lower()
        if name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES):
            continue
        kept.append(pair)
    return "&".join(kept)


def url_key(url: str) -> bytes:
    """A short stable hash of a normalised URL (collisions at 2**-64 per pair: negligible)."""
    return hashlib.blake2b(url.encode("utf-8", "surrogatepass"), digest_size=8).digest()


def host_of(url: str) -> str:
    """The host a URL is polite to (port ignored: one machine, one rate)."""
    return (urlsplit(url).hostname or "").lower()


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL: the scope of one robots.txt (RFC 9309)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


def entries(lines: Iterable[str]) -> Iterator[Entry]:
    """Parse list lines into Entries (blanks and ``#`` comments skipped)."""
    for lineno, raw in enumerate(lines, 1):
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        try:
            yield Entry(lineno, line, normalize(line))
        except InvalidURL as e:
            yield Entry(lineno, line, error=str(e))


def folder_entries(folder: Path) -> Iterator[Entry]:
    """The saved pages under ``folder`` (``.html``, ``.htm``, ``.xhtml``, ``.txt``; hidden files
    and folders skipped), in sorted path order so that runs and --resume agree."""
    n = 0
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).parts
        if any(p.startswith(".") for p in rel) or path.suffix.lower() not in SAVED_SUFFIXES or not path.is_file():
            continue
        n += 1
        yield Entry(n, str(path), str(path), local=True)


class Dedup:
    """Which URLs were seen: a set of 8-byte hashes, not of strings."""

    def __init__(self, keys: Iterable[bytes] = ()) -> None:
        self._seen: set[bytes] = set(keys)

    def __len__(self) -> int:
        return len(self._seen)

    def __contains__(self, url: str) -> bool:
        return url_key(url) in self._seen

    def discard(self, url: str) -> None:
        """Forget ``url`` (its last record was an error, for --retry-failed)."""
        self._seen.discard(url_key(url))

    def add(self, url: str) -> bool:
        """Record ``url``; False if it was there already."""
        key = url_key(url)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True


@contextmanager
def open_list(path: str, stdin: TextIO | None = None) -> Iterator[TextIO]:
    """Open a URL list for streaming (``-`` is standard input); undecodable bytes are replaced."""
    if path == "-":
        yield stdin or sys.stdin
        return
    try:
        fh = Path(path).open(encoding="utf-8", errors="replace", newline=None)  # noqa: SIM115 - closed below
    except OSError as e:
        raise ReadError(f"{path}: {e.strerror or e}") from e
    with fh:
        yield fh


def count_lines(path: str) -> int | None:
    """How many URL-looking lines a list file has (for the ETA), reading it once in blocks;
    None for stdin or an unreadable file."""
    if path == "-":
        return None
    if Path(path).is_dir():
        return sum(1 for _ in folder_entries(Path(path)))
    n = 0
    try:
        with Path(path).open("rb") as fh:
            for line in fh:
                s = line.strip()
                if s and not s.startswith(b"#"):
                    n += 1
    except OSError:
        return None
    return n
