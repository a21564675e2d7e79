"""The admission both batch engines share (batch/admit.py): resume, bad lines, duplicates, no credentials in keys."""

from __future__ import annotations

import io

from osint_cli.batch.admit import BatchRun
from osint_cli.batch.progress import Reporter, Stats
from osint_cli.batch.urls import Dedup, entries
from osint_cli.errors import SourceError
from osint_cli.settings import Settings


class _Run(BatchRun):
    def __init__(self, done: Dedup) -> None:
        self.log = io.StringIO()
        super().__init__(Settings(), None, Reporter(self.log, interval=3600), Stats(total=5), done)  # type: ignore[arg-type]
        self.failed: list[tuple[str, str]] = []

    def _fail(self, source: str, err: SourceError) -> None:
        self.failed.append((source, err.kind))


def test_entries_are_sorted_once_for_every_engine() -> None:
    done = Dedup()
    done.add("https://h.example/done")
    run = _Run(done)
    listing = ["https://ann:secret@h.example/a", "https://h.example/done", "https://ann:secret@h.example/x y",
               "https://h.example/a", "https://h.example/b"]
    ready = [e for e in map(run._sort, entries(listing)) if e is not None]
    # the key never holds the password, so the same page without it is a duplicate; the URL as written is fetched
    assert [(e.url, e.norm) for e in ready] == [("https://ann:secret@h.example/a", "https://h.example/a"),
                                               ("https://h.example/b", "https://h.example/b")]
    assert run.failed == [("https://ann:secret@h.example/x y", "invalid_url")]
    assert "secret" not in run.log.getvalue() and "line 3" in run.log.getvalue()
    s = run.stats
    assert (s.read, s.skipped, s.duplicates, s.invalid, s.total) == (5, 1, 1, 1, 3)
