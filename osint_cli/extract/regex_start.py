"""The first letters a regex match can start with, read off the parsed pattern.

A tagger with a hundred rules cannot afford to try every rule at every word. For each
rule this module computes the keys of the words it can start at: the first three
characters of the word, lower-cased, digits as ``#``, and ``|`` where the word ends
before three characters ("am|", "kw|", "##|"). The tagger then tries a rule only at
words with one of its keys. Patterns whose start cannot be bounded (``.``, ``\\w``) give
``None``: such a rule is tried everywhere.

``start_prefixes`` is the same for a scan that tries one big pattern at many positions (the
figures master regex): any three characters, not only words, each folded as the regex engine
compares it under IGNORECASE, with no assumption on where the match ends; ``may_start``
tells whether the text at a position can begin a match.
"""

from __future__ import annotations

import re
from _sre import unicode_tolower as _tolower
from collections.abc import Callable, Iterable
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
from typing import Any

from ..rules.regex_cache import fact

K = 3
END = "|"
DIGIT = "#"
SPACE = " "
_IS_WORD = re.compile(r"\w")
STOP = "\0"  # ends a prefix key early: any character may follow (removed from the keys)


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
    found = _seq(list(P.parse(pattern, flags)), _char)
    if found is None:
        return None
    return {p if len(p) == K or p.endswith(END) else p + END for p in found}


def start_prefixes(pattern: str, flags: int = 0, exact: bool = False) -> frozenset[str] | None:
    """The folded first characters of every match of ``pattern`` (``fold_key`` of the text there
    or one of its prefixes is among them), or None when unbounded.

    Unlike ``start_keys`` this assumes nothing about what follows a match: a match that can
    end within its first characters, or go on with any character (``\\w*``), gives a shorter
    key that stands for every continuation ("##" for a number followed by anything).
    Case-insensitive patterns are covered: both sides fold each character as the regex engine
    does (``_fold``). ``exact``: the characters as written (``exact_key``), for a pattern that
    matches case-sensitively at its start (else None)."""
    def build() -> list[str] | None:
        parsed = P.parse(pattern, flags)
        if exact and parsed.state.flags & re.IGNORECASE:
            return None
        found = _seq(list(parsed), _exact if exact else _folded)
        keys = None if found is None else {k.rstrip(STOP) for k in found}
        return None if keys is None or "" in keys else sorted(keys)
    keys = fact("start-prefixes/4" + ("x" if exact else ""), f"{int(flags)}:{pattern}", build)
    return None if keys is None else frozenset(keys)


def fold_key(chars: str) -> str:
    """The key of the text beginning with ``chars`` (its next ``K`` characters, fewer at its
    end), as ``start_prefixes`` writes keys: each character folded, digits ``#``, white space
    one blank."""
    return "".join(map(_folded, chars[:K]))


def exact_key(chars: str) -> str:
    """``fold_key`` without folding: the key ``start_prefixes(..., exact=True)`` writes."""
    return "".join(map(_exact, chars[:K]))


def may_start(keys: frozenset[str], key: str) -> bool:
    """Whether a match whose start keys are ``keys`` can begin where the text has ``key``
    (a shorter key is a match that may end there, or a key cut at a ``|`` of the text)."""
    return any(key[:n] in keys for n in range(len(key) + 1))


def after_non_word(pattern: str, flags: int = 0) -> bool:
    """Whether a look-behind at the start of ``pattern`` puts a character that is no word
    character nor ``-`` (or the text's start) before every match, as ``(?<![\\w-])`` does."""
    parsed = P.parse(pattern, flags)
    return _behind_non_word(list(parsed), bool(parsed.state.flags & re.IGNORECASE))


def _behind_non_word(items: list[Any], nocase: bool) -> bool:
    for op, av in items:
        if op is C.ASSERT_NOT and av[0] == -1 and len(av[1]) == 1 and av[1][0][0] is C.IN:
            members = av[1][0][1]
            if (C.CATEGORY, C.CATEGORY_WORD) in members and (C.LITERAL, ord("-")) in members:
                return True
        elif op is C.ASSERT and av[0] == -1 and not nocase and len(av[1]):
            last_op, last = list(av[1])[-1]
            chars = [last] if last_op is C.LITERAL else [v for o, v in last if o is C.LITERAL] \
                if last_op is C.IN and all(o is C.LITERAL for o, _ in last) else None
            if chars is not None and all(chr(c) != "-" and not _IS_WORD.match(chr(c)) for c in chars):
                return True
        elif op is C.BRANCH:
            return all(_behind_non_word(list(b), nocase) for b in av[1])
        elif op is C.SUBPATTERN:
            return _behind_non_word(list(av[-1]), nocase or bool(av[1] & re.IGNORECASE))
        if op not in (C.AT, C.ASSERT, C.ASSERT_NOT):
            return False  # a character is read before any look-behind says what precedes
    return False


