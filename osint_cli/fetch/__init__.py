"""Getting pages over HTTP within the limits in Settings.

    fetch(url, settings, client=None) -> Page            sync; client from make_client(settings)
    await afetch(url, settings, client=None) -> Page     async; client from make_async_client(settings, limits)

Both raise only errors.FetchError subclasses (HTTPStatusError with ``.status``,
TooManyRedirects, FetchTimeout, BodyTooLarge) and UnsupportedContent, each a one-line
message that starts with the URL. Modules: client.py (the two loops), policy.py (every
decision, shared), limits.py (bounded decompression), retry.py (backoff, Retry-After,
deadline), transport.py (clients, socket-level deadline), decode.py (content checks, charset).
"""

from .client import afetch, fetch
from .transport import make_async_client, make_client

__all__ = ["afetch", "fetch", "make_async_client", "make_client"]
