"""The accuracy gate: every measure on the 49 stored dev pages stays above its floor.

Text and gold live in tests/eval/{text,gold}/ (built by scripts/build_eval.py from the
annotated corpus), so the gate runs offline in seconds. Floors (tests/eval/floors.toml)
sit a little below the values measured when they were set: a regression fails CI.
"""

from __future__ import annotations

import json
import tomllib
from typing import Any

import pytest

from .scoring import HERE, Tally, empty, evaluate, match, pages, same_date, same_value_unit, score_page

FLOORS: dict[str, float] = tomllib.loads((HERE / "floors.toml").read_text(encoding="utf-8"))["floors"]


@pytest.fixture(scope="module")
def measured() -> dict[str, float]:
    """All measures, computed once for the module."""
    return evaluate()


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_measure_stays_above_its_floor(measured: dict[str, float], measure: str) -> None:
    assert measured[measure] >= FLOORS[measure], f"{measure} fell to {measured[measure]:.3f} (floor {FLOORS[measure]})"


def test_every_measure_has_a_floor_below_one(measured: dict[str, float]) -> None:
    assert set(measured) == set(FLOORS), "run scripts/eval_gate.py --write-floors after adding pages or measures"
    assert all(f < 1.0 for f in FLOORS.values()), "a floor of 1.0 pins one page instead of guarding the corpus"


def test_corpus_is_complete() -> None:
    ids = [p["id"] for p in pages()]
    assert len(ids) == 49 and len(set(ids)) == 49
    for p in pages():
        text = (HERE / "text" / f"{p['id']}.txt").read_text(encoding="utf-8")
        gold = json.loads((HERE / "gold" / f"{p['id']}.json").read_text(encoding="utf-8"))
        assert p["reference"], f"{p['id']} has no reference date"
        for item in gold["figures"] + gold["dates"]:
            assert item["text"] in text, f"{p['id']}: gold text {item['text']!r} is not in the stored text"


def test_scorer_counts_misses_and_spurious_items() -> None:
    # the gate is only as good as its scorer: an empty report must score zero, a perfect one 1.0
    gold: dict[str, Any] = {
        "experts": [{"name": "Dr. Ana Núñez", "kind": "expert", "role": "Forscherin", "affiliation": None}],
        "figures": [{"text": "12 Prozent", "value": 12, "unit": "%"}, {"text": "drei", "value": 3, "optional": True}],
        "dates": [{"text": "am 3. Mai", "value": "2021-05-03"}],
    }
    nothing: dict[str, Any] = {"experts": [], "figures": [], "dates": []}
    out = empty()
    score_page(gold, nothing, out)
    assert (out["experts"].fn, out["figures"].fn, out["dates"].fn) == (1, 1, 1)
    assert out["figures"].f1() == 0.0
    perfect = {"experts": [{"name": "Ana Nunez", "kind": "expert", "role": "Forscherin"}],
               "figures": [{"text": "12 %", "value": 12.0, "unit": "%"}, {"text": "drei", "value": 3}],
               "dates": [{"text": "3. Mai", "value": "2021-05-03TMO"}]}
    out = empty()
    score_page(gold, perfect, out)
    assert all(out[k].f1() == 1.0 for k in ("experts", "figures", "figures+unit", "dates", "dates(span)"))
    assert out["expert.kind"].value() == 1.0


def test_unit_and_value_must_agree() -> None:
    gold = [{"text": "5 Euro", "value": 5, "unit": "EUR"}]
    assert match(gold, [{"text": "5 $", "value": 5, "unit": "USD"}], same_value_unit) == Tally(tp=0, fp=1, fn=1)
    assert match([{"text": "2020", "value": "2020"}], [{"text": "2021", "value": "2021"}], same_date) == Tally(0, 1, 1)
