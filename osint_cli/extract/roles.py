"""Role, affiliation and kind of a cited person, read from the words around the name.

Where a role stands: an apposition ("Shin Jong-woo, ein leitender Forscher der
Denkfabrik Korea Defense and Security Forum,"; "X, an analyst at Y,"), a copula ("Yang
Uk ist Militärexperte an der Denkfabrik ..."), a title before the name
("Sicherheitsforscher Yang", "InfoNation President Dan McDowell", "HSV-Präsident"), a
party in brackets ("Hubertus Heil (SPD)"). The affiliation follows a preposition (an der,
vom, bei, at, of, for) or stands before the role; generic type nouns ("Denkfabrik",
"the environmental news group") are dropped. The head noun of the role decides the kind.
"""

from __future__ import annotations

import re

from . import places
from .doc import Doc
from .lexicon import Lexicon
from .names import Mention
from .role_parts import _ORG_SHAPE, Role, _owner, _pre_head_org, _quoted_name, _tokens
from .role_title import _before, _compound_org

__all__ = ["Role", "_compound_org", "_tokens", "around", "member_org"]

_RELATIVE = {"who", "which", "that", "whose", "der", "die", "das", "dessen", "deren", "welcher", "welche", "wo", "where"}
_CONNECT = {"and", "for", "of", "on", "&", "und", "für", "de", "du", "des", "der", "the", "la", "di", "do", "da", "e"}
_PAREN = re.compile(r"\s*\(([^()]{2,30})\)")


def around(doc: Doc, lex: Lexicon, m: Mention) -> list[Role]:
    """Roles stated at one mention: apposition or copula after, title before, party."""
    out: list[Role] = []
    after = _after(doc, lex, m)
    if after:
        out.append(after)
    before = _before(doc, lex, m) or _fronted(doc, lex, m)
    if before:
        out.append(before)
    member = member_org(doc, lex, m.end) or _partner_org(doc, lex, m.end)
    if member:
        out.append(Role(None, member[0], "member"))
    paren = _PAREN.match(doc.text, m.end)
    if paren and _ORG_SHAPE.match(paren.group(1)) and not any(c.isdigit() for c in paren.group(1)):
        party = paren.group(1).split("-")[0].strip()
        # "(D-Ore.)", "(R-Texas)": a party's letter before the state stands for the party
        party = doc.pack.mapping("aff_party_letter").get(party.casefold(), party)
        if len(party) > 1:
            out.append(Role(None, party, "paren"))
    return out


def _genitive_fronted(doc: Doc, lex: Lexicon, lo: int, head: str) -> Role | None:
    """A clause opening with a role and its genitive right before the name, no comma: "Der
    Präsident des Fußballverbands Bernd Neuendorf kündigte an" (not "Der Sprecher der
    Ministerin Anna Roth": after a person's role the name is that person's)."""
    genitive = doc.pack.words("exp_genitive_article")
    floor = max(0, len(head) - 200)  # nine words at most: a run-on sentence is not read whole per name
    if not genitive or not any(f" {g} " in head[floor:] for g in genitive):
        return None
    cut = max(head.rfind(",", floor), head.rfind(":", floor), floor - 1) + 1
    toks = _tokens(doc, lo + cut, lo + len(head))
    if not 4 <= len(toks) <= 9 or toks[0][2] not in lex.articles or lex.role_kind(toks[-1][2]):
        return None
    r = next((i for i in (1, 2) if lex.role_kind(toks[i][2]) and toks[i][2][:1].isupper()), None)
    if r is None or toks[r + 1][2] not in genitive:
        return None
    rest = toks[r + 2 :]
    lower = next((i for i, t in enumerate(rest) if t[2][:1].isupper()), len(rest))
    # after the genitive article up to two adjectives, then the organisation's capitalised words
    if lower > 2 or lower == len(rest) or not all(t[2][:1].isupper() and t[2].replace("-", "").isalpha() for t in rest[lower:]):
        return None
    return _phrase(doc, lex, toks, "apposition")


