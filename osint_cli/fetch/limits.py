"""Bounded decompression: raw (still encoded) bytes in, at most ``max_bytes`` decoded bytes out.

httpx 0.28 inflates each network chunk in one call without an output limit, so a 64 KiB
gzip chunk can become 64 MiB before any size check runs. We therefore read the raw
stream (``Response.iter_raw``) and inflate here with ``zlib.decompressobj(...).decompress(
data, max_length)``, which never produces more than ``PIECE`` bytes per call: memory stays
at the cap plus one piece, whatever the compression ratio.

Only gzip and deflate are supported (zlib is in the standard library and has the
``max_length`` API). brotli and zstd are not advertised in Accept-Encoding, and a server
that uses them anyway gets a clear FetchError instead of an unbounded inflate.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from ..errors import BodyTooLarge, FetchError

PIECE = 64 * 1024  # largest output of one inflate call
_GZIP_MAGIC = b"\x1f\x8b"

SUPPORTED = ("gzip", "deflate")
ACCEPT_ENCODING = ", ".join(SUPPORTED)  # what we can decode with a bound; sent on every request


class _Identity:
    """No content coding: bytes pass through."""

    def feed(self, data: bytes) -> Iterator[bytes]:
        if data:
            yield data

    def flush(self) -> Iterator[bytes]:
        return iter(())


class _Zlib:
    """gzip (possibly several members) or deflate (zlib-wrapped or raw), inflated in pieces."""

    def __init__(self, coding: str) -> None:
        self._gzip = coding == "gzip"
        self._wbits = 16 + zlib.MAX_WBITS if self._gzip else zlib.MAX_WBITS
        self._d = zlib.decompressobj(self._wbits)
        self._started = False  # output or a finished member seen: raw-deflate fallback no longer allowed
        self._done = False  # a deflate stream ended; trailing bytes are ignored
        self._seen = bytearray()  # "deflate" input before any output, replayed if it was raw deflate

    def feed(self, data: bytes) -> Iterator[bytes]:
        if not self._gzip and not self._started and self._wbits > 0:
            self._seen += data
        while data and not self._done:
            try:
                out = self._d.decompress(data, PIECE)
            except zlib.error:
                if not self._gzip and not self._started and self._wbits > 0:
                    # "deflate" is often sent as raw deflate without the zlib header (httpx does
                    # the same); the header check may fail only at a later chunk: replay all input
                    self._wbits = -zlib.MAX_WBITS
                    self._d = zlib.decompressobj(self._wbits)
                    data, self._seen = bytes(self._seen), bytearray()
                    continue
                raise
            if out:
                self._started = True
                self._seen = bytearray()
                yield out
            if self._d.eof:
                self._started = True
                self._seen = bytearray()
                data = self._d.unused_data
                if self._gzip and data.startswith(_GZIP_MAGIC):
                    self._d = zlib.decompressobj(self._wbits)  # next gzip member
                else:
                    self._done = True  # padding or garbage after the stream: ignore, as browsers do
            else:
                tail = self._d.unconsumed_tail
                if not out and tail == data:  # no progress is possible: wait for more input
                    break
                data = tail
        # zlib may hold decoded output for input it already took: drain it, still in pieces
        while not self._done and not self._d.eof:
            out = self._d.decompress(b"", PIECE)
            if not out:
                break
            yield out

    def flush(self) -> Iterator[bytes]:
        # a truncated stream keeps what was decoded (browsers do the same); flush() is bounded by
        # what zlib still buffers, which the draining loop in feed() keeps below one piece
        if not self._done:
            rest = self._d.flush()
            if rest:
                yield rest


def _coder(coding: str) -> _Identity | _Zlib:
    if coding in ("", "identity"):
        return _Identity()
    if coding in ("gzip", "x-gzip"):
        return _Zlib("gzip")
    if coding == "deflate":
        return _Zlib("deflate")
    raise ValueError(coding)


class BoundedDecoder:
    """Decode a Content-Encoding chain and stop with BodyTooLarge past ``max_bytes``."""

    def __init__(self, url: str, content_encoding: str | None, max_bytes: int) -> None:
        self.url = url
        self.max_bytes = max_bytes
        self.total = 0
        codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
        self.encoded = any(c not in ("identity",) for c in codings)
        try:
            # codings are listed in the order they were applied: undo them in reverse
            self._chain = [_coder(c) for c in reversed(codings)] or [_Identity()]
        except ValueError as e:
            raise FetchError(
                f"{url}: unsupported content encoding {e.args[0]!r} (we accept {ACCEPT_ENCODING})"
            ) from None

    def feed(self, raw: bytes) -> Iterator[bytes]:
        """Decoded pieces for one raw chunk; raises BodyTooLarge as soon as the cap is passed."""
        return self._count(self._run(0, raw, final=False))

    def flush(self) -> Iterator[bytes]:
        """What the decoders still hold at the end of the stream."""
        return self._count(self._run(0, b"", final=True))

    def _run(self, level: int, data: bytes, final: bool) -> Iterator[bytes]:
        if level == len(self._chain):
            if data:
                yield data
            return
        coder = self._chain[level]
        try:
            for piece in coder.feed(data):
                yield from self._run(level + 1, piece, final=False)
            if final:
                for piece in coder.flush():
                    yield from self._run(level + 1, piece, final=False)
                yield from self._run(level + 1, b"", final=True)
        except zlib.error as e:
            raise FetchError(f"{self.url}: corrupt compressed body ({e})") from None

    def _count(self, pieces: Iterator[bytes]) -> Iterator[bytes]:
        for piece in pieces:
            self.total += len(piece)
            if self.total > self.max_bytes:
                how = " after decompression" if self.encoded else ""
                raise BodyTooLarge(f"{self.url}: body larger than {human_size(self.max_bytes)}{how}")
            yield piece


def human_size(n: int) -> str:
    """A byte count for messages: 16777216 -> '16 MiB'."""
    if n >= 1 << 20 and n % (1 << 20) == 0:
        return f"{n >> 20} MiB"
    if n >= 1 << 10 and n % (1 << 10) == 0:
        return f"{n >> 10} KiB"
    return f"{n} bytes"
