"""Throughput, memory and crash-resume of `osint batch`, against `trafilatura -i LIST --parallel 16`.

The corpus pages (manifest.json) are served under N distinct URLs spread over 8 loopback
hosts (127.0.0.2-9, one threaded server bound to each, in a separate server process) and
both tools run over the same list in the same script run:

    python3 benchmarks/batch_throughput.py [--urls 2000] [--corpus /work/shared/corpus]

Prints pages/s of both and the ratio, CPU time per page of both, peak RSS (the process tree,
children included) of `osint batch` at 200 and at N URLs, and a SIGKILL-then-`--resume` check
(no URL lost, none duplicated). Run from the repository root so that `python3 -m osint_cli.cli`
is this tree.

Where osint's CPU goes: the parent process (list, fetching, output) and the parse workers are
timed apart, and between the rounds the same pipeline (``api.summarize_page`` and the JSON
line, on every corpus page) runs in one warm process: what the batch costs beyond that
reference is its own overhead, measured under the same load as the batch itself.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOSTS = [f"127.0.0.{i}" for i in range(2, 10)]


# --- the server process ------------------------------------------------------------------
def serve(corpus: Path) -> None:
    """Serve every corpus page on each of HOSTS at /p/<n>/<id>.html; print the port; run until killed."""
    manifest = json.loads((corpus / "manifest.json").read_text())
    pages = {m["id"]: (corpus / m["file"]).read_bytes() for m in manifest}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            body = pages.get(self.path.rsplit("/", 1)[-1].removesuffix(".html"))
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    ThreadingHTTPServer.request_queue_size = 128  # the default 5 drops SYNs under 16 parallel clients
    # a client killed mid-response (the SIGKILL check) is no error worth a traceback
    ThreadingHTTPServer.handle_error = lambda self, request, address: None  # type: ignore[method-assign]
    first = ThreadingHTTPServer((HOSTS[0], 0), Handler)
    port = first.server_address[1]
    servers = [first] + [ThreadingHTTPServer((h, port), Handler) for h in HOSTS[1:]]
    for s in servers:
        s.daemon_threads = True
        threading.Thread(target=s.serve_forever, daemon=True).start()
    print(json.dumps({"port": port, "pages": sorted(pages)}), flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})


# --- measuring ---------------------------------------------------------------------------
def tree_rss(root: int, cpu: dict[int, float] | None = None) -> int:
    """Resident set size in bytes of ``root`` and all its descendants; ``cpu`` gets each one's CPU seconds so far."""
    parents: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    parents[int(d)] = int(fh.read().rpartition(")")[2].split()[1])
            except (OSError, ValueError):
                pass
    tree, frontier = {root}, [root]
    while frontier:
        p = frontier.pop()
        for child, parent in parents.items():
            if parent == p and child not in tree:
                tree.add(child)
                frontier.append(child)
    total = 0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in tree:
        try:
            if cpu is not None:
                with open(f"/proc/{pid}/stat") as fh:
                    fields = fh.read().rpartition(")")[2].split()
                cpu[pid] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def timed(cmd: list[str], stdout: Path | None = None, sample: bool = True) -> dict[str, float]:
    """Run ``cmd``; wall time, CPU time of the tree, peak RSS of the tree (sampled every 50 ms), and
    ``parent_cpu``: the top process's own CPU time as last sampled (short by at most one sample)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    per_pid: dict[int, float] = {}
    with open(stdout or os.devnull, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.DEVNULL)
        peak = 0
        while proc.poll() is None:
            if sample:
                peak = max(peak, tree_rss(proc.pid, per_pid))
            time.sleep(0.05)
        wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "parent_cpu": per_pid.get(proc.pid, 0.0), "peak_rss": peak, "rc": proc.returncode}


REFERENCE = """
import gc, json, sys, time
from pathlib import Path
from osint_cli import api
from osint_cli.batch.work import warm_up
from osint_cli.model import Page
from osint_cli.output.json import dumps
from osint_cli.settings import Settings

corpus, rounds = Path(sys.argv[1]), int(sys.argv[2])
settings = Settings(delay=0, obey_robots=False, allow_private=True)
bodies = [(m["id"], (corpus / m["file"]).read_bytes()) for m in json.loads((corpus / "manifest.json").read_text())]

