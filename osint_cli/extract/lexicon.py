"""Word lists for names, roles and organisations, compiled once per rule pack.

The given names and East Asian surnames are shared by all languages
(``rules/names.toml``); the words around them (titles, non-names, role nouns,
prepositions) come from the language's rule pack (``names.toml``, ``experts.toml``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..rules import RulePack, cached_regex

# upper-case letters of the Latin scripts (A-Z plus Latin-1 and Latin Extended-A/B)
UPPER = "A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
_INFLECTION = "(?:innen|in|en|n|s|e)?"
KINDS = ("expert", "official", "other")


@dataclass(frozen=True)
class Lexicon:
    """Everything the name, role and affiliation readers need for one language."""

    given_m: frozenset[str]
    given_f: frozenset[str]
    ea_surnames: frozenset[str]
    ea_given: re.Pattern[str]
    titles: frozenset[str]
    particles: frozenset[str]
    joined_particles: frozenset[str]  # "al-", "el-": joined to a surname by a hyphen
    never: frozenset[str]
    never_phrase: re.Pattern[str] | None
    pron_m: frozenset[str]
    pron_f: frozenset[str]
    articles: frozenset[str]
    skip: frozenset[str]
    clause: frozenset[str]
    genitive_s: bool
    role_re: re.Pattern[str]
    former: frozenset[str]
    generic_head: frozenset[str]
    domain_expert: frozenset[str]
    aff_prep: tuple[str, ...]
    aff_type_re: re.Pattern[str]
    org_words: frozenset[str]
    org_suffix_re: re.Pattern[str] | None
    not_org: frozenset[str]
    trailing: frozenset[str]
    copula: tuple[str, ...]
    preps: frozenset[str]
    complement: frozenset[str]
    role_as: tuple[str, ...]
    media: frozenset[str]
    lead_verbs: frozenset[str]
    _kinds: dict[str, str | None] = field(default_factory=dict, compare=False, hash=False, repr=False)
    _orgs: dict[str, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def given(self, word: str) -> str | None:
        """'m', 'f' or '?' if ``word`` is a given name (hyphenated: all parts), else None."""
        parts = word.split("-") if "-" in word else [word]
        if len(parts) > 1 and parts[1][:1].islower():
            return None  # Korean "Jong-woo": read by the East Asian rule, surname first
        found = ""
        for p in parts:
            m, f = p in self.given_m, p in self.given_f
            if not (m or f):
                return None
            found += "m" if m and not f else "f" if f and not m else "?"
        return found[0] if len(set(found)) == 1 else "?"

    def role_kind(self, word: str) -> str | None:
        """The kind of a role noun (``Militärexperte`` -> expert), or None."""
        # memoised: the same words come back in every sentence
        if word not in self._kinds:
            m = self.role_re.search(word.casefold())
            self._kinds[word] = m.lastgroup if m else None
        return self._kinds[word]

    def is_title(self, word: str) -> bool:
        """Whether ``word`` is a title that may precede a name (Dr., Mr., Frau)."""
        return word in self.titles

    def is_org_word(self, word: str) -> bool:
        """Whether ``word`` marks an organisation (GmbH, Institute, -ministerium)."""
        if word in self.org_words:
            return True
        if self.org_suffix_re is None:
            return False
        # memoised like role_kind: the same capitalised words are tested again and again
        if word not in self._orgs:
            self._orgs[word] = bool(self.org_suffix_re.search(word.casefold()))
        return self._orgs[word]


@lru_cache(maxsize=1)
def _shared() -> dict[str, object]:
    raw = (resources.files("osint_cli.rules") / "names.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _role_re(pack: RulePack) -> re.Pattern[str]:
    # long role nouns also end compounds ("Sicherheitsforscher"); short ones ("Chef",
    # "Profi", "fan") only stand alone or after a hyphen, so that "Stefan" is no fan
    groups = []
    # short heads that still end compounds: "Vereinschef", "Notenbankchef"
    heads = {w.casefold() for w in pack.lists.get("exp_role_compound_head", [])}
    for kind in KINDS:
        words = [w.casefold() for w in pack.lists.get(f"exp_role_{kind}", [])]
        long = [w for w in words if (len(w) >= 5 or w in heads) and " " not in w]
        short = [w for w in words if len(w) < 5 and w not in heads and " " not in w]
        alts = []
        if long:
            alts.append(f"(?:{_alt(long)})")
        if short:
            alts.append(f"(?:^|(?<=-))(?:{_alt(short)})")
        if alts:
            groups.append(f"(?P<{kind}>{'|'.join(alts)}){_INFLECTION}$")
    return cached_regex("|".join(groups) or "(?!)")


def never_phrase_spans(lex: Lexicon, text: str) -> list[tuple[int, int]]:
    r"""The spans of never-name phrases ("Hong Kong"), as ``finditer`` of the phrase after
    ``(?<![\w-])`` finds them: a phrase after a letter or hyphen is passed over and the scan
    goes on one character later."""
    out: list[tuple[int, int]] = []
    pos = 0
    while lex.never_phrase and (m := lex.never_phrase.search(text, pos)) is not None:
        if m.start() and _WORD_OR_HYPHEN.match(text, m.start() - 1):
            pos = m.start() + 1
            continue
        out.append(m.span())
        pos = m.end()
    return out


_WORD_OR_HYPHEN = re.compile(r"[\w-]")


def lexicon(pack: RulePack) -> Lexicon:
    """The compiled lexicon of ``pack`` (built once per pack, not per language code)."""
    return pack.memo("lexicon", lambda: _build(pack))


def _build(pack: RulePack) -> Lexicon:
    shared = _shared()
    given = shared["given"]  # type: ignore[index]
    lists = pack.lists
    phrases = lists.get("name_never_phrase", [])
    suffixes = lists.get("aff_org_suffix", [])
    flags = pack.section("names").get("flags", {})
    return Lexicon(
        given_m=frozenset(given["m"].split()),  # type: ignore[index]
        given_f=frozenset(given["f"].split()),  # type: ignore[index]
        ea_surnames=frozenset(shared["surnames"]["east_asian"].split()),  # type: ignore[index]
        ea_given=cached_regex(
            "(?:{s}){{1,2}}(?:-(?:{s}){{1,2}})?".format(s=shared["shape"]["syllable"]),  # type: ignore[index]
            re.IGNORECASE,
        ),
        titles=frozenset(lists.get("name_title", [])),
        particles=frozenset(lists.get("name_particle", [])),
        joined_particles=frozenset(lists.get("name_joined_particle", [])),
        never=frozenset(lists.get("name_never", [])),
        # no (?<![\w-]) in front: a leading lookbehind keeps re from skipping ahead to the
        # phrases' first letters (5x slower); never_phrase_spans checks it
        never_phrase=cached_regex(rf"(?:{_alt(phrases)})(?![\w-])") if phrases else None,
        pron_m=frozenset(lists.get("name_pronoun_m", [])),
        pron_f=frozenset(lists.get("name_pronoun_f", [])),
        articles=frozenset(lists.get("name_article", [])),
        skip=frozenset(lists.get("exp_skip", [])),
        clause=frozenset(lists.get("exp_clause", [])),
        genitive_s=bool(flags.get("genitive_s", False)),
        role_re=_role_re(pack),
        former=frozenset(w.casefold() for w in lists.get("exp_former", [])),
        generic_head=frozenset(w.casefold() for w in lists.get("exp_generic_head", [])),
        domain_expert=frozenset(w.casefold() for w in lists.get("exp_domain_expert", [])),
        aff_prep=tuple(sorted(lists.get("aff_prep", []), key=len, reverse=True)),
        aff_type_re=cached_regex(rf"(?:{_alt(w.casefold() for w in lists.get('aff_type', []))})$"),
        org_words=frozenset(lists.get("aff_org_word", [])),
        org_suffix_re=cached_regex(rf"(?:{_alt(suffixes)})$") if suffixes else None,
        not_org=frozenset(w.casefold() for w in lists.get("aff_not_org", [])),
        trailing=frozenset(lists.get("aff_trailing", [])),
        copula=tuple(sorted(lists.get("exp_copula", []), key=len, reverse=True)),
        preps=frozenset(lists.get("exp_prep", [])),
        complement=frozenset(lists.get("exp_role_complement", [])),
        role_as=tuple(lists.get("exp_role_as", [])),
        media=frozenset(w.casefold() for w in lists.get("src_known", [])),
        lead_verbs=frozenset(lists.get("exp_lead_verb", [])),
    )
