"""Shared fixtures: paths to the bundled pages and a runner for the CLI in-process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from osint_cli.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
SEED_HTML = FIXTURES / "nordkorea-munition.html"
SEED_TXT = FIXTURES / "nordkorea-munition.txt"


@pytest.fixture(scope="session")
def seed_report() -> dict[str, Any]:
    """The JSON report of the seed page, computed once."""
    result = CliRunner().invoke(app, ["summarize", str(SEED_HTML), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
