#!/usr/bin/env python3
"""Fuzz every extractor and every renderer with random inputs; report each crash with a minimal reproducer.

Inputs mix random unicode (controls, combining marks, RTL, emoji), HTML fragments, numbers
in every notation, date-like strings, words from the rule packs' own lists glued into
sentences, and random reference dates from 0001-01-01 to 9999-12-31. Every input runs
through all extractors (``extract.run``) and the report through every output format; one
input in ``--html-every`` also goes the whole way as a page (trafilatura included). An
input that takes more than ``--limit`` CPU seconds is reported as a hang.

    python3 benchmarks/fuzz.py [--count 100000] [--seed 1] [--workers 2] [--limit 10]

Exit status 1 if anything crashed or hung.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing as mp
import random
import sys
import time
import traceback
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from osint_cli import extract, output, rules  # noqa: E402 (after the sys.path line: runs from a checkout)
from osint_cli.api import summarize_html  # noqa: E402 (after the sys.path line: runs from a checkout)
from osint_cli.budget import Overtime, budget  # noqa: E402 (after the sys.path line: runs from a checkout)
from osint_cli.errors import OsintError  # noqa: E402 (after the sys.path line: runs from a checkout)
from osint_cli.model import Article, Report  # noqa: E402 (after the sys.path line: runs from a checkout)
from osint_cli.settings import Settings  # noqa: E402 (after the sys.path line: runs from a checkout)

RANGES = [(0x0, 0x7F), (0x80, 0x24F), (0x300, 0x36F), (0x370, 0x52F), (0x590, 0x6FF), (0x2000, 0x206F),
          (0x2070, 0x22FF), (0x3000, 0x30FF), (0x4E00, 0x4E80), (0xFE00, 0xFFFF), (0x1F300, 0x1F64F), (0xE0000, 0xE007F)]
HTML = ["<p>", "</p>", "<div>", "</div>", "<br>", "<script>alert(1)</script>", "<!--", "-->", "&amp;", "&#27;",
        "&#x1b;", "&nbsp;", "<article>", "</article>", "<h1>", "<![CDATA[", "]]>", "<a href='javascript:x'>",
        "<meta name='date' content='9999-99-99'>", "<table><tr><td>", "&", "<", ">", "\"", "'"]
NUMBERS = ["0", "-1", "3,5", "3.5", "1.000.000", "1,000,000", "1 000", "1e308", "1e-308", "½", "⅓", "٣", "১২",
           "10^9", "9" * 40, "0,0000001", "12.34.56", "3-4", "3–4", "5%", "€5", "$5bn", "5 Mio.", "zwei", "two",
           "1/2", "1/0", "0/0", "100 000 000 000 000 000 000 000", "-0", "+7", "07", "1.", ".5", "5.", "1,2,3"]
DATES = ["am 3. März 2024", "3.3.2024", "31.02.2024", "2024-13-45", "0000-00-00", "9999-12-31", "10000-01-01",
         "8000 years later", "vor 8000 Jahren", "in 9999 Jahren", "seit 0001", "yesterday", "gestern", "tomorrow",
         "next Monday", "letzten Freitag", "im Jahr 1", "im 21. Jahrhundert", "in the 1990s", "Q4 2024",
         "KW 53", "the 29th of February", "29. Februar 2023", "1. Januar 1", "um 25:61 Uhr", "at 12:00 PM",
         "vor 1e9 Tagen", "in 99999999999 days", "every Monday", "jeden Tag", "seit drei Jahren", "the 1800s",
         "Mitte 2024", "Ende des Jahres", "early 0001", "late 9999", "am Sonntag", "on Sunday", "12/31/9999"]
GLUE = [" ", "  ", ". ", ", ", "\n", "\t", "\u00a0", "„", "“", "\"", "«", "»", "'", ": ", " – ", " (", ") ", "... ", "!"]


def _words() -> list[str]:
    words: list[str] = []
    for lang in rules.available():
        for value in rules.load(lang).lists.values():
            items = list(value) if isinstance(value, (list, dict)) else []
            words += [w for w in items if isinstance(w, str)]
    return words or ["Müller", "sagte", "Prozent"]


WORDS = _words()


def random_unicode(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        lo, hi = rng.choice(RANGES)
        c = rng.randint(lo, hi)
        if 0xD800 <= c <= 0xDFFF:  # lone surrogates cannot come out of decoding
            c = 0xFFFD
        out.append(chr(c))
    return "".join(out)


def piece(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.12:
        return random_unicode(rng, rng.randint(1, 20))
    if kind < 0.22:
        return rng.choice(HTML)
    if kind < 0.40:
        return rng.choice(NUMBERS)
    if kind < 0.55:
        return rng.choice(DATES)
    word = rng.choice(WORDS)
    return word.title() if rng.random() < 0.3 else word


def make_input(rng: random.Random) -> tuple[str, str, date | None]:
    """One random text, language and reference date."""
    parts = []
    for _ in range(rng.randint(1, 40)):
        parts.append(piece(rng))
        parts.append(rng.choice(GLUE))
    text = "".join(parts)
    lang = rng.choice(rules.available())
    ref = None if rng.random() < 0.1 else date.fromordinal(rng.randint(1, date.max.toordinal()))
    return text, lang, ref


def run_one(text: str, lang: str, ref: date | None, html: bool, table: bool = True) -> None:
    """Every extractor, then every renderer (``table``: rich's too, ~10x the cost of the rest); raises what they raise."""
    findings = extract.run(text, lang, ref, ("dates", "figures", "experts", "sources"))
    report = Report(source="fuzz", article=Article(text=text, title=text[:30], url="http://fuzz.example/", lang=lang),
                    findings=findings, reference_date=ref.isoformat() if ref else None)
    for fmt in output.FORMATS:
        if table or fmt != "table":
            output.render([report], fmt, io.StringIO(), include_text=True)
    if html:
        try:
            rep = summarize_html(f"<html><body><article><p>{text}</p></article></body></html>",
                                 Settings(reference_date=ref, lang=lang))
        except OsintError:
            return  # an expected, explained failure (no text, ...)
        for fmt in output.FORMATS:
            output.render([rep], fmt, io.StringIO())


def _fails(text: str, lang: str, ref: date | None, html: bool, kind: str, limit: float) -> bool:
    try:
        with budget(limit, cpu=True):
            run_one(text, lang, ref, html)
    except Overtime:
        return kind == "hang"
    except Exception as e:  # noqa: BLE001
        return type(e).__name__ == kind
    return False


def minimise(text: str, lang: str, ref: date | None, html: bool, kind: str, limit: float, seconds: float = 20.0) -> str:
    """Delta debugging light: drop chunks while the same exception type remains."""
    stop = time.monotonic() + seconds
    chunk = max(1, len(text) // 2)
    while chunk >= 1 and time.monotonic() < stop:
        i, shrunk = 0, False
        while i < len(text) and time.monotonic() < stop:
            candidate = text[:i] + text[i + chunk:]
            if candidate and _fails(candidate, lang, ref, html, kind, limit):
                text, shrunk = candidate, True
            else:
                i += chunk
        if not shrunk:
            chunk //= 2
    return text


def worker(args: tuple[int, int, int, int, int, float]) -> dict[str, Any]:
    """Inputs ``start`` to ``stop`` of seed ``seed``; crashes as dicts."""
    start, stop, seed, html_every, table_every, limit = args
    crashes, count = [], 0
    for i in range(start, stop):
        rng = random.Random(f"{seed}:{i}")
        text, lang, ref = make_input(rng)
        html = html_every > 0 and i % html_every == 0
        table = table_every > 0 and i % table_every == 0
        kind = None
        try:
            with budget(limit, cpu=True):
                run_one(text, lang, ref, html, table)
        except Overtime:
            kind, key, where = "hang", "hang", f"over {limit:g} s"
        except Exception as e:  # noqa: BLE001 - the point is to find these
            kind = type(e).__name__
            tb = traceback.extract_tb(e.__traceback__)[-1]
            key = f"{kind} at {Path(tb.filename).name}:{tb.lineno}"
            where = f"{Path(tb.filename).name}:{tb.lineno} {tb.name}: {e}"[:300]
        count += 1
        if kind:
            crashes.append({"i": i, "kind": kind, "key": key, "where": where, "lang": lang,
                            "ref": ref.isoformat() if ref else None, "html": html, "text": text})
    return {"count": count, "crashes": crashes}


def main() -> int:
    """Run the fuzz campaign and print a summary with one minimal reproducer per distinct crash."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--html-every", type=int, default=50, help="every Nth input also goes through trafilatura (0: never)")
    ap.add_argument("--table-every", type=int, default=1,
                    help="every Nth input also goes through the rich table renderer (13 ms each; default 1: all)")
    ap.add_argument("--limit", type=float, default=10.0, help="CPU seconds one input may take before it counts as a hang")
    args = ap.parse_args()
    # trafilatura's first use and each rule pack's first use are slow: warm them before the fork,
    # so that a worker's first input of a language is not taken for a hang
    for lang in rules.available():
        run_one("warm-up: am 3. März 2024 sagte Max Müller 5 Prozent, Reuters", lang, date(2024, 3, 4), True)
    t0 = time.monotonic()
    step = 500
    jobs = [(s, min(s + step, args.count), args.seed, args.html_every, args.table_every, args.limit)
            for s in range(0, args.count, step)]
    total, crashes = 0, []
    with mp.get_context("fork").Pool(args.workers) as pool:
        for n, res in enumerate(pool.imap_unordered(worker, jobs), 1):
            total += res["count"]
            crashes += res["crashes"]
            if n % 10 == 0:
                print(f"  {total} inputs, {len(crashes)} crashes, {time.monotonic() - t0:.0f} s", flush=True)
    tables = len(range(0, total, args.table_every)) if args.table_every > 0 else 0
    print(f"fuzz: {total} inputs (seed {args.seed}) through 4 extractors and {len(output.FORMATS) - 1} renderers, "
          f"{tables} also through the table renderer and {total // max(1, args.html_every)} as HTML pages, "
          f"in {time.monotonic() - t0:.0f} s: {len(crashes)} crashed or hung")
    seen: Counter[str] = Counter(c["key"] for c in crashes)
    done: set[str] = set()
    for c in sorted(crashes, key=lambda c: len(c["text"])):
        key = c["key"]
        if key in done:
            continue
        done.add(key)
        ref = date.fromisoformat(c["ref"]) if c["ref"] else None
        small = minimise(c["text"], c["lang"], ref, c["html"], c["kind"], args.limit)
        print(f"\n{key} ({seen[key]} inputs): {c['where']}")
        print(f"  reproduce: extract.run({small!r}, {c['lang']!r}, {ref!r}, EXTRACTORS)"
              + ("  [as an HTML page]" if c["html"] else ""))
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
