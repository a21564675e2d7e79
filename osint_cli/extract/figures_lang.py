"""What the figures extractor knows about one language, built once from its rule pack.

The ``[[rules]]`` of rules/<lang>/figures.toml declare their ``kind`` (figure, score,
age-paren, phone); they are joined into one master regex, earlier kinds winning at one
position. A cheap prefilter (the pack's ``trigger``: a digit or the start of a number
word) tells the scan where a figure can be at all. All word tests read the pack's lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..rules import (
    RulePack,
    _trie,  # the one trie-to-regex writer (pack lists use it too)
    cached_regex,
    load,
)
from . import numbers
from .doc import Doc
from .regex_start import K, finder_source, fold_key, may_start, start_prefixes, trie_of

ORDER = ("phone", "score", "age-paren", "ratio", "figure")  # earlier kinds win at one position
_WORD = re.compile(r"[^\W\d_]+")
_WORD_OR_PCT = re.compile(r"[^\W\d_]+|%")
_NEXT_WORD = re.compile(r"[.\s]*([^\W\d_][\w.'-]*)")
_MAX_VERDICTS = 50_000  # distinct three-character slices remembered per language
OPENERS = "\"'„“”‚‘’«»‹›([{:–—-•*"


def fold(s: str) -> str:
    """Casefolded, spaces normalised: the key of every word list."""
    return " ".join(s.casefold().split())


@dataclass(frozen=True)
class FigLang:
    """Everything the extractor needs about one language."""

    pack: RulePack
    master: re.Pattern[str]
    figure: re.Pattern[str]  # the figure rule alone: a ratio that is none ("12 in six boxes") falls back to it
    trigger: re.Pattern[str]
    window: int
    about: re.Pattern[str] | None
    skip: re.Pattern[str] | None
    name_cue: re.Pattern[str] | None
    change_to: re.Pattern[str] | None
    qual_after_noun: re.Pattern[str] | None  # "1,000 people or more": the qualifier after the counted noun
    ids: dict[str, str]
    conf: dict[str, Any]
    maps: dict[str, dict[str, Any]]
    # the folded first characters of every master match (None: unbounded), and the verdicts
    # on the text's three-character slices so far (bounded: see may_start)
    starts: frozenset[str] | None = None
    # where the master may begin: a word start or a symbol, or a blank or comma after a word
    # that begins a key ("John Smith (45)", "Smith, 45,"; see _start_places)
    start_places: re.Pattern[str] = re.compile(r"(?<!\w)\S|(?<=\w)[\s,]")
    verdicts: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    def may_start(self, text: str, pos: int) -> bool:
        """Whether the master can match at ``pos``, by the characters there (a cheap test that
        spares most master attempts: a master attempt tries hundreds of alternatives)."""
        if self.starts is None:
            return True
        raw = text[pos : pos + K]
        ok = self.verdicts.get(raw)
        if ok is None:
            if len(self.verdicts) >= _MAX_VERDICTS:
                self.verdicts.clear()
            ok = self.verdicts[raw] = may_start(self.starts, fold_key(raw))
        return ok

    @property
    def syntax(self) -> numbers.NumberSyntax:
        """The language's number syntax (values of digits and number words)."""
        return numbers.syntax(self.pack.lang)

    def m(self, name: str) -> dict[str, Any]:
        """A list of the pack as a mapping with casefolded keys (spaces normalised)."""
        return self.maps.get(name, {})

    def has(self, name: str, word: str) -> bool:
        """Whether ``word`` (casefolded) is in the pack's list ``name``."""
        return fold(word) in self.maps.get(name, {})

    def raw(self, name: str) -> list[str]:
        """A list of the pack as written (case-sensitive tests)."""
        return list(self.pack.lists.get(name, []))

    def is_month(self, word: str) -> bool:
        """A month name as written ("Mai" is a month, "mai" is not)."""
        return word in self.pack.lists.get("fig_month", ())

    def plural(self, word: str) -> bool:
        """Whether a lower-case noun is a plural, by the pack's endings and exceptions."""
        w = fold(word)
        if w in self.m("fig_plural_irregular"):
            return True
        return any(w.endswith(s) for s in self.m("fig_plural_suffix")) and not any(
            w.endswith(s) for s in self.m("fig_plural_not")
        )


# the lists whose words can start a number, for a pack that declares no trigger of its own
_NUMBER_WORD_LISTS = ("fig_ones", "fig_teens", "fig_tens", "fig_hundred", "fig_thousand", "fig_w_half",
                      "fig_w_special", "fig_half_noun", "fig_multiple", "fig_multiple_adv", "fig_fraction",
                      "fig_scale_spaced", "fig_ratio_ordinal")


def _default_trigger(pack: RulePack) -> str:
    """A digit or the start of any word of the pack's number-word lists, the words as one
    trie, so that the scan costs one character test at most positions."""
    words: set[str] = set()
    for name in _NUMBER_WORD_LISTS:
        words |= {w.casefold() for w in pack.lists.get(name, ())}
    body = _trie(trie_of(words))
    return r"[\d½¼¾⅓⅔⅛]" + (rf"|(?<![^\W\d_])(?:{body})" if body else "")


