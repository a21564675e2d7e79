"""Fuzz the dates extractor: N random texts with random reference dates, no exception allowed.

Usage: PYTHONPATH=. python3 benchmarks/dates_fuzz.py [--n 100000] [--seed 1]

Each text mixes the rule examples of both packs, date words with random numbers (up to
sixty digits) and years, random punctuation, letters and white space; each gets a
reference date drawn from 0001-01-01 to 9999-12-31 (or none) and news or narrative mode.
Prints the count, the exceptions (with the first few texts that raised) and the time.
"""

from __future__ import annotations

import argparse
import random
import time
import traceback
from datetime import date, timedelta

from osint_cli import rules
from osint_cli.extract.dates import tag_text

WORDS = {
    "en": ["years", "later", "days", "ago", "in", "months", "weeks", "earlier", "the", "next", "decades", "century", "BC", "Christmas", "Easter", "Thanksgiving", "last", "week", "tomorrow", "night", "'90s", "Q4", "following", "year", "Monday", "summer", "of", "a", "at", "p.m.", "noon", "since", "until", "early", "mid", "late", "March", "May", "the", "1st", "2nd", "3rd", "th", "-", "/", ",", ".", ":", ";", "(", ")", "'s", "every", "daily", "quarter", "fiscal", "before", "after", "yesterday", "nineteen", "ninety-one", "ended"],
    "de": ["Jahre", "später", "vor", "Tagen", "in", "Monaten", "Wochen", "zuvor", "Weihnachten", "Ostern", "Pfingsten", "vergangene", "Woche", "morgen", "Abend", "Jahrhundert", "im", "Jahr", "darauf", "am", "Montag", "um", "Uhr", "Sommer", "seit", "Jahrzehnten", "Mitte", "Anfang", "Ende", "März", "Mai", ".", ",", "-", "/", "Quartal", "zehn", "zwei", "einem", "halben", "jährlich", "KW", "v.", "Chr.", "nach", "gestern", "vorgestern"],
}


def _number(rnd: random.Random) -> str:
    return rnd.choice([str(rnd.randint(0, 40)), str(rnd.randint(0, 10000)), "9" * rnd.randint(1, 60), "0", "1.5", "12,5", "29"])


def _text(rnd: random.Random, lang: str, examples: list[str]) -> str:
    out = []
    for _ in range(rnd.randint(1, 12)):
        kind = rnd.random()
        if kind < 0.35:
            out.append(rnd.choice(examples))
        elif kind < 0.7:
            out.append(rnd.choice(WORDS[lang]))
        elif kind < 0.9:
            out.append(_number(rnd))
        else:
            out.append("".join(rnd.choice("aZ09.:/-–,; \n\t'\"()ßÄ€$%") for _ in range(rnd.randint(1, 6))))
    return rnd.choice([" ", "", "\n"]).join(out) if rnd.random() < 0.1 else " ".join(out)


def main() -> None:
    """Run the fuzz and print its tally."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    examples = {lang: [ex for rule in rules.load(lang).rules("dates") for ex in rule.examples] for lang in ("de", "en")}
    span = (date(9999, 12, 31) - date(1, 1, 1)).days
    failures: list[tuple[str, str, date | None, str]] = []
    found = unresolved = 0
    t0 = time.perf_counter()
    for _ in range(a.n):
        lang = rnd.choice(("de", "en"))
        ref = None if rnd.random() < 0.05 else rnd.choice([date(1, 1, 1), date(9999, 12, 31), date(1, 1, 1) + timedelta(days=rnd.randint(0, span))])
        text = _text(rnd, lang, examples[lang])
        try:
            got = tag_text(text, lang, ref, narrative=rnd.random() < 0.2)
        except Exception:  # noqa: BLE001 -- the point of the fuzz: count every exception
            failures.append((lang, text, ref, traceback.format_exc(limit=3)))
            continue
        found += len(got)
        unresolved += sum(e.unresolved for e in got)
    dt = time.perf_counter() - t0
    print(f"dates fuzz: {a.n} texts, {found} expressions ({unresolved} unresolved), {len(failures)} exceptions, {dt:.1f} s")
    for lang, text, ref, tb in failures[:5]:
        print(f"--- {lang} {ref}: {text!r}\n{tb}")


if __name__ == "__main__":
    main()
