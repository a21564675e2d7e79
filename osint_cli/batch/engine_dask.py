"""``osint batch --engine dask``: host groups run as tasks on a Dask cluster; this client writes the output.

    list ──► reader ──► admit (resume, dedup, bad lines) ──► Partitioner ──► client.submit(run_group)
             (thread)                                         one group per         │  on any worker:
                                                              host at a time        │  the local Pipeline
    output ◄── whole lines, in the order groups finish ◄──── events queue ◄─────────┘  over one host

The client holds no results: a group's lines are written the moment its future finishes, and
the list is read only while fewer than ``window`` URLs are waiting or running. Dask retries a
group whose worker died elsewhere (the scheduler's ``allowed-failures``); a group that keeps
killing workers is split into one-URL tasks, and only a URL that still kills its worker ends
as a ``worker_crashed`` record. dask is imported only here, and only when this engine runs.
"""

from __future__ import annotations

import itertools
import queue
import signal
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

from ..errors import OsintError, SourceError, UsageError
from ..fetch.safety import redact, scrub
from ..model import Failure
from ..output.json import dumps
from ..settings import Settings
from .admit import BatchRun
from .dask_cluster import DaskTuning, connect, quiet_dask
from .hostgroups import (
    CacheSpec,
    Group,
    GroupResult,
    Partitioner,
    pause_after,
    run_group,
)
from .pipeline import WorkerCrashed
from .progress import Reporter, Stats, reporter_for
from .sink import Sink, open_output
from .urls import Dedup, Entry, count_lines, entries, host_of, open_list

if TYPE_CHECKING:
    from distributed import Client, Future

INSTALL = "pip install 'osint-cli[dask]'"


class ClusterError(OsintError):
    """The Dask scheduler could not be reached, or was lost during the run."""

    kind = "cluster"


class GroupFailed(SourceError):
    """A host group's task raised instead of returning records (a bug, or a worker that cannot import us)."""

    kind = "internal"


def available() -> bool:
    """True if dask.distributed can be imported (without importing it)."""
    import importlib.util

    return importlib.util.find_spec("distributed") is not None


