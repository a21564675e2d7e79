"""The batch pipeline: URLs streamed in, pages fetched politely on one event loop, parsed in a
process pool, JSON lines streamed out.

    list ──► reader ──► per-URL fetch tasks ──► parse queue ──► chunks ──► process pool
             (thread)   (window-bounded;        (bounded)                  (trafilatura,
                         host lanes, robots,                                extractors, JSON)
                         global slots)                                          │
    cache hits ─────────────────────────────────► parse queue         output ◄──┘

Every stage is bounded (the window of pending URLs, the parse queue, the chunks in flight),
so memory stays flat however long the list is. Nothing here holds results: each record is
written the moment it is ready.
"""

from __future__ import annotations

import asyncio
import functools
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

import httpx

from .. import api
from ..errors import SourceError
from ..fetch import afetch
from ..fetch.policy import Plan
from ..fetch.safety import redact, scrub
from ..model import Failure, Page
from ..output.json import dumps
from ..settings import Settings
from . import work
from .admit import BatchRun
from .cache import CacheError, GuardedCache, PageCache
from .host import Host
from .progress import Reporter, Stats
from .robots import RobotsCache, product_token
from .sink import Sink
from .urls import Dedup, Entry, host_of

STOP = None  # end-of-stream marker on the parse queue


class WorkerCrashed(SourceError):
    """A parse worker process died (segfault, out of memory) while it held the page."""

    kind = "worker_crashed"


@dataclass(frozen=True, slots=True)
class Tuning:
    """Sizes of the pipeline's buffers; the defaults suit both a laptop and a 32-core box."""

    workers: int | None = None  # parse processes (None: one per core)
    chunk: int = 4  # pages per pickling round trip at most; smaller when the queue is short
    window: int = 2048  # URLs scheduled but not finished: bounds memory, and how far a list clustered by host is looked ahead
    parse_queue: int | None = None  # fetched pages waiting for a worker (None: as many as the pool holds, 2 chunks a worker)
    read_batch: int = 256  # list lines read per trip to the reader thread
    tick: float = 1.0  # progress refresh, seconds
    parse_timeout: float = 120.0  # seconds one page may take in a worker


