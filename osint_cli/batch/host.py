"""Politeness towards one host: how many requests at once, and how far apart they start."""

from __future__ import annotations

import asyncio
import random

from ..settings import Settings


class Host:
    """Politeness towards one host: concurrent requests, and spacing between request starts."""

    def __init__(self, settings: Settings) -> None:
        self.lanes = asyncio.Semaphore(settings.host_concurrency)
        self.delay = settings.delay
        self.min_gap = 0.0  # robots.txt Crawl-delay: a floor, never randomised below
        self._starting = asyncio.Lock()
        self._next = 0.0
        self._last = float("-inf")  # when the last request started

    def set_min_gap(self, seconds: float) -> None:
        """Honour a Crawl-delay from now on, counting from the last request (robots.txt itself)."""
        self.min_gap = seconds
        self._next = max(self._next, self._last + seconds)

    async def start(self, slots: asyncio.Semaphore) -> None:
        """Wait for this host's next start time, then for a global slot (which the caller releases).

        The global slot is taken after the pause, so no slot idles while a host sleeps, and
        under the lock, so request starts on one host stay at least ``delay`` apart.
        """
        loop = asyncio.get_running_loop()
        async with self._starting:
            wait = self._next - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            await slots.acquire()
            gap = self.delay * random.uniform(0.5, 1.5) if self.delay > 0 else 0.0
            self._last = loop.time()
            self._next = self._last + max(gap, self.min_gap)
