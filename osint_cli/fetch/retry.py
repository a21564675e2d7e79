"""When to try again, how long to wait, and the per-attempt deadline."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from ..errors import FetchTimeout


def retriable_status(status: int) -> bool:
    """Whether an HTTP status is worth another attempt: 408, 429 and every 5xx."""
    return status in (408, 429) or 500 <= status <= 599


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds asked for by a Retry-After header (delta-seconds or HTTP-date); None if absent or invalid."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:  # pragma: no cover - older Pythons returned None for junk
        return None
    if when.tzinfo is None:  # an HTTP-date is always GMT
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def backoff(retry: int, base: float, rand: Callable[[], float] = random.random) -> float:
    """Jittered exponential backoff before retry number ``retry`` (0-based): base * 2**retry * [0.5, 1.5)."""
    return base * (2**retry) * (0.5 + rand())


def retry_delay(retry: int, base: float, retry_after: str | None, max_retry_after: float) -> float | None:
    """Seconds to wait before the next attempt; None when the server asks for more than we allow."""
    asked = parse_retry_after(retry_after)
    if asked is None:
        return backoff(retry, base)
    if asked > max_retry_after:
        return None
    return asked


class Deadline:
    """The overall time one attempt may take (httpx has per-phase timeouts only)."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self.at = clock() + seconds

    def remaining(self) -> float:
        """Seconds left, never negative."""
        return max(0.0, self.at - self._clock())

    def expired(self) -> bool:
        """Whether the deadline has passed."""
        return self._clock() >= self.at

    def cap(self, timeout: float) -> float:
        """A phase timeout shortened so that it cannot outlive the deadline."""
        return max(0.001, min(timeout, self.remaining()))

    def error(self, url: str) -> FetchTimeout:
        """The error for an attempt that ran out of time."""
        return FetchTimeout(f"{url}: no complete answer within the {self.seconds:g} s deadline")

    def check(self, url: str) -> None:
        """Raise FetchTimeout once the deadline has passed (called between body chunks)."""
        if self.expired():
            raise self.error(url)
