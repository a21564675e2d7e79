"""The ``osint`` command: flags -> Settings -> api; errors -> exit codes. No logic here.

Only typer and light modules are imported at the top: the api (trafilatura, every
extractor) and the renderers are imported inside the commands, so ``osint --help`` and
``osint --version`` never pay for them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from . import __version__
from .cli_args import (
    check_env_proxies,
    check_lang,
    check_proxy,
    for_cli,
    installed_languages,
    parse_date,
    parse_duration,
    parse_only,
)
from .errors import ExitCode, OsintError, UsageError
from .settings import DEFAULT_USER_AGENT, EXTRACTORS, Settings

if TYPE_CHECKING:
    from .batch.progress import Stats
    from .model import Failure, Report

app = typer.Typer(
    help="OSINT news summarizer: who is cited, which figures are claimed, when things happened.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # plain click help: rich's help renderer imports markdown-it, pygments and rich's
    # traceback module, which made `osint --help` slower than a whole trafilatura run
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    """Output formats of summarize."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


class Engine(str, Enum):
    """Where ``osint batch`` runs."""

    local = "local"
    dask = "dask"


class BatchFormat(str, Enum):
    """Output formats of batch (streamed)."""

    jsonl = "jsonl"
    csv = "csv"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"osint-cli {__version__}")
        raise typer.Exit()


# options both commands share, spelled once
Lang = Annotated[str | None, typer.Option("--lang", callback=check_lang, show_default="detected per page",
                                             help="Language code of the rule pack to use (see `osint languages`).")]
RefDate = Annotated[str | None, typer.Option("--reference-date", show_default="the publication date",
                                                help="YYYY-MM-DD to resolve relative dates against.")]
Only = Annotated[str | None, typer.Option("--only", show_default="all",
                                             help=f"Run only these extractors, comma-separated: {','.join(EXTRACTORS)}.")]
Proxy = Annotated[str | None, typer.Option("--proxy", callback=check_proxy, show_default="HTTPS_PROXY/HTTP_PROXY/ALL_PROXY, NO_PROXY",
                                              help="Send every request through this proxy: http://, https://, socks5:// or socks5h://.")]
UserAgent = Annotated[str, typer.Option("--user-agent", help="User-Agent header to send (robots.txt is read for its first word).")]
AllowPrivate = Annotated[bool, typer.Option("--allow-private", help="Allow URLs and redirects to loopback, private and link-local addresses.")]
Traceback = Annotated[bool, typer.Option("--traceback", help="On an internal error, print the Python traceback to stderr "
                                                             "(batch: errors outside the parse workers).")]


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """OSINT news summarizer."""


