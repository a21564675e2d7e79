"""Host groups: a batch cut into per-host pieces that can run anywhere, one piece of a host at a time.

A distributed engine cannot share the local engine's per-host lanes and timers across
machines, so it moves the whole host instead: every URL of one host goes into a group, and a
host has at most one group running anywhere at a time. Inside a group the local engine's
own Pipeline runs unchanged (lanes, delay, robots.txt, Crawl-delay, cache, the same
``work.run_job`` parse), so politeness towards a host holds across the cluster.

``run_group`` is the task (no dask import: any executor can run it); ``Partitioner`` is the
client's bookkeeping of which host may get its next group when.
"""

from __future__ import annotations

import asyncio
import io
import math
import signal
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, cast

import httpx

from ..fetch import make_async_client
from ..settings import Settings
from .cache import PageCache, default_path
from .pipeline import Pipeline, Tuning
from .progress import Reporter, Stats
from .robots import Rules, product_token
from .urls import Dedup, Entry

# inside a task: one parse thread (a dask worker thread is not the main thread, so the local
# engine's SIGALRM parse deadline cannot be armed there: parse_timeout 0 switches it off)
GROUP_TUNING = Tuning(workers=1, chunk=2, parse_timeout=0.0, tick=3600.0)


@dataclass(frozen=True, slots=True)
class Group:
    """The URLs of one host for one task, with that host's robots.txt rules known so far."""

    host: str
    entries: tuple[Entry, ...]
    robots: dict[str, Rules] = field(default_factory=dict)  # by origin


@dataclass(frozen=True, slots=True)
class CacheSpec:
    """Where each worker keeps its page cache: ``path`` on the worker's disk (None: its default place)."""

    path: str | None = None
    max_age: float | None = None


@dataclass(slots=True)
class GroupResult:
    """What a task sends back: finished JSON lines and counts, and the robots rules it learnt."""

    host: str
    lines: list[str]
    ok: int
    failed: int
    cached: int
    errors: dict[str, int]
    robots: dict[str, Rules]
    seconds: float  # wall time of the task on the worker


class _Lines:
    """A Sink that keeps the lines for the client instead of writing them."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, line: str) -> None:
        """Keep one record's line."""
        self.lines.append(line)


_caches = threading.local()  # one SQLite connection per worker thread and cache


def worker_cache(spec: CacheSpec | None) -> PageCache | None:
    """This worker thread's PageCache for ``spec``, opened once and kept for the worker's life."""
    if spec is None:
        return None
    opened: dict[CacheSpec, PageCache] = _caches.__dict__.setdefault("opened", {})
    cache = opened.get(spec)
    if cache is None:
        cache = opened[spec] = PageCache(spec.path or default_path(), spec.max_age)
    return cache


def run_group(group: Group, settings: Settings, cache: CacheSpec | None = None) -> GroupResult:
    """Fetch and summarise one host's group with the local engine's Pipeline (the task of a distributed run)."""
    t0 = time.perf_counter()
    sink = _Lines()
    stats = Stats(total=len(group.entries))
    robots = asyncio.run(_run(group, settings, worker_cache(cache), sink, stats))
    return GroupResult(group.host, sink.lines, stats.ok, stats.failed, stats.cached, dict(stats.errors), robots,
                       time.perf_counter() - t0)


async def _run(group: Group, settings: Settings, cache: PageCache | None, sink: _Lines, stats: Stats) -> dict[str, Rules]:
    limits = httpx.Limits(max_connections=settings.host_concurrency + 2, max_keepalive_connections=settings.host_concurrency)
    with ThreadPoolExecutor(1, thread_name_prefix="osint-parse") as pool:
        async with make_async_client(settings, limits) as client:
            # the pipeline only submits to its pool and never needs a process pool's extras
            pipe = Pipeline(settings, cast(Any, sink), Reporter(io.StringIO(), interval=math.inf), stats,
                            pool=cast(Any, pool), client=client, cache=cache, done=Dedup(), tuning=GROUP_TUNING,
                            workers=1)
            for origin, rules in group.robots.items():
                pipe.robots.seed(origin, rules)
            await pipe.run(group.entries)
            return pipe.robots.fetched()


