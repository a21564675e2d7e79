#!/usr/bin/env python3
"""The figures extractor against Microsoft Recognizers-Text number specs (MIT), de and en.

Data: ``recognizers-text/{Number,NumberWithUnit}/{English,German}/*.json`` (read with
``utf-8-sig``: the files start with a BOM). Each case is an input text and the results
the recognizer must give: the text, a value and for units a unit name. We run the
figures extractor (``figures.extract`` on ``Doc.build(input)``, no dates claimed) and
match gold values to figure values (relative tolerance 0.5 %, as score.py), one figure
per gold result.

Where their conventions differ from the extraction guide the gold result is set aside,
counted per reason, never scored:

- ``ordinal``: "tenth", "the May 4th" (the guide: ordinals are not figures);
- ``article``: "one", "a", "ein", "einer" standing for 1 without a scale, currency or
  unit ("Let's try one last time"): the guide drops the article;
- ``code``: digits of IP addresses, dates (5/17/2018), phone numbers, designations
  (SCP-173, "nrs. 22,24") and digit runs with leading zeros: not amounts;
- ``no value``: a unit named without a number ("convert 10 celsius to fahrenheit"
  lists "fahrenheit" too), which is no figure;
- ``notation``: powers other than of ten (1.1^23, 2.5^-1), comparison signs (">10",
  "<= 30") and "one over three": not news writing, and the guide has no field for an
  open interval written with symbols (scientific notation, 1.3e6 and 6.23x10^-4, and
  ratios, "one out of three", are scored: the extractor reads them);
- ``two-sided``: a range built from two comparisons ("larger than 10 and smaller
  than 20"): the guide's ranges are "between/from X to Y"; one qualifier per figure;
- ``age-not-years``: an age in months, weeks or days ("ten months old") is a length
  of time for us (a date expression), an age only in years.
- ``duration``: "in 3 years" (a length of time is a date expression for us);
- ``equal``: "equals 20" (their [20,20] interval): a plain number for us;
- ``ratio-range``: "2 in 5 or more" in the range model: a share with a comparison.

Scores: for the Number model precision counts every figure we output; the unit models
annotate only their own kind (the currency model leaves "27 %" unannotated), so a
unit model's precision counts only figures of its kind (a currency code; a
temperature unit; "years"; any other unit for dimensions). ``+unit`` needs the unit to
agree as well (their unit name mapped to ours by a small table below; an unmapped
unit name is set aside from +unit, counted as ``unit n/a``). Range models need
``value_max`` (or the qualifier of a one-sided range) to agree too.

A measurement, not a test: prints per-model tables and exits 0.

    python3 benchmarks/recognizers_numbers.py [--data ../shared/benchmarks] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

from figure_scoring import Tally, close, data_arg, match

from osint_cli import rules
from osint_cli.extract import figures
from osint_cli.extract.doc import Doc
from osint_cli.model import Figure

LANGS = {"en": "English", "de": "German"}
MODELS = (
    ("Number", "NumberModel"),
    ("Number", "NumberRangeModel"),
    ("NumberWithUnit", "CurrencyModel"),
    ("NumberWithUnit", "DimensionModel"),
    ("NumberWithUnit", "TemperatureModel"),
    ("NumberWithUnit", "AgeModel"),
)
# their unit names -> the unit strings the extractor gives (casefolded)
CURRENCY = {
    "dollar": "USD", "united states dollar": "USD", "euro": "EUR", "pound": "GBP",
    "british pound": "GBP", "japanese yen": "JPY", "yen": "JPY",
    "canadian dollar": "CAD", "australian dollar": "AUD", "hong kong dollar": "HKD",
    "new zealand dollar": "NZD", "swiss franc": "CHF", "chinese yuan": "CNY", "yuan": "CNY",
    "indian rupee": "INR", "rupee": "INR", "cent": "cents", "russian ruble": "RUB", "south korean won": "KRW",
    "pence": "pence", "penny": "pence", "bitcoin": "BTC", "renminbi": "CNY",
}
DIMENSION = {
    "meter": {"m", "meter", "meters", "metre", "metres"},
    "kilometer": {"km", "kilometer", "kilometers", "kilometre", "kilometres"},
    "centimeter": {"cm", "centimeters", "zentimeter"},
    "millimeter": {"mm", "millimeters", "millimetres", "millimeter"},
    "mile": {"miles", "mi", "meilen"},
    "foot": {"feet", "ft"},
    "inch": {"inches", "in", "zoll"},
    "yard": {"yards"},
    "kilogram": {"kg", "kilograms", "kilogramm"},
    "gram": {"grams", "g", "gramm"},
    "pound": {"lbs", "pounds", "pfund"},
    "ton": {"tons", "tonnes", "metric tons", "tonnen", "t"},
    "liter": {"liters", "litres", "liter", "l"},
    "milliliter": {"ml", "milliliters", "millilitres", "milliliter"},
    "gallon": {"gallons"},
    "square meter": {"m²", "quadratmeter", "square meters", "square metres", "qm"},
    "square kilometer": {"km²", "square kilometers", "square kilometres", "quadratkilometer"},
    "square mile": {"square miles"},
    "square foot": {"square feet"},
    "acre": {"acres"},
    "hectare": {"hectares", "hektar", "ha"},
    "kilometer per hour": {"km/h", "kph", "kmh"},
    "mile per hour": {"mph"},
    "cubic meter": {"kubikmeter", "cubic meters", "m³"},
    "megabyte": {"mb", "megabytes"},
    "gigabyte": {"gb", "gigabyte", "gigabytes"},
    "terabyte": {"tb", "terabytes", "terabyte"},
    "degree": {"degrees", "grad", "°"},
    "barrel": {"barrels", "barrel"},
}
TEMPERATURE = {
    "c": {"degrees celsius", "celsius", "°c", "grad celsius"},
    "f": {"degrees fahrenheit", "fahrenheit", "°f", "grad fahrenheit"},
    "k": {"kelvin"},
    "degree": {"degrees", "grad", "°"},
}
TEMPERATURE_UNITS = set().union(*TEMPERATURE.values())
DURATION = {"years", "year", "months", "days", "weeks", "hours", "jahre", "jahren", "monate", "tage", "wochen"}
ARTICLES = {"one", "a", "an", "ein", "eine", "einer", "einen", "einem", "eines", "eins"}
ORDINAL = re.compile(r"(?i)\d+(?:st|nd|rd|th)\b|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
                     r"tenth|eleventh|twelfth|fifteenth|twentieth|hundredth)\b(?!s)")
NOTATION = re.compile(r"(?<!10)\^|\bover\b|[<>=~]")
RATIO = re.compile(r"\bout of\b|\d\s+in\s+(?:\d|twenty|five)")
# every reason a gold result is set aside, printed under the tables
REASONS = {
    "ordinal": "ordinals are not figures (extraction guide, section 2)",
    "article": "'one', 'a', 'ein' alone is the article the guide drops",
    "code": "IP addresses, dates, phone numbers, designations, leading zeros: not amounts",
    "no value": "a unit named without a number: no figure",
    "notation": "powers other than of ten, comparison signs, 'one over three': no field in the guide",
    "two-sided": "a range made of two comparisons: one qualifier per figure in the guide",
    "age-not-years": "an age in months, weeks or days is a length of time (a date) for us",
    "duration": "a length of time is a date expression, not a figure",
    "equal": "'equals 20' (their [20,20] interval) is a plain number for us",
    "ratio-range": "a share with a comparison ('2 in 5 or more'): no field for both",
    "unit n/a": "(+unit only) their unit name has no counterpart in our table; the value is scored",
}
CODE_INPUT = re.compile(r"\d+\.\d+\.\d+\.\d+|\d+/\d+/\d+|\+\d+-\d+|\b[A-Za-z]+-\d+|\bnrs?\.|^\d{4}-\d\d$")


def _num(s: str | None, lang: str) -> float | None:
    if s is None:
        return None
    try:
        return float(s.replace(",", ".") if lang == "de" else s)
    except ValueError:
        return None


def _interval(s: str, lang: str) -> tuple[float | None, float | None, str, str]:
    """'[20,30)' -> (20, 30, '[', ')'); German values use a decimal comma inside."""
    lo_b, body, hi_b = s[0], s[1:-1], s[-1]
    lo, _, hi = body.partition(",")  # the bounds are written in English format in both files
    return (_num(lo, "en") if lo else None), (_num(hi, "en") if hi else None), lo_b, hi_b


def set_aside(model: str, case: dict[str, Any], res: dict[str, Any], lang: str) -> str | None:
    """The reason a gold result is outside the guide's conventions, or None."""
    text = res["Text"]
    value = res["Resolution"].get("value")
    inp = case["Input"]
    if value is None:
        return "no value"
    if res["Resolution"].get("subtype") == "ordinal" or ORDINAL.search(text):
        return "ordinal"
    if CODE_INPUT.search(inp) or re.fullmatch(r"0\d+", text.strip()):
        return "code"
    if NOTATION.search(text):
        return "notation"
    if model == "NumberRangeModel" and RATIO.search(text):
        return "ratio-range"
    if text.strip().casefold() in ARTICLES and model == "NumberModel":
        return "article"
    if model == "NumberRangeModel":
        lo, hi, _, _ = _interval(value, lang)
        if lo is not None and hi is not None and lo == hi:
            return "equal"
        if lo is not None and hi is not None and not re.search(r"(?i)\b(?:between|from|through)\b|\d\s*[-–]\s*\d|\bbis\b", text):
            return "two-sided"
    after = inp[res.get("End", 0) + 1 :].split()
    if model == "NumberModel" and after and after[0].casefold().rstrip(".,") in DURATION:
        return "duration"
    if model == "AgeModel" and res["Resolution"].get("unit") not in ("Year", "Age"):
        return "age-not-years"
    return None


