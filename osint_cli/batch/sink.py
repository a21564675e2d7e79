"""The JSON Lines output of a batch: whole lines, flushed one by one, and what --resume finds in it."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from ..errors import ReadError, UsageError
from .urls import Dedup, InvalidURL, normalize


class Sink:
    """Writes records as JSON lines; each line whole and flushed, so a crash never leaves half a line."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, line: str) -> None:
        """Write one record's line."""
        self.stream.write(line + "\n")
        self.stream.flush()


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


@contextmanager
def open_output(path: str | None, resume: bool, stdout: TextIO | None = None) -> Iterator[tuple[Sink, Dedup]]:
    """The Sink for ``-o PATH`` (or stdout for None / ``-``) and the URLs it already holds (--resume)."""
    if path in (None, "-"):
        if resume:
            raise UsageError("--resume needs an output file (-o FILE) to find what is done")
        yield Sink(stdout or sys.stdout), Dedup()
        return
    target = Path(path)
    try:
        done = scan_done(target) if resume and target.exists() else Dedup()
        fh = target.open("a" if resume else "w", encoding="utf-8", newline="\n")
    except OSError as e:
        raise ReadError(f"{path}: {e.strerror or e}") from e
    with fh:
        yield Sink(fh), done
