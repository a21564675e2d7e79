"""Shared fixtures: the local HTTP server (one per session) and fast settings for slow cases."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from httpserver import TestServer

_ids = itertools.count()


@pytest.fixture(scope="session")
def server() -> Iterator[TestServer]:
    """A real HTTP server on 127.0.0.1 (ephemeral port) with the routes of tests/httpserver.py."""
    with TestServer() as srv:
        yield srv


@pytest.fixture
def uid() -> str:
    """A query parameter that makes a URL unique, so stateful routes (flaky, drop) start fresh."""
    return f"uid={next(_ids)}"
