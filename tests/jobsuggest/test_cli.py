from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bob_emploi.cli import app

runner = CliRunner()


def test_jobs_suggest_json(real_bundle: Path) -> None:
    result = runner.invoke(
        app,
        [
            "jobs",
            "suggest",
            "boulanjer",
            "--json",
            "--limit",
            "2",
            "--gender",
            "feminine",
            "--bundle",
            str(real_bundle),
        ],
    )
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert len(items) == 2
    assert items[0]["title"] == "Boulangère"
    assert set(items[0]) == {"code_ogr", "code_rome", "title", "job_group", "score"}


def test_jobs_suggest_lines(real_bundle: Path) -> None:
    result = runner.invoke(app, ["jobs", "suggest", "aide soi", "--bundle", str(real_bundle)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split("\t")[1] == "J1501"


def test_batch(real_bundle: Path, tmp_path: Path) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_text("boulanger\n\nzzzzqqqxx\nAESH\n", encoding="utf-8")
    result = runner.invoke(app, ["jobs", "suggest", "--batch", str(queries), "-n", "3", "--bundle", str(real_bundle)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 4
    assert lines[0][0]["code_rome"] == "D1102" and lines[1] == [] and lines[2] == []
    assert lines[3][0]["code_rome"] == "K2113"  # ROME 4.0: child of K2104


def test_cities(real_bundle: Path, monkeypatch: object, tmp_path: Path) -> None:
    result = runner.invoke(app, ["cities", "suggest", "st etienne", "--json", "--bundle", str(real_bundle)])
    assert result.exit_code == 0
    first = json.loads(result.stdout)[0]
    assert first == {
        "code": "42218",
        "name": "Saint-Étienne",
        "postcodes": first["postcodes"],
        "departement": "42",
        "population": first["population"],
    }
    queries = tmp_path / "q.txt"
    queries.write_text("69003\nlyon\n", encoding="utf-8")
    batch = runner.invoke(app, ["cities", "suggest", "--batch", str(queries), "--bundle", str(real_bundle)])
    # a postcode gives the arrondissement it is the postcode of first
    assert [json.loads(line)[0]["code"] for line in batch.stdout.splitlines()] == ["69383", "69123"]


def test_job_groups(real_bundle: Path) -> None:
    result = runner.invoke(app, ["jobs", "groups", "boulangerie", "--json", "--bundle", str(real_bundle)])
    assert json.loads(result.stdout)[0]["code_rome"] == "D1102"


def test_errors_are_one_line(real_bundle: Path, tmp_path: Path) -> None:
    for arguments in (
        ["jobs", "suggest", "x", "--bundle", str(tmp_path / "missing.sqlite")],
        ["jobs", "suggest", "x", "--gender", "neutre", "--bundle", str(real_bundle)],
        ["jobs", "suggest", "x", "--limit", "0", "--bundle", str(real_bundle)],
        ["jobs", "suggest", "--bundle", str(real_bundle)],
        ["cities", "suggest", "--batch", str(tmp_path / "none.txt"), "--bundle", str(real_bundle)],
    ):
        result = runner.invoke(app, arguments)
        assert result.exit_code != 0, arguments
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stderr.startswith("error:")
        assert "Traceback" not in result.output
