"""The library API: sources in, Reports out. The CLI and batch are thin layers over this."""

from __future__ import annotations

import dataclasses
import hashlib
import sys
import time
import traceback
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from . import extract, rules
from . import fetch as fetching
from .budget import Overtime, budget
from .errors import OsintError, ParseTimeout, ReadError
from .extract.cap import RATIO as cap_ratio
from .extract.cap import cap
from .fetch.decode import check_content
from .fetch.safety import redact, scrub, without_credentials
from .model import Article, Failure, Fetch, Findings, Page, Report
from .settings import Settings
from .text import article_from_page

if TYPE_CHECKING:
    import httpx

    from .report import ReportSet

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


# an extractor that must run for another's sake: dates claim their spans before figures
# read numbers, so "2024" in a date is never a figure, even when only figures are asked for
_NEEDS = {"figures": ("dates",)}
# the categories of Findings each extractor fills
_FILLS = {"dates": ("dates",), "figures": ("figures",), "experts": ("experts", "quotes"), "sources": ("sources",)}


def summarize_article(article: Article, settings: Settings, source: str, fetch: Fetch | None = None) -> Report:
    """Run the extractors named in ``settings.extractors`` over an Article."""
    warnings = []
    reference: date | None = settings.reference_date
    if reference is None and article.date:
        reference = date.fromisoformat(article.date)
    if reference is None and "dates" in settings.extractors:
        warnings.append("no publication date: relative dates stay unresolved (set Settings.reference_date)")
    lang = settings.lang or article.lang or ""
    if lang not in rules.available():
        warnings.append(f"no rule pack for language {lang or 'unknown'!r}: only metadata extracted (set Settings.lang)")
    article = without_credentials(article)
    wanted = settings.extractors
    run = tuple(dict.fromkeys(n for w in wanted for n in (*_NEEDS.get(w, ()), w)))
    trace: list[extract.Decision] | None = [] if settings.explain else None
    findings, broken = _contained_run(article.text, lang, reference, run, trace)
    warnings += [f"extractor {name} failed ({err}): its findings are missing" for name, err in broken]
    if run != wanted:  # drop what ran only for another extractor's sake
        keep = {c for w in wanted for c in _FILLS.get(w, ())}
        findings = dataclasses.replace(findings, **{c: () for c in _FILLS_ALL if c not in keep})
    findings, dropped = cap(findings, article.text)
    if dropped:  # a page that is nothing but findings: the report stays within a multiple of the text
        lost = ", ".join(f"{n} {c}" for c, n in dropped.items())
        warnings.append(f"findings over {cap_ratio}x the text's size dropped after the first ones: {lost}")
    if reference is not None and (outside := sum(d.unresolved for d in findings.dates)):
        # with a reference date only arithmetic beyond the years 1-9999 leaves a date unresolved
        warnings.append(f"{outside} date expression(s) outside the calendar (years 1-9999) left unresolved")
    return Report(
        source=source,
        article=article,
        findings=findings,
        reference_date=reference.isoformat() if reference else None,
        warnings=tuple(warnings),
        fetch=fetch,
        decisions=tuple(trace or ()),
    )


_FILLS_ALL = tuple(f.name for f in dataclasses.fields(Findings))


def provenance(page: Page) -> Fetch:
    """Where a page came from: the ``fetch`` object of its report."""
    fetched = page.fetched_at is not None
    when = datetime.fromtimestamp(page.fetched_at, UTC).isoformat(timespec="seconds") if page.fetched_at is not None else None
    return Fetch(
        requested_url=page.source if is_url(page.source) else None,
        final_url=page.url if fetched else None,  # a saved page's Settings.url is not where it was fetched
        status=page.status,
        fetched_at=when,
        sha256=hashlib.sha256(page.body).hexdigest(),
        from_cache=page.from_cache,
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
    """Page -> Article -> Report, with the page's provenance."""
    return _report(page, article_from_page(page, settings.lang), settings)


def _report(page: Page, article: Article, settings: Settings) -> Report:
    """The Report of an Article read from ``page``, with the page's provenance."""
    # metadata.url is the address the user gave: the URL asked for (not where redirects ended,
    # which is fetch.final_url), or Settings.url for a saved page; the page's canonical link
    # stays in canonical_url
    given = page.source if is_url(page.source) else page.url
    if article.url != given:
        article = dataclasses.replace(article, url=given)
    return summarize_article(article, settings, page.source, provenance(page))


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
            return _report(page, article, settings)
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
                              message=scrub(f"{source}: internal error: {type(e).__name__}: {e}"),
                              detail=traceback.format_exc())
    finally:
        if client is not None:
            client.close()


def report_set(records: Iterable[Report | Failure | dict[str, Any]], match: str | None = None) -> ReportSet:
    """The cross-article view of many reports (Reports, Failures, or report/1 records read from JSON).

    Copies collapsed, people merged, figures grouped into claims with conflicts flagged, one
    sorted timeline; with ``match`` (a regular expression, case-blind) only articles and
    sentences on that topic. Streams: each record is read once and not kept.
    """
    from .report import aggregate  # imported here, so that summarize never pays for it

    return aggregate(records, match)
