"""Small report/1 records for the report tests, built in code (invented names and sentences)."""

from __future__ import annotations

from typing import Any

from osint_cli.model import SCHEMA


def record(source: str, *, title: str = "A title", site: str | None = "Example News", date: str | None = "2024-03-06",
           url: str | None = None, text: str | None = None, **findings: list[dict[str, Any]]) -> dict[str, Any]:
    """A report record as `osint summarize -f jsonl` writes it."""
    rec: dict[str, Any] = {
        "schema": SCHEMA, "source": source,
        "metadata": {"title": title, "author": None, "date": date, "sitename": site, "url": url, "lang": "de",
                     "description": None, "reference_date": date},
        "experts": [], "quotes": [], "figures": [], "dates": [], "sources": [], "warnings": [],
    }
    rec.update(findings)
    if text is not None:
        rec["text"] = text
    return rec


def expert(name: str, *, aliases: tuple[str, ...] = (), kind: str = "expert", role: str | None = None,
           affiliation: str | None = None, quotes: tuple[str, ...] = (), sentence: str = "") -> dict[str, Any]:
    """An expert finding with direct quotes."""
    return {"text": name, "start": 0, "end": len(name), "sentence": sentence or f"{name} sagte etwas.", "rule": "t",
            "name": name, "aliases": list(aliases), "kind": kind, "role": role, "affiliation": affiliation, "quoted": "direct",
            "quotes": [{"text": q, "start": 0, "end": len(q), "sentence": f"«{q}», sagte {name}.", "rule": "t",
                        "speaker": name, "kind": "direct"} for q in quotes],
            "mentions": []}


def figure(text: str, value: float, *, qualifier: str | None = None, about: str | None = None, unit: str | None = None,
           value_max: float | None = None, start: int = 0, sentence: str = "") -> dict[str, Any]:
    """A figure finding."""
    return {"text": text, "start": start, "end": start + len(text), "sentence": sentence or f"Es waren {text}.", "rule": "t",
            "value": value, "value_max": value_max, "unit": unit, "qualifier": qualifier, "about": about}


def when(text: str, value: str | None, *, type: str = "date", sentence: str = "") -> dict[str, Any]:
    """A date finding."""
    return {"text": text, "start": 0, "end": len(text), "sentence": sentence or f"Das war {text}.", "rule": "t",
            "value": value, "type": type, "mod": None, "unresolved": value is None}
