"""The parts of osint batch one by one: list reading, resume scanning, robots rules, page cache, worker, progress."""

from __future__ import annotations

import io
import json
import sqlite3
import time
from pathlib import Path

import pytest
import typer

from osint_cli import api
from osint_cli.batch import work
from osint_cli.batch.cache import CachedPage, PageCache, compress, default_path
from osint_cli.batch.progress import Reporter, Stats
from osint_cli.batch.robots import (
    MAX_CRAWL_DELAY,
    RobotsDisallowed,
    product_token,
    rules_from,
)
from osint_cli.batch.sink import open_output, scan_done
from osint_cli.batch.urls import Dedup, InvalidURL, entries, normalize
from osint_cli.cli_args import parse_duration as _parse_duration
from osint_cli.errors import (
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    OutputExists,
    UnsupportedContent,
    UsageError,
)
from osint_cli.model import Page
from osint_cli.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "batch"


# --- URL lists ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "norm"),
    [
        ("http://Example.COM/a", "http://example.com/a"),
        ("HTTPS://example.com:443/a?b=1#frag", "https://example.com/a?b=1"),
        ("http://example.com:8080", "http://example.com:8080/"),
        ("http://example.com.:80/x", "http://example.com/x"),
        ("http://[::1]:8000/x", "http://[::1]:8000/x"),
        ("https://user:pw@example.com/p", "https://user:pw@example.com/p"),
    ],
)
def test_normalize(url: str, norm: str) -> None:
    assert normalize(url) == norm


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("example.com/a", "not an http"),
        ("ftp://example.com/a", "not an http"),
        ("http://exa mple.com/a", "white space"),
        ("http:///path", "no host"),
        ("http://example.com:99999/", "out of range"),
    ],
)
def test_invalid_urls(line: str, why: str) -> None:
    with pytest.raises(InvalidURL, match=why):
        normalize(line)


def test_entries_skip_blanks_and_comments_and_number_lines() -> None:
    lines = ["\ufeffhttp://a.example/1\n", "  \n", "# comment\n", "  http://a.example/2  \r\n", "junk\n"]
    got = list(entries(lines))
    assert [(e.lineno, e.url, e.error is None) for e in got] == [
        (1, "http://a.example/1", True), (4, "http://a.example/2", True), (5, "junk", False)]


def test_dedup_keeps_hashes_not_strings() -> None:
    d = Dedup()
    assert d.add("http://a.example/1") and not d.add("http://a.example/1")
    assert "http://a.example/1" in d and "http://a.example/2" not in d
    assert all(isinstance(k, bytes) and len(k) == 8 for k in d._seen)


