"""Plain-text pieces every renderer shows the same way (no markup: each renderer escapes them)."""

from __future__ import annotations

from .model import ClaimValue, ReportSet, TimelineEntry

QUALIFIER = {"more_than": ">", "less_than": "<", "about": "~", "at_least": ">=", "at_most": "<=", "exactly": "="}


def number(v: float | None) -> str:
    """A number with thousands separators and no spurious .0."""
    if v is None:
        return ""
    if isinstance(v, float) and not v.is_integer():
        return f"{v:,.3f}".rstrip("0").rstrip(".")
    return f"{int(v):,}"


def value(v: ClaimValue) -> str:
    """A claim value as ``>3,000,000`` or ``10–20``, qualifier first."""
    shown = number(v.value) if v.value_max is None else f"{number(v.value)}–{number(v.value_max)}"
    return QUALIFIER.get(v.qualifier or "", "") + shown


def where(outlet: str | None, published: str | None, source: str) -> str:
    """Outlet and date of a finding, falling back to its source."""
    parts = [p for p in (outlet, published) if p]
    return ", ".join(parts) if parts else source


def when(e: TimelineEntry) -> str:
    """A timeline value, with the date relative expressions were resolved against."""
    mod = f" ({e.mod.lower()})" if e.mod else ""
    return e.value + mod + (f" [from {e.reference_date}]" if e.relative and e.reference_date else "")


def summary(rs: ReportSet) -> str:
    """One line of counts: what the set holds."""
    copies = sum(len(a.copies) for a in rs.articles)
    conflicts = len(rs.conflicts)
    return (f"{len(rs.articles)} articles ({copies} {'copy' if copies == 1 else 'copies'} collapsed), {len(rs.people)} people, "
            f"{len(rs.claims)} claims ({conflicts} in conflict), {len(rs.timeline)} dates, {len(rs.errors)} errors"
            + (f"; matching /{rs.match}/" if rs.match else ""))


def link(url: str | None, source: str) -> str | None:
    """The http(s) address of an article, if it has one (never a javascript: or file: link)."""
    for candidate in (url, source):
        if candidate and candidate.lower().startswith(("http://", "https://")):
            return candidate
    return None
