"""`osint report` on the command line: inputs of every kind, bad input, exit codes, and text that must stay text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from osint_cli.cli import app

from .report_records import expert, figure, record

SEED = Path(__file__).parent / "fixtures" / "nordkorea-munition.html"
HOSTILE = "[bold red]boom[/] <script>alert(1)</script> | *x* [link](javascript:alert(1))"


def _jsonl(path: Path, *recs: dict) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return path


def _run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["report", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_several_files_and_stdin_together(tmp_path: Path) -> None:
    a = _jsonl(tmp_path / "a.jsonl", record("https://n.example/1", site="N", experts=[expert("Ida Berg", quotes=("Eins.",))]))
    b = _jsonl(tmp_path / "b.jsonl", record("https://s.example/2", site="S", experts=[expert("Ida Berg", quotes=("Zwei.",))]))
    piped = json.dumps(record("https://w.example/3", site="W", experts=[expert("Berg", quotes=("Drei.",))])) + "\n"
    code, out, err = _run(str(a), str(b), "-", "-f", "json", stdin=piped)
    assert code == 0, err
    doc = json.loads(out)
    assert [p["outlets"] for p in doc["people"]] == [["N", "S", "W"]]


def test_bad_lines_are_listed_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "runs.jsonl"
    good = json.dumps(record("https://n.example/1", figures=[figure("500 Drohnen", 500, about="Drohnen")]))
    path.write_text(f"{good}\nnot json at all\n[1, 2]\n\n{good[:40]}", encoding="utf-8")
    code, out, err = _run(str(path), "-f", "json")
    assert code == 1  # this run could not read everything: said on stderr, listed in errors
    doc = json.loads(out)
    assert len(doc["articles"]) == 1
    assert [e["source"] for e in doc["errors"]] == [f"{path}:2", f"{path}:3", f"{path}:5"]
    assert err.count("osint: error:") == 3 and "Traceback" not in err


def test_pretty_json_document_and_array_from_summarize(tmp_path: Path) -> None:
    one = CliRunner().invoke(app, ["summarize", str(SEED), "-f", "json"]).stdout
    (tmp_path / "one.json").write_text(one, encoding="utf-8")
    (tmp_path / "two.txt").write_text(json.dumps([json.loads(one)], indent=2), encoding="utf-8")
    code, out, err = _run(str(tmp_path / "one.json"), str(tmp_path / "two.txt"), "-f", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert len(doc["articles"]) == 1 and len(doc["articles"][0]["copies"]) == 1


def test_a_page_on_stdin_is_summarised() -> None:
    code, out, err = _run("-", "-f", "json", stdin=SEED.read_bytes())
    assert code == 0, err
    assert {p["name"] for p in json.loads(out)["people"]} >= {"Yang Uk", "Shin Jong-woo"}


def test_missing_input_and_bad_regex() -> None:
    code, out, err = _run("no-such-file.jsonl", "-f", "json")
    assert code == 1 and "no-such-file.jsonl" in err and json.loads(out)["errors"][0]["type"] == "read"
    code, _, err = _run(str(SEED), "--match", "(unclosed")
    assert code == 2 and "not a regular expression" in err


def test_output_file_that_cannot_be_written(tmp_path: Path) -> None:
    code, _, err = _run(str(SEED), "-f", "json", "-o", str(tmp_path / "no" / "dir" / "x.json"))
    assert code == 1 and "writing" in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_article_text_is_never_markup(tmp_path: Path, fmt: str) -> None:
    runs = _jsonl(tmp_path / "h.jsonl", record("https://n.example/1", title=HOSTILE, site=HOSTILE,
                                               experts=[expert("Ida Berg", role=HOSTILE, quotes=(HOSTILE,))],
                                               figures=[figure(HOSTILE, 5, about=HOSTILE)]))
    code, out, err = _run(str(runs), "-f", fmt)
    assert code == 0, err
    if fmt == "table":
        assert "[bold red]boom[/]" in out and "\x1b[" not in out  # printed as written, no styling smuggled in
    elif fmt == "markdown":
        assert "<script>" not in out and "&lt;script&gt;" in out and "\\[link\\]" in out and "\\*x\\*" in out
    else:
        assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
        assert 'href="javascript' not in out


def test_help_does_not_import_the_report_package() -> None:
    import subprocess
    import sys

    code = "import sys; from osint_cli import cli; print('osint_cli.report' in sys.modules, 'rensa' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_readme_documents_every_report_option() -> None:
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    help_text = CliRunner().invoke(app, ["report", "--help"], env={"COLUMNS": "200"}).stdout
    options = set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}
    assert options >= {"--format", "--output", "--match", "--allow-private"}
    for opt in options:
        assert opt in readme, f"README does not document {opt}"
    assert (Path(__file__).resolve().parents[1] / "docs" / "report.png").is_file()
