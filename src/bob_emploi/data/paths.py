"""Where raw data and bundles live by default, so every command agrees."""

from __future__ import annotations

import os
from pathlib import Path

from bob_emploi.data.errors import BundleError, DataError


def default_bundle_path() -> Path:
    """Where `bob data build` writes when not told otherwise (XDG data directory)."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "bob-emploi" / "bundle.sqlite"


def output_bundle_path(option: Path | None) -> Path:
    """Where a build writes: --out, else $BOB_BUNDLE, else the default build path."""
    if option:
        return option
    return Path(os.environ["BOB_BUNDLE"]) if os.environ.get("BOB_BUNDLE") else default_bundle_path()


def resolve_bundle_path(option: Path | None) -> Path:
    """The bundle a command reads: --bundle, else $BOB_BUNDLE, else the default build path."""
    path = output_bundle_path(option)
    if not path.is_file():
        raise BundleError(
            f"no data bundle at {path}: build one with `bob data build --raw DIR` "
            "(or point --bundle / $BOB_BUNDLE at one)"
        )
    return path


def resolve_raw_dir(option: Path | None) -> Path:
    """The raw-data directory a build reads: --raw, else $BOB_RAW_DATA."""
    path = option or (Path(os.environ["BOB_RAW_DATA"]) if os.environ.get("BOB_RAW_DATA") else None)
    if path is None:
        raise DataError(
            "no raw-data directory: pass --raw DIR or set BOB_RAW_DATA (`bob data fetch --to DIR` downloads one)"
        )
    if not path.is_dir():
        raise DataError(f"{path}: raw-data directory not found")
    return path
