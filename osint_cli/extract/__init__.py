"""The extractors: one module each, run in a fixed order over one Doc.

Each module exposes ``extract(doc: Doc) -> tuple[Finding, ...]`` (experts returns
experts and quotes). Language knowledge lives in ``rules/<lang>/*.toml`` and reaches the
code through ``doc.pack``; no extractor branches on the language.

Order matters: dates claim their spans first, so figures never read a number inside a
date; sources run before experts so that a medium is never taken for a person.
"""

from __future__ import annotations

from datetime import date

from ..model import Findings
from ..rules import load
from . import dates, experts, figures, sources
from .doc import Doc

__all__ = ["Doc", "run"]


def run(text: str, lang: str, reference: date | None, enabled: tuple[str, ...]) -> Findings:
    """Run the enabled extractors over ``text`` and collect their findings."""
    doc = Doc.build(text, load(lang), reference)
    found_dates = dates.extract(doc) if "dates" in enabled else ()
    for d in found_dates:
        doc.claim(d.start, d.end)
    found_figures = figures.extract(doc) if "figures" in enabled else ()
    found_sources = sources.extract(doc) if "sources" in enabled else ()
    found_experts, found_quotes = experts.extract(doc) if "experts" in enabled else ((), ())
    return Findings(
        experts=tuple(found_experts),
        quotes=tuple(found_quotes),
        figures=tuple(found_figures),
        dates=tuple(found_dates),
        sources=tuple(found_sources),
    )
