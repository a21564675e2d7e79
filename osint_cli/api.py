"""The library API: sources in, Reports out. The CLI and batch are thin layers over this."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from . import extract, rules
from . import fetch as fetching
from .budget import Overtime, budget
from .errors import OsintError, ParseTimeout, ReadError
from .fetch.decode import check_content
from .fetch.safety import redact, scrub, without_credentials
from .model import Article, Failure, Findings, Page, Report
from .settings import Settings
from .text import article_from_page

if TYPE_CHECKING:
    import httpx

LOCAL_SUFFIXES = {".html": "text/html", ".htm": "text/html", ".xhtml": "application/xhtml+xml", ".txt": "text/plain"}


def is_url(source: str) -> bool:
    """Whether a source argument is an http(s) URL."""
    return source.lower().startswith(("http://", "https://"))


def read_page(source: str, settings: Settings, client: httpx.Client | None = None, stdin: BinaryIO | None = None) -> Page:
    """Get the Page behind a source argument: a URL, a local file, or ``-`` for stdin."""
    if is_url(source):
        return fetching.fetch(source, settings, client)
    if source == "-":
        stream = stdin or sys.stdin.buffer
        body = stream.read(settings.max_bytes + 1)
        ctype = None
    else:
        path = Path(source)
        if not path.is_file():
            raise ReadError(f"{source}: no such file (and not an http(s) URL)")
        try:
            with path.open("rb") as fh:
                body = fh.read(settings.max_bytes + 1)
        except OSError as e:
            raise ReadError(f"{source}: {e.strerror or e}") from e
        ctype = LOCAL_SUFFIXES.get(path.suffix.lower())
    if len(body) > settings.max_bytes:
        raise ReadError(f"{source}: larger than {settings.max_bytes} bytes")
    check_content(source, ctype, body[:8192])
    return Page(source=source, url=settings.url, body=body, content_type=ctype)


def summarize_article(article: Article, settings: Settings, source: str) -> Report:
    """Run the extractors over an Article."""
    warnings = []
    reference: date | None = settings.reference_date
    if reference is None and article.date:
        reference = date.fromisoformat(article.date)
    if reference is None and "dates" in settings.extractors:
        warnings.append("no publication date: relative dates stay unresolved (use --reference-date)")
    lang = settings.lang or article.lang or ""
    if lang not in rules.available():
        warnings.append(f"no rule pack for language {lang or 'unknown'!r}: only metadata extracted")
    article = without_credentials(article)
    trace: list[extract.Decision] | None = [] if settings.explain else None
    findings, broken = _contained_run(article.text, lang, reference, settings.extractors, trace)
    warnings += [f"extractor {name} failed ({err}): its findings are missing" for name, err in broken]
    return Report(
        source=source,
        article=article,
        findings=findings,
        reference_date=reference.isoformat() if reference else None,
        warnings=tuple(warnings),
        decisions=tuple(trace or ()),
    )


def _contained_run(text: str, lang: str, reference: date | None, enabled: tuple[str, ...],
                   trace: list[extract.Decision] | None = None) -> tuple[Findings, list[tuple[str, str]]]:
    """extract.run, but one extractor's bug costs only its own findings, not the whole report."""
    try:
        return extract.run(text, lang, reference, enabled, trace), []
    except Exception:  # noqa: BLE001, S110 - find the culprit below; the rare failure pays for the reruns
        pass
    broken = []
    for name in enabled:
        try:
            extract.run(text, lang, reference, (name,))
        except Exception as e:  # noqa: BLE001
            broken.append((name, " ".join(f"{type(e).__name__}: {e}".split())[:200]))
    rest = tuple(n for n in enabled if n not in {b for b, _ in broken})
    if trace is not None:
        trace.clear()  # the decisions of the failed attempt are not the report's
    return extract.run(text, lang, reference, rest, trace), broken


def summarize_page(page: Page, settings: Settings) -> Report:
    """Page -> Article -> Report."""
    return summarize_article(article_from_page(page, settings.lang), settings, page.source)


def summarize_html(html: str | bytes, settings: Settings, source: str = "<html>") -> Report:
    """Summarise an HTML (or plain text) document held in memory."""
    body = html.encode("utf-8") if isinstance(html, str) else html
    return summarize_page(Page(source=source, url=settings.url, body=body), settings)


def summarize_source(source: str, settings: Settings, client: httpx.Client | None = None, stdin: BinaryIO | None = None) -> Report:
    """Summarise one source argument (URL, file or ``-``); parsing and extraction within ``settings.parse_timeout``."""
    page = read_page(source, settings, client, stdin)
    limit = settings.parse_timeout
    started = time.monotonic()
    try:
        with budget(limit):
            article = article_from_page(page, settings.lang)
        parsing = time.monotonic() - started
        _warm(settings.lang or article.lang, settings)  # not the page's cost, and never cut off half-built
        with budget(limit and max(0.001, limit - parsing)):
            return summarize_article(article, settings, page.source)
    except Overtime:
        raise ParseTimeout(f"{page.source}: extraction took over {limit:g} s") from None


_warmed: set[str] = set()


def _warm(lang: str | None, settings: Settings) -> None:
    """Build a language's patterns (about a second, once per process) outside any page's budget."""
    if lang and lang not in _warmed and lang in rules.available():
        _warmed.add(lang)
        extract.run("Am 3. März 2024 sagte Max Müller laut dpa, 5 Prozent. On May 3, 2024, John Smith said 5 percent.",
                    lang, date(2024, 3, 4), settings.extractors)


def summarize_many(sources: Iterable[str], settings: Settings, stdin: BinaryIO | None = None) -> Iterator[Report | Failure]:
    """Summarise sources one after another; a failed source yields a Failure, never stops the rest."""
    client: httpx.Client | None = None  # made at the first URL: local files need no HTTP stack
    try:
        for source in sources:
            try:
                if client is None and is_url(source):
                    client = fetching.make_client(settings)
                yield summarize_source(source, settings, client, stdin)
            except OsintError as e:
                yield Failure(source=redact(source), type=e.kind, message=scrub(str(e)))
            except Exception as e:  # noqa: BLE001 - a bug on one page must not lose the others
                yield Failure(source=redact(source), type="internal",
                              message=scrub(f"{source}: internal error: {type(e).__name__}: {e}"))
    finally:
        if client is not None:
            client.close()
