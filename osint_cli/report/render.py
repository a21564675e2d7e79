"""Write a report set in one of FORMATS to a text stream."""

from __future__ import annotations

import json
from typing import TextIO

from .model import ReportSet

FORMATS = ("table", "json", "markdown", "html")


def render(rs: ReportSet, fmt: str, stream: TextIO) -> None:
    """Write ``rs`` to ``stream`` as ``fmt``."""
    if fmt == "json":
        json.dump(rs.to_dict(), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt == "html":
        from . import render_html

        render_html.write(rs, stream)
    elif fmt in ("table", "markdown"):
        from . import render_text

        (render_text.write_table if fmt == "table" else render_text.write_markdown)(rs, stream)
    else:  # the CLI validates formats; a library caller gets a clear error
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
