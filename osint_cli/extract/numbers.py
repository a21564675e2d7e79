"""Number parsing for one language: digits in the pack's number format, and number words.

The figures pattern (rules/<lang>/figures.toml) decides *where* a number stands and that
its words form a valid numeral ("dreihundertfünfzig", "two thousand and five"); this
module turns the matched text into its value. Words are composed, never enumerated:
each known morpheme (ones, teens, tens, hundred, thousand, scales, halves) adds to or
multiplies a running total, so every numeral the grammar accepts has its value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..rules import RulePack, load

# Unicode vulgar fractions that may close a number ("2½") or stand alone ("½")
VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
_SLASH = re.compile(r"(?:(\d+)[ -])?(\d+)/(\d+)")
_SPACES = re.compile(r"\s+")
_CHUNK = re.compile(r"[^\W\d_]+")

# the kinds of number-word morpheme, from the lists of the rule pack
_KINDS = (
    ("fig_ones", "unit"),
    ("fig_teens", "unit"),
    ("fig_tens", "unit"),
    ("fig_hundred", "hundred"),
    ("fig_thousand", "thousand"),
    ("fig_scale", "scale"),
    ("fig_w_half", "add"),
    ("fig_w_special", "add"),
    ("fig_half_noun", "add"),
    ("fig_multiple", "unit"),
    ("fig_multiple_adv", "unit"),
    ("fig_digit_word", "digit"),
    ("fig_fraction", "fraction"),
)
# the digits of a number, before any scale word: "-1.200,5", "2 1/2", "3½"
_DIGITS_HEAD = re.compile(r"[-−–+]?[\d.,'’ \u00a0\u202f/½¼¾⅓⅔⅛-]*[\d½¼¾⅓⅔⅛]")
# scientific notation: a mantissa and a power of ten ("1.5e6", "2.48×10−5", "3 x 10^6")
_SCI = re.compile(r"([-−+]?\d+(?:[.,]\d+)?) ?(?:[eE]([-−+]?\d+)|[x×·] ?10 ?(?:(?:\^|\*\*) ?)?([-−⁻+]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+))")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻−", "0123456789--")
_MAX_EXPONENT = 99  # the rule reads two exponent digits; a float holds 1e308


@dataclass(frozen=True)
class NumberSyntax:
    """How one language writes numbers: separators for digits, morphemes for words."""

    decimal: str
    group: frozenset[str]
    morphemes: dict[str, tuple[str, float]]
    longest: int
    grammar_source: str
    _pack: RulePack = field(repr=False, compare=False)
    _grammar: list[re.Pattern[str]] = field(default_factory=list, repr=False, compare=False)

    @property
    def grammar(self) -> re.Pattern[str]:
        """The pack's number grammar, compiled on first use: the extractor reads numbers
        with the figures rule and needs only ``evaluate``, so it never pays for this."""
        if not self._grammar:
            self._grammar.append(self._pack.compile(self.grammar_source))
        return self._grammar[0]

    def value(self, text: str) -> float | None:
        """The value of a number in digits or words, with an optional scale or fraction
        ("3,5 Millionen", "drei Viertel", "a million"); None if the pack's number
        grammar does not accept the text ("fünfzignullzwei", "Zweifel")."""
        text = text.strip()
        if not self.grammar.fullmatch(text):
            return None
        return self.evaluate(text)

    def evaluate(self, text: str) -> float | None:
        """The value of text that the number grammar has already matched."""
        sci = _SCI.match(text.strip())
        if sci is not None:
            return self._scientific(sci, text.strip()[sci.end() :])
        head = _DIGITS_HEAD.match(text.strip())
        if head is None:
            return self.words(text)
        value = self.digits(head.group())
        rest = text.strip()[head.end() :]
        if value is None or not rest.strip(" -"):
            return value
        scale = self.words(rest)
        return None if scale is None else value * scale

    def _scientific(self, m: re.Match[str], rest: str) -> float | None:
        """A mantissa times a power of ten, then any scale word after it."""
        mantissa = self.digits(m.group(1))
        exponent = int((m.group(2) or m.group(3)).translate(_SUPERSCRIPT))
        if mantissa is None or abs(exponent) > _MAX_EXPONENT:
            return None
        value = mantissa * 10.0**exponent
        scale = self.words(rest) if rest.strip(" -") else 1.0
        return None if scale is None else value * scale

    def digits(self, text: str) -> float | None:
        """Value of digits in this language's format: '1.200,5' (de), '1,200.5' (en)."""
        s = text.strip().replace("−", "-").replace("–", "-")
        sign = 1.0
        if s[:1] in "+-" and len(s) > 1 and (s[1].isdigit() or s[1] in VULGAR):
            sign, s = (-1.0 if s[0] == "-" else 1.0), s[1:]
        if "/" in s:
            m = _SLASH.fullmatch(s)
            if not m or int(m.group(3)) == 0 or int(m.group(2)) >= int(m.group(3)):
                return None
            whole = int(m.group(1) or 0)
            return sign * (whole + int(m.group(2)) / int(m.group(3)))
        frac = 0.0
        if s and s[-1] in VULGAR:
            frac, s = VULGAR[s[-1]], s[:-1].rstrip()
        if not s:
            return sign * frac
        body = "".join(c for c in s if c not in self.group).replace(self.decimal, ".")
        try:
            return sign * (float(body) + frac)
        except ValueError:
            return None

    def words(self, text: str) -> float | None:
        """Value of a numeral in words, composed morpheme by morpheme."""
        # ``before`` holds what came before a joiner ("one hundred and | three quarters"):
        # a fraction divides only the count after it
        total = current = before = 0.0
        decimals: str | None = None
        numeric = False
        tokens = self.tokenize(text)
        if tokens is None:
            return None
        for tok in tokens:
            kind, v = self.morphemes[tok]
            if decimals is not None:
                # after "point"/"Komma" every word is one digit: "drei Komma eins vier"
                if kind in ("unit", "digit") and v < 10:
                    decimals += str(int(v))
                    continue
                break
            if kind == "decimal":
                decimals = ""
            elif kind == "joiner":
                before, current = before + current, 0.0
                continue
            elif kind in ("unit", "add", "digit"):
                current += v
            elif kind == "hundred":
                current = (current or 1) * v
            elif kind == "fraction":
                current, before = before + (current or 1) / v, 0.0
            else:  # thousand or a scale word inside the numeral
                total += ((before + current) or 1) * v
                current = before = 0.0
            numeric = numeric or kind != "decimal"
        if not numeric:
            # a lone article before a scale or fraction: "a million", "a third"
            return 1.0 if tokens else None
        value = total + before + current
        if decimals:
            value += float("0." + decimals)
        return value


    def tokenize(self, text: str) -> list[str] | None:
        """The morphemes of a numeral: words split at spaces and hyphens, compounds
        ("dreihundertfünfundzwanzig") segmented; None if a word is no numeral."""
        chunks = [c.casefold() for c in _CHUNK.findall(text)]
        out: list[str] = []
        i = 0
        while i < len(chunks):
            pair = " ".join(chunks[i : i + 2])
            if i + 1 < len(chunks) and pair in self.morphemes:  # "ein halbes", "half a"
                out.append(pair)
                i += 2
                continue
            parts = self._segment(chunks[i])
            if parts is None:
                return None
            out.extend(parts)
            i += 1
        return out

    def _segment(self, word: str) -> list[str] | None:
        # longest morpheme first, with backtracking: "eineinhalb" is ein + einhalb
        n = len(word)
        best: list[list[str] | None] = [None] * (n + 1)
        best[n] = []
        for i in range(n - 1, -1, -1):
            for j in range(min(n, i + self.longest), i, -1):
                rest = best[j]
                if rest is not None and word[i:j] in self.morphemes:
                    best[i] = [word[i:j], *rest]
                    break
        return best[0]


