"""Output safety: article text is data in every terminal format, never markup or escapes."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from osint_cli import output
from osint_cli.cli import app
from osint_cli.model import (
    Article,
    Expert,
    Failure,
    Figure,
    Findings,
    Quote,
    Report,
    Source,
    TimeExpr,
)
from osint_cli.output.markdown import text as md_text
from osint_cli.output.rows import clean, defuse

ESC = "\x1b"
HOSTILE_QUOTE = "Das ist [/x] falsch, [link=https://evil.example]klick[/link] und [die Regierung] schweigt \x1b[31mrot\x1b[0m"


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    # wide enough that rich never folds a cell and a checked string stays on one line
    monkeypatch.setenv("COLUMNS", "600")


def _report(quote: str = HOSTILE_QUOTE, name: str = "Anna [bold]Berg", about: str = "=HYPERLINK(\"http://x\")") -> Report:
    q = Quote(text=quote, start=0, end=5, sentence=quote, rule="t", speaker=name, kind="direct")
    e = Expert(text=name, start=0, end=5, sentence=quote, rule="t", name=name, role="@role", affiliation="+Aff",
               quotes=(q,))
    g = Figure(text="-5 Prozent", start=0, end=5, sentence="s", rule="t", value=-5, unit="%", about=about)
    d = TimeExpr(text="<b>heute</b>", start=0, end=5, sentence="s", rule="t", value="2024-01-01")
    s = Source(text="dpa", start=0, end=3, sentence="s", rule="t", name="<script>alert(1)</script>")
    art = Article(text="x", title="Titel [/] \x1b]8;;http://evil\x07link", sitename="Site\x9b2J", url="http://a.example/")
    return Report(source="a.txt", article=art, findings=Findings(experts=(e,), quotes=(q,), figures=(g,), dates=(d,), sources=(s,)))


def _render(fmt: str, *records: object, **kw: bool) -> str:
    buf = io.StringIO()
    output.render(list(records), fmt, buf, **kw)  # type: ignore[arg-type]
    return buf.getvalue()


def test_clean_strips_controls_and_bidi_and_breaks() -> None:
    assert clean("a\x1b[2Jb\x07c\u202ed\x9be\r\nf\tg\x00") == "a[2Jbcde f g"


def test_table_renders_brackets_literally_and_never_raises() -> None:
    out = _render("table", _report(), Failure(source="b [/x]", type="no_text", message="b: [/x] no [bold]text"))
    assert "[die Regierung]" in out  # not swallowed as a markup tag
    assert "[/x]" in out  # no MarkupError
    assert "[link=https://evil.example]" in out  # shown, not made a link
    assert "\x1b]8;" not in out and "\x1b[31m" not in out  # no hyperlink or colour escape from the text
    assert "Anna [bold]Berg" in out
    assert "b: [/x] no [bold]text" in out


def test_table_has_no_escape_from_article_text_even_with_colours(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = _render("table", _report())
    # rich's own styles may colour the output, but none of the text's escapes survive
    assert "\x1b]8;;http://evil" not in out and "\x1b[31mrot" not in out and "\x9b" not in out


def test_markdown_escapes_html_links_and_controls() -> None:
    out = _render("markdown", _report())
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<b>" not in out
    assert "\\[link=https://evil.example\\]" in out
    assert ESC not in out and "\x07" not in out and "\x9b" not in out
    # every table row still has its 5 cells: a | in the text is escaped
    assert md_text("a|b") == "a\\|b"


def test_markdown_failure_is_escaped() -> None:
    out = _render("markdown", Failure(source="<img src=x>", type="no_text", message="[x](javascript:alert(1))"))
    assert "<img" not in out and "&lt;img" in out
    assert "\\[x\\](javascript" in out  # brackets escaped: no link


def test_csv_defuses_formulas_keeps_numbers_and_strips_controls() -> None:
    out = _render("csv", _report())
    rows = list(csv.DictReader(io.StringIO(out)))
    fig = next(r for r in rows if r["category"] == "figure")
    assert fig["about"].startswith("'=HYPERLINK")
    assert fig["value"] == "-5"  # a negative number is a number, not a formula
    assert fig["text"] == "'-5 Prozent"
    expert = next(r for r in rows if r["category"] == "expert")
    assert expert["role"] == "'@role" and expert["affiliation"] == "'+Aff"
    assert ESC not in out and "\r" not in out.replace("\r\n", "")


def test_csv_raw_keeps_formulas_but_not_controls() -> None:
    out = _render("csv", _report(), csv_raw=True)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert next(r for r in rows if r["category"] == "figure")["about"] == '=HYPERLINK("http://x")'
    assert ESC not in out


def test_defuse() -> None:
    assert defuse("=1+1") == "'=1+1"
    assert defuse("@SUM(A1)") == "'@SUM(A1)"
    assert defuse("-3.5") == "-3.5" and defuse("+7") == "+7" and defuse("1e5") == "1e5"
    assert defuse("plain") == "plain"


def test_cli_table_survives_markup_in_a_txt_source(tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "hostile.txt"
    page.write_text(
        "Berlin. „Das ist [/x] so und [die Regierung] weiß es\x1b[2J“, sagte Anna Berg, Sprecherin des Ministeriums, "
        "am Montag. Die Kosten stiegen um 5 Prozent [link=https://evil.example]hier[/link].\n", encoding="utf-8")
    other = tmp_path / "ok.txt"
    other.write_text("Die Preise stiegen laut dpa um 3 Prozent.\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["summarize", str(page), str(other), "-f", "table", "--lang", "de"])
    assert r.exit_code == 0, r.output
    assert "[die Regierung]" in r.stdout and "[/x]" in r.stdout
    assert ESC not in r.stdout
    assert "ok.txt" in r.stdout  # the second source is rendered too
