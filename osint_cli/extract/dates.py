"""Dates extractor: a rule-based temporal tagger (HeidelTime-style) with TIMEX3 values.

The date rules of a language pack (``rules/<lang>/dates.toml``) are tried in file order,
so that specific rules come first, and only at the words they can start with (see
``regex_start``): one pass over the words of the text, a handful of regex attempts per
candidate word. A match is extended leftwards by the optional prefix words (preposition,
article, qualifier, part of a period), validated (bare years, ages, ambiguous month
names, URLs), and a day and a time standing side by side are joined. ``Resolver``
(``dates_resolve``) then normalises every expression in reading order.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

from ..model import TimeExpr
from ..rules import FLAGS, RulePack, cached_regex, load
from .dates_resolve import Hit, Resolver, Val
from .doc import Doc
from .regex_start import start_keys, word_key

_KINDS_SPECIAL = {"prefix", "join", "stamp", "tense-future", "tense-conditional", "tense-intent", "tense-past", "tense-present"}
_GROUP = re.compile(r"\(\?P<([a-z_0-9]+)>")
_TOKEN = re.compile(r"\w+")
_WORD = re.compile(r"\w")
_UNNAMED = re.compile(r"\(\?P<[a-z_0-9]+>")
_GATE_MIN = 4  # rules at one start word from which a gate pays
_PREFIX_WINDOW = 48
_QUALIFIED = {"duration", "time", "shift", "anaphor"}
# kinds whose words are written in lower case: capitalised inside a sentence they are part
# of a name ("NBC's Today show", "the New York Daily News", "Apocalypse Now")
_LOWER_KINDS = {"deictic", "set", "vague"}
_SENTENCE_OPEN = re.compile(r"(?:\A|[.!?:;\"“”„«»‘`(\[–—•*-]|\s'|\n)\s*\Z")
# a year standing alone in quotation marks is a title ("the film “1917,”")
_QUOTED_BEFORE = re.compile(r"[\"“„«‚‘]\Z")
_QUOTED_AFTER = re.compile(r"[,.]?[\"”“»‘’]")
# a title in quotation marks, written in title case: a show or a book ("ABC's “This Week”",
# "CBS's ''60 Minutes''"), not a date
_TITLE_OPEN = re.compile(r"(?:[\"“„«‚‘`]|'')\Z")
_TITLE_CASE = re.compile(r"\S+(?:\s+[A-Z]\w*)+\Z")


@dataclass(frozen=True)
class Spec:
    """One date rule as the tagger uses it: id, kind, compiled pattern, extra fields."""

    id: str
    kind: str
    regex: re.Pattern[str]
    groups: tuple[str, ...]
    data: dict[str, object]


class Tagger:
    """The compiled date rules of one language pack, indexed by the words they start at."""

    def __init__(self, pack: RulePack) -> None:
        self.pack = pack
        self.specs: list[Spec] = []
        self.by_key: dict[str, list[int]] = {}
        self.anywhere: list[int] = []
        special: dict[str, str] = {}
        for rule in pack.rules("dates"):
            kind = str(rule.get("kind", ""))
            pattern = rule.source  # expanded, uncompiled: the tagger compiles its own form
            if kind in _KINDS_SPECIAL:
                special[kind] = pattern
                continue
            i = len(self.specs)
            # a match ends at the end of a word, as it starts at a word's start
            regex = cached_regex(f"(?:{pattern})(?!\\w)", rule.flags)
            self.specs.append(Spec(rule.id, kind, regex, tuple(_GROUP.findall(pattern)), rule.data))
            keys = start_keys(pattern, rule.flags)
            if keys is None:
                self.anywhere.append(i)
            for k in keys or ():
                self.by_key.setdefault(k, []).append(i)
        prefix = special.get("prefix", "(?!)")
        self.prefix = cached_regex(r"(?<!\w)(?:" + prefix + r")\Z", FLAGS)
        self.prefix_groups = tuple(_GROUP.findall(prefix))
        self.join = cached_regex(special.get("join", r"^[ \t]*,?[ \t]*\Z"), FLAGS)
        self.stamp = cached_regex(special["stamp"], re.UNICODE) if "stamp" in special else None
        # "two days before yesterday", "drei Tage nach Weihnachten": a count, a direction word, a day
        self.dirs = {" ".join(k.split()).casefold() for k in pack.mapping("date_offset_dir")}
        alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(self.dirs, key=len, reverse=True)) or "(?!)"
        self.offset_gap = cached_regex(rf"\s+(?P<dir>{alt})\s+\Z", FLAGS)
        # order matters where cues start at the same word: "hat ... gesagt" is past, "hat" alone
        # present, "agreed to" an intention (a later act: a year-less month ahead), "agreed" past
        self.tense = cached_regex(
            "|".join(f"(?P<{k}>" + special.get(f"tense-{k}", "(?!)") + ")" for k in ("future", "conditional", "intent", "past", "present")),
            FLAGS,
        )
        tlds = sorted(pack.words("web_tld"), key=lambda w: (-len(w), w)) or ["com"]  # one order: one cached pattern
        # (written so that no part can match a long run of characters in two ways: linear time)
        self.url = cached_regex(r"(?:https?://|www\.)\S+|[^\s@]+@[^\s@]+\.\w+|\b[\w-]+(?:\.[\w-]+)*\.(?:" + "|".join(map(re.escape, tlds)) + r")/\S*", re.IGNORECASE)
        self._candidates: dict[str, tuple[re.Pattern[str] | None, list[int]]] = {}
        # the words any rule can start at, found by one regex in C instead of a Python loop
        # over every word of the text (most words start no rule)
        # (a trie, so that the engine skips by the first character; word starts are checked after)
        self.starts = _TOKEN if self.anywhere else cached_regex(r"\b" + _key_trie(sorted(self.by_key)), re.IGNORECASE)

    def candidates(self, word: str) -> tuple[re.Pattern[str] | None, list[int]]:
        """The rules that can start at ``word``, in rule order, and a gate for them.

        The gate is all those rules in one regex without their groups: at the many words
        that start a dozen rules and rarely a date ("the", "die", "ein"), one failed
        attempt of the gate replaces a failed attempt of every rule."""
        raw = word[:3] if len(word) >= 3 else word + "|"  # cached on the word as written: one slice
        found = self._candidates.get(raw)
        if found is None:
            key = word_key(word)
            idx = sorted(set(self.by_key.get(key, ())) | set(self.anywhere))
            gate = None
            if len(idx) >= _GATE_MIN and len({self.specs[i].regex.flags for i in idx}) == 1:
                alt = "|".join(_UNNAMED.sub("(?:", self.specs[i].regex.pattern) for i in idx)
                gate = cached_regex(f"(?:{alt})", self.specs[idx[0]].regex.flags)
            found = self._candidates[raw] = (gate, idx)
        return found

    def scan(self, text: str, narrative: bool = False, doc: Doc | None = None) -> list[Hit]:
        """All validated matches in reading order, days and times side by side joined.

        In narratives (history texts) bare years before 1900 are years; in news, counts.
        Each keep or drop is noted on ``doc`` under the check that decided it."""
        urls = [m.span() for m in self.url.finditer(text)] if "/" in text or "@" in text else []
        hits: list[Hit] = []
        covered = 0
        for tok in self.starts.finditer(text):
            pos = tok.start()
            if pos < covered or pos and _WORD.match(text, pos - 1):
                continue  # inside a word, or inside the last match
            gate, idx = self.candidates(tok.group())
            if gate is not None and gate.match(text, pos) is None:
                continue
            for i in idx:
                spec = self.specs[i]
                m = spec.regex.match(text, pos)
                if m is None or spec.kind in _LOWER_KINDS and "word" in spec.groups and _name_word(text, pos):
                    continue
                hit = self._hit(text, spec, m, max(covered, pos - _PREFIX_WINDOW))
                check = "url" if _in_url(urls, hit) else self._invalid(text, hit, narrative)
                if doc is not None:
                    doc.note("dates", hit.start, hit.end, f"dates.{check or spec.kind}", check is None)
                if check is not None:
                    continue
                if "qual" in hit.g and hit.data.get("bare_year"):
                    hit = _drop_qual(text, hit)  # "until at least 2021": the year alone
                hits.append(hit)
                covered = hit.end
                break
        return self._joined(text, hits)

    def _hit(self, text: str, spec: Spec, m: re.Match[str], window: int) -> Hit:
        g = {n: v for n in spec.groups if (v := m.group(n)) is not None}
        start = m.start()
        pm = self.prefix.search(text, window, start) if spec.data.get("prefix", True) else None
        if pm is not None and pm.start() < start:
            g.update({n: v for n in self.prefix_groups if (v := pm.group(n)) is not None})
            start = pm.start()
            if "qual" in g and spec.kind not in _QUALIFIED and not spec.data.get("bare_year"):
                # "über Ende Oktober hinaus": a qualifier only quantifies a length or a time
                start = _skip(text, pm.end("qual"), m.start())
                g = {k: v for k, v in g.items() if k not in ("prep", "art", "qual")}
        return self._trim(text, Hit(start, m.end(), spec.id, spec.kind, g, spec.data))

    def _trim(self, text: str, hit: Hit) -> Hit:
        # a leading article belongs to the noun phrase, not to the expression ("die
        # alljährliche Übung", "a 2014 study"), except the ones a language keeps before a
        # calendar date ("the 2020 map"); trailing blanks never belong to the span
        start, end = hit.start, hit.end
        prep = hit.g.get("prep")
        if prep is not None and " ".join(prep.split()).casefold() in self.pack.words("date_prep_outside"):
            start = _skip(text, start + len(prep), end)
            prep = None
        art = hit.g.get("art")
        if art and prep is None and (hit.kind != "calendar" or art.casefold() not in self.pack.words("date_article_kept")):
            start = _skip(text, start + len(art), end)
        while end > start and text[end - 1].isspace():
            end -= 1
        if (start, end) == (hit.start, hit.end):
            return hit
        return Hit(start, end, hit.rule, hit.kind, hit.g, hit.data)

    def _invalid(self, text: str, hit: Hit, narrative: bool = False) -> str | None:
        """The name of the check that drops ``hit``, or None when it is kept."""
        g, data, words = hit.g, hit.data, self.pack.words
        has_prefix = any(k in g for k in ("prep", "art", "qual", "part"))
        needs = data.get("needs")
        if needs == "prefix" and not has_prefix or needs in ("part", "prep") and not ({"part", "prep"} & g.keys() if needs == "prep" else "part" in g):
            return "needs-" + str(needs)
        if hit.kind == "calendar" and set(g) == {"month"} and g["month"].casefold() in words("date_month_ambiguous"):
            return "ambiguous-month"  # "May", "August" alone: a name; with a preposition, day or year: a month
        if data.get("bare_year") and not self._year_ok(text, hit, narrative):
            return "bare-year"
        if "block_after" in data and "prep" not in g and re.match(str(data["block_after"]), text[hit.end : hit.end + 40]):
            return "block-after"
        if "block_before" in data and re.search(str(data["block_before"]), text[max(0, hit.start - 40) : hit.start]):
            return "block-before"
        if data.get("age_check") and self._is_age(text, hit):
            return "age"
        if _TITLE_OPEN.search(text, max(0, hit.start - 2), hit.start) and _TITLE_CASE.match(text, hit.start, hit.end):
            return "quoted-title"
        if hit.kind == "duration" and "num" in g and g["num"].casefold() in words("date_num_article") and self._unit("date_unit", g.get("unit", "")) == "Q" \
                and re.match(r"\s+of\s", text[hit.end : hit.end + 4]):
            return "fraction"  # "more than a quarter of the market": a share, not three months
        if data.get("article_needs_prefix") and "num" in g and g["num"].casefold() in words("date_num_article"):
            # "ein Jahr" is a length after a preposition or qualifier, or a verb of lasting ("waited a week")
            # ...or a direction word after it: "a month after the vote" is a length before an event
            before = text[max(0, hit.start - 24) : hit.start].split()
            verb = before[-1].casefold() if before else ""
            after = text[hit.end : hit.end + 12].split()[:1]
            lasting = verb in words("date_duration_verb") or bool(after) and after[0].casefold() in self.dirs
            if not ("prep" in g or "qual" in g or "lang" in g or lasting):
                return "article-length"
        return None

    def _year_ok(self, text: str, hit: Hit, narrative: bool) -> bool:
        # "rund 2000", "Nr. 2016", "2000 Menschen", "April 21, 2020" (a date in a foreign format);
        # after a qualifier still a year when a preposition or a word of time frames it
        # ("until at least 2021", "über 2023 hinaus")
        after = text[hit.end : hit.end + 24].split()
        nxt = after[0].casefold().rstrip(".,;:!?)") if after else ""
        framed = "prep" in hit.g or nxt in self.pack.words("date_year_framed_after")
        if "qual" in hit.g and not framed or re.search(r"\d,\s$", text[max(0, hit.start - 3) : hit.start]):
            return False
        if _QUOTED_BEFORE.search(text, max(0, hit.start - 1), hit.start) and _QUOTED_AFTER.match(text, hit.end):
            return False
        low = 0 if narrative else int(str(hit.data.get("bare_min", 0)))
        if int(hit.g["year"]) < low and not {"prep", "art", "part"} & hit.g.keys():
            return False
        inner = text[hit.start : hit.end].split()
        before = text[max(0, hit.start - 20) : hit.start].split()
        prev = inner[-2] if len(inner) > 1 else (before[-1] if before else "")
        if prev.casefold() in self.pack.words("date_year_block_before") and not ("qual" in hit.g and framed):
            return False
        return nxt not in self.pack.words("date_year_block_after")

    def _is_age(self, text: str, hit: Hit) -> bool:
        after = text[hit.end : hit.end + 16].split()
        if after and after[0].casefold().strip(".,;:!?") in self.pack.words("date_age_after"):
            return True
        before = {w.casefold().strip(".,;:!?(") for w in text[max(0, hit.start - 40) : hit.start].split()}
        return bool(before & self.pack.words("date_age_before"))

    def _joined(self, text: str, hits: list[Hit]) -> list[Hit]:
        out: list[Hit] = []
        for hit in hits:
            prev = out[-1] if out else None
            g = self._offset(text, prev, hit) if prev is not None and prev.partner is None else None
            if prev is not None and g is not None:
                out[-1] = Hit(prev.start, hit.end, prev.rule + "+" + hit.rule, "offset", g, prev.data, partner=hit)
            elif prev is not None and prev.partner is None and self._joinable(prev, hit) and self.join.match(text[prev.end : hit.start]):
                out[-1] = Hit(prev.start, hit.end, prev.rule + "+" + hit.rule, prev.kind, prev.g, prev.data, partner=hit)
            else:
                out.append(hit)
        return out


    def _offset(self, text: str, a: Hit, b: Hit) -> dict[str, str] | None:
        """The groups of a count of days (or weeks...) before or after a day, as one expression:
        "two days before yesterday", "the day before last Tuesday"; None when ``a`` and ``b`` are apart."""
        if not (b.is_day() or "holiday" in b.g) or b.partner is not None:
            return None
        gap = text[a.end : b.start]
        before = text[max(0, a.start - 24) : a.start].split()[-1:]
        if before and before[0].casefold() in self.pack.words("date_duration_verb"):
            return None  # "waited two days before Monday's vote": a length
        # "eight trading days after the crash": a count of business days is no calendar shift
        if a.kind == "duration" and {"num", "unit"} <= a.g.keys() and not {"qual", "prep", "workday"} & a.g.keys():
            m = self.offset_gap.match(gap)
            prep = " ".join(b.g.get("prep", "").split()).casefold()
            word = m.group("dir") if m else prep if not gap.strip() and prep in self.dirs else None
            unit = next((u for n in ("date_unit", "date_unit_plural") if (u := self._unit(n, a.g["unit"]))), None)
            num = " ".join(a.g["num"].split()).casefold()
            whole = num.isdigit() or isinstance(self.pack.mapping("date_numword").get(num), int)  # not "wenige Tage"
            return {**a.g, "offset_dir": word} if word and whole and unit in ("D", "W", "M", "Y") else None
        last = a.g.get("word", "").split()[-1:]
        if a.kind == "anaphor" and last and last[0].casefold() in self.dirs and not gap.strip():
            return dict(a.g)
        return None

    def _unit(self, name: str, word: str) -> object:
        found = self.pack.mapping(name).get(" ".join(word.split()).casefold())
        return found[0] if isinstance(found, list) else found

    def _joinable(self, a: Hit, b: Hit) -> bool:
        """A day next to a time ("am Montag um 14 Uhr", "einen Tag später um 19 Uhr"), or a
        weekday next to a date ("Montag, 12. Februar")."""
        if (a.kind == "time") != (b.kind == "time"):
            other = b if a.kind == "time" else a
            return other.is_day() or self._anaphor_day(other)
        pair = {a.kind, b.kind}
        return pair == {"weekday", "calendar"} and a.is_day() and b.is_day()

    def _anaphor_day(self, hit: Hit) -> bool:
        # a day counted from the last date ("am Tag darauf", "two days later")
        if hit.kind != "anaphor":
            return False
        key = " ".join(hit.g.get("word", hit.g.get("unit", "")).split()).casefold()
        found = self.pack.mapping("date_anaphor").get(key) if "word" in hit.g else self.pack.mapping("date_unit").get(key)
        unit = found[0] if isinstance(found, list) else found
        return unit == "D"


def _in_url(urls: list[tuple[int, int]], hit: Hit) -> bool:
    """Whether ``hit`` overlaps a web address (addresses in text order, not overlapping: one bisect)."""
    i = bisect.bisect_left(urls, (hit.end, hit.end)) - 1
    return i >= 0 and urls[i][1] > hit.start


def _key_trie(keys: list[str]) -> str:
    """The start keys as one trie-shaped regex: "mon", "mär", "am|" -> m(?:on|är)|am(?!\\w); "#" a digit."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for key in keys:
        node = trie
        for ch in key:
            node = node.setdefault(ch, {})
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:  # type: ignore[type-arg]
    alts = []
    for ch, sub in sorted(node.items()):
        head = r"\d" if ch == "#" else r"(?!\w)" if ch == "|" else re.escape(ch)
        alts.append(head + (_trie_regex(sub) if sub else ""))
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def _name_word(text: str, pos: int) -> bool:
    """A capitalised word inside a sentence (not at its start): part of a name."""
    return text[pos].isupper() and _SENTENCE_OPEN.search(text, max(0, pos - 8), pos) is None


