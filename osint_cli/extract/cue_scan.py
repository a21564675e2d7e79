"""Finding the cue rules' matches in one pass, and small tests on what stands beside a cue."""

from __future__ import annotations

import re

from ..rules import Rule
from .doc import Doc

_SCANNERS: dict[str, tuple[re.Pattern[str], tuple[Rule, ...], tuple[Rule, ...]]] = {}


def _scan(doc: Doc) -> list[tuple[Rule, re.Match[str]]]:
    """Every rule match of the cue rules, found in one pass over the text.

    The cue rules are joined into one alternation that finds where any of them may
    match; each rule is then tried at those places only. Multi-line rules (labels) run
    on their own.
    """
    lang = doc.pack.lang
    if lang not in _SCANNERS:
        rules = tuple(r for name in ("experts", "quotes") for r in doc.pack.rules(name))
        inline = tuple(r for r in rules if not r.regex.flags & re.MULTILINE)
        alone = tuple(r for r in rules if r.regex.flags & re.MULTILINE)
        joined = _joined([_ungroup(r.regex.pattern) for r in inline])
        _SCANNERS[lang] = (re.compile(joined), inline, alone)
    scanner, inline, alone = _SCANNERS[lang]
    out: list[tuple[Rule, re.Match[str]]] = []
    text = doc.text
    for hit in scanner.finditer(text):
        for rule in inline:
            m = rule.regex.match(text, hit.start())
            if m:
                out.append((rule, m))
    for rule in alone:
        out.extend((rule, m) for m in rule.regex.finditer(text))
    return out


_WORD_START = r"(?<![\w-])"


def _joined(patterns: list[str]) -> str:
    """One alternation of ``patterns``; those that start at a word start share one
    look-behind, so that inside a word a single test rejects them all (half the scan)."""
    shared = [p[len(_WORD_START) :] for p in patterns if p.startswith(_WORD_START)]
    rest = [p for p in patterns if not p.startswith(_WORD_START)]
    alts = [f"{_WORD_START}(?:{'|'.join(f'(?:{p})' for p in shared)})"] if shared else []
    alts += [f"(?:{p})" for p in rest]
    return "|".join(alts) or "(?!)"


def _ungroup(pattern: str) -> str:
    # named groups may not repeat in one pattern: the scanner needs none of them
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _noun_use(text: str, end: int, noun_next: frozenset[str]) -> bool:
    """Whether a speech verb is a plural noun here: "Syrian claims are false", "Current
    fears about ..." (the next word could not follow the verb)."""
    if not noun_next:
        return False
    nxt = text[end : end + 12].split(None, 1)
    return bool(nxt) and nxt[0] in noun_next


def _answer_follows(doc: Doc, pos: int, first_person: frozenset[str]) -> bool:
    """After a label: a quote mark, or a first-person answer of at least a dozen words."""
    rest = doc.text[pos : doc.text.find("\n", pos) if "\n" in doc.text[pos:] else len(doc.text)]
    if rest.lstrip()[:1] in "„“”\"«»‚‘":
        return True
    words = rest.split()
    return len(words) >= 12 and any(w.strip(",.;:!?").casefold() in first_person for w in words)


def _not_speech(doc: Doc, m: re.Match[str], pairs: frozenset[str]) -> bool:
    """A separable verb whose particle makes it no speech ("nimmt ... mit": takes along)."""
    if not pairs or "particle" not in m.re.groupindex or m.group("particle") is None:
        return False
    return f"{m.group('verb')} {m.group('particle')}".casefold() in pairs


def _next_word_not_speech(text: str, end: int, pairs: frozenset[str]) -> bool:
    """Whether the verb ending at ``end`` with its next word is no speech ("sprach mit
    seiner Frau", "befindet sich", "knew how"): the pair is listed in quote_not_speech."""
    if not pairs:
        return False
    k = text.rfind(" ", max(0, end - 40), end) + 1
    nxt = text[end : end + 24].split(None, 1)
    return bool(nxt) and f"{text[k:end]} {nxt[0]}".casefold() in pairs

