"""The ``osint`` command: flags -> Settings -> api; errors -> exit codes. No logic here."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from typing import Annotated, Optional

import typer

from . import __version__, api, output
from .errors import ExitCode
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
) -> None:
    """Summarise articles: experts, figures, dates and sources."""
    if url and len(sources) > 1:
        raise typer.BadParameter("--url names the address of a single saved page", param_hint="--url")
    if sources.count("-") > 1:
        raise typer.BadParameter("standard input can be read only once", param_hint="SOURCES")
    settings = Settings(lang=lang.lower() if lang else None, reference_date=_parse_date(reference_date), url=url)
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
            yield rec

    output.render(records(), chosen, sys.stdout, include_text)
    if failed:
        raise typer.Exit(ExitCode.SOURCE_FAILED)


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
