#!/usr/bin/env python3
"""Extractor overhead against trafilatura's extraction alone, side by side in one run.

For every corpus page it times (a) trafilatura.bare_extraction exactly as osint calls it
and (b) each extractor on the extracted text, interleaved and repeated, and reports the
sum of medians per page as a ratio to (a). Times are this process's CPU time unless
``--clock wall``: on a machine shared with other work, wall time measures the neighbours.
The issues' budgets: experts (with sources and quotes) <= 20 %, figures <= 10 %, dates
<= 15 % more than trafilatura alone; the whole pipeline <= 20 % (issue 13).

    python3 benchmarks/speed.py [--corpus ../shared/corpus] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import trafilatura

from osint_cli import api, extract
from osint_cli.model import Page
from osint_cli.settings import Settings
from osint_cli.text import article_from_page

SETS = {
    "dates": ("dates",),
    "figures": ("figures",),
    "experts+sources": ("experts", "sources"),
    "all": ("dates", "figures", "experts", "sources"),
}
BUDGET = {"dates": 0.15, "figures": 0.10, "experts+sources": 0.20}
WHOLE_BUDGET = 0.20


CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
clock = time.process_time


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    """Median time of ``fn()`` over ``repeat`` calls (``--clock``: CPU time by default)."""
    out = []
    for _ in range(repeat):
        t0 = clock()
        fn()
        out.append(clock() - t0)
    return statistics.median(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--clock", choices=sorted(CLOCKS), default="cpu",
                    help="CPU time of this process (default: steady on a shared machine) or wall time")
    args = ap.parse_args()
    global clock
    clock = CLOCKS[args.clock]
    manifest = json.loads((args.corpus / "manifest.json").read_text())
    totals = {"trafilatura": 0.0, "osint summarize": 0.0, **{k: 0.0 for k in SETS}}
    settings = Settings()
    for m in manifest:
        html = (args.corpus / m["file"]).read_bytes()
        page = Page(source=m["file"], url=m.get("url"), body=html, content_type="text/html")
        article = article_from_page(page)
        ref = date.fromisoformat(article.date) if article.date else date(2024, 1, 1)
        lang = settings.lang or article.lang or ""
        extract.run(article.text, lang, ref, SETS["all"])  # warm caches (rule compilation)
        totals["trafilatura"] += timed(
            lambda: trafilatura.bare_extraction(
                html.decode("utf-8", "replace"), url=m.get("url"), with_metadata=True,
                include_comments=False, include_tables=True),
            args.repeat,
        )
        ref_settings = Settings(reference_date=ref)
        totals["osint summarize"] += timed(lambda: api.summarize_page(page, ref_settings), args.repeat)
        for name, which in SETS.items():
            totals[name] += timed(lambda: extract.run(article.text, lang, ref, which), args.repeat)
    base = totals["trafilatura"]
    print(f"pages: {len(manifest)}, repeat: {args.repeat} (median {args.clock} time per page, summed)")
    print(f"{'step':18} {'seconds':>9} {'vs trafilatura':>15} {'budget':>8}")
    print(f"{'trafilatura':18} {base:9.3f} {'1.000':>15}")
    full = totals["osint summarize"] / base - 1
    ok = full <= WHOLE_BUDGET
    print(f"{'osint summarize':18} {totals['osint summarize']:9.3f} {'+' + format(full * 100, '.1f') + ' %':>15}"
          f" {format(WHOLE_BUDGET * 100, '.0f') + ' %':>8} {'ok' if ok else 'OVER'}"
          "   (whole pipeline: decode, trafilatura, language, all extractors)")
    print("extractors alone, on the extracted text:")
    for name in SETS:
        ratio = totals[name] / base
        budget = BUDGET.get(name)
        flag = "" if budget is None else ("ok" if ratio <= budget else "OVER")
        ok &= flag != "OVER"
        print(f"{name:18} {totals[name]:9.3f} {'+' + format(ratio * 100, '.1f') + ' %':>15} "
              f"{'' if budget is None else format(budget * 100, '.0f') + ' %':>8} {flag}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
