"""--engine dask end to end: a real LocalCluster (2 worker processes) over real HTTP servers on 127.0.0.2, .3, ..."""

from __future__ import annotations

import io
import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from osint_cli.batch import Tuning, run_batch
from osint_cli.batch.dask_cluster import DaskTuning, connect
from osint_cli.batch.engine_dask import run_batch_dask
from osint_cli.batch.hostgroups import CacheSpec
from osint_cli.batch.progress import Reporter, Stats
from osint_cli.settings import Settings

from .batchsrv import Reply, Servers, fixture

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SEED = fixture("../nordkorea-munition.html")
PORT = fixture("port-en.html")
SMALL = (b"<html><head><title>Port</title></head><body><article><p>The port handled more than 5 million containers "
         b"in 2023, said Anna Berg, an analyst at the Nordic Institute.</p></article></body></html>")
FAST = Settings(delay=0.0, connect_timeout=2.0, read_timeout=2.0, deadline=3.0, retries=0, allow_private=True,
                obey_robots=False)


def pages(path: str) -> Reply:
    """Any /a/<n> path is an article: the seed page or the English one."""
    return Reply(SEED if hash(path) % 2 else PORT)


def small(path: str) -> Reply:
    """Any path is a short article: cheap to parse, so the tests measure the engine, not the extractors."""
    return Reply(SMALL)


def with_(s: Settings, **changes: object) -> Settings:
    return Settings(**{**{n: getattr(s, n) for n in s.__dataclass_fields__}, **changes})


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """The LocalCluster that `--engine dask` starts, here with 2 worker processes of 2 threads each (room
    for a host to run twice if the engine let it) and allowed-failures 0 (a poisoned task dies once, not 4 times)."""
    with connect(DaskTuning(workers=2, threads=2, allowed_failures=0)) as client:
        yield client.scheduler.address


@pytest.fixture
def servers() -> Iterator[Servers]:
    s = Servers()
    yield s
    s.close()


def run(tmp_path: Path, urls: list[str], scheduler: str, settings: Settings = FAST, *, resume: bool = False,
        group: int = 3, cache: CacheSpec | None = None, err: io.StringIO | None = None) -> tuple[list[dict], Stats]:
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    err = err or io.StringIO()
    stats = run_batch_dask(str(listing), settings, str(out), resume=resume, cache=cache, reporter=Reporter(err, 3600),
                           tuning=DaskTuning(scheduler=scheduler, group=group))
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()], stats


def once(records: list[dict]) -> dict[str, dict]:
    counts = Counter(r["source"] for r in records)
    assert max(counts.values()) == 1, f"duplicated records: {[s for s, n in counts.items() if n > 1]}"
    return {r["source"]: r for r in records}


def untimed(records: list[dict]) -> dict[str, dict]:
    """``once``, without the time of each answer: two runs fetch a page in different seconds."""
    out = once(records)
    for r in out.values():
        if r.get("fetch"):
            assert r["fetch"]["fetched_at"]
            r["fetch"] = {k: v for k, v in r["fetch"].items() if k != "fetched_at"}
    return out


def test_every_url_once_and_host_concurrency_holds_across_the_cluster(cluster: str, servers: Servers,
                                                                      tmp_path: Path) -> None:
    hosts = [servers.add(default=small, latency=0.1,
                         routes={"/robots.txt": Reply(b"User-agent: *\nDisallow: /private\n", content_type="text/plain")})
             for _ in range(3)]
    urls = [h.url(f"/a/{i}") for i in range(10) for h in hosts] + [hosts[0].url("/private/1")]
    listing = [*urls, urls[4], "not a url"]
    records, stats = run(tmp_path, listing, cluster, with_(FAST, obey_robots=True, host_concurrency=2))
    got = once(records)
    assert set(got) == set(urls) | {"not a url"}
    assert all(got[u]["metadata"]["title"] for u in urls[:-1])
    assert got[urls[-1]]["error"]["type"] == "robots" and got["not a url"]["error"]["type"] == "invalid_url"
    assert stats.ok == 30 and stats.failed == 2 and stats.duplicates == 1
    for h in hosts:
        # 4 worker threads could run a host's 4 groups at once: the server saw its 2 lanes, never more
        assert h.max_active == 2, f"{h.ip} served {h.max_active} at once"
        assert sorted(h.paths()) == sorted(["/robots.txt"] + [p for p in h.paths() if p != "/robots.txt"])
        assert h.paths().count("/robots.txt") == 1  # fetched by the first group, handed to the next ones
        assert len(h.paths()) == len(set(h.paths()))  # every page fetched once


