"""Person names without a statistical model: gazetteers, titles, particles, role nouns.

German capitalises every noun, so a capital letter says little. A person name here is
(1) a given name from the gazetteer followed by further name words ("Hubertus Heil",
"Silvia S. Martins", "Rafael van der Vaart"), (2) an East Asian surname followed by
romanised syllables ("Yang Uk", "Shin Jong-woo", "Kim Jong Un"), or (3) capitalised
words right after a title or role noun ("Mr. Marcus", "Sicherheitsforscher Yang",
"editor-in-chief Kristinn Hrafnsson"). Later short forms (the surname, also with a
genitive ending) are tied to the person first named in full: a surname alone is never a
separate person when a full name exists."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .doc import Doc
from .lexicon import Lexicon, lexicon, never_phrase_spans
from .name_words import (
    _POSSESSIVE,
    _SUFFIX,
    _after_role,
    _apposition_role,
    _blocked,
    _ea,
    _full_name,
    _initial,
    _namelike,
    _place_given,
    _role_before_comma,
    _role_genitive,
    _role_word_before,
    _s_given,
    _split_at_periods,
    chunk_regex,
    find_word,
    name_word,
    plausible,
)

_TOKEN = re.compile(r"\S+")


@dataclass(slots=True)
class Mention:
    """One place where a person is named: in full, by surname, or with a title."""

    start: int
    end: int
    text: str
    person: int
    full: bool
    possessive: bool = False


@dataclass(slots=True)
class Person:
    """A named person: the name as first given in full, its short form and mentions."""

    name: str
    surname: str
    gender: str | None
    full: bool
    key: str
    title: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    tokens: list[str]
    surname: str
    gender: str | None
    full: bool
    title: str | None
    possessive: bool
    key: str


@lru_cache(maxsize=8192)
def fold(s: str) -> str:
    """Case-, accent- and hyphen-insensitive form of a name, for identity tests."""
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", s.casefold()).strip()


class People:
    """The persons of a document with every mention, searchable by position."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.persons: list[Person] = []
        self.preps = doc.pack.words("exp_prep")
        self.mentions: list[Mention] = []
        self._starts: list[int] = []
        self._surnames: dict[str, list[int]] = {}
        self._norm: str | None = None  # the text with one apostrophe, and its word index (_word_at)
        self._word_index: dict[str, list[int]] | None = None
        self._finds = 0
        self._indexed: set[str] = set()

    # -- lookup -------------------------------------------------------------------
    def within(self, start: int, end: int) -> list[Mention]:
        """Mentions lying inside [start, end)."""
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def resolve_pronoun(self, pos: int, gender: str) -> Mention | None:
        """The person a pronoun at ``pos`` most likely stands for (salience-scored).

        Candidates are persons named in the last five sentences with a matching gender;
        a recent plain (not possessive) mention counts most, then how often the person
        was named so far, minus the distance in sentences.
        """
        here = self.doc.sentence_index(pos)
        floor = self.doc.starts[max(0, here - 5)] if self.doc.starts else 0
        i = bisect.bisect_left(self._starts, pos) - 1
        best: tuple[float, int, int] | None = None
        best_mention: Mention | None = None
        seen: set[int] = set()
        while i >= 0 and self.mentions[i].start >= floor:
            m = self.mentions[i]
            i -= 1
            if m.person in seen or m.end > pos:
                continue
            p = self.persons[m.person]
            if p.gender and gender != "?" and p.gender not in (gender, "?"):
                continue
            seen.add(m.person)
            dist = here - self.doc.sentence_index(m.start)
            recent_plain = any(
                not x.possessive and not self._in_pp(x) and here - self.doc.sentence_index(x.start) <= 2
                for x in p.mentions
                if x.start < pos
            )
            count = min(4, sum(1 for x in p.mentions if x.start < pos))
            score = (3.0 if recent_plain else 0.0) + count - dist
            key = (score, count, -p.mentions[0].start)
            if best is None or key > best:
                best, best_mention = key, m
        return best_mention

    def _in_pp(self, m: Mention) -> bool:
        """Whether a mention stands in a prepositional phrase ("with President Trump")."""
        before = self.doc.text[max(0, m.start - 60) : m.start].split()
        while before and (self.lex.role_kind(before[-1].rstrip(".")) or self.lex.is_title(before[-1])):
            before.pop()
        return bool(before) and before[-1] in self.preps

    def add(self, start: int, end: int, title: str | None = None) -> Mention | None:
        """Add a name found by context (a speaker slot: "said Kristinn Hrafnsson")."""
        toks = [(t.start() + start, t.end() + start, t.group()) for t in _TOKEN.finditer(self.doc.text[start:end])]
        if not toks or any(t[2] in self.lex.never for t in toks) or not plausible(self.lex, [t[2] for t in toks]):
            return None
        self._merge([_cand(self.lex, toks, None, title, False)])
        self._index_aliases()
        i = bisect.bisect_left(self._starts, start)
        return self.mentions[i] if i < len(self.mentions) and self.mentions[i].start == start else None

    # -- building -----------------------------------------------------------------
    def _merge(self, cands: list[_Cand]) -> None:
        keys = {p.key: n for n, p in enumerate(self.persons) if p.full}
        for c in sorted(cands, key=lambda c: (not c.full, c.start)):
            if self._overlaps(c.start, c.end):
                continue
            name = " ".join(c.tokens)
            n = None
            if c.full:
                n = keys.get(c.key)
            else:
                n = self._by_surname(c.surname)
            if n is None:
                n = len(self.persons)
                self.persons.append(Person(name, c.surname, c.gender, c.full, c.key, c.title))
                self._surnames.setdefault(fold(c.surname), []).append(n)
                if c.full:
                    keys[c.key] = n
                    self._adopt(n)
            m = Mention(c.start, c.end, self.doc.text[c.start : c.end], n, c.full, c.possessive)
            self._insert(m)

    def _adopt(self, n: int) -> None:
        """A full name found after its surname stood alone ("Mr. Ban" before a speaker slot
        gave "Ban Ki-moon"): the lone surname's mentions become the full name's, if it is the
        only full name with that surname (two Coles stay two persons)."""
        key = fold(self.persons[n].surname)
        same = self._surnames.get(key, [])
        if sum(1 for q in same if self.persons[q].full) != 1:
            return
        self._surnames[key] = [q for q in same if q == n or self.persons[q].full]
        for q in same:
            lone = self.persons[q]
            if q == n or lone.full or not lone.mentions:
                continue
            for m in lone.mentions:
                m.person = n
                bisect.insort(self.persons[n].mentions, m, key=lambda x: x.start)
            lone.mentions = []

    def _overlaps(self, start: int, end: int) -> bool:
        # mentions never overlap one another: only the last one starting before ``end`` can
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self.mentions[i].end > start

    def _by_surname(self, surname: str) -> int | None:
        found = self._surnames.get(fold(surname))
        if not found:
            return None
        # the person named first is the one a bare surname means ("Meadows" is Mark)
        return min(found, key=lambda n: self.persons[n].mentions[0].start if self.persons[n].mentions else 0)

    def _insert(self, m: Mention) -> None:
        i = bisect.bisect_left(self._starts, m.start)
        self._starts.insert(i, m.start)
        self.mentions.insert(i, m)
        bisect.insort(self.persons[m.person].mentions, m, key=lambda x: x.start)

    def _index_aliases(self) -> None:
        """Find every later short form (surname, genitive) of the persons known so far.

        Each surname is looked up the first time it is seen, so adding persons one by one
        never searches the text for it again."""
        gens = ("s", "'s", "’s", "'", "’") if self.lex.genitive_s else ("'s", "’s", "'", "’")
        for p in self.persons:
            sur = p.surname
            if len(sur) <= 1 or sur in self._indexed:
                continue
            self._indexed.add(sur)
            for form, gen in [(sur, "")] + [(sur + g, g) for g in gens]:
                for s in self._word_at(form.replace("’", "'")):
                    e = s + len(form)
                    if self._overlaps(s, e):
                        continue
                    n = self._by_surname(sur)
                    if n is not None:
                        self._insert(Mention(s, s + len(sur), self.doc.text[s : s + len(sur)], n, False, bool(gen)))

    def _word_at(self, word: str) -> list[int]:
        """Where ``word`` stands as a whole word of the text (one apostrophe for all:
        "O'Neill" is the "O’Neill" named before), in text order."""
        if self._norm is None:
            self._norm = self.doc.text.replace("’", "'")
        if self._word_index is None and self._finds < _FINDS_BEFORE_INDEX:
            # a page names a few dozen surname forms: a C scan of the text for each is cheaper
            # than splitting it into words; past that many, the index keeps the search linear
            self._finds += 1
            found = find_word(self._norm, word)
            if found is not None:
                return found
        if self._word_index is None:
            self._word_index = {}
            for w in _INDEX_WORD.finditer(self._norm):
                self._word_index.setdefault(w.group(), []).append(w.start())
        return self._word_index.get(word, [])


