"""One match of the figure rule, read into its parts and judged: a Figure or a named drop.

Reading: the number and its value, scale, fraction, range or change, unit, age marker,
qualifier. Judging: the ordered checks of ``figures_checks`` (each one named, so that
``--explain`` says why a number was dropped). Finishing: what is counted (``about``)
and the units a figure takes from its neighbours.
"""

from __future__ import annotations

import math
import re
from typing import Any

from ..model import Figure
from . import figures_checks, figures_units
from .figures_lang import Context, fold

_YEAR = re.compile(r"(19|20)\d\d")


def whole(v: float) -> float | int:
    """A value as people write it: an int when whole (16.6 * 1e6 is 16600000, not
    16600000.000000002), and no spurious precision from a division (two-thirds is
    0.6667, not 0.666666666667); a value written with many decimals keeps them."""
    v = float(f"{v:.12g}")
    if v.is_integer():
        return int(v)
    mantissa = repr(v).split("e")[0]  # 2.48e-05, and 1e-05 with no decimal point
    if "." in mantissa and len(mantissa.split(".")[1]) > 6:
        # at least four significant digits, at least four decimals
        digits = max(4, 3 - math.floor(math.log10(abs(v))))
        v = round(v, digits)
        if v.is_integer():
            return int(v)
    return v