def test_same_records_as_the_local_engine(cluster: str, servers: Servers, tmp_path: Path) -> None:
    a = servers.add(default=pages)
    b = servers.add(default=pages)
    urls = [h.url(f"/a/{i}") for i in range(2) for h in (a, b)] + ["http://127.0.0.1:9/down"]
    dask_records, _ = run(tmp_path, urls, cluster)
    listing = tmp_path / "urls.txt"  # the same list through the local engine's process pool
    run_batch(str(listing), FAST, str(tmp_path / "local.jsonl"), reporter=Reporter(io.StringIO(), 3600),
              tuning=Tuning(workers=2))
    local_records = [json.loads(line) for line in (tmp_path / "local.jsonl").read_text().splitlines()]
    assert untimed(dask_records) == untimed(local_records)  # one function, two engines
    ok = [r for r in dask_records if "error" not in r]
    assert len(ok) == 4 and all(r["metadata"]["title"] and r["experts"] for r in ok)


def test_delay_holds_between_groups_of_a_host(cluster: str, servers: Servers, tmp_path: Path) -> None:
    a = servers.add(default=small)
    b = servers.add(default=small)
    urls = [h.url(f"/a/{i}") for i in range(6) for h in (a, b)]
    records, stats = run(tmp_path, urls, cluster, with_(FAST, delay=0.2), group=2)
    assert stats.ok == 12 and len(once(records)) == 12
    for h in (a, b):  # 3 groups per host, on whichever worker: starts still >= 0.5 x delay apart
        gaps = [y - x for x, y in itertools.pairwise(h.starts("/a/"))]
        assert min(gaps) >= 0.2 * 0.5 - 0.03, gaps


def test_worker_page_cache(cluster: str, servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=small)
    urls = [h.url(f"/a/{i}") for i in range(4)]
    spec = CacheSpec(str(tmp_path / "pages.sqlite"))
    first, s1 = run(tmp_path, urls, cluster, cache=spec)
    servers.close()  # no network from here on: the workers' cache must serve every page
    (tmp_path / "out.jsonl").unlink()  # a fresh output: a non-empty one is refused without --resume/--force
    second, s2 = run(tmp_path, urls, cluster, cache=spec)
    assert s1.cached == 0 and s2.cached == 4 and s2.ok == 4
    assert all(r["fetch"]["from_cache"] for r in second) and not any(r["fetch"]["from_cache"] for r in first)
    # apart from provenance's from_cache, a page served from the cache gives the same record
    strip = lambda rs: {k: {**v, "fetch": {**v["fetch"], "from_cache": None}} for k, v in once(rs).items()}  # noqa: E731
    assert strip(first) == strip(second)


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_resume_after_kill_9_of_the_client(cluster: str, servers: Servers, tmp_path: Path) -> None:
    hosts = [servers.add(default=small, latency=0.15) for _ in range(3)]
    urls = [h.url(f"/a/{i}") for i in range(14) for h in hosts]
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(urls) + "\n")
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "osint_cli.cli", "batch", str(listing), "-o", str(out), "--engine", "dask",
           "--scheduler", cluster, "--allow-private", "--ignore-robots", "--delay", "0", "--host-concurrency", "1", "--no-cache"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while proc.poll() is None and _lines(out) < 6 and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written = _lines(out)
    assert 6 <= written < len(urls), f"killed too late to show anything: {written} records"
    before = {r["source"] for r in map(json.loads, out.read_bytes().split(b"\n")[:written])}
    fetched_before = Counter(p for h in hosts for p in h.paths())
    records, stats = run(tmp_path, urls, cluster, resume=True)
    assert stats.skipped == len(before) and stats.ok == len(urls) - len(before)
    assert set(once(records)) == set(urls)
    fetched_after = Counter(p for h in hosts for p in h.paths()) - fetched_before
    assert sum(fetched_after.values()) == len(urls) - len(before)  # what was written is not fetched again


