#!/usr/bin/env python3
"""Measure what building the rule regexes costs a fresh process (issue 13).

Each trial starts a new Python process (CPU time, which a busy machine distorts less than
wall time) that imports the extractors and runs them twice
over one short sentence: the first run pays for loading the packs and compiling every
pattern, the second shows the warm cost. Trees are measured alternately in one run, so
a ratio between them holds on a busy machine where absolute numbers do not.

    python3 scripts/bench_first_use.py                    # this tree
    python3 scripts/bench_first_use.py /tmp/before .      # two trees side by side
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

PROBE = r"""
import json, sys, time
t0 = time.process_time()
from datetime import date
from osint_cli.extract import run
t1 = time.process_time()
text = {"de": "Am 3. Mai 2021 sagte der Forscher Hans Meier, 40 Prozent der Befragten seien zufrieden.",
        "en": "On May 3, 2021, researcher John Miller said 40 percent of those asked were satisfied.",
        "fr": "Le 3 mai 2021, le chercheur Jean Martin a déclaré que 40 % des sondés étaient satisfaits."}[sys.argv[1]]
run(text, sys.argv[1], date(2021, 5, 6), ("dates", "figures", "experts", "sources"))
t2 = time.process_time()
run(text, sys.argv[1], date(2021, 5, 6), ("dates", "figures", "experts", "sources"))
t3 = time.process_time()
print(json.dumps({"import": t1 - t0, "first": t2 - t1, "warm": t3 - t2}))
"""


def trial(tree: Path, lang: str) -> dict[str, float]:
    """One fresh process over ``tree``'s code."""
    # -P: the current directory must not shadow the tree under test
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-P", "-c", PROBE, lang], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("trees", nargs="*", type=Path, default=[Path(__file__).resolve().parents[1]])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--lang", default="de")
    args = ap.parse_args()
    results: dict[Path, list[dict[str, float]]] = {t: [] for t in args.trees}
    for _ in range(args.runs):
        for tree in args.trees:
            results[tree].append(trial(tree, args.lang))
    medians = {t: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for t, rs in results.items()}
    for tree, m in medians.items():
        print(f"{str(tree):40} import {m['import']:.3f}s  first run {m['first']:.3f}s  warm {m['warm'] * 1000:.1f}ms")
    if len(args.trees) == 2:
        a, b = (medians[t]["first"] for t in args.trees)
        print(f"first-run ratio {args.trees[1]} / {args.trees[0]}: {b / a:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
