"""Citation cues: speech verbs and attribution phrases, each with the speaker next to it.

The rules (``experts.toml``) find the cue; the speaker is read from the words beside it:
before the verb ("Yang glaubt", "Shin Jong-woo, ein leitender Forscher ..., glaubt",
"InfoNation President Dan McDowell said"), after it ("sagte Yang", "said Bill Powers",
"laut Militärexperte Yang", "erzählt der Chef Matthias Frankenstein") or in a label
("Christoph Vilanek: ..."). A speaker is a named person, a pronoun, a role ("der
amtierende HSV-Präsident"), an unnamed source ("ein Sprecher") or an organisation
("CNN", "das Präsidialamt").
"""

from __future__ import annotations

import re

from .cue_appos import AppositionReader
from .cue_names import _WORDS, Cue, Speaker, _titlecase
from .cue_pronouns import tie_pronouns
from .cue_scan import _answer_follows, _next_word_not_speech, _not_speech, _noun_use, _scan
from .doc import Doc
from .lexicon import lexicon
from .names import People
from .roles import member_org

_CLOSERS = "“”\"«»‹›’'"
_OWNER = re.compile(r"\w[’']s$")  # "Post's": the owner before a name
_AGE = re.compile(r"\d+(?:-[a-zäöüß]+)+")  # an age reads like an adjective ("33-jährige", "45-year-old")
_BEFORE_SCAN, _CLAUSE_SCAN = 240, 600  # a speaker stands within these: a run-on sentence is not read whole per cue


def citations(doc: Doc) -> tuple[People, list[Cue]]:
    """The persons and cues of ``doc``, computed once and kept on the Doc: the sources
    extractor reads organisation speakers from them, the experts extractor persons."""
    memo = doc.__dict__.get("_citations")
    if memo is None:
        from .names import find_people

        people = find_people(doc)
        memo = (people, find_cues(doc, people))
        doc.__dict__["_citations"] = memo
    return memo  # type: ignore[no-any-return]


def find_cues(doc: Doc, people: People) -> list[Cue]:
    """Every citation cue of ``doc`` with its speaker, in text order."""
    lex = lexicon(doc.pack)
    preps = doc.pack.words("exp_prep")
    reader = _Reader(doc, people, lex, preps)
    first_person = doc.pack.words("quote_first_person")
    noun_next = doc.pack.words("exp_noun_next")
    not_speech = doc.pack.words("exp_separable_not")
    not_pairs = doc.pack.words("quote_not_speech")
    cues: list[Cue] = []
    spoken: set[tuple[int, int]] = set()  # a verb two rules find is one cue once one found its speaker
    for rule, m in _scan(doc):
        side = rule.get("speaker", "either")
        if side == "label":
            if _answer_follows(doc, m.end(), first_person):
                spk = reader.label(m.start("who"), m.end("who"))
                if spk:
                    cues.append(Cue(rule.id, "direct", m.start(), m.end(), spk, "label"))
            continue
        s, e = m.span("verb")
        if (s, e) in spoken:
            continue
        if doc.is_claimed(s, e) or _noun_use(doc.text, e, noun_next) or _not_speech(doc, m, not_speech) \
                or _next_word_not_speech(doc.text, e, not_pairs):
            continue
        spk = None if side == "none" else reader.speaker(s, e, side, rule.get("after_only_behind"))
        if spk is not None:
            spoken.add((s, e))
        cues.append(Cue(rule.id, rule.get("kind", "indirect"), s, e, spk, side))
    cues.sort(key=lambda c: c.start)
    tie_pronouns(doc, people, lex, cues)
    return cues


