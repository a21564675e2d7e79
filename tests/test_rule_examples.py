"""Every rule of every pack finds its examples and none of its counter-examples."""

from __future__ import annotations

import pytest

from osint_cli import rules

CASES = [
    (lang, name, rule)
    for lang in rules.available()
    for name in rules.load(lang).files
    for rule in rules.load(lang).rules(name)
]


def test_packs_exist() -> None:
    assert {"de", "en"} <= set(rules.available())


@pytest.mark.parametrize("lang,name,rule", CASES, ids=[r.id for _, _, r in CASES])
def test_rule_examples(lang: str, name: str, rule: rules.Rule) -> None:
    assert rule.id.startswith(f"{lang}.{name}."), "rule ids are <lang>.<file>.<name>"
    assert rule.examples, "every rule carries at least one example"
    for ex in rule.examples:
        assert rule.regex.search(ex), f"{rule.id} does not find its example {ex!r}"
    for ex in rule.counter:
        assert not rule.regex.search(ex), f"{rule.id} matches its counter-example {ex!r}"


def test_rule_ids_unique() -> None:
    ids = [r.id for _, _, r in CASES]
    assert len(ids) == len(set(ids))
