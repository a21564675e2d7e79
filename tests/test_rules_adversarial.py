"""Every rule regex of every pack runs in (about) linear time on adversarial text.

Each rule scans strings built to provoke backtracking (long runs of one character, of
digits, of capitals, of abbreviations, quotes that never close, its own examples glued
together) under a wall-clock limit: a pattern that backtracks catastrophically runs far
past the limit on 20,000 characters, where a linear one needs milliseconds; a scan that
takes over 50 ms is repeated on 4x the text, where a quadratic pattern takes 16x the time.
The alarm interrupts the regex engine (SRE checks for signals).
"""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from osint_cli import rules

SIZE = 20_000
LIMIT = 2.0  # seconds per rule and string; a linear scan of 20 KB takes a few ms
UNITS = (
    "*", " ", "a", "A", "1", "1 ", "1,", "1.", "1.000 ", "12:", "-", "- ", ".", ". ", "\n", "'", "\"", "„", "« ",
    "(", "Dr. ", "A. ", "Müller ", "ABC ", "U.S. ", "am 3. ", "3. März ", "Mio. ", "vor ", "rund ", "mehr als ",
    "mehr als 3,5 Millionen Euro und rund 40 Prozent ", "Dr. Müller sagte das heute. ", "„Das ist so, sagte Müller und ",
    "John Smith said ", "THE UNITED NATIONS SAID ", "www.", "http://", "@", "€ ", "$1", "%", "1/", "x1", "–",
)
# Known catastrophic patterns, owned by other helpers this round; each must fail (strict):
# when it is fixed the xfail turns into an error and the entry is removed.
KNOWN: dict[str, str] = {}


ANCHORED = {"about"}  # settings the extractors apply with .match right after a candidate


def _scan(target: Target, text: str) -> None:
    if target.anchored:
        for pos in range(0, len(text), len(text) // 20):
            target.regex.match(text, pos)
    else:
        for _ in target.regex.finditer(text):
            pass


@dataclass(frozen=True)
class Target:
    """A regex of a pack: a ``[[rules]]`` pattern or a pattern-valued setting such as ``skip_line``."""

    id: str
    regex: re.Pattern[str]
    examples: tuple[str, ...] = ()
    anchored: bool = False  # used with .match at one position (figures ``about``), not scanned with finditer


def _settings(node: Any, path: list[str]) -> Iterator[tuple[str, str]]:
    # the pattern-valued settings of a file: strings with regex syntax outside lists, rules and fragments
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in ("lists", "rules", "patterns"):
                yield from _settings(value, [*path, key])
    elif isinstance(node, str) and re.search(r"[\\(\[^$|{]", node):
        yield ".".join(path), node


def _targets() -> list[Target]:
    out = []
    for lang in rules.available():
        pack = rules.load(lang)
        for name in pack.files:
            out += [Target(r.id, r.regex, r.examples) for r in pack.rules(name)]
            out += [Target(f"{lang}.{name}.{key}", pack.compile(value), anchored=key.rsplit(".", 1)[-1] in ANCHORED)
                    for key, value in _settings(pack.section(name), [])]
    return out


def _strings(rule: Target) -> list[tuple[str, str]]:
    out = [(repr(u[:12]), (u * (SIZE // len(u) + 1))[:SIZE]) for u in UNITS]
    for ex in rule.examples[:3]:  # the rule's own examples glued together: the text it is built for
        out.append((f"examples:{ex[:12]!r}", (ex * (SIZE // max(1, len(ex)) + 1))[:SIZE]))
        out.append((f"examples+space:{ex[:12]!r}", ((ex + " ") * (SIZE // (len(ex) + 1) + 1))[:SIZE]))
    return out


class _Overtime(BaseException):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Overtime


CASES = _targets()


GROWTH_FROM = 0.05  # a scan slower than this is timed again on 4x the text: a linear one takes ~4x


def _growth(rule: Target, text: str, spent: float) -> str | None:
    """Why 4x the text costs far more than 4x the time (quadratic), or None."""
    t0 = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, LIMIT)
    try:
        _scan(rule, text * 4)
    except _Overtime:
        return f"4x the text: over {LIMIT:g} s against {spent:.2f} s"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    ratio = (time.perf_counter() - t0) / spent
    if ratio > 8:
        # one slow run on a loaded machine is no proof: time both again, best of three (a
        # quadratic pattern still takes ~16x, a linear one settles near 4x)
        ratio = _best(rule, text * 4) / _best(rule, text)
    return f"4x the text took {ratio:.0f}x the time" if ratio > 8 else None


def _best(rule: Target, text: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        _scan(rule, text)
        times.append(time.perf_counter() - t0)
    return min(times)


@pytest.mark.parametrize(
    "rule",
    [pytest.param(r, marks=pytest.mark.xfail(reason=KNOWN[r.id], strict=True)) if r.id in KNOWN else r for r in CASES],
    ids=[r.id for r in CASES],
)
def test_rule_is_safe_on_adversarial_text(rule: Target) -> None:
    previous = signal.signal(signal.SIGALRM, _alarm)
    slow = []
    try:
        for label, text in _strings(rule):
            t0 = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, LIMIT)
            try:
                _scan(rule, text)
            except _Overtime:
                slow.append(f"{label}: over {LIMIT:g} s")
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            if not slow or not slow[-1].startswith(label):
                spent = time.perf_counter() - t0
                if spent > LIMIT / 2:
                    slow.append(f"{label}: {spent:.2f} s")
                elif spent > GROWTH_FROM:
                    grown = _growth(rule, text, spent)
                    if grown:
                        slow.append(f"{label}: {grown}")
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert not slow, f"{rule.id} backtracks on {len(slow)} adversarial strings of {SIZE} chars: {slow[:5]}"