@app.command(epilog="Example: osint summarize https://www.example.com/article --only figures,dates -f json")
def summarize(
    sources: Annotated[list[str], typer.Argument(help="URLs, saved .html/.txt files, or - for stdin.", show_default=False)],
    fmt: Annotated[Format | None, typer.Option("--format", "-f", show_default="table on a terminal, else jsonl",
                                                  help="Output format.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Original address of a saved page (one source).")] = None,
    lang: Lang = None,
    reference_date: RefDate = None,
    include_text: Annotated[bool, typer.Option("--include-text", help="Add the article text to JSON output.")] = False,
    only: Only = None,
    proxy: Proxy = None,
    user_agent: UserAgent = DEFAULT_USER_AGENT,
    allow_private: AllowPrivate = False,
    parse_timeout: Annotated[float, typer.Option("--parse-timeout", min=0.0, help="Seconds one page's extraction may take (0: no limit).")] = 120.0,
    csv_raw: Annotated[bool, typer.Option("--csv-raw", help="CSV: keep cells starting with = + - @ as they are (default: prefixed with ').")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Print on stderr, per candidate, which named check kept or dropped it.")] = False,
    traceback: Traceback = False,
) -> None:
    """Summarise articles: experts, figures, dates and sources."""
    if url and len(sources) > 1:
        raise typer.BadParameter("--url names the address of a single saved page", param_hint="--url")
    if sources.count("-") > 1:
        raise typer.BadParameter("standard input can be read only once", param_hint="SOURCES")
    check_env_proxies(proxy)
    settings = Settings(lang=lang, reference_date=parse_date(reference_date), url=url, extractors=parse_only(only),
                        proxy=proxy, user_agent=user_agent, allow_private=allow_private, explain=explain,
                        parse_timeout=parse_timeout or None)
    chosen = fmt.value if fmt else ("table" if sys.stdout.isatty() else "jsonl")
    from . import api, output
    from .extract import explain as explain_lines
    from .model import Failure

    failed = 0

    def records() -> Iterator[Report | Failure]:
        nonlocal failed
        for rec in api.summarize_many(sources, settings):
            if isinstance(rec, Failure):
                failed += 1
                typer.echo(f"osint: error: {rec.message}", err=True)
                if traceback and rec.detail:
                    typer.echo(rec.detail.rstrip(), err=True)
            else:
                for w in rec.warnings:
                    typer.echo(f"osint: warning: {rec.source}: {for_cli(w)}", err=True)
                for line in explain_lines(rec.decisions):
                    typer.echo(f"osint: explain: {rec.source}: {line}", err=True)
            yield rec

    try:
        output.render(records(), chosen, sys.stdout, include_text, csv_raw=csv_raw)
        sys.stdout.flush()
    except BrokenPipeError:
        _reader_gone()
    except KeyboardInterrupt:
        typer.echo("osint: interrupted", err=True)
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    if failed:
        raise typer.Exit(ExitCode.SOURCE_FAILED)


@app.command(epilog="Example: osint batch urls.txt -o results.jsonl   (or --feed URL, --sitemap URL, or a folder of saved pages)")
def batch(
    url_list: Annotated[str | None, typer.Argument(
        metavar="LIST", show_default=False,
        help="File of URLs, one a line (# comments); - for stdin; or a folder of saved .html/.htm/.txt pages.")] = None,
    feed: Annotated[str | None, typer.Option("--feed", help="Take the URLs from this RSS, Atom or JSON feed instead of LIST.")] = None,
    sitemap: Annotated[str | None, typer.Option("--sitemap", help="Take the URLs from this sitemap (or sitemap index) instead of LIST.")] = None,
    out: Annotated[str | None, typer.Option("--output", "-o", show_default="standard output", help="Output file.")] = None,
    fmt: Annotated[BatchFormat, typer.Option("--format", "-f", help="Output format: JSON Lines, or CSV (one row per finding).")] = BatchFormat.jsonl,
    per_category: Annotated[bool, typer.Option("--per-category", help="CSV: one file per category next to -o FILE (FILE-experts.csv, ...).")] = False,
    resume: Annotated[bool, typer.Option("--resume", help="Skip URLs already recorded in --output.")] = False,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="Like --resume, but run again the URLs whose last record is an error.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite a non-empty --output (default: refuse).")] = False,
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, help="Requests in flight, all hosts together.")] = 32,
    host_concurrency: Annotated[int, typer.Option("--host-concurrency", min=1, help="Requests in flight to one host.")] = 2,
    delay: Annotated[float, typer.Option("--delay", min=0.0, help="Seconds between requests to one host (randomised 0.5-1.5x).")] = 1.0,
    ignore_robots: Annotated[bool, typer.Option("--ignore-robots", help="Do not obey robots.txt.")] = False,
    cache: Annotated[Path | None, typer.Option("--cache", show_default="$XDG_CACHE_HOME or ~/.cache, then osint-cli/pages.sqlite",
                                                  help="Page cache file.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the page cache.")] = False,
    max_age: Annotated[str | None, typer.Option("--max-age", show_default="any age", help="Refetch cached pages older than this (3600, 90m, 12h, 7d).")] = None,
    workers: Annotated[int | None, typer.Option("--workers", min=1, show_default="one per core", help="Parse processes.")] = None,
    lang: Lang = None,
    reference_date: RefDate = None,
    only: Only = None,
    proxy: Proxy = None,
    user_agent: UserAgent = DEFAULT_USER_AGENT,
    allow_private: AllowPrivate = False,
    traceback: Traceback = False,
    engine: Annotated[Engine, typer.Option("--engine", help="local: this machine's process pool; dask: a Dask cluster (needs the dask extra).")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a local cluster).")] = None,
) -> None:
    """Summarise many pages into JSON Lines or CSV: concurrent, polite, cached, resumable."""
    named = [x for x in (url_list, feed, sitemap) if x is not None]
    if len(named) != 1:
        raise typer.BadParameter("give exactly one of LIST, --feed URL or --sitemap URL", param_hint="LIST")
    if (resume or retry_failed) and fmt is not BatchFormat.jsonl:
        raise typer.BadParameter("--resume and --retry-failed read a JSON Lines output (--format jsonl)", param_hint="--format")
    if per_category and (fmt is not BatchFormat.csv or out in (None, "-")):
        raise typer.BadParameter("--per-category writes CSV files next to --output FILE (with --format csv)", param_hint="--per-category")
    check_env_proxies(proxy)
    settings = Settings(lang=lang, reference_date=parse_date(reference_date), extractors=parse_only(only),
                        concurrency=concurrency, host_concurrency=host_concurrency, delay=delay, obey_robots=not ignore_robots,
                        proxy=proxy, user_agent=user_agent, allow_private=allow_private)
    age = parse_duration(max_age)
    try:
        _run_batch(url_list or "-", feed, sitemap, settings, out, fmt.value, per_category, resume, retry_failed,
                   None if no_cache else (cache, age), workers, (engine, scheduler), force)
    except BrokenPipeError:
        _reader_gone()


