"""The ``osint`` command: flags -> Settings -> api; errors -> exit codes. No logic here."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__, api, output
from .errors import ExitCode, OsintError
from .extract import explain as explain_lines
from .model import Failure
from .settings import Settings

app = typer.Typer(
    help="OSINT news summarizer: who is cited, which figures are claimed, when things happened.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    """Output formats."""

    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"osint-cli {__version__}")
        raise typer.Exit()


def _parse_date(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """OSINT news summarizer."""


@app.command()
def summarize(
    sources: Annotated[list[str], typer.Argument(help="URLs, saved .html/.txt files, or - for stdin.", show_default=False)],
    fmt: Annotated[Optional[Format], typer.Option("--format", "-f", help="Output format [default: table on a terminal, else jsonl].")] = None,
    url: Annotated[Optional[str], typer.Option("--url", help="Original address of a saved page (one source).")] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language code; overrides detection.")] = None,
    reference_date: Annotated[Optional[str], typer.Option("--reference-date", help="YYYY-MM-DD to resolve relative dates against.")] = None,
    include_text: Annotated[bool, typer.Option("--include-text", help="Add the article text to JSON output.")] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow URLs and redirects to loopback, private and link-local addresses.")] = False,
    parse_timeout: Annotated[float, typer.Option("--parse-timeout", min=0.0, help="Seconds one page's extraction may take (0: no limit).")] = 120.0,
    csv_raw: Annotated[bool, typer.Option("--csv-raw", help="CSV: keep cells starting with = + - @ as they are (default: prefixed with ').")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Print on stderr, per candidate, which named check kept or dropped it.")] = False,
) -> None:
    """Summarise articles: experts, figures, dates and sources."""
    if url and len(sources) > 1:
        raise typer.BadParameter("--url names the address of a single saved page", param_hint="--url")
    if sources.count("-") > 1:
        raise typer.BadParameter("standard input can be read only once", param_hint="SOURCES")
    settings = Settings(lang=lang.lower() if lang else None, reference_date=_parse_date(reference_date), url=url,
                        allow_private=allow_private, parse_timeout=parse_timeout or None, explain=explain)
    chosen = fmt.value if fmt else ("table" if sys.stdout.isatty() else "jsonl")
    failed = 0

    def records():  # type: ignore[no-untyped-def]
        nonlocal failed
        for rec in api.summarize_many(sources, settings):
            if isinstance(rec, Failure):
                failed += 1
                typer.echo(f"osint: error: {rec.message}", err=True)
            else:
                for w in rec.warnings:
                    typer.echo(f"osint: warning: {rec.source}: {w}", err=True)
                for line in explain_lines(rec.decisions):
                    typer.echo(f"osint: explain: {rec.source}: {line}", err=True)
            yield rec

    output.render(records(), chosen, sys.stdout, include_text, csv_raw=csv_raw)
    if failed:
        raise typer.Exit(ExitCode.SOURCE_FAILED)


_DURATION = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _parse_duration(value: Optional[str]) -> Optional[float]:
    if value is None:
        return None
    v = value.strip().lower()
    try:
        seconds = float(v[:-1]) * _DURATION[v[-1]] if v and v[-1] in _DURATION else float(v)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a duration such as 3600, 90m, 12h or 7d") from None
    if seconds < 0:
        raise typer.BadParameter("a duration cannot be negative")
    return seconds


@app.command()
def batch(
    url_list: Annotated[str, typer.Argument(metavar="LIST", help="File of URLs, one a line (# comments); - for stdin.", show_default=False)],
    out: Annotated[Optional[str], typer.Option("--output", "-o", help="JSON Lines file (default: standard output).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Skip URLs already recorded in --output.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite a non-empty --output (default: refuse).")] = False,
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, help="Requests in flight, all hosts together.")] = 32,
    host_concurrency: Annotated[int, typer.Option("--host-concurrency", min=1, help="Requests in flight to one host.")] = 2,
    delay: Annotated[float, typer.Option("--delay", min=0.0, help="Seconds between requests to one host (randomised 0.5-1.5x).")] = 1.0,
    ignore_robots: Annotated[bool, typer.Option("--ignore-robots", help="Do not obey robots.txt.")] = False,
    cache: Annotated[Optional[Path], typer.Option("--cache", help="Page cache file (default: $XDG_CACHE_HOME or ~/.cache, then osint-cli/pages.sqlite).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the page cache.")] = False,
    max_age: Annotated[Optional[str], typer.Option("--max-age", help="Refetch cached pages older than this (3600, 90m, 12h, 7d).")] = None,
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help="Parse processes (default: one per core).")] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Language code; overrides detection.")] = None,
    reference_date: Annotated[Optional[str], typer.Option("--reference-date", help="YYYY-MM-DD to resolve relative dates against.")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow URLs and redirects to loopback, private and link-local addresses.")] = False,
) -> None:
    """Summarise a list of URLs into JSON Lines: concurrent, polite, cached, resumable."""
    # imported here, so that `summarize` never pays for the pipeline's imports
    from . import batch as batch_lib

    settings = Settings(lang=lang.lower() if lang else None, reference_date=_parse_date(reference_date),
                        concurrency=concurrency, host_concurrency=host_concurrency, delay=delay, obey_robots=not ignore_robots,
                        allow_private=allow_private)
    age = _parse_duration(max_age)
    try:
        pages, cache_failed = _open_cache(batch_lib, None if no_cache else cache or batch_lib.default_path(), age)
        try:
            stats = batch_lib.run_batch(url_list, settings, out, resume=resume, force=force, cache=pages,
                                        tuning=batch_lib.Tuning(workers=workers))
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
    if stats.interrupted:
        raise typer.Exit(ExitCode.INTERRUPTED)
    if stats.failed:
        raise typer.Exit(ExitCode.SOURCE_FAILED)
    if cache_failed or stats.cache_errors:
        raise typer.Exit(ExitCode.CACHE_FAILED)


def _open_cache(batch_lib, path: Optional[Path], age: Optional[float]):  # type: ignore[no-untyped-def]
    """The page cache, or None and True when it cannot be opened (reported; the run goes on without it)."""
    if path is None:
        return None, False
    try:
        return batch_lib.PageCache(path, age), False
    except OsintError as e:
        typer.echo(f"osint: error: {e}; going on without the cache", err=True)
        return None, True


def main() -> None:
    """Console-script entry point: run the app, turn Ctrl-C and broken pipes into exit codes."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("osint: interrupted\n")
        sys.exit(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # the reader went away (| head): not an error of ours
        sys.stderr.close()
        sys.exit(ExitCode.OK)


if __name__ == "__main__":
    main()
