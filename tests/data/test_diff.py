"""`bob data diff`: two bundles of the tiny raw directory, the second with a title removed, one
moved to another job group, one renamed, one added and a job group renamed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bob_emploi.cli import app
from bob_emploi.data import BundleError, build_bundle
from bob_emploi.data.diff import diff_bundles
from tests.data.rawfixture import write_raw_dir

APPELLATIONS = "rome/unix_referentiel_appellation_v347_utf8.csv"
JOB_GROUPS = "rome/unix_referentiel_code_rome_v347_utf8.csv"


@pytest.fixture
def bundles(tmp_path: Path) -> tuple[Path, Path]:
    raw = write_raw_dir(tmp_path / "raw")
    old = build_bundle(raw, tmp_path / "old.sqlite", quiet=True).path
    titles = raw / APPELLATIONS
    lines = titles.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [line for line in lines if not line.startswith('"11111"')]  # removed
    lines = [line.replace('"H1503"', '"K2204"') if line.startswith('"12222"') else line for line in lines]  # moved
    lines = [line.replace("chimiste en laboratoire de contrôle", "chimiste de contrôle") for line in lines]
    lines.append(
        '"99999","Vendeur / Vendeuse en horlogerie","Vendeur / Vendeuse en horlogerie","D1214","1","PRINCIPALE","1"\n'
    )
    titles.write_text("".join(lines), encoding="utf-8")
    groups = raw / JOB_GROUPS
    groups.write_text(groups.read_text(encoding="utf-8").replace("Nettoyage de locaux", "Propreté des locaux"))
    new = build_bundle(raw, tmp_path / "new.sqlite", quiet=True).path
    return old, new


def test_diff_names_every_change(bundles: tuple[Path, Path]) -> None:
    diff = diff_bundles(*bundles)
    assert diff.counts() == {
        "groups_added": 0,
        "groups_removed": 0,
        "groups_renamed": 1,
        "titles_added": 1,
        "titles_removed": 1,
        "titles_renamed": 1,
        "titles_moved": 1,
    }
    assert diff.groups_renamed[0].new_name == "Propreté des locaux"
    assert diff.titles_moved[0].code_ogr == "12222"
    assert (diff.titles_moved[0].old_rome, diff.titles_moved[0].new_rome) == ("H1503", "K2204")
    assert diff.titles_removed[0].code_ogr == "11111"
    assert diff.affecting_titles() == {"11111": "removed", "12222": "moved from H1503 to K2204"}
    assert diff.old["rome_version"] == "347"


def test_diff_cli_json_and_table(bundles: tuple[Path, Path]) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["data", "diff", str(bundles[0]), str(bundles[1]), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["counts"]["titles_added"] == 1
    assert report["titles_added"][0]["new_label"] == "Vendeur / Vendeuse en horlogerie"
    table = runner.invoke(app, ["data", "diff", str(bundles[0]), str(bundles[1])], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    assert "titles moved" in table.output and "12222" in table.output


def test_diff_of_something_else_is_a_clear_error(bundles: tuple[Path, Path], tmp_path: Path) -> None:
    other = tmp_path / "notes.sqlite"
    other.write_text("hello")
    with pytest.raises(BundleError):
        diff_bundles(bundles[0], other)
    result = CliRunner().invoke(app, ["data", "diff", str(bundles[0]), str(other)])
    assert result.exit_code == 1
    assert "not a Bob data bundle" in result.output
