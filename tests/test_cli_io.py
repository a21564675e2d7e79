"""The command line an analyst meets: help with defaults and examples, -h, completion,
languages, --only, --lang, --traceback, a closed pipe, the library API and its wording,
and the README's error types against the code."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import osint_cli
from osint_cli import api
from osint_cli.cli import app
from osint_cli.fetch.decode import _ascii_count
from osint_cli.model import plain

from .conftest import SEED_HTML, SEED_TXT

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


@pytest.mark.parametrize("command", ["summarize", "batch", "languages"])
def test_help_has_an_example_and_h_works(command: str) -> None:
    long, short = invoke(command, "--help"), invoke(command, "-h")
    assert long.exit_code == short.exit_code == 0
    assert long.stdout == short.stdout
    assert f"Example: osint {command}" in long.stdout


def test_help_shows_defaults() -> None:
    text = " ".join(invoke("summarize", "--help").stdout.split())  # help is wrapped at 80 columns
    assert "table on a terminal, else jsonl" in text  # --format's default, though it is computed
    assert "[default: 32" in invoke("batch", "--help").stdout
    assert "--install-completion" in invoke("--help").stdout  # shell completion


def test_languages_lists_the_installed_packs() -> None:
    r = invoke("languages")
    codes = [line.split("\t")[0] for line in r.stdout.splitlines()]
    from osint_cli import rules

    assert r.exit_code == 0 and codes == rules.available() and "de" in codes and "en" in codes


def test_unknown_language_is_a_usage_error() -> None:
    r = invoke("summarize", str(SEED_HTML), "--lang", "xx")
    assert r.exit_code == 2 and "no rule pack for 'xx'" in r.stderr and "de, en" in r.stderr
    assert invoke("summarize", str(SEED_HTML), "--lang", "DE", "-f", "json").exit_code == 0


def test_only_limits_the_categories() -> None:
    doc = json.loads(invoke("summarize", str(SEED_HTML), "-f", "json", "--only", "figures").stdout)
    assert doc["figures"] and not (doc["experts"] or doc["quotes"] or doc["dates"] or doc["sources"])
    # dates still ran underneath: no year of a date came out as a figure
    full = json.loads(invoke("summarize", str(SEED_HTML), "-f", "json").stdout)
    assert doc["figures"] == full["figures"]
    doc = json.loads(invoke("summarize", str(SEED_HTML), "-f", "json", "--only", "experts,sources").stdout)
    assert doc["experts"] and doc["quotes"] and doc["sources"] and not (doc["figures"] or doc["dates"])
    bad = invoke("summarize", str(SEED_HTML), "--only", "figures,people")
    assert bad.exit_code == 2 and "unknown extractor people" in bad.stderr


def test_csv_rows_carry_url_title_published() -> None:
    r = runner.invoke(app, ["summarize", str(SEED_HTML), "--url", "https://news.example/a", "-f", "csv"])
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows[0]["category"] == "article" and len(rows) > 5
    for row in rows:
        assert (row["url"], row["published"], row["outlet"]) == ("https://news.example/a", "2024-03-06", "Zeitung")
        assert row["title"].startswith("Nordkoreas")


def test_traceback_flag_shows_an_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("an extractor bug")

    monkeypatch.setattr(api, "summarize_article", broken)
    quiet = invoke("summarize", str(SEED_TXT))
    assert quiet.exit_code == 1 and "internal error: RuntimeError: an extractor bug" in quiet.stderr
    assert "Traceback" not in quiet.stderr
    loud = invoke("summarize", str(SEED_TXT), "--traceback")
    assert loud.exit_code == 1 and "Traceback (most recent call last)" in loud.stderr and "def broken" not in loud.stdout


def test_closed_pipe_exits_zero_quietly() -> None:
    # many reports, far more than a pipe buffer holds: the writer meets the closed pipe
    args = [str(SEED_TXT)] * 40
    proc = subprocess.Popen([sys.executable, "-m", "osint_cli.cli", "summarize", *args, "-f", "jsonl"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert json.loads(first)["schema"] == "osint-cli/report/1"
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_library_warning_names_the_setting_and_cli_the_flag() -> None:
    from osint_cli import Settings, summarize_html

    report = summarize_html("Der Experte Hans Müller sagte am Montag, 300 Granaten seien geliefert worden.", Settings())
    assert any("Settings.reference_date" in w for w in report.warnings)
    assert not any("--" in w for w in report.warnings)
    r = runner.invoke(app, ["summarize", "-"], input="Der Experte Hans Müller sagte am Montag, es gehe um 300 Granaten.\n")
    assert "(set --reference-date)" in r.stderr


def test_package_exports_the_api() -> None:
    for name in osint_cli.__all__:
        assert getattr(osint_cli, name) is not None, name
    assert osint_cli.summarize_source is api.summarize_source
    assert (ROOT / "osint_cli" / "py.typed").is_file()
    assert "py.typed" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    # importing the package does not import the api (trafilatura): --help stays light
    code = "import sys, osint_cli; print('osint_cli.api' in sys.modules, 'trafilatura' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.split() == ["False", "False"]


def test_help_imports_neither_api_nor_trafilatura() -> None:
    code = ("import sys; from osint_cli import cli\n"
            "try:\n    cli.app(['--help'])\nexcept SystemExit:\n    pass\n"
            "print('osint_cli.api' in sys.modules, 'trafilatura' in sys.modules, 'httpx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.split()[-3:] == ["False", "False", "False"]


def test_readme_error_types_are_the_codes() -> None:
    """README's list of error.type values is exactly the set the code can write."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- error-types -->")[1]
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", table, re.MULTILINE))
    import osint_cli.batch.feeds
    import osint_cli.batch.pipeline
    import osint_cli.batch.robots
    import osint_cli.batch.urls  # noqa: F401 - their error classes count too
    from osint_cli.errors import SourceError

    def subclasses(cls: type) -> set[type]:
        return {cls} | {s for c in cls.__subclasses__() for s in subclasses(c)}

    kinds = {c.kind for c in subclasses(SourceError)} - {"source"}  # the abstract base is never raised
    literal = set()
    for path in (ROOT / "osint_cli").rglob("*.py"):
        literal |= set(re.findall(r'type="([a-z_]+)"', path.read_text(encoding="utf-8")))
    assert documented == kinds | literal


def test_plain_walk_gives_the_bytes_of_asdict() -> None:
    report = api.summarize_source(str(SEED_HTML), osint_cli.Settings())
    for finding in (*report.findings.experts, *report.findings.figures, *report.findings.dates, *report.findings.sources):
        old = json.dumps(dataclasses.asdict(finding), ensure_ascii=False)
        assert json.dumps(plain(finding), ensure_ascii=False) == old


@given(st.binary(max_size=200))
def test_ascii_count_counts_the_non_ascii_characters(body: bytes) -> None:
    text = body.decode("utf-8", errors="replace")
    assert len(text) - _ascii_count(body) == sum(1 for ch in text if ord(ch) > 0x7F)
