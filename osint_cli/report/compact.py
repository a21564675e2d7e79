"""One string object for equal strings, so a report set of thousands of articles keeps each text once.

``json.loads`` makes a new string for every value it reads: a quote's ``text`` and its
``sentence`` are two objects even when equal, a figure and a date in one sentence carry two
copies of it, and "official", "about" or an outlet's name are a new object in every record.
What the set keeps is its output (quotes, claim values, timeline entries), so every copy
kept is memory that grows with the number of reports: the collectors pass each string they
keep through ``Strings``, which is what keeps the set's memory close to the size of what
it prints (``benchmarks/report_speed.py``).
"""

from __future__ import annotations

from typing import Any


class Strings:
    """The string objects one report set shares: recurring words for the whole run, texts per record.

    Its own dict rather than ``sys.intern``: the interpreter's table holds every identifier
    of every imported module, and crossing one of its resize steps costs a megabyte at once.
    """

    def __init__(self) -> None:
        self._words: dict[str, str] = {}
        self._texts: dict[str, str] = {}

    def next_record(self) -> None:
        """Forget the texts of the record before: a sentence rarely recurs in another article."""
        self._texts = {}

    def word(self, value: Any) -> Any:
        """The run's one object equal to ``value`` if it is a string (outlets, dates, kinds, names); else ``value``."""
        return self._words.setdefault(value, value) if type(value) is str else value

    def text(self, value: Any) -> Any:
        """The record's one object equal to ``value`` if it is a string (sentences, quotes); else ``value``."""
        return self._texts.setdefault(value, value) if type(value) is str else value
