"""Persons who speak together: names joined by a conjunction or listed before one speech
verb ("Smith and Jones said", "Sens. Ann Lee (D-Ore.), Bo Park (D-Ohio) and Cy Dunn said")."""

from __future__ import annotations

import re

from .doc import Doc
from .lexicon import lexicon
from .name_words import given_name, name_word, plausible
from .names import Mention as NameMention
from .names import People


def partners(doc: Doc, people: People, m: NameMention) -> list[NameMention]:
    """Persons joined to ``m`` by a conjunction or in a list: "die Biologen Andrew MacDonald
    und Erin Mordecai wiesen nach", "Smith and Jones said", "Sens. Ann Lee (D-Ore.), Bo Park
    (D-Ohio) and Cy Dunn (D-N.J.) all said" -- each of them speaks."""
    conj = doc.pack.words("exp_conj")
    _guess_list(doc, people, conj, m.start)
    near = [x for x in people.within(max(0, m.start - 200), m.end + 200) if not x.possessive]
    i = next((n for n, x in enumerate(near) if x.start == m.start), None)
    if i is None:
        return []
    out = []
    joins = set()
    for step in (-1, 1):  # walk the list outwards from m while the gaps join names
        n, last = i, m
        while 0 <= n + step < len(near):
            x = near[n + step]
            a, b = (x, last) if step < 0 else (last, x)
            how = _joins(doc, conj, doc.text[a.end : b.start])
            if not how:
                break
            joins.add(how)
            if x.person != m.person:
                out.append(x)
            n, last = n + step, x
    if "conj" not in joins:
        return []  # "Anna Weber, Tom Hardy ...": commas alone make no list
    if out and min(x.start for x in out) < m.start and not _opens_subject(doc, min(out, key=lambda x: x.start)):
        return [x for x in out if x.start > m.start]  # "X met Sarah Connor and Tom Hardy said": the first is an object
    return out


def _guess_list(doc: Doc, people: People, conj: frozenset[str], pos: int) -> None:
    """Unknown names listed before a known speaker ("Sherrod Brown (D-Ohio) and Robert
    Menendez said"): each two or three name-shaped words before a list gap become a person."""
    lex = lexicon(doc.pack)
    for _ in range(4):
        m = _LEFT_NAME.search(doc.text, max(0, pos - 90), pos)
        if m is None or not _joins(doc, conj, m.group("gap")) or people.within(m.start("name"), m.end("name")):
            return
        words = m.group("name").split()
        if not (all(name_word(lex, w) or _INITIAL.fullmatch(w) for w in words) and plausible(lex, words)):
            return
        if not given_name(lex, words[0]) and "(" not in m.group("gap"):
            return  # "Wells Fargo and X said": only a given name or a party in brackets says person
        if people.add(m.start("name"), m.end("name")) is None:
            return
        pos = m.start("name")


_INITIAL = re.compile(r"[A-Z]\.")
_LEFT_NAME = re.compile(
    r"(?<![\w.-])(?P<name>[A-Z][\w’'-]+(?: [A-Z]\.)?(?: [A-Z][\w’'-]+){1,2})"
    r"(?P<gap>(?:\s*\([^()]{1,30}\))?(?:,\s*[A-Z]-[A-Z][\w.]{1,8}(?=,))?,?\s+(?:\w+\s+)?)$"
)
_GAP_NOISE = re.compile(r"\s*\([^()]{1,30}\)|,\s*[A-Z]-[A-Z][\w.]{1,8}(?=,)")


def _joins(doc: Doc, conj: frozenset[str], gap: str) -> str:
    """Whether the text between two names joins them in a list: "and", ", ", ", and",
    also after a party in brackets ("(D-Ore.), ") or commas ("Bob Corker, R-Tenn., and")."""
    words = _GAP_NOISE.sub("", gap).replace(",", " , ").split()
    lex = lexicon(doc.pack)
    words = [w for w in words if not (lex.is_title(w) or lex.role_kind(w))]  # "Mr. Grassley and Sen. Leahy"
    if words == [","]:
        return "comma"
    return "conj" if words[-1:] and words[-1] in conj and words[:-1] in ([], [","]) else ""


def _opens_subject(doc: Doc, m: NameMention) -> bool:
    """Whether only a clause start (a conjunction may open it), an article, a title or a role
    stands before ``m``."""
    lex = lexicon(doc.pack)
    lo = doc.sentence_span(m.start)[0]
    words = doc.text[lo : m.start].replace(",", " , ").split()
    while words and (words[-1] in lex.articles or lex.role_kind(words[-1].rstrip(".")) or lex.is_title(words[-1])):
        words.pop()
    # ... or a conjunction that opens the clause: "But Mr. Grassley and Mr. Leahy said"
    return not words or words[-1] in {",", ":", ";"} or words[-1][:1] in "„“”\"«»" or words[-1].casefold() in lex.clause
