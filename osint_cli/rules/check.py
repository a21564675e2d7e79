"""Validate a rule pack against the extractors' declarations (``contract.py``).

``problems(pack)`` lists every breach, one line each; ``rules.check(pack)`` raises
``PackError`` with all of them. The cheap checks (files, lists, rule keys and values,
configuration tables) run when a pack is loaded; ``deep=True`` also compiles every rule
and checks its group names, which costs the compile time of the whole pack.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .contract import ABSENT_FILE, BASE_KEYS, CONTRACT, Needs, RuleFile, rule_file

if TYPE_CHECKING:
    from . import RulePack

_SECTION_KEYS = frozenset({"lists", "patterns", "rules"})


class PackError(ValueError):
    """A rule pack breaks the contract: the message lists every problem, one a line."""


def problems(pack: RulePack, deep: bool = False) -> list[str]:
    """Every way ``pack`` breaks the contract, as ``<lang>: <file>: <problem>`` lines."""
    out: list[str] = []
    declared = {f for needs in CONTRACT.values() for f in needs.files} | {ABSENT_FILE}
    for name in pack.files:
        if name not in declared:
            out.append(f"{name}.toml: no extractor reads this file (declare it in rules/contract.py)")
    for needs in CONTRACT.values():
        if any(f in pack.files for f in needs.files):
            out += _lists(pack, needs)
            out += _tables(pack, needs)
    for name, data in pack.files.items():
        out += _rules(pack, name, data.get("rules", []), rule_file(name), deep)
    return [f"{pack.lang}: {p}" for p in out]


def _lists(pack: RulePack, needs: Needs) -> Iterator[str]:
    for name in needs.lists():
        if name not in pack.lists:
            yield (f"{needs.extractor}: list {name!r} is read by the code but missing "
                   f"(define it, as [] if the language has no such words)")
    for name in needs.maps:
        value = pack.lists.get(name)
        if isinstance(value, list) and value:
            yield f"{needs.extractor}: list {name!r} must be a table (word = value), not an array"
    for name in needs.fragments:
        if name not in pack.patterns:
            yield f"{needs.extractor}: pattern fragment {name!r} is read by the code but missing"


def _tables(pack: RulePack, needs: Needs) -> Iterator[str]:
    for file in needs.files:
        data = pack.files.get(file, {})
        for table, value in data.items():
            if table in _SECTION_KEYS:
                continue
            spec = needs.tables.get((file, table))
            if spec is None or not isinstance(value, dict):
                yield f"{file}.toml: unknown table [{table}]"
                continue
            for key, v in value.items():
                if key not in spec:
                    yield f"{file}.toml: [{table}] has unknown key {key!r} (allowed: {sorted(spec)})"
                elif (why := spec[key].problem(v)) is not None:
                    yield f"{file}.toml: [{table}] {key}: {why}"


def _rules(pack: RulePack, name: str, raws: list[dict[str, Any]], spec: RuleFile | None, deep: bool) -> Iterator[str]:
    if raws and spec is None:
        yield f"{name}.toml: has [[rules]] but no extractor reads rules from it"
        return
    for raw in raws:
        rid = raw.get("id", "?")
        if not str(rid).startswith(f"{pack.lang}.{name}."):
            yield f"{name}.toml: rule id {rid!r} is not <lang>.<file>.<name>"
        if "pattern" not in raw:
            yield f"{name}.toml: {rid}: no pattern"
        assert spec is not None
        for key, value in raw.items():
            if key in BASE_KEYS:
                continue
            if key not in spec.keys:
                yield f"{name}.toml: {rid}: unknown key {key!r} (allowed: {sorted(spec.keys)})"
            elif (why := spec.keys[key].problem(value)) is not None:
                yield f"{name}.toml: {rid}: {key}: {why}"
    if deep and spec is not None:
        yield from _groups(pack, name, spec)


def _groups(pack: RulePack, name: str, spec: RuleFile) -> Iterator[str]:
    try:
        compiled = pack.rules(name)
    except (KeyError, ValueError) as e:  # an unknown {list} or a broken regex
        yield f"{name}.toml: {e}"
        return
    for rule in compiled:
        unread = set(rule.regex.groupindex) - spec.groups
        if unread:
            yield f"{name}.toml: {rule.id}: group names the code never reads: {sorted(unread)}"
