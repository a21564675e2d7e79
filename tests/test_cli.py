"""The summarize command's formats, inputs and exit codes (no network needed)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

from typer.testing import CliRunner

from osint_cli.cli import app

from .conftest import SEED_HTML, SEED_TXT

runner = CliRunner()


def invoke(*args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin)


def test_json_one_source_is_one_object() -> None:
    r = invoke("summarize", str(SEED_HTML), "--format", "json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["metadata"]["date"] == "2024-03-06"
    assert doc["metadata"]["lang"] == "de"
    assert doc["metadata"]["title"].startswith("Nordkoreas Waffendeal")


def test_json_many_sources_is_one_array() -> None:
    r = invoke("summarize", str(SEED_HTML), str(SEED_TXT), "--format", "json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert [d["source"] for d in doc] == [str(SEED_HTML), str(SEED_TXT)]


def test_jsonl_is_default_when_not_a_terminal() -> None:
    r = invoke("summarize", str(SEED_HTML), str(SEED_TXT))
    lines = r.stdout.splitlines()
    assert len(lines) == 2 and all(json.loads(x)["schema"] == "osint-cli/report/1" for x in lines)


def test_include_text() -> None:
    doc = json.loads(invoke("summarize", str(SEED_HTML), "--format", "json", "--include-text").stdout)
    assert "Yang Uk ist Militärexperte" in doc["text"]
    assert "text" not in json.loads(invoke("summarize", str(SEED_HTML), "--format", "json").stdout)


def test_stdin_html_and_plain_text() -> None:
    html = SEED_HTML.read_bytes()
    doc = json.loads(invoke("summarize", "-", "--format", "json", stdin=html).stdout)
    assert doc["metadata"]["title"].startswith("Nordkoreas")
    txt = SEED_TXT.read_bytes()
    doc = json.loads(invoke("summarize", "-", "--format", "json", "--reference-date", "2024-03-06", stdin=txt).stdout)
    assert doc["metadata"]["reference_date"] == "2024-03-06"
    assert doc["metadata"]["lang"] == "de"


def test_url_flag_sets_metadata_url() -> None:
    r = invoke("summarize", str(SEED_TXT), "--url", "https://example.org/a", "--format", "json")
    assert json.loads(r.stdout)["metadata"]["url"] == "https://example.org/a"


def test_csv_has_header_and_rows() -> None:
    r = invoke("summarize", str(SEED_HTML), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows, "the seed page has findings"
    assert set(rows[0]) >= {"source", "category", "text", "value", "start", "end", "rule"}


def test_markdown_sections() -> None:
    r = invoke("summarize", str(SEED_HTML), "--format", "markdown")
    for head in ("## Nordkoreas", "### Experts", "### Figures", "### Dates", "### Sources"):
        assert head in r.stdout


def test_table_lists_sections() -> None:
    r = invoke("summarize", str(SEED_HTML), "--format", "table")
    assert r.exit_code == 0
    for head in ("Experts", "Figures", "Dates", "Sources", "Published: 2024-03-06"):
        assert head in r.stdout


def test_missing_file_is_exit_1_with_one_line_and_error_record() -> None:
    r = invoke("summarize", "does-not-exist.html", str(SEED_HTML), "--format", "jsonl")
    assert r.exit_code == 1
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    assert recs[0]["error"]["type"] == "read"
    assert recs[1]["metadata"]["lang"] == "de", "a failed source does not stop the others"
    assert r.stderr.count("\n") == 1 and "does-not-exist.html" in r.stderr


def test_usage_errors_exit_2() -> None:
    assert invoke("summarize", str(SEED_HTML), "--format", "yaml").exit_code == 2
    assert invoke("summarize", str(SEED_HTML), "--reference-date", "6.3.2024").exit_code == 2
    assert invoke("summarize", str(SEED_HTML), str(SEED_TXT), "--url", "https://x.org").exit_code == 2


def test_reference_date_overrides_publication_date() -> None:
    doc = json.loads(invoke("summarize", str(SEED_HTML), "--format", "json", "--reference-date", "2025-01-01").stdout)
    assert doc["metadata"]["reference_date"] == "2025-01-01"
    assert doc["metadata"]["date"] == "2024-03-06"


def test_no_color_and_real_process() -> None:
    env = dict(os.environ, NO_COLOR="1", COLUMNS="100")
    p = subprocess.run([sys.executable, "-m", "osint_cli.cli", "summarize", str(SEED_HTML), "--format", "table"],
                       capture_output=True, env=env, timeout=60)
    assert p.returncode == 0
    assert b"\x1b[" not in p.stdout


def test_local_files_do_not_load_the_http_stack() -> None:
    code = (
        "import sys; from osint_cli import api; from osint_cli.settings import Settings; "
        f"list(api.summarize_many([{str(SEED_TXT)!r}], Settings(extractors=())));"
        "print('httpx' in sys.modules)"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.stdout.strip() == "False", p.stderr
