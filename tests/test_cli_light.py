"""The pydantic-free value conversion gives what typer's own gives, and spares the import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer
import typer.testing
from typer.testing import CliRunner

from osint_cli.cli import app
from osint_cli.cli_light import lighten

from .conftest import SEED_HTML

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def both(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[object, object]:
    own = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    with monkeypatch.context() as m:  # the runner builds the click command: the console script's one, lightened
        m.setattr(typer.testing, "_get_command", lambda a: lighten(typer.main.get_command(a)))
        light = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    return own, light


@pytest.mark.parametrize("args", [
    ("summarize", str(SEED_HTML), "-f", "json", "--only", "figures"),
    ("summarize", str(SEED_HTML), "-f", "csv", "--lang", "de", "--reference-date", "2024-03-01"),
    ("summarize", str(SEED_HTML), "-f", "markdown"),
    ("summarize", str(SEED_HTML), "-f", "JSON"),  # choices are case-sensitive
    ("summarize", str(SEED_HTML), "--format", "yaml"),
    ("batch", "-", "--concurrency", "0"),
    ("batch", "-", "--concurrency", "many"),
    ("batch", "-", "--delay", "-1"),
    ("batch", "-", "--delay", "soon"),
    ("batch", "-", "--max-age", "1x"),
    ("batch", "-", "--workers", "0"),
    ("batch", "-", "-f", "xml"),
    ("summarize", "-h"),
    ("--version",),
])
def test_light_conversion_matches_typer(args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    own, light = both(monkeypatch, *args)
    assert light.exit_code == own.exit_code, (light.stderr, own.stderr)  # type: ignore[attr-defined]
    assert light.stdout == own.stdout  # type: ignore[attr-defined]
    if own.exit_code == 2:  # type: ignore[attr-defined]
        # the same option named, with typer's (pydantic's) wording
        assert light.stderr.splitlines()[-1] == own.stderr.splitlines()[-1]  # type: ignore[attr-defined]


def test_console_script_path_imports_no_pydantic() -> None:
    code = ("import sys; from osint_cli import cli\nsys.argv = ['osint', 'summarize', sys.argv[1], '-f', 'json']\n"
            "try:\n    cli.main()\nexcept SystemExit:\n    pass\nsys.stderr.write(str('pydantic' in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, str(SEED_HTML)], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stderr.endswith("False")
