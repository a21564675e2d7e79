"""Speed and memory of `osint report` over N reports, and the measurement behind its duplicate finder.

    python3 benchmarks/report_speed.py [--sizes 100 1000]        # time and peak RSS per size
    python3 benchmarks/report_speed.py --dedup [--corpus DIR]     # MinHash vs trafilatura's Simhash

Speed: N invented reports (30 sentences of random words, 5 experts drawn from 400 names,
8 figures, 10 dates, 3 cited sources each; 10 % are the same URL with tracking parameters
and 5 % copies with a changed word) are written as JSON Lines, then each size runs in its
own process: read the file, aggregate, render JSON to /dev/null. Peak RSS is that process's
own (ru_maxrss), so sizes compare side by side; the JSON is written to a sink that only
counts its bytes, as a file would take it. Flat memory means peak RSS at N=1000 close to
RSS at N=100: the set keeps no record, only what it prints (every quote, claim value and
dated sentence, which does grow with N) and one MinHash band set per article; the last
line compares the RSS growth with the growth of the printed JSON.

Dedup: every corpus page's text against a syndicated copy (credit line added, last paragraph
dropped, 2 % of the words changed) and against every other page: the lowest copy score and
the highest score of two different articles, for each method.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from osint_cli.model import SCHEMA  # noqa: E402  # after the path insert: runs from a checkout

WORDS = ["".join(random.Random(i).choices("abcdefghijklmnoprstuvwyz", k=3 + i % 7)) for i in range(5000)]
FIRST = ["Anna", "Ben", "Chen", "Dana", "Emil", "Farah", "Gita", "Hugo", "Ines", "Jon", "Kira", "Lars", "Mona", "Nils", "Olga", "Per"]
LAST = [w.capitalize() for w in WORDS[:25]]


def _sentence(rnd: random.Random) -> str:
    return " ".join(rnd.choices(WORDS, k=14)).capitalize() + "."


def fake_report(i: int, rnd: random.Random) -> dict:
    """One invented report/1 record, its sentences unique to it."""
    sents = [_sentence(rnd) for _ in range(30)]
    people = [f"{FIRST[n % 16]} {LAST[n // 16]}" for n in rnd.sample(range(400), 5)]
    experts = [{"text": p, "start": 0, "end": len(p), "sentence": sents[k], "rule": "b", "name": p, "aliases": [p.split()[-1]],
                "kind": rnd.choice(["expert", "official", "other"]), "role": rnd.choice(WORDS[:40]), "affiliation": rnd.choice(WORDS[40:80]),
                "quoted": "direct", "mentions": [],
                "quotes": [{"text": sents[k + 5], "start": 100 * k, "end": 100 * k + 80, "sentence": sents[k + 5], "rule": "b",
                            "speaker": p, "kind": "direct"}]} for k, p in enumerate(people)]
    figures = [{"text": f"{v} {a}", "start": 100 * k + 10, "end": 100 * k + 20, "sentence": sents[10 + k], "rule": "b", "value": v,
                "value_max": None, "unit": None, "qualifier": rnd.choice([None, "about", "more_than"]), "about": a}
               for k, (v, a) in enumerate((rnd.randrange(1, 10**6), rnd.choice(WORDS[100:160])) for _ in range(8))]
    dates = [{"text": "am Tag", "start": 0, "end": 6, "sentence": sents[18 + k], "rule": "b", "type": "date", "mod": None,
              "unresolved": False, "value": f"{rnd.randrange(2019, 2025)}-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}"}
             for k in range(10)]
    sources = [{"text": s, "start": 0, "end": 3, "sentence": sents[28], "rule": "b", "name": s, "count": 1, "mentions": []}
               for s in rnd.sample(["dpa", "Reuters", "AFP", "AP", "Yonhap", "Kyodo"], 3)]
    site = f"outlet{i % 40}.example"
    return {"schema": SCHEMA, "source": f"https://{site}/a/{i}",
            "metadata": {"title": sents[0], "author": None, "date": f"2024-03-{1 + i % 28:02d}", "sitename": site,
                         "url": f"https://{site}/a/{i}", "lang": "de", "description": None, "reference_date": "2024-03-01"},
            "experts": experts, "quotes": [q for e in experts for q in e["quotes"]], "figures": figures, "dates": dates,
            "sources": sources, "warnings": []}


def write_runs(path: Path, n: int) -> None:
    """N records: 85 % distinct, 10 % tracking-parameter duplicates, 5 % near copies under another outlet."""
    rnd = random.Random(n)
    made: list[dict] = []
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            if made and i % 20 == 7:
                rec = json.loads(json.dumps(rnd.choice(made)))
                rec["source"] += "?utm_source=newsletter&fbclid=x"
            elif made and i % 20 == 13:
                rec = json.loads(json.dumps(rnd.choice(made)))
                rec["source"] = rec["metadata"]["url"] = f"https://copy{i}.example/s/{i}"
                rec["metadata"]["sitename"] = f"copy{i}.example"
                rec["metadata"]["title"] += " (dpa)"
            else:
                rec = fake_report(i, rnd)
                made.append(rec)
                made = made[-50:]
            fh.write(json.dumps(rec) + "\n")


class _Counter(io.TextIOBase):
    """A sink that keeps nothing but the number of UTF-8 bytes written to it (what a file would hold)."""

    def __init__(self) -> None:
        self.bytes = 0

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        self.bytes += len(s.encode("utf-8"))
        return len(s)


def _rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(path: str) -> None:
    """One measured run: print seconds to aggregate and to render, peak RSS at each step and counts, as JSON."""
    import rensa  # noqa: F401  # imports paid before the clock starts, as in a warm library call

    from osint_cli.api import report_set
    from osint_cli.report.inputs import Inputs
    from osint_cli.report.render import render
    from osint_cli.settings import Settings

    rss_start = _rss()  # the interpreter and the imports: the same at every size
    t0 = time.perf_counter()
    with open(path, encoding="utf-8") as fh:  # the floor: only parsing the JSON Lines, side by side
        for line in fh:
            json.loads(line)
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    rs = report_set(Inputs(Settings()).records([path]))
    t1 = time.perf_counter()
    rss_aggregated = _rss()
    sink = _Counter()  # as `osint report -f json -o FILE`: the output leaves the process as it is written
    render(rs, "json", sink)
    t2 = time.perf_counter()
    print(json.dumps({"parse_s": parse_s, "aggregate_s": t1 - t0, "render_s": t2 - t1, "rss_start_mib": rss_start,
                      "rss_aggregated_mib": rss_aggregated, "rss_mib": _rss(), "output_mib": sink.bytes / 2**20,
                      "articles": len(rs.articles), "copies": sum(len(a.copies) for a in rs.articles), "people": len(rs.people),
                      "claims": len(rs.claims), "timeline": len(rs.timeline)}))


def speed(sizes: list[int]) -> None:
    """Each size in its own process, side by side; then the memory growth from the smallest size to each larger one."""
    runs: list[tuple[int, dict]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"runs-{n}.jsonl"
            write_runs(path, n)
            out = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True, text=True, check=True).stdout
            r = json.loads(out)
            runs.append((n, r))
            size = path.stat().st_size / 2**20
            print(f"N={n:5d} ({size:.1f} MiB of JSON Lines): aggregate {r['aggregate_s']:.2f} s "
                  f"({r['aggregate_s'] / r['parse_s']:.1f}x only parsing it), render json {r['render_s']:.2f} s; "
                  f"peak RSS {r['rss_start_mib']:.1f} MiB after imports, {r['rss_aggregated_mib']:.1f} MiB after aggregating, "
                  f"{r['rss_mib']:.1f} MiB after rendering {r['output_mib']:.2f} MiB of JSON; "
                  f"{r['articles']} articles, {r['copies']} copies, {r['people']} people, {r['claims']} claims, {r['timeline']} dates")
    n0, r0 = runs[0]
    for n, r in runs[1:]:
        grown = r["rss_mib"] - r0["rss_mib"]
        output = r["output_mib"] - r0["output_mib"]
        print(f"memory N={n0} -> N={n}: peak RSS {r0['rss_mib']:.1f} -> {r['rss_mib']:.1f} MiB, ratio {r['rss_mib'] / r0['rss_mib']:.2f} "
              f"(+{grown:.1f} MiB); the report's own JSON output grew by {output:.1f} MiB, "
              f"so the set keeps {grown / output if output else float('nan'):.2f} bytes of memory per byte it prints")


def _perturb(text: str, rnd: random.Random) -> str:
    paras = text.split("\n")
    words = " ".join(paras[:-1] if len(paras) > 3 else paras).split()
    for _ in range(max(1, len(words) // 50)):
        i = rnd.randrange(len(words))
        words[i] = "xx" + words[i]
    return "Von unserer Agentur (dpa) " + " ".join(words) + " Mehr zum Thema"


def dedup(corpus: Path) -> None:
    """Lowest copy score and highest different-article score for MinHash (rensa) and trafilatura's Simhash."""
    import rensa
    from trafilatura.deduplication import Simhash

    from osint_cli.model import Page
    from osint_cli.report.dedup import PERMUTATIONS, shingles
    from osint_cli.text import article_from_page

    pages = sorted((corpus / "pages").glob("*.html")) + sorted((corpus / "seed").glob("*.html"))
    texts = [article_from_page(Page(source=str(p), url=None, body=p.read_bytes()), None).text for p in pages]
    rnd = random.Random(1)
    copies = [_perturb(t, rnd) for t in texts]

    def minhash(t: str) -> rensa.RMinHash:
        m = rensa.RMinHash(num_perm=PERMUTATIONS, seed=42)
        m.update(shingles(t))
        return m

    for name, make, score in (("MinHash (rensa, word 3-shingles)", minhash, lambda a, b: a.jaccard(b)),
                              ("Simhash (trafilatura, bag of words)", Simhash, lambda a, b: a.similarity(b))):
        t0 = time.perf_counter()
        sig = [make(t) for t in texts]
        per_page = (time.perf_counter() - t0) / len(texts) * 1000
        cp = [make(t) for t in copies]
        worst_copy = min(score(a, b) for a, b in zip(sig, cp, strict=True))
        best_other = max(score(sig[i], sig[j]) for i, j in itertools.combinations(range(len(sig)), 2))
        print(f"{name}: {len(texts)} pages, {per_page:.1f} ms a page; copies >= {worst_copy:.3f}, "
              f"different articles <= {best_other:.3f}, margin {worst_copy - best_other:+.3f}")


def main() -> None:
    """Parse the flags and run one measurement."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--dedup", action="store_true")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child)
    elif args.dedup:
        dedup(args.corpus)
    else:
        speed(args.sizes)


if __name__ == "__main__":
    main()
