"""osint summarize --explain: per candidate, the named checks that kept or dropped it (stderr)."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from osint_cli.cli import app
from osint_cli.extract import Decision, explain, run

from .conftest import SEED_TXT

ARGS = ["summarize", str(SEED_TXT), "--lang", "de", "--reference-date", "2024-03-06", "--format", "json"]


def test_explain_names_the_rule_of_every_finding_on_stderr() -> None:
    plain = CliRunner().invoke(app, ARGS)
    r = CliRunner().invoke(app, [*ARGS, "--explain"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == json.loads(plain.stdout), "--explain must not change the report"
    lines = [line for line in r.stderr.splitlines() if line.startswith("osint: explain: ")]
    report = json.loads(r.stdout)
    for key in ("dates", "figures", "quotes"):
        for f in report[key]:
            want = f"{key} {f['start']}-{f['end']} "
            hit = [line for line in lines if want in line]
            assert hit and "kept (" in hit[0] and f"+{f['rule']})" in hit[0], (key, f["text"])
    assert "explain" not in plain.stderr


def test_run_records_nothing_unless_asked() -> None:
    trace: list[Decision] = []
    found = run("Am 3. Mai 2021 kamen 40 Gäste.", "de", date(2021, 5, 6), ("dates", "figures"), trace)
    assert {(d.category, d.text, d.kept) for d in trace} == {("dates", found.dates[0].text, True), ("figures", found.figures[0].text, True)}


def test_explain_orders_checks_and_gives_the_last_verdict() -> None:
    decisions = [
        Decision("figures", 10, 12, "40", "figures.candidate", True),
        Decision("dates", 0, 5, "Mai", "de.dates.month", True),
        Decision("figures", 10, 12, "40", "figures.designation", False),
    ]
    assert list(explain(decisions)) == [
        "dates 0-5 'Mai': kept (+de.dates.month)",
        "figures 10-12 '40': dropped (+figures.candidate -figures.designation)",
    ]