def _word_table(pack: RulePack) -> dict[str, tuple[str, float]]:
    table: dict[str, tuple[str, float]] = {}
    for w in pack.lists.get("fig_word_joiners", ()):
        table[w.casefold()] = ("joiner", 0.0)
    for w in pack.lists.get("fig_decimal_word", ()):
        table[w.casefold()] = ("decimal", 0.0)
    for name, kind in _KINDS:
        for w, v in pack.mapping(name).items():
            # a word that is both a cardinal and a digit word keeps its cardinal kind
            table.setdefault(_SPACES.sub(" ", w), (kind, float(v)))
    return table


@lru_cache(maxsize=16)
def syntax(lang: str) -> NumberSyntax:
    """The number syntax of a language's rule pack."""
    pack = load(lang)
    conf = pack.section("figures").get("figures", {})
    table = _word_table(pack)
    grammar = r"(?x)(?:{fig_number})(?:{fig_scale_tail})?(?:[\s-]{fig_fraction})?" if pack.patterns.get("fig_number") else r"(?!)"
    return NumberSyntax(
        decimal=conf.get("decimal", "."),
        group=frozenset(conf.get("group", [","])),
        morphemes=table,
        longest=max((len(w) for w in table), default=1),
        grammar_source=grammar,
        _pack=pack,
    )
