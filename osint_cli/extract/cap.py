"""An output bound: a report's findings, as JSON, stay within a fixed multiple of the text.

A real article yields one to five bytes of findings per byte of text. A page that is
nothing but findings ("5 %, 5 %, ..." or a table of numbers without sentence ends) yields
a figure record of a hundred bytes or more for every five bytes of text, so its report
could be seventy times the page. ``cap`` keeps findings in document order while their
estimated JSON size fits ``RATIO`` times the text (never less than ``FLOOR`` bytes, so no
ordinary page is touched) and drops the rest; the caller turns the counts into a warning.

The estimate walks each finding's fields once (linear in the output it bounds) and counts
what compact JSON writes: a key, quotes and the UTF-8 bytes of a string, digits of a number.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..model import Findings

RATIO = 18  # of the text's UTF-8 bytes; 20x in issue 12, less the record's envelope and rounding
FLOOR = 64 * 1024  # bytes of findings any page may have, however short its text

_NAMES: dict[type, tuple[str, ...]] = {}


def size(obj: Any) -> int:
    """Estimated bytes of ``obj`` as compact JSON (within a few bytes per value)."""
    if isinstance(obj, str):
        return len(obj.encode("utf-8", "surrogatepass")) + 2
    if isinstance(obj, (tuple, list)):
        return 2 + sum(size(v) + 1 for v in obj)
    if obj is None or isinstance(obj, (bool, int, float)):
        return len(repr(obj))
    names = _NAMES.get(type(obj))
    if names is None:
        names = _NAMES[type(obj)] = tuple(f.name for f in dataclasses.fields(obj))
    return 2 + sum(len(n) + 4 + size(getattr(obj, n)) for n in names)


def cap(findings: Findings, text: str) -> tuple[Findings, dict[str, int]]:
    """``findings`` cut to the bound for ``text``, and how many of each category were dropped."""
    limit = max(FLOOR, RATIO * len(text.encode("utf-8", "surrogatepass")))
    names = [f.name for f in dataclasses.fields(Findings)]
    # every finding with its start, in document order across the categories
    order = sorted((f.start, i, name, f) for name in names for i, f in enumerate(getattr(findings, name)))
    total = 0
    keep: set[tuple[str, int]] = set()
    for _start, i, name, f in order:
        total += size(f) + 1
        if total > limit:
            break
        keep.add((name, i))
    if len(keep) == len(order):
        return findings, {}
    kept = {n: tuple(f for i, f in enumerate(getattr(findings, n)) if (n, i) in keep) for n in names}
    dropped = {n: len(getattr(findings, n)) - len(kept[n]) for n in names}
    return Findings(**kept), {n: k for n, k in dropped.items() if k}