def of_kind(model: str, f: Figure) -> bool:
    """Whether a figure is of the kind a unit model annotates."""
    unit = (f.unit or "").casefold()
    if model == "CurrencyModel":
        return bool(re.fullmatch(r"[A-Z]{3}", f.unit or "")) or unit in ("cents", "cent", "pence")
    if model == "TemperatureModel":
        return unit in TEMPERATURE_UNITS
    if model == "AgeModel":
        return unit == "years"
    if model == "NumberRangeModel":
        return f.value_max is not None or f.qualifier is not None
    if model == "DimensionModel":
        return bool(unit) and unit not in ("%", "pp", "years") and not re.fullmatch(r"[A-Z]{3}", f.unit or "")
    return True


def unit_ok(model: str, res: dict[str, Any], f: Figure) -> bool | None:
    """Whether the units agree; None when their unit has no counterpart in our table."""
    theirs = (res["Resolution"].get("unit") or "").casefold()
    ours = (f.unit or "").casefold()
    if model == "CurrencyModel":
        code = CURRENCY.get(theirs)
        return None if code is None else (f.unit or "").casefold() == code.casefold()
    if model == "TemperatureModel":
        return ours in TEMPERATURE[theirs] if theirs in TEMPERATURE else None
    if model == "DimensionModel":
        return ours in DIMENSION[theirs] if theirs in DIMENSION else None
    if model == "AgeModel":
        return ours == "years"
    return None


