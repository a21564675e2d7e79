"""README's first two commands are the ones CI runs, and README documents every option."""

from __future__ import annotations

import re
from pathlib import Path

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


def test_readme_documents_every_summarize_option() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    help_text = CliRunner().invoke(app, ["summarize", "--help"], env={"COLUMNS": "200"}).stdout
    for opt in set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}:
        assert opt in readme, f"README does not document {opt}"


def test_readme_documents_every_batch_option() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    help_text = CliRunner().invoke(app, ["batch", "--help"], env={"COLUMNS": "200"}).stdout
    for opt in set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}:
        assert opt in readme, f"README does not document {opt}"
