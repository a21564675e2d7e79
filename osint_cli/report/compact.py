"""One string object for equal strings, so a report set of thousands of articles keeps each text once.

``json.loads`` makes a new string for every value it reads: a quote's ``text`` and its
``sentence`` are two objects even when equal, a figure and a date in one sentence carry two
copies of it, and "official", "about" or an outlet's name are a new object in every record.
What the set keeps is its output (quotes, claim values, timeline entries), so every copy
kept is memory that grows with the number of reports: sharing them is what keeps the
set's memory close to the size of what it prints (``benchmarks/report_speed.py``).
"""

from __future__ import annotations

from typing import Any

# per kind of finding, the short words that recur across records (kinds, units, names, dates
# and date expressions such as "gestern"): one shared object for the whole run. A figure's
# text ("3 Millionen Granaten") rarely recurs, so it is shared within its record only.
_WORDS = {
    "experts": ("kind", "name", "role", "affiliation"),
    "quotes": ("kind", "speaker"),
    "figures": ("qualifier", "unit", "about"),
    "dates": ("text", "value", "type", "mod"),
    "sources": ("name",),
}
_TEXTS = ("text", "sentence")  # long texts: shared within one record, through a dict dropped with it
FINDINGS = tuple(_WORDS)


class Strings:
    """The string objects one report set shares: recurring words for the whole run, texts per record.

    Its own dict rather than ``sys.intern``: the interpreter's table holds every identifier
    of every imported module, and crossing one of its resize steps costs a megabyte at once.
    """

    def __init__(self) -> None:
        self._words: dict[str, str] = {}

    def word(self, value: Any) -> Any:
        """The one shared object equal to ``value`` if it is a string (outlets, dates, kinds); anything else as it is."""
        return self._words.setdefault(value, value) if type(value) is str else value

    def share(self, record: dict[str, Any]) -> None:
        """Replace, in place, the equal texts of one record's findings by one object, and the recurring words by the shared ones."""
        memo: dict[str, str] = {}
        for key, words in _WORDS.items():
            for finding in record.get(key) or ():
                self._share(finding, words, memo)
                if key == "experts" and isinstance(finding, dict):
                    for quote in finding.get("quotes") or ():
                        self._share(quote, _WORDS["quotes"], memo)

    def _share(self, finding: Any, words: tuple[str, ...], memo: dict[str, str]) -> None:
        if not isinstance(finding, dict):
            return  # a malformed record: the aggregator lists it as an error
        for name in _TEXTS:
            value = finding.get(name)
            if type(value) is str:
                finding[name] = memo.setdefault(value, value)
        shared = self._words
        for name in words:
            value = finding.get(name)
            if type(value) is str:
                finding[name] = shared.setdefault(value, value)
