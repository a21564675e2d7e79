"""The scoring loop the figure benchmarks share (figures_quantulum.py, recognizers_numbers.py).

Gold results are matched to predicted figures one to one, in gold order: each gold
takes the first still-free prediction that agrees with it (``agree``), a gold without
one is a miss, a prediction no gold took is spurious. Values agree within 0.5 %, as
``../shared/eval/score.py`` compares them. A gold result outside our conventions is set
aside under a named reason and never scored.
"""

from __future__ import annotations

import argparse
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

P = TypeVar("P")
G = TypeVar("G")


def close(a: float, b: float) -> bool:
    """Two values agree: within 0.5 % (and exactly for zero)."""
    return math.isclose(a, b, rel_tol=0.005, abs_tol=1e-9)


@dataclass
class Tally:
    """Counts of one benchmark part: hits, spurious, misses, set-aside reasons, and the
    units checked on the hits (``unit_total``) and found right (``tp_unit``)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tp_unit: int = 0
    unit_total: int = 0
    aside: Counter[str] = field(default_factory=Counter)

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall, F1."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def add(self, other: Tally) -> None:
        """Fold another tally into this one."""
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.tp_unit, self.unit_total = self.tp_unit + other.tp_unit, self.unit_total + other.unit_total
        self.aside.update(other.aside)

    def line(self) -> str:
        """One printed row: P, R, F1, +unit, the counts and the set-aside reasons."""
        p, r, f1 = self.prf()
        unit = f"{self.tp_unit / self.unit_total:.3f} of {self.unit_total:3}" if self.unit_total else "  -         "
        aside = ", ".join(f"{k} {v}" for k, v in sorted(self.aside.items()))
        return f"P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  +unit {unit}  (tp {self.tp}, fp {self.fp}, fn {self.fn}; set aside: {aside or '-'})"


def match(golds: Sequence[G], preds: Sequence[P], agree: Callable[[G, P], bool]) -> tuple[list[int | None], list[int]]:
    """For each gold the index of the prediction it took (None: a miss), and the indices
    of the predictions no gold took (spurious)."""
    free = list(range(len(preds)))
    taken: list[int | None] = []
    for gold in golds:
        hit = next((i for i in free if agree(gold, preds[i])), None)
        if hit is not None:
            free.remove(hit)
        taken.append(hit)
    return taken, free


def data_arg(ap: argparse.ArgumentParser, script: str) -> None:
    """``--data``: the folder holding the public benchmark sets (default: the first
    ``shared/benchmarks`` above the script)."""
    here = Path(script).resolve()
    default = next((p / "shared" / "benchmarks" for p in here.parents if (p / "shared" / "benchmarks").is_dir()), here)
    ap.add_argument("--data", type=Path, default=default)
