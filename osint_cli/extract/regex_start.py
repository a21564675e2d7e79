"""The first letters a regex match can start with, read off the parsed pattern.

A tagger with a hundred rules cannot afford to try every rule at every word. For each
rule this module computes the keys of the words it can start at: the first three
characters of the word, lower-cased, digits as ``#``, and ``|`` where the word ends
before three characters ("am|", "kw|", "##|"). The tagger then tries a rule only at
words with one of its keys. Patterns whose start cannot be bounded (``.``, ``\\w``) give
``None``: such a rule is tried everywhere.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

from ..rules.regex_cache import fact

K = 3
END = "|"
DIGIT = "#"


def word_key(word: str) -> str:
    """The key of a word as the tagger looks it up: 'Montag' -> 'mon', 'am' -> 'am|', '12' -> '##|'."""
    key = "".join(DIGIT if c.isdigit() else c.lower() for c in word[:K])
    return key if len(word) >= K else key + END


def start_keys(pattern: str, flags: int = 0) -> set[str] | None:
    """All keys of words at which ``pattern`` can match, or None when unbounded."""
    # parsing a hundred date rules costs 0.1-0.2 s per process: the keys are kept with the
    # compiled patterns (rules/regex_cache.py), found by the exact pattern
    keys = fact("start_keys", f"{int(flags)}:{pattern}", lambda: _sorted(_start_keys(pattern, flags)))
    return None if keys is None else set(keys)


def _sorted(keys: set[str] | None) -> list[str] | None:
    return None if keys is None else sorted(keys)


def _start_keys(pattern: str, flags: int) -> set[str] | None:
    found = _seq(list(P.parse(pattern, flags)))
    if found is None:
        return None
    return {p if len(p) == K or p.endswith(END) else p + END for p in found}


def _done(p: str) -> bool:
    return len(p) >= K or p.endswith(END)


def _seq(items: list[Any]) -> set[str] | None:
    out = {""}
    for op, av in items:
        if all(_done(p) for p in out):
            break
        nxt = _item(op, av)
        if nxt is None:
            return None
        out = {p if _done(p) else (p + s)[:K] for p in out for s in nxt}
    return out


def _item(op: Any, av: Any) -> set[str] | None:
    if op is C.LITERAL:
        return {_char(chr(av))}
    if op is C.IN:
        return _charset(av)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {""}  # zero width
    if op is C.SUBPATTERN:
        return _seq(list(av[-1]))
    if op is C.ATOMIC_GROUP:
        return _seq(list(av))
    if op is C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            sub = _seq(list(branch))
            if sub is None:
                return None
            out |= sub
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, sub_items = av
        one = _seq(list(sub_items))
        if one is None:
            return None
        out = {""} if lo == 0 else set()
        acc = {""}
        for i in range(1, min(hi, K) + 1):
            acc = {p if _done(p) else (p + s)[:K] for p in acc for s in one}
            if i >= lo:
                out |= acc
        if hi > K:
            out |= {p for p in acc if _done(p)}
        return out
    return None


def _char(c: str) -> str:
    if c.isdigit():
        return DIGIT
    if re.match(r"\w", c):
        return c.lower()
    return END


def _charset(items: list[Any]) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is C.NEGATE:
            return None
        if op is C.LITERAL:
            out.add(_char(chr(av)))
        elif op is C.RANGE:
            lo, hi = av
            if hi - lo > 300:
                return None
            out |= {_char(chr(c)) for c in range(lo, hi + 1)}
        elif op is C.CATEGORY:
            if av is C.CATEGORY_DIGIT:
                out.add(DIGIT)
            elif av is C.CATEGORY_SPACE:
                out.add(END)
            else:
                return None
        else:
            return None
    return out
