"""`bob data diff`: what changed between two bundles, job groups and titles, and whom it concerns.

Bob's original team wrote a notebook by hand for each ROME release; this compares any two
bundles instead, whatever their schema version (it reads only columns every version has), so
that a release's effect on saved projects is known before it is deployed. A saved project
names a job title (`code_ogr`): it is affected when its title disappears, or moves to another
job group (its diagnostic then reads other figures).
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bob_emploi.data.bundle import open_bundle


@dataclass(frozen=True, slots=True)
class GroupChange:
    code_rome: str
    old_name: str | None  # None: added
    new_name: str | None  # None: removed


@dataclass(frozen=True, slots=True)
class TitleChange:
    code_ogr: str
    old_label: str | None  # None: added
    new_label: str | None  # None: removed
    old_rome: str | None
    new_rome: str | None


@dataclass
class BundleDiff:
    old: dict[str, str]  # path, rome_version, checksum
    new: dict[str, str]
    groups_added: list[GroupChange] = field(default_factory=list)
    groups_removed: list[GroupChange] = field(default_factory=list)
    groups_renamed: list[GroupChange] = field(default_factory=list)
    titles_added: list[TitleChange] = field(default_factory=list)
    titles_removed: list[TitleChange] = field(default_factory=list)
    titles_renamed: list[TitleChange] = field(default_factory=list)
    titles_moved: list[TitleChange] = field(default_factory=list)  # to another job group

    def affecting_titles(self) -> dict[str, str]:
        """{code_ogr: why} for the titles whose saved projects change: removed or moved."""
        reasons = {change.code_ogr: "removed" for change in self.titles_removed}
        for change in self.titles_moved:
            reasons[change.code_ogr] = f"moved from {change.old_rome} to {change.new_rome}"
        return reasons

    def counts(self) -> dict[str, int]:
        return {
            name: len(getattr(self, name))
            for name in (
                "groups_added",
                "groups_removed",
                "groups_renamed",
                "titles_added",
                "titles_removed",
                "titles_renamed",
                "titles_moved",
            )
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "counts": self.counts(),
            **{name: [asdict(change) for change in getattr(self, name)] for name in self.counts()},
        }


def _describe(path: Path, connection: sqlite3.Connection) -> dict[str, str]:
    meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    return {
        "path": str(path),
        "rome_version": meta.get("rome_version", "347"),  # bundles before ROME 4.0 were all v347
        "schema_version": meta.get("schema_version", ""),
        "checksum": meta.get("checksum", ""),
    }


def _read(path: Path) -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, str]]]:
    connection = open_bundle(path)
    try:
        about = _describe(path, connection)
        groups = dict(connection.execute("SELECT code_rome, name FROM job_groups").fetchall())
        titles = {
            code: (label, rome)
            for code, label, rome in connection.execute("SELECT code_ogr, neutral, code_rome FROM job_titles")
        }
    finally:
        connection.close()
    return about, groups, titles


def diff_bundles(old_path: Path, new_path: Path) -> BundleDiff:
    """Compares two bundles' job groups and titles (raises `BundleError` when one is not a bundle)."""
    old_about, old_groups, old_titles = _read(old_path)
    new_about, new_groups, new_titles = _read(new_path)
    diff = BundleDiff(old_about, new_about)
    for code in sorted(old_groups.keys() | new_groups.keys()):
        old, new = old_groups.get(code), new_groups.get(code)
        change = GroupChange(code, old, new)
        if old is None:
            diff.groups_added.append(change)
        elif new is None:
            diff.groups_removed.append(change)
        elif old != new:
            diff.groups_renamed.append(change)
    for code in sorted(old_titles.keys() | new_titles.keys(), key=lambda value: (len(value), value)):
        old_label, old_rome = old_titles.get(code, (None, None))
        new_label, new_rome = new_titles.get(code, (None, None))
        title = TitleChange(code, old_label, new_label, old_rome, new_rome)
        if old_label is None:
            diff.titles_added.append(title)
        elif new_label is None:
            diff.titles_removed.append(title)
        else:
            if old_rome != new_rome:
                diff.titles_moved.append(title)
            if old_label != new_label:
                diff.titles_renamed.append(title)
    return diff
