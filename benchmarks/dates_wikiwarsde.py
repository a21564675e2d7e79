#!/usr/bin/env python3
"""Score the German date tagger on WikiWarsDE (Strötgen & Gertz 2011): a measurement, not a test.

WikiWarsDE holds 22 German Wikipedia articles on wars with 2,240 TIMEX2 annotations
(inline in ``keyinline/``). They are narratives: relative expressions anchor to the last
date mentioned, so the tagger runs in narrative mode with the document creation time as
the initial reference.

TIMEX2 extents leave out the preposition and article that our spans keep for the news
gold ("am 7. Juli 1937" -> "7. Juli 1937"), so the prefix preposition and article are cut
from each predicted span before matching; a preposition that belongs to the expression
itself ("im selben Monat", "vor zwei Jahren") stays.

Printed: strict span P/R/F1 (same start and end), lenient span P/R/F1 (overlap), value
accuracy on strict matches, and strict span+value P/R/F1 (the span and the value both
right). HeidelTime reports strict span F1 0.877 and value accuracy 0.885 on this corpus.

Usage: python3 benchmarks/dates_wikiwarsde.py [CORPUS_DIR] [--verbose]
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from osint_cli.extract.dates import analyse  # noqa: E402
from osint_cli.extract.doc import Doc  # noqa: E402
from osint_cli.rules import load  # noqa: E402

DEFAULT = Path("/work/shared/benchmarks/wikiwarsde/WikiWarsDE_20110412")
_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class Gold:
    """One TIMEX2 annotation: span in the plain text and normalised value."""

    start: int
    end: int
    text: str
    value: str


def read(path: Path) -> tuple[str, int, int, date, list[Gold]]:
    """Plain text, TEXT region, document creation date and annotations of one keyinline file."""
    raw = path.read_text(encoding="utf-8")
    out: list[str] = []
    pos = 0
    length = 0
    golds: list[Gold] = []
    opened: list[tuple[int, str]] = []
    text_start = text_end = 0
    for m in _TAG.finditer(raw):
        chunk = raw[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name == "TIMEX2" and not closing:
            opened.append((length, dict(_ATTR.findall(attrs)).get("val", "")))
        elif name == "TIMEX2":
            start, value = opened.pop()
            golds.append(Gold(start, length, "", value))
        elif name == "TEXT":
            if closing:
                text_end = length
            else:
                text_start = length
    out.append(raw[pos:])
    text = "".join(out)
    dct = date(2011, 2, 16)
    inside = []
    for g in golds:
        g.text = text[g.start : g.end]
        if text_start <= g.start < text_end:
            inside.append(g)
        elif re.match(r"\d{4}-\d\d-\d\d", g.value):
            dct = date.fromisoformat(g.value[:10])
    return text, text_start, text_end, dct, inside


def core_span(text: str, start: int, end: int, g: dict[str, str]) -> tuple[int, int]:
    """Our span without the prefix preposition and article (TIMEX2 extent)."""
    for key in ("prep", "art"):
        word = g.get(key)
        if word and text.startswith(word, start):
            start += len(word)
            while start < end and text[start].isspace():
                start += 1
    return start, end


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    """Run the tagger over the corpus and print the scores."""
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    verbose = "--verbose" in sys.argv
    root = Path(args[0]) if args else DEFAULT
    pack = load("de")
    n_gold = n_pred = strict = lenient = value_ok = 0
    seconds = 0.0
    for path in sorted((root / "keyinline").glob("*.xml")):
        text, t0, t1, dct, golds = read(path)
        body = text[t0:t1]
        clock = time.perf_counter()
        found = analyse(Doc.build(body, pack, dct), narrative=True)
        seconds += time.perf_counter() - clock
        preds = []
        for hit, v in found:
            s, e = core_span(body, hit.start, hit.end, hit.g)
            preds.append((s + t0, e + t0, v.value or ""))
        n_gold += len(golds)
        n_pred += len(preds)
        by_span = {(s, e): val for s, e, val in preds}
        used: set[int] = set()
        for g in golds:
            if (g.start, g.end) in by_span:
                strict += 1
                value_ok += by_span[(g.start, g.end)] == g.value
                if verbose and by_span[(g.start, g.end)] != g.value:
                    print(f"  value {path.stem}: {g.text!r} gold {g.value} got {by_span[(g.start, g.end)]}")
            else:
                hits = [i for i, (s, e, _) in enumerate(preds) if s < g.end and g.start < e and i not in used]
                if hits:
                    used.add(hits[0])
                    lenient += 1
                    if verbose:
                        s, e, val = preds[hits[0]]
                        print(f"  span  {path.stem}: gold {g.text!r} ({g.value}) got {text[s:e]!r} ({val})")
                elif verbose:
                    print(f"  miss  {path.stem}: {g.text!r} ({g.value})")
        if verbose:
            gold_spans = [(g.start, g.end) for g in golds]
            for s, e, val in preds:
                if not any(s < ge and gs < e for gs, ge in gold_spans):
                    print(f"  extra {path.stem}: {text[s:e]!r} ({val})")
    lenient += strict
    sp, sr, sf = prf(strict, n_pred, n_gold)
    lp, lr, lf = prf(lenient, n_pred, n_gold)
    vp, vr, vf = prf(value_ok, n_pred, n_gold)
    print(f"WikiWarsDE: {n_gold} gold TIMEX2, {n_pred} predicted, {seconds * 1000:.0f} ms tagging")
    print(f"strict span      P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}")
    print(f"lenient span     P {lp:.3f}  R {lr:.3f}  F1 {lf:.3f}")
    print(f"value accuracy   {value_ok / strict if strict else 0:.3f} on {strict} strict matches")
    print(f"strict span+value P {vp:.3f}  R {vr:.3f}  F1 {vf:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
