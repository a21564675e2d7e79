"""Normalisation of matched date expressions to TIMEX3 values, in reading order.

The Resolver keeps what relative expressions need: the reference date (replaced by a live
blog's update stamp for the text under it), the last date mentioned (for "a year earlier",
"am selben Tag" and times without a day), an explicit year earlier in the same sentence
("in the summer of 2004 ... in mid-August"), and the tense cues of each sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..rules import RulePack, cached_regex
from . import timex
from .dates_kinds import KINDS, time
from .dates_types import Hit, Val
from .doc import Doc
from .timex import Tense

__all__ = ["Hit", "Resolver", "Val"]

# clause boundaries: a tense cue beyond them is only used when the clause has none
_SENTENCE_END = set(".!?:;\"“”»«)")
_MONTHS_SPAN = re.compile(r"P(?:[2-9]|1[01])M\Z")  # a report's span of months: six, nine
_CLAUSE = re.compile(r"[,;:–—()\[\]\"„“”«»]")


@dataclass
class Resolver:
    """Normalises hits one after another; see the module docstring for the state it keeps."""

    doc: Doc
    pack: RulePack
    tense_re: re.Pattern[str]
    stamp_re: re.Pattern[str] | None
    narrative: bool = False
    ref: date | None = None
    last: tuple[date, str] | None = None
    last_day: date | None = None
    last_quarter: tuple[int, date, str] | None = None  # sentence, start and unit (Q, HALF) of the last report period
    # the last such period reported on: what "a year earlier" compares (results are reported
    # for periods begun by the reference date; "into the fourth quarter" is an outlook)
    last_closed: tuple[int, date, str] | None = None
    # where the last report period and the last span of months ("the first nine months") were
    # named: after such a span, "the 1988 period" is that span in 1988 (a year's part, not a quarter)
    _quarter_at: int = -1
    _months_at: int = -1
    sent_year: tuple[int, int] | None = None
    story: tuple[int, int, int] | None = None
    _maps: dict[str, dict[str, Any]] = field(default_factory=dict)
    _line: int = -1
    _section: tuple[date, str] | None = None
    _heading: bool = False
    _cues: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ref = self.doc.reference

    # ---- entry point ----------------------------------------------------------------------

    def resolve(self, hit: Hit) -> Val | None:
        """The value of one hit (joined day and time together); updates the state.

        Total: a value outside the calendar (years 1 to 9999: "8000 years later", a
        reference date at either end) leaves the expression unresolved, never raises."""
        try:
            return self._resolve(hit)
        except (ValueError, OverflowError, ArithmeticError):
            self.doc.note("dates", hit.start, hit.end, "dates.out-of-range", True)
            return Val(None, "duration" if hit.kind == "duration" else "time" if hit.kind == "time" else "date", unresolved=True)

    def _resolve(self, hit: Hit) -> Val | None:
        if self.narrative:
            self._new_paragraph(hit)
        if hit.partner is None or hit.kind == "offset":
            v = self._one(hit)
        elif "time" in (hit.kind, hit.partner.kind):
            day_hit, time_hit = (hit.partner, hit) if hit.kind == "time" else (hit, hit.partner)
            dv = self._one(day_hit)
            if dv is None:
                return None
            v = time(self, time_hit, dv.day if dv.day else None, dv.unresolved)
            if v is not None:
                v.mod, v.year = dv.mod or v.mod, dv.year
        else:
            v = self._one(hit if hit.kind == "calendar" else hit.partner)
        if v is not None:
            self._remember(hit, v)
        return v

    def _one(self, hit: Hit) -> Val | None:
        handler = KINDS.get(hit.kind)  # the rule's declared kind
        return handler(self, hit) if handler else None

    def _new_paragraph(self, hit: Hit) -> None:
        # narratives: a heading that is only a date ("1862") frames its section; a new
        # paragraph counts from it again, not from a digression at the end of the last one
        text = self.doc.text
        line = text.rfind("\n", 0, hit.start) + 1
        if line != self._line:
            self._line = line
            if self._section is not None:
                self.last = self._section
        end = text.find("\n", hit.end)
        heading = text[line : end if end >= 0 else len(text)].strip()
        self._heading = heading == text[hit.start : hit.end].strip()

    def _remember(self, hit: Hit, v: Val) -> None:
        if self.narrative and self._heading and v.point is not None and v.unit is not None:
            self._section = (v.point, v.unit)
        # news compare with the present: "a year earlier" twice is the same year, not two back
        counted = hit.kind in ("anaphor", "shift") and v.unit in ("Y", "Q") and not self.narrative
        if v.point is not None and v.unit is not None and not counted:
            self.last = (v.point, v.unit)
        own = not v.counted and not hit.data.get("period")
        if own and v.point is not None and v.unit in ("Q", "HALF") and (hit.kind in ("calendar", "relative") or hit.data.get("needs_last")):
            # the report's period: written out or "the quarter", never one counted back from it
            self.last_quarter = (self.doc.sentence_index(hit.start), v.point, v.unit)
            self._quarter_at = hit.start
            if (self.ref is None or v.point <= self.ref) and self.tense(hit) not in ("future", "intent"):
                self.last_closed = self.last_quarter
        if hit.kind == "duration" and v.value and _MONTHS_SPAN.match(v.value):
            self._months_at = hit.start
        if v.day is not None:
            self.last_day = v.day
            if v.year is not None and self._is_stamp(hit):
                self.ref = v.day
        if v.year is not None:
            self.sent_year = (self.doc.sentence_index(hit.start), v.year)
            if v.point is not None and v.unit in ("D", "M"):
                self.story = (self.sent_year[0], v.year, v.point.month)

    def _is_stamp(self, hit: Hit) -> bool:
        if self.stamp_re is None:
            return False
        text = self.doc.text
        line = text.rfind("\n", 0, hit.start) + 1
        return hit.start - line <= 40 and self.stamp_re.match(text[line : hit.start]) is not None

    # ---- helpers ----------------------------------------------------------------------------

    def m(self, name: str) -> dict[str, Any]:
        """A normalisation map of the pack, cached."""
        if name not in self._maps:
            self._maps[name] = self.pack.mapping(name)
        return self._maps[name]

    def look(self, name: str, word: str) -> Any:
        """The normalised value of ``word`` in map ``name`` (white space folded)."""
        return self.m(name).get(" ".join(word.split()).casefold())

    def num(self, s: str) -> float | int | str | None:
        """A number written with digits or as a word; "X" for vague ones ("einige")."""
        k = " ".join(s.split()).casefold().rstrip("-")
        if k[:1].isdigit():
            whole, _, frac = k.partition(" ")
            half = 0.5 if frac in ("1/2", "½") else 0  # "5 1/2 hours"
            return float(whole.replace(",", ".")) + half if ("," in whole or "." in whole or half) else int(whole)
        found = self.look("date_numword", k)
        if found is None and len(parts := re.split(r"[\s-]+", k)) == 2:
            # "twenty four", "thirty-six": tens and ones
            tens, ones = (self.look("date_numword", w) for w in parts)
            if isinstance(tens, int) and isinstance(ones, int) and tens % 10 == 0 and 20 <= tens and 0 < ones < 10:
                return tens + ones
        return found if found is not None else self.look("date_numstem", k)  # type: ignore[no-any-return]

    def quarter_back(self, hit: Hit, years: float, window: int = 3) -> Val | None:
        """A year's shift from the last quarter named within ``window`` sentences: earnings
        reports compare quarters ("the third quarter ... a year earlier" is last year's third
        quarter), so the shift keeps the quarter."""
        found = (self.last_closed or self.last_quarter) if years else self.last_quarter
        if found is None or not float(years).is_integer():
            return None
        at, point, unit = found
        if not 0 <= self.doc.sentence_index(hit.start) - at <= window:
            return None
        d = timex.shift(point, "Y", int(years))
        return Val(timex.fmt(d, unit), point=d, unit=unit, counted=bool(years))

    def report_period(self, year: int) -> Val | None:
        """The report's quarter (or half) in ``year`` ("the 1988 period"); None after a span
        of months was named since ("the first nine months ... the 1988 period" is a year)."""
        if self.last_quarter is None or self._months_at > self._quarter_at:
            return None
        point = date(year, self.last_quarter[1].month, 1)
        unit = self.last_quarter[2]
        return Val(timex.fmt(point, unit), point=point, unit=unit, year=year)

    def anchor(self) -> date | None:
        """What relative expressions count from: the reference, or the last date in narratives."""
        if self.narrative and self.last is not None:
            return self.last[0]
        return self.ref

    def anchor_day(self) -> date | None:
        """A day to count days from (narratives: the last day mentioned)."""
        if self.narrative:
            return self.last_day or (self.last[0] if self.last else self.ref)
        return self.ref

    def mod(self, g: dict[str, str]) -> str | None:
        """START/MID/END from a part word, else the qualifier's mod."""
        if "part" in g:
            return self.look("date_part", g["part"]) or None
        if "qual" in g:
            return self.look("date_qualifier", g["qual"]) or None
        return None

    def tense(self, hit: Hit, skip: tuple[str, ...] = (), raw: bool = False) -> str | None:
        """'past', 'future', 'intent' or 'present' around ``hit`` (None: no cue): the preposition
        decides ("seit"), else the closest strong cue in the clause, else in the sentence; a
        present verb with none gives 'present'. Cues of the kinds in ``skip`` are not read; a
        conditional ("would") counts as future unless ``raw`` asks for it as 'conditional'."""
        if "prep" in hit.g:
            t = self.look("date_prep", hit.g["prep"])
            if t in ("past", "future"):
                return t  # type: ignore[no-any-return]
        i = self.doc.sentence_index(hit.start)
        s0, s1 = self.doc.sentence_span(hit.start)
        cues = [c for c in self._sentence_cues(i) if (c[1] <= hit.start or c[0] >= hit.end) and c[2] not in skip]
        if not cues:
            heading = self._heading_tense(i, s1)
            return "future" if heading == "conditional" and not raw else heading
        text = self.doc.text
        clause = self.clause_re()
        left = max((b.end() + s0 for b in clause.finditer(text[s0 : hit.start])), default=s0)
        right_m = clause.search(text, hit.end, s1)
        right = right_m.start() if right_m else s1
        # a clause without any verb (German "Am 12. Februar, als ...") takes the sentence's
        # cues; one in parentheses glosses what stands before it ("will leave at 4 (4 a.m.
        # Thursday), Castro said"): the cues before the parenthesis first
        pool = [c for c in cues if c[0] >= left and c[1] <= right]
        strong = [c for c in pool or cues if c[2] != "present"]
        if not pool and text[left - 1 : left] == "(":
            strong = [c for c in strong if c[1] < left] or strong
        if not strong:
            return "present"
        kind = min(strong, key=lambda c: hit.start - c[1] if c[1] <= hit.start else c[0] - hit.end)[2]
        return "future" if kind == "conditional" and not raw else kind

    def _sentence_cues(self, i: int) -> list[tuple[int, int, str]]:
        if i not in self._cues:
            s0, s1 = self.doc.starts[i], self.doc.ends[i]  # not doc.sentences: a new list per call
            self._cues[i] = [(c.start(), c.end(), c.lastgroup or "") for c in self.tense_re.finditer(self.doc.text, s0, s1)]
        return self._cues[i]

    def _heading_tense(self, i: int, end: int) -> str | None:
        """A heading without a verb ("Neue Abstimmung am Montag") previews the text under
        it: the tense of the next sentence, its first past or future cue, else present."""
        text, last = self.doc.text, end
        while last > 0 and text[last - 1].isspace():  # no copy of the text before (quadratic on long texts)
            last -= 1
        if text[last - 1 : last] in _SENTENCE_END or i + 1 >= len(self.doc.starts):
            return None
        nxt = self._sentence_cues(i + 1)
        strong = [c for c in nxt if c[2] != "present"]
        return strong[0][2] if strong else "present" if nxt else None

    def clause_re(self) -> re.Pattern[str]:
        """Clause boundaries: punctuation, and the pack's clause words (relative pronouns that
        open a clause without a comma: "their 2020 session that starts in early January")."""
        if "_clause" not in self._maps:
            words = sorted(self.pack.words("date_clause_word"), key=len, reverse=True)
            alt = "|".join(re.escape(w) for w in words)
            self._maps["_clause"] = {"re": cached_regex(_CLAUSE.pattern + (rf"|(?<!\w)(?:{alt})(?!\w)" if alt else ""), re.IGNORECASE)}
        return self._maps["_clause"]["re"]  # type: ignore[no-any-return]

    def year_tense(self, hit: Hit) -> Tense:
        """The tense that may move a year-less date into the previous or next year (present: none)."""
        t = self.tense(hit)
        t = "future" if t == "intent" else t  # "agreed to buy ... in February": the purchase comes later
        return t if t in ("past", "future") else None  # type: ignore[return-value]

    def day_tense(self, hit: Hit) -> Tense:
        """Which way a bare weekday points: future after a future or present verb, else past.

        A weekday as a possessive ("Friday's decline", pack words ``date_day_past_after``)
        names an event already reported: a present verb or a conditional ("would get around
        Wednesday's ruling") does not move it.
        An intention ("voted to close the road Tuesday") does not point it: most often the day
        is the decision's."""
        t = self.tense(hit, skip=("intent",), raw=True)
        if t is None and (i := self.doc.sentence_index(hit.start)) > 0:
            # a sentence without any tense cue ("They meet separately Monday") goes on in
            # the tense of the sentence before it, as HeidelTime reads it
            before = [c for c in self._sentence_cues(i - 1) if c[2] != "present"]
            t = before[-1][2] if before else None
        if t in ("present", "conditional") and self.doc.text[hit.end : hit.end + 2] in self.pack.words("date_day_past_after"):
            return "past"
        return "future" if t in ("future", "present", "conditional") else "past"

    def infer_year(self, hit: Hit, month: int | None, day: int | None) -> int | None:
        """Year of a date written without one: same-sentence year, else reference and tense.

        "im vergangenen Mai" / "next March" (``mrel``) fix the direction instead of the tense.
        """
        rel = self.look("date_rel", hit.g["mrel"]) if "mrel" in hit.g else None
        a = self.anchor()
        if rel is None and self.sent_year and self.sent_year[0] == self.doc.sentence_index(hit.start):
            # "invited in July 1997, will join on March 12": a plan is not in a past year's story
            if a is None or self.narrative or self.sent_year[1] >= a.year or self.tense(hit) not in ("future", "intent"):
                return self.sent_year[1]
        if a is None:
            return None
        if rel is None and month is not None and self._story_goes_on(hit, month, a):
            return self.story[1]  # type: ignore[index]
        if rel is not None and month is not None:
            tense: Tense = "past" if rel < 0 else "future" if rel > 0 else None
            return timex.infer_year(a, month, day, tense, strict=True) if tense else a.year
        if self.narrative or month is None:
            return a.year
        return timex.infer_year(a, month, day, self.year_tense(hit))

    def _story_goes_on(self, hit: Hit, month: int, a: date) -> bool:
        """A story told with a full date of an earlier year ("am 30. März 2017 antwortet
        Keith ...") goes on in that year: a later month without a year a few sentences on,
        not looking ahead ("Vor der Wahl im Mai erhalten Millionen Haushalte ...")."""
        if self.story is None or self.narrative:
            return False
        at, year, m0 = self.story
        gap = self.doc.sentence_index(hit.start) - at
        return 0 < gap <= 3 and year < a.year and m0 < month and self.tense(hit) not in ("future", "intent")
