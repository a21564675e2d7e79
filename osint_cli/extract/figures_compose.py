"""Figures made of two numbers: a ratio ("one in five", "jeder dritte") and a compound
amount written in two parts ("$3 million and 40 cents", "2 Mrd. 300 Mio. Euro").

A ratio is one match of the pack's ``ratio`` rule, its value the share (0.2 for "one in
five"). A compound amount is two neighbouring figures joined after both were judged:
a currency amount and its sub-unit, or a scaled amount and a smaller scaled amount
that completes it. All words come from the pack.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from ..model import Figure
from .figures_candidate import whole
from .figures_lang import Context, fold

if TYPE_CHECKING:
    from .figures_lang import FigLang

# only spaces and a joining word between the parts: a comma lists two amounts
_GAP = re.compile(r"[ \t\u00a0]+(?:(?P<word>[^\W\d_]+)[ \t\u00a0]+)?\Z")
_LOOKAHEAD = 300  # no counted noun phrase is longer


def _group(m: re.Match[str], name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex else None


def ratio(m: re.Match[str], ctx: Context) -> tuple[Figure | None, str]:
    """"one in five voters" is 0.2; "jeder dritte Haushalt" is 1/3: a share, not a count."""
    lang, text = ctx.lang, ctx.text
    rord = _group(m, "rord")
    num: float | None = 1.0
    den: float | None = None
    if rord is not None:
        den = lang.m("fig_ratio_ordinal").get(fold(rord))
    else:
        num, den = lang.syntax.evaluate(m.group("ra")), lang.syntax.evaluate(m.group("rb"))
    if not num or not den or num >= float(den):
        return None, "figures.ratio"
    if ctx.doc.is_claimed(m.start(), m.end()):
        return None, "figures.claimed"
    about, end = _noun_after(lang, text, m.end())
    if about is not None and fold(about) in lang.m("fig_time_unit"):
        return None, "figures.duration"  # "jeden zweiten Tag": how often, a date expression
    qual = lang.m("fig_qualifier").get(fold(_group(m, "rq") or ""))
    fig = Figure(text=text[m.start() : end], start=m.start(), end=end, sentence=ctx.sentence_around(m.start(), end),
                 rule=lang.ids["ratio"], value=whole(num / float(den)), qualifier=qual, about=about)
    return fig, "figures.ratio"


def _noun_after(lang: FigLang, text: str, end: int) -> tuple[str | None, int]:
    """The counted noun right after a ratio ("one in five voters") and where it ends."""
    if lang.about is None:
        return None, end
    a = lang.about.match(text, end, min(len(text), end + _LOOKAHEAD))
    if a is None or "\n" in a.group(0) or a.group("conn") is not None:
        return None, end
    noun = a.group("noun")
    word = noun.split()[0]
    return word, a.start("noun") + noun.index(word) + len(word)


def join(prev: Figure | None, fig: Figure, ctx: Context) -> Figure | None:
    """One figure for two that write one amount, or None when they are two figures."""
    if prev is None or prev.value_max is not None or fig.value_max is not None or fig.qualifier is not None \
            or fig.start < prev.end:
        return None
    gap = _GAP.match(ctx.text, prev.end, fig.start)
    if gap is None or "\n" in ctx.text[prev.end : fig.start]:
        return None
    lang = ctx.lang
    word = gap.group("word")
    if word is not None and fold(word) not in lang.m("fig_compound_joiner"):
        return None
    sub = lang.m("fig_subunit").get(fold(fig.unit or ""))
    if sub and _is_currency(lang, prev.unit) and 0 < fig.value < float(sub):
        value = float(prev.value) + float(fig.value) / float(sub)  # "3 dollars 50 cents"
        return _joined(prev, fig, ctx, value, prev.unit)
    scale = _trailing_scale(lang, prev)
    if scale and _trailing_scale(lang, fig) and 0 < fig.value < scale and prev.unit in (None, fig.unit) and not word:
        return _joined(prev, fig, ctx, float(prev.value) + float(fig.value), fig.unit)  # "2 Mrd. 300 Mio. Euro"
    return None


def _is_currency(lang: FigLang, unit: str | None) -> bool:
    codes = set(lang.m("fig_currency_symbol").values()) | set(lang.m("fig_currency").values())
    return unit is not None and unit in codes


def _trailing_scale(lang: FigLang, fig: Figure) -> float:
    """The scale word a figure's number ends on ("2 Mrd.", "300 Mio. Euro"), or 0."""
    scales = lang.m("fig_scale")
    for word in fig.text.split()[1:]:
        v = scales.get(fold(word))
        if v is not None and float(v) >= 1000:
            return float(v)
    return 0.0


def _joined(prev: Figure, fig: Figure, ctx: Context, value: float, unit: str | None) -> Figure:
    return dataclasses.replace(
        prev, text=ctx.text[prev.start : fig.end], end=fig.end, sentence=ctx.sentence_around(prev.start, fig.end),
        value=whole(value), unit=unit, about=fig.about or prev.about,
    )
