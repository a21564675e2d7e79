"""The persistent cache of compiled rule patterns: same patterns as re.compile, and safe fallbacks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from osint_cli.rules import load, regex_cache

ROOT = Path(__file__).resolve().parents[1]
PATTERNS = [
    (r"(?P<day>\d{1,2})\.\s*(?P<month>März|Mai)(?!\w)", re.IGNORECASE),
    (r"(?x) (?:foo | bar) \s+ (?P<n>\d+)", 0),
    (r"(?<![\w-])(?:Prof\.|Dr\.)\s+[A-ZÄÖÜ]\w+", re.UNICODE),
    (r"^\s*$", re.MULTILINE),
]


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache in a temporary folder, and a module state as in a new process."""
    monkeypatch.setenv("OSINT_REGEX_CACHE", str(tmp_path))
    monkeypatch.setattr(regex_cache, "_state", {})
    return tmp_path


def _new_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regex_cache, "_state", {})


def test_same_pattern_objects_as_re(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pattern equality compares the pattern, the flags and the compiled opcodes
    for pattern, flags in PATTERNS:
        assert regex_cache.compile(pattern, flags) == re.compile(pattern, flags)
    regex_cache.save()
    assert len(list(fresh.glob("regex-*.cache"))) == 1
    _new_process(monkeypatch)
    for pattern, flags in PATTERNS:
        got = regex_cache.compile(pattern, flags)
        assert got == re.compile(pattern, flags)
        assert got.groupindex == re.compile(pattern, flags).groupindex
    assert not regex_cache._state["new"], "every pattern came from the file"


def test_rule_pack_patterns_round_trip(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = load("de")
    sources = [(r.source, r.flags) for name in ("dates", "figures", "quotes") for r in pack.rules(name)]
    assert len(sources) > 50
    for s, f in sources:
        regex_cache.compile(s, f)
    regex_cache.save()
    _new_process(monkeypatch)
    for s, f in sources:
        assert regex_cache.compile(s, f) == re.compile(s, f)


def test_facts_kept_by_exact_key(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    assert regex_cache.fact("demo", "a\0b", lambda: calls.append(1) or ["x", 1]) == ["x", 1]
    regex_cache.save()
    _new_process(monkeypatch)
    assert regex_cache.fact("demo", "a\0b", lambda: calls.append(2) or ["y"]) == ["x", 1]
    assert regex_cache.fact("demo", "a\0c", lambda: calls.append(3) or ["z"]) == ["z"]
    assert calls == [1, 3]


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage", "empty"])
def test_damaged_file_is_ignored(fresh: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    pattern, flags = PATTERNS[0]
    regex_cache.compile(pattern, flags)
    regex_cache.save()
    (path,) = fresh.glob("regex-*.cache")
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[-3] ^= 0xFF  # an opcode changed: the checksum no longer fits
    elif damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "garbage":
        data = bytearray(b"osint-regex-cache/2 12 abc\n{not json")
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    _new_process(monkeypatch)
    assert regex_cache.compile(pattern, flags) == re.compile(pattern, flags)
    assert regex_cache._state["new"], "compiled afresh, not read from the damaged file"
    regex_cache.save()  # and the file is whole again
    _new_process(monkeypatch)
    regex_cache.compile(pattern, flags)
    assert not regex_cache._state["new"]


def test_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OSINT_REGEX_CACHE", "0")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(regex_cache, "_state", {})
    pattern, flags = PATTERNS[1]
    assert regex_cache.compile(pattern, flags) == re.compile(pattern, flags)
    regex_cache.save()
    assert not list(tmp_path.rglob("*"))


def test_unwritable_folder_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("OSINT_REGEX_CACHE", str(blocker / "sub"))
    monkeypatch.setattr(regex_cache, "_state", {})
    pattern, flags = PATTERNS[2]
    assert regex_cache.compile(pattern, flags) == re.compile(pattern, flags)
    regex_cache.save()  # silently nothing
    assert blocker.read_text() == "not a folder"


def test_key_names_the_python_build(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = regex_cache._build_key()
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert regex_cache._build_key() != key


def test_second_process_reads_what_the_first_wrote(tmp_path: Path) -> None:
    env = dict(os.environ, OSINT_REGEX_CACHE=str(tmp_path), PYTHONPATH=str(ROOT))
    code = ("import sys; from osint_cli import api; from osint_cli.rules import regex_cache as c; "
            "api.summarize_html('<html><body><article><p>Am 3. März 2024 sagte Professorin Anna Weber, "
            "die Preise seien um 5 Prozent gestiegen.</p></article></body></html>', "
            "__import__('osint_cli').Settings(lang='de')); "
            "print(len(c._state['stored']), len(c._state['new']))")
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    stored1, new1 = map(int, first.stdout.split())
    stored2, new2 = map(int, second.stdout.split())
    assert stored1 == 0 and new1 > 50
    assert stored2 >= new1 and new2 == 0


def test_given_names_table_same_from_the_cache(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from osint_cli.extract import given

    monkeypatch.setattr(given, "_table", given._table.__wrapped__)  # no lru_cache: every call builds or reads
    built = given._table()
    regex_cache.save()
    _new_process(monkeypatch)
    assert given._table() == built
    assert not regex_cache._state["new_facts"], "the table came from the file"
    monkeypatch.setenv("OSINT_REGEX_CACHE", "0")
    _new_process(monkeypatch)
    assert given._table() == built
