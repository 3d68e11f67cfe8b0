"""Fixtures shared by every test package.

`raw_data_dir` is the real open data (BOB_RAW_DATA, else ../shared/data);
`real_bundle` builds a bundle from it once per test session (per xdist worker): ROME 4.0 when
the raw data has `rome4/`, as the shared copy has; `real_bundle_v347` builds one from the same
data without `rome4/`, so from ROME v3 release v347.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bob_emploi.data import Referential, build_bundle

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _raw_data_dir() -> Path | None:
    candidates = [os.environ.get("BOB_RAW_DATA"), str(PROJECT_ROOT.parent / "shared" / "data")]
    for candidate in candidates:
        if candidate and (Path(candidate) / "rome").is_dir():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def raw_data_dir() -> Path:
    path = _raw_data_dir()
    if path is None:
        pytest.fail("the real open data is needed: set BOB_RAW_DATA (see README)")
    return path


@pytest.fixture(scope="session")
def real_bundle(raw_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "bundle.sqlite"
    build_bundle(raw_data_dir, out, quiet=True)
    return out


@pytest.fixture(scope="session")
def real_bundle_v347(raw_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("raw_v347")
    for entry in raw_data_dir.iterdir():
        if entry.name != "rome4":
            (raw / entry.name).symlink_to(entry.resolve())
    out = tmp_path_factory.mktemp("bundle_v347") / "bundle.sqlite"
    build_bundle(raw, out, quiet=True)
    return out


@pytest.fixture(scope="session")
def referential(real_bundle: Path) -> Referential:
    return Referential.load(real_bundle)
