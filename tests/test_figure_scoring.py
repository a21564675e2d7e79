"""The scoring loop shared by the figure benchmarks (benchmarks/figure_scoring.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

PATH = Path(__file__).resolve().parent.parent / "benchmarks" / "figure_scoring.py"


@pytest.fixture(scope="module")
def scoring() -> ModuleType:
    spec = importlib.util.spec_from_file_location("figure_scoring", PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["figure_scoring"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_values_agree_within_half_a_percent(scoring: ModuleType) -> None:
    assert scoring.close(1000.0, 1004.0)
    assert not scoring.close(1000.0, 1006.0)
    assert scoring.close(0.0, 0.0) and not scoring.close(0.0, 0.001)


def test_each_prediction_serves_one_gold_in_gold_order(scoring: ModuleType) -> None:
    golds = [5.0, 5.0, 7.0, 9.0]
    preds = [7.0, 5.0, 3.0]
    taken, spurious = scoring.match(golds, preds, lambda g, p: scoring.close(g, p))
    assert taken == [1, None, 0, None]  # the second 5 finds no free prediction
    assert spurious == [2]


def test_tally_scores_and_adds(scoring: ModuleType) -> None:
    a = scoring.Tally(tp=3, fp=1, fn=1)
    a.aside["ordinal"] += 2
    b = scoring.Tally(tp=1, fp=1, fn=3, tp_unit=1, unit_total=2)
    a.add(b)
    p, r, f1 = a.prf()
    assert (a.tp, a.fp, a.fn) == (4, 2, 4)
    assert p == pytest.approx(4 / 6) and r == pytest.approx(0.5) and f1 == pytest.approx(2 * p * r / (p + r))
    assert "ordinal 2" in a.line() and "0.500 of   2" in a.line()
    assert scoring.Tally().prf() == (0.0, 0.0, 0.0)
