"""HTTP fetching with httpx (first version; hardening in progress)."""

from __future__ import annotations

import httpx

from ..errors import FetchError, HTTPStatusError
from ..model import Page
from ..settings import Settings
from .decode import charset_param, check_content


def fetch(url: str, settings: Settings, client: httpx.Client | None = None) -> Page:
    """GET ``url`` and return its Page, or raise a FetchError subclass."""
    own = client is None
    client = client or httpx.Client(follow_redirects=True, headers={"User-Agent": settings.user_agent})
    try:
        r = client.get(url, timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout))
        if r.status_code >= 400:
            raise HTTPStatusError(f"{url}: HTTP {r.status_code}", r.status_code)
        ct = r.headers.get("content-type")
        check_content(url, ct, r.content[:8192])
        return Page(source=url, url=str(r.url), body=r.content, status=r.status_code, content_type=ct, charset=charset_param(ct))
    except httpx.HTTPError as e:
        raise FetchError(f"{url}: {e}") from e
    finally:
        if own:
            client.close()