def gold_target(model: str, res: dict[str, Any], lang: str) -> tuple[float, float | None, str | None]:
    """(value, value_max, qualifier) a figure must have for this gold result."""
    value = res["Resolution"]["value"]
    if model != "NumberRangeModel":
        v = _num(value, lang)
        return (v if v is not None else math.nan), None, None
    lo, hi, lo_b, hi_b = _interval(value, lang)
    if lo is not None and hi is not None:
        return lo, hi, None
    if lo is not None:
        return lo, None, "at_least" if lo_b == "[" else "more_than"
    return hi or 0.0, None, "at_most" if hi_b == "]" else "less_than"


def matches(model: str, target: tuple[float, float | None, str | None], f: Figure) -> bool:
    value, vmax, qual = target
    if not close(float(f.value), value):
        return False
    if model != "NumberRangeModel":
        return True
    if vmax is not None:
        return f.value_max is not None and close(float(f.value_max), vmax)
    # one-sided: "more than" and "over" are both more_than; at_least/at_most as written
    return f.qualifier == qual


def score_model(data: Path, lang: str, group: str, model: str, verbose: bool) -> Tally | None:
    """One model's cases in one language, scored; None when the spec file is missing."""
    path = data / "recognizers-text" / group / LANGS[lang] / f"{model}.json"
    if not path.is_file():
        return None
    pack = rules.load(lang)
    tally = Tally()
    for case in json.loads(path.read_text(encoding="utf-8-sig")):
        figs = [f for f in figures.extract(Doc.build(case["Input"], pack)) if of_kind(model, f)]
        golds, spans = [], []
        for res in case["Results"]:
            reason = set_aside(model, case, res, lang)
            if reason is None:
                golds.append(res)
                continue
            tally.aside[reason] += 1
            spans.append((res.get("Start", -1), res.get("End", -2) + 1))
        # a figure over a set-aside result is neither right nor spurious
        figs = [f for f in figs if not any(f.start < hi and lo < f.end for lo, hi in spans)]
        targets = [gold_target(model, res, lang) for res in golds]
        taken, spurious = match(targets, figs, lambda t, f: matches(model, t, f))
        for res, target, hit in zip(golds, targets, taken, strict=True):
            if hit is None:
                tally.fn += 1
                if verbose:
                    print(f"    {lang} {model} missed   {res['Text']!r} = {target} in {case['Input'][:80]!r}")
                continue
            tally.tp += 1
            _unit(tally, model, res, figs[hit], lang, verbose)
        tally.fp += len(spurious)
        if verbose:
            for i in spurious:
                print(f"    {lang} {model} spurious {figs[i].text!r} = {figs[i].value} in {case['Input'][:80]!r}")
    return tally


