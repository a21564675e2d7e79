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

import logging
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from ..errors import OsintError, SourceError, UsageError
from ..model import Failure
from ..output.json import dumps
from ..settings import Settings
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
from .urls import Dedup, Entry, InvalidURL, count_lines, entries, host_of, open_list

if TYPE_CHECKING:
    from distributed import Client, Future

INSTALL = "pip install 'osint-cli[dask]'"

# for the LocalCluster started here: a batch needs none of dask's diagnostics, whose default
# rates (a stack sample every 10 ms, event-loop ticks every 20 ms, memory polls every 100 ms)
# cost each process a few per cent of a core, idle or not; the workers inherit these settings
LOCAL_CONFIG: dict[str, object] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "200ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.active-memory-manager.start": False,
    # dask starts workers with MALLOC_TRIM_THRESHOLD_=65536 (for numpy-sized arrays): lxml's
    # many small allocations then cost ~10 % more CPU (measured); our memory is bounded anyway
    "distributed.nanny.pre-spawn-environ": {},
}


class ClusterError(OsintError):
    """The Dask scheduler could not be reached, or was lost during the run."""

    kind = "cluster"


class SchedulerUnreachable(UsageError):
    """``--scheduler`` names no scheduler that answers (or the local cluster did not start)."""

    kind = "cluster"


class GroupFailed(SourceError):
    """A host group's task raised instead of returning records (a bug, or a worker that cannot import us)."""

    kind = "internal"


@dataclass(frozen=True, slots=True)
class DaskTuning:
    """Where the cluster is and how the work is cut."""

    scheduler: str | None = None  # address of a running scheduler; None: a LocalCluster on this machine
    workers: int | None = None  # LocalCluster worker processes (None: one per core)
    threads: int = 1  # threads per LocalCluster worker
    group: int = 16  # URLs of one host per task at most: per-task overhead against streaming and lost work
    window: int = 4096  # URLs waiting or running: bounds the client's memory
    tick: float = 1.0  # progress refresh, seconds
    allowed_failures: int = 3  # worker deaths a task may cause before it fails (LocalCluster only)
    connect_timeout: float = 20.0


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
        with _quiet_dask(), connect(tuning) as client:
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
def connect(tuning: DaskTuning) -> Iterator[Client]:
    """A Client of the scheduler at ``tuning.scheduler``, or of a LocalCluster started (and stopped) here."""
    from distributed import Client

    if not tuning.scheduler:
        with _local_cluster(tuning) as client:
            yield client
        return
    try:
        client = Client(tuning.scheduler, timeout=tuning.connect_timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as e:
        raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {tuning.scheduler}: {e}") from None
    try:
        yield client
    finally:
        client.close()


@contextmanager
def _local_cluster(tuning: DaskTuning) -> Iterator[Client]:
    import dask
    from distributed import Client, LocalCluster
    from distributed.utils import get_mp_context

    config = {**LOCAL_CONFIG, "distributed.scheduler.allowed-failures": tuning.allowed_failures}
    if "forkserver" in multiprocessing.get_all_start_methods():
        # workers fork from a server that imported dask and osint-cli and warmed the extractors
        # once, as the local engine's pool does, instead of each importing everything anew
        config["distributed.worker.multiprocessing-method"] = "forkserver"
    with dask.config.set(config), warnings.catch_warnings():  # for the cluster's life: restarts use it too
        warnings.filterwarnings("ignore", message="Port .* is already in use")  # another dashboard: any port will do
        if config.get("distributed.worker.multiprocessing-method") == "forkserver":
            get_mp_context().set_forkserver_preload(["distributed", "osint_cli.batch.warm"])
        try:
            cluster = LocalCluster(n_workers=tuning.workers or _cores(), threads_per_worker=tuning.threads,
                                   processes=True, dashboard_address=None, silence_logs=logging.CRITICAL,
                                   preload=["osint_cli.batch.hostgroups"])  # its dask_setup: Ctrl-C is ours
        except (OSError, TimeoutError, RuntimeError) as e:
            raise SchedulerUnreachable(f"cannot start a local Dask cluster: {e}") from None
        try:
            with Client(cluster, set_as_default=False) as client:
                yield client
        finally:
            cluster.close()


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


@contextmanager
def _quiet_dask() -> Iterator[None]:
    # dask logs worker restarts and shutdown chatter at WARNING; the run reports what matters itself
    log = logging.getLogger("distributed")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)


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


class DaskRun:
    """One batch on a cluster; use ``run()``. All of it runs in the caller's thread but the list reader."""

    def __init__(self, client: Client, settings: Settings, sink: Sink, done: Dedup, cache: CacheSpec | None,
                 tuning: DaskTuning, reporter: Reporter, stats: Stats) -> None:
        self.client = client
        self.settings = settings
        self.sink = sink
        self.done = done
        self.cache = cache
        self.tuning = tuning
        self.reporter = reporter
        self.stats = stats
        self.parts = Partitioner(tuning.group, tuning.window)
        self.events: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.room = threading.Event()  # set while the reader may read on
        self.running: dict[Future, Group] = {}
        self.seen = Dedup()
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
                chunk = [e for _, e in zip(range(batch), items)]
                self.events.put(("read", chunk))
                if not chunk:
                    return
        except BaseException as e:  # noqa: BLE001 - handed to the main thread, which raises it
            self.events.put(("error", e))

    # --- input ---------------------------------------------------------------------------
    def _admit(self, entry: Entry) -> None:
        # the same sorting as the local engine: resume, bad lines, duplicates
        self.stats.read += 1
        if entry.error is not None:
            if entry.url in self.done:
                self._skip("skipped")
                return
            self.stats.invalid += 1
            self.reporter.line(f"osint: warning: line {entry.lineno}: {entry.url!r}: {entry.error}")
            self._fail(entry.url, InvalidURL(f"line {entry.lineno}: {entry.url!r}: {entry.error}"))
        elif entry.norm in self.done:
            self._skip("skipped")
        elif not self.seen.add(entry.norm):
            self._skip("duplicates")
        else:
            self.parts.add(host_of(entry.norm), entry)

    def _skip(self, what: str) -> None:
        setattr(self.stats, what, getattr(self.stats, what) + 1)
        if self.stats.total is not None:
            self.stats.total -= 1

    # --- tasks ---------------------------------------------------------------------------
    def _submit(self, flush: bool) -> None:
        room = self.max_groups - len(self.running)
        for group in list(self.parts.take(time.monotonic(), flush, room)):
            fut = self.client.submit(run_group, group, self.settings, self.cache, pure=False, retries=1,
                                     key=f"osint-group-{group.host}-{time.monotonic_ns()}")
            self.running[fut] = group
            fut.add_done_callback(lambda f: self.events.put(("done", f)))

    def _collect(self, fut: Future) -> None:
        group = self.running.pop(fut, None)
        if group is None:
            return  # cancelled by a second Ctrl-C and already forgotten
        now = time.monotonic()
        if fut.status == "finished":
            self._write_group(group, fut.result(), now)
            return
        if fut.status == "cancelled":
            if self.stopping:
                return  # --resume redoes it
            raise ClusterError("the Dask scheduler cancelled a task (restarted or lost?); --resume continues")
        exc = fut.exception()
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
        self.sink.write(dumps(Failure(source=source, type=err.kind, message=str(err))))
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
