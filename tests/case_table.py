"""The invented case tables under tests/cases/: one loader for every extractor's tests."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

CASES = Path(__file__).parent / "cases"


def load(kind: str, lang: str) -> list[dict[str, Any]]:
    """The cases of ``tests/cases/<kind>_<lang>.toml``, in file order."""
    return list(tomllib.loads((CASES / f"{kind}_{lang}.toml").read_text(encoding="utf-8"))["case"])


def marks(case: dict[str, Any]) -> list[Any]:
    """A strict xfail for a case that names a known miss (``xfail = "why"``), else none."""
    return [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []


def params(kind: str, langs: tuple[str, ...] = ("de", "en")) -> list[Any]:
    """One ``pytest.param(lang, case)`` per case of each language, with its xfail mark."""
    return [pytest.param(lang, case, marks=marks(case), id=f"{lang}-{i:03d}-{case['text'][:40]}")
            for lang in langs for i, case in enumerate(load(kind, lang))]