def _partner_org(doc: Doc, lex: Lexicon, end: int) -> tuple[str, int] | None:
    """The organisation after the next name of a pair: "die Biologinnen Lea Brand und Mira
    Otte von der Universität Kassel" -- both belong to it."""
    rest = doc.text[end : end + 60]
    conj = next((c for c in doc.pack.words("exp_conj") if rest.startswith(f" {c} ")), None)
    if conj is None:
        return None
    words = rest[len(conj) + 2 :].split(" ")
    n = 0
    while n < min(4, len(words) - 1) and _ORG_SHAPE.match(words[n]) and words[n].rstrip(",.") == words[n]:
        n += 1
    if n < 2:
        return None  # a second full name (given name and surname) must follow
    return member_org(doc, lex, end + len(conj) + 2 + len(" ".join(words[:n])))


def _fronted(doc: Doc, lex: Lexicon, m: Mention) -> Role | None:
    """A role phrase before the name and a comma: "Der Geschäftsführer der Firma, Gerd
    Bruckschen, sagte" (the apposition in front, opening its clause)."""
    lo = doc.sentence_span(m.start)[0]
    head = doc.text[lo : m.start].rstrip()
    if not head.endswith(","):
        return _genitive_fronted(doc, lex, lo, head)
    cut = max(head.rfind(",", 0, len(head) - 1), head.rfind(":", 0, len(head) - 1)) + 1
    toks = _tokens(doc, lo + cut, lo + len(head) - 1)
    if len(toks) > 1 and toks[0][2].casefold() in lex.clause and toks[1][2] in lex.articles:
        toks = toks[1:]  # "Wie die Direktorin des Zoos, X, mitteilte": a conjunction opens the clause
    if toks and toks[0][2] not in lex.articles:
        # after the verb: "Das erklärte der damalige Kassenwart des Vereins X, Klaus K., ..."
        # (a subject article after a lower-case verb; "Through a spokesperson, X" is no role)
        subject = doc.pack.words("exp_subject_article")
        i = next((i for i in range(len(toks) - 2, max(0, len(toks) - 10), -1) if toks[i][2] in subject
                  and not toks[i - 1][2][:1].isupper() and toks[i - 1][2].casefold() not in lex.preps
                  and any(lex.role_kind(t[2]) for t in toks[i + 1 : i + 3])), None)
        toks = toks[i:] if i is not None else []
    if not toks or toks[0][2] not in lex.articles:
        return None
    return _phrase(doc, lex, toks, "apposition")


def member_org(doc: Doc, lex: Lexicon, end: int, place_ok: bool = False) -> tuple[str, int] | None:
    """The organisation named right after a name with a membership preposition
    ("Dietmar Hoffmann vom Landesverband des Kfz-Gewerbes", "Sui Wee of the Times"),
    and where it ends; a place ("Mike Pence of Indiana") only with ``place_ok``."""
    text = doc.text
    if not text.startswith(" ", end):
        return None
    # a plain string test first: it is asked at every mention
    prep = next((p for p in _member_preps(doc) if text.startswith(p + " ", end + 1)), None)
    if prep is None:
        return None
    k = len(prep.split())
    hi = doc.sentence_span(end)[1]
    toks = _tokens(doc, end, min(hi, end + 160))
    name = _org(doc, lex, toks, k)
    if not name or (places.is_place(name) and not place_ok):
        return None  # "Smith of Ohio": a place, not the organisation a person belongs to
    stop = doc.text.find(name, toks[k][0])
    return (name, stop + len(name)) if stop >= 0 else None


_MEMBER: dict[str, tuple[str, ...]] = {}


def _member_preps(doc: Doc) -> tuple[str, ...]:
    lang = doc.pack.lang
    if lang not in _MEMBER:
        _MEMBER[lang] = tuple(sorted(doc.pack.words("aff_member_prep"), key=len, reverse=True))
    return _MEMBER[lang]