def _unit(tally: Tally, model: str, res: dict[str, Any], f: Figure, lang: str, verbose: bool) -> None:
    ok = unit_ok(model, res, f)
    if ok is None and model not in ("NumberModel", "NumberRangeModel"):
        tally.aside["unit n/a"] += 1
    elif ok is not None:
        tally.unit_total += 1
        tally.tp_unit += int(ok)
        if verbose and not ok:
            print(f"    {lang} {model} unit     {res['Text']!r} ({res['Resolution'].get('unit')}) got {f.unit!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    data_arg(ap, __file__)
    ap.add_argument("--verbose", action="store_true", help="list every miss, wrong unit and spurious figure")
    args = ap.parse_args()
    if not (args.data / "recognizers-text").is_dir():
        print(f"no Recognizers-Text specs under {args.data}", file=sys.stderr)
        return 0
    print("Recognizers-Text number specs, figures extractor (values within 0.5 %), per model and language")
    for lang in LANGS:
        total = Tally()
        for group, model in MODELS:
            t = score_model(args.data, lang, group, model, args.verbose)
            if t is None:
                continue
            print(f"  {lang} {model:18} {t.line()}")
            total.add(t)
        print(f"  {lang} {'all models':18} {total.line()}")
    print("set aside (never scored), and why:")
    for reason, why in REASONS.items():
        print(f"  {reason:14} {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
