"""Figures extractor (first version pending): see ../shared/spec/extraction-guide.md."""

from __future__ import annotations

from .doc import Doc


def extract(doc: Doc) -> tuple:
    """Find figures in the document."""
    return ()
