"""Score the extractors on the stored dev corpus (article text + gold), offline.

The matching rules are those of the corpus's scorer (``shared/eval/score.py``), written
again here so the gate needs nothing outside the repository:

- experts: names agree after folding case, accents, hyphens and titles (a gold alias
  counts too); on a match, kind, role and affiliation are scored as accuracies;
- figures: value within 0.5 %, one prediction per gold item; ``figures+unit`` also needs
  a currency, ``%`` or ``pp`` unit to agree;
- dates: TIMEX3 value (part-of-day and weekend suffixes compare as their day/week);
  ``dates(span)`` by overlapping words instead.

Optional gold items absorb a prediction without counting. The publication date is not
scored: it is read off the HTML, which the gate does not keep.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from osint_cli import api
from osint_cli.model import Article
from osint_cli.settings import Settings

HERE = Path(__file__).parent
TITLES = {"dr", "prof", "professor", "professorin", "mr", "mrs", "ms", "sir", "dame", "herr", "frau"}
STRICT_UNITS = {"%", "pp"}
CURRENCY = re.compile(r"^[A-Z]{3}$")
_SUFFIX = re.compile(r"(T(MO|AF|EV|NI|DT)|-WE)$")

Item = dict[str, Any]
Same = Callable[[Item, Item], bool]


def fold(s: str) -> str:
    """Case-, accent- and punctuation-folded text."""
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^\w]+", " ", s).strip()


def name_key(s: str) -> tuple[str, ...]:
    """A name's folded words without titles and initials."""
    return tuple(t for t in fold(s).split() if t not in TITLES and len(t) > 1)


def words(s: str) -> set[str]:
    """Content words of a text (longer than two letters, or numbers)."""
    return {t for t in fold(s).split() if len(t) > 2 or t.isdigit()}


