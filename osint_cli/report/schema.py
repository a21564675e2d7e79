"""The JSON Schema of the report set, derived from the dataclasses in report/model.py.

``python -m osint_cli.report.schema > osint_cli/schemas/report-set-1.json`` regenerates the
shipped file; ``tests/test_report_schema.py`` fails when the two drift apart.
"""

from __future__ import annotations

from typing import Any

from ..schema import _object, document, text
from . import model

_PARTS = (model.Copy, model.ArticleEntry, model.PersonQuote, model.Person, model.ClaimValue, model.Claim,
          model.TimelineEntry, model.Outlet, model.CitedSource, model.ErrorEntry)


def build() -> dict[str, Any]:
    """The whole schema: one document per `osint report -f json`."""
    defs = {cls.__name__: _object(cls) for cls in _PARTS}
    top = _object(model.ReportSet)
    top["properties"] = {"schema": {"const": model.SCHEMA}, **top["properties"]}
    top["required"] = ["schema", *top["required"]]
    top["additionalProperties"] = False
    return document("report-set-1", model.SCHEMA, {**{k: v for k, v in top.items() if k != "type"}, "type": "object", "$defs": defs})


def dumps() -> str:
    """The schema as the text of the shipped file."""
    return text(build())


if __name__ == "__main__":
    print(dumps(), end="")
