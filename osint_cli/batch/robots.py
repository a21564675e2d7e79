"""robots.txt per origin (RFC 9309), parsed by Protego (wildcards, longest match), fetched once a run.

Outcomes of fetching /robots.txt:
  2xx          the rules it states (an empty or unparsable file allows everything)
  4xx          no rules: everything allowed ("unavailable", RFC 9309 2.3.1.3), except
  429          which, like 5xx, timeouts and connection failures, means "unreachable":
               everything disallowed (RFC 9309 2.3.1.4)
  not text     (a PDF, an image): no valid robots.txt, everything allowed
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from protego import Protego

from ..errors import HTTPStatusError, SourceError, UnsupportedContent
from ..fetch.decode import decode
from ..model import Page
from .urls import origin_of

MAX_CRAWL_DELAY = 30.0  # a Crawl-delay above this is capped: one page a minute is no crawl at all


class RobotsDisallowed(SourceError):
    """robots.txt forbids the URL, or could not be reached (which forbids everything)."""

    kind = "robots"


@dataclass(frozen=True, slots=True)
class Rules:
    """What one origin's robots.txt says for our user agent."""

    parser: Protego | None  # None with ``allow_all``/``reason`` set
    allow_all: bool = False
    reason: str | None = None  # why everything is disallowed

    def check(self, url: str, agent: str) -> None:
        """Raise RobotsDisallowed unless ``agent`` may fetch ``url``."""
        if self.reason:
            raise RobotsDisallowed(f"{url}: {self.reason}")
        if self.parser is not None and not self.parser.can_fetch(url, agent):
            raise RobotsDisallowed(f"{url}: disallowed by robots.txt")

    def crawl_delay(self, agent: str) -> float | None:
        """The Crawl-delay for ``agent`` in seconds, capped at MAX_CRAWL_DELAY."""
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)
        return None if delay is None or delay < 0 else min(float(delay), MAX_CRAWL_DELAY)


def product_token(user_agent: str) -> str:
    """``osint-cli/0.1 (+url)`` -> ``osint-cli``: the name robots.txt groups match against."""
    return user_agent.split("/")[0].split()[0] if user_agent.strip() else "*"


def rules_from(fetch_outcome: Page | SourceError) -> Rules:
    """Turn the result of fetching /robots.txt (a Page or the error raised) into Rules."""
    if isinstance(fetch_outcome, Page):
        text = decode(fetch_outcome)
        return Rules(Protego.parse(text))
    err = fetch_outcome
    if isinstance(err, HTTPStatusError) and 400 <= err.status < 500 and err.status != 429:
        return Rules(None, allow_all=True)
    if isinstance(err, UnsupportedContent):
        return Rules(None, allow_all=True)
    # 5xx, 429, timeouts, refused connections, redirect loops
    return Rules(None, reason=f"robots.txt unreachable ({err}): everything disallowed (RFC 9309)")


class RobotsCache:
    """The Rules of each origin, fetched once (concurrent askers wait for the same fetch)."""

    def __init__(self, fetch: Callable[[str], Awaitable[Page]]) -> None:
        self._fetch = fetch  # url -> Page, raising SourceError subclasses
        self._rules: dict[str, asyncio.Future[Rules]] = {}

    async def rules(self, url: str, fetch: Callable[[str], Awaitable[Page]] | None = None) -> Rules:
        """The Rules that apply to ``url`` (``fetch``: another way to get robots.txt, e.g. outside the global slots)."""
        origin = origin_of(url)
        fut = self._rules.get(origin)
        if fut is None:
            fut = asyncio.get_running_loop().create_future()
            self._rules[origin] = fut
            try:
                outcome: Page | SourceError = await (fetch or self._fetch)(origin + "/robots.txt")
            except SourceError as e:
                outcome = e
            except BaseException:
                # cancelled mid-fetch (shutdown): waiters are cancelled too, a later asker tries again
                del self._rules[origin]
                fut.cancel()
                raise
            fut.set_result(rules_from(outcome))
        return await asyncio.shield(fut)

    def seed(self, origin: str, rules: Rules) -> None:
        """Take an origin's Rules fetched elsewhere (an earlier task of a distributed run), so they are not fetched again."""
        if origin not in self._rules:
            fut: asyncio.Future[Rules] = asyncio.get_running_loop().create_future()
            fut.set_result(rules)
            self._rules[origin] = fut

    def fetched(self) -> dict[str, Rules]:
        """The Rules of every origin fetched so far, by origin."""
        return {o: f.result() for o, f in self._rules.items() if f.done() and not f.cancelled()}

    def known(self, url: str) -> Rules | None:
        """The Rules for ``url`` if already fetched."""
        fut = self._rules.get(origin_of(url))
        return fut.result() if fut is not None and fut.done() and not fut.cancelled() else None
