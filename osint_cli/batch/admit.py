"""What both batch engines share before a URL is fetched: their run state, and the sorting of list entries.

The local Pipeline and the Dask client each read the list, skip what ``--resume`` finds done,
turn a bad line into an error record, and drop a URL seen before; both do it here, so
the two engines cannot drift apart (the same counts, the same warnings, the same redaction).
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import SourceError
from ..fetch.safety import redact, scrub
from ..settings import Settings
from .progress import Reporter, Stats
from .sink import Sink
from .urls import Dedup, Entry, InvalidURL


class BatchRun:
    """The state of one batch run that every engine holds, and its admission of list entries."""

    def __init__(self, settings: Settings, sink: Sink, reporter: Reporter, stats: Stats, done: Dedup) -> None:
        self.settings = settings
        self.sink = sink
        self.reporter = reporter
        self.stats = stats
        self.done = done  # what the output already holds (--resume)
        self.seen = Dedup()  # what this run has taken

    def _fail(self, source: str, err: SourceError) -> None:
        """Write ``source``'s error record (each engine its own way)."""
        raise NotImplementedError

    def _sort(self, entry: Entry) -> Entry | None:
        """``entry`` to run, its key redacted (output, resume and cache never hold credentials); None when it was
        skipped (done before, a duplicate) or failed as a bad line."""
        self.stats.read += 1
        if entry.error is not None:
            if entry.url in self.done:
                self._skip("skipped")
                return None
            self.stats.invalid += 1
            self.reporter.line(scrub(f"osint: warning: line {entry.lineno}: {entry.url!r}: {entry.error}"))
            self._fail(entry.url, InvalidURL(f"line {entry.lineno}: {entry.url!r}: {entry.error}"))
            return None
        key = redact(entry.norm)
        if key in self.done:
            self._skip("skipped")
            return None
        if not self.seen.add(key):
            self._skip("duplicates")
            return None
        return entry if key == entry.norm else replace(entry, norm=key)

    def _skip(self, what: str) -> None:
        setattr(self.stats, what, getattr(self.stats, what) + 1)
        if self.stats.total is not None:
            self.stats.total -= 1