def run_batch_dask(
    source: str,
    settings: Settings,
    output: str | None = None,
    *,
    resume: bool = False,
    cache: CacheSpec | None = None,
    tuning: DaskTuning | None = None,
    reporter: Reporter | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> Stats:
    """``run_batch`` on a Dask cluster: the same records, output guarantees, progress and Ctrl-C behaviour."""
    if not available():
        raise UsageError(f"--engine dask needs dask.distributed: {INSTALL}")
    tuning = tuning or DaskTuning()
    reporter = reporter or reporter_for(stderr or sys.stderr)
    with open_output(output, resume, stdout) as (sink, done), open_list(source, stdin) as lines:
        stats = Stats(total=count_lines(source))
        with quiet_dask(), connect(tuning) as client:
            run = DaskRun(client, settings, sink, done, cache, tuning, reporter, stats)
            with _on_sigint(run.interrupt):
                reporter.start(stats)
                try:
                    run.run(entries(lines), batch=256 if source != "-" else 1)
                finally:
                    reporter.stop(stats)
    reporter.summary(stats)
    return stats


@contextmanager
def _on_sigint(callback: Callable[[], None]) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda signum, frame: callback())
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class DaskRun(BatchRun):
    """One batch on a cluster; use ``run()``. All of it runs in the caller's thread but the list reader."""

    def __init__(self, client: Client, settings: Settings, sink: Sink, done: Dedup, cache: CacheSpec | None,
                 tuning: DaskTuning, reporter: Reporter, stats: Stats) -> None:
        super().__init__(settings, sink, reporter, stats, done)  # with the local Pipeline's admission of entries
        self.client, self.cache, self.tuning = client, cache, tuning
        self.parts = Partitioner(tuning.group, tuning.window)
        self.events: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.room = threading.Event()  # set while the reader may read on
        self.running: dict[Future, Group] = {}
        # --concurrency bounds requests in flight across the cluster: each group has host_concurrency lanes
        self.max_groups = max(1, settings.concurrency // settings.host_concurrency)
        self.eof = False
        self.stopping = False
        self.aborting = False

    # --- the loop ------------------------------------------------------------------------
    def run(self, items: Iterator[Entry], batch: int) -> Stats:
        """Process every entry; returns the counts."""
        self.room.set()
        threading.Thread(target=self._reader, args=(items, batch), name="osint-batch-reader", daemon=True).start()
        idle = False
        last_tick = time.monotonic()
        try:
            while not self._finished():
                if not self.stopping:
                    self._submit(flush=self.eof or self.parts.full() or idle)
                event = self._next_event()
                idle = event is None
                if event is not None:
                    self._handle(*event)
                if self.parts.full() or self.stopping:
                    self.room.clear()
                else:
                    self.room.set()
                if time.monotonic() - last_tick >= self.tuning.tick:
                    last_tick = time.monotonic()
                    self.reporter.update(self.stats)
        finally:
            self.stopping = True
            self.room.set()  # let the reader see that it is over
            if self.running:
                self.client.cancel(list(self.running))
        return self.stats

    def _finished(self) -> bool:
        if self.aborting:
            return True
        if self.stopping:
            return not self.running
        return self.eof and self.parts.idle()

    def _next_event(self) -> tuple[str, Any] | None:
        wait = 0.25  # short: a Ctrl-C is noticed within it
        ahead = self.parts.next_ready(time.monotonic())
        if ahead is not None:
            wait = min(wait, max(ahead, 0.001))
        try:
            return self.events.get(timeout=wait)
        except queue.Empty:
            return None

    def _handle(self, kind: str, payload: Any) -> None:
        if kind == "read":
            if not payload:
                self.eof = True
            for entry in payload:
                if self.stopping:
                    return
                self._admit(entry)
        elif kind == "done":
            self._collect(payload)
        else:  # the reader failed (an undecodable list, a read error): end the run with it
            raise payload

    def _reader(self, items: Iterator[Entry], batch: int) -> None:
        try:
            while True:
                self.room.wait()
                if self.stopping:
                    return
                chunk = list(itertools.islice(items, batch))
                self.events.put(("read", chunk))
                if not chunk:
                    return
        except BaseException as e:  # noqa: BLE001 - handed to the main thread, which raises it
            self.events.put(("error", e))

    # --- input ---------------------------------------------------------------------------
    def _admit(self, entry: Entry) -> None:
        ready = self._sort(entry)  # the same sorting as the local engine: resume, bad lines, duplicates
        if ready is not None:
            self.parts.add(host_of(ready.norm), ready)

    # --- tasks ---------------------------------------------------------------------------
    def _submit(self, flush: bool) -> None:
        room = self.max_groups - len(self.running)
        for group in list(self.parts.take(time.monotonic(), flush, room)):
            fut = self.client.submit(run_group, group, self.settings, self.cache, pure=False, retries=1,
                                     key=f"osint-group-{group.host}-{uuid.uuid4().hex}")
            self.running[fut] = group
            fut.add_done_callback(lambda f: self.events.put(("done", f)))

    def _collect(self, fut: Future) -> None:
        group = self.running.pop(fut, None)
        if group is None:
            return  # cancelled by a second Ctrl-C and already forgotten
        if fut.status == "cancelled":
            if self.stopping:
                return  # --resume redoes it
            raise ClusterError("the Dask scheduler cancelled a task (restarted or lost?); --resume continues")
        try:
            res = fut.result()  # from the worker that holds it (recomputed by Dask if that worker died since)
        except Exception as e:  # noqa: BLE001 - whatever the task raised, or KilledWorker
            self._group_failed(group, e, time.monotonic())
        else:
            self._write_group(group, res, time.monotonic())

    def _group_failed(self, group: Group, exc: BaseException, now: float) -> None:
        pause = pause_after(self.settings, self.parts.robots.get(group.host, {}))
        if _killed_worker(exc) and len(group.entries) > 1:
            self.reporter.line(f"osint: warning: a group of {len(group.entries)} URLs of {group.host} killed "
                               "its workers; retrying them one by one")
            self.parts.split(group, now, pause)
            return
        err: SourceError
        for entry in group.entries:
            if _killed_worker(exc):
                err = WorkerCrashed(f"{entry.url}: killed the workers that ran it ({exc})")
            else:
                err = GroupFailed(f"{entry.url}: internal error in its task: {type(exc).__name__}: {exc}")
            self._fail(entry.url, err)
        self.parts.finished(group, now, pause)

    def _write_group(self, group: Group, res: GroupResult, now: float) -> None:
        for line in res.lines:
            self.sink.write(line)
        self.stats.ok += res.ok
        self.stats.failed += res.failed
        self.stats.cached += res.cached
        self.stats.errors.update(res.errors)
        robots = {**self.parts.robots.get(group.host, {}), **res.robots}
        self.parts.finished(group, now, pause_after(self.settings, robots), res.robots)
        self.reporter.update(self.stats)

    def _fail(self, source: str, err: SourceError) -> None:
        # as the local engine writes it: no credentials in the record (the tasks' own records are redacted there)
        self.sink.write(dumps(Failure(source=redact(source), type=err.kind, message=scrub(str(err)))))
        self.stats.failed += 1
        self.stats.errors[err.kind] += 1
        self.reporter.update(self.stats)

    # --- control -------------------------------------------------------------------------
    def interrupt(self) -> None:
        """First Ctrl-C: read and start nothing more, write the groups running as they finish.
        Second: stop at once, keeping what is written (--resume continues)."""
        self.stats.interrupted = True
        if self.stopping:
            self.aborting = True
            return
        self.stopping = True
        self.reporter.line(f"osint: interrupted: waiting for the {len(self.running)} host groups running "
                           "(Ctrl-C again to stop at once; --resume continues)")


def _killed_worker(exc: BaseException | None) -> bool:
    return type(exc).__name__ == "KilledWorker"
