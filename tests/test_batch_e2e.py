"""osint batch end to end, against real HTTP servers on 127.0.0.2, 127.0.0.3, ... (separate hosts)."""

from __future__ import annotations

import io
import itertools
import json
from collections import Counter
from pathlib import Path

import pytest

from osint_cli.batch import PageCache, Stats, Tuning, process_url, run_batch
from osint_cli.batch.progress import Reporter
from osint_cli.settings import Settings

from .batchsrv import Host, Reply, Servers, fixture

SEED = fixture("../nordkorea-munition.html")
PORT = fixture("port-en.html")
FAST = Settings(allow_private=True, delay=0.0, connect_timeout=2.0, read_timeout=2.0, deadline=3.0, retries=0)
TUNING = Tuning(workers=2, tick=0.1)


@pytest.fixture
def servers():  # type: ignore[no-untyped-def]
    s = Servers()
    yield s
    s.close()


def pages(path: str) -> Reply:
    """Any /a/<n> path is an article: the seed page or the English one."""
    return Reply(SEED if hash(path) % 2 else PORT)


def run(tmp_path: Path, urls: list[str], settings: Settings = FAST, *, cache: PageCache | None = None,
        resume: bool = False, tuning: Tuning = TUNING) -> tuple[list[dict], Stats, str]:
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    err = io.StringIO()
    stats = run_batch(str(listing), settings, str(out), resume=resume, force=not resume, cache=cache, tuning=tuning,
                      reporter=Reporter(err, interval=3600), stderr=err)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return records, stats, err.getvalue()


def by_source(records: list[dict]) -> dict[str, dict]:
    counts = Counter(r["source"] for r in records)
    assert max(counts.values()) == 1, f"duplicated records: {[s for s, n in counts.items() if n > 1]}"
    return {r["source"]: r for r in records}


def test_list_with_comments_duplicates_and_bad_lines(servers: Servers, tmp_path: Path) -> None:
    a = servers.add(default=pages)
    b = servers.add(default=pages)
    good = [a.url(f"/a/{i}") for i in range(4)] + [b.url(f"/a/{i}") for i in range(4)]
    listing = ["# analysts' list", "", *good, good[0], good[5].replace("http://", "HTTP://"), "ftp://x.example/f",
               "not a url", f"http://{a.ip}:{a.port}/a/0#section"]
    records, stats, err = run(tmp_path, listing, with_(FAST, obey_robots=False))
    got = by_source(records)
    assert set(got) == set(good) | {"ftp://x.example/f", "not a url"}
    for url in good:
        assert got[url]["metadata"]["title"], got[url]
    assert got["ftp://x.example/f"]["error"]["type"] == "invalid_url"
    assert "line " in got["not a url"]["error"]["message"]
    assert stats.duplicates == 3 and stats.invalid == 2 and stats.ok == 8
    assert "warning: line" in err and "not a url" in err
    assert len(a.paths()) == 4 and len(b.paths()) == 4  # each page fetched once


def _fields(s: Settings) -> dict:
    return {name: getattr(s, name) for name in s.__dataclass_fields__}


def with_(s: Settings, **changes: object) -> Settings:
    """A copy of settings with some fields changed."""
    return Settings(**{**_fields(s), **changes})


def test_per_host_concurrency_holds(servers: Servers, tmp_path: Path) -> None:
    hosts = [servers.add(default=pages, latency=0.15) for _ in range(3)]
    urls = [h.url(f"/a/{i}") for i in range(8) for h in hosts]
    records, stats, _ = run(tmp_path, urls, with_(FAST, obey_robots=False, host_concurrency=2, concurrency=5))
    assert stats.ok == len(urls) and len(records) == len(urls)
    for h in hosts:  # two lanes per host, both used, never a third
        assert h.max_active == 2, f"{h.ip} served {h.max_active} at once"


def test_global_concurrency_holds(servers: Servers, tmp_path: Path) -> None:
    hosts = [servers.add(default=pages, latency=0.1) for _ in range(4)]
    urls = [h.url(f"/a/{i}") for i in range(6) for h in hosts]
    _, stats, _ = run(tmp_path, urls, with_(FAST, obey_robots=False, host_concurrency=2, concurrency=3))
    assert stats.ok == len(urls)
    total_max = _max_overlap(hosts, 0.1)
    assert total_max <= 3, total_max
    assert all(h.max_active <= 2 for h in hosts)


