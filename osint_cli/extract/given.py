"""Given names from a maintained name dictionary, beyond the hand-kept list.

The hand-kept list (``rules/names.toml``) covers the names of German and English news;
a name from elsewhere ("Binali", "Kristján", "Gülsen") is looked up in the dictionary
that the ``gender-guesser`` package ships (read lazily, once per process, only when a
capitalised word is not in the hand-kept list). Without the package the hand-kept list
works alone.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from ..rules.regex_cache import fact

_GENDER = {"M": "m", "1M": "m", "?M": "m", "F": "f", "1F": "f", "?F": "f", "?": "?"}


def _fold(word: str) -> str:
    # the dictionary spells "Gulsen" and "Gülsen" alike only sometimes: compare accent-free
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _popular(floor: int) -> re.Pattern[str]:
    # popularity digits per country are 1-9 then A-F: a line counts when one of its
    # country columns holds a digit at or above the floor
    digits = "123456789ABCDEF"[max(0, floor - 1) :] or "F"
    return re.compile(f"[{digits}]")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    raw = (resources.files("osint_cli.rules") / "common" / "given.toml").read_bytes()
    conf = tomllib.loads(raw.decode("utf-8"))
    paths = [p for p in map(_source, conf.get("lists", {}).get("given_source", [])) if p is not None]
    # reading the dictionary costs 0.1 s per process: its table is kept with the compiled rule
    # patterns (rules/regex_cache.py), under a hash of what it is built from (the 4 MB
    # dictionary by path, size and modification time, as Python checks its .pyc files)
    stamps = "".join(f"{p}\0{p.stat().st_size}\0{p.stat().st_mtime_ns}\0" for p in paths).encode()
    key = hashlib.sha256(raw + Path(__file__).read_bytes() + stamps).hexdigest()
    names, genders = fact("given", key, lambda: _packed(_read_table(conf, paths)))
    return dict(zip(names.split("\n"), genders, strict=True)) if names else {}


def _packed(table: dict[str, str]) -> tuple[str, str]:
    # two strings instead of a mapping: a tenth of the time to read back from the cache file
    return "\n".join(table), "".join(table.values())


def _source(rel: str) -> Path | None:
    pkg, _, rest = rel.partition("/")
    spec = find_spec(pkg)
    if spec is None or not spec.submodule_search_locations:
        return None  # the package is optional: the hand-kept list still works
    path = Path(next(iter(spec.submodule_search_locations))) / rest
    return path if path.is_file() else None


def _read_table(conf: dict[str, Any], paths: list[Path]) -> dict[str, str]:
    popular = _popular(int(conf.get("gazetteer", {}).get("min_popularity", 3)))
    out: dict[str, str] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line[:1] not in ("#", "=", "") and popular.search(line, 30):
                _read_line(line, out)
    return out


def _read_line(line: str, out: dict[str, str]) -> None:
    parts = line.split(None, 2)
    if len(parts) < 2 or parts[0] not in _GENDER:
        return
    for name in {parts[1].replace("+", "-"), parts[1].replace("+", "")}:
        key = name if name.isascii() else _fold(name)
        g = _GENDER[parts[0]]
        old = out.get(key)
        out[key] = g if old is None or old == g else "?"


def gender(word: str) -> str | None:
    """'m', 'f' or '?' when ``word`` is a given name in the dictionary, else None."""
    if len(word) < 3 or not word[0].isupper() or not word[1:].islower():
        return None
    return _table().get(word if word.isascii() else _fold(word))
