"""Experts extractor (first version pending): see ../shared/spec/extraction-guide.md."""

from __future__ import annotations

from .doc import Doc


def extract(doc: Doc) -> tuple[tuple, tuple]:
    """Find cited experts and quotes in the document."""
    return (), ()
