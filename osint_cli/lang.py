"""Language guess from stop words (data in rules/langid.toml); no model, no download."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    raw = (resources.files("osint_cli.rules") / "langid.toml").read_text(encoding="utf-8")
    return {lang: frozenset(words) for lang, words in tomllib.loads(raw)["stopwords"].items()}


def detect(text: str, sample: int = 20000) -> str | None:
    """The most likely language code of ``text``, or None when no list fits."""
    tokens = [t.casefold() for t in _WORD.findall(text[:sample])]
    if not tokens:
        return None
    seen = Counter(tokens)  # each distinct word looked up once, as a set intersection in C
    counts: Counter[str] = Counter()
    for lang, words in _stopwords().items():
        counts[lang] = sum(seen[t] for t in seen.keys() & words)
    lang, hits = counts.most_common(1)[0]
    return lang if hits >= max(2, 0.05 * len(tokens)) else None
