"""An embedded cache of fetched pages in SQLite: pages, not reports, so better extractors apply at once.

Bodies are stored zlib-compressed; the pipeline hands compressed bodies straight to the
parse workers, which inflate them there, so the event loop never spends CPU on them.
WAL mode lets a second process read while a run writes.

The cache is an optimisation: every database error is raised as one ``CacheError`` (a
one-line message, no traceback), and the pipeline goes on without the cache rather than
lose a record. A row whose body does not inflate is dropped (``drop``) and refetched.
"""

from __future__ import annotations

import os
import sqlite3
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from ..errors import ReadError
from ..model import Page

SCHEMA_VERSION = 1
# zlib level: every fetched page is compressed in a worker before it is cached, so this is paid
# per page of every batch that uses the cache. On the corpus pages (196 KiB on average) level 1
# takes 2.7 ms a page against 7.1 ms for level 6, for a 4.1x instead of 4.8x smaller body;
# inflating costs the same, and older rows of any level still read
LEVEL = 1


def default_path() -> Path:
    """$XDG_CACHE_HOME/osint-cli/pages.sqlite, else ~/.cache/osint-cli/pages.sqlite."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "osint-cli" / "pages.sqlite"


@dataclass(frozen=True, slots=True)
class CachedPage:
    """A page as stored: metadata plus the zlib-compressed body."""

    url: str
    final_url: str | None
    status: int | None
    content_type: str | None
    charset: str | None
    fetched_at: float
    zbody: bytes

    def page(self, source: str) -> Page:
        """The Page, body inflated, under the source name the caller uses."""
        return Page(source=source, url=self.final_url, body=zlib.decompress(self.zbody), status=self.status,
                    content_type=self.content_type, charset=self.charset)


def compress(body: bytes) -> bytes:
    """The stored form of a body."""
    return zlib.compress(body, LEVEL)


class CacheError(ReadError):
    """The page cache could not be read or written (locked, disk full, malformed)."""

    kind = "cache"


class PageCache:
    """Pages by normalised URL; ``max_age`` seconds (None: any age) decides what counts as a hit."""

    def __init__(self, path: str | os.PathLike[str], max_age: float | None = None, variant: str = "") -> None:
        self.path = Path(path)
        self.max_age = max_age
        # what else changes a page (fetch.transport.content_variant: User-Agent, proxy): kept
        # apart in the key, after a '#' that no normalised URL has (fragments are dropped)
        self.variant = variant
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            # NORMAL under WAL: a power cut may lose the last pages, never corrupt the file
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, final_url TEXT, status INTEGER,"
                " content_type TEXT, charset TEXT, fetched_at REAL NOT NULL, body BLOB NOT NULL)"
            )
            # written only when it differs: a cache that another process holds locked still opens for reading
            if self._db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except (OSError, sqlite3.Error) as e:
            raise CacheError(self._message("cannot be opened", e)) from None

    def _message(self, what: str, e: BaseException) -> str:
        return " ".join(f"page cache {self.path} {what}: {e}".split())

    def get(self, url: str) -> CachedPage | None:
        """The cached page for a normalised URL, if present and fresh enough; CacheError if unreadable."""
        try:
            row = self._db.execute(
                "SELECT url, final_url, status, content_type, charset, fetched_at, body FROM pages WHERE url = ?", (self._key(url),)
            ).fetchone()
        except sqlite3.Error as e:
            raise CacheError(self._message("cannot be read", e)) from None
        if row is None:
            return None
        if not isinstance(row[6], bytes) or not isinstance(row[5], (int, float)):
            self.drop(url)  # a row of the wrong shape is as good as a miss
            return None
        hit = CachedPage(*row)
        if self.max_age is not None and time.time() - hit.fetched_at > self.max_age:
            return None
        return hit

    def put(self, entry: CachedPage) -> None:
        """Store a page under its normalised URL, replacing an older copy; CacheError if that fails."""
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?)",
                (self._key(entry.url), entry.final_url, entry.status, entry.content_type, entry.charset, entry.fetched_at, entry.zbody),
            )
        except (OSError, sqlite3.Error) as e:
            raise CacheError(self._message("cannot be written", e)) from None

    def drop(self, url: str) -> None:
        """Forget one page (its stored body is corrupt); CacheError if that fails."""
        try:
            self._db.execute("DELETE FROM pages WHERE url = ?", (self._key(url),))
        except (OSError, sqlite3.Error) as e:
            raise CacheError(self._message("cannot be written", e)) from None

    def _key(self, url: str) -> str:
        return f"{url}#{self.variant}" if self.variant else url

    def put_page(self, url: str, page: Page) -> None:
        """Store a Page (compressing its body here) under normalised URL ``url``."""
        self.put(CachedPage(url, page.url, page.status, page.content_type, page.charset, time.time(), compress(page.body)))

    def __len__(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM pages").fetchone()[0])

    def close(self) -> None:
        """Close the database (the WAL is checkpointed by SQLite)."""
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class GuardedCache:
    """The cache as a run uses it: never raises; the first failure is reported and turns the cache off.

    A locked or full database must not cost a record: the page goes on to the output, only
    its caching is lost.
    """

    def __init__(self, cache: PageCache | None, report: Callable[[CacheError], None]) -> None:
        self._cache = cache
        self._report = report
        self.error: CacheError | None = None

    @property
    def on(self) -> bool:
        """Whether pages are read from and written to the cache."""
        return self._cache is not None and self.error is None

    def _failed(self, e: CacheError) -> None:
        if self.error is None:
            self.error = e
            self._report(e)

    def get(self, url: str) -> CachedPage | None:
        """The cached page, or None (also when the cache failed)."""
        if self._cache is None or self.error is not None:
            return None
        try:
            return self._cache.get(url)
        except CacheError as e:
            self._failed(e)
            return None

    def put(self, entry: CachedPage) -> None:
        """Store a page if the cache still works."""
        if self._cache is not None and self.error is None:
            try:
                self._cache.put(entry)
            except CacheError as e:
                self._failed(e)

    def drop(self, url: str) -> None:
        """Forget a corrupt page if the cache still works."""
        if self._cache is not None and self.error is None:
            try:
                self._cache.drop(url)
            except CacheError as e:
                self._failed(e)
