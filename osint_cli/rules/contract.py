"""The pack contract: what each extractor reads from a rule pack, declared in one place.

A rule pack (``rules/<lang>/*.toml``) and the extractors meet only here. Every section
names, for one extractor, the files it reads, the word lists and regex fragments the code
looks up by name, the keys of its ``[[rules]]`` with the values they may take, the regex
group names the code reads from a match, and its configuration tables. ``rules.check``
validates a pack against these declarations (unknown rule keys, values outside their set,
missing lists, group names the code never reads); ``tests/test_pack_contract.py`` runs it
on every pack; ``scripts/gen_language_doc.py`` writes ``docs/adding-a-language.md`` from it.

The declarations were read off the code (every ``pack.words(``, ``pack.mapping(``,
``pack.rules(``, ``rule.get(`` and ``group(`` in ``osint_cli/extract/``). An extractor
that starts reading a new list, key or group declares it here in the same change.

A list that a language does not need is still declared by the pack, as an empty list
(``date_numstem = []``): an absent list would be read as empty without anyone deciding so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

# the file in which a pack declares the lists it leaves empty on purpose (read by no extractor itself)
ABSENT_FILE = "absent"
# keys every rule may carry, whatever its file
BASE_KEYS = frozenset({"id", "pattern", "examples", "counter", "case_sensitive"})


@dataclass(frozen=True)
class Key:
    """One rule key or configuration field: its type and, for closed sets, the allowed values."""

    type: type | tuple[type, ...]
    doc: str
    values: frozenset[Any] | None = None

    def problem(self, value: Any) -> str | None:
        """Why ``value`` is not allowed here, or None when it is."""
        # bool is an int in Python: a declared int must not silently accept true/false
        if isinstance(value, bool) and bool not in (self.type if isinstance(self.type, tuple) else (self.type,)):
            return f"{value!r} is not a {_type_name(self.type)}"
        if not isinstance(value, self.type):
            return f"{value!r} is not a {_type_name(self.type)}"
        if self.values is not None and value not in self.values:
            return f"{value!r} is not one of {sorted(self.values, key=str)}"
        return None


def _type_name(t: type | tuple[type, ...]) -> str:
    return " or ".join(x.__name__ for x in t) if isinstance(t, tuple) else t.__name__


@dataclass(frozen=True)
class RuleFile:
    """What the code reads from the ``[[rules]]`` of one file."""

    keys: dict[str, Key] = field(default_factory=dict)
    groups: frozenset[str] = frozenset()
    doc: str = ""


@dataclass(frozen=True)
class Needs:
    """Everything one extractor needs from a pack."""

    extractor: str
    doc: str
    files: tuple[str, ...]
    words: tuple[str, ...] = ()  # read as sets of words (pack.words, membership)
    maps: tuple[str, ...] = ()  # read as word -> value tables (pack.mapping)
    fragments: tuple[str, ...] = ()  # [patterns] the code itself composes
    rules: dict[str, RuleFile] = field(default_factory=dict)
    tables: dict[tuple[str, str], dict[str, Key]] = field(default_factory=dict)  # (file, table) -> fields

    def lists(self) -> tuple[str, ...]:
        """All list names this extractor reads."""
        return self.words + self.maps


_DATE_KINDS = frozenset({
    "anaphor", "calendar", "deictic", "duration", "join", "prefix", "relative", "set", "shift", "stamp",
    "tense-future", "tense-conditional", "tense-intent", "tense-past", "tense-present", "time", "vague", "weekday", "weekend",
})
_DATE_GROUPS = frozenset({
    "ad", "ampm", "art", "bc", "century", "century_hundreds", "century_word", "day", "daypart", "daypart2",
    "decade", "decade2", "decade_word", "dir", "half", "half_word", "holiday", "hour", "lang", "minute",
    "minute2", "month", "mrel", "num", "part", "prep", "qual", "quarter", "quarter_word", "rel", "relweek",
    "season", "unit", "week", "weekday", "weekday_set", "word", "yanaphor", "year", "yrel", "yword", "yy", "zone",
    "year_hi", "year_k", "year_one", "year_rest", "year_tens",
    "half_q", "weekday_part", "workday",
})

DATES = Needs(
    extractor="dates",
    doc="Temporal expressions, normalised TIMEX3-style (extract/dates*.py, timex.py).",
    files=("dates",),
    words=("date_age_after", "date_age_before", "date_article_kept", "date_clause_word", "date_day_past_after", "date_duration_verb",
           "date_duration_workday", "date_generic_noun", "date_month_ambiguous", "date_num_article", "date_prep_outside", "date_rel_anaphoric", "date_year_block_after",
           "date_year_block_before", "date_year_framed_after"),
    maps=("date_ampm", "date_anaphor", "date_anaphor_dir", "date_anaphor_period", "date_daypart", "date_half", "date_decade_word", "date_deictic",
          "date_deictic_daypart", "date_duration_word", "date_holiday", "date_month", "date_numstem", "date_numword",
          "date_offset_dir", "date_ordinal", "date_part", "date_prep", "date_qualifier", "date_rel", "date_relword", "date_season",
          "date_set", "date_set_unit", "date_unit", "date_unit_adjective", "date_unit_compound", "date_unit_plural",
          "date_unit_rel", "date_vague", "date_vague_generic", "date_weekday", "date_weekday_set", "date_year_anaphor"),
    rules={"dates": RuleFile(
        doc="One rule per way of writing a date; `kind` chooses how a match is resolved.",
        keys={
            "kind": Key(str, "how a match is resolved (prefix/join/stamp/tense-* are helper patterns, not dates)", _DATE_KINDS),
            "needs": Key(str, "a match counts only with this group present", frozenset({"part", "prefix", "prep"})),
            "bare_year": Key(bool, "the match may be a bare year: checked against the year filters"),
            "bare_min": Key(int, "lowest bare year accepted outside narrative"),
            "age_check": Key(bool, "drop the match when it reads as an age (`45 years old`)"),
            "article_needs_prefix": Key(bool, "a number word that is also an article needs a prefix"),
            "block_after": Key(str, "regex: no match when the text right after matches"),
            "block_before": Key(str, "regex: no match when the text right before matches"),
            "clock": Key(str, "fixed clock time of the rule, `HH:MM`"),
            "num": Key(int, "fixed count when the pattern has no `num` group"),
            "prefix": Key(bool, "false: the rule takes no prefix (`seit`, `since`) in front"),
            "sign": Key(int, "direction of a shift: -1 past, 1 future", frozenset({-1, 1})),
            "word": Key(str, "fixed deictic word when the pattern has no `word` group"),
            "needs_last": Key(str, "an anaphor of this unit: the report period named before (`Q`: \"the quarter\")", frozenset({"Q"})),
            "map": Key(str, "the map an anaphor's or a vague word's `word` is looked up in (default `date_anaphor`, `date_vague`)",
                       frozenset({"date_anaphor", "date_anaphor_period", "date_vague_generic"})),
            "period": Key(str, "`last`: a year written with \"period\" names the report's quarter in that year", frozenset({"last"})),
            "week_of": Key(bool, "the week that holds the day matched (\"the week of March 6\")"),
            "quarter_ending": Key(bool, "the quarter that ends on the day matched (\"the quarter ended July 31\")"),
            "plus_half": Key(bool, "the length is the count plus a half (\"a year and a half\")"),
            "quarter_window": Key(int, "sentences back a report period still anchors a year's shift (\"a year earlier\")"),
        },
        groups=_DATE_GROUPS,
    )},
)

_FIGURE_GROUPS = frozenset({"agepre", "agesuf", "cur", "fr1", "n1", "n2", "neg", "qpost", "qual", "ropen", "rsep",
                            "sc1", "sc2", "sc3", "u1", "unit", "s1", "s2", "pa", "pb",
                            # issue 11: a fraction of the scale ("two million and a half"); a ratio's parts
                            "scfr", "ra", "rb", "rord", "rq"})

FIGURES = Needs(
    extractor="figures",
    doc="Claimed figures: value, unit, qualifier, what is counted (extract/figures.py, numbers.py).",
    files=("figures", "units"),
    words=("fig_age_after", "fig_age_cue", "fig_case_sensitive", "fig_change_by", "fig_change_from", "fig_change_to",
           "fig_change_verb", "fig_chrome", "fig_clock", "fig_clock_before", "fig_count_noun", "fig_decimal_word",
           "fig_designation", "fig_designation_bare", "fig_ellipsis_block", "fig_emergency", "fig_emergency_context",
           "fig_fraction_ordinal", "fig_half_block", "fig_half_follow", "fig_letter_scale_block", "fig_month",
           "fig_name_cue", "fig_needs_scale", "fig_percent", "fig_pp", "fig_pp_cue", "fig_pp_needs_cue",
           "fig_range_sep_bare", "fig_scale_money_only", "fig_score_cue", "fig_stop", "fig_time_unit", "fig_vague",
           "fig_word_joiners", "fig_year_cue", "fig_multiple_unit", "fig_numeral_noun", "fig_plural_irregular",
           "fig_plural_not", "fig_plural_suffix", "fig_range_verb", "fig_compound_joiner", "fig_weight_cue"),
    maps=("fig_currency", "fig_currency_factor", "fig_currency_symbol", "fig_digit_word", "fig_fraction",
          "fig_half_noun", "fig_hundred", "fig_multiple", "fig_multiple_adv", "fig_ones", "fig_qualifier",
          "fig_qualifier_post", "fig_range_open", "fig_scale", "fig_teens", "fig_tens", "fig_thousand", "fig_unit",
          "fig_w_half", "fig_w_special", "fig_multiplier", "fig_unit_before", "fig_ratio_ordinal", "fig_subunit",
          "fig_currency_or_weight"),
    fragments=("fig_number", "fig_scale_tail"),
    rules={"figures": RuleFile(
        doc="The figure grammar; `kind` (or else the rule's last id part) names its role.",
        keys={"kind": Key(str, "the rule's role in the master regex", frozenset({"figure", "score", "age-paren", "ratio", "phone"}))},
        groups=_FIGURE_GROUPS,
    )},
    tables={("figures", "figures"): {
        "about": Key(str, "regex: the counted noun after a figure"),
        "skip_line": Key(str, "regex: lines that hold no figures (bylines, captions)"),
        "decimal": Key(str, "the decimal separator", frozenset({".", ","})),
        "group": Key(list, "digit group separators"),
        "about_after_unit": Key(bool, "the counted noun may follow a unit"),
        "bare_hundreds": Key(bool, "number words below a thousand count without a noun"),
        "hyphen_compounds": Key(bool, "figures glued into hyphen compounds (`3-Zimmer`) count"),
        "nouns_capitalized": Key(bool, "nouns are capitalised (German): the counted noun is found by case"),
        "ordinal_dot": Key(bool, "`3.` followed by a word is an ordinal, not a figure"),
        "words_lowercase": Key(bool, "a capitalised number word opens a sentence, not a figure"),
        "trigger": Key(str, "regex: a digit or the start of a number word; the figure rules are tried only near one"),
        "trigger_window": Key(int, "characters a figure may start before its trigger (qualifier, sign, currency)"),
    }},
)

_ROLE_LISTS = ("exp_role_expert", "exp_role_official", "exp_role_other")

EXPERTS = Needs(
    extractor="experts",
    doc="Cited persons, their roles, affiliations and quotes (extract/names, roles, cues, quotes, experts, lexicon).",
    files=("experts", "names", "quotes"),
    words=("aff_common_noun_suffix", "aff_context_role", "aff_member_prep", "aff_not_org", "aff_org_suffix",
           "aff_org_word", "aff_prep", "aff_trailing", "aff_type", "exp_clause", "exp_conj", "exp_copula",
           "exp_domain_expert", "exp_former", "exp_generic_head", "exp_lead_verb", "exp_noun_next", "exp_prep",
           "exp_role_as", "exp_role_complement", "exp_skip", "name_article", "name_never", "name_never_phrase",
           "name_particle", "name_joined_particle", "name_pronoun_f", "name_pronoun_m", "name_title", "quote_first_person", "src_known",
           # attrib (issue 10): a speech verb with this next word reports nothing ("sprach mit")
           "quote_not_speech",
           # attrib2 (issue 10): a particle that closes a separable speech verb ("gab ... bekannt"), a
           # correlate before the reported clause ("warnte davor, ..."), Konjunktiv-I forms that carry a
           # statement into the next sentence; the cue verbs are no adjective before a role ("sagte Ministerin X")
           "quote_closing_particle", "quote_correlate", "quote_subjunctive", "exp_say", "quote_say_more",
           # who (issue 10): groups, genitives, kinds from role and affiliation, relative clauses
           "exp_group_prep", "exp_genitive_article", "exp_separable_not", "exp_particle", "exp_role_compound_head",
           "aff_research", "exp_speaks_for", "exp_politician", "exp_role_stop", "exp_title_expert", "exp_copula_past",
           "aff_relative_prep", "aff_parent_prep", "name_article_definite",
           # who (issue 10, round 2): news outlets by their last word; party letters and inflected party names
           "aff_media_head", "aff_party", "aff_institution", "exp_subject_article", "aff_region_noun",
           # who (round 3): conjunctions of a verb-final clause whose subject follows them ("Wie X mitteilte, ...")
           "exp_subordinator", "exp_separable")
    + _ROLE_LISTS,
    maps=("exp_lead_role", "aff_party_letter", "aff_canonical"),
    rules={
        "experts": RuleFile(
            doc="Speech and belief cues (`sagte`, `according to`); `verb` is the cue word.",
            keys={
                "kind": Key(str, "the kind of quote the cue introduces", frozenset({"indirect", "attributed"})),
                "speaker": Key(str, "where the speaker stands", frozenset({"after", "before", "clause", "either", "none", "subject"})),
                "after_only_behind": Key(str, "characters after which only a speaker behind the cue is read"),
            },
            groups=frozenset({"verb", "particle"}),
        ),
        "quotes": RuleFile(
            doc="Quotation shapes: labels (`Name: ...`) and unattributed quotes.",
            keys={
                "kind": Key(str, "the kind of quote", frozenset({"direct", "indirect", "attributed"})),
                # attrib (issue 10): speech cues of the attribution half read their speaker like experts.toml's
                "speaker": Key(str, "where the speaker comes from", frozenset({"label", "none", "after", "before", "either", "clause"})),
                "after_only_behind": Key(str, "characters after which only a speaker behind the cue is read"),
            },
            groups=frozenset({"verb", "who"}),
        ),
        "names": RuleFile(doc="Examples that keep the name lists honest (the code reads the lists)."),
    },
    tables={
        ("experts", "flags"): {
            "proper_by_case": Key(bool, "a capitalised word mid-sentence is a proper noun (English)"),
            "plural_verb": Key(str, "regex: a plural verb form (the cue has several speakers)"),
        },
        ("names", "flags"): {"genitive_s": Key(bool, "a name may carry a genitive -s (`Müllers`)")},
    },
)

SOURCES = Needs(
    extractor="sources",
    doc="Media, agencies and reports named as the origin of information (extract/sources.py).",
    files=("sources",),
    words=("src_credit", "src_known", "src_medium_type", "src_report"),
    rules={"sources": RuleFile(
        doc="Attribution shapes (`laut`, `according to`); `src` is the named source.",
        keys={
            "subject": Key(bool, "the source is the sentence's subject: not after a personal pronoun"),
            "typed": Key(bool, "the candidate must carry a medium type word (`Zeitung`)"),
        },
        groups=frozenset({"src"}),
    )},
)

DOC = Needs(
    extractor="doc",
    doc="Sentence splitting and the article text (extract/doc.py, text.py).",
    files=("text",),
    words=("abbreviations", "published_label"),
    rules={"text": RuleFile(doc="Examples that keep the abbreviation list honest.")},
)

COMMON = Needs(
    extractor="common",
    doc="Language-independent lists from rules/common/ (loaded into every pack): web domains, "
        "the one set of quotation marks and the one possessive rule (offered by Doc).",
    files=("web", "marks", "given"),
    words=("web_tld", "quote_open", "quote_close", "given_source"),
    fragments=("possessive",),
    tables={("given", "gazetteer"): {"min_popularity": Key(int, "lowest popularity digit of a dictionary given name")}},
)

CONTRACT: MappingProxyType[str, Needs] = MappingProxyType(
    {n.extractor: n for n in (DOC, DATES, FIGURES, EXPERTS, SOURCES, COMMON)}
)


def rule_file(name: str) -> RuleFile | None:
    """The declaration of file ``name``'s rules, or None when no extractor reads rules from it."""
    for needs in CONTRACT.values():
        if name in needs.rules:
            return needs.rules[name]
    return None