def one_round():
    for name, body in bodies:
        url = f"http://127.0.0.2/p/0/{name}.html"
        page = Page(source=url, url=url, body=body, status=200, content_type="text/html", charset=None, fetched_at=time.time())
        dumps(api.summarize_page(page, settings))


warm_up()
gc.freeze()  # as the batch does before it forks its workers
one_round()  # the batch meets every page many times: the first meeting's lazy set-up is not a page's cost
t0 = time.process_time()
for _ in range(rounds):
    one_round()
print((time.process_time() - t0) / (rounds * len(bodies)))
"""


def pipeline_reference(corpus: Path, rounds: int = 2) -> float:
    """CPU seconds per page of summarize_page plus the JSON line in one warm process (every corpus page once
    untimed, then ``rounds`` times)."""
    out = subprocess.run([sys.executable, "-c", REFERENCE, str(corpus), str(rounds)], cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def osint_cmd(listing: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "osint_cli.cli", "batch", str(listing), "-o", str(out),
            "--delay", "0", "--ignore-robots", "--no-cache", "--allow-private", *extra]


def count_jsonl(path: Path) -> tuple[int, int, Counter[str]]:
    """(records, successes, sources) of a JSON Lines file."""
    ok, sources = 0, Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        sources[rec["source"]] += 1
        ok += "error" not in rec
    return sum(sources.values()), ok, sources


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--urls", type=int, default=2000, help="distinct URLs in the list")
    ap.add_argument("--small", type=int, default=200, help="URLs of the small run for the memory comparison")
    ap.add_argument("--rounds", type=int, default=2, help="alternating runs of each tool (evens out other load on the machine)")
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    ap.add_argument("--only", help="osint batch --only EXTRACTORS in the throughput rounds (say, 'dates': how fast the "
                    "batch could be with the lightest extractor set, a ceiling for the full one)")
    ap.add_argument("--throughput-only", action="store_true", help="skip the memory and crash-resume parts")
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(args.corpus)
        return

    server = subprocess.Popen([sys.executable, __file__, "--serve", "--corpus", str(args.corpus)], stdout=subprocess.PIPE, text=True)
    try:
        info = json.loads(server.stdout.readline())  # type: ignore[union-attr]
        run(args, info["port"], info["pages"])
    finally:
        server.terminate()
        server.wait()


def make_list(path: Path, n: int, port: int, pages: list[str]) -> list[str]:
    urls = [f"http://{HOSTS[i % len(HOSTS)]}:{port}/p/{i}/{pages[i % len(pages)]}.html" for i in range(n)]
    path.write_text("\n".join(urls) + "\n")
    return urls


def run(args: argparse.Namespace, port: int, pages: list[str]) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="osint-batch-bench-"))
    big = tmp / "urls.txt"
    urls = make_list(big, args.urls, port, pages)
    small = tmp / "urls-small.txt"
    make_list(small, args.small, port, pages)
    cfg = tmp / "trafilatura.cfg"
    settings_cfg = Path(__import__("trafilatura").__file__).parent / "settings.cfg"
    cfg.write_text(settings_cfg.read_text().replace("SLEEP_TIME = 5.0", "SLEEP_TIME = 0")
                   .replace("SSRF_PROTECTION = on", "SSRF_PROTECTION = off"))
    assert "SLEEP_TIME = 0\n" in cfg.read_text() and "SSRF_PROTECTION = off" in cfg.read_text()
    cores = len(os.sched_getaffinity(0))
    print(f"{len(pages)} corpus pages under {args.urls} URLs on {len(HOSTS)} loopback hosts, port {port}; {cores} cores")

    # throughput: the two tools alternate on the same list and servers
    def row(name: str, m: dict[str, float], ok: str) -> str:
        return (f"{name:<32} {args.urls / m['wall']:>6.1f} pages/s  wall {m['wall']:>6.1f} s  "
                f"cpu {m['cpu']:>6.1f} s  {ok}  peak RSS {m['peak_rss'] / 2**20:>5.0f} MiB  rc {m['rc']:.0f}")

    print(f"\nThroughput (load average before: {os.getloadavg()[0]:.2f})")
    traf_runs, osint_runs, reference = [], [], []
    out = tmp / "osint.jsonl"
    for r in range(args.rounds):
        reference.append(pipeline_reference(args.corpus))
        traf_out = tmp / "trafilatura.txt"
        traf = timed(["trafilatura", "-i", str(big), "--parallel", "16", "--config-file", str(cfg)], stdout=traf_out)
        traf_runs.append(traf)
        print(row(f"[{r + 1}] trafilatura --parallel 16", traf, f"out {traf_out.stat().st_size / 2**20:5.1f} MiB"))
        out.unlink(missing_ok=True)  # a second round must not meet the first's file (batch refuses it: rc 2)
        osint = timed(osint_cmd(big, out, *(("--only", args.only) if args.only else ())))
        osint_runs.append(osint)
        assert osint["rc"] == 0, f"osint batch exited {osint['rc']:.0f}"
        n_rec, n_ok, sources = count_jsonl(out)
        assert n_rec == args.urls and set(sources) == set(urls), "osint batch lost or duplicated URLs"
        assert n_ok == args.urls, f"osint batch failed {args.urls - n_ok} pages: the throughput would not count"
        print(row(f"[{r + 1}] osint batch", osint, f"ok {n_ok}/{args.urls}"))
    traf_wall = sum(m["wall"] for m in traf_runs)
    osint_wall = sum(m["wall"] for m in osint_runs)
    print(f"pages/s over {args.rounds} round(s): trafilatura {args.urls * args.rounds / traf_wall:.1f}, "
          f"osint batch {args.urls * args.rounds / osint_wall:.1f}; ratio osint/trafilatura {traf_wall / osint_wall:.2f}"
          f"  (load average after: {os.getloadavg()[0]:.2f})")
    # on a machine shared with other work the wall-time ratio measures the neighbours too: CPU
    # time per page (all processes of each tool) says what each costs
    traf_cpu = sum(m["cpu"] for m in traf_runs) / (args.urls * args.rounds)
    osint_cpu = sum(m["cpu"] for m in osint_runs) / (args.urls * args.rounds)
    print(f"CPU per page: trafilatura {traf_cpu * 1000:.1f} ms, osint batch {osint_cpu * 1000:.1f} ms "
          f"(osint/trafilatura {osint_cpu / traf_cpu:.2f}; on {cores} idle cores the pages/s ratio would be about "
          f"{cores * traf_cpu / osint_cpu:.2f}, trafilatura extracting on one)")
    parent_cpu = sum(m["parent_cpu"] for m in osint_runs) / (args.urls * args.rounds)
    ref_cpu = sum(reference) / len(reference)
    print(f"osint batch CPU per page: parent (start-up, list, fetching, output) {parent_cpu * 1000:.1f} ms + parse workers "
          f"{(osint_cpu - parent_cpu) * 1000:.1f} ms; the same pipeline in one warm process (between the rounds) "
          f"{ref_cpu * 1000:.1f} ms: batch overhead {(osint_cpu - ref_cpu) * 1000:+.1f} ms per page")

    if args.throughput_only:
        return
    # memory: the same pipeline over 200 and over N URLs
    small_run = timed(osint_cmd(small, tmp / "small.jsonl"))
    a, b = small_run["peak_rss"], max(m["peak_rss"] for m in osint_runs)
    print("\nMemory (peak RSS of the process tree, children included)")
    print(f"{args.small:>6} URLs: {a / 2**20:6.0f} MiB")
    print(f"{args.urls:>6} URLs: {b / 2**20:6.0f} MiB   difference {100 * (b - a) / a:+.1f} %")

    # SIGKILL half-way, then --resume
    out = tmp / "killed.jsonl"
    proc = subprocess.Popen(osint_cmd(big, out), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while proc.poll() is None and (not out.exists() or out.read_bytes().count(b"\n") < args.urls // 2):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    raw = out.read_bytes()
    at_kill = raw.count(b"\n")
    torn = not raw.endswith(b"\n")
    resumed = timed(osint_cmd(big, out, "--resume"), sample=False)
    n_rec, _, sources = count_jsonl(out)
    lost = set(urls) - set(sources)
    dup = [s for s, c in sources.items() if c > 1]
    print("\nSIGKILL then --resume")
    print(f"killed with {at_kill} records written (torn last line: {torn}); resume wrote {n_rec - at_kill} in {resumed['wall']:.1f} s")
    print(f"records {n_rec} for {args.urls} URLs: lost {len(lost)}, duplicated {len(dup)}  ->  {'OK' if not lost and not dup and n_rec == args.urls else 'FAIL'}")


if __name__ == "__main__":
    main()