def _after(doc: Doc, lex: Lexicon, m: Mention) -> Role | None:
    text = doc.text
    pos = m.end
    paren = _PAREN.match(text, pos)
    if paren:
        pos = paren.end()
    rest = text[pos : pos + 300]
    how = ""
    if rest.startswith(","):
        how, pos = "apposition", pos + 1
    else:
        stripped = rest.lstrip()
        for c in lex.copula:
            if stripped.startswith(c + " "):
                how, pos = "copula", pos + (len(rest) - len(stripped)) + len(c)
                break
    if not how:
        return None
    hi = doc.sentence_span(m.start)[1]
    toks = _tokens(doc, pos, min(hi, pos + 300))
    return _phrase(doc, lex, toks, how)


def _phrase(doc: Doc, lex: Lexicon, toks: list[tuple[int, int, str]], how: str) -> Role | None:
    """Role and affiliation of an apposition or copula phrase."""
    if how == "apposition" and len(toks) > 2 and toks[0][2].casefold() in _RELATIVE:
        found = _relative(doc, lex, toks)
        if found is not None:
            return found  # else "der Deutschland-Chef von Flixbus": the article of a role
    if toks and toks[0][2].casefold() in _RELATIVE | lex.clause and toks[0][2] not in lex.articles:
        return None  # ", who deftly maneuvered ...": a relative clause, no role
    k, aff = _owner(lex, toks)
    aff = aff or _pre_head_org(lex, toks, k, doc.pack.words("aff_party"), doc.pack.words("exp_politician"))
    start = k
    head = None
    end = k
    while k < len(toks):
        w = toks[k][2]
        if w in {",", ";", ":", "(", ")", "–", "—", "„", "“", "”", '"'} or (w == "." and k > start):
            break
        prep = _prep_at(lex, toks, k)
        if prep and head is not None:
            j = k + prep
            if j < len(toks) and toks[j][2] in lex.articles:
                j += 1
            org = _org(doc, lex, toks, j)
            if org:
                return Role(_text(doc, toks, start, end), aff or org, how)
        if w.casefold() in _RELATIVE and k > start:
            break
        if head is not None and w in lex.preps and w not in lex.complement:
            break  # "AfD-Chef in Essen": a place, no longer the role
        if head is None and how == "copula" and k > start and w in {"des", "der", "of"}:
            return None  # "ist das Schreiben des Funktionärs": a noun of its own before any role
        if lex.role_kind(w.rstrip(".")) or w.casefold().rstrip(".") in lex.generic_head:
            head = head or w
        elif head is not None and w.endswith("ing") and w[:1].islower() and not (k + 1 < len(toks) and lex.role_kind(toks[k + 1][2])):
            # "a senior scientist working on wildfire emissions at the ECMWF"
            later = _later_org(doc, lex, toks, k)
            return Role(_text(doc, toks, start, end), aff or later, how)
        elif w.casefold() in lex.clause and w.casefold() not in {"and", "und"}:
            break
        k += 1
        if head is not None:
            end = k
        elif k - start >= 5:
            return None  # no role noun near the start: "was forced onto the defensive ..."
        if w.endswith(".") and len(w) > 4:
            break  # the sentence ends here
    if head is None:
        return None
    while start < end and toks[start][2].casefold() in lex.skip:
        start += 1  # "damals AfD-Chef": the adverb is no part of the role
    return Role(_text(doc, toks, start, end), aff, how)


