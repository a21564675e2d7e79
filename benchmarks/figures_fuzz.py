#!/usr/bin/env python3
"""Fuzz the figures extractor: N random texts, German and English, no exception allowed.

Usage: PYTHONPATH=. python3 benchmarks/figures_fuzz.py [--n 100000] [--seed 1]

Each text glues together the figure rules' own examples, the words of the number-word,
scale, fraction, qualifier, currency and unit lists, numbers in every notation (huge,
negative, scientific with any exponent, space-grouped, fractions, vulgar fractions),
ratio and compound-amount fragments, and random punctuation and letters. Every figure
found must point into its text and have a finite value. Prints the count, the
exceptions (the first few texts that raised) and the time.
"""

from __future__ import annotations

import argparse
import math
import random
import time
import traceback

from osint_cli import rules
from osint_cli.extract import figures
from osint_cli.extract.doc import Doc

LISTS = ("fig_ones", "fig_teens", "fig_tens", "fig_hundred", "fig_thousand", "fig_scale", "fig_fraction",
         "fig_qualifier", "fig_qualifier_post", "fig_currency", "fig_currency_symbol", "fig_unit", "fig_percent",
         "fig_negative", "fig_range_sep", "fig_ratio_ordinal", "fig_subunit", "fig_compound_joiner", "fig_multiple")
FRAGMENTS = ["in", "out of", "jeder", "jede", "and a half", "und", "x 10^", "×10−", "e", "E-", "-", "–", " ", "\u202f",
             "\u00a0", "^", "**", "⁻", "³", "½", "/", "%", "$", "€", "(", ")", ",", ".", "'"]


def _number(rnd: random.Random) -> str:
    return rnd.choice([
        str(rnd.randint(0, 40)), str(rnd.randint(0, 10**6)), "9" * rnd.randint(1, 80), "-" + str(rnd.randint(0, 99)),
        f"{rnd.randint(0, 99)}.{rnd.randint(0, 99)}e{rnd.randint(-400, 400)}", f"{rnd.randint(1, 9)} x 10^{rnd.randint(-99, 99)}",
        f"{rnd.randint(1, 999)} {rnd.randint(0, 999):03d} {rnd.randint(0, 999):03d}", f"{rnd.randint(0, 9)}/{rnd.randint(0, 64)}",
        "1e308", "1e-308", "0", "3,5", "1.000.000", "1,000,000", f"{rnd.randint(1, 9)}½",
    ])


def _text(rnd: random.Random, words: list[str], examples: list[str]) -> str:
    out = []
    for _ in range(rnd.randint(1, 14)):
        kind = rnd.random()
        if kind < 0.25:
            out.append(rnd.choice(examples))
        elif kind < 0.6:
            out.append(rnd.choice(words))
        elif kind < 0.8:
            out.append(_number(rnd))
        elif kind < 0.9:
            out.append(rnd.choice(FRAGMENTS))
        else:
            out.append("".join(rnd.choice("aZ09.:/-–,; \n\t'\"()ßÄ€$%xe^") for _ in range(rnd.randint(1, 6))))
    return rnd.choice([" ", "", "\n"]).join(out) if rnd.random() < 0.1 else " ".join(out)


def _check(text: str, pack: rules.RulePack) -> None:
    for f in figures.extract(Doc.build(text, pack)):
        if not (0 <= f.start <= f.end <= len(text)) or text[f.start : f.end] != f.text:
            raise AssertionError(f"figure does not point into the text: {f!r}")
        if not math.isfinite(float(f.value)) or (f.value_max is not None and not math.isfinite(float(f.value_max))):
            raise AssertionError(f"figure value not finite: {f!r}")


def main() -> None:
    """Run the fuzz and print its tally."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    packs = {lang: rules.load(lang) for lang in ("de", "en")}
    words = {lang: [w for name in LISTS for w in p.lists.get(name, ())] for lang, p in packs.items()}
    examples = {lang: [ex for rule in p.rules("figures") for ex in rule.examples] for lang, p in packs.items()}
    failures: list[tuple[str, str, str]] = []
    t0 = time.perf_counter()
    for _ in range(a.n):
        lang = rnd.choice(("de", "en"))
        text = _text(rnd, words[lang], examples[lang])
        try:
            _check(text, packs[lang])
        except Exception:  # noqa: BLE001 - a fuzz run counts every exception
            failures.append((lang, text, traceback.format_exc(limit=3)))
    seconds = time.perf_counter() - t0
    print(f"figures fuzz: {a.n} texts, {len(failures)} exceptions, {seconds:.0f} s (seed {a.seed})")
    for lang, text, tb in failures[:5]:
        print(f"  {lang} {text!r}\n{tb}")


if __name__ == "__main__":
    main()
