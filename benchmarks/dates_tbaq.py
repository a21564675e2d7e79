#!/usr/bin/env python3
"""TempEval-3 TBAQ (TimeBank + AQUAINT) in-process: the count of ../shared/eval/timeml.py in seconds.

timeml.py runs ``osint summarize`` once per creation date (about two minutes); this script
calls the date extractor on the same text (plain text cleaned as a .txt page is) with the same
reference date and matches with the same rule (score.match_values: a prediction is right
when its TIMEX3 value, with TMO/TEV/... and -WE stripped, equals a gold value; span: one shared
word). The numbers equal timeml.py's; use it for a fast loop, timeml.py for the record.

Usage: python3 benchmarks/dates_tbaq.py [--dir DIR] [--eval DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from osint_cli import extract  # noqa: E402
from osint_cli.text import _clean  # noqa: E402

_SUFFIX = re.compile(r"(T(MO|AF|EV|NI|DT)|-WE)$")


def norm(v: object) -> str | None:
    """A TIMEX3 value as timeml.py compares it."""
    return None if v is None else _SUFFIX.sub("", str(v).strip().upper())


def main() -> None:
    """Print value and span P/R/F1 (and every miss with --verbose)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=str(ROOT.parent / "shared" / "benchmarks" / "tempeval3-tbaq"))
    ap.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval"))
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    sys.path.insert(0, a.eval)
    import score  # type: ignore[import-not-found]

    files = {f.stem: f for f in sorted(Path(a.dir).rglob("*.tml"))}  # a stem once, as timeml.py keys them
    val, span = score.Tally(), score.Tally()
    for stem, f in files.items():
        raw = f.read_text(encoding="utf-8")
        dct = re.search(r'<DCT>.*?value="([^"]+)"', raw, re.S).group(1)[:10]  # type: ignore[union-attr]
        body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S).group(1)  # type: ignore[union-attr]
        gold = [{"text": html.unescape(re.sub(r"<[^>]+>", "", m.group(2))), "value": m.group(1), "optional": False}
                for m in re.finditer(r'<TIMEX3[^>]*?value="([^"]*)"[^>]*>(.*?)</TIMEX3>', body, re.S)]
        text = _clean(html.unescape(re.sub(r"<[^>]+>", "", body)).strip())
        found = extract.run(text, "en", date.fromisoformat(dct), ("dates",)).dates
        pred = [{"text": d.text, "value": d.value} for d in found]
        log: list[str] = []
        val.add(*score.match_values(gold, pred, lambda g, q: norm(g["value"]) == norm(q.get("value")), log, "date")[:3])
        span.add(*score.match_values(gold, pred, lambda g, q: bool(score.words(g["text"]) & score.words(str(q.get("text", "")))), [], "date")[:3])
        if a.verbose:
            for line in log:
                print(f"{stem}: {line}")
    p, r, f1 = val.prf()
    sp, sr, sf = span.prf()
    print(f"TimeML {Path(a.dir).name} (in-process): {len(files)} documents, value P {p:.3f} R {r:.3f} F1 {f1:.3f}; "
          f"span P {sp:.3f} R {sr:.3f} F1 {sf:.3f}")


if __name__ == "__main__":
    main()
