"""Microsoft Recognizers-Text date-time specs (MIT), English and German, scored where their
conventions and ours agree.

Usage: PYTHONPATH=. python3 benchmarks/recognizers_datetime.py [--dir ../shared/benchmarks/recognizers-text] [--verbose]

Each spec case is a sentence, a reference time and the expressions expected. A gold
expression counts as found when one of ours overlaps its span (their offsets), and as right
when our TIMEX3 value agrees with theirs:

- date: our value equals their timex, or one of their resolved values (a date without a year
  has two: the last and the next; we pick one by tense);
- datetime: date and hour:minute agree (we do not write seconds); "now" is PRESENT_REF;
- time: the hour:minute of the time of day (they leave the day open, we attach the reference day);
- duration and set: the timex itself (P3D, PT3H, P1W, XXXX-WXX-1);
- daterange whose timex is one period (2016-W45, 2017-Q1, XXXX-SU, 2016-11): that value,
  a year left open by them (XXXX) matching any year of ours.

A second, lenient column also takes a date of theirs inside the period of ours: "in two
weeks" is a day for them (2018-04-06) and a week for TimeML (2018-W14), the same point.

Skipped, and why: ranges written as (start,end,length) (timerange, datetimerange and most
dateranges: TIMEX3 in TimeML marks each end as its own expression, we do the same), time
zones (no TIMEX3 value), results without a type, and cases without a reference time (their
values then depend on the day the spec ran). Precision is not scored: the specs tag things
TimeML does not ("the weekend" as a range, "tonight" spans) and leave out others.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from osint_cli.extract.dates import tag_text

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "benchmarks" / "recognizers-text"
LANGS = {"English": "en", "German": "de"}


def kind_of(result: dict[str, Any]) -> str | None:
    """The comparable kind of a spec result, or None when their convention differs from ours."""
    name = str(result.get("TypeName") or "").removeprefix("datetimeV2.")
    values = (result.get("Resolution") or {}).get("values") or []
    timex = str(values[0].get("timex") or "") if values else ""
    if not values or not timex or name not in ("date", "datetime", "time", "duration", "set", "daterange"):
        return None
    if timex.startswith("("):
        return None  # a range: (start,end,length)
    return name


def agrees(kind: str, ours: str | None, result: dict[str, Any]) -> bool:
    """Whether our value agrees with the spec's resolution under the rules of the docstring."""
    if not ours:
        return False
    values = result["Resolution"]["values"]
    timexes = {str(v.get("timex")) for v in values}
    resolved = {str(v.get("value")) for v in values if v.get("value")}
    if kind in ("duration", "set"):
        return ours in timexes
    if kind == "date":
        return ours in timexes or ours in resolved
    if kind == "datetime":
        if "PRESENT_REF" in timexes:
            return ours == "PRESENT_REF"
        return any(ours[:16] == v[:16].replace(" ", "T") for v in resolved)
    if kind == "time":
        hm = {t[1:6] for t in timexes if t.startswith("T")}
        return "T" in ours and ours.split("T", 1)[1][:5] in {h if len(h) == 5 else h[:2] + ":00" for h in hm}
    # daterange with one period's value
    return any(ours == t or re.fullmatch(re.escape(t).replace("XXXX", r"\d{4}"), ours) for t in timexes)


def within(ours: str | None, result: dict[str, Any]) -> bool:
    """Lenient: one of their resolved days lies inside our coarser period (year, month, ISO week)."""
    if not ours:
        return False
    for v in result["Resolution"]["values"]:
        day = str(v.get("value") or "")[:10]
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            continue
        d = date.fromisoformat(day)
        y, w, _ = d.isocalendar()
        if ours in (day[:4], day[:7], f"{y:04d}-W{w:02d}"):
            return True
    return False


def main() -> None:
    """Score both languages and print found (span) and right (value) per kind."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default=str(DEFAULT))
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    for folder, lang in LANGS.items():
        cases = json.loads((Path(a.dir) / "DateTime" / folder / "DateTimeModel.json").read_text(encoding="utf-8-sig"))
        total: Counter[str] = Counter()
        found: Counter[str] = Counter()
        right: Counter[str] = Counter()
        lenient: Counter[str] = Counter()
        skipped: Counter[str] = Counter()
        for case in cases:
            ref_s = (case.get("Context") or {}).get("ReferenceDateTime")
            results = case.get("Results") or []
            if not ref_s:
                skipped["no reference time"] += len(results)
                continue
            ours = tag_text(case["Input"], lang, date.fromisoformat(ref_s[:10]))
            for res in results:
                kind = kind_of(res)
                if kind is None:
                    skipped[str(res.get("TypeName") or "untyped").removeprefix("datetimeV2.")] += 1
                    continue
                total[kind] += 1
                start, end = int(res["Start"]), int(res["End"]) + 1
                hits = [e for e in ours if e.start < end and start < e.end]
                if hits:
                    found[kind] += 1
                if any(agrees(kind, e.value, res) for e in hits):
                    right[kind] += 1
                    lenient[kind] += 1
                elif any(within(e.value, res) for e in hits):
                    lenient[kind] += 1
                elif a.verbose:
                    print(f"  {lang} {kind}: {case['Input']!r} [{res['Text']}] want {[v.get('timex') for v in res['Resolution']['values']]}"
                          f" got {[(e.text, e.value) for e in hits]}")
        n = sum(total.values())
        print(f"Recognizers-Text DateTime {folder}: {n} comparable expressions, found {sum(found.values()) / n:.3f}, "
              f"value right {sum(right.values()) / n:.3f} (lenient {sum(lenient.values()) / n:.3f})")
        for kind in sorted(total):
            t = total[kind]
            print(f"  {kind:10} n={t:4d}  found {found[kind] / t:.3f}  right {right[kind] / t:.3f}  lenient {lenient[kind] / t:.3f}")
        print("  skipped: " + ", ".join(f"{k} {v}" for k, v in skipped.most_common()))


if __name__ == "__main__":
    main()
