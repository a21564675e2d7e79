"""Linear time of the dates extractor: time per KB on 10 KB and on 1 MB of news text.

Usage: PYTHONPATH=. python3 benchmarks/dates_linear.py [CORPUS_DIR]

The text is the corpus pages' article text (German and English apart), repeated to size;
each size is tagged several times and the best CPU time counts (the machine is shared).
The ratio (ms per KB at 1 MB) / (ms per KB at 10 KB) should stay within 2. Then the same
for adversarial text (``ADVERSARIAL``: one long run of digits, digits glued to a unit,
numbers without a unit), where a rule that backtracks over a digit run is quadratic.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

from osint_cli.extract import dates
from osint_cli.extract.doc import Doc
from osint_cli.model import Page
from osint_cli.rules import load
from osint_cli.text import article_from_page

# one unit repeated to size: runs the rules' number groups ("\\d+", "\\d+-", "\\d+ ") must not backtrack over
ADVERSARIAL = {"digits": "1", "digits-unit": "12-", "numbers": "1 ", "decimals": "1,5 ", "years": "2024 ", "words": "zwei "}
DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def _best(text: str, lang: str, runs: int) -> float:
    doc = Doc.build(text, load(lang), date(2024, 3, 6))
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        dates.extract(doc)
        best = min(best, time.process_time() - t0)
    return best


def main() -> int:
    """Print ms per KB at both sizes and their ratio, per language."""
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    texts: dict[str, list[str]] = {"de": [], "en": []}
    for path in sorted((root / "pages").glob("*.html")):
        art = article_from_page(Page(source=str(path), url=None, body=path.read_bytes()))
        if art.lang in texts:
            texts[art.lang].append(art.text)
    for lang, parts in texts.items():
        corpus = "\n".join(parts)
        small = corpus[:10_000]
        big = (corpus * (1_000_000 // len(corpus) + 1))[:1_000_000]
        _best(small, lang, 1)  # the tagger is built outside the timing
        per_small = _best(small, lang, 20) * 1000 / 10
        per_big = _best(big, lang, 3) * 1000 / 1000
        print(f"{lang}: {per_small:.3f} ms/KB at 10 KB, {per_big:.3f} ms/KB at 1 MB, ratio {per_big / per_small:.2f}")
    for lang in texts:
        for name, unit in ADVERSARIAL.items():
            small = unit * (10_000 // len(unit))
            big = unit * (1_000_000 // len(unit))
            per_small = _best(small, lang, 5) * 1000 / 10
            per_big = _best(big, lang, 1) * 1000 / 1000
            print(f"{lang} {name}: {per_small:.3f} ms/KB at 10 KB, {per_big:.3f} ms/KB at 1 MB, ratio {per_big / max(per_small, 1e-6):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
