#!/usr/bin/env python3
"""Start-up and one-page times of the ``osint`` CLI against trafilatura's CLI, side by side.

Each command is a fresh process started through its console-script file with this Python
(no pyenv shim or PATH lookup in the timing), the commands interleaved round by round so
machine load hits all of them alike; the table gives the median of ``--repeat`` rounds
and the ratio to the trafilatura command it is compared with. Issue 13's budgets:
``osint --help`` and ``osint --version`` at most ``trafilatura --version`` (ratio <= 1.0),
``osint summarize PAGE -f json`` at most 2.0x ``trafilatura < PAGE``.

    PYTHONPATH=. python3 benchmarks/startup.py [--repeat 3] [--page PAGE] [--before ../main]

``--before TREE`` also times the osint commands of another source tree (``PYTHONPATH=TREE``),
interleaved with the rest, for a before/after table from one run.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET = {"osint --help": 1.0, "osint --version": 1.0, "osint summarize PAGE -f json": 2.0}


def script(name: str) -> str:
    """The console-script file ``name`` next to this Python."""
    path = Path(sysconfig.get_path("scripts")) / name
    if not path.is_file():
        sys.exit(f"startup.py: no console script {path} (install osint-cli and trafilatura)")
    return str(path)


def run_once(argv: list[str], stdin: Path | None, tree: str | None = None) -> float:
    """Wall time of one process, output discarded; a failing command stops the benchmark."""
    env = dict(os.environ, PYTHONPATH=tree or os.environ.get("PYTHONPATH", str(ROOT)))
    with open(stdin or os.devnull, "rb") as fh:
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, *argv], stdin=fh, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, check=False)
        took = time.perf_counter() - t0
    if done.returncode != 0:
        sys.exit(f"startup.py: {' '.join(argv)} exited {done.returncode}: {done.stderr.decode(errors='replace')[-300:]}")
    return took


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--page", type=Path, default=ROOT / "examples" / "nordkorea-munition.html")
    ap.add_argument("--before", help="another source tree whose osint commands are timed too")
    args = ap.parse_args()
    osint, traf = script("osint"), script("trafilatura")
    # name -> (argv, stdin, the trafilatura command it is compared with, PYTHONPATH)
    cases: dict[str, tuple[list[str], Path | None, str | None, str | None]] = {
        "trafilatura --version": ([traf, "--version"], None, None, None),
        "trafilatura < PAGE": ([traf], args.page, None, None),
    }
    ours: dict[str, tuple[list[str], str]] = {
        "osint --help": ([osint, "--help"], "trafilatura --version"),
        "osint --version": ([osint, "--version"], "trafilatura --version"),
        "osint summarize PAGE -f json": ([osint, "summarize", str(args.page), "-f", "json"], "trafilatura < PAGE"),
    }
    for name, (argv, against) in ours.items():
        if args.before:
            cases[f"{name} (before)"] = (argv, None, against, str(Path(args.before).resolve()))
        cases[name] = (argv, None, against, None)
    for tree in {str(ROOT), *([str(Path(args.before).resolve())] if args.before else [])}:
        # bytecode as an installed package has it (pip compiles it; PYTHONDONTWRITEBYTECODE
        # would otherwise make every osint run compile its ~90 modules from source, while
        # trafilatura's come compiled)
        compileall.compile_dir(str(Path(tree) / "osint_cli"), quiet=1)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for argv, stdin, _, tree in cases.values():  # one warm-up round: the page cache, .pyc files
        run_once(argv, stdin, tree)
    for _ in range(args.repeat):
        for name, (argv, stdin, _, tree) in cases.items():
            times[name].append(run_once(argv, stdin, tree))
    med = {name: statistics.median(ts) for name, ts in times.items()}
    print(f"{'command':41} {'median s':>9} {'ratio':>7}  budget")
    over = False
    for name, (_, _, base, tree) in cases.items():
        ratio = med[name] / med[base] if base else None
        budget = None if tree else BUDGET.get(name)
        mark = ""
        if ratio is not None and budget is not None:
            mark = f"<= {budget:.1f}" + ("  OVER" if ratio > budget else "  ok")
            over |= ratio > budget
        print(f"{name:41} {med[name]:9.3f} {'' if ratio is None else f'{ratio:7.2f}'}  {mark}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
