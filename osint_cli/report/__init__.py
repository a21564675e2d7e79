"""`osint report`: the cross-article view of many reports (people, claims, timeline, outlets)."""

from __future__ import annotations

from .aggregate import Aggregator, aggregate
from .model import SCHEMA, ReportSet

__all__ = ["SCHEMA", "Aggregator", "ReportSet", "aggregate"]
