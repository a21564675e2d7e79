"""Appositions between a named subject and its verb: "Shin Jong-woo, ein Forscher ...,
glaubt", "Dara Pruitt, 54, a nurse in Dayton, Ohio, said", and the apposition whose closing
comma the writer left out ("Lena Haberkorn, die Sprecherin des Verbands teilte mit")."""

from __future__ import annotations

from .cue_names import NameReader, Speaker
from .name_words import name_word
from .role_parts import _tokens
from .roles import _phrase

_APPOS_SCAN = 300
_CLOSERS = "“”\"«»‹›’'"


class AppositionReader(NameReader):
    """The apposition half of the speaker reader (cues.py adds the subject readers)."""

    def before(self, lo: int, pos: int) -> Speaker | None:
        """The subject that ends right before ``pos`` (cues.py)."""
        raise NotImplementedError

    def apposition(self, lo: int, comma: int) -> Speaker | None:
        """The named subject before an apposition: "Shin Jong-woo, ein Forscher ..., glaubt"."""
        text = self.doc.text
        floor = max(lo, comma - _APPOS_SCAN)
        # up to three apposition segments: "Omar Lamrani, a senior analyst at Stratfor, the
        # Texas-based intelligence firm, told ...", "Dara Pruitt, 54, a nurse in Dayton, Ohio, said"
        named = self._named_segment(lo, comma)
        if named is not None:
            return named  # "A lawyer for the outlets, David Schulz, said": the name is the apposition
        for _ in range(3):
            c0 = text.rfind(",", floor, comma)
            while c0 > floor and text[c0 - 1 : c0].isdigit() and text[c0 + 1 : c0 + 2].isdigit():
                c0 = text.rfind(",", floor, c0)  # "mit 5,1 angegeben": a decimal comma
            if c0 >= 0 and self._place_tail(text[c0 + 1 : comma], text[max(floor, c0 - 30) : c0]):
                comma = c0  # "a nurse in Dayton, Ohio, said": the state is part of the segment before
                continue
            # after a full name any segment is its apposition ("X, Oberbefehlshaber der Armee, hat ...")
            named_before = c0 >= 0 and any(m.full and m.end == c0 and not m.possessive for m in self.people.within(max(lo, c0 - 60), c0))
            if c0 < 0 or not (named_before or self._appositive(text[c0 + 1 : comma], text[comma + 1 : comma + 2])):
                return None
            spk = self.before(lo, c0)
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
        read = _phrase(self.doc, self.lex, _tokens(self.doc, comma + 1, spk.end), "apposition")
        if read is None or not read.role:
            return Speaker("person", m.text, m.start, m.end, m, role=spk.role or spk.text)
        return Speaker("person", m.text, m.start, m.end, m, role=read.role, org=read.affiliation)

