"""Sources cited: media, agencies, reports and institutions named as origins of information.

Candidates come from the rules in ``sources.toml`` (the medium a statement was given to:
"sagte Yang der «Korea Times»", "told Newsweek"; a medium named with its kind: "Portal
«NK News»"; attribution phrases: "laut", "zufolge", "according to", "citing"; agency
credits: "(FR mit dpa)") and from the organisations that speak in the citation cues
("CNN berichtete", "NASA noted"). A candidate is kept when it names something: a known
medium, a quoted title, an acronym, an organisation word, a document with a name
("TexAuto Facts report") -- never a person, never a credit line. Spellings of one source
are merged ("Korea Times" / "Korean Times", "California ISO" / "California Independent
System Operator") and counted.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from ..model import Mention, Source
from .cue_scan import source_matches
from .cues import citations
from .doc import Doc
from .lexicon import Lexicon, lexicon
from .names import fold

_QUOTES = "«»„“”\"‚‘’'‹›"
_TOKEN = re.compile(r"[^\s]+")
_SPLIT = re.compile(r"\s+(from|by|via|of\s+the|at|in|on|that|who|which|with|for\s+the|vom|von|des|der)\s+")
# what follows these is a place or a time, not a second source: "a group ... in California"
_PLACE = {"at", "in", "on"}


def extract(doc: Doc) -> tuple[Source, ...]:
    """Every source cited in ``doc``, once, with its count and mentions."""
    lex = lexicon(doc.pack)
    people, cues = citations(doc)
    judge = _Judge(doc, lex, people)
    found: list[tuple[int, int, str, str]] = []
    # a speech verb whose speaker is a person names no source: ", said Department of
    # Correction spokesman Jason Kersten", "” said White House Press Secretary X"
    personal = sorted(c.start for c in cues if c.speaker is not None and c.speaker.kind in ("person", "role"))
    for rule, m in source_matches(doc):
        if rule.get("subject", False) and bisect.bisect_left(personal, m.start()) < bisect.bisect_left(personal, m.start("src")):
            doc.note("sources", m.start("src"), m.end("src"), "sources.person-speaks", False)
            continue
        cands = judge.candidates(m.start("src"), m.end("src"), typed=rule.get("typed", False))
        if not cands:
            doc.note("sources", m.start("src"), m.end("src"), "sources.names-nothing", False)
        for cand in cands:
            found.append((*cand, rule.id))
    for cue in cues:
        spk = cue.speaker
        if spk is not None and spk.kind == "org":
            for cand in judge.candidates(spk.start, spk.end, typed=False):
                found.append((*cand, cue.rule))
    kept: list[tuple[int, int, str, str]] = []
    reach = -1  # kept spans are taken in text order: only the furthest end can overlap the next
    for c in sorted(found, key=lambda c: (c[0], -(c[1] - c[0]))):
        if c[0] >= reach:
            kept.append(c)
            reach = c[1]
            doc.note("sources", c[0], c[1], "sources.named", True)
        else:
            doc.note("sources", c[0], c[1], "sources.overlap", False)
    return tuple(_merge(doc, kept))


class _Judge:
    """Decides which candidate spans name a source, and trims them."""

    def __init__(self, doc: Doc, lex: Lexicon, people: object) -> None:
        self.doc, self.lex, self.people = doc, lex, people
        self.known = doc.pack.words("src_known")
        self.report = doc.pack.words("src_report")
        self.credit = doc.pack.words("src_credit")
        self.medium = doc.pack.words("src_medium_type")
        self.proper_by_case = bool(doc.pack.section("experts").get("flags", {}).get("proper_by_case", False))

    def candidates(self, s: int, e: int, typed: bool) -> list[tuple[int, int, str]]:
        """The source names inside [s, e): split at "from"/"by", trimmed, judged."""
        text = self.doc.text
        if self._credit_line(s):
            return []
        cut = re.search(r"\.\s|\n", text[s:e])
        if cut and cut.start() > 0:
            e = s + cut.start()  # a name never runs over a sentence end
        out = []
        pos = s
        pieces = _SPLIT.split(text[s:e]) if not text[s] in _QUOTES else [text[s:e]]
        for n, part in enumerate(pieces):
            if n % 2 == 1 or (n > 0 and pieces[n - 1] in _PLACE):
                continue  # a separator, or what stands after "in"/"at"/"on"
            ps = text.find(part, pos, e)
            if ps < 0:
                continue
            pos = ps + len(part)
            span = self._trim(ps, ps + len(part))
            if span and span[2]:
                typed = True  # "Branchenverbands Bitkom": a type noun names what follows
            if span and self._names_source(span[0], span[1], typed=typed):
                out.append((span[0], span[1], text[span[0] : span[1]]))
            typed = False
        return out

    def _credit_line(self, pos: int) -> bool:
        line = self.doc.text[self.doc.text.rfind("\n", 0, pos) + 1 : pos]
        first = line.split(":", 1)[0].strip().split(" ")[0] if ":" in line else ""
        return "©" in line or first in self.credit

    def _trim(self, s: int, e: int) -> tuple[int, int, bool] | None:
        """The span without articles, type nouns and trailing words; and whether a type
        noun stood before it."""
        text = self.doc.text
        while s < e and (text[s] in _QUOTES or text[s].isspace()):
            s += 1
        while e > s and (text[e - 1] in _QUOTES + ".,;:!?)" or text[e - 1].isspace()):
            e -= 1
        if text[s:e].casefold() in self.known:
            return s, e, False
        words = list(_TOKEN.finditer(text[s:e]))
        typed = False
        # leading articles and type nouns: "der Wirtschaftswoche", "Branchenverbands Bitkom"
        while words and (
            words[0].group() in self.lex.articles
            or (len(words) > 1 and (self.lex.aff_type_re.search(words[0].group().casefold()) or words[0].group() in self.medium))
            or (len(words) > 1 and words[0].group().casefold() in self.lex.not_org and words[0].group()[:1].islower())
        ):
            typed = typed or words[0].group() not in self.lex.articles
            words = words[1:]
        # a possessive owner before a document: "the grid operator's 2019 resource assessment"
        for i, w in enumerate(words[:-1]):
            if re.search(r"(?:'s|’s)$", w.group()) and words[-1].group().casefold() in self.report:
                words = words[i + 1 :]
                break
        # trailing lower-case words that are not the document noun
        while words and words[-1].group()[:1].islower() and words[-1].group().casefold() not in self.report:
            words = words[:-1]
        if not words:
            return None
        return s + words[0].start(), s + words[-1].end(), typed

    def _names_source(self, s: int, e: int, typed: bool) -> bool:
        text = self.doc.text[s:e]
        words = text.split()
        if not words or len(words) > 7 or any(m.start <= s and e <= m.end or s <= m.start < e for m in self.people.within(max(0, s - 60), e + 60)):  # type: ignore[attr-defined]
            return False
        if self.lex.is_title(words[0]) or self.lex.is_title(words[0] + "."):
            return False
        if s > 0 and self.doc.text[s - 1] == ".":
            return False  # glued to a period: a ticker symbol (".IXIC"), not a name
        if len(words) == 1 and (words[0].casefold() in self.lex.not_org or self.lex.aff_type_re.fullmatch(words[0].casefold())):
            return False  # a nationality or a bare type noun: "Syrian", "dem Konzern"
        quoted = s > 0 and self.doc.text[s - 1] in _QUOTES
        if text.casefold() in self.known or (quoted and len(words) <= 6):
            return True
        if all(w in self.lex.never for w in words):
            return False
        if not (words[0][:1].isupper() or words[0][:1].isdigit()):
            return False
        lex = self.lex
        if any(lex.is_org_word(w.rstrip(".,")) or (len(w) > 1 and w.isupper()) or re.search(r"[a-z][A-Z]|\w\.(?:com|org|net|de)\b", w) for w in words):
            return True
        if words[-1].casefold() in self.report and len(words) > 1:
            return True
        if typed:
            return True
        # English capitalises names only: "Euro News", "Global Fire Emissions Database"
        return self.proper_by_case and all(w[:1].isupper() or w in {"of", "for", "and", "on", "the", "&"} for w in words)


def _key(name: str) -> str:
    return fold(re.sub(r"\.(?:com|org|net|de)\b", "", name))


def _same(a: str, b: str) -> bool:
    """Whether two folded names are spellings of one source."""
    a, b = re.sub(r"\.(?:com|org|net|de)\b", "", a), re.sub(r"\.(?:com|org|net|de)\b", "", b)
    ta, tb = a.split(), b.split()
    if ta == tb:
        return True
    if len(ta) == len(tb) and all(x.startswith(y) or y.startswith(x) for x, y in zip(ta, tb)) and min(map(len, ta + tb)) >= 2:
        return all(min(len(x), len(y)) >= 4 or x == y for x, y in zip(ta, tb))
    # "california iso" and "california independent system operator"
    for short, long in ((ta, tb), (tb, ta)):
        if len(short) >= 1 and len(long) > len(short) and short[:-1] == long[: len(short) - 1]:
            rest = long[len(short) - 1 :]
            if short[-1] == "".join(w[0] for w in rest) and len(rest) > 1:
                return True
    return False


def _merge(doc: Doc, kept: list[tuple[int, int, str, str]]) -> list[Source]:
    # a spelling joins the group of an equal key at once; otherwise it is compared with the
    # distinct keys that begin with its letter only (every spelling variant and acronym
    # shares the first letter), never with every earlier candidate
    groups: list[list[tuple[int, int, str, str]]] = []
    by_key: dict[str, int] = {}
    by_letter: dict[str, list[str]] = {}
    for c in sorted(kept):
        key = _key(c[2])
        n = by_key.get(key)
        if n is None:
            peers = by_letter.setdefault(key[:1], [])
            n = next((by_key[k] for k in peers if _same(key, k)), None)
            if n is None:
                n = len(groups)
                groups.append([])
            by_key[key] = n
            peers.append(key)
        groups[n].append(c)
    out = []
    for g in groups:
        names = Counter(x[2] for x in g)
        best = max(names.items(), key=lambda kv: (kv[1], -min(x[0] for x in g if x[2] == kv[0])))[0]
        s, e, text, rule = g[0]
        out.append(
            Source(
                text=text,
                start=s,
                end=e,
                sentence=doc.sentence_at(s),
                rule=rule,
                name=best,
                count=len(g),
                mentions=tuple(Mention(text=x[2], start=x[0], end=x[1]) for x in g),
            )
        )
    return out