def _max_overlap(hosts: list[Host], latency: float) -> int:
    """Most requests that were being served at one moment, from start times and a known latency."""
    edges = sorted([(t, 1) for h in hosts for t in h.starts()] + [(t + latency * 0.95, -1) for h in hosts for t in h.starts()])
    cur = best = 0
    for _, d in edges:
        cur += d
        best = max(best, cur)
    return best


def test_per_host_delay_spaces_request_starts(servers: Servers, tmp_path: Path) -> None:
    a = servers.add(default=pages)
    b = servers.add(default=pages)
    urls = [h.url(f"/a/{i}") for i in range(5) for h in (a, b)]
    _, stats, _ = run(tmp_path, urls, with_(FAST, obey_robots=False, delay=0.2))
    assert stats.ok == 10
    for h in (a, b):
        starts = h.starts("/a/")
        gaps = [y - x for x, y in itertools.pairwise(starts)]
        assert min(gaps) >= 0.2 * 0.5 - 0.03, gaps  # randomised 0.5x to 1.5x, less a connection set-up
    # the two hosts are paced independently: b does not wait for a
    assert abs(a.starts("/a/")[0] - b.starts("/a/")[0]) < 0.15


ROBOTS = b"""User-agent: *
Disallow: /private
Allow: /private/open*.html
Disallow: /*.pdf$
Crawl-delay: 0.3

User-agent: otherbot
Disallow: /
"""


def test_robots_rules_wildcards_longest_match_and_crawl_delay(servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=pages, routes={"/robots.txt": Reply(ROBOTS, content_type="text/plain")})
    allowed = [h.url("/a/1"), h.url("/private/open-1.html"), h.url("/a/x.pdf?v=1")]
    refused = [h.url("/private/closed"), h.url("/private/open-1.htm"), h.url("/files/x.pdf")]
    records, _, _ = run(tmp_path, allowed + refused, with_(FAST, host_concurrency=2))
    got = by_source(records)
    for url in allowed:
        assert "error" not in got[url], got[url]
    for url in refused:
        assert got[url]["error"]["type"] == "robots"
    assert h.paths().count("/robots.txt") == 1
    assert not any(p.startswith("/private/closed") or p.endswith(".pdf") for p in h.paths())
    assert all("osint-cli" in hit.user_agent for hit in h.hits)
    starts = h.starts()  # robots.txt, then the three pages: at least the Crawl-delay apart
    gaps = [y - x for x, y in itertools.pairwise(starts)]
    assert len(starts) == 4 and min(gaps) >= 0.3 - 0.05, gaps  # less a connection set-up


@pytest.mark.parametrize(
    ("robots", "allowed"),
    [
        (Reply(b"gone", 404, "text/plain"), True),  # 4xx: no rules (RFC 9309 2.3.1.3)
        (Reply(b"nope", 403, "text/plain"), True),
        (Reply(b"oops", 503, "text/plain"), False),  # 5xx: unreachable, disallow all (2.3.1.4)
        (Reply(b"slow", 429, "text/plain"), False),
        (Reply(b"", 200, "text/plain"), True),  # empty file: no rules
    ],
    ids=["404", "403", "503", "429", "empty"],
)
def test_robots_fetch_outcomes(servers: Servers, tmp_path: Path, robots: Reply, allowed: bool) -> None:
    h = servers.add(default=pages, routes={"/robots.txt": robots})
    urls = [h.url("/a/1"), h.url("/a/2")]
    records, _, _ = run(tmp_path, urls)
    for r in records:
        assert ("error" not in r) is allowed, r
    if not allowed:
        assert h.paths() == ["/robots.txt"] or set(h.paths()) == {"/robots.txt"}


def test_unreachable_robots_disallows_and_ignore_robots_opts_out(servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=pages)
    dead = "http://127.0.0.1:9/a/1"  # the discard port: connection refused
    records, _, _ = run(tmp_path, [dead, h.url("/a/1")])
    got = by_source(records)
    assert got[dead]["error"]["type"] == "robots" and "unreachable" in got[dead]["error"]["message"]
    assert "error" not in got[h.url("/a/1")]
    records, _, _ = run(tmp_path, [dead], with_(FAST, obey_robots=False))
    assert records[0]["error"]["type"] != "robots"
    assert "/robots.txt" in h.paths()