class Pipeline(BatchRun):
    """One batch run; use ``run()``."""

    def __init__(self, settings: Settings, sink: Sink, reporter: Reporter, stats: Stats, *,
                 pool: ProcessPoolExecutor, client: httpx.AsyncClient, cache: PageCache | None,
                 done: Dedup, tuning: Tuning, workers: int, batched_input: bool = True) -> None:
        super().__init__(settings, sink, reporter, stats, done)
        self.pool = pool
        self.client = client
        self.cache = GuardedCache(cache, self._cache_failed)
        self.tuning = tuning
        self.agent = product_token(settings.user_agent)
        self.hosts: dict[str, Host] = {}
        self.robots = RobotsCache(self._fetch_robots)
        self.slots = asyncio.Semaphore(settings.concurrency)
        self.window = asyncio.Semaphore(tuning.window)
        self.parse_q: asyncio.Queue[work.Job | None] = asyncio.Queue(tuning.parse_queue or 2 * workers * tuning.chunk)
        self.read_q: asyncio.Queue[list[Entry] | BaseException] = asyncio.Queue(4)
        self.workers = workers
        self.batched_input = batched_input
        self.fetching: set[asyncio.Task[None]] = set()
        self.chunks: set[asyncio.Future[list[work.Done]]] = set()
        self.stopping = asyncio.Event()
        self.aborting = False
        self.write_error: OSError | None = None
        self._main: asyncio.Task[Stats] | None = None

    # --- records -----------------------------------------------------------------------
    def _record(self, line: str, error: str | None, cached: bool = False) -> None:
        if self.write_error is not None:
            return
        try:
            self.sink.write(line)
        except OSError as e:  # the reader of a pipe went away (| head), or the disk is full
            self.write_error = e
            self._abort()
            return
        if error is None:
            self.stats.ok += 1
        else:
            self.stats.failed += 1
            self.stats.errors[error] += 1
        if cached:
            self.stats.cached += 1
        self.reporter.update(self.stats)

    def _fail(self, source: str, err: SourceError) -> None:
        source = redact(source)
        self._record(dumps(Failure(source=source, type=err.kind, message=scrub(str(err)))), err.kind)

    # --- the page cache: an optimisation, so its failures never cost a record ------------
    def _cache_failed(self, err: CacheError) -> None:
        # called once: the cache is off from now on
        self.stats.cache_errors += 1
        self.reporter.line(f"osint: error: {err}; going on without the cache (every record is still written)")

    def _refetch(self, job: work.Job) -> None:
        """A cached body that does not inflate: drop the row, fetch the page again."""
        self.reporter.line(f"osint: warning: {redact(job.source)}: corrupt page in the cache: dropped and fetched again")
        self.cache.drop(job.key)
        task = asyncio.create_task(self._fetch(Entry(0, job.source, job.key), window=False))
        self.fetching.add(task)
        task.add_done_callback(self.fetching.discard)

    # --- input ---------------------------------------------------------------------------
    def _reader(self, entries: Iterator[Entry], loop: asyncio.AbstractEventLoop, batch: int) -> None:
        # a daemon thread reads the list, so a slow producer on stdin never blocks the loop
        # and a Ctrl-C never waits for the next line; the bounded queue holds it back
        try:
            while not self.stopping.is_set():
                items = [e for _, e in zip(range(batch), entries)]
                asyncio.run_coroutine_threadsafe(self.read_q.put(items), loop).result()
                if not items:
                    return
        except BaseException as e:  # noqa: BLE001 - handed to the loop, which raises it
            asyncio.run_coroutine_threadsafe(self.read_q.put(e), loop)

    async def _read(self, entries: Iterator[Entry], batch: int) -> None:
        loop = asyncio.get_running_loop()
        threading.Thread(target=self._reader, args=(entries, loop, batch), name="osint-batch-reader", daemon=True).start()
        while not self.stopping.is_set():
            items = await self.read_q.get()
            if isinstance(items, BaseException):
                raise items
            if not items:
                return
            for entry in items:
                if self.stopping.is_set():
                    return
                await self._admit(entry)

    async def _admit(self, entry: Entry) -> None:
        ready = self._sort(entry)  # resume, bad lines, duplicates: as the Dask engine does
        if ready is None:
            return
        if ready.local:
            await self._read_saved(ready)
            return
        entry, key = ready, ready.norm
        hit = self.cache.get(key)
        if hit is not None:
            job = work.Job(entry.url, key, hit.final_url, hit.status, hit.content_type, hit.charset,
                           hit.zbody, True, False, hit.fetched_at)
            await self.parse_q.put(job)
            return
        await self.window.acquire()
        if self.stopping.is_set():
            self.window.release()
            return
        task = asyncio.create_task(self._fetch(entry))
        self.fetching.add(task)
        task.add_done_callback(self.fetching.discard)

    async def _read_saved(self, entry: Entry) -> None:
        # a saved page of a folder: read (size cap, content checks) off the loop, then parsed like a fetched one
        try:
            page = await asyncio.to_thread(api.read_page, entry.url, self.settings)
        except SourceError as e:
            self._fail(entry.url, e)
            return
        await self.parse_q.put(work.Job(entry.url, entry.norm, None, None, page.content_type, None, page.body,
                                        False, False, None))

    # --- fetching ------------------------------------------------------------------------
    def _host(self, url: str) -> Host:
        name = host_of(url)
        host = self.hosts.get(name)
        if host is None:
            host = self.hosts[name] = Host(self.settings)
        return host

    async def _get(self, host: Host, url: str) -> Page:
        await host.start(self.slots)
        try:
            return await afetch(url, self.settings, self.client)
        finally:
            self.slots.release()

    async def _fetch_robots(self, url: str) -> Page:
        # robots.txt is a request like any other: same lanes' pacing, same global slots
        return await self._get(self._host(url), url)

    async def _hop(self, url: str) -> None:
        # a redirect reached ``url``: its host's robots.txt must allow it too (fetched outside
        # the global slots: the page's fetch holds one while it waits for this)
        if self.settings.obey_robots:
            rules = await self.robots.rules(url, lambda robots: afetch(robots, self.settings, self.client))
            rules.check(redact(url), self.agent)

    async def _fetch(self, entry: Entry, window: bool = True) -> None:
        try:
            if not self.settings.allow_private:  # before robots.txt: a refused host gets no request at all
                await asyncio.to_thread(Plan(entry.url, self.settings).guard)
            host = self._host(entry.norm)
            async with host.lanes:
                if self.settings.obey_robots:
                    rules = await self.robots.rules(entry.norm)
                    rules.check(redact(entry.url), self.agent)
                    gap = rules.crawl_delay(self.agent)
                    if gap is not None and gap != host.min_gap:
                        host.set_min_gap(gap)
                await host.start(self.slots)
                try:
                    page = await afetch(entry.url, self.settings, self.client, self._hop)
                    job = work.Job(entry.url, entry.norm, page.url, page.status, page.content_type, page.charset,
                                   page.body, False, self.cache.on, time.time())
                    del page
                    # the slot is held until a worker's queue takes the page: when parsing is
                    # the bottleneck, fetching slows down instead of piling pages up in memory
                    await self.parse_q.put(job)
                finally:
                    self.slots.release()
        except SourceError as e:
            self._fail(entry.url, e)
        finally:
            if window:
                self.window.release()

    # --- parsing -------------------------------------------------------------------------
    async def _feed_pool(self) -> None:
        loop = asyncio.get_running_loop()
        inflight = asyncio.Semaphore(2 * self.workers)  # one chunk running and one waiting per worker
        ended = False
        while not ended:
            await inflight.acquire()
            job = await self.parse_q.get()
            if job is STOP:
                inflight.release()
                break
            chunk = [job]
            # take what is waiting, up to a chunk: big chunks under load, no waiting when idle
            while len(chunk) < self.tuning.chunk and not self.parse_q.empty():
                more = self.parse_q.get_nowait()
                if more is STOP:
                    ended = True
                    break
                chunk.append(more)
            pool = self.pool
            try:
                fut = loop.run_in_executor(pool, work.parse_chunk, chunk, self.settings, self.tuning.parse_timeout)
            except BrokenProcessPool as e:
                inflight.release()
                self._chunk_failed(chunk, e, pool)
                continue
            self.chunks.add(fut)
            fut.add_done_callback(functools.partial(self._chunk_done, chunk=chunk, pool=pool, inflight=inflight))

    def _chunk_done(self, fut: asyncio.Future[list[work.Done]], chunk: list[work.Job], pool: ProcessPoolExecutor,
                    inflight: asyncio.Semaphore) -> None:
        self.chunks.discard(fut)
        inflight.release()
        if fut.cancelled():
            return
        exc = fut.exception()
        if exc is not None:
            self._chunk_failed(chunk, exc, pool)
            return
        for job, done in zip(chunk, fut.result()):
            if done.error == work.CORRUPT:
                self._refetch(job)
                continue
            if done.cached is not None:
                self.cache.put(done.cached)
            self._record(done.line, done.error, cached=job.compressed)

    def _chunk_failed(self, chunk: list[work.Job], exc: BaseException, pool: ProcessPoolExecutor) -> None:
        # a worker died (segfault, out of memory): its pages fail, the run goes on
        for job in chunk:
            self._fail(job.source, WorkerCrashed(f"{job.source}: the parse worker died ({type(exc).__name__}: {exc})"))
        if isinstance(exc, BrokenProcessPool) and pool is self.pool and not self.stopping.is_set():
            # every chunk of the broken pool fails alike; the first to report replaces it
            self.pool = work.make_pool(self.workers)
            pool.shutdown(wait=False, cancel_futures=True)

    # --- control -------------------------------------------------------------------------
    def interrupt(self) -> None:
        """First Ctrl-C: stop scheduling, drop fetches in flight (--resume redoes them), finish
        and write the pages already fetched. Second: stop at once, keeping what is written."""
        self.stats.interrupted = True
        if self.stopping.is_set():
            self._abort()
            return
        self.stopping.set()
        for task in list(self.fetching):
            task.cancel()
        self.reporter.line(f"osint: interrupted: writing the {self.parse_q.qsize() + self.tuning.chunk * len(self.chunks)} or so "
                           "pages already fetched (Ctrl-C again to stop at once; --resume continues)")

    def _abort(self) -> None:
        self.aborting = True
        self.stopping.set()
        for task in list(self.fetching):
            task.cancel()
        for fut in list(self.chunks):
            fut.cancel()
        if self._main is not None:
            self._main.cancel()

    async def _ticker(self) -> None:
        while True:
            await asyncio.sleep(self.tuning.tick)
            self.reporter.update(self.stats)

    async def run(self, entries: Iterable[Entry]) -> Stats:
        """Process every entry; returns the counts. Raises the OSError that stopped the output, if any."""
        self._main = asyncio.current_task()
        feeder = asyncio.create_task(self._feed_pool())
        ticker = asyncio.create_task(self._ticker())
        try:
            await self._read(iter(entries), self.tuning.read_batch if self.batched_input else 1)
            while True:
                while self.fetching:
                    await asyncio.gather(*list(self.fetching), return_exceptions=True)
                await self.parse_q.put(STOP)
                await feeder
                while self.chunks:
                    await asyncio.wait(list(self.chunks))
                # a corrupt cached page found in the last chunks is being fetched again: one more round
                if (not self.fetching and self.parse_q.empty()) or self.stopping.is_set():
                    break
                feeder = asyncio.create_task(self._feed_pool())
        except asyncio.CancelledError:
            if not self.aborting:
                raise
        finally:
            feeder.cancel()
            ticker.cancel()
            for task in list(self.fetching):
                task.cancel()
        if self.write_error is not None:
            raise self.write_error
        return self.stats