class _Reader(AppositionReader):
    """Reads the speaker beside a cue."""

    def speaker(self, s: int, e: int, side: str, behind: str | None) -> Speaker | None:
        text = self.doc.text
        lo, hi = self.doc.sentence_span(s)
        if text[max(lo, hi - 20) : hi].rstrip(" „“”\"«»").endswith("?"):
            return None  # a question reports nobody's statement
        spk = self._speaker(s, e, side, behind, max(lo, s - _CLAUSE_SCAN), min(hi, e + _CLAUSE_SCAN))
        if spk and self.plural_verb and self.plural_verb.search(text[s:e]):
            if spk.kind == "pronoun":
                return None  # "schrieben sie": they, not she
            if spk.kind == "role":  # "Die Meteorologen warnten": a group, no anaphor of one person
                spk.kind = "unnamed"
        return spk

    def _speaker(self, s: int, e: int, side: str, behind: str | None, lo: int, hi: int) -> Speaker | None:
        text = self.doc.text
        prev = text[lo:s].rstrip()
        after_quote = bool(prev) and (prev[-1] in _CLOSERS or (prev[-1] == "," and prev[:-1].rstrip()[-1:] in _CLOSERS))
        after_ok = side in ("after", "either") and (not behind or (prev[-1:] in behind if prev else False))
        before_ok = side in ("before", "either")
        if side == "clause":
            return self.clause(lo, s)
        if side == "subject":
            return self.subject(max(self.doc.sentence_span(s)[0], s - _CLAUSE_SCAN), s)
        if side in ("before", "either"):
            spk = self.subordinate(lo, s, e)
            if spk is not None:
                return spk
        order = ["after", "before"] if after_ok and (after_quote or side == "after") else ["before", "after"]
        for way in order:
            if way == "before" and before_ok:
                spk = self.before(lo, s)
                core = self._without_adverbs(prev)
                if spk is None and core.endswith(","):
                    # "X, the chief executive of Y, (forcefully) told ..."
                    spk = self.apposition(lo, len(core) + lo - 1)
                elif spk is None and len(prev) > 1 and prev[-1] in _CLOSERS and prev[-2] == ",":
                    # 'Gilley, author of the article "The Case for X," argued': the comma inside the title
                    spk = self.apposition(lo, len(prev) + lo - 2)
                elif spk is not None and spk.kind in ("role", "unnamed"):
                    spk = self.unclosed(spk, lo) or spk
                if spk is None or spk.kind == "org":
                    spk = self.unclosed_long(lo, s) or spk  # "X, ein Klimaexperte vom WWF erklärte"
            elif way == "after" and after_ok:
                spk = self.after(e, hi)
            else:
                continue
            if spk:
                return spk
        if before_ok and self._coordinated(lo, s):
            # "X spielte die Idee herunter und ist der Meinung, ...": the predicates share X
            return self.subject(max(self.doc.sentence_span(s)[0], s - _CLAUSE_SCAN), s)
        return None

    def _coordinated(self, lo: int, pos: int) -> bool:
        """Whether a conjunction joins the verb at ``pos`` to an earlier predicate ("... und sagte")."""
        words = self.doc.text[max(lo, pos - 40) : pos].split()
        return bool(words) and words[-1] in self.conj

    def label(self, s: int, e: int) -> Speaker | None:
        """The speaker of an interview or headline label ("Jansen: ...")."""
        m = self._mention_at(s, e)
        if m:
            return Speaker("person", m.text, m.start, m.end, m)
        words = self.doc.text[s:e].split()
        if 2 <= len(words) <= 3 and all(_titlecase(w) and not self._stop(w) for w in words):
            added = self.people.add(s, e)
            if added:
                return Speaker("person", added.text, added.start, added.end, added)
        if all(w[:1].isupper() and w not in self.lex.never for w in words):
            return Speaker("org", self.doc.text[s:e], s, e)
        return None

    # -- before the verb ------------------------------------------------------------
    def before(self, lo: int, pos: int) -> Speaker | None:
        """The subject that ends right before ``pos`` (skipping adverbs, "(SPD)")."""
        # the subject and what decides about it lie within a few words: tokenise only
        # the last stretch of a long sentence (from a word start)
        if pos - lo > _BEFORE_SCAN:
            cut = self.doc.text.find(" ", pos - _BEFORE_SCAN, pos)
            lo = cut + 1 if cut >= 0 else lo
        toks = [(m.start() + lo, m.end() + lo, m.group()) for m in _WORDS.finditer(self.doc.text[lo:pos])]
        k = len(toks) - 1
        while k >= 0 and toks[k][2].casefold() in self.lex.skip:
            k -= 1
        if k >= 0 and toks[k][2] == ")":
            while k >= 0 and toks[k][2] != "(":
                k -= 1
            k -= 1
        if k < 0:
            return None
        s, e, w = toks[k]
        if w in self.lex.pron_m or w in self.lex.pron_f:
            return Speaker("pronoun", w, s, e, gender="m" if w in self.lex.pron_m else "f")
        for m in self.people.within(max(lo, s - 80), e):
            if m.end == e and not m.possessive:
                j = next((i for i, t in enumerate(toks) if t[0] == m.start), None)
                if j is not None and self._in_pp(toks, j):
                    return None  # "zu Plänen von Bundesjustizminister Heiko Maas": no subject
                return Speaker("person", m.text, m.start, m.end, m)
        # "Helmut Peter von der Autohaus-Gruppe sagte": the organisation after the name ends here
        for m in reversed(self.people.within(lo, e)):
            member = None if m.possessive else member_org(self.doc, self.lex, m.end, place_ok=True)
            if member and (member[1] == e or self._place_only(member[1], e)):
                i = next((n for n, t in enumerate(toks) if t[0] == m.start), None)
                if i is not None and not self._in_pp(toks, i) and not any(t[2] in self.lex.clause for t in toks[i:]):
                    return Speaker("person", m.text, m.start, m.end, m)
            break
        j = k - 1 if k > 0 and toks[k - 1][2] in self.lex.particles else k
        if j == 0 or not (toks[j - 1][2][:1].isupper() or toks[j - 1][2] in self.lex.articles):
            named = self._surname_person(toks[j][0], e)
            if named:
                return named
        if self.proper_by_case:
            guessed = self._guess_before(toks, k)
            if guessed is not None:
                return guessed
        return self._np_backwards(toks, k)

    def _guess_before(self, toks: list[tuple[int, int, str]], k: int) -> Speaker | None:
        """An unknown two- or three-word name right before the verb, opening its clause
        ('“...,” Quinn Darrow said'; English only: there capitals mark names)."""
        j = k
        while j >= 0 and k - j < 3 and _titlecase(toks[j][2]) and not self._stop(toks[j][2]) and not _OWNER.search(toks[j][2]):
            j -= 1
        # only after a quote, a comma or an owner ("the Washington Post's Ishaan Tharoor wrote"): at a
        # sentence start "Apple Music said" is as likely a company
        owner = j >= 0 and bool(_OWNER.search(toks[j][2])) and any(t[2] in self.lex.articles for t in toks[max(0, j - 3) : j])
        if k - j < 2 or j < 0 or (toks[j][2] != "," and toks[j][2][:1] not in _CLOSERS and not owner):
            return None  # an owner counts after an article only: "the Post's X Y", not "Pagliano's Fifth Amendment"
        added = self.people.add(toks[j + 1][0], toks[k][1])
        return Speaker("person", added.text, added.start, added.end, added) if added and not added.possessive else None

    def clause(self, lo: int, pos: int) -> Speaker | None:
        """The subject anywhere in the clause before ``pos`` ("Lindner hat am Sonntag gesagt")."""
        text = self.doc.text
        cut = max(text.rfind(c, lo, pos) for c in ",;:„“”\"«»")
        start = max(lo, cut + 1)
        toks = [(m.start() + start, m.end() + start, m.group()) for m in _WORDS.finditer(text[start:pos])]
        if any(t[2].casefold() in self.lex.clause for t in toks):
            return None
        # "Das Ministerium hatte X zum Sieger erklärt", "Die Moslems haben X geschrieben": a noun
        # phrase before the finite verb is the subject, a person after it an object
        fronted = len(toks) > 2 and toks[0][2] in self.lex.articles and _titlecase(toks[1][2]) and toks[2][2][:1].islower()
        for m in reversed(self.people.within(start, pos)):
            j = next((i for i, t in enumerate(toks) if t[0] == m.start), None)
            if fronted and j is not None and j >= 2:
                continue
            if not m.possessive and j is not None and not self._in_pp(toks, j):
                return Speaker("person", m.text, m.start, m.end, m)
        at = next((i for i, t in enumerate(toks) if t[2] in self.lex.pron_m or t[2] in self.lex.pron_f), None)
        pron = toks[at] if at is not None else None
        if pron and at is not None and at + 1 < len(toks) and self.plural_verb and self.plural_verb.search(toks[at + 1][2]):
            pron = None  # "Sie haben angekündigt": they, not she
        if pron:
            return Speaker("pronoun", pron[2], pron[0], pron[1], gender="m" if pron[2] in self.lex.pron_m else "f")
        # adverbs, auxiliaries and a date only: "X, zuständig für Y, hatte bereits im Juni angekündigt"
        if cut > lo and text[cut] == "," and all(t[2].casefold() in self.lex.skip or self.doc.is_claimed(t[0], t[1])
                                                 or t[2] in self.preps for t in toks):
            # "X, Oberbefehlshaber der Armee, hat bereits angekündigt, ...": the subject before the apposition
            spk = self.apposition(lo, cut)
            if spk is not None:
                return spk
        return self.before(lo, pos)

    def _place_only(self, start: int, end: int) -> bool:
        """Whether only a place stands between an organisation and the verb: "Ken Rice vom
        Institut für Astronomie in Edinburgh erklärte"."""
        words = self.doc.text[start:end].split()
        return 2 <= len(words) <= 3 and words[0] in self.preps and all(_titlecase(w) for w in words[1:])

    def _np_backwards(self, toks: list[tuple[int, int, str]], k: int) -> Speaker | None:
        # a role or organisation noun phrase ending at toks[k]: "Der US-Präsident", "CNN"
        end = toks[k][1]
        j = k
        role = None
        art_at = None
        while j >= 0 and k - j <= 6:
            w = toks[j][2]
            if w in self.lex.articles:
                art_at = j
                break
            if not re.match(r"\w", w) or w.casefold() in self.lex.clause or w in self.preps:
                break
            if self.lex.role_kind(w) and role is None:
                role = w
            elif w[:1].islower() and (j == k or role is not None):
                if j == k:
                    return None  # a verb or adverb, not a subject
                break
            j -= 1
        first = art_at + 1 if art_at is not None else j + 1
        if first > k:
            return None
        before = art_at - 1 if art_at is not None else j
        if before >= 0 and toks[before][2].casefold() in self.preps:
            return None  # "in der fünften Liga", "Vor dem Konklave": a prepositional phrase, no subject
        if art_at is None and before >= 1 and toks[before][2][:1].islower() and toks[before - 1][2] in self.preps:
            return None  # "an seine Mitarbeiter", "for its workers": a determiner the article list lacks
        art = toks[art_at][2] if art_at is not None else None
        if art_at is not None and art in self.genitive and art_at > 0 and self.lex.role_kind(toks[art_at - 1][2]):
            owned = self._owned_role(toks, art_at - 1, end)
            if owned is not None:
                return owned
        start = toks[art_at][0] if art_at is not None else toks[first][0]
        phrase = self.doc.text[start:end]
        if role:
            return self._role_speaker(phrase, start, end, art, role)
        words = [t[2] for t in toks[first : k + 1]]
        if not self._orgish(words, toks[first][0], end):
            return None
        return Speaker("org", phrase, start, end)

    def _owned_role(self, toks: list[tuple[int, int, str]], k: int, end: int) -> Speaker | None:
        """The role that owns an organisation speaks ("Ein Sprecher des Verbands wies zurück")."""
        owner = self._np_backwards(toks, k)
        if owner is None or owner.kind not in ("role", "unnamed"):
            return None
        role = (owner.role or owner.text) + self.doc.text[owner.end : end]
        # "unnamed", not "role": no anaphor of the person named before ("X kritisierte ... Die Sprecherin der Y erklärte")
        return Speaker("unnamed", self.doc.text[owner.start : end], owner.start, end, gender=owner.gender, role=role)

    def _in_pp(self, toks: list[tuple[int, int, str]], j: int) -> bool:
        """Whether the mention at ``toks[j]`` is no subject: it stands in a prepositional
        phrase ("mit dem russischen Präsidenten X") or is the genitive owner of a role
        ("Ein Sprecher der Kommissarin X erklärte": the spokesperson speaks)."""
        j -= 1
        lowers = 0
        while j >= 0:
            w = toks[j][2]
            if self.lex.is_title(w) or self.lex.role_kind(w) or w == ".":
                j -= 1
            elif w in self.lex.articles:
                if w in self.genitive and j >= 1 and self.lex.role_kind(toks[j - 1][2]):
                    return True
                j -= 1
            elif w[:1].islower() and lowers < 2 and w not in self.preps and w.casefold() not in self.lex.clause:
                j, lowers = j - 1, lowers + 1  # "dem russischen Präsidenten": an adjective
            else:
                break
        if j >= 1 and toks[j][2] in self.group and self.lex.role_kind(toks[j - 1][2]):
            return False  # "Forscher um Aneta Afelt schreiben": the group's head speaks
        if j < 0:
            return False
        w = toks[j][2].casefold()  # "Über X sagte Y": a capitalised preposition opens the sentence
        # ... but "Von der Leyen" is a name's particle and "After X said" opens a clause
        return w in self.preps and not (w != toks[j][2] and (w in self.lex.particles or w in self.lex.clause))

    # -- after the verb -------------------------------------------------------------
    def after(self, pos: int, hi: int) -> Speaker | None:
        """The subject that starts right after ``pos`` ("sagte der Chef Matthias Frankenstein")."""
        toks = [(m.start() + pos, m.end() + pos, m.group()) for m in _WORDS.finditer(self.doc.text[pos : min(hi, pos + 160)])]
        art: str | None = None
        role: str | None = None
        start: int | None = None
        lowers = 0  # lower-case words between an article and the role ("der amtierende Präsident")
        skip = -1
        for k, (s, e, w) in enumerate(toks):
            if k <= skip:
                continue
            if start is None and (w.casefold() in self.lex.skip or self.doc.is_claimed(s, e)):
                continue  # "erklärte bereits 2017 der ...": adverbs and dates before the subject
            if start is None and (w in self.lex.pron_m or w in self.lex.pron_f):
                return Speaker("pronoun", w, s, e, gender="m" if w in self.lex.pron_m else "f")
            m = self._mention_at(s, None)
            if m and not m.possessive:
                return Speaker("person", m.text, m.start, m.end, m, role=role)
            if start is None:
                start = s
            if w == "." and k > 0 and toks[k - 1][1] == s and self._abbrev(toks[k - 1][2]):
                continue  # "Dr.", "Rep.", "the Rev." split in two
            if not re.match(r"\w", w):
                break
            if w in self.lex.articles:
                if art or role:
                    break
                art = w
                continue
            if self._title_at(toks, k):
                continue
            if start == s and not art and w in self.lex.particles and w not in self.lex.articles and k + 1 < len(toks):
                # "sagt de Decker": a surname with its particle
                named = self._surname_person(s, toks[k + 1][1])
                if named:
                    return named
            if (role is not None and w in self.group) or (role is None and not art and w.casefold() in self.lex.former):
                continue  # "schreiben Forscher um Aneta Afelt", "said former Denver mayor Paul Lund"
            if w[:1].islower() and not art and not self.lex.role_kind(w) and self._modified_role(toks, k) > k:
                skip = self._modified_role(toks, k)  # "said election lawyer X": modifiers before the role
                role = toks[skip][2]
                continue
            if (w[:1].islower() or _AGE.fullmatch(w)) and not self.lex.role_kind(w):  # "der 33-jährige Torwart X"
                if art and not role and lowers < 3 and w not in self.preps:
                    lowers += 1
                    continue
                break
            if self.lex.role_kind(w):
                role = w
                continue
            if w[:1].isupper() or w[:1].isdigit():
                if role is None and (art or k == 0 or toks[k - 1][2] not in self.preps):
                    alone = k + 1 >= len(toks) or not toks[k + 1][2][:1].isupper()
                    named = self._surname_person(s, e) if alone and not art else None
                    return named or self._org_or_name(toks, k, start, art)
                guess = self._guess_name(toks, k) if role is not None else None
                if guess:
                    return Speaker("person", guess.text, guess.start, guess.end, guess, role=role)
            break
        return self._role_after(toks, start, art, role) if role and start is not None else None
