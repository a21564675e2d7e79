"""The kind of a cited person (expert, official, other) from the role noun and the
affiliation together.

The head noun of the role decides first ("Virologe" -> expert, "Sprecher" -> official);
then the affiliation corrects it: a research affiliation (university, institute, think
tank: ``aff_research``) makes a staff member an expert unless the role speaks for the
organisation (``exp_speaks_for``: spokesperson, president); a former office makes an
official an expert commentator, except for politicians (``exp_politician``: a former
mayor is still a politician). Without a role the affiliation's type decides.
"""

from __future__ import annotations

import re

from ..rules import RulePack
from .lexicon import Lexicon


def kind_of(
    pack: RulePack, lex: Lexicon, role: str | None, affiliation: str | None, title: str | None, former: bool = False
) -> str:
    """expert, official or other: the head noun of the role, corrected by the affiliation."""
    words = kind_words(pack)
    research = bool(affiliation) and any(r in affiliation.casefold() for r in words["aff_research"])  # type: ignore[union-attr]
    if role:
        head_kind, head, was = _head(lex, role, words["exp_role_stop"])
        if head_kind:
            low = role.casefold()
            political = head.casefold().rstrip(".") in words["exp_politician"]
            if head_kind == "official" and (was or former) and not political:
                return "expert"
            if head.casefold() in lex.generic_head and any(d in low for d in lex.domain_expert):
                return "expert"
            if head_kind == "official" and research and head.casefold() not in words["exp_speaks_for"] and not political:
                return "expert"  # "program administrator at Tufts University's Feinstein Center"
            return head_kind
    if title and title.rstrip(".").casefold() in words["exp_title_expert"] and (not affiliation or research):
        return "expert"  # a doctor speaks as an expert, unless for a company or authority
    if affiliation:
        low = affiliation.casefold()
        if low.removeprefix("the ") in lex.media or low.rsplit(" ", 1)[-1] in words["aff_media_head"]:
            return "other"  # a named medium's reporter ("Sui Wee of the Times") reports, not assesses
        return "expert" if research else "official"
    return "other"


def _head(lex: Lexicon, role: str, stop: frozenset[str]) -> tuple[str | None, str, bool]:
    """Kind and head noun of a role, and whether it is a former one. Of roles joined by
    "and" the first that is not "other" wins ("trader and strategist" -> strategist)."""
    found: tuple[str | None, str, bool] = (None, "", False)
    for part in re.split(r"\s+(?:and|und)\s+", role):
        pre: list[str] = []
        for w in part.split():
            if w.casefold() in stop:
                break
            pre.append(w)
        for w in reversed(pre):
            k = lex.role_kind(w.rstrip(".,")) or lex.role_kind(w.rstrip(","))  # "Del." is no "del"
            if k:
                was = any(x.casefold().strip("-") in lex.former for x in pre) or w.casefold().startswith(("ex-", "former"))
                if found[0] is None or (found[0] == "other" and k != "other"):
                    found = (k, w, was)
                break
    return found


_WORDS: dict[str, dict[str, frozenset[str]]] = {}


def kind_words(pack: RulePack) -> dict[str, frozenset[str]]:
    """The kind lists of a rule pack, read once per language."""
    if pack.lang not in _WORDS:
        names = ("aff_research", "exp_speaks_for", "exp_politician", "exp_role_stop", "exp_title_expert", "aff_media_head")
        _WORDS[pack.lang] = {n: pack.words(n) for n in names}
    return _WORDS[pack.lang]
