"""LSH banding over MinHash digests, in two flat arrays: the candidate finder of near-duplicate texts.

rensa's own ``RMinHashLSH`` keeps about 4 KiB an article (a hash map per band, a vector per
bucket) and its ``RMinHash`` objects another 0.9 KiB: at 1,000 articles that was a third of
what `osint report` grew by (``benchmarks/report_speed.py``). Here an article costs its
digest (4 bytes a permutation) and one slot per band in an open-addressing table of two
typed arrays: about 0.8 KiB in all, with no Python object per band.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from operator import eq

_EMPTY = 0  # a free slot; a band hash of 0 is stored as 1 (a false candidate is verified away)


class BandIndex:
    """Digests of ``bands * rows`` values, found again by any band that matches exactly."""

    def __init__(self, bands: int, rows: int) -> None:
        self.bands, self.rows = bands, rows
        # 32-bit band hashes: a chance collision is only a false candidate, which the Jaccard check drops
        self._keys = array("I", [_EMPTY]) * 1024  # band hash per slot
        self._slots = array("I", [0]) * 1024  # the digest's number per slot
        self._used = 0
        self._digests = array("I")  # every digest, one after the other
        self._owners = array("q")  # the article index of each digest

    def __len__(self) -> int:
        return len(self._owners)

    def _band_keys(self, digest: Sequence[int]) -> list[int]:
        rows = zip(*[iter(digest)] * self.rows, strict=False)  # consecutive runs of ``rows`` values, one per band
        # the band number is hashed in: the same rows in two different bands are no match
        return [hash((b, band)) & 0xFFFFFFFF or 1 for b, band in enumerate(rows)]

    def best(self, digest: Sequence[int]) -> tuple[float, int]:
        """The highest Jaccard estimate of ``digest`` against a stored digest sharing a band, and that article's index (-1: none)."""
        mask, n = len(self._keys) - 1, self.bands * self.rows
        seen: set[int] = set()
        best = (0.0, -1)
        for key in self._band_keys(digest):
            i = key & mask
            while self._keys[i] != _EMPTY:  # linear probing: equal keys stand in one run
                if self._keys[i] == key and self._slots[i] not in seen:
                    slot = self._slots[i]
                    seen.add(slot)
                    score = sum(map(eq, self._digests[slot * n:(slot + 1) * n], digest)) / n
                    best = max(best, (score, self._owners[slot]))
                i = (i + 1) & mask
        return best

    def insert(self, index: int, digest: Sequence[int]) -> None:
        """Store ``digest`` as article ``index``."""
        slot = len(self._owners)
        self._owners.append(index)
        self._digests.extend(digest)
        if 2 * (self._used + self.bands) > len(self._keys):  # at most half full: probe runs stay short
            self._grow()
        for key in self._band_keys(digest):
            self._put(key, slot)

    def _put(self, key: int, slot: int) -> None:
        mask = len(self._keys) - 1
        i = key & mask
        while self._keys[i] != _EMPTY:
            i = (i + 1) & mask
        self._keys[i], self._slots[i] = key, slot
        self._used += 1

    def _grow(self) -> None:
        keys, slots = self._keys, self._slots
        self._keys = array("I", [_EMPTY]) * (2 * len(keys))
        self._slots = array("I", [0]) * (2 * len(keys))
        self._used = 0
        for key, slot in zip(keys, slots, strict=True):
            if key != _EMPTY:
                self._put(key, slot)
