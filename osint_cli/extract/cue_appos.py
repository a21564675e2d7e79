"""Appositions between a named subject and its verb: "Shin Jong-woo, ein Forscher ...,
glaubt", "Dara Pruitt, 54, a nurse in Dayton, Ohio, said", and the apposition whose closing
comma the writer left out ("Lena Haberkorn, die Sprecherin des Verbands teilte mit")."""

from __future__ import annotations

import re

from .cue_names import _WORDS, NameReader, Speaker
from .name_words import name_word
from .names import Mention
from .role_parts import _tokens
from .roles import _phrase

_APPOS_SCAN = 300
_CLOSERS = "“”\"«»‹›’'"
_STOPS = frozenset("„“”\"«»;:")
_AUX = re.compile(r"(\w+)\s*[,.]")


class AppositionReader(NameReader):
    """The apposition half of the speaker reader (cues.py adds the subject readers)."""

    def before(self, lo: int, pos: int) -> Speaker | None:
        """The subject that ends right before ``pos`` (cues.py)."""
        raise NotImplementedError

    def after(self, pos: int, hi: int) -> Speaker | None:
        """The subject that starts right after ``pos`` (cues.py)."""
        raise NotImplementedError

    def subordinate(self, lo: int, pos: int, end: int) -> Speaker | None:
        """The subject of a verb-final clause, right after the conjunction that opens it:
        "Wie der Bevollmächtigte der Kommission, Gerald Braun, in Luxemburg mitteilte, ..."
        (adverbials and an apposition stand between the subject and the verb)."""
        if not self.subordinators:
            return None
        text = self.doc.text
        nxt = text[end : end + 16].lstrip()
        aux = _AUX.match(nxt)
        if nxt[:1] not in ",." and not (aux and aux.group(1) in self.lex.skip):
            return None  # the verb must close its clause: "wie X mitteilte, ...", "als X erklärt hatte,"
        floor = max(lo, pos - _APPOS_SCAN)
        cut = text.find(" ", floor, pos) + 1 if floor > lo else floor
        for m in reversed(list(_WORDS.finditer(text, cut, pos))):
            w = m.group()
            if w in _STOPS:
                return None  # a quote or another clause lies between
            if w.casefold() in self.subordinators:
                head = text[lo : m.start()].rstrip()
                if head and head[-1] not in ",(–-":
                    return None  # "mehr als", "so wie": no conjunction opening a clause
                spk = self.after(m.end(), pos)
                return spk
        return None

    def subject(self, lo: int, pos: int) -> Speaker | None:
        """The subject that opens the main clause before a participle ("Sanders compared
        himself to Clinton, saying ...", "On Thursday, after weeks of silence, Warren
        endorsed Clinton, telling reporters ..."): fronted adverbials in commas are skipped;
        the subject is a person or a pronoun followed by its verb."""
        text = self.doc.text
        start = lo
        while start < pos:
            while start < pos and text[start].isspace():
                start += 1
            first = text[start:pos].split(None, 1)[0] if start < pos else ""
            low = first.casefold().strip(",")
            if not (low in self.preps or low in self.lex.clause or first[:1].islower()
                    or self.doc.is_claimed(start, start + len(first))):
                break  # the clause opens here
            comma = text.find(",", start, pos)
            if comma < 0:
                return None
            start = comma + 1
        words = text[start:pos].split()
        if not words or any(c in text[start:pos] for c in "“”\"«»„") or words[-1].rstrip(",") in self.say:
            return None  # '"...," Law said, noting': the participle goes on with that cue's quote
        if words[0] in self.lex.pron_m or words[0] in self.lex.pron_f:
            return Speaker("pronoun", words[0], start, start + len(words[0]), gender="m" if words[0] in self.lex.pron_m else "f")
        m = self._opening_person(start, pos)
        if m is None or any(w in self.lex.pron_m or w in self.lex.pron_f for w in text[m.end : pos].split()):
            return None  # "X was criticized, though last week he used stronger language, saying": he speaks
        rest = text[m.end : pos]
        if rest.lstrip().startswith(","):
            close = text.find(",", m.end + 1 + rest.index(","), pos)  # "Tracy Martin, Trayvon's father, issued"
            rest = text[close + 1 : pos] if close >= 0 else ""
        nxt = rest.split(None, 1)[0] if rest.strip() else ""
        if not nxt[:1].islower() or nxt.casefold() in self.lex.clause:
            return None  # a verb follows the subject ("Sanders and Clinton" is two, "Sanders' aide" none)
        return Speaker("person", m.text, m.start, m.end, m)

    def _opening_person(self, start: int, pos: int) -> Mention | None:
        """The person named first in the clause from ``start``, after titles, roles and their
        modifiers ("Sen. Mark Kirk", "Trump campaign manager Corey Lewandowski")."""
        text = self.doc.text
        for m in self.people.within(start, min(pos, start + 80)):
            lead = text[start : m.start].split()
            if any(not (self.lex.is_title(w) or self.lex.role_kind(w.rstrip(".")) or w[:1].isupper()
                        or any(self.lex.role_kind(v) for v in lead[n + 1 :])) for n, w in enumerate(lead)):
                return None  # the first person must open the clause
            after = text[m.end : pos].split()[:2]
            if m.possessive or any(self.lex.role_kind(w) for w in after):
                continue  # "Trump campaign manager X": a name before a role modifies it
            return m
        return None

    def apposition(self, lo: int, comma: int) -> Speaker | None:
        """The named subject before an apposition: "Shin Jong-woo, ein Forscher ..., glaubt"."""
        text = self.doc.text
        floor = max(lo, comma - _APPOS_SCAN)
        # up to three apposition segments: "Omar Lamrani, a senior analyst at Stratfor, the
        # Texas-based intelligence firm, told ...", "Dara Pruitt, 54, a nurse in Dayton, Ohio, said"
        named = self._named_segment(lo, comma)
        if named is not None:
            return named  # "A lawyer for the outlets, David Schulz, said": the name is the apposition
        for _ in range(4):
            c0 = text.rfind(",", floor, comma)
            while c0 > floor and text[c0 - 1 : c0].isdigit() and text[c0 + 1 : c0 + 2].isdigit():
                c0 = text.rfind(",", floor, c0)  # "mit 5,1 angegeben": a decimal comma
            if c0 >= 0 and self._place_tail(text[c0 + 1 : comma], text[max(floor, c0 - 30) : c0]):
                comma = c0  # "a nurse in Dayton, Ohio, said": the state is part of the segment before
                continue
            # after a full name any segment is its apposition ("X, Oberbefehlshaber der Armee, hat ...")
            # "James B. Comey Jr., the director ...": the name's period stands before the comma
            named_before = c0 >= 0 and any(m.full and text[m.end : c0] in ("", ".") and not m.possessive
                                           for m in self.people.within(max(lo, c0 - 60), c0))
            if c0 < 0 or not (named_before or self._appositive(text[c0 + 1 : comma], text[comma + 1 : comma + 2])):
                return None
            spk = self.before(lo, c0 - 1 if text[c0 - 1 : c0] == "." else c0)  # "... Comey Jr., the director"
            if spk and spk.kind == "person":
                return spk
            comma = c0
        return None

    def _named_segment(self, lo: int, comma: int) -> Speaker | None:
        """The person named alone between two commas right before the verb's comma."""
        text = self.doc.text
        c0 = text.rfind(",", lo, comma)
        if c0 < 0:
            return None
        s, e = c0 + 1, comma
        while s < e and text[s].isspace():
            s += 1
        if text[s:e].rstrip().endswith(")") and "(" in text[s:e]:
            e = text.rfind("(", s, e)  # "…, Henning Scherf (SPD), warnte": the party after the name
            while e > s and text[e - 1].isspace():
                e -= 1
        found = [m for m in self.people.within(s, e) if not m.possessive]
        # "…, Alpha Omar Konaré, nannte": a first given name the dictionary lacks opens the segment
        lead = text[s : found[0].start].split() if len(found) == 1 else []
        if len(lead) == 1 and (not name_word(self.lex, lead[0]) or self.lex.role_kind(lead[0])):
            return None
        if len(found) == 1 and len(lead) <= 1 and found[0].end == e and found[0].full:
            m = found[0]
            return Speaker("person", m.text, m.start, m.end, m)
        return None

    def _appositive(self, inner: str, after: str) -> bool:
        """Whether the words between two commas read as an apposition (a role phrase)."""
        inner = inner.strip()
        marks = sum(inner.count(q) for q in "„“”\"«»")
        if not inner or marks and not (marks % 2 == 1 and after in _CLOSERS):
            return False  # a quote's end, unless a quoted title closes right after the comma
        if inner.isdigit() and len(inner) <= 3:
            return True  # an age: "Quina Jones, 25, said"
        words = inner.split(" ", 2)
        first = words[0]
        if first.casefold() in self.lex.clause:
            return False
        # "Hong Kong’s new police commissioner": the owner may take two words
        owner = any(w.endswith(("'", "’", "’s", "'s")) for w in words[:2])
        return first in self.lex.articles or first[:1].islower() or owner or bool(self.lex.role_kind(first))

    def _place_tail(self, inner: str, before: str) -> bool:
        """Whether a segment is the region after a place ("in Dayton, Ohio", "in Cambridge,
        Mass."): one or two capitalised words right after a segment that ends in a
        capitalised word that a preposition introduced."""
        words = inner.split()
        if not 1 <= len(words) <= 2 or not all(w[:1].isupper() and w.rstrip(".").replace(".", "").isalpha() for w in words):
            return False
        tail = before.split()[-3:]
        if not tail or not tail[-1][:1].isupper():
            return False
        return any(w in self.preps for w in tail[:-1])

    def unclosed(self, spk: Speaker, lo: int) -> Speaker | None:
        """The person named before a role speaker that stands in an apposition whose
        closing comma is missing ("Lena Haberkorn, die Sprecherin des Verbands teilte mit",
        "Tom Reyes, captain of the Larks said"): the role is that person's."""
        text = self.doc.text
        comma = text.rfind(",", max(lo, spk.start - 60), spk.start)
        gap = text[comma + 1 : spk.start].split()
        # "Helen Hardy, the port spokeswoman said": the role reader stops at the role noun
        if comma < 0 or len(gap) > 4 or not all(w.replace("-", "").replace("’", "").isalpha() for w in gap):
            return None
        return self._opener(lo, comma, spk.end, spk.role or spk.text)

    def unclosed_long(self, lo: int, pos: int) -> Speaker | None:
        """The person before an apposition that runs on to the verb without its closing
        comma, past places and organisations ("Stephen Singer, ein Klimaexperte vom WWF
        erklärte", "Nurur Rahman, der Koordinator der Safety Authority teilte mit")."""
        text = self.doc.text
        comma = text.rfind(",", max(lo, pos - 160), pos)
        gap = text[comma + 1 : pos].split()
        if comma < 0 or not 2 <= len(gap) <= 16 or any(c in text[comma + 1 : pos] for c in "„“”\"«»;:"):
            return None
        lex = self.lex
        opens = lex.role_kind(gap[0]) or (gap[0] in lex.articles and any(lex.role_kind(w) for w in gap[1:4]))
        if not opens or any(w.casefold() in lex.clause and w.casefold() not in lex.complement for w in gap):
            return None  # the apposition opens with its role: "ein Klimaexperte", "president and CEO of"
        return self._opener(lo, comma, pos, None)

    def _opener(self, lo: int, comma: int, end: int, fallback: str | None) -> Speaker | None:
        """The full name that ends at ``comma`` and opens its sentence, with the role read
        from the apposition between ``comma`` and ``end``."""
        text = self.doc.text
        named = [m for m in self.people.within(max(lo, comma - 60), comma) if m.end == comma]
        if len(named) != 1 or not named[0].full or named[0].possessive:
            return None
        m = named[0]
        # the name must open its sentence (or follow a quote or colon), not end a list, a
        # prepositional phrase or an object ("mit X, der Sprecher ...", "called X, the man said")
        head = text[lo : m.start].rstrip()
        if head and head[-1] not in ".!?:;„“”\"«»\n":
            return None
        # the role phrase read alone: the apposition reader of roles.py would run on past the
        # missing comma into the verb's clause ("... teilte am Montag mit")
        read = _phrase(self.doc, self.lex, _tokens(self.doc, comma + 1, end), "apposition")
        if read is None or not read.role:
            return Speaker("person", m.text, m.start, m.end, m, role=fallback) if fallback or read is not None else None
        return Speaker("person", m.text, m.start, m.end, m, role=read.role, org=read.affiliation)