def _relative(doc: Doc, lex: Lexicon, toks: list[tuple[int, int, str]]) -> Role | None:
    """A relative clause after a name that states a role with a copula or "als"/"as"
    (", who was a longtime adviser to ...", ", die als Sprecherin der Initiative fungiert")
    or names the organisation led (", der das AI Lab von ZF leitet", ", who heads X")."""
    rest = " ".join(t[2] for t in toks[1:5])
    skip = next((c for c in lex.copula + lex.role_as if (rest + " ").startswith(c + " ")), None)
    if skip:
        found = _phrase(doc, lex, toks[1 + len(skip.split()) :], "relative")
        if found is not None and skip in doc.pack.words("exp_copula_past"):
            found.former = True
        return found
    lead = next((i for i, t in enumerate(toks[1:12], 1) if t[2].rstrip(".") in lex.lead_verbs), None)
    if lead is None or any(t[2] in {",", ";", "."} for t in toks[1:lead]):
        return _relative_at(doc, lex, toks)
    i = lead + 1 if lead == 1 else 1
    if i < len(toks) and toks[i][2] in lex.articles:
        i += 1
    org = _org(doc, lex, toks, i)
    # the role the verb implies ("leitet" -> "Leiter"), and the parent after "von"/"of":
    # ", der das AI Lab Saarbrücken von ZF leitet" -> Leiter, ZF
    role = doc.pack.mapping("exp_lead_role").get(toks[lead][2].rstrip(".").casefold())
    parent = _parent(doc, lex, toks, i, org) if org else None
    return Role(role, parent or org, "relative") if org else None


def _parent(doc: Doc, lex: Lexicon, toks: list[tuple[int, int, str]], i: int, org: str) -> str | None:
    """The organisation after "von"/"of" that owns the unit just named."""
    end = toks[i][0] + len(org)
    k = next((n for n, t in enumerate(toks) if t[0] >= end), len(toks))
    if k < len(toks) and toks[k][2] in doc.pack.words("aff_parent_prep"):
        return _org(doc, lex, toks, k + 1 + (1 if k + 1 < len(toks) and toks[k + 1][2] in lex.articles else 0))
    return None


def _relative_at(doc: Doc, lex: Lexicon, toks: list[tuple[int, int, str]]) -> Role | None:
    """The workplace a relative clause names after ``aff_relative_prep`` (", who works at X")."""
    preps = [p.split() for p in doc.pack.lists.get("aff_relative_prep", [])]
    for i in range(1, min(len(toks), 10)):
        if toks[i][2] in {",", ";", "."}:
            return None
        for p in preps:
            if [t[2] for t in toks[i : i + len(p)]] == p:
                j = i + len(p) + (1 if i + len(p) < len(toks) and toks[i + len(p)][2] in lex.articles else 0)
                org = _org(doc, lex, toks, j)
                if org and not places.is_place(org):
                    return Role(None, org, "relative")
    return None


def _later_org(doc: Doc, lex: Lexicon, toks: list[tuple[int, int, str]], k: int) -> str | None:
    for j in range(k, min(len(toks), k + 8)):
        if toks[j][2] in {",", ".", ";"} or toks[j][2].casefold() in _RELATIVE:
            return None
        p = _prep_at(lex, toks, j)
        if p:
            i = j + p
            if i < len(toks) and toks[i][2] in lex.articles:
                i += 1
            org = _org(doc, lex, toks, i)
            if org:
                return org
    return None


def _prep_at(lex: Lexicon, toks: list[tuple[int, int, str]], k: int) -> int:
    """Number of tokens of an affiliation preposition at ``k`` (0 if none)."""
    for p in lex.aff_prep:
        words = p.split()
        if [t[2] for t in toks[k : k + len(words)]] == words:
            return len(words)
    return 0


