"""RulePack: one language's rules, loaded from the TOML files in ``rules/<lang>/``.

Every file may hold two things:

* ``[lists]``: named word lists. A list is either an array of words or a table that maps
  each word to its normalised value (``Februar = 2``). Lists of all files of a pack share
  one namespace.
* ``[[rules]]``: named patterns. Each rule has a stable ``id`` (``de.dates.weekday-since``),
  a ``pattern`` (a Python regex in which ``{listname}`` expands to an alternation of that
  list's words, longest first), ``examples`` that the pattern must find and, for traps,
  ``counter`` examples it must not match anywhere. Other keys are the extractor's own.
* ``[patterns]``: named regex fragments (one namespace per pack, like lists). A pattern
  refers to one as ``{name}`` too; it expands, recursively, to ``(?:fragment)``, so a
  grammar can be composed from parts instead of written out twice.

Language-independent data (web domains, legal forms of companies, currency symbols) lives
in ``rules/common/*.toml`` with the same layout; every pack loads those files first, so a
list there is shared by all languages and a language file may not define it again.

What each extractor reads from a pack (lists, fragments, rule keys and their values, group
names) is declared in ``contract.py``; ``load`` checks a pack against it and ``check``
does so deeply (compiling every rule). ``tests/test_rule_examples.py`` runs every example
of every rule of every pack.

Compiled patterns and folded lists belong to the pack object (``RulePack.memo``), not to a
language code: two packs of one language (a test's own, a user's) never share a cache.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any, TypeVar

from .check import PackError, problems
from .regex_cache import compile as cached_regex
from .regex_cache import fact

_REF = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
FLAGS = re.IGNORECASE | re.UNICODE
T = TypeVar("T")

__all__ = ["FLAGS", "PackError", "Rule", "RulePack", "available", "cached_regex", "check", "load"]


@dataclass(frozen=True)
class Rule:
    """One named pattern with its examples and extractor-specific fields.

    ``source`` is the pattern with its ``{lists}`` expanded; it is compiled on first use of
    ``regex`` only, so an extractor that builds its own regex from ``source`` and ``flags``
    (the date tagger) never pays for compiling the rule a second time.
    """

    id: str
    source: str
    flags: int
    examples: tuple[str, ...]
    counter: tuple[str, ...]
    data: dict[str, Any]

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The compiled pattern (compiled once, on first use)."""
        return _compile(self.source, self.flags)

    def get(self, key: str, default: Any = None) -> Any:
        """An extractor-specific field of the rule."""
        return self.data.get(key, default)


@dataclass(frozen=True)
class RulePack:
    """All rule files of one language."""

    lang: str
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    lists: dict[str, Any] = field(default_factory=dict)
    patterns: dict[str, str] = field(default_factory=dict)
    # what is built from the pack on first use (compiled rules, folded lists, lexicons)
    _memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """The value built once per pack under ``key`` (``build()`` on first use)."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]  # type: ignore[no-any-return]

    def section(self, name: str) -> dict[str, Any]:
        """The parsed TOML file ``rules/<lang>/<name>.toml`` (empty if absent)."""
        return self.files.get(name, {})

    def words(self, name: str) -> frozenset[str]:
        """A list's words, casefolded, for membership tests."""
        return self.memo("words:" + name, lambda: frozenset(w.casefold() for w in self.lists.get(name, ())))

    def mapping(self, name: str) -> dict[str, Any]:
        """A list as a mapping word -> value (casefolded keys); built once per pack, never to be changed."""
        return self.memo("mapping:" + name, lambda: self._mapping(name))

    def _mapping(self, name: str) -> dict[str, Any]:
        lst = self.lists.get(name, {})
        if isinstance(lst, dict):
            return {k.casefold(): v for k, v in lst.items()}
        return {w.casefold(): w for w in lst}

    def expand(self, pattern: str, fold: bool = False) -> str:
        """Replace ``{listname}`` by a non-capturing alternation of the list's words.

        The alternation is written as a trie (``(?:M(?:io|illion(?:en)?))``), which
        matches the same words, longest first, but lets the regex engine drop a
        non-matching list after one character instead of trying every word. ``fold``
        merges case variants, for patterns compiled with IGNORECASE.
        """

        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name in self.patterns:
                return "(?:" + self.expand(self.patterns[name], fold) + ")"
            if name not in self.lists:
                raise KeyError(f"{self.lang}: pattern refers to unknown list {name!r}")
            return _alternation(self.lists[name], fold)

        # expand nested references too (a list entry may not hold references, but a
        # pattern fragment list "patterns" may): one pass is enough for word lists
        return _REF.sub(sub, pattern)

    def compile(self, pattern: str, flags: int = FLAGS) -> re.Pattern[str]:
        """Compile a pattern after list expansion."""
        return _compile(self.expand(pattern, bool(flags & re.IGNORECASE)), flags)

    def rules(self, name: str) -> tuple[Rule, ...]:
        """The compiled ``[[rules]]`` of file ``name``."""
        return self.memo("rules:" + name, lambda: _rules(name, self))


