"""Who a pronoun speaker ("he said", "sagte sie") stands for, resolved conservatively.

A pronoun is tied to a person only when one candidate is clearly meant; otherwise the
cue keeps no speaker and its quote stays unattributed (a wrong name is worse for an
analyst than none). In this order:

1. the speaker of the previous cue, when that cue stands in the last few sentences of
   the same or the previous paragraph, the gender fits, and no other fitting person has
   since opened a sentence as its subject ("X said ... He added ...");
2. else the one person of fitting gender who opened a sentence as its subject in the
   last sentences (not inside a quote, not as an owner "X's", not in a prepositional
   phrase); a person only named in passing ("after meeting X, he said") is not enough.

Persons whose gender is unknown compete as well: a bare place or company taken for a
name ("Marshall Islands") must not win by default. One pass over the cues; each
pronoun looks only at the mentions of its last sentences.
"""

from __future__ import annotations

import bisect

from .cue_names import Cue, Speaker
from .doc import Doc
from .lexicon import Lexicon
from .names import Mention, People
from .quote_marks import find_quotes

_WINDOW = 2  # sentences before the pronoun's own in which an antecedent may stand
_LAST_CUE = 3  # sentences back within which the previous speaker carries over
_MARKS = "„“”\"«»‹›"
_REACH = 1000  # characters looked back at most: a text without sentence ends or line breaks stays linear


def tie_pronouns(doc: Doc, people: People, lex: Lexicon, cues: list[Cue]) -> None:
    """Give each pronoun speaker its person, or drop the speaker when none is clearly meant."""
    quotes = [(q.inner_start, q.inner_end) for q in find_quotes(doc.text)]
    qstarts = [q[0] for q in quotes]
    # a person who speaks in a cue is that clause's subject wherever the name stands ("sagte X")
    speaking = {c.speaker.mention.start for c in cues if c.speaker is not None and c.speaker.kind == "person" and c.speaker.mention}
    last: tuple[Mention, int] | None = None  # the previous cue's person and where that cue stood
    counts: dict[int, int] = {}  # mentions of each person before the current cue
    seen = 0
    for cue in cues:
        spk = cue.speaker
        if spk is None:
            continue
        while seen < len(people.mentions) and people.mentions[seen].start < cue.start:
            counts[people.mentions[seen].person] = counts.get(people.mentions[seen].person, 0) + 1
            seen += 1
        if spk.kind == "person" and spk.mention is not None:
            last = (spk.mention, cue.start)
            continue
        if spk.kind != "pronoun" or spk.mention is not None:
            continue
        m, alone = _antecedent(doc, people, lex, spk, last, (quotes, qstarts, speaking))
        if m is None and alone:
            m = _protagonist(doc, people, spk, counts, (quotes, qstarts, speaking))
        if m is None:
            doc.note("quotes", spk.start, spk.end, "attrib.pronoun-unclear", False)
            cue.speaker = None
            continue
        doc.note("quotes", spk.start, spk.end, "attrib.pronoun", True)
        spk.mention = m
        last = (m, cue.start)


def _antecedent(
    doc: Doc,
    people: People,
    lex: Lexicon,
    spk: Speaker,
    last: tuple[Mention, int] | None,
    marks: tuple[list[tuple[int, int]], list[int], set[int]],
) -> tuple[Mention | None, bool]:
    """The antecedent, and whether no fitting person at all stands in the last sentences."""
    quotes, qstarts, speaking = marks
    pos = spk.start
    # the sentences of the quote the pronoun closes ("“A. B. C,” he said") do not push its
    # antecedent out of reach: count sentences back from where the quote opens
    anchor = _quote_before(quotes, qstarts, pos)
    here = doc.sentence_index(anchor)
    floor = doc.starts[max(0, here - _WINDOW)] if doc.starts else 0
    para = _paragraph_floor(doc.text, anchor)
    floor = max(floor, _previous_paragraph(doc.text, para), pos - _REACH)
    cands: dict[int, Mention] = {}
    subjects: dict[int, int] = {}  # person -> start of its latest subject mention
    for m in people.within(floor, pos):
        if m.possessive or _quoted(quotes, qstarts, m.start) or people._in_pp(m) or not _fits(people, m, spk.gender):
            continue
        cands[m.person] = m
        if m.start in speaking or _opens_sentence(doc, lex, m):
            subjects[m.person] = m.start
            for x in (x for x in _conjoined(doc, people, m) if _fits(people, x, spk.gender)):
                subjects[x.person] = x.start  # "X and Y spoke": both are subjects
                cands.setdefault(x.person, x)
    found = _decide(doc, people, spk, last, cands, subjects, para, lex)
    return found, found is None and not cands


