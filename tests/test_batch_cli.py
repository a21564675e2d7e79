"""`osint batch` as a process: stdin lists, exit codes, SIGKILL then --resume, Ctrl-C."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from .batchsrv import Reply, Servers, fixture

ROOT = Path(__file__).resolve().parent.parent
SEED = fixture("../nordkorea-munition.html")


@pytest.fixture
def servers():  # type: ignore[no-untyped-def]
    s = Servers()
    yield s
    s.close()


def env(tmp_path: Path) -> dict[str, str]:
    e = dict(os.environ)
    e["XDG_CACHE_HOME"] = str(tmp_path / "cache")  # never the user's cache
    e["PYTHONPATH"] = str(ROOT)
    return e


def osint(*args: str) -> list[str]:
    return [sys.executable, "-m", "osint_cli.cli", "batch", "--allow-private", *args]  # the test servers are on 127.0.0.1


FAST = ["--delay", "0", "--ignore-robots", "--no-cache", "--workers", "2"]


def lines_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_stdin_list_to_stdout_with_exit_code(servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=lambda p: Reply(SEED))
    text = f"{h.url('/a/1')}\n# note\n{h.url('/a/2')}\nbogus line\n"
    proc = subprocess.run(osint("-", *FAST), input=text, capture_output=True, text=True, env=env(tmp_path), cwd=ROOT, timeout=60, check=False)
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert sorted(r["source"] for r in records) == sorted([h.url("/a/1"), h.url("/a/2"), "bogus line"])
    assert proc.returncode == 1  # one line failed
    assert "summarised" in proc.stderr and "invalid_url" in proc.stderr
    assert "osint batch:" not in proc.stdout


def test_resume_needs_an_output_file(tmp_path: Path) -> None:
    proc = subprocess.run(osint("-", "--resume"), input="", capture_output=True, text=True, env=env(tmp_path), cwd=ROOT,
                          timeout=60, check=False)
    assert proc.returncode == 2 and "--resume" in proc.stderr


def _wait_lines(path: Path, n: int, proc: subprocess.Popen, limit: float = 30.0) -> None:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        assert proc.poll() is None, "finished before it could be interrupted"
        time.sleep(0.02)
    raise AssertionError(f"fewer than {n} lines after {limit} s")


def _children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                out.append(int(d.name))
    return out


def _gone(pids: list[int], limit: float = 10.0) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        alive = [p for p in pids if Path(f"/proc/{p}").exists() and "Z" not in Path(f"/proc/{p}/stat").read_text().rpartition(")")[2][:3]]
        if not alive:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigkill_then_resume_gives_each_url_once(servers: Servers, tmp_path: Path) -> None:
    hosts = [servers.add(default=lambda p: Reply(SEED), latency=0.05) for _ in range(3)]
    urls = [h.url(f"/a/{i}") for i in range(30) for h in hosts]
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(urls) + "\n")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(osint(str(listing), "-o", str(out), *FAST, "--host-concurrency", "1"),
                            env=env(tmp_path), cwd=ROOT, stderr=subprocess.DEVNULL)
    _wait_lines(out, 10, proc)
    workers = _children(proc.pid)
    proc.kill()
    proc.wait(10)
    assert workers and _gone(workers), "parse workers outlived their parent"
    done_before = len(lines_of_tolerant(out))
    assert 10 <= done_before < len(urls)
    subprocess.run(osint(str(listing), "-o", str(out), "--resume", *FAST), env=env(tmp_path), cwd=ROOT,
                   capture_output=True, timeout=120, check=True)
    counts = Counter(r["source"] for r in lines_of(out))
    assert set(counts) == set(urls) and set(counts.values()) == {1}


def lines_of_tolerant(path: Path) -> list[str]:
    """Complete lines only (a kill may cut the last one)."""
    return path.read_bytes().split(b"\n")[:-1]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups")
def test_ctrl_c_keeps_finished_records_and_exits_130(servers: Servers, tmp_path: Path) -> None:
    hosts = [servers.add(default=lambda p: Reply(SEED), latency=0.05) for _ in range(2)]
    urls = [h.url(f"/a/{i}") for i in range(40) for h in hosts]
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(urls) + "\n")
    out = tmp_path / "out.jsonl"
    # a session of its own: Ctrl-C in a terminal signals the whole process group, workers included
    proc = subprocess.Popen(osint(str(listing), "-o", str(out), *FAST, "--host-concurrency", "1"),
                            env=env(tmp_path), cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True)
    _wait_lines(out, 5, proc)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    text = out.read_text()
    assert text.endswith("\n")
    first = lines_of(out)  # every line whole
    assert 5 <= len(first) < len(urls)
    subprocess.run(osint(str(listing), "-o", str(out), "--resume", *FAST), env=env(tmp_path), cwd=ROOT,
                   capture_output=True, timeout=120, check=True)
    counts = Counter(r["source"] for r in lines_of(out))
    assert set(counts) == set(urls) and set(counts.values()) == {1}


def test_default_cache_under_xdg_serves_the_second_run(servers: Servers, tmp_path: Path) -> None:
    h = servers.add(default=lambda p: Reply(SEED))
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{h.url('/a/1')}\n{h.url('/a/2')}\n")
    args = [str(listing), "--delay", "0", "--workers", "1", "--max-age", "1d"]
    first = subprocess.run(osint(*args), capture_output=True, text=True, env=env(tmp_path), cwd=ROOT, timeout=60, check=True)
    assert (tmp_path / "cache" / "osint-cli" / "pages.sqlite").is_file()
    hits = len(h.paths())  # robots.txt and the two pages
    second = subprocess.run(osint(*args), capture_output=True, text=True, env=env(tmp_path), cwd=ROOT, timeout=60, check=True)
    assert len(h.paths()) == hits  # nothing asked of the server, not even robots.txt
    # records finish in any order; the second run's say they came from the cache
    def key(r: dict) -> str:
        return r["source"]

    one, two = sorted(map(json.loads, first.stdout.splitlines()), key=key), sorted(map(json.loads, second.stdout.splitlines()), key=key)
    assert [r["fetch"]["from_cache"] for r in two] == [True, True]
    assert [{**r, "fetch": {**r["fetch"], "from_cache": True}} for r in one] == two
    assert re.search(r"served from cache\s*│\s*2", second.stderr), second.stderr
