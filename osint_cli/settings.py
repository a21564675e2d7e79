"""Settings: every knob of a run in one frozen dataclass, built by the CLI or by callers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from . import __version__

EXTRACTORS = ("dates", "figures", "experts", "sources")
DEFAULT_USER_AGENT = f"osint-cli/{__version__} (+https://github.com/osint-cli/osint-cli)"


@dataclass(frozen=True, slots=True)
class Settings:
    """What to fetch, how safely, and how to extract."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 30.0
    max_redirects: int = 10
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 30.0
    max_bytes: int = 16 * 1024 * 1024
    user_agent: str = DEFAULT_USER_AGENT
    # every request through this proxy (http://, https://, socks5://, socks5h://); None: the
    # proxy environment variables (HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY) decide
    proxy: str | None = None
    lang: str | None = None
    reference_date: date | None = None
    url: str | None = None
    extractors: tuple[str, ...] = field(default=EXTRACTORS)
    # seconds one page's parsing and extraction may take before it becomes a parse_timeout
    # record (None: no limit); summarize and batch alike
    parse_timeout: float | None = 120.0
    # record the named check that kept or dropped each candidate (``--explain``)
    explain: bool = False
    # URLs and redirects that resolve to loopback, private or link-local addresses are
    # refused unless this is set (``--allow-private``); tests against 127.0.0.1 set it
    allow_private: bool = False
    # batch: politeness and parallelism
    concurrency: int = 32  # requests in flight, all hosts together
    host_concurrency: int = 2  # requests in flight to one host
    delay: float = 1.0  # seconds between request starts on one host (randomised 0.5x to 1.5x)
    obey_robots: bool = True
