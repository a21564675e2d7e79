"""README's first two commands are the ones CI runs, and README documents every option."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
import typer.main
from typer.testing import CliRunner

from osint_cli.cli import app

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    block = re.search(r"```\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert block, "README starts with a code block holding the two set-up commands"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_opens_with_two_commands_that_ci_runs() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for cmd in commands:
        assert cmd in ci, f"CI does not run README's command {cmd!r}"
    assert (ROOT / commands[0].split()[-1]).is_file(), "the bundled example exists"


def _options(command: str) -> set[str]:
    """The long options of a command, read off the click command itself (not off its help)."""
    group = typer.main.get_command(app)
    cmd = group.commands[command]  # type: ignore[attr-defined]
    return {o for p in cmd.params for o in p.opts if o.startswith("--")} - {"--help"}


@pytest.mark.parametrize("command", ["summarize", "batch"])
def test_readme_documents_every_option(command: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    opts = _options(command)
    assert {"--lang", "--reference-date"} <= opts, "the option list comes from the command"
    for opt in opts:
        assert opt in readme, f"README does not document {opt}"


@pytest.mark.parametrize("command", ["summarize", "batch"])
def test_help_lists_every_option(command: str) -> None:
    # the help an analyst reads must name what README documents: an empty help fails here
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    shown = set(re.findall(r"(--[a-z][a-z-]+)", result.stdout))
    assert _options(command) <= shown, f"--help of {command} misses {_options(command) - shown}"