def _drop_qual(text: str, hit: Hit) -> Hit:
    """The hit without its qualifier (and the words before it) at the start of the span."""
    qual = hit.g["qual"]
    at = text.find(qual, hit.start, hit.end)
    if at < 0:
        return hit
    g = {k: v for k, v in hit.g.items() if k not in ("prep", "art", "qual")}
    return Hit(_skip(text, at + len(qual), hit.end), hit.end, hit.rule, hit.kind, g, hit.data, hit.partner)


def _skip(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


_TAGGERS: dict[str, Tagger] = {}


def tagger(pack: RulePack) -> Tagger:
    """The tagger of a pack, built once per language."""
    if pack.lang not in _TAGGERS:
        _TAGGERS[pack.lang] = Tagger(pack)
    return _TAGGERS[pack.lang]


def extract(doc: Doc) -> tuple[TimeExpr, ...]:
    """Find and normalise the temporal expressions of a document (news mode)."""
    return tag(doc, narrative=False)


def analyse(doc: Doc, narrative: bool = False) -> list[tuple[Hit, Val]]:
    """Every match with its value, in reading order (for ``tag``, benchmarks and debugging)."""
    if not doc.pack.files.get("dates"):
        return []
    tg = tagger(doc.pack)
    resolver = Resolver(doc, tg.pack, tg.tense, tg.stamp, narrative)
    return [(hit, v) for hit in tg.scan(doc.text, narrative, doc) if (v := resolver.resolve(hit)) is not None]


def tag(doc: Doc, narrative: bool = False) -> tuple[TimeExpr, ...]:
    """Tag ``doc``; ``narrative`` anchors relative expressions to the last date mentioned
    instead of the reference date (HeidelTime's narratives mode, for history texts)."""
    return tuple(
        TimeExpr(
            text=doc.text[hit.start : hit.end],
            start=hit.start,
            end=hit.end,
            sentence=doc.sentence_at(hit.start),
            rule=hit.rule,
            value=v.value,
            type=v.type,  # type: ignore[arg-type]
            mod=v.mod,
            unresolved=v.unresolved,
        )
        for hit, v in analyse(doc, narrative)
    )


def tag_text(text: str, lang: str, reference: date | None, narrative: bool = False) -> tuple[TimeExpr, ...]:
    """Tag a plain text: a convenience for tests and benchmarks."""
    return tag(Doc.build(text, load(lang), reference), narrative=narrative)
