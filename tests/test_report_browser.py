"""The HTML report in a real browser: headless Chromium (Debian's package) with the network cut off.

Checks that the parsed DOM holds the chart and the tables, and that screenshots at desktop
and phone width are not blank. Skipped only when chromium is missing outside CI; with the
CI variable set, a missing browser is a failure.

``python3 -m tests.test_report_browser docs/report.png`` remakes the README screenshot with
the same tooling.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from osint_cli.cli import app

from . import report_png

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = [FIXTURES / "nordkorea-munition.html", *sorted((FIXTURES / "report").glob("*.html"),
                                                      key=lambda p: p.name != "kurier-munition.html")]
NO_NETWORK = ["--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND"]  # any fetch fails at once


def chromium() -> str | None:
    """The browser binary, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def run_chromium(*args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with a fresh profile and no network."""
    browser = chromium()
    assert browser, "chromium is not installed"
    with tempfile.TemporaryDirectory(prefix="osint-chromium-") as profile:
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
               f"--user-data-dir={profile}", *NO_NETWORK, *args]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)


def make_html(out: Path) -> None:
    """The report over the fixture pages (the syndicated copy included) as one HTML file."""
    result = CliRunner().invoke(app, ["report", *map(str, PAGES), "--format", "html", "--output", str(out)])
    assert result.exit_code == 0, result.output


def screenshot(html: Path, png: Path, width: int, height: int) -> None:
    """A screenshot of the file at a window size."""
    proc = run_chromium(f"--window-size={width},{height}", f"--screenshot={png}", html.as_uri())
    assert png.is_file(), proc.stderr[-2000:]


@pytest.fixture(scope="module")
def html_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but chromium is missing: .ci/run installs Debian's chromium")
        pytest.skip("chromium not installed (apt-get install -y chromium); set CI=1 to make this a failure")
    out = tmp_path_factory.mktemp("browser") / "report.html"
    make_html(out)
    return out


def test_dom_has_chart_tables_and_conflict(html_file: Path) -> None:
    proc = run_chromium("--dump-dom", html_file.as_uri())
    dom = proc.stdout
    assert proc.returncode == 0 and "<body" in dom, proc.stderr[-2000:]
    chart = re.search(r"<svg[^>]*class=\"chart\".*?</svg>", dom, re.DOTALL)
    assert chart, "no timeline chart in the DOM"
    bars = len(re.findall(r"<rect ", chart.group(0)))
    rows = re.search(r'<table class="timeline">.*?</table>', dom, re.DOTALL)
    assert rows and bars == rows.group(0).count("<tr>") - 1 >= 10  # one bar per dated sentence
    people = re.search(r'<table class="people">.*?</table>', dom, re.DOTALL)
    assert people and "Lena Hartmann" in people.group(0) and people.group(0).count("<li>") >= 10
    assert len(re.findall(r'<tr class="conflict">', dom)) == 1
    assert 'href="https://korea-monitor.example/news/2024/03/shell-shipments"' in dom


@pytest.mark.parametrize(("width", "height"), [(900, 1100), (390, 844)])
def test_screenshot_is_not_blank(html_file: Path, tmp_path: Path, width: int, height: int) -> None:
    png = tmp_path / f"report-{width}.png"
    screenshot(html_file, png, width, height)
    w, h, _ = report_png.read(png)
    assert (w, h) == (width, height)
    # a blank page is 1 colour; text, table rules, the badge and the chart's bars make hundreds
    assert report_png.colours(png) > 50


if __name__ == "__main__":  # remake the README screenshot
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/report.png")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        make_html(page)
        screenshot(page, target, 1200, 2500)
    print(f"wrote {target}")
