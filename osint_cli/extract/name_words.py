"""Word tests for person names: given names (hand-kept list, then the name dictionary),
surnames, East Asian name syllables, and where a full name ends in a run of tokens."""

from __future__ import annotations

import bisect
import re

from ..rules import cached_regex
from . import given as _dictionary
from . import places
from .doc import Doc
from .lexicon import UPPER, Lexicon

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")

__all__ = ["given_name", "name_word", "plausible"]


def _full_name(lex: Lexicon, toks: list[tuple[int, int, str]], i: int) -> tuple[int, str | None, bool]:
    """End index of a full name starting at ``i`` (== i if none), its gender, genitive."""
    w = _POSSESSIVE.sub("", toks[i][2])
    n = len(toks)
    if w in lex.ea_surnames and i + 1 < n and _ea(lex, toks[i + 1][2]):
        j = i + 1
        while j < n and j < i + 4 and _ea(lex, toks[j][2]) and len(toks[j][2]) <= 9:
            j += 1
            if not lex.ea_given.fullmatch(toks[j - 1][2]):
                return j, None, True  # "Kim Jong Uns Rückkehr"
        return j, None, False
    gender = given_name(lex, w)
    if not gender:
        return i, None, False
    j = i + 1
    last = i
    while j < n and j < i + 5:
        t = toks[j][2]
        if t in lex.particles:
            if (last > i and not lex.given(toks[last][2])) or (last == i and not lex.given(toks[i][2])):
                # after a surname a particle starts a place or an organisation: "Stefan Bröckling von der
                # Tiernothilfe"; and only a well-known given name takes one ("Tasha zu Dank" is no name)
                break
            j += 1
            continue
        initial = len(t) == 2 and t.endswith(".") and t[0].isupper()
        if not (initial or _surname_ok(lex, t)):
            break
        if j > i + 1 and lex.role_kind(t) and j + 2 < n and given_name(lex, toks[j + 1][2]) and _surname_ok(lex, toks[j + 2][2]):
            return i, None, False  # a role opens the next name: "Clinton Senior Adviser Sidney Blumenthal"
        j += 1
        if not initial:
            last = j - 1
        if _POSSESSIVE.search(t):
            break
        if lex.genitive_s and t.endswith("s") and j < n and toks[j][2] not in lex.particles and not given_name(lex, toks[j][2]):
            return j, gender, True  # "Rafael van der Vaarts Abschiedsgala": the genitive ends the name
    if last == i and j == i + 2 and toks[i + 1][2].endswith("."):
        return j, gender, False  # "Klaus K.": a name shortened to its initial, as the press anonymises
    return (last + 1 if last > i else i), gender, False


def given_name(lex: Lexicon, w: str) -> str | None:
    """'m', 'f' or '?' if ``w`` is a given name: the hand-kept list first, then the
    name dictionary (never for a word the pack lists as no name, an organisation or a role)."""
    found = lex.given(w)
    if found or not w[:1].isupper() or w in lex.never or lex.is_org_word(w) or lex.role_kind(w):
        return found
    if places.is_place(w):
        return None  # "Indiana Statehouse", "Georgia Tech": a place before a noun
    low = w.casefold()
    if low in lex.clause or low in lex.skip or w in lex.preps or w in lex.articles or low in lex.preps:
        return None  # a capitalised function word at a sentence start ("Seit Jahren") is no name
    parts = w.split("-")
    if len(parts) > 1 and parts[1][:1].islower():
        return None  # Korean "Jong-woo": read by the East Asian rule
    genders = {lex.given(x) or _dictionary.gender(x) for x in parts}
    if None in genders:
        return None
    return genders.pop() if len(genders) == 1 else "?"


def _ea(lex: Lexicon, w: str) -> bool:
    return bool(lex.ea_given.fullmatch(w) or (lex.genitive_s and w.endswith("s") and lex.ea_given.fullmatch(w[:-1])))


# a word of a name: initials written together ("G.K."), or a capitalised word, maybe after a
# particle joined to it by a hyphen (JOINED: "al-Sharaa")
_NAME_WORD = rf"(?:(?:[{UPPER}]\.){{2,3}}(?![\w])|(?:(?:JOINED)-)?[{UPPER}][\w]*(?:[-‐'’][\w]+)*\.?)"


def chunk_regex(lex: Lexicon) -> re.Pattern[str]:
    """Runs of name words, with lower-case particles between them ("Rafael van der Vaart")."""
    def alt(words: frozenset[str]) -> str:
        return "|".join(re.escape(p) for p in sorted(words, key=lambda w: (-len(w), w))) or "(?!)"

    word = _NAME_WORD.replace("JOINED", alt(lex.joined_particles))
    return cached_regex(rf"(?<![\w-]){word}(?:[ \u00a0]+(?:(?:{alt(lex.particles)})[ \u00a0]+)*{word})*")


