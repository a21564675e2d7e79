"""The parts of --engine dask that need no cluster: host partitioning, pauses, imports, flags."""

from __future__ import annotations

import io
import json
import pickle
import subprocess
import sys
from pathlib import Path

from protego import Protego
from typer.testing import CliRunner

from osint_cli.batch.dask_cluster import DaskTuning, SchedulerUnreachable
from osint_cli.batch.engine_dask import run_batch_dask
from osint_cli.batch.hostgroups import GroupResult, Partitioner, pause_after
from osint_cli.batch.progress import Reporter
from osint_cli.batch.robots import Rules
from osint_cli.batch.urls import Entry, normalize
from osint_cli.cli import app
from osint_cli.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def entry(url: str, n: int = 1) -> Entry:
    return Entry(n, url, normalize(url))


def test_one_group_per_host_at_a_time_and_full_groups_first() -> None:
    p = Partitioner(group_size=3, window=100)
    for i in range(7):
        p.add("a.example", entry(f"http://a.example/{i}"))
    p.add("b.example", entry("http://b.example/1"))
    groups = list(p.take(now=0.0, flush=False, limit=10))
    # b has less than a group and more may come: it waits; a gets one group, not two
    assert [(g.host, len(g.entries)) for g in groups] == [("a.example", 3)]
    (b_group,) = p.take(now=0.0, flush=True, limit=10)
    assert b_group.host == "b.example"  # a is busy: only b goes
    assert list(p.take(now=0.0, flush=True, limit=10)) == []
    p.finished(groups[0], now=10.0, pause=1.5)
    assert list(p.take(now=11.0, flush=True, limit=10)) == []  # a rests until 11.5
    assert p.next_ready(11.0) == 0.5
    again = list(p.take(now=11.5, flush=True, limit=10))
    assert [e.url for e in again[0].entries] == [f"http://a.example/{i}" for i in range(3, 6)]  # list order kept


def test_limit_window_and_size() -> None:
    p = Partitioner(group_size=2, window=5)
    for h in "abc":
        for i in range(2):
            p.add(h, entry(f"http://{h}.example/{i}"))
    assert p.full() and p.size == 6
    assert len(list(p.take(0.0, flush=False, limit=2))) == 2  # --concurrency / --host-concurrency groups at most
    assert p.size == 6  # running groups still count against the window until they finish
    assert not p.idle()


def test_a_group_that_killed_its_workers_is_retried_one_url_a_task() -> None:
    p = Partitioner(group_size=3, window=100)
    for i in range(4):
        p.add("a.example", entry(f"http://a.example/{i}"))
    (group,) = p.take(0.0, flush=False, limit=5)
    p.split(group, now=0.0, pause=0.0)
    singles = []
    for _ in range(3):
        (g,) = p.take(1.0, flush=True, limit=5)
        singles.append(g)
        p.finished(g, 1.0, 0.0)
    assert [len(g.entries) for g in singles] == [1, 1, 1]
    assert [g.entries[0].url for g in singles] == [e.url for e in group.entries]
    (rest,) = p.take(2.0, flush=True, limit=5)  # then the host's other URLs, grouped again
    assert [e.url for e in rest.entries] == ["http://a.example/3"]
    p.finished(rest, 2.0, 0.0)
    assert p.idle()


def test_robots_rules_learnt_by_one_group_travel_with_the_next() -> None:
    p = Partitioner(group_size=1, window=100)
    p.add("a.example", entry("http://a.example/1"))
    p.add("a.example", entry("http://a.example/2"))
    (g1,) = p.take(0.0, False, 5)
    assert g1.robots == {}
    rules = Rules(Protego.parse("User-agent: *\nDisallow: /x\nCrawl-delay: 4\n"))
    p.finished(g1, 0.0, 0.0, {"http://a.example": rules})
    (g2,) = p.take(0.0, False, 5)
    assert set(g2.robots) == {"http://a.example"}
    # what a task gets and returns crosses process boundaries
    back = pickle.loads(pickle.dumps(g2))
    assert back.robots["http://a.example"].crawl_delay("osint-cli") == 4.0
    res = GroupResult("a.example", ["{}"], 1, 0, 0, {}, back.robots, 0.1)
    assert pickle.loads(pickle.dumps(res)).lines == ["{}"]
    assert pickle.loads(pickle.dumps(Settings(allow_private=True))).allow_private


def test_pause_between_groups_covers_delay_and_crawl_delay() -> None:
    slow = Rules(Protego.parse("User-agent: *\nCrawl-delay: 7\n"))
    assert pause_after(Settings(delay=1.0), {}) == 1.5  # the longest randomised gap
    assert pause_after(Settings(delay=0.0), {}) == 0.0
    assert pause_after(Settings(delay=1.0), {"https://a": slow}) == 7.0
    assert pause_after(Settings(delay=0.0), {"https://a": Rules(None, allow_all=True)}) == 0.0


def test_summarize_and_local_batch_never_import_dask(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("not a url\n")
    code = f"""
import sys
from typer.testing import CliRunner
from osint_cli.cli import app
r = CliRunner().invoke(app, ["summarize", {str(ROOT / 'examples' / 'nordkorea-munition.html')!r}, "--format", "json"])
assert r.exit_code == 0, r.output
assert not [m for m in sys.modules if m.split(".")[0] in ("dask", "distributed")], "summarize imported dask"
r = CliRunner().invoke(app, ["batch", {str(listing)!r}, "-o", {str(tmp_path / 'out.jsonl')!r}, "--no-cache", "--workers", "1"])
assert r.exit_code == 1, r.output
print(sorted(m for m in sys.modules if m.split(".")[0] in ("dask", "distributed")))
"""
    out = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120,
                         cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
    assert json.loads((tmp_path / "out.jsonl").read_text())["error"]["type"] == "invalid_url"


def test_flag_errors_are_one_line_usage_errors(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("http://a.example/1\n")
    r = CliRunner().invoke(app, ["batch", str(listing), "--scheduler", "tcp://127.0.0.1:9"])
    assert r.exit_code == 2 and "--scheduler needs --engine dask" in r.output
    r = CliRunner().invoke(app, ["batch", str(listing), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--workers", "2"])
    assert r.exit_code == 2 and "--workers sizes a local cluster" in r.output


def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text("http://a.example/1\n")
    err = io.StringIO()
    try:
        run_batch_dask(str(listing), Settings(), str(tmp_path / "out.jsonl"), reporter=Reporter(err, 3600),
                       tuning=DaskTuning(scheduler="tcp://127.0.0.1:9", connect_timeout=1.0))
    except SchedulerUnreachable as e:
        assert "tcp://127.0.0.1:9" in str(e) and e.exit_code == 2
    else:
        raise AssertionError("no error for a scheduler that is not there")