class Candidate:
    """A match of the figure rule on its way to a Figure."""

    def __init__(self, m: re.Match[str], ctx: Context, prev: Figure | None) -> None:
        self.m, self.ctx, self.lang, self.text, self.prev = m, ctx, ctx.lang, ctx.text, prev
        self.n1 = m.group("n1")
        self.how = "digits" if any(c.isdigit() for c in self.n1) else "words"
        self.v1: float | None = None
        self.v2: float | None = None
        self.scale = self.scale2 = self.frac = 1.0
        self.unit_grp: str | None = "unit"  # the group holding the unit: "unit", "u1" or none
        self.score_like = False
        self.end = self.tail_end = self.num_end = self.resume = m.end()
        self.unit: str | None = None
        self.factor = 1.0
        self.ukind: str | None = None
        self.uend: int | None = None
        self.age = False

    def g(self, name: str) -> str | None:
        """A named group of the match (None when the pack's rule has no such group)."""
        return self.m.group(name) if name in self.m.re.groupindex else None

    def e(self, name: str) -> int:
        """Where a named group ends (-1 when absent or unmatched)."""
        return self.m.end(name) if self.g(name) is not None else -1

    @property
    def measured(self) -> bool:
        """A scale, fraction, money, percent, unit or age makes the number an amount."""
        return self.scale != 1.0 or self.frac != 1.0 or self.ukind in ("money", "percent", "unit") or self.age

    @property
    def qualified(self) -> bool:
        """A word before the number that only an amount takes (über, between, minus, $)."""
        return any(self.m.group(g) is not None for g in ("agepre", "ropen", "qual", "neg", "cur"))

    def judge(self) -> tuple[Figure | None, int, str]:
        """The figure (or None), the position to search on from, and the deciding check."""
        m = self.m
        self.v1 = self.lang.syntax.evaluate(self.n1)
        if self.v1 is None:
            return None, m.end(), "figures.unparsed"
        self.scale = self._scale("sc1") * self._scale("sc3")
        self.frac = self._fraction()
        self.end = max(m.end("n1"), self.e("sc1"), self.e("scfr"), self.e("fr1"), self.e("sc3"))
        if m.group("n2") is not None and not self._range():
            return None, m.end(), "figures.year-range"  # 2008 to 2016, 2011-12: years
        self.num_end = self.end
        self.unit, self.factor, self.ukind, self.uend = figures_units.read_unit(self, self.unit_grp)
        self.age = m.group("agepre") is not None or (m.group("agesuf") is not None and self.unit_grp == "unit")
        if self.uend is not None:
            self.end = self.uend
        if self.age and self.unit_grp == "unit" and m.group("agesuf") is not None:
            self.end = max(self.end, m.end("agesuf"))
        self.tail_end = self.end
        if self.unit_grp == "unit" and m.group("qpost") is not None:
            self.end = m.end("qpost")
        if self.ukind == "time" and not self.age and figures_checks.age_context(self):
            self.age = True  # "36 Jahre alt", "auf 36 Jahre geschätzt" after "Alter"
        drop = figures_checks.first_drop(self)
        if drop is not None:
            resume = m.end("n1") if drop == "figures.letter-scale" else self.resume
            return None, resume, drop
        fig = self._finish()
        if fig is None:
            return None, self.resume, "figures.duration-noun"
        return fig, max(self.resume, fig.end) if self.resume == m.end() else self.resume, "figures.kept"

    def _range(self) -> bool:
        """Read the second number: a range, or the first number alone ("45 and 50", "3-2",
        a change "from 10 to 20"); False for a pair of years."""
        m, lang = self.m, self.lang
        self.v2 = lang.syntax.evaluate(m.group("n2"))
        self.scale2 = self._scale("sc2")
        sep = fold(m.group("rsep"))
        if len(sep) > 1 and sep[0] == "-":
            sep = sep[1:].strip()  # "a 10- to 15-minute walk": the hyphen is the first number's
        opener = fold(m.group("ropen") or "")
        allowed = {fold(s) for s in (lang.m("fig_range_open").get(opener) or lang.raw("fig_range_sep_bare"))}
        if self.g("sc1") is None and self.g("sc3") is None:
            self.scale = self.scale2
        if self.how == "digits" and _YEAR.fullmatch(self.n1) and self.v2 is not None:
            return False
        v1 = self.v1 or 0.0
        # "beat the Giants 24-17": a score, even after a capitalised name
        self.score_like = sep in ("-", "–") and self.v2 is not None and self.v2 <= v1 and self.ctx.sentence_has(m.start(), "fig_score_cue")
        # "-5 to -10 degrees": two negative bounds may fall; the range is [-10, -5]
        falling = self.v2 is not None and self.v2 < 0 and v1 < 0 and self.v2 != v1
        if self.v2 is None or sep not in allowed or (self.v2 * self.scale2 <= v1 * self.scale * self.frac and not falling) \
                or self._change(sep, opener) \
                or not self._same_unit(opener):
            self.v2, self.scale = None, self._scale("sc1") * self._scale("sc3")
            self.resume, self.unit_grp = m.start("rsep"), None
            if self.g("u1") is not None:  # "between 10% and 15": the first keeps its unit
                self.unit_grp, self.resume = "u1", m.end("u1")
            return True
        self.end = m.end("sc2") if m.group("sc2") is not None else m.end("n2")
        return True

    def _same_unit(self, opener: str) -> bool:
        """A unit on both numbers makes a range only if it is the same unit, and not after
        "from": "between 10% and 15%" is one figure; "fell 3% to $55" and "from 2.18
        percent to 2.72 percent" (a change) are two."""
        u1 = self.g("u1")
        if u1 is None:
            return True
        u2 = self.g("unit")
        if u2 is None:
            return False
        if opener in self.lang.m("fig_change_from"):
            before = self.ctx.words_before(self.m.start(), 40)
            if not before or before[-1] not in self.lang.m("fig_range_verb"):
                return False
        return fold(u1.lstrip(" -\u00a0")) == fold(u2.lstrip(" -\u00a0"))

    def _change(self, sep: str, opener: str) -> bool:
        """"rose from 10 to 20", "fell by 5,000 to 120,000": right after a verb of change,
        "to" names the new level, not the top of a range ("rose among 12 to 17" is one)."""
        lang = self.lang
        if sep not in lang.m("fig_change_to"):
            return False
        before = self.ctx.words_before(self.m.start(), 40)[-2:]
        if opener:
            return opener in lang.m("fig_change_from") and bool(before) and before[-1] in lang.m("fig_change_verb")
        return len(before) == 2 and before[1] in lang.m("fig_change_by") and before[0] in lang.m("fig_change_verb")

    def _scale(self, grp: str) -> float:
        s = self.g(grp)
        if s is None:
            return 1.0
        key = fold(s.lstrip(" -\u00a0"))
        scales = self.lang.m("fig_scale")
        if key not in scales:  # "of a million": the scale is the last word
            key = fold(s.replace("-", " ")).split()[-1]
        return float(scales.get(key, 1.0))

    def _fraction(self) -> float:
        f = self.g("fr1")
        if f is None:
            return 1.0
        return 1.0 / float(self.lang.m("fig_fraction")[fold(f.lstrip(" -"))])

    def _scale_fraction(self) -> float:
        """"two million and a half", "five billion and three quarters": a fraction of the scale."""
        s = self.g("scfr")
        if s is None:
            return 0.0
        *_, numerator, denominator = fold(s.replace("-", " ")).split()
        num = self.lang.syntax.words(numerator)
        den = self.lang.m("fig_fraction").get(denominator)
        return (num or 0.0) / float(den) if den else 0.0

    def claimed(self, end: int) -> bool:
        """Whether the number lies in a span a date already took."""
        return self.ctx.doc.is_claimed(self.m.start("n1"), end)

    def _finish(self) -> Figure | None:
        """The Figure: value, range, qualifier, what is counted and the unit."""
        m, lang = self.m, self.lang
        value = ((self.v1 or 0.0) * self.frac + self._scale_fraction()) * self.scale * self.factor
        if m.group("neg") is not None:
            value = -value
        vmax = self.v2 * self.scale2 * self.factor if self.v2 is not None else None
        if vmax is not None and vmax < value:
            value, vmax = vmax, value  # a range of negatives written from the warmer end
        qual = lang.m("fig_qualifier").get(fold(m.group("qual") or ""))
        if self.unit_grp == "unit" and m.group("qpost") is not None:
            qual = lang.m("fig_qualifier_post").get(fold(m.group("qpost")))
        start = m.start()
        if m.group("ropen") is not None and self.v2 is None:
            start = min(m.start(g) for g in ("qual", "neg", "cur", "n1") if m.group(g) is not None)
        about, end, direct = figures_units.about(self, self.tail_end, self.end)
        after = lang.qual_after_noun.match(self.text, end) if qual is None and direct and lang.qual_after_noun else None
        if after is not None:  # "300 beds or more"
            qual, end = lang.m("fig_qualifier_post").get(fold(after.group())), after.end()
        if about and fold(re.split(r"[\s-]", about)[-1]) in lang.m("fig_time_unit"):
            return None  # "zwei weitere Jahre", "two more years": a duration
        unit = self.unit
        if unit is None and self.g("n1") and fold(self.n1) in lang.m("fig_multiple") and lang.raw("fig_multiple_unit"):
            unit = lang.raw("fig_multiple_unit")[0]  # "twice the size": a ratio in times
        if unit is None and about and not self.age:
            unit = figures_units.currency_noun(self, about)
        if unit is None and not self.age and not direct:
            unit = figures_units.ellipsis_unit(self, start)
        if unit is None and not self.age and self.scale == 1.0 and self.frac == 1.0:
            unit = figures_units.unit_ahead(self, self.tail_end)
        return self.make(
            start, end, lang.ids["figure"], value=whole(value), value_max=whole(vmax) if vmax is not None else None,
            unit="years" if self.age else unit, qualifier=qual, about=about,
        )

    def make(self, start: int, end: int, rule: str, **values: Any) -> Figure:
        """A Figure over ``[start, end)`` with its sentence."""
        text = self.ctx.text
        return Figure(text=text[start:end], start=start, end=end, sentence=self.ctx.sentence_around(start, end), rule=rule, **values)
