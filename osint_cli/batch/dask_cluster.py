"""Reaching a Dask cluster for ``--engine dask``: a running scheduler, or a LocalCluster started here and tuned for batch work."""

from __future__ import annotations

import logging
import multiprocessing
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import UsageError

if TYPE_CHECKING:
    from distributed import Client

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


class SchedulerUnreachable(UsageError):
    """``--scheduler`` names no scheduler that answers (or the local cluster did not start)."""

    kind = "cluster"


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
def quiet_dask() -> Iterator[None]:
    """Silence dask's own logging for the run."""
    # dask logs worker restarts and shutdown chatter at WARNING; the run reports what matters itself
    log = logging.getLogger("distributed")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)
