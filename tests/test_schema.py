"""The shipped JSON Schema is current, and real output validates against it."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema

from osint_cli import schema
from osint_cli.model import SCHEMA, Failure

SHIPPED = resources.files("osint_cli") / "schemas" / "report-1.json"


def test_shipped_schema_is_current() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == schema.dumps(), (
        "model.py changed: run `python -m osint_cli.schema > osint_cli/schemas/report-1.json`"
    )


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(SHIPPED.read_text(encoding="utf-8")))


def test_seed_report_validates(seed_report: dict[str, Any]) -> None:
    assert seed_report["schema"] == SCHEMA
    jsonschema.validate(seed_report, schema.build())


def test_failure_record_validates() -> None:
    rec = Failure(source="x.html", type="read", message="x.html: no such file").to_dict()
    jsonschema.validate(rec, schema.build())


def test_schema_rejects_a_renamed_field(seed_report: dict[str, Any]) -> None:
    broken = dict(seed_report)
    broken["people"] = broken.pop("experts")
    validator = jsonschema.Draft202012Validator(schema.build())
    assert not validator.is_valid(broken)
