"""Experts: named persons cited as sources, with role, affiliation, kind and quotes.

A person counts when the article reports what they said or think: a direct quote, a
speech or cognition verb with the person as its subject ("Er glaubt, ...", "said Bill
Powers"), or an attribution phrase ("laut Yang", "according to Parrington"). People who
are only named (actors, the byline) are left out. See extraction-guide.md, section 1.

Steps: names (names.py) -> cues with their speakers (cues.py) -> pronouns and roles
tied to persons -> quotes attributed (quotes.py) -> role, affiliation, kind (roles.py).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..model import Expert, Mention, Quote
from . import places, roles
from .cues import Cue, Speaker, citations
from .doc import Doc
from .kinds import kind_of, kind_words
from .lexicon import Lexicon, lexicon
from .names import Mention as NameMention
from .names import People, Person
from .orgs import context_org, find_acronyms, find_institutions, find_orgs
from .partners import partners
from .quotes import QuoteSpan, attribute, clause_end, find_quotes, holding
from .role_title import next_sentence_role

_STRIP = " \t\n,.;:–—-„“”\"«»"
_LEAD = re.compile(r"^(?:dass|daß|that|,)\s+", re.IGNORECASE)


@dataclass(slots=True)
class _Cited:
    person: int
    rule: str
    pos: int
    quotes: list[Quote] = field(default_factory=list)
    roles: list[roles.Role] = field(default_factory=list)
    via: str = "name"


def extract(doc: Doc) -> tuple[tuple[Expert, ...], tuple[Quote, ...]]:
    """Cited persons and every quote (attributed or not) of ``doc``."""
    lex = lexicon(doc.pack)
    people, cues = citations(doc)
    _tie_pronouns(people, cues)
    _tie_roles(doc, people, cues)
    for c in cues:
        if c.speaker and c.speaker.kind == "person" and c.speaker.mention and not c.speaker.partners:
            c.speaker.partners = partners(doc, people, c.speaker.mention)
    spans = find_quotes(doc.text)
    starts = [q.start for q in spans]
    cited: dict[int, _Cited] = {}
    quotes: list[Quote] = []
    used: set[int] = set()
    for q, spk, how, cue in attribute(doc, spans, cues):
        if cue is not None and how == "adjacent":
            used.add(id(cue))
        if len(q.words(doc.text)) < 2 and (spk is None or how != "adjacent"):
            doc.note("quotes", q.start, q.end, "quotes.single-term", False)
            continue  # a scare quote or a single term, not a statement
        doc.note("quotes", q.start, q.end, f"quotes.speaker-{how}" if spk else "quotes.unattributed", True)
        rule = cue.rule if cue is not None else f"{doc.lang}.quotes.{how}" if spk else f"{doc.lang}.quotes.none"
        via = speaker_via(spk, cue)
        quote = _quote(doc, people, q.inner_start, q.inner_end, spk, "direct", rule, via)
        if quote:
            quotes.append(quote)
            _cite(cited, spk, rule, q.start, quote, lex, via)
    for cue in cues:
        if id(cue) in used or cue.speaker is None or _inside(cue.start, spans, starts):
            continue
        quote = _reported(doc, people, cue, spans, starts)
        via = speaker_via(cue.speaker, cue)
        if quote:
            quotes.append(quote)
            _cite(cited, cue.speaker, cue.rule, cue.start, quote, lex, via)
        elif cue.speaker.mention is not None:
            _cite(cited, cue.speaker, cue.rule, cue.start, None, lex, via)
    quotes.sort(key=lambda q: q.start)
    orgs: list[list[tuple[int, int, str]]] = []  # found on first need: most persons state their organisation
    experts = [_expert(doc, people, c, orgs) for c in sorted(cited.values(), key=lambda c: c.pos)]
    if doc.trace is not None:
        for n, p in enumerate(people.persons):
            if n not in cited and p.mentions:  # named, but no cue or quote reports what they said
                doc.note("experts", p.mentions[0].start, p.mentions[0].end, "experts.no-cue", False)
    return tuple(e for e in experts if e), tuple(quotes)


def _tie_pronouns(people: People, cues: list[Cue]) -> None:
    for cue in cues:
        spk = cue.speaker
        if spk and spk.kind == "pronoun" and spk.mention is None:
            spk.mention = people.resolve_pronoun(spk.start, spk.gender)


def _tie_roles(doc: Doc, people: People, cues: list[Cue]) -> None:
    """A definite role as speaker ("weiß der amtierende HSV-Präsident") is the person
    named just before it, if that person is cited by name elsewhere."""
    named = {c.speaker.mention.person for c in cues if c.speaker and c.speaker.kind == "person" and c.speaker.mention}
    lex = lexicon(doc.pack)
    for cue in cues:
        spk = cue.speaker
        if not spk or spk.kind != "role":
            continue
        here = doc.sentence_index(spk.start)
        floor = doc.starts[max(0, here - 1)]
        before = [m for m in people.within(floor, spk.start) if not m.possessive]
        if before and before[-1].person in named:
            spk.mention = before[-1]
            continue
        # "The governor said ..." after "Gov. Eric Holcomb" (named up to three sentences
        # before): the one recent person whose own title has the same head
        floor = doc.starts[max(0, here - 3)]
        recent = {m.person: m for m in people.within(floor, spk.start)}
        same = [m for m in recent.values() if _same_role(doc, lex, people, m.person, spk.role)]
        if len(same) == 1:
            spk.mention = same[0]


def _same_role(doc: Doc, lex: Lexicon, people: People, person: int, role: str | None) -> bool:
    """Whether ``role`` ("governor") names the role a person was introduced with ("Gov.")."""
    if not role:
        return False
    head = role.split()[-1].casefold()
    for m in people.persons[person].mentions:
        for r in roles.around(doc, lex, m):
            if r.role:
                own = r.role.split()[-1].casefold().rstrip(".")
                if own and (own == head or (len(own) >= 3 and head.startswith(own))):
                    return True
    return False


def speaker_via(spk: Speaker | None, cue: Cue | None) -> str | None:
    """How a speaker was found: ``name``, ``alias``, ``pronoun``, ``role_noun`` or ``label``."""
    if spk is None:
        return None
    if cue is not None and cue.side == "label":
        return "label"
    if spk.kind == "pronoun":
        return "pronoun"
    if spk.kind in ("role", "unnamed"):
        return "role_noun"
    if spk.mention is not None and not spk.mention.full:
        return "alias"
    return "name"


def _cite(
    cited: dict[int, _Cited], spk: Speaker | None, rule: str, pos: int, quote: Quote | None, lex: Lexicon, via: str | None
) -> None:
    if spk is None or spk.mention is None:
        return
    for other in spk.partners:
        entry = cited.setdefault(other.person, _Cited(other.person, rule, pos, via="name"))
        if quote is not None:
            entry.quotes.append(quote)
        if spk.role:  # "die Biologen X und Y": the role is both persons'
            entry.roles.append(roles.Role(spk.role, None, "anaphor"))
    n = spk.mention.person
    entry = cited.setdefault(n, _Cited(n, rule, pos, via=via or "name"))
    if pos < entry.pos:
        entry.pos, entry.rule, entry.via = pos, rule, via or "name"
    if quote is not None:
        entry.quotes.append(quote)
    if spk.kind in ("role", "person") and spk.role:
        # "der Sprecher" resolved to a person, or "schreiben Forscher um X": the role the cue gives
        entry.roles.append(roles.Role(spk.role, spk.org or roles._compound_org(lex, spk.role.split()[-1]), "anaphor"))


def _speaker_name(people: People, spk: Speaker | None) -> str | None:
    if spk is None:
        return None
    if spk.mention is not None:
        return people.persons[spk.mention.person].name
    return None if spk.kind == "pronoun" else spk.text.strip(_STRIP) or None


def _quote(
    doc: Doc, people: People, s: int, e: int, spk: Speaker | None, kind: str, rule: str, via: str | None = None
) -> Quote | None:
    while s < e and doc.text[s] in _STRIP:
        s += 1
    while e > s and doc.text[e - 1] in " \t\n,":
        e -= 1
    if e <= s:
        return None
    return Quote(
        text=doc.text[s:e],
        start=s,
        end=e,
        sentence=doc.sentence_at(s),
        rule=rule,
        speaker=_speaker_name(people, spk),
        kind=kind,  # type: ignore[arg-type]
        speaker_via=via if _speaker_name(people, spk) else None,  # type: ignore[arg-type]
    )


def _reported(doc: Doc, people: People, cue: Cue, spans: list[QuoteSpan], starts: list[int]) -> Quote | None:
    """What a speech or attribution cue reports: the clause on the other side of the cue."""
    if cue.side == "label":
        line_end = doc.text.find("\n", cue.end)
        line_end = len(doc.text) if line_end < 0 else line_end
        return _quote(doc, people, cue.end, line_end, cue.speaker, "direct", cue.rule, "label")
    lo, hi = doc.sentence_span(cue.start)
    hi = clause_end(doc.text, cue.last, hi)  # attrib: a colon after the statement ends it
    if bisect.bisect_left(starts, hi) > bisect.bisect_left(starts, lo):
        return None  # the sentence's own quote carries the statement
    left = _without_trailing(doc, doc.text[lo : cue.first].strip(_STRIP))
    right = _LEAD.sub("", _object_then_clause(_without_adverbial(doc, _after_particle(doc, doc.text[cue.last : hi].strip(_STRIP)))))
    # the subject first ("X, a lawyer, said no decision ..."): what follows the verb is reported
    subject_first = cue.speaker is not None and cue.speaker.end <= cue.start and len(right.split()) >= 3
    # "Die Ursache sei unklar, verlautbarte X, der Direktor ...": the statement ends at the comma before the verb
    left_first = cue.speaker is not None and cue.speaker.start > cue.start and doc.text[lo : cue.start].rstrip().endswith(",")
    if right.rsplit(" ", 1)[-1].rstrip(_STRIP) in doc.pack.words("quote_closing_particle"):
        right = ""  # "gab X in Kiel bekannt": the particle closes the sentence, nothing is reported after it
    inside = cue.kind == "attributed" and cue.side == "after" and min(len(left.split()), len(right.split())) >= 2
    if inside and not doc.text[lo : cue.first].rstrip().endswith((",", ":")) and right in doc.text[cue.last : hi]:
        # "Die Streiks werden laut X vor allem die Häfen treffen": the statement stands on both sides
        s, e = doc.text.find(left, lo), doc.text.find(right, cue.last) + len(right)
    elif (subject_first or len(right.split()) >= len(left.split())) and not (left_first and len(left.split()) >= 3):
        s = doc.text.find(right, cue.last) if right else -1
        e = s + len(right)
    else:
        s = doc.text.find(left, lo) if left else -1
        e = s + len(left)
    if s < 0 or len(doc.text[s:e].split()) < 3:
        s, e = _subjunctive_next(doc, lo, hi)
        if s < 0:
            return None
    return _quote(doc, people, s, e, cue.speaker, cue.kind, cue.rule, speaker_via(cue.speaker, cue))


def _subjunctive_next(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    """The next sentence, when the cue's own has no statement and that one reports in the
    subjunctive without quote marks ("X ist besorgt. Die Lage sei ernst.")."""
    forms = doc.pack.words("quote_subjunctive")
    i = doc.sentence_index(lo) + 1
    if not forms or i >= len(doc.starts) or "\n" in doc.text[hi : doc.starts[i]]:
        return -1, -1
    s, e = doc.starts[i], doc.ends[i]
    words = doc.text[s:e].split()
    if len(words) < 3 or any(c in doc.text[s:e] for c in "„“”\"«»") or not any(w.strip(",.;") in forms for w in words[:6]):
        return -1, -1
    return s, e


_THAT = re.compile(r"(?<!\w)(?:that|dass|daß)\s+", re.IGNORECASE)


def _object_then_clause(right: str) -> str:
    """"told a young woman that she was wrong" reports "she was wrong": a short object
    (at most five words) between the verb and its clause is no part of the statement."""
    m = _THAT.search(right, 0, 60)
    obj = right[: m.start()].rstrip().removesuffix(",") if m else ""  # German puts a comma before "dass"
    if m and m.start() > 0 and len(obj.split()) <= 5 and "," not in obj:
        return right[m.end() :]
    return right


def _without_adverbial(doc: Doc, right: str) -> str:
    """"sagte am Montag gegenüber der Zeitung, das Boot sei ..." reports "das Boot sei ...":
    a prepositional phrase before the comma (a preposition, then only articles and
    capitalised words) says when or to whom, not what."""
    comma = right.find(",", 0, 80)
    words = right[:comma].split() if comma > 0 else []
    if len(words) == 1 and words[0].casefold() in doc.pack.words("quote_correlate"):
        return right[comma + 1 :].lstrip()  # "warnte davor, der Orkan könne ...": the correlate points at the clause
    lex = lexicon(doc.pack)
    preps = doc.pack.words("exp_prep")
    if not 2 <= len(words) <= 7 or words[0].casefold() not in preps:
        return right
    if not all(w.lstrip("„“”\"«»")[:1].isupper() or w[:1].isdigit() or w.casefold() in preps or w in lex.articles or w.casefold() in lex.skip for w in words):
        return right
    return right[comma + 1 :].lstrip()


def _without_trailing(doc: Doc, left: str) -> str:
    """The statement before a cue without the auxiliary or the conjunction that opens the
    cue ("..., hatte X gesagt", "..., wie X berichtet")."""
    skip = lexicon(doc.pack).skip | doc.pack.words("exp_subordinator")
    words = left.split(" ")
    while len(words) > 1 and words[-1].casefold() in skip:
        words.pop()
    return " ".join(words).strip(_STRIP)


def _after_particle(doc: Doc, right: str) -> str:
    """The reported clause after the particle of a separable verb: "räumte ein, dass ..."
    reports "dass ...", and "wiesen die Biologen X und Y nach, dass ..." too."""
    particles = doc.pack.words("exp_particle")
    words = right[:160].split(" ")
    for n, w in enumerate(words[:16]):
        if w.endswith(",") and w[:-1] in particles:
            return " ".join(words[n + 1 :]).strip(_STRIP) + right[160:]
    return right


def _inside(pos: int, spans: list[QuoteSpan], starts: list[int]) -> bool:
    q = holding(spans, starts, pos)
    return q is not None and q.inner_start <= pos < q.inner_end


def _expert(doc: Doc, people: People, c: _Cited, orgs: list[list[tuple[int, int, str]]]) -> Expert | None:
    lex = lexicon(doc.pack)
    p: Person = people.persons[c.person]
    if not p.full and not p.title and not any(r.role for r in c.roles) and not _introduced(doc, lex, p):
        doc.note("experts", p.mentions[0].start, p.mentions[0].end, "experts.lone-word", False)
        return None  # a lone capitalised word is no person
    first = next((m for m in p.mentions if m.full), p.mentions[0])
    found: list[roles.Role] = []
    for m in p.mentions:
        # "Sen. Ann Lee (D-Ore.), Rep. Bo Park (R-Utah) and ...": a list, not an apposition
        others = [x.text for x in people.within(m.end, m.end + 80) if x.person != c.person]
        found.extend(r for r in roles.around(doc, lex, m) if not (r.role and any(o in r.role for o in others)))
    found.extend(c.roles)
    role = _role(doc, lex, people, c.person, first, found)
    # a bare place ("Texas", "Ukraine") says where, not for whom, except for an official
    # of that state ("Germany's ambassador")
    state = bool(role and role.role and any(lex.role_kind(w) == "official" for w in role.role.split()))
    affs = [a for r in ([role] if role else []) + found if (a := roles.without_holder(lex, r.affiliation, p.name))
            and (state or not places.is_place(a)) and a + "." not in lex.never]  # never an abbreviated month ("Nov.")
    affiliation = affs[0] if affs else None
    if affiliation is None and _speaks_for_org(doc, lex, role.role if role else None):
        if not orgs:
            orgs.append(find_orgs(doc, lex))
            orgs.append(orgs[0] + find_acronyms(doc, lex) + find_institutions(doc))
        # an acronym ("PG&E") is an organisation only for a role that speaks for one
        # ("company CEO Andy Vesey"); without a role it would make anyone an official
        affiliation = roles.without_holder(lex, context_org(doc, lex, orgs[1] if role else orgs[0], first.start), p.name)
    if affiliation:  # "der Linken-Abgeordnete": the party is called "Linke"
        affiliation = doc.pack.mapping("aff_canonical").get(affiliation.casefold(), affiliation)
    kind = kind_of(doc.pack, lex, role.role if role else None, affiliation, p.title, bool(role and role.former))
    if role is not None and role.source == "work":
        kind = "other"  # the maker of a quoted work (film, show, book) speaks as an artist
    quotes = tuple(sorted(c.quotes, key=lambda q: q.start))
    doc.note("experts", first.start, first.end, f"experts.cited-{c.via}", True)
    aliases = []
    for m in p.mentions:
        if not m.full and m.text != p.name and m.text not in aliases:
            aliases.append(m.text)
    return Expert(
        text=first.text,
        start=first.start,
        end=first.end,
        sentence=doc.sentence_at(first.start),
        rule=c.rule,
        name=p.name,
        aliases=tuple(aliases),
        kind=kind,  # type: ignore[arg-type]
        role=role.role if role else None,
        affiliation=affiliation,
        quoted="direct" if any(q.kind == "direct" for q in quotes) else "indirect",
        quotes=quotes,
        mentions=tuple(Mention(text=m.text, start=m.start, end=m.end) for m in p.mentions),
        speaker_via=c.via,  # type: ignore[arg-type]
    )


def _role(doc: Doc, lex: Lexicon, people: People, n: int, first: NameMention, found: list[roles.Role]) -> roles.Role | None:
    """The person's role: an apposition or copula first, then any stated one, a title that
    names an office, or the role noun opening the next sentence."""
    role = next((r for r in found if r.role and r.source in ("apposition", "copula")), None)
    role = role or next((r for r in found if r.role), None)
    title = people.persons[n].title
    if role is None and title and lex.role_kind(title):
        role = roles.Role(title, None, "title")  # "Del. Ana Ruiz": an office written as a title
    if role is None:
        role, read = next_sentence_role(doc, lex, first.start)
        if role is not None and any(x.person != n for x in people.within(doc.sentence_span(first.start)[0], read)):
            role = None  # another person named nearby may be the one the role noun means
    return role


def _speaks_for_org(doc: Doc, lex: Lexicon, role: str | None) -> bool:
    """No role at all, or one whose head speaks for an organisation named nearby ("der
    Chef", "Pressesprecherin", "Deputy Director of Public Prosecution")."""
    if role is None:
        return True
    stop = kind_words(doc.pack)["exp_role_stop"]
    pre: list[str] = []
    for w in role.split():
        if w.casefold() in stop:
            break
        pre.append(w)
    heads = [w for w in pre if lex.role_kind(w.rstrip(".,"))] or pre[-1:] or role.split()[-1:]
    head = heads[-1].casefold().rstrip(".,")
    # a German compound ends in its head: "Pressesprecherin" speaks like "Sprecherin"
    return any(head == w or (len(w) >= 5 and head.endswith(w)) for w in doc.pack.words("aff_context_role"))


def _introduced(doc: Doc, lex: Lexicon, p: Person) -> bool:
    # a single name counts when a role stands before it ("Sicherheitsforscher Yang")
    return any(r.role for m in p.mentions for r in roles.around(doc, lex, m))
