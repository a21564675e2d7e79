"""`osint batch` inputs and outputs for analysts: RSS/Atom/JSON feeds, sitemaps, a folder of
saved pages, tracking-parameter duplicates, --retry-failed, CSV and --only; against real
local servers, the batch run as a real process."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from osint_cli.batch.feeds import InputError, feed_urls, sitemap_urls
from osint_cli.batch.urls import normalize
from osint_cli.settings import Settings

from .batchsrv import Reply, Servers, fixture

ROOT = Path(__file__).resolve().parent.parent
SEED = fixture("../nordkorea-munition.html")
LOCAL = Settings(allow_private=True)
FAST = ["--delay", "0", "--ignore-robots", "--no-cache", "--workers", "1", "--allow-private"]


@pytest.fixture
def servers():  # type: ignore[no-untyped-def]
    s = Servers()
    yield s
    s.close()


def batch(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        env.pop(var, None)
    return subprocess.run([sys.executable, "-m", "osint_cli.cli", "batch", *args], input=stdin, capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=120, check=False)


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def rss(*links: str, home: str) -> bytes:
    items = "".join(f"<item><title>t{i}</title><link>{link}</link></item>" for i, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title>'
            f"<link>{home}</link>{items}</channel></rss>").encode()


def test_feed_formats_give_their_item_links(servers: Servers) -> None:
    h = servers.add()
    h.routes["/rss"] = Reply(rss(h.url("/a/1"), "/a/2", home=h.url("/")), content_type="application/rss+xml")
    h.routes["/atom"] = Reply((
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><link href="/" rel="alternate"/>'
        b'<link href="/atom" rel="self"/><entry><link rel="alternate" href="/b/1"/><link rel="enclosure" href="/x.mp3"/>'
        b'</entry><entry><link href="https://other.example/b/2"/></entry></feed>'), content_type="application/atom+xml")
    h.routes["/json"] = Reply(json.dumps({"version": "https://jsonfeed.org/version/1.1",
                                          "items": [{"id": "1", "url": "/c/1"}, {"id": "2"}]}).encode(),
                              content_type="application/feed+json")
    h.routes["/page"] = Reply(SEED)
    # item links only: never the channel's home page, an enclosure or the feed itself
    assert feed_urls(h.url("/rss"), LOCAL) == [h.url("/a/1"), h.url("/a/2")]
    assert feed_urls(h.url("/atom"), LOCAL) == [h.url("/b/1"), "https://other.example/b/2"]
    assert feed_urls(h.url("/json"), LOCAL) == [h.url("/c/1")]
    with pytest.raises(InputError, match="not an RSS, Atom or JSON feed"):
        feed_urls(h.url("/page"), LOCAL)


def test_sitemap_index_is_followed(servers: Servers) -> None:
    h = servers.add()
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    h.routes["/sitemap.xml"] = Reply(f'<?xml version="1.0"?><sitemapindex {ns}><sitemap><loc>{h.url("/s1.xml")}</loc></sitemap>'
                                     f'<sitemap><loc>{h.url("/s2.txt")}</loc></sitemap><sitemap><loc>{h.url("/gone.xml")}</loc>'
                                     "</sitemap></sitemapindex>".encode(), content_type="application/xml")
    h.routes["/s1.xml"] = Reply(f'<urlset {ns}><url><loc>{h.url("/p/1")}</loc></url><url><loc> {h.url("/p/2")} </loc></url>'
                                "</urlset>".encode(), content_type="text/xml")
    h.routes["/s2.txt"] = Reply(f"{h.url('/p/3')}\n\n{h.url('/p/1')}\n".encode(), content_type="text/plain")
    # a missing child sitemap (404) loses only its own links
    assert sitemap_urls(h.url("/sitemap.xml"), LOCAL) == [h.url("/p/1"), h.url("/p/2"), h.url("/p/3")]
    with pytest.raises(InputError):
        sitemap_urls(h.url("/gone.xml"), LOCAL)


def test_tracking_parameters_leave_the_identity() -> None:
    base = "https://news.example/a?id=7"
    for tracked in ("https://news.example/a?utm_source=x&id=7&utm_medium=rss", "https://news.example/a?id=7&fbclid=abc",
                    "https://News.example:443/a?gclid=1&id=7#top", "https://news.example/a?id=7&UTM_Campaign=y"):
        assert normalize(tracked) == base
    assert normalize("https://news.example/a?id=8") != base  # a real parameter still counts
    assert normalize("https://news.example/a?utm=1") == "https://news.example/a?utm=1"  # not a utm_ prefix


def test_feed_run_processes_tracking_duplicates_once(servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=lambda p: Reply(SEED))
    a, b = h.url("/news/a"), h.url("/news/b")
    h.routes["/feed.xml"] = Reply(rss(a, a + "?utm_source=rss&utm_medium=feed", b + "?fbclid=xyz", home=h.url("/")),
                                  content_type="application/rss+xml")
    proc = batch(tmp_path, "--feed", h.url("/feed.xml"), *FAST)
    assert proc.returncode == 0, proc.stderr
    got = records(proc.stdout)
    assert sorted(r["source"] for r in got) == sorted([a, b + "?fbclid=xyz"])
    assert all(r["metadata"]["title"].startswith("Nordkoreas") for r in got)
    assert sorted(p for p in h.paths() if p.startswith("/news/")) == ["/news/a", "/news/b?fbclid=xyz"]


def test_sitemap_run(servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=lambda p: Reply(SEED))
    h.routes["/sitemap.xml"] = Reply(f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{h.url("/x/1")}'
                                     f'</loc></url><url><loc>{h.url("/x/2")}</loc></url></urlset>'.encode(),
                                     content_type="application/xml")
    out = tmp_path / "out.jsonl"
    proc = batch(tmp_path, "--sitemap", h.url("/sitemap.xml"), "-o", str(out), *FAST)
    assert proc.returncode == 0, proc.stderr
    assert sorted(r["source"] for r in records(out.read_text())) == [h.url("/x/1"), h.url("/x/2")]
    assert "2 URLs in" in proc.stderr


def test_folder_of_saved_pages(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.html").write_bytes(SEED)
    (folder / "sub" / "b.htm").write_bytes(SEED)
    (folder / "c.txt").write_text("Der Experte Hans Müller sagte am Montag, 300 Granaten seien geliefert worden.\n", encoding="utf-8")
    (folder / ".hidden.html").write_bytes(SEED)
    (folder / "notes.md").write_text("# not a page\n", encoding="utf-8")
    (folder / "d.html").write_bytes(b"%PDF-1.7 binary")
    out = tmp_path / "out.jsonl"
    proc = batch(tmp_path, str(folder), "-o", str(out), *FAST)
    got = {Path(r["source"]).name: r for r in records(out.read_text())}
    assert set(got) == {"a.html", "b.htm", "c.txt", "d.html"}
    assert proc.returncode == 1  # the PDF in disguise failed, the others did not
    assert got["d.html"]["error"]["type"] == "unsupported_content"
    assert got["a.html"]["metadata"]["title"].startswith("Nordkoreas") and got["c.txt"]["figures"]
    assert got["a.html"]["fetch"]["requested_url"] is None and got["a.html"]["fetch"]["sha256"]
    # --resume knows the saved pages by their path
    again = batch(tmp_path, str(folder), "-o", str(out), "--resume", *FAST)
    assert len(records(out.read_text())) == 4 and "skipped" in again.stderr


def test_retry_failed_recovers_a_host_that_came_back(servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=lambda p: Reply(SEED))
    h.routes["/down"] = Reply(b"maintenance", 503, "text/plain")
    ok, down = h.url("/up"), h.url("/down")
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{ok}\n{down}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    first = batch(tmp_path, str(urls), "-o", str(out), *FAST)
    assert first.returncode == 1
    assert [r.get("error", {}).get("type") for r in records(out.read_text())].count("http_status") == 1
    del h.routes["/down"]  # the host is back
    hits_before = h.paths().count("/up")
    second = batch(tmp_path, str(urls), "-o", str(out), "--retry-failed", *FAST)
    assert second.returncode == 0, second.stderr
    recs = records(out.read_text())
    assert len(recs) == 3 and recs[-1]["source"] == down and "error" not in recs[-1]
    assert h.paths().count("/up") == hits_before  # what had succeeded is not fetched again
    third = batch(tmp_path, str(urls), "-o", str(out), "--retry-failed", *FAST)
    assert third.returncode == 0 and len(records(out.read_text())) == 3


def test_csv_rows_carry_the_article_and_only_limits_categories(servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=lambda p: Reply(SEED))
    urls = f"{h.url('/n/1')}\n{h.url('/n/2')}\n"
    out = tmp_path / "rows.csv"
    proc = batch(tmp_path, "-", "-f", "csv", "-o", str(out), "--only", "figures", *FAST, stdin=urls)
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["category"] for r in rows} == {"article", "figure"}  # --only figures: no experts, dates or sources
    for r in rows:
        assert r["url"] in (h.url("/n/1"), h.url("/n/2")) and r["url"] == r["source"]
        assert r["title"].startswith("Nordkoreas") and r["published"] == "2024-03-06" and r["outlet"]
    split = tmp_path / "split.csv"
    proc = batch(tmp_path, "-", "-f", "csv", "-o", str(split), "--per-category", *FAST, stdin=urls)
    assert proc.returncode == 0, proc.stderr
    experts = list(csv.DictReader((tmp_path / "split-experts.csv").open(encoding="utf-8")))
    assert {r["text"] for r in experts} == {"Yang Uk", "Shin Jong-woo"} and len(experts) == 4
    assert {r["category"] for r in csv.DictReader((tmp_path / "split-dates.csv").open(encoding="utf-8"))} == {"date"}
    assert len(list(csv.DictReader((tmp_path / "split-articles.csv").open(encoding="utf-8")))) == 2


def test_feed_parser_expands_no_entities() -> None:
    from osint_cli.batch.feeds import _feed_links, _parse_xml
    from osint_cli.model import Page

    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    body = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">{laughs}<!ENTITY f SYSTEM "file:///etc/hostname">]>'
            "<rss><channel><item><link>https://x.example/&l9;</link></item>"
            "<item><link>https://x.example/&f;</link></item></channel></rss>").encode()
    root = _parse_xml(Page(source="feed", url=None, body=body))
    links = list(_feed_links(root))
    assert links and set(links) == {"https://x.example/"}  # neither a billion laughs nor a file's content
