"""Given names from a maintained name dictionary, beyond the hand-kept list.

The hand-kept list (``rules/names.toml``) covers the names of German and English news;
a name from elsewhere ("Binali", "Kristján", "Gülsen") is looked up in the dictionary
that the ``gender-guesser`` package ships (read lazily, once per process, only when a
capitalised word is not in the hand-kept list). Without the package the hand-kept list
works alone.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from importlib import resources
from importlib.util import find_spec
from pathlib import Path

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
    conf = tomllib.loads((resources.files("osint_cli.rules") / "common" / "given.toml").read_text(encoding="utf-8"))
    popular = _popular(int(conf.get("gazetteer", {}).get("min_popularity", 3)))
    out: dict[str, str] = {}
    for rel in conf.get("lists", {}).get("given_source", []):
        pkg, _, rest = rel.partition("/")
        spec = find_spec(pkg)
        if spec is None or not spec.submodule_search_locations:
            continue  # the package is optional: the hand-kept list still works
        path = Path(next(iter(spec.submodule_search_locations))) / rest
        if not path.is_file():
            continue
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
