"""A wall-clock budget for one page's extraction, so a pathological page cannot stall a run.

``with budget(seconds): ...`` raises ``Overtime`` (a BaseException, so that no ``except
Exception`` in a library swallows it) when the block runs longer. It uses SIGALRM, so it
works in the main thread of a POSIX process (the CLI, a batch worker); elsewhere it is a no-op.
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
def budget(seconds: float | None) -> Iterator[None]:
    """Raise Overtime in the block after ``seconds`` (None or 0: no limit)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not seconds or not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
