"""Speakers and cues, and the name-reading half of the speaker reader: a person, an
organisation or a role named at a position (cues.py reads where that position is)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .doc import Doc
from .lexicon import UPPER, Lexicon
from .name_words import given_name
from .names import Mention, People

_WORDS = re.compile(r"(?:\w\.){2,}(?:[’']s)?|[\w’'*&-]+|[^\w\s]")


@dataclass(slots=True)
class Speaker:
    """Who a cue attributes to: kind is person, pronoun, role, unnamed or org."""

    kind: str
    text: str
    start: int
    end: int
    mention: Mention | None = None
    gender: str = "?"
    role: str | None = None
    partners: list[Mention] = field(default_factory=list)
    org: str | None = None  # the affiliation the cue's own role phrase names, if read there


@dataclass(slots=True)
class Cue:
    """A speech verb or attribution phrase and its speaker (None if none was found)."""

    rule: str
    kind: str
    start: int
    end: int
    speaker: Speaker | None
    side: str

    @property
    def first(self) -> int:
        """Where the cue with its speaker begins."""
        return min(self.start, self.speaker.start) if self.speaker else self.start

    @property
    def last(self) -> int:
        """Where the cue with its speaker ends."""
        return max(self.end, self.speaker.end) if self.speaker else self.end


class NameReader:
    """Reads names, organisations and roles from the tokens beside a cue."""

    def __init__(self, doc: Doc, people: People, lex: Lexicon, preps: frozenset[str]) -> None:
        self.doc, self.people, self.lex, self.preps = doc, people, lex, preps
        self._no_full: set[str] = set()
        # English capitalises names only, German every noun: "CNN berichtete" vs "die Höhe"
        self.proper_by_case = bool(doc.pack.section("experts").get("flags", {}).get("proper_by_case", False))
        # words that join a group role to the person leading it ("Forscher um X", "researchers led by X")
        self.group = doc.pack.words("exp_group_prep")
        self.genitive = doc.pack.words("exp_genitive_article")  # "Sprecher der Kommissarin X"
        self.subordinators = doc.pack.words("exp_subordinator")  # "Wie X mitteilte": the subject after them
        self.say = doc.pack.words("exp_say")
        self.media_heads = doc.pack.words("aff_media_head")  # a medium by its last word: "Kieler Rundschau"
        self.conj = doc.pack.words("exp_conj")  # "X kam und sagte": two predicates, one subject
        plural = doc.pack.section("experts").get("flags", {}).get("plural_verb")
        self.plural_verb = re.compile(plural) if plural else None

    def _orgish(self, words: list[str], start: int, end: int) -> bool:
        """Whether capitalised words name an organisation rather than a common noun."""
        lex = self.lex
        if words and (" ".join(words).casefold() in lex.media or (len(words) > 1 and words[-1].casefold() in self.media_heads)):
            return True  # a medium: ", so Bloomberg", "die Frankfurter Rundschau" (though "Zeitung" is no name)
        if not words or any(w in lex.never for w in words[-1:]):
            return False
        if self.doc.is_claimed(start, end) or self.proper_by_case and all(w[:1].isupper() or not w[:1].isalpha() for w in words):
            return True
        return any(
            lex.is_org_word(w) or (w.isupper() and len(w) > 1) or re.search(r"[a-z][A-Z]|\w\.\w", w) for w in words
        )


    def _org_or_name(self, toks: list[tuple[int, int, str]], k: int, start: int, art: str | None) -> Speaker | None:
        # "laut Verhandlungsführer Uwe Ratke": a noun the role lists lack, right before a full name
        m = self._mention_at(toks[k + 1][0], None) if k + 1 < len(toks) else None
        if m is not None and m.full and not m.possessive and not self.proper_by_case and not self._stop(toks[k][2]) and toks[k][2].isalpha():
            return Speaker("person", m.text, m.start, m.end, m, role=toks[k][2])
        j = k
        while j < len(toks) and (toks[j][2][:1].isupper() or toks[j][2][:1].isdigit() or self._joins(toks, j)):
            dotted = j + 1 < len(toks) and toks[j + 1][2] == "." and bool(self.lex.role_kind(toks[j][2] + "."))
            if self.lex.role_kind(toks[j][2]) or dotted:  # "Army Capt. X": an abbreviated rank
                # "die Stuttgarter Sportdirektorin": a capitalised adjective before a role
                while j + 1 < len(toks) and self.lex.role_kind(toks[j + 1][2]):
                    j += 1  # "Press Secretary"
                return self._named_after(toks, j, start, art) or self._role_after(toks[j:], start, art, toks[j][2])
            j += 1
        j = self._modified_role(toks, j)
        if j < len(toks) and self.lex.role_kind(toks[j][2]):
            # "said one GOP operative": a lower-case role after capitalised modifiers
            end = toks[j][1]
            return self._named_after(toks, j, start, art) or self._role_speaker(
                self.doc.text[start:end], start, end, art, toks[j][2]
            )
        words = [t[2] for t in toks[k:j]]
        if not art and self.proper_by_case:
            # an unknown name after the verb ("said Kristinn Hrafnsson"); German nouns are capitalised too
            guess = self._guess_name(toks, k)
            if guess:
                return Speaker("person", guess.text, guess.start, guess.end, guess)
        if not self._orgish(words, toks[k][0], toks[j - 1][1]):
            return None
        end = toks[j - 1][1]
        return Speaker("org", self.doc.text[start:end], start, end)


    def _modified_role(self, toks: list[tuple[int, int, str]], j: int) -> int:
        """The index of a role that up to two lower-case modifiers put after capitalised
        words ("said Dorsey campaign spokesman X", "said ACLU executive director Y"), if a
        name follows it; else ``j`` unchanged."""
        if not self.proper_by_case:
            return j  # German writes nouns capitalised: a lower-case word there is a verb or an adjective
        for n in range(j, min(len(toks) - 1, j + 3)):
            w = toks[n][2]
            if self.lex.role_kind(w) and n > j:
                while n + 1 < len(toks) and self.lex.role_kind(toks[n + 1][2]):
                    n += 1  # "executive director"
                nxt = toks[n + 1][2] if n + 1 < len(toks) else ""
                return n if _titlecase(nxt) or self._title_at(toks, n + 1) else j
            if not (w.isalpha() and w[:1].islower()) or w in self.preps or w.casefold() in self.lex.clause or w in self.lex.skip:
                return j
        return j

    def _title_at(self, toks: list[tuple[int, int, str]], k: int) -> bool:
        """Whether ``toks[k]`` is a title, also one split from its period ("Rev" ".")."""
        w = toks[k][2]
        return self.lex.is_title(w) or (k + 1 < len(toks) and toks[k + 1][2] == "." and toks[k + 1][0] == toks[k][1] and self.lex.is_title(w + "."))

    def _abbrev(self, w: str) -> bool:
        """Whether ``w`` before a period is a title or a role abbreviation ("Dr", "Rev", "Rep")."""
        return self.lex.is_title(w) or self.lex.is_title(w + ".") or bool(self.lex.role_kind(w + ".") or self.lex.role_kind(w))


    def _joins(self, toks: list[tuple[int, int, str]], j: int) -> bool:
        # "Department of Correction": a connector between capitalised words
        return (
            j > 0
            and toks[j][2] in self.lex.complement
            and toks[j - 1][2][:1].isupper()
            and j + 1 < len(toks)
            and toks[j + 1][2][:1].isupper()
        )


    def _named_after(self, toks: list[tuple[int, int, str]], j: int, start: int, art: str | None) -> Speaker | None:
        """The person named right after a role: "said White House Press Secretary Stephanie
        Grisham", "said Department of Correction spokesman Jason Kersten"."""
        if art is not None or j + 1 >= len(toks):
            return None  # "der Sprecher X" is read by the caller's own loop
        role = self.doc.text[start : toks[j][1]]
        n = j + 2 if toks[j + 1][2] == "." and j + 2 < len(toks) else j + 1  # "said Democratic Rep. Dina Titus"
        m = self._mention_at(toks[n][0], None)
        for n2 in range(n, min(len(toks), n + 4)):  # "said Pentagon spokesman Navy Capt. Jeff Davis": ranks between
            if m is not None or not (toks[n2][2][:1].isupper() or toks[n2][2] == "."):
                break
            m = self._mention_at(toks[n2 + 1][0], None) if n2 + 1 < len(toks) else None
        if m is None and self.proper_by_case:
            m = self._guess_name(toks, n)
        if m is None or m.possessive:
            return None
        return Speaker("person", m.text, m.start, m.end, m, role=role)


    def _surname_person(self, s: int, e: int) -> Speaker | None:
        """A lone surname as speaker ("Phoenix said", "sagt de Decker") whose full name
        stood earlier with a given name the gazetteer lacks ("Joaquin Phoenix"): that
        earlier name becomes a person and this word its short form."""
        text = self.doc.text
        word = text[s:e]
        last = word.split()[-1]
        if not _titlecase(last.replace("-", "")) or self._stop(last) or last in self.lex.articles:
            return None
        if word in self._no_full:
            return None  # already looked for, and no earlier full name
        rx = re.compile(rf"(?<![\w-])([{UPPER}][\w’'-]+)[ \u00a0]+{re.escape(word)}(?![\w-])")  # per word: not for the persistent cache
        for m in rx.finditer(text, 0, s):
            given = m.group(1)
            if not _titlecase(given) or self._stop(given) or given in self.lex.articles or self.lex.is_title(given):
                continue
            if (len(given) > 12 or self.lex.aff_type_re.search(given.casefold())) and not given_name(self.lex, given):
                continue  # "Computerunternehmen Apple", "Passagierflugzeug Airbus": a compound noun, no given name
            if given.endswith(("’s", "'s", "’", "'")) or (self.lex.genitive_s and given.endswith("s") and " " not in word and not given_name(self.lex, given)):
                continue
            if self.people.add(m.start(1), m.end()) is None:
                continue
            for x in self.people.within(s, e):
                if x.end == e and not x.possessive:
                    return Speaker("person", x.text, x.start, x.end, x)
            return None
        self._no_full.add(word)
        return None


    def _guess_name(self, toks: list[tuple[int, int, str]], k: int) -> Mention | None:
        # an unknown name in a speaker slot: two or three title-case words
        j = k
        while j < len(toks) and j < k + 3 and _titlecase(toks[j][2]) and not self._stop(toks[j][2]):
            j += 1
        if j - k < 2 or (j < len(toks) and toks[j][2][:1].isupper()):
            return None
        added = self.people.add(toks[k][0], toks[j - 1][1])
        if added is None:
            # "Yunfan Gerry Zhang": the known "Gerry Zhang" inside the guess is the person
            added = next((m for m in self.people.within(toks[k][0], toks[j - 1][1]) if m.end == toks[j - 1][1]), None)
        return added


    def _stop(self, w: str) -> bool:
        lex = self.lex
        return w in lex.never or lex.is_org_word(w) or bool(lex.role_kind(w)) or w in lex.particles


    def _role_speaker(self, phrase: str, start: int, end: int, art: str | None, role: str) -> Speaker:
        definite = art is not None and art.casefold() in self.doc.pack.words("name_article_definite")
        plural = role.endswith(("innen", "*innen")) or (role.endswith("s") and self.lex.role_kind(role[:-1]) is not None)
        gender = "f" if role.casefold().endswith(("in", "woman")) else "?"
        kind = "role" if definite and not plural else "unnamed"
        return Speaker(kind, phrase, start, end, gender=gender, role=phrase if art is None else phrase[len(art) :].strip())


    def _mention_at(self, s: int, e: int | None) -> Mention | None:
        for m in self.people.within(s, (e or s) + 120):
            if m.start == s and (e is None or m.end == e):
                return m
        return None

    def _role_after(self, toks: list[tuple[int, int, str]], start: int, art: str | None, role: str) -> Speaker:
        """A role after the verb: the person named in commas after it, else the role itself."""
        end = next(t[1] for t in toks if t[2] == role)
        named = self._named_apposition(toks, end)
        if named is not None:
            named.role = self.doc.text[start:end] if art is None else self.doc.text[start:end][len(art) :].strip()
            return named
        return self._role_speaker(self.doc.text[start:end], start, end, art, role)

    def _named_apposition(self, toks: list[tuple[int, int, str]], end: int) -> Speaker | None:
        """The person named in commas after a role phrase: "erklärte der damalige
        Kassenwart des Kreisverbandes, Klaus K., in ...", or right after the role's genitive
        ("so der Chef des Verwaltungsrats Ulrich Müller"; but in "der Sprecher der Ministerin
        Anna Roth" the name is the minister's, not the speaker's)."""
        k = next((i for i, t in enumerate(toks) if t[0] >= end), len(toks))
        paren = False  # "der Direktor der Atomenergie-Organisation (IAEO), X": the acronym is the organisation's
        for i in range(k, min(len(toks) - 1, k + 10)):
            if paren or toks[i][2] in "()":
                paren = toks[i][2] != ")" and (paren or toks[i][2] == "(")
                continue
            if i > k + 1 and toks[k][2] in self.genitive:
                m = self._mention_at(toks[i][0], None)
                if m is not None and m.full and not m.possessive and not self.lex.role_kind(toks[i - 1][2]) \
                        and not self._title_at(toks, i - 1) and self._ends_clause(m.end):
                    return Speaker("person", m.text, m.start, m.end, m)
            if toks[i][2] == ",":
                j = i + 1
                while j < min(len(toks) - 1, i + 4) and (self._title_at(toks, j) or self.lex.role_kind(toks[j][2])):
                    j += 1  # "..., General X": the title before the name
                m = self._mention_at(toks[j][0], None)
                # a full name may go on with the rest of the clause ("..., General X heute in Y")
                if m is not None and not m.possessive and (m.full or self.doc.text[m.end : m.end + 1] in {",", ".", ""}):
                    return Speaker("person", m.text, m.start, m.end, m)
                return None
            if not re.match(r"\w", toks[i][2]) or toks[i][2].casefold() in self.lex.clause:
                return None
        return None


    def _ends_clause(self, pos: int) -> bool:
        """Whether a comma, a sentence end or a lower-case word (the verb) follows ``pos``."""
        nxt = self.doc.text[pos : pos + 2].lstrip(" ")[:1]
        return not nxt or nxt in ",.;:!?" or nxt.islower()

    def _without_adverbs(self, prev: str) -> str:
        """``prev`` without the adverbs and auxiliaries that end it ("..., forcefully")."""
        while True:
            cut = prev.rfind(" ")
            if cut < 0 or prev[cut + 1 :].casefold() not in self.lex.skip:
                return prev
            prev = prev[:cut].rstrip()


def _titlecase(w: str) -> bool:
    return len(w) > 1 and w[0].isupper() and any(c.islower() for c in w[1:]) and w.replace("-", "").replace("’", "").replace("'", "").isalpha()
