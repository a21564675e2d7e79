"""The ``summarize`` command end to end against a real local HTTP server.

A few runs go through ``python -m osint_cli.cli`` in a subprocess (the real entry point,
exit codes and stderr as a user sees them); the rest use typer's CliRunner in-process.
Slow cases (stalls, trickles) are covered in test_fetch.py with a short deadline.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from .httpserver import TestServer
from typer.testing import CliRunner

from osint_cli.cli import app
from osint_cli.model import SCHEMA

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "nordkorea-munition.html"
TITLE = "Nordkoreas Waffendeal mit Russland könnte Folgen haben"


def _private(args: tuple[str, ...]) -> list[str]:
    """The test server is on 127.0.0.1: summarize must be allowed to fetch it."""
    return [*args[:1], "--allow-private", *args[1:]] if args[:1] == ("summarize",) else list(args)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m osint_cli.cli ARGS`` with this checkout's code, as a user would run it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "osint_cli.cli", *_private(args)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60, check=False
    )


def invoke(*args: str) -> Any:
    """The CLI in-process; stdout and stderr kept apart."""
    return CliRunner().invoke(app, _private(args))


def error_lines(stderr: str) -> list[str]:
    """stderr lines that report a failed source."""
    return [line for line in stderr.splitlines() if line.startswith("osint: error: ")]


def assert_error_record(record: dict[str, Any], source: str, kind: str) -> None:
    """An error record: schema, source and a one-line message that names the source."""
    assert record["schema"] == SCHEMA
    assert record["source"] == source
    assert set(record) == {"schema", "source", "tool", "error"}
    assert record["error"]["type"] == kind
    assert record["error"]["message"].startswith(source + ": ")
    assert "\n" not in record["error"]["message"]


# --- subprocess: the real thing ----------------------------------------------------------


def test_one_url_succeeds(server: TestServer) -> None:
    url = server.url("/article")
    r = run_cli("summarize", url, "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["schema"] == SCHEMA and report["source"] == url
    assert report["metadata"]["title"] == TITLE
    assert "error" not in report and "Traceback" not in r.stderr


def test_mixed_sources_fail_alone(server: TestServer, uid: str, tmp_path: Path) -> None:
    ok, flaky = server.url("/article"), server.url(f"/flaky?fail=1&{uid}")
    bad = {
        server.url("/status?code=404"): "http_status",
        server.url("/loop-a"): "redirects",
        server.url("/typed?kind=pdf&ctype=application/pdf"): "unsupported_content",
        server.url("/bomb"): "too_large",
        str(tmp_path / "missing.html"): "read",
    }
    sources = [next(iter(bad)), ok, *list(bad)[1:], flaky, str(FIXTURE)]
    r = run_cli("summarize", *sources, "--format", "json")
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    records = json.loads(r.stdout)
    assert [rec["source"] for rec in records] == sources  # every source, in order
    for rec in records:
        if rec["source"] in bad:
            assert_error_record(rec, rec["source"], bad[rec["source"]])
        else:
            assert rec["metadata"]["title"] == TITLE  # after the failures, the others still ran
    lines = error_lines(r.stderr)
    assert len(lines) == len(bad)
    for source in bad:
        assert sum(source in line for line in lines) == 1


def test_usage_error_exit_2() -> None:
    r = run_cli("summarize", "a.html", "b.html", "--url", "https://example.org/")
    assert r.returncode == 2 and "Traceback" not in r.stderr


# --- in-process --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "kind", "words"),
    [
        ("/status?code=404", "http_status", "HTTP 404"),
        ("/redirect?n=11", "redirects", "more than 10 redirects"),
        ("/loop-a", "redirects", "redirect loop"),
        ("/big", "too_large", "16 MiB"),
        ("/big?nolength", "too_large", "16 MiB"),
        ("/bomb", "too_large", "after decompression"),
        ("/typed?kind=pdf&ctype=application/pdf", "unsupported_content", "PDF"),
        ("/typed?kind=pdf&ctype=text/html", "unsupported_content", "PDF"),
        ("/typed?kind=png&ctype=image/png", "unsupported_content", "image"),
        ("/typed?kind=binary&ctype=text/html", "unsupported_content", "binary"),
        ("/typed?kind=empty&ctype=text/html", "no_text", "no text"),
        ("/encoded?coding=br", "fetch", "content encoding 'br'"),
    ],
)
def test_failing_source_gives_exit_1_and_error_record(server: TestServer, path: str, kind: str, words: str) -> None:
    url = server.url(path)
    result = invoke("summarize", url, "--format", "json")
    assert result.exit_code == 1
    record = json.loads(result.stdout)
    assert_error_record(record, url, kind)
    assert words in record["error"]["message"]
    assert error_lines(result.stderr) == [f"osint: error: {record['error']['message']}"]
    assert "Traceback" not in result.stderr


def test_server_error_then_success_is_retried(server: TestServer, uid: str) -> None:
    path = f"/flaky?fail=1&code=500&{uid}"
    result = invoke("summarize", server.url(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["metadata"]["title"] == TITLE
    assert server.count(path) == 2


def test_retry_after_then_success(server: TestServer, uid: str) -> None:
    path = f"/flaky?fail=1&code=429&retry_after=1&{uid}"
    result = invoke("summarize", server.url(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert server.times[path][1] - server.times[path][0] >= 0.95


def test_redirect_reports_final_url(server: TestServer) -> None:
    result = invoke("summarize", server.url("/redirect?n=3"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["source"] == server.url("/redirect?n=3")


@pytest.mark.parametrize(
    "path",
    [
        "/typed?kind=cp1252&ctype=text/html",  # windows-1252, no declaration anywhere
        "/wrong-charset?declared=utf-8&actual=cp1252",
        "/wrong-charset?declared=iso-8859-1&actual=utf-8",
        "/encoded?coding=gzip",
    ],
)
def test_text_comes_out_right(server: TestServer, path: str) -> None:
    result = invoke("summarize", server.url(path), "--format", "json", "--include-text")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["metadata"]["title"] == TITLE
    assert "Munitions- und Waffenlieferant" in report["text"] or "Nordkorea" in report["text"]
    assert "\ufffd" not in report["text"] and "Ã" not in report["text"]
    assert any(ch in report["text"] for ch in "äöüÄÖÜß")


def test_jsonl_streams_reports_and_errors(server: TestServer) -> None:
    ok, bad = server.url("/article"), server.url("/status?code=404")
    result = invoke("summarize", bad, ok, "--format", "jsonl")
    assert result.exit_code == 1
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert_error_record(first, bad, "http_status")
    assert second["source"] == ok and second["metadata"]["title"] == TITLE


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown"])
def test_other_formats_survive_failures(server: TestServer, fmt: str) -> None:
    result = invoke("summarize", server.url("/status?code=404"), server.url("/article"), "--format", fmt)
    assert result.exit_code == 1
    assert len(error_lines(result.stderr)) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("url", ["http://", "http://exa mple.org/", "https://[::1/"])
def test_invalid_url_is_a_source_error(url: str) -> None:
    result = invoke("summarize", url, "--format", "json")
    assert result.exit_code == 1
    assert_error_record(json.loads(result.stdout), url, "fetch")
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_all_ok_exit_0(server: TestServer) -> None:
    result = invoke("summarize", server.url("/article"), server.url("/plain"), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2
