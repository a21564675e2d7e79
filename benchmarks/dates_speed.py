#!/usr/bin/env python3
"""Time of the dates extractor against trafilatura's extraction alone: a measurement, not a test.

For every page of the corpus: trafilatura (through ``article_from_page``) once, then the
dates extractor over the extracted text (best of several runs, Doc built outside the
timing). The budget is 15 % of trafilatura's time.

Usage: python3 benchmarks/dates_speed.py [CORPUS_DIR]
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from osint_cli.extract import dates  # noqa: E402
from osint_cli.extract.doc import Doc  # noqa: E402
from osint_cli.model import Page  # noqa: E402
from osint_cli.rules import load  # noqa: E402
from osint_cli.text import article_from_page  # noqa: E402

DEFAULT = Path("/work/shared/corpus")


def main() -> int:
    """Print the per-page times and the ratio."""
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    files = sorted((root / "pages").glob("*.html")) + sorted((root / "seed").glob("*.html"))
    traf = tagging = 0.0
    pages = 0
    for path in files:
        body = path.read_bytes()
        t0 = time.perf_counter()
        article = article_from_page(Page(source=str(path), url=None, body=body))
        traf += time.perf_counter() - t0
        if article.lang not in ("de", "en"):
            continue
        doc = Doc.build(article.text, load(article.lang), date(2024, 3, 6))
        dates.extract(doc)  # the tagger of the language is built once, outside the timing
        best = float("inf")
        for _ in range(5):
            t0 = time.perf_counter()
            dates.extract(doc)
            best = min(best, time.perf_counter() - t0)
        tagging += best
        pages += 1
    print(f"{pages} pages: trafilatura {traf / pages * 1000:.1f} ms/page, dates {tagging / pages * 1000:.2f} ms/page")
    print(f"dates add {100 * tagging / traf:.1f} % to trafilatura's time (budget 15 %)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