# --- output and --resume -----------------------------------------------------------------
def test_scan_done_cuts_a_torn_line_and_ignores_foreign_lines(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    good = [json.dumps({"source": "HTTP://A.example/1"}), json.dumps({"source": "junk line", "error": {}}), "not json"]
    out.write_text("\n".join(good) + "\n" + '{"source": "http://a.example/2', encoding="utf-8")
    done = scan_done(out)
    assert "http://a.example/1" in done and "junk line" in done and "http://a.example/2" not in done
    assert out.read_text(encoding="utf-8").endswith("not json\n")


def test_resume_refuses_stdout() -> None:
    with pytest.raises(UsageError), open_output(None, resume=True):
        pass


def test_output_without_resume_starts_afresh_only_with_force(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    out.write_text('{"source": "http://a.example/1"}\n')
    with pytest.raises(OutputExists, match="--force"):
        with open_output(str(out), resume=False):
            pass
    assert out.read_text() == '{"source": "http://a.example/1"}\n'  # refused: nothing lost
    with open_output(str(out), resume=False, force=True) as (sink, done):
        sink.write('{"source": "http://b.example/1"}')
        assert len(done) == 0
    assert out.read_text() == '{"source": "http://b.example/1"}\n'


# --- robots.txt --------------------------------------------------------------------------
ROBOTS = """User-agent: *
Disallow: /private/
Allow: /private/public*
Disallow: /*.pdf$
Crawl-delay: 5

User-agent: osint-cli
Disallow: /no-osint/
Crawl-delay: 120
"""


def page(text: str) -> Page:
    return Page(source="http://h.example/robots.txt", url=None, body=text.encode(), content_type="text/plain")


@pytest.mark.parametrize(
    ("path", "agent", "allowed"),
    [
        ("/a", "otherbot", True),
        ("/private/x", "otherbot", False),
        ("/private/public-1", "otherbot", True),  # longest match wins
        ("/doc.pdf", "otherbot", False),
        ("/doc.pdf?x=1", "otherbot", True),  # $ anchors the end
        ("/private/x", "osint-cli", True),  # our own group replaces the * group
        ("/no-osint/x", "osint-cli", False),
    ],
)
def test_robots_rules(path: str, agent: str, allowed: bool) -> None:
    rules = rules_from(page(ROBOTS))
    url = "http://h.example" + path
    if allowed:
        rules.check(url, agent)
    else:
        with pytest.raises(RobotsDisallowed):
            rules.check(url, agent)


def test_crawl_delay_is_capped() -> None:
    rules = rules_from(page(ROBOTS))
    assert rules.crawl_delay("otherbot") == 5.0
    assert rules.crawl_delay("osint-cli") == MAX_CRAWL_DELAY
    assert rules_from(page("User-agent: *\nDisallow:\n")).crawl_delay("x") is None


@pytest.mark.parametrize(
    ("error", "allowed"),
    [
        (HTTPStatusError("404", 404), True),
        (HTTPStatusError("401", 401), True),
        (HTTPStatusError("429", 429), False),
        (HTTPStatusError("500", 500), False),
        (FetchTimeout("slow"), False),
        (FetchError("refused"), False),
        (UnsupportedContent("a PDF"), True),
    ],
)
def test_robots_fetch_errors(error: Exception, allowed: bool) -> None:
    rules = rules_from(error)  # type: ignore[arg-type]
    if allowed:
        rules.check("http://h.example/a", "osint-cli")
    else:
        with pytest.raises(RobotsDisallowed, match="unreachable"):
            rules.check("http://h.example/a", "osint-cli")


def test_product_token() -> None:
    assert product_token(Settings().user_agent) == "osint-cli"


# --- page cache --------------------------------------------------------------------------
def test_cache_round_trip_compressed_in_wal_mode(tmp_path: Path) -> None:
    body = (FIXTURES.parent / "nordkorea-munition.html").read_bytes()
    p = Page(source="http://a.example/x", url="http://a.example/x?final", body=body, status=200,
             content_type="text/html; charset=utf-8", charset="utf-8")
    with PageCache(tmp_path / "c.sqlite") as cache:
        assert cache.get("http://a.example/x") is None
        cache.put_page("http://a.example/x", p)
        hit = cache.get("http://a.example/x")
        assert hit is not None and len(hit.zbody) < len(body) / 2
        assert hit.page("as listed") == Page(source="as listed", url=p.url, body=body, status=200,
                                             content_type=p.content_type, charset="utf-8")
    db = sqlite3.connect(tmp_path / "c.sqlite")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_cache_max_age(tmp_path: Path) -> None:
    old = CachedPage("http://a.example/x", None, 200, "text/html", None, time.time() - 3600, compress(b"<p>x</p>"))
    with PageCache(tmp_path / "c.sqlite", max_age=60) as cache:
        cache.put(old)
        assert cache.get("http://a.example/x") is None
    with PageCache(tmp_path / "c.sqlite", max_age=7200) as cache:
        assert cache.get("http://a.example/x") is not None


def test_default_cache_path_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_path() == tmp_path / "osint-cli" / "pages.sqlite"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_path().parts[-3:] == (".cache", "osint-cli", "pages.sqlite")


# --- the worker --------------------------------------------------------------------------
def job(body: bytes, compressed: bool = False, cache_it: bool = False) -> work.Job:
    return work.Job("http://a.example/x", "http://a.example/x", "http://a.example/x", 200, "text/html", None,
                    compress(body) if compressed else body, compressed, cache_it, 1.0)


def test_run_job_gives_a_json_line_and_what_to_cache() -> None:
    body = (FIXTURES / "port-en.html").read_bytes()
    done = work.run_job(job(body, compressed=True), Settings())
    rec = json.loads(done.line)
    assert rec["source"] == "http://a.example/x" and rec["metadata"]["title"] == "Port traffic falls for a third month"
    assert done.error is None and done.cached is None
    done = work.run_job(job(body, cache_it=True), Settings())
    assert done.cached is not None and done.cached.url == "http://a.example/x"


def test_run_job_turns_errors_into_records(monkeypatch: pytest.MonkeyPatch) -> None:
    done = work.run_job(job(b"   "), Settings())
    assert done.error == "no_text" and json.loads(done.line)["error"]["type"] == "no_text"

    def broken(page: Page, settings: Settings) -> None:
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(api, "summarize_page", broken)
    done = work.run_job(job(b"<p>x</p>"), Settings())
    assert done.error == "internal" and "ZeroDivisionError" in json.loads(done.line)["error"]["message"]


def test_run_job_stops_a_page_that_takes_too_long(monkeypatch: pytest.MonkeyPatch) -> None:
    def stuck(page: Page, settings: Settings) -> None:
        try:
            time.sleep(5)
        except Exception:  # noqa: BLE001, S110 - as careless library code does
            pass

    monkeypatch.setattr(api, "summarize_page", stuck)
    t0 = time.monotonic()
    done = work.run_job(job(b"<p>x</p>"), Settings(), timeout=0.2)
    assert done.error == "parse_timeout" and time.monotonic() - t0 < 1.0


# --- progress ----------------------------------------------------------------------------
def test_plain_progress_lines_and_summary() -> None:
    err = io.StringIO()
    rep = Reporter(err, interval=0.0)
    stats = Stats(total=10, ok=3, failed=1, cached=2)
    stats.errors["timeout"] = 1
    rep.update(stats)
    assert "4/10 done, 1 failed, 2 cached" in err.getvalue() and "ETA" in err.getvalue()
    rep.summary(stats)
    out = err.getvalue()
    assert "summarised" in out and "timeout" in out and "\x1b[" not in out  # no colour codes in a file


@pytest.mark.parametrize(("text", "seconds"), [("3600", 3600), ("90m", 5400), ("12h", 43200), ("7d", 604800), ("0", 0)])
def test_parse_duration(text: str, seconds: float) -> None:
    assert _parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["soon", "-5", "h"])
def test_parse_duration_refuses(text: str) -> None:
    with pytest.raises(typer.BadParameter):
        _parse_duration(text)