def _org(doc: Doc, lex: Lexicon, toks: list[tuple[int, int, str]], k: int) -> str | None:
    """An organisation's name starting near ``k``; generic type nouns are dropped."""
    quoted = _quoted_name(toks, k)
    if quoted:  # "Nadja Michler von „Peta“": a name in quotation marks, whole
        return quoted
    lead = 0
    while k < len(toks) and toks[k][2][:1].islower() and not toks[k][2][:1].isdigit() and lead < 4:
        if toks[k][2] in _CONNECT or toks[k][2].casefold() in _RELATIVE or _prep_at(lex, toks, k):
            return None
        k, lead = k + 1, lead + 1
    # "Denkfabrik Asan Institute": the type noun is not part of the name; but an
    # organisation word heads one ("Universität Bremen", "Institut Pasteur")
    if k + 1 < len(toks) and lex.aff_type_re.search(toks[k][2].casefold()) and _ORG_SHAPE.match(toks[k + 1][2]) and not lex.is_org_word(toks[k][2]):
        k += 1
    first = k
    last = None
    while k < len(toks):
        w = toks[k][2]
        if _ORG_SHAPE.match(w):
            last = k
            if w.endswith(".") and len(w) > 3 and not re.fullmatch(r"(?:\w\.)+", w) and w.rstrip(".") not in {"Inc", "Corp", "Ltd", "Co"}:
                break  # the sentence ends with this word
        elif w in _CONNECT and last is not None and k + 1 < len(toks) and _ORG_SHAPE.match(toks[k + 1][2]):
            pass
        elif w in lex.trailing and last is not None:
            last = k
            break
        else:
            break
        k += 1
    if last is None or all(t[2].isdigit() for t in toks[first : last + 1]):
        return None  # "the controversial 2017 article": a year, no organisation
    after = toks[last + 1][2] if last + 1 < len(toks) else ""
    name = _org_name(doc, lex, doc.text[toks[first][0] : toks[last][1]].rstrip(".,"), after)
    if not name or (" " not in name and lex.role_kind(name)):
        return None  # "Sprecherin der Ministerin": a role noun, not an organisation
    # an organisation "at" another: "Department of Health Sciences at the U.K.'s University of York"
    j = last + 1
    chain = _prep_at(lex, toks, j) if j < len(toks) and toks[j][2] in {"at", "an", "am", "bei", "beim"} else 0
    if chain:
        i = j + chain + (1 if j + chain < len(toks) and toks[j + chain][2] in lex.articles else 0)
        more = _org(doc, lex, toks, i)
        if more:
            return doc.text[toks[first][0] : toks[j + chain][0]] + more
    # a unit and, further on in the same phrase, its parent: "Abteilung Cyber-Sicherheit
    # in der Digitalisierung ... beim BSI" -> "Abteilung Cyber-Sicherheit beim BSI"
    for j in range(last + 1, min(len(toks), last + 12)):
        w = toks[j][2]
        if w in {",", ";", ".", "(", ")", "who", "which", "that"}:
            break
        if w in {"at", "bei", "beim"}:
            i = j + 1 + (1 if j + 1 < len(toks) and toks[j + 1][2] in lex.articles else 0)
            more = _org(doc, lex, toks, i)
            if more:
                return f"{name} {w} {more}"
            break
    return name


def _org_name(doc: Doc, lex: Lexicon, name: str, after: str) -> str | None:
    """An organisation's name without an owner's "'s" ("the U.K.'s University of York"),
    but "at Moody's in May" keeps it; None for a place ("of Eastfield district")."""
    if after in doc.pack.words("aff_region_noun"):
        return None
    # "in NASA's science directorate": an owner before a noun is the organisation itself
    noun_next = after[:1].islower() and after.casefold() not in lex.preps and after.casefold() not in lex.clause
    if after[:1].isupper() or noun_next or lex.role_kind(after) or not name.endswith(("'s", "’s")):
        return re.sub(r"(?:'s|’s|'|’)$", "", name)
    return name


def _text(doc: Doc, toks: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    if end <= start:
        return None
    return doc.text[toks[start][0] : toks[end - 1][1]].strip(" ,.")


def without_holder(lex: Lexicon, affiliation: str | None, name: str) -> str | None:
    """An organisation read on into its role holder's name ("der Direktor der Luftfahrtbehörde
    Ana Ruiz": "Luftfahrtbehörde Ana Ruiz") without that name; None for the name alone, or
    for a type noun that only led to it ("Firma Ana Ruiz": the company is hers, unnamed)."""
    if affiliation == name:
        return None
    if affiliation and affiliation.endswith(" " + name):
        rest = affiliation[: -len(name) - 1].rstrip()
        return rest if rest and not lex.aff_type_re.fullmatch(rest.casefold()) else None
    return affiliation
