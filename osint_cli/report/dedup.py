"""Collapse duplicates: the same canonical URL, or near-identical text (MinHash over word 3-shingles).

Why MinHash (rensa) and not trafilatura's Simhash: on the 49 corpus pages, the Jaccard
estimate of two different articles is at most 0.016 and that of a syndicated copy (credit
line added, last paragraph dropped, 2 % of the words changed) at least 0.64, while
trafilatura's bag-of-words Simhash gives up to 0.75 for different articles and down to 0.81
for copies: no safe threshold. rensa computes the same estimate as datasketch in Rust with
no dependency (datasketch pulls numpy and scipy: 3.6 s to import here, 10 ms a page;
rensa 2 ms to import, about 1 ms a page). Measured by ``benchmarks/report_speed.py --dedup``.
rensa computes the digests; the banding that finds candidates is ``bands.BandIndex`` (a
fifth of the memory of rensa's own LSH index).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .bands import BandIndex

PERMUTATIONS = 128
BANDS = 32  # 4 rows a band: a pair at Jaccard 0.6 becomes a candidate with p > 0.99, at 0.05 with p < 0.001
THRESHOLD = 0.5  # verified Jaccard estimate above which two texts are one article
MIN_SHINGLES = 12  # too little text to tell a copy from a coincidence: only the URL decides


@lru_cache(maxsize=1)
def _tracking() -> tuple[frozenset[str], tuple[str, ...]]:
    path = resources.files(__package__) / "tracking.toml"
    lists = tomllib.loads(path.read_text(encoding="utf-8"))["lists"]
    return frozenset(lists["tracking_param"]), tuple(lists["tracking_prefix"])


def canonical_url(url: str | None) -> str | None:
    """The URL without tracking parameters, fragment, default port, ``www.`` or trailing slash."""
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    names, prefixes = _tracking()
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in names and not k.lower().startswith(prefixes)] if parts.query else []
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", host, path, urlencode(sorted(query)), ""))


def canonical_urls(urls: list[str | None]) -> list[str]:
    """The distinct canonical forms of an article's addresses (its source and its own URL)."""
    return list(dict.fromkeys(k for k in map(canonical_url, dict.fromkeys(u for u in urls if u)) if k))


def fingerprint_text(record: dict[str, Any]) -> str:
    """The text a record is compared by: the article text if kept, else title and finding sentences."""
    if isinstance(record.get("text"), str) and record["text"].strip():
        return str(record["text"])
    meta = record.get("metadata") or {}
    seen: dict[str, None] = {meta.get("title") or "": None, meta.get("description") or "": None}
    for key in ("experts", "quotes", "figures", "dates", "sources"):
        for finding in record.get(key) or ():
            seen.setdefault(str(finding.get("sentence") or ""), None)
    return "\n".join(s for s in seen if s)


def shingles(text: str) -> list[str]:
    """Word 3-shingles, case-folded (split on white space: 3x faster than a word regex, and a copy keeps its punctuation)."""
    words = text.casefold().split()
    return list(map(" ".join, zip(words, words[1:], words[2:], strict=False)))


@dataclass
class Deduper:
    """Finds, for each new article, an earlier one it duplicates (streaming: one digest kept per article)."""

    by_url: dict[str, int] = field(default_factory=dict)
    _bands: BandIndex = field(default_factory=lambda: BandIndex(BANDS, PERMUTATIONS // BANDS))

    def find(self, keys: list[str], text: str) -> tuple[int | None, str, list[int] | None]:
        """The index of the article this one copies and why (``url`` or ``text``), plus its MinHash digest.

        ``keys`` are the article's canonical URLs (``canonical_urls``).
        """
        for key in keys:
            if key in self.by_url:
                return self.by_url[key], "url", None
        digest = _digest(text)
        if digest is not None:
            score, index = self._bands.best(digest)
            if score >= THRESHOLD:
                return index, "text", digest
        return None, "", digest

    def add(self, index: int, keys: list[str], digest: list[int] | None) -> None:
        """Remember an article (or a copy's extra URLs) under ``index``; a copy passes no digest."""
        for key in keys:
            self.by_url.setdefault(key, index)
        if digest is not None:
            self._bands.insert(index, digest)


def _digest(text: str) -> list[int] | None:
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    import rensa  # Rust MinHash: imported on first use, about 2 ms

    sig = rensa.RMinHash(num_perm=PERMUTATIONS, seed=42)
    sig.update(grams)
    return list(sig.digest())
