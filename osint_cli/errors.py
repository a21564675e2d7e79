"""One exception tree, and the exit codes it maps to.

    OsintError                      every failure the tool expects and explains
    ├── OutputBusy                  another batch holds the output file's lock (exit 3)
    ├── UsageError                  bad flags or arguments (exit 2)
    │   └── OutputExists            batch -o names a non-empty file, without --resume or --force
    └── SourceError                 one source could not be summarised (exit 1)
        ├── FetchError              network-level failure
        │   ├── HTTPStatusError     a 4xx/5xx answer after retries
        │   ├── TooManyRedirects    redirect loop or more than the allowed redirects
        │   ├── FetchTimeout        connect/read timeout or overall deadline
        │   └── BodyTooLarge        decompressed body over the size cap
        ├── UnsupportedContent      PDF, image, binary: not HTML or text
        ├── ReadError               a local file or stdin could not be read
        ├── NoText                  nothing extractable in the page
        └── ParseTimeout            extraction ran past the per-page budget

Each class has a short ``kind`` used in error records (``error.type``).
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, documented in README."""

    OK = 0
    SOURCE_FAILED = 1
    USAGE = 2
    OUTPUT_BUSY = 3
    CACHE_FAILED = 4  # every record written, but the page cache could not be used
    INTERRUPTED = 130


class OsintError(Exception):
    """Base of every error the tool raises on purpose."""

    kind = "error"
    exit_code = ExitCode.SOURCE_FAILED


class UsageError(OsintError):
    """The command line asks for something impossible."""

    kind = "usage"
    exit_code = ExitCode.USAGE


class OutputExists(UsageError):
    """``osint batch -o FILE`` would overwrite results: it needs --resume or --force."""

    kind = "output_exists"


class OutputBusy(OsintError):
    """Another process is writing the batch output file."""

    kind = "output_busy"
    exit_code = ExitCode.OUTPUT_BUSY


class SourceError(OsintError):
    """One source failed; the others go on."""

    kind = "source"


class FetchError(SourceError):
    """The network did not deliver the page."""

    kind = "fetch"


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    kind = "http_status"

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class TooManyRedirects(FetchError):
    """A redirect loop, or more redirects than allowed."""

    kind = "redirects"


class FetchTimeout(FetchError):
    """Connect, read or overall deadline exceeded."""

    kind = "timeout"


class BodyTooLarge(FetchError):
    """The decompressed body exceeds the size cap."""

    kind = "too_large"


class UnsupportedContent(SourceError):
    """Not HTML, XHTML or plain text."""

    kind = "unsupported_content"


class ReadError(SourceError):
    """A local file or standard input could not be read."""

    kind = "read"


class NoText(SourceError):
    """The page has no extractable article text."""

    kind = "no_text"


class ParseTimeout(SourceError):
    """Extracting one page took longer than its budget (``Settings.parse_timeout``)."""

    kind = "parse_timeout"
