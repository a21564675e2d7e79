"""Quality floor, end to end: the seed PAGE (HTML, through trafilatura and the CLI) scores
at least as well as its text does in the accuracy gate.

The corpus-wide gate (tests/eval/test_gate.py) scores stored text; this test keeps the
path from HTML to report honest on the project's own annotated page, with the same scorer.
Gold: tests/golden/<name>.gold.json (the extraction guide's format); page: tests/fixtures/<name>.html.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from osint_cli.cli import app

from .eval.scoring import empty, score_page

GOLDEN = Path(__file__).parent / "golden"
FIXTURES = Path(__file__).parent / "fixtures"
# below 1.0 on purpose: a floor of 1.0 forbids every trade-off; these sit 0.02-0.05 under today's values
FLOORS = {"experts": 0.95, "figures": 0.95, "dates": 0.95, "dates(span)": 0.95, "expert.role": 0.95}
CASES = sorted(GOLDEN.glob("*.gold.json"))


@pytest.mark.parametrize("gold_path", CASES, ids=[p.name.split(".")[0] for p in CASES])
def test_quality_floor(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    page = FIXTURES / (gold_path.name.split(".")[0] + ".html")
    r = CliRunner().invoke(app, ["summarize", str(page), "--format", "json", "--reference-date", gold["published"]])
    assert r.exit_code == 0, r.output
    out = empty()
    score_page(gold, json.loads(r.stdout), out)
    got = {k: (v.f1() if hasattr(v, "f1") else v.value()) for k, v in out.items()}
    low = {k: round(got[k], 3) for k, floor in FLOORS.items() if got[k] < floor}
    assert not low, f"below the quality floor {FLOORS}: {low}"