def word_tail_prefixes(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """For a pattern that begins at a word start and reads any word characters before its
    rest (``(?<![\\w-])[\\w-]*REST``: a compound's last part, "Nachrichtenagentur"), the exact
    keys of REST, or None for any other pattern (or an unbounded REST)."""
    parsed = P.parse(pattern, flags)
    items = list(parsed)
    word = [(C.CATEGORY, C.CATEGORY_WORD), (C.LITERAL, ord("-"))]
    if parsed.state.flags & re.IGNORECASE or len(items) < 3:
        return None
    (op0, av0), (op1, av1) = items[:2]
    if op0 is not C.ASSERT_NOT or av0[0] != -1 or list(av0[1]) != [(C.IN, word)]:
        return None
    if op1 is not C.MAX_REPEAT or av1[:2] != (0, C.MAXREPEAT) or list(av1[2]) != [(C.IN, word)]:
        return None
    found = _seq(items[2:], _exact)
    keys = None if found is None else {k.rstrip(STOP) for k in found}
    return None if keys is None or "" in keys else frozenset(keys)


def finder_source(keys: Iterable[str]) -> str:
    """A regex that matches the first character of every place where one of the ``exact`` keys
    begins: the key's other characters in a look-ahead, so that no place hides the next one."""
    return _render(trie_of(keys), top=True)


def trie_of(keys: Iterable[str]) -> dict[str, Any]:
    """The keys as a character trie: nested dicts, "" marking where a key ends."""
    trie: dict[str, Any] = {}
    for key in keys:
        node = trie
        for c in key:
            node = node.setdefault(c, {})
        node[""] = {}
    return trie


def _render(node: dict[str, Any], top: bool = False) -> str:
    alts = []
    for c, sub in sorted(node.items()):
        if c == "":
            continue
        head = "[\\d#]" if c == DIGIT else "\\s" if c == SPACE else re.escape(c)
        if "" in sub:  # a key ends here: any character may follow
            alts.append(head)
        else:
            rest = _render(sub)
            alts.append(head + (f"(?={rest})" if top else rest))
    return "(?:" + "|".join(alts) + ")" if alts else "(?!)"


def _fold(c: str) -> str:
    # what the engine compares under IGNORECASE: the one-character lower case, and one
    # member for the letters it also takes as equal ("s" and long s, "i" and dotless i)
    low = _tolower(ord(c))
    return chr(min((low, *_EXTRA_CASES.get(low, ()))))


def _folded(c: str) -> str:
    f = _fold(c)
    if f.isdecimal():  # what \d matches (other digits, "²", stand for themselves)
        return DIGIT
    return SPACE if f.isspace() else f


def _exact(c: str) -> str:
    if c.isdecimal():
        return DIGIT
    return SPACE if c.isspace() else c


def _done(p: str) -> bool:
    return len(p) >= K or p.endswith((END, STOP))


def _seq(items: list[Any], char: Callable[[str], str]) -> set[str] | None:
    out = {""}
    for op, av in items:
        if all(_done(p) for p in out):
            break
        nxt = _item(op, av, char)
        if nxt is None:
            if char is _char or "" in out:
                return None
            # a prefix key: what is read so far begins every match, whatever follows
            return {p if _done(p) else p + STOP for p in out}
        out = {p if _done(p) else (p + s)[:K] for p in out for s in nxt}
    return out


def _item(op: Any, av: Any, char: Callable[[str], str]) -> set[str] | None:
    if op is C.LITERAL:
        return {char(chr(av))}
    if op is C.IN:
        return _charset(av, char)
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {""}  # zero width
    if op is C.SUBPATTERN:
        if char is _exact and av[1] & re.IGNORECASE:
            return None  # (?i:...): characters as written do not tell where it matches
        return _seq(list(av[-1]), char)
    if op is C.ATOMIC_GROUP:
        return _seq(list(av), char)
    if op is C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            sub = _seq(list(branch), char)
            if sub is None:
                return None
            out |= sub
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, hi, sub_items = av
        one = _seq(list(sub_items), char)
        if one is None:
            return None
        out = {""} if lo == 0 else set()
        acc = {""}
        for i in range(1, min(hi, K) + 1):
            acc = {p if _done(p) else (p + s)[:K] for p in acc for s in one}
            if i >= lo:
                out |= acc
        if hi > K:  # more repeats only lengthen what is open, which a prefix key covers
            out |= {p for p in acc if _done(p) or char is not _char}
        return out
    return None


def _char(c: str) -> str:
    if c.isdigit():
        return DIGIT
    if re.match(r"\w", c):
        return c.lower()
    return END


def _charset(items: list[Any], char: Callable[[str], str]) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is C.NEGATE:
            return None
        if op is C.LITERAL:
            out.add(char(chr(av)))
        elif op is C.RANGE:
            lo, hi = av
            if hi - lo > 300:
                return None
            out |= {char(chr(c)) for c in range(lo, hi + 1)}
        elif op is C.CATEGORY:
            if av is C.CATEGORY_DIGIT:
                out.add(char("0"))
            elif av is C.CATEGORY_SPACE:
                out.add(char(" "))
            else:
                return None
        else:
            return None
    return out
