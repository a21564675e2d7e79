#!/usr/bin/env python3
"""Two per-page hot spots of issue 13, old and new side by side in one run, on the corpus pages:

* JSON of the reports: ``dataclasses.asdict`` (deep-copies every leaf) against the plain
  walk ``model.plain`` now used by ``Report.to_dict``; the bytes must be the same;
* counting the non-ASCII characters of undeclared bytes in ``decode._utf8_or_cp1252``:
  a character loop in Python against ``len(text) - ASCII bytes`` counted in C.

Each figure is the median of ``--repeat`` rounds over all pages, in milliseconds.

    PYTHONPATH=. python3 benchmarks/encode_decode.py [--corpus ../shared/corpus] [--repeat 5]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from osint_cli import api
from osint_cli.fetch.decode import _ascii_count
from osint_cli.model import Report
from osint_cli.settings import Settings


def old_to_dict(report: Report) -> dict[str, Any]:
    """Report.to_dict as it was: dataclasses.asdict."""
    out = report.to_dict()
    f = report.findings
    for key, items in (("experts", f.experts), ("quotes", f.quotes), ("figures", f.figures), ("dates", f.dates),
                       ("sources", f.sources)):
        out[key] = [dataclasses.asdict(x) for x in items]
    meta = dataclasses.asdict(report.article)
    meta.pop("text")
    meta["reference_date"] = report.reference_date
    out["metadata"] = meta
    return out


def old_count(text: str, body: bytes) -> int:
    return sum(1 for ch in text if ord(ch) > 0x7F)


def new_count(text: str, body: bytes) -> int:
    return len(text) - _ascii_count(body)


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median milliseconds of ``fn()``."""
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return 1000 * statistics.median(runs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    files = sorted((args.corpus / "pages").rglob("*.html"))
    if not files:
        sys.exit(f"encode_decode.py: no pages under {args.corpus / 'pages'}")
    bodies = [p.read_bytes() for p in files]
    texts = [b.decode("utf-8", errors="replace") for b in bodies]  # decoded once: only the counting is timed
    pairs = list(zip(texts, bodies, strict=True))
    reports = [api.summarize_source(str(p), Settings()) for p in files]
    for r in reports:
        assert json.dumps(old_to_dict(r), ensure_ascii=False) == json.dumps(r.to_dict(), ensure_ascii=False)
    assert [old_count(*p) for p in pairs] == [new_count(*p) for p in pairs]
    rows = [
        ("JSON: dataclasses.asdict", timed(lambda: [json.dumps(old_to_dict(r), ensure_ascii=False) for r in reports], args.repeat)),
        ("JSON: plain walk", timed(lambda: [json.dumps(r.to_dict(), ensure_ascii=False) for r in reports], args.repeat)),
        ("non-ASCII count: Python loop", timed(lambda: [old_count(*p) for p in pairs], args.repeat)),
        ("non-ASCII count: in C", timed(lambda: [new_count(*p) for p in pairs], args.repeat)),
    ]
    print(f"{len(files)} pages, same bytes and counts both ways")
    for name, ms in rows:
        print(f"{name:32} {ms:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
