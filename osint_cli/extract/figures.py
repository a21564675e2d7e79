"""Figures extractor: every number that quantifies something (extraction-guide.md section 2).

One compiled master regex per language (the ``[[rules]]`` of rules/<lang>/figures.toml
joined into one alternation) finds candidates in a single pass over the text: a figure
with its qualifier, currency, scale, fraction, range, age marker and unit; a score
(2:1); an age in brackets after a name; or a telephone number, which is consumed so
that none of its digits turns into a figure. Each candidate then passes cheap checks
against what is not a figure: numbers in claimed date spans, years, day numbers next to
a month, clock times, durations, designations (Section 230, Frontal 21), ordinals,
list numbering, and the article "ein/one" without a scale. All words come from the pack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..model import Figure
from ..rules import RulePack, load
from . import numbers
from .doc import Doc

_ORDER = ("phone", "score", "age-paren", "figure")  # earlier alternatives win at one position
_NEXT_WORD = re.compile(r"[.\s]*([^\W\d_][\w.'-]*)")
_HYPHEN_WORD = re.compile(r"-([^\W\d_][\w-]*)")
_YEAR = re.compile(r"(19|20)\d\d")
_OLD_YEAR = re.compile(r"1\d\d\d")
_PLAIN_INT = re.compile(r"\d{1,4}")
_QUOTES = "\"„“”«»‚‘’‹›"
_OPENERS = "\"'„“”‚‘’«»‹›([{:–—-•*"


@dataclass(frozen=True)
class _Lang:
    """Everything the extractor needs about one language, built once from its pack."""

    pack: RulePack
    syntax: numbers.NumberSyntax
    master: re.Pattern[str]
    about: re.Pattern[str] | None
    skip: re.Pattern[str] | None
    name_cue: re.Pattern[str] | None
    change_to: re.Pattern[str] | None
    ids: dict[str, str]
    conf: dict[str, Any]
    maps: dict[str, dict[str, Any]]

    def m(self, name: str) -> dict[str, Any]:
        """A list of the pack as a mapping with casefolded keys (spaces normalised)."""
        return self.maps.get(name, {})


def _fold(s: str) -> str:
    return " ".join(s.casefold().split())


@lru_cache(maxsize=16)
def _lang(lang: str) -> _Lang | None:
    pack = load(lang)
    raw = {r["id"].rsplit(".", 1)[1]: r for r in pack.section("figures").get("rules", [])}
    if "figure" not in raw:
        return None
    parts = []
    for name in _ORDER:
        if name in raw:
            body = raw[name]["pattern"].removeprefix("(?x)")
            parts.append(f"(?P<r_{name.replace('-', '_')}>{body})")
    master = pack.compile("(?x)" + "|".join(parts))
    conf = pack.section("figures").get("figures", {})
    about = pack.compile(conf["about"], re.UNICODE) if conf.get("about") else None
    skip = pack.compile(conf["skip_line"]) if conf.get("skip_line") else None
    change_to = pack.compile(r"[ \t]+(?:{fig_change_to})[ \t]+") if pack.lists.get("fig_change_to") else None
    name_cue = pack.compile(r"(?<!\w)(?:{fig_name_cue})[ \t]+\Z") if pack.lists.get("fig_name_cue") else None
    maps = {name: {_fold(k): v for k, v in pack.mapping(name).items()} for name in pack.lists if name.startswith("fig_")}
    return _Lang(pack, numbers.syntax(lang), master, about, skip, name_cue, change_to, {k: raw[k]["id"] for k in raw}, conf, maps)


def extract(doc: Doc) -> tuple[Figure, ...]:
    """Find the figures of a document, in text order."""
    lang = _lang(doc.lang) if doc.lang else None
    if lang is None:
        return ()
    out: list[Figure] = []
    skipped = _skipped_lines(doc.text, lang)
    pos = 0
    while (m := lang.master.search(doc.text, pos)) is not None:
        while skipped and skipped[-1][1] <= m.start():
            skipped.pop()
        if skipped and skipped[-1][0] <= m.start():
            fig, pos = None, skipped[-1][1]  # a teaser, gallery counter or citation line
        elif m.group("r_phone") is not None:
            fig, pos = None, m.end()
        elif m.group("r_score") is not None:
            fig, pos = _score(m, doc, lang), m.end()
        elif m.group("r_age_paren") is not None:
            fig, pos = _age_paren(m, doc, lang), m.end()
        else:
            fig, pos = _Candidate(m, doc, lang, out[-1] if out else None).figure()
        pos = max(pos, m.start() + 1)
        if fig is not None:
            out.append(fig)
    return tuple(out)


def _skipped_lines(text: str, lang: _Lang) -> list[tuple[int, int]]:
    """Spans of page-furniture lines (teasers, gallery counters, citation footers),
    last first so that the scan pops them in text order."""
    if lang.skip is None:
        return []
    spans = []
    for m in lang.skip.finditer(text):
        end = text.find("\n", m.start())
        spans.append((m.start(), len(text) if end < 0 else end))
    return spans[::-1]


def _whole(v: float) -> float | int:
    """An int when whole (16.6 * 1e6 is 16600000, not 16600000.000000002)."""
    v = float(f"{v:.12g}")
    return int(v) if v.is_integer() else v


def _prev_word(text: str, pos: int) -> tuple[str, int] | None:
    """The token right before ``pos`` on the same line, and where it starts."""
    end = pos
    while end > 0 and text[end - 1] in " \t\u00a0":
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace() and end - start < 40:
        start -= 1
    return (text[start:end], start) if end > start else None


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos)
    return m.group(1) if m and "\n" not in m.group(0) else ""


def _starts_sentence(doc: Doc, pos: int) -> bool:
    """Whether ``pos`` opens a sentence, a quotation or a line."""
    if doc.sentence_span(pos)[0] >= pos:
        return True
    before = doc.text[max(0, pos - 3) : pos].rstrip(" \u00a0")
    return not before or before[-1] in _OPENERS or before[-1] == "\n"


def _figure(doc: Doc, start: int, end: int, rule: str, **values: Any) -> Figure:
    return Figure(text=doc.text[start:end], start=start, end=end, sentence=doc.sentence_at(start), rule=rule, **values)


def _score(m: re.Match[str], doc: Doc, lang: _Lang) -> Figure | None:
    """2:1 is a score; 14:30, "um 9:20", "6:36 p.m." are clock times."""
    a, b = m.group("s1"), m.group("s2")
    if doc.is_claimed(m.start(), m.end()):
        return None
    after = _next_word(doc.text, m.end())
    prev = _prev_word(doc.text, m.start())
    if _fold(after) in lang.m("fig_clock") or (prev and _fold(prev[0]) in lang.m("fig_clock_before")):
        return None
    looks_like_time = len(b) == 2 and int(a) <= 23 and int(b) <= 59
    if looks_like_time:
        s, e = doc.sentence_span(m.start())
        words = {_fold(w) for w in re.findall(r"[^\W\d_]+", doc.text[s:e])}
        if not words & lang.m("fig_score_cue").keys():
            return None
    return _figure(doc, m.start(), m.end(), lang.ids["score"], value=int(a))


def _age_paren(m: re.Match[str], doc: Doc, lang: _Lang) -> Figure | None:
    """"Marcell Jansen (33)", "John Smith, 45,": an age after a capitalised name."""
    grp = "pa" if m.group("pa") is not None else "pb"
    s, e = m.span(grp)
    prev = _prev_word(doc.text, m.start())
    if prev is None or not prev[0][:1].isupper() or int(m.group(grp)) > 120 or doc.is_claimed(s, e):
        return None
    word = prev[0].rstrip(".,")
    if word in lang.pack.lists.get("fig_month", ()) or _fold(word) in lang.m("fig_designation"):
        return None
    return _figure(doc, s, e, lang.ids["age-paren"], value=int(m.group(grp)), unit="years")


class _Candidate:
    """One match of the figure rule, judged and turned into a Figure (or not)."""

    def __init__(self, m: re.Match[str], doc: Doc, lang: _Lang, prev: Figure | None) -> None:
        self.m, self.doc, self.lang, self.text, self.prev = m, doc, lang, doc.text, prev
        self.score_like = False

    def g(self, name: str) -> str | None:
        """A named group of the match."""
        return self.m.group(name)

    def figure(self) -> tuple[Figure | None, int]:
        """The figure and the position to go on searching from."""
        m, lang, syn = self.m, self.lang, self.lang.syntax
        n1 = m.group("n1")
        v1 = syn.evaluate(n1)
        if v1 is None:
            return None, m.end()
        how = "digits" if any(c.isdigit() for c in n1) else "words"
        scale = self._scale("sc1")
        frac = self._fraction()
        end = max(m.end("n1"), m.end("sc1"), m.end("fr1"))
        resume = m.end()
        v2, scale2, unit_grp = None, 1.0, True
        if m.group("n2") is not None:
            v2 = syn.evaluate(m.group("n2"))
            scale2 = self._scale("sc2")
            sep = _fold(m.group("rsep"))
            opener = _fold(m.group("ropen") or "")
            allowed = {_fold(s) for s in (lang.m("fig_range_open").get(opener) or lang.pack.lists.get("fig_range_sep_bare", []))}
            if m.group("sc1") is None:
                scale = scale2
            if how == "digits" and _YEAR.fullmatch(n1) and v2 is not None:
                return None, m.end()  # 2008 to 2016, 2011-12: years
            # "beat the Giants 24-17": a score, even after a capitalised name
            self.score_like = sep in ("-", "–") and v2 is not None and v2 <= v1 and self._sentence_has("fig_score_cue")
            if v2 is None or sep not in allowed or v2 * scale2 <= v1 * scale * frac or self._change(sep, opener):
                # not a range ("45 and 50", "3-2"): keep the first number alone
                v2, scale, resume, unit_grp = None, self._scale("sc1"), m.start("rsep"), False
            else:
                end = m.end("sc2") if m.group("sc2") is not None else m.end("n2")
        unit, factor, ukind, uend = self._unit(unit_grp)
        letter_scale = _fold((m.group("sc1") or "").strip(" -")) in lang.m("fig_scale_money_only")
        if ukind != "money" and letter_scale and not self._counted_after_letter_scale(m.end("sc1")):
            return None, m.end("n1")  # "1500b", "100m": a unit, not a scale
        if ukind == "clock" or self._claimed(end):
            return None, resume
        age = m.group("agesuf") is not None and unit_grp or m.group("agepre") is not None
        if ukind == "time":
            if not (age or self._age_context(uend or end)):
                return None, resume
            age = True
        if uend is not None:
            end = uend
        if age and unit_grp and m.group("agesuf") is not None:
            end = max(end, m.end("agesuf"))
        tail_end = end
        if unit_grp and m.group("qpost") is not None:
            end = m.end("qpost")
        if self._not_a_figure(n1, how, scale, frac, ukind, tail_end, age):
            return None, resume
        value = v1 * scale * frac * factor
        if m.group("neg") is not None:
            value = -value
        vmax = v2 * scale2 * factor if v2 is not None else None
        qual = lang.m("fig_qualifier").get(_fold(m.group("qual") or ""))
        if unit_grp and m.group("qpost") is not None:
            qual = lang.m("fig_qualifier_post").get(_fold(m.group("qpost")))
        start = m.start()
        if m.group("ropen") is not None and v2 is None:
            start = min(m.start(g) for g in ("qual", "neg", "cur", "n1") if m.group(g) is not None)
        about, end, direct = self._about(tail_end, end, unit, age)
        if about and _fold(re.split(r"[\s-]", about)[-1]) in lang.m("fig_time_unit"):
            return None, resume  # "zwei weitere Jahre", "two more years": a duration
        if unit is None and about and not age:
            unit = self._currency_noun(about)
        if unit is None and not age and not direct:
            unit = self._ellipsis_unit(self.prev, start, scale != 1.0)
        if unit is None and not age and scale == 1.0 and frac == 1.0:
            unit = self._unit_ahead(tail_end)
        fig = _figure(
            self.doc, start, end, lang.ids["figure"],
            value=_whole(value), value_max=_whole(vmax) if vmax is not None else None,
            unit="years" if age else unit, qualifier=qual, about=about,
        )
        return fig, max(resume, end) if resume == m.end() else resume

    def _change(self, sep: str, opener: str) -> bool:
        """"rose from 10 to 20", "fell by 5,000 to 120,000": right after a verb of change,
        "to" names the new level, not the top of a range ("rose among 12 to 17" is one)."""
        lang = self.lang
        if sep not in lang.m("fig_change_to"):
            return False
        s, _ = self.doc.sentence_span(self.m.start())
        before = [_fold(w) for w in re.findall(r"[^\W\d_]+", self.text[max(s, self.m.start() - 40) : self.m.start()])[-2:]]
        if opener:
            return opener in lang.m("fig_change_from") and bool(before) and before[-1] in lang.m("fig_change_verb")
        return len(before) == 2 and before[1] in lang.m("fig_change_by") and before[0] in lang.m("fig_change_verb")

    def _scale(self, grp: str) -> float:
        s = self.g(grp)
        if s is None:
            return 1.0
        return float(self.lang.m("fig_scale").get(_fold(s.lstrip(" -\u00a0")), 1.0))

    def _fraction(self) -> float:
        f = self.g("fr1")
        if f is None:
            return 1.0
        return 1.0 / float(self.lang.m("fig_fraction")[_fold(f.lstrip(" -"))])

    def _unit(self, after: bool) -> tuple[str | None, float, str | None, int | None]:
        """(unit, factor, kind, end): from the currency before or the unit after the number."""
        lang = self.lang
        cur = self.g("cur")
        u = self.g("unit") if after else None
        code = lang.m("fig_currency_symbol").get(_fold(cur)) if cur else None
        if u is None:
            return (code, 1.0, "money", None) if code else (None, 1.0, None, None)
        word = u.lstrip(" -\u00a0")
        key = _fold(word)
        uend = self.m.end("unit")
        if key in {_fold(w) for w in lang.pack.lists.get("fig_case_sensitive", [])} and word not in lang.pack.lists.get("fig_case_sensitive", []):
            return (code, 1.0, "money", None) if code else (None, 1.0, None, None)
        if key in lang.m("fig_percent"):
            return "%", 1.0, "percent", uend
        if key in lang.m("fig_pp"):
            if key in lang.m("fig_pp_needs_cue") and not self._sentence_has("fig_pp_cue"):
                return "points", 1.0, "unit", uend
            return "pp", 1.0, "percent", uend
        if key in lang.m("fig_currency"):
            return lang.m("fig_currency")[key], float(lang.m("fig_currency_factor").get(key, 1.0)), "money", uend
        if key in lang.m("fig_clock"):
            return None, 1.0, "clock", uend
        if key in lang.m("fig_time_unit"):
            return word, 1.0, "time", uend
        if code:
            return code, 1.0, "money", None
        return str(lang.m("fig_unit").get(key, word)), 1.0, "unit", uend

    def _sentence_has(self, name: str) -> bool:
        s, e = self.doc.sentence_span(self.m.start())
        words = {_fold(w) for w in re.findall(r"[^\W\d_]+|%", self.text[s:e])}
        return bool(words & self.lang.m(name).keys())

    def _claimed(self, end: int) -> bool:
        return self.doc.is_claimed(self.m.start("n1"), end)

    def _age_context(self, end: int) -> bool:
        """"36 Jahre alt", "auf 36 Jahre geschätzt" after "Alter": a duration that is an age."""
        lang = self.lang
        if _fold(_next_word(self.text, end).rstrip(".,;:!?")) in lang.m("fig_age_after"):
            return True
        s, _ = self.doc.sentence_span(self.m.start())
        before = self.text[max(s, self.m.start() - 50) : self.m.start()]
        return any(_fold(w) in lang.m("fig_age_cue") for w in re.findall(r"[^\W\d_]+", before))

    def _not_a_figure(self, n1: str, how: str, scale: float, frac: float, ukind: str | None, end: int, age: bool) -> bool:
        """The traps: glued letters, dates, years, ordinals, lists, designations, articles."""
        m, text, lang, conf = self.m, self.text, self.lang, self.lang.conf
        n1s, n1e = m.span("n1")
        qualified = any(m.group(g) is not None for g in ("agepre", "ropen", "qual", "neg", "cur"))
        measured = scale != 1.0 or frac != 1.0 or ukind in ("money", "percent", "unit") or age
        after = text[end : end + 1]
        if how == "digits" and after.isalnum() and text[end - 1 : end].isdigit():
            return True  # 219a, 3rd, 1990er, 5G
        prev = _prev_word(text, m.start())
        prev_word = prev[0].rstrip(".,") if prev else ""
        months = lang.pack.lists.get("fig_month", [])
        if how == "digits" and (prev_word in months or _next_word(text, n1e).rstrip(".") in months):
            return True  # 12. Februar, Dec. 19, 15 April
        if how == "digits" and not (measured and ukind != "time") and m.group("qual") is None:
            cue = _fold(prev_word) in lang.m("fig_year_cue")
            if (_YEAR.fullmatch(n1) or _OLD_YEAR.fullmatch(n1) and cue) and not self._counted_year(cue, end):
                return True  # a year standing as a year: 2019, "in 1884"
        qualified_year = how == "digits" and m.group("qual") is not None and _YEAR.fullmatch(n1)
        if qualified_year and not measured and not self._noun_follows(end):
            return True  # "über 2023 hinaus", "until at least 2021": a qualified year
        if how == "digits" and re.fullmatch(r"0\d+", n1):
            return True  # codes and phone fragments with a leading zero
        plain = how == "digits" and bool(_PLAIN_INT.fullmatch(n1))
        if plain and not measured and text[n1e : n1e + 1] in ".)" and m.end() == n1e:
            if conf.get("ordinal_dot") and text[n1e : n1e + 1] == "." and re.match(r"\.[ \t\u00a0]+\w", text[n1e:]):
                return True  # 3. Platz
            line_start = text.rfind("\n", 0, n1s) + 1
            if not text[line_start:m.start()].strip(" \t-•*"):
                return True  # list numbering
        if prev and _fold(prev[0]) in lang.m("fig_vague"):
            return True  # einige hundert, a few thousand
        if how == "words" and not conf.get("bare_hundreds", True):
            first = _fold(n1).split()[0]
            if first in lang.m("fig_hundred") or first in lang.m("fig_thousand"):
                return True
        fr = m.group("fr1")
        if fr is not None and _fold(fr.lstrip(" -")) in lang.m("fig_fraction_ordinal") and ukind is None:
            nxt = _next_word(text, end)
            if nxt and _fold(nxt) not in lang.m("fig_half_follow"):
                return True  # a third case, a fifth season: ordinals
        if _fold(n1) in lang.m("fig_needs_scale") and scale == 1.0 and frac == 1.0 and ukind not in ("money", "percent"):
            return True  # ein, one, a: an article
        multiple = _fold(n1) in lang.m("fig_multiple") or _fold(n1) in lang.m("fig_multiple_adv")
        if multiple and text[end : end + 1] == "-":
            return True  # twice-divorced
        glued_age = how == "words" and m.group("agesuf") is not None and text[m.end("n1") : m.end("n1") + 1].isalpha()
        if glued_age and not n1[:1].isupper():
            return True  # "eine dreijährige Ausbildung": a length as often as an age
        if how == "words" and conf.get("words_lowercase") and n1[:1].isupper() and not qualified and not multiple and not glued_age:
            if not _starts_sentence(self.doc, n1s):
                return True  # außer Acht lassen, die Elf
            if text[n1s - 1 : n1s] in _QUOTES and any(q in text[n1s : n1s + 40].split("\n")[0] for q in _QUOTES):
                return True  # „Drei Engel für Charlie“: a short quoted title
        if not qualified and prev and (plain or how == "words") and not self.score_like and self._designation(prev, measured, end):
            return True
        if how == "digits" and n1.isdigit() and not qualified and not measured and self._named_number(prev_word, n1, end):
            return True
        if m.group("fr1") is None and _fold(n1).split()[-1] in lang.m("fig_half_noun"):
            if prev and _fold(prev[0]) in lang.m("fig_half_block"):
                return True  # the second half of
        hy = _HYPHEN_WORD.match(text, end)
        if hy is not None and not measured:
            word = _fold(hy.group(1))
            if not conf.get("hyphen_compounds") or any(word.startswith(t) for t in lang.m("fig_time_unit")):
                return True  # Drei-Punkte-Plan, 24-Stundenfrist
        noun = _next_word(text, end)
        if _fold(noun) in lang.m("fig_chrome"):
            return True  # 5 Kommentare
        return False

    def _counted_year(self, cue: bool, end: int) -> bool:
        """German "2000 Menschen": a noun after it, no "seit/im" before it, makes it a count."""
        if cue or not self.lang.conf.get("nouns_capitalized") or self.text[end : end + 1] != " ":
            return False
        nxt = _next_word(self.text, end)
        return nxt[:1].isupper() and nxt not in self.lang.pack.lists.get("fig_month", [])

    def _counted_after_letter_scale(self, end: int) -> bool:
        """"3m people", "2.5m customers": a letter scale before a plural count noun is a
        scale after all; "300m tall", "the 100m hurdles" stay lengths."""
        text, lang = self.text, self.lang
        if text[end : end + 1] != " ":
            return False
        nxt = _next_word(text, end).rstrip(".,;:!?")
        word = _fold(nxt)
        if not nxt[:1].islower() or word in lang.m("fig_stop") or word in lang.m("fig_letter_scale_block"):
            return False
        if any(word.startswith(t) for t in lang.m("fig_time_unit")):
            return False
        return word in lang.m("fig_count_noun") or (word.endswith("s") and not word.endswith("ss"))

    def _named_number(self, prev_word: str, n1: str, end: int) -> bool:
        """A bare number that names rather than counts: "known as 121102", "rebels in
        area 55", "911 calls"; a counted noun after it ("called 12 witnesses") keeps it."""
        lang, text = self.lang, self.text
        if n1 in lang.m("fig_emergency"):
            nxt = _fold(_next_word(text, end).rstrip(".,;:"))
            if nxt in lang.m("fig_emergency_context") or _fold(prev_word) in lang.m("fig_emergency_context"):
                return True
        if self._noun_follows(end):
            return False
        if _fold(prev_word) in lang.m("fig_designation_bare"):
            return True
        line = text.rfind("\n", 0, self.m.start()) + 1
        return lang.name_cue is not None and lang.name_cue.search(text, max(line, self.m.start() - 40), self.m.start()) is not None

    def _noun_follows(self, end: int) -> bool:
        """"mehr als 2000 Menschen", "over 2000 people": a counted noun right after the number."""
        if self.text[end : end + 1] != " ":
            return False
        nxt = _next_word(self.text, end)
        if not nxt or nxt in self.lang.pack.lists.get("fig_month", []):
            return False
        if self.lang.conf.get("nouns_capitalized"):
            return nxt[:1].isupper()
        return nxt[:1].islower() and _fold(nxt) not in self.lang.m("fig_stop")

    def _designation(self, prev: tuple[str, int], measured: bool, end: int) -> bool:
        """Section 230, KW 10, Frontal 21, iPhone 14: a name with a number, not an amount."""
        word, wstart = prev
        lang, text = self.lang, self.text
        if _fold(word) in lang.m("fig_designation") or _fold(word.rstrip(".")) in lang.m("fig_designation"):
            return True
        if measured or not any(c.isupper() for c in word) or not word[0].isalpha() and word[0] not in "§#":
            return False
        if word.rstrip(".,") in lang.pack.lists.get("fig_month", []):
            return False
        if _starts_sentence(self.doc, wstart):
            # "Insgesamt 500 Menschen" says nothing in German; in English a sentence-initial
            # capitalised word with a bare number and no noun after it is a name ("Nature 574,")
            if lang.conf.get("nouns_capitalized") or _fold(word) in lang.m("fig_stop"):
                return False
            nxt = _next_word(text, end)
            return not (nxt[:1].islower() and text[end : end + 1].isspace())
        if not word[-1].isalnum():
            return False  # "Infizierte. Neun sind": the word ends a clause, it names nothing
        if lang.conf.get("nouns_capitalized"):
            nxt = _next_word(text, end)
            return not nxt[:1].isupper()  # "Straßenreinigung 13 Infizierte" counts; "Frontal 21 vorliegen" names
        return True

    def _about(self, tail_end: int, end: int, unit: str | None, age: bool) -> tuple[str | None, int, bool]:
        """What is counted, the span end (the counted noun joins the span if it follows
        directly), and whether it does."""
        lang, text = self.lang, self.text
        hy = _HYPHEN_WORD.match(text, tail_end)
        if hy is not None:
            return hy.group(1), hy.end(), True
        if age or lang.about is None or end != tail_end:
            return None, end, False
        a = lang.about.match(text, end)
        if a is None or "\n" in a.group(0):
            return None, end, False
        noun = " ".join(a.group("noun").split())
        if a.group("conn") is None:
            if unit is not None and not lang.conf.get("about_after_unit"):
                return None, end, False
            return noun, a.end(), True
        return noun, end, False

    def _unit_ahead(self, end: int) -> str | None:
        """"von 19 auf sieben Prozent", "from 19 to 7 percent": the start of a change
        takes the percent or currency unit of its target."""
        lang, text = self.lang, self.text
        a = lang.change_to.match(text, end) if lang.change_to else None
        if a is None:
            return None
        m2 = lang.master.match(text, a.end())
        if m2 is None or m2.group("r_figure") is None:
            return None
        cur = m2.group("cur")
        if cur is not None:
            return lang.m("fig_currency_symbol").get(_fold(cur))
        key = _fold((m2.group("unit") or "").lstrip(" -\u00a0"))
        if key in lang.m("fig_percent"):
            return "%"
        if key in lang.m("fig_pp") and key not in lang.m("fig_pp_needs_cue"):
            return "pp"
        if key in lang.m("fig_currency") and key not in lang.m("fig_currency_factor"):
            return str(lang.m("fig_currency")[key])
        return None

    def _is_currency(self, unit: str) -> bool:
        return unit in self.lang.m("fig_currency_symbol").values() or unit in self.lang.m("fig_currency").values()

    def _currency_noun(self, about: str) -> str | None:
        """"ein Zehntel eines Bitcoins": the counted thing is a currency."""
        cur = self.lang.m("fig_currency")
        word = _fold(about.split()[-1])
        for cand in (word, word.removesuffix("s"), word.removesuffix("es")):
            if cand in cur and cand not in self.lang.m("fig_currency_factor"):
                return str(cur[cand])
        return None

    def _ellipsis_unit(self, prev: Figure | None, start: int, scaled: bool) -> str | None:
        """"65 percent were white, ... and 7.3 of another race": the unit carries over;
        a currency only to a scaled amount ("1,5 Milliarden Euro, davon 200 Mio.")."""
        money = prev is not None and prev.unit is not None and scaled and self._is_currency(prev.unit)
        if prev is None or (prev.unit not in ("%", "pp") and not money) or start - prev.end > 60:
            return None
        between = self.text[prev.end : start]
        if "\n" in between or any(c.isdigit() for c in between) or "," not in between:
            return None
        if any(_fold(w) in self.lang.m("fig_ellipsis_block") for w in re.findall(r"[^\W\d_]+", between)):
            return None
        s, _ = self.doc.sentence_span(start)
        return prev.unit if prev.start >= s else None
