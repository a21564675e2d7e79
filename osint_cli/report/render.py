"""Write a report set in one of FORMATS to a text stream."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import TextIO

from ..model import plain
from .model import SCHEMA, ReportSet

FORMATS = ("table", "json", "markdown", "html")


def render(rs: ReportSet, fmt: str, stream: TextIO) -> None:
    """Write ``rs`` to ``stream`` as ``fmt``."""
    if fmt == "json":
        write_json(rs, stream)
    elif fmt == "html":
        from . import render_html

        render_html.write(rs, stream)
    elif fmt in ("table", "markdown"):
        from . import render_text

        (render_text.write_table if fmt == "table" else render_text.write_markdown)(rs, stream)
    else:  # the CLI validates formats; a library caller gets a clear error
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write_json(rs: ReportSet, stream: TextIO) -> None:
    """One JSON document, written item by item (one a line): memory stays flat however large the set."""
    stream.write(f'{{"schema": {json.dumps(SCHEMA)}, "match": {json.dumps(rs.match, ensure_ascii=False)}')
    for name in (f.name for f in fields(rs) if f.name != "match"):
        items = getattr(rs, name)
        stream.write(f',\n "{name}": [')
        stream.writelines(("\n  " if i == 0 else ",\n  ") + json.dumps(plain(item), ensure_ascii=False) for i, item in enumerate(items))
        stream.write("\n ]" if items else "]")
    stream.write("\n}\n")
