"""The records the dates tagger passes around: a matched expression and its value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Hit:
    """One validated match: span, rule, kind, named groups; ``partner`` is a joined day or time."""

    start: int
    end: int
    rule: str
    kind: str
    g: dict[str, str]
    data: dict[str, Any]
    partner: Hit | None = None

    def is_day(self) -> bool:
        """Whether the expression names one day (a time can join it)."""
        return self.kind in ("weekday", "deictic") or (self.kind == "calendar" and "day" in self.g)


@dataclass
class Val:
    """A normalised value plus what later expressions may anchor on."""

    value: str | None
    type: str = "date"
    mod: str | None = None
    unresolved: bool = False
    point: date | None = None
    unit: str | None = None
    year: int | None = None
    day: date | None = None
