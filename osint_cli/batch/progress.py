"""Progress on stderr: a rich bar on a terminal, plain periodic lines otherwise, a summary table at the end."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table


@dataclass
class Stats:
    """Counts of one run; the pipeline updates them, the reporters read them."""

    total: int | None = None  # URLs expected (None: unknown, e.g. stdin)
    read: int = 0  # list entries read (valid or not)
    duplicates: int = 0
    skipped: int = 0  # already in the output (--resume)
    invalid: int = 0
    ok: int = 0
    failed: int = 0  # includes invalid lines and robots refusals
    cached: int = 0  # served from the page cache
    cache_errors: int = 0  # page cache failures (locked, full, malformed): records are written all the same
    errors: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)
    interrupted: bool = False

    @property
    def done(self) -> int:
        """Records written."""
        return self.ok + self.failed

    @property
    def elapsed(self) -> float:
        """Seconds since the start."""
        return time.monotonic() - self.started

    @property
    def rate(self) -> float:
        """Records a second so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0

    def eta(self) -> float | None:
        """Seconds left at the current rate, if the total is known."""
        if self.total is None or self.rate <= 0:
            return None
        return max(0.0, (self.total - self.done) / self.rate)


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class Reporter:
    """Plain lines every ``interval`` seconds (stderr not a terminal); the base of the rich bar."""

    def __init__(self, stream: TextIO, interval: float = 10.0) -> None:
        self.stream = stream
        self.interval = interval
        self._last = time.monotonic()

    def start(self, stats: Stats) -> None:
        """Called once before the first URL."""

    def update(self, stats: Stats) -> None:
        """Called after every record and once a second."""
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            self.line(self.status(stats))

    def status(self, stats: Stats) -> str:
        """One line of counts, rate and ETA."""
        total = f"/{stats.total}" if stats.total is not None else ""
        return (f"osint batch: {stats.done}{total} done, {stats.failed} failed, {stats.cached} cached, "
                f"{stats.rate:.1f}/s, ETA {_clock(stats.eta())}")

    def line(self, text: str) -> None:
        """Write one message line."""
        self.stream.write(text + "\n")
        self.stream.flush()

    def stop(self, stats: Stats) -> None:
        """Called once at the end, before the summary."""

    def summary(self, stats: Stats) -> None:
        """The end-of-run table."""
        table = Table(title="osint batch", show_header=False, title_justify="left")
        table.add_column(justify="left")
        table.add_column(justify="right")
        rows = [("summarised", stats.ok), ("failed", stats.failed)]
        rows += [(f"  {kind}", n) for kind, n in sorted(stats.errors.items(), key=lambda kv: (-kv[1], kv[0]))]
        rows += [("served from cache", stats.cached), ("duplicates skipped", stats.duplicates),
                 ("already in output (--resume)", stats.skipped)]
        for name, n in rows:
            table.add_row(name, str(n))
        table.add_row("time", f"{stats.elapsed:.1f} s")
        table.add_row("rate", f"{stats.rate:.1f} URLs/s")
        if stats.cache_errors:
            table.add_row("page cache failed", "yes (records written, not cached)")
        if stats.interrupted:
            table.add_row("interrupted", "yes (--resume continues)")
        self.console().print(table)

    def console(self) -> Console:
        """A rich Console on the reporter's stream."""
        return Console(file=self.stream, highlight=False, soft_wrap=True)


class RichReporter(Reporter):
    """A live progress bar (stderr is a terminal)."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._console = Console(file=stream, highlight=False)
        self._bar = Progress(
            TextColumn("[bold]osint batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("[red]{task.fields[failed]} failed[/] [cyan]{task.fields[cached]} cached[/] {task.fields[rate]}/s"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self._console,
            transient=False,
        )
        self._task: TaskID | None = None

    def start(self, stats: Stats) -> None:
        self._bar.start()
        self._task = self._bar.add_task("batch", total=stats.total, failed=0, cached=0, rate="0.0")

    def update(self, stats: Stats) -> None:
        if self._task is not None:
            self._bar.update(self._task, completed=stats.done, total=stats.total, failed=stats.failed,
                             cached=stats.cached, rate=f"{stats.rate:.1f}")

    def line(self, text: str) -> None:
        self._bar.console.print(text, markup=False)

    def stop(self, stats: Stats) -> None:
        self.update(stats)
        self._bar.stop()

    def console(self) -> Console:
        return self._console


def reporter_for(stream: TextIO, interval: float = 10.0) -> Reporter:
    """The rich bar on a terminal, plain lines otherwise."""
    return RichReporter(stream) if stream.isatty() else Reporter(stream, interval)
