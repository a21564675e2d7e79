"""Finding the cue rules' matches in one pass, and small tests on what stands beside a cue."""

from __future__ import annotations

import re

from ..rules import Rule, RulePack, cached_regex
from .doc import Doc
from .regex_start import K, after_non_word, exact_key, finder_source, may_start, start_prefixes, word_tail_prefixes


def _scan(doc: Doc) -> list[tuple[Rule, re.Match[str]]]:
    """Every rule match of the cue rules (experts, quotes), as one alternation of them all
    finds them: at each place where the alternation matches, every rule that matches there,
    in rule order; the next place is looked for after the alternation's match. Multi-line
    rules (labels) run on their own, after the others."""
    return _matches(doc)[0]


def source_matches(doc: Doc) -> list[tuple[Rule, re.Match[str]]]:
    """What each source rule's own ``finditer`` finds, in text order (rule order at one place)."""
    return _matches(doc)[1]


def _matches(doc: Doc) -> tuple[list[tuple[Rule, re.Match[str]]], list[tuple[Rule, re.Match[str]]]]:
    memo = doc.__dict__.get("_rule_matches")
    if memo is None:
        memo = doc.__dict__["_rule_matches"] = doc.pack.memo("cue_scan:scanner", lambda: _Scanner(doc.pack)).scan(doc.text)
    return memo  # type: ignore[no-any-return]


_WORD_START = r"(?<![\w-])"
_MAX_SELECTIONS = 50_000  # three-character slices whose rule choice is remembered (bounded memory)
Found = list[tuple[Rule, re.Match[str]]]


class _Scanner:
    """The cue and source rules of one pack, found in one pass over a text.

    Each rule's first characters are read off its pattern (``regex_start``, case-sensitive:
    the rules are); one regex finds every place where any rule's first characters stand, and
    only the rules whose first characters these are, are tried there. A rule whose start is
    unbounded is searched on its own. The results equal a scan with each family's rules joined
    into one alternation (tests/test_cue_scan.py holds that reference scan)."""

    def __init__(self, pack: RulePack) -> None:
        cue = tuple(r for name in ("experts", "quotes") for r in pack.rules(name))
        self.inline = tuple(r for r in cue if not r.regex.flags & re.MULTILINE)
        self.alone = tuple(r for r in cue if r.regex.flags & re.MULTILINE)
        self.sources = pack.rules("sources")
        # the alternation of the cue rules put the word-start rules first: at one place the
        # first of them that matches decides where the alternation's match ends
        word = [i for i, r in enumerate(self.inline) if r.regex.pattern.startswith(_WORD_START)]
        order = word + [i for i in range(len(self.inline)) if i not in word]
        self.rank = [order.index(i) for i in range(len(self.inline))]
        self.keys = [start_prefixes(r.regex.pattern, r.regex.flags, exact=True) for r in self.inline + self.sources]
        at_word: set[str] = set()
        other: set[str] = set()
        for r, k in zip(self.inline + self.sources, self.keys, strict=True):
            if k is not None:  # most rules begin at a word's start: the finder tests that first
                (at_word if after_non_word(r.regex.pattern, r.regex.flags) else other).update(k)
        alts = ([_WORD_START + finder_source(at_word)] if at_word else []) + ([finder_source(other)] if other else [])
        self.finder = cached_regex("|".join(alts) or "(?!)")
        # a rule with an unbounded start is searched on its own; one that reads a compound up
        # to its last part ("Nachrichtenagentur") is tried at the words where that part stands
        self.anywhere = []
        self.tails = []
        for r, k in zip(self.inline + self.sources, self.keys, strict=True):
            tail = word_tail_prefixes(r.regex.pattern, r.regex.flags) if k is None else None
            if tail is not None:
                self.tails.append(cached_regex(finder_source(tail)))
            elif k is None:
                self.anywhere.append(r)
        self._chosen: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {}

    def scan(self, text: str) -> tuple[Found, Found]:
        """The cue rules' matches and the source rules' matches in ``text``."""
        cues: Found = []
        sources: Found = []
        resume = 0
        ends = [0] * len(self.sources)
        for pos in self._places(text):
            cue_idx, src_idx = self._choose(text[pos : pos + K])
            if cue_idx and pos >= resume:
                resume = self._cues_at(text, pos, cue_idx, cues, resume)
            for i in src_idx:
                if pos >= ends[i] and (m := self.sources[i].regex.match(text, pos)) is not None:
                    sources.append((self.sources[i], m))
                    ends[i] = max(m.end(), pos + 1)
        for rule in self.alone:
            cues.extend((rule, m) for m in rule.regex.finditer(text))
        return cues, sources

    def _cues_at(self, text: str, pos: int, idx: tuple[int, ...], out: Found, resume: int) -> int:
        """Try the cue rules ``idx`` at ``pos``; where the alternation of all would go on."""
        best = None
        for i in idx:
            m = self.inline[i].regex.match(text, pos)
            if m is not None:
                out.append((self.inline[i], m))
                if best is None or self.rank[i] < best[0]:
                    best = (self.rank[i], m.end())
        return resume if best is None else max(best[1], pos + 1)

    def _places(self, text: str) -> list[int]:
        """Every place where a rule may match, in order."""
        places = [m.start() for m in self.finder.finditer(text)]
        if not self.anywhere and not self.tails:
            return places
        found = set(places)
        for rule in self.anywhere:  # every start of a match, overlapping ones too
            m = rule.regex.search(text)
            while m is not None:
                found.add(m.start())
                m = rule.regex.search(text, m.start() + 1)
        for tail in self.tails:  # the start of the word (a run of \w and "-") holding the part
            for m in tail.finditer(text):
                pos = m.start()
                while pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "_-"):
                    pos -= 1
                found.add(pos)
        return sorted(found)

    def _choose(self, chars: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The cue and source rules (indices) that may begin with ``chars``."""
        got = self._chosen.get(chars)
        if got is None:
            if len(self._chosen) >= _MAX_SELECTIONS:
                self._chosen.clear()
            key = exact_key(chars)
            fits = [k is None or may_start(k, key) for k in self.keys]
            n = len(self.inline)
            got = self._chosen[chars] = (tuple(i for i in range(n) if fits[i]),
                                         tuple(i - n for i in range(n, len(fits)) if fits[i]))
        return got


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

