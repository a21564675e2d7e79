"""Issue 12's output bound: a report's JSON stays within 20x its text, however dense the findings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from osint_cli import api
from osint_cli.extract.cap import FLOOR, cap, size
from osint_cli.model import Article, Findings, Report, plain
from osint_cli.output.json import dumps
from osint_cli.settings import Settings

FIXTURE = Path(__file__).parent / "fixtures" / "nordkorea-munition.txt"


def _report(text: str, lang: str) -> Report:
    return api.summarize_article(Article(text=text, lang=lang, date="2024-05-01"), Settings(), "t")


@pytest.mark.parametrize(("unit", "lang"), [
    ("7 %, ", "de"),  # a percentage every five characters
    ("$3 ", "en"),  # an amount every three
    ("12 Mio. Euro; ", "de"),
    ("about 40 percent and 9 tons; ", "en"),
])
def test_dense_findings_stay_within_20x_the_text(unit: str, lang: str) -> None:
    text = (unit * 20000)[:60000]
    report = _report(text, lang)
    out = len(dumps(report).encode("utf-8"))
    assert out <= 20 * len(text.encode("utf-8"))
    assert any("dropped after the first ones" in w and "figures" in w for w in report.warnings)
    figures = report.findings.figures
    assert figures, "the first findings are kept"
    # the kept ones are the first in the text, without a gap
    assert figures[0].start < len(unit) and max(f.end for f in figures) < len(text) * 0.95


def test_an_ordinary_page_is_untouched() -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    report = _report(text, "de")
    assert not any("dropped" in w for w in report.warnings)
    again, dropped = cap(report.findings, text)
    assert dropped == {} and again is report.findings


def test_the_estimate_is_the_compact_json_size() -> None:
    report = _report(FIXTURE.read_text(encoding="utf-8"), "de")
    for name in ("experts", "quotes", "figures", "dates", "sources"):
        for f in getattr(report.findings, name):
            written = len(json.dumps(plain(f), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
            # an upper bound (one byte per object and list over), never far over
            assert written <= size(f) <= written * 1.05 + 8, (name, f.text)


def test_a_short_text_may_have_the_floor() -> None:
    # a few characters naming many findings: the floor, not 20x of 30 bytes, bounds them
    findings = _report("5 %, 6 %, 7 %, 8 %, 9 %, 10 %.", "de").findings
    kept, dropped = cap(findings, "x")
    assert dropped == {} and sum(size(f) for f in kept.figures) < FLOOR
    assert isinstance(kept, Findings)


def test_summarize_cli_warns_on_a_dense_page(tmp_path: Path) -> None:
    page = tmp_path / "dense.txt"
    page.write_text(("3 % " * 30000), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "osint_cli.cli", "summarize", str(page), "--lang", "de", "-f", "jsonl"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout)
    assert len(run.stdout.encode()) <= 20 * page.stat().st_size
    assert any("dropped" in w for w in record["warnings"])

