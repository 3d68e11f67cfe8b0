"""Shared setup of the notebooks: a data bundle to read, built from the raw open data when needed.

- `$BOB_BUNDLE` set: that bundle is read as is (its build report and counts come from the bundle itself);
- otherwise a fresh bundle is built from `$BOB_RAW_DATA`, else `../../shared/data` relative to this
  folder, into a temporary directory (`workdir()`).

`get_v347_bundle()` builds from the same raw files without `rome4/`: the build then reads ROME v3
release v347, which notebooks 1 and 2 describe (notebook 4 compares it with ROME 4.0).

Never copy raw data into the repository: the notebooks only read it.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from bob_emploi.data import BuildResult, Referential, build_bundle
from bob_emploi.data.bundle import read_meta

NOTEBOOKS_DIR = Path(__file__).resolve().parent
_workdir: tempfile.TemporaryDirectory[str] | None = None


def workdir() -> Path:
    """A temporary directory for this kernel's files (the bundles it builds).

    `run.py` provides one (`$BOB_NOTEBOOK_WORKDIR`) and removes it after the run; in an interactive
    session, one is made here and removed when the kernel exits.
    """
    global _workdir
    given = os.environ.get("BOB_NOTEBOOK_WORKDIR")
    if given:
        return Path(given)
    if _workdir is None:
        _workdir = tempfile.TemporaryDirectory(prefix="bob-notebook-")
    return Path(_workdir.name)


def raw_data_dir() -> Path:
    """Where the raw open-data files are: `$BOB_RAW_DATA`, else the shared copy next to the repository."""
    raw = Path(os.environ.get("BOB_RAW_DATA") or NOTEBOOKS_DIR / ".." / ".." / "shared" / "data").resolve()
    if not raw.is_dir():
        raise FileNotFoundError(f"{raw}: no raw-data directory; set BOB_RAW_DATA (or BOB_BUNDLE)")
    return raw


def get_bundle() -> BuildResult:
    """The bundle the notebook reads, with its checksum, counts and build report."""
    given = os.environ.get("BOB_BUNDLE")
    if given:
        path = Path(given)
        meta = read_meta(path)
        referential = Referential.load(path)
        try:
            report = [tuple(row) for row in referential.iter_rows("build_report")]
        finally:
            referential.close()
        return BuildResult(path, meta.get("checksum", ""), json.loads(meta.get("counts", "{}")), report)
    return build_bundle(raw_data_dir(), workdir() / "bundle.sqlite", quiet=True)


def get_v347_bundle() -> BuildResult:
    """A bundle of ROME v3 release v347: the raw directory seen without its `rome4/` folder."""
    raw = raw_data_dir()
    v347_raw = workdir() / "raw-v347"
    v347_raw.mkdir(exist_ok=True)
    for entry in raw.iterdir():
        if entry.name != "rome4" and not (v347_raw / entry.name).exists():
            (v347_raw / entry.name).symlink_to(entry.resolve())
    return build_bundle(v347_raw, workdir() / "bundle-v347.sqlite", quiet=True)
