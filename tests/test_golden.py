"""Golden pairs: one input text and, per finding category, the findings it must give.

Each ``tests/golden/pairs/<name>-<lang>.txt`` is an article (the seed text and invented
ones); ``<name>-<lang>.<category>.json`` holds that category's findings, reduced to the
fields that matter for it. A change shows as a small diff in one category instead of a
whole-report snapshot. A pair that pins a known error carries ``"known_wrong"`` (the
reason and the right value); its test is a strict xfail until the error is fixed.

After an intended change, regenerate and REVIEW every diff before committing:
    OSINT_UPDATE_GOLDEN=1 python3 -m pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from osint_cli import api
from osint_cli.model import Article
from osint_cli.settings import Settings

from .conftest import SEED_HTML

PAIRS = Path(__file__).parent / "golden" / "pairs"
REFERENCE = date(2024, 3, 6)
FIELDS = {
    "dates": ("text", "start", "end", "value", "type", "mod"),
    "figures": ("text", "start", "end", "value", "value_max", "unit", "qualifier", "about"),
    "experts": ("name", "kind", "role", "affiliation", "quoted"),
    "quotes": ("text", "start", "end", "speaker", "kind"),
    "sources": ("name", "count"),
}


@cache
def _report(name: str) -> dict[str, Any]:
    text = (PAIRS / f"{name}.txt").read_text(encoding="utf-8")
    lang = name.rsplit("-", 1)[1]
    article = Article(text=text, lang=lang)
    return api.summarize_article(article, Settings(lang=lang, reference_date=REFERENCE), name).to_dict()


def _got(name: str, category: str) -> list[dict[str, Any]]:
    return [{k: f[k] for k in FIELDS[category]} for f in _report(name)[category]]


def _cases() -> list[Any]:
    out = []
    for txt in sorted(PAIRS.glob("*.txt")):
        for category in FIELDS:
            path = PAIRS / f"{txt.stem}.{category}.json"
            wrong = json.loads(path.read_text(encoding="utf-8")).get("known_wrong") if path.exists() else None
            marks = [pytest.mark.xfail(strict=True, reason=wrong)] if wrong else []
            out.append(pytest.param(txt.stem, category, marks=marks, id=f"{txt.stem}.{category}"))
    return out


@pytest.mark.parametrize("name,category", _cases())
def test_golden_pair(name: str, category: str) -> None:
    path = PAIRS / f"{name}.{category}.json"
    got = _got(name, category)
    if os.environ.get("OSINT_UPDATE_GOLDEN") and not path.exists():
        path.write_text(json.dumps({"findings": got}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    want = json.loads(path.read_text(encoding="utf-8"))["findings"]
    assert got == want, f"{name}: {category} differ from {path.name}"


def test_every_pair_is_complete() -> None:
    texts = {p.stem for p in PAIRS.glob("*.txt")}
    for path in PAIRS.glob("*.json"):
        name, category = path.name.split(".")[:2]
        assert name in texts and category in FIELDS, f"{path.name} has no input text or names no category"
    assert len(list(PAIRS.glob("*.json"))) == len(texts) * len(FIELDS)


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


@pytest.mark.slow
def test_every_span_points_into_the_text(seed_report: dict[str, Any]) -> None:
    from typer.testing import CliRunner

    from osint_cli.cli import app

    text = json.loads(CliRunner().invoke(app, ["summarize", str(SEED_HTML), "--format", "json", "--include-text"]).stdout)["text"]
    for key in ("figures", "dates", "quotes", "sources", "experts"):
        for f in seed_report[key]:
            assert text[f["start"]:f["end"]] == f["text"], (key, f["text"])
            assert f["sentence"].strip("…") in text and f["rule"], (key, f)