# a word: a letter or digit not after a letter, digit or hyphen, then letters, digits,
# apostrophes and hyphens (the text's ’ read as ')
_INDEX_WORD = re.compile(r"(?<![\w-])\w[\w'-]*")
_FINDS_BEFORE_INDEX = 128


def find_people(doc: Doc) -> People:
    """All persons named in ``doc`` with their mentions."""
    lex = lexicon(doc.pack)
    people = People(doc, lex)
    chunk = doc.pack.memo("names:chunk", lambda: chunk_regex(lex))
    blocked = never_phrase_spans(lex, doc.text)
    common = tuple(w.casefold() for w in doc.pack.words("aff_common_noun_suffix"))
    cands: list[_Cand] = []
    text = doc.text
    for m in chunk.finditer(text):
        g = m.group()
        if " " not in g and "\u00a0" not in g:
            # most chunks are one capitalised word (every German noun): it is a name only
            # right after a role noun ("Sicherheitsforscher Yang"), so test that first
            if g not in lex.never and _after_role(text, lex, m.start()) and not doc.is_claimed(m.start(), m.end()):
                cands.extend(_single(lex, m.start(), g, blocked))
            continue
        if doc.is_claimed(m.start(), m.end()) and len(g.split()) < 2:
            continue
        toks = [(t.start() + m.start(), t.end() + m.start(), t.group()) for t in _TOKEN.finditer(m.group())]
        for part in _split_at_periods(toks, lex):
            found = _parse(doc, lex, part, blocked)
            core = part[:-1] if len(part) > 2 and _SUFFIX.fullmatch(part[-1][2]) else part  # "Vann R. Newkirk II"
            if not found and 2 <= len(core) <= 4 and _apposition_role(doc, lex, part[-1][1]):
                # "Chi Onwurah, the Labour MP for Newcastle Central, said": an unknown name before its role
                words = [t[2] for t in core]
                if all((_namelike(lex, w) or (0 < n < len(words) - 1 and _initial(w))) and not w.endswith(("'", "’")) for n, w in enumerate(words)):
                    found = [_cand(lex, core, None, None, False)]
                    found[0].end = part[-1][1]  # the mention keeps its "II": what follows it is the apposition
            if not found and 2 <= len(part) <= 3 and _role_before_comma(doc, lex, part[0][0], part[-1][1]):
                # "Der Sprecher des Programms, Tomson Phiri, teilte mit": an unknown name after its role
                words = [t[2] for t in part]
                if all(name_word(lex, w) and not w.casefold().endswith(common) for w in words):
                    found = [_cand(lex, part, None, None, False)]
            cands.extend(found)
    people._merge(cands)
    people._index_aliases()
    return people