def dask_setup(worker: object) -> None:
    """Dask preload hook of the LocalCluster workers ``--engine dask`` starts: they share the
    terminal's process group, and a Ctrl-C there is the client's to handle, not theirs."""
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: nothing to shield
        pass


def pause_after(settings: Settings, robots: dict[str, Rules]) -> float:
    """How long a host rests between two of its groups: the longest gap its requests may need.

    Counted from when the client has the result, which is after the group's last request
    started, so the spacing between request starts across groups is at least this."""
    gap = settings.delay * 1.5 if settings.delay > 0 else 0.0
    agent_delays = [r.crawl_delay(product_token(settings.user_agent)) for r in robots.values()]
    return max([gap, *(d for d in agent_delays if d is not None)])


class Partitioner:
    """The client's view: URLs waiting per host, hosts busy with a group, when each host may go again.

    ``size`` counts URLs waiting or in a running group: the client stops reading the list
    while it is at ``window``, so memory stays bounded however long the list.
    """

    def __init__(self, group_size: int, window: int) -> None:
        self.group_size = group_size
        self.window = window
        self.waiting: dict[str, deque[Entry]] = {}
        self.solo: dict[str, deque[Entry]] = {}  # URLs of a group that killed its workers: retried one by one
        self.busy: set[str] = set()
        self.ready_at: dict[str, float] = {}
        self.robots: dict[str, dict[str, Rules]] = {}
        self.size = 0

    def add(self, host: str, entry: Entry) -> None:
        """Queue one URL of ``host``."""
        self.waiting.setdefault(host, deque()).append(entry)
        self.size += 1

    def full(self) -> bool:
        """True when no more URLs should be read for now."""
        return self.size >= self.window

    def idle(self) -> bool:
        """True when nothing waits and nothing runs."""
        return self.size == 0

    def take(self, now: float, flush: bool, limit: int) -> Iterator[Group]:
        """Groups to start now: hosts not busy and rested, with a full group (or any, when ``flush``); at most ``limit``."""
        for host in [h for h in (*self.solo, *self.waiting) if h not in self.busy]:
            if limit <= 0:
                return
            if host in self.busy or self.ready_at.get(host, -math.inf) > now:
                continue
            entries = self._pick(host, flush)
            if entries:
                self.busy.add(host)
                limit -= 1
                yield Group(host, tuple(entries), self.robots.get(host, {}))

    def _pick(self, host: str, flush: bool) -> list[Entry]:
        solo = self.solo.get(host)
        if solo:
            entry = solo.popleft()
            if not solo:
                del self.solo[host]
            return [entry]
        queue = self.waiting.get(host)
        if not queue or (len(queue) < self.group_size and not flush):
            return []
        picked = [queue.popleft() for _ in range(min(self.group_size, len(queue)))]
        if not queue:
            del self.waiting[host]
        return picked

    def finished(self, group: Group, now: float, pause: float, robots: dict[str, Rules] | None = None) -> None:
        """A group of ``group.host`` ended (its records written): the host rests ``pause`` seconds."""
        self.busy.discard(group.host)
        self.size -= len(group.entries)
        self.ready_at[group.host] = now + pause
        if robots:
            self.robots.setdefault(group.host, {}).update(robots)

    def split(self, group: Group, now: float, pause: float) -> None:
        """A group killed its workers: run its URLs again one a task, so only the culprit fails."""
        self.busy.discard(group.host)
        self.solo.setdefault(group.host, deque()).extend(group.entries)
        self.ready_at[group.host] = now + pause

    def next_ready(self, now: float) -> float | None:
        """Seconds until a resting host with URLs waiting may go again (None: none is resting)."""
        times = [self.ready_at[h] for h in (*self.solo, *self.waiting) if h not in self.busy and self.ready_at.get(h, 0) > now]
        return min(times) - now if times else None