def _decide(
    doc: Doc, people: People, spk: Speaker, last: tuple[Mention, int] | None,
    cands: dict[int, Mention], subjects: dict[int, int], para: int, lex: Lexicon,
) -> Mention | None:
    here = doc.sentence_index(spk.start)
    if last is not None:
        # a person who opened a sentence since the last cue is whom the text now talks about
        since = [p for p, s in subjects.items() if s > last[1]]
        if len(since) == 1:
            return cands[since[0]]
        back = doc.sentence_index(last[1])
        near = here - back <= _LAST_CUE and last[1] >= _previous_paragraph(doc.text, para)
        if not since and near and _fits(people, last[0], spk.gender):
            return cands.get(last[0].person, last[0])
        if since:
            return None
    if len(cands) == 1:
        only = next(iter(cands.values()))
        lo = doc.starts[here] if doc.starts else 0
        opener = doc.text[lo : lo + 12].split(" ", 1)[0].casefold()
        # "When X announced the swap, he said ...": the one person of a leading subordinate clause
        if lo <= only.start and opener in lex.clause and people.persons[only.person].gender == spk.gender:
            return only
    # several persons, or one only named in passing ("met with X"): the one subject, if any
    opening = [cands[p] for p in subjects]
    return opening[0] if len(opening) == 1 else None


def _protagonist(
    doc: Doc, people: People, spk: Speaker, counts: dict[int, int], marks: tuple[list[tuple[int, int]], list[int], set[int]]
) -> Mention | None:
    """With nobody else in reach, the person the article is about: of the fitting persons
    named in the last sentences (also as an owner: "Xs Comeback ... fasste er den
    Entschluss"), the one named at least three times so far and twice as often as the others."""
    quotes, qstarts, speaking = marks
    here = doc.sentence_index(_quote_before(quotes, qstarts, spk.start))
    floor = max(doc.starts[max(0, here - 5)] if doc.starts else 0, spk.start - _REACH)
    recent: dict[int, Mention] = {}
    voices: set[int] = set()  # fitting persons who spoke in these sentences: any of them may be meant
    for m in people.within(floor, spk.start):
        if _fits(people, m, spk.gender) and not _quoted(quotes, qstarts, m.start):
            recent[m.person] = m
            if m.start in speaking:
                voices.add(m.person)
    ranked = sorted(((counts.get(p, 0), p) for p in recent), reverse=True)
    if not ranked or ranked[0][0] < 3 or (len(ranked) > 1 and ranked[0][0] < 2 * ranked[1][0]):
        return None
    return recent[ranked[0][1]] if voices <= {ranked[0][1]} else None


def _conjoined(doc: Doc, people: People, m: Mention) -> list[Mention]:
    """The persons joined to ``m`` by a conjunction right after it ("X and Y", "X und Y")."""
    conj = doc.pack.words("exp_conj")
    after = doc.text[m.end : m.end + 8].split(" ", 2)
    if len(after) < 3 or after[0] != "" or after[1] not in conj:
        return []
    nxt = m.end + 2 + len(after[1])
    return [x for x in people.within(nxt, nxt + 80) if x.start == nxt]


def _fits(people: People, m: Mention, gender: str) -> bool:
    own = people.persons[m.person].gender
    return gender == "?" or own in (None, "?", gender)


def _paragraph_floor(text: str, pos: int) -> int:
    """Where the paragraph holding ``pos`` begins."""
    lo = max(0, pos - _REACH)
    return text.rfind("\n", lo, max(0, pos)) + 1 or lo


def _previous_paragraph(text: str, para: int) -> int:
    """Where the paragraph before the one starting at ``para`` begins (blank lines skipped)."""
    k = para
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return _paragraph_floor(text, k) if k > 0 else 0


def _quote_before(quotes: list[tuple[int, int]], qstarts: list[int], pos: int) -> int:
    """Where the quote that ends right before ``pos`` opens (``pos`` itself if none does)."""
    i = bisect.bisect_right(qstarts, pos) - 1
    if i >= 0 and quotes[i][1] <= pos and pos - quotes[i][1] <= 6:
        return quotes[i][0]
    return pos


def _quoted(quotes: list[tuple[int, int]], qstarts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(qstarts, pos) - 1
    return i >= 0 and quotes[i][0] < pos < quotes[i][1]


def _opens_sentence(doc: Doc, lex: Lexicon, m: Mention) -> bool:
    """Whether ``m`` is its sentence's subject: only titles, roles, articles and their
    modifiers stand before it ("Senator X", "The former mayor, X,")."""
    lo = doc.sentence_span(m.start)[0]
    words = doc.text[max(lo, m.start - 80) : m.start].split()
    if m.start - 80 > lo:
        return False
    if words and words[-1].endswith(",") and len(words) <= 4 and not any(
        w.strip(",").casefold() in lex.clause or w.strip(",") in lex.preps for w in words
    ):
        return True  # "Her rival, X, called it ...": the name in apposition to a short subject
    adjectives = 0
    article = False
    for w in words:
        core = w.strip(_MARKS + ",.()")
        if not core:
            continue
        if core in lex.articles or lex.is_title(core) or lex.is_title(core + ".") or lex.role_kind(core):
            article = article or core in lex.articles
            continue
        if core[:1].isupper() and core.casefold() not in lex.clause and core not in lex.preps:
            continue  # "U.S. Senator", "Democratic nominee": modifiers of the role
        if core.casefold() in lex.former or (article and adjectives < 3 and core.casefold() not in lex.clause and core not in lex.preps):
            adjectives += core.casefold() not in lex.former
            continue  # "Der niederländische Ministerpräsident X", "the former mayor X"
        return False
    return True
