#!/usr/bin/env python3
"""Print the accuracy gate's measures (tests/eval/) next to their floors; optionally reset the floors.

    python3 scripts/eval_gate.py                  # measures, floors, margin
    python3 scripts/eval_gate.py --write-floors   # floors := today's values minus 0.02

Moving a floor down is a conscious act: say why in the commit message.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.eval.scoring import evaluate  # noqa: E402

FLOORS = ROOT / "tests" / "eval" / "floors.toml"
MARGIN = 0.02


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write-floors", action="store_true", help=f"set every floor to the measured value minus {MARGIN}")
    args = ap.parse_args()
    got = evaluate()
    floors = tomllib.loads(FLOORS.read_text(encoding="utf-8"))["floors"] if FLOORS.exists() else {}
    for k, v in got.items():
        f = floors.get(k)
        print(f"{k:28} {v:6.3f}  floor {'-' if f is None else f'{f:.3f}'}" + ("  BELOW" if f is not None and v < f else ""))
    if args.write_floors:
        lines = ["# Accuracy floors of tests/eval/test_gate.py: measured value minus 0.02 when set",
                 "# (python3 scripts/eval_gate.py --write-floors). Lower one only with a reason in the commit.",
                 "[floors]"]
        lines += [f'"{k}" = {max(0.0, round(v - MARGIN, 3))}' for k, v in got.items()]
        FLOORS.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {FLOORS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
