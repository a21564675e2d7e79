"""The JSON Lines output of a batch: whole lines, flushed one by one, and what --resume finds in it."""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from ..errors import OutputBusy, OutputExists, ReadError, UsageError
from .urls import Dedup, InvalidURL, normalize

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]


class Sink:
    """Writes records as JSON lines, each whole and flushed at once.

    To a file (``fd``) a line goes out in one ``os.write``; if the disk fills up in the middle
    of it, the file is cut back to the end of the last whole line before the error is raised,
    so the output never holds a torn line (and --resume finds exactly what is done).
    """

    def __init__(self, stream: TextIO | None = None, fd: int | None = None, size: int = 0) -> None:
        self.stream = stream
        self.fd = fd
        self.size = size  # bytes of whole lines written to ``fd``

    def write(self, line: str) -> None:
        """Write one record's line (OSError if it cannot be written whole)."""
        if self.fd is None:
            assert self.stream is not None
            self.stream.write(line + "\n")
            self.stream.flush()
            return
        raw = (line + "\n").encode("utf-8", "replace")
        data = memoryview(raw)
        try:
            while data:
                data = data[os.write(self.fd, data):]
        except OSError:
            try:
                os.ftruncate(self.fd, self.size)
            except OSError:
                pass  # not a regular file (a pipe, /dev/full): nothing to cut back
            raise
        self.size += len(raw)


def scan_done(path: Path, retry_failed: bool = False) -> Dedup:
    """The URLs already recorded in an output file; a torn last line (a crash mid-write) is cut off.

    With ``retry_failed`` only the URLs whose last record is a report count as done, so those
    whose last record is an error are run again (the new record is appended, and is then the last).
    """
    done = Dedup()
    keep = 0  # offset just past the last complete line
    with path.open("rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break  # torn: redo that URL
            keep += len(raw)
            try:
                record = json.loads(raw)
                source = record.get("source")
            except (ValueError, AttributeError):
                continue  # not one of our records: the URL it was about (if any) is redone
            if isinstance(source, str):
                try:
                    key = normalize(source)
                except InvalidURL:
                    key = source  # an invalid-line record or a saved page: keyed by its raw text
                if retry_failed and "error" in record:
                    done.discard(key)
                else:
                    done.add(key)
    if keep != path.stat().st_size:
        os.truncate(path, keep)
    return done


def _lock(fd: int, path: str) -> None:
    if fcntl is None:  # Windows: no advisory lock
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise OutputBusy(f"{path}: another osint batch is writing this file; wait for it or choose another --output") from None
    except OSError:
        pass  # a file system without locks: write unlocked rather than not at all


@contextmanager
def open_output(path: str | None, resume: bool, stdout: TextIO | None = None, force: bool = False) -> Iterator[tuple[Sink, Dedup]]:
    """The Sink for ``-o PATH`` (or stdout for None / ``-``) and the URLs it already holds (--resume).

    The file is locked against a second batch for the whole run, and a non-empty file is
    never overwritten without ``force`` (--force): results are worth more than a typo.
    """
    if path in (None, "-"):
        if resume:
            raise UsageError("--resume needs an output file (-o FILE) to find what is done")
        yield Sink(stdout or sys.stdout), Dedup()
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as e:
        raise ReadError(f"{path}: {e.strerror or e}") from e
    try:
        sink, done = _prepare(fd, path, resume, force)
        yield sink, done
    finally:
        os.close(fd)  # and the lock with it


def _prepare(fd: int, path: str, resume: bool, force: bool) -> tuple[Sink, Dedup]:
    try:
        _lock(fd, path)  # before looking at the contents: the other writer may be mid-line
        info = os.fstat(fd)
        regular = stat.S_ISREG(info.st_mode)
        done = Dedup()
        if resume and regular:
            done = scan_done(Path(path))
        elif regular and info.st_size > 0:
            if not force:
                raise OutputExists(f"{path} is not empty: --resume continues it, --force overwrites it")
            os.ftruncate(fd, 0)
        return Sink(fd=fd, size=os.fstat(fd).st_size if regular else 0), done
    except OSError as e:
        raise ReadError(f"{path}: {e.strerror or e}") from e
