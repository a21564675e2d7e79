"""End to end: real article pages served on 127.0.0.1, summarised, then `osint report` over them in every format.

The set: the corpus seed page, three invented articles by other outlets, the same pages
again under other URLs with tracking parameters, a syndicated copy with a new frame and a
few changed words, and a page that answers 404.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from osint_cli.cli import app
from osint_cli.report import schema

pytestmark = pytest.mark.slow  # a real HTTP server on 127.0.0.1, as conftest marks the shared one

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = {
    "/zeitung/nordkorea": FIXTURES / "nordkorea-munition.html",
    "/kurier/munition": FIXTURES / "report" / "kurier-munition.html",
    "/hafenblatt/agentur-munition": FIXTURES / "report" / "hafenblatt-copy.html",
    "/monitor/shells": FIXTURES / "report" / "monitor-shells.html",
    "/rundschau/berger": FIXTURES / "report" / "rundschau-berger.html",
}
PATHS = [
    "/zeitung/nordkorea",
    "/kurier/munition?utm_source=newsletter&utm_medium=email",
    "/monitor/shells",
    "/kurier/munition?fbclid=IwAR0xyz",             # the same article shared on a social network
    "/zeitung/nordkorea?utm_campaign=feed#top",      # the seed again with tracking
    "/hafenblatt/agentur-munition",                  # syndicated copy: another outlet, another frame
    "/rundschau/berger",
    "/gone",                                         # 404: an error record
]


class _Pages(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        page = PAGES.get(self.path.split("?")[0].split("#")[0])
        body = page.read_bytes() if page else b"<html><body><p>no such page</p></body></html>"
        self.send_response(200 if page else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    srv.daemon_threads = True
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def runs(base: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pages summarised to JSON Lines, as `osint summarize` writes them."""
    out = tmp_path_factory.mktemp("report") / "runs.jsonl"
    result = CliRunner().invoke(app, ["summarize", *(base + p for p in PATHS), "--format", "jsonl", "--allow-private"])
    assert result.exit_code == 1, result.output  # the 404 page
    out.write_text(result.stdout, encoding="utf-8")
    assert len(out.read_text().splitlines()) == len(PATHS)
    return out


@pytest.fixture(scope="module")
def doc(runs: Path) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["report", str(runs), "--format", "json"])
    assert result.exit_code == 0, result.output  # error records in the input are reported, not failures of report
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_document_follows_its_schema(doc: dict[str, Any]) -> None:
    assert doc["schema"] == "osint-cli/report-set/1"
    jsonschema.validate(doc, schema.build())


def test_copies_collapsed(doc: dict[str, Any], base: str) -> None:
    arts = {a["source"].removeprefix(base): a for a in doc["articles"]}
    assert sorted(arts) == ["/kurier/munition?utm_source=newsletter&utm_medium=email", "/monitor/shells",
                            "/rundschau/berger", "/zeitung/nordkorea"]
    kurier = arts["/kurier/munition?utm_source=newsletter&utm_medium=email"]
    assert [(c["source"].removeprefix(base), c["reason"], c["outlet"]) for c in kurier["copies"]] == [
        ("/kurier/munition?fbclid=IwAR0xyz", "url", "Nordost-Kurier"),
        ("/hafenblatt/agentur-munition", "text", "Hafenblatt")]
    assert [c["reason"] for c in arts["/zeitung/nordkorea"]["copies"]] == ["url"]
    assert arts["/monitor/shells"]["copies"] == [] and arts["/rundschau/berger"]["copies"] == []
    outlets = {o["name"]: (o["articles"], o["copies"]) for o in doc["outlets"]}
    assert outlets["Hafenblatt"] == (0, 1) and outlets["Nordost-Kurier"] == (1, 1)


def test_people_merged_across_articles_and_outlets(doc: dict[str, Any]) -> None:
    people = {p["name"]: p for p in doc["people"]}
    hartmann = people["Lena Hartmann"]
    assert hartmann["outlets"] == ["Korea Monitor", "Nordost-Kurier", "Ostsee-Rundschau"]
    assert hartmann["kind"] == "expert"
    assert {"Militäranalystin", "military analyst"} <= set(hartmann["roles"])
    assert {(q["outlet"], q["published"]) for q in hartmann["quotes"]} == {
        ("Nordost-Kurier", "2024-03-08"), ("Korea Monitor", "2024-03-10"), ("Ostsee-Rundschau", "2024-03-12")}
    # the syndicated copy's quotes are not counted again
    assert len([q for q in hartmann["quotes"] if q["outlet"] == "Nordost-Kurier"]) == 2
    assert people["Yang Uk"]["outlets"] == ["Korea Monitor", "Zeitung"]
    assert doc["people"][0]["name"] == "Lena Hartmann"  # cited by most outlets first


