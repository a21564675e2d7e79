"""Set up and run one batch: list in, pool and client up, signals wired, summary out."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TextIO

import httpx

from ..fetch import make_async_client
from ..settings import Settings
from . import work
from .cache import PageCache
from .pipeline import Pipeline, Tuning
from .progress import Reporter, Stats, reporter_for
from .sink import Sink, open_output
from .urls import Dedup, count_lines, entries, open_list


def run_batch(
    source: str,
    settings: Settings,
    output: str | None = None,
    *,
    resume: bool = False,
    force: bool = False,
    cache: PageCache | None = None,
    tuning: Tuning | None = None,
    reporter: Reporter | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> Stats:
    """Summarise every URL of the list ``source`` (a path, or ``-`` for stdin) into JSON Lines at
    ``output`` (a path; None or ``-``: stdout; a non-empty file needs ``resume`` or ``force``).
    ``stats.interrupted`` tells whether Ctrl-C ended it, ``stats.cache_errors`` whether the cache failed."""
    tuning = tuning or Tuning()
    err = stderr or sys.stderr
    reporter = reporter or reporter_for(err)
    workers = tuning.workers or work.default_workers()
    with open_output(output, resume, stdout, force) as (sink, done), open_list(source, stdin) as lines:
        stats = Stats(total=count_lines(source))
        # the pool first: its workers fork from a process with no other thread yet
        pool = work.make_pool(workers)
        try:
            stats = asyncio.run(_main(lines, settings, sink, done, cache, tuning, reporter, stats, pool, workers,
                                      batched=source != "-"))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    reporter.summary(stats)
    return stats


async def _main(lines: TextIO, settings: Settings, sink: Sink, done: Dedup, cache: PageCache | None, tuning: Tuning,
                reporter: Reporter, stats: Stats, pool: ProcessPoolExecutor, workers: int, batched: bool) -> Stats:
    limits = httpx.Limits(max_connections=settings.concurrency + 8, max_keepalive_connections=settings.concurrency)
    loop = asyncio.get_running_loop()
    async with make_async_client(settings, limits) as client:
        pipe = Pipeline(settings, sink, reporter, stats, pool=pool, client=client, cache=cache, done=done,
                        tuning=tuning, workers=workers, batched_input=batched)
        handled = _on_sigint(loop, pipe.interrupt)
        reporter.start(stats)
        try:
            await pipe.run(entries(lines))
        finally:
            reporter.stop(stats)
            if handled:
                loop.remove_signal_handler(signal.SIGINT)
            if pipe.pool is not pool:  # replaced after a worker crash
                pipe.pool.shutdown(wait=True, cancel_futures=True)
    return stats


def _on_sigint(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> bool:
    try:
        loop.add_signal_handler(signal.SIGINT, callback)
    except (NotImplementedError, RuntimeError, ValueError):  # Windows, or not the main thread
        return False
    return True
