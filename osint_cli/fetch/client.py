"""fetch (sync) and afetch (async): GET a page within the limits in Settings.

Redirects are followed here (not by httpx) so that loops are named and counted; the body
is read raw and decoded by limits.BoundedDecoder so the size cap holds on the decompressed
bytes. Everything that decides (status, retries, content) lives in policy.py, shared by both.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Awaitable, Callable

import anyio
import httpx

from ..model import Page
from ..settings import Settings
from .policy import Plan, Retry
from .retry import Deadline
from .transport import DEADLINE, make_async_client, make_client


def fetch(url: str, settings: Settings, client: httpx.Client | None = None) -> Page:
    """GET ``url`` and return its Page, or raise a FetchError / UnsupportedContent naming the URL."""
    plan = Plan(url, settings)  # an invalid URL fails before a client is built
    if client is None:
        with make_client(settings) as own:
            return _fetch(plan, own)
    return _fetch(plan, client)


def _fetch(plan: Plan, client: httpx.Client) -> Page:
    while True:
        step = _attempt(plan, client)
        if isinstance(step, Page):
            return step
        time.sleep(step.delay)


def _attempt(plan: Plan, client: httpx.Client) -> Page | Retry:
    deadline = plan.new_attempt()
    token = DEADLINE.set(deadline.at)  # read by the sockets of make_client's transport
    try:
        while True:  # one turn per redirect
            plan.guard()  # the listed URL and every redirect target: public addresses only
            request = plan.request(client, deadline)
            try:
                response = client.send(request, stream=True, follow_redirects=False)  # ours: counted, loops named
            except (httpx.HTTPError, httpx.InvalidURL) as e:
                return plan.on_error(e, deadline)
            try:
                step = plan.on_head(response)
                if step is False:
                    continue
                if isinstance(step, Retry):
                    return step
                body = plan.body(response)
                for chunk in response.iter_raw():
                    body.feed(chunk)
                    deadline.check(plan.source)
                return _stamped(plan.page(response, body.finish()))
            except (httpx.HTTPError, httpx.InvalidURL) as e:
                return plan.on_error(e, deadline)
            finally:
                response.close()
    finally:
        DEADLINE.reset(token)


def _stamped(page: Page) -> Page:
    """The page with the time its body was complete: ``fetched_at`` of its provenance."""
    return dataclasses.replace(page, fetched_at=time.time())


Hop = Callable[[str], Awaitable[None]]


async def afetch(url: str, settings: Settings, client: httpx.AsyncClient | None = None, on_redirect: Hop | None = None) -> Page:
    """Async twin of fetch(): same limits, retries and errors; each attempt is cancelled at the deadline.

    ``on_redirect(url)`` is awaited before a redirect target is requested and may raise a
    SourceError to refuse it (batch checks robots.txt of every host a redirect reaches).
    """
    plan = Plan(url, settings)
    if client is None:
        async with make_async_client(settings) as own:
            return await _afetch(plan, own, on_redirect)
    return await _afetch(plan, client, on_redirect)


async def _afetch(plan: Plan, client: httpx.AsyncClient, on_redirect: Hop | None = None) -> Page:
    while True:
        deadline = plan.new_attempt()
        try:
            with anyio.fail_after(deadline.remaining()):
                step = await _aattempt(plan, client, deadline, on_redirect)
        except TimeoutError:
            raise deadline.error(plan.source) from None
        if isinstance(step, Page):
            return step
        await anyio.sleep(step.delay)


async def _aattempt(plan: Plan, client: httpx.AsyncClient, deadline: Deadline, on_redirect: Hop | None) -> Page | Retry:
    while True:  # one turn per redirect
        if plan.needs_lookup():  # DNS blocks: a thread, never the event loop
            await anyio.to_thread.run_sync(plan.guard)
        if on_redirect is not None and len(plan.chain) > 1:
            await on_redirect(str(plan.url))
        request = plan.request(client, deadline)
        try:
            response = await client.send(request, stream=True, follow_redirects=False)
        except (httpx.HTTPError, httpx.InvalidURL) as e:
            return plan.on_error(e, deadline)
        try:
            step = plan.on_head(response)
            if step is False:
                continue
            if isinstance(step, Retry):
                return step
            body = plan.body(response)
            async for chunk in response.aiter_raw():
                body.feed(chunk)
                deadline.check(plan.source)
            return _stamped(plan.page(response, body.finish()))
        except (httpx.HTTPError, httpx.InvalidURL) as e:
            return plan.on_error(e, deadline)
        finally:
            await response.aclose()
