"""Quality floor: accuracy on the project's own annotated articles is pinned.

A change that lowers F1 below a floor fails here, unless the floor is consciously
moved (in FLOORS, with the reason in the commit). Gold files: tests/golden/*.gold.json,
in the annotation format of the extraction guide; pages: tests/fixtures/<name>.html.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from osint_cli.cli import app

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = Path(__file__).parent / "fixtures"
FLOORS = {"experts": 1.0, "figures": 1.0, "dates": 1.0}


def _fold(s: str) -> str:
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return re.sub(r"\W+", " ", s.casefold()).strip()


def _f1(tp: int, fp: int, fn: int) -> float:
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


def _match(gold: list[dict[str, Any]], pred: list[dict[str, Any]], same) -> float:  # type: ignore[no-untyped-def]
    free = list(pred)
    tp = fn = 0
    for g in (g for g in gold if not g.get("optional")):
        hit = next((p for p in free if same(g, p)), None)
        if hit is None:
            fn += 1
        else:
            free.remove(hit)
            tp += 1
    for g in (g for g in gold if g.get("optional")):
        hit = next((p for p in free if same(g, p) or set(_fold(g["text"]).split()) & set(_fold(p["text"]).split())), None)
        if hit is not None:
            free.remove(hit)
    return _f1(tp, len(free), fn)


def scores(gold: dict[str, Any], report: dict[str, Any]) -> dict[str, float]:
    """F1 per category for one report against its gold annotation."""
    def same_name(g: dict[str, Any], p: dict[str, Any]) -> bool:
        return _fold(p["name"]) in {_fold(g["name"]), *map(_fold, g.get("aliases", []))}

    def same_value(g: dict[str, Any], p: dict[str, Any]) -> bool:
        return p["value"] is not None and math.isclose(float(g["value"]), float(p["value"]), rel_tol=0.005)

    def same_date(g: dict[str, Any], p: dict[str, Any]) -> bool:
        return g["value"] is not None and g["value"] == p["value"]

    return {
        "experts": _match(gold["experts"], report["experts"], same_name),
        "figures": _match(gold["figures"], report["figures"], same_value),
        "dates": _match(gold["dates"], report["dates"], same_date),
    }


CASES = sorted(GOLDEN.glob("*.gold.json"))


@pytest.mark.parametrize("gold_path", CASES, ids=[p.name.split(".")[0] for p in CASES])
def test_quality_floor(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    page = FIXTURES / (gold_path.name.split(".")[0] + ".html")
    r = CliRunner().invoke(app, ["summarize", str(page), "--format", "json", "--reference-date", gold["published"]])
    assert r.exit_code == 0, r.output
    got = scores(gold, json.loads(r.stdout))
    low = {k: v for k, v in got.items() if v < FLOORS[k]}
    assert not low, f"below the quality floor {FLOORS}: {got}"
