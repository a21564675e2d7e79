"""Reports in, one ReportSet out: streaming, so only what the set shows is kept in memory."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from ..model import SCHEMA as REPORT_SCHEMA
from ..model import Failure, Report
from .claims import Claims
from .compact import Strings
from .dedup import Deduper, canonical_urls, fingerprint_text
from .model import (
    ArticleEntry,
    ArticleRef,
    CitedSource,
    Copy,
    ErrorEntry,
    Outlet,
    ReportSet,
)
from .people import People
from .timeline import Timeline

Record = Report | Failure | dict[str, Any]
_SEARCHED = ("experts", "quotes", "figures", "dates", "sources")


def outlet_of(meta: dict[str, Any], url: str | None) -> str | None:
    """The site's own name, else the host of its URL without ``www.``."""
    if meta.get("sitename"):
        return str(meta["sitename"])
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def as_dict(record: Record) -> dict[str, Any]:
    """Any record (a Report, a Failure, parsed JSON) as report/1 data; text kept for deduplication."""
    if isinstance(record, Report):
        return record.to_dict(include_text=True)
    if isinstance(record, Failure):
        return record.to_dict()
    return record


@dataclass
class Aggregator:
    """Feed it records one by one (``add``), then ``build`` the ReportSet."""

    match: str | None = None
    _pattern: re.Pattern[str] | None = None
    _articles: list[ArticleEntry] = field(default_factory=list)
    _errors: list[ErrorEntry] = field(default_factory=list)
    _dedup: Deduper = field(default_factory=Deduper)
    _cited: dict[str, tuple[str, int, int]] = field(default_factory=dict)  # shown name, articles, mentions
    _strings: Strings = field(default_factory=Strings)

    def __post_init__(self) -> None:
        # every string the set keeps passes through one Strings: equal texts are kept once
        self._people, self._claims, self._timeline = People(self._strings), Claims(self._strings), Timeline(self._strings)
        # case-blind: a topic is a topic whether it starts a sentence or not; re.error reaches the caller
        self._pattern = re.compile(self.match, re.IGNORECASE) if self.match else None

    def keep(self, sentence: str) -> bool:
        """Whether a sentence is on topic (always, without --match)."""
        return self._pattern is None or self._pattern.search(sentence) is not None

    def add(self, record: Record) -> None:
        """Fold one record into the set."""
        rec = as_dict(record)
        source = str(rec.get("source") or "<unknown>")
        if isinstance(rec.get("error"), dict):
            err = rec["error"]
            self._errors.append(ErrorEntry(source=source, type=str(err.get("type") or "error"), message=str(err.get("message") or "")))
            return
        if rec.get("schema") != REPORT_SCHEMA or not _well_formed(rec):
            self._errors.append(ErrorEntry(source=source, type="bad_record", message=f"{source}: not an {REPORT_SCHEMA} record"))
            return
        try:
            if self._pattern is None or self._on_topic(rec):
                self._add_report(rec, source)
        except (TypeError, AttributeError, ValueError, KeyError) as e:  # a hand-edited record: listed, the others go on
            self._errors.append(ErrorEntry(source=source, type="bad_record", message=f"{source}: malformed record ({type(e).__name__}: {e})"))

    def _on_topic(self, rec: dict[str, Any]) -> bool:
        meta = rec["metadata"]
        texts = [meta.get("title"), meta.get("description"), rec.get("text")]
        texts += [f.get("sentence") for key in _SEARCHED for f in rec.get(key) or ()]
        return any(self.keep(t) for t in texts if isinstance(t, str))

    def _add_report(self, rec: dict[str, Any], source: str) -> None:
        meta = rec["metadata"]
        # the page's own canonical address first (report/1 keeps it apart from the URL asked for)
        url = meta.get("canonical_url") or meta.get("url") or (source if source.lower().startswith(("http://", "https://")) else None)
        url = source if url == source else url  # one object for both when equal (the usual case)
        urls = canonical_urls([source, meta.get("url"), url])
        word = self._strings.word  # one object per outlet, date or language, however many entries cite it
        outlet = word(outlet_of(meta, url))
        index, reason, sig = self._dedup.find(urls, fingerprint_text(rec))
        if index is not None:
            first = self._articles[index]
            copy = Copy(source=source, url=url, outlet=outlet, reason=reason)  # type: ignore[arg-type]
            self._articles[index] = replace(first, copies=(*first.copies, copy))
            self._dedup.add(index, urls, None)
            return
        index = len(self._articles)
        self._dedup.add(index, urls, sig)
        published = word(meta.get("date"))
        self._articles.append(ArticleEntry(source=source, url=url, title=meta.get("title"), outlet=outlet,
                                           published=published, lang=word(meta.get("lang"))))
        self._strings.next_record()
        ref = ArticleRef(source=source, outlet=outlet, published=published, reference_date=word(meta.get("reference_date")))
        for expert in rec.get("experts") or ():
            self._people.add(expert, ref, self.keep)
        self._claims.add(rec, ref, self.keep)
        self._timeline.add(rec, ref, self.keep)
        self._add_sources(rec)

    def _add_sources(self, rec: dict[str, Any]) -> None:
        here: set[str] = set()  # each article is added once, so counting it once per record counts articles
        for s in rec.get("sources") or ():
            name = str(s.get("name") or "").strip()
            if not name or not self.keep(str(s.get("sentence") or name)):
                continue
            key = name.casefold()
            shown, articles, mentions = self._cited.get(key, (name, 0, 0))
            self._cited[key] = (shown, articles + (key not in here), mentions + int(s.get("count") or 1))
            here.add(key)

    def build(self) -> ReportSet:
        """The cross-article view of everything added so far."""
        articles = sorted(self._articles, key=lambda a: (a.published is None, a.published or "", a.source))
        return ReportSet(
            match=self.match,
            articles=tuple(articles),
            people=self._people.build(),
            claims=self._claims.build(),
            timeline=self._timeline.build(),
            outlets=_outlets(articles),
            sources=tuple(sorted((CitedSource(name=n, articles=a, mentions=m) for n, a, m in self._cited.values()),
                                 key=lambda c: (-c.articles, -c.mentions, c.name.casefold()))),
            errors=tuple(self._errors),
        )


def _well_formed(rec: dict[str, Any]) -> bool:
    """The shape report/1 promises: a metadata object and lists of finding objects."""
    lists = [rec.get(k) or [] for k in _SEARCHED]
    return isinstance(rec.get("metadata"), dict) and all(isinstance(v, list) and all(isinstance(f, dict) for f in v) for v in lists)


def _outlets(articles: list[ArticleEntry]) -> tuple[Outlet, ...]:
    own: Counter[str] = Counter(a.outlet for a in articles if a.outlet)
    carried: Counter[str] = Counter(c.outlet for a in articles for c in a.copies if c.outlet)
    names = sorted(set(own) | set(carried), key=lambda n: (-(own[n] + carried[n]), n.casefold()))
    return tuple(Outlet(name=n, articles=own[n], copies=carried[n]) for n in names)


def aggregate(records: Iterable[Record], match: str | None = None) -> ReportSet:
    """The cross-article view of ``records`` (Reports, Failures or report/1 dicts), optionally only those matching ``match``."""
    agg = Aggregator(match=match)
    for record in records:
        agg.add(record)
    return agg.build()
