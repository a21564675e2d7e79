"""Pieces of a role phrase: its owner ("Edmunds' executive director"), the organisation
named before its head ("the UCU general secretary") and a quoted organisation name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .doc import Doc
from .lexicon import Lexicon

_TOK = re.compile(r"(?:\w\.){2,}(?:[’']s)?|[\w’'&-]+\.?|[^\w\s]")


@dataclass(slots=True)
class Role:
    """A role with the affiliation found beside it and where it came from."""

    role: str | None
    affiliation: str | None
    source: str
    former: bool = False  # stated in the past tense: "who was a longtime adviser to ..."


def _tokens(doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(t.start() + start, t.end() + start, t.group()) for t in _TOK.finditer(doc.text[start:end])]


_ORG_SHAPE = re.compile(r"^(?:[A-ZÄÖÜ0-9]|[a-z]+[A-Z])")

_OPEN, _CLOSE = {"„", "“", "«", "»", '"', "‚", "‹"}, {"“", "”", "»", "«", '"', "‘", "›"}


def _quoted_name(toks: list[tuple[int, int, str]], k: int) -> str | None:
    """One to four capitalised words in quotation marks starting at ``k`` („Peta“, «D.Live»)."""
    if k >= len(toks) or toks[k][2] not in _OPEN:
        return None
    j = k + 1
    while j < len(toks) and j <= k + 4 and toks[j][2] not in _CLOSE:
        j += 1
    if j >= len(toks) or toks[j][2] not in _CLOSE or j == k + 1 or not _ORG_SHAPE.match(toks[k + 1][2]):
        return None
    words = [t[2] for t in toks[k + 1 : j]]
    return " ".join(words).replace(" . ", ".").replace(" .", ".") if all(w[:1].isupper() or not w[:1].isalpha() for w in words) else None


def _owner(lex: Lexicon, toks: list[tuple[int, int, str]]) -> tuple[int, str | None]:
    """Where the role starts after an article and an owner ("Edmunds' executive director"), and the owner."""
    k = 1 if toks and toks[0][2] in lex.articles else 0
    if k + 1 < len(toks) and _ORG_SHAPE.match(toks[k][2]) and toks[k + 1][2].endswith(("’s", "'s")) and toks[k + 1][2][:1].isupper():
        return k + 2, toks[k][2] + " " + re.sub(r"(?:'s|’s)$", "", toks[k + 1][2])
    if k < len(toks) and toks[k][2].endswith(("'", "’", "’s", "'s")):
        owner = re.sub(r"(?:'s|’s|'|’)$", "", toks[k][2])
        return k + 1, owner if owner[:1].isupper() else None
    return k, None


def _pre_head_org(
    lex: Lexicon, toks: list[tuple[int, int, str]], k: int, parties: frozenset[str] = frozenset(), members: frozenset[str] = frozenset()
) -> str | None:
    """Capitalised words before the role noun (no nationality, no title) name its organisation:
    "the UCU general secretary"; a party (``parties``) before a politician's head (``members``)
    too: "the Labour MP", but not "the Labour Secretary"."""
    j = k
    while j < len(toks) and j < k + 4 and _ORG_SHAPE.match(toks[j][2]) and not lex.role_kind(toks[j][2].rstrip(".")):
        w = toks[j][2]
        if w.casefold() in parties:
            j += 1
            continue  # "Labour" is no affiliation before "Secretary", but a party before "MP"
        if w in lex.never or w.casefold() in lex.not_org or lex.is_title(w) or (w.endswith("er") and not w.isupper()):
            return None
        j += 1
    if j == k:
        return None
    n = j
    while n < len(toks) and n < j + 2 and toks[n][2][:1].islower() and not lex.role_kind(toks[n][2]):
        n += 1  # "the UCU general secretary": lower-case modifiers before the head
    if n < len(toks) and lex.role_kind(toks[n][2].rstrip(".,")):
        if any(t[2].casefold() in parties for t in toks[k:j]) and toks[n][2].casefold().rstrip(".,") not in members:
            return None  # "the Labour Secretary": an office, not a party member
        return " ".join(t[2] for t in toks[k:j])
    return None
