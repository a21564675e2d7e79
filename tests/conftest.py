"""Shared fixtures: bundled pages, the seed report, the local HTTP server and unique URLs."""

from __future__ import annotations

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


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``slow`` marker unless pyproject.toml already does."""
    if not any(line.split(":")[0].strip() == "slow" for line in config.getini("markers")):
        config.addinivalue_line("markers", "slow: starts clusters or many processes (deselect with -m 'not slow')")
