"""Getting pages: HTTP with safety limits (client.py, policy.py, limits.py, retry.py, transport.py), decoding (decode.py)."""

from .client import afetch, fetch
from .transport import make_async_client, make_client

__all__ = ["afetch", "fetch", "make_async_client", "make_client"]
