"""TempEval-3 TBAQ in one process: the measure of ``../shared/eval/timeml.py`` without a CLI call per date.

Usage: PYTHONPATH=. python3 benchmarks/dates_timeml.py [--dir ../shared/benchmarks/tempeval3-tbaq] [--verbose] [--only DOC]

Same text cleaning, reference date (the document creation time) and matching as the shared
scorer, so the numbers agree with it; a full run takes seconds instead of minutes, which
makes it the loop to work in (the shared scorer is the one to report).
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from datetime import date
from pathlib import Path

from osint_cli.extract import dates
from osint_cli.extract.doc import Doc
from osint_cli.rules import load
from osint_cli.text import _clean

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


def norm(v: object) -> str | None:
    """The value as the shared scorer compares it (times of day and -WE stripped)."""
    return None if v is None else re.sub(r"(T(MO|AF|EV|NI|DT)|-WE)$", "", str(v).strip().upper())


def main() -> None:
    """Score every .tml document and print value and span P/R/F1."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=str(SHARED / "benchmarks" / "tempeval3-tbaq"))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--only", default="")
    ap.add_argument("--words", action="store_true", help="per matched text (folded): right, wrong")
    a = ap.parse_args()
    sys.path.insert(0, str(SHARED / "eval"))
    import score  # the shared matcher

    pack = load("en")
    val, span = score.Tally(), score.Tally()
    n = 0
    tally: dict[str, list[int]] = {}
    # one document per name, the last one found (as the shared scorer keys them)
    files = {f.stem: f for f in sorted(Path(a.dir).rglob("*.tml"))}
    for f in files.values():
        if a.only and a.only not in f.stem:
            continue
        raw = f.read_text(encoding="utf-8")
        dct = re.search(r'<DCT>.*?value="([^"]+)"', raw, re.DOTALL).group(1)[:10]  # type: ignore[union-attr]
        body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.DOTALL).group(1)  # type: ignore[union-attr]
        gold = [{"text": html.unescape(re.sub(r"<[^>]+>", "", m.group(2))), "value": m.group(1), "optional": False}
                for m in re.finditer(r'<TIMEX3[^>]*?value="([^"]*)"[^>]*>(.*?)</TIMEX3>', body, re.DOTALL)]
        text = _clean(html.unescape(re.sub(r"<[^>]+>", "", body)).strip())
        doc = Doc.build(text, pack, date.fromisoformat(dct))
        pred = [{"text": t.text, "value": t.value, "rule": t.rule} for t in dates.extract(doc)]
        log: list[str] = []
        tp, fp, fn, pairs = score.match_values(gold, pred, lambda g, q: norm(g["value"]) == norm(q.get("value")), log, "date")
        val.add(tp, fp, fn)
        right = {id(q) for _, q in pairs}
        for q in pred:
            key = q["rule"] + " " + str(q["text"]).casefold() if a.words else q["rule"]
            tally.setdefault(key, [0, 0])[id(q) not in right] += 1
        if a.verbose:
            for line in log:
                print(f"{f.stem}: {line}")
        tp, fp, fn, _ = score.match_values(gold, pred, lambda g, q: bool(score.words(g["text"]) & score.words(str(q.get("text", "")))), [], "date")
        span.add(tp, fp, fn)
        n += 1
    if a.verbose or a.words:
        for key, (ok, bad) in sorted(tally.items(), key=lambda kv: -kv[1][1]):
            if bad:
                print(f"  {ok:4d} right {bad:4d} wrong  {key}")
    p, r, f1 = val.prf()
    sp, sr, sf = span.prf()
    print(f"TimeML {Path(a.dir).name}: {n} documents, value P {p:.3f} R {r:.3f} F1 {f1:.3f}; span P {sp:.3f} R {sr:.3f} F1 {sf:.3f}")


if __name__ == "__main__":
    main()
