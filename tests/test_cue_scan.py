"""The one-pass scan of the cue and source rules (cue_scan._Scanner) finds what the full scans
find: for the cue rules, one alternation of them all searched over the whole text (every rule
tried where it matches, the search going on after its match); for the source rules, each
rule's own ``finditer``. Invented texts, some hostile."""

from __future__ import annotations

import re

import pytest

from osint_cli.extract import cue_scan
from osint_cli.extract.doc import Doc
from osint_cli.rules import Rule, available, load

_WORD_START = r"(?<![\w-])"

TEXTS = {
    "de": [
        "„Wir sind bereit“, sagte die Ministerin am Montag. Laut Sprecher Meier ist die Lage ernst. "
        "Der Agentur Reuters zufolge, so ein Beamter, gab es keine Einigung. Nach eigenen Angaben "
        "geht die Firma davon aus, dass es so bleibt. Die Zeitung «Tagesblatt» berichtete (FR mit dpa).",
        "Müller: „Das ist falsch.“ — Anna Berg\nEs heißt, er sei krank, hieß es von der Nachrichtenagentur. "
        "Das Online-Magazin «Netzblick» und der Radiosender Welle 5 meldeten es, so die Wochenzeitung Die Woche. "
        "Für den Forscher Klein war klar: Er vertritt die Ansicht, dass ... meinte sie, erklärte er.",
        # hostile: case variants, letters the engine folds, no spaces, runs of marks and dashes
        "SAGTE LAUT ſagte ſo İst — — ――“ —Meier,so so,„so“ sagte" + "sagtesagte" * 40 + " , " * 30,
        "x" * 300 + " sagte " + "-" * 50 + " laut  dem  Bericht  der  Zeitung",
    ],
    "en": [
        '"We are ready," said the minister on Monday. According to spokesman Smith, the situation is '
        "serious, told Reuters. Citing officials, the Daily Planet reported that it was over. \"No,\" "
        "she added, \"never.\" It said the deal was dead, the statement said (Reuters).",
        "Smith: \"This is wrong.\" — Jane Doe\nThe report, published by the Institute, warned that ... "
        'he told The Times in an interview with CNN. "Fine," reports the Herald. , wrote the agency',
        "SAID SAYS ſaid İt said —— ―“ said,said \"said said\"" + "saidsaid" * 40 + ' ," ' * 30,
        "y" * 300 + " said " + "—" * 50 + " according to  the  agency",
    ],
    "fr": [
        "« Nous sommes prêts », a déclaré la ministre lundi. Selon le porte-parole Martin, la situation "
        "est grave, a-t-il dit au Monde. D'après l'AFP, le journal Le Soir a rapporté que c'était fini.",
    ],
}


def _ungroup(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _joined(patterns: list[str]) -> str:
    shared = [p[len(_WORD_START) :] for p in patterns if p.startswith(_WORD_START)]
    rest = [p for p in patterns if not p.startswith(_WORD_START)]
    alts = [f"{_WORD_START}(?:{'|'.join(f'(?:{p})' for p in shared)})"] if shared else []
    alts += [f"(?:{p})" for p in rest]
    return "|".join(alts) or "(?!)"


def _cue_reference(rules: tuple[Rule, ...], text: str) -> list[tuple[str, tuple[int, int]]]:
    """The full scan: the cue rules joined into one alternation, searched over the text."""
    inline = [r for r in rules if not r.regex.flags & re.MULTILINE]
    scanner = re.compile(_joined([_ungroup(r.regex.pattern) for r in inline]))
    out = []
    for hit in scanner.finditer(text):
        for rule in inline:
            m = rule.regex.match(text, hit.start())
            if m:
                out.append((rule.id, m.span()))
    for rule in rules:
        if rule.regex.flags & re.MULTILINE:
            out.extend((rule.id, m.span()) for m in rule.regex.finditer(text))
    return out


def _source_reference(rules: tuple[Rule, ...], text: str) -> list[tuple[str, tuple[int, int]]]:
    """Each source rule's own finditer, merged by place and rule order."""
    found = [(m.start(), i, rule.id, m.span()) for i, rule in enumerate(rules) for m in rule.regex.finditer(text)]
    return [(rid, span) for _, _, rid, span in sorted(found)]


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_one_pass_finds_what_the_full_scans_find(lang: str) -> None:
    assert lang in available()
    pack = load(lang)
    cue_rules = tuple(r for name in ("experts", "quotes") for r in pack.rules(name))
    hits = 0
    for text in TEXTS[lang]:
        doc = Doc.build(text, pack)
        cues = [(rule.id, m.span()) for rule, m in cue_scan._scan(doc)]
        sources = [(rule.id, m.span()) for rule, m in cue_scan.source_matches(doc)]
        assert cues == _cue_reference(cue_rules, text)
        assert sources == _source_reference(pack.rules("sources"), text)
        hits += len(cues) + len(sources)
    assert hits >= 5  # the texts are full of cues and sources


def test_rules_are_tried_only_where_their_first_characters_stand() -> None:
    # the finder reports far fewer places than there are characters; the rules chosen for a
    # place are those whose first characters stand there
    pack = load("en")
    scanner = cue_scan._Scanner(pack)
    text = "The committee met on a quiet evening and the members went home early. " * 5
    assert len(scanner._places(text)) < len(text) // 10
    said = [i for i, r in enumerate(scanner.inline) if r.id == "en.experts.say"]
    assert said and said[0] in scanner._choose("sai")[0]
    assert said[0] not in scanner._choose("the")[0]


class _Pack:
    """A pack of invented rules: where the one-pass scan could go wrong."""

    lang = "xx"

    def __init__(self, families: dict[str, list[str]]) -> None:
        self.families = {name: tuple(Rule(f"xx.{name}.{n}", p, re.UNICODE, (), (), {}) for n, p in enumerate(pats))
                         for name, pats in families.items()}
        self._memo: dict[str, object] = {}

    def rules(self, name: str) -> tuple[Rule, ...]:
        return self.families.get(name, ())


@pytest.mark.parametrize("text", [" abcdab ab", "aaaa xcd ab-ab qxyz", "(?<!x) ab" * 3, "ab\nab", "",
                                  "Tage-Blatt Blatt ein_Blatt x-BlattBlatt \u00e4Blatt Blatter BBlatt "])
def test_invented_rules_match_the_full_scans(text: str) -> None:
    pack = _Pack({
        # a word-start rule before a rule without look-behind: the alternation takes the first
        # at one place, so the search goes on after "ab", and "ab" of "abcdab" is found again
        "experts": [r"(?<![\w-])ab", r"ab(?:cdab)?"],
        # a look-behind on a word character: not a word start; a rule whose matches touch; a
        # start read up to a "\w*" (its key "q" stands for any continuation); an unbounded start
        # a word read up to its last part: tried at the start of the word holding the part
        "sources": [r"(?<=x)cd", r"aa", r"(q\w*)z", r"(?<![\w-])\w*b", r"(?<![\w-])[\w-]*Blatt(?=\s)"],
    })
    scanner = cue_scan._Scanner(pack)  # type: ignore[arg-type]
    cues, sources = scanner.scan(text)
    assert [(r.id, m.span()) for r, m in cues] == _cue_reference(pack.rules("experts"), text)
    assert [(r.id, m.span()) for r, m in sources] == _source_reference(pack.rules("sources"), text)
