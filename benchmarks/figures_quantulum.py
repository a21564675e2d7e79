#!/usr/bin/env python3
"""The number parser and the figures extractor against two public gold sets.

1. text2num (allo-media, Rust unit tests; German and English number words):
   - ``assert_text2digits``: the whole string is one numeral; our parser's value must
     equal the digits. Ordinals ("21.", "21st") and digit strings with leading zeros
     ("08", "00125") are outside a figure parser and are counted as "not applicable".
   - ``assert_invalid``: the parser must refuse the string.
   - ``assert_replace_numbers`` / ``assert_replace_all_numbers``: every numeral of a
     sentence, in order; compared as lists of values (small numbers stay words under
     replace_numbers' threshold 10, so only values >= 10 are compared there).
2. quantulum3's English quantity gold (quantities.json, quantities.ambiguity.json):
   the figures extractor runs on each sentence; a gold quantity is found when a figure
   has its value (within 0.5 %, as score.py). Where the conventions differ, the gold is
   set aside and counted: durations (a figure extractor leaves them to the dates), bare
   years, and quantulum's "1 dozen" (we say 12) and range means (we give the bounds,
   compared as their mean).

A measurement, not a test: it prints accuracies and exits 0.

    python3 benchmarks/figures_quantulum.py [--data ../shared/benchmarks] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

from figure_scoring import Tally, close, data_arg, match

from osint_cli import rules
from osint_cli.extract import figures
from osint_cli.extract.doc import Doc
from osint_cli.extract.numbers import syntax

TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "megayear", "gigayear"}


def numerals(lang: str, text: str) -> list[float]:
    """Every numeral the number grammar finds in ``text``, in order, with its value."""
    syn = syntax(lang)
    articles = rules.load(lang).words("fig_needs_scale")
    out = []
    for m in syn.grammar.finditer(text):
        v = syn.evaluate(m.group())
        if v is not None and m.group().casefold() not in articles:  # "eine Spur": an article
            out.append(v)
    return out


def expected_numbers(s: str) -> list[float]:
    return [float(x.replace(",", ".")) for x in re.findall(r"(?<![\w.])\d+(?:,\d+)?(?![\w.]?\d)", s)]


def text2num(data: Path, verbose: bool) -> None:
    print("text2num number-word assertions")
    print(f"  {'lang':4} {'macro':28} {'right':>5} {'of':>4} {'n/a':>4}  accuracy")
    for lang in ("de", "en"):
        cases = json.loads((data / "text2num-de-en-asserts" / f"{lang}_asserts.json").read_text())["cases"]
        tally: dict[str, list[int]] = {}
        for case in cases:
            macro, strings = case["macro"], case["strings"]
            right = total = na = 0
            if macro == "assert_text2digits":
                text, digits = strings
                if not digits.isdigit() or (digits.startswith("0") and digits != "0") or digits == "0":
                    na = 1  # ordinals, digit strings, zero: not figures
                else:
                    total = 1
                    got = syntax(lang).value(text)
                    right = int(got is not None and math.isclose(got, float(digits)))
            elif macro == "assert_invalid":
                total = 1
                right = int(syntax(lang).value(strings[0]) is None)
            elif len(strings) == 2:
                text, out = strings
                want = expected_numbers(out)
                got = numerals(lang, text)
                if macro == "assert_replace_numbers":
                    want = [v for v in want if v >= 10]
                    got = [v for v in got if v >= 10]
                if any(re.search(r"\d\.(?!\d)|\b0\d", out) for _ in [0]):
                    na = 1  # ordinals ("21.") or leading zeros ("09"): not figures
                else:
                    total = 1
                    right = int(len(got) == len(want) and all(math.isclose(a, b) for a, b in zip(got, want, strict=True)))
            else:
                na = 1
            t = tally.setdefault(macro, [0, 0, 0])
            t[0] += right
            t[1] += total
            t[2] += na
            if verbose and total and not right:
                print(f"    miss {lang} {macro}: {strings}")
        for macro, (right, total, na) in tally.items():
            acc = f"{right / total:.3f}" if total else "-"
            print(f"  {lang:4} {macro:28} {right:5} {total:4} {na:4}  {acc}")
        r = sum(t[0] for t in tally.values())
        n = sum(t[1] for t in tally.values())
        print(f"  {lang:4} {'all applicable':28} {r:5} {n:4} {sum(t[2] for t in tally.values()):4}  {r / n:.3f}")


def quantulum(data: Path, name: str, verbose: bool) -> Tally:
    """The English figures extractor on one quantulum3 gold file."""
    cases = json.loads((data / "quantulum3-tests" / name).read_text())
    pack = rules.load("en")
    tally = Tally()
    for case in cases:
        figs = figures.extract(Doc.build(case["req"], pack))
        # quantulum reports a range's mean
        preds = [float(f.value) if f.value_max is None else (float(f.value) + float(f.value_max)) / 2 for f in figs]
        golds = []
        for q in case["res"]:
            reason = _set_aside(q)
            if reason is not None:
                tally.aside[reason] += 1
                continue
            value = float(q["value"])
            if "dozen" in q.get("unit", ""):
                value *= 13 if "baker" in q["unit"] else 12
            golds.append((q.get("surface", ""), value))
        taken, spurious = match(golds, preds, lambda g, p: close(p, g[1]))
        tally.tp += sum(hit is not None for hit in taken)
        tally.fn += sum(hit is None for hit in taken)
        tally.fp += len(spurious)
        if verbose:
            for (surface, value), hit in zip(golds, taken, strict=True):
                if hit is None:
                    print(f"    missed   {surface!r} = {value} in {case['req'][:70]!r}")
            for i in spurious:
                print(f"    spurious {figs[i].text!r} = {figs[i].value} in {case['req'][:70]!r}")
    print(f"  {name:28} {tally.line()}")
    return tally


def _set_aside(q: dict[str, object]) -> str | None:
    """Where quantulum's convention differs from ours: durations and bare years."""
    unit, surface = str(q.get("unit", "")), str(q.get("surface", ""))
    if unit in TIME_UNITS:
        return "duration"
    if unit == "dimensionless" and re.fullmatch(r"(1[5-9]|20)\d\d", surface):
        return "year"
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    data_arg(ap, __file__)
    ap.add_argument("--verbose", action="store_true", help="list every miss")
    args = ap.parse_args()
    if not (args.data / "text2num-de-en-asserts").is_dir():
        print(f"no benchmark data under {args.data}", file=sys.stderr)
        return 0
    text2num(args.data, args.verbose)
    print("quantulum3 English quantities, figure values (en figures extractor, no dates claimed)")
    for name in ("quantities.json", "quantities.ambiguity.json"):
        quantulum(args.data, name, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
