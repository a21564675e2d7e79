"""The report set as frozen dataclasses: what `osint report` renders, in schema ``SCHEMA``.

One ReportSet is the cross-article view of many Reports: each article once (with its
syndicated copies), each person once (with every quote), figures grouped into claims,
one sorted timeline, and the error records that were read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..model import DateType, ExpertKind, Qualifier, QuoteKind, plain

SCHEMA = "osint-cli/report-set/1"

CopyReason = Literal["url", "text"]


@dataclass(frozen=True, slots=True)
class Copy:
    """A syndicated copy or duplicate of an article, collapsed into it."""

    source: str
    url: str | None
    outlet: str | None
    reason: CopyReason


@dataclass(frozen=True, slots=True)
class ArticleEntry:
    """One article of the set, listed once with its copies."""

    source: str
    url: str | None
    title: str | None
    outlet: str | None
    published: str | None
    lang: str | None
    copies: tuple[Copy, ...] = ()


@dataclass(frozen=True, slots=True)
class PersonQuote:
    """One statement of a person, with the article, outlet and date it appeared in."""

    text: str
    kind: QuoteKind
    sentence: str
    source: str
    outlet: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class Person:
    """One person cited across the set, merged by full name and unambiguous surname."""

    name: str
    aliases: tuple[str, ...]
    kind: ExpertKind
    roles: tuple[str, ...]
    affiliations: tuple[str, ...]
    outlets: tuple[str, ...]
    articles: tuple[str, ...]
    quotes: tuple[PersonQuote, ...]


@dataclass(frozen=True, slots=True)
class ClaimValue:
    """One figure of a claim group, with where it was said and by whom."""

    value: float | int
    value_max: float | int | None
    qualifier: Qualifier | None
    text: str
    sentence: str
    speaker: str | None
    source: str
    outlet: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class Claim:
    """Figures that count the same thing in the same unit; conflict when their ranges cannot all hold."""

    about: str
    unit: str | None
    conflict: bool
    values: tuple[ClaimValue, ...]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A resolved date with its sentence; relative ones carry the date they were resolved against."""

    value: str
    type: DateType
    mod: str | None
    start: str
    end: str
    text: str
    sentence: str
    relative: bool
    reference_date: str | None
    source: str
    outlet: str | None


@dataclass(frozen=True, slots=True)
class Tally:
    """A name counted across the set: in how many articles it stands (base of Outlet and CitedSource)."""

    name: str
    articles: int


@dataclass(frozen=True, slots=True)
class Outlet(Tally):
    """A site that published articles of the set: its own articles, and copies of others' it carried."""

    copies: int


@dataclass(frozen=True, slots=True)
class CitedSource(Tally):
    """A medium, agency or report the articles name as their source, with how often."""

    mentions: int


@dataclass(frozen=True, slots=True)
class ErrorEntry:
    """A source that could not be summarised or an input record that could not be read."""

    source: str
    type: str
    message: str


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """The article a finding comes from, as people, claims and timeline cite it (not in the schema)."""

    source: str
    outlet: str | None
    published: str | None
    reference_date: str | None = None


@dataclass(frozen=True, slots=True)
class ReportSet:
    """The cross-article view of a set of reports."""

    match: str | None
    articles: tuple[ArticleEntry, ...]
    people: tuple[Person, ...]
    claims: tuple[Claim, ...]
    timeline: tuple[TimelineEntry, ...]
    outlets: tuple[Outlet, ...]
    sources: tuple[CitedSource, ...]
    errors: tuple[ErrorEntry, ...]

    def to_dict(self) -> dict[str, Any]:
        """The report set as JSON-ready data, in schema ``SCHEMA``."""
        return {"schema": SCHEMA, **plain(self)}

    @property
    def conflicts(self) -> tuple[Claim, ...]:
        """The claims whose values disagree."""
        return tuple(c for c in self.claims if c.conflict)
