#!/usr/bin/env python3
"""Build the accuracy gate's corpus: tests/eval/{text,gold}/ from the annotated dev pages.

The gate scores the extractors on article TEXT, not HTML, so it needs neither the network
nor trafilatura's run time nor ``../shared``. This script is run once by hand (and again
when the corpus or the text extraction changes): it extracts every page's text exactly as
``osint summarize`` does (``text.article_from_page``), and stores it with its gold
annotation and the reference date the page needs (the gold publication date, else the
date the page's metadata gives).

Usage: python3 scripts/build_eval.py [--corpus ../shared/corpus] [--gold ../shared/corpus/gold-dev]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from osint_cli.model import Page  # noqa: E402
from osint_cli.text import article_from_page  # noqa: E402

OUT = ROOT / "tests" / "eval"


def build(corpus: Path, gold_dir: Path) -> list[dict[str, object]]:
    """Write text and gold of every page that has a gold file; return the index entries."""
    manifest = {m["id"]: m for m in json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))}
    (OUT / "text").mkdir(parents=True, exist_ok=True)
    (OUT / "gold").mkdir(parents=True, exist_ok=True)
    index = []
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        m = manifest[gold["id"]]
        body = (corpus / m["file"]).read_bytes()
        article = article_from_page(Page(source=m["file"], url=m.get("url"), body=body), None)
        (OUT / "text" / f"{gold['id']}.txt").write_text(article.text, encoding="utf-8")
        (OUT / "gold" / f"{gold['id']}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        index.append({
            "id": gold["id"],
            "lang": m["lang"],
            # relative dates resolve against this day: the annotators' publication date
            "reference": gold.get("published") or article.date,
            "metadata_date": article.date,
            "url": m.get("url"),
            "split": m.get("split"),
        })
    (OUT / "pages.json").write_text(json.dumps(index, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return index


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--gold", type=Path, default=None)
    args = ap.parse_args()
    index = build(args.corpus, args.gold or args.corpus / "gold-dev")
    print(f"{len(index)} pages written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
