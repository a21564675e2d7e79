"""A role standing before a name ("InfoNation President Dan McDowell", "HSV-Präsident X",
"Labour MP Ruth Kessler") and the organisation a compound role names ("HSV-Präsident")."""

from __future__ import annotations

import re

from .doc import Doc
from .lexicon import Lexicon
from .names import Mention
from .role_parts import _ORG_SHAPE, Role, _tokens

_CLOSE_QUOTE = frozenset({"”", "“", '"', "»", "«", "’"})
_ADJ = re.compile(r"\w{3,}(?:e|er|en|es|em)$")


def _before(doc: Doc, lex: Lexicon, m: Mention) -> Role | None:
    """A role standing before the name: "InfoNation President Dan McDowell", "HSV-Präsident X"."""
    lo = doc.sentence_span(m.start)[0]
    toks = [t for t in _tokens(doc, max(lo, m.start - 120), m.start) if t[2] != "."]
    k = len(toks) - 1
    while k >= 0 and lex.is_title(toks[k][2]):
        k -= 1
    end = k + 1
    head = None
    j = k
    parties = doc.pack.words("aff_party")
    # "sagte Bürgermeisterin X", "sicherte Präsident X ... zu": a verb is no adjective of the role
    verbs = doc.pack.memo("role_title.verbs", lambda: doc.pack.words("exp_say") | doc.pack.words("quote_say_more") | doc.pack.words("exp_separable"))
    while j >= 0 and k - j < 8:
        w = toks[j][2]
        bare = w.rstrip(".")
        if lex.role_kind(bare) or bare.casefold() in lex.generic_head:
            head = j if head is None else head
        elif head is None:
            # "Deputy Director of Public Prosecution Eva-Marie Persson": words after the head
            # the word right before the name is capitalised ("advisor to Bloomberg" is no title)
            if not (_ORG_SHAPE.match(w) or (j < k and w in {"of", "for", "and", "to"})) or k - j > 4:
                break
        elif w in lex.articles or w in lex.preps or w.casefold() in lex.clause or w.casefold() in lex.skip:
            break  # "hatte VW-Chef X": an auxiliary or adverb is no part of the role
        elif bare.casefold() in parties or bare.casefold() in lex.former or bare.casefold() in lex.not_org or (w[:1].islower() and _ADJ.fullmatch(w) and w.casefold() not in verbs) or _ORG_SHAPE.match(w) and w not in lex.never and w not in lex.articles:
            pass
        else:
            break
        j -= 1
    if head is None:
        return None
    if 0 < j and j + 1 == head and toks[j][2] in _CLOSE_QUOTE and toks[j - 1][2][:1].isalnum():
        # "“Parasite” director Bong Joon Ho": the quoted name is a work, its director an artist
        return Role(doc.text[toks[j + 1][0] : toks[end - 1][1]].rstrip(","), None, "work")
    # "der 29-jährige Torhüter X": an age is neither role nor organisation
    first = next((i for i in range(j + 1, head) if not toks[i][2][:1].isdigit()), head)
    # the capitalised run before the head: an organisation ("InfoNation", "White House"),
    # unless every word belongs to the title or names a country ("Health", "Afghan Prime")
    org_toks = []
    # "Labour MP Ruth Kessler": a party before a politician's head is the affiliation
    party = doc.pack.words("aff_party") if toks[head][2].casefold().rstrip(".") in doc.pack.words("exp_politician") else frozenset()
    for i in range(first, head):
        w = toks[i][2]
        if lex.role_kind(w.rstrip(".")) or w.casefold() in lex.former or w[:1].islower():
            break
        if w.casefold() in party:
            return Role(doc.text[toks[i + 1][0] : toks[end - 1][1]].rstrip(",") if i + 1 < end else None, w, "title")
        if w not in lex.never and not (w.endswith("er") and not w.isupper()):
            org_toks.append(i)
    if org_toks and all(toks[i][2].casefold() in lex.not_org for i in org_toks):
        org_toks = []
    role_start = org_toks[-1] + 1 if org_toks else first
    aff = re.sub(r"(?:'s|’s|'|’)$", "", doc.text[toks[org_toks[0]][0] : toks[org_toks[-1]][1]]) if org_toks else None
    if role_start >= end:
        return None
    role = doc.text[toks[role_start][0] : toks[end - 1][1]].rstrip(",")
    if not aff:
        aff = _compound_org(lex, toks[head][2])
    return Role(role, aff, "title")


def _compound_org(lex: Lexicon, word: str) -> str | None:
    # "HSV-Präsident" -> HSV; "US-Präsident" names a country, not an affiliation
    if "-" not in word:
        return None
    prefix = word.rsplit("-", 1)[0]
    if prefix.casefold() in lex.not_org or prefix.casefold().rstrip("-") in lex.not_org or lex.role_kind(prefix):
        return None
    return prefix if prefix[:1].isupper() else None


def next_sentence_role(doc: Doc, lex: Lexicon, start: int) -> tuple[Role | None, int]:
    """The role noun that opens the subject of the sentence after the one at ``start``
    ("Jonas Weller kennt die Strecke. Seit Jahren fährt der Kieler Reisejournalist ..."),
    and where the text read ends: the caller makes sure no other person is named up to there."""
    i = doc.sentence_index(start)
    if i + 1 >= len(doc.starts):
        return None, start
    lo = doc.starts[i + 1]
    # a hard-wrapped line ends a "sentence" early ("aus ¶ eigener Erfahrung."): read on to a
    # real one, 40 characters at least, 250 at most
    n = i + 1
    while n + 1 < len(doc.starts) and (doc.ends[n] - lo < 40 or doc.text[doc.ends[n] - 1] not in ".!?") and doc.starts[n + 1] - lo < 250:
        n += 1
    hi = min(doc.ends[n], lo + 250)
    toks = _tokens(doc, lo, hi)
    after_verb = doc.pack.words("exp_subject_article")
    for k, (_s, _e, w) in enumerate(toks[:12]):
        if w.casefold() not in lex.articles:
            continue
        prev = toks[k - 1][2] if k else ","
        if prev != "," and not (w.casefold() in after_verb and prev[:1].islower() and prev not in lex.preps):
            continue  # "traf den Minister", "met the minister": an object, not the subject
        for j in range(k + 1, min(k + 6, len(toks))):
            word = re.sub(r"(?:'s|’s)$", "", toks[j][2])  # "the former New York mayor’s debut"
            if lex.role_kind(word):
                role = doc.text[toks[k + 1][0] : toks[j][0] + len(word)]
                return Role(role, _compound_org(lex, word), "anaphor"), hi
            if not (_ADJ.fullmatch(word) or word[:1].isdigit() or word.endswith("-Jährige") or word.casefold() in lex.former
                    or _ORG_SHAPE.match(word)):
                break
        break  # only the first subject article counts
    return None, hi
