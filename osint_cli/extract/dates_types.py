"""The records the dates tagger passes around: a matched expression and its value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from .timex import Tense

if TYPE_CHECKING:
    from ..rules import RulePack
    from .doc import Doc


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
    counted: bool = False  # a report period counted back from another ("a year earlier"): never the report's own


class Context(Protocol):
    """What the normalisation of one expression reads from the resolver: the reference,
    the dates mentioned so far, the pack's maps and the tense around the expression."""

    doc: Doc
    pack: RulePack
    narrative: bool
    ref: date | None
    last: tuple[date, str] | None
    last_day: date | None
    last_quarter: tuple[int, date, str] | None
    sent_year: tuple[int, int] | None

    def look(self, name: str, word: str) -> Any:
        """The normalised value of ``word`` in the pack's map ``name``."""

    def num(self, s: str) -> float | int | str | None:
        """A number written with digits or as a word; "X" for vague ones."""

    def anchor(self) -> date | None:
        """What relative expressions count from."""

    def anchor_day(self) -> date | None:
        """A day to count days from."""

    def mod(self, g: dict[str, str]) -> str | None:
        """START/MID/END or the qualifier's mod."""

    def day_tense(self, hit: Hit) -> Tense:
        """Which way a bare weekday points."""

    def year_tense(self, hit: Hit) -> Tense:
        """The tense that may move a year-less date."""

    def infer_year(self, hit: Hit, month: int | None, day: int | None) -> int | None:
        """The year of a date written without one."""

    def quarter_back(self, hit: Hit, years: float, window: int = 3) -> Val | None:
        """A year's shift from the last report period named."""

    def report_period(self, year: int) -> Val | None:
        """The report's quarter (or half) in ``year``."""
