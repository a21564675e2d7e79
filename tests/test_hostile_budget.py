"""The per-page extraction budget of summarize, and pages that used to lose all their text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from osint_cli import api
from osint_cli.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEED_TXT = ROOT / "tests" / "fixtures" / "nordkorea-munition.txt"


def test_a_page_over_the_budget_is_a_parse_timeout_record_and_the_others_go_on(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    unit = SEED_TXT.read_text(encoding="utf-8") + "\n"
    big.write_text(unit * (1_000_000 // len(unit)), encoding="utf-8")  # 1 MB of real article text: seconds of work
    small = tmp_path / "small.txt"
    small.write_text("Die Preise stiegen laut dpa um 3 Prozent, sagte Anna Berg am Montag.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-m", "osint_cli.cli", "summarize", str(big), str(small), "--lang", "de",
                        "--parse-timeout", "0.1", "-f", "jsonl"], capture_output=True, text=True, env=env, timeout=300, check=False)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    first, second = (json.loads(x) for x in r.stdout.splitlines())
    assert first["source"] == str(big) and first["error"]["type"] == "parse_timeout"
    assert first["error"]["message"] == f"{big}: extraction took over 0.1 s"
    assert second["source"] == str(small) and "error" not in second and second["figures"]
    assert sum(line.startswith("osint: error: ") for line in r.stderr.splitlines()) == 1


def test_no_budget_when_zero(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text("Die Preise stiegen um 3 Prozent.\n", encoding="utf-8")
    report = api.summarize_source(str(page), Settings(parse_timeout=None, lang="de"))
    assert report.findings.figures


@pytest.mark.parametrize("ref", ["&#27;", "&#x1B;", "&#0027;", "&#7;", "&#xFFFE;", "&#27"])
def test_a_reference_to_a_control_character_keeps_the_text(ref: str) -> None:
    body = ("<html><head><title>T</title></head><body><article><p>"
            + "Die Regierung sagte am Montag, die Preise seien um 5 Prozent gestiegen. " * 8
            + f"Ein Zeichen {ref} mitten im Satz &amp; &#228;.</p></article></body></html>")
    report = api.summarize_html(body, Settings(lang="de"))
    assert "Ein Zeichen" in report.article.text and "&" in report.article.text and "ä" in report.article.text
    assert "\x1b" not in report.article.text


def test_one_extractor_failing_costs_only_its_own_findings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(doc: object) -> tuple[()]:
        raise OverflowError("date value out of range")

    monkeypatch.setattr("osint_cli.extract.dates.extract", broken)
    page = tmp_path / "p.txt"
    page.write_text("In 8000 Jahren, sagte Anna Berg laut dpa, seien die Preise um 3 Prozent gestiegen.\n", encoding="utf-8")
    report = api.summarize_source(str(page), Settings(lang="de", reference_date=None))
    assert report.findings.figures and report.findings.sources  # the other extractors' work is kept
    assert report.findings.dates == ()
    assert "extractor dates failed (OverflowError: date value out of range): its findings are missing" in report.warnings


def test_a_cpu_budget_counts_cpu_time_not_sleep() -> None:
    import time

    from osint_cli.budget import Overtime, budget

    with budget(0.2, cpu=True):
        time.sleep(0.4)  # sleeping costs no CPU: no Overtime
    with pytest.raises(Overtime), budget(0.2, cpu=True):
        while True:
            pass
