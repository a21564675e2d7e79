"""Figures extractor: every number that quantifies something (extraction-guide.md section 2).

One compiled master regex per language (the ``[[rules]]`` of rules/<lang>/figures.toml,
joined by their declared ``kind``) reads candidates: a figure with its qualifier,
currency, scale, fraction, range, age marker and unit; a score (2:1); an age after a
name; or a telephone number, which is consumed so that none of its digits turns into a
figure. The master is tried only near a trigger (a digit or the start of a number word,
found by one cheap scan), so the scan is linear in the text. Each figure candidate then
passes the named checks of ``figures_checks``; every keep or drop is reported through
``Doc.note`` for ``--explain``. All words come from the pack.
"""

from __future__ import annotations

import re

from ..model import Figure
from . import figures_compose
from .doc import Doc
from .figures_candidate import Candidate
from .figures_lang import Context, FigLang, fold, lang_of
from .regex_start import K

_CLOCK_MINUTES = 59
_START = re.compile(r"(?<!\w)\S|(?<=\w)[\s,]")  # where a rule can begin: a word start, a symbol


def extract(doc: Doc) -> tuple[Figure, ...]:
    """Find the figures of a document, in text order."""
    lang = lang_of(doc.lang) if doc.lang else None
    if lang is None:
        return ()
    ctx = Context(doc, lang)
    out: list[Figure] = []
    skipped = _skipped_lines(doc.text, lang)
    pos = 0
    while (m := _next_match(doc.text, lang, pos)) is not None:
        while skipped and skipped[-1][1] <= m.start():
            skipped.pop()
        if skipped and skipped[-1][0] <= m.start():
            doc.note("figures", m.start(), m.end(), "figures.page-furniture", False)
            pos = skipped[-1][1]  # a teaser, gallery counter or citation line
            continue
        fig, pos, check = _judge(m, ctx, out[-1] if out else None)
        pos = max(pos, m.start() + 1)
        joined = figures_compose.join(out[-1] if out else None, fig, ctx) if fig is not None else None
        if joined is not None:
            out[-1] = joined  # "3 dollars 50 cents", "2 Mrd. 300 Mio. Euro": one amount
            doc.note("figures", joined.start, joined.end, "figures.compound", True)
        elif fig is not None:
            out.append(fig)
            doc.note("figures", fig.start, fig.end, check, True)
        else:
            doc.note("figures", m.start(), m.end(), check, False)
    return tuple(out)


def _judge(m: re.Match[str], ctx: Context, prev: Figure | None) -> tuple[Figure | None, int, str]:
    """One master match: (figure or None, where to search on, the deciding check)."""
    if m.group("r_phone") is not None:
        return None, m.end(), "figures.phone"
    if m.group("r_score") is not None:
        fig, check = _score(m, ctx)
        return fig, m.end(), check
    if m.group("r_age_paren") is not None:
        fig, check = _age_paren(m, ctx)
        return fig, m.end(), check
    if "r_ratio" in m.re.groupindex and m.group("r_ratio") is not None:
        fig, check = figures_compose.ratio(m, ctx)
        if fig is not None:
            return fig, fig.end, check
        alone = ctx.lang.figure.match(ctx.text, m.start())  # "12 in six boxes": the 12 still counts
        if alone is None:
            return None, m.end(), check
        m = alone
    return Candidate(m, ctx, prev).judge()


def _next_match(text: str, lang: FigLang, pos: int) -> re.Match[str] | None:
    """The first master match at or after ``pos``, tried only at rule starts within the
    pack's window before a trigger: the same match as ``master.search(text, pos)``, since
    every match holds a trigger at most ``window`` characters after its start."""
    verdicts = lang.verdicts
    tried = pos  # every start before this one has been tried (and failed): triggers close
    # together share most of their window, and a start's match depends on nothing else
    while (t := lang.trigger.search(text, pos)) is not None:
        for s in lang.start_places.finditer(text, max(tried, t.start() - lang.window), t.start() + 1):
            p = s.start()
            ok = verdicts.get(text[p : p + K])  # lang.may_start, its common case inline
            if (ok or ok is None and lang.may_start(text, p)) and (found := lang.master.match(text, p)) is not None:
                return found
        tried = t.start() + 1
        pos = max(t.end(), t.start() + 1)  # no rule starts before this trigger and matches
        if pos > len(text):
            break
    return None


def _skipped_lines(text: str, lang: FigLang) -> list[tuple[int, int]]:
    """Spans of page-furniture lines (teasers, gallery counters, citation footers),
    last first so that the scan pops them in text order."""
    if lang.skip is None:
        return []
    spans = []
    for m in lang.skip.finditer(text):
        end = text.find("\n", m.start())
        spans.append((m.start(), len(text) if end < 0 else end))
    return spans[::-1]


def _score(m: re.Match[str], ctx: Context) -> tuple[Figure | None, str]:
    """2:1 is a score; 14:30, "um 9:20", "6:36 p.m." are clock times."""
    a, b = m.group("s1"), m.group("s2")
    lang, doc = ctx.lang, ctx.doc
    if doc.is_claimed(m.start(), m.end()):
        return None, "figures.claimed"
    after = ctx.next_word(m.end())
    prev = ctx.prev_word(m.start())
    if fold(after) in lang.m("fig_clock") or (prev and fold(prev[0]) in lang.m("fig_clock_before")):
        return None, "figures.clock"
    looks_like_time = len(b) == 2 and int(a) <= 23 and int(b) <= _CLOCK_MINUTES
    if looks_like_time and not ctx.sentence_has(m.start(), "fig_score_cue"):
        return None, "figures.clock"
    fig = Figure(text=m.group(), start=m.start(), end=m.end(), sentence=ctx.sentence_around(m.start(), m.end()),
                 rule=lang.ids["score"], value=int(a))
    return fig, "figures.score"


def _age_paren(m: re.Match[str], ctx: Context) -> tuple[Figure | None, str]:
    """"Marcell Jansen (33)", "John Smith, 45,": an age after a capitalised name."""
    grp = "pa" if m.group("pa") is not None else "pb"
    s, e = m.span(grp)
    lang, doc = ctx.lang, ctx.doc
    prev = ctx.prev_word(m.start())
    if prev is None or not prev[0][:1].isupper() or int(m.group(grp)) > 120 or doc.is_claimed(s, e):
        return None, "figures.age-paren"
    word = prev[0].rstrip(".,")
    if lang.is_month(word) or fold(word) in lang.m("fig_designation"):
        return None, "figures.designation"
    fig = Figure(text=doc.text[s:e], start=s, end=e, sentence=ctx.sentence_around(s, e), rule=lang.ids["age-paren"],
                 value=int(m.group(grp)), unit="years")
    return fig, "figures.age"