def test_slow_and_failing_hosts_fail_alone(servers: Servers, tmp_path: Path) -> None:
    good = servers.add(default=pages)
    slow = servers.add(default=pages, latency=3.0)
    bad = servers.add(default=lambda p: Reply(b"down", 500, "text/plain"))
    binary = servers.add(default=lambda p: Reply(b"%PDF-1.7 ...", 200, "application/pdf"))
    urls = [good.url(f"/a/{i}") for i in range(4)] + [slow.url("/a/1"), bad.url("/a/1"), binary.url("/a/1")]
    records, stats, _ = run(tmp_path, urls, with_(FAST, obey_robots=False, read_timeout=0.5, deadline=0.8))
    got = by_source(records)
    assert [u for u in urls if "error" not in got[u]] == urls[:4]
    assert got[slow.url("/a/1")]["error"]["type"] in {"timeout", "fetch"}
    assert got[bad.url("/a/1")]["error"]["type"] in {"http_status", "fetch"}
    assert got[binary.url("/a/1")]["error"]["type"] == "unsupported_content"
    assert stats.failed == 3 and sum(stats.errors.values()) == 3
    # the slow host held nobody up: the fast host's pages were all asked for within its deadline
    assert max(good.starts("/a/")) < min(slow.starts("/a/")) + 0.8


def test_cached_pages_need_no_server(servers: Servers, tmp_path: Path) -> None:
    a = servers.add(default=pages)
    b = servers.add(default=pages)
    urls = [h.url(f"/a/{i}") for i in range(3) for h in (a, b)]
    cache_file = tmp_path / "pages.sqlite"
    with PageCache(cache_file) as cache:
        first, stats1, _ = run(tmp_path, urls, cache=cache)
    assert stats1.ok == 6 and stats1.cached == 0
    servers.close()  # no network from here on
    with PageCache(cache_file) as cache:
        second, stats2, _ = run(tmp_path, urls, cache=cache)
    assert stats2.ok == 6 and stats2.cached == 6
    assert by_source(first).keys() == by_source(second).keys()
    for url in urls:  # same pages, same reports; only the provenance says where the page came from
        old, new = by_source(first)[url], by_source(second)[url]
        assert (old["fetch"]["from_cache"], new["fetch"]["from_cache"]) == (False, True)
        assert new["fetch"] == {**old["fetch"], "from_cache": True}  # fetched_at: when it was fetched
        assert {**new, "fetch": None} == {**old, "fetch": None}
    # a page older than --max-age is fetched again: with the servers gone, that fails
    with PageCache(cache_file, max_age=0.0) as cache:
        third, stats3, _ = run(tmp_path, urls[:1], cache=cache)
    assert stats3.cached == 0 and third[0]["error"]["type"] in {"robots", "fetch"}


def test_resume_skips_recorded_urls_and_cuts_a_torn_line(servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=pages)
    urls = [h.url(f"/a/{i}") for i in range(6)]
    out = tmp_path / "out.jsonl"
    run(tmp_path, urls[:3], with_(FAST, obey_robots=False))
    # a crash in mid-write leaves half a line
    out.write_text(out.read_text() + '{"schema":"osint-cli/report/1","source":"' + urls[3][:10], encoding="utf-8")
    before = len(h.paths())
    records, stats, _ = run(tmp_path, urls, with_(FAST, obey_robots=False), resume=True)
    assert stats.skipped == 3 and stats.ok == 3
    assert sorted(r["source"] for r in records) == sorted(urls)
    assert len(h.paths()) - before == 3


def test_process_url_is_a_plain_function(servers: Servers) -> None:
    h = servers.add(default=pages)
    report = process_url(h.url("/a/1"), FAST)
    assert report.to_dict()["metadata"]["title"]
    failure = process_url("http://127.0.0.1:9/x", FAST)
    assert failure.to_dict()["error"]["type"] in {"fetch", "timeout"}
