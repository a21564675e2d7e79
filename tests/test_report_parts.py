"""osint report, part by part: URL canonicalisation, people merging, claims and conflicts, the timeline, --match."""

from __future__ import annotations

from datetime import date

import pytest

from osint_cli.api import report_set
from osint_cli.report.claims import interval
from osint_cli.report.dedup import canonical_url
from osint_cli.report.timeline import span

from .report_records import expert, figure, record, when


@pytest.mark.parametrize(("a", "b"), [
    ("https://www.example.org/a/story?utm_source=x&utm_medium=rss", "https://example.org/a/story"),
    ("http://example.org/a/story/?fbclid=IwAR0abc#comments", "https://example.org/a/story"),
    ("https://example.org/a/story?gclid=1&id=7&mc_cid=2", "https://example.org/a/story?id=7"),
    ("https://Example.org:443/a/story?page=2&id=7", "https://example.org/a/story?id=7&page=2"),
])
def test_tracking_parameters_do_not_make_a_new_url(a: str, b: str) -> None:
    assert canonical_url(a) == canonical_url(b)


@pytest.mark.parametrize(("a", "b"), [
    ("https://example.org/a/story?id=7", "https://example.org/a/story?id=8"),
    ("https://example.org/a/story", "https://example.org/b/story"),
    ("https://example.org:8080/a", "https://example.org/a"),
])
def test_meaningful_differences_stay(a: str, b: str) -> None:
    assert canonical_url(a) != canonical_url(b)


def test_same_url_with_tracking_is_one_article_with_a_copy() -> None:
    rs = report_set([
        record("https://news.example/x?utm_source=feed", site="News", experts=[expert("Jana Novak", quotes=("Eins.",))]),
        record("https://news.example/x?fbclid=abc", site="News", experts=[expert("Jana Novak", quotes=("Eins.",))]),
    ])
    assert len(rs.articles) == 1
    assert [(c.source, c.reason) for c in rs.articles[0].copies] == [("https://news.example/x?fbclid=abc", "url")]
    assert len(rs.people) == 1 and len(rs.people[0].quotes) == 1  # the copy's quote is not counted twice


def test_near_identical_text_under_another_url_is_a_copy_and_a_different_story_is_not() -> None:
    body = " ".join(f"Satz {i} über die Lieferung von Bauteilen an die Werft in Danzig, Abschnitt {i}." for i in range(30))
    other = " ".join(f"Meldung {i}: der Stadtrat beschließt neue Radwege im Bezirk Nord, Punkt {i}." for i in range(30))
    rs = report_set([
        record("https://a.example/1", site="A", text=body),
        record("https://b.example/2", site="B", text="Von unserer Agentur. " + body.replace("Abschnitt 3.", "Teil 3.")),
        record("https://c.example/3", site="C", text=other),
    ])
    assert [a.source for a in rs.articles] == ["https://a.example/1", "https://c.example/3"]
    assert [(c.source, c.reason, c.outlet) for c in rs.articles[0].copies] == [("https://b.example/2", "text", "B")]
    assert {(o.name, o.articles, o.copies) for o in rs.outlets} == {("A", 1, 0), ("B", 0, 1), ("C", 1, 0)}


def test_people_merge_by_full_name_and_unambiguous_surname() -> None:
    rs = report_set([
        record("a", site="Nord", experts=[expert("Jana Novak", role="Ökonomin", affiliation="Institut X", quotes=("Erstens.",))]),
        record("b", site="Süd", experts=[expert("Novak", kind="other", quotes=("Zweitens.",))]),
        record("c", site="West", experts=[expert("Jana  NOVAK", role="economist", quotes=("Third.",))]),
    ])
    assert len(rs.people) == 1
    p = rs.people[0]
    assert (p.name, p.kind) == ("Jana Novak", "expert")
    assert p.outlets == ("Nord", "Süd", "West")
    assert p.roles == ("Ökonomin", "economist") and p.affiliations == ("Institut X",)
    assert [(q.text, q.outlet, q.published) for q in p.quotes] == [
        ("Erstens.", "Nord", "2024-03-06"), ("Zweitens.", "Süd", "2024-03-06"), ("Third.", "West", "2024-03-06")]
    assert "Novak" in p.aliases


