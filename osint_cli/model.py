"""The words of the project as frozen dataclasses: Page, Article, the Findings, Report.

A Finding is one extracted fact with its span (character offsets into ``Article.text``),
the sentence it stands in and the id of the rule that produced it. A Report is one
Article with its Findings; every output format renders Reports and nothing else.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .extract.doc import Decision

SCHEMA = "osint-cli/report/1"

ExpertKind = Literal["expert", "official", "other"]
Quoted = Literal["direct", "indirect"]
QuoteKind = Literal["direct", "indirect", "attributed"]
Qualifier = Literal["more_than", "less_than", "about", "at_least", "at_most", "exactly"]
DateType = Literal["date", "time", "duration", "set"]


@dataclass(frozen=True, slots=True)
class Page:
    """Bytes as fetched or read, with where they came from."""

    source: str
    url: str | None
    body: bytes
    status: int | None = None
    content_type: str | None = None
    charset: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """The main text of a page plus its metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None
    lang: str | None = None
    description: str | None = None


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
    # the named keep/drop decisions of ``--explain``; not part of the JSON report
    decisions: tuple[Decision, ...] = field(default=(), compare=False)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        """The report as plain JSON-ready data, in schema ``SCHEMA``."""
        meta = asdict(self.article)
        meta.pop("text")
        meta["reference_date"] = self.reference_date
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "source": self.source,
            "metadata": meta,
            "experts": [asdict(e) for e in self.findings.experts],
            "quotes": [asdict(q) for q in self.findings.quotes],
            "figures": [asdict(f) for f in self.findings.figures],
            "dates": [asdict(d) for d in self.findings.dates],
            "sources": [asdict(s) for s in self.findings.sources],
            "warnings": list(self.warnings),
        }
        if include_text:
            out["text"] = self.article.text
        return out


@dataclass(frozen=True, slots=True)
class Failure:
    """A source that could not be summarised: rendered as an error record."""

    source: str
    type: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        """The failure as an error record in schema ``SCHEMA``."""
        return {"schema": SCHEMA, "source": self.source, "error": {"type": self.type, "message": self.message}}
