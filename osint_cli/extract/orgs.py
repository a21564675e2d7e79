"""Organisations named anywhere in the text, for a person whose own words give none:
names with a type noun or an organisation word ("Heizungsfirma Mercedöl", "Exaring AG"),
their later short forms, acronyms, and the one closest to a position."""

from __future__ import annotations

import re

from .doc import Doc
from .lexicon import Lexicon
from .roles import _org, _tokens


def context_org(doc: Doc, lex: Lexicon, orgs: list[tuple[int, int, str]], pos: int) -> str | None:
    """The organisation named closest to ``pos`` in its paragraph (five sentences at most)."""
    here = doc.sentence_index(pos)
    para_lo = doc.text.rfind("\n", 0, pos) + 1
    para_hi = doc.text.find("\n", pos)
    para_hi = len(doc.text) if para_hi < 0 else para_hi
    best: tuple[int, int, int, str] | None = None
    for s, _e, name in orgs:
        if not (para_lo <= s < para_hi):
            continue
        dist = abs(doc.sentence_index(s) - here)
        if dist > 5:
            continue
        key = (dist, 0 if s < pos else 1, -len(name), name)  # the whole name before its short form
        if best is None or key < best:
            best = key
    return best[3] if best else None


def find_orgs(doc: Doc, lex: Lexicon) -> list[tuple[int, int, str]]:
    """Organisations named with a type noun ("Heizungsfirma Mercedöl", "Bäckerei Johann
    Mayer") or an organisation word ("Freenet Gruppe", "Exaring AG"), with short forms."""
    out: list[tuple[int, int, str]] = []
    text = doc.text
    common = tuple(doc.pack.words("aff_common_noun_suffix"))
    for m in _BEFORE_CAP.finditer(text):
        if not _is_type(lex, m.group(1)):
            continue
        toks = _tokens(doc, m.end(), min(len(text), m.end() + 120))
        name = _org(doc, lex, toks, 0)
        # "company CEO Andy Vesey": a role after the type noun introduces a person, not a name
        if name and name.split()[0] not in lex.never and not lex.role_kind(name.split()[0]) and not (len(name.split()) == 1 and name.casefold().endswith(common)):
            s = toks[0][0]
            if lex.is_org_word(m.group(1)):
                s, name = m.start(1), f"{m.group(1)} {name}"  # "Universität Jena" is the name itself
            out.append((s, s + len(name), name))
    shorts: set[str] = set()
    for m in _orgword_re(lex).finditer(text):
        short = m.group("short")
        if short in lex.never:
            continue
        out.append((m.start(), m.end(), m.group()))
        shorts.add(short)
    if shorts:
        # every later bare use of a short form ("Freenet"), found in one pass over the text
        # (a search per organisation would rescan the whole text for each)
        out.extend((x.start(), x.end(), x.group()) for x in _SHORT_WORD.finditer(text) if x.group() in shorts)
    return out


_SHORT_WORD = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w&-]*(?![\w-])")


_ACRONYM = re.compile(r"(?<![\w.&-])[A-ZÄÖÜ][A-ZÄÖÜ&]{1,6}(?![\w&-])")


def find_acronyms(doc: Doc, lex: Lexicon) -> list[tuple[int, int, str]]:
    """Acronyms that may name an organisation ("PG&E", "CSU"): no country, title or role."""
    return [
        (m.start(), m.end(), m.group())
        for m in _ACRONYM.finditer(doc.text)
        if m.group() not in lex.never and m.group().casefold() not in lex.not_org and not lex.role_kind(m.group()) and not doc.is_claimed(m.start(), m.end())
    ]


def find_institutions(doc: Doc) -> list[tuple[int, int, str]]:
    """Public bodies named by their common noun ("die Feuerwehr", "the police"): an
    organisation for a role that speaks for one ("Sprecher X"), never for a bare name."""
    key = ("inst", id(doc.pack))
    if key not in _RX:
        words = "|".join(re.escape(w) for w in sorted(doc.pack.lists.get("aff_institution", []), key=len, reverse=True))
        _RX[key] = re.compile(rf"(?<![\w-])(?:{words})(?![\w-])" if words else "(?!)")
    return [(m.start(), m.end(), m.group()) for m in _RX[key].finditer(doc.text)]


_RX: dict[tuple[str, int], re.Pattern[str]] = {}


# a word followed by a capitalised one: where a type noun may introduce a name. One
# plain pass, then a memoised suffix test per word, is far cheaper than a lazy
# case-insensitive alternation tried at every position.
_BEFORE_CAP = re.compile(r"(?<![\w-])([\w-]+)\s+(?=[A-ZÄÖÜ0-9]|[a-z]+[A-Z])")
_TYPES: dict[tuple[int, str], bool] = {}


def _is_type(lex: Lexicon, word: str) -> bool:
    key = (id(lex), word)
    if key not in _TYPES:
        _TYPES[key] = bool(lex.aff_type_re.search(word.casefold()))
    return _TYPES[key]


def _orgword_re(lex: Lexicon) -> re.Pattern[str]:
    key = ("word", id(lex))
    if key not in _RX:
        words = "|".join(re.escape(w) for w in sorted(lex.org_words, key=len, reverse=True)) or "(?!)"
        _RX[key] = re.compile(rf"(?<![\w-])(?P<short>[A-ZÄÖÜ][\w&-]*)\s+(?:{words})(?![\w-])")
    return _RX[key]
