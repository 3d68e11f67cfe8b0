"""`bob content check-links`: offline rules on the real content and on bad links; online against
a local server that answers 200, redirects, 404 and refuses HEAD."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from bob_emploi.advisor import linkcheck
from bob_emploi.advisor.linkcheck import Link
from bob_emploi.cli import app


def test_the_real_content_passes_offline() -> None:
    links = linkcheck.editorial_links()
    assert len(links) > 20
    assert linkcheck.check_offline(links, linkcheck.allowed_hosts()) == []
    result = CliRunner().invoke(app, ["content", "check-links"])
    assert result.exit_code == 0, result.output
    assert "0 problems" in result.output


def test_bad_links_are_named_with_their_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "links.toml").write_text('allowed_hosts = ["www.francetravail.fr"]\n', encoding="utf-8")
    (tmp_path / "advice.toml").write_text(
        "[a]\nlinks = [\n"
        '  { label = "ok", url = "https://www.francetravail.fr/candidat" },\n'
        '  { label = "clear", url = "http://www.francetravail.fr" },\n'
        '  { label = "other", url = "https://tracker.example.com/x" },\n'
        '  { label = "space", url = "https://www.francetravail.fr/a b" },\n'
        "]\n",
        encoding="utf-8",
    )
    problems = linkcheck.check_offline(linkcheck.editorial_links(tmp_path), linkcheck.allowed_hosts(tmp_path))
    assert [(problem.link.key, problem.kind) for problem in problems] == [
        ("a.links[1].url", "not_https"),
        ("a.links[2].url", "host_not_allowed"),
        ("a.links[3].url", "malformed"),
    ]
    assert str(problems[0]).startswith("advice.toml: a.links[1].url: http://www.francetravail.fr: not https")


class _Site(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, with_body: bool) -> None:
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/elsewhere")
        elif self.path == "/no-head" and not with_body:
            self.send_response(405)
        elif self.path in {"/ok", "/elsewhere", "/no-head"}:
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self._answer(False)

    def do_GET(self) -> None:
        self._answer(True)


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_online_reports_dead_and_moved_pages(site: str) -> None:
    links = [
        Link("advice.toml", f"x.links[{index}].url", f"{site}{path}")
        for index, path in enumerate(["/ok", "/moved", "/gone", "/no-head", "/ok"])
    ]
    with httpx.Client(follow_redirects=True, timeout=5) as client:
        problems = linkcheck.check_online(links, client)
    assert [(problem.link.key, problem.kind) for problem in problems] == [
        ("x.links[1].url", "moved"),
        ("x.links[2].url", "dead"),
    ]
    assert problems[0].message.endswith("/elsewhere")
    unreachable = linkcheck.check_online([Link("a.toml", "k", "http://127.0.0.1:9/x")])
    assert [problem.kind for problem in unreachable] == ["unreachable"]


def test_cli_json_and_exit_code(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from bob_emploi.advisor import content_cli

    (tmp_path / "links.toml").write_text("allowed_hosts = []\n", encoding="utf-8")
    (tmp_path / "advice.toml").write_text('[a]\nurl = "https://www.francetravail.fr"\n', encoding="utf-8")
    monkeypatch.setattr(content_cli, "editorial_links", lambda: linkcheck.editorial_links(tmp_path))
    monkeypatch.setattr(content_cli, "allowed_hosts", lambda: linkcheck.allowed_hosts(tmp_path))
    result = CliRunner().invoke(app, ["content", "check-links", "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)[0]["kind"] == "host_not_allowed"