def test_two_people_sharing_a_surname_are_never_merged_nor_is_the_bare_surname_guessed() -> None:
    rs = report_set([
        record("a", experts=[expert("Anna Keller", kind="official", quotes=("A.",))]),
        record("b", experts=[expert("Tomas Keller", quotes=("B.",))]),
        record("c", experts=[expert("Keller", quotes=("C.",))]),
    ])
    assert sorted(p.name for p in rs.people) == ["Anna Keller", "Keller", "Tomas Keller"]


def test_middle_initial_is_the_same_person() -> None:
    rs = report_set([record("a", experts=[expert("Mara J. Osei")]), record("b", experts=[expert("Mara Osei")])])
    assert [p.name for p in rs.people] == ["Mara J. Osei"]


def test_a_conflict_is_values_that_cannot_all_hold() -> None:
    rs = report_set([
        record("a", site="A", figures=[figure("über drei Millionen Granaten", 3_000_000, qualifier="more_than", about="Granaten")]),
        record("b", site="B", figures=[figure("rund eine Million Granaten", 1_000_000, qualifier="about", about="granaten")]),
        record("c", site="C", figures=[figure("zwölf Prozent", 12, unit="%", about="Anteil"),
                                       figure("etwa 11 Prozent", 11, unit="%", qualifier="about", about="Anteil"),
                                       figure("zwölf Frachter", 12, about="Granaten", unit="Schiffe")]),
    ])
    by = {(c.about.casefold(), c.unit): c for c in rs.claims}
    assert by[("granaten", None)].conflict is True
    assert [v.outlet for v in by[("granaten", None)].values] == ["A", "B"]
    assert by[("anteil", "%")].conflict is False
    assert by[("granaten", "Schiffe")].conflict is False  # another unit is another claim
    assert rs.claims[0].conflict  # conflicts come first


@pytest.mark.parametrize(("first", "second", "conflict"), [
    ((3_000_000, None, "more_than"), (3_200_000, None, None), False),
    ((3_000_000, None, "more_than"), (2_000_000, None, "about"), True),
    ((1_000_000, None, "about"), (1_150_000, None, None), False),
    ((100, None, "less_than"), (120, None, "exactly"), True),
    ((10, 20, None), (15, None, None), False),
    ((10, 20, None), (30, None, "at_least"), True),
    ((1_400_000, None, None), (1_000_000, None, None), True),
])
def test_conflict_by_qualifier(first: tuple, second: tuple, conflict: bool) -> None:
    (lo1, hi1), (lo2, hi2) = interval(*first), interval(*second)
    assert (max(lo1, lo2) > min(hi1, hi2)) is conflict
    rs = report_set([record("a", figures=[figure("x", first[0], value_max=first[1], qualifier=first[2], about="Dinge")]),
                     record("b", figures=[figure("y", second[0], value_max=second[1], qualifier=second[2], about="Dinge")])])
    assert rs.claims[0].conflict is conflict


def test_the_speaker_of_a_figure_is_the_quote_it_stands_in() -> None:
    quote = {"text": "Wir zählen 500 Drohnen", "start": 10, "end": 32, "sentence": "s", "rule": "t", "speaker": "Ida Berg", "kind": "direct"}
    rs = report_set([record("a", quotes=[quote], figures=[figure("500 Drohnen", 500, about="Drohnen", start=21),
                                                          figure("600 Drohnen", 600, about="Drohnen", start=40)])])
    assert [v.speaker for v in rs.claims[0].values] == ["Ida Berg", None]


@pytest.mark.parametrize(("value", "first", "last"), [
    ("2024-03-04", "2024-03-04", "2024-03-04"),
    ("2024-03-04T14:30", "2024-03-04", "2024-03-04"),
    ("2024-02", "2024-02-01", "2024-02-29"),
    ("2024-W09", "2024-02-26", "2024-03-03"),
    ("2024-Q1", "2024-01-01", "2024-03-31"),
    ("2023-SU", "2023-06-01", "2023-08-31"),
    ("2023-WI", "2023-12-01", "2024-02-29"),
    ("2023", "2023-01-01", "2023-12-31"),
    ("199", "1990-01-01", "1999-12-31"),
])
def test_timex_values_become_day_ranges(value: str, first: str, last: str) -> None:
    assert span(value) == (date.fromisoformat(first), date.fromisoformat(last))


