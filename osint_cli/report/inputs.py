"""What `osint report` reads: JSON Lines (or a JSON document) written by summarize/batch, or sources to summarise.

Records stream one at a time, so a file of any length is read in flat memory. A line that
is not JSON, an unreadable file or a source that fails becomes an error record: counted
and listed in the report, never fatal for the rest.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO

from ..settings import Settings

JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")


def _error(source: str, kind: str, message: str) -> dict[str, Any]:
    return {"source": source, "error": {"type": kind, "message": message}}


def _first_char(data: bytes) -> str:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1].decode("ascii", "replace")


def _is_document(head: bytes) -> bool:
    """A JSON array, or one object printed over several lines (its first line is just the brace)."""
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return first[:1] == b"[" or first.split(b"\n", 1)[0].strip() == b"{"


@dataclass
class Inputs:
    """Turns the command's arguments into records; ``failures`` lists what this run could not read."""

    settings: Settings
    stdin: BinaryIO | None = None
    failures: list[str] = field(default_factory=list)

    def records(self, args: Iterable[str]) -> Iterator[Any]:
        """Every record of every argument, in order; consecutive sources are summarised on one client."""
        pending: list[str] = []
        for arg in args:
            if arg == "-":
                yield from self._flush(pending)
                yield from self._stdin()
            elif self._is_json_file(arg):
                yield from self._flush(pending)
                yield from self._json_file(arg)
            else:
                pending.append(arg)
        yield from self._flush(pending)

    def _flush(self, pending: list[str], stdin: BinaryIO | None = None) -> Iterator[Any]:
        if not pending:
            return
        from .. import (
            api,  # the extraction stack only when there are pages to summarise
        )

        for rec in api.summarize_many(list(pending), self.settings, stdin=stdin):
            if not hasattr(rec, "findings"):
                self.failures.append(rec.message)
            yield rec
        pending.clear()

    @staticmethod
    def _is_json_file(arg: str) -> bool:
        path = Path(arg)
        if arg.lower().startswith(("http://", "https://")) or not path.is_file():
            return False
        if path.suffix.lower() in JSON_SUFFIXES:
            return True
        try:
            with path.open("rb") as fh:
                return _first_char(fh.read(4096)) in ("{", "[")
        except OSError:
            return False

    def _json_file(self, arg: str) -> Iterator[Any]:
        try:
            with open(arg, "rb") as fh:
                head = fh.read(4096)
                fh.seek(0)
                if _is_document(head):  # `summarize -f json`: one indented object, or an array
                    yield from self._document(arg, fh)
                else:
                    yield from self._lines(arg, io.TextIOWrapper(fh, encoding="utf-8", errors="replace"))
        except OSError as e:
            self.failures.append(f"{arg}: {e.strerror or e}")
            yield _error(arg, "read", f"{arg}: {e.strerror or e}")

    def _document(self, arg: str, fh: IO[bytes]) -> Iterator[Any]:
        try:
            data = json.load(fh)
        except ValueError as e:
            self.failures.append(f"{arg}: not JSON: {e}")
            yield _error(arg, "bad_record", f"{arg}: not JSON: {e}")
            return
        yield from data if isinstance(data, list) else [data]

    def _lines(self, name: str, lines: Iterable[str]) -> Iterator[Any]:
        """JSON Lines: a line that is not a JSON object is an error record, and reading goes on."""
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                problem = "" if isinstance(record, dict) else "not a JSON object"
            except ValueError as e:
                problem = f"not a JSON record ({getattr(e, 'msg', e)})"
            if problem:
                self.failures.append(f"{name}:{number}: {problem}")
                yield _error(f"{name}:{number}", "bad_record", f"{name}:{number}: {problem}")
                continue
            yield record

    def _stdin(self) -> Iterator[Any]:
        stream = self.stdin or __import__("sys").stdin.buffer
        head = stream.read(4096)
        rest = io.BufferedReader(_Prefixed(head, stream))
        if _is_document(head):
            yield from self._document("<stdin>", rest)
        elif _first_char(head) == "{":
            yield from self._lines("<stdin>", io.TextIOWrapper(rest, encoding="utf-8", errors="replace"))
        else:  # a page on standard input, as summarize reads it
            yield from self._flush(["-"], rest)


class _Prefixed(io.RawIOBase):
    """A stream that replays bytes already read, then reads on."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head, self._rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n], self._head = self._head[:n], self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
