"""The words of the project as frozen dataclasses: Page, Article, the Findings, Report.

A Finding is one extracted fact with its span (character offsets into ``Article.text``),
the sentence it stands in and the id of the rule that produced it. A Report is one
Article with its Findings; every output format renders Reports and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .extract.doc import Decision

from . import __version__

SCHEMA = "osint-cli/report/1"
TOOL = {"name": "osint-cli", "version": __version__}  # in every record: which code made it

ExpertKind = Literal["expert", "official", "other"]
Quoted = Literal["direct", "indirect"]
QuoteKind = Literal["direct", "indirect", "attributed"]
Qualifier = Literal["more_than", "less_than", "about", "at_least", "at_most", "exactly"]
DateType = Literal["date", "time", "duration", "set"]
# how a speaker was found: by full name, by a short form (surname, title), through a
# pronoun or a role noun ("the governor") resolved to a person, or from a label line
SpeakerVia = Literal["name", "alias", "pronoun", "role_noun", "label"]


@dataclass(frozen=True, slots=True)
class Page:
    """Bytes as fetched or read, with where they came from."""

    source: str
    url: str | None
    body: bytes
    status: int | None = None
    content_type: str | None = None
    charset: str | None = None
    fetched_at: float | None = None  # POSIX time of the response (None: a file or stdin)
    from_cache: bool = False  # served from the batch page cache


@dataclass(frozen=True, slots=True)
class Fetch:
    """Provenance of a report: what was asked for, what answered, when, and a hash of the bytes read."""

    requested_url: str | None  # the URL as given (None for a file or stdin)
    final_url: str | None  # after redirects (None for a file or stdin)
    status: int | None  # HTTP status of the final answer
    fetched_at: str | None  # ISO 8601 UTC time of the answer (for a cached page: when it was fetched)
    sha256: str  # of the (decompressed) body the report was made from
    from_cache: bool = False  # served from the batch page cache


@dataclass(frozen=True, slots=True)
class Article:
    """The main text of a page plus its metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None  # the URL the user gave (the source, or --url / Settings.url for a saved page)
    lang: str | None = None
    description: str | None = None
    canonical_url: str | None = None  # the page's own canonical link, if it has one


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """Base of every extracted fact: where it stands and which rule found it."""

    text: str
    start: int
    end: int
    sentence: str
    rule: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote(Finding):
    """A statement attributed to a speaker (or to nobody, when unattributed)."""

    speaker: str | None
    kind: QuoteKind
    speaker_via: SpeakerVia | None = None  # None when the quote is unattributed


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """One place where a person or source is named."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Expert(Finding):
    """A named person cited as a source; start/end are the first full mention."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: ExpertKind = "other"
    role: str | None = None
    affiliation: str | None = None
    quoted: Quoted = "indirect"
    quotes: tuple[Quote, ...] = ()
    mentions: tuple[Mention, ...] = ()
    speaker_via: SpeakerVia = "name"  # how the first citation of this person was attributed


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure(Finding):
    """A number that quantifies something."""

    value: float | int
    value_max: float | int | None = None
    unit: str | None = None
    qualifier: Qualifier | None = None
    about: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeExpr(Finding):
    """A temporal expression normalised TIMEX3-style; value is None when unresolved."""

    value: str | None
    type: DateType = "date"
    mod: str | None = None
    unresolved: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Source(Finding):
    """A medium, agency or report named as the origin of information."""

    name: str
    count: int = 1
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Findings:
    """Everything the extractors found in one article."""

    experts: tuple[Expert, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    dates: tuple[TimeExpr, ...] = ()
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """One article with its findings: what every output format renders."""

    source: str
    article: Article
    findings: Findings
    reference_date: str | None = None
    warnings: tuple[str, ...] = field(default=())
    fetch: Fetch | None = None
    # the named keep/drop decisions of ``--explain``; not part of the JSON report
    decisions: tuple[Decision, ...] = field(default=(), compare=False)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        """The report as plain JSON-ready data, in schema ``SCHEMA``."""
        meta = plain(self.article)
        meta.pop("text")
        meta["reference_date"] = self.reference_date
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "source": self.source,
            "tool": dict(TOOL),
            "fetch": plain(self.fetch) if self.fetch is not None else None,
            "metadata": meta,
            "experts": [plain(e) for e in self.findings.experts],
            "quotes": [plain(q) for q in self.findings.quotes],
            "figures": [plain(f) for f in self.findings.figures],
            "dates": [plain(d) for d in self.findings.dates],
            "sources": [plain(s) for s in self.findings.sources],
            "warnings": list(self.warnings),
        }
        if include_text:
            out["text"] = self.article.text
        return out


def plain(obj: Any) -> Any:
    """A dataclass as nested dicts and lists, like ``dataclasses.asdict`` but without its deep copy
    of every leaf (strings and numbers are immutable): a third of the time on a report."""
    if type(obj) in _LEAVES:  # most values: answered before the (failing, slow) dataclass lookup
        return obj
    if isinstance(obj, (tuple, list)):
        return [plain(v) for v in obj]
    names = _FIELDS.get(type(obj))
    if names is None:
        if not hasattr(obj, "__dataclass_fields__"):
            return obj
        names = _FIELDS[type(obj)] = tuple(f.name for f in fields(obj))
    return {name: plain(getattr(obj, name)) for name in names}


_FIELDS: dict[type, tuple[str, ...]] = {}
_LEAVES = frozenset({str, int, float, bool, type(None)})


@dataclass(frozen=True, slots=True)
class Failure:
    """A source that could not be summarised: rendered as an error record."""

    source: str
    type: str
    message: str
    # the Python traceback of an internal error (printed with --traceback; never in the record)
    detail: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The failure as an error record in schema ``SCHEMA``."""
        return {"schema": SCHEMA, "source": self.source, "tool": dict(TOOL), "error": {"type": self.type, "message": self.message}}