@pytest.mark.parametrize("value", ["PAST_REF", "P3Y", "XXXX-WXX-1", "2024-13", "2024-W60", ""])
def test_values_that_name_no_period_stay_out(value: str) -> None:
    assert span(value) is None


def test_timeline_is_sorted_by_time_not_by_string_and_relative_dates_show_their_reference() -> None:
    rs = report_set([
        record("a", date="2024-05-14", dates=[when("im zweiten Quartal", "2024-Q2"), when("im Januar 2024", "2024-01"),
                                              when("seit Jahren", "P3Y", type="duration"), when("kürzlich", "PAST_REF")]),
        record("b", date="2024-03-06", dates=[when("seit Montag", "2024-03-04"), when("2023", "2023"), when("damals", None)]),
    ])
    assert [e.value for e in rs.timeline] == ["2023", "2024-01", "2024-03-04", "2024-Q2"]
    rel = {e.text: (e.relative, e.reference_date) for e in rs.timeline}
    assert rel["seit Montag"] == (True, "2024-03-06")
    assert rel["im zweiten Quartal"] == (True, "2024-05-14")
    assert rel["im Januar 2024"] == (False, None)


def test_match_keeps_only_articles_and_sentences_on_topic() -> None:
    rs = report_set([
        record("a", title="Granaten für Moskau", experts=[expert("Ida Berg", quotes=("Die Granaten kamen per Zug.", "Das Wetter war gut."))],
               figures=[figure("500 Granaten", 500, about="Granaten"), figure("3 Brücken", 3, about="Brücken")]),
        record("b", title="Radwege", experts=[expert("Ole Lund", quotes=("Mehr Radwege!",))]),
    ], match="granate")
    assert [a.source for a in rs.articles] == ["a"]
    assert [q.text for p in rs.people for q in p.quotes] == ["Die Granaten kamen per Zug."]
    assert [c.about for c in rs.claims] == ["Granaten"]
    assert rs.match == "granate"


def test_error_records_are_counted_not_fatal_and_foreign_records_are_errors() -> None:
    rs = report_set([
        {"schema": "osint-cli/report/1", "source": "https://x.example/gone", "error": {"type": "http_status", "message": "HTTP 404"}},
        {"hello": "world"},
        record("a"),
    ])
    assert [(e.source, e.type) for e in rs.errors] == [("https://x.example/gone", "http_status"), ("<unknown>", "bad_record")]
    assert len(rs.articles) == 1


def test_malformed_records_are_errors_not_crashes() -> None:
    bad = [record("x", experts=5), record("y", figures=[{"value": 1, "about": 3}]), record("z", dates=[{"type": "date", "value": "2024-02-30"}])]
    rs = report_set([*bad, record("ok", experts=[expert("Ida Berg")])])
    assert "ok" in [a.source for a in rs.articles] and "Ida Berg" in [p.name for p in rs.people]
    assert "x" in [e.source for e in rs.errors] and "x" not in [a.source for a in rs.articles]


def test_chart_draws_one_escaped_bar_per_date_and_says_when_it_stops() -> None:
    from html import escape

    from osint_cli.report import chart
    from osint_cli.report.model import TimelineEntry

    def entry(i: int) -> TimelineEntry:
        day = date(2023, 1, 1).fromordinal(date(2023, 1, 1).toordinal() + i).isoformat()
        return TimelineEntry(value=day, type="date", mod=None, start=day, end=day, text=f"<b>{i}</b>", sentence="a & b",
                             relative=False, reference_date=None, source="s", outlet="O")

    few = chart.svg([entry(i) for i in range(3)], escape)
    assert few.count("<rect ") == 3 and "&lt;b&gt;0&lt;/b&gt;" in few and "<b>" not in few and "first" not in few
    many = chart.svg([entry(i) for i in range(chart.MAX_ROWS + 50)], escape)
    assert many.count("<rect ") == chart.MAX_ROWS and f"first {chart.MAX_ROWS} of {chart.MAX_ROWS + 50}" in many
    assert chart.svg([], escape) == ""
