"""Getting pages over HTTP within the limits in Settings.

    fetch(url, settings, client=None) -> Page            sync; client from make_client(settings)
    await afetch(url, settings, client=None) -> Page     async; client from make_async_client(settings, limits)

Both raise only errors.FetchError subclasses (HTTPStatusError with ``.status``,
TooManyRedirects, FetchTimeout, BodyTooLarge) and UnsupportedContent, each a one-line
message that starts with the URL. Modules: client.py (the two loops), policy.py (every
decision, shared), limits.py (bounded decompression), retry.py (backoff, Retry-After,
deadline), transport.py (clients, socket-level deadline), decode.py (content checks, charset).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .client import afetch, fetch
    from .transport import make_async_client, make_client

__all__ = ["afetch", "fetch", "make_async_client", "make_client"]
_HOME = {"afetch": ".client", "fetch": ".client", "make_async_client": ".transport", "make_client": ".transport"}


def __getattr__(name: str) -> Any:
    # httpx and httpcore take about 0.35 s to import: a run over local files never needs
    # them, and decode.py (used for every page) must not pull them in
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
