"""An embedded cache of fetched pages in SQLite: pages, not reports, so better extractors apply at once.

Bodies are stored zlib-compressed; the pipeline hands compressed bodies straight to the
parse workers, which inflate them there, so the event loop never spends CPU on them.
WAL mode lets a second process read while a run writes.
"""

from __future__ import annotations

import os
import sqlite3
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from ..errors import ReadError
from ..model import Page

SCHEMA_VERSION = 1
LEVEL = 6  # zlib level: HTML shrinks ~5x; levels above 6 cost much more CPU for ~1 % less


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
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except (OSError, sqlite3.Error) as e:
            raise ReadError(f"page cache {self.path}: {e}") from e

    def get(self, url: str) -> CachedPage | None:
        """The cached page for a normalised URL, if present and fresh enough."""
        row = self._db.execute(
            "SELECT url, final_url, status, content_type, charset, fetched_at, body FROM pages WHERE url = ?", (self._key(url),)
        ).fetchone()
        if row is None:
            return None
        hit = CachedPage(*row)
        if self.max_age is not None and time.time() - hit.fetched_at > self.max_age:
            return None
        return hit

    def put(self, entry: CachedPage) -> None:
        """Store a page under its normalised URL, replacing an older copy."""
        self._db.execute(
            "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?)",
            (self._key(entry.url), entry.final_url, entry.status, entry.content_type, entry.charset, entry.fetched_at, entry.zbody),
        )

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