def _blocked(blocked: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies in one of the (sorted, disjoint) never-name phrases."""
    i = bisect.bisect_right(blocked, (pos, 1 << 62)) - 1
    return i >= 0 and blocked[i][0] <= pos < blocked[i][1]


_BEFORE_WORD = re.compile(r"([\w.-]+)\s+$")


def _role_word_before(text: str, lex: Lexicon, pos: int) -> bool:
    """Whether the word before ``pos`` (within 40 characters) is a role noun."""
    before = _BEFORE_WORD.search(text, max(0, pos - 40), pos)
    return bool(before and lex.role_kind(before.group(1)))


def _s_given(lex: Lexicon, toks: list[tuple[int, int, str]], i: int) -> bool:
    """Whether a word in -s after a role opens a two-word name rather than being a genitive
    ("WHO-Chef Tedros Adhanom"; not "Machthaber Nordkoreas Kim Jong Un": a place's genitive)."""
    w = toks[i][2]
    return i + 1 < len(toks) and _namelike(lex, toks[i + 1][2]) and not (places.is_place(w) or places.is_place(w[:-1]))


def _place_given(lex: Lexicon, toks: list[tuple[int, int, str]], i: int) -> int:
    """End of a name opened by a place the pack lists as no name but the name dictionary
    knows as a given name, right after a role or title ("Minister Israel Katz", "Sen.
    Georgia Lane"); ``i`` if there is none."""
    w = toks[i][2]
    if w not in lex.never or not _dictionary.gender(w) or not places.is_place(w) or i + 1 >= len(toks):
        return i
    nxt = toks[i + 1][2]
    ok = _namelike(lex, nxt) and not places.is_place(nxt) and not lex.is_org_word(nxt) and nxt not in lex.never
    return i + 2 if ok else i


def _joined_particle(lex: Lexicon, w: str) -> str:
    """A surname without the particle joined to it by a hyphen ("al-Sharaa", "el-Sisi")."""
    pre, _, rest = w.partition("-")
    return rest if rest and pre in lex.joined_particles else w


def _surname_ok(lex: Lexicon, w: str) -> bool:
    # right after a given name a role noun is a surname ("Hans Richter"), so roles pass
    base = _joined_particle(lex, _POSSESSIVE.sub("", w).rstrip("."))
    return (
        len(base) > 1
        and base[0].isupper()
        and not base.isupper()
        and base not in lex.never
        and not lex.is_org_word(base)
        and not lex.is_title(w)
    )


def _namelike(lex: Lexicon, w: str) -> bool:
    return _surname_ok(lex, w) and not lex.role_kind(_POSSESSIVE.sub("", w))


def name_word(lex: Lexicon, w: str) -> bool:
    """Whether ``w`` may be one word of a person's name read from its shape alone (a name
    in a speaker slot: "said Kristinn Hrafnsson"): title case, and no word the pack lists as
    no name, no organisation word, role noun, particle or capitalised function word.
    The shared test for every reader of unknown names (names.py, and cue_names.py's guesses)."""
    base = _joined_particle(lex, _POSSESSIVE.sub("", w))
    if not (len(base) > 1 and base[0].isupper() and any(c.islower() for c in base[1:])):
        return False
    if not base.replace("-", "").replace("’", "").replace("'", "").isalpha():
        return False
    low = base.casefold()
    if base in lex.never or lex.is_org_word(base) or lex.role_kind(base) or base in lex.particles:
        return False
    return not (low in lex.clause or low in lex.skip or low in lex.preps or base in lex.preps or low in lex.articles)


def plausible(lex: Lexicon, words: list[str]) -> bool:
    """Whether capitalised words may name a person at all: not a place as a whole ("Marshall
    Islands", "Costa Rica"), not opened by a function word ("Unlike Patriot")."""
    if not words or places.is_place(" ".join(words)):
        return False
    low = words[0].casefold()
    return not (words[0] in lex.never or low in lex.clause or low in lex.preps or words[0] in lex.preps)


_PREV_WORD = re.compile(r"[\w.-]+")


def _after_role(text: str, lex: Lexicon, start: int) -> bool:
    """Whether the word before ``start`` (across white space) is a role noun."""
    k = start - 1
    if k < 0 or not text[k].isspace():
        return False
    while k >= 0 and text[k].isspace():
        k -= 1
    if k < 0:
        return False
    b = max(text.rfind(" ", 0, k), text.rfind("\n", 0, k)) + 1
    word = text[b : k + 1]
    return len(word) <= 40 and bool(_PREV_WORD.fullmatch(word)) and bool(lex.role_kind(word))


_AGE_APPOSITION = re.compile(r", [1-9]\d?,")


def _apposition_role(doc: Doc, lex: Lexicon, end: int) -> bool:
    """Whether ", (article) ... ROLE" or an age in commas follows ``end``."""
    rest = doc.text[end : end + 80]
    if not rest.startswith(", "):
        return False
    if _AGE_APPOSITION.match(rest):
        return True  # an age in commas: "Woodrow Benford, 58, says"
    words = rest[2:].split()[:6]
    if words and words[0] in lex.articles:
        words = words[1:]
    for w in words[:5]:
        bare = w.strip(",.;:")
        if lex.role_kind(bare):
            return True
        if w.endswith((",", ";", ".")):
            break
    return False


_PAREN = re.compile(r"\([^()]{0,40}\)")
_SEGMENT_STOP = ",;:„“”\"«»"


def _role_before_comma(doc: Doc, lex: Lexicon, start: int, end: int) -> bool:
    """Whether a role phrase and its comma stand right before ``start`` and the words up to
    ``end`` close the apposition ("Der Sprecher des Welternährungsprogramms, Tomson Phiri,
    teilte mit", "so die Chefjuristin der Regierung, Anabella Morfin."): there two unknown
    capitalised words name the role's holder."""
    text = doc.text
    k = start - 1
    while k >= 0 and text[k] == " ":
        k -= 1
    if k < 0 or text[k] != ",":
        return False
    follow = text[end : end + 2].lstrip(" ")[:1]
    if follow and follow not in ",.;(" and not follow.islower():
        return False  # the name must end the apposition: a comma, the sentence or the verb
    lo = max(doc.sentence_span(k)[0], k - 120)
    seg = text[lo:k]
    words = _PAREN.sub(" ", seg[max(seg.rfind(c) for c in _SEGMENT_STOP) + 1 :]).split()  # "der IAEO (IAEO)"
    # the role opens its segment: after an article, a conjunction ("so der", "wie der") or
    # adjectives ("Der libanesische Informationsminister"), never deep inside a clause
    return 1 <= len(words) <= 9 and any(lex.role_kind(w) and not w.isupper() for w in words[:4])


_WORD_BEFORE = re.compile(r"(\S+)\s+$")


def _role_genitive(doc: Doc, lex: Lexicon, pos: int) -> bool:
    """Whether a role noun and a genitive article, with at most three lower-case adjectives
    between them and ``pos``, stand right before ``pos`` ("Direktor der peruanischen |")."""
    genitive = doc.pack.words("exp_genitive_article")
    if not genitive:
        return False
    end = pos
    for _ in range(5):
        m = _WORD_BEFORE.search(doc.text, max(0, end - 40), end)
        if m is None:
            return False
        word, end = m.group(1), m.start()
        if word.casefold() in genitive and word.islower():
            m = _WORD_BEFORE.search(doc.text, max(0, end - 40), end)
            return m is not None and bool(lex.role_kind(m.group(1))) and not m.group(1).isupper()
        if not word.isalpha() or not word.islower():
            return False
    return False


def _split_at_periods(toks: list[tuple[int, int, str]], lex: Lexicon) -> list[list[tuple[int, int, str]]]:
    # a chunk runs over a sentence end when the sentence ends with a capitalised word
    out: list[list[tuple[int, int, str]]] = [[]]
    for s, e, t in toks:
        if t.endswith(".") and not (lex.is_title(t) or _initial(t)):
            out[-1].append((s, e - 1, t[:-1]))
            out.append([])
        else:
            out[-1].append((s, e, t))
    return [p for p in out if p]


def _initial(w: str) -> bool:
    """An initial standing for a given name: "G.", "K.", "G.K."."""
    return bool(_INITIALS.fullmatch(w))


_INITIALS = re.compile(r"(?:[A-ZÄÖÜ]\.){1,3}")
# a generation after a name: "Jr.", "II"
_SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV)\.?")


def find_word(text: str, word: str) -> list[int] | None:
    """The starts of ``word`` as one of the text's words (names._INDEX_WORD: a letter or
    digit not after a letter, digit or hyphen, then letters, digits, apostrophes, hyphens),
    or None where a hit follows an apostrophe: there it may be the tail of another word
    ("O'Neill"), which only the word index tells."""
    if not _WHOLE_WORD.fullmatch(word):
        return []
    found = []
    s = text.find(word)
    while s != -1:
        e = s + len(word)
        if e == len(text) or not _WORD_GOES_ON.match(text, e):
            if s and text[s - 1] == "'":
                return None
            if not s or not _WORD_OR_HYPHEN.match(text, s - 1):
                found.append(s)
        s = text.find(word, s + 1)
    return found


_WHOLE_WORD = re.compile(r"\w[\w'-]*")
_WORD_GOES_ON = re.compile(r"[\w'-]")
_WORD_OR_HYPHEN = re.compile(r"[\w-]")
