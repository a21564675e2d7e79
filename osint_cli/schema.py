"""The JSON Schema of a report record, derived from the dataclasses in model.py.

``python -m osint_cli.schema > osint_cli/schema/report-1.json`` regenerates the shipped
file; ``tests/test_schema.py`` fails when the two drift apart, so the document can never
silently go out of date.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

from . import model

_PRIMITIVES: dict[Any, dict[str, str]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    type(None): {"type": "null"},
}


def _type(tp: Any) -> dict[str, Any]:
    origin = get_origin(tp)
    if tp in _PRIMITIVES:
        return dict(_PRIMITIVES[tp])
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin in (Union, types.UnionType):
        args = get_args(tp)
        if float in args and int in args:  # float | int is just a JSON number
            args = tuple(a for a in args if a is not int)
        if all(a in _PRIMITIVES for a in args):
            names = [_PRIMITIVES[a]["type"] for a in args]
            return {"type": names[0] if len(names) == 1 else names}
        return {"anyOf": [_type(a) for a in args]}
    if origin in (tuple, list):
        return {"type": "array", "items": _type(get_args(tp)[0])}
    if dataclasses.is_dataclass(tp):
        return {"$ref": f"#/$defs/{getattr(tp, '__name__')}"}
    raise TypeError(f"no JSON Schema mapping for {tp!r}")


def _object(cls: type, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props = {f.name: _type(hints[f.name]) for f in dataclasses.fields(cls) if f.name not in drop}
    doc = (cls.__doc__ or "").strip().splitlines()[0]
    return {"type": "object", "description": doc, "properties": props, "required": list(props)}


def build() -> dict[str, Any]:
    """The whole schema: a record is either a report or an error record."""
    findings = (model.Quote, model.Mention, model.Expert, model.Figure, model.TimeExpr, model.Source)
    defs = {cls.__name__: _object(cls) for cls in findings}
    meta = _object(model.Article, drop=("text",))
    meta["properties"]["reference_date"] = {"type": ["string", "null"], "description": "date relative expressions were resolved against"}
    meta["required"].append("reference_date")
    defs["Metadata"] = meta
    defs["Fetch"] = _object(model.Fetch)
    tool = {
        "type": "object",
        "description": "The program that made the record, and its version.",
        "properties": {"name": {"const": model.TOOL["name"]}, "version": {"type": "string"}},
        "required": ["name", "version"],
    }
    report = {
        "type": "object",
        "description": "One article with its findings.",
        "properties": {
            "schema": {"const": model.SCHEMA},
            "source": {"type": "string"},
            "tool": tool,
            "fetch": {"anyOf": [{"$ref": "#/$defs/Fetch"}, {"type": "null"}]},
            "metadata": {"$ref": "#/$defs/Metadata"},
            "experts": {"type": "array", "items": {"$ref": "#/$defs/Expert"}},
            "quotes": {"type": "array", "items": {"$ref": "#/$defs/Quote"}},
            "figures": {"type": "array", "items": {"$ref": "#/$defs/Figure"}},
            "dates": {"type": "array", "items": {"$ref": "#/$defs/TimeExpr"}},
            "sources": {"type": "array", "items": {"$ref": "#/$defs/Source"}},
            "warnings": {"type": "array", "items": {"type": "string"}},
            "text": {"type": "string", "description": "the article text (with --include-text)"},
        },
        "required": ["schema", "source", "tool", "fetch", "metadata", "experts", "quotes", "figures", "dates", "sources", "warnings"],
    }
    failure = {
        "type": "object",
        "description": "A source that could not be summarised.",
        "properties": {
            "schema": {"const": model.SCHEMA},
            "source": {"type": "string"},
            "tool": tool,
            "error": {
                "type": "object",
                "properties": {"type": {"type": "string"}, "message": {"type": "string"}},
                "required": ["type", "message"],
            },
        },
        "required": ["schema", "source", "tool", "error"],
    }
    defs["Report"] = report
    defs["Failure"] = failure
    return document("report-1", model.SCHEMA, {
        "description": "One record of osint-cli output: a report, or an error record for a failed source.",
        "oneOf": [{"$ref": "#/$defs/Report"}, {"$ref": "#/$defs/Failure"}],
        "$defs": defs,
    })


def document(name: str, title: str, body: dict[str, Any]) -> dict[str, Any]:
    """A schema document of this project (``report-1``, ``report-set-1``): draft, id and title, then ``body``."""
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"https://osint-cli.example/schema/{name}.json",
            "title": title, **body}


def text(doc: dict[str, Any]) -> str:
    """A schema document as the text of its shipped file."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def dumps() -> str:
    """The schema as the text of the shipped file."""
    return text(build())


if __name__ == "__main__":
    print(dumps(), end="")
