"""People across articles: one entry per person, merged by full name, and by surname only when unambiguous.

"Donald Trump" in one article and "Trump" in another are one person when no other cited
person in the set carries the surname Trump; "Hans Müller" and "Anna Müller" are never
merged, and a bare "Müller" then stays on its own rather than being guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .compact import Strings
from .model import ArticleRef, Person, PersonQuote

_INITIAL = re.compile(r"^\w\.?$")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """A name compared case-blind, with middle initials ("Donald J. Trump") left out."""
    tokens = _SPACE.split(name.strip().casefold())
    if len(tokens) > 2:
        tokens = [tokens[0], *(t for t in tokens[1:-1] if not _INITIAL.match(t)), tokens[-1]]
    return " ".join(tokens)


@dataclass
class _Acc:
    """What is known about one spelling of a person so far."""

    name: str
    aliases: dict[str, None] = field(default_factory=dict)
    kinds: Counter[str] = field(default_factory=Counter)
    roles: dict[str, None] = field(default_factory=dict)
    affiliations: dict[str, None] = field(default_factory=dict)
    outlets: dict[str, None] = field(default_factory=dict)
    articles: dict[str, None] = field(default_factory=dict)
    quotes: list[PersonQuote] = field(default_factory=list)  # repeats dropped when frozen: no key kept per quote

    def merge(self, other: _Acc) -> None:
        """Fold another spelling (a bare surname) into this person."""
        self.aliases.setdefault(other.name, None)
        for mine, theirs in ((self.aliases, other.aliases), (self.roles, other.roles), (self.affiliations, other.affiliations),
                             (self.outlets, other.outlets), (self.articles, other.articles)):
            mine.update(theirs)
        self.kinds.update(other.kinds)
        self.quotes += other.quotes


class People:
    """Collects the experts of many reports and merges them at the end."""

    def __init__(self, strings: Strings | None = None) -> None:
        self._by_key: dict[str, _Acc] = {}
        self._strings = strings or Strings()

    def add(self, expert: dict[str, Any], article: ArticleRef, keep: Callable[[str], bool]) -> None:
        """Add one expert record of one article; ``keep`` filters quotes by their sentence (--match)."""
        quotes = [q for q in expert.get("quotes") or () if keep(str(q.get("sentence") or q.get("text") or ""))]
        if not quotes and not keep(str(expert.get("sentence") or "")):
            return
        name = str(expert.get("name") or "").strip()
        if not name:
            return
        key = name_key(name)
        acc = self._by_key.get(key)
        if acc is None:  # not setdefault: an _Acc is eight containers, too dear to build per mention
            acc = self._by_key[key] = _Acc(name=name)
        text, word = self._strings.text, self._strings.word  # roles recur across people, a quote is often its sentence
        for alias in expert.get("aliases") or ():
            if alias != acc.name:
                acc.aliases.setdefault(word(alias), None)
        acc.kinds[str(expert.get("kind") or "other")] += 1
        for target, value in ((acc.roles, expert.get("role")), (acc.affiliations, expert.get("affiliation"))):
            if value:
                target.setdefault(word(str(value)), None)
        if article.outlet:
            acc.outlets.setdefault(article.outlet, None)
        acc.articles.setdefault(article.source, None)
        for q in quotes:
            acc.quotes.append(PersonQuote(
                text=text(str(q.get("text") or "")), kind=word(q.get("kind") or "direct"), sentence=text(str(q.get("sentence") or "")),
                source=article.source, outlet=article.outlet, published=article.published))

    def build(self) -> tuple[Person, ...]:
        """Merge bare surnames into the one full name that carries them, then freeze and sort."""
        full = {k: a for k, a in self._by_key.items() if " " in k}
        owners: dict[str, set[str]] = {}
        for key, acc in full.items():
            for short in (key.split(" ")[-1], *(name_key(a) for a in acc.aliases)):
                if " " not in short:
                    owners.setdefault(short, set()).add(key)
        people = dict(full)
        for key, acc in self._by_key.items():
            if key in full:
                continue
            match = owners.get(key, set())
            if len(match) == 1:  # exactly one person in the set has this surname
                full[next(iter(match))].merge(acc)
            else:
                people[key] = acc
        out = [_freeze(a) for a in people.values()]
        out.sort(key=lambda p: (-len(p.outlets), -len(p.quotes), p.name.casefold()))
        return tuple(out)


def _freeze(acc: _Acc) -> Person:
    kinds = [k for k, _ in acc.kinds.most_common() if k != "other"] or ["other"]
    return Person(
        name=acc.name,
        aliases=tuple(a for a in acc.aliases if a != acc.name),
        kind=kinds[0],  # type: ignore[arg-type]
        roles=tuple(acc.roles),
        affiliations=tuple(acc.affiliations),
        outlets=tuple(sorted(acc.outlets, key=str.casefold)),
        articles=tuple(acc.articles),
        quotes=tuple(sorted(_distinct(acc.quotes), key=lambda q: (q.published or "", q.source))),
    )


def _distinct(quotes: list[PersonQuote]) -> list[PersonQuote]:
    """Each statement once per article (the first seen), in the order added."""
    seen: set[tuple[str, str]] = set()
    out = []
    for q in quotes:
        if (q.source, q.text) not in seen:
            seen.add((q.source, q.text))
            out.append(q)
    return out
