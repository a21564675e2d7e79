"""osint-cli: who is cited, which figures are claimed, and when things happened, per news article.

The library API (the CLI is a thin layer over it)::

    from osint_cli import Settings, summarize_source
    report = summarize_source("https://www.example.com/article", Settings(lang="en"))
    for expert in report.findings.experts:
        print(expert.name, expert.role, expert.affiliation)
    print(report.to_dict()["fetch"]["sha256"])

Names are imported on first use, so ``import osint_cli`` (and ``osint --help``) stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .api import (
        read_page,
        summarize_article,
        summarize_html,
        summarize_many,
        summarize_page,
        summarize_source,
    )
    from .errors import OsintError, SourceError, UsageError
    from .model import SCHEMA, Article, Failure, Fetch, Findings, Page, Report
    from .settings import EXTRACTORS, Settings

__all__ = [
    "EXTRACTORS", "SCHEMA", "Article", "Failure", "Fetch", "Findings", "OsintError", "Page", "Report", "Settings",
    "SourceError", "UsageError", "__version__", "read_page", "summarize_article", "summarize_html", "summarize_many",
    "summarize_page", "summarize_source",
]
_HOME = {
    **dict.fromkeys(("read_page", "summarize_article", "summarize_html", "summarize_many", "summarize_page", "summarize_source"), ".api"),
    **dict.fromkeys(("OsintError", "SourceError", "UsageError"), ".errors"),
    **dict.fromkeys(("SCHEMA", "Article", "Failure", "Fetch", "Findings", "Page", "Report"), ".model"),
    **dict.fromkeys(("EXTRACTORS", "Settings"), ".settings"),
}


def __getattr__(name: str) -> Any:
    # the api pulls in trafilatura and every extractor (about a second): only when asked for
    if name in _HOME:
        value = getattr(importlib.import_module(_HOME[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
