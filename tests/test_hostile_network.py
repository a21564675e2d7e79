"""Network policy against real servers: non-public addresses refused by default (list entries,
URLs and every redirect), robots.txt for every host a redirect reaches, no credentials in output."""

from __future__ import annotations

import asyncio
import io
import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from osint_cli.batch import Tuning, run_batch
from osint_cli.batch.progress import Reporter
from osint_cli.cli import app
from osint_cli.errors import FetchError
from osint_cli.fetch import afetch, fetch, make_async_client, safety
from osint_cli.fetch.safety import (
    BlockedAddress,
    address_problem,
    check_peer,
    redact,
    scrub,
)
from osint_cli.settings import Settings

from .batchsrv import Reply, Servers, fixture
from .httpserver import TestServer

STRICT = Settings(backoff=0.01, retries=0)  # allow_private stays False: the default policy
SEED = fixture("../nordkorea-munition.html")


def _async_fetch(url: str, settings: Settings) -> object:
    async def go() -> object:
        async with make_async_client(settings) as client:
            return await afetch(url, settings, client)

    return asyncio.run(go())


GETS = {"sync": fetch, "async": _async_fetch}


@pytest.fixture
def servers():  # type: ignore[no-untyped-def]
    s = Servers()
    yield s
    s.close()


@pytest.fixture
def public_127_0_0_1(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend 127.0.0.1 is a public host, so a redirect from it to a private address can be tested for real."""
    original = safety._non_public

    def patched(ip):  # type: ignore[no-untyped-def]
        return None if str(ip) == "127.0.0.1" else original(ip)

    monkeypatch.setattr(safety, "_non_public", patched)


# --- the classification ------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "::1",
                                  "[fe80::1]", "::ffff:127.0.0.1", "0.0.0.0", "100.64.0.1", "224.0.0.1", "localhost"])
def test_non_public_hosts_have_a_problem(host: str) -> None:
    assert address_problem(host, 80)


@pytest.mark.parametrize("host", ["93.184.216.34", "8.8.8.8", "2001:4860:4860::8888", "nonexistent.invalid"])
def test_public_or_unresolvable_hosts_pass(host: str) -> None:
    assert address_problem(host, 80) is None  # an unknown name fails later, as "unknown host"


def test_peer_check_catches_a_rebound_name() -> None:
    assert check_peer(("127.0.0.1", 80)) and check_peer(("169.254.169.254", 80, 0, 0))
    assert check_peer(("93.184.216.34", 443)) is None and check_peer(None) is None


# --- list entries and URLs ---------------------------------------------------------------


@pytest.mark.parametrize("mode", GETS)
def test_loopback_url_refused_without_a_request(server: TestServer, mode: str) -> None:
    before = server.count("/article")
    with pytest.raises(BlockedAddress, match="loopback") as info:
        GETS[mode](server.url("/article"), STRICT)  # type: ignore[operator]
    assert info.value.kind == "blocked_address" and "--allow-private" in str(info.value)
    assert server.count("/article") == before  # refused before connecting
    GETS[mode](server.url("/article"), Settings(allow_private=True))  # type: ignore[operator]


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::1]:9/",
                                 "http://2130706433:9/", "http://localhost:9/"])
def test_metadata_service_and_private_hosts_refused_at_once(url: str) -> None:
    t0 = time.monotonic()
    with pytest.raises(BlockedAddress):
        fetch(url, STRICT)
    assert time.monotonic() - t0 < 2  # refused, not timed out against an unroutable address


def test_summarize_refuses_private_by_default_and_allows_with_the_flag(server: TestServer) -> None:
    url = server.url("/article")
    r = CliRunner().invoke(app, ["summarize", url, "-f", "jsonl"])
    assert r.exit_code == 1
    rec = json.loads(r.stdout)
    assert rec["error"]["type"] == "blocked_address" and rec["source"] == url
    assert "osint: error:" in r.stderr and "Traceback" not in r.stderr
    r = CliRunner().invoke(app, ["summarize", "--allow-private", url, "-f", "jsonl"])
    assert r.exit_code == 0 and "error" not in json.loads(r.stdout)


# --- redirects ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode", GETS)
@pytest.mark.parametrize("target", ["http://169.254.169.254/latest/meta-data/", "http://127.0.0.2:9/x", "http://[::1]:9/"])
def test_redirect_to_private_refused(server: TestServer, public_127_0_0_1: None, mode: str, target: str) -> None:
    with pytest.raises(BlockedAddress, match="redirected to") as info:
        GETS[mode](server.url(f"/redirect?to={target}"), STRICT)  # type: ignore[operator]
    assert str(info.value).startswith(server.url("/redirect"))


def test_redirect_to_public_followed(server: TestServer, public_127_0_0_1: None) -> None:
    page = fetch(server.url("/redirect?n=2"), STRICT)
    assert page.url == server.url("/article")


def test_batch_refuses_private_entries_and_redirects(servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=lambda p: Reply(SEED))
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{h.url('/a/1')}\nhttp://169.254.169.254/latest/meta-data/\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    err = io.StringIO()
    stats = run_batch(str(listing), Settings(delay=0.0, retries=0), str(out), tuning=Tuning(workers=1),
                      reporter=Reporter(err, interval=3600), stderr=err)
    records = [json.loads(x) for x in out.read_text().splitlines()]
    assert sorted(r["error"]["type"] for r in records) == ["blocked_address", "blocked_address"]
    assert stats.failed == 2 and h.paths() == []  # not even robots.txt was asked for


# --- robots.txt on every host a redirect reaches -----------------------------------------


def test_batch_checks_robots_of_a_redirect_target(servers: Servers, tmp_path: Path) -> None:
    robots_b = Reply(b"User-agent: *\nDisallow: /secret\n", content_type="text/plain")
    b = servers.add(default=lambda p: Reply(SEED), routes={"/robots.txt": robots_b})
    a = servers.add(default=lambda p: Reply(SEED), routes={"/robots.txt": Reply(b"", content_type="text/plain")})
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join([a.url("/ok"), f"{a.url('/go')}"]) + "\n", encoding="utf-8")
    _patch_location(a, "/go", b.url("/secret/page"))
    out = tmp_path / "out.jsonl"
    err = io.StringIO()
    run_batch(str(listing), Settings(allow_private=True, delay=0.0, retries=0), str(out), tuning=Tuning(workers=1),
              reporter=Reporter(err, interval=3600), stderr=err)
    got = {r["source"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert "error" not in got[a.url("/ok")]
    assert got[a.url("/go")]["error"]["type"] == "robots"
    assert "/robots.txt" in b.paths() and not any(p.startswith("/secret") for p in b.paths())


def _patch_location(host, path: str, location: str) -> None:  # type: ignore[no-untyped-def]
    """Make ``host`` answer ``path`` with a 302 to ``location`` (batchsrv sends no Location of its own)."""
    handler = host.server.RequestHandlerClass
    original = handler.do_GET

    def do_get(self) -> None:  # type: ignore[no-untyped-def]
        if self.path == path:
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        original(self)

    handler.do_GET = do_get


# --- credentials -------------------------------------------------------------------------


def test_redact_and_scrub() -> None:
    assert redact("https://user:pa@ss@host.example/a@b") == "https://host.example/a@b"
    assert redact("http://host.example/x") == "http://host.example/x"
    assert scrub("see http://u:p@h.example/ and HTTPS://a@b.example/c") == "see http://h.example/ and HTTPS://b.example/c"


def test_summarize_never_prints_credentials(server: TestServer) -> None:
    ok = server.url("/article").replace("http://", "http://alice:s3cr3t@")
    bad = server.url("/status?code=404").replace("http://", "http://alice:s3cr3t@")
    loop = server.url("/loop-a").replace("http://", "http://alice:s3cr3t@")
    for fmt in ("jsonl", "table", "markdown", "csv"):
        r = CliRunner().invoke(app, ["summarize", "--allow-private", ok, bad, loop, "-f", fmt])
        assert r.exit_code == 1
        assert "s3cr3t" not in r.stdout and "alice" not in r.stdout, fmt
        assert "s3cr3t" not in r.stderr and "alice" not in r.stderr, fmt
    r = CliRunner().invoke(app, ["summarize", "--allow-private", ok, "-f", "json"])
    report = json.loads(r.stdout)
    assert report["source"] == server.url("/article")  # metadata.url is the page's canonical address here
    assert "alice" not in json.dumps(report)


def test_blocked_message_names_no_credentials() -> None:
    with pytest.raises(FetchError) as info:
        fetch("http://bob:hunter2@169.254.169.254/", STRICT)
    assert "hunter2" not in str(info.value) and "bob" not in str(info.value)


def test_batch_never_writes_credentials(servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=lambda p: Reply(SEED) if p != "/gone" else Reply(b"x", 404, "text/plain"))
    urls = [h.url(p).replace("http://", "http://alice:s3cr3t@") for p in ("/a/1", "/gone")] + ["http://alice:s3cr3t@bad host/"]
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    err = io.StringIO()
    cache_path = tmp_path / "c.sqlite"
    from osint_cli.batch import PageCache

    with PageCache(cache_path) as cache:
        run_batch(str(listing), Settings(allow_private=True, delay=0.0, retries=0, obey_robots=False), str(out),
                  cache=cache, tuning=Tuning(workers=1), reporter=Reporter(err, interval=3600), stderr=err)
    text = out.read_text()
    assert len(text.splitlines()) == 3
    assert "s3cr3t" not in text and "alice" not in text
    assert "s3cr3t" not in err.getvalue()
    assert b"s3cr3t" not in cache_path.read_bytes()  # nor the cache keys
    assert h.url("/a/1") in {json.loads(x)["source"] for x in text.splitlines()}


@pytest.mark.parametrize("mode", GETS)
def test_a_name_that_rebinds_to_loopback_is_caught_at_the_connection(server: TestServer, mode: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # the DNS check saw a public address; the connection then reached 127.0.0.1 (DNS rebinding)
    monkeypatch.setattr("osint_cli.fetch.policy.address_problem", lambda host, port: None)
    monkeypatch.setattr("osint_cli.fetch.policy.urllib.request.getproxies", dict)
    with pytest.raises(BlockedAddress, match="connected to 127.0.0.1"):
        GETS[mode](server.url("/article"), STRICT)  # type: ignore[operator]


@pytest.mark.parametrize("mode", GETS)
def test_through_a_proxy_the_peer_is_the_proxy_and_is_not_refused(server: TestServer, mode: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # the proxy environment is read only once a peer would be refused: there it still decides
    monkeypatch.setattr("osint_cli.fetch.policy.address_problem", lambda host, port: None)
    monkeypatch.setattr("osint_cli.fetch.policy.urllib.request.getproxies", lambda: {"http": "http://proxy.invalid:3128"})
    page = GETS[mode](server.url("/article"), STRICT)  # type: ignore[operator]
    assert page.status == 200 and page.body
