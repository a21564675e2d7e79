"""rules/common/: language-independent lists shared by every pack."""

from __future__ import annotations

import pytest

from osint_cli import rules


@pytest.mark.parametrize("lang", rules.available())
def test_every_pack_sees_the_common_lists(lang: str) -> None:
    pack = rules.load(lang)
    assert "com" in pack.words("web_tld")
    assert pack.compile(r"\.{web_tld}\b").search("see spiegel.de/politik")


def test_common_is_not_a_language() -> None:
    assert rules.COMMON not in rules.available()
    assert {"de", "en"} <= set(rules.available())