def _single(lex: Lexicon, s: int, w: str, blocked: list[tuple[int, int]]) -> list[_Cand]:
    """A one-word chunk after a role noun: the name it introduces, if it is one."""
    if w.endswith(".") and not (lex.is_title(w) or (len(w) == 2 and w[0].isupper())):
        w = w[:-1]
    if _blocked(blocked, s) or lex.is_title(w) or w in lex.never or w in lex.particles:
        return []
    if lex.is_org_word(w) or not _namelike(lex, w) or (lex.genitive_s and w.endswith("s")):
        return []
    return [_cand(lex, [(s, s + len(w), w)], None, None, False)]


def _parse(doc: Doc, lex: Lexicon, toks: list[tuple[int, int, str]], blocked: list[tuple[int, int]]) -> list[_Cand]:
    out: list[_Cand] = []
    n = len(toks)
    i = 0
    title: str | None = None
    prev_role: bool | None = None  # whether a role noun stands right before the chunk; read when needed
    while i < n:
        s, w = toks[i][0], toks[i][2]
        if _blocked(blocked, s):
            title, prev_role, i = None, False, i + 1
            continue
        if lex.is_title(w):
            title, i = w, i + 1
            continue
        if w in lex.never and (title or prev_role or prev_role is None and _role_word_before(doc.text, lex, toks[0][0])) \
                and (j := _place_given(lex, toks, i)) > i:  # "Minister Israel Katz"
            out.append(_cand(lex, toks[i:j], None, title, False))
            title, prev_role, i = None, False, j
            continue
        if w in lex.never or w in lex.particles or lex.is_org_word(w):
            title, prev_role, i = None, False, i + 1
            continue
        # an organisation named like a person ("Bäckerei Johann Mayer", "Johann Mayer GmbH"), not a role's ("Direktor der Behörde X")
        org_before = i > 0 and bool(lex.aff_type_re.search(toks[i - 1][2].casefold())) and not _role_genitive(doc, lex, toks[i - 1][0])
        j, gender, genitive = _full_name(lex, toks, i)
        if j > i + 1 and not org_before and not (j < n and lex.is_org_word(toks[j][2])):
            out.append(_cand(lex, toks[i:j], gender, title, genitive))
            if j < n and _SUFFIX.fullmatch(toks[j][2]):
                out[-1].end, j = toks[j][1], j + 1  # "Dorian T. Maxwell III, a lawyer": the mention keeps its "III"
            title, prev_role, i = None, False, j
            continue
        if prev_role is None:
            prev_role = _role_word_before(doc.text, lex, toks[0][0])
        # "Sicherheitsforscher Yang", but not the genitive "Alleinherrscher Nordkoreas"
        # "Rep. G. K. Butterfield": initials open the name only after a title or role
        k = i
        while k + 1 < n and k < i + 3 and _initial(toks[k][2]):
            k += 1
        # two initials are a name's own mark ("said J. M. Berger", "J.M. Berger, a researcher")
        # ... or one initial before a full name: "R. Gil Kerlikowske", "H. Ross Perot"
        opens = title or prev_role or sum(t[2].count(".") for t in toks[i:k]) >= 2 or (k > i and _full_name(lex, toks, k)[0] > k + 1)
        if k > i and opens and _namelike(lex, toks[k][2]):
            j, gender, genitive = _full_name(lex, toks, k)  # "founder J. Joe Ricketts"
            j = max(j, k + 1)
            out.append(_cand(lex, toks[i:j], gender, title, genitive))
            title, prev_role, i = None, False, j
            continue
        if (title or prev_role) and _namelike(lex, w) and (title or not (lex.genitive_s and w.endswith("s")) or _s_given(lex, toks, i)):
            j = i + 1
            while j < n and j < i + 3 and _namelike(lex, toks[j][2]):
                j += 1
            out.append(_cand(lex, toks[i:j], None, title, False))
            title, prev_role, i = None, False, j
            continue
        prev_role = bool(lex.role_kind(w)) and not w.isupper()
        title, i = None, i + 1
    return out


def _cand(lex: Lexicon, toks: list[tuple[int, int, str]], gender: str | None, title: str | None, genitive: bool) -> _Cand:
    words = [t[2] for t in toks]
    start, end = toks[0][0], toks[-1][1]
    last = words[-1]
    possessive = bool(_POSSESSIVE.search(last))
    if possessive:
        stripped = _POSSESSIVE.sub("", last)
        end -= len(last) - len(stripped)
        words[-1] = stripped
    elif genitive and last.endswith("s"):
        words[-1], end, possessive = last[:-1], end - 1, True
    ea = words[0] in lex.ea_surnames and len(words) > 1 and all(_ea(lex, w) for w in words[1:])
    surname = words[0] if ea else words[-1]
    core = [w for w in words if not _initial(w)] or words
    key = fold(" ".join(core)) if ea else fold(core[0] + " " + surname)
    return _Cand(start, end, words, surname, gender, len(words) > 1, title, possessive, key)
