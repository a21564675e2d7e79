"""``osint batch``: thousands of URLs, politely fetched, cached, parsed on every core, streamed as JSON Lines.

Modules: urls (reading lists), cache (SQLite page cache), robots (RFC 9309), work (the
per-URL function and the process pool), pipeline (the asyncio engine), sink (output and
--resume), progress (stderr), run (wiring).
"""

from .cache import PageCache, default_path
from .pipeline import Tuning
from .progress import Stats
from .run import run_batch
from .work import process_url

__all__ = ["PageCache", "Stats", "Tuning", "default_path", "process_url", "run_batch"]
