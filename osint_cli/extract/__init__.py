"""The extractors: one module each, run in a fixed order over one Doc.

Each module exposes ``extract(doc: Doc) -> tuple[Finding, ...]`` (experts returns
experts and quotes). Language knowledge lives in ``rules/<lang>/*.toml`` and reaches the
code through ``doc.pack``; no extractor branches on the language.

Order matters: dates claim their spans first, so figures never read a number inside a
date; sources run before experts so that a medium is never taken for a person.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import groupby

from ..model import Finding, Findings
from ..rules import load
from . import dates, experts, figures, sources
from .doc import Decision, Doc

__all__ = ["Decision", "Doc", "explain", "run"]


def run(text: str, lang: str, reference: date | None, enabled: tuple[str, ...],
        trace: list[Decision] | None = None) -> Findings:
    """Run the enabled extractors over ``text`` and collect their findings.

    ``trace``, when a list, receives every named keep/drop decision (``--explain``),
    ending with one ``kept`` decision per finding that names the rule that found it.
    """
    doc = Doc.build(text, load(lang), reference)
    doc.trace = trace
    found_dates = dates.extract(doc) if "dates" in enabled else ()
    for d in found_dates:
        doc.claim(d.start, d.end)
    found_figures = figures.extract(doc) if "figures" in enabled else ()
    found_sources = sources.extract(doc) if "sources" in enabled else ()
    found_experts, found_quotes = experts.extract(doc) if "experts" in enabled else ((), ())
    if trace is not None:
        for category, found in (("dates", found_dates), ("figures", found_figures), ("sources", found_sources),
                                ("experts", found_experts), ("quotes", found_quotes)):
            _note_kept(doc, category, found)
    return Findings(
        experts=tuple(found_experts),
        quotes=tuple(found_quotes),
        figures=tuple(found_figures),
        dates=tuple(found_dates),
        sources=tuple(found_sources),
    )


def _note_kept(doc: Doc, category: str, found: Iterable[Finding]) -> None:
    for f in found:
        doc.note(category, f.start, f.end, f.rule, True)


def explain(decisions: Iterable[Decision]) -> Iterator[str]:
    """One line per candidate: its category, span and text, then each check in the order
    it was applied (``+check`` kept, ``-check`` dropped), and the verdict of the last one."""
    ordered = sorted(decisions, key=lambda d: (d.start, d.end, d.category))
    for (category, start, end), group in groupby(ordered, key=lambda d: (d.category, d.start, d.end)):
        steps = list(group)
        text = " ".join(steps[0].text.split())
        text = text if len(text) <= 80 else text[:77] + "..."
        chain = " ".join(("+" if d.kept else "-") + d.check for d in steps)
        verdict = "kept" if steps[-1].kept else "dropped"
        yield f"{category} {start}-{end} {text!r}: {verdict} ({chain})"
