"""Reading and checking the ``osint`` command line's values: dates, durations, languages,
extractor lists, proxies. Each turns a bad value into a one-line usage error (exit 2).

Kept apart from cli.py, and free of heavy imports, so that ``osint --help`` stays fast.
"""

from __future__ import annotations

import re
from datetime import date

import typer

from .settings import EXTRACTORS

_DURATION = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_SETTING = re.compile(r"\bSettings\.([a-z_]+)\b")


def parse_date(value: str | None) -> date | None:
    """``YYYY-MM-DD`` -> date."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD", param_hint="--reference-date") from None


def parse_duration(value: str | None) -> float | None:
    """``3600``, ``90m``, ``12h``, ``7d`` -> seconds."""
    if value is None:
        return None
    v = value.strip().lower()
    try:
        seconds = float(v[:-1]) * _DURATION[v[-1]] if v and v[-1] in _DURATION else float(v)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a duration such as 3600, 90m, 12h or 7d", param_hint="--max-age") from None
    if seconds < 0:
        raise typer.BadParameter("a duration cannot be negative", param_hint="--max-age")
    return seconds


def installed_languages() -> list[str]:
    """The language codes that have a rule pack."""
    from . import rules  # tomllib and the pack loader: only when a language is named

    return rules.available()


def check_lang(value: str | None) -> str | None:
    """A language code that has an installed rule pack (lower-cased), or None."""
    if value is None:
        return None
    code = value.strip().lower()
    known = installed_languages()
    if code not in known:
        raise typer.BadParameter(f"no rule pack for {value!r}; installed: {', '.join(known)} (see `osint languages`)")
    return code


def parse_only(value: str | None) -> tuple[str, ...]:
    """``figures,dates`` -> the extractors to run, in the pipeline's order."""
    if value is None:
        return EXTRACTORS
    names = {n.strip().lower() for n in value.split(",") if n.strip()}
    unknown = sorted(names - set(EXTRACTORS))
    if unknown or not names:
        raise typer.BadParameter(f"unknown extractor {', '.join(unknown) or '(none given)'}; choose from {', '.join(EXTRACTORS)}",
                                 param_hint="--only")
    return tuple(n for n in EXTRACTORS if n in names)


def check_proxy(value: str | None) -> str | None:
    """A usable proxy URL (http, https, socks5, socks5h), or None."""
    if value is None:
        return None
    from .fetch.transport import (
        check_proxy as check,  # httpx: only when a proxy is named
    )

    try:
        return check(value)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


def check_env_proxies(proxy: str | None) -> None:
    """A proxy variable that cannot be used is a usage error (exit 2) before anything is fetched,
    not the same failure repeated for every URL; without --proxy and proxy variables, httpx is not imported."""
    import os

    if proxy is not None or not any(os.environ.get(v) for v in PROXY_VARIABLES):
        return
    from .fetch.transport import proxy_routes
    from .settings import Settings

    try:
        proxy_routes(Settings())
    except ValueError as e:
        raise typer.BadParameter(f"{e} (from the environment)", param_hint="HTTP_PROXY/HTTPS_PROXY/ALL_PROXY") from None


def for_cli(message: str) -> str:
    """A library message for the terminal: ``Settings.reference_date`` -> ``--reference-date``
    (every setting that a message names has the flag of the same name)."""
    return _SETTING.sub(lambda m: "--" + m.group(1).replace("_", "-"), message)
