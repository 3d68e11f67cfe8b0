"""`bob data fetch` against a real HTTP server on loopback that serves the publishers' archives."""

from __future__ import annotations

import http.server
import io
import socket
import tarfile
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bob_emploi.cli import app
from bob_emploi.data import FetchError, build_bundle
from bob_emploi.data.fetch import fetch_raw_data
from bob_emploi.data.sources import FETCHABLE, Source
from tests.data.rawfixture import write_raw_dir


def _archives(raw: Path) -> dict[str, bytes]:
    """The tiny raw directory packed the way each publisher ships it."""
    rome = io.BytesIO()
    with zipfile.ZipFile(rome, "w") as zipped:
        for path in sorted((raw / "rome").iterdir()):
            zipped.write(path, f"RefRomeCsv/{path.name}")
    geo = io.BytesIO()
    with tarfile.open(fileobj=geo, mode="w:gz") as tar:
        for path in sorted((raw / "geo").iterdir()):
            tar.add(path, f"package/data/{path.name}")
    files = {f"/{path.name}": path.read_bytes() for path in (raw / "crosswalks").iterdir()}
    return {
        "/RefRomeCsv.zip": rome.getvalue(),
        "/geo.tgz": geo.getvalue(),
        "/jobs_frequency.json": (raw / "jobsuggest" / "jobs_frequency.json").read_bytes(),
        **files,
    }


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    archives = _archives(write_raw_dir(tmp_path / "published"))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = archives.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.end_headers()
            self.wfile.write(body or b"not found")

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _local(source: Source, base: str) -> Source:
    name = source.url.rsplit("/", 1)[-1]
    name = "geo.tgz" if name.endswith(".tgz") else name
    return Source(
        source.path,
        source.publisher,
        source.licence,
        source.version,
        f"{base}/{name}",
        source.required,
        source.archive_member,
    )


def test_fetch_extracts_every_file_then_builds(server: str, tmp_path: Path) -> None:
    files = [_local(source, server) for source in FETCHABLE if "activite" not in source.path]
    written = fetch_raw_data(tmp_path / "raw", files=files)
    assert len(written) == len(files)
    assert (tmp_path / "raw" / "geo" / "communes.json").is_file()
    result = build_bundle(tmp_path / "raw", tmp_path / "bundle.sqlite", quiet=True)
    assert result.counts["job_titles"] == 7


def test_moved_file_is_a_clear_error(server: str, tmp_path: Path) -> None:
    moved = Source("jobsuggest/x.json", "p", "l", "v", f"{server}/moved.json")
    with pytest.raises(FetchError, match=r"moved.json: the server answered 404"):
        fetch_raw_data(tmp_path, files=[moved])


def test_offline_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed once we leave: nothing listens there
    unreachable = Source("jobsuggest/x.json", "p", "l", "v", f"http://127.0.0.1:{port}/x.json")
    with pytest.raises(FetchError, match=r"cannot reach 127.0.0.1 \(ConnectError\): are you offline"):
        fetch_raw_data(tmp_path, files=[unreachable])
    assert not (tmp_path / "jobsuggest" / "x.json").exists()


def test_fetch_command_fails_with_one_line_when_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")  # a closed port: the network is unreachable
    result = CliRunner().invoke(app, ["data", "fetch", "--to", str(tmp_path), "--quiet"])
    assert result.exit_code == 1
    assert "are you offline?" in result.output
