"""The per-URL work as plain functions, and the process pool that runs the CPU-bound part.

``process_url(url, settings)`` is the whole job for one URL with no shared state, so a
distributed engine can map it over partitions of a list. The pipeline splits the same
work in two: fetching on the event loop, ``parse_chunk`` (trafilatura, the extractors and
JSON encoding) in worker processes, which send back finished JSON lines: small strings,
never Report objects.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
import zlib
from concurrent.futures import ProcessPoolExecutor
from typing import NamedTuple

import httpx

from .. import api, rules
from ..errors import OsintError
from ..fetch.safety import redact, scrub
from ..model import Article, Failure, Page, Report
from ..output.json import dumps
from ..settings import Settings
from .cache import CachedPage, compress


class Job(NamedTuple):
    """A fetched (or cached) page on its way to a worker."""

    source: str  # the URL as listed
    key: str  # its normalised form: the cache key
    final_url: str | None
    status: int | None
    content_type: str | None
    charset: str | None
    body: bytes  # raw, or zlib-compressed when ``compressed``
    compressed: bool
    cache_it: bool  # send the compressed body back for the page cache
    fetched_at: float | None  # None for a saved page read from a folder


CORRUPT = "cache_corrupt"  # Done.error of a cached body that does not inflate: the pipeline drops the row and refetches


class Done(NamedTuple):
    """A worker's answer for one Job: the JSON line, the error type if it failed, what to cache."""

    source: str
    line: str
    error: str | None
    cached: CachedPage | None


def page_record(page: Page, settings: Settings) -> Report | Failure:
    """Summarise one page; every failure becomes a Failure record, never an exception."""
    try:
        return api.summarize_page(page, settings)
    except OsintError as e:
        return Failure(source=page.source, type=e.kind, message=str(e))
    except Exception as e:  # noqa: BLE001 - one page's extractor bug must not end a batch of thousands
        return Failure(source=page.source, type="internal", message=scrub(f"{page.source}: internal error: {type(e).__name__}: {e}"))


def process_url(url: str, settings: Settings, client: httpx.Client | None = None) -> Report | Failure:
    """Fetch and summarise one URL: the batch's unit of work, free of shared state."""
    try:
        page = api.read_page(url, settings, client) if api.is_url(url) else None
    except OsintError as e:
        return Failure(source=redact(url), type=e.kind, message=scrub(str(e)))
    if page is None:
        return Failure(source=redact(url), type="invalid_url", message=scrub(f"{url}: not an http(s) URL"))
    return page_record(page, settings)


class _Overtime(BaseException):
    """Raised by the alarm in a worker; a BaseException so that no ``except Exception`` in a library swallows it."""


def _alarm(signum: int, frame: object) -> None:
    raise _Overtime


def run_job(job: Job, settings: Settings, timeout: float | None = None) -> Done:
    """Inflate, summarise and encode one page (runs in a worker process).

    ``timeout``: wall-clock seconds allowed for the page (a pathological page can keep an HTML
    parser busy for minutes); needs the main thread of a process, as in a pool worker.
    """
    source = redact(job.source)  # the listed URL may carry credentials: used to fetch, never written
    try:
        body = zlib.decompress(job.body) if job.compressed else job.body
    except (zlib.error, TypeError, ValueError):  # a corrupt cached body: refetch, never fail the chunk
        return Done(source, "", CORRUPT, None)
    page = Page(source=source, url=job.final_url and redact(job.final_url), body=body, status=job.status,
                content_type=job.content_type, charset=job.charset, fetched_at=job.fetched_at, from_cache=job.compressed)
    if timeout:
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        record = page_record(page, settings)
    except _Overtime:
        record = Failure(source=source, type="parse_timeout", message=f"{source}: extraction took over {timeout:g} s")
    finally:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)
    cached = None
    if job.cache_it:
        zbody = job.body if job.compressed else compress(body)
        cached = CachedPage(job.key, job.final_url, job.status, job.content_type, job.charset, job.fetched_at or time.time(), zbody)
    return Done(source, dumps(record), record.type if isinstance(record, Failure) else None, cached)


def _safe_job(job: Job, settings: Settings, timeout: float | None) -> Done:
    try:
        return run_job(job, settings, timeout)
    except Exception as e:  # noqa: BLE001 - one page's bug (say, in JSON encoding) must not fail its whole chunk
        source = redact(job.source)
        record = Failure(source=source, type="internal", message=scrub(f"{source}: internal error: {type(e).__name__}: {e}"))
        return Done(source, dumps(record), record.type, None)


def parse_chunk(jobs: list[Job], settings: Settings, timeout: float | None = None) -> list[Done]:
    """Run a chunk of jobs: one pickling round trip for several pages; one page's failure stays its own."""
    return [_safe_job(job, settings, timeout) for job in jobs]


_SAMPLE = ("Am 3. März 2024 sagte Max Müller, Professor an der Universität Bonn, laut Reuters, die Preise seien um "
           "mehr als 5 Prozent gestiegen. On May 3, 2024, John Smith, an analyst at the IMF, told the BBC that "
           "prices rose by about 5 percent last year.")
_warm = False


def warm_up() -> None:
    """Build what the extractors build on first use (rule packs, compiled patterns; about 1.5 s),
    once, in the process the workers fork from, so that no worker pays for it again."""
    global _warm
    if _warm:
        return
    settings = Settings()
    for lang in rules.available():
        api.summarize_article(Article(text=_SAMPLE, lang=lang), settings, "warm-up")
    api.summarize_html(f"<html><body><article><p>{_SAMPLE}</p></article></body></html>", settings, "warm-up")
    _warm = True


def _worker_init() -> None:
    # Ctrl-C goes to the whole process group: the parent decides what stops, workers finish their chunk
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        # die with the parent (even on SIGKILL) instead of lingering as orphans
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def default_workers() -> int:
    """One worker per usable core."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def make_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """A process pool for parse_chunk, started at once.

    fork when this process has a single thread (workers share the parent's imported code
    and warmed-up rule packs, and start instantly); forkserver with the same preloaded and
    warmed up otherwise, because forking a threaded process can copy a lock held by another thread.
    """
    methods = multiprocessing.get_all_start_methods()
    ctx: multiprocessing.context.BaseContext
    if "fork" in methods and threading.active_count() == 1:
        ctx = multiprocessing.get_context("fork")
        warm_up()
        # what the warm-up built lives as long as the workers: out of the collector's sight, so
        # that no collection in a worker walks (and copies on write) the rule packs again
        gc.freeze()
    elif "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["osint_cli.batch.warm"])  # warm once in the fork server
    else:
        ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers or default_workers(), mp_context=ctx, initializer=_worker_init)
    pool.submit(time.time).result()  # start the workers now, before any other thread exists
    return pool