@lru_cache(maxsize=16)
def lang_of(lang: str) -> FigLang | None:
    """The figures view of a language, or None if its pack has no figure rule."""
    pack = load(lang)
    raw = {r.get("kind", r["id"].rsplit(".", 1)[1]): r for r in pack.section("figures").get("rules", [])}
    if "figure" not in raw:
        return None
    parts = {}
    for kind in ORDER:
        if kind in raw:
            body = raw[kind]["pattern"].removeprefix("(?x)")
            parts[kind] = f"(?P<r_{kind.replace('-', '_')}>{body})"
    conf = pack.section("figures").get("figures", {})
    lists = pack.lists

    def opt(src: str | None, flags: int | None = None) -> re.Pattern[str] | None:
        if not src:
            return None
        return pack.compile(src) if flags is None else pack.compile(src, flags)

    trigger = pack.compile(conf.get("trigger") or _default_trigger(pack))
    if trigger.match("") is not None:  # an empty list in the pattern: it would fire everywhere
        raise ValueError(f"{lang}: the figures trigger matches the empty string")
    master = pack.compile("(?x)" + "|".join(parts.values()))
    starts = start_prefixes(master.pattern, master.flags)
    return FigLang(
        pack=pack,
        master=master,
        starts=starts,
        start_places=_start_places(starts),
        figure=pack.compile("(?x)" + parts["figure"]),
        trigger=trigger,
        window=int(conf.get("trigger_window", 80)),
        about=opt(conf.get("about"), re.UNICODE),
        skip=opt(conf.get("skip_line")),
        name_cue=opt(r"(?<!\w)(?:{fig_name_cue})[ \t]+\Z" if lists.get("fig_name_cue") else None),
        change_to=opt(r"[ \t]+(?:{fig_change_to})[ \t]+" if lists.get("fig_change_to") else None),
        qual_after_noun=opt(r"[ \t]+(?:{fig_qualifier_post})\b" if lists.get("fig_qualifier_post") else None),
        ids={k: raw[k]["id"] for k in raw},
        conf=conf,
        maps={name: {fold(k): v for k, v in pack.mapping(name).items()} for name in lists if name.startswith("fig_")},
    )


def _start_places(starts: frozenset[str] | None) -> re.Pattern[str]:
    """Word starts and symbols, and of the blanks and commas after a word (one in two places
    of a text) only those the master's keys begin with: the keys are folded, so the pattern
    is case-insensitive as the master is (the same characters match)."""
    after = {k for k in starts or () if k[0] in " ,"} if starts is not None else {" ", ","}
    return cached_regex(r"(?<!\w)\S" + (rf"|(?<=\w){finder_source(after)}" if after else ""), re.IGNORECASE)


@dataclass
class Context:
    """One extraction run: the document, its language, and per-sentence word sets computed
    once (a sentence can be the whole text: no candidate may rescan it)."""

    doc: Doc
    lang: FigLang
    _words: dict[int, frozenset[str]] = field(default_factory=dict)
    # the checks ask for the same neighbours of a number again and again
    _prev: dict[int, tuple[str, int] | None] = field(default_factory=dict)
    _next: dict[int, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The document text."""
        return self.doc.text

    def sentence_words(self, pos: int) -> frozenset[str]:
        """The casefolded words (and "%") of the sentence holding ``pos``."""
        i = self.doc.sentence_index(pos)
        if i not in self._words:
            s, e = self.doc.sentence_span(pos)
            self._words[i] = frozenset(fold(w) for w in _WORD_OR_PCT.findall(self.text, s, e))
        return self._words[i]

    def sentence_around(self, start: int, end: int) -> str:
        """The sentence of a figure (an excerpt around it on a page without sentence ends)."""
        return self.doc.sentence_at(start, end)

    def sentence_has(self, pos: int, name: str) -> bool:
        """Whether the sentence at ``pos`` holds a word of the pack's list ``name``."""
        return not self.sentence_words(pos).isdisjoint(self.lang.m(name).keys())

    def words_before(self, pos: int, width: int) -> list[str]:
        """The casefolded words in the ``width`` characters before ``pos``, same sentence."""
        s, _ = self.doc.sentence_span(pos)
        return [fold(w) for w in _WORD.findall(self.text, max(s, pos - width), pos)]

    def prev_word(self, pos: int) -> tuple[str, int] | None:
        """The token right before ``pos`` on the same line, and where it starts."""
        if pos in self._prev:
            return self._prev[pos]
        text, end = self.text, pos
        while end > 0 and text[end - 1] in " \t\u00a0":
            end -= 1
        start = end
        while start > 0 and not text[start - 1].isspace() and end - start < 40:
            start -= 1
        found = (text[start:end], start) if end > start else None
        self._prev[pos] = found
        return found

    def next_word(self, pos: int) -> str:
        """The word after ``pos`` on the same line ("" if none)."""
        if pos not in self._next:
            m = _NEXT_WORD.match(self.text, pos, min(len(self.text), pos + 200))
            self._next[pos] = m.group(1) if m and "\n" not in m.group(0) else ""
        return self._next[pos]

    def starts_sentence(self, pos: int) -> bool:
        """Whether ``pos`` opens a sentence, a quotation or a line."""
        if self.doc.sentence_span(pos)[0] >= pos:
            return True
        before = self.text[max(0, pos - 3) : pos].rstrip(" \u00a0")
        return not before or before[-1] in OPENERS or before[-1] == "\n"
