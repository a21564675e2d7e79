"""Set up and run one batch: list in, pool and client up, signals wired, summary out."""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import httpx

from ..fetch import make_async_client
from ..settings import Settings
from . import work
from .cache import PageCache
from .pipeline import Pipeline, Tuning
from .progress import Reporter, Stats, reporter_for
from .sink import Sink, open_output, scan_done
from .urls import Dedup, Entry, count_lines, entries, folder_entries, open_list


def run_batch(
    source: str,
    settings: Settings,
    output: str | None = None,
    *,
    resume: bool = False,
    retry_failed: bool = False,
    urls: Sequence[str] | None = None,
    force: bool = False,
    cache: PageCache | None = None,
    tuning: Tuning | None = None,
    reporter: Reporter | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> Stats:
    """Summarise every URL of the list ``source`` (a path, ``-`` for stdin, or a folder of saved
    pages), or of ``urls`` when given (a feed's or sitemap's), into JSON Lines at ``output`` (a
    path; None or ``-``: stdout). ``retry_failed``: like ``resume``, but URLs whose last record is
    an error are run again. a non-empty output file needs ``resume``, ``retry_failed`` or ``force``.
    ``stats.interrupted`` tells whether Ctrl-C ended it, ``stats.cache_errors`` whether the cache failed."""
    tuning = tuning or Tuning()
    err = stderr or sys.stderr
    reporter = reporter or reporter_for(err)
    workers = tuning.workers or work.default_workers()
    with open_output(output, resume or retry_failed, stdout, force) as (sink, done), _inputs(source, urls, stdin) as items:
        if retry_failed and output not in (None, "-"):
            done = scan_done(Path(output), retry_failed=True)  # complete now: open_output cut a torn line
        stats = Stats(total=len(urls) if urls is not None else count_lines(source))
        # the pool first: its workers fork from a process with no other thread yet
        pool = work.make_pool(workers)
        try:
            stats = asyncio.run(_main(items, settings, sink, done, cache, tuning, reporter, stats, pool, workers,
                                      batched=source != "-" or urls is not None))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    reporter.summary(stats)
    return stats


@contextmanager
def _inputs(source: str, urls: Sequence[str] | None, stdin: TextIO | None) -> Iterator[Iterator[Entry]]:
    """The entries of a run: given URLs, the saved pages of a folder, or the lines of a list."""
    if urls is not None:
        yield entries(urls)
    elif source != "-" and Path(source).is_dir():
        yield folder_entries(Path(source))
    else:
        with open_list(source, stdin) as lines:
            yield entries(lines)


async def _main(items: Iterator[Entry], settings: Settings, sink: Sink, done: Dedup, cache: PageCache | None, tuning: Tuning,
                reporter: Reporter, stats: Stats, pool: ProcessPoolExecutor, workers: int, batched: bool) -> Stats:
    limits = httpx.Limits(max_connections=settings.concurrency + 8, max_keepalive_connections=settings.concurrency)
    loop = asyncio.get_running_loop()
    async with make_async_client(settings, limits) as client:
        pipe = Pipeline(settings, sink, reporter, stats, pool=pool, client=client, cache=cache, done=done,
                        tuning=tuning, workers=workers, batched_input=batched)
        handled = _on_sigint(loop, pipe.interrupt)
        reporter.start(stats)
        try:
            await pipe.run(items)
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
