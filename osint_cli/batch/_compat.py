"""TEMPORARY stand-in for osint_cli.fetch's async API until branch ``fetch`` lands: same signatures,
none of the hardening. Deleted at the merge."""

from __future__ import annotations

import asyncio

import httpx

from ..errors import FetchError, FetchTimeout, HTTPStatusError
from ..fetch.decode import charset_param, check_content
from ..model import Page
from ..settings import Settings


def make_async_client(settings: Settings, limits: httpx.Limits | None = None) -> httpx.AsyncClient:
    """An AsyncClient with the settings' timeouts and User-Agent."""
    return httpx.AsyncClient(
        follow_redirects=True,
        headers={"User-Agent": settings.user_agent},
        timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
        limits=limits or httpx.Limits(),
    )


async def afetch(url: str, settings: Settings, client: httpx.AsyncClient) -> Page:
    """GET ``url`` within the overall deadline."""
    try:
        async with asyncio.timeout(settings.deadline):
            r = await client.get(url)
    except TimeoutError as e:
        raise FetchTimeout(f"{url}: no complete answer within {settings.deadline:g} s") from e
    except httpx.TimeoutException as e:
        raise FetchTimeout(f"{url}: {e or type(e).__name__}") from e
    except httpx.HTTPError as e:
        raise FetchError(f"{url}: {e or type(e).__name__}") from e
    if r.status_code >= 400:
        raise HTTPStatusError(f"{url}: HTTP {r.status_code}", r.status_code)
    ct = r.headers.get("content-type")
    check_content(url, ct, r.content[:8192])
    return Page(source=url, url=str(r.url), body=r.content, status=r.status_code, content_type=ct, charset=charset_param(ct))
