"""Every raw file the build reads, emptied, cut to its header, re-saved as UTF-16 or cut short:
the build stops naming that file and the previous bundle stays as it was.

Before, an empty FAP crosswalk gave a bundle with 0 FAP links, a header-only text or mobility
file 0 rows, and a header-only job-group file 532 groups named "(intitulé absent…)".
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bob_emploi.data import RawDataError, Referential, build_bundle
from bob_emploi.data.bundle import remove_stale_temporaries
from tests.data.rawfixture import add_market_samples, write_raw_dir


def _fixture_files(raw_data_dir: Path, root: Path) -> list[str]:
    raw = write_raw_dir(root)
    add_market_samples(raw, raw_data_dir / "market-samples")
    return sorted(str(path.relative_to(raw)) for path in raw.rglob("*") if path.is_file())


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _header_only(path: Path) -> None:
    data = path.read_bytes()
    if path.suffix == ".json":
        path.write_bytes(b"{}" if data.lstrip().startswith(b"{") else b"[]")
    elif path.suffix == ".txt":  # SAS formats: the blocks' opening lines, no mapping
        lines = [line for line in data.splitlines(keepends=True) if b"=" not in line]
        path.write_bytes(b"".join(lines))
    else:
        path.write_bytes(data.splitlines(keepends=True)[0])


def _utf16(path: Path) -> None:
    data = path.read_bytes()
    text = data.decode("utf-8") if path.suffix != ".txt" else data.decode("cp1252")
    path.write_bytes(text.encode("utf-16"))


def _cut_short(path: Path) -> None:
    """Cut in the middle of a line, as an interrupted download leaves it."""
    data = path.read_bytes()
    cut = len(data) * 3 // 5
    while cut > 1 and data[cut - 1 : cut] in (b"\n", b"\r", b"]", b"}"):
        cut -= 1
    path.write_bytes(data[:cut])


BREAKAGES = {"empty": _empty, "header-only": _header_only, "utf-16": _utf16, "cut-short": _cut_short}


@pytest.fixture(scope="module")
def fixture_files(raw_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return _fixture_files(raw_data_dir, tmp_path_factory.mktemp("listing") / "raw")


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_every_damaged_raw_file_is_refused_by_name(
    raw_data_dir: Path, fixture_files: list[str], tmp_path: Path, breakage: str
) -> None:
    raw = tmp_path / "raw"
    _fixture_files(raw_data_dir, raw)
    out = tmp_path / "bundle.sqlite"
    first = build_bundle(raw, out, quiet=True)
    before = out.read_bytes()
    accepted = []
    for name in fixture_files:
        path = raw / name
        original = path.read_bytes()
        BREAKAGES[breakage](path)
        try:
            build_bundle(raw, out, quiet=True)
        except RawDataError as error:
            assert str(error).startswith(name), f"{name} ({breakage}): {error}"
        else:
            accepted.append(name)
        finally:
            path.write_bytes(original)
        assert out.read_bytes() == before, name
    assert accepted == [], f"{breakage} files accepted"
    assert Referential.load(out).checksum == first.checksum
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bundle.sqlite", "raw"]


def test_a_job_group_file_cut_to_a_few_rows_is_refused(tmp_path: Path) -> None:
    """Cut at a line break, the file reads well row by row: only the coverage says it is short."""
    raw = write_raw_dir(tmp_path / "raw")
    groups = raw / "rome" / "unix_referentiel_code_rome_v347_utf8.csv"
    groups.write_bytes(b"".join(groups.read_bytes().splitlines(keepends=True)[:2]))
    with pytest.raises(RawDataError, match=r"rome/unix_referentiel_code_rome_v347_utf8\.csv: only 1 of"):
        build_bundle(raw, tmp_path / "bundle.sqlite", quiet=True)


def test_a_killed_build_leaves_nothing_behind_for_long(tmp_path: Path) -> None:
    out = tmp_path / "bundle.sqlite"
    dead = 2**22 + 12345  # above the usual pid_max: no such process
    running = os.getppid()
    leftovers = [
        tmp_path / f".bundle.sqlite.{dead}.tmp",
        tmp_path / f".bundle.sqlite.{dead}.tmp-journal",
    ]
    alive = tmp_path / f".bundle.sqlite.{running}.tmp"
    for path in (*leftovers, alive):
        path.write_bytes(b"partial")
    assert sorted(remove_stale_temporaries(out)) == sorted(leftovers)
    assert alive.exists()  # a build still running keeps its file
    assert not any(path.exists() for path in leftovers)
