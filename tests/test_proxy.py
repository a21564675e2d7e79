"""Proxies and provenance against real local servers: a forward proxy started here sees the
requests when HTTP(S)_PROXY or --proxy say so, and none under NO_PROXY; every record says
where its bytes came from."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from osint_cli import Settings, summarize_source
from osint_cli.cli import app
from osint_cli.fetch.transport import check_proxy, content_variant, proxy_routes

from .httpserver import ARTICLE, TestServer
from .proxyserver import ProxyServer, Socks5Server

runner = CliRunner()
PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy", "no_proxy")


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in PROXY_VARS:
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def proxy() -> Iterator[ProxyServer]:
    with ProxyServer() as p:
        yield p


def summarize(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    r = runner.invoke(app, ["summarize", *args, "--allow-private", "-f", "jsonl"], env=env)
    return r.exit_code, r.stdout, r.stderr


def test_http_proxy_variable_carries_the_request(server: TestServer, proxy: ProxyServer) -> None:
    url = server.url("/article?via=env")
    code, out, err = summarize(url, env={"HTTP_PROXY": proxy.url})
    assert code == 0, err
    assert ("GET", url) in proxy.seen()  # absolute-form: the proxy fetched it for us
    assert json.loads(out)["metadata"]["title"].startswith("Nordkoreas")


def test_no_proxy_goes_direct(server: TestServer, proxy: ProxyServer) -> None:
    code, _, err = summarize(server.url("/article?via=direct"), env={"HTTP_PROXY": proxy.url, "NO_PROXY": "127.0.0.1"})
    assert code == 0, err
    assert proxy.seen() == []


def test_https_proxy_variable_tunnels_with_connect(proxy: ProxyServer) -> None:
    with TestServer(tls=True) as tls:
        url = tls.url("/article")
        code, _, err = summarize(url, env={"HTTPS_PROXY": proxy.url})
        host = url.split("/")[2]
        assert ("CONNECT", host) in proxy.seen()
        # the tunnel reached the server: its self-signed certificate is what stops us
        assert code == 1 and "TLS certificate" in err
        proxy.requests.clear()
        summarize(url, env={"HTTPS_PROXY": proxy.url, "NO_PROXY": "localhost,127.0.0.1"})
        assert proxy.seen() == []


def test_proxy_flag_overrides_the_environment(server: TestServer, proxy: ProxyServer) -> None:
    url = server.url("/article?via=flag")
    code, _, err = summarize(url, "--proxy", proxy.url, env={"NO_PROXY": "*"})
    assert code == 0, err
    assert proxy.seen() == [("GET", url)]


def test_user_agent_flag_is_sent(server: TestServer, proxy: ProxyServer) -> None:
    url = server.url("/echo?via=ua")
    code, _, err = summarize(url, "--user-agent", "Analyst/2.0 (desk 4)", "--proxy", proxy.url)
    assert code == 0, err
    assert proxy.seen() == [("GET", url)]
    assert server.headers_seen["/echo?via=ua"]["user-agent"] == "Analyst/2.0 (desk 4)"


def test_bad_proxy_is_a_usage_error() -> None:
    r = runner.invoke(app, ["summarize", "x.html", "--proxy", "ftp://proxy.example:21"])
    assert r.exit_code == 2 and "not supported" in r.stderr
    r = runner.invoke(app, ["summarize", "x.html"], env={"HTTPS_PROXY": "gopher://proxy.example:70"})
    assert r.exit_code == 2 and "from the environment" in r.stderr and "Traceback" not in r.stderr


def test_proxy_routes_read_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "proxy.example:3128")
    monkeypatch.setenv("ALL_PROXY", "socks5h://tor.example:9050")
    monkeypatch.setenv("NO_PROXY", "internal.example,10.0.0.1,::1,localhost")
    routes = proxy_routes(Settings())
    assert routes["https://"] == "http://proxy.example:3128"  # a bare host:port is an http proxy
    assert routes["all://"] == "socks5h://tor.example:9050"
    assert routes["all://*internal.example"] is None and routes["all://10.0.0.1"] is None
    assert routes["all://[::1]"] is None and routes["all://localhost"] is None
    assert proxy_routes(Settings(proxy="socks5://127.0.0.1:1080")) == {"all://": "socks5://127.0.0.1:1080"}
    monkeypatch.setenv("NO_PROXY", "*")
    assert proxy_routes(Settings()) == {}


def test_socks5_proxy_carries_the_request(server: TestServer) -> None:
    with Socks5Server() as socks:
        url = server.url("/article?via=socks")
        code, out, err = summarize(url, "--proxy", socks.url)
        assert code == 0, err
        assert socks.seen() == [("SOCKS-CONNECT", url.split("/")[2])]
        assert json.loads(out)["fetch"]["final_url"] == url
    assert check_proxy("socks5h://tor.example:9050") == "socks5h://tor.example:9050"


def test_user_agent_and_proxy_change_the_cache_key(monkeypatch: pytest.MonkeyPatch) -> None:
    assert content_variant(Settings()) == ""
    ua, via = content_variant(Settings(user_agent="Other/1.0")), content_variant(Settings(proxy="http://p.example:8080"))
    assert ua and via and ua != via
    monkeypatch.setenv("HTTPS_PROXY", "http://p.example:8080")
    assert content_variant(Settings()) != ""


def test_provenance_of_a_fetched_page(server: TestServer) -> None:
    url = server.url("/redirect?n=2")
    before = datetime.now(UTC) - timedelta(seconds=1)
    code, out, err = summarize(url)
    assert code == 0, err
    rec = json.loads(out)
    fetch = rec["fetch"]
    assert fetch["requested_url"] == url
    assert fetch["final_url"] == server.url("/article")
    assert fetch["status"] == 200 and fetch["from_cache"] is False
    assert fetch["sha256"] == hashlib.sha256(ARTICLE).hexdigest()  # the bytes the server sent
    assert before <= datetime.fromisoformat(fetch["fetched_at"]) <= datetime.now(UTC)
    assert rec["tool"]["name"] == "osint-cli" and rec["tool"]["version"]
    # the URL the user gave stays in metadata.url; the page's own canonical link apart
    assert rec["metadata"]["url"] == url
    assert rec["metadata"]["canonical_url"] == "https://www.zeitung.example/international/nordkorea-munition-russland"


def test_provenance_of_a_saved_page(tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "saved.html"
    page.write_bytes(ARTICLE)
    r = runner.invoke(app, ["summarize", str(page), "--url", "https://news.example/a?id=7", "-f", "json"])
    rec = json.loads(r.stdout)
    assert rec["metadata"]["url"] == "https://news.example/a?id=7"  # not replaced by the canonical link
    assert rec["fetch"] == {"requested_url": None, "final_url": None, "status": None, "fetched_at": None,
                            "sha256": hashlib.sha256(ARTICLE).hexdigest(), "from_cache": False}


def test_library_call_has_provenance(server: TestServer) -> None:
    report = summarize_source(server.url("/article?lib=1"), Settings(allow_private=True))
    assert report.fetch is not None and report.fetch.sha256 == hashlib.sha256(ARTICLE).hexdigest()


def run_batch(urls: list[str], *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    root = Path(__file__).resolve().parents[1]
    full = {k: v for k, v in os.environ.items() if k not in PROXY_VARS}
    full.update(env, PYTHONPATH=str(root))
    return subprocess.run([sys.executable, "-m", "osint_cli.cli", "batch", "-", "--delay", "0", "--ignore-robots", "--no-cache",
                           "--workers", "1", "--allow-private", *args], input="\n".join(urls) + "\n", capture_output=True,
                          text=True, env=full, cwd=root, timeout=120, check=False)


def test_batch_honours_proxy_variables_and_flag(server: TestServer, proxy: ProxyServer) -> None:
    urls = [server.url(f"/article?batch={i}") for i in range(3)]
    via_env = run_batch(urls, env={"HTTP_PROXY": proxy.url})
    assert via_env.returncode == 0, via_env.stderr
    assert sorted(proxy.seen()) == sorted(("GET", u) for u in urls)
    proxy.requests.clear()
    direct = run_batch(urls, env={"HTTP_PROXY": proxy.url, "NO_PROXY": "127.0.0.1"})
    assert direct.returncode == 0, direct.stderr
    assert proxy.seen() == []
    flag = run_batch(urls[:1], "--proxy", proxy.url, "--user-agent", "Desk/1", env={"NO_PROXY": "*"})
    assert flag.returncode == 0, flag.stderr
    assert proxy.seen() == [("GET", urls[0])]
    assert server.headers_seen["/article?batch=0"]["user-agent"] == "Desk/1"
