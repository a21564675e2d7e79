"""The shipped report-set schema is current, and real output validates against it."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema

from osint_cli.api import report_set
from osint_cli.report import SCHEMA, schema

from .report_records import expert, figure, record, when

SHIPPED = resources.files("osint_cli") / "schemas" / "report-set-1.json"


def test_shipped_schema_is_current() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == schema.dumps(), (
        "report/model.py changed: run `python -m osint_cli.report.schema > osint_cli/schemas/report-set-1.json`"
    )


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(SHIPPED.read_text(encoding="utf-8")))


def _doc() -> dict:
    return report_set([
        record("a", experts=[expert("Ida Berg", quotes=("Eins.",))], figures=[figure("500 Drohnen", 500, about="Drohnen")],
               dates=[when("im März 2024", "2024-03")], sources=[{"text": "dpa", "start": 0, "end": 3, "sentence": "dpa.",
                                                                  "rule": "t", "name": "dpa", "count": 2, "mentions": []}]),
        {"schema": "osint-cli/report/1", "source": "b", "error": {"type": "fetch", "message": "b: refused"}},
    ]).to_dict()


def test_report_set_validates_with_the_keys_of_the_issue() -> None:
    doc = _doc()
    jsonschema.validate(doc, schema.build())
    assert doc["schema"] == SCHEMA == "osint-cli/report-set/1"
    assert {"articles", "people", "claims", "timeline", "outlets", "sources", "errors"} <= set(doc)
    assert {"source", "url", "title", "outlet", "published", "copies"} <= set(doc["articles"][0])
    assert {"name", "aliases", "kind", "roles", "affiliations", "outlets", "quotes"} <= set(doc["people"][0])
    assert {"text", "source", "published"} <= set(doc["people"][0]["quotes"][0])
    assert {"about", "unit", "conflict", "values"} <= set(doc["claims"][0])
    assert {"value", "qualifier", "text", "source"} <= set(doc["claims"][0]["values"][0])
    assert {"value", "text", "sentence", "source"} <= set(doc["timeline"][0])


def test_schema_rejects_a_renamed_field() -> None:
    broken = _doc()
    broken["persons"] = broken.pop("people")
    assert not jsonschema.Draft202012Validator(schema.build()).is_valid(broken)


def test_streamed_json_is_the_same_document() -> None:
    import io

    from osint_cli.report.render import render

    rs = report_set([record("a", experts=[expert("Ida Berg", quotes=("«Eins» [x] <b>",))], figures=[figure("5 Boote", 5, about="Boote")])])
    out = io.StringIO()
    render(rs, "json", out)
    assert json.loads(out.getvalue()) == rs.to_dict()
