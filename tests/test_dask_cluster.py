"""--engine dask on a cluster of separate processes started here: `dask scheduler` and two `dask worker`s;
one worker is killed with SIGKILL in mid-run: its group is retried on the other, every URL is written once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from .batchsrv import Reply, Servers

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
# a short article: cheap to parse, so the test measures the engine, not the extractors
SMALL = (b"<html><head><title>Port</title></head><body><article><p>The port handled more than 5 million containers "
         b"in 2023, said Anna Berg, an analyst at the Nordic Institute.</p></article></body></html>")
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as fh:
        return subprocess.Popen([sys.executable, "-m", "dask", *args], cwd=ROOT, env=ENV, stdout=fh,
                                stderr=subprocess.STDOUT)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[subprocess.Popen[bytes]]]]:
    """A scheduler and two workers of one thread each (no nanny: a killed worker stays dead)."""
    tmp = tmp_path_factory.mktemp("dask")
    info = tmp / "scheduler.json"
    procs = [_start(["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(info)],
                    tmp / "scheduler.log")]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        procs += [_start(["worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard", "--host", "127.0.0.1"],
                         tmp / f"worker{i}.log") for i in range(2)]
        with distributed.Client(address, timeout=30) as c:
            c.wait_for_workers(2, timeout=60)
        yield address, procs
    finally:
        for p in procs[1:]:  # the processes this fixture started, by their own handles; workers hold no state
            p.kill()
        procs[0].terminate()
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()


@pytest.fixture
def servers() -> Iterator[Servers]:
    s = Servers()
    yield s
    s.close()


def _batch(listing: Path, out: Path, address: str, *extra: str) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "osint_cli.cli", "batch", str(listing), "-o", str(out), "--engine", "dask",
           "--scheduler", address, "--allow-private", "--ignore-robots", "--delay", "0", "--no-cache", *extra]
    return subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _records(out: Path) -> list[dict]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_a_worker_killed_mid_run_loses_nothing(cluster: tuple[str, list], servers: Servers, tmp_path: Path) -> None:
    address, _ = cluster
    hosts = [servers.add(default=lambda p: Reply(SMALL), latency=0.2) for _ in range(4)]
    urls = [h.url(f"/a/{i}") for i in range(8) for h in hosts]
    listing, out = tmp_path / "urls.txt", tmp_path / "out.jsonl"
    listing.write_text("\n".join(urls) + "\n")
    proc = _batch(listing, out, address, "--host-concurrency", "1")
    with distributed.Client(address, timeout=30) as c:
        victim = None
        deadline = time.monotonic() + 90
        while victim is None and proc.poll() is None and time.monotonic() < deadline:
            busy = [w for w, keys in c.processing().items() if any(str(k).startswith("osint-group") for k in keys)]
            if busy and out.exists() and out.read_bytes().count(b"\n") >= 2:
                victim = busy[0]
            else:
                time.sleep(0.02)
        assert victim is not None, "the run ended before a worker could be killed"
        pid = c.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)
        written_at_kill = out.read_bytes().count(b"\n")
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert written_at_kill < len(urls)
    records = _records(out)
    counts = Counter(r["source"] for r in records)
    assert set(counts) == set(urls) and max(counts.values()) == 1
    assert not [r for r in records if "error" in r]
