"""Golden report: the seed page's whole JSON report is pinned, so any change shows as a diff.

After an intended change, regenerate and review the diff:
    OSINT_UPDATE_GOLDEN=1 python3 -m pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .conftest import SEED_HTML

GOLDEN = Path(__file__).parent / "golden" / "nordkorea-munition.report.json"


def _stable(report: dict[str, Any]) -> dict[str, Any]:
    out = dict(report)
    out.pop("source")  # the path the test ran from
    return out


def test_seed_report_matches_golden(seed_report: dict[str, Any]) -> None:
    got = _stable(seed_report)
    if os.environ.get("OSINT_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    for key in want:
        assert got.get(key) == want[key], f"{key} differs from the golden report"
    assert set(got) == set(want)


def test_seed_gives_what_the_extraction_guide_lists(seed_report: dict[str, Any]) -> None:
    experts = {e["name"]: e for e in seed_report["experts"]}
    assert set(experts) == {"Yang Uk", "Shin Jong-woo"}
    assert (experts["Yang Uk"]["kind"], experts["Yang Uk"]["role"], experts["Yang Uk"]["affiliation"]) == (
        "expert", "Militärexperte", "Asan Institute for Policy Studies")
    assert "Yang" in experts["Yang Uk"]["aliases"] and experts["Yang Uk"]["quoted"] == "direct"
    assert (experts["Shin Jong-woo"]["role"], experts["Shin Jong-woo"]["affiliation"]) == (
        "leitender Forscher", "Korea Defense and Security Forum")
    figures = [(f["text"], f["value"], f["qualifier"]) for f in seed_report["figures"]]
    assert figures == [
        ("über drei Millionen Stück Munition", 3000000, "more_than"),
        ("mehr als drei Millionen Stück Munition", 3000000, "more_than"),
        ("gut eine Million", 1000000, "about"),
        ("vier russischen Frachtschiffe", 4, None),
    ]
    dates = {d["text"]: (d["value"], d["mod"]) for d in seed_report["dates"]}
    for text, value in {"Mitte Februar": ("2024-02", "MID"), "im Sommer 2023": ("2023-SU", None),
                        "Seit dem 12. Februar": ("2024-02-12", None), "Seit Montag": ("2024-03-04", None),
                        "in diesem Jahr": ("2024", None)}.items():
        assert dates.get(text) == value, text
    sources = {s["name"]: s["count"] for s in seed_report["sources"]}
    assert sources == {"Korea Times": 2, "NK News": 1}


def test_every_span_points_into_the_text(seed_report: dict[str, Any]) -> None:
    from typer.testing import CliRunner

    from osint_cli.cli import app

    text = json.loads(CliRunner().invoke(app, ["summarize", str(SEED_HTML), "--format", "json", "--include-text"]).stdout)["text"]
    for key in ("figures", "dates", "quotes", "sources", "experts"):
        for f in seed_report[key]:
            assert text[f["start"]:f["end"]] == f["text"], (key, f["text"])
            assert f["sentence"] in text and f["rule"], (key, f)