def _alternation(words: Any, fold: bool) -> str:
    """A list's words as one trie-shaped regex alternation."""
    # building the tries of a pack costs about 0.1 s per process: kept with the compiled
    # patterns (regex_cache.py), found by the exact words
    return fact("trie", f"{int(fold)}\0" + "\0".join(words), lambda: _build_alternation(words, fold))


def _build_alternation(words: Any, fold: bool) -> str:
    if not words:
        return "(?!)"  # an empty list matches nothing (an empty group would match everywhere)
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w.lower() if fold else w:
            node = node.setdefault(ch, {})
        node[""] = {}
    body = _trie(trie)
    firsts = sorted(ch for ch in trie if ch)
    if len(firsts) > 2:
        # one character-class test rejects most positions before any branch is tried
        chars = {c for ch in firsts for c in (ch, ch.upper(), ch.lower()) if len(c) == 1} if fold else set(firsts)
        body = "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])" + body
    return "(?:" + body + ")"


def _trie(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _trie(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # a word may end here: the longer words are tried first (greedy), as before
    return f"(?:{body})?" if "" in node else body


@lru_cache(maxsize=4096)
def _compile(pattern: str, flags: int) -> re.Pattern[str]:
    # a pack's patterns take 0.3-0.4 s to compile: kept across processes (regex_cache.py)
    return cached_regex(pattern, flags)


def _rules(name: str, pack: RulePack) -> tuple[Rule, ...]:
    out = []
    for raw in pack.section(name).get("rules", []):
        flags = FLAGS if not raw.get("case_sensitive") else re.UNICODE
        out.append(
            Rule(
                id=raw["id"],
                source=pack.expand(raw["pattern"], bool(flags & re.IGNORECASE)),
                flags=flags,
                examples=tuple(raw.get("examples", ())),
                counter=tuple(raw.get("counter", ())),
                data=raw,
            )
        )
    return tuple(out)


COMMON = "common"


def available() -> list[str]:
    """Languages that have a rule pack."""
    return list(_available())


@lru_cache(maxsize=1)
def _available() -> tuple[str, ...]:
    # the installed packs do not change while a process runs; listing the folder took 0.4 ms a page
    root = resources.files(__package__)
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_") and p.name != COMMON))


def _read_folder(folder: Any, lang: str, files: dict[str, dict[str, Any]], lists: dict[str, Any],
                 patterns: dict[str, str]) -> None:
    """Add the TOML files of one folder to a pack's files, lists and patterns."""
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".toml"):
            continue
        try:
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            raise PackError(f"{lang}: {folder.name}/{entry.name}: {e}") from None
        name = entry.name[: -len(".toml")]
        if name in files:  # a common file and a language file of one name: one section
            merged = dict(files[name])
            merged.update({k: v for k, v in data.items() if k not in ("lists", "patterns")})
            files[name] = merged
        else:
            files[name] = data
        for k, v in data.get("lists", {}).items():
            if k in lists:
                raise ValueError(f"{lang}: list {k!r} defined twice")
            lists[k] = v
        for k, v in data.get("patterns", {}).items():
            if k in patterns or k in lists:
                raise ValueError(f"{lang}: pattern {k!r} defined twice")
            patterns[k] = v


@lru_cache(maxsize=16)
def load(lang: str) -> RulePack:
    """Load the rule pack of ``lang``; an unknown language gives an empty pack."""
    root = resources.files(__package__)
    files: dict[str, dict[str, Any]] = {}
    lists: dict[str, Any] = {}
    patterns: dict[str, str] = {}
    if lang in available():
        if (root / COMMON).is_dir():
            _read_folder(root / COMMON, lang, files, lists, patterns)
        _read_folder(root / lang, lang, files, lists, patterns)
    pack = RulePack(lang=lang, files=files, lists=lists, patterns=patterns)
    if files:
        check(pack, deep=False)
    return pack


def check(pack: RulePack, deep: bool = True) -> None:
    """Raise ``PackError`` listing every way ``pack`` breaks the contract (``contract.py``).

    ``deep`` also compiles every rule and checks the group names the code reads.
    """
    found = problems(pack, deep)
    if found:
        raise PackError("rule pack breaks the contract:\n" + "\n".join(found))