@dataclass
class Tally:
    """True positives, false positives and false negatives of one measure."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def f1(self) -> float:
        """F1; 1.0 when there was nothing to find and nothing was found."""
        return 1.0 if not (self.tp + self.fp + self.fn) else 2 * self.tp / (2 * self.tp + self.fp + self.fn)


@dataclass
class Ratio:
    """Hits among trials (kind/role/affiliation agreement on matched experts)."""

    hit: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        """Count one trial."""
        self.total += 1
        self.hit += bool(ok)

    def value(self) -> float:
        """The share of hits (1.0 without trials)."""
        return self.hit / self.total if self.total else 1.0


def _number(v: Any) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _unit(u: Any) -> str | None:
    if u is None:
        return None
    s = str(u).strip()
    low = s.casefold()
    if low in {"%", "percent", "prozent", "per cent", "pct"}:
        return "%"
    if low in {"pp", "prozentpunkte", "percentage points", "percentage point", "prozentpunkt"}:
        return "pp"
    return s.upper() if len(s) == 3 and CURRENCY.match(s.upper()) else s


def match(gold: list[Item], pred: list[Item], same: Same) -> Tally:
    """Greedy one-to-one matching of gold items to predictions."""
    free = list(range(len(pred)))
    tally = Tally()
    for g in (g for g in gold if not g.get("optional")):
        cands = [i for i in free if same(g, pred[i])]
        if not cands:
            tally.fn += 1
            continue
        gw = words(g.get("text", ""))
        free.remove(max(cands, key=lambda i: (len(gw & words(str(pred[i].get("text", "")))), -i)))
        tally.tp += 1
    for g in (g for g in gold if g.get("optional")):
        gw = words(g.get("text", ""))
        cands = [i for i in free if same(g, pred[i]) or gw & words(str(pred[i].get("text", "")))]
        if cands:
            free.remove(cands[0])
    tally.fp = len(free)
    return tally


def same_value(g: Item, p: Item) -> bool:
    """Figures: the same value within 0.5 %."""
    a, b = _number(g.get("value")), _number(p.get("value"))
    return a is not None and b is not None and math.isclose(a, b, rel_tol=0.005, abs_tol=1e-9)


def same_value_unit(g: Item, p: Item) -> bool:
    """Figures: the same value and, for currencies, % and pp, the same unit."""
    if not same_value(g, p):
        return False
    gu = _unit(g.get("unit"))
    if gu in STRICT_UNITS or (gu and CURRENCY.match(gu)):
        return _unit(p.get("unit")) == gu
    return True


def _vnorm(v: Any) -> str | None:
    return None if v is None else _SUFFIX.sub("", str(v).strip().upper())


def same_date(g: Item, p: Item) -> bool:
    """Dates: the same normalised TIMEX3 value."""
    return g.get("value") is not None and _vnorm(g.get("value")) == _vnorm(p.get("value"))


def same_span(g: Item, p: Item) -> bool:
    """Dates: overlapping words (found, whatever the value)."""
    return bool(words(g.get("text", "")) & words(str(p.get("text", ""))))


def _expert_hit(g: Item, pred: list[Item], used: set[int]) -> int | None:
    full = name_key(g["name"])
    keys = {full} | {name_key(a) for a in g.get("aliases") or []}
    for i, p in enumerate(pred):
        if i in used:
            continue
        k = name_key(str(p.get("name", "")))
        if k == full or (k in keys and len(k) >= len(full)) or (len(k) >= 2 and k[-1:] == full[-1:] and set(k) <= set(full)):
            return i
    return None


def score_experts(gold: list[Item], pred: list[Item], out: dict[str, Any]) -> None:
    """Add the experts tally and the kind/role/affiliation ratios of one page to ``out``."""
    used: set[int] = set()
    for g in gold:
        i = _expert_hit(g, pred, used)
        if i is None:
            continue
        used.add(i)
        p = pred[i]
        out["expert.kind"].add(p.get("kind") == g.get("kind"))
        if g.get("role"):
            out["expert.role"].add(bool(words(g["role"]) & words(str(p.get("role") or ""))))
        if g.get("affiliation"):
            gw, pw = words(g["affiliation"]), words(str(p.get("affiliation") or ""))
            out["expert.affiliation"].add(bool(pw) and len(gw & pw) / max(1, min(len(gw), len(pw))) >= 0.5)
    t = out["experts"]
    t.tp += len(used)
    t.fp += len(pred) - len(used)
    t.fn += len(gold) - len(used)


MEASURES: dict[str, tuple[str, Same]] = {
    "figures": ("figures", same_value),
    "figures+unit": ("figures", same_value_unit),
    "dates": ("dates", same_date),
    "dates(span)": ("dates", same_span),
}
RATIOS = ("expert.kind", "expert.role", "expert.affiliation")


def empty() -> dict[str, Any]:
    """Fresh tallies for every measure."""
    out: dict[str, Any] = {"experts": Tally(), **{k: Tally() for k in MEASURES}}
    out.update({k: Ratio() for k in RATIOS})
    return out


def score_page(gold: Item, report: Item, out: dict[str, Any]) -> None:
    """Add one page's matches to the tallies in ``out``."""
    score_experts(gold.get("experts", []), report["experts"], out)
    for name, (key, same) in MEASURES.items():
        t = match(gold.get(key, []), report[key], same)
        out[name].tp += t.tp
        out[name].fp += t.fp
        out[name].fn += t.fn


def pages() -> list[Item]:
    """The stored pages: id, lang, reference date (see scripts/build_eval.py)."""
    return json.loads((HERE / "pages.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def report_of(page: Item) -> Item:
    """Run the extractors over a stored page's text as ``osint summarize`` would."""
    text = (HERE / "text" / f"{page['id']}.txt").read_text(encoding="utf-8")
    ref = date.fromisoformat(page["reference"]) if page.get("reference") else None
    settings = Settings(lang=page["lang"], reference_date=ref)
    article = Article(text=text, lang=page["lang"], url=page.get("url"))
    return api.summarize_article(article, settings, page["id"]).to_dict()


def evaluate() -> dict[str, float]:
    """Every measure per language and over all pages, as ``{"dates.de": 0.99, ...}``."""
    tallies: dict[str, dict[str, Any]] = {}
    for page in pages():
        gold = json.loads((HERE / "gold" / f"{page['id']}.json").read_text(encoding="utf-8"))
        report = report_of(page)
        for lang in (page["lang"], "all"):
            score_page(gold, report, tallies.setdefault(lang, empty()))
    return {
        f"{name}.{lang}": round(v.f1() if isinstance(v, Tally) else v.value(), 4)
        for lang, out in sorted(tallies.items())
        for name, v in out.items()
    }
