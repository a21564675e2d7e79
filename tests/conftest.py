"""Shared fixtures: bundled pages, the seed report, the local HTTP server and unique URLs."""

from __future__ import annotations

import functools
import inspect
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from osint_cli.cli import app

from .httpserver import TestServer

FIXTURES = Path(__file__).parent / "fixtures"
SEED_HTML = FIXTURES / "nordkorea-munition.html"
SEED_TXT = FIXTURES / "nordkorea-munition.txt"

_ids = itertools.count()


@pytest.fixture(scope="session")
def seed_report() -> dict[str, Any]:
    """The JSON report of the seed page, computed once."""
    result = CliRunner().invoke(app, ["summarize", str(SEED_HTML), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def server() -> Iterator[TestServer]:
    """A real HTTP server on 127.0.0.1 (ephemeral port) with the routes of tests/httpserver.py."""
    with TestServer() as srv:
        yield srv


@pytest.fixture
def uid() -> str:
    """A query parameter that makes a URL unique, so stateful routes (flaky, drop) start fresh."""
    return f"uid={next(_ids)}"


# fixtures that start a real HTTP server
_SERVER_FIXTURES = frozenset({"server", "servers"})


@functools.cache
def _source(obj: object) -> str:
    try:
        return inspect.getsource(obj)  # type: ignore[arg-type]
    except (OSError, TypeError):
        return ""


def _starts_process(fn: object) -> bool:
    """Whether a test function runs a subprocess, itself or through a module-level helper it calls."""
    code = getattr(fn, "__code__", None)
    # most modules never mention subprocess: one look at the module's source settles them
    if code is None or "subprocess." not in _source(inspect.getmodule(fn)):
        return False
    helpers = [getattr(fn, "__globals__", {}).get(n) for n in code.co_names]
    return any("subprocess." in _source(f) for f in [fn, *(h for h in helpers if inspect.isfunction(h))])


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests that start a server or a process as ``slow`` (``pytest -m "not slow"`` skips them)."""
    for item in items:
        if _SERVER_FIXTURES & set(getattr(item, "fixturenames", ())) or _starts_process(getattr(item, "function", None)):
            item.add_marker(pytest.mark.slow)
