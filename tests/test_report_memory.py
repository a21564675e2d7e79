"""What keeps `osint report`'s memory close to its output: the band index of near-copies, and shared strings."""

from __future__ import annotations

import json
import random

import pytest

from osint_cli.report.aggregate import aggregate
from osint_cli.report.bands import BandIndex
from osint_cli.report.dedup import BANDS, PERMUTATIONS, THRESHOLD, Deduper

from .report_records import expert, figure, record, when

rensa = pytest.importorskip("rensa")


def _text(rnd: random.Random, n: int = 120) -> str:
    return " ".join(rnd.choice(["Werft", "Bauteil", "Lieferung", "Hafen", "Zug", "Rat", "Bezirk", "Radweg", "Frist",
                                "Vertrag", "Kran", "Schiff"]) + str(rnd.randrange(50)) for _ in range(n))


def _digest(text: str) -> list[int]:
    words = text.casefold().split()
    sig = rensa.RMinHash(num_perm=PERMUTATIONS, seed=42)
    sig.update([" ".join(t) for t in zip(words, words[1:], words[2:], strict=False)])
    return list(sig.digest())


def test_band_index_finds_a_near_copy_among_many_with_rensas_own_estimate() -> None:
    rnd = random.Random(7)
    texts = [_text(rnd) for _ in range(300)]  # 300 x 32 bands: the table grows several times
    index = BandIndex(BANDS, PERMUTATIONS // BANDS)
    for i, t in enumerate(texts):
        index.insert(1000 + i, _digest(t))
    words = texts[123].split()
    words[10] = words[60] = "anders"
    copy = "Von unserer Agentur: " + " ".join(words[:-8])
    score, found = index.best(_digest(copy))
    assert found == 1123
    a, b = rensa.RMinHash(num_perm=PERMUTATIONS, seed=42), rensa.RMinHash(num_perm=PERMUTATIONS, seed=42)
    a.update([" ".join(t) for t in zip(*(texts[123].casefold().split()[k:] for k in range(3)), strict=False)])
    b.update([" ".join(t) for t in zip(*(copy.casefold().split()[k:] for k in range(3)), strict=False)])
    assert score == pytest.approx(a.jaccard(b)) and score >= THRESHOLD
    assert index.best(_digest(_text(rnd)))[0] < THRESHOLD  # a new text: no stored one is near it
    assert len(index) == 300


def test_deduper_tells_url_and_text_copies_apart() -> None:
    rnd = random.Random(3)
    body = _text(rnd)
    d = Deduper()
    index, reason, digest = d.find(["https://a.example/1"], body)
    assert (index, reason) == (None, "")
    d.add(0, ["https://a.example/1"], digest)
    assert d.find(["https://a.example/1"], "whatever")[:2] == (0, "url")
    assert d.find(["https://b.example/2"], body + " Mehr zum Thema")[:2] == (0, "text")
    assert d.find(["https://c.example/3"], _text(rnd))[:2] == (None, "")
    assert d.find(["https://d.example/4"], "zu kurz")[2] is None  # too few shingles: only the URL decides


def test_equal_texts_of_one_record_are_kept_once() -> None:
    # json.loads makes a new string per value: the set keeps one object for a quote's text and sentence when equal,
    # and one object per outlet and date across records
    line = "Die Werft liefert 40 Kräne im Mai 2024, sagte Ida Berg."
    recs = [json.loads(json.dumps(record(f"https://n{i}.example/a", site="Nordblatt", date="2024-06-01",
                                          experts=[expert("Ida Berg", quotes=(line,))],
                                          figures=[figure("40 Kräne", 40, about="Kräne", sentence=line)],
                                          dates=[when("Mai 2024", "2024-05", sentence=line)], text=_text(random.Random(i)))))
            for i in range(2)]
    for r in recs:
        r["experts"][0]["quotes"][0]["sentence"] = line  # as the extractor writes a whole-sentence quote
    rs = aggregate(recs)
    quotes = rs.people[0].quotes
    assert len(quotes) == 2 and quotes[0].text is quotes[0].sentence
    assert quotes[0].sentence is rs.claims[0].values[0].sentence is rs.timeline[0].sentence
    assert rs.articles[0].outlet is rs.articles[1].outlet and rs.timeline[0].value is rs.timeline[1].value
    assert rs.timeline[0].start is rs.timeline[1].start


def test_a_date_repeated_in_one_article_is_listed_once_but_once_per_article() -> None:
    line = "Am 3. März 2024 begann die Lieferung."
    dates = [when("3. März 2024", "2024-03-03", sentence=line), when("3. März 2024", "2024-03-03", sentence=line)]
    rs = aggregate([record("https://a.example/1", dates=dates, text=_text(random.Random(1))),
                    record("https://b.example/2", dates=dates, text=_text(random.Random(2)))])
    assert [e.source for e in rs.timeline] == ["https://a.example/1", "https://b.example/2"]