def _run_batch(source: str, feed: str | None, sitemap: str | None, settings: Settings, out: str | None, fmt: str,
               per_category: bool, resume: bool, retry_failed: bool, cache: tuple[Path | None, float | None] | None,
               workers: int | None, where: tuple[Engine, str | None] = (Engine.local, None), force: bool = False) -> None:
    # imported here, so that `summarize` never pays for the pipeline's imports
    from . import batch as batch_lib
    from .batch import feeds
    from .fetch.transport import content_variant
    from .output.csv import open_csv

    cache_failed = False
    try:
        if where[0] is Engine.dask or where[1]:
            if feed or sitemap or fmt != "jsonl" or retry_failed:
                raise UsageError("--engine dask reads a URL list and writes JSON Lines (no --feed, --sitemap, csv or --retry-failed)")
            stats = _batch_dask(source, settings, out, resume, where[0], where[1], workers,
                                None if cache is None else (str(cache[0]) if cache[0] else None, cache[1]))
            _batch_exit(stats)
            return
        urls = feeds.feed_urls(feed, settings) if feed else feeds.sitemap_urls(sitemap, settings) if sitemap else None
        if urls is not None:
            typer.echo(f"osint: {len(urls)} URLs in {feed or sitemap}", err=True)
        pages, cache_failed = (None, False) if cache is None else _open_cache(batch_lib, cache[0] or batch_lib.default_path(), cache[1], content_variant(settings))
        try:
            with open_csv(out, per_category) if fmt == "csv" else _nothing() as csv_out:
                stats = batch_lib.run_batch(source, settings, None if csv_out else out, resume=resume, retry_failed=retry_failed, force=force,
                                            urls=urls, cache=pages, tuning=batch_lib.Tuning(workers=workers),
                                            stdout=csv_out)  # type: ignore[arg-type]  # a text stream of its own kind
        finally:
            if pages is not None:
                pages.close()
    except OsintError as e:
        typer.echo(f"osint: error: {e}", err=True)
        raise typer.Exit(e.exit_code) from None
    except BrokenPipeError:
        raise
    except OSError as e:  # the output could not be written (disk full, ...): what is written stays whole
        typer.echo(f"osint: error: writing {out or 'standard output'}: {e.strerror or e}", err=True)
        raise typer.Exit(ExitCode.SOURCE_FAILED) from None
    _batch_exit(stats, cache_failed)


def _batch_exit(stats: Stats, cache_failed: bool = False) -> None:
    """A finished batch's exit code: interrupted, some source failed, the cache failed, or all well."""
    if stats.interrupted:
        raise typer.Exit(ExitCode.INTERRUPTED)
    if stats.failed:
        raise typer.Exit(ExitCode.SOURCE_FAILED)
    if cache_failed or stats.cache_errors:
        raise typer.Exit(ExitCode.CACHE_FAILED)


def _open_cache(batch_lib, path: Path | None, age: float | None, variant: str = ""):  # type: ignore[no-untyped-def]
    """The page cache, or None and True when it cannot be opened (reported; the run goes on without it)."""
    if path is None:
        return None, False
    try:
        return batch_lib.PageCache(path, age, variant), False
    except OsintError as e:
        typer.echo(f"osint: error: {e}; going on without the cache", err=True)
        return None, True


