"""Compiled rule patterns kept across processes: ``compile(pattern, flags)``.

Python compiles a regex in Python code (parser and code generator); the rule packs' patterns
(date rules, the figures master regex, tries of word lists) take 0.3-0.4 s to compile, which
every ``osint summarize`` process paid again. This module keeps the compiler's output (the
opcode list the C engine runs, the group names) in one file per Python build and rule-pack
content, and builds the pattern object from it with ``_sre.compile``, as ``re`` does itself.

Safe by construction:

* an entry is found by its exact pattern string and flags, so it never answers for another
  pattern, whatever the file name says;
* the file name holds the Python build and ``_sre.MAGIC`` (another interpreter never reads
  it) and a hash of the installed rule files (edited rules start a new file);
* the file is JSON plus a little-endian opcode array, checked against the SHA-256 written in
  its header before anything is read; ``_sre.compile`` validates the opcodes again;
* anything unexpected (no cache directory, a short or foreign file, a failed check, another
  Python whose ``re`` internals differ) falls back to ``re.compile`` silently.

``OSINT_REGEX_CACHE=0`` turns it off; ``OSINT_REGEX_CACHE=DIR`` puts the files in DIR
(default ``$XDG_CACHE_HOME/osint-cli``, else ``~/.cache/osint-cli``). New entries are written
when the process ends (atomically: a temporary file renamed over the old one).
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
import sys
import tempfile
from array import array
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

try:  # the private halves of ``re``: present in CPython 3.11-3.13, checked before use
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python implementation
    _sre = None  # type: ignore[assignment]

_MAX_ENTRIES = 20_000  # bounds the file: the packs have a few hundred patterns, gates a few thousand
_KEEP_FILES = 8  # older cache files (other Python builds, earlier rules) removed beyond these
_FORMAT = b"osint-regex-cache/2"
# pattern, flags -> (final flags, opcodes, groups, groupindex, indexgroup)
Entry = tuple[int, "list[int] | array[int]", int, dict[str, int], tuple[str | None, ...]]
T = TypeVar("T")

_state: dict[str, Any] = {}  # "path", "stored" (from the file), "new" (compiled here)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - the name says what it replaces
    """``re.compile(pattern, flags)``, built from the persistent cache when it holds the pattern."""
    if not _usable():
        return re.compile(pattern, flags)
    try:
        flags = int(flags)  # a RegexFlag, as re does
        key = f"{flags}:{pattern}"
        entry = _state["stored"].get(key) or _state["new"].get(key)
        if entry is None:
            entry = _build(pattern, flags)
            if len(_state["new"]) < _MAX_ENTRIES:
                _state["new"][key] = entry
        code = entry[1] if isinstance(entry[1], list) else entry[1].tolist()  # read: an array, made a list on use
        return _sre.compile(pattern, entry[0], code, entry[2], entry[3], entry[4])  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - a cache problem must never be a user's problem
        return re.compile(pattern, flags)


def fact(kind: str, key: str, build: Callable[[], T]) -> T:
    """``build()``, a JSON value derived from ``key`` alone, kept in the cache file like the patterns
    (a pattern's start words, a word list's trie): found only by its exact kind and key."""
    if not _usable():
        return build()
    full = kind + "\0" + key
    found = _state["facts"].get(full, _MISSING)
    if found is _MISSING:
        found = build()
        if len(_state["new_facts"]) < _MAX_ENTRIES:
            _state["new_facts"][full] = found
    return found  # type: ignore[no-any-return]


_MISSING = object()


def _build(pattern: str, flags: int) -> Entry:
    """What ``re._compiler.compile`` computes before it calls ``_sre.compile``."""
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[str | None] = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return flags | p.state.flags, code, p.state.groups - 1, groupindex, tuple(indexgroup)


def _usable() -> bool:
    """Whether the cache is on; loads the file on first use."""
    if "on" not in _state:
        _state["on"] = False
        _state["stored"], _state["new"], _state["facts"], _state["new_facts"] = {}, {}, {}, {}
        setting = os.environ.get("OSINT_REGEX_CACHE", "")
        if setting in ("0", "off", "no") or _sre is None or not hasattr(_compiler, "_code") or _sre.CODESIZE != 4:
            return False
        try:
            folder = Path(setting) if setting else _default_dir()
            _state["path"] = folder / f"regex-{_build_key()}.cache"
            _state["stored"], _state["facts"] = _read(_state["path"])
        except Exception:  # noqa: BLE001 - no home, unreadable rules: compile as usual
            return False
        _state["on"] = True
        atexit.register(save)
    return bool(_state["on"])


def _default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "osint-cli"


def _build_key() -> str:
    """The Python build and regex engine, and the content of every installed rule file."""
    h = hashlib.sha256(f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{sys.byteorder}".encode())
    root = resources.files("osint_cli.rules")
    for folder in sorted((p for p in root.iterdir() if p.is_dir()), key=lambda p: p.name):
        for f in sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name):
            h.update(f"{folder.name}/{f.name}\0".encode() + f.read_bytes())
    for f in sorted((f for f in root.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name):
        h.update(f"{f.name}\0".encode() + f.read_bytes())
    return h.hexdigest()[:24]


Stored = tuple[dict[str, Entry], dict[str, Any]]


def _read(path: Path) -> Stored:
    """The patterns and facts of a cache file; empty when it is missing or fails any check."""
    try:
        return _parse(path.read_bytes())
    except (OSError, ValueError, TypeError, KeyError, IndexError, UnicodeDecodeError):
        return {}, {}


def _parse(data: bytes) -> Stored:
    head, _, rest = data.partition(b"\n")
    parts = head.split(b" ")
    if len(parts) != 3 or parts[0] != _FORMAT or hashlib.sha256(rest).hexdigest().encode() != parts[2]:
        return {}, {}
    index_len = int(parts[1])
    index = json.loads(rest[:index_len].decode("utf-8"))
    codes = array("I")
    codes.frombytes(rest[index_len:])
    if sys.byteorder != "little":
        codes.byteswap()
    out: dict[str, Entry] = {}
    for key, final, start, length, groups, groupindex, indexgroup in index["re"]:
        out[key] = (final, codes[start:start + length], groups, groupindex, tuple(indexgroup))
    return out, dict(index["facts"])


def save() -> None:
    """Write what this process compiled (with what is already stored) to the cache file."""
    if not _state.get("on") or not (_state["new"] or _state["new_facts"]):
        return
    try:
        path: Path = _state["path"]
        old, old_facts = _read(path)  # another process may have saved meanwhile
        entries = {**old, **_state["stored"], **_state["new"]}
        facts = {**old_facts, **_state["facts"], **_state["new_facts"]}
        _write(path, entries, facts)
        _state["stored"], _state["new"], _state["facts"], _state["new_facts"] = entries, {}, facts, {}
        _prune(path)
    except Exception:  # noqa: BLE001 - a read-only or full disk costs the next run's compile time only
        return


def _write(path: Path, entries: dict[str, Entry], facts: dict[str, Any]) -> None:
    index, codes = [], array("I")
    for key, (final, code, groups, groupindex, indexgroup) in list(entries.items())[:_MAX_ENTRIES]:
        index.append([key, final, len(codes), len(code), groups, groupindex, list(indexgroup)])
        codes.extend(code)
    if sys.byteorder != "little":
        codes.byteswap()
    kept = dict(list(facts.items())[:_MAX_ENTRIES])
    blob = json.dumps({"re": index, "facts": kept}, ensure_ascii=True, separators=(",", ":")).encode("utf-8")
    rest = blob + codes.tobytes()
    head = b" ".join((_FORMAT, str(len(blob)).encode(), hashlib.sha256(rest).hexdigest().encode()))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".regex-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(head + b"\n" + rest)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _prune(current: Path) -> None:
    """Remove all but the newest few cache files (other Python builds, earlier rules)."""
    files = sorted(current.parent.glob("regex-*.cache"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[_KEEP_FILES:]:
        if old != current:
            old.unlink(missing_ok=True)
