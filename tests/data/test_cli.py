"""`bob data …` from the command line: defaults, human output and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bob_emploi.cli import app
from tests.data.rawfixture import write_raw_dir

runner = CliRunner()


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No bundle or raw data from the environment: each test says what it uses."""
    monkeypatch.delenv("BOB_BUNDLE", raising=False)
    monkeypatch.delenv("BOB_RAW_DATA", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return tmp_path


def test_build_then_info_use_the_same_defaults(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOB_RAW_DATA", str(write_raw_dir(isolated / "raw")))
    built = runner.invoke(app, ["data", "build", "--quiet"])
    assert built.exit_code == 0, built.output
    assert (isolated / "xdg" / "bob-emploi" / "bundle.sqlite").is_file()
    info = runner.invoke(app, ["data", "info", "--json"])
    assert info.exit_code == 0, info.output
    assert json.loads(info.output)["job_titles"] == 7
    human = runner.invoke(app, ["data", "info", "--report"], env={"COLUMNS": "200"})
    assert "job_titles" in human.output
    assert "L1510" in human.output  # the repaired job group, from the build report


def test_bob_bundle_variable_wins_over_the_default(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = write_raw_dir(isolated / "raw")
    assert (
        runner.invoke(app, ["data", "build", "--raw", str(raw), "--out", str(isolated / "x.sqlite"), "-q"]).exit_code
        == 0
    )
    monkeypatch.setenv("BOB_BUNDLE", str(isolated / "x.sqlite"))
    info = runner.invoke(app, ["data", "info", "--json"])
    assert json.loads(info.output)["path"] == str(isolated / "x.sqlite")


def test_missing_bundle_and_raw_dir_are_explained(isolated: Path) -> None:
    info = runner.invoke(app, ["data", "info"])
    assert info.exit_code == 1
    assert "no data bundle at" in info.output and "bob data build" in info.output
    build = runner.invoke(app, ["data", "build"])
    assert build.exit_code == 1
    assert "pass --raw DIR or set BOB_RAW_DATA" in build.output


def test_build_writes_where_bob_bundle_points(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOB_RAW_DATA", str(write_raw_dir(isolated / "raw")))
    monkeypatch.setenv("BOB_BUNDLE", str(isolated / "mine.sqlite"))
    assert runner.invoke(app, ["data", "build", "-q"]).exit_code == 0
    assert (isolated / "mine.sqlite").is_file()
    assert not (isolated / "xdg" / "bob-emploi" / "bundle.sqlite").exists()
