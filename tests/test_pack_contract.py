"""Every rule pack meets the extractors' declared needs (osint_cli/rules/contract.py)."""

from __future__ import annotations

import copy
import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest

from osint_cli import rules
from osint_cli.rules.check import problems
from osint_cli.rules.contract import CONTRACT

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("lang", rules.available())
def test_pack_meets_the_contract(lang: str) -> None:
    assert problems(rules.load(lang), deep=True) == []


def _variant(lang: str, edit: Any) -> rules.RulePack:
    """A copy of a real pack with one edit applied to its parsed files."""
    base = rules.load(lang)
    files = copy.deepcopy(base.files)
    lists = dict(base.lists)
    edit(files, lists)
    return rules.RulePack(lang=lang, files=files, lists=lists, patterns=dict(base.patterns))


def test_unknown_rule_key_is_an_error() -> None:
    pack = _variant("de", lambda f, _: f["dates"]["rules"][0].update(kidn="calendar"))
    assert any("unknown key 'kidn'" in p for p in problems(pack))


def test_value_outside_the_allowed_set_is_an_error() -> None:
    pack = _variant("en", lambda f, _: f["experts"]["rules"][0].update(speaker="behind"))
    assert any("speaker: 'behind' is not one of" in p for p in problems(pack))


def test_wrong_type_is_an_error_and_bool_is_no_int() -> None:
    pack = _variant("de", lambda f, _: f["dates"]["rules"][0].update(bare_min=True, prefix="no"))
    found = "\n".join(problems(pack))
    assert "bare_min: True is not a int" in found and "prefix: 'no' is not a bool" in found


def test_missing_list_is_an_error_and_names_the_extractor() -> None:
    pack = _variant("en", lambda _, lists: lists.pop("fig_pp_cue"))
    assert "en: figures: list 'fig_pp_cue' is read by the code but missing" in "\n".join(problems(pack))


def test_array_where_the_code_reads_a_table_is_an_error() -> None:
    pack = _variant("en", lambda _, lists: lists.update(date_season=["spring"]))
    assert any("'date_season' must be a table" in p for p in problems(pack))


def test_unknown_configuration_key_and_file_are_errors() -> None:
    def edit(f: dict[str, Any], _: Any) -> None:
        f["figures"]["figures"]["decimal_sep"] = ","
        f["weather"] = {"lists": {}}

    found = "\n".join(problems(_variant("de", edit)))
    assert "[figures] has unknown key 'decimal_sep'" in found and "weather.toml: no extractor reads" in found


def test_group_the_code_never_reads_is_an_error_when_deep() -> None:
    def edit(f: dict[str, Any], _: Any) -> None:
        f["sources"]["rules"][0]["pattern"] = r"(?P<medium>Reuters)"

    pack = _variant("en", edit)
    assert not any("group names" in p for p in problems(pack, deep=False))
    assert any("group names the code never reads: ['medium']" in p for p in problems(pack, deep=True))


def test_load_refuses_a_broken_pack() -> None:
    pack = _variant("de", lambda f, _: f["sources"]["rules"][0].update(typed="yes"))
    with pytest.raises(rules.PackError, match="typed: 'yes' is not a bool"):
        rules.check(pack)


def test_caches_belong_to_the_pack_not_the_language() -> None:
    mine = _variant("en", lambda _, lists: lists.update(src_known=["The Daily Example"]))
    assert "the daily example" in mine.words("src_known")
    assert "the daily example" not in rules.load("en").words("src_known")


def test_every_declared_list_is_defined_in_every_pack_that_has_the_extractor() -> None:
    for lang in rules.available():
        pack = rules.load(lang)
        for needs in CONTRACT.values():
            if any(f in pack.files for f in needs.files):
                assert set(needs.lists()) <= set(pack.lists), (lang, needs.extractor)


def test_language_doc_is_generated_from_the_current_contract() -> None:
    spec = importlib.util.spec_from_file_location("gen_language_doc", ROOT / "scripts" / "gen_language_doc.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    committed = (ROOT / "docs" / "adding-a-language.md").read_text(encoding="utf-8")
    assert committed == gen.render(), "docs/adding-a-language.md is stale: run python3 scripts/gen_language_doc.py"
    assert "`date_numstem` | table" in committed and "| `speaker` |" in committed


_READS = re.compile(r"""(?:\b(?:words|mapping|look|m)\(\s*|lists\.get\(\s*|patterns\.get\(\s*)["']([a-z][a-z0-9_]*)["']""")


def test_every_list_the_code_reads_by_name_is_declared() -> None:
    # keeps the contract honest: an extractor that starts reading a list declares it
    declared = {n for needs in CONTRACT.values() for n in (*needs.lists(), *needs.fragments)}
    sources = [*sorted((ROOT / "osint_cli" / "extract").glob("*.py")), ROOT / "osint_cli" / "text.py"]
    read = {(p.name, n) for p in sources for n in _READS.findall(p.read_text(encoding="utf-8"))}
    assert len(read) > 50, "the scan finds the extractors' reads"
    assert {(f, n) for f, n in read if n not in declared} == set()


def test_a_toml_syntax_error_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "dates.toml").write_text("[lists]\ndate_month = { März = 3 }\n", encoding="utf-8")
    with pytest.raises(rules.PackError, match=r"xx: .*dates\.toml"):
        rules._read_folder(tmp_path, "xx", {}, {}, {})
