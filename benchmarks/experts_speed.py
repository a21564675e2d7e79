"""Time of the experts and sources extractors against trafilatura's extraction alone.

Usage: python3 benchmarks/experts_speed.py [CORPUS_DIR]   (default /work/shared/corpus)
Both are timed in one process over every page of the corpus, best of three passes after
a warm-up pass, so that one-time loading (rule packs, name lists) is not counted.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from osint_cli.extract import run
from osint_cli.model import Page
from osint_cli.text import article_from_page


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus")
    pages = [(m, (corpus / m["file"]).read_bytes()) for m in json.loads((corpus / "manifest.json").read_text())]
    articles = [article_from_page(Page(source=m["id"], url=m.get("url"), body=b)) for m, b in pages]
    for a in articles:
        run(a.text, a.lang or "en", None, ("sources", "experts"))
    best_t = best_x = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for m, b in pages:
            article_from_page(Page(source=m["id"], url=m.get("url"), body=b))
        t1 = time.perf_counter()
        for a in articles:
            run(a.text, a.lang or "en", None, ("sources", "experts"))
        t2 = time.perf_counter()
        best_t, best_x = min(best_t, t1 - t0), min(best_x, t2 - t1)
    n = len(pages)
    print(f"pages {n}: trafilatura {best_t / n * 1000:.1f} ms/page, sources+experts {best_x / n * 1000:.1f} ms/page, "
          f"ratio {best_x / best_t:.1%}")


if __name__ == "__main__":
    main()
