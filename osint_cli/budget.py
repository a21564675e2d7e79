"""A wall-clock budget for one page's extraction, so a pathological page cannot stall a run.

``with budget(seconds): ...`` raises ``Overtime`` (a BaseException, so that no ``except
Exception`` in a library swallows it) when the block runs longer. It uses SIGALRM, so it
works in the main thread of a POSIX process (the CLI, a batch worker); elsewhere it is a no-op.
``cpu=True`` counts the process's CPU time instead (SIGPROF): a benchmark on a loaded machine
would otherwise report slow scheduling as a hang.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Overtime(BaseException):
    """The block ran past its budget."""


def _alarm(signum: int, frame: object) -> None:
    raise Overtime


@contextmanager
def budget(seconds: float | None, cpu: bool = False) -> Iterator[None]:
    """Raise Overtime in the block after ``seconds`` of wall time, or of CPU time with ``cpu``
    (None or 0: no limit)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not seconds or not usable:
        yield
        return
    sig, timer = (signal.SIGPROF, signal.ITIMER_PROF) if cpu else (signal.SIGALRM, signal.ITIMER_REAL)
    previous = signal.signal(sig, _alarm)
    signal.setitimer(timer, seconds)
    try:
        yield
    finally:
        signal.setitimer(timer, 0)
        signal.signal(sig, previous)
