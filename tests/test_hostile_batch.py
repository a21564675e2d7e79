"""osint batch under real failures, in real processes: a full disk (tmpfs, /dev/full), a cache
locked by another connection, a malformed cache, a corrupt cached body, a second writer.
In every case no finished record is lost and the exit code says what went wrong."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from osint_cli.batch import PageCache
from osint_cli.errors import ExitCode

from .batchsrv import Host, Reply, Servers, fixture

ROOT = Path(__file__).resolve().parent.parent
SEED = fixture("../nordkorea-munition.html")
FLAGS = ["--allow-private", "--delay", "0", "--ignore-robots", "--workers", "1"]


def _bulky(path: str) -> Reply:
    # the seed page plus 24 KB that does not compress: fills a small disk quickly
    noise = os.urandom(18 * 1024).hex()
    return Reply(SEED.replace(b"</body>", f"<!-- {noise} --></body>".encode()))


@pytest.fixture
def servers() -> Iterator[Servers]:
    s = Servers()
    yield s
    s.close()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 96 KiB tmpfs (root only; skipped elsewhere), unmounted afterwards."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(mnt)], capture_output=True, check=False)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode().strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def batch(tmp_path: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``osint batch ARGS`` in a process of its own, with a cache under tmp_path unless told otherwise."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    return subprocess.run([sys.executable, "-m", "osint_cli.cli", "batch", *FLAGS, *args], capture_output=True,
                          text=True, env=env, timeout=timeout, check=False)


def listing(tmp_path: Path, host: Host, n: int) -> tuple[Path, list[str]]:
    urls = [host.url(f"/a/{uuid.uuid4().hex[:8]}") for _ in range(n)]
    path = tmp_path / f"urls-{uuid.uuid4().hex[:6]}.txt"
    path.write_text("\n".join(urls) + "\n", encoding="utf-8")
    return path, urls


def records(path: Path) -> list[dict]:
    data = path.read_bytes()
    assert not data or data.endswith(b"\n"), "a torn last line"
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def one_line_error(stderr: str, *words: str) -> None:
    assert "Traceback" not in stderr, stderr
    hits = [line for line in stderr.splitlines() if all(w in line for w in words)]
    assert len(hits) == 1, stderr


# --- the page cache is an optimisation: its failures cost no record ----------------------


def test_cache_on_a_full_disk_loses_no_record(servers: Servers, tmp_path: Path, small_disk: Path) -> None:
    h = servers.add(default=_bulky)
    urls_file, urls = listing(tmp_path, h, 20)
    out = tmp_path / "out.jsonl"
    r = batch(tmp_path, str(urls_file), "-o", str(out), "--cache", str(small_disk / "pages.sqlite"))
    assert r.returncode == ExitCode.CACHE_FAILED, r.stderr
    got = records(out)
    assert sorted(x["source"] for x in got) == sorted(urls)  # all 20, not 8 of them
    assert all("error" not in x for x in got)
    one_line_error(r.stderr, "page cache", "going on without the cache")


def test_cache_locked_mid_run_loses_no_record(servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=lambda p: Reply(SEED))
    cache = tmp_path / "pages.sqlite"
    PageCache(cache).close()  # an existing cache in WAL mode, as after an earlier run
    hold = ("import sqlite3, sys, time\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN EXCLUSIVE')\nprint('locked', flush=True)\ntime.sleep(120)\n")
    locker = subprocess.Popen([sys.executable, "-c", hold, str(cache)], stdout=subprocess.PIPE, text=True)
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        urls_file, urls = listing(tmp_path, h, 12)
        out = tmp_path / "out.jsonl"
        r = batch(tmp_path, str(urls_file), "-o", str(out), "--cache", str(cache))
    finally:
        locker.kill()
        locker.wait()
    assert r.returncode == ExitCode.CACHE_FAILED, r.stderr
    assert sorted(x["source"] for x in records(out)) == sorted(urls)  # all 12, not 4
    one_line_error(r.stderr, "page cache", "locked")


def test_malformed_cache_file_is_one_line_and_the_run_goes_on(servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=lambda p: Reply(SEED))
    cache = tmp_path / "pages.sqlite"
    cache.write_bytes(b"this is no SQLite database\n" * 400)
    urls_file, urls = listing(tmp_path, h, 3)
    out = tmp_path / "out.jsonl"
    r = batch(tmp_path, str(urls_file), "-o", str(out), "--cache", str(cache))
    assert r.returncode == ExitCode.CACHE_FAILED, r.stderr
    assert sorted(x["source"] for x in records(out)) == sorted(urls)
    one_line_error(r.stderr, "page cache", "not a database")


def test_damaged_cache_pages_are_reported_once(servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=_bulky)
    cache = tmp_path / "pages.sqlite"
    urls_file, urls = listing(tmp_path, h, 6)
    out = tmp_path / "out.jsonl"
    assert batch(tmp_path, str(urls_file), "-o", str(out), "--cache", str(cache)).returncode == 0
    with sqlite3.connect(cache) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = cache.stat().st_size
    with cache.open("r+b") as fh:  # the header stays, every page after the first is garbage
        fh.seek(4096)
        fh.write(os.urandom(size - 4096))
    r = batch(tmp_path, str(urls_file), "-o", str(out), "--force", "--cache", str(cache))
    assert sorted(x["source"] for x in records(out)) == sorted(urls)
    assert all("error" not in x for x in records(out))
    assert "Traceback" not in r.stderr
    assert r.returncode == ExitCode.CACHE_FAILED, r.stderr
    one_line_error(r.stderr, "page cache", "going on without the cache")


def test_corrupt_cached_body_is_dropped_and_refetched(servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=lambda p: Reply(SEED))
    cache = tmp_path / "pages.sqlite"
    urls_file, urls = listing(tmp_path, h, 5)
    out = tmp_path / "out.jsonl"
    assert batch(tmp_path, str(urls_file), "-o", str(out), "--cache", str(cache)).returncode == 0
    bad = urls[2]
    with sqlite3.connect(cache) as db:
        assert db.execute("UPDATE pages SET body = ? WHERE url = ?", (b"\x00 not zlib", bad)).rowcount == 1
    r = batch(tmp_path, str(urls_file), "-o", str(out), "--force", "--cache", str(cache))
    assert r.returncode == 0, r.stderr
    got = {x["source"]: x for x in records(out)}
    assert sorted(got) == sorted(urls)
    assert all("error" not in x for x in got.values())  # no worker_crashed, for it or its chunk mates
    path = "/" + bad.split("/", 3)[3]
    assert h.paths().count(path) == 2  # fetched again, the others served from the cache
    assert "corrupt page in the cache" in r.stderr
    with sqlite3.connect(cache) as db:
        (body,) = db.execute("SELECT body FROM pages WHERE url = ?", (bad,)).fetchone()
    assert zlib.decompress(body) == SEED  # and cached afresh


# --- the output file ---------------------------------------------------------------------


def test_second_writer_is_refused_and_the_first_loses_nothing(servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=lambda p: Reply(SEED))
    other = servers.add(default=lambda p: Reply(SEED))
    urls = [h.url(f"/a/{i}") for i in range(8)]
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    # the first run reads its list from a pipe the test holds open: it keeps running (and holding
    # the lock) for as long as the test needs, with no request left waiting on a deadline
    first = subprocess.Popen([sys.executable, "-m", "osint_cli.cli", "batch", *FLAGS, "--no-cache", "-", "-o", str(out)],
                             env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert first.stdin is not None
        first.stdin.write("\n".join(urls[:4]) + "\n")
        first.stdin.flush()
        deadline = time.monotonic() + 60
        while (not out.exists() or out.read_text().count("\n") < 4) and time.monotonic() < deadline:
            time.sleep(0.1)
        other_file, _ = listing(tmp_path, other, 2)
        for flag in ("--resume", "--force"):
            r = batch(tmp_path, str(other_file), "-o", str(out), flag, "--no-cache")
            assert r.returncode == ExitCode.OUTPUT_BUSY, r.stderr
            one_line_error(r.stderr, "another osint batch is writing")
        assert other.paths() == []  # refused before fetching anything
        _, err = first.communicate("\n".join(urls[4:]) + "\n", timeout=120)
    finally:
        first.kill()
    assert first.returncode == 0, err
    assert sorted(x["source"] for x in records(out)) == sorted(urls)


def test_non_empty_output_needs_resume_or_force(servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=lambda p: Reply(SEED))
    urls_file, urls = listing(tmp_path, h, 2)
    out = tmp_path / "out.jsonl"
    out.write_text('{"source": "http://earlier.example/"}\n', encoding="utf-8")
    r = batch(tmp_path, str(urls_file), "-o", str(out), "--no-cache")
    assert r.returncode == ExitCode.USAGE
    one_line_error(r.stderr, "not empty", "--resume", "--force")
    assert out.read_text() == '{"source": "http://earlier.example/"}\n'  # untouched
    r = batch(tmp_path, str(urls_file), "-o", str(out), "--no-cache", "--force")
    assert r.returncode == 0 and sorted(x["source"] for x in records(out)) == sorted(urls)


def test_full_disk_leaves_only_whole_lines_and_resume_finishes(servers: Servers, tmp_path: Path, small_disk: Path) -> None:
    h = servers.add(default=lambda p: Reply(SEED))
    urls_file, urls = listing(tmp_path, h, 12)  # ~12 KB a record: the disk holds about 7
    out = small_disk / "out.jsonl"
    r = batch(tmp_path, str(urls_file), "-o", str(out), "--no-cache")
    assert r.returncode == ExitCode.SOURCE_FAILED
    one_line_error(r.stderr, "osint: error: writing", "No space left on device")
    first = records(out)  # every line whole: a torn one was cut back
    assert 0 < len(first) < len(urls)
    moved = tmp_path / "out.jsonl"  # room again: --resume does only what is missing
    moved.write_bytes(out.read_bytes())
    r = batch(tmp_path, str(urls_file), "-o", str(moved), "--no-cache", "--resume")
    assert r.returncode == 0, r.stderr
    assert sorted(x["source"] for x in records(moved)) == sorted(urls)


def test_dev_full_is_a_one_line_error(servers: Servers, tmp_path: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    h = servers.add(default=lambda p: Reply(SEED))
    urls_file, _ = listing(tmp_path, h, 2)
    r = batch(tmp_path, str(urls_file), "-o", "/dev/full", "--no-cache")
    assert r.returncode == ExitCode.SOURCE_FAILED
    one_line_error(r.stderr, "osint: error: writing /dev/full", "No space left on device")