def test_two_bergers_stay_two(doc: dict[str, Any]) -> None:
    names = [p["name"] for p in doc["people"]]
    assert "Anna Berger" in names and "Thomas Berger" in names and "Berger" not in names


def test_planted_conflict_flagged(doc: dict[str, Any]) -> None:
    munition = [c for c in doc["claims"] if c["about"].casefold() == "munition"]
    assert len(munition) == 1 and munition[0]["conflict"] is True
    values = {(v["value"], v["qualifier"]) for v in munition[0]["values"]}
    assert values == {(3000000, "more_than"), (1000000, "about")}
    assert {v["source"].rsplit("/", 1)[-1].split("?")[0] for v in munition[0]["values"]} == {"nordkorea", "munition", "berger"}
    assert doc["claims"][0]["conflict"] is True
    assert not any(c["conflict"] for c in doc["claims"] if c["about"].casefold() == "frachtschiffe")


def test_timeline_sorted_with_reference_dates(doc: dict[str, Any]) -> None:
    starts = [e["start"] for e in doc["timeline"]]
    assert starts == sorted(starts) and len(starts) >= 10
    values = [e["value"] for e in doc["timeline"]]
    assert values.index("2023-SU") < values.index("2023-10-03") < values.index("2024-02-12") < values.index("2024-03-20")
    monday = [e for e in doc["timeline"] if e["text"].casefold() == "seit montag"]
    assert monday and all(e["relative"] and e["reference_date"] in ("2024-03-06", "2024-03-08") for e in monday)
    assert all(not e["relative"] for e in doc["timeline"] if e["text"] == "20. März 2024")


def test_errors_listed_and_sources_counted(doc: dict[str, Any], base: str) -> None:
    assert [(e["source"], e["type"]) for e in doc["errors"]] == [(base + "/gone", "http_status")]
    sources = {s["name"]: s for s in doc["sources"]}
    assert sources["Korea Times"]["mentions"] == 2 and sources["Reuters"]["articles"] == 1


def test_match_narrows_the_set(runs: Path) -> None:
    result = CliRunner().invoke(app, ["report", str(runs), "--format", "json", "--match", "Yonhap|Asan"])
    doc = json.loads(result.stdout)
    assert {a["outlet"] for a in doc["articles"]} == {"Korea Monitor", "Zeitung"}
    assert "Anna Berger" not in {p["name"] for p in doc["people"]}


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_every_format(runs: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(app, ["report", str(runs), "--format", fmt, "--output", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    for needle in ("Lena Hartmann", "Anna Berger", "2023-SU", "Hafenblatt"):
        assert needle in text
    if fmt == "html":
        assert text.count('class="conflict"') == 1 and "<svg" in text
        for loads in ("src=", "<script", "<link", "@import", "url(", "<iframe", "<img"):
            assert loads not in text  # nothing is fetched to show the file
        assert all(h.startswith(("http://", "https://", "#")) for h in re.findall(r'href="([^"]*)"', text))
        assert 'href="http://127.0.0.1' in text  # links back to the articles
    elif fmt == "markdown":
        assert "**⚠ Munition**" in text
    else:
        assert "CONFLICT" in text


def test_sources_given_directly_are_summarised_first(base: str) -> None:
    result = CliRunner().invoke(app, ["report", base + "/monitor/shells", base + "/rundschau/berger", base + "/gone",
                                      "--format", "json", "--allow-private"])
    assert result.exit_code == 1  # one source failed here: said on stderr, listed in errors
    doc = json.loads(result.stdout)
    assert len(doc["articles"]) == 2 and len(doc["errors"]) == 1
    assert "404" in result.stderr



def test_batch_output_is_read_as_written(base: str, tmp_path: Path) -> None:
    """The issue's flow: `osint batch urls.txt -o runs.jsonl`, then `osint report runs.jsonl`."""
    urls = tmp_path / "urls.txt"
    urls.write_text("".join(base + p + "\n" for p in PATHS), encoding="utf-8")
    runs = tmp_path / "runs.jsonl"
    batch = CliRunner().invoke(app, ["batch", str(urls), "-o", str(runs), "--allow-private", "--no-cache", "--delay", "0",
                                     "--workers", "1"])
    assert batch.exit_code == 1, batch.output  # the 404
    result = CliRunner().invoke(app, ["report", str(runs), "--format", "json"])
    doc = json.loads(result.stdout)
    # batch itself fetches a URL once whatever its tracking parameters, so only the syndicated
    # copy (near-identical text under another address) is left for the report to collapse
    assert len(doc["articles"]) == 4 and sum(len(a["copies"]) for a in doc["articles"]) == 1
    assert [c["reason"] for a in doc["articles"] for c in a["copies"]] == ["text"]
    assert len(doc["errors"]) == 1 and any(c["conflict"] for c in doc["claims"])
