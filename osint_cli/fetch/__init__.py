"""Getting pages: HTTP with safety limits (client.py), content checks and decoding (decode.py)."""

from .client import fetch

__all__ = ["fetch"]