def test_ctrl_c_finishes_the_running_groups_and_exits_130(cluster: str, servers: Servers, tmp_path: Path) -> None:
    # more URLs a host than one group (16) holds, on small pages: groups after the first are never started
    hosts = [servers.add(default=small, latency=0.05) for _ in range(2)]
    urls = [h.url(f"/a/{i}") for i in range(40) for h in hosts]
    listing, out = tmp_path / "urls.txt", tmp_path / "out.jsonl"
    listing.write_text("\n".join(urls) + "\n")
    cmd = [sys.executable, "-m", "osint_cli.cli", "batch", str(listing), "-o", str(out), "--engine", "dask",
           "--scheduler", cluster, "--allow-private", "--ignore-robots", "--delay", "0", "--host-concurrency", "1",
           "--no-cache"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 90
    while proc.poll() is None and _lines(out) < 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=90)
    assert proc.returncode == 130, err.decode()
    assert b"osint: interrupted" in err and b"Traceback" not in err
    written = {r["source"] for r in map(json.loads, out.read_text().splitlines())}
    assert len(written) == _lines(out) < len(urls)
    # nothing fetched was dropped: the groups running at Ctrl-C were finished and written
    fetched = {h.url(p) for h in hosts for p in h.paths()}
    assert fetched == written
    records, stats = run(tmp_path, urls, cluster, resume=True)
    assert set(once(records)) == set(urls) and stats.skipped == len(written)


def _peer_pid(peer_port: int, server_port: int) -> int | None:
    """The process holding the client end of a loopback TCP connection (from /proc/net/tcp)."""
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        f = line.split()
        if int(f[1].rsplit(":", 1)[1], 16) == peer_port and int(f[2].rsplit(":", 1)[1], 16) == server_port:
            inode = f[9]
    if inode is None:
        return None
    target = f"socket:[{inode}]"
    for d in filter(str.isdigit, os.listdir("/proc")):
        try:
            if any(os.readlink(f"/proc/{d}/fd/{fd}") == target for fd in os.listdir(f"/proc/{d}/fd")):
                return int(d)
        except OSError:
            continue
    return None


def _descends_from(pid: int, roots: set[int]) -> bool:
    while pid > 1:
        if pid in roots:
            return True
        try:
            pid = int(Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[1])
        except (OSError, ValueError):
            return False
    return False


class PoisonServer(ThreadingHTTPServer):
    """/poison kills the worker process that asks for it (a page that crashes its parser, as seen from outside)."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(self, roots: set[int]) -> None:
        self.roots = roots
        self.kills = 0
        super().__init__(("127.0.0.9", 0), _PoisonHandler)


class _PoisonHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: PoisonServer

    def do_GET(self) -> None:
        if self.path == "/poison":
            pid = _peer_pid(self.client_address[1], self.server.server_address[1])
            # only ever a process of the cluster this test started
            if pid is not None and pid != os.getpid() and _descends_from(pid, self.server.roots):
                self.server.kills += 1
                os.kill(pid, signal.SIGKILL)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(SEED)))
        self.end_headers()
        self.wfile.write(SEED)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_poisoned_page_ends_as_one_error_record(cluster: str, tmp_path: Path) -> None:
    # last in this module: it kills both workers of the cluster once (their nannies restart them)
    srv = PoisonServer({os.getpid()})  # the LocalCluster's workers are this process's children
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        base = f"http://127.0.0.9:{srv.server_address[1]}"
        urls = [f"{base}/a/1", f"{base}/poison", f"{base}/a/2"]
        err = io.StringIO()
        records, stats = run(tmp_path, urls, cluster, err=err)
    finally:
        srv.shutdown()
        srv.server_close()
    got = once(records)
    assert set(got) == set(urls) and stats.ok == 2 and stats.failed == 1
    assert got[f"{base}/poison"]["error"]["type"] == "worker_crashed"
    assert "error" not in got[f"{base}/a/1"] and "error" not in got[f"{base}/a/2"]
    # allowed-failures 0: the group of three died once, then the poisoned URL alone once
    assert srv.kills == 2
    assert "retrying them one by one" in err.getvalue()