class _nothing:
    """A context manager that gives None (no CSV conversion: JSON Lines go straight out)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


@app.command(epilog="Example: osint languages")
def languages() -> None:
    """List the languages that have a rule pack (the codes --lang takes)."""
    from importlib import resources

    for code in installed_languages():
        files = sorted(p.name.removesuffix(".toml") for p in (resources.files("osint_cli.rules") / code).iterdir()
                       if p.name.endswith(".toml"))
        typer.echo(f"{code}\t{', '.join(files)}")


class ReportFormat(str, Enum):
    """Formats of `osint report`."""

    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


@app.command()
def report(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUTS", help="JSON Lines from summarize/batch, or sources as summarize takes them; - for stdin.", show_default=False)],
    fmt: Annotated[ReportFormat | None, typer.Option("--format", "-f", help="Output format (default: by the --output suffix, else table on a terminal, else json).")] = None,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE instead of standard output.")] = None,
    match: Annotated[str | None, typer.Option("--match", metavar="REGEX", help="Keep only articles and sentences matching REGEX (case-blind).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language of sources summarised here; overrides detection.")] = None,
    reference_date: Annotated[str | None, typer.Option("--reference-date", help="YYYY-MM-DD to resolve relative dates against.")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow URLs and redirects to loopback, private and link-local addresses.")] = False,
) -> None:
    """One view across many articles: who says what where, which numbers disagree, one timeline."""
    import re

    # imported here, so that summarize and --help never pay for it
    from . import api
    from .report.inputs import Inputs
    from .report.render import render

    if inputs.count("-") > 1:
        raise typer.BadParameter("standard input can be read only once", param_hint="INPUTS")
    try:
        re.compile(match or "")
    except re.error as e:
        raise typer.BadParameter(f"{match!r} is not a regular expression: {e}", param_hint="--match") from None
    settings = Settings(lang=lang.lower() if lang else None, reference_date=parse_date(reference_date), allow_private=allow_private)
    reader = Inputs(settings)
    result = api.report_set(reader.records(inputs), match)
    for message in reader.failures:
        typer.echo(f"osint: error: {message}", err=True)
    by_suffix = {".html": "html", ".htm": "html", ".md": "markdown", ".json": "json"}
    chosen = fmt.value if fmt else by_suffix.get(out.suffix.lower(), "json") if out else ("table" if sys.stdout.isatty() else "json")
    try:
        if out is None:
            render(result, chosen, sys.stdout)
        else:
            with out.open("w", encoding="utf-8") as fh:
                render(result, chosen, fh)
    except OSError as e:
        typer.echo(f"osint: error: writing {out or 'standard output'}: {e.strerror or e}", err=True)
        raise typer.Exit(ExitCode.SOURCE_FAILED) from None
    if reader.failures:
        raise typer.Exit(ExitCode.SOURCE_FAILED)


def _batch_dask(url_list: str, settings: Settings, out: str | None, resume: bool, engine: Engine,
                scheduler: str | None, workers: int | None, cache: tuple[str | None, float | None] | None) -> Stats:
    """``osint batch --engine dask``; dask is imported only here."""
    from .batch import engine_dask
    from .batch.hostgroups import CacheSpec

    if engine is not Engine.dask:
        raise UsageError("--scheduler needs --engine dask")
    if scheduler and workers:
        raise UsageError("--workers sizes a local cluster; with --scheduler the cluster's own workers run")
    return engine_dask.run_batch_dask(url_list, settings, out, resume=resume,
                                      cache=CacheSpec(*cache) if cache else None,
                                      tuning=engine_dask.DaskTuning(scheduler=scheduler, workers=workers))


def _reader_gone() -> NoReturn:
    """The reader of stdout went away (``| head``): not an error of ours. Point stdout at
    /dev/null so that the interpreter's last flush does not fail again, and exit 0."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (a test runner's stream)
        pass
    raise typer.Exit(ExitCode.OK)


def main() -> None:
    """Console-script entry point: run the app; Ctrl-C, broken pipes and bugs to exit codes."""
    from .cli_light import lighten

    try:
        lighten(typer.main.get_command(app))()
    except KeyboardInterrupt:
        sys.stderr.write("osint: interrupted\n")
        sys.exit(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        sys.exit(ExitCode.OK)
    except Exception as e:
        if "--traceback" in sys.argv:
            raise
        sys.stderr.write(f"osint: internal error: {type(e).__name__}: {e} (run again with --traceback for details)\n")
        sys.exit(ExitCode.SOURCE_FAILED)


if __name__ == "__main__":
    main()
